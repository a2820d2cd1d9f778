"""Offline full-text search over articles (title + body) and quotes, with filters from the store.

DuckDB's own ``fts`` extension is downloaded from the web on first use, so it is not available offline;
instead the index is a SQLite FTS5 sidecar file next to the store, ``<db>.fts.sqlite`` (or in a directory
the user names; Python's sqlite3 ships FTS5). Every ingest builds it (``detente.store.derived``). It holds:

    docs      FTS5 table (title, body), porter-stemmed; for a quote, title = speaker name, body = quote text
    doc_rows  rowid -> kind ('article' | 'quote'), article_id, idx, display fields, published, outlet
    indexed   article_id -> the store's ingested_at when it was indexed (drives incremental updates)

A writing caller's search first syncs the sidecar with the store: articles that are new, re-ingested (a
new ingested_at) or gone are re-indexed or dropped, so only changed articles cost anything; when the
store's article stamp (``detente.store.db.article_stamp``) is unchanged, the sync is one query. A read-only
caller (the server) opens the index read-only and never writes. Queries are built from the words typed
(bounded in length and terms; never parsed as FTS5 syntax) and stopped past a time budget. Ranking is BM25
(title weighted above body); snippets mark the matched terms with [[ ]]. Filters by actor, pair and PLOVER
type are answered by DuckDB (the set of article ids that qualify) and applied inside the SQLite query.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from detente.dates import parse_bound
from detente.errors import StoreError, UsageError
from detente.store.db import Store, article_stamp, drop_cache
from detente.store.params import check_choice, check_limit, check_type, pair_condition, parse_pair
from detente.store.people import resolve_actor_id

KINDS = ("article", "quote")
INDEX_VERSION = "3"
MARK_OPEN, MARK_CLOSE = "[[", "]]"
# BM25 column weights (title, body): a term in a headline or a speaker's name says more than one in the body.
WEIGHTS = (3.0, 1.0)
SNIPPET_TOKENS = 16
_BATCH = 500

SIDECAR_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS doc_rows (rowid INTEGER PRIMARY KEY, kind TEXT, article_id TEXT, idx INTEGER,
  title TEXT, source TEXT, speaker_id TEXT, speaker_name TEXT, published TEXT, outlet TEXT);
CREATE INDEX IF NOT EXISTS doc_rows_article ON doc_rows(article_id);
CREATE TABLE IF NOT EXISTS indexed (article_id TEXT PRIMARY KEY, stamp TEXT);
"""


def sidecar_path(db_path: str | Path, index_dir: str | Path | None = None) -> Path:
    """``<db>.fts.sqlite`` beside the store, or in ``index_dir`` when the user names one."""
    if index_dir is None:
        return Path(f"{db_path}.fts.sqlite")
    return Path(index_dir) / f"{Path(db_path).name}.fts.sqlite"


def index_stamp(db_path: str | Path, index_dir: str | Path | None = None) -> str | None:
    """The article stamp the search index was built from (``detente.store.db.article_stamp``); None when
    there is no index, or one of another layout. Opened read-only: this never writes."""
    path = sidecar_path(db_path, index_dir)
    if not path.exists():
        return None
    try:
        lite = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found = dict(lite.execute("SELECT key, value FROM info WHERE key IN ('version', 'fingerprint')").fetchall())
    except sqlite3.Error:
        return None
    finally:
        lite.close()
    return found.get("fingerprint") if found.get("version") == INDEX_VERSION else None


@contextmanager
def _duck(db_path: str | Path, con: duckdb.DuckDBPyConnection | None) -> Iterator[duckdb.DuckDBPyConnection]:
    if con is not None:
        yield con
        return
    with Store(db_path, read_only=True) as store:
        yield store.con


def _open_sidecar(db_path: str | Path, index_dir: str | Path | None = None) -> sqlite3.Connection:
    path = sidecar_path(db_path, index_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lite = sqlite3.connect(path, timeout=30)
        has_info = lite.execute("SELECT 1 FROM sqlite_master WHERE name = 'info'").fetchone()
        version = lite.execute("SELECT value FROM info WHERE key = 'version'").fetchone() if has_info else None
        if version and version[0] == INDEX_VERSION:
            return lite  # nothing written here: an up-to-date index may sit on a read-only disk
        if version:  # an index from another layout: start over
            lite.executescript("DROP TABLE docs; DROP TABLE doc_rows; DROP TABLE indexed; DELETE FROM info;")
        lite.executescript(SIDECAR_SCHEMA)
        lite.execute("INSERT OR REPLACE INTO info VALUES ('version', ?)", [INDEX_VERSION])
        lite.commit()
    except sqlite3.Error as exc:
        raise UsageError(f"{path}: cannot create or open the search index ({exc}); delete the file to rebuild "
                         "it, or make the store's directory writable") from exc
    return lite


def build_index(db_path: str | Path, con: duckdb.DuckDBPyConnection | None = None,
                index_dir: str | Path | None = None) -> dict[str, int]:
    """Bring the sidecar in line with the store; returns counts of added, updated, removed and indexed articles."""
    with _duck(db_path, con) as duck:
        lite = _open_sidecar(db_path, index_dir)
        try:
            return _sync(duck, lite)
        finally:
            lite.close()


def _sync(duck: duckdb.DuckDBPyConnection, lite: sqlite3.Connection) -> dict[str, int]:
    fingerprint = article_stamp(duck)
    known = lite.execute("SELECT value FROM info WHERE key = 'fingerprint'").fetchone()
    if known and known[0] == fingerprint:
        n = lite.execute("SELECT count(*) FROM indexed").fetchone()[0]
        return {"added": 0, "updated": 0, "removed": 0, "articles": n}
    current = dict(duck.execute("SELECT id, CAST(ingested_at AS VARCHAR) FROM articles").fetchall())
    have = dict(lite.execute("SELECT article_id, stamp FROM indexed").fetchall())
    gone = [a for a in have if a not in current]
    changed = [a for a, s in have.items() if a in current and current[a] != s]
    new = [a for a in current if a not in have]
    with lite:  # one transaction, the stamp included: a crash leaves the previous index, and its old stamp
        for aid in gone + changed:
            lite.execute("DELETE FROM docs WHERE rowid IN (SELECT rowid FROM doc_rows WHERE article_id = ?)", [aid])
            lite.execute("DELETE FROM doc_rows WHERE article_id = ?", [aid])
            lite.execute("DELETE FROM indexed WHERE article_id = ?", [aid])
        _add(duck, lite, changed + new, current)
        lite.execute("INSERT OR REPLACE INTO info VALUES ('fingerprint', ?)", [fingerprint])
    return {"added": len(new), "updated": len(changed), "removed": len(gone), "articles": len(current)}


_ARTICLE_FIELDS = ("id, coalesce(title, ''), substr(text, coalesce(body_start, 0) + 1, coalesce(body_end, "
                   "length(text)) - coalesce(body_start, 0)), source, published, outlet")
_QUOTE_FIELDS = "article_id, idx, text, speaker_id, speaker_name"


def _add(duck: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, ids: list[str], stamps: dict[str, str]) -> None:
    """Index the articles ``ids``, then their quotes."""
    for batch in _rows_of(duck, "articles", "id", _ARTICLE_FIELDS, ids):
        _add_articles(lite, batch, stamps)
    for batch in _rows_of(duck, "quotes", "article_id", _QUOTE_FIELDS, ids):
        _add_quotes(lite, batch)


def _rows_of(duck: duckdb.DuckDBPyConnection, table: str, key: str, fields: str, ids: list[str]) -> Iterator[list]:
    """The rows of ``table`` whose ``key`` is one of ``ids``, in storage order, a batch at a time. A few ids are
    looked up as a list; more, the table is read ``_BATCH`` rowids at a time and filtered here: DuckDB's Python
    client holds a query's whole result (a store's texts can be gigabytes), and a list of 10,000 ids as a
    query parameter costs 100 MB."""
    if not ids:
        return
    if len(ids) <= _BATCH:
        yield duck.execute(f"SELECT {fields} FROM {table} WHERE {key} IN (SELECT unnest(?)) ORDER BY rowid",
                           [ids]).fetchall()
        return
    wanted = set(ids)
    lo, hi = duck.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()  # type: ignore[misc]
    for start in range(lo if lo is not None else 0, (hi if hi is not None else -1) + 1, _BATCH):
        found = duck.execute(f"SELECT {key}, {fields} FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                             [start, start + _BATCH - 1]).fetchall()
        drop_cache(duck)  # the slice's blocks: left cached, a pass over the texts would keep them all
        yield [r[1:] for r in found if r[0] in wanted]


def _add_articles(lite: sqlite3.Connection, arts: list[tuple], stamps: dict[str, str]) -> None:
    for aid, title, body, source, published, outlet in arts:
        cur = lite.execute("INSERT INTO doc_rows (kind, article_id, idx, title, source, published, outlet) "
                           "VALUES ('article', ?, NULL, ?, ?, ?, ?)", [aid, title or None, source, published, outlet])
        lite.execute("INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)", [cur.lastrowid, title, body or ""])
        lite.execute("INSERT INTO indexed VALUES (?, ?)", [aid, stamps[aid]])


def _add_quotes(lite: sqlite3.Connection, quotes: list[tuple]) -> None:
    """Quotes of articles indexed just before: their article's fields come from its row in ``doc_rows``."""
    for aid, idx, text, speaker_id, speaker_name in quotes:
        cur = lite.execute("INSERT INTO doc_rows (kind, article_id, idx, title, source, speaker_id, speaker_name, "
                           "published, outlet) SELECT 'quote', ?, ?, title, source, ?, ?, published, outlet "
                           "FROM doc_rows WHERE kind = 'article' AND article_id = ?",
                           [aid, idx, speaker_id, speaker_name, aid])
        if not cur.rowcount:  # no article row to hang it on (cannot happen: its article was indexed first)
            continue
        lite.execute("INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)",
                     [cur.lastrowid, speaker_name or "", text or ""])


# -- queries -------------------------------------------------------------------------------------------

MAX_QUERY_CHARS = 500  # a query longer than a paragraph is not a search; it would only cost time
MAX_TERMS = 20
BUDGET_S = 5.0  # one search's SQLite time; past it the query is stopped, not left to hold the server
_PIECES = re.compile(r'"([^"]*)"?|(\S+)')


def match_expression(q: str) -> str:
    """The FTS5 query for text as a user types it, built from its words so nothing in it is ever read as
    FTS5 syntax: every word is required, a run of words between double quotes is a phrase, and a word
    with punctuation inside ('U.S.-Japan') is the phrase of its parts. Colons, brackets, stars, quotes and
    AND/OR/NOT are searched as the words around them."""
    q = q.strip()
    if len(q) > MAX_QUERY_CHARS:
        raise UsageError(f"search query is {len(q):,} characters long, over the limit of {MAX_QUERY_CHARS}; "
                         "search for a few distinctive words")
    terms: list[str] = []
    for phrase, word in _PIECES.findall(q):
        words = re.findall(r"\w+", phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        raise UsageError(f"search query {q!r} has no words to look for; give at least one word")
    if len(terms) > MAX_TERMS:
        raise UsageError(f"search query has {len(terms)} terms, over the limit of {MAX_TERMS}; "
                         "search for a few distinctive words")
    return " ".join(dict.fromkeys(terms))  # a repeated word adds nothing but work


class IndexUnavailable(StoreError):
    """The search index is missing or older than the store, and this caller may not write it."""


def _allowed_articles(con: duckdb.DuckDBPyConnection, actor: str | None, pair: str | None,
                      type: str | None) -> set[str] | None:
    """Article ids that pass the store-side filters, or None when none is given."""
    sets: list[set[str]] = []
    if actor:
        aid = resolve_actor_id(con, actor)
        sets.append({r[0] for r in con.execute("SELECT DISTINCT article_id FROM actors WHERE actor_id = ?",
                                                [aid]).fetchall()})
    if pair or type:
        where, params = [], []
        if pair:
            sql, pair_params = pair_condition(*parse_pair(con, pair))
            where.append(sql)
            params += pair_params
        if type:
            where.append("type = ?")
            params.append(check_type(type))
        sets.append({r[0] for r in con.execute(
            f"SELECT DISTINCT article_id FROM events WHERE {' AND '.join(where)}", params).fetchall()})
    if not sets:
        return None
    return set.intersection(*sets)


def search(db_path: str | Path, q: str, *, actor: str | None = None, pair: str | None = None,
           type: str | None = None, since: str | None = None, until: str | None = None,
           outlet: str | None = None, kind: str | None = None, limit: int = 20,
           con: duckdb.DuckDBPyConnection | None = None, index_dir: str | Path | None = None,
           read_only: bool = False, budget_s: float = BUDGET_S) -> list[dict[str, Any]]:
    """Ranked hits, best first: kind, id, article_id, idx (quotes), title, source, speaker_id, speaker,
    snippet, score, published, outlet. ``con`` lets a caller that holds the store open (the API) reuse its
    connection. The index is brought up to date first, unless ``read_only``: then a missing or stale index
    raises IndexUnavailable and nothing is written."""
    expr = match_expression(q)
    if kind is not None:
        check_choice(kind, KINDS, "kind")
    check_limit(limit)
    lo, hi = _iso(parse_bound(since, "since")), _iso(parse_bound(until, "until", end=True))
    with _duck(db_path, con) as duck:
        lite = _open_read_only(db_path, index_dir, duck) if read_only else _open_sidecar(db_path, index_dir)
        try:
            if not read_only:
                _sync(duck, lite)
            allowed = _allowed_articles(duck, actor, pair, type)
            if allowed is not None and not allowed:
                return []
            deadline = time.monotonic() + budget_s
            lite.set_progress_handler(lambda: int(time.monotonic() > deadline), 100)
            return _query(lite, q, expr, allowed, lo, hi, outlet, kind, limit, budget_s)
        finally:
            lite.close()


def _open_read_only(db_path: str | Path, index_dir: str | Path | None,
                    duck: duckdb.DuckDBPyConnection) -> sqlite3.Connection:
    path = sidecar_path(db_path, index_dir)
    if index_stamp(db_path, index_dir) != article_stamp(duck):
        raise IndexUnavailable(f"{path}: the search index is missing or older than the store; build it with "
                               f"'detente check --repair --db {db_path}'")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# published as a day: a year or a month pads to its first day (as detente.store.aggregate.day_sql does).
_PUBLISHED_DAY = ("CASE length(r.published) WHEN 4 THEN r.published || '-01-01' WHEN 7 THEN r.published || '-01' "
                  "ELSE substr(r.published, 1, 10) END")


def _query(lite: sqlite3.Connection, q: str, expr: str, allowed: set[str] | None, lo: str | None, hi: str | None,
           outlet: str | None, kind: str | None, limit: int, budget_s: float) -> list[dict[str, Any]]:
    where, params = ["docs MATCH ?"], [expr]
    if allowed is not None:
        where.append("r.article_id IN (SELECT value FROM json_each(?))")  # no temp table: the index may be read-only
        params.append(json.dumps(sorted(allowed)))
    for cond, value in ((f"{_PUBLISHED_DAY} >= ?", lo), (f"{_PUBLISHED_DAY} <= ?", hi),
                        ("lower(r.outlet) = lower(?)", outlet), ("r.kind = ?", kind)):
        if value is not None:
            where.append(cond)
            params.append(value)
    mark = f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}"
    sql = f"""
      SELECT r.kind, r.article_id, r.idx, r.title, r.source, r.speaker_id, r.speaker_name, r.published, r.outlet,
             snippet(docs, 1, {mark}) AS body_snippet, snippet(docs, 0, {mark}) AS title_snippet,
             bm25(docs, {WEIGHTS[0]}, {WEIGHTS[1]}) AS rank
      FROM docs JOIN doc_rows r ON r.rowid = docs.rowid
      WHERE {' AND '.join(where)}
      ORDER BY rank, r.article_id, r.idx LIMIT ?"""
    try:
        rows = lite.execute(sql, params + [limit]).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise UsageError(f"search took over {budget_s:g} s and was stopped; search for fewer or more "
                             "distinctive words, or add filters (outlet, since, kind)") from exc
        raise StoreError(f"full-text search failed ({exc}); rebuild the index with 'detente check --repair'") from exc
    hits = []
    for kind_, aid, idx, title, source, speaker_id, speaker_name, published, outlet_, body_snip, title_snip, rank \
            in rows:
        snippet = body_snip
        if MARK_OPEN not in body_snip and MARK_OPEN in title_snip and kind_ == "article":
            snippet = title_snip
        hits.append({
            "kind": kind_, "id": aid if kind_ == "article" else f"{aid}#{idx}", "article_id": aid, "idx": idx,
            "title": title, "source": source, "speaker_id": speaker_id, "speaker": speaker_name, "snippet": snippet,
            "score": round(-rank, 4), "published": published, "outlet": outlet_})
    return hits
