// Actor network: sigma.js (WebGL) over a graphology graph laid out with d3-force. Nodes are sized by
// mentions, edges coloured by tone (red conflict .. green cooperation) and sized by event count.
// Click a node -> actor page, an edge -> pair view. Without WebGL an SVG drawing of the same layout is used.
/* global graphology, Sigma, d3 */
import { api, choice, el, empty, fill, fmtScore, link, outletSelect, plural, toneBadge, toneColor, withParams } from "./util.js";

const KIND_COLORS = { state: "#3b5b92", person: "#8e5ba8", organization: "#2a8c8c", group: "#b07a2a" };

export async function networkView(root, _args, params, current) {
  const level = params.level || "state";
  const outlet = params.outlet || "";
  const go = (changes) => { location.hash = withParams("#/network", { level, outlet, ...changes }); };
  const data = await api("/api/graph", { level, outlet, min_events: params.min_events });
  if (!current()) return;
  const controls = el("div", { class: "controls" },
    el("label", {}, "show ", choice("level", [["state", "countries"], ["actor", "people and countries"]], level,
      (v) => go({ level: v }))),
    el("label", {}, " in ", await outletSelect(outlet, (v) => go({ outlet: v }))),
    legend());
  const stage = el("div", {
    id: "network", class: "network",
    dataset: { nodes: data.nodes.length, edges: data.edges.length, level },
  });
  const side = el("aside", { class: "side" }, el("h3", {}, "Strongest ties"),
    data.edges.length ? strongest(data) : empty("No events between two actors yet."));
  fill(root, 
    el("h2", {}, "Actor network"),
    el("p", { class: "hint" }, "Node size: mentions across articles. Edge colour: mean tone of the events between the " +
      "two sides; width: number of events. Click a node for the actor, an edge for the pair."),
    controls, el("div", { class: "network-layout" }, stage, side));
  if (!data.nodes.length) {
    stage.append(empty("The store has no actors yet: ingest articles with 'detente ingest'."));
    return;
  }
  const positions = layout(data);
  if (!hasWebGL()) {
    drawSvg(stage, data, positions);
    return;
  }
  try {
    await loadScript("/static/vendor/sigma.min.js"); // sigma probes WebGL as it loads: only load it where it works
    if (!current()) return;
    drawSigma(stage, data, positions);
  } catch (err) {
    console.warn("sigma could not start, drawing the network as SVG:", err);
    stage.replaceChildren();
    drawSvg(stage, data, positions);
  }
}

let sigmaLoading = null;

function loadScript(src) {
  if (window.Sigma) return Promise.resolve();
  sigmaLoading ??= new Promise((resolve, reject) => {
    const script = el("script", { src });
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`could not load ${src}`)));
    document.head.append(script);
  });
  return sigmaLoading;
}

function hasWebGL() {
  const probe = document.createElement("canvas");
  return Boolean(probe.getContext("webgl2") || probe.getContext("webgl"));
}

function legend() {
  const stops = [-6, -3, 0, 3, 6].map((s) => el("span", { class: "swatch", style: `background:${toneColor(s)}` }, fmtScore(s)));
  return el("div", { class: "legend" }, el("span", {}, "tone: conflict "), stops, el("span", {}, " cooperation"));
}

function strongest(data) {
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
  const top = [...data.edges].sort((x, y) => y.weight - x.weight || x.source.localeCompare(y.source)).slice(0, 15);
  return el("ol", { class: "ties", id: "ties" }, top.map((e) => el("li", {},
    el("a", { href: link.pair(e.source, e.target), class: "pair-link" }, `${names[e.source]} – ${names[e.target]}`),
    el("div", { class: "tie-meta" }, toneBadge(e.label, e.tone), " ", plural(e.weight, "event"),
      e.trend ? ` · ${e.trend}` : "", e.n_quotes ? ` · ${plural(e.n_quotes, "quote")}` : ""))));
}

function nodeSize(n, maxMentions) {
  return 5 + 20 * Math.sqrt((n.mentions || 0) / Math.max(1, maxMentions));
}

/** A deterministic force layout (d3-force, run to rest before drawing); returns id -> {x, y}. */
function layout(data) {
  const nodes = data.nodes.map((n, i) => ({ id: n.id, x: 100 * Math.cos(i), y: 100 * Math.sin(i) }));
  const links = data.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight }));
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(90).strength((l) => Math.min(1, 0.2 + l.weight / 10)))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("collide", d3.forceCollide(28))
    .force("x", d3.forceX(0).strength(0.05))
    .force("y", d3.forceY(0).strength(0.05))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  return Object.fromEntries(nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
}

function drawSigma(stage, data, positions) {
  const graph = new graphology.UndirectedGraph();
  const maxMentions = Math.max(...data.nodes.map((n) => n.mentions || 0), 1);
  const maxWeight = Math.max(...data.edges.map((e) => e.weight), 1);
  for (const n of data.nodes) {
    graph.addNode(n.id, {
      label: n.name, x: positions[n.id].x, y: -positions[n.id].y, size: nodeSize(n, maxMentions),
      color: KIND_COLORS[n.kind] || "#6b7280",
    });
  }
  for (const e of data.edges) {
    if (graph.hasEdge(e.source, e.target)) continue;
    graph.addEdge(e.source, e.target, {
      size: 1.5 + 7 * Math.sqrt(e.weight / maxWeight), color: toneColor(e.tone),
      label: `${e.weight} events, mean ${fmtScore(e.tone)}`,
    });
  }
  const renderer = new Sigma(graph, stage, {
    enableEdgeEvents: true, renderEdgeLabels: false, labelRenderedSizeThreshold: 0, labelSize: 13,
    labelWeight: "600", zIndex: true, stagePadding: 60, defaultEdgeType: "line", minCameraRatio: 0.2, maxCameraRatio: 5,
  });
  stage.dataset.renderer = "sigma";
  stage.sigma = renderer; // for tests and the console: graphToViewport(), getGraph()
  renderer.on("clickNode", ({ node }) => { location.hash = link.actor(node); });
  renderer.on("clickEdge", ({ edge }) => {
    const [a, b] = graph.extremities(edge);
    location.hash = link.pair(a, b);
  });
  const hover = (on) => () => { stage.style.cursor = on ? "pointer" : "default"; };
  renderer.on("enterNode", hover(true));
  renderer.on("leaveNode", hover(false));
  renderer.on("enterEdge", hover(true));
  renderer.on("leaveEdge", hover(false));
  // The view is replaced on navigation: release the WebGL context with it.
  const observer = new MutationObserver(() => {
    if (!document.body.contains(stage)) {
      renderer.kill();
      observer.disconnect();
    }
  });
  observer.observe(document.getElementById("view"), { childList: true });
}

function drawSvg(stage, data, positions) {
  const width = stage.clientWidth || 800;
  const height = stage.clientHeight || 560;
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  const x = d3.scaleLinear().domain(d3.extent(xs)).range([40, width - 40]);
  const y = d3.scaleLinear().domain(d3.extent(ys)).range([30, height - 30]);
  const maxMentions = Math.max(...data.nodes.map((n) => n.mentions || 0), 1);
  const maxWeight = Math.max(...data.edges.map((e) => e.weight), 1);
  const svg = d3.select(stage).append("svg").attr("width", width).attr("height", height).attr("class", "network-svg");
  svg.selectAll("line").data(data.edges).join("line")
    .attr("x1", (e) => x(positions[e.source].x)).attr("y1", (e) => y(positions[e.source].y))
    .attr("x2", (e) => x(positions[e.target].x)).attr("y2", (e) => y(positions[e.target].y))
    .attr("stroke", (e) => toneColor(e.tone)).attr("stroke-width", (e) => 1.5 + 7 * Math.sqrt(e.weight / maxWeight))
    .style("cursor", "pointer").on("click", (_, e) => { location.hash = link.pair(e.source, e.target); })
    .append("title").text((e) => `${e.source} – ${e.target}: ${e.weight} events, mean ${fmtScore(e.tone)}`);
  const g = svg.selectAll("g.node").data(data.nodes).join("g").attr("class", "node")
    .attr("transform", (n) => `translate(${x(positions[n.id].x)},${y(positions[n.id].y)})`)
    .style("cursor", "pointer").on("click", (_, n) => { location.hash = link.actor(n.id); });
  g.append("circle").attr("r", (n) => nodeSize(n, maxMentions) / 1.5).attr("fill", (n) => KIND_COLORS[n.kind] || "#6b7280");
  g.append("text").attr("dx", 10).attr("dy", 4).text((n) => n.name);
  stage.dataset.renderer = "svg";
}
