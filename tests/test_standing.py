"""A person's act is their state's only while they hold a state office (extract/events/standing.py), and the
state-level pair views leave the other acts out while the person-level views keep them (a real ingest)."""

from __future__ import annotations

import json

import pytest

from detente.extract.events.standing import acts_for_state, state_title
from detente.pipeline.ingest import ingest
from detente.store import relations
from detente.store.db import Store
from detente.types import Actor, Role


def person(pid: str, *roles: Role) -> Actor:
    return Actor(pid, "person", pid.split(":")[1], "USA", list(roles))


@pytest.mark.parametrize("day,holds", [("2016-03-01", False),  # a candidate
                                       ("2016-12-01", True),  # president-elect: weeks before the tenure
                                       ("2016-W29", False),  # a week of the campaign, not its year
                                       ("2016", True),  # some day of 2016 was in the "-elect" weeks
                                       ("2018-03-01", True),  # in office
                                       ("2021-06-01", False)])  # after it
def test_a_tenure_of_the_knowledge_base_decides_by_the_date(day, holds):
    assert acts_for_state(person("person:donald-trump"), day) is holds


def test_without_a_date_or_a_role_nothing_says_either_way():
    assert acts_for_state(person("person:donald-trump"), None) is None


@pytest.mark.parametrize("title,office", [("Defense Secretary", True), ("Senator", True), ("Vice-President", True),
                                          ("Foreign Minister", True), ("former Foreign Minister", False),
                                          ("defense analyst for IHS Jane's", False), ("columnist", False),
                                          ("presidential candidate", False), ("professor", False)])
def test_a_title_from_the_text_is_an_office_by_its_sector(title, office):
    assert state_title(title) is office
    unknown = person("person:someone-unknown", Role(title, None, "2016-03-01", None, "text"))
    assert acts_for_state(unknown, "2016-03-01") is office


def test_state_pairs_leave_out_a_candidate_and_person_pairs_keep_him(tmp_path):
    records = tmp_path / "news.jsonl"
    text = "Donald Trump sharply criticized Mexico on Tuesday over its trade policy. {} was a cold day."
    records.write_text("\n".join(json.dumps({"text": text.format(day), "published": day})  # two articles
                                 for day in ("2016-03-01", "2018-03-01")) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    ingest([records], db)
    with Store(db, read_only=True) as store:
        states = {(p["a"], p["b"]): p["n"] for p in relations.pairs(store.con)}
        people = {(p["a"], p["b"]): p["n"] for p in relations.pairs(store.con, level="actor")}
        contexts = [c for (c,) in store.con.execute("SELECT context FROM events WHERE type = 'ACCUSE' "
                                                    "ORDER BY article_id").fetchall()]
    assert states == {("MEX", "USA"): 1}  # the 2018 act only: the president's
    assert people == {("MEX", "person:donald-trump"): 2}  # both acts at the person level
    assert sum("unofficial-source" in (c or "") for c in contexts) == 1


def events_of(text: str, resources) -> list[tuple[str, str | None, str | None, str]]:
    from detente.pipeline.process import process
    from detente.types import Article

    result = process(Article(id="t", source="t.txt", text=text, published="2016-05-02"), resources)
    return [(e.type, e.source, e.target, e.context or "") for e in result.events]


@pytest.mark.parametrize("text,target", [
    ("Spain agreed on Monday to host refugees from Peru and Chile.", "PER"),  # the phrase hung on the verb
    ("Spain agreed on Monday to host refugees from Peru and Chile.", "CHL"),  # and its second conjunct
    ("Italy sharply criticized Greek students on Monday.", "GRC"),  # the actors stage's own group
    ("Sweden sent food aid to citizens of Chad on Monday.", "TCD"),
])
def test_a_states_people_are_not_the_state(text, target, resources):
    found = [e for e in events_of(text, resources) if e[2] == target]
    assert found and all("unofficial-target" in e[3] for e in found)


@pytest.mark.parametrize("text,target", [
    ("Greek troops attacked Turkish soldiers on Monday.", "TUR"),  # soldiers are the state's military
    ("Italy sharply criticized Greek officials on Monday.", "GRC"),
    ("Italy sharply criticized Greece on Monday.", "GRC"),
])
def test_a_states_officials_and_forces_are_the_state(text, target, resources):
    found = [e for e in events_of(text, resources) if e[2] == target]
    assert found and not any("unofficial" in e[3] for e in found)
