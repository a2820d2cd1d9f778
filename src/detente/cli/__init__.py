"""Command line: parse arguments, call the library, print. No analysis logic lives here.

Each module registers its commands on the one ``app`` of ``common``; they are imported here by name.
"""

from __future__ import annotations

from detente.cli import articles, events, ops, query, relations  # noqa: F401 - importing registers the commands
from detente.cli.common import app


def main() -> None:
    """The console script ``detente``."""
    app()
