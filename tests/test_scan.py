"""kb.scan: a gated scan finds exactly what ``finditer`` finds, for the bundled patterns and for tricky ones."""

from __future__ import annotations

import random
import re

import pytest

from detente.extract.time.candidates import CANDIDATES
from detente.kb.scan import Scan, leads
from detente.kb.world_events import load_world_events

TRICKY = [
    r"(?i)\bkm\b",  # folding: the Kelvin sign matches "k"
    r"\b(?:[Tt]he )?'\d0s\b",  # starts at a word's end, with its apostrophe
    r"\bg7\b.{0,40}\bsummit",  # a wide class inside the lead
    r"(?i:\bin )(?P<t>the fall)\b|\bfall of \d{4}",
    r"\b(?:\d+|an?) (?:days?|years?) ago\b",
    r"\bMondays?\b(?! morning)",
    r"\bJan(?:uary|\.)(?: \d{1,2})?",  # no boundary after the month: "Januaryx" still matches
]
WORDS = ["the", "The", "in", "fall", "of", "1990", "'90s", "g7", "G7", "summit", "Mondays", "Monday", "morning",
         "January", "Januaryx", "Jan.", "5", "a", "an", "days", "years", "ago", "km", "\u212am", "İn", "’90s", "é"]
SEPS = [" ", " ", "  ", ", ", "-", "", ". ", "\n", "’", "'", "\u00a0", "_"]


def texts() -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(300):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
        out.append("".join(w + rng.choice(SEPS) for w in words))
    return out


@pytest.mark.parametrize("pattern", TRICKY)
def test_tricky_patterns_match_as_finditer(pattern: str) -> None:
    rx = re.compile(pattern)
    for text in texts():
        for lo, hi in ((0, len(text)), (len(text) // 3, len(text) - 1)):
            assert [m.span() for m in Scan(text, lo, hi).finditer(rx)] == [m.span() for m in rx.finditer(text, lo, hi)]


def test_bundled_patterns_are_gated_and_match_as_finditer() -> None:
    pats = list(CANDIDATES) + [e.cue for e in load_world_events()]
    assert all(leads(p) is not None for p in CANDIDATES)  # else the time candidates lose their speed
    vocab = sorted({w for p in pats for w in re.findall(r"[A-Za-z]{2,}", p.pattern)}) + WORDS
    rng = random.Random(11)
    for _ in range(150):
        words = [rng.choice(vocab) for _ in range(rng.randint(1, 40))]
        text = "".join((w.capitalize() if rng.random() < 0.2 else w) + rng.choice(SEPS) for w in words)
        scan = Scan(text, 0, len(text))
        for p in pats:
            assert [m.span() for m in scan.finditer(p)] == [m.span() for m in p.finditer(text)], p.pattern


def test_patterns_it_cannot_bound_are_scanned_as_usual() -> None:
    for pattern in (r"\w+day", r"(?a)\bday", r"\b.day", r"x*"):
        rx = re.compile(pattern)
        assert leads(rx) is None
        assert [m.span() for m in Scan("a Monday, today").finditer(rx)] == \
            [m.span() for m in rx.finditer("a Monday, today")]
