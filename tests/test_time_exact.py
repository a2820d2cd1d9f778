"""The time stages' shortcuts give what the plain scans give (they are speed work: output must not move)."""

from __future__ import annotations

import random
import re

from detente.extract.time.money import PAIRS, conversions
from detente.extract.time.roles import SURNAME, WORDS_BEFORE, words_before

PIECES = list("aAzZ.'’-_1é,x") + [" ", " ", "\t", "\n", "Mr", "President", "ex-", "Vice"]


def test_words_before_reads_what_the_search_finds() -> None:
    rng = random.Random(3)
    for _ in range(20000):
        s = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        m = WORDS_BEFORE.search(s)
        assert words_before(s) == (m.group(1) if m else None), repr(s)


def test_conversions_skip_only_texts_no_pair_can_match() -> None:
    """The gate: a text without "(" or without both "$" and "cents" holds no pair."""
    money = ["235", "million", "guilders", "yen", "£", "€5", "C$", "US$", "$", "cents", "pence", "(", ")", "3.5",
             "U.S.", "pounds", "marks", "about"]
    rng = random.Random(5)
    skipped = 0
    for _ in range(5000):
        t = " ".join(rng.choice(money) for _ in range(rng.randint(1, 12)))
        if "(" not in t or ("$" not in t and "cents" not in t):
            skipped += 1
            assert not any(p.search(t) for p in PAIRS), t
            assert conversions(t) == []
    assert skipped > 1000
    assert conversions("235 million guilders ($113.2 million)")  # and a real pair is still read


def test_surname_pattern_finds_what_a_leading_look_behind_finds() -> None:
    plain = re.compile(r"(?<![\w.-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w-])")  # the form before the capital came first
    rng = random.Random(2)
    pieces = list("aAbZz.-_ 1é,'") + ["Bush", "Mc", "O'", "-Lee"]
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        lo = rng.randint(0, len(s))
        assert [m.span() for m in SURNAME.finditer(s, lo)] == [m.span() for m in plain.finditer(s, lo)], repr(s)
