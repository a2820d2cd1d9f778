"""REST API (FastAPI) over a store, read-only, and the web UI served by the same process.

Every UI view has a JSON twin here: network -> /api/graph, pair -> /api/pairs/{a}/{b}, actor ->
/api/actors/{id}, article -> /api/articles/{id}, quotes -> /api/quotes. OpenAPI docs at /docs (Swagger UI
served from the package, no CDN). Errors share one shape: {"error": {"status": <int>, "message": <str>}}.
The API reads only the store (through one DuckDB cursor per request) and the packaged static files; every
query is a library function (detente.store), this module only maps requests and errors. Library errors
map by kind: UsageError and InputError -> 422, StoreError -> 503, DataError (a packaged file is broken) and
anything unexpected -> 500. An actor named in a path or filter that the store does not know -> 404.

Bounded and hostile-proof: integers have ranges (422, never a DuckDB overflow), a request's store time has
a budget (the cursor is interrupted: 503), search is bounded by ``detente.store.search``, a Host header
other than the bound address is refused (421; DNS rebinding), a NUL in a path is 404, HEAD answers every
GET. Search reads the index ingest built, read-only (substring match when there is none), and since the
store cannot change under a read-only server, successful answers are kept per URL (``api.cache``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from importlib import resources as pkg
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.api.cache import ResponseCache
from detente.dates import BOUND
from detente.errors import DataError, DetenteError, InputError, StoreError, UsageError
from detente.store import articles as stored_articles
from detente.store import network, relations
from detente.store import people as people_index
from detente.store.db import Store, counts
from detente.store.mentions import list_mentions
from detente.store.search import IndexUnavailable
from detente.store.search import search as full_text_search

log = logging.getLogger("detente.api")
WEB = Path(str(pkg.files("detente") / "web"))
DATE = BOUND.pattern  # since/until as detente.dates.parse_bound reads them
# The UI builds its DOM from data with textContent; the policy is a second wall should that ever slip.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

Period = Annotated[Literal["week", "month", "year"], Query(description="Bucket of the time series.")]
Level = Annotated[Literal["state", "actor"], Query(description="state: countries; actor: persons where named.")]
Since = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
Until = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
Limit = Annotated[int, Query(ge=1, le=1000)]
MAX_INT = 1_000_000_000  # any count or offset past this is a typo or a probe, never a page of results
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
MinEvents = Annotated[int, Query(ge=1, le=MAX_INT)]
BUDGET_S = 10.0  # one request's store time; past it the query is interrupted (503), never left to hold the server
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# The HTTP status of each kind of library error; the first class that matches wins.
ERROR_STATUS: tuple[tuple[type[DetenteError], int], ...] = (
    (UsageError, 422), (InputError, 422), (StoreError, 503), (DataError, 500))


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = request.app.state.store.con.cursor()  # one cursor per request: a connection is not thread-safe
    timer = threading.Timer(request.app.state.budget_s, cur.interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield cur
    finally:
        timer.cancel()
        cur.close()


Cur = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status)


def status_of(exc: DetenteError) -> int:
    return next((status for kind, status in ERROR_STATUS if isinstance(exc, kind)), 500)


def allowed_hosts(bound: str) -> tuple[str, ...] | None:
    """The Host header values a server bound to ``bound`` answers: its own name, and the loopback names when
    it listens on loopback (so a DNS-rebinding page cannot reach it); None (any) on a wildcard address."""
    if bound in ("0.0.0.0", "::", ""):
        return None
    return tuple(dict.fromkeys((bound, *LOOPBACK))) if bound in LOOPBACK else (bound,)


def host_name(header: str) -> str:
    """'example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(db: str, index_dir: str | None = None, hosts: tuple[str, ...] | None = None,
               budget_s: float = BUDGET_S) -> FastAPI:
    """The app over the store at ``db``. ``hosts``: the Host header values it answers (None: any; ``serve``
    passes ``allowed_hosts`` of the address it binds); ``budget_s``: the store time one request may take."""
    store = Store(db, read_only=True)
    app = FastAPI(title="detente", docs_url=None, redoc_url=None,
                  description="Evidence-linked international relations from news: every fact links to the "
                              "character span of its article.")
    app.state.store = store
    app.state.budget_s = budget_s
    cache = app.state.cache = ResponseCache()  # read-only store: one URL, one answer, for the process's life

    def actor_id(cur: duckdb.DuckDBPyConnection, text: str) -> str:
        """A path's actor as the store spells it ('usa' -> 'USA', a name -> its id); 404 if unknown."""
        try:
            return people_index.resolve_actor_id(cur, text, in_events=True)
        except UsageError as exc:
            raise HTTPException(404, str(exc)) from None

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else "no such path"
        return error(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", []))
        msg = first.get("msg", "bad value")
        if (first.get("ctx") or {}).get("pattern") == DATE:
            msg = f"{first.get('input')!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
        return error(422, f"invalid request: {where}: {msg}")

    @app.exception_handler(DetenteError)
    async def library_error(request: Request, exc: DetenteError) -> JSONResponse:
        status = status_of(exc)
        if status >= 500:
            log.error("error serving %s: %s", request.url.path, exc)
        return error(status, str(exc))

    @app.exception_handler(duckdb.InterruptException)
    async def too_long(request: Request, _: Exception) -> JSONResponse:
        log.warning("stopped %s after its %.0f s budget", request.url.path, budget_s)
        return error(503, f"the request took over {budget_s:g} s and was stopped; narrow it (a pair, an outlet, "
                          "since/until, a smaller limit)")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error serving %s", request.url.path)
        return error(500, f"internal error while serving {request.url.path}; the server log has the details")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        if hosts is not None and host_name(request.headers.get("host", "")).lower() not in hosts:
            return error(421, f"this server answers only for {', '.join(hosts)}; open it by that address")
        if "\x00" in request.url.path:  # no file has a NUL in its name; the OS would refuse to look
            return error(404, "no such path")
        head = request.method == "HEAD"
        if head:  # every GET route answers HEAD: the same status and headers, no body
            request.scope["method"] = "GET"
        key = f"{request.url.path}?{request.url.query}"
        cacheable = request.method == "GET" and request.url.path.startswith("/api/")
        kept = cache.get(key) if cacheable else None
        if kept is not None:
            response: Response = Response(kept[0], media_type=kept[1])
        else:
            response = await call_next(request)
            if cacheable and response.status_code == 200:
                body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
                cache.put(key, body, response.media_type or response.headers.get("content-type", "application/json"))
                response = Response(body, status_code=200, headers=dict(response.headers))
        if head:
            response = Response(status_code=response.status_code, headers=dict(response.headers))
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path != "/docs":  # Swagger UI boots with an inline script
            response.headers["Content-Security-Policy"] = CSP
        return response

    # -- store ------------------------------------------------------------------------------------------

    @app.get("/api/health", tags=["store"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "db": db}

    @app.get("/api/stats", tags=["store"])
    def stats(cur: Cur) -> dict[str, int]:
        return counts(cur)

    @app.get("/api/outlets", tags=["store"])
    def outlets(cur: Cur) -> list[dict[str, Any]]:
        return stored_articles.outlets(cur)

    # -- articles ---------------------------------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"])
    def articles(cur: Cur, outlet: str | None = None, since: Since = None, until: Until = None,
                 actor: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return stored_articles.list_articles(cur, outlet, since, until, actor_id(cur, actor) if actor else None,
                                             limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(cur: Cur, article_id: str) -> dict[str, Any]:
        out = stored_articles.article(cur, article_id)
        if out is None:
            raise HTTPException(404, f"no article with id {article_id!r}; list them at /api/articles")
        out["highlights"] = highlights(out)
        return out

    # -- actors -----------------------------------------------------------------------------------------

    @app.get("/api/actors", tags=["actors"])
    def actors(cur: Cur, kind: Literal["state", "person", "organization", "group"] | None = None,
               q: str | None = None, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
        found = people_index.list_actors(cur, kind=kind, q=q)
        return {"total": len(found), "items": found[offset:offset + limit]}

    @app.get("/api/actors/{actor}", tags=["actors"])
    def actor_detail(cur: Cur, actor: str, period: Period = "month") -> dict[str, Any]:
        aid = actor_id(cur, actor)
        try:
            out = people_index.actor_detail(cur, aid)
        except (UsageError, ValueError):  # named by events only: no article describes it
            out = {"id": aid, "kind": "state", "name": aid, "country": aid, "roles": [], "names": [],
                   "affiliation_history": [], "articles": [], "quotes": [], "same_surname": []}
        level = "state" if out.get("kind") == "state" else "actor"
        out["event_counts"] = out.pop("events", None)
        out["events"] = list_mentions(cur, actor=aid, limit=200)["items"]
        out["partners"] = relations.pairs(cur, period, level, actor=aid, limit=50)
        out["level"] = level
        return out

    # -- events, pairs, graph ---------------------------------------------------------------------------

    @app.get("/api/events", tags=["relations"])
    def events(cur: Cur, pair: Annotated[str | None, Query(description="A-B or A,B, e.g. USA-JPN")] = None,
               type: str | None = None,
               status: Literal["occurred", "planned", "negated", "hypothetical"] | None = None,
               since: Since = None, until: Until = None, outlet: str | None = None, actor: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Event mentions: one row per event as one article reports it."""
        return list_mentions(cur, pair, type, status, since, until, outlet, actor_id(cur, actor) if actor else None,
                             limit, offset)

    @app.get("/api/pairs", tags=["relations"])
    def pairs(cur: Cur, period: Period = "month", level: Level = "state", outlet: str | None = None,
              since: Since = None, until: Until = None, actor: str | None = None,
              min_events: MinEvents = 1, limit: Limit = 200) -> dict[str, Any]:
        found = relations.pairs(cur, period, level, outlet, since, until, actor_id(cur, actor) if actor else None,
                                min_events)
        return {"total": len(found), "period": period, "level": level, "items": found[:limit]}

    @app.get("/api/pairs/{a}/{b}", tags=["relations"])
    def pair(cur: Cur, a: str, b: str, period: Period = "month", level: Level | None = None,
             outlet: str | None = None, since: Since = None, until: Until = None,
             limit: Limit = 500) -> dict[str, Any]:
        x, y = actor_id(cur, a), actor_id(cur, b)
        found = relations.pair(cur, x, y, period, level, outlet, since, until, limit)
        if found is None:
            raise HTTPException(404, f"no events or quotes between {x} and {y}{' in ' + outlet if outlet else ''} "
                                     f"at {level or relations.default_level(x, y)} level")
        return found

    @app.get("/api/graph", tags=["relations"])
    def graph(cur: Cur, level: Level = "state", outlet: str | None = None, since: Since = None,
              until: Until = None, min_events: MinEvents = 1,
              limit: Annotated[int, Query(ge=1, le=2000)] = 150,
              isolated: Annotated[bool, Query(description="Also actors that are only mentioned.")] = False,
              ) -> dict[str, Any]:
        return network.graph(cur, level, outlet, since, until, min_events, limit, isolated)

    # -- quotes and search ------------------------------------------------------------------------------

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(cur: Cur, speaker: str | None = None, about: str | None = None, q: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        found = people_index.list_quotes(cur, speaker=actor_id(cur, speaker) if speaker else None,
                                         about=actor_id(cur, about) if about else None, q=q or None)
        return {"total": len(found), "items": found[offset:offset + limit]}

    @app.get("/api/search", tags=["quotes"])
    def search(cur: Cur, q: Annotated[str, Query(min_length=1)], kind: Literal["article", "quote"] | None = None,
               outlet: str | None = None, since: Since = None, until: Until = None, actor: str | None = None,
               pair: str | None = None, type: str | None = None, limit: Limit = 20) -> dict[str, Any]:
        try:  # the index ingest built, opened read-only: the server never writes
            hits = full_text_search(db, q, kind=kind, outlet=outlet, since=since, until=until, actor=actor,
                                    pair=pair, type=type, limit=limit, con=cur, read_only=True,
                                    index_dir=index_dir)
            return {"total": len(hits), "engine": "fts5", "items": hits}
        except IndexUnavailable as exc:
            log.warning("%s; searching by substring instead of full text", exc)
        hits = stored_articles.substring_search(cur, q, kind, outlet, limit)
        return {"total": len(hits), "engine": "substring", "items": hits}

    # -- web UI -----------------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="detente API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def highlights(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat list of the spans the article view marks: actor mentions, quotes (and their speaker and cue),
    event evidence, time expressions, removed debris. Each points back to its item (ref) so the UI can link them."""
    out: list[dict[str, Any]] = []
    for a in result.get("actors", []):
        for m in a.get("mentions", []):
            out.append({"start": m["start"], "end": m["end"], "kind": "actor", "ref": a["id"], "label": a["name"]})
    for k, q in enumerate(result.get("quotes", [])):
        speaker = q.get("speaker") or {}
        who = speaker.get("name") or ("anonymous source" if speaker.get("anonymous") else "unknown speaker")
        out.append({"start": q["start"], "end": q["end"], "kind": "quote", "ref": k, "label": f"quote: {who}"})
        if speaker.get("start") is not None and speaker.get("end") is not None:
            out.append({"start": speaker["start"], "end": speaker["end"], "kind": "speaker", "ref": k,
                        "label": f"speaker of quote {k + 1}"})
        if q.get("cue"):
            out.append({"start": q["cue"]["start"], "end": q["cue"]["end"], "kind": "cue", "ref": k,
                        "label": f"cue of quote {k + 1}"})
    for k, e in enumerate(result.get("events", [])):
        ev = e.get("evidence") or {}
        if ev.get("start") is not None:
            label = f"{e['type']} {e.get('source') or '?'} → {e.get('target') or '?'} ({e.get('status')})"
            out.append({"start": ev["start"], "end": ev["end"], "kind": "event", "ref": k, "label": label})
    for t in result.get("timexes", []):
        out.append({"start": t["start"], "end": t["end"], "kind": "timex", "ref": t.get("value"),
                    "label": f"{t.get('type', 'DATE')} {t.get('value') or '(unresolved)'}"})
    for r in result.get("article", {}).get("removed", []):
        out.append({"start": r["start"], "end": r["end"], "kind": "removed", "ref": None, "label": r["why"]})
    return sorted(out, key=lambda h: (h["start"], -h["end"], h["kind"]))
