"""Cross-document identity over a real DuckDB store: one actor per id across articles, affiliation history
by date, people sharing a surname kept apart."""

from __future__ import annotations

import pytest

from conftest import seed
from detente.errors import UsageError
from detente.store.db import Store
from detente.store.people import actor_detail, list_actors, list_quotes, resolve_actor_id
from synthetic_store import build_store


@pytest.fixture()
def con(tmp_path):
    with Store(build_store(tmp_path / "s.duckdb"), read_only=True) as store:
        yield store.con


def test_list_actors_is_one_row_per_actor_across_articles(con):
    rows = {r["id"]: r for r in list_actors(con)}
    assert len(rows) == 8
    assert rows["person:stephen-nagy"] == {
        "id": "person:stephen-nagy", "kind": "person", "name": "Stephen Nagy", "country": "JPN", "articles": 2,
        "mentions": 2, "first_seen": "2017-04-26", "last_seen": "2018-05-02"}
    assert rows["JPN"]["articles"] == 3 and rows["JPN"]["mentions"] == 7
    assert [r["id"] for r in list_actors(con)][:2] == ["JPN", "CHN"]  # most mentioned first


def test_list_actors_filters(con):
    assert [r["id"] for r in list_actors(con, kind="person", q="nagy")] == ["person:stephen-nagy",
                                                                            "person:maria-nagy"]
    assert [r["id"] for r in list_actors(con, q="christian university")] == ["person:stephen-nagy"]
    assert [r["id"] for r in list_actors(con, kind="state", limit=2)] == ["JPN", "CHN"]
    assert list_actors(con, kind="group") == []


def test_affiliation_history_follows_the_publication_dates(con):
    d = actor_detail(con, "person:stephen-nagy")
    assert [(h["published"], h["affiliation"]) for h in d["affiliation_history"]] == [
        ("2017-04-26", "International Christian University"),
        ("2018-05-02", "Japan Institute for International Affairs")]
    assert [a["article_id"] for a in d["articles"]] == ["a1", "a2"]
    assert [q["text"] for q in d["quotes"]] == ["Tokyo and Washington will answer any push together",
                                               "Japan wants to shield the regional trade order"]
    assert d["names"] == [{"name": "Stephen Nagy", "articles": 2}]


def test_people_sharing_a_surname_stay_apart(con):
    stephen = actor_detail(con, "person:stephen-nagy")
    maria = actor_detail(con, "person:maria-nagy")
    assert stephen["same_surname"] == [{"id": "person:maria-nagy", "name": "Maria Nagy", "articles": 1}]
    assert maria["articles_count"] == 1 and maria["country"] == "HUN"
    assert [q["text"] for q in maria["quotes"]] == ["the hotline was overdue"]
    assert maria["affiliation_history"][0]["description"] == "an economist in Budapest"


def test_roles_and_event_counts(con):
    abe = actor_detail(con, "person:shinzo-abe")
    assert [(r["title"], r["of"], r["from"], r["to"]) for r in abe["roles"]] == [
        ("Prime Minister", "JPN", "2012-12-26", "2020-09-16")]  # the same KB role from two articles: once
    assert abe["events"] == {"total": 2, "by_type": {"CONSULT": {"as_source": 0, "as_target": 1},
                                                      "SUPPORT": {"as_source": 1, "as_target": 0}}}
    jpn = actor_detail(con, "JPN")
    assert jpn["events"]["total"] == 6
    assert jpn["events"]["by_type"]["THREATEN"] == {"as_source": 0, "as_target": 1}
    assert jpn["same_surname"] == []


def test_actor_ids_as_users_type_them(con):
    assert resolve_actor_id(con, "jpn") == "JPN"
    assert resolve_actor_id(con, "stephen nagy") == "person:stephen-nagy"
    with pytest.raises(UsageError) as exc:
        resolve_actor_id(con, "person:abe")
    assert str(exc.value) == ("no actor 'person:abe' in the store (did you mean person:shinzo-abe?); "
                              "list the ids with 'detente actors'")
    with pytest.raises(UsageError, match="no actor 'nobody' in the store; list the ids"):
        actor_detail(con, "nobody")


def test_quotes_by_speaker_about_an_actor_and_by_text(con):
    assert [q["text"] for q in list_quotes(con, about="USA")] == ["Tokyo and Washington will answer any push together"]
    assert [q["article_id"] for q in list_quotes(con, about="JPN")] == ["a1"]  # "Tokyo" inside the quote
    assert [q["article_id"] for q in list_quotes(con, speaker="Shinzo Abe")] == ["a3"]
    assert [q["idx"] for q in list_quotes(con, q="HOTLINE")] == [1]
    assert [q["article_id"] for q in list_quotes(con)] == ["a3", "a1", "a2", "a2"]  # oldest first
    assert list_quotes(con, speaker="person:maria-nagy", about="JPN") == []


def test_seeds_one_nagy_with_two_affiliations(tmp_path, resources):
    """Through the whole pipeline: Stephen Nagy of seeds 001 and 004 is one actor with two affiliations."""
    from detente.pipeline.ingest import ingest

    db = tmp_path / "seeds.duckdb"
    ingest([seed(1), seed(4)], db, resources)
    with Store(db, read_only=True) as store:
        d = actor_detail(store.con, "person:stephen-nagy")
    assert d["articles_count"] == 2
    history = d["affiliation_history"]
    assert [h["published"][:4] for h in history] == ["2017", "2018"]
    assert "International Christian University" in (history[0]["affiliation"] or history[0]["description"])
    assert "Japan Institute for International Affairs" in (history[1]["affiliation"] or history[1]["description"])
