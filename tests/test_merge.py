"""Cross-article event merge: clustering rules on hand-made rows, the materialised tables, and the
`detente events` command over a store built from the seed articles."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from conftest import seed
from detente.store.db import Store
from detente.store.merge import list_merged_events, merge_events
from detente.store.merged_tables import materialize
from detente.types import Result


def row(article: str, idx: int, kind: str, source: str | None, target: str | None, date: str | None,
        precision: str | None = "day", status: str = "occurred", context: str | None = None, mode: str | None = None,
        span: tuple[int, int] = (0, 50), published: str = "2017-09-04") -> dict:
    return {"article_id": article, "idx": idx, "type": kind, "mode": mode, "source": source, "target": target,
            "source_actors": [], "target_actors": [], "date": date, "date_precision": precision if date else None,
            "status": status, "score": None, "confidence": 0.7, "context": context, "ev_start": span[0],
            "ev_end": span[1], "ev_text": f"evidence {article}/{idx}", "published": published}


def sizes(clusters: list[dict]) -> list[int]:
    return sorted(c["n_mentions"] for c in clusters)


def test_same_call_in_two_articles_is_one_event_in_either_order():
    clusters = merge_events([row("a", 0, "CONSULT", "USA", "JPN", "2017-09-03", mode="phone"),
                             row("b", 3, "CONSULT", "JPN", "USA", "2017-09-04", mode="phone", published="2017-09-05")])
    assert len(clusters) == 1
    (c,) = clusters
    assert c["n_mentions"] == 2 and c["mentions"] == [("a", 0), ("b", 3)] and c["first_article"] == "a"
    assert c["mode"] == "phone" and c["date"] == "2017-09-03"


def test_days_apart_are_different_events():
    assert sizes(merge_events([row("a", 0, "CONSULT", "USA", "JPN", "2017-09-03"),
                               row("b", 0, "CONSULT", "USA", "JPN", "2017-09-06")])) == [1, 1]


def test_directed_acts_keep_their_direction():
    assert sizes(merge_events([row("a", 0, "ACCUSE", "USA", "CHN", "2018-04-02"),
                               row("b", 0, "ACCUSE", "CHN", "USA", "2018-04-02")])) == [1, 1]


def test_coarse_dates_join_one_precise_event_without_chaining_two():
    rows = [row("a", 0, "MOBILIZE", "PRK", None, "2017-09-03"), row("b", 0, "MOBILIZE", "PRK", None, "2017-09-20"),
            row("c", 0, "MOBILIZE", "PRK", None, "2017-09", "month"), row("d", 0, "MOBILIZE", "PRK", None, "2017-08",
                                                                           "month")]
    clusters = merge_events(rows)
    assert sizes(clusters) == [1, 1, 2]
    assert not any({m[0] for m in c["mentions"]} >= {"a", "b"} for c in clusters)


def test_week_overlapping_a_month_merges():
    clusters = merge_events([row("a", 0, "MOBILIZE", "PRK", "JPN", "2017-W35", "week"),
                             row("b", 1, "MOBILIZE", "PRK", "JPN", "2017-08-29")])
    assert sizes(clusters) == [2] and clusters[0]["date"] == "2017-08-29"


def test_undated_mentions_merge_only_inside_their_article_on_overlapping_evidence():
    rows = [row("a", 0, "SANCTION", "USA", "CHN", "2018-10", "month", span=(100, 200)),
            row("a", 1, "SANCTION", "USA", "CHN", None, span=(150, 260)),
            row("a", 2, "SANCTION", "USA", "CHN", None, span=(900, 990)),
            row("b", 0, "SANCTION", "USA", "CHN", None, span=(100, 200))]
    clusters = merge_events(rows)
    assert sizes(clusters) == [1, 1, 2]
    assert [("a", 0), ("a", 1)] in [c["mentions"] for c in clusters]


def test_announced_then_made_is_one_event_but_cancelled_is_not():
    clusters = merge_events([row("a", 0, "CONSULT", "USA", "JPN", "2017-11-05", status="planned"),
                             row("b", 0, "CONSULT", "USA", "JPN", "2017-11-05"),
                             row("c", 0, "CONSULT", "USA", "JPN", "2017-11-05", status="negated")])
    assert sizes(clusters) == [1, 2]
    assert {c["status"] for c in clusters} == {"occurred", "negated"}


def test_drill_reported_as_cooperation_or_mobilization_is_one_event():
    clusters = merge_events([row("a", 0, "COOPERATE", "JPN", "USA", "2017-04-25", mode="military"),
                             row("b", 0, "MOBILIZE", "USA", "JPN", "2017-04-25", mode="exercise",
                                 context="military,symmetric")])
    assert sizes(clusters) == [2]


def seed_results() -> list[Result]:
    from detente.read import read_path
    from test_events import SEED_PUBLISHED, analyse

    out = []
    for n, published in SEED_PUBLISHED.items():
        (article,) = list(read_path(seed(n)))
        doc, events = analyse(replace(article, published=published))
        out.append(Result(meta=doc.meta, text=doc.text, events=events))  # type: ignore[attr-defined]
    return out


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("events") / "seeds.duckdb")
    with Store(path) as store:
        store.write(seed_results())
        materialize(store.con)
    return path


def test_materialize_links_every_mention_and_is_idempotent(seed_store):
    with Store(seed_store) as store:
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        first = materialize(store.con)
        assert materialize(store.con) == first
        assert store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == n_events
        assert store.con.execute("SELECT sum(n_mentions) FROM event_clusters").fetchone()[0] == n_events
        assert first <= n_events


@pytest.mark.parametrize("chunk_rows", [1, 7, 100_000])
def test_materialize_in_chunks_builds_what_merging_every_row_at_once_gives(seed_store, chunk_rows):
    from detente.store.merge import CLUSTER_COLUMNS, MERGE_COLUMNS, event_rows

    with Store(seed_store) as store:
        want = merge_events(event_rows(store.con, MERGE_COLUMNS))
        assert materialize(store.con, chunk_rows=chunk_rows) == len(want)
        got = store.query("SELECT * FROM event_clusters ORDER BY cluster_id")
        links = store.con.execute("SELECT cluster_id, article_id, idx FROM event_mentions").fetchall()
    assert got == [{k: c[k] for k in CLUSTER_COLUMNS} for c in want]
    assert links == [(c["cluster_id"], a, i) for c in want for a, i in c["mentions"]]  # in member order


def test_list_merged_events_filters(seed_store):
    with Store(seed_store, read_only=True) as store:
        both = list_merged_events(store.con, pair=("JPN", "USA"))
        assert both and all({c["source"], c["target"]} == {"USA", "JPN"} for c in both)
        assert list_merged_events(store.con, pair=("USA", "JPN")) == both
        visits = list_merged_events(store.con, pair=("USA", "JPN"), kind="CONSULT", status="planned", since="2017-11")
        assert ("visit", "2017-11-05", "USA", "JPN") in {(c["mode"], c["date"], c["source"], c["target"])
                                                         for c in visits}
        assert all(c["date"] >= "2017-11" for c in visits)
        assert all(c["evidence"] and c["mentions"] for c in both)


def test_events_command_lists_a_pair_from_the_store(seed_store):
    from detente.cli import app
    result = CliRunner().invoke(app, ["events", "--db", seed_store, "--pair", "USA-JPN", "--json"])
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = {(c["type"], c["status"], (c["date"] or "")[:7]) for c in listed}
    assert ("CONSULT", "planned", "2017-11") in kinds and ("ACCUSE", "occurred", "2018-04") in kinds
    table = CliRunner().invoke(app, ["events", "--db", seed_store, "--pair", "JPN-USA", "--type", "sanction"])
    assert table.exit_code == 0 and "SANCTION" in table.stdout


@pytest.mark.parametrize("args,message", [
    (["--pair", "USAJPN"], "error: pair 'USAJPN' is not two actor ids joined by '-' or ',' (e.g. USA-JPN)"),
    (["--pair", "USA-XYZ"], "error: pair 'USA-XYZ': no actor 'XYZ' in the store; list the ids with 'detente actors'"),
    (["--type", "HUG"], "error: type 'HUG' is not a PLOVER event type; use one of AGREE, CONSULT, SUPPORT, CONCEDE, "
                        "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, "
                        "COERCE, ASSAULT"),
    (["--since", "Sept 2017"], "error: since 'Sept 2017' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--status", "rumoured"], "error: status 'rumoured' is not one of: occurred, planned, negated, hypothetical"),
    (["--limit", "0"], "error: limit must be at least 1"),
])
def test_events_command_rejects_bad_options(seed_store, args, message):
    from detente.cli import app
    result = CliRunner().invoke(app, ["events", "--db", seed_store, *args])
    assert result.exit_code == 2 and " ".join(result.output.split()) == message


def test_events_command_names_a_missing_store(tmp_path):
    from detente.cli import app
    missing = str(tmp_path / "none.duckdb")
    result = CliRunner().invoke(app, ["events", "--db", missing])
    assert result.exit_code == 2 and "no such store" in result.output


def test_a_store_without_cluster_tables_is_merged_on_the_fly(seed_store, tmp_path):
    fresh = str(tmp_path / "plain.duckdb")
    with Store(fresh) as store:
        store.write(seed_results())
    with Store(fresh, read_only=True) as plain, Store(seed_store, read_only=True) as built:
        def keys(con):
            return [(c["type"], c["source"], c["target"], c["date"], c["n_mentions"]) for c in list_merged_events(con)]

        assert keys(plain.con) == keys(built.con)
