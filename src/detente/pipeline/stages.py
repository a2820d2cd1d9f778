"""The registry of analysis stages, in data-flow order.

Each stage is ``run(doc, result, resources) -> list``: it reads the parsed Doc and the lists earlier
stages put in the Result (``reads``), and returns its own list, which ``analyse`` stores as
``result.<name>``. Like spaCy's pipeline (E005), a stage that returns anything but a list is a bug and
fails loudly, and a stage that reads what no earlier stage wrote is refused when the registry loads.
To add a stage: write ``stage()`` in its own ``extract/`` subpackage, give Result a list field of its
name, and add one line here in data-flow order. A stage whose list also says something about the article
itself (the dating stage's clues give the publication window) names a pure ``amends(meta, found) -> Meta``;
``analyse`` puts the new Meta in the Result and the Doc, so later stages read it like any stated date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from detente.extract import actors, events, quotes, time
from detente.settings import Resources
from detente.types import Doc, Meta, Result


class Stage(NamedTuple):
    name: str  # the Result field it fills
    run: Callable[[Doc, Result, Resources], list[Any]]
    reads: tuple[str, ...] = ()  # Result fields of earlier stages it reads
    amends: Callable[[Meta, list[Any]], Meta] | None = None  # what its list says about the article, if anything


class StageContractError(TypeError):
    """A stage broke the contract (returned no list, or reads a later stage): a bug in the package."""


def check_order(stages: Sequence[Stage]) -> None:
    """Every field a stage reads is written by an earlier stage; every stage fills a Result field."""
    written: list[str] = []
    fields = set(Result.__dataclass_fields__)
    for st in stages:
        if st.name not in fields:
            raise StageContractError(f"stage {st.name!r} has no Result field of its name to fill")
        late = [r for r in st.reads if r not in written]
        if late:
            raise StageContractError(f"stage {st.name!r} reads {', '.join(late)}, which no earlier stage writes")
        written.append(st.name)


STAGES: tuple[Stage, ...] = (
    Stage("actors", actors.stage),
    Stage("dating", time.dating_stage, reads=("actors",), amends=time.date_article),
    Stage("timexes", time.stage, reads=("dating",)),
    Stage("quotes", quotes.stage, reads=("actors",)),
    Stage("events", events.stage, reads=("actors", "timexes", "quotes")),
)
check_order(STAGES)
