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
