"""process() is pure and picklable; the local and pool runners give identical results."""

from __future__ import annotations

import json
import pickle

from conftest import SEEDS
from detente.pipeline.process import process, process_batch
from detente.pipeline.runners import run_local, run_pool
from detente.read import read_path
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
    pooled_outs = list(run_pool(batches, resources, workers=2))
    pooled = [r.to_json() for out in pooled_outs for r in out]
    assert local == pooled and len(local) == 5
    assert [len(out) for out in pooled_outs] == [2, 3]  # one output per batch, though each was shared out


def test_a_batch_is_shared_out_in_consecutive_parts_of_near_equal_size():
    from detente.pipeline.runners import split

    assert split(list(range(7)), 2) == [[0, 1, 2, 3], [4, 5, 6]]
    assert split(list(range(3)), 4) == [[0], [1], [2]]
    assert split([], 2) == [] and split([1], 1) == [[1]]


def test_batch_equals_single(resources):
    arts = seeds()
    assert [r.to_json() for r in process_batch(arts, resources)] == [process(a, resources).to_json() for a in arts]


# -- the stage contract ----------------------------------------------------------------------------------

def one_doc():
    from detente.nlp import parse_many
    from detente.read import clean

    art = Article(id="s", source="stage.txt", text="Japan and the United States held talks in Tokyo on Monday.")
    meta, masked = clean(art)
    (doc,) = parse_many([(meta, art.text, masked)])
    return doc


def test_each_stage_fills_its_own_list_in_order(resources):
    from detente.pipeline import STAGES, analyse

    assert [st.name for st in STAGES] == ["actors", "dating", "timexes", "quotes", "events"]
    r = analyse(one_doc(), resources)
    assert isinstance(r, Result) and {a.id for a in r.actors} >= {"JPN", "USA"} and r.events


def test_a_stage_that_amends_the_article_updates_the_result_and_the_doc(resources):
    from dataclasses import replace

    from detente.pipeline import STAGES, Stage, analyse

    def stamp(meta, found):
        return replace(meta, published="2017-09", published_precision="month", published_inferred=True)

    seen = []
    dating = Stage("dating", lambda doc, result, res: [], reads=("actors",), amends=stamp)
    probe = Stage("timexes", lambda doc, result, res: seen.append(doc.meta.published) or [], reads=("dating",))
    r = analyse(one_doc(), resources, stages=[STAGES[0], dating, probe])
    assert r.meta.published == "2017-09" and r.meta.published_inferred and seen == ["2017-09"]


def test_a_stage_that_returns_no_list_fails_loudly(resources):
    import pytest

    from detente.pipeline import STAGES, Stage, StageContractError, analyse

    silent = Stage("quotes", lambda doc, result, res: None, reads=("actors",))  # assigned instead of returned
    with pytest.raises(StageContractError, match="stage 'quotes' returned NoneType, not a list"):
        analyse(one_doc(), resources, stages=[STAGES[0], silent])


def test_a_stage_reading_a_later_stage_is_refused():
    import pytest

    from detente.pipeline import STAGES, StageContractError
    from detente.pipeline.stages import check_order

    events, actors = STAGES[4], STAGES[0]
    with pytest.raises(StageContractError, match="stage 'events' reads timexes, quotes, which no earlier stage"):
        check_order([actors, events])
    with pytest.raises(StageContractError, match="no Result field"):
        check_order([actors._replace(name="nonsense")])


def test_a_crashing_stage_costs_its_article_unless_strict():
    import pytest

    from detente.pipeline import STAGES, Resources, Stage, analyse
    from detente.settings import Settings

    def boom(doc, result, res):
        raise RuntimeError("odd text")

    stages = [STAGES[0], Stage("timexes", boom)]
    lenient = analyse(one_doc(), Resources(Settings(strict=False)), stages=stages)
    assert isinstance(lenient, Skipped) and lenient.stage == "timexes"
    assert lenient.reason == "internal error in the timexes stage (RuntimeError: odd text); please report this file"
    with pytest.raises(RuntimeError, match="odd text"):
        analyse(one_doc(), Resources(Settings(strict=True)), stages=stages)


def test_a_crashing_amends_hook_costs_its_article_unless_strict():
    import pytest

    from detente.pipeline import STAGES, Resources, Stage, analyse
    from detente.settings import Settings

    def bad_date(meta, found):
        raise ValueError("day is out of range for month")

    stages = [STAGES[0], Stage("dating", lambda doc, result, res: [], reads=("actors",), amends=bad_date)]
    lenient = analyse(one_doc(), Resources(Settings(strict=False)), stages=stages)
    assert isinstance(lenient, Skipped) and lenient.stage == "dating"
    assert "internal error in the dating stage (ValueError: day is out of range" in lenient.reason
    with pytest.raises(ValueError, match="out of range"):
        analyse(one_doc(), Resources(Settings(strict=True)), stages=stages)


# -- workers: every core by default; a pool only when there is a second batch to share ----------------------

def test_workers_default_to_the_cores_and_one_batch_stays_in_process(resources, monkeypatch):
    import importlib
    import os

    from typer.testing import CliRunner

    from detente.cli import app
    from detente.pipeline import runners

    ingest_mod = importlib.import_module("detente.pipeline.ingest")  # the package's ingest() shadows it

    assert runners.default_workers() == len(os.sched_getaffinity(0))
    seen = {}

    def fake_ingest(paths, db, **kw):
        seen.update(kw)
        return ingest_mod.Summary()

    monkeypatch.setattr(ingest_mod, "ingest", fake_ingest)
    CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", "unused.duckdb"])
    assert seen["workers"] == runners.default_workers() and seen["engine"] == "local"

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr(runners, "run_pool", no_pool)
    arts = seeds()
    assert [r.to_json() for out in runners.run([arts], resources, workers=2) for r in out] == \
        [r.to_json() for r in process_batch(arts, resources)]


def test_in_order_keeps_each_refusal_where_it_was_read_across_batches(resources, monkeypatch):
    from dataclasses import replace as with_

    from detente.pipeline.runners import in_order

    arts = seeds()[:3]
    refused = [Skipped(f"bad{k}.txt", "read", "unreadable") for k in range(3)]
    items = [refused[0], arts[0], arts[1], refused[1], arts[2], refused[2]]
    small = with_(resources, settings=with_(resources.settings, batch_size=2))  # batches [a0, a1], [a2]
    got = list(in_order(iter(items), small))
    assert [type(g).__name__ for g in got] == ["Skipped", "Result", "Result", "Skipped", "Result", "Skipped"]
    assert [g.source for g in got if isinstance(g, Skipped)] == ["bad0.txt", "bad1.txt", "bad2.txt"]
    assert [g.meta.source for g in got if isinstance(g, Result)] == [a.source for a in arts]
    assert [g.to_json() for g in got if isinstance(g, Result)] == [process(a, resources).to_json() for a in arts]


def test_the_local_runner_parses_ahead_but_gives_what_process_batch_gives(resources):
    arts = seeds()
    batches = [arts[:1], arts[1:3], arts[3:]]
    ahead = [[r.to_json() for r in out] for out in run_local(iter(batches), resources, parse_ahead=True)]
    assert ahead == [[r.to_json() for r in process_batch(b, resources)] for b in batches]
