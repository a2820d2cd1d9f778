"""TIMEX3 values and the calendar arithmetic on them.

Values follow TIMEX3: 2017-09-04, 2017-09, 2017, 2017-W35, 2017-SU, 2017-Q3, 198 (the 1980s), P2Y,
PRESENT_REF... An ``Anchor`` is the publication date at the precision it is known; asking it for a finer
precision raises ``NoAnchor`` so a relative expression resolves only as far as its anchor allows. A
``Context`` holds the dates the article has named so far; the ``pick_*`` functions choose the year or day
of a weekday, month or season named without one, from the anchor and the clause's tense.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DAY, MONTH, YEAR = 3, 2, 1  # anchor precisions
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# The shapes of the values read here, compiled once (notes and shifts run for every expression).
ANCHOR_VALUE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
NOTED_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d))?(?:T.*)?")
DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)")
QUARTER_VALUE = re.compile(r"(\d{4})-Q(\d)")
YEAR_VALUE = re.compile(r"(\d{4})(?:-.*)?")


class NoAnchor(Exception):
    """The expression needs a finer anchor (or an earlier reference date) than the article gives."""


@dataclass(frozen=True)
class Anchor:
    date: dt.date
    precision: int  # YEAR, MONTH or DAY

    def at(self, precision: int) -> dt.date:
        if self.precision < precision:
            raise NoAnchor
        return self.date


def parse_anchor(value: str | None) -> Anchor | None:
    m = ANCHOR_VALUE.match(value or "")
    if not m:
        return None
    try:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        return Anchor(dt.date(y, mo, d), DAY if m.group(3) else MONTH if m.group(2) else YEAR)
    except ValueError:
        return None


@dataclass
class Context:
    """Dates the article has named so far, by granularity (D, M, Y, Q) with the sentence that named them:
    what "the day after", "that year" or "four years later" count from."""

    refs: dict[str, tuple[str, int]] = field(default_factory=dict)
    sent: int = 0  # the sentence being resolved

    def note(self, value: str | None) -> None:
        m = NOTED_VALUE.fullmatch(value or "")
        if not m:
            return
        self.refs["Y"] = (m.group(1), self.sent)
        if m.group(0) == m.group(1):
            self.period()  # a whole year named: "in 1988", "for the year"
        if m.group(4):
            self.refs["Q"] = (m.group(0), self.sent)
        if m.group(2):
            self.refs["M"] = (m.group(0)[:7], self.sent)
        if m.group(3):
            self.refs["D"] = (m.group(0)[:10], self.sent)

    def near(self, code: str) -> str | None:
        """The reference if named in this or the previous sentence."""
        value, sent = self.refs.get(code, ("", -99))
        return value if self.sent - sent <= 1 else None

    def period(self) -> None:
        """A period longer than a quarter is being reported on now ("for the nine months", "in 1988")."""
        self.refs["P"] = ("", self.sent)

    def keep(self, code: str) -> None:
        """The reference is still the one talked about ("the year-ago quarter" compares with it)."""
        if code in self.refs:
            self.refs[code] = (self.refs[code][0], self.sent)

    def quarter_topic(self) -> str | None:
        """The quarter an earnings comparison is about: named in the last five sentences and no longer
        period named since. "Profit rose in the third quarter ... from $3 million a year earlier" compares
        quarters; "for the nine months, ... a year earlier" does not."""
        q, q_sent = self.refs.get("Q", ("", -99))
        _, p_sent = self.refs.get("P", ("", -99))
        return q if self.sent - q_sent <= 4 and q_sent >= p_sent else None

    def reference(self, code: str, anchor: Anchor | None, back: bool = False, fallback: bool = False) -> str:
        """The last named date at a unit's granularity ("W" counts in days). Counting back ("a year earlier")
        uses only a date named close by, else the anchor. Without a reference: the anchor when counting back
        or with ``fallback``, else NoAnchor."""
        key = "D" if code == "W" else code
        found = self.near(key) if back else self.refs.get(key, (None, 0))[0]
        if found:
            return found
        if not (back or fallback) or anchor is None:
            raise NoAnchor
        return offset(anchor.at(PRECISION_OF.get(code, DAY)), 0, key)


def fmt_day(d: dt.date) -> str:
    return d.isoformat()


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(value: str, n: int, unit: str) -> str:
    """Move a TIMEX3 value by n units, keeping its granularity where it can."""
    if m := DAY_VALUE.fullmatch(value):
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if unit in ("D", "W"):
            return fmt_day(d + dt.timedelta(days=n * (7 if unit == "W" else 1)))
        if unit == "M":
            y, mo = add_months(d.year, d.month, n)
            return fmt_month(y, mo)
        return f"{d.year + n:04d}"
    if m := MONTH_VALUE.fullmatch(value):
        if unit in ("M", "Y"):
            return fmt_month(*add_months(int(m.group(1)), int(m.group(2)), n * (12 if unit == "Y" else 1)))
    if m := QUARTER_VALUE.fullmatch(value):
        if unit in ("Q", "Y"):
            k = int(m.group(1)) * 4 + int(m.group(2)) - 1 + n * (4 if unit == "Y" else 1)
            return f"{k // 4:04d}-Q{k % 4 + 1}"
    if m := YEAR_VALUE.fullmatch(value):
        if unit == "Y":
            return f"{int(m.group(1)) + n:04d}"
    raise NoAnchor


def pick_weekday(a: dt.date, wd: int, tense: str | None, mod: str | None) -> dt.date:
    back = (a.weekday() - wd) % 7
    fwd = (wd - a.weekday()) % 7
    prev, nxt = a - dt.timedelta(days=back), a + dt.timedelta(days=fwd)
    if mod in ("last", "previous", "this past"):
        return prev if back else a - dt.timedelta(days=7)
    if mod in ("next", "this coming", "coming"):
        return nxt if fwd else a + dt.timedelta(days=7)
    if tense == "past":
        return prev
    if tense in ("future", "present"):  # "Abe arrives Thursday": a present tense with a weekday is a plan
        return nxt
    return prev if back <= 2 * fwd else nxt  # news mostly reports what has happened


def pick_year(a: dt.date, month: int, day: int | None, tense: str | None, mod: str | None) -> int:
    """Year of a month (or month and day) named without one, seen from anchor a."""
    def when(y: int) -> dt.date:
        return dt.date(y, month, min(day or 1, 28 if month == 2 else 30) if day else 1)
    here = dt.date(a.year, a.month, a.day if day else 1)
    if mod in ("last", "this past", "previous") and day is None:  # "last May" said in June is "last month"
        return a.year if month < a.month - 1 else a.year - 1
    if mod in ("last", "this past", "previous"):
        return a.year if when(a.year) < here else a.year - 1
    if mod in ("next", "this coming", "coming"):
        return a.year if when(a.year) > here else a.year + 1
    if mod == "this":
        return a.year
    if tense == "past":  # a deadline or plan reported in the past tense: "extended the offer to Nov. 20",
        # "notified buyers of a cutback in September": up to a month ahead, else the last one
        return a.year if (when(a.year) - here).days <= 31 else a.year - 1
    if tense == "future":  # ahead; a few days behind is a plan told before the text was dated, not next year's
        return next(y for y in (a.year - 1, a.year, a.year + 1) if when(y) >= here - dt.timedelta(days=LATE_DAYS))
    return min((a.year - 1, a.year, a.year + 1), key=lambda y: max((when(y) - here).days * 2, (here - when(y)).days))


LATE_DAYS = 7  # how far behind its anchor a date in a future clause may lie: the text written before it was dated


def pick_season(a: dt.date, code: str, tense: str | None, mod: str | None) -> int:
    """Year of a season named without one ("last summer", "in the spring" in a past-tense clause)."""
    cy, cc = season_of(a)
    here = cy * 12 + SEASON_START[cc]
    options = [y * 12 + SEASON_START[code] for y in range(a.year - 2, a.year + 2)]
    if mod in ("last", "past", "this past"):
        k = max(o for o in options if o < here)
    elif mod in ("next", "coming", "this coming"):
        k = min(o for o in options if o > here)
    elif mod != "this" and tense == "past":
        k = max(o for o in options if o <= here)
    elif mod != "this" and tense == "future":
        k = min(o for o in options if o >= here)
    else:
        k = min(options, key=lambda o: (abs(o - here), o > here))
    return (k - SEASON_START[code]) // 12


def weekday_of(y: int, m: int, d: int) -> int | None:
    try:
        return dt.date(y, m, d).weekday()
    except ValueError:
        return None


def season_of(d: dt.date) -> tuple[int, str]:
    code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")
    return (d.year - 1 if d.month < 3 else d.year), code


def offset(a: dt.date, n: int, code: str) -> str:
    """The anchor moved by n units, at that unit's granularity ("two weeks ago" -> a week)."""
    if code == "Y":
        return f"{a.year + n:04d}"
    if code == "M":
        return fmt_month(*add_months(a.year, a.month, n))
    if code == "Q":
        k = a.year * 4 + (a.month - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if code in ("W", "2W"):
        return fmt_week(a + dt.timedelta(weeks=n * (2 if code == "2W" else 1)))
    if code == "D":
        return fmt_day(a + dt.timedelta(days=n))
    if code == "DE":
        return f"{a.year // 10 + n:03d}"
    raise NoAnchor


PRECISION_OF = {"Y": YEAR, "DE": YEAR, "CE": YEAR, "M": MONTH, "Q": MONTH, "W": DAY, "2W": DAY, "D": DAY}


def duration(n: float | None, code: str) -> str:
    k = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    return f"PT{k}{code[1:]}" if code.startswith("T") else f"P{k}{code}"
