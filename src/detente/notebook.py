"""Python API for notebooks: ``detente.open(db)`` returns tables of actors, events, quotes, relations.

    import detente
    d = detente.open("detente.duckdb")
    d.actors(kind="person")             # one row per actor across articles
    d.events(pair="USA-JPN", type="CONSULT")   # event mentions: one row per event as an article reports it
    d.merged_events(pair="USA-JPN")     # one row per real-world event, its mentions merged
    d.quotes(speaker="person:stephen-nagy")
    d.relations(period="month")         # pair x period: event counts and scores
    d.pairs()                           # pair summaries: tone, trend (detente.store.relations.pairs)
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
from detente.store.aggregate import relations_sql
from detente.store.db import Store
from detente.store.mentions import list_mentions
from detente.store.merge import list_merged_events
from detente.store.relations import pairs as list_pairs
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

    def events(self, pair: str | None = None, type: str | None = None, **filters: Any) -> Any:
        """Event mentions (one row per event as an article reports it), oldest first; filters as
        detente.store.mentions.list_mentions: pair, type, status, since, until, outlet, actor."""
        return _frame(list_mentions(self.con, pair=pair, type=type, limit=None, **filters)["items"])

    def merged_events(self, pair: str | None = None, type: str | None = None, **filters: Any) -> Any:
        """Merged events (one row per real-world event with its mentions): detente.store.merge.list_merged_events."""
        return _frame(list_merged_events(self.con, pair=pair, kind=type, **filters))

    def quotes(self, speaker: str | None = None, about: str | None = None, q: str | None = None) -> Any:
        return _frame(people_index.list_quotes(self.con, speaker=speaker, about=about, q=q))

    def search(self, q: str, **filters: Any) -> Any:
        return _frame(_search(self.db, q, con=self.con, **filters))

    def relations(self, period: str = "month", level: str = "state", outlet: str | None = None) -> Any:
        """One row per pair and period: event counts by quad class, sum and mean PLOVER score. Built on the
        same per-event relation as the pair summaries (cluster dedup, negated/hypothetical events unscored)."""
        return _table(self.con.execute(*relations_sql(self.con, period, level, outlet)))

    def pairs(self, **options: Any) -> Any:
        """Pair summaries over the whole span (tone, trend, counts): detente.store.relations.pairs."""
        return _frame(list_pairs(self.con, **options))


def open(db: str | Path) -> Detente:  # noqa: A001 - the notebook entry point is detente.open(db)
    """Open a store read-only for analysis in a notebook."""
    return Detente(db)
