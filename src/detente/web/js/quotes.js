// Quote explorer (who said what, about whom) and full-text search over articles and quotes.
import { api, fill, el, empty, link, marked, withParams } from "./util.js";
import { quoteList } from "./pair.js";

export async function quotesView(root, _args, params, current) {
  const { speaker = "", about = "", q = "" } = params;
  const data = await api("/api/quotes", { speaker, about, q, limit: 200 });
  const actors = await api("/api/actors", { limit: 1000 });
  if (!current()) return;
  const options = el("datalist", { id: "actor-ids" }, actors.items.map((a) => el("option", { value: a.id }, a.name)));
  const form = el("form", { class: "controls", id: "quote-form", onsubmit: (e) => {
    e.preventDefault();
    const f = form.elements;
    location.hash = withParams("#/quotes", { q: f.q.value.trim(), speaker: f.speaker.value.trim(), about: f.about.value.trim() });
  } },
  el("input", { name: "q", value: q, placeholder: "words in the quote" }), " ",
  el("input", { name: "speaker", value: speaker, placeholder: "speaker id", list: "actor-ids" }), " ",
  el("input", { name: "about", value: about, placeholder: "about (actor mentioned)", list: "actor-ids" }), " ",
  el("button", { type: "submit" }, "Find"), options);
  fill(root, el("h2", {}, `Quotes (${data.total})`), form,
    el("p", { class: "hint" }, "Speaker and about take actor ids (e.g. JPN, person:shinzo-abe) or names as the store spells them."),
    quoteList(data.items));
}

export async function searchView(root, _args, params, current) {
  const q = params.q || "";
  const box = document.querySelector("#search-form input[name=q]");
  if (box && !box.value) box.value = q;
  if (!q) {
    fill(root, el("h2", {}, "Search"), empty("Type words in the search box above."));
    return;
  }
  const data = await api("/api/search", { q, kind: params.kind, outlet: params.outlet, limit: 50 });
  if (!current()) return;
  fill(root, el("h2", {}, `Search: ${q}`),
    el("p", { class: "hint" }, `${data.total} hits (${data.engine === "fts5" ? "ranked full text" : "substring match"})`),
    data.items.length ? el("ol", { class: "hits", id: "hits" }, data.items.map((h) => el("li", { class: `hit ${h.kind}` },
      el("div", {}, el("span", { class: "badge muted" }, h.kind), " ",
        el("a", { href: link.article(h.article_id, h.kind === "quote" ? { hl: `quote:${h.idx}` } : {}) },
          h.kind === "quote" ? `${h.speaker || "unknown speaker"} in “${h.title || h.article_id}”` : (h.title || h.article_id)),
        " ", el("span", { class: "hint" }, [h.outlet, h.published].filter(Boolean).join(" · "))),
      el("div", { class: "snippet" }, marked(h.snippet))))) : empty("Nothing matches."));
}
