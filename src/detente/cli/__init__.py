"""Command line: parse arguments, call the library, print. No analysis logic lives here.

Each module registers its commands on the one ``app`` of ``common``; they are imported here by name:

    articles    analyze, ingest, stats, serve
    query       actors, actor, quotes, search, export
    relations   pairs, pair
    events      events (merged across articles)
    ops         check
"""

from __future__ import annotations

from detente.cli import articles, events, ops, query, relations  # noqa: F401 - importing registers the commands
from detente.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script ``detente``."""
    app()
