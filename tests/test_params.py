"""Query parameters as users type them (store/params.py): one reading of a pair for the CLI, API and notebook."""

from __future__ import annotations

import pytest

from detente.errors import UsageError
from detente.store.db import Store
from detente.store.params import check_choice, check_limit, check_status, check_type, parse_pair
from synthetic_store import build_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("params") / "s.duckdb")
    with Store(db) as store:  # ids whose hyphens make 'org:a-b-c' readable two ways; KOR only in events
        store.con.execute("INSERT INTO actors (article_id, actor_id, kind, name) VALUES "
                          "('a1', 'org:a', 'organization', 'A'), ('a1', 'org:a-b', 'organization', 'A B'), "
                          "('a1', 'b-c', 'organization', 'B C'), ('a1', 'c', 'organization', 'C')")
        store.con.execute("UPDATE events SET target = 'KOR' WHERE type = 'THREATEN'")
    with Store(db, read_only=True) as store:
        yield store.con


@pytest.mark.parametrize(("text", "other", "want"), [
    ("USA-JPN", None, ("USA", "JPN")),
    ("usa,jpn", None, ("USA", "JPN")),
    (" jpn , usa ", None, ("JPN", "USA")),
    ("person:donald-trump-person:shinzo-abe", None, ("person:donald-trump", "person:shinzo-abe")),
    ("person:stephen-nagy,USA", None, ("person:stephen-nagy", "USA")),
    ("Stephen Nagy,Shinzo Abe", None, ("person:stephen-nagy", "person:shinzo-abe")),
    ("USA", "jpn", ("USA", "JPN")),
    ("prk-kor", None, ("PRK", "KOR")),  # KOR: named by an event, described by no article
])
def test_pair_forms(con, text, other, want):
    assert parse_pair(con, text, other) == want


@pytest.mark.parametrize(("text", "other", "message"), [
    ("USAJPN", None, "pair 'USAJPN' is not two actor ids joined by '-' or ',' (e.g. USA-JPN)"),
    ("USA-MARS", None, "pair 'USA-MARS': no actor 'MARS' in the store; list the ids with 'detente actors'"),
    ("usa,mars", None, "pair 'usa,mars': no actor 'mars' in the store; list the ids with 'detente actors'"),
    ("person:no-body-USA", None, "pair 'person:no-body-USA' is not two actor ids of the store joined by '-' or "
                                 "',' (e.g. USA-JPN); list the ids with 'detente actors'"),
    ("org:a-b-c", None, "pair 'org:a-b-c' can be read several ways (org:a + b-c or org:a-b + c); separate the "
                        "two ids with a comma"),
    ("usa-USA", None, "a pair needs two different actors; got 'USA' twice"),
    ("USA", "MARS", "no actor 'MARS' in the store; list the ids with 'detente actors'"),
])
def test_pair_errors_say_what_to_write(con, text, other, message):
    with pytest.raises(UsageError) as exc:
        parse_pair(con, text, other)
    assert str(exc.value) == message


def test_the_parameter_is_named_as_the_caller_knows_it(con):
    with pytest.raises(UsageError) as exc:
        parse_pair(con, "USAJPN", name="--pair")
    assert str(exc.value) == "--pair 'USAJPN' is not two actor ids joined by '-' or ',' (e.g. USA-JPN)"
    assert parse_pair(con, "org:a-b,c") == ("org:a-b", "c")  # a comma settles it


def test_choices_types_statuses_limits():
    assert check_type(" consult ") == "CONSULT"
    assert check_status("planned") == "planned"
    assert check_choice("week", ("week", "month"), "period") == "week"
    for call, message in [
        (lambda: check_type("HUG"), "type 'HUG' is not a PLOVER event type; use one of AGREE, CONSULT, SUPPORT, "
                                    "CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, "
                                    "SANCTION, MOBILIZE, COERCE, ASSAULT"),
        (lambda: check_status("rumoured"), "status 'rumoured' is not one of: occurred, planned, negated, hypothetical"),
        (lambda: check_choice("day", ("week", "month"), "period"), "period 'day' is not one of: week, month"),
        (lambda: check_limit(0), "limit must be at least 1"),
    ]:
        with pytest.raises(UsageError) as exc:
            call()
        assert str(exc.value) == message
