"""The Ray engine: process_batch on a pool of Ray actors, one loaded model each, results back in order.

``workers`` actors of ``_Analyser`` are started once per run and kept until its last batch is back, so each
loads the spaCy model once for the whole run (not once per window of batches); a local cluster is started
here without the processes a one-machine run never uses (ray_local.py) and shuts down on a thread while the
driver stores that batch. Batches go to them round robin, the
articles pickled so Ray never has to guess a schema for optional fields; at most ``window`` batches are in
flight (``workers`` x 2 by default, as the pool engine), so memory stays flat, and the driver yields the
results in input order.

Ray is imported lazily: the local and pool engines never need it.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from detente.errors import DetenteError
from detente.pipeline.process import Resources, process_batch
from detente.pipeline.ray_local import QUIET, Stop, start_local
from detente.types import Article, Result, Skipped

Out = list[Result | Skipped]
IN_FLIGHT_PER_WORKER = 2  # one batch working, one queued: no actor waits on the driver


class _Analyser:
    """A Ray actor body: loads the model once, then runs process_batch on each pickled batch it is sent."""

    def __init__(self, resources: Resources):
        from detente.nlp import parse as annotate

        self.resources = resources
        annotate.load_model(resources.settings)

    def run(self, blob: bytes) -> bytes:
        return pickle.dumps(process_batch(pickle.loads(blob), self.resources))


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
    window = max(window or workers * IN_FLIGHT_PER_WORKER, 1)
    stop = _connect(ray, workers, address)
    actors: list[Any] = []
    cluster = [stop] if stop else []  # ours to shut down, once

    def release() -> None:  # as soon as no work is left for the actors (or on an error)
        while actors:
            ray.kill(actors.pop())
        if cluster:
            _shut_down_behind(cluster.pop())

    try:
        actor_class = ray.remote(num_cpus=1)(_bound(resources))
        actors += [actor_class.remote() for _ in range(workers)]
        flying: deque[list[Any]] = deque()  # per batch, its parts (one per actor, as the pool shares them out)
        for batch in batches:
            size = max(-(-len(batch) // workers), 1)
            flying.append([actors[n].run.remote(pickle.dumps(list(batch[k:k + size])))
                           for n, k in enumerate(range(0, len(batch), size))])
            if len(flying) >= window:
                yield [r for ref in flying.popleft() for r in pickle.loads(ray.get(ref))]
        while flying:
            out = [r for ref in flying.popleft() for r in pickle.loads(ray.get(ref))]
            if not flying:
                release()  # the cluster winds down while the driver stores the last batch and rebuilds
            yield out
    finally:
        release()


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise DetenteError("engine 'ray' needs Ray; install it with: pip install 'ray' "
                           "(or use the local or pool engine)") from exc
    return ray


# Local clusters this process started and is shutting down, on a thread each.
_CLOSING: list[threading.Thread] = []


def _shut_down_behind(stop: Stop) -> None:
    """Shut the local cluster down on a thread. Stopping waits for Ray's processes to exit after SIGTERM
    (0.4-0.8 s; 1.5 s for the cluster ray.init starts); on a thread that wait overlaps the driver's last
    writes and the rebuild of the derived tables. The thread is no daemon, so the interpreter waits for it at
    exit, and the next run waits for it before it joins or starts Ray."""
    closing = threading.Thread(target=stop, name="detente-ray-shutdown")
    closing.start()
    _CLOSING.append(closing)


def wait_for_shutdown() -> None:
    """Return once every local cluster this process started has shut down."""
    while _CLOSING:
        _CLOSING.pop().join()


def _connect(ray: Any, workers: int, address: str | None) -> Stop | None:
    """Join the given cluster, reuse one this process already joined, or start a local one.
    Returns how to stop the cluster when this call started it (None when it joined one)."""
    wait_for_shutdown()
    if ray.is_initialized():
        return None
    logging.getLogger("ray").setLevel(logging.WARNING)
    if address and address != "auto":
        _check_reachable(address)
    try:
        if not address:
            return start_local(ray, workers)
        ray.init(address=address, **QUIET)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
        raise DetenteError(f"cannot start or reach {where} ({exc}); check --address "
                           "(e.g. ray://host:10001 or host:6379) or use --engine local") from exc
    return None


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
