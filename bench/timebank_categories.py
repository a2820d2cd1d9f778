"""Error categories for the TimeBank report: which kind of expression each gold TIMEX3 is.

A matched DATE/TIME pair is put in the first category whose test its gold text or gold value passes (the
order below runs from the most specific form to the least), so the report can say "weekday direction 30
of 36" rather than one number. ``half`` splits the documents into two fixed halves by a hash of the file
name, for tuning on one half and scoring the other.

Not part of the package: used by ``bench/eval_timebank.py`` (which puts bench/ on sys.path).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

WEEKDAY = r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
MONTH = (r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
         r"nov(?:ember)?|dec(?:ember)?)\b\.?")


def _has(pattern: str) -> Callable[[str, str], bool]:
    rx = re.compile(pattern)
    return lambda text, value: bool(rx.search(text))


def _value(pattern: str) -> Callable[[str, str], bool]:
    rx = re.compile(pattern)
    return lambda text, value: bool(rx.search(value))


def _either(text_pattern: str, value_pattern: str) -> Callable[[str, str], bool]:
    t, v = _has(text_pattern), _value(value_pattern)
    return lambda text, value: t(text, value) or v(text, value)


CATEGORIES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("now / past / future refs", lambda t, v: v.endswith("_REF") or t in ("now", "currently", "recently")),
    ("times of day", _value(r"T(?:\d|MO|AF|EV|NI)")),
    ("quarters / halves", _either(r"\bquarter|\bhalf\b|\bperiod\b", r"-[QH]")),
    ("fiscal years", _has(r"\bfiscal\b")),
    ("seasons", _either(r"spring|summer|fall|autumn|winter", r"-(?:SP|SU|FA|WI)$")),
    ("decades / centuries", _either(r"\d0'?s\b|decade|century", r"^\d\d\d?X?$")),
    ("weekday direction", _has(WEEKDAY)),
    ("month-day year", _has(MONTH + r" \d|\d(?:st|nd|rd|th)? (?:of )?" + MONTH)),
    ("month without day", _has(MONTH)),
    ("counted ago / earlier", _has(r"\bago\b|\bearlier\b|\blater\b|\bbefore\b|\bafter\b")),
    ("the year / this year", _has(r"\b(?:the|this|that|current|same) year\b|^year$")),
    ("relative week / month / year", _has(r"\b(?:week|weekend|month|year|day)s?\b")),
    ("day words", _has(r"\b(?:today|tonight|yesterday|tomorrow)\b")),
    ("explicit years / dates", _has(r"\d")),
]


def category(text: str, value: str | None) -> str:
    low, val = text.lower(), value or ""
    return next((name for name, test in CATEGORIES if test(low, val)), "other")


def half(name: str) -> str:
    """A or B: a fixed split of the documents by a hash of the file name."""
    return "AB"[zlib.crc32(name.encode()) % 2]
