"""Runners map process_batch over batches of articles: in-process, in a process pool, or on Ray.

All three yield (Result | Skipped) in input order, so their outputs are identical by construction of
process(); only where the work happens differs. In-flight work is bounded to keep memory flat.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from itertools import chain, islice

from detente.errors import UsageError
from detente.pipeline.process import Resources, finish, parse_batch, process_batch
from detente.types import Article, Result, Skipped

Batch = Sequence[Article]
Out = list[Result | Skipped]


def run_local(batches: Iterable[Batch], resources: Resources, parse_ahead: bool = False) -> Iterator[Out]:
    """In this process, batch by batch. With ``parse_ahead`` the next batch is parsed on a second thread while
    the stages run on this one: spaCy spends most of its time in code that releases the GIL, so on two cores
    the two overlap. Off by default: ``--workers 1`` asks for one core, and the pool's speed-up is measured
    against it. The outputs are those of process_batch either way; only one batch is parsed ahead."""
    if not parse_ahead:
        for batch in batches:
            yield process_batch(batch, resources)
        return
    source = iter(batches)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="detente-parse") as parser:
        first = next(source, None)
        ahead = parser.submit(parse_batch, first, resources) if first is not None else None
        while ahead is not None:
            parsed = ahead.result()
            following = next(source, None)  # read here: the source may use the store, which stays on this thread
            ahead = parser.submit(parse_batch, following, resources) if following is not None else None
            yield finish(parsed, resources)


def in_order(items: Iterable[Article | Skipped], resources: Resources) -> Iterator[Result | Skipped]:
    """Articles, and what reading refused, through the local runner in batches (parsing ahead when the
    machine has a second core), each outcome in the order of the input (a refusal where it was read):
    ``analyze`` prints one record per input, as read."""
    size = max(resources.settings.batch_size, 1)
    sent: deque[list[Article | Skipped]] = deque()  # per batch handed to the runner: its inputs, as read
    tail: list[Article | Skipped] = []  # refusals read after the last article

    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        seen: list[Article | Skipped] = []
        for item in items:
            seen.append(item)
            if isinstance(item, Article):
                batch.append(item)
                if len(batch) >= size:
                    sent.append(seen)
                    yield batch
                    batch, seen = [], []
        if batch:
            sent.append(seen)
            yield batch
            seen = []
        tail.extend(seen)

    ahead = default_workers() > 1
    for out in run_local(batches(), resources, ahead):  # one outcome per article of the batch, in order
        done = iter(out)
        for item in sent.popleft():
            yield item if isinstance(item, Skipped) else next(done)
    for item in tail:
        assert isinstance(item, Skipped)
        yield item


def run_pool(batches: Iterable[Batch], resources: Resources, workers: int) -> Iterator[Out]:
    """A process pool; each worker loads the model once (annotate.load_model is cached per process). Each
    batch is shared out in ``workers`` parts, so a run of a few batches keeps every worker busy to the end."""
    ctx = mp.get_context("spawn")  # fork after importing spaCy/DuckDB threads is unsafe
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        window: deque[list[Future[Out]]] = deque()
        for batch in batches:
            window.append([pool.submit(process_batch, part, resources) for part in split(batch, workers)])
            if len(window) >= workers * 2:
                yield [r for f in window.popleft() for r in f.result()]
        while window:
            yield [r for f in window.popleft() for r in f.result()]


def exit_with_parent(parent: int) -> None:
    """A pool worker's initializer. A driver killed outright (SIGKILL, the OOM killer) runs no clean-up, and
    its workers would wait on their queue for ever, each holding a loaded model (the siblings keep the queue's
    pipe open, so no end-of-file comes): a daemon thread ends the worker once its parent is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="detente-parent-watch", daemon=True).start()


PARENT_CHECK_S = 1.0


def split(batch: Batch, parts: int) -> list[list[Article]]:
    """A batch in at most ``parts`` consecutive pieces of near-equal size, in order."""
    size = max(-(-len(batch) // max(parts, 1)), 1)
    return [list(batch[k:k + size]) for k in range(0, len(batch), size)]


ENGINES = ("local", "pool", "ray")


def check_engine(engine: str, workers: int) -> None:
    """The engine and worker count every face accepts (raises UsageError naming the fix)."""
    if engine not in ENGINES:
        raise UsageError(f"engine {engine!r} is not one of: {', '.join(ENGINES)}")
    if workers < 1:
        raise UsageError("workers must be at least 1")


def default_workers() -> int:
    """What --workers means when not given: every core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def run(batches: Iterable[Batch], resources: Resources, engine: str = "local", workers: int = 1,
        address: str | None = None) -> Iterator[Out]:
    """Map process_batch over batches with the engine named, yielding outputs in input order. Several
    local workers are a process pool, started only when there is a second batch to share."""
    check_engine(engine, workers)
    if engine == "local" and workers > 1:
        source = iter(batches)
        head = list(islice(source, 2))
        batches = chain(head, source)
        if len(head) < 2:  # one batch: starting workers (a model load each) would only cost time
            return run_local(batches, resources)
    if engine == "ray":
        from detente.pipeline.ray_runner import run_ray

        return run_ray(batches, resources, workers, address)
    if engine == "pool" or workers > 1:
        return run_pool(batches, resources, max(workers, 1))
    return run_local(batches, resources)
