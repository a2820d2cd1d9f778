"""The bundled actor knowledge base: real facts, and the files' internal consistency."""

from __future__ import annotations

import itertools
from importlib import resources

import pytest

from detente.kb.knowledge import KB, load_kb, period, problems, title_key, to_role
from detente.types import Role

# The 193 UN member states (ISO 3166-1 alpha-3), written out so the test does not depend on a package's idea
# of membership.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM
JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX
FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb()


def ids(hits: list[tuple[str, str]]) -> list[str]:
    return [aid for aid, _ in hits]


# --- lookup -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Tokyo", ("JPN", "capital")),
        ("DPRK", ("PRK", "alias")),
        ("U.S.", ("USA", "alias")),
        ("US", ("USA", "alias")),
        ("Japanese", ("JPN", "demonym")),
        ("the Kremlin", ("RUS", "capital")),
        ("The Kremlin", ("RUS", "capital")),
        ("Kremlin", ("RUS", "capital")),
        ("the White House", ("USA", "capital")),
        ("Japan", ("JPN", "name")),
        ("South Korea", ("KOR", "name")),
        ("Republic of Korea", ("KOR", "alias")),
        ("People’s Republic of China", ("CHN", "alias")),  # curly apostrophe
        ("Britain", ("GBR", "alias")),
        ("the Élysée", ("FRA", "capital")),
        ("the Elysee", ("FRA", "capital")),
        ("Japan's", ("JPN", "name")),
        ("NATO", ("NATO", "alias")),
        ("Nato", ("NATO", "alias")),
        ("the U.N.", ("UNO", "alias")),
        ("Security Council", ("UNSC", "alias")),
        ("Shinzo Abe", ("person:shinzo-abe", "person")),
        ("Rex W. Tillerson", ("person:rex-tillerson", "person_alias")),
        ("Kim Jong Un", ("person:kim-jong-un", "person_alias")),
        ("Moon Jae In", ("person:moon-jae-in", "person_alias")),
        ("Erdogan", ("person:recep-tayyip-erdogan", "surname")),
        ("Mr. Abe", ("person:shinzo-abe", "surname")),
    ],
)
def test_lookup(kb: KB, surface: str, expected: tuple[str, str]) -> None:
    assert kb.lookup(surface)[0] == expected


def test_lookup_short_all_caps_forms_are_case_sensitive(kb: KB) -> None:
    assert kb.lookup("us") == []
    assert kb.lookup("who") == []
    assert ids(kb.lookup("WHO")) == ["WHO"]
    assert kb.lookup("japan") == [("JPN", "name")]  # longer forms are not


def test_a_demonym_two_states_share_is_the_field_dictionarys(kb: KB) -> None:
    # Phoenix's CountryInfo gives "Congolese" to the Democratic Republic of the Congo only
    assert kb.lookup("Congolese") == [("COD", "demonym")]


def test_lookup_unknown_is_empty(kb: KB) -> None:
    assert kb.lookup("Michael J. Green") == []
    assert kb.lookup("") == []


def test_surnames_follow_name_order(kb: KB) -> None:
    s = kb.surnames()
    assert s["Abe"] == ["person:shinzo-abe"]
    assert s["Moon"] == ["person:moon-jae-in"]
    assert s["Xi"] == ["person:xi-jinping"]
    assert "person:kim-jong-un" in s["Kim"] and "person:kim-jong-il" in s["Kim"]
    assert "person:li-keqiang" in s["Li"]
    assert "person:donald-trump" in s["Trump"]
    assert "Jinping" not in s and "Jae-in" not in s


def test_contextual_aliases(kb: KB) -> None:
    assert ("the North", "PRK") in kb.states["PRK"].contextual
    assert ("the South", "KOR") in kb.states["KOR"].contextual
    assert kb.lookup("the North") == []  # never on its own


# --- roles and holders --------------------------------------------------------------------------------------


def test_roles_on(kb: KB) -> None:
    [t] = kb.roles_on("person:shinzo-abe", "2017-09-04")
    assert (t.title, t.of, t.start, t.end, t.role_kind) == ("Prime Minister", "JPN", "2012-12-26", "2020-09-16",
                                                            "head_of_government")
    assert kb.roles_on("person:shinzo-abe", "2021-01-01") == []
    assert kb.roles_on("person:shinzo-abe", None) == []
    assert kb.roles_on("person:nobody", "2017-09-04") == []
    assert [t.start for t in kb.roles_on("person:shinzo-abe", "2007")] == ["2006-09-26"]  # partial dates: the period
    assert len(kb.roles_on("person:moon-jae-in", "2017-09-04")) == 1


@pytest.mark.parametrize(
    ("title", "of", "date", "expected"),
    [
        ("President", "USA", "2016-11-20", ["person:barack-obama"]),
        ("President", "USA", "2017-09-04", ["person:donald-trump"]),
        ("President", "USA", "2022-06-01", ["person:joe-biden"]),
        ("President", "USA", "2025-06-01", ["person:donald-trump"]),
        ("President", "KOR", "2017-01-15", ["person:park-geun-hye"]),  # suspended, still president
        ("President", "KOR", "2017-04-01", ["person:hwang-kyo-ahn"]),  # removed: the acting president answers
        ("President", "KOR", "2017-09-04", ["person:moon-jae-in"]),
        ("Defense Secretary", "USA", "2016-11-20", ["person:ash-carter"]),
        ("Secretary of Defense", "USA", "2017-09-04", ["person:jim-mattis"]),
        ("Secretary of State", "USA", "2017-09-04", ["person:rex-tillerson"]),
        ("Foreign Minister", "USA", "2019-01-01", ["person:mike-pompeo"]),
        ("Prime Minister", "IND", "2016-12-01", ["person:narendra-modi"]),
        ("Prime Minister", "JPN", "2017-09-04", ["person:shinzo-abe"]),
        ("prime minister", "JPN", "2020-01", ["person:shinzo-abe"]),
        ("Chief Cabinet Secretary", "JPN", "2017-09-04", ["person:yoshihide-suga"]),
        ("Foreign Minister", "JPN", "2017-09-04", ["person:taro-kono"]),
        ("Defence Minister", "JPN", "2017-09-04", ["person:itsunori-onodera"]),
        ("Defense Minister", "JPN", "2003-06-01", ["person:shigeru-ishiba"]),  # Defense Agency era
        ("Foreign Minister", "CHN", "2017-09-04", ["person:wang-yi"]),
        ("Premier", "CHN", "2017-09-04", ["person:li-keqiang"]),
        ("President", "CHN", "2017-09-04", ["person:xi-jinping"]),
        ("Supreme Leader", "PRK", "2017-09-04", ["person:kim-jong-un"]),
        ("Supreme Leader", "PRK", "2010-01-01", ["person:kim-jong-il"]),
        ("President", "RUS", "2010-01-01", ["person:dmitry-medvedev"]),
        ("Prime Minister", "RUS", "2010-01-01", ["person:vladimir-putin"]),
        ("Chancellor", "DEU", "2017-09-04", ["person:angela-merkel"]),
        ("Foreign Secretary", "GBR", "2017-09-04", ["person:boris-johnson"]),
        ("UN Ambassador", "USA", "2017-09-04", ["person:nikki-haley"]),
        ("Emperor", "JPN", "2017-09-04", ["person:akihito"]),
        ("Emperor", "JPN", "2020-01-01", ["person:naruhito"]),
        ("Secretary-General", "UNO", "2017-09-04", ["person:antonio-guterres"]),
        ("Secretary General", "NATO", "2017-09-04", ["person:jens-stoltenberg"]),
        ("Vice President", "USA", "2017-09-04", ["person:mike-pence"]),
        ("President", "USA", None, []),
    ],
)
def test_holders(kb: KB, title: str, of: str, date: str | None, expected: list[str]) -> None:
    assert kb.holders(title, of, date) == expected


def test_required_tenures(kb: KB) -> None:
    def spans(pid: str, title: str) -> list[tuple[str, str | None]]:
        return [(t.start, t.end) for t in kb.people[pid].tenures if t.title == title]

    assert spans("person:shinzo-abe", "Prime Minister") == [("2006-09-26", "2007-09-26"), ("2012-12-26", "2020-09-16")]
    assert spans("person:yoshihide-suga", "Prime Minister") == [("2020-09-16", "2021-10-04")]
    assert spans("person:fumio-kishida", "Prime Minister") == [("2021-10-04", "2024-10-01")]
    assert spans("person:shigeru-ishiba", "Prime Minister") == [("2024-10-01", "2025-10-21")]
    assert spans("person:sanae-takaichi", "Prime Minister") == [("2025-10-21", None)]
    assert spans("person:park-geun-hye", "President") == [("2013-02-25", "2017-03-10")]
    assert spans("person:hwang-kyo-ahn", "Acting President") == [("2016-12-09", "2017-05-10")]
    assert spans("person:moon-jae-in", "President") == [("2017-05-10", "2022-05-10")]
    assert spans("person:yoon-suk-yeol", "President") == [("2022-05-10", "2025-04-04")]
    assert spans("person:lee-jae-myung", "President") == [("2025-06-04", None)]
    assert spans("person:donald-trump", "President") == [("2017-01-20", "2021-01-20"), ("2025-01-20", None)]
    assert spans("person:vladimir-putin", "President") == [("2000-05-07", "2008-05-07"), ("2012-05-07", None)]
    assert spans("person:vladimir-putin", "Prime Minister")[-1] == ("2008-05-08", "2012-05-07")
    assert spans("person:rex-tillerson", "Secretary of State") == [("2017-02-01", "2018-03-31")]
    assert spans("person:mike-pompeo", "Secretary of State") == [("2018-04-26", "2021-01-20")]
    assert spans("person:hillary-clinton", "Secretary of State") == [("2009-01-21", "2013-02-01")]
    assert spans("person:tomomi-inada", "Defense Minister") == [("2016-08-03", "2017-07-28")]
    assert spans("person:wang-yi", "Foreign Minister") == [("2013-03-16", "2022-12-30"), ("2023-07-25", None)]
    assert spans("person:kang-kyung-wha", "Foreign Minister") == [("2017-06-18", "2021-02-08")]


def test_to_role(kb: KB) -> None:
    [t] = kb.roles_on("person:jim-mattis", "2018-01-01")
    assert to_role(t) == Role("Defense Secretary", "USA", "2017-01-20", "2019-01-01", "kb")
    assert to_role(t).to_json()["from"] == "2017-01-20"


def test_title_key_and_period() -> None:
    assert title_key("Acting Defence Secretary") == ("defense minister", True)
    assert title_key("U.S. Trade Representative") == ("trade representative", False)
    assert period("2017") == ("2017-01-01", "2017-12-31")
    assert period("2016-02") == ("2016-02-01", "2016-02-29")
    assert period("2017-09-04T10:00") == ("2017-09-04", "2017-09-04")
    assert period("PRESENT_REF") is None


# --- the data files -----------------------------------------------------------------------------------------


def test_every_un_member_is_present(kb: KB) -> None:
    assert len(set(UN_MEMBERS)) == 193
    assert sorted(set(UN_MEMBERS) - set(kb.states)) == []
    for extra in ("TWN", "XKX", "PSE", "VAT", "ESH"):
        assert extra in kb.states


def test_state_codes_agree_with_pycountry(kb: KB) -> None:
    pycountry = pytest.importorskip("pycountry")
    unknown = [sid for sid in kb.states if sid != "XKX" and pycountry.countries.get(alpha_3=sid) is None]
    assert unknown == []


def test_files_are_consistent(kb: KB) -> None:
    assert problems(kb) == []


def test_ids_unique_across_files(kb: KB) -> None:
    assert not set(kb.states) & set(kb.igos)
    text = resources.files("detente.kb").joinpath("data", "states.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")][1:]
    assert len(rows) == len(set(rows))


def test_g20_and_prk_have_all_four_offices_covered(kb: KB) -> None:
    kinds = {(t.of, t.role_kind) for p in kb.people.values() for t in p.tenures}
    for sid in G20 + ["PRK"]:
        for kind in ("head_of_state", "foreign", "defense"):
            assert (sid, kind) in kinds, (sid, kind)


def test_heads_of_government_do_not_overlap(kb: KB) -> None:
    """Successive heads of government may share their handover day, never more (acting roles excepted)."""
    by_state: dict[str, list[tuple[str, str, str]]] = {}
    for p in kb.people.values():
        for t in p.tenures:
            if t.role_kind == "head_of_government" and not t.title.startswith("Acting"):
                by_state.setdefault(t.of, []).append((t.start, t.end or "9999-12-31", p.id))
    for of, spans in by_state.items():
        for a, b in itertools.combinations(sorted(spans), 2):
            assert b[0] >= a[1], f"{of}: {a} overlaps {b}"


def test_presidents_do_not_overlap(kb: KB) -> None:
    for of in ("USA", "KOR", "FRA", "RUS", "CHN", "BRA", "IDN", "TWN"):
        spans = sorted((t.start, t.end or "9999-12-31", p.id) for p in kb.people.values() for t in p.tenures
                       if t.title == "President" and t.of == of)
        for a, b in itertools.combinations(spans, 2):
            assert b[0] >= a[1], f"{of}: {a} overlaps {b}"


def test_several_hundred_tenures(kb: KB) -> None:
    assert len(kb.people) > 500
    assert sum(len(p.tenures) for p in kb.people.values()) > 700


@pytest.mark.parametrize(("title", "of", "day", "who"), [
    ("Secretary of State", "USA", "1990-06-01", "person:james-baker"),
    ("Treasury Secretary", "USA", "1989-10-20", "person:nicholas-brady"),
    ("Fed Chairman", "USA", "1998-02-01", "person:alan-greenspan"),
    ("Chancellor of the Exchequer", "GBR", "1989-10-01", "person:nigel-lawson"),
    ("Chancellor of the Exchequer", "GBR", "1989-11-01", "person:john-major"),
    ("Secretary-General", "UNO", "1989-10-01", "person:javier-perez-de-cuellar"),
    ("Prime Minister", "JPN", "1990-01-01", "person:toshiki-kaifu"),
])
def test_office_holders_of_the_late_eighties_and_nineties(kb: KB, title: str, of: str, day: str, who: str) -> None:
    assert kb.holders(title, of, day) == [who]
