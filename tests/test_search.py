"""Full-text search: SQLite FTS5 sidecar next to a real DuckDB store, BM25 order, snippets, filters,
incremental updates, and the errors a user sees for bad queries and filters."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from detente.errors import UsageError
from detente.store.db import Store
from detente.store.search import build_index, match_expression, search, sidecar_path
from synthetic_store import build_store, drills, hotline, summit


@pytest.fixture()
def db(tmp_path):
    return build_store(tmp_path / "s.duckdb")


def ids(hits):
    return [h["id"] for h in hits]


def test_articles_and_quotes_ranked_with_marked_snippets(db):
    hits = search(db, "hotline")
    assert ids(hits) == ["a2#1", "a2"]  # the short quote outranks the longer article (BM25 length norm)
    quote, article = hits
    assert quote == {"kind": "quote", "id": "a2#1", "article_id": "a2", "idx": 1,
                     "title": "Beijing and Tokyo edge closer as trade fight looms", "source": "a2.txt",
                     "speaker_id": "person:maria-nagy",
                     "speaker": "Maria Nagy", "snippet": "the [[hotline]] was overdue", "score": quote["score"],
                     "published": "2018-05-02", "outlet": "CNN"}
    assert quote["score"] > article["score"] > 0
    assert "maritime [[hotline]]" in article["snippet"]
    assert sidecar_path(db).name == "s.duckdb.fts.sqlite" and sidecar_path(db).exists()


def test_title_matches_stemming_and_speaker_names(db):
    assert ids(search(db, "drill")) == ["a1"]  # porter stemming: drill ~ drills
    hit = search(db, "looms")[0]
    assert hit["id"] == "a2" and hit["snippet"] == "Beijing and Tokyo edge closer as trade fight [[looms]]"
    # a quote is found by its speaker's name too (ties in a tiny corpus: compare as sets)
    assert sorted(ids(search(db, "Nagy", kind="quote"))) == ["a1#0", "a2#0", "a2#1"]
    assert sorted(ids(search(db, '"Stephen Nagy"', kind="quote"))) == ["a1#0", "a2#0"]


def test_filters(db):
    assert sorted(ids(search(db, "Japan", kind="article"))) == ["a1", "a2", "a3"]
    assert sorted(ids(search(db, "Japan", kind="article", pair="USA-JPN"))) == ["a1", "a3"]
    assert sorted(ids(search(db, "Japan", kind="article", pair="JPN,USA"))) == ["a1", "a3"]
    assert ids(search(db, "Japan", kind="article", pair="person:donald-trump-person:shinzo-abe")) == ["a3"]
    assert ids(search(db, "Japan", kind="article", type="consult")) == ["a3"]
    assert ids(search(db, "Japan", kind="article", pair="USA-JPN", type="COOPERATE")) == ["a1"]
    assert search(db, "Japan", pair="USA-JPN", type="AGREE") == []
    assert sorted(ids(search(db, "Japan", kind="article", actor="person:stephen-nagy"))) == ["a1", "a2"]
    assert ids(search(db, "Japan", kind="article", since="2018")) == ["a2"]
    assert sorted(ids(search(db, "Japan", kind="article", until="2017-04"))) == ["a1", "a3"]
    assert ids(search(db, "Japan", kind="article", since="2017-01-01", until="2017-12-31")) == ["a1"]
    assert ids(search(db, "Japan", kind="article", outlet="cnn")) == ["a2"]
    assert ids(search(db, "hotline", actor="Maria Nagy", kind="quote")) == ["a2#1"]
    assert len(search(db, "Japan", limit=2)) == 2


def test_index_is_incremental(db, tmp_path):
    sidecar_path(db).unlink()  # build_store built it as an ingest does
    assert build_index(db) == {"added": 3, "updated": 0, "removed": 0, "articles": 3}
    assert build_index(db) == {"added": 0, "updated": 0, "removed": 0, "articles": 3}
    new_title = "Trump and Abe talk golf"
    changed = summit()
    changed.meta = replace(changed.meta, title=new_title)
    with Store(db) as store:
        store.write([changed])  # re-ingested: a new ingested_at
        store.con.execute("DELETE FROM articles WHERE id = 'a2'")
    assert build_index(db) == {"added": 0, "updated": 1, "removed": 1, "articles": 2}
    assert ids(search(db, "golf")) == ["a3"]
    assert search(db, "hotline") == []
    lite = sqlite3.connect(sidecar_path(db))
    assert lite.execute("SELECT count(*) FROM doc_rows").fetchone()[0] == 2 + 2  # two articles, two quotes
    assert lite.execute("SELECT count(*) FROM docs").fetchone()[0] == 4
    lite.close()
    with Store(db) as store:
        store.write([hotline()])
    assert ids(search(db, "hotline")) == ["a2#1", "a2"]  # search syncs by itself


def test_match_expression():
    assert match_expression("North Korea") == '"North" "Korea"'
    assert match_expression("U.S.-Japan alliance") == '"U S Japan" "alliance"'
    assert match_expression('"North Korea" OR Pyongyang') == '"North Korea" "OR" "Pyongyang"'
    assert match_expression("nuclear*") == '"nuclear"'
    assert match_expression("talks talks talks") == '"talks"'


@pytest.mark.parametrize("q", ['Abe: "talks', "(Japan", 'Japan)', "Japan AND", "(Japan)", "Japan^", '"North Korea'])
def test_punctuation_and_operators_are_searched_as_words(db, q):
    assert search(db, q, kind="article")  # every one of these names Japan, Korea or Abe: found, never a 422


def test_long_queries_are_refused_quickly(db):
    import time

    for q in ["Japan " * 20_000, " ".join(f"w{k}" for k in range(21))]:
        started = time.monotonic()
        with pytest.raises(UsageError, match="over the limit of"):
            search(db, q)
        assert time.monotonic() - started < 1.0


def test_a_search_past_its_time_budget_is_stopped(db):
    with pytest.raises(UsageError, match="was stopped; search for fewer"):
        search(db, "Japan", budget_s=-1.0)


def test_read_only_search_never_writes(db, tmp_path):
    from detente.store.search import IndexUnavailable

    sidecar_path(db).unlink()
    with pytest.raises(IndexUnavailable, match="detente check --repair"):
        search(db, "Japan", read_only=True)
    assert not sidecar_path(db).exists()
    cache = tmp_path / "cache"
    build_index(db, index_dir=cache)
    assert ids(search(db, "hotline", read_only=True, index_dir=cache)) == ["a2#1", "a2"]
    assert not sidecar_path(db).exists() and sidecar_path(db, cache).parent == cache


def test_bad_queries_and_filters_say_what_to_do(db):
    with pytest.raises(UsageError, match="has no words to look for"):
        search(db, " -- ")
    for filters, message in [
        ({"type": "party"}, "type 'party' is not a PLOVER event type; use one of AGREE, CONSULT, SUPPORT, CONCEDE, "
                            "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, "
                            "COERCE, ASSAULT"),
        ({"since": "2017/01"}, "since '2017/01' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"until": "2017-02-30"}, "until '2017-02-30' is not a calendar date"),
        ({"pair": "USA-MARS"}, "pair 'USA-MARS': no actor 'MARS' in the store; list the ids with 'detente actors'"),
        ({"pair": "USA JPN"}, "pair 'USA JPN' is not two actor ids joined by '-' or ',' (e.g. USA-JPN)"),
        ({"actor": "ATLANTIS"}, "no actor 'ATLANTIS' in the store; list the ids with 'detente actors'"),
        ({"kind": "video"}, "kind 'video' is not one of: article, quote"),
        ({"limit": 0}, "limit must be at least 1"),
    ]:
        with pytest.raises(UsageError) as exc:
            search(db, "Japan", **filters)
        assert str(exc.value) == message, filters


def test_an_index_of_an_older_layout_is_rebuilt(db):
    search(db, "Japan")
    lite = sqlite3.connect(sidecar_path(db))
    lite.execute("UPDATE info SET value = '0' WHERE key = 'version'")
    lite.commit()
    lite.close()
    assert ids(search(db, "hotline")) == ["a2#1", "a2"]
    assert build_index(db)["added"] == 0


def test_an_up_to_date_index_is_only_read(db):
    search(db, "Japan")
    sidecar = sidecar_path(db)
    before = sidecar.stat().st_mtime_ns
    sidecar.chmod(0o444)
    try:
        assert ids(search(db, "hotline")) == ["a2#1", "a2"]
    finally:
        sidecar.chmod(0o644)
    assert sidecar.stat().st_mtime_ns == before


def test_a_corrupt_sidecar_is_reported(db):
    sidecar_path(db).write_text("not a database")
    with pytest.raises(UsageError, match=r"cannot create or open the search index .*delete the file to rebuild"):
        search(db, "Japan")


def test_exact_quote_search_in_a_bigger_corpus(tmp_path):
    results = [drills(), hotline(), summit()]
    for k in range(20):  # filler articles make BM25 idf meaningful
        r = summit()
        r.meta = replace(r.meta, id=f"f{k}", source=f"f{k}.txt", outlet="Filler")
        results.append(r)
    db = build_store(tmp_path / "big.duckdb", results)
    hits = search(db, "maritime hotline")
    assert ids(hits) == ["a2"]
    assert search(db, "Abe", kind="article", outlet="Reuters")[0]["id"] == "a3"


def index_rows(db) -> list[tuple]:
    with sqlite3.connect(sidecar_path(db)) as lite:
        rows = lite.execute("SELECT r.kind, r.article_id, r.idx, r.title, r.source, r.speaker_id, r.speaker_name, "
                            "r.published, r.outlet, d.title, d.body FROM doc_rows r JOIN docs d ON d.rowid = r.rowid")
        return sorted(rows.fetchall(), key=repr)


def test_a_large_index_build_read_in_slices_indexes_what_a_small_one_does(tmp_path, monkeypatch):
    import importlib

    search_module = importlib.import_module("detente.store.search")
    small = build_store(tmp_path / "small.duckdb")  # a few articles: looked up by id
    monkeypatch.setattr(search_module, "_BATCH", 2)  # more ids than a batch: the tables read two rowids at a time
    large = build_store(tmp_path / "large.duckdb")
    assert index_rows(large) == index_rows(small)
    assert {r[0] for r in index_rows(large)} == {"article", "quote"}
    assert ids(search(large, "hotline")) == ids(search(small, "hotline"))
