// detente web UI: a hash router over views; each view reads its JSON twin from /api and builds the DOM.
// Routes: #/network  #/pairs  #/pair/USA/JPN  #/actors  #/actor/ID  #/articles  #/article/ID  #/quotes  #/search?q=
import { el, link } from "./js/util.js";
import { networkView } from "./js/network.js";
import { pairView, pairsView } from "./js/pair.js";
import { actorView, actorsView } from "./js/actor.js";
import { articleView, articlesView } from "./js/article.js";
import { quotesView, searchView } from "./js/quotes.js";

const routes = [
  [/^$/, "network", networkView],
  [/^network$/, "network", networkView],
  [/^pairs$/, "pairs", pairsView],
  [/^pair\/([^/]+)\/([^/]+)$/, "pair", pairView],
  [/^actors$/, "actors", actorsView],
  [/^actor\/([^/]+)$/, "actor", actorView],
  [/^articles$/, "articles", articlesView],
  [/^article\/([^/]+)$/, "article", articleView],
  [/^quotes$/, "quotes", quotesView],
  [/^search$/, "search", searchView],
];

let renderCount = 0;

/** "#/pair/USA/JPN?period=year" -> {path: "pair/USA/JPN", params: {period: "year"}} */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const [path, query] = raw.split("?", 2);
  return { path: path.replace(/\/+$/, ""), params: Object.fromEntries(new URLSearchParams(query || "")) };
}

async function render() {
  const token = ++renderCount;
  const root = document.getElementById("view");
  const { path, params } = parseHash(location.hash);
  const match = routes.map(([re, name, view]) => [re.exec(path), name, view]).find(([m]) => m);
  const fresh = el("div", { class: "view-body" });
  root.replaceChildren(fresh);
  root.dataset.ready = "0";
  delete root.dataset.error;
  markNav(match ? match[1] : "");
  if (!match) {
    root.dataset.view = "missing";
    fresh.append(el("div", { class: "error" }, `No page at #/${path}. `, el("a", { href: link.network() }, "Back to the network")));
    root.dataset.ready = "1";
    return;
  }
  const [m, name, view] = match;
  root.dataset.view = name;
  const args = m.slice(1).map(decodeURIComponent);
  try {
    await view(fresh, args, params, () => token === renderCount);
  } catch (err) {
    if (token !== renderCount) return;
    root.dataset.error = String(err.status || "error");
    fresh.append(el("div", { class: "error" }, err.message || String(err)));
    console.error(err);
  }
  if (token === renderCount) root.dataset.ready = "1";
}

function markNav(name) {
  for (const a of document.querySelectorAll("nav a[data-route]")) {
    a.classList.toggle("active", a.dataset.route === name || (name === "pair" && a.dataset.route === "pairs") ||
      (name === "actor" && a.dataset.route === "actors") || (name === "article" && a.dataset.route === "articles"));
  }
}

function setupSearch() {
  const form = document.getElementById("search-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = form.elements.q.value.trim();
    if (q) location.hash = link.search(q);
  });
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", () => {
  setupSearch();
  render();
});
