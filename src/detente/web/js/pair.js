// Pair view: how two actors relate over time (Observable Plot timeline of the score per period), the events
// with their evidence sentences, the quotes in which one side speaks about the other, and each outlet's view.
/* global Plot */
import {
  api, badge, choice, el, empty, fill, fmtScore, link, outletSelect, plural, table, toneBadge, toneColor, trendBadge, whenText,
  withParams,
} from "./util.js";

const PERIODS = [["week", "by week"], ["month", "by month"], ["year", "by year"]];
const QUAD_LABELS = {
  verbal_coop: "verbal cooperation", material_coop: "material cooperation",
  verbal_conflict: "verbal conflict", material_conflict: "material conflict",
};

export async function pairView(root, [a, b], params, current) {
  const period = params.period || "month";
  const outlet = params.outlet || "";
  const go = (changes) => { location.hash = link.pair(a, b, { period, outlet, level: params.level, ...changes }); };
  const data = await api(`/api/pairs/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
    { period, outlet, level: params.level });
  if (!current()) return;
  const p = data.pair;
  const drivers = new Set((p.trend.drivers || []).map((d) => `${d.article_id}#${d.idx}`));
  fill(root, 
    el("h2", { class: "pair-title" },
      el("a", { href: link.actor(p.a) }, p.names.a), " – ", el("a", { href: link.actor(p.b) }, p.names.b)),
    el("div", { class: "summary" },
      toneBadge(p.tone, p.score_mean), " ", trendBadge(p.trend), " ",
      badge(plural(p.n, "event"), "muted", "scored events (occurred or planned)"), " ",
      badge(`${p.n_ab} ${p.a}→${p.b}`, "muted"), " ", badge(`${p.n_ba} ${p.b}→${p.a}`, "muted"), " ",
      p.n_unscored ? badge(`${p.n_unscored} negated or hypothetical`, "muted", "listed, not scored") : null, " ",
      badge(plural(p.n_quotes, "quote"), "muted"), " ",
      el("span", { class: "hint" }, `mean ${fmtScore(p.score_mean)}, sum ${fmtScore(p.score_sum)}`)),
    el("div", { class: "controls" },
      choice("period", PERIODS, period, (v) => go({ period: v })), " ",
      await outletSelect(outlet, (v) => go({ outlet: v })), " ",
      el("a", { href: withParams(`/api/pairs/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { period, outlet }), class: "json" }, "JSON")),
    el("section", { class: "timeline", id: "timeline" }, el("h3", {}, `Score ${PERIODS.find(([v]) => v === period)[1]}`),
      timeline(data, Math.max(560, root.clientWidth - 40))),
    quadBar(p),
    data.by_outlet.length > 1 ? el("section", {}, el("h3", {}, "As each outlet portrays it"), outletTable(data, go)) : null,
    el("section", {}, el("h3", {}, `Events (${data.events.length})`),
      el("p", { class: "hint" }, "★ drives the trend. Struck-through events are negated or hypothetical: listed, never scored."),
      eventList(data.events, drivers)),
    el("section", {}, el("h3", {}, `Quotes (${data.quotes.length})`), quoteList(data.quotes, p)));
}

function timeline(data, width) {
  const series = data.series.filter((s) => s.score_mean !== null);
  if (!series.length) return empty("No dated, scored events: nothing to plot.");
  const events = data.events.filter((e) => e.scored && e.period && e.score !== null);
  const parse = (s) => new Date(`${s}T00:00:00Z`);
  const chart = Plot.plot({
    width, height: 280, marginLeft: 48, style: { fontSize: "12px", background: "transparent" },
    x: { type: "utc", label: null, nice: true },
    y: { label: "score (−10 conflict … +10 cooperation)", grid: true, domain: [Math.min(-2, ...events.map((e) => e.score)) - 0.5,
      Math.max(2, ...events.map((e) => e.score)) + 0.5] },
    marks: [
      Plot.ruleY([0], { stroke: "#888" }),
      Plot.dot(events, { x: (e) => parse(e.period), y: "score", r: 3, fill: (e) => (e.remembered ? "none" : toneColor(e.score)),
        stroke: (e) => (e.remembered ? toneColor(e.score) : "none"), fillOpacity: 0.45,
        title: (e) => `${whenText(e.when, e.when_inferred)} ${e.type} ${e.source}→${e.target} ${fmtScore(e.score)}${e.remembered ? " (remembered: not fitted)" : ""}` }),
      Plot.line(series, { x: (s) => parse(s.period), y: "score_mean", stroke: "#334", strokeWidth: 2 }),
      Plot.dot(series, { x: (s) => parse(s.period), y: "score_mean", r: (s) => 3 + 2 * Math.sqrt(s.n),
        fill: (s) => toneColor(s.score_mean), stroke: "#334",
        title: (s) => `${s.period}: mean ${fmtScore(s.score_mean)} over ${s.n} events` }),
    ],
  });
  chart.classList.add("plot");
  chart.dataset.points = String(series.length);
  return chart;
}

function quadBar(p) {
  const total = Object.values(p.by_quad).reduce((x, y) => x + y, 0);
  if (!total) return null;
  return el("div", { class: "quads", title: "events by PLOVER quad class" },
    Object.entries(p.by_quad).filter(([, n]) => n).map(([q, n]) =>
      el("span", { class: `quad ${q}`, style: `flex:${n}` }, `${QUAD_LABELS[q]} ${n}`)));
}

function outletTable(data, go) {
  return table(data.by_outlet, [
    ["outlet", (o) => (o.outlet === "(unknown outlet)" ? o.outlet
      : el("a", { href: "#", onclick: (e) => { e.preventDefault(); go({ outlet: o.outlet }); } }, o.outlet))],
    ["events", (o) => String(o.n)],
    ["mean", (o) => fmtScore(o.score_mean)],
    ["tone", (o) => toneBadge(o.tone, o.score_mean)],
  ], { class: "grid compact" });
}

export function eventList(events, drivers = new Set()) {
  if (!events.length) return empty("No events.");
  return el("ol", { class: "events" }, events.map((e) => {
    const key = `${e.article_id}#${e.idx}`;
    return el("li", { class: `event ${e.scored === false ? "unscored" : ""}`, dataset: { key } },
      el("div", { class: "event-head" },
        drivers.has(key) ? el("span", { class: "driver", title: "drives the trend" }, "★ ") : null,
        el("span", { class: "date" }, whenText(e.when, e.when_inferred)), " ",
        e.remembered ? badge("remembered", "muted", "dated before the period the articles report on: shown, not fitted") : null, " ",
        el("span", { class: `badge quad ${e.quad || ""}` }, e.type + (e.mode ? `/${e.mode}` : "")), " ",
        el("span", { class: "dir" }, `${e.source} → ${e.target}`), " ",
        el("span", { class: "score", style: `color:${toneColor(e.score)}` }, fmtScore(e.score)), " ",
        e.status !== "occurred" ? badge(e.status, "muted") : null),
      el("blockquote", { class: "evidence" }, e.evidence?.text || ""),
      el("div", { class: "source" }, e.outlet || "unknown outlet", " · ",
        el("a", { href: link.article(e.article_id, { hl: `event:${e.idx}` }) }, e.title || "article")));
  }));
}

export function quoteList(quotes, p) {
  if (!quotes.length) return empty(p ? `Neither side is quoted about the other.` : "No quotes.");
  return el("ul", { class: "quotes" }, quotes.map((q) =>
    el("li", { class: "quote" },
      el("blockquote", {}, `“${q.text}”`),
      el("div", { class: "source" }, "— ",
        q.speaker_id ? el("a", { href: link.actor(q.speaker_id) }, q.speaker_name || q.speaker_id)
          : (q.speaker_name || (q.anonymous ? "anonymous source" : "unknown speaker")),
        q.speaker_description ? `, ${q.speaker_description}` : "",
        q.about ? ` (about ${q.about})` : "", " · ", q.outlet || "unknown outlet", " ", q.published || "", " · ",
        el("a", { href: link.article(q.article_id, { hl: `quote:${q.idx}` }) }, "in the article")))));
}

export async function pairsView(root, _args, params, current) {
  const period = params.period || "month";
  const level = params.level || "state";
  const outlet = params.outlet || "";
  const go = (changes) => { location.hash = withParams("#/pairs", { period, level, outlet, ...changes }); };
  const data = await api("/api/pairs", { period, level, outlet });
  if (!current()) return;
  fill(root, el("h2", {}, "Pairs"),
    el("div", { class: "controls" },
      choice("level", [["state", "countries"], ["actor", "people and countries"]], level, (v) => go({ level: v })), " ",
      choice("period", PERIODS, period, (v) => go({ period: v })), " ",
      await outletSelect(outlet, (v) => go({ outlet: v }))),
    data.items.length ? table(data.items, [
      ["pair", (p) => el("a", { href: link.pair(p.a, p.b, { period, outlet }) }, `${p.names.a} – ${p.names.b}`)],
      ["events", (p) => String(p.n)],
      ["a→b / b→a", (p) => `${p.n_ab} / ${p.n_ba}`],
      ["coop / conflict", (p) => `${p.coop} / ${p.conflict}`],
      ["mean", (p) => fmtScore(p.score_mean)],
      ["tone", (p) => toneBadge(p.tone, p.score_mean)],
      ["trend", (p) => trendBadge(p.trend)],
      ["quotes", (p) => String(p.n_quotes)],
      ["first – last", (p) => `${p.first || "?"} – ${p.last || "?"}`],
    ], { id: "pairs-table" }) : empty("No events between two actors in the store yet."));
}
