"""Ingest into a real DuckDB file: counts, idempotent re-runs, atomic batches."""

from __future__ import annotations

import duckdb
import pytest

from conftest import FIXTURES, SEEDS
from detente.errors import StoreError
from detente.pipeline.ingest import ingest
from detente.store import db as store_mod
from detente.store.db import Store


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
