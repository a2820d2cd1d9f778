"""The field's actor dictionaries (kb.phoenix, compiled by train/compile_phoenix.py) and what the actors and
events stages make of them, on short sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from conftest import ROOT, SHARED
from detente.extract.actors import find_actors
from detente.extract.actors.resolve import add_locations
from detente.extract.events import find_events
from detente.extract.quotes import find_quotes
from detente.extract.time import find_timexes
from detente.kb.phoenix import load_phoenix
from detente.nlp.parse import parse_many
from detente.read import clean
from detente.types import Article

TABLES = ("phoenix_people.tsv.gz", "phoenix_orgs.tsv.gz", "phoenix_agents.tsv.gz", "phoenix_places.tsv.gz")


def analysed(text: str, published: str = "2005-06-01"):  # type: ignore[no-untyped-def]
    article = Article(id="t", source="test", text=text, published=published)
    meta, masked = clean(article)
    (doc,) = parse_many([(meta, article.text, masked)])
    actors = find_actors(doc)
    add_locations(doc, actors)  # as the actors stage does: places are where, not who
    return actors, find_events(doc, actors, find_timexes(doc), find_quotes(doc, actors))


def test_tables_are_small_and_carry_their_licence():
    data = resources.files("detente.kb").joinpath("data")
    sizes = [len(data.joinpath(name).read_bytes()) for name in TABLES]
    assert sum(sizes) < 1.5 * 1024 * 1024
    ph = load_phoenix()
    assert len([e for e in ph.entries.values() if e.kind == "person"]) > 15000
    assert ph.agents[("farmers",)] == "AGR" and ph.agents[("military", "police")] == "MILCOP"


@pytest.mark.skipif(not (SHARED / "data/external/phoenix-dictionaries").exists(), reason="shared data not found")
def test_the_build_script_rebuilds_the_shipped_tables_exactly(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "train" / "compile_phoenix.py"), "--shared", str(SHARED),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    data = resources.files("detente.kb").joinpath("data")
    for name in TABLES:
        assert (tmp_path / name).read_bytes() == data.joinpath(name).read_bytes(), name


def test_a_role_holds_only_on_its_dates():
    kagame = load_phoenix().entries["person:paul-kagame"]
    assert kagame.code_on("2010-05-01").code == "RWAGOV"
    assert kagame.code_on("1996").code == "RWAELI"
    assert kagame.country({"RWA", "UGA"}) == "RWA"


def test_full_names_match_and_bare_surnames_do_not():
    ph = load_phoenix()
    text = "Kagame arrived late. Later Paul Kagame left, and Perry Ellis shirts were on sale."
    hits = [(text[h.start:h.end], h.entry.id) for h in ph.scan(text)]
    assert hits == [("Paul Kagame", "person:paul-kagame")]


def test_a_dictionary_person_gets_country_and_the_role_of_the_day():
    actors, _ = analysed("Yoweri Museveni flew to Nairobi on Monday.")
    (m,) = [a for a in actors if a.id == "person:yoweri-museveni"]
    assert m.country == "UGA"
    assert [(r.title, r.of, r.source) for r in m.roles] == [("government", "UGA", "phoenix")]


def test_nationality_with_a_sector_noun_is_a_group_of_that_state():
    actors, _ = analysed("Angry Portuguese fishermen blocked the harbour on Monday.")
    (g,) = [a for a in actors if a.kind == "group"]
    assert (g.id, g.country, g.name) == ("group:prt-agr", "PRT", "Portuguese fishermen")


def test_a_state_sector_noun_names_the_state_itself():
    actors, _ = analysed("Hungarian riot police dispersed the crowd on Monday.")
    assert [a.id for a in actors if a.kind in ("state", "group")] == ["HUN"]


def test_an_international_organisation_is_its_own_party():
    _, events = analysed("Amnesty International accused Belarus of torturing prisoners.")
    assert ("org:amnesty-international", "BLR") in {(e.source, e.target) for e in events if e.type == "ACCUSE"}


def test_an_armed_group_belongs_to_its_state():
    actors, _ = analysed("Hezbollah said it would answer any raid.")
    (h,) = [a for a in actors if a.id == "org:hezbollah"]
    assert (h.kind, h.country) == ("organization", "LBN")


def test_a_name_without_its_middle_name_still_matches_when_unambiguous():
    ph = load_phoenix()
    text = "Carlos Menem and Carlos Saul Menem are one man."
    assert {h.entry.id for h in ph.scan(text)} == {"person:carlos-saul-menem"}


def test_an_organisation_with_a_region_code_takes_the_state_its_name_gives():
    actors, _ = analysed("The Palestinian Islamic Jihad said it would not attend.")
    (pij,) = [a for a in actors if a.id == "org:palestinian-islamic-jihad"]
    assert pij.country == "PSE"


def test_a_lower_case_arabic_article_opens_a_name():
    ph = load_phoenix()
    for text in ("Drones killed eight al-Qaeda leaders.", "Drones killed eight al Qaeda leaders."):
        assert [h.entry.id for h in ph.scan(text)] == ["org:al-qa-ida"], text
        assert text[ph.scan(text)[0].start:].startswith("al")
    assert ph.scan("He will al so go.") == []  # an article before no capitalised word opens nothing
