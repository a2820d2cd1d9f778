"""Golden outputs of ``detente analyze --json`` (the real CLI, as users run it) on every sample and seed.

Samples are our own texts, so their JSON is kept whole (tests/golden/analyze_samples.jsonl) and a change
shows as a readable diff. The seeds are others' articles whose sentences must not enter the project, so
only a digest of each output line is kept, with its counts to say what moved. A change in analysis is
meant to show up here: review it, then regenerate with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

GOLDEN = Path(__file__).parent / "golden"
SAMPLES_GOLDEN = GOLDEN / "analyze_samples.jsonl"
SEEDS_GOLDEN = GOLDEN / "analyze_seeds.sha256"
CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


def analyze(path: str) -> list[str]:
    """The CLI's stdout lines for a path given relative to the project root (sources stay relative)."""
    p = subprocess.run([*CLI, "analyze", path, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def digest_line(line: str) -> str:
    r = json.loads(line)
    counts = " ".join(f"{k}={len(r[k])}" for k in ("actors", "timexes", "quotes", "events"))
    return f"{hashlib.sha256(line.encode('utf-8')).hexdigest()}  {r['article']['source']}  {counts}"


def test_samples_analysis_is_unchanged():
    got = analyze("samples")
    if os.environ.get("UPDATE_GOLDEN"):
        SAMPLES_GOLDEN.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    want = SAMPLES_GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(got) == len(want) >= 17
    for g, w in zip(got, want, strict=True):
        assert json.loads(g) == json.loads(w)
        assert g == w  # byte-identical, key order included


def test_seeds_analysis_is_unchanged():
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found under {SEEDS}")
    got = [digest_line(line) for line in analyze(os.path.relpath(SEEDS, ROOT))]
    if os.environ.get("UPDATE_GOLDEN"):
        SEEDS_GOLDEN.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert got == SEEDS_GOLDEN.read_text(encoding="utf-8").splitlines()
