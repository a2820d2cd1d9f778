"""REST API (FastAPI) over a store, read-only. Every UI view has a JSON twin here.

Errors share one shape: {"error": {"status": <int>, "message": <str>}}.
"""

from __future__ import annotations

import json
from importlib import resources as pkg
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .store import Store


def create_app(db: str) -> FastAPI:
    store = Store(db, read_only=True)
    app = FastAPI(title="detente", description="Evidence-linked international relations from news.")

    def rows(sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = store.con.cursor()  # one cursor per request: DuckDB connections are not shared across threads
        try:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [dict(zip(cols, r, strict=False)) for r in res.fetchall()]
        finally:
            cur.close()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": {"status": exc.status_code, "message": str(exc.detail)}}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", []))
        msg = f"invalid request: {where}: {first.get('msg', 'bad value')}"
        return JSONResponse({"error": {"status": 422, "message": msg}}, 422)

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "db": db}

    @app.get("/api/stats")
    def stats() -> dict[str, int]:
        return store.counts()

    @app.get("/api/articles")
    def articles(limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return rows("SELECT id, source, title, outlet, published, published_precision, published_inferred, "
                    "genre FROM articles ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
                    [min(limit, 1000), offset])

    @app.get("/api/articles/{article_id}")
    def article(article_id: str) -> dict[str, Any]:
        found = rows("SELECT text, result FROM articles WHERE id = ?", [article_id])
        if not found:
            raise HTTPException(404, f"no article with id {article_id!r}")
        out = json.loads(found[0]["result"])
        out["text"] = found[0]["text"]
        return out

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return (pkg.files("detente") / "web" / "index.html").read_text(encoding="utf-8")

    return app
