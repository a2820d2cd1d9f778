"""process() is pure and picklable; the local and pool runners give identical results."""

from __future__ import annotations

import json
import pickle

from conftest import SEEDS
from detente.pipeline.process import process, process_batch
from detente.pipeline.runners import run_local, run_pool
from detente.read.files import read_path
from detente.types import Article, Result, Skipped


def seeds():
    return [a for a in read_path(SEEDS) if isinstance(a, Article)]


def test_process_returns_the_contract(resources):
    (a,) = [x for x in seeds() if "003_" in x.source]
    r = process(a, resources)
    assert isinstance(r, Result)
    d = r.to_json()
    assert set(d) == {"article", "actors", "timexes", "quotes", "events"}
    assert all(isinstance(d[k], list) for k in ("actors", "timexes", "quotes", "events"))
    assert json.loads(json.dumps(d)) == d
    pickle.loads(pickle.dumps(r))  # results cross process boundaries


def test_empty_body_is_a_skip_not_a_crash(resources):
    a = Article(id="x", source="t.txt", text="Opinion: A headline only\nBy Some One\n")
    r = process(a, resources)
    assert isinstance(r, Skipped) and r.stage == "clean"
    assert r.reason.startswith("no article body left")


def test_pool_equals_local(resources):
    arts = seeds()
    batches = [arts[:2], arts[2:]]
    local = [r.to_json() for out in run_local(batches, resources) for r in out]
    pooled = [r.to_json() for out in run_pool(batches, resources, workers=2) for r in out]
    assert local == pooled and len(local) == 5


def test_batch_equals_single(resources):
    arts = seeds()
    assert [r.to_json() for r in process_batch(arts, resources)] == [process(a, resources).to_json() for a in arts]
