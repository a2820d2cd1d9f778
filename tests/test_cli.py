"""The CLI as a user runs it: a real subprocess, exit codes and printed text."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, SEEDS

CLI = [sys.executable, "-m", "detente.cli"]


def run(*args, cwd=None):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_analyze_every_seed_prints_one_json_object():
    for path in sorted(SEEDS.glob("*.txt")):
        p = run("analyze", path, "--json")
        assert p.returncode == 0, p.stderr
        lines = p.stdout.splitlines()
        assert len(lines) == 1
        d = json.loads(lines[0])
        assert set(d) == {"article", "actors", "timexes", "quotes", "events"}
        assert d["article"]["source"] == str(path)


def test_analyze_published_flag_and_records():
    p = run("analyze", FIXTURES / "records.jsonl", "--json", "--published", "2019-01-02")
    assert p.returncode == 1  # some records were skipped
    out = [json.loads(x) for x in p.stdout.splitlines()]
    assert [d["article"]["published"] for d in out] == ["2019-01-02", "2019-01-02"]
    assert "records.jsonl:2: invalid JSON" in p.stderr and "Traceback" not in p.stderr


def test_ingest_summary_and_exit_code(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "x.duckdb"
    p = run("ingest", SEEDS, tmp_path / "empty.txt", "--db", db)
    assert p.returncode == 1
    assert f"skipped {tmp_path / 'empty.txt'}: empty file; nothing to analyse" in p.stderr
    assert "stored" in p.stdout and "│ 5 " in p.stdout.replace("  ", " ")
    p2 = run("ingest", SEEDS, "--db", db)
    assert p2.returncode == 0 and "duplicates │ 5" in " ".join(p2.stdout.split())


def test_bad_published_flag_is_a_usage_error():
    p = run("analyze", FIXTURES / "records.csv", "--published", "soon")
    assert p.returncode == 2
    assert "--published 'soon' is not a date; write it as YYYY-MM-DD" in p.stderr
