"""Ingest into a real DuckDB file: counts, idempotent re-runs, atomic batches."""

from __future__ import annotations

import duckdb
import pytest

from conftest import FIXTURES, SEEDS
from detente.errors import StoreError
from detente.pipeline.ingest import ingest
from detente.store import db as store_mod
from detente.store.db import Store
from synthetic_store import build_store


def test_ingest_counts_and_rerun_is_idempotent(tmp_path):
    db = tmp_path / "t.duckdb"
    first = ingest([SEEDS, FIXTURES / "records.jsonl"], db)
    assert (first.read, first.stored, first.duplicates, len(first.skipped)) == (7, 7, 0, 3)
    again = ingest([SEEDS, FIXTURES / "records.jsonl"], db)
    assert (again.read, again.stored, again.duplicates, len(again.skipped)) == (7, 0, 7, 3)
    with Store(db, read_only=True) as s:
        counts = s.counts()
        assert counts["articles"] == 7 and counts["skipped"] == 3
        (row,) = s.query("SELECT outlet, dateline FROM articles WHERE source LIKE '%003_%'")
        assert row == {"outlet": "Reuters", "dateline": "WASHINGTON"}


def test_the_writer_reopens_its_connection_between_batches_and_loses_nothing(tmp_path, monkeypatch):
    from detente.settings import Resources, Settings
    from detente.store.check import check_store

    opened = []
    real = Store._connect

    def counted(self, read_only):
        opened.append(read_only)
        return real(self, read_only)

    monkeypatch.setattr(store_mod, "REOPEN_EVERY", 2)
    monkeypatch.setattr(Store, "_connect", counted)
    done = ingest([SEEDS], tmp_path / "t.duckdb", Resources(Settings(batch_size=1)))
    # the first open, one reopen after every second article, and one before the merged events are rebuilt
    assert done.stored == 5 and opened == [False] * (1 + 5 // 2 + 1)
    assert check_store(tmp_path / "t.duckdb").clean
    with Store(tmp_path / "t.duckdb", read_only=True) as s:
        assert s.counts()["articles"] == 5


def test_failed_batch_leaves_no_half_article(tmp_path, monkeypatch):
    db = tmp_path / "t.duckdb"
    real = store_mod.rows_of

    def broken(results):
        rows = real(results)
        rows["timexes"] = [("x",)]  # wrong arity: the insert fails after the article row went in
        return rows

    monkeypatch.setattr(store_mod, "rows_of", broken)
    with pytest.raises(duckdb.Error):
        ingest([SEEDS], db)
    monkeypatch.setattr(store_mod, "rows_of", real)
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 0
    done = ingest([SEEDS], db)  # re-running finishes the job
    assert done.stored == 5


def test_read_only_store_errors_are_clear(tmp_path):
    with pytest.raises(StoreError) as exc:
        Store(tmp_path / "none.duckdb", read_only=True)
    assert str(exc.value) == (f"{tmp_path / 'none.duckdb'}: no such store; create it with "
                              f"'detente ingest PATH --db {tmp_path / 'none.duckdb'}'")


def _set_version(db, value):
    with duckdb.connect(str(db)) as con:
        if value is None:
            con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        else:
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [value])


@pytest.mark.parametrize(("version", "message"), [
    ("0", "made by an older detente (schema 0; this one reads schema 1); re-create it with "
          "'detente ingest PATH --db NEW.duckdb'"),
    (None, "made by an older detente (no schema version); re-create it with 'detente ingest PATH --db NEW.duckdb'"),
    ("7", "made by a newer detente (schema 7; this one reads schema 1); upgrade detente, or re-create it with "
          "'detente ingest PATH --db NEW.duckdb'"),
])
def test_schema_version_is_read_on_open(tmp_path, version, message):
    db = tmp_path / "old.duckdb"
    build_store(db)
    _set_version(db, version)
    for read_only in (True, False):
        with pytest.raises(StoreError) as exc:
            Store(db, read_only=read_only)
        assert str(exc.value) == f"{db}: {message}"
    with duckdb.connect(str(db), read_only=True) as con:  # a refused store is left as it was
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == (
            [] if version is None else [(version,)])


def test_an_empty_store_without_a_version_is_completed(tmp_path):
    db = tmp_path / "new.duckdb"
    Store(db).close()
    _set_version(db, None)  # as a kill between the tables and the version once left it: nothing stored yet
    with Store(db) as store:
        assert store.counts() == dict.fromkeys(store_mod.TABLES, 0)
        assert store.query("SELECT value FROM meta") == [{"value": str(store_mod.SCHEMA_VERSION)}]


def test_schema_is_created_in_one_transaction(tmp_path, monkeypatch):
    db = tmp_path / "half.duckdb"
    monkeypatch.setattr(store_mod, "SCHEMA", store_mod.SCHEMA + "CREATE TABLE articles (broken INTEGER);")
    with pytest.raises(duckdb.Error):
        Store(db)
    with duckdb.connect(str(db), read_only=True) as con:  # the failed creation left no table behind
        assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (0,)
    monkeypatch.undo()
    with Store(db) as store:
        assert set(store_mod.TABLES) | {"meta"} == set(store_mod.table_names(store.con))


def test_skips_are_one_row_per_input_however_it_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "in" / "bad.jsonl"
    bad.parent.mkdir()
    bad.write_text("\n".join("{not json" for _ in range(2000)))
    (tmp_path / "in" / "empty.txt").write_text("")
    db = tmp_path / "t.duckdb"
    writes = []
    real = Store.write

    def counted(self, results, skipped=()):
        writes.append(len(skipped))
        return real(self, results, skipped)

    monkeypatch.setattr(Store, "write", counted)
    first = ingest([bad.parent], db)
    assert len(first.skipped) == 2001 and writes == [2001]  # one transaction for every skip of the run
    monkeypatch.chdir(tmp_path)
    ingest(["in/../in/bad.jsonl", "./in/empty.txt", str(bad)], db)  # the same inputs by other names
    with Store(db, read_only=True) as s:
        assert s.counts()["skipped"] == 2001
        assert s.query("SELECT count(DISTINCT source) AS n FROM skipped")[0]["n"] == 2001
