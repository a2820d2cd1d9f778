// Article view: the text as stored, with actor mentions, quotes (speaker, cue), events (evidence) and time
// expressions highlighted from their character spans. Built from text nodes only: the article may contain
// anything, including markup, and it must show as text.
import { api, fill, badge, el, empty, fmtScore, link, table, toneColor, whenText, withParams } from "./util.js";

const KINDS = [
  ["actor", "actors"], ["quote", "quotes"], ["speaker", "speakers"], ["cue", "cues"], ["event", "events"], ["timex", "dates"],
  ["removed", "removed debris"],
];

/** Split the text at every highlight boundary; each piece knows which highlights cover it. */
export function segments(text, highlights) {
  const cuts = new Set([0, text.length]);
  for (const h of highlights) {
    if (h.start >= 0 && h.end <= text.length && h.start < h.end) {
      cuts.add(h.start);
      cuts.add(h.end);
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    out.push({ start: s, end: e, covering: highlights.filter((h) => h.start <= s && h.end >= e && h.start < h.end) });
  }
  return out;
}

function renderText(text, highlights, onPick) {
  const body = el("div", { class: "article-text", id: "article-text" });
  for (const seg of segments(text, highlights)) {
    const piece = text.slice(seg.start, seg.end);
    if (!seg.covering.length) {
      body.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(seg.covering.map((h) => h.kind))];
    const refs = (kind) => seg.covering.filter((h) => h.kind === kind).map((h) => h.ref).join(" ");
    const span = el("span", {
      class: ["hl", ...kinds.map((k) => `hl-${k}`)].join(" "),
      title: seg.covering.map((h) => h.label).join("\n"),
      dataset: Object.fromEntries(kinds.map((k) => [k, refs(k)])),
    }, piece);
    span.addEventListener("click", () => onPick(seg.covering));
    body.append(span);
  }
  return body;
}

export async function articleView(root, [id], params, current) {
  const data = await api(`/api/articles/${encodeURIComponent(id)}`);
  if (!current()) return;
  const art = data.article;
  const inspector = el("div", { class: "inspector", id: "inspector" },
    el("p", { class: "hint" }, "Click a highlighted passage to see what was found there."));
  const text = renderText(data.text, data.highlights, (covering) => inspector.replaceChildren(...inspect(covering, data)));
  const toggles = el("div", { class: "toggles" }, KINDS.map(([kind, label]) => el("label", { class: `toggle hl-${kind}` },
    el("input", { type: "checkbox", checked: true, onchange: (e) => text.classList.toggle(`hide-${kind}`, !e.target.checked) }),
    ` ${label}`)));
  fill(root, 
    el("h2", { class: "article-title" }, art.title || (art.source || art.id).split(/[\\/]/).pop()),
    el("p", { class: "meta" }, [art.outlet || "unknown outlet", whenText(art.published, art.published_inferred),
      art.genre, art.dateline, (art.authors || []).join(", ")].filter(Boolean).join(" · "),
    " · ", el("a", { href: `/api/articles/${encodeURIComponent(art.id)}`, class: "json" }, "JSON")),
    toggles,
    el("div", { class: "article-layout" }, text,
      el("aside", { class: "side" }, inspector, lists(data, text))));
  if (params.hl) focus(text, params.hl);
}

function inspect(covering, data) {
  return covering.map((h) => {
    if (h.kind === "actor") {
      const a = data.actors.find((x) => x.id === h.ref) || {};
      return el("div", { class: "pick" }, badge("actor", "muted"), " ", el("a", { href: link.actor(h.ref) }, a.name || h.ref),
        a.kind ? ` (${a.kind}${a.country && a.country !== a.id ? `, ${a.country}` : ""})` : "",
        a.description ? el("div", { class: "hint" }, a.description) : null);
    }
    if (h.kind === "quote" || h.kind === "speaker" || h.kind === "cue") {
      const q = data.quotes[h.ref] || {};
      const who = q.speaker?.name || (q.speaker?.anonymous ? "anonymous source" : "unknown speaker");
      return el("div", { class: "pick" }, badge(h.kind, "muted"), " ", q.speaker?.actor_id ? el("a", { href: link.actor(q.speaker.actor_id) }, who) : who,
        q.speaker?.description ? el("div", { class: "hint" }, q.speaker.description) : null);
    }
    if (h.kind === "event") {
      const e = data.events[h.ref] || {};
      return el("div", { class: "pick" }, badge(e.type || "event", `quad`), " ",
        e.source && e.target ? el("a", { href: link.pair(e.source, e.target) }, `${e.source} → ${e.target}`) : "",
        " ", el("span", { style: `color:${toneColor(e.score)}` }, fmtScore(e.score)), " ", badge(e.status || "", "muted"),
        e.date ? ` ${e.date}` : "");
    }
    return el("div", { class: "pick" }, badge(h.kind, "muted"), " ", h.label);
  });
}

function flash(text, selector) {
  const hits = [...text.querySelectorAll(selector)];
  for (const node of text.querySelectorAll(".flash")) node.classList.remove("flash");
  for (const node of hits) node.classList.add("flash");
  if (hits.length) hits[0].scrollIntoView({ block: "center", behavior: "smooth" });
  return hits.length;
}

/** ?hl=event:3, quote:0 or actor:JPN -> scroll to and flash that span. */
function focus(text, hl) {
  const [kind, ref] = hl.split(/:(.*)/s);
  if (["event", "quote", "actor"].includes(kind)) flash(text, `[data-${kind}~="${CSS.escape(ref)}"]`);
}

function lists(data, text) {
  const pick = (kind, ref) => (e) => { e.preventDefault(); flash(text, `[data-${kind}~="${CSS.escape(String(ref))}"]`); };
  return el("div", { class: "lists" },
    el("h3", {}, `Actors (${data.actors.length})`),
    data.actors.length ? table(data.actors, [
      ["actor", (a) => el("a", { href: link.actor(a.id) }, a.name)],
      ["kind", (a) => a.kind],
      ["", (a) => el("a", { href: "#", onclick: pick("actor", a.id), title: "show the mentions" }, `${a.mentions.length}×`)],
    ], { class: "grid compact", id: "article-actors" }) : empty("none found"),
    el("h3", {}, `Quotes (${data.quotes.length})`),
    data.quotes.length ? el("ol", { class: "mini" }, data.quotes.map((q, k) => el("li", {},
      el("a", { href: "#", onclick: pick("quote", k) }, q.speaker?.name || (q.speaker?.anonymous ? "anonymous" : "unknown")),
      `: “${q.text.length > 90 ? q.text.slice(0, 90) + "…" : q.text}”`))) : empty("none found"),
    el("h3", {}, `Events (${data.events.length})`),
    data.events.length ? el("ol", { class: "mini" }, data.events.map((e, k) => el("li", { class: e.status === "negated" || e.status === "hypothetical" ? "unscored" : "" },
      el("a", { href: "#", onclick: pick("event", k) }, e.type), ` ${e.source || "?"} → ${e.target || "?"} `,
      el("span", { style: `color:${toneColor(e.score)}` }, fmtScore(e.score)), ` ${e.status}`))) : empty("none found"));
}

export async function articlesView(root, _args, params, current) {
  const outlet = params.outlet || "";
  const offset = Number(params.offset || 0);
  const data = await api("/api/articles", { outlet, limit: 100, offset });
  if (!current()) return;
  fill(root, el("h2", {}, `Articles (${data.total})`),
    data.items.length ? table(data.items, [
      ["published", (r) => r.published || "undated"],
      ["outlet", (r) => r.outlet || ""],
      ["title", (r) => el("a", { href: link.article(r.id) }, r.title || r.source)],
      ["genre", (r) => r.genre || ""],
      ["events", (r) => String(r.events)], ["quotes", (r) => String(r.quotes)],
    ], { id: "articles-table" }) : empty("The store holds no articles: ingest some with 'detente ingest PATH'."),
    data.total > offset + 100 ? el("a", { href: withParams("#/articles", { outlet, offset: offset + 100 }) }, "next 100 →") : null);
}
