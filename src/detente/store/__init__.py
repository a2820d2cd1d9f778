"""The store: one DuckDB file of analysed articles, and every query over it. Nothing here runs the analysis.

    db          schema (versioned, created in one transaction), Store (per-batch atomic writes), rows/counts
    merge       event mentions -> merged events (``list_merged_events``); merged_tables: ``materialize`` builds them
    params      query parameters as users type them: pairs, types, statuses, choices, limits
    aggregate   the base relations every view counts from (events per pair, quotes per pair), their summary
    relations   ``pairs`` and one ``pair`` in full;  network: the graph;  mentions: single event reports
    people      one actor across articles;  articles: the article list and texts
    search      full-text search (SQLite FTS5 sidecar);  export: files;  check: integrity checks

Faces (cli, api, notebook) call these; this package never imports a face.
"""

from __future__ import annotations

from detente.store.articles import article, list_articles, outlets, substring_search
from detente.store.check import check_store
from detente.store.db import Store, counts, rows
from detente.store.export import export
from detente.store.mentions import list_mentions
from detente.store.merge import list_merged_events, merge_events
from detente.store.merged_tables import materialize
from detente.store.network import graph
from detente.store.params import parse_pair
from detente.store.people import actor_detail, list_actors, list_quotes, resolve_actor_id
from detente.store.relations import by_outlet, pair, pair_events, pairs, series
from detente.store.search import build_index, search

__all__ = [
    "Store", "rows", "counts",
    "materialize", "merge_events", "list_merged_events",
    "parse_pair",
    "pairs", "pair", "series", "pair_events", "by_outlet", "graph", "list_mentions",
    "list_actors", "actor_detail", "list_quotes", "resolve_actor_id",
    "list_articles", "article", "outlets", "substring_search",
    "search", "build_index", "export", "check_store",
]
