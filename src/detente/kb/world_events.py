"""Dated world events a text may name without a date: elections, nuclear and missile tests, summits, treaty
withdrawals, wars, disasters (``data/world_events.tsv``, documented in ``data/world_events.md``).

Each row has a date (or ``----MM-DD`` for an event that recurs every year), an optional last day, the actors
one of which the article must name, and a cue: a case-insensitive regular expression matched inside one
sentence. ``find_world_events`` returns the rows a text names; dating a publication from them is the time
stage's job. ``python -m detente.kb.world_events --check`` validates the file.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from detente.errors import DataError
from detente.kb.scan import scan_of
from detente.tsv import read_tsv

FILE = "data/world_events.tsv"
ANNUAL = re.compile(r"----(\d\d)-(\d\d)")
# A cue is matched inside one sentence: a match that runs over a sentence's end names two things, not one.
SENTENCE_END = re.compile(r"[a-z0-9)][.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")


@dataclass(frozen=True)
class WorldEvent:
    start: str  # YYYY-MM-DD, or ----MM-DD for every year
    end: str  # last day (== start for a one-day event)
    kind: str
    actors: tuple[str, ...]  # at least one must be named by the article; empty: no condition
    cue: re.Pattern[str]
    what: str
    source: str
    line: int
    needs: frozenset[str] | None = None  # lower-case strings one of which every match contains (None: unknown)

    @property
    def annual(self) -> bool:
        return self.start.startswith("----")


@dataclass(frozen=True)
class Mention:
    """A world event named in a text: where its cue matched."""

    event: WorldEvent
    start: int
    end: int


def _day(value: str, where: str) -> str:
    if ANNUAL.fullmatch(value):
        date(2000, int(value[4:6]), int(value[7:9]))  # a real day of some year (leap 2000 allows 02-29)
        return value
    return date.fromisoformat(value).isoformat()


@functools.cache
def load_world_events() -> tuple[WorldEvent, ...]:
    """Every row of the bundled table, checked; raises DataError naming the line of a bad row."""
    out: list[WorldEvent] = []
    for n, r in read_tsv("detente.kb", FILE):
        where = f"detente/kb/{FILE} line {n}"
        try:
            start = _day(r["date"], where)
            end = _day(r["end"], where) if r["end"] else start
            cue = re.compile(r["cue"], re.I)
        except (ValueError, re.error) as exc:
            raise DataError(f"{where}: {exc}; fix the date (YYYY-MM-DD or ----MM-DD) or the cue") from None
        if end < start or ANNUAL.fullmatch(start) is None and ANNUAL.fullmatch(end):
            raise DataError(f"{where}: the last day {end} is before the first {start}; fix the row")
        actors = tuple(a.strip() for a in r["actors"].split("|") if a.strip())
        out.append(WorldEvent(start, end, r["kind"], actors, cue, r["what"], r["source"], n, required(r["cue"])))
    return tuple(out)


def find_world_events(text: str, actor_ids: Iterable[str], lo: int = 0, hi: int | None = None) -> list[Mention]:
    """The world events ``text[lo:hi]`` names: rows whose actors the article names and whose cue matches."""
    named = set(actor_ids)
    hi = len(text) if hi is None else hi
    lowered = text[lo:hi].lower().replace("’", "'")
    out: list[Mention] = []
    scan = scan_of(text, lo, hi)
    held: dict[str, bool] = {}  # many rows need the same words ("election", "summit"): each looked for once

    def holds(w: str) -> bool:
        if w not in held:
            held[w] = w in lowered
        return held[w]

    for ev in load_world_events():
        if ev.actors and not named.intersection(ev.actors):
            continue
        if ev.needs is not None and not any(holds(w) for w in ev.needs):
            continue  # the cue cannot match: spare the scan
        out.extend(Mention(ev, m.start(), m.end()) for m in scan.finditer(ev.cue)
                   if not SENTENCE_END.search(m.group(0)))
    return out


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which any match of ``pattern`` contains (lower case), read off its parse; None when
    some way of matching needs no literal of four characters or more."""
    try:
        from re import _parser  # type: ignore[attr-defined]  # the stdlib parser: exact about what is optional

        return _needs(list(_parser.parse(pattern.lower())))
    except Exception:  # an unexpected parse: no shortcut, the cue is simply always tried
        return None


def _needs(seq: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    from re import _constants as c  # type: ignore[attr-defined]

    best: frozenset[str] | None = None
    run = ""

    def better(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(len(w) >= 4 for w in found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in seq:
        if op is c.LITERAL:
            run += chr(av)
            continue
        better(frozenset([run]) if run else None)
        run = ""
        if op is c.BRANCH:
            branches = [_needs(list(b)) for b in av[1]]
            better(None if any(b is None for b in branches) else frozenset().union(*branches))  # type: ignore[arg-type]
        elif op is c.SUBPATTERN:
            better(_needs(list(av[3])))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            better(_needs(list(av[2])))
    better(frozenset([run]) if run else None)
    return best


def main(argv: list[str]) -> int:
    if argv != ["--check"]:
        print("usage: python -m detente.kb.world_events --check", file=sys.stderr)
        return 2
    rows = load_world_events()
    print(f"world events={len(rows)} annual={sum(r.annual for r in rows)} "
          f"from {min(r.start for r in rows if not r.annual)} to {max(r.start for r in rows if not r.annual)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
