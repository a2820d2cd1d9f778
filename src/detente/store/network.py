"""The network view: actors as nodes (sized by mentions) and pairs as edges (weighted by events, toned by
their mean score), as the web UI draws it and ``detente export --format graphml`` writes it."""

from __future__ import annotations

from typing import Any

from detente.store.aggregate import Con, actor_names, article_filter
from detente.store.db import rows
from detente.store.relations import pairs


def graph(con: Con, level: str = "state", outlet: str | None = None, since: str | None = None,
          until: str | None = None, min_events: int = 1, limit: int = 150, isolated: bool = False) -> dict[str, Any]:
    """Nodes (actors sized by mentions) and edges (pairs weighted by events, toned by mean score). Nodes are
    the actors with an edge, busiest first; actors only mentioned join with ``isolated`` or when no edge
    exists. At state level a person or organisation counts towards its country's mentions."""
    edges = pairs(con, "month", level, outlet, since, until, min_events=min_events)
    side = "CASE WHEN kind = 'state' THEN actor_id ELSE country END" if level == "state" else "actor_id"
    where, params = article_filter(outlet, since, until)
    sql = (f"SELECT {side} AS id, sum(n_mentions) AS mentions, count(DISTINCT article_id) AS articles, "
           f"any_value(kind) FILTER (WHERE {side} = actor_id) AS kind "
           f"FROM actors JOIN articles ar ON ar.id = actors.article_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY 1 HAVING id IS NOT NULL "
           "ORDER BY mentions DESC, id")
    mentioned = {r["id"]: r for r in rows(con, sql, params)}
    degree: dict[str, int] = {}
    for e in edges:
        for x in (e["a"], e["b"]):
            degree[x] = degree.get(x, 0) + e["n"] + e["n_unscored"]

    def mentions(i: str) -> int:
        return int((mentioned.get(i) or {}).get("mentions") or 0)

    ids = sorted(degree, key=lambda i: (-degree[i], -mentions(i), i))
    if isolated or not edges:
        ids += [i for i in mentioned if i not in degree]
    ids = ids[:max(limit, 1)]
    chosen = set(ids)
    names = actor_names(con, ids)
    out_edges = [{"source": e["a"], "target": e["b"], "weight": e["n"], "n_unscored": e["n_unscored"],
                  "tone": e["score_mean"], "label": e["tone"], "trend": e["trend"]["label"], "n_quotes": e["n_quotes"]}
                 for e in edges if e["a"] in chosen and e["b"] in chosen]
    nodes = [{"id": i, "name": names.get(i, i),
              "kind": (mentioned.get(i) or {}).get("kind") or ("state" if i.isupper() and len(i) == 3 else None),
              "mentions": mentions(i), "articles": int((mentioned.get(i) or {}).get("articles") or 0),
              "events": degree.get(i, 0)}
             for i in ids]
    return {"level": level, "outlet": outlet, "nodes": nodes, "edges": out_edges}
