"""Python API for notebooks: ``detente.open(db)`` returns tables of actors, events, quotes, relations.

    import detente
    d = detente.open("detente.duckdb")
    d.actors(kind="person")             # one row per actor across articles
    d.events(pair="USA-JPN", type="CONSULT")
    d.quotes(speaker="person:stephen-nagy")
    d.relations(period="month")         # pair x period: event counts and scores
    d.pairs()                           # pair summaries: tone, trend (detente.aggregate.pairs)
    d.actor("Stephen Nagy")             # dict: names, roles, affiliation history, quotes, events
    d.search("hotline", outlet="CNN")

Tables are pandas DataFrames when pandas is importable, else pyarrow Tables (``.to_pandas()`` converts
them once pandas is installed). The store is opened read-only; ``close()`` or a ``with`` block releases it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from detente.store import people as people_index
from detente.store.db import Store
from detente.store.search import check_type, pair_condition, parse_pair
from detente.store.search import search as _search


def _frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError:
        import pyarrow as pa

        return pa.Table.from_pylist(rows)
    return pd.DataFrame(rows)


def _table(cur: duckdb.DuckDBPyConnection) -> Any:
    try:
        import pandas  # noqa: F401
    except ImportError:
        return cur.fetch_arrow_table()
    return cur.df()


class Detente:
    def __init__(self, db: str | Path):
        self.db = str(db)
        self._store = Store(self.db, read_only=True)
        self.con = self._store.con

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Detente:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Detente({self.db!r}: {self._store.counts()})"

    def sql(self, query: str, params: list[Any] | None = None) -> Any:
        """Any read-only SQL over the store's tables."""
        return _table(self.con.execute(query, params or []))

    def articles(self, with_text: bool = False) -> Any:
        cols = "*" if with_text else ("id, source, title, outlet, authors, published, published_precision, "
                                      "published_inferred, dateline, genre, ingested_at")
        return _table(self.con.execute(f"SELECT {cols} FROM articles ORDER BY published NULLS LAST, id"))

    def actors(self, kind: str | None = None, q: str | None = None) -> Any:
        return _frame(people_index.list_actors(self.con, kind=kind, q=q))

    def actor(self, actor_id: str) -> dict[str, Any]:
        return people_index.actor_detail(self.con, actor_id)

    def events(self, pair: str | None = None, type: str | None = None) -> Any:
        where, params = [], []
        if pair:
            sql, pair_params = pair_condition(*parse_pair(self.con, pair), alias="e.")
            where.append(sql)
            params += pair_params
        if type:
            where.append("e.type = ?")
            params.append(check_type(type))
        sql = f"""SELECT e.*, a.published, a.outlet, a.title FROM events e LEFT JOIN articles a ON a.id = e.article_id
                  {"WHERE " + " AND ".join(where) if where else ""}
                  ORDER BY coalesce(e.date, a.published) NULLS LAST, e.article_id, e.idx"""
        return _table(self.con.execute(sql, params))

    def quotes(self, speaker: str | None = None, about: str | None = None, q: str | None = None) -> Any:
        return _frame(people_index.list_quotes(self.con, speaker=speaker, about=about, q=q))

    def search(self, q: str, **filters: Any) -> Any:
        return _frame(_search(self.db, q, con=self.con, **filters))

    def relations(self, period: str = "month", level: str = "state", outlet: str | None = None) -> Any:
        """One row per pair and period: event counts by quad class, sum and mean PLOVER score. Built on the
        same per-event relation as detente.aggregate (cluster dedup, negated/hypothetical events unscored)."""
        from detente.store.aggregate import QUADS, pair_events_sql

        base, params = pair_events_sql(self.con, period, level, outlet)
        quads = ", ".join(f"count(*) FILTER (WHERE scored AND quad = '{q}') AS {q}" for q in QUADS)
        sql = f"""SELECT a, b, period, count(*) FILTER (WHERE scored) AS n,
                         count(*) FILTER (WHERE NOT scored) AS n_unscored, {quads},
                         round(sum(score) FILTER (WHERE scored), 3) AS score_sum,
                         round(avg(score) FILTER (WHERE scored), 3) AS score_mean
                  FROM ({base}) GROUP BY a, b, period ORDER BY a, b, period NULLS LAST"""
        return _table(self.con.execute(sql, params))

    def pairs(self, **options: Any) -> Any:
        """Pair summaries over the whole span (tone, trend, counts): detente.aggregate.pairs."""
        from detente.store.aggregate import pairs

        return _frame(pairs(self.con, **options))


def open(db: str | Path) -> Detente:  # noqa: A001 - the notebook entry point is detente.open(db)
    """Open a store read-only for analysis in a notebook."""
    return Detente(db)
