"""How an expression is spelled before the rules read it, and the vocabulary the rules are written in.

``normalise`` gives every expression one spelling: lower case, straight apostrophes, no possessive,
abbreviations without their dot, spelled-out numbers and years as digits ("twenty-two" -> 22, "nineteen
eighty-nine" -> 1989). ``strip_mods`` then drops the words around an expression that do not change its
value ("nearly", "by", "the end of"). The word tables and regex fragments below are shared by the rules.
"""

from __future__ import annotations

import functools
import re

MONTHS = {m: k for k, m in enumerate("january february march april may june july august september october "
                                     "november december".split(), 1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {d: k for k, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "fortnight": "2W", "decade": "DE", "century": "CE",
         "quarter": "Q", "hour": "TH", "minute": "TM", "second": "TS"}
ORDINALS = {w: k for k, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                                       "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                                       "nineteenth twentieth".split(), 1)}
SMALL = {w: k for k, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: k * 10 for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
DECADE_WORDS = {w[:-1] + "ies": k // 10 for w, k in TENS.items()}  # "eighties" -> 8

PRESENT = {"now", "right now", "just now", "currently", "presently", "at present", "the present", "nowadays",
           "these days", "at the moment", "this moment", "the moment", "for now", "so far"}
PAST = {"recently", "recent", "more recently", "most recently", "lately", "previously", "formerly", "the past",
        "in the past", "past", "earlier", "once", "some time ago", "a while ago", "long ago", "then current",
        "the time", "at the time", "that time", "in recent times"}
FUTURE = {"soon", "the future", "future", "in the future", "the near future", "near future", "later",
          "the near term", "near term", "the short term", "short term", "the long term", "long term", "shortly",
          "a later date", "as soon as possible", "eventually", "in due course", "one day", "someday"}
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
               "quarterly": "P1Q", "hourly": "PT1H", "biweekly": "P2W", "nightly": "P1D"}


NUMBER_SPLIT = re.compile(r"[- ]+")


def words_to_number(words: str) -> int | None:
    parts = NUMBER_SPLIT.split(words.strip())
    total = 0
    for p in parts:
        if p in SMALL:
            total += SMALL[p]
        elif p in TENS:
            total += TENS[p]
        elif p == "hundred":
            total = max(total, 1) * 100
        elif p != "and":
            return None
    return total


NUMBER_WORDS = (r"\b(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(k for k in SMALL if k != "zero") +
                r"))?|" + "|".join(sorted(SMALL, key=len, reverse=True)) + r")\b(?![-']?(?:ies|th)\b)")
SPELLED_YEAR = re.compile(r"\b(nineteen|twenty)[- ](" + NUMBER_WORDS + r"|hundred)|\btwo thousand(?: and)?(?: (" +
                          NUMBER_WORDS + r"))?")


def _spelled_year(m: re.Match[str]) -> str:
    if m.group(0).startswith("two thousand"):
        return str(2000 + (words_to_number(m.group(3)) or 0) if m.group(3) else 2000)
    rest = 0 if m.group(2) == "hundred" else words_to_number(m.group(2))
    if rest is None or not (rest == 0 or 10 <= rest <= 99):
        return m.group(0)
    return str((1900 if m.group(1) == "nineteen" else 2000) + rest)


SPACES = re.compile(r"\s+")
POSSESSIVE = re.compile(r"(?:'s|s')$")
ABBREVIATED = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.")
CLOCK_AMPM = re.compile(r"\b([ap])\.? ?m\b\.?")
NUMBER = re.compile(NUMBER_WORDS)
HYPHENED_UNIT = re.compile(r"\b(\d+)-(?=(?:year|month|week|day|hour|minute|quarter|decade)s?\b)")
COUPLE = re.compile(r"\ba couple(?: of)?\b")
YEAR_AGO = re.compile(r"^year[- ](?:earlier|ago)$")
WHOLE_YEAR = re.compile(r"^(?:year[- ]end|year's end|end of (?:the )?year)$")


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """One spelling of an expression (cached: the dating and timexes stages resolve the same text often)."""
    s = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    s = SPACES.sub(" ", s).strip(" ,.;:!?\"'()[]")
    s = POSSESSIVE.sub("", s).strip()
    s = ABBREVIATED.sub(r"\1", s)
    s = CLOCK_AMPM.sub(r"\1m", s)
    s = SPELLED_YEAR.sub(_spelled_year, s)
    s = NUMBER.sub(lambda m: str(words_to_number(m.group(0))), s)
    s = HYPHENED_UNIT.sub(r"\1 ", s)
    s = COUPLE.sub("2", s)
    s = YEAR_AGO.sub("a year ago", s)  # "year-earlier results": before the period reported
    s = WHOLE_YEAR.sub("year", s)
    return s


# Words around an expression that do not change its value: "nearly", "by", "early", "the end of"...
PREFIX = re.compile(r"^(?:both|between|either|around|about|approximately|nearly|almost|roughly|some|at least|"
                    r"at most|more than|less "
                    r"than|over|under|just|only|as early as|as late as|by|since|until|till|through|from|in|on|at|"
                    r"during|before|after|within|for|of|early|earlier|late|later|mid-?|(?:the )?(?:middle|end|"
                    r"beginning|start|close|turn|rest) of|much of|most of|all of|part of|a good part of|sometime|"
                    r"some time|the|its|a flat|the same|another)[- ]")
SUFFIX = re.compile(r"(?:,| or so| or later| and beyond| or more| or two| at the earliest| at the latest| alone)$")


@functools.lru_cache(maxsize=8192)
def strip_mods(s: str) -> str:
    for _ in range(6):
        t = PREFIX.sub("", s, count=1)
        t = SUFFIX.sub("", t).strip()
        if t == s or not t:
            return s
        s = t
    return s


# --- regex fragments and small readers the rules share ----------------------------------------------

ALT = "|".join
MON = "(?P<mon>" + ALT(sorted(MONTHS, key=len, reverse=True)) + ")"
WD = "(?P<wd>" + ALT(WEEKDAYS) + ")"
PART = "(?P<part>" + ALT(PARTS) + ")"
NUM = r"(?P<n>\d+(?:\.\d+)?|an?|one|a few|few|several|many|some|a number of|numerous)"
UNIT_WORD = r"years?|months?|weeks?|days?|fortnights?|decades?|centur(?:y|ies)|quarters?|hours?|minutes?|seconds?"
UNIT = f"(?P<u>{UNIT_WORD})"
DAYNUM = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?|(?P<dw>" + ALT(ORDINALS) + ")"
YEAR_RE = r"(?P<y>1\d{3}|20\d\d|'\d\d)"
ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 2}
REL_DET = (r"this past|this coming|the following|the previous|the next|last|this|next|past|coming|previous|prior|"
           r"preceding|following|current|present|latest|that|upcoming")


def unit_code(u: str) -> str:
    u = "century" if u.startswith("centur") else u.rstrip("s")
    return UNITS[u]


def count(n: str) -> float | None:
    if n in ("a", "an", "one"):
        return 1
    try:
        return float(n)
    except ValueError:
        return None


def year_of(y: str) -> int:
    return 1900 + int(y[1:]) if y.startswith("'") else int(y)
