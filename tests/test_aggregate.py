"""Relations (store/aggregate.py, relations.py, graph.py): exact numbers on a small hand-written store;
relation signs on the real seeds.

``build_synthetic_store`` is also used by test_api.py and test_ui.py: a few short articles written for these
tests, with hand-placed actors, quotes and events written through the real Store.write path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from detente.errors import UsageError
from detente.store import aggregate, network, relations
from detente.store.db import Store
from detente.store.merge import SCHEMA
from detente.types import Actor, Event, Meta, Quote, Result, Span, Speaker

STATES = {"USA": "United States", "JPN": "Japan", "CHN": "China", "PRK": "North Korea", "KOR": "South Korea",
          "IND": "India"}
PEOPLE = {"person:donald-trump": ("Donald Trump", "USA"), "person:shinzo-abe": ("Shinzo Abe", "JPN"),
          "person:xi-jinping": ("Xi Jinping", "CHN"), "person:moon-jae-in": ("Moon Jae-in", "KOR")}
XSS_TEXT = ('Japan said <script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2"> '
            'were pasted into a wire story by a prankster.')

# (id, outlet, published, text, {actor id: [surface forms]}, quotes, events)
# quote: (quoted text, speaker id or None); event: (type, mode, source, target, source_actors, target_actors,
#         date, status, score, confidence, evidence phrase)
ARTICLES = [
    ("a1", "Harbor Times", "2017-03-10",
     'Trump hosted Abe in Florida on Friday. Abe offered firm backing to Washington. '
     '"We stand with Washington on every step," Abe told reporters about Japan and its ally.',
     {"USA": ["Washington"], "JPN": ["Japan"], "person:donald-trump": ["Trump"], "person:shinzo-abe": ["Abe"]},
     [("We stand with Washington on every step", "person:shinzo-abe")],
     [("CONSULT", None, "USA", "JPN", ["person:donald-trump"], ["person:shinzo-abe"], "2017-03-10", "occurred",
       2.5, 0.9, "Trump hosted Abe"),
      ("SUPPORT", None, "JPN", "USA", ["person:shinzo-abe"], [], "2017-03-10", "occurred", 5.0, 0.9,
       "Abe offered firm backing")]),
    ("a2", "Pacific Ledger", "2017-05-02",
     'The two leaders had met in Florida in March, officials recalled. Japan and the United States began a '
     'joint naval drill on Tuesday. Washington may ask Tokyo for help with patrols later this month. Some aides '
     'warned the United States could threaten tariffs on Japan, though none were announced.',
     {"USA": ["the United States", "Washington"], "JPN": ["Japan", "Tokyo"]}, [],
     [("CONSULT", None, "USA", "JPN", [], [], "2017-03-10", "occurred", 2.5, 0.6, "The two leaders had met"),
      ("COOPERATE", None, "USA", "JPN", [], [], "2017-05-02", "occurred", 9.5, 0.6, "began a joint naval drill"),
      ("REQUEST", "assist", "USA", "JPN", [], [], "2017-05-20", "planned", 0.5, 0.6, "may ask Tokyo for help"),
      ("THREATEN", None, "USA", "JPN", [], [], "2017-05-02", "hypothetical", -3.5, 0.6, "could threaten tariffs")]),
    ("a3", "Harbor Times", "2014-11-10",
     'Xi and Abe shook hands in Beijing without a smile. China accused Japan of ignoring history. Japan rejected '
     'the charge. "Tokyo must face the past," Xi said.',
     {"CHN": ["China", "Beijing"], "JPN": ["Japan", "Tokyo"], "person:xi-jinping": ["Xi"],
      "person:shinzo-abe": ["Abe"]},
     [("Tokyo must face the past", "person:xi-jinping")],
     [("ACCUSE", None, "CHN", "JPN", [], [], "2014-11-10", "occurred", -3.5, 0.8, "China accused Japan"),
      ("REJECT", None, "JPN", "CHN", [], [], "2014-11-10", "occurred", -2.0, 0.8, "Japan rejected")]),
    ("a4", "Detente Wire", "2018-10-26",
     'Abe arrived in Beijing for talks with Xi. The two governments agreed to deepen trade ties.',
     {"CHN": ["Beijing"], "person:xi-jinping": ["Xi"], "person:shinzo-abe": ["Abe"]}, [],
     [("CONSULT", "visit", "JPN", "CHN", ["person:shinzo-abe"], ["person:xi-jinping"], "2018-10-26", "occurred",
       2.5, 0.8, "Abe arrived in Beijing"),
      ("AGREE", None, "CHN", "JPN", [], [], "2018-10-26", "occurred", 2.5, 0.8, "agreed to deepen trade ties")]),
    ("a5", "Detente Wire", "2017-09-12",
     'North Korea threatened the United States after a missile flew over Japan in late August. Washington '
     'imposed new sanctions on Pyongyang in September.',
     {"PRK": ["North Korea", "Pyongyang"], "USA": ["the United States", "Washington"], "JPN": ["Japan"]}, [],
     [("THREATEN", None, "PRK", "USA", [], [], "2017-08-29", "occurred", -3.5, 0.7, "North Korea threatened"),
      ("MOBILIZE", "weapons", "PRK", "JPN", [], [], "2017-08-29", "occurred", -6.5, 0.7, "a missile flew over"),
      ("SANCTION", None, "USA", "PRK", [], [], "2017-09", "occurred", -6.0, 0.7, "imposed new sanctions")]),
    ("a6", None, None,
     'The American envoy visited New Delhi to discuss defence ties with India.',
     {"IND": ["New Delhi", "India"]}, [],
     [("CONSULT", "visit", "USA", "IND", [], [], None, "occurred", 4.0, 0.5, "visited New Delhi")]),
    ("a7", "Detente Wire", "2017-09-04",
     "Trump spoke with Moon by phone on Monday. Moon rejected Trump's call to cut fuel aid to the North.",
     {"person:donald-trump": ["Trump"], "person:moon-jae-in": ["Moon"]}, [],
     [("CONSULT", "phone", "USA", "KOR", ["person:donald-trump"], ["person:moon-jae-in"], "2017-09-04",
       "occurred", 1.5, 0.7, "spoke with Moon by phone"),
      ("REJECT", None, "KOR", "USA", ["person:moon-jae-in"], ["person:donald-trump"], "2017-09-04", "occurred",
       -2.0, 0.7, "Moon rejected")]),
    ("xss", "Harbor Times", "2017-06-01", XSS_TEXT, {"JPN": ["Japan"]}, [], []),
]


def _find(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start, start + len(phrase), phrase)


def _result(aid: str, outlet: str | None, published: str | None, text: str, forms: dict[str, list[str]],
            quotes: list, events: list) -> Result:
    title = "<script>window.__xss_title = 1</script>" if aid == "xss" else f"Synthetic story {aid}"
    meta = Meta(id=aid, source=f"synthetic/{aid}.txt", title=title, outlet=outlet, authors=[], published=published,
                published_precision="day" if published else None, published_inferred=False, dateline=None,
                genre="news", body_start=0, body_end=len(text), removed=[])
    actors = []
    for actor_id, surfaces in forms.items():
        mentions = []
        for s in surfaces:
            at = text.find(s)
            while at >= 0:
                mentions.append(Span(at, at + len(s), s))
                at = text.find(s, at + len(s))
        if actor_id in STATES:
            actors.append(Actor(actor_id, "state", STATES[actor_id], actor_id, mentions=mentions))
        else:
            name, country = PEOPLE[actor_id]
            actors.append(Actor(actor_id, "person", name, country, mentions=mentions))
    out_quotes = []
    for said, speaker in quotes:
        span = _find(text, said)
        sp = Speaker(speaker, PEOPLE[speaker][0], None, False, None, None) if speaker else None
        out_quotes.append(Quote(span.start, span.end, said, "direct", None, sp))
    out_events = [Event(t, mode, src, tgt, sa, ta, d, "day" if d and len(d) == 10 else "month" if d else None,
                        status, score, _find(text, phrase), conf)
                  for t, mode, src, tgt, sa, ta, d, status, score, conf, phrase in events]
    return Result(meta, text, actors, [], out_quotes, out_events)


def build_synthetic_store(path: Path) -> Path:
    with Store(path) as store:
        store.write([_result(*a) for a in ARTICLES])
    return path


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = build_synthetic_store(tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb")
    with Store(db, read_only=True) as store:
        yield store.con


def by_pair(found: list[dict]) -> dict[tuple[str, str], dict]:
    return {(p["a"], p["b"]): p for p in found}


def test_pair_counts_tone_and_direction(con):
    got = by_pair(relations.pairs(con))
    assert set(got) == {("JPN", "USA"), ("CHN", "JPN"), ("PRK", "USA"), ("JPN", "PRK"), ("IND", "USA"),
                        ("KOR", "USA")}
    us_jp = got[("JPN", "USA")]
    assert (us_jp["n"], us_jp["n_unscored"], us_jp["n_ab"], us_jp["n_ba"]) == (5, 1, 1, 4)
    assert (us_jp["score_sum"], us_jp["score_mean"], us_jp["tone"]) == (20.0, 4.0, "cooperative")
    assert us_jp["by_quad"] == {"verbal_coop": 4, "material_coop": 1, "verbal_conflict": 0, "material_conflict": 0}
    assert us_jp["by_type"] == {"CONSULT": 2, "COOPERATE": 1, "REQUEST": 1, "SUPPORT": 1}
    assert (us_jp["first"], us_jp["last"], us_jp["n_periods"], us_jp["n_quotes"]) == ("2017-03-01", "2017-05-01", 2, 1)
    assert us_jp["names"] == {"a": "Japan", "b": "United States"}
    cn_jp = got[("CHN", "JPN")]
    assert (cn_jp["n"], cn_jp["score_sum"], cn_jp["score_mean"], cn_jp["tone"]) == (4, -0.5, -0.125, "mixed")
    assert (cn_jp["coop"], cn_jp["conflict"], cn_jp["n_ab"], cn_jp["n_ba"], cn_jp["n_quotes"]) == (2, 2, 2, 2, 1)
    assert got[("PRK", "USA")]["score_mean"] == -4.75 and got[("PRK", "USA")]["tone"] == "hostile"
    assert got[("KOR", "USA")]["score_mean"] == -0.25
    assert got[("IND", "USA")]["n_periods"] == 0  # undated event in an undated article: counted, not in a period


def test_trend_labels_and_change(con):
    got = by_pair(relations.pairs(con))
    assert got[("CHN", "JPN")]["trend"]["label"] == "warming"
    assert got[("CHN", "JPN")]["trend"]["change"] == pytest.approx(5.25)
    us_jp = got[("JPN", "USA")]["trend"]  # up in May, down again three weeks later: no trend the data support
    assert us_jp["label"] == "stable" and us_jp["change"] == pytest.approx(-2.833, abs=1e-3)
    assert us_jp["interval"][0] < 0 < us_jp["interval"][1]
    assert us_jp["why"] == "the 90% interval of the slope (-182.62 to +42.50 a year) includes no change (3 days)"
    assert got[("PRK", "USA")]["trend"]["label"] == "cooling"
    assert got[("PRK", "USA")]["trend"]["change"] == pytest.approx(-2.5)
    single = got[("JPN", "PRK")]["trend"]
    assert single["label"] is None and "fewer than two periods" in single["why"]
    yearly = by_pair(relations.pairs(con, period="year"))
    assert yearly[("JPN", "USA")]["trend"]["label"] is None  # one year only


def test_theil_sen_is_not_dragged_by_one_outlier():
    from detente.store.trend import theil_sen, trend

    points = [(0.0, 1.0), (1.0, 1.2), (2.0, 0.9), (3.0, 1.1), (4.0, -9.0)]  # one hostile day at the end
    slope, lo, hi = theil_sen(points)
    assert -0.3 < slope < 0.3 and lo < 0 < hi
    assert trend(points, 5)["label"] == "stable"
    rising = [(float(t), t * 1.5 + (0.3 if t % 2 else -0.3)) for t in range(8)]
    assert trend(rising, 8)["label"] == "warming"


def test_remembered_events_are_shown_but_fit_no_trend(tmp_path):
    from synthetic_store import build_store

    def story(aid, published, precision, events):
        text = "A short story about two capitals and their quarrels and their talks."
        meta = Meta(id=aid, source=f"{aid}.txt", title=None, outlet="Wire", authors=[], published=published,
                    published_precision=precision, published_inferred=precision != "day", dateline=None,
                    genre="news", body_start=0, body_end=len(text), removed=[])
        evs = [Event(t, None, "JPN", "CHN", [], [], d, p, "occurred", sc, Span(0, 5, "A sho"), 0.8)
               for t, d, p, sc in events]
        return Result(meta, text, events=evs)

    db = tmp_path / "remembered.duckdb"
    build_store(db, [
        story("r1", "2018-09-12", "day", [("ACCUSE", "2011", "year", -3.5), ("CONSULT", "2018-09-12", "day", 2.5)]),
        story("r2", "2018-10-24", "day", [("CONSULT", "2018-10-25", "day", 4.0), ("ACCUSE", "2018-W42", "week", -2.0)]),
        story("r3", "2018", "year", [("AGREE", "2018-05", "month", 2.5), ("SUPPORT", None, None, 5.0)]),
    ])
    with Store(db, read_only=True) as store:
        detail = relations.pair(store.con, "JPN", "CHN")
        old = next(e for e in detail["events"] if e["date"] == "2011")
        assert old["remembered"] and old["pull"] is None and old["period"] is None  # a year is in no month
        assert "1 remembered event shown, not fitted" in detail["pair"]["trend"]["why"]
        week = next(e for e in detail["events"] if e["date"] == "2018-W42")
        assert week["day"] == "2018-10-15" and not week["remembered"]
        undated = next(e for e in detail["events"] if e["type"] == "SUPPORT")  # its article says only "2018"
        assert (undated["when"], undated["when_precision"], undated["when_inferred"]) == ("2018", "year", True)
        assert undated["period"] is None  # a year is in no month of a by-month series
        months = [s["period"] for s in relations.series(store.con, "JPN", "CHN")]
        assert months == ["2018-05-01", "2018-09-01", "2018-10-01"]
        years = relations.pair(store.con, "JPN", "CHN", period="year")
        assert [e["period"] for e in years["events"] if e["remembered"]] == ["2011-01-01"]  # shown at its year
        assert years["pair"]["trend"]["label"] is None  # 2018 alone is one period: 2011 fits nothing


def test_series_per_period_and_partial_dates(con):
    months = relations.series(con, "USA", "PRK")
    assert [(s["period"], s["n"], s["score_mean"]) for s in months] == [("2017-08-01", 1, -3.5),
                                                                          ("2017-09-01", 1, -6.0)]
    weeks = relations.series(con, "JPN", "USA", period="week")
    assert [(s["period"], s["n"], s["n_unscored"]) for s in weeks] == [
        ("2017-03-06", 3, 0), ("2017-05-01", 1, 1), ("2017-05-15", 1, 0)]
    assert relations.series(con, "IND", "USA") == []


def test_filters_outlet_and_dates(con):
    harbor = by_pair(relations.pairs(con, outlet="Harbor Times"))
    assert set(harbor) == {("JPN", "USA"), ("CHN", "JPN")}
    assert harbor[("JPN", "USA")]["n"] == 2 and harbor[("JPN", "USA")]["score_mean"] == 3.75
    recent = by_pair(relations.pairs(con, since="2018"))
    assert set(recent) == {("CHN", "JPN")} and recent[("CHN", "JPN")]["n"] == 2
    spring = by_pair(relations.pairs(con, since="2017-05", until="2017-05"))
    assert spring[("JPN", "USA")]["n"] == 2 and spring[("JPN", "USA")]["n_unscored"] == 1
    with pytest.raises(UsageError, match="since '2017/05' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"):
        relations.pairs(con, since="2017/05")
    with pytest.raises(UsageError, match="period 'day' is not one of: week, month, year"):
        relations.pairs(con, period="day")


def test_person_level_pairs(con):
    got = by_pair(relations.pairs(con, level="actor"))
    trump_abe = got[("person:donald-trump", "person:shinzo-abe")]
    trump_moon = got[("person:donald-trump", "person:moon-jae-in")]
    assert (trump_abe["n"], trump_abe["score_mean"]) == (1, 2.5)
    assert (trump_moon["n"], trump_moon["score_mean"]) == (2, -0.25)
    abe_us = got[("USA", "person:shinzo-abe")]  # Abe backed Washington: no person named on the US side
    assert (abe_us["n"], abe_us["n_quotes"]) == (1, 1)
    assert ("JPN", "person:xi-jinping") not in got  # quotes alone do not make a pair in the list...
    only_quotes = relations.pair(con, "person:xi-jinping", "JPN", level="actor")  # ...but the pair view has them
    assert only_quotes["pair"]["n"] == 0 and only_quotes["pair"]["n_quotes"] == 1
    assert only_quotes["quotes"][0]["speaker_side"] == "person:xi-jinping"


def test_pair_detail_events_quotes_outlets_drivers(con):
    detail = relations.pair(con, "USA", "JPN")
    assert detail["pair"]["a"] == "JPN" and detail["pair"]["n"] == 5
    assert [e["type"] for e in detail["events"]] == ["CONSULT", "SUPPORT", "CONSULT", "COOPERATE", "THREATEN",
                                                     "REQUEST"]
    threat = next(e for e in detail["events"] if e["type"] == "THREATEN")
    assert threat["scored"] is False and threat["pull"] is None
    assert threat["evidence"]["text"] == "could threaten tariffs"
    assert [q["text"] for q in detail["quotes"]] == ["We stand with Washington on every step"]
    assert [(o["outlet"], o["n"], o["score_mean"]) for o in detail["by_outlet"]] == [
        ("Pacific Ledger", 3, 4.167), ("Harbor Times", 2, 3.75)]
    cn = relations.pair(con, "JPN", "CHN")
    drivers = {(d["article_id"], d["idx"]) for d in cn["pair"]["trend"]["drivers"]}
    assert drivers == {("a3", 0), ("a3", 1), ("a4", 0), ("a4", 1)}
    assert relations.pair(con, "USA", "RUS") is None
    with pytest.raises(UsageError, match="two different actors"):
        relations.pair(con, "USA", "USA")


def test_event_clusters_count_once(tmp_path):
    db = build_synthetic_store(tmp_path / "clustered.duckdb")
    with Store(db) as store:  # the two reports of the March summit are one event, in the merge's own tables
        store.con.execute(SCHEMA)
        store.con.execute("INSERT INTO event_mentions VALUES (1, 'a1', 0), (1, 'a2', 0)")
    with Store(db, read_only=True) as store:
        got = by_pair(relations.pairs(store.con))[("JPN", "USA")]
        assert (got["n"], got["score_sum"], got["score_mean"]) == (4, 17.5, 4.375)
        kept = [e for e in relations.pair(store.con, "USA", "JPN")["events"] if e["type"] == "CONSULT"]
        assert [(e["article_id"], e["idx"]) for e in kept] == [("a1", 0)]  # the more confident report
        outlets = {o["outlet"]: o["n"] for o in relations.by_outlet(store.con, "USA", "JPN")}
        assert outlets == {"Pacific Ledger": 3, "Harbor Times": 2}  # each outlet still shows its own report


def test_graph_nodes_and_edges(con):
    g = network.graph(con)
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["JPN"]["mentions"] == 14  # 8 Japan/Tokyo + 6 Abe: persons roll up to their state
    assert nodes["USA"]["name"] == "United States" and nodes["USA"]["kind"] == "state"
    edge = next(e for e in g["edges"] if {e["source"], e["target"]} == {"JPN", "USA"})
    assert (edge["weight"], edge["tone"], edge["label"]) == (5, 4.0, "cooperative")
    assert not any(i.startswith("person:") for i in nodes)  # at state level people count for their country
    quiet = network.graph(con, outlet="Harbor Times", since="2017-06")  # the prank story only: no events
    assert (quiet["edges"], [n["id"] for n in quiet["nodes"]]) == ([], ["JPN"])
    persons = network.graph(con, level="actor")
    assert any(e["source"] == "person:donald-trump" and e["target"] == "person:moon-jae-in"
               for e in persons["edges"])


# -- the seeds: relation signs as the articles tell them ---------------------------------------------------


@pytest.fixture(scope="module")
def seeds_con(tmp_path_factory):
    from detente.pipeline.ingest import ingest

    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found under {SEEDS}")
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    ingest([SEEDS], db)
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] > 0, "the seeds produced no events"
        yield store.con


def _mean(found: dict, a: str, b: str) -> float:
    key = tuple(sorted((a, b)))
    assert key in found, f"no events between {a} and {b} in the seeds"
    assert found[key]["score_mean"] is not None, f"no scored events between {a} and {b}"
    return found[key]["score_mean"]


def test_seed_relation_signs(seeds_con):
    states = by_pair(relations.pairs(seeds_con))
    assert _mean(states, "USA", "JPN") > 0
    assert _mean(states, "USA", "PRK") < 0
    assert _mean(states, "JPN", "PRK") < 0
    assert _mean(states, "USA", "CHN") < 0
    assert _mean(states, "JPN", "RUS") > 0
    assert _mean(states, "USA", "IND") > 0


def test_seed_japan_china_mixed_and_the_2014_chill_remembered(seeds_con):
    jc = by_pair(relations.pairs(seeds_con, period="year"))[("CHN", "JPN")]
    assert jc["coop"] > 0 and jc["conflict"] > 0, jc
    assert jc["first"] <= "2014-12-31" and jc["last"] >= "2018-01-01", jc
    # the 2014 meeting is recalled by a 2018 story: shown at its year, it does not make 2018 look warmer
    assert jc["trend"]["label"] is None and "remembered" in jc["trend"]["why"], jc


def test_seed_trump_moon_cooler_than_trump_abe(seeds_con):
    people = by_pair(relations.pairs(seeds_con, level="actor"))
    assert _mean(people, "person:donald-trump", "person:moon-jae-in") < _mean(
        people, "person:donald-trump", "person:shinzo-abe")


def test_a_real_ingest_counts_each_merged_event_once(seeds_con):
    """On the store the real ingest made, pairs count the merge's clusters, not every report of them."""
    base, params = aggregate.pair_events_sql(seeds_con)
    counted = seeds_con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    reports, merged = seeds_con.execute(
        "SELECT count(*), count(DISTINCT (least(e.source, e.target), greatest(e.source, e.target), m.cluster_id)) "
        "FROM events e JOIN event_mentions m ON m.article_id = e.article_id AND m.idx = e.idx "
        "WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND e.source <> e.target "
        "AND coalesce(e.context, '') NOT LIKE '%unofficial-%'").fetchone()  # a side without office: no state pair
    assert merged < reports, "the seeds should report at least one event twice"
    assert counted == merged


# -- the CLI (a real subprocess) ---------------------------------------------------------------------------


def _cli(*args: object) -> subprocess.CompletedProcess:
    # detente.cli.main() as the installed `detente` script runs it ("-m detente.cli" would register the
    # cli_*.py commands on a second copy of the module, not on the app that runs)
    return subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_cli_pairs_and_pair(tmp_path):
    db = build_synthetic_store(tmp_path / "cli.duckdb")
    listed = _cli("pairs", "--db", db)
    assert listed.returncode == 0, listed.stderr
    first = [line.split() for line in listed.stdout.splitlines() if line.strip().startswith(("JPN-USA", "CHN-JPN"))]
    assert first[0][:7] == ["JPN-USA", "5", "1", "4", "5", "0", "+4.00"]
    assert first[1][:9] == ["CHN-JPN", "4", "2", "2", "2", "2", "-0.12", "mixed", "warming"]
    as_json = json.loads(_cli("pairs", "--db", db, "--outlet", "Harbor Times", "--json").stdout)
    assert sorted((p["a"], p["b"], p["n"]) for p in as_json) == [("CHN", "JPN", 2), ("JPN", "USA", 2)]
    one = _cli("pair", "usa-jpn", "--db", db, "--period", "year")
    assert one.returncode == 0, one.stderr
    assert "Japan (JPN) – United States (USA)  5 events (1 JPN→USA, 4 USA→JPN)" in one.stdout
    assert "could threaten tariffs" in one.stdout and "[hypothetical]" in one.stdout
    people = json.loads(_cli("pair", "person:donald-trump-person:moon-jae-in", "--db", db, "--json").stdout)
    assert people["level"] == "actor" and people["pair"]["score_mean"] == -0.25


def test_cli_bad_input_says_what_to_do(tmp_path):
    db = build_synthetic_store(tmp_path / "cli.duckdb")
    bad = _cli("pairs", "--db", db, "--period", "day")
    assert bad.returncode == 2 and "error: period 'day' is not one of: week, month, year" in bad.stderr
    unknown = _cli("pair", "USA-XYZ", "--db", db)
    assert unknown.returncode == 2 and "no actor 'XYZ' in the store" in unknown.stderr
    nothing = _cli("pair", "PRK-CHN", "--db", db)
    assert nothing.returncode == 1 and "no events or quotes between PRK and CHN at state level" in nothing.stderr
    missing = _cli("pairs", "--db", tmp_path / "absent.duckdb")
    assert missing.returncode == 2 and "no such store" in missing.stderr
    assert "Traceback" not in bad.stderr + unknown.stderr + nothing.stderr + missing.stderr
