"""Reliability of the store: an ingest killed with SIGKILL at any point resumes to exactly the store an
uninterrupted ingest makes, and ``detente check`` finds every kind of damage it claims to."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from detente.pipeline.ingest import ingest
from detente.store.check import check_store
from detente.store.db import Store
from synthetic_store import build_store

CLI = [sys.executable, "-m", "detente.cli"]
# `python -m detente.cli` runs cli.py as __main__, whose app lacks the commands of the cli_* modules
# (they register on detente.cli.app); calling main() of the imported module has them all.
CLI_ALL = [sys.executable, "-c", "from detente.cli import main; main()"]
N_ARTICLES = 200


def load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = mod  # dataclasses resolve their module through sys.modules
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    load_make_corpus().write_corpus(out, N_ARTICLES, seed=11, paragraphs=2)
    (out / "zz_empty.txt").write_text("")  # a skipped input must not pile up rows either
    return out


def table_rows(db: Path) -> dict[str, list[str]]:
    """Every row of every table, order-free, without the ingest timestamps."""
    out = {}
    with Store(db, read_only=True) as store:
        for table, drop in (("articles", "ingested_at"), ("actors", None), ("timexes", None), ("quotes", None),
                            ("events", None), ("skipped", "skipped_at")):
            cols = f"* EXCLUDE ({drop})" if drop else "*"
            out[table] = sorted(json.dumps(r, default=str) for r in store.con.execute(
                f"SELECT {cols} FROM {table}").fetchall())
    return out


def stored(db: Path) -> int:
    """Articles stored so far; a kill before the schema's one transaction committed leaves none."""
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'")
        if not found.fetchone()[0]:
            return 0
    with Store(db, read_only=True) as store:
        return store.counts()["articles"]


def start_and_kill(corpus: Path, db: Path, wal_growths: int | None, after_s: float | None) -> int | None:
    """Run the CLI ingest; SIGKILL it once its write-ahead log has grown ``wal_growths`` times (each commit
    appends to it) or after ``after_s`` seconds. Returns the exit code if it finished before the kill."""
    wal = Path(str(db) + ".wal")
    proc = subprocess.Popen(CLI + ["ingest", str(corpus), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    started, last, growths = time.monotonic(), wal.stat().st_size if wal.exists() else -1, 0
    try:
        while proc.poll() is None:
            size = wal.stat().st_size if wal.exists() else -1
            growths += size > last
            last = size
            elapsed = time.monotonic() - started
            if (wal_growths is not None and growths >= wal_growths) or (after_s is not None and elapsed >= after_s):
                workers = children(proc.pid)
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(30)
                assert_gone(workers, within_s=15)  # pool workers (and their tracker) die with their driver
                return None
            if elapsed > 120:
                raise AssertionError("ingest of the test corpus ran over 120 s")
            time.sleep(0.005)
        return proc.returncode
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def assert_gone(pids: list[int], within_s: float) -> None:
    deadline = time.monotonic() + within_s
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and "zombie" not in _state(p)]
    assert not alive, f"processes of a killed ingest still running {within_s} s later: {alive}"


def _state(pid: int) -> str:
    try:
        return next((x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("State:")), "")
    except OSError:
        return "gone"


def test_ingest_survives_kill_9_and_resumes_exactly(corpus, tmp_path):
    reference = tmp_path / "reference.duckdb"
    summary = ingest([corpus], reference)
    assert summary.stored == N_ARTICLES and len(summary.skipped) == 1

    db = tmp_path / "killed.duckdb"
    # First a kill during start-up, then kills after a few commits, each run resuming the last.
    plan = [(None, 0.3), (3, None), (2, None), (2, None), (3, None)]
    midway = []
    for wal_growths, after_s in plan:
        before = stored(db)
        code = start_and_kill(corpus, db, wal_growths, after_s)
        after = stored(db)
        assert after >= before, "a kill lost articles that were already stored"
        if code is None and 0 < after < N_ARTICLES:
            midway.append(after)
        if code is not None:
            break
    print(f"stored after each mid-ingest kill: {midway}")
    assert len(midway) >= 2, f"the kills did not land mid-ingest (stored after each: {midway})"

    final = subprocess.run(CLI + ["ingest", str(corpus), "--db", str(db)], capture_output=True, text=True,
                           timeout=300)
    assert final.returncode == 1, final.stderr  # 1: the empty file is reported as skipped
    assert "Traceback" not in final.stderr
    assert table_rows(db) == table_rows(reference)
    report = check_store(db)
    assert report.clean, report.findings
    assert report.counts["articles"] == N_ARTICLES and report.counts["skipped"] == 1


# -- detente check ----------------------------------------------------------------------------------------

def run_check(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI_ALL + ["check", "--db", str(db)], capture_output=True, text=True, timeout=120)


def test_check_passes_a_clean_store(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    p = run_check(db)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "clean:" in p.stdout and "PROBLEM" not in p.stdout


def test_check_reports_each_kind_of_damage(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    with Store(db) as store:
        con = store.con
        aid = con.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("INSERT INTO timexes VALUES ('ghost', 0, 4, 'then', 'DATE', NULL)")  # orphan
        con.execute("UPDATE events SET ev_end = 100000 WHERE article_id = ? AND idx = 0", [aid])  # out of text
        con.execute("UPDATE quotes SET text = 'not what the text says' WHERE article_id = ?", [aid])
        con.execute("INSERT INTO events SELECT * FROM events WHERE article_id = ? AND idx = 0", [aid])  # dup
        con.execute("UPDATE articles SET result = json_object('article', json_extract(result, '$.article'), "
                    "'actors', '[]'::JSON, 'timexes', '[]'::JSON, 'quotes', '[]'::JSON, 'events', '[]'::JSON) "
                    "WHERE id = ?", [aid])  # result JSON no longer matches the tables
    report = check_store(db)
    found = {(f.check, f.what) for f in report.findings}
    assert found == {("orphans", "timexes"), ("offsets", "event evidence"), ("offsets", "quotes"),
                     ("duplicates", "events"), ("counts", "actors"), ("counts", "quotes"), ("counts", "events")}
    p = run_check(db)
    assert p.returncode == 1
    assert "PROBLEM  orphans: timexes: 1 row(s)" in p.stdout
    assert "article_id ghost" in p.stdout
    assert "is outside the text" in p.stdout and "differs from the article text" in p.stdout
    assert "Traceback" not in p.stderr


def test_check_bad_usage_exits_2(tmp_path):
    p = run_check(tmp_path / "missing.duckdb")
    assert p.returncode == 2
    assert "no such store" in p.stderr and "Traceback" not in p.stderr
    (tmp_path / "junk.duckdb").write_text("not a database")
    p = run_check(tmp_path / "junk.duckdb")
    assert p.returncode == 2 and "cannot open as a DuckDB store" in p.stderr


# -- a crash at each step of an ingest: the re-run finishes or repairs it ------------------------------------

class Crash(Exception):
    """Stands for the process dying at one step (the in-flight transaction is rolled back, as a kill does)."""


def _crash_after_batch(monkeypatch, n: int) -> None:
    real = Store.write
    calls = []

    def write(self, results, skipped=()):
        real(self, results, skipped)
        calls.append(1)
        if len(calls) == n:
            raise Crash(f"after batch {n}")

    monkeypatch.setattr(Store, "write", write)


def _crash_inside(monkeypatch, module, name: str) -> None:
    real = getattr(module, name)

    def broken(*args, **kwargs):
        real(*args, **kwargs)  # the step's work is done, its transaction not yet committed
        raise Crash(f"inside {name}")

    monkeypatch.setattr(module, name, broken)


def derived_counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        out = store.counts()
        for table in ("event_clusters", "event_mentions"):
            out[table] = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    from detente.store.search import search

    out["search hits"] = len(search(db, "Japan", limit=1000, read_only=True))
    return out


SEED_BATCH = 2  # the five seeds in three batches


@pytest.fixture(scope="module")
def seed_reference(tmp_path_factory):
    from conftest import SEEDS
    from detente.settings import Resources, Settings

    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found under {SEEDS}")
    resources = Resources(Settings(batch_size=SEED_BATCH))
    db = tmp_path_factory.mktemp("reference") / "ref.duckdb"
    ingest([SEEDS], db, resources)
    return SEEDS, resources, derived_counts(db)


@pytest.mark.parametrize("step", ["batch 1", "batch 2", "batch 3", "materialize", "index"])
def test_a_crash_at_each_step_is_seen_by_check_and_repaired_by_the_rerun(seed_reference, tmp_path, monkeypatch,
                                                                         step):
    merge = importlib.import_module("detente.store.merged_tables")  # the package's names shadow these modules
    search = importlib.import_module("detente.store.search")
    seeds, resources, want = seed_reference
    db = tmp_path / "crashed.duckdb"
    with monkeypatch.context() as patch:
        if step.startswith("batch"):
            _crash_after_batch(patch, int(step.split()[1]))
        else:
            _crash_inside(patch, merge if step == "materialize" else search, "_insert" if step == "materialize"
                          else "_add")
        with pytest.raises(Crash):
            ingest([seeds], db, resources)
    report = check_store(db)
    assert {f.check for f in report.findings} == {"derived"}, report.findings  # stale, and check says so
    stale = {f.what for f in report.findings}
    assert stale == ({"search index"} if step == "index" else {"event clusters", "search index"})
    ingest([seeds], db, resources)
    assert check_store(db).clean
    assert derived_counts(db) == want


def test_check_repair_rebuilds_stale_derived_data(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    with Store(db) as store:  # an article stored after the derived data was built, as a crash leaves it
        store.con.execute("INSERT INTO articles (id, source, text, body_start, body_end, result) SELECT 'late', "
                          "'late.txt', text, 0, length(text), json_object('article', json_extract(result, "
                          "'$.article')) FROM articles LIMIT 1")
    p = run_check(db)
    assert p.returncode == 1 and "PROBLEM  derived: event clusters" in p.stdout and "--repair" in p.stdout
    p = subprocess.run(CLI_ALL + ["check", "--db", str(db), "--repair"], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "rebuilt: event clusters, search index" in p.stdout and "clean:" in p.stdout
