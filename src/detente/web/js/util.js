// Shared helpers. Every piece of data reaches the page through text nodes (el() / textContent), never
// through innerHTML: article text, names and quotes are data, and data must not become markup.

/** el("a", {href: "#/x", class: "k", dataset: {id: 1}, onclick: fn}, "text", childNode, [more]) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append children (text, nodes, arrays; null/false skipped) to an existing node. */
export function fill(node, ...children) {
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON endpoint; params with empty values are left out. Errors carry the API's message. */
export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") query.set(k, v);
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `${url}: the server sent no JSON (HTTP ${response.status})`);
  }
  if (!response.ok) throw new ApiError(response.status, body?.error?.message || `HTTP ${response.status}`);
  return body;
}

/** Route links: #/pair/USA/JPN etc. Ids are URI-encoded so "person:shinzo-abe" survives. */
export const link = {
  network: () => "#/network",
  pair: (a, b, params) => withParams(`#/pair/${enc(a)}/${enc(b)}`, params),
  actor: (id) => `#/actor/${enc(id)}`,
  article: (id, params) => withParams(`#/article/${enc(id)}`, params),
  quotes: (params) => withParams("#/quotes", params),
  search: (q) => withParams("#/search", { q }),
};

function enc(s) {
  return encodeURIComponent(s);
}

export function withParams(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") query.set(k, v);
  return query.toString() ? `${path}?${query}` : path;
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function fmtScore(x) {
  if (x === null || x === undefined) return "–";
  return (x > 0 ? "+" : "") + Number(x).toFixed(2);
}

/** Tone colour on the PLOVER scale: red (conflict, -10) through grey (0) to green (cooperation, +10). */
export function toneColor(score, saturateAt = 5) {
  if (score === null || score === undefined) return "#9aa0a6";
  const t = Math.max(-1, Math.min(1, score / saturateAt));
  const grey = [154, 160, 166];
  const end = t < 0 ? [200, 40, 40] : [30, 150, 70];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

export function badge(text, kind, title) {
  return el("span", { class: `badge ${kind || ""}`.trim(), title }, text);
}

export function toneBadge(tone, mean) {
  return el("span", { class: "badge tone", style: `background:${toneColor(mean)}`, title: `mean score ${fmtScore(mean)}` },
    tone || "no scored events");
}

/** A date as precise as it is known, never padded: "2016", "2017-09", "2017-09-05 (inferred)". */
export function whenText(value, inferred) {
  return value ? `${value}${inferred ? " (inferred)" : ""}` : "undated";
}

export function trendBadge(trend) {
  if (!trend || !trend.label) return badge("trend: n/a", "muted", trend?.why || "");
  const arrow = trend.label === "warming" ? "↗" : trend.label === "cooling" ? "↘" : "→";
  const change = trend.change === null || trend.change === undefined ? "" : ` (${fmtScore(trend.change)})`;
  const interval = trend.interval ? ` (90% ${fmtScore(trend.interval[0])} to ${fmtScore(trend.interval[1])})` : "";
  return badge(`${arrow} ${trend.label}${change}`, `trend-${trend.label}`,
    `robust (Theil–Sen) change of the score over the reporting period; slope ${fmtScore(trend.slope_per_year)} per year${interval}. ${trend.why || ""}`);
}

/** A small table from rows and [header, cell(row)] columns; cell() returns text or nodes. */
export function table(rows, columns, attrs = {}) {
  return el("table", { class: "grid", ...attrs },
    el("thead", {}, el("tr", {}, columns.map(([h]) => el("th", {}, h)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(r)))))));
}

/** Text with [[marked]] terms (search snippets) as text nodes and <mark> elements. */
export function marked(text) {
  const out = [];
  const parts = String(text || "").split(/\[\[|\]\]/);
  parts.forEach((part, i) => out.push(i % 2 ? el("mark", {}, part) : part));
  return out;
}

export function empty(message) {
  return el("p", { class: "empty" }, message);
}

/** Options for an <select> of outlets, with "all outlets" first. */
export async function outletSelect(current, onchange) {
  const outlets = await api("/api/outlets");
  return el("select", { name: "outlet", title: "outlet", onchange: (e) => onchange(e.target.value) },
    el("option", { value: "" }, "all outlets"),
    outlets.map((o) => el("option", { value: o.outlet, selected: o.outlet === current }, `${o.outlet} (${o.articles})`)));
}

export function choice(name, values, current, onchange) {
  return el("select", { name, title: name, onchange: (e) => onchange(e.target.value) },
    values.map(([v, label]) => el("option", { value: v, selected: v === current }, label)));
}
