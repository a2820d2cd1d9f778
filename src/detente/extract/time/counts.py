"""Count clues: a span of years counted from a year the same sentence names fixes the year of writing ("the
50th anniversary of the 1948 war", "twenty years ago, in 1978", "ten years after it opened in 1989").

Each votes for the one year the count reaches (``Weights.count``); a sentence naming more than one year is
left alone, since the count may run from either.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.extract.time.clues import Clues
from detente.timex.normalise import NUMBER_WORDS, words_to_number
from detente.types import Doc

YEAR = re.compile(r"(?<![\d,.$])\b(1[89]\d\d|20\d\d)\b(?![.,]\d|%| percent)")  # a year, not an amount
YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d")  # in every YEAR: found fast (a literal first), it spares the rest
NUM = rf"(?P<n>\d{{1,3}}|{NUMBER_WORDS})"
COUNTS = [
    re.compile(rf"(?i)\b{NUM}[- ]years?[- ](?:ago|since|after|later)\b"),
    re.compile(r"(?i)\b(?P<n>\d{1,3})(?:st|nd|rd|th) anniversary\b"),
]


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else words_to_number(text.lower())


def count_clues(doc: Doc, out: Clues) -> None:
    """A whole-year vote for the year a count of years from the sentence's one named year reaches."""
    k = out.weights
    if not k.count:
        return
    for sent in doc.sentences:
        a, b = max(sent.start, doc.meta.body_start), min(sent.end, doc.meta.body_end)
        if a >= b or not YEAR_DIGITS.search(doc.text, a, b):
            continue
        text = doc.text[a:b]
        years = {int(y) for y in YEAR.findall(text)}
        if len(years) != 1:
            continue
        (year,) = years
        for pattern in COUNTS:
            for m in pattern.finditer(text):
                n = _number(m.group("n"))
                if n and 1 <= n <= 200 and year + n <= dt.date.today().year + 1:
                    y = year + n
                    out.add(a + m.start(), a + m.end(), m.group(0), "date", dt.date(y, 1, 1), dt.date(y, 12, 31),
                            k.count)
