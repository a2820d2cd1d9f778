"""Accuracy gate on the PLOVER gold-standard records (161 hand-coded sentences, read from ../shared).

Floors sit just below what `bench/eval_gsr.py` measures; they only ever rise. Measured when set:
type accuracy 0.571 (92/161), type when coded 0.836, direction 0.585 (62/106), direction when coded 0.849.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import SHARED

GSR = SHARED / "data" / "external" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "eval_gsr.py"

TYPE_FLOOR = 0.55
TYPE_WHEN_CODED_FLOOR = 0.80
DIRECTION_FLOOR = 0.65
# The Phoenix roll-ups now give both sides on 88 of 106 directed records (the share right of all rose to
# 0.66); the share right of those coded is 0.795, so its floor sits just below it.
DIRECTION_WHEN_CODED_FLOOR = 0.78


@pytest.fixture(scope="module")
def report():
    if not GSR.exists():
        pytest.skip(f"{GSR} not found")
    spec = importlib.util.spec_from_file_location("eval_gsr", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_gsr"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module.evaluate(GSR)


def test_every_record_is_read_and_none_crashes(report):
    assert report.n == 161
    assert report.crashes == 0
    assert report.directed >= 100  # records whose gold names a source and a target we can compare


def test_event_type_accuracy(report):
    assert report.type_accuracy >= TYPE_FLOOR, report.confusion.most_common(12)
    assert report.type_correct / report.covered >= TYPE_WHEN_CODED_FLOOR


def test_actor_direction(report):
    assert report.direction_accuracy >= DIRECTION_FLOOR
    assert report.direction_correct / report.direction_covered >= DIRECTION_WHEN_CODED_FLOOR


def test_every_gold_family_is_found_at_least_once(report):
    """No type is dead in the lexicon: each gold type is coded right on at least one of its records."""
    right = {g for (g, p), n in report.confusion.items() if g == p and n}
    missing = {g for g, _ in report.confusion} - right - {"CONCEDE"}  # CONCEDE records are all domestic acts
    assert not missing, missing
