"""Actors on the five seeds against our own annotation: every person and state found, canonical, and
nothing invented; roles right on the article's date; descriptions parsed."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import seed
from detente.pipeline.process import process
from detente.read import read_path

# Publication dates of the seeds that state none (from the events they report), passed as --published.
PUBLISHED = {0: "2017-09-04", 2: "2017-11-02", 3: "2016-11-20", 4: "2018-10-24"}

PEOPLE = {
    0: {"donald-trump", "moon-jae-in", "shinzo-abe", "rex-tillerson", "jim-mattis", "kunihiko-miyake",
        "hillary-clinton", "michael-green", "george-w-bush", "daniel-sneider", "barack-obama", "hajime-izumi",
        "evan-medeiros", "vladimir-putin", "pete-marovich"},  # the photographer, from the credit zone
    1: {"shinzo-abe", "donald-trump", "malcolm-davis", "stephen-nagy"},
    2: {"donald-trump", "shinzo-abe", "akihito", "melania-trump", "akie-abe", "hou-jun", "liu-jianna"},  # zones
    3: {"ash-carter", "donald-trump", "barack-obama", "shinzo-abe", "reed-foster"},
    4: {"xi-jinping", "shinzo-abe", "donald-trump", "koichi-nakano", "richard-mcgregor", "li-keqiang", "akihito",
        "stephen-nagy", "cheng-yonghua", "lu-kang"},
}
STATES = {
    0: {"PRK", "JPN", "KOR", "USA", "CHN", "RUS"},
    1: {"USA", "PRK", "JPN", "CHN"},
    2: {"USA", "JPN", "PRK", "CHN", "KOR"},
    3: {"USA", "JPN", "KOR", "CHN", "PRK", "IND"},
    4: {"CHN", "JPN", "USA", "PRK", "KOR", "AUS"},
}


@pytest.fixture(scope="module")
def results(resources):
    out = {}
    for n in range(5):
        (article,) = list(read_path(seed(n)))
        if n in PUBLISHED:
            article = dataclasses.replace(article, published=PUBLISHED[n])
        out[n] = process(article, resources)
    return out


def actor(result, aid):
    found = [a for a in result.actors if a.id == aid]
    assert found, f"{aid} not found"
    return found[0]


@pytest.mark.parametrize("n", range(5))
def test_people_found_canonical_and_nothing_invented(results, n):
    got = {a.id.removeprefix("person:") for a in results[n].actors if a.kind == "person"}
    assert got == PEOPLE[n]


@pytest.mark.parametrize("n", range(5))
def test_states_found_and_nothing_invented(results, n):  # states named as actors (places: test_places...)
    assert {a.id for a in results[n].actors if a.kind == "state" and a.mentions} == STATES[n]


def test_surname_and_honorific_forms_merge(results):
    abe = actor(results[0], "person:shinzo-abe")
    assert len(abe.mentions) >= 20 and {m.text for m in abe.mentions} == {"Abe"}
    green = actor(results[0], "person:michael-green")
    assert [m.text for m in green.mentions] == ["Michael J. Green", "Green"]  # "Mr. Green" later
    assert actor(results[1], "person:shinzo-abe").mentions[2].text == "the prime minister"


def test_aliases_capitals_and_contextual_forms(results):
    prk = {m.text for m in actor(results[1], "PRK").mentions}
    assert {"North Korea", "Pyongyang", "the North"} <= prk
    assert {"DPRK", "Democratic People’s Republic of Korea"} <= {m.text for m in actor(results[2], "PRK").mentions}
    assert "Tokyo" in {m.text for m in actor(results[1], "JPN").mentions}
    # "the South Korean government" is South Korea, not the contextual "the South"
    assert "South Korean" in {m.text for m in actor(results[0], "KOR").mentions}


def test_ner_mistakes_filtered(results):
    texts = {m.text for a in results[0].actors for m in a.mentions}
    assert "O.K." not in texts and not any("Mar" == t for t in texts)
    assert not any(a.name.startswith("IHS") for a in results[3].actors if a.kind == "person")
    credit = actor(results[0], "person:pete-marovich")  # a photo credit is a zone: found there, marked by it
    zones = results[0].meta.zones
    assert [z.kind for z in zones if any(z.start <= m.start < z.end for m in credit.mentions)] == ["credit"]


def test_people_in_captions_and_author_notes(results):
    meta = results[2].meta
    in_zone = {a.id: [z.kind for z in meta.zones if any(z.start <= m.start < z.end for m in a.mentions)]
               for a in results[2].actors}
    assert in_zone["person:melania-trump"] == ["caption"] and in_zone["person:akie-abe"] == ["caption"]
    hou, liu = actor(results[2], "person:hou-jun"), actor(results[2], "person:liu-jianna")
    assert in_zone[hou.id] == ["author note"] and hou.affiliation == "China Foreign Affairs University"
    assert (liu.affiliation, liu.description) == ("China Daily", "a media analyst at China Daily")


def test_places_are_locations_of_their_state(results):
    russia = actor(results[0], "RUS")
    assert [m.text for m in russia.locations] == ["Vladivostok"]
    assert [m.text for m in actor(results[4], "RUS").locations] == ["Vladivostok"]
    assert actor(results[4], "RUS").mentions == []  # named only as a place: a location, not an actor


def test_a_place_qualified_by_its_region_takes_the_regions_state(resources):
    from detente.read.article import make_article

    def located(text: str) -> dict[str, list[str]]:
        result = process(make_article(text, "test", resources.settings, published="2016-03-01"), resources)
        return {a.id: [m.text for m in a.locations] for a in result.actors if a.locations}

    assert located("A rally in Birmingham, Alabama, drew thousands.") == {"USA": ["Birmingham", "Alabama"]}
    assert located("A rally in Birmingham drew thousands.") == {"GBR": ["Birmingham"]}
    assert located("Floods hit Perth, Scotland, on Monday, officials said.") == {"GBR": ["Perth", "Scotland"]}
    assert located("Floods hit Perth on Monday, officials said.") == {"AUS": ["Perth"]}


@pytest.mark.parametrize("n, pid, title, of", [
    (0, "donald-trump", "President", "USA"), (0, "moon-jae-in", "President", "KOR"),
    (0, "shinzo-abe", "Prime Minister", "JPN"), (0, "jim-mattis", "Defense Secretary", "USA"),
    (0, "vladimir-putin", "President", "RUS"), (3, "barack-obama", "President", "USA"),
    (3, "ash-carter", "Defense Secretary", "USA"), (4, "xi-jinping", "President", "CHN"),
    (4, "li-keqiang", "Premier", "CHN"),
])
def test_roles_on_the_article_date(results, n, pid, title, of):
    roles = actor(results[n], f"person:{pid}").roles
    assert any(r.title == title and r.of == of and r.source == "kb" for r in roles), roles


def test_president_elect_has_no_office_yet(results):
    assert actor(results[3], "person:donald-trump").roles == []


def test_former_office_named_in_text(results):
    (role,) = actor(results[0], "person:george-w-bush").roles
    assert (role.title, role.start, role.end) == ("President", "2001-01-20", "2009-01-20")


def test_text_people_descriptions(results):
    nagy_2017 = actor(results[1], "person:stephen-nagy")
    nagy_2018 = actor(results[4], "person:stephen-nagy")
    assert nagy_2017.affiliation == "International Christian University"
    assert nagy_2018.affiliation == "Japan Institute for International Affairs"
    miyake = actor(results[0], "person:kunihiko-miyake")
    assert miyake.description.startswith("a former Japanese diplomat")
    assert (miyake.affiliation, miyake.country) == ("Ritsumeikan University", "JPN")
    assert miyake.roles[0].title == "former Japanese diplomat" and miyake.roles[0].source == "text"
    assert actor(results[4], "person:koichi-nakano").affiliation == "Sophia University"


def test_government_bodies_roll_up_to_their_state(results):
    ministry = actor(results[4], "org:chn-foreign-ministry")
    assert ministry.country == "CHN" and len(ministry.mentions) == 2


def test_mentions_point_into_the_text(results):
    for r in results.values():
        for a in r.actors:
            for m in a.mentions:
                assert r.text[m.start:m.end] == m.text
                in_zone = any(z.start <= m.start and m.end <= z.end for z in r.meta.zones)
                assert in_zone or r.meta.body_start <= m.start and m.end <= r.meta.body_end
