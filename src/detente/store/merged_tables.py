"""Building the merged-event tables (``event_clusters``, ``event_mentions``) in memory that does not grow with
the store.

``materialize`` gives the clusters ``merge_events`` gives over every mention, in the same order, built in
three steps so that no step holds more than a chunk of the store:

1. keys: the merge key (``key_of``) of each distinct combination of the columns it reads, with its number
   of mentions: a few hundred rows, whatever the store's size;
2. runs: the mentions read a few whole keys at a time (about ``chunk_rows``), merged, and each chunk's
   clusters written in ``cluster_order`` to an Arrow file in a temporary directory (a sorted run);
3. insert: the runs merged into one ordered stream (heapq), numbered, and appended to fresh tables in
   slices, with the article stamp the clusters were read from, in one transaction: a crash leaves the
   previous tables and their old stamp, which ``detente check`` reports as stale.

Staging the clusters in DuckDB temporary tables and numbering them there with one window over all of them
made the rebuild grow with the store: +66 MB over the open store at 10,000 generated articles, +31 MB at
1,000; built this way, +46 and +29 (a fresh process on each stored file, sampling its resident size).
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc as ipc

from detente.store.db import CLUSTERS_KEY, article_stamp, drop_cache, insert_rows, rows
from detente.store.merge import (
    CLUSTER_COLUMNS,
    KEY_COLUMNS,
    MERGE_COLUMNS,
    SCHEMA,
    cluster_group,
    cluster_order,
    key_of,
    start,
    summarise,
)

CHUNK_ROWS = 2_000  # mentions merged at a time (whole keys): its rows, as Python objects, are the working set
# Clusters per record batch of a run: the insert holds one batch of every run at once, and a store has more
# runs the larger it is (27 at 10,000 articles), so they are small.
RUN_BATCH = 64
SLICE = 1_000  # clusters per append of the insert
_TEXT = pa.string()
RUN_SCHEMA = pa.schema([
    ("start", _TEXT), ("type", _TEXT), ("mode", _TEXT), ("source", _TEXT), ("target", _TEXT), ("date", _TEXT),
    ("date_precision", _TEXT), ("status", _TEXT), ("score", pa.float64()), ("n_mentions", pa.int32()),
    ("first_article", _TEXT), ("articles", pa.list_(_TEXT)), ("idxs", pa.list_(pa.int32())),
])


def materialize(con: Any, chunk_rows: int = CHUNK_ROWS) -> int:
    """(Re)build event_clusters and event_mentions from the events table and record the article stamp they
    were built from (``detente.store.derived``); returns the cluster count."""
    stamp = article_stamp(con)  # before reading: an article stored meanwhile leaves the tables stale, as it should
    with tempfile.TemporaryDirectory(prefix="detente-merge-") as tmp:
        runs = list(_write_runs(con, Path(tmp), chunk_rows))
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DROP TABLE IF EXISTS event_mentions")
            con.execute("DROP TABLE IF EXISTS event_clusters")
            con.execute(SCHEMA)
            n = _insert(con, runs)
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [CLUSTERS_KEY, stamp])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return n


def _keys(con: Any) -> tuple[pa.Table, list[tuple[int, int]]]:
    """Every distinct combination of KEY_COLUMNS with the number of its merge key, and (key number, mentions)
    per key in number order."""
    cols = ", ".join(KEY_COLUMNS)
    combos = rows(con, f"SELECT {cols}, count(*) AS n FROM events GROUP BY ALL ORDER BY ALL")
    numbers: dict[tuple, int] = {}
    gids = [numbers.setdefault(key_of(c), len(numbers)) for c in combos]
    sizes = [0] * len(numbers)
    for gid, c in zip(gids, combos, strict=True):
        sizes[gid] += c["n"]
    table = pa.table({**{k: pa.array([c[k] for c in combos], _TEXT) for k in KEY_COLUMNS},
                      "gid": pa.array(gids, pa.int32())})
    return table, list(enumerate(sizes))


def _chunks(sizes: list[tuple[int, int]], chunk_rows: int) -> Iterator[tuple[int, int]]:
    """Ranges of key numbers (first, last) holding about ``chunk_rows`` mentions; a key is never split."""
    k = 0
    while k < len(sizes):
        first, n = sizes[k][0], 0
        while k < len(sizes) and (n == 0 or n + sizes[k][1] <= chunk_rows):
            n += sizes[k][1]
            k += 1
        yield first, sizes[k - 1][0]


def _write_runs(con: Any, tmp: Path, chunk_rows: int) -> Iterator[Path]:
    """One sorted run file per chunk of keys."""
    keys, sizes = _keys(con)
    on = " AND ".join(f"e.{k} IS NOT DISTINCT FROM k.{k}" for k in KEY_COLUMNS)
    sql = (f"SELECT k.gid, {MERGE_COLUMNS}, a.published FROM events e JOIN _merge_keys k ON {on} "
           "LEFT JOIN articles a ON a.id = e.article_id WHERE k.gid BETWEEN ? AND ?")
    con.register("_merge_keys", keys)
    try:
        for n, bounds in enumerate(_chunks(sizes, chunk_rows)):
            groups: dict[int, list[dict[str, Any]]] = {}
            for r in rows(con, sql, list(bounds)):
                groups.setdefault(r.pop("gid"), []).append(r)
            drop_cache(con)  # each chunk reads the events table through: its blocks would pile up in the cache
            clusters = [summarise(c) for members in groups.values() for c in cluster_group(members)]
            del groups
            clusters.sort(key=cluster_order)
            path = tmp / f"run-{n:06d}.arrow"
            _write_run(path, clusters)
            yield path
    finally:
        con.unregister("_merge_keys")


def _run_order(row: dict[str, Any]) -> tuple:
    """``cluster_order`` of a run's row (its start and first mention are columns there)."""
    return (row["start"], row["type"], row["source"] or "", row["target"] or "", (row["articles"][0], row["idxs"][0]))


def _write_run(path: Path, clusters: list[dict[str, Any]]) -> None:
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, RUN_SCHEMA) as out:
        for k in range(0, len(clusters), RUN_BATCH):
            part = clusters[k:k + RUN_BATCH]
            out.write_batch(pa.record_batch({
                "start": [start(c) for c in part], **{f: [c[f] for c in part] for f in CLUSTER_COLUMNS[1:]},
                "articles": [[a for a, _ in c["mentions"]] for c in part],
                "idxs": [[i for _, i in c["mentions"]] for c in part]}, schema=RUN_SCHEMA))


def _read_run(path: Path) -> Iterator[dict[str, Any]]:
    """A run's clusters in order, one record batch in memory at a time."""
    with pa.memory_map(str(path)) as source:
        reader = ipc.open_file(source)
        for b in range(reader.num_record_batches):
            yield from reader.get_batch(b).to_pylist()


def _insert(con: Any, runs: list[Path]) -> int:
    """The runs' clusters into the (empty) tables in cluster order, numbered from 1, a slice at a time."""
    clusters: list[tuple[Any, ...]] = []
    mentions: list[tuple[int, str, int]] = []
    n = 0
    for n, c in enumerate(heapq.merge(*(_read_run(p) for p in runs), key=_run_order), start=1):
        clusters.append((n, *(c[k] for k in CLUSTER_COLUMNS[1:])))
        mentions += [(n, a, i) for a, i in zip(c["articles"], c["idxs"], strict=True)]
        if len(clusters) >= SLICE:
            _append(con, clusters, mentions)
            clusters, mentions = [], []
    _append(con, clusters, mentions)
    return n


def _append(con: Any, clusters: list[tuple[Any, ...]], mentions: list[tuple[int, str, int]]) -> None:
    if clusters:
        insert_rows(con, "event_clusters", clusters)
        insert_rows(con, "event_mentions", mentions)
