"""DuckDB store: one file holds articles, per-article analysis rows and skipped inputs.

Writes are per batch inside one transaction (delete the batch's article ids, insert their rows), so an
interrupted ingest leaves whole articles only and re-running is idempotent. Only the driver writes.

The schema is created in one transaction too (a kill while creating it leaves no table, never some), and
its version is kept in ``meta.schema_version``. Opening checks it: a store with another version, or with
stored articles but no version, raises a StoreError saying to re-create it (nothing migrates in place).
A store with neither a version nor a stored article is an empty or unfinished new one: opening it to write
completes it.

``rows`` (SQL -> list of dicts), ``counts`` and ``table_names`` are the one home of those reads for every
query module and face.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.errors import StoreError
from detente.types import Result, Skipped

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
  id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, outlet VARCHAR, authors VARCHAR[],
  published VARCHAR, published_precision VARCHAR, published_inferred BOOLEAN, dateline VARCHAR,
  genre VARCHAR, body_start INTEGER, body_end INTEGER, text VARCHAR, result JSON,
  ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS actors (
  article_id VARCHAR, actor_id VARCHAR, kind VARCHAR, name VARCHAR, country VARCHAR,
  description VARCHAR, affiliation VARCHAR, roles JSON, mentions JSON, n_mentions INTEGER);
CREATE TABLE IF NOT EXISTS timexes (
  article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
  article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
  cue VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR, speaker_description VARCHAR,
  anonymous BOOLEAN, speaker_affiliation VARCHAR);
CREATE TABLE IF NOT EXISTS events (
  article_id VARCHAR, idx INTEGER, type VARCHAR, mode VARCHAR, source VARCHAR, target VARCHAR,
  source_actors VARCHAR[], target_actors VARCHAR[], date VARCHAR, date_precision VARCHAR,
  status VARCHAR, score DOUBLE, confidence DOUBLE, context VARCHAR,
  ev_start INTEGER, ev_end INTEGER, ev_text VARCHAR);
CREATE TABLE IF NOT EXISTS skipped (source VARCHAR, stage VARCHAR, reason VARCHAR,
  skipped_at TIMESTAMP DEFAULT current_timestamp);
"""
ARTICLE_TABLES = ("actors", "timexes", "quotes", "events")  # the per-article rows, keyed by article_id
TABLES = ("articles", *ARTICLE_TABLES, "skipped")  # every table ingest writes, in the order counts lists them
# The writer's DuckDB memory: pages a batch wrote are on disk once checkpointed, so caching them only makes an
# ingest grow with its store; past this, DuckDB evicts (or spills a large query to disk) instead.
WRITER_MEMORY = "64MB"
# DuckDB's process memory still creeps up by a few KB per stored article while one connection stays open, even
# under that limit; closing and reopening it between batches this often gives it back. Every 1,000, a run of
# 1,000 articles met its first reopen at its end and never reached the level longer runs hold (pool driver
# peak 197 -> 235 MB from 1,000 to 10,000 articles; every 250, 210 -> 227 MB, before drop_cache).
REOPEN_EVERY = 250  # articles written
# One DuckDB thread for the writer: its statements are small, the analysis workers want the cores, and each
# extra thread's buffers showed in the writer's peak while merging events (230 -> 219 MB at 10,000 articles).
WRITER_THREADS = 1
EVICT_TO = "8MB"  # drop_cache: what the writer may keep while it evicts
CLUSTERS_KEY = "clusters_stamp"  # meta key: the article stamp the merged events were built from
RECREATE = "re-create it with 'detente ingest PATH --db NEW.duckdb'"

Con = duckdb.DuckDBPyConnection


def rows(con: Con, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    """Run a query; one dict per row, keyed by column name."""
    cur = con.execute(sql, params if isinstance(params, dict) else list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def counts(con: Con) -> dict[str, int]:
    """Rows per table of TABLES."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def table_names(con: Con) -> list[str]:
    """Every table of the store's main schema, by name (the ingest tables and any merge built)."""
    found = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name")
    return [r[0] for r in found.fetchall()]


LIKE_ESCAPE = "ESCAPE '\\'"  # every pattern of contains_pattern is used with it


def contains_pattern(text: str) -> str:
    """An (I)LIKE pattern for ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken as they are typed."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def source_key(source: str) -> str:
    """An input as the skipped table keys it: its resolved path ('dir/../a.txt' and './a.txt' are one file),
    with a record's ':line' kept; a source that names no file stays as given."""
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit() and path:
        return f"{source_key(path)}:{line}"
    try:
        resolved = Path(source).resolve()
    except (OSError, RuntimeError, ValueError):
        return source
    return str(resolved) if resolved.exists() or Path(source).is_absolute() else source


def drop_cache(con: Con) -> None:
    """Evict the table blocks DuckDB keeps cached after a query read them (it keeps them up to its memory
    limit, so a pass over the store leaves the store's size behind): the limit lowered, then put back."""
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]
    try:
        con.execute(f"SET memory_limit = '{EVICT_TO}'")
    except duckdb.Error:
        pass  # more than that is pinned by open results: nothing to evict now, nothing lost
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


def article_stamp(con: Con) -> str:
    """Digest of the stored article set (ids and ingest times): any write moves it, so derived data that
    records the stamp it was built from can tell when it is stale (``detente.store.derived``). A sum of each
    article's MD5 rather than one MD5 of them all in order: a streaming aggregate, whose memory does not grow
    with the store (the ordered string of 10,000 ids cost the rebuild 6 MB)."""
    n, low, high = con.execute(
        "SELECT count(*), coalesce(sum(md5_number_lower(k)), 0), coalesce(sum(md5_number_upper(k)), 0) "
        "FROM (SELECT id || '@' || CAST(ingested_at AS VARCHAR) AS k FROM articles)").fetchone()  # type: ignore[misc]
    return f"{n}:{int(high):x}.{int(low):x}"


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self._written = 0  # articles written since the connection was opened
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; create it with 'detente ingest PATH --db {self.path}'")
        self.con = self._connect(read_only)
        try:
            self._open(read_only)
        except BaseException:
            self.con.close()
            raise

    def _connect(self, read_only: bool) -> Con:
        try:
            con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open as a DuckDB store ({exc}); "
                             "check the path, or that no other process is writing to it") from exc
        if not read_only:
            con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
            con.execute(f"SET threads = {WRITER_THREADS}")
        return con

    def reopen(self) -> None:
        """Close and reopen the writer's connection (between transactions): what DuckDB kept of the batches
        written so far is given back. ``con`` is a new object afterwards."""
        drop_cache(self.con)  # closing's checkpoint then works in the room the cached blocks leave
        self.con.close()
        self.con = self._connect(read_only=False)
        self._written = 0

    def _open(self, read_only: bool) -> None:
        tables = set(table_names(self.con))
        if read_only and "articles" not in tables:
            raise StoreError(f"{self.path}: not a detente store (no articles table); "
                             "point --db at a file made by 'detente ingest'")
        version = self._schema_version() if "meta" in tables else None
        unfinished = version is None and not self._has_articles(tables)
        if read_only or not unfinished:
            self._check_version(version)
        if not read_only:
            self._create_schema()

    def _schema_version(self) -> str | None:
        found = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return None if found is None else str(found[0])

    def _has_articles(self, tables: set[str]) -> bool:
        if "articles" not in tables:
            return False
        return bool(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]

    def _check_version(self, version: str | None) -> None:
        if version == str(SCHEMA_VERSION):
            return
        if version is None:
            raise StoreError(f"{self.path}: made by an older detente (no schema version); {RECREATE}")
        found = int(version) if version.isdigit() else -1
        if found > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer detente (schema {version}; this one reads schema "
                             f"{SCHEMA_VERSION}); upgrade detente, or {RECREATE}")
        raise StoreError(f"{self.path}: made by an older detente (schema {version}; this one reads schema "
                         f"{SCHEMA_VERSION}); {RECREATE}")

    def _create_schema(self) -> None:
        """Every table and the version in one transaction (CREATE ... IF NOT EXISTS completes a store whose
        creation an older detente left half done)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write(self, results: Sequence[Result], skipped: Sequence[Skipped] = ()) -> None:
        """One transaction per batch: an article is either wholly stored or not at all."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [r.meta.id for r in results]
            if ids:  # every table, even for new articles: rows a damaged store kept of an id go too (8 ms a batch)
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
                con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
            for table, rows in rows_of(results).items():
                if rows:
                    insert_rows(con, table, rows)
            if skipped:  # one row per input, however it was named: the last reason given wins
                last = {source_key(s.source): s for s in skipped}
                con.execute("DELETE FROM skipped WHERE source IN (SELECT unnest(?))", [list(last)])
                con.register("_skipped", pa.table({"source": list(last),
                                                   "stage": [s.stage for s in last.values()],
                                                   "reason": [s.reason for s in last.values()]}))
                try:
                    con.execute("INSERT INTO skipped (source, stage, reason) SELECT * FROM _skipped")
                finally:
                    con.unregister("_skipped")
            if ids:  # a source stored now is no longer skipped
                sources = [source_key(r.meta.source) for r in results]
                con.execute("DELETE FROM skipped WHERE source IN (SELECT unnest(?))", [sources])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        self._written += len(results)
        if self._written >= REOPEN_EVERY:
            self.reopen()

    # -- reads -----------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return rows(self.con, sql, params)

    def counts(self) -> dict[str, int]:
        return counts(self.con)


def insert_rows(con: Con, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows (in the table's column order) in one bulk statement, through Arrow columns: a batch of articles
    is a handful of statements, not one per row."""
    columns = list(zip(*rows, strict=True))
    arrow = pa.table({f"c{k}": pa.array(col) for k, col in enumerate(columns)})
    name = f"_rows_{table}"
    con.register(name, arrow)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM {name}")
    finally:
        con.unregister(name)


def rows_of(results: Sequence[Result]) -> dict[str, list[tuple[Any, ...]]]:
    now = datetime.now(UTC).replace(tzinfo=None)
    out: dict[str, list[tuple[Any, ...]]] = {"articles": [], "actors": [], "timexes": [], "quotes": [], "events": []}
    for r in results:
        m, aid = r.meta, r.meta.id
        out["articles"].append((
            aid, m.source, m.title, m.outlet, m.authors, m.published, m.published_precision,
            m.published_inferred, m.dateline, m.genre, m.body_start, m.body_end, r.text,
            json.dumps(r.to_json()), now))
        for a in r.actors:
            out["actors"].append((aid, a.id, a.kind, a.name, a.country, a.description, a.affiliation,
                                  json.dumps([x.to_json() for x in a.roles]),
                                  json.dumps([x.to_json() for x in a.mentions]), len(a.mentions)))
        for t in r.timexes:
            out["timexes"].append((aid, t.start, t.end, t.text, t.type, t.value))
        for k, q in enumerate(r.quotes):
            sp = q.speaker
            out["quotes"].append((aid, k, q.start, q.end, q.text, q.kind, q.cue.text if q.cue else None,
                                  sp.actor_id if sp else None, sp.name if sp else None,
                                  sp.description if sp else None, sp.anonymous if sp else None,
                                  sp.affiliation if sp else None))
        for k, e in enumerate(r.events):
            out["events"].append((aid, k, e.type, e.mode, e.source, e.target, e.source_actors, e.target_actors,
                                  e.date, e.date_precision, e.status, e.score, e.confidence, e.context,
                                  e.evidence.start, e.evidence.end, e.evidence.text))
    return out
