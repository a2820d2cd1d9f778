"""Derived data: the tables computed from the stored articles (merged events, the search index), and the
stamp that says which set of articles each was built from.

The stamp is a digest of every stored article id with its ingest time, so any write (an article added,
re-ingested or removed) moves it. ``materialize`` records the stamp it merged in ``meta`` inside its own
transaction, and the search index keeps the stamp it indexed; an ingest that dies between storing its
last batch and rebuilding them leaves an old stamp behind. ``stale`` names what no longer matches (``detente
check`` reports it); ``refresh`` rebuilds exactly that (every ingest ends with it, and ``detente check
--repair`` runs it), so a re-run after a crash repairs what the crash left half done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from detente.store.db import CLUSTERS_KEY, article_stamp, drop_cache
from detente.store.merge import has_clusters
from detente.store.merged_tables import materialize
from detente.store.search import build_index, index_stamp

CLUSTERS = "event clusters"
SEARCH_INDEX = "search index"
REPAIR = "run 'detente check --repair --db FILE' or re-run the ingest"


def clusters_stamp(con: Any) -> str | None:
    """The article stamp the merged-event tables were built from; None when they were never built."""
    if not has_clusters(con):
        return None
    found = con.execute("SELECT value FROM meta WHERE key = ?", [CLUSTERS_KEY]).fetchone()
    return None if found is None else str(found[0])


def stale(con: Any, db_path: str | Path, index_dir: str | Path | None = None) -> dict[str, str]:
    """What derived data does not match the stored articles: name -> why, with what to do."""
    now = article_stamp(con)
    out: dict[str, str] = {}
    empty = now.startswith("0:")
    built = clusters_stamp(con)
    if built != now and not (empty and built is None):
        seen = "never built" if built is None else f"built from {_n(built)} article(s)"
        out[CLUSTERS] = f"{seen}; the store holds {_n(now)}: {REPAIR}"
    indexed = index_stamp(db_path, index_dir)
    if indexed != now and not (empty and indexed is None):
        seen = "never built" if indexed is None else f"built from {_n(indexed)} article(s)"
        out[SEARCH_INDEX] = f"{seen}; the store holds {_n(now)}: {REPAIR}"
    return out


def refresh(con: Any, db_path: str | Path, index_dir: str | Path | None = None) -> list[str]:
    """Rebuild the derived data that is stale (on a writable connection); the names of what was rebuilt."""
    todo = stale(con, db_path, index_dir)
    if CLUSTERS in todo:
        materialize(con)
        drop_cache(con)  # the events it read: the index reads the texts, and needs none of them
    if SEARCH_INDEX in todo:
        build_index(db_path, con=con, index_dir=index_dir)
    return sorted(todo)


def _n(stamp: str) -> str:
    return stamp.split(":", 1)[0]
