"""The registry of analysis stages, in data-flow order. Each later capability adds itself here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import Stage

STAGES: list[tuple[str, Stage]] = []
