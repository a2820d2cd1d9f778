"""The query commands as a user runs them: real subprocesses over a real store; exit codes and text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from synthetic_store import build_store

# The console-script entry point (detente.cli:main), which registers the cli_* command modules.
CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


def run(*args, cwd=None):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("cli") / "s.duckdb")


def jsonl(p):
    assert p.returncode == 0, p.stderr
    return [json.loads(x) for x in p.stdout.splitlines()]


def test_actors_and_actor(db):
    rows = jsonl(run("actors", "--db", db, "--kind", "person", "--q", "nagy", "--json"))
    assert [r["id"] for r in rows] == ["person:stephen-nagy", "person:maria-nagy"]
    p = run("actors", "--db", db)
    assert p.returncode == 0 and "8 actors" in p.stdout and "person:stephen-nagy" in p.stdout
    (detail,) = jsonl(run("actor", "Stephen Nagy", "--db", db, "--json"))
    assert [h["affiliation"] for h in detail["affiliation_history"]] == [
        "International Christian University", "Japan Institute for International Affairs"]
    p = run("actor", "person:stephen-nagy", "--db", db)
    assert p.returncode == 0
    assert "affiliation history" in p.stdout and "Japan Institute for International Affairs" in p.stdout
    assert "not the same person (same surname): Maria Nagy (person:maria-nagy)" in p.stdout


def test_quotes(db):
    rows = jsonl(run("quotes", "--db", db, "--about", "USA", "--json"))
    assert [r["speaker_id"] for r in rows] == ["person:stephen-nagy"]
    rows = jsonl(run("quotes", "--db", db, "--speaker", "person:shinzo-abe", "--json"))
    assert [r["text"] for r in rows] == ["We had a very good talk"]
    p = run("quotes", "--db", db, "--q", "hotline")
    assert p.returncode == 0 and "Maria Nagy" in p.stdout and "1 quotes" in p.stdout


def test_search(db):
    hits = jsonl(run("search", "hotline", "--db", db, "--json"))
    assert [h["id"] for h in hits] == ["a2#1", "a2"]
    hits = jsonl(run("search", "Japan", "--db", db, "--pair", "USA-JPN", "--type", "consult", "--json"))
    assert [h["id"] for h in hits] == ["a3"]
    hits = jsonl(run("search", "Japan", "--db", db, "--since", "2018", "--outlet", "CNN", "--kind", "article",
                     "--json"))
    assert [h["id"] for h in hits] == ["a2"]
    p = run("search", "hotline", "--db", db)
    assert p.returncode == 0 and "the [[hotline]] was overdue" in p.stdout  # the marks are not eaten as markup


def test_export(db, tmp_path):
    p = run("export", "--format", "graphml", "--db", db, "--out", tmp_path / "g")
    assert p.returncode == 0, p.stderr
    assert "network.graphml" in p.stdout and (tmp_path / "g" / "network_states.graphml").exists()
    p = run("export", "--format", "plover", "--db", db, "--out", tmp_path / "p")
    assert len((tmp_path / "p" / "events.plover.jsonl").read_text().splitlines()) == 6


@pytest.mark.parametrize(("args", "message"), [
    (["export", "--format", "xml"], "error: unknown export format 'xml'; choose one of jsonl, csv, parquet, "
                                    "graphml, plover"),
    (["actor", "person:abe"], "error: no actor 'person:abe' in the store (did you mean person:shinzo-abe?); "
                              "list the ids with 'detente actors'"),
    (["quotes", "--speaker", "nobody"], "error: no actor 'nobody' in the store; list the ids with 'detente actors'"),
    (["search", "Korea " * 200], "error: search query is 1,199 characters long, over the limit of 500; "
                                 "search for a few distinctive words"),
    (["search", "Japan", "--until", "May 2017"], "error: until 'May 2017' is not a date; write YYYY, YYYY-MM or "
                                                 "YYYY-MM-DD"),
    (["actor", "[x]"], "error: no actor '[x]' in the store; list the ids with 'detente actors'"),  # not markup
    (["quotes", "--about", "[bold]Abe"], "error: no actor '[bold]Abe' in the store; list the ids with "
                                         "'detente actors'"),
])
def test_bad_input_is_one_line_and_exit_2(db, args, message):
    p = run(*args, "--db", db)
    assert p.returncode == 2
    assert p.stderr.strip() == message
    assert "Traceback" not in p.stderr


def test_unwritable_out_and_missing_store(db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    p = run("export", "--format", "csv", "--db", db, "--out", blocker / "sub")
    assert p.returncode == 2
    assert p.stderr.strip() == (f"error: cannot write to {blocker / 'sub'} (Not a directory); choose a writable "
                                "directory with --out")
    missing = tmp_path / "none.duckdb"
    for args in (["actors"], ["search", "x"], ["export", "--format", "csv", "--out", tmp_path / "o"]):
        p = run(*args, "--db", missing)
        assert p.returncode == 2 and p.stderr.strip() == (f"error: {missing}: no such store; create it with "
                                                          f"'detente ingest PATH --db {missing}'")


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    import duckdb

    old = build_store(tmp_path / "old.duckdb")
    with duckdb.connect(str(old)) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    for args in (["stats"], ["actors"], ["pairs"], ["events"], ["check"]):
        p = run(*args, "--db", old)
        assert p.returncode == 2, args
        assert p.stderr.strip() == (f"error: {old}: made by an older detente (schema 0; this one reads schema 1); "
                                    "re-create it with 'detente ingest PATH --db NEW.duckdb'"), args
