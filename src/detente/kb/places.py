"""Places that are not capitals, and the state each lies in (``data/places.tsv``, see ``data/places.md``).

``find_places(text)`` finds them in a text: whole words, not the start of a longer proper name ("New York
Times", "Florida State University"). A place is a location, not an actor: it says where, not who.
"""

from __future__ import annotations

import functools
import re

from detente.errors import DataError
from detente.kb.gazetteer import trie_pattern
from detente.tsv import read_tsv


@functools.cache
def load_places() -> dict[str, str]:
    """Place name -> the id of its state."""
    out: dict[str, str] = {}
    for n, r in read_tsv("detente.kb", "data/places.tsv"):
        if not r["name"] or not re.fullmatch(r"[A-Z]{3}", r["state"]):
            raise DataError(f"detente/kb/data/places.tsv line {n}: needs a name and a state id; fix the row")
        out[r["name"]] = r["state"]
    return out


@functools.cache
def _pattern() -> re.Pattern[str]:
    # A trie, not an alternation of the names: each position walks it once (six times faster), and it still
    # tries the longest name first, falling back to a shorter one where the longer fails the checks after it.
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(list(load_places())) + r")(?![\w-])(?![ \t]+[A-Z])")


def find_places(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, state id) of every place named in ``text[lo:hi]``."""
    places = load_places()
    return [(m.start(), m.end(), places[m.group(0)])
            for m in _pattern().finditer(text, lo, len(text) if hi is None else hi)]
