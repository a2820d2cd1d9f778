"""Exports of a store: per-table jsonl / csv / parquet, the actor network as GraphML, events as PLOVER JSONL.

Files written into ``out_dir``:
    jsonl     <table>.jsonl for every table, plus analysis.jsonl (one `detente analyze --json` object per article)
    csv       <table>.csv for every table (lists and JSON as text)
    parquet   <table>.parquet for every table (DuckDB COPY; offline)
    graphml   network.graphml (people and states: Trump-Abe as its own pair) and network_states.graphml (all
              rolled up to states): the web UI's graph (detente.store.network.graph) with every actor kept.
              Nodes: label, kind, country, mentions, articles, events. Undirected edges: weight = events
              (scored), unscored (negated/hypothetical), tone_mean (mean PLOVER score), tone, trend, quotes.
    plover    events.plover.jsonl: PLOVER records (id, date, actor, recipient, event, mode, context, text,
              text_info, source_actors, target_actors, status, score, ...). When the store has the merged
              events of detente.store.merge (event_clusters + event_mentions), one record per cluster listing its
              mentions, with the earliest report's text; else one record per event row.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import UsageError
from detente.store.db import Store, rows, table_names
from detente.store.network import graph
from detente.store.people import list_actors

FORMATS = ("jsonl", "csv", "parquet", "graphml", "plover")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("label", "string"), ("kind", "string"), ("country", "string"), ("mentions", "int"),
             ("articles", "int"), ("events", "int"))
EDGE_KEYS = (("weight", "double"), ("events", "int"), ("unscored", "int"), ("tone_mean", "double"),
             ("tone", "string"), ("trend", "string"), ("quotes", "int"))
GRAPH_LIMIT = 1_000_000  # the UI trims its graph to the busiest nodes; an export keeps them all


def export(db_path: str | Path, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write the export files for ``fmt`` into ``out_dir`` (created if missing); returns their paths."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = _writable_dir(Path(out_dir))
    with Store(db_path, read_only=True) as store:
        con = store.con
        if fmt in ("jsonl", "csv", "parquet"):
            return _tables(con, fmt, out)
        if fmt == "graphml":
            return [write_graphml(con, out / "network.graphml", "actor"),
                    write_graphml(con, out / "network_states.graphml", "state")]
        return [write_plover(con, out / "events.plover.jsonl")]


def _writable_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".detente-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to {path} ({exc.strerror or exc}); choose a writable directory with --out") \
            from exc
    return path


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _tables(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    options = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET"}[fmt]
    written = []
    for table in table_names(con):
        path = out / f"{table}.{fmt}"
        con.execute(f'COPY (SELECT * FROM "{table}") TO {_quote_path(path)} ({options})')
        written.append(path)
    if fmt == "jsonl":
        path = out / "analysis.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for (result,) in con.execute("SELECT result FROM articles ORDER BY published NULLS LAST, id").fetchall():
                fh.write(json.dumps(json.loads(result), ensure_ascii=False) + "\n")
        written.append(path)
    return written


# -- GraphML ------------------------------------------------------------------------------------------

def network(con: duckdb.DuckDBPyConnection, level: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges as the web UI's graph has them (detente.store.network.graph), every actor kept."""
    g = graph(con, level=level, limit=GRAPH_LIMIT, isolated=True)
    country = {a["id"]: a["country"] for a in list_actors(con)}
    nodes = [{"id": n["id"], "label": n["name"], "kind": n["kind"], "country": country.get(n["id"]),
              "mentions": n["mentions"], "articles": n["articles"], "events": n["events"]} for n in g["nodes"]]
    edges = [{"source": e["source"], "target": e["target"], "weight": float(e["weight"]), "events": e["weight"],
              "unscored": e["n_unscored"], "tone_mean": e["tone"], "tone": e["label"], "trend": e["trend"],
              "quotes": e["n_quotes"]} for e in g["edges"]]
    return nodes, edges


def write_graphml(con: duckdb.DuckDBPyConnection, path: Path, level: str) -> Path:
    nodes, edges = network(con, level)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for target, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"{target[0]}_{name}", "for": target,
                                                        "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": f"detente-{level}", "edgedefault": "undirected"})
    for n in nodes:
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": n["id"]})
        _data(el, "n", NODE_KEYS, n)
    for k, e in enumerate(edges):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", {"id": f"e{k}", "source": e["source"],
                                                           "target": e["target"]})
        _data(el, "e", EDGE_KEYS, e)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def _data(el: ET.Element, prefix: str, keys: tuple[tuple[str, str], ...], values: dict[str, Any]) -> None:
    for name, _ in keys:
        if values.get(name) is not None:  # GraphML: a missing <data> means "unknown", not empty
            ET.SubElement(el, f"{{{GRAPHML_NS}}}data", {"key": f"{prefix}_{name}"}).text = str(values[name])


# -- PLOVER -------------------------------------------------------------------------------------------

def _event_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, """
      SELECT e.*, a.source AS article_source, a.outlet, a.title, a.published
      FROM events e LEFT JOIN articles a ON a.id = e.article_id
      ORDER BY a.published NULLS LAST, e.article_id, e.idx""")


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """One event row as a PLOVER record; the evidence span locates it in its article."""
    return {
        "id": f"{e['article_id']}-{e['idx']}",
        "date": e["date"] or e["published"],
        "date_precision": e["date_precision"] if e["date"] else "article",
        "actor": e["source"],
        "recipient": e["target"],
        "event": e["type"],
        "mode": e["mode"],
        "context": e["context"],
        "text": e["ev_text"],
        "text_info": {"article_id": e["article_id"], "source": e["article_source"], "outlet": e["outlet"],
                      "title": e["title"], "published": e["published"],
                      "offsets": {"start": e["ev_start"], "end": e["ev_end"]}},
        "source_actors": list(e["source_actors"] or []),
        "target_actors": list(e["target_actors"] or []),
        "status": e["status"],
        "score": e["score"],
        "confidence": e["confidence"],
        "language": "en",
    }


def plover_records(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    events = _event_rows(con)
    tables = set(table_names(con))
    if not {"event_clusters", "event_mentions"} <= tables:
        return [plover_record(e) for e in events]
    clusters = {str(r["cluster_id"]): r for r in rows(con, "SELECT * FROM event_clusters")}
    cluster_of = {(aid, idx): str(cid) for cid, aid, idx in
                  con.execute("SELECT cluster_id, article_id, idx FROM event_mentions").fetchall()}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    order: list[str | dict[str, Any]] = []  # cluster ids and lone events, in first-report order
    for e in events:
        cid = cluster_of.get((e["article_id"], e["idx"]))
        if cid is None or cid not in clusters:  # an event the merge did not place stands alone
            order.append(e)
            continue
        if cid not in members:
            order.append(cid)
        members[cid].append(e)
    out = []
    for item in order:
        if isinstance(item, dict):
            out.append({**plover_record(item), "mentions": [f"{item['article_id']}-{item['idx']}"]})
            continue
        group, c = members[item], clusters[item]
        rec = plover_record(group[0])  # the earliest report carries the text and its offsets
        rec.update({"id": f"cluster-{item}", "date": c.get("date") or rec["date"],
                    "date_precision": c.get("date_precision") or rec["date_precision"],
                    "actor": c.get("source"), "recipient": c.get("target"), "event": c.get("type"),
                    "mode": c.get("mode"), "status": c.get("status"), "score": c.get("score"),
                    "source_actors": sorted({a for e in group for a in e["source_actors"] or []}),
                    "target_actors": sorted({a for e in group for a in e["target_actors"] or []}),
                    "mentions": [f"{e['article_id']}-{e['idx']}" for e in group]})
        out.append(rec)
    return out


def write_plover(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in plover_records(con):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
