"""TimeBank gate: the real reader, cleaner, parser and timex stage over all 183 documents, scored against the
gold TIMEX3s. Floors sit just under the measured numbers and only rise (report: bench/eval_timebank.py)."""

from __future__ import annotations

import sys
import time

import pytest

from conftest import ROOT, TIMEBANK
from detente.read import read_path

sys.path.insert(0, str(ROOT / "bench"))
from timebank_gold import evaluate, read_gold  # noqa: E402

FLOORS = {
    "precision": 0.92,
    "recall": 0.92,
    "f1": 0.92,
    "type_accuracy": 0.95,
    "value_accuracy": 0.87,  # exact TIMEX3 value on matched DATE/TIME gold expressions
}


@pytest.fixture(scope="module")
def paths():
    found = sorted(TIMEBANK.glob("*.tml"))
    if len(found) < 183:
        pytest.skip(f"TimeBank not found under {TIMEBANK}")
    return found


@pytest.fixture(scope="module")
def scored(paths):
    t0 = time.perf_counter()
    score = evaluate(paths)
    return score, time.perf_counter() - t0


def test_gold_offsets_match_the_reader_text(paths):
    for p in paths:
        gold = read_gold(p)
        (article,) = list(read_path(p))
        assert article.text == gold.text, p
        for t in gold.timexes:
            assert gold.text[t.start:t.end] == t.text and "<" not in t.text, (p, t)


def test_all_gold_read(paths):
    assert sum(len(read_gold(p).timexes) for p in paths) == 1243


@pytest.mark.parametrize("metric", FLOORS)
def test_floor(scored, metric):
    score, _ = scored
    assert score.gold == 1243
    assert getattr(score, metric) >= FLOORS[metric], f"{metric} {getattr(score, metric):.3f} < {FLOORS[metric]}"


def test_under_a_minute(scored):
    _, seconds = scored
    assert seconds < 60
