"""The Ray engine: process_batch through Ray Data, one loaded model per worker, results back in order.

Each input batch becomes one row of a Ray Dataset (the articles pickled into a bytes column, so Arrow
never has to guess a schema for optional fields); ``map_batches`` hands one row at a time to a pool of
``workers`` actors of ``_Analyser``, each of which loads the spaCy model once. The driver reads results
with ``iter_rows`` and yields them in input order.

Memory stays flat: the input iterator is consumed ``window`` batches at a time, and each window is one
Dataset execution. Re-creating the actor pool per window costs one model load per worker per window,
which is small against a window's work (hundreds of articles).

Ray is imported lazily: the local and pool engines never need it.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from detente.errors import DetenteError
from detente.pipeline.process import Resources, process_batch
from detente.types import Article, Result, Skipped

Out = list[Result | Skipped]
WINDOW_BATCHES_PER_WORKER = 16  # input batches per worker in one Dataset execution


class _Analyser:
    """A Ray actor body: loads the model once, then maps process_batch over rows of pickled batches."""

    def __init__(self, resources: Resources):
        from detente.nlp import parse as annotate

        self.resources = resources
        annotate.load_model(resources.settings)

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        outs = [pickle.dumps(process_batch(pickle.loads(blob), self.resources)) for blob in rows["batch"]]
        return {"idx": rows["idx"], "out": outs}


def _bound(resources: Resources) -> type[_Analyser]:
    """The actor class with resources baked in (pickled with the class by value), rather than constructor
    arguments parked in the object store, which Ray warns cannot survive an actor restart."""

    class Analyser(_Analyser):
        def __init__(self) -> None:
            super().__init__(resources)

    return Analyser


def run_ray(batches: Iterable[Sequence[Article]], resources: Resources, workers: int = 1,
            address: str | None = None, window: int | None = None) -> Iterator[Out]:
    ray = _import_ray()
    workers = max(workers, 1)
    window = window or workers * WINDOW_BATCHES_PER_WORKER
    started_here = _connect(ray, workers, address)
    try:
        source = iter(batches)
        while chunk := [list(b) for b in islice(source, window)]:
            yield from _run_window(chunk, resources, workers)
    finally:
        if started_here:
            ray.shutdown()


def _run_window(chunk: list[list[Article]], resources: Resources, workers: int) -> Iterator[Out]:
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.raise_original_map_exception = True
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # per-dataset INFO lines would drown the CLI
    items = [{"idx": k, "batch": pickle.dumps(b)} for k, b in enumerate(chunk)]
    ds = ray.data.from_items(items, override_num_blocks=min(len(items), workers * 4)).map_batches(
        _bound(resources), batch_size=1, concurrency=min(workers, len(items)), num_cpus=1)
    # preserve_order already keeps rows in order; the index check turns any reordering into a bounded
    # buffer instead of a silent mix-up of articles.
    pending: dict[int, bytes] = {}
    expected = 0
    for row in ds.iter_rows():
        pending[int(row["idx"])] = row["out"]
        while expected in pending:
            yield pickle.loads(pending.pop(expected))
            expected += 1
    if expected != len(chunk):
        raise DetenteError(f"the Ray engine returned {expected} of {len(chunk)} batches; "
                           "re-run the ingest (it resumes) or use --engine local")


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise DetenteError("--engine ray needs Ray Data; install it with: pip install 'ray[data]' "
                           "(or use --engine local / pool)") from exc
    return ray


def _connect(ray: Any, workers: int, address: str | None) -> bool:
    """Join the given cluster, reuse one this process already joined, or start a local one.
    Returns whether this call started Ray (and so should shut it down)."""
    if ray.is_initialized():
        return False
    logging.getLogger("ray").setLevel(logging.WARNING)
    if address and address != "auto":
        _check_reachable(address)
    try:
        if address:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, ignore_reinit_error=True,
                     log_to_driver=False, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
        raise DetenteError(f"cannot start or reach {where} ({exc}); check --address "
                           "(e.g. ray://host:10001 or host:6379) or use --engine local") from exc
    return True


def _check_reachable(address: str) -> None:
    """ray.init retries an unreachable address for minutes; a plain TCP connect answers in seconds."""
    import socket

    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise DetenteError(f"--address {address!r} is not host:port (e.g. 10.0.0.5:6379 or ray://10.0.0.5:10001)")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
    except OSError as exc:
        raise DetenteError(f"cannot start or reach the Ray cluster at {address} ({exc.strerror or exc}); "
                           "check --address and that the cluster is running, or use --engine local") from exc
