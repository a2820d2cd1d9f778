"""The registry of analysis stages, in data-flow order: each reads the Doc and what earlier stages put
in the Result, and fills its own list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.actors import resolve
from detente.extract.events import events
from detente.extract.quotes import quotes
from detente.extract.time import timexes

if TYPE_CHECKING:
    from detente.pipeline.process import Stage

STAGES: list[tuple[str, Stage]] = [
    ("actors", resolve.stage),
    ("timexes", timexes.stage),
    ("quotes", quotes.stage),
    ("events", events.stage),
]
