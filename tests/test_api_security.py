"""The API is read-only and cannot be walked out of: no write endpoint answers without a token, no request
reads a file outside the store and the packaged web files, the store file is never modified, and a
real uvicorn server on loopback serves 50 concurrent clients with no errors (p95 latency printed)."""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from detente.api.app import create_app
from synthetic_store import build_store

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
LOAD_CLIENTS = 50
LOAD_SECONDS = float(os.environ.get("DETENTE_LOAD_SECONDS", "10"))
SECRET = "detente-secret-4f1c9a"  # planted beside the store: no request may return it


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("api-store")
    build_store(d / "store.duckdb")
    (d / "secret.txt").write_text(SECRET)
    return d


@pytest.fixture(scope="module")
def server(store_dir):
    """`detente serve` in a subprocess on a free loopback port; yields the base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (store_dir / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "serve", "--db",
                             str(store_dir / "store.duckdb"), "--port", str(port)], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start: {(store_dir / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def example_path(route: APIRoute, article_id: str) -> str:
    """The route's path with its parameters filled by plausible values."""
    values = {"article_id": article_id, "a": "USA", "b": "JPN", "actor": "JPN"}
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values.get(m.group(1), "x"), route.path)


# -- read-only -------------------------------------------------------------------------------------------------

def test_no_write_endpoint_answers_without_a_token(store_dir):
    db = store_dir / "store.duckdb"
    before = digest(db)
    app = create_app(str(db))
    aid = app.state.store.con.execute("SELECT min(id) FROM articles").fetchone()[0]
    client = TestClient(app, raise_server_exceptions=False)
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    assert any(r.path == "/api/articles/{article_id}" for r in routes)
    tried = 0
    for route in routes:
        path = example_path(route, aid)
        for method in route.methods - SAFE_METHODS:  # declared write endpoints: token or nothing
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Token": "wrong"}):
                r = client.request(method, path, json={"paths": ["/etc"], "text": "x"}, headers=headers)
                assert r.status_code in (401, 403), f"{method} {path} without a valid token: {r.status_code}"
                tried += 1
        for method in set(WRITE_METHODS) - route.methods:  # read endpoints refuse every write verb
            r = client.request(method, path, json={"text": "x"})
            assert r.status_code in (401, 403, 405), f"{method} {path}: {r.status_code}"
            tried += 1
    assert tried > len(routes)
    app.state.store.close()
    assert digest(db) == before, "serving requests modified the store file"


def test_the_store_is_opened_read_only(store_dir):
    app = create_app(str(store_dir / "store.duckdb"))
    import duckdb

    with pytest.raises(duckdb.Error, match="read-only"):
        app.state.store.con.execute("DELETE FROM articles")
    app.state.store.close()


# -- path traversal (raw HTTP: clients like httpx would normalise the dots away before sending) ----------------

def traversal_paths(target: str) -> list[str]:
    t = target.lstrip("/")
    up = 16
    return [
        "/static/" + "../" * up + t,
        "/static/" + "%2e%2e/" * up + t,
        "/static/" + "%2e%2e%2f" * up + t.replace("/", "%2f"),
        "/static/" + "..%2f" * up + t,
        "/static/" + "..%5c" * up + t,
        "/static/" + "..\\" * up + t.replace("/", "\\"),
        "/static/" + "%252e%252e/" * up + t,
        "/static/" + "....//" * up + t,
        "/static//" + t,
        "/static/%2f" + t,
        "/" + "../" * up + t,
        "/" + "%2e%2e/" * up + t,
        "/api/articles/" + "..%2f" * up + t,
        "/api/articles/" + "../" * up + t,
        "/docs/" + "../" * up + t,
    ]


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)  # the path goes out byte for byte
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_no_request_reads_outside_the_store(server, store_dir):
    passwd = Path("/etc/passwd")
    targets = [(str(store_dir / "secret.txt"), SECRET.encode()), (str(store_dir / "store.duckdb"), b"DUCK")]
    if passwd.exists():
        targets.append((str(passwd), passwd.read_bytes().splitlines()[0]))
    for target, marker in targets:
        for path in traversal_paths(target):
            status, body = raw_get(server, path)
            assert marker not in body, f"GET {path} returned the content of {target}"
            assert status < 500, f"GET {path}: server error {status}"
            assert status >= 400 or body.lstrip().startswith(b"<!DOCTYPE html>") or body.startswith(b"<html"), \
                f"GET {path}: {status} with unexpected content {body[:80]!r}"


def test_static_files_still_serve(server):
    status, body = raw_get(server, "/")
    assert status == 200 and b"<html" in body.lower()


# -- load ------------------------------------------------------------------------------------------------------

def load_targets(base: str) -> list[str]:
    """Every GET endpoint of the API without required parameters, plus one article: taken from the
    server's own OpenAPI document so the test follows the API as it grows."""
    spec = httpx.get(f"{base}/openapi.json", timeout=10).json()
    paths = []
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if op and "{" not in path and not any(p.get("required") for p in op.get("parameters", [])):
            paths.append(path)
    article = httpx.get(f"{base}/api/articles", params={"limit": 1}, timeout=10).json()
    rows = article if isinstance(article, list) else next(
        (v for v in article.values() if isinstance(v, list)), [])
    if rows:
        paths.append(f"/api/articles/{rows[0]['id']}")
    paths.append("/")
    return paths


async def hammer(base: str, paths: list[str], seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds

    async def client(k: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            i = k
            while time.monotonic() < stop:
                path = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = await c.get(path)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {type(exc).__name__}")
                latencies.append(time.perf_counter() - t0)

    await asyncio.wait_for(asyncio.gather(*(client(k) for k in range(LOAD_CLIENTS))), seconds + 60)
    return latencies, errors


def test_load_50_concurrent_clients_no_errors(server):
    paths = load_targets(server)
    assert "/api/health" in paths and any(p.startswith("/api/articles/") for p in paths)
    latencies, errors = asyncio.run(hammer(server, paths, LOAD_SECONDS))
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    print(f"\nload: {LOAD_CLIENTS} clients x {LOAD_SECONDS:.0f} s over {len(paths)} endpoints: "
          f"{len(latencies)} requests ({len(latencies) / LOAD_SECONDS:.0f}/s), {len(errors)} errors, "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    assert not errors, errors[:10]
    assert len(latencies) >= LOAD_CLIENTS


# -- hostile requests: bounded work, 422 not 500, no syntax, no wildcard, a known Host, HEAD ---------------------

@pytest.fixture(scope="module")
def client(store_dir):
    app = create_app(str(store_dir / "store.duckdb"))
    yield TestClient(app, raise_server_exceptions=False)
    app.state.store.close()


def message(r) -> str:
    return r.json()["error"]["message"]


@pytest.mark.parametrize("path, params", [
    ("/api/articles", {"offset": "9223372036854775808"}),
    ("/api/events", {"offset": str(2 ** 70)}),
    ("/api/actors", {"offset": "99999999999999999999"}),
    ("/api/pairs", {"min_events": "9223372036854775808"}),
    ("/api/graph", {"min_events": str(2 ** 64)}),
])
def test_huge_integers_are_422_not_500(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422 and "less than or equal to" in message(r)


def test_a_nul_in_a_static_path_is_404_not_500(client):
    assert client.get("/static/%00").status_code == 404
    assert client.get("/static/js/%00.js").status_code == 404


@pytest.mark.parametrize("q", ["Japan " * 10_000, "a " * 30], ids=["60 KB", "30 terms"])
def test_long_searches_answer_within_a_second(client, q):
    started = time.monotonic()
    r = client.get("/api/search", params={"q": q})
    assert time.monotonic() - started < 1.0
    assert r.status_code == 422 and "over the limit of" in message(r)


def test_a_100_kb_search_on_the_real_server_answers_within_a_second(server):
    started = time.monotonic()
    status, body = raw_get(server, "/api/search?q=" + "Japan+" * 17_000)  # 102 KB, the word repeated
    assert time.monotonic() - started < 1.0
    assert status == 422 and b"over the limit of" in body


def test_a_long_pair_answers_at_once(client):
    for pair in ("-" * 3000, "a-" * 100):
        started = time.monotonic()
        r = client.get("/api/events", params={"pair": pair})
        assert time.monotonic() - started < 1.0 and r.status_code == 422, message(r)


@pytest.mark.parametrize("q", ['Japan: talks', "(Washington", 'Abe "said', "Japan AND", "Tokyo*"])
def test_search_syntax_is_searched_as_words(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200 and r.json()["engine"] == "fts5", r.text
    assert r.json()["total"] > 0


def test_like_wildcards_are_literal(client):
    for q in ("%", "_", "\\"):
        assert client.get("/api/actors", params={"q": q}).json()["total"] == 0
        assert client.get("/api/quotes", params={"q": q}).json()["total"] == 0


def test_error_texts_name_api_parameters_not_cli_flags(client):
    for path, params in [("/api/events", {"pair": "USA"}), ("/api/events", {"type": "party"}),
                         ("/api/events", {"since": "2017-02-30"}), ("/api/pairs", {"until": "2017-13"}),
                         ("/api/search", {"q": "x" * 600}), ("/api/events", {"pair": "USA-MARS"})]:
        r = client.get(path, params=params)
        assert r.status_code == 422 and "--" not in message(r), message(r)


def test_the_server_never_writes_its_search_index(store_dir, tmp_path):
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(store_dir / "store.duckdb", db)  # a store without its index beside it
    app = create_app(str(db))
    r = TestClient(app).get("/api/search", params={"q": "Washington"})
    app.state.store.close()
    assert r.status_code == 200 and r.json()["engine"] == "substring"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.duckdb"]


def test_host_header_must_name_the_bound_address(store_dir):
    from detente.api.app import allowed_hosts

    app = create_app(str(store_dir / "store.duckdb"), hosts=allowed_hosts("127.0.0.1"))
    c = TestClient(app, raise_server_exceptions=False)
    assert c.get("/api/stats", headers={"Host": "attacker.example"}).status_code == 421
    assert c.get("/api/stats", headers={"Host": "attacker.example:8000"}).status_code == 421
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host
    assert allowed_hosts("0.0.0.0") is None
    app.state.store.close()


def test_head_answers_every_get_route(client):
    for path in ("/api/stats", "/api/articles", "/", "/static/js/network.js"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_a_request_past_its_time_budget_is_stopped(store_dir, monkeypatch):
    from detente.store import relations

    def slow(con, *args, **kwargs):
        return con.execute("SELECT count(*) FROM range(1000000000000) a").fetchall()

    monkeypatch.setattr(relations, "pairs", slow)
    app = create_app(str(store_dir / "store.duckdb"), budget_s=0.3)
    started = time.monotonic()
    r = TestClient(app, raise_server_exceptions=False).get("/api/pairs")
    assert time.monotonic() - started < 5 and r.status_code == 503 and "was stopped" in message(r)
    app.state.store.close()


def test_a_read_only_store_answers_each_url_once(store_dir, monkeypatch):
    from detente.store import relations

    calls = []
    real = relations.pairs

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(relations, "pairs", counted)
    app = create_app(str(store_dir / "store.duckdb"))
    c = TestClient(app)
    first, again = c.get("/api/pairs", params={"period": "year"}), c.get("/api/pairs", params={"period": "year"})
    assert first.json() == again.json() and first.headers["content-type"] == again.headers["content-type"]
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert len(calls) == 1
    c.get("/api/pairs", params={"period": "month"})
    assert len(calls) == 2  # another question is another answer
    assert c.get("/api/pairs", params={"period": "decade"}).status_code == 422
    assert c.get("/api/pairs", params={"period": "decade"}).status_code == 422  # errors are never kept
    app.state.store.close()
