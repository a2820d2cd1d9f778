"""The Ray engine gives exactly the local runner's results, batch for batch, in input order."""

from __future__ import annotations

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
