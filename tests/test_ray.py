"""The Ray engine gives exactly the local runner's results, batch for batch, in input order."""

from __future__ import annotations

import os

import pytest

from conftest import SEEDS
from detente.pipeline.runners import run, run_local
from detente.read import read_path
from detente.types import Article

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def seed_batches():
    arts = [a for a in read_path(SEEDS) if isinstance(a, Article)]
    assert len(arts) == 5, f"expected the 5 seeds under {SEEDS}"
    return [arts[:2], arts[2:3], arts[3:]]


def as_json(outs):
    return [[r.to_json() for r in out] for out in outs]


def test_ray_equals_local_on_the_seeds(local_cluster, resources):
    batches = seed_batches()
    local = as_json(run_local(batches, resources))
    # window=2: at most two batches in flight over two actors, so results must be put back in order.
    from detente.pipeline.ray_runner import run_ray

    on_ray = as_json(run_ray(batches, resources, workers=2, window=2))
    assert [len(b) for b in on_ray] == [2, 1, 2]
    assert on_ray == local


def test_runners_dispatch_engine_ray(local_cluster, resources):
    batches = seed_batches()[:1]
    got = as_json(run(batches, resources, engine="ray", workers=1))
    assert got == as_json(run_local(batches, resources))


def test_unreachable_cluster_is_a_clear_error(resources):
    from detente.errors import DetenteError
    from detente.pipeline.ray_runner import _connect

    if ray.is_initialized():
        ray.shutdown()
    with pytest.raises(DetenteError, match="cannot start or reach the Ray cluster at 127.0.0.1:1"):
        _connect(ray, 1, "127.0.0.1:1")


def test_a_cluster_started_here_winds_down_before_the_last_batch_is_stored(resources):
    from detente.pipeline import ray_runner

    if ray.is_initialized():
        ray.shutdown()
    batches = seed_batches()
    runner = ray_runner.run_ray(batches, resources, workers=2)
    outs = [next(runner) for _ in batches]  # every batch back, the generator not yet exhausted
    assert ray_runner._CLOSING, "the local cluster should shut down while the driver stores the last batch"
    assert next(runner, None) is None
    ray_runner.wait_for_shutdown()
    assert not ray.is_initialized()
    assert as_json(outs) == as_json(run_local(batches, resources))
    again = as_json(ray_runner.run_ray(batches[:1], resources, workers=1))  # waits for the first to close
    assert again == as_json(outs[:1])
    ray_runner.wait_for_shutdown()
    assert not ray.is_initialized()


def processes_mentioning(tag):
    """Command lines of this machine's processes that mention ``tag`` (a Ray session's directory name)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if tag in cmd:
            found.append(cmd)
    return found


def test_the_local_cluster_starts_lean_and_stops_without_orphans():
    from detente.pipeline.ray_local import start_local

    if ray.is_initialized():
        ray.shutdown()
    stop = start_local(ray, 2)
    try:
        assert ray.is_initialized()
        session = os.path.basename(ray._private.worker._global_node.get_session_dir_path())
        running = processes_mentioning(session)
        assert any("raylet" in cmd for cmd in running), running
        unused = [cmd for cmd in running if any(name in cmd for name in ("dashboard.py", "monitor.py"))]
        assert not unused, f"the pinned Ray should start without dashboard head and monitors: {unused}"
        assert ray.get(ray.remote(lambda: 6 * 7).remote()) == 42
    finally:
        stop()
    assert not ray.is_initialized()
    assert processes_mentioning(session) == []


def test_a_changed_launcher_falls_back_to_ray_init(monkeypatch):
    from detente.pipeline import ray_local

    def moved(_workers):
        raise ImportError("ray._private.node moved")

    if ray.is_initialized():
        ray.shutdown()
    monkeypatch.setattr(ray_local, "_lean_node", moved)
    stop = ray_local.start_local(ray, 1)
    assert ray.is_initialized()
    stop()
    assert not ray.is_initialized()
