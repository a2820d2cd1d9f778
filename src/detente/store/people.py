"""Cross-document identity: the store's per-article actor rows seen as one actor each across the corpus.

The actors table has one row per (article, actor). Identity across articles is the actor id: states by
ISO3, IGOs by code, people by ``person:<slug>`` built from the full name, so "Stephen Nagy" in two
articles is one actor while "Maria Nagy" stays another. What changes from article to article (the name
form, the description, the affiliation, the roles held on that date) is kept per article and shown as a
history sorted by the article's publication date. Nothing here writes: everything is a query.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import duckdb

from detente.errors import UsageError
from detente.store.db import LIKE_ESCAPE, contains_pattern, rows


def resolve_actor_id(con: duckdb.DuckDBPyConnection, text: str, in_events: bool = False) -> str:
    """An actor id as typed by a user: the exact id, the id in another case ('jpn'), or a name seen in the
    store ('Stephen Nagy'); with ``in_events`` also a code that events name as a side though no article row
    describes it ('kor' -> 'KOR'). Unknown or ambiguous input raises UsageError naming close matches."""
    text = text.strip()
    if not text:
        raise UsageError("empty actor id; list the ids with 'detente actors'")
    if con.execute("SELECT 1 FROM actors WHERE actor_id = ? LIMIT 1", [text]).fetchone():
        return text
    found = [r[0] for r in con.execute(
        "SELECT DISTINCT actor_id FROM actors WHERE lower(actor_id) = lower(?) OR lower(name) = lower(?) "
        "ORDER BY actor_id", [text, text]).fetchall()]
    if len(found) == 1:
        return str(found[0])
    if found:
        raise UsageError(f"actor {text!r} is ambiguous: it names {', '.join(found)}; give one of these ids")
    if in_events and con.execute("SELECT 1 FROM events WHERE source = ? OR target = ? LIMIT 1",
                                 [text.upper()] * 2).fetchone():
        return text.upper()
    ids = [r[0] for r in con.execute("SELECT DISTINCT actor_id FROM actors").fetchall()]
    close = difflib.get_close_matches(text, ids, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UsageError(f"no actor {text!r} in the store{hint}; list the ids with 'detente actors'")


def list_actors(con: duckdb.DuckDBPyConnection, kind: str | None = None, q: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """One row per actor id: its most frequent name, kind and country, article and mention counts, and the
    first and last publication dates it was seen. ``q`` matches id, name, description or affiliation."""
    where, params = [], []
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if q:
        like = contains_pattern(q)
        where.append(f"a.actor_id IN (SELECT actor_id FROM actors WHERE actor_id ILIKE ? {LIKE_ESCAPE} "
                     f"OR name ILIKE ? {LIKE_ESCAPE} OR description ILIKE ? {LIKE_ESCAPE} "
                     f"OR affiliation ILIKE ? {LIKE_ESCAPE})")
        params += [like, like, like, like]
    sql = f"""
      WITH names AS (
        SELECT actor_id, name, count(*) AS n FROM actors GROUP BY actor_id, name)
      SELECT a.actor_id AS id,
             first(a.kind ORDER BY a.kind) AS kind,
             (SELECT first(name ORDER BY n DESC, length(name) DESC, name) FROM names
               WHERE names.actor_id = a.actor_id) AS name,
             mode(a.country) AS country,
             count(DISTINCT a.article_id) AS articles,
             CAST(coalesce(sum(a.n_mentions), 0) AS INTEGER) AS mentions,
             min(ar.published) AS first_seen,
             max(ar.published) AS last_seen
      FROM actors a LEFT JOIN articles ar ON ar.id = a.article_id
      {"WHERE " + " AND ".join(where) if where else ""}
      GROUP BY a.actor_id
      ORDER BY mentions DESC, articles DESC, id
      {"LIMIT " + str(int(limit)) if limit else ""}"""
    return rows(con, sql, params)


def actor_detail(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    """Everything the store knows about one actor across articles."""
    actor_id = resolve_actor_id(con, actor_id)
    per_article = rows(con, """
      SELECT a.article_id, a.kind, a.name, a.country, a.description, a.affiliation, a.roles, a.n_mentions,
             ar.published, ar.outlet, ar.title, ar.source,
             (SELECT first(q.speaker_affiliation ORDER BY q.idx) FROM quotes q
               WHERE q.article_id = a.article_id AND q.speaker_id = a.actor_id
                 AND q.speaker_affiliation IS NOT NULL) AS quote_affiliation,
             (SELECT first(q.speaker_description ORDER BY q.idx) FROM quotes q
               WHERE q.article_id = a.article_id AND q.speaker_id = a.actor_id
                 AND q.speaker_description IS NOT NULL) AS quote_description
      FROM actors a LEFT JOIN articles ar ON ar.id = a.article_id
      WHERE a.actor_id = ?
      ORDER BY ar.published NULLS LAST, a.article_id""", [actor_id])
    summary = _summary(con, actor_id)
    return {
        **summary,
        "names": _names(per_article),
        "roles": _roles(per_article),
        "affiliation_history": _affiliation_history(per_article),
        "articles": [{k: r[k] for k in ("article_id", "published", "outlet", "title", "source", "n_mentions")}
                     for r in per_article],
        "quotes": quotes_by(con, actor_id),
        "events": event_counts(con, actor_id),
        "same_surname": same_surname(con, actor_id) if summary["kind"] == "person" else [],
    }


def _summary(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    (row,) = rows(con, """
      SELECT actor_id AS id, first(kind ORDER BY kind) AS kind, mode(country) AS country,
             count(DISTINCT article_id) AS articles, CAST(coalesce(sum(n_mentions), 0) AS INTEGER) AS mentions
      FROM actors WHERE actor_id = ? GROUP BY actor_id""", [actor_id])
    names = rows(con, "SELECT name, count(*) AS n FROM actors WHERE actor_id = ? GROUP BY name "
                       "ORDER BY n DESC, length(name) DESC, name LIMIT 1", [actor_id])
    return {"id": row["id"], "kind": row["kind"], "name": names[0]["name"], "country": row["country"],
            "articles_count": row["articles"], "mentions": row["mentions"]}


def _names(per_article: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for r in per_article:
        if r["name"]:
            counts[r["name"]] = counts.get(r["name"], 0) + 1
    return [{"name": n, "articles": c} for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _roles(per_article: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct roles over all articles (a KB role repeats in every article that mentions its holder)."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in per_article:
        for role in json.loads(r["roles"] or "[]"):
            key = (role.get("title"), role.get("of"), role.get("from"), role.get("to"))
            if key not in seen:
                seen[key] = {**role, "first_article": r["article_id"], "published": r["published"]}
    return sorted(seen.values(), key=lambda x: (x.get("from") or x["published"] or "9999", x.get("title") or ""))


def _affiliation_history(per_article: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per article that says something about who the actor is, oldest first; the actor row's own
    affiliation/description first, the quote attribution's as a fallback."""
    out = []
    for r in per_article:
        affiliation = r["affiliation"] or r["quote_affiliation"]
        description = r["description"] or r["quote_description"]
        if affiliation or description:
            out.append({"published": r["published"], "article_id": r["article_id"], "outlet": r["outlet"],
                        "affiliation": affiliation, "description": description})
    return out


def quotes_by(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    return rows(con, """
      SELECT q.article_id, q.idx, q.start, q."end", q.text, q.kind, q.cue, ar.published, ar.outlet
      FROM quotes q LEFT JOIN articles ar ON ar.id = q.article_id
      WHERE q.speaker_id = ? ORDER BY ar.published NULLS LAST, q.article_id, q.idx""", [actor_id])


def event_counts(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    """Events in which the actor takes part, as source or target, at state level or person level."""
    found = rows(con, """
      SELECT type,
             count(*) FILTER (WHERE source = $a OR list_contains(source_actors, $a)) AS as_source,
             count(*) FILTER (WHERE target = $a OR list_contains(target_actors, $a)) AS as_target,
             count(*) AS total
      FROM events
      WHERE source = $a OR target = $a OR list_contains(source_actors, $a) OR list_contains(target_actors, $a)
      GROUP BY type ORDER BY total DESC, type""", {"a": actor_id})
    return {"total": sum(r["total"] for r in found),
            "by_type": {r["type"]: {"as_source": r["as_source"], "as_target": r["as_target"]} for r in found}}


def same_surname(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """Other people whose id ends in the same surname: shown side by side, never merged, because a shared
    surname is no evidence of a shared identity."""
    surname = actor_id.rsplit(":", 1)[-1].rsplit("-", 1)[-1]
    return rows(con, """
      SELECT actor_id AS id, first(name ORDER BY name) AS name, count(DISTINCT article_id) AS articles
      FROM actors
      WHERE kind = 'person' AND actor_id <> ? AND (actor_id LIKE ? OR actor_id = ?)
      GROUP BY actor_id ORDER BY actor_id""", [actor_id, f"person:%-{surname}", f"person:{surname}"])


def list_quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, about: str | None = None,
                q: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Quotes, optionally by a speaker, about an actor (a mention of it inside the quoted span), or
    containing ``q`` (case-insensitive substring; use search() for ranked full text)."""
    where, params = [], []
    if speaker:
        where.append("q.speaker_id = ?")
        params.append(resolve_actor_id(con, speaker))
    if about:
        where.append("""EXISTS (
          SELECT 1 FROM actors a,
               unnest(CAST(a.mentions AS STRUCT("start" INTEGER, "end" INTEGER, text VARCHAR)[])) AS m(m)
          WHERE a.article_id = q.article_id AND a.actor_id = ?
            AND m.m."start" >= q."start" AND m.m."end" <= q."end")""")
        params.append(resolve_actor_id(con, about))
    if q:
        where.append(f"q.text ILIKE ? {LIKE_ESCAPE}")
        params.append(contains_pattern(q))
    sql = f"""
      SELECT q.article_id, q.idx, q.start, q."end", q.text, q.kind, q.cue, q.speaker_id, q.speaker_name,
             q.speaker_description, q.speaker_affiliation, q.anonymous, ar.published, ar.outlet, ar.title
      FROM quotes q LEFT JOIN articles ar ON ar.id = q.article_id
      {"WHERE " + " AND ".join(where) if where else ""}
      ORDER BY ar.published NULLS LAST, q.article_id, q.idx
      {"LIMIT " + str(int(limit)) if limit else ""}"""
    return rows(con, sql, params)
