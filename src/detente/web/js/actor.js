// Actor page: who the actor is (names, roles, affiliation history across articles), whom it deals with
// (pairs, with tone and trend), what it did or suffered (events) and what it said (quotes).
import { api, fill, badge, choice, el, empty, fmtScore, link, table, toneBadge, trendBadge, withParams } from "./util.js";
import { eventList, quoteList } from "./pair.js";

export async function actorView(root, [id], _params, current) {
  const a = await api(`/api/actors/${encodeURIComponent(id)}`);
  if (!current()) return;
  const other = (p) => (p.a === a.id ? p.b : p.a);
  const otherName = (p) => (p.a === a.id ? p.names.b : p.names.a);
  fill(root, 
    el("h2", {}, a.name || a.id, " ", badge(a.kind || "actor", "muted"), a.country && a.country !== a.id ? badge(a.country, "muted") : null),
    el("p", { class: "hint" }, `${a.id} · ${a.articles_count ?? 0} articles · ${a.mentions ?? 0} mentions`,
      (a.names || []).length > 1 ? ` · also written ${a.names.slice(1).map((n) => n.name).join(", ")}` : ""),
    (a.roles || []).length ? el("section", {}, el("h3", {}, "Roles"), table(a.roles, [
      ["title", (r) => r.title], ["of", (r) => r.of || ""], ["from", (r) => r.from || ""], ["to", (r) => r.to || ""],
      ["source", (r) => r.source || ""],
    ], { class: "grid compact" })) : null,
    (a.affiliation_history || []).length ? el("section", {}, el("h3", {}, "Affiliation and description by article"),
      table(a.affiliation_history, [
        ["published", (h) => h.published || ""], ["outlet", (h) => h.outlet || ""],
        ["affiliation", (h) => h.affiliation || ""], ["description", (h) => h.description || ""],
        ["article", (h) => el("a", { href: link.article(h.article_id) }, "open")],
      ], { class: "grid compact" })) : null,
    el("section", {}, el("h3", {}, "Relations"),
      a.partners.length ? table(a.partners, [
        ["with", (p) => el("a", { href: link.pair(a.id, other(p), { level: a.level }) }, otherName(p))],
        ["events", (p) => String(p.n)],
        ["mean", (p) => fmtScore(p.score_mean)],
        ["tone", (p) => toneBadge(p.tone, p.score_mean)],
        ["trend", (p) => trendBadge(p.trend)],
        ["quotes", (p) => String(p.n_quotes)],
      ], { class: "grid compact", id: "partners" }) : empty("No events with another actor.")),
    el("section", {}, el("h3", {}, `Quotes by ${a.name || a.id} (${(a.quotes || []).length})`), quoteList(a.quotes || [])),
    el("section", {}, el("h3", {}, `Events (${a.events.length})`), eventList(a.events)),
    (a.same_surname || []).length ? el("section", {}, el("h3", {}, "Same surname, kept apart"),
      el("ul", {}, a.same_surname.map((s) => el("li", {}, el("a", { href: link.actor(s.id) }, s.name || s.id))))) : null,
    el("section", {}, el("h3", {}, "Articles"), table(a.articles || [], [
      ["published", (r) => r.published || ""], ["outlet", (r) => r.outlet || ""],
      ["title", (r) => el("a", { href: link.article(r.article_id) }, r.title || r.source || r.article_id)],
      ["mentions", (r) => String(r.n_mentions ?? "")],
    ], { class: "grid compact" })));
}

export async function actorsView(root, _args, params, current) {
  const kind = params.kind || "";
  const q = params.q || "";
  const data = await api("/api/actors", { kind, q, limit: 500 });
  if (!current()) return;
  const form = el("form", { class: "controls", onsubmit: (e) => {
    e.preventDefault();
    location.hash = withParams("#/actors", { kind, q: form.elements.q.value.trim() });
  } },
  choice("kind", [["", "all kinds"], ["state", "states"], ["person", "people"], ["organization", "organisations"],
    ["group", "groups"]], kind, (v) => { location.hash = withParams("#/actors", { kind: v, q }); }), " ",
  el("input", { name: "q", value: q, placeholder: "name, description, affiliation" }), " ",
  el("button", { type: "submit" }, "Filter"));
  fill(root, el("h2", {}, `Actors (${data.total})`), form,
    data.items.length ? table(data.items, [
      ["name", (r) => el("a", { href: link.actor(r.id) }, r.name || r.id)],
      ["kind", (r) => r.kind || ""], ["country", (r) => r.country || ""],
      ["articles", (r) => String(r.articles)], ["mentions", (r) => String(r.mentions)],
      ["seen", (r) => `${r.first_seen || "?"} – ${r.last_seen || "?"}`],
    ], { id: "actors-table" }) : empty("No actors match."));
}
