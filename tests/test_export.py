"""Exports of a real DuckDB store: per-table jsonl/csv/parquet, GraphML the way Gephi reads it, PLOVER JSONL."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest

from detente.errors import UsageError
from detente.store.db import Store
from detente.store.export import FORMATS, GRAPHML_NS, export
from synthetic_store import build_store

TABLES = ["actors", "articles", "events", "meta", "quotes", "skipped", "timexes"]
COUNTS = {"actors": 13, "articles": 3, "events": 6, "meta": 1, "quotes": 4, "skipped": 0, "timexes": 0}
NS = {"g": GRAPHML_NS}


@pytest.fixture()
def db(tmp_path):
    return build_store(tmp_path / "s.duckdb", derived=False)  # one record per event until a test merges them


def test_jsonl_one_file_per_table_plus_the_analysis_contract(db, tmp_path):
    paths = export(db, "jsonl", tmp_path / "out")
    assert [p.name for p in paths] == [f"{t}.jsonl" for t in TABLES] + ["analysis.jsonl"]
    for t in TABLES:
        lines = (tmp_path / "out" / f"{t}.jsonl").read_text().splitlines()
        assert len(lines) == COUNTS[t], t
    events = [json.loads(x) for x in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert {e["type"] for e in events} == {"COOPERATE", "SUPPORT", "AGREE", "CONSULT", "THREATEN", "ACCUSE"}
    analysis = [json.loads(x) for x in (tmp_path / "out" / "analysis.jsonl").read_text().splitlines()]
    assert [a["article"]["id"] for a in analysis] == ["a3", "a1", "a2"]  # oldest first
    assert set(analysis[0]) == {"article", "actors", "timexes", "quotes", "events"}


def test_csv_and_parquet_per_table(db, tmp_path):
    export(db, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "quotes.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["speaker_name"] for r in rows] == ["Stephen Nagy", "Stephen Nagy", "Maria Nagy", "Shinzo Abe"]
    assert rows[0]["anonymous"] == "false" and rows[0]["idx"] == "0"
    paths = export(db, "parquet", tmp_path / "pq")
    assert [p.name for p in paths] == [f"{t}.parquet" for t in TABLES]
    for t in TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{t}.parquet").num_rows == COUNTS[t], t
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    consult = next(e for e in events if e["type"] == "CONSULT")
    assert consult["source_actors"] == ["person:donald-trump"] and consult["score"] == 2.5


def _graph(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph.get("edgedefault") == "undirected"

    def data(el):
        out = {}
        for d in el.findall("g:data", NS):
            kind, name, type_ = keys[d.get("key")]  # every <data> refers to a declared <key>
            assert kind == el.tag.split("}")[1]
            out[name] = {"int": int, "double": float, "string": str}[type_](d.text)
        return out

    nodes = {n.get("id"): data(n) for n in graph.findall("g:node", NS)}
    edges = {(e.get("source"), e.get("target")): data(e) for e in graph.findall("g:edge", NS)}
    assert all(a in nodes and b in nodes for a, b in edges)  # no dangling edge
    return nodes, edges


def test_graphml_actor_and_state_networks(db, tmp_path):
    paths = export(db, "graphml", tmp_path / "g")
    assert [p.name for p in paths] == ["network.graphml", "network_states.graphml"]
    nodes, edges = _graph(paths[0])
    assert nodes["person:stephen-nagy"] == {"label": "Stephen Nagy", "kind": "person", "country": "JPN",
                                            "mentions": 2, "articles": 2, "events": 0}
    assert edges[("person:donald-trump", "person:shinzo-abe")] == {
        "weight": 1.0, "events": 1, "unscored": 0, "tone_mean": 2.5, "tone": "cooperative", "quotes": 0}
    assert edges[("JPN", "PRK")]["tone"] == "hostile" and edges[("JPN", "PRK")]["events"] == 2
    state_nodes, state_edges = _graph(paths[1])
    assert sorted(state_edges) == [("CHN", "JPN"), ("JPN", "PRK"), ("JPN", "USA")]
    assert state_edges[("JPN", "USA")]["events"] == 3
    assert state_edges[("JPN", "USA")]["tone_mean"] == pytest.approx((6.0 + 3.0 + 2.5) / 3, abs=1e-3)
    assert state_nodes["JPN"]["label"] == "Japan"


def test_plover_records_per_event(db, tmp_path):
    (path,) = export(db, "plover", tmp_path / "p")
    records = [json.loads(x) for x in path.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a3-0", "a3-1", "a3-2", "a1-0", "a1-1", "a2-0"]
    first = records[0]
    assert first == {
        "id": "a3-0", "date": "2016-11-17", "date_precision": "day", "actor": "USA", "recipient": "JPN",
        "event": "CONSULT", "mode": "visit", "context": None,
        "text": "Donald Trump met Japanese Prime Minister Shinzo Abe",
        "text_info": {"article_id": "a3", "source": "a3.txt", "outlet": "Reuters",
                      "title": "Trump and Abe meet in New York", "published": "2016-11-18",
                      "offsets": {"start": first["text_info"]["offsets"]["start"],
                                  "end": first["text_info"]["offsets"]["start"] + len(first["text"])}},
        "source_actors": ["person:donald-trump"], "target_actors": ["person:shinzo-abe"], "status": "occurred",
        "score": 2.5, "confidence": 0.8, "language": "en"}
    with Store(db, read_only=True) as store:  # the offsets locate the evidence in the stored text
        (text,) = store.con.execute("SELECT text FROM articles WHERE id = 'a3'").fetchone()
    off = first["text_info"]["offsets"]
    assert text[off["start"]:off["end"]] == first["text"]


def test_plover_one_record_per_cluster(db, tmp_path):
    from detente.store.merge import SCHEMA

    with Store(db) as store:  # the layout detente.merge materialises
        store.con.execute(SCHEMA)
        store.con.execute("INSERT INTO event_clusters VALUES (7, 'CONSULT', 'visit', 'USA', 'JPN', '2016-11-17', "
                          "'day', 'occurred', 2.5, 2, 'a3'), (8, 'AGREE', NULL, 'CHN', 'JPN', '2018-05-01', 'day', "
                          "'occurred', 2.5, 1, 'a2')")
        store.con.execute("INSERT INTO event_mentions VALUES (7, 'a3', 0), (7, 'a1', 1), (8, 'a2', 0)")
    records = [json.loads(x) for x in export(db, "plover", tmp_path / "p")[0].read_text().splitlines()]
    assert [(r["id"], r["mentions"]) for r in records] == [
        ("cluster-7", ["a3-0", "a1-1"]), ("a3-1", ["a3-1"]), ("a3-2", ["a3-2"]), ("a1-0", ["a1-0"]),
        ("cluster-8", ["a2-0"])]
    first = records[0]
    assert (first["event"], first["actor"], first["recipient"], first["date"]) == ("CONSULT", "USA", "JPN",
                                                                                   "2016-11-17")
    assert first["source_actors"] == ["person:donald-trump", "person:shinzo-abe"]
    assert first["text_info"]["article_id"] == "a3"  # the earliest report stands for the cluster


def test_plover_after_a_real_merge(db, tmp_path):
    from detente.store.merged_tables import materialize

    with Store(db) as store:
        n = materialize(store.con)
    records = [json.loads(x) for x in export(db, "plover", tmp_path / "p")[0].read_text().splitlines()]
    assert len(records) == n
    assert sorted(m for r in records for m in r["mentions"]) == sorted(
        ["a1-0", "a1-1", "a2-0", "a3-0", "a3-1", "a3-2"])  # every event reported exactly once


def test_bad_format_and_unwritable_directory(db, tmp_path):
    with pytest.raises(UsageError) as exc:
        export(db, "xml", tmp_path / "x")
    assert str(exc.value) == f"unknown export format 'xml'; choose one of {', '.join(FORMATS)}"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(UsageError) as exc:
        export(db, "csv", blocker / "sub")
    assert str(exc.value) == f"cannot write to {blocker / 'sub'} (Not a directory); choose a writable directory " \
                             "with --out"
