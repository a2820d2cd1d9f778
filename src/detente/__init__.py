"""detente: evidence-linked international relations from English news.

``detente.open(db)`` returns the notebook API (DataFrames of actors, events, quotes, relations); it is
loaded lazily so importing the package stays cheap for workers.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("open", "Detente"):
        from detente import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
