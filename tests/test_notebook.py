"""The notebook API: detente.notebook.open(db) -> DataFrames over a real DuckDB store."""

from __future__ import annotations

import pandas as pd
import pytest

from detente import notebook
from detente.errors import StoreError, UsageError
from synthetic_store import build_store


@pytest.fixture()
def d(tmp_path):
    with notebook.open(build_store(tmp_path / "s.duckdb")) as opened:
        yield opened


def test_tables_are_dataframes(d):
    actors = d.actors()
    assert isinstance(actors, pd.DataFrame)
    assert list(actors["id"][:2]) == ["JPN", "CHN"] and len(actors) == 8
    assert list(d.actors(kind="person", q="nagy")["id"]) == ["person:stephen-nagy", "person:maria-nagy"]
    articles = d.articles()
    assert list(articles["id"]) == ["a3", "a1", "a2"] and "text" not in articles.columns
    assert "text" in d.articles(with_text=True).columns
    assert d.sql("SELECT count(*) AS n FROM quotes")["n"][0] == 4


def test_events_by_pair_and_type(d):
    ev = d.events(pair="USA-JPN")
    assert list(zip(ev["article_id"], ev["type"], strict=True)) == [("a3", "CONSULT"), ("a1", "COOPERATE"),
                                                                    ("a1", "SUPPORT")]
    assert list(d.events(type="threaten")["source"]) == ["PRK"]
    assert list(d.events(pair="person:donald-trump-person:shinzo-abe")["type"]) == ["CONSULT"]
    assert len(d.events()) == 6


def test_quotes_and_actor_detail(d):
    assert list(d.quotes(speaker="person:stephen-nagy")["article_id"]) == ["a1", "a2"]
    assert list(d.quotes(about="USA")["speaker_name"]) == ["Stephen Nagy"]
    nagy = d.actor("Stephen Nagy")
    assert [h["affiliation"] for h in nagy["affiliation_history"]] == [
        "International Christian University", "Japan Institute for International Affairs"]


def test_relations_per_pair_and_period(d):
    rel = d.relations()
    rows = {(r.a, r.b, str(r.period)[:7]): (r.n, r.score_sum) for r in rel.itertuples()}
    assert rows == {("CHN", "JPN", "2018-05"): (1, 2.5), ("JPN", "PRK", "2016-11"): (2, -7.5),
                    ("JPN", "USA", "2016-11"): (1, 2.5), ("JPN", "USA", "2017-04"): (2, 9.0)}
    yearly = d.relations(period="year", level="actor")
    assert ("person:donald-trump", "person:shinzo-abe") in set(zip(yearly["a"], yearly["b"], strict=True))
    pairs = d.pairs()
    assert list(zip(pairs["a"], pairs["b"], pairs["tone"], strict=True))[:2] == [("JPN", "USA", "cooperative"),
                                                                                ("JPN", "PRK", "hostile")]


def test_search_from_the_notebook(d):
    hits = d.search("hotline", kind="article")
    assert list(hits["id"]) == ["a2"] and "[[hotline]]" in hits["snippet"][0]


def test_errors(d, tmp_path):
    with pytest.raises(UsageError, match="period 'day' is not one of"):
        d.relations(period="day")
    with pytest.raises(UsageError) as exc:
        d.events(pair="USA-MARS")
    assert str(exc.value) == "pair 'USA-MARS': no actor 'MARS' in the store; list the ids with 'detente actors'"
    with pytest.raises(StoreError, match="no such store"):
        notebook.open(tmp_path / "missing.duckdb")


def test_pyarrow_tables_without_pandas(d, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    actors, events = d.actors(), d.events()
    assert type(actors).__name__ == "Table" and actors.num_rows == 8
    assert type(events).__name__ == "Table" and events.num_rows == 6
