"""Query parameters as users type them, read in one place for every face (CLI, API, notebook).

Each reader returns the value the queries use or raises UsageError with the parameter's library name
(``pair``, ``type``, ``status``...), what is wrong and what to write instead. Dates (``since``/``until``)
are read by ``detente.dates.parse_bound``; actor ids by ``detente.store.people.resolve_actor_id``.

A pair (``parse_pair``) is two actor ids in any of these forms:

    USA-JPN   usa,jpn   person:donald-trump-person:shinzo-abe   person:moon-jae-in,USA   or two arguments

Each side is resolved as ``resolve_actor_id(..., in_events=True)`` resolves it: the exact id, the id in
another case, a name seen in the store, or a state code that events name though no article describes it.
When the text has a comma it is cut only there; otherwise at each hyphen, and the cut where both halves
are known actors wins (ids contain hyphens, so 'person:donald-trump-person:shinzo-abe' has one such cut).
No cut, one cut with an unknown side, no cut that works, or several that do: UsageError saying which.
"""

from __future__ import annotations

from typing import Any

import duckdb

from detente import vocab
from detente.errors import UsageError
from detente.store.people import resolve_actor_id

PAIR_FORMS = "joined by '-' or ',' (e.g. USA-JPN)"
MAX_PAIR_CHARS = 200  # two actor ids; every hyphen is a cut to try, so an unbounded text costs quadratic time
MAX_CUTS = 12
LIST_IDS = "list the ids with 'detente actors'"


def check_choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    """``value`` if it is one of ``allowed``."""
    if value not in allowed:
        raise UsageError(f"{name} {value!r} is not one of: {', '.join(allowed)}")
    return value


def check_type(value: str, name: str = "type") -> str:
    """A PLOVER event type in any case -> its upper-case name."""
    kind = value.strip().upper()
    if kind not in vocab.TYPES:
        raise UsageError(f"{name} {value!r} is not a PLOVER event type; use one of {', '.join(vocab.TYPES)}")
    return kind


def check_status(value: str, name: str = "status") -> str:
    """An event status: occurred, planned, negated or hypothetical."""
    return check_choice(value, vocab.STATUSES, name)


def check_limit(value: int, name: str = "limit") -> int:
    if value < 1:
        raise UsageError(f"{name} must be at least 1")
    return value


def parse_pair(con: duckdb.DuckDBPyConnection, text: str, other: str | None = None,
               name: str = "pair") -> tuple[str, str]:
    """Two actor ids of the store from a pair as typed (see the module docstring), or from ``text`` and
    ``other`` given apart. The two must differ."""
    if len(text) > MAX_PAIR_CHARS:
        raise UsageError(f"{name} is {len(text):,} characters long, over the limit of {MAX_PAIR_CHARS}; "
                         f"give two actor ids {PAIR_FORMS}")
    if other is not None:
        found = [(_side(con, text), _side(con, other))]
    else:
        cuts = [k for k, ch in enumerate(text) if ch == ","] or [k for k, ch in enumerate(text) if ch == "-"]
        if len(cuts) > MAX_CUTS:
            raise UsageError(f"{name} {text[:40]!r}… has {len(cuts)} separators; give two actor ids {PAIR_FORMS}")
        if not cuts:
            raise UsageError(f"{name} {text!r} is not two actor ids {PAIR_FORMS}")
        if len(cuts) == 1:
            k = cuts[0]
            try:
                found = [(_side(con, text[:k]), _side(con, text[k + 1:]))]
            except UsageError as exc:
                raise UsageError(f"{name} {text!r}: {exc}") from None
        else:
            found = sorted(set(_readings(con, text, cuts)))
    if not found:
        raise UsageError(f"{name} {text!r} is not two actor ids of the store {PAIR_FORMS}; {LIST_IDS}")
    if len(found) > 1:
        ways = " or ".join(f"{a} + {b}" for a, b in found)
        raise UsageError(f"{name} {text!r} can be read several ways ({ways}); separate the two ids with a comma")
    a, b = found[0]
    if a == b:
        raise UsageError(f"a pair needs two different actors; got {a!r} twice")
    return a, b


def _readings(con: duckdb.DuckDBPyConnection, text: str, cuts: list[int]) -> list[tuple[str, str]]:
    out = []
    for k in cuts:
        try:
            out.append((_side(con, text[:k]), _side(con, text[k + 1:])))
        except UsageError:
            continue
    return out


def _side(con: duckdb.DuckDBPyConnection, text: str) -> str:
    return resolve_actor_id(con, text, in_events=True)


def side_condition(alias: str = "") -> str:
    """SQL: an event side (``{side}``: source or target) is the actor, at state or person level."""
    return f"({alias}{{side}} = ? OR list_contains({alias}{{side}}_actors, ?))"


def pair_condition(a: str, b: str, alias: str = "") -> tuple[str, list[Any]]:
    """SQL over the events table: the event has A on one side and B on the other (state or person level)."""
    side = side_condition(alias)
    src, tgt = side.format(side="source"), side.format(side="target")
    return f"(({src} AND {tgt}) OR ({src} AND {tgt}))", [a, a, b, b, b, b, a, a]


def actor_condition(actor: str, alias: str = "") -> tuple[str, list[Any]]:
    """SQL over the events table: the actor is on either side of the event (state or person level)."""
    side = side_condition(alias)
    return f"({side.format(side='source')} OR {side.format(side='target')})", [actor] * 4
