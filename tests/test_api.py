"""The REST API over a real uvicorn server on loopback, queried with httpx.

Two stores: the hand-written synthetic one (exact numbers, see test_aggregate.py) and one ingested from the
bundled samples + the seeds + an article full of markup (end to end). ``running_server`` and
``ingested_store`` are shared with test_ui.py.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, SEEDS
from detente.api.app import create_app
from detente.errors import DataError, InputError, StoreError, UsageError
from test_aggregate import XSS_TEXT, build_synthetic_store

_INGESTED: dict[str, Path] = {}


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """A real uvicorn server for the store on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def ingested_store(root: Path) -> Path:
    """samples/ + seeds + a prank article with markup in it, ingested once per test session."""
    from detente.pipeline.ingest import ingest

    if "db" not in _INGESTED:
        extra = root / "extra"
        extra.mkdir(parents=True, exist_ok=True)
        (extra / "prank.txt").write_text(f"Markup in a wire story\n\n{XSS_TEXT}\n", encoding="utf-8")
        db = root / "demo.duckdb"
        inputs = [ROOT / "samples", extra] + ([SEEDS] if SEEDS.is_dir() else [])
        ingest(inputs, db)
        _INGESTED["db"] = db
    return _INGESTED["db"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Iterator[httpx.Client]:
    db = build_synthetic_store(tmp_path_factory.mktemp("api") / "synthetic.duckdb")
    with running_server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[httpx.Client]:
    db = ingested_store(tmp_path_factory.getbasetemp() / "ingested")
    with running_server(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    return body["error"]["message"]


# -- one error shape ---------------------------------------------------------------------------------------


def test_error_shape_404_and_422(synthetic):
    assert error_of(synthetic.get("/api/articles/nope"), 404) == "no article with id 'nope'; list them at /api/articles"
    assert error_of(synthetic.get("/api/pairs", params={"period": "day"}), 422) == (
        "invalid request: query.period: Input should be 'week', 'month' or 'year'")
    assert error_of(synthetic.get("/api/events", params={"since": "2017/01"}), 422) == (
        "invalid request: query.since: '2017/01' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    assert error_of(synthetic.get("/api/events", params={"limit": 0}), 422).startswith("invalid request: query.limit:")
    assert error_of(synthetic.get("/api/events", params={"until": "2017-02-30"}), 422) == (
        "until '2017-02-30' is not a calendar date")
    assert error_of(synthetic.get("/api/events", params={"type": "HUG"}), 422).startswith(
        "type 'HUG' is not a PLOVER event type")
    assert error_of(synthetic.get("/api/no/such/thing"), 404) == "no such path"
    assert error_of(synthetic.get("/api/actors/nobody"), 404).startswith("no actor 'nobody' in the store")
    assert error_of(synthetic.get("/api/pairs/USA/RUS"), 404).startswith("no actor 'RUS' in the store")
    assert error_of(synthetic.get("/api/pairs/USA/USA"), 422) == "a pair needs two different actors; got 'USA' twice"
    assert error_of(synthetic.get("/api/events", params={"pair": "USA-MARS"}), 422) == (
        "pair 'USA-MARS': no actor 'MARS' in the store; list the ids with 'detente actors'")
    assert error_of(synthetic.get("/api/events", params={"pair": "USA"}), 422) == (
        "pair 'USA' is not two actor ids joined by '-' or ',' (e.g. USA-JPN)")


@pytest.mark.parametrize(("kind", "status"), [(UsageError, 422), (InputError, 422), (StoreError, 503),
                                              (DataError, 500)])
def test_each_library_error_has_its_status(tmp_path_factory, monkeypatch, kind, status):
    from fastapi.testclient import TestClient

    from detente.store import articles

    def broken(_con):
        raise kind("the message [as written]")

    monkeypatch.setattr(articles, "outlets", broken)
    db = build_synthetic_store(tmp_path_factory.mktemp("errors") / "s.duckdb")
    with TestClient(create_app(str(db))) as client:
        assert error_of(client.get("/api/outlets"), status) == "the message [as written]"


def test_read_only(synthetic):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert error_of(synthetic.request(method, "/api/articles"), 405) == "Method Not Allowed"


def test_no_path_traversal(synthetic):
    for path in ("/static/../api.py", "/static/..%2f..%2fapi.py", "/static/%2e%2e/api.py", "/static/../../store.py",
                 "/static//etc/passwd", "/static/..%5capi.py"):
        response = synthetic.get(path)
        assert response.status_code == 404, path
        assert "def create_app" not in response.text and "root:" not in response.text


# -- articles --------------------------------------------------------------------------------------------


def test_articles_list_and_filters(synthetic):
    body = synthetic.get("/api/articles").json()
    assert body["total"] == 8 and body["items"][0]["id"] == "a3"  # oldest first, undated last
    assert body["items"][-1]["id"] == "a6"
    harbor = synthetic.get("/api/articles", params={"outlet": "Harbor Times", "since": "2017"}).json()
    assert [a["id"] for a in harbor["items"]] == ["a1", "xss"]
    abe = synthetic.get("/api/articles", params={"actor": "Shinzo Abe"}).json()
    assert [a["id"] for a in abe["items"]] == ["a3", "a1", "a4"]
    page = synthetic.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 8 and len(page["items"]) == 2


def test_article_detail_spans_point_into_the_text(synthetic):
    body = synthetic.get("/api/articles/a1").json()
    text = body["text"]
    assert body["article"]["outlet"] == "Harbor Times"
    kinds = {}
    for h in body["highlights"]:
        kinds[h["kind"]] = kinds.get(h["kind"], 0) + 1
        assert 0 <= h["start"] < h["end"] <= len(text)
    assert kinds == {"actor": 7, "quote": 1, "event": 2}
    abe = [text[h["start"]:h["end"]] for h in body["highlights"] if h["ref"] == "person:shinzo-abe"]
    assert abe == ["Abe", "Abe", "Abe"]
    events = [text[h["start"]:h["end"]] for h in body["highlights"] if h["kind"] == "event"]
    assert events == ["Trump hosted Abe", "Abe offered firm backing"]


# -- actors ----------------------------------------------------------------------------------------------


def test_actors_list_and_detail(synthetic):
    people = synthetic.get("/api/actors", params={"kind": "person"}).json()
    assert [a["id"] for a in people["items"]][:1] == ["person:shinzo-abe"]
    abe = synthetic.get("/api/actors/person:shinzo-abe").json()
    assert abe["name"] == "Shinzo Abe" and abe["level"] == "actor"
    assert [q["text"] for q in abe["quotes"]] == ["We stand with Washington on every step"]
    partners = {(p["a"], p["b"]) for p in abe["partners"]}
    assert ("person:donald-trump", "person:shinzo-abe") in partners and ("USA", "person:shinzo-abe") in partners
    japan = synthetic.get("/api/actors/jpn").json()  # ids are case-insensitive
    assert japan["id"] == "JPN" and japan["level"] == "state"
    assert {(p["a"], p["b"]): p["n"] for p in japan["partners"]} == {("JPN", "USA"): 5, ("CHN", "JPN"): 4,
                                                                      ("JPN", "PRK"): 1}
    assert len(japan["events"]) == 11


# -- events, pairs, graph --------------------------------------------------------------------------------


def test_events_filters(synthetic):
    def ids(**params):
        return [(e["article_id"], e["idx"]) for e in synthetic.get("/api/events", params=params).json()["items"]]

    assert len(ids()) == 16
    assert ids(pair="JPN-USA") == ids(pair="usa,jpn") == [("a1", 0), ("a1", 1), ("a2", 0), ("a2", 1), ("a2", 3),
                                                            ("a2", 2)]
    assert ids(pair="person:donald-trump-person:moon-jae-in") == [("a7", 0), ("a7", 1)]
    assert ids(type="consult", outlet="Harbor Times") == [("a1", 0)]
    assert ids(status="hypothetical") == [("a2", 3)]
    assert ids(since="2018") == [("a4", 0), ("a4", 1)]
    assert ids(actor="PRK", until="2017-08") == [("a5", 0), ("a5", 1)]
    first = synthetic.get("/api/events", params={"pair": "USA-JPN", "limit": 1}).json()
    assert first["total"] == 6
    assert first["items"][0]["evidence"] == {"start": 0, "end": 16, "text": "Trump hosted Abe"}


def test_pairs_list(synthetic):
    body = synthetic.get("/api/pairs").json()
    got = {(p["a"], p["b"]): p for p in body["items"]}
    assert body["total"] == 6 and body["period"] == "month"
    assert (got[("JPN", "USA")]["n"], got[("JPN", "USA")]["score_mean"], got[("JPN", "USA")]["tone"]) == (
        5, 4.0, "cooperative")
    assert got[("CHN", "JPN")]["trend"]["label"] == "warming"
    harbor = synthetic.get("/api/pairs", params={"outlet": "Harbor Times"}).json()
    assert {(p["a"], p["b"]) for p in harbor["items"]} == {("JPN", "USA"), ("CHN", "JPN")}
    people = synthetic.get("/api/pairs", params={"level": "actor", "actor": "Donald Trump"}).json()
    assert {(p["a"], p["b"]) for p in people["items"]} == {("person:donald-trump", "person:moon-jae-in"),
                                                          ("person:donald-trump", "person:shinzo-abe")}


def test_pair_detail(synthetic):
    body = synthetic.get("/api/pairs/usa/jpn", params={"period": "week"}).json()
    assert body["pair"]["a"] == "JPN" and body["level"] == "state" and body["period"] == "week"
    assert [s["period"] for s in body["series"]] == ["2017-03-06", "2017-05-01", "2017-05-15"]
    assert len(body["events"]) == 6 and [q["speaker_id"] for q in body["quotes"]] == ["person:shinzo-abe"]
    assert [o["outlet"] for o in body["by_outlet"]] == ["Pacific Ledger", "Harbor Times"]
    people = synthetic.get("/api/pairs/person:donald-trump/person:moon-jae-in").json()
    assert people["level"] == "actor" and people["pair"]["score_mean"] == -0.25
    assert error_of(synthetic.get("/api/pairs/PRK/CHN"), 404) == (
        "no events or quotes between PRK and CHN at state level")


def test_graph(synthetic):
    body = synthetic.get("/api/graph").json()
    nodes = {n["id"]: n for n in body["nodes"]}
    assert {"USA", "JPN", "CHN", "PRK", "KOR", "IND"} <= set(nodes)
    assert nodes["KOR"]["name"] == "South Korea"  # no article row names it: the knowledge base does
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("PRK", "USA")]["tone"] == -4.75 and edges[("PRK", "USA")]["weight"] == 2
    assert len(synthetic.get("/api/graph", params={"limit": 2}).json()["nodes"]) == 2


# -- quotes and search -----------------------------------------------------------------------------------


def test_quotes_filters(synthetic):
    def texts(**params):
        return [q["text"] for q in synthetic.get("/api/quotes", params=params).json()["items"]]

    assert texts() == ["Tokyo must face the past", "We stand with Washington on every step"]
    assert texts(speaker="person:xi-jinping") == ["Tokyo must face the past"]
    assert texts(about="USA") == ["We stand with Washington on every step"]
    assert texts(q="PAST") == ["Tokyo must face the past"]
    assert error_of(synthetic.get("/api/quotes", params={"speaker": "person:nobody"}), 404).startswith(
        "no actor 'person:nobody'")


def test_search(synthetic):
    body = synthetic.get("/api/search", params={"q": "Washington"}).json()
    assert body["engine"] in ("fts5", "substring") and body["total"] >= 2
    assert {h["article_id"] for h in body["items"]} >= {"a1", "a2"}
    quotes = synthetic.get("/api/search", params={"q": "Washington", "kind": "quote"}).json()
    assert [(h["article_id"], h["idx"]) for h in quotes["items"]] == [("a1", 0)]
    assert error_of(synthetic.get("/api/search"), 422) == "invalid request: query.q: Field required"


# -- the UI is served by the same process, with no CDN -------------------------------------------------------


def test_index_and_static_files_are_local(synthetic):
    page = synthetic.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith(("/static/", "#", "/docs", "data:")) for s in sources), sources
    for src in (s for s in sources if s.startswith("/static/")):
        got = synthetic.get(src)
        assert got.status_code == 200 and len(got.content) > 100, src
    assert "/static/vendor/graphology.umd.min.js" in sources and "/static/vendor/plot.umd.min.js" in sources
    assert synthetic.get("/static/vendor/sigma.min.js").status_code == 200  # loaded by js/network.js
    docs = synthetic.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "cdn." not in docs.text and "https://" not in re.sub(r"https://swagger\.io[^\"']*", "", docs.text)
    assert synthetic.get("/openapi.json").json()["info"]["title"] == "detente"


# -- end to end over the ingested samples + seeds --------------------------------------------------------------


def test_demo_store_end_to_end(demo):
    stats = demo.get("/api/stats").json()
    n_seeds = len(list(SEEDS.glob("*.txt"))) if SEEDS.is_dir() else 0
    assert stats["articles"] == 17 + 1 + n_seeds
    listed = demo.get("/api/articles", params={"limit": 1000}).json()["items"]
    prank = next(a for a in listed if a["source"].endswith("prank.txt"))
    body = demo.get(f"/api/articles/{prank['id']}").json()
    assert "<script>window.__xss = 1</script>" in body["text"]  # data comes back as data; the UI escapes it
    assert demo.get("/api/graph").status_code == 200
    assert demo.get("/api/pairs").status_code == 200
    hits = demo.get("/api/search", params={"q": "Abe"}).json()
    assert hits["total"] > 0


def test_demo_store_seed_article_round_trip(demo):
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found under {SEEDS}")
    listed = demo.get("/api/articles", params={"limit": 1000}).json()["items"]
    seed = next(a for a in listed if a["source"].endswith("004_2b807e8a05b7ca7a.txt"))
    body = demo.get(f"/api/articles/{seed['id']}").json()
    raw = (SEEDS / "004_2b807e8a05b7ca7a.txt").read_text(encoding="utf-8")
    assert body["text"].replace("\r\n", "\n") == raw.replace("\r\n", "\n")
    for h in body["highlights"]:
        assert 0 <= h["start"] < h["end"] <= len(body["text"])


def test_substring_fallback_search(tmp_path):
    from detente.store.articles import substring_search
    from detente.store.db import Store

    db = build_synthetic_store(tmp_path / "plain.duckdb")
    with Store(db, read_only=True) as store:
        hits = substring_search(store.con, "washington")
        assert [(h["kind"], h["article_id"]) for h in hits] == [("article", "a1"), ("article", "a2"), ("article", "a5"),
                                                               ("quote", "a1")]
        assert "Washington" in hits[0]["snippet"]
        assert [h["article_id"] for h in substring_search(store.con, "washington", kind="quote")] == ["a1"]
        assert [h["article_id"] for h in substring_search(store.con, "washington", outlet="Detente Wire")] == ["a5"]
