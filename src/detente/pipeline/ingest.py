"""Ingest: read -> deduplicate -> process (any runner) -> store, batch by batch, with a summary."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detente.pipeline.process import Resources
from detente.pipeline.runners import check_engine, run
from detente.read import read_paths
from detente.store.db import Store
from detente.store.derived import refresh
from detente.types import Article, Result, Skipped


@dataclass
class Summary:
    read: int = 0  # articles read successfully (including duplicates)
    stored: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0
    decoded: list[tuple[str, str]] = field(default_factory=list)  # (source, encoding) read as other than UTF-8
    rebuilt: list[str] = field(default_factory=list)  # derived data rebuilt at the end (detente.store.derived)

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(f"{s.stage}: {s.reason.split(';')[0]}" for s in self.skipped)


Progress = Callable[[Summary], None]


def ingest(paths: Iterable[str | Path], db: str | Path, resources: Resources | None = None,
           engine: str = "local", workers: int = 1, address: str | None = None,
           progress: Progress | None = None, on_skip: Callable[[Skipped], None] | None = None,
           index_dir: str | Path | None = None) -> Summary:
    """Read, process and store every article under ``paths``, then rebuild the derived data (merged events,
    the search index, in ``index_dir`` when given) that is stale; a summary of what was stored and skipped."""
    check_engine(engine, workers)
    resources = resources or Resources()
    summary = Summary()
    started = time.perf_counter()
    seen: set[str] = set()
    with Store(db) as store:
        pending: list[Skipped] = []  # read skips, written with the next batch: one transaction, not one each

        def note_skip(s: Skipped) -> None:
            summary.skipped.append(s)
            if on_skip:
                on_skip(s)

        def fresh_batches() -> Iterator[list[Article]]:
            batch: list[Article] = []
            for item in read_paths(paths, resources.settings):
                if isinstance(item, Skipped):
                    note_skip(item)
                    pending.append(item)
                    continue
                summary.read += 1
                if item.encoding != "utf-8":
                    summary.decoded.append((item.source, item.encoding))
                if item.id in seen:
                    summary.duplicates += 1
                    continue
                seen.add(item.id)
                batch.append(item)
                if len(batch) >= resources.settings.batch_size:
                    yield from _drop_stored(batch, store, summary)
                    batch = []
            if batch:
                yield from _drop_stored(batch, store, summary)

        for out in run(fresh_batches(), resources, engine, workers, address):
            results = [r for r in out if isinstance(r, Result)]
            skips = [r for r in out if isinstance(r, Skipped)]
            for s in skips:
                note_skip(s)
            store.write(results, pending + skips)
            pending.clear()
            summary.stored += len(results)
            summary.words += sum(len(r.text[r.meta.body_start:r.meta.body_end].split()) for r in results)
            if progress:
                progress(summary)
        if pending:
            store.write([], pending)
        if summary.stored:
            store.reopen()  # the rebuild below starts from a fresh connection, not one grown by the writes
        # merged events and the search index follow the stored articles; a run that stored nothing still
        # rebuilds what an earlier, interrupted run left stale
        summary.rebuilt = refresh(store.con, db, index_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def _drop_stored(batch: list[Article], store: Store, summary: Summary) -> Iterator[list[Article]]:
    """Articles already in the store are duplicates: re-running an ingest does no work twice."""
    have = store.existing_ids(a.id for a in batch)
    summary.duplicates += len(have)
    todo = [a for a in batch if a.id not in have]
    if todo:
        yield todo
