"""DuckDB store: one file holds articles, per-article analysis rows and skipped inputs.

Writes are per batch inside one transaction (delete the batch's article ids, insert their rows), so an
interrupted ingest leaves whole articles only and re-running is idempotent. Only the driver writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

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
ARTICLE_TABLES = ("actors", "timexes", "quotes", "events")


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; create it with 'detente ingest PATH --db {self.path}'")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open as a DuckDB store ({exc}); "
                             "check the path, or that no other process is writing to it") from exc
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif not self._has_table("articles"):
            raise StoreError(f"{self.path}: not a detente store (no articles table); "
                             "point --db at a file made by 'detente ingest'")

    def _has_table(self, name: str) -> bool:
        q = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
        return bool(self.con.execute(q, [name]).fetchone()[0])  # type: ignore[index]

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
            if ids:
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
                con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
            for table, rows in rows_of(results).items():
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            for s in skipped:
                con.execute("DELETE FROM skipped WHERE source = ?", [s.source])
                con.execute("INSERT INTO skipped (source, stage, reason) VALUES (?, ?, ?)", [s.source, s.stage, s.reason])
            if ids:  # a source stored now is no longer skipped
                sources = [r.meta.source for r in results]
                con.execute("DELETE FROM skipped WHERE source IN (SELECT unnest(?))", [sources])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    # -- reads -----------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=False)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        tables = ("articles",) + ARTICLE_TABLES + ("skipped",)
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


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
