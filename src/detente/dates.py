"""Calendar values as this project reports them: a day, an ISO week, a month or a year.

One home for turning those values into date bounds (``first_day``/``last_day``), for reading the
``since``/``until`` filters every face accepts (``parse_bound``), and for checking that a stated
publication date is a real calendar date (``calendar_date``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from detente.errors import UsageError

ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
ISO_YEAR = re.compile(r"^(\d{4})$")
ISO_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q\d|H\d)$")
BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # what since/until accept: YYYY, YYYY-MM, YYYY-MM-DD
PRECISIONS = ("day", "week", "month", "year")


def precision(value: str | None) -> tuple[str | None, str | None]:
    """A TIMEX3 value -> (calendar value, precision) or (None, None) when it is not a calendar date.
    Seasons and quarters are kept as their year: this project reports day / week / month / year."""
    out: tuple[str | None, str | None] = (None, None)
    if not value:
        return out
    if m := ISO_DAY.match(value):
        out = (m.group(0), "day")
    elif ISO_WEEK.match(value):
        out = (value, "week")
    elif ISO_MONTH.match(value):
        out = (value, "month")
    elif ISO_YEAR.match(value):
        out = (value, "year")
    elif m := ISO_PART.match(value):
        out = (m.group(1), "year")
    if out[0] is not None and out[1] is not None:
        try:
            first_day(out[0], out[1])
        except ValueError:  # "2017-W54", "2017-13": not a calendar date
            return None, None
    return out


def first_day(value: str, prec: str) -> date:
    """The first day a value of that precision covers (raises ValueError for a non-date)."""
    if prec == "day":
        return date.fromisoformat(value[:10])
    if prec == "week":
        y, w = int(value[:4]), int(value[6:8])
        return date.fromisocalendar(y, w, 1)
    if prec == "month":
        return date(int(value[:4]), int(value[5:7]), 1)
    return date(int(value[:4]), 1, 1)


def last_day(value: str, prec: str) -> date:
    """The last day a value of that precision covers."""
    start = first_day(value, prec)
    if prec == "day":
        return start
    if prec == "week":
        return start + timedelta(days=6)
    if prec == "month":
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(start.year, 12, 31)


def month_of(value: str, prec: str) -> str:
    """The calendar month an event falls in (a week counts in the month of its Thursday, as ISO does)."""
    if prec == "week":
        return (first_day(value, prec) + timedelta(days=3)).isoformat()[:7]
    return value[:7]


def parse_bound(value: str | None, name: str, end: bool = False) -> date | None:
    """A since/until filter as YYYY, YYYY-MM or YYYY-MM-DD; an end bound covers the whole year or month it
    names. ``name`` is the parameter as the caller's user knows it ('since', '--until')."""
    if value is None or value == "":
        return None
    if not BOUND.match(value):
        raise UsageError(f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    prec = {4: "year", 7: "month"}.get(len(value), "day")
    try:
        return last_day(value, prec) if end else first_day(value, prec)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a calendar date") from None


def calendar_date(value: str) -> bool:
    """Whether a stated date (YYYY, YYYY-MM or YYYY-MM-DD, a time after it ignored) names a real day,
    month or year: 2017-02-30 and 2017-13-45 do not."""
    head = value.strip()[:10]
    if not BOUND.match(head):
        return False
    try:
        parse_bound(head, "published")
    except UsageError:
        return False
    return True


def stated_date(value: str, name: str) -> str:
    """A publication date given by the user (YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known)."""
    if not BOUND.match(value):
        raise UsageError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD")
    parse_bound(value, name)  # a calendar date: 2017-02-30 is refused
    return value
