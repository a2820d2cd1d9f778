"""The REST API (FastAPI) and the web UI over a store, read-only: ``create_app(db)``; see ``detente.api.app``."""

from __future__ import annotations

from detente.api.app import create_app

__all__ = ["create_app"]
