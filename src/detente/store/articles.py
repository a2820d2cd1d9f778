"""Articles as stored: the list with filters and counts, one article's analysis JSON with its text, the
outlets, and a plain substring search (the fallback when the full-text index cannot be kept)."""

from __future__ import annotations

import json
from typing import Any

from detente.store.aggregate import Con, article_filter
from detente.store.db import LIKE_ESCAPE, contains_pattern, rows
from detente.store.people import resolve_actor_id


def list_articles(con: Con, outlet: str | None = None, since: str | None = None, until: str | None = None,
                  actor: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Articles oldest first (undated last) with their event and quote counts: {"total": n, "items": [...]};
    ``actor`` keeps those that mention it."""
    where, params = article_filter(outlet, since, until, alias="")
    if actor:
        where.append("id IN (SELECT article_id FROM actors WHERE actor_id = ?)")
        params.append(resolve_actor_id(con, actor, in_events=True))
    cond = "WHERE " + " AND ".join(where) if where else ""
    total = con.execute(f"SELECT count(*) FROM articles {cond}", params).fetchone()[0]  # type: ignore[index]
    items = rows(con, "SELECT id, source, title, outlet, published, published_precision, published_inferred, "
                      "genre, (SELECT count(*) FROM events e WHERE e.article_id = articles.id) AS events, "
                      "(SELECT count(*) FROM quotes q WHERE q.article_id = articles.id) AS quotes "
                      f"FROM articles {cond} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
                 params + [limit, offset])
    return {"total": total, "items": items}


def article(con: Con, article_id: str) -> dict[str, Any] | None:
    """The article's ``detente analyze --json`` object plus its ``text``; None if the store lacks it."""
    found = rows(con, "SELECT text, result FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    out: dict[str, Any] = json.loads(found[0]["result"])
    out["text"] = found[0]["text"]
    return out


def outlets(con: Con) -> list[dict[str, Any]]:
    """Each outlet with its article count, busiest first."""
    return rows(con, "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
                     "GROUP BY outlet ORDER BY articles DESC, outlet")


def substring_search(con: Con, q: str, kind: str | None = None, outlet: str | None = None,
                     limit: int = 20) -> list[dict[str, Any]]:
    """Case-insensitive substring match over articles and quotes: the fallback when the full-text index
    cannot be kept next to the store."""
    like = contains_pattern(q)
    out = []
    if kind in (None, "article"):
        out += rows(con, "SELECT 'article' AS kind, id AS article_id, NULL AS idx, title, outlet, published, "
                         "NULL AS speaker, substr(text, greatest(1, strpos(lower(text), lower(?)) - 60), 160) "
                         f"AS snippet FROM articles WHERE (text ILIKE ? {LIKE_ESCAPE} "
                         f"OR title ILIKE ? {LIKE_ESCAPE}) "
                         + ("AND outlet = ? " if outlet else "") + "ORDER BY published NULLS LAST, id LIMIT ?",
                    [q, like, like] + ([outlet] if outlet else []) + [limit])
    if kind in (None, "quote"):
        out += rows(con, "SELECT 'quote' AS kind, q.article_id, q.idx, ar.title, ar.outlet, ar.published, "
                         "q.speaker_name AS speaker, q.text AS snippet FROM quotes q "
                         f"JOIN articles ar ON ar.id = q.article_id WHERE q.text ILIKE ? {LIKE_ESCAPE} "
                         + ("AND ar.outlet = ? " if outlet else "") + "ORDER BY ar.published NULLS LAST LIMIT ?",
                    [like] + ([outlet] if outlet else []) + [limit])
    return out[:limit]
