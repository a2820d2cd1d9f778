"""Clues to the publication date as weighted day intervals, and the view of one parsed text they are read from.

``Weights`` holds every tunable in one place (tuned on folds of TimeBank with ``bench/eval_dating.py``; the
comments give the reason for each shape, the numbers come from the folds). ``Clues`` turns a finding (a
stated date and its tense, a month and day without a year, a world event, a relative expression that pins
one) into the intervals it votes for.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from detente.dates import first_day, last_day, precision
from detente.extract.time.candidates import candidate_spans
from detente.extract.time.tense import clause_tense, layout
from detente.kb.world_events import WorldEvent
from detente.timex.calendar import DAY, Anchor, Context, weekday_of
from detente.timex.normalise import DAYNUM, MON, MONTHS, ORD, ORDINALS, WD, WEEKDAYS, YEAR_RE, normalise, strip_mods
from detente.timex.rules import resolve_with
from detente.types import DateClue, Doc

DAYS = dt.timedelta(days=1)
LEAP = 2000  # the year every-year clues are computed in (it has a 29 February)
YEARS = range(1980, 2027)  # years a weekday-and-date pair is tried in
QUARTER = re.compile(r"(?:fiscal |calendar )?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|last)[- ]"
                     r"(?:fiscal[- ])?(?P<k>quarter|half)")
DAY_WORDS = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:week|weekend|yesterday|today|tomorrow|"
                       r"tonight|day|days)\b")
YEARLESS_DAY = re.compile(r"(?:" + WD + r",? )?" + MON + r" (?:the )?(?:" + DAYNUM + r")(?!,? " + YEAR_RE + ")")
MONTH_ALONE = re.compile(MON)


@dataclass(frozen=True)
class Weights:
    bound: float = 1.0  # a past date is a floor, a future date a ceiling; a date whose tense does not say
    unsaid: float = 0.25  # ... is most often past: a weaker floor (0.25 on every fold)
    # A stated year is no sign of recency: on TimeBank the latest past date a text states lies within 62
    # days of its creation in 1 text of 8, so a stated date bounds and never narrows (0: no vote).
    near_stated: float = 0.0
    near_caption: float = 0.5  # a photo is mostly recent (but an archive photo is not: half a vote)
    near: float = 1.0  # a month and day without a year: the nearest such day, as a reader takes it
    after: int = 45  # days a past month-day's "soon after" runs
    before: int = 45  # days a future month-day's "soon before" runs
    after_open: int = 30  # one whose tense does not say: around it
    ahead: int = 0  # days before a past month-day a past clause may still mean (a plan reported); 31 lost on the folds
    year: float = 0.5  # a year alone counts less than a day or a month
    # Between the years a floor leaves open, the nearer ones are likelier: a small vote for the year after a
    # past stated date (and the year before a future one) that breaks ties between every-year clues.
    stated_recent: float = 0.25
    stated_recent_days: int = 180
    # A year stated in a past clause is most often last year or this one ("sales in 1988 were ..."), one in a
    # future clause this year or next: votes for those years (bench/eval_dating.py tunes them on folds).
    year_after: float = 0.5  # past year Y: publication in Y + 1 (chosen on every fold once quarters read fiscal years)
    year_same: float = 0.0  # past year Y: in Y itself (future year Y: in Y itself too)
    year_before: float = 0.5  # future year Y: in Y - 1 ("expects 1990 sales to ...": written in 1989)
    # News style gives a date's year only when it is not the current one ("on Aug. 10, 1988" in 1989, "on
    # Aug. 10" this year): a past day or month stated with its year votes for the year after it.
    dated_after: float = 0.0
    # A quarter or half named without a year: told as past, its results are out within weeks of its end
    # (earnings season); told as future, it has not ended yet.
    quarter: float = 1.0
    quarter_after: int = 61
    quarter_before: int = 92
    quarter_report: int = 45  # days after a future quarter's end its result may still be forecast
    fiscal: float = 0.25  # the vote for a fiscal quarter, as a fraction of the calendar one's
    month: float = 0.5  # a month named without a year
    role: float = 2.0  # a title in a present or future clause: the tenure holds on the day
    role_past: float = 0.5  # in a past clause: held at some time before
    # News goes on naming a title for a few days after the office is left ("Chancellor Nigel Lawson's
    # resignation"): the tenure's last day is extended by this many days.
    role_after: int = 7
    elect: int = 80  # days "-elect" runs before the tenure starts
    event: float = 1.0  # a world event named as past (floor) or future (ceiling)
    event_near: float = 0.5
    event_after: int = 365
    # News names most events within weeks of them: a further vote for the weeks right after a past one.
    event_recent: float = 0.5
    event_recent_days: int = 45
    event_before: int = 120
    event_open_recent: float = 0.5  # an event named in a clause whose tense does not say: the weeks around it
    event_open_before: int = 14
    # A sum stated in a currency and in dollars: a vote for each year whose average rate is within the
    # tolerance of it (``money.py``), when no more than rate_years are.
    count: float = 1.0  # "the 50th anniversary of the 1948 war": the year the count reaches (``counts.py``)
    rate: float = 0.5
    rate_tolerance: float = 0.08
    rate_years: int = 10
    pinned: float = 2.0  # a relative expression that names the event's days: the anchors it allows
    pin_reach: int = 14  # days around the event the pinning anchors are searched in ("last week": 7 to 13)


DEFAULT = Weights()


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _every_year(d: dt.date) -> str:
    return f"----{d.month:02d}-{d.day:02d}"


@dataclass
class Clues:
    """The clues found so far; each method adds those of one finding."""

    weights: Weights = DEFAULT
    found: list[DateClue] = field(default_factory=list)
    quarters_seen: set[str] = field(default_factory=set)

    def add(self, a: int, b: int, text: str, why: str, lo: dt.date | None, hi: dt.date | None, w: float,
            annual: bool = False) -> None:
        fmt = _every_year if annual else _iso
        self.found.append(DateClue(a, b, text, why, fmt(lo) if lo else None, fmt(hi) if hi else None, w, annual))

    def near(self, a: int, b: int, text: str, why: str, lo: dt.date, hi: dt.date, tense: str | None, w: float,
             after: int, annual: bool = False) -> None:
        """"Soon after" a past date, "soon before" a future one, around one whose tense does not say."""
        k = self.weights
        if tense == "past":
            self.add(a, b, text, why, lo - (k.ahead if annual else 0) * DAYS, hi + after * DAYS, w, annual)
        elif tense == "future":
            self.add(a, b, text, why, lo - k.before * DAYS, hi, w, annual)
        else:
            self.add(a, b, text, why, lo - k.after_open * DAYS, hi + after * DAYS, w, annual)

    def dated(self, a: int, b: int, text: str, why: str, lo: dt.date, hi: dt.date, tense: str | None,
              year_only: bool = False) -> None:
        """A date the text states with its year."""
        k = self.weights
        scale = k.year if year_only else 1.0
        if tense == "future":
            self.add(a, b, text, why, None, hi, k.bound * scale)
        else:
            self.add(a, b, text, why, lo, None, (k.bound if tense == "past" else k.unsaid) * scale)
        near = k.near_caption if why == "caption" else k.near_stated
        if near:
            self.near(a, b, text, why, lo, hi, tense, near * scale, k.after)
        if k.stated_recent:
            reach = k.stated_recent_days * DAYS
            if tense == "future":
                self.add(a, b, text, why, lo - reach, hi, k.stated_recent * scale)
            else:
                self.add(a, b, text, why, lo, hi + reach, k.stated_recent * scale)
        self.year_prior(a, b, text, why, lo.year, tense, year_only)

    def year_prior(self, a: int, b: int, text: str, why: str, year: int, tense: str | None,
                   year_only: bool = True) -> None:
        """The years a stated date suggests the text was written in: for a year alone, this one or the next
        after a past year, this one or the one before for a future year; for a day or month with its year,
        written out because it is not this year's, the year after a past one."""
        k = self.weights
        votes: list[tuple[int, float]]
        if not year_only:
            votes = [(year + 1, k.dated_after)] if tense == "past" else []
        elif tense == "future":
            votes = [(year - 1, k.year_before), (year, k.year_same)]
        else:
            votes = [(year, k.year_same), (year + 1, k.year_after)]
        for y, w in votes:
            if w and 1900 <= y <= 2100:
                self.add(a, b, text, why, dt.date(y, 1, 1), dt.date(y, 12, 31), w)

    def yearless(self, a: int, b: int, text: str, why: str, tense: str | None) -> bool:
        """A month and day, or a month, named without a year: in every year, or, with a weekday, in the
        years the weekday fits. False when the text is neither."""
        k = self.weights
        s = strip_mods(normalise(text))
        m = YEARLESS_DAY.fullmatch(s)
        if m:
            mon = MONTHS[m.group("mon")]
            day = int(m.group("d")) if m.group("d") else ORDINALS[m.group("dw")]
            if m.group("wd"):
                fits = [y for y in YEARS if weekday_of(y, mon, day) == WEEKDAYS[m.group("wd")]]
                for y in fits:
                    d = dt.date(y, mon, day)
                    self.near(a, b, text, why, d, d, tense, k.near, k.after)
                return bool(fits)
            if weekday_of(LEAP, mon, day) is None:
                return False
            d = dt.date(LEAP, mon, day)
            self.near(a, b, text, why, d, d, tense, k.near, k.after, annual=True)
            return True
        if m := QUARTER.fullmatch(s):
            return self.quarter(a, b, text, why, m, tense)
        if m := MONTH_ALONE.fullmatch(s):
            mon = MONTHS[m.group("mon")]
            lo = dt.date(LEAP, mon, 1)
            self.near(a, b, text, why, lo, last_day(f"{LEAP}-{mon:02d}", "month"), tense, k.month, k.after,
                      annual=True)
            return True
        return False

    def quarter(self, a: int, b: int, text: str, why: str, m: re.Match[str], tense: str | None) -> bool:
        """A quarter or half without a year: after its end when past (once per quarter: a report names its
        quarter many times), before its end when future; an unsaid tense does not say which. False when it
        is no season of the year ("last quarter" counts from the day)."""
        k = self.weights
        n, kind = ORD[m.group("o")], m.group("k")
        months = 3 if kind == "quarter" else 6
        if (kind == "half" and n > 2) or m.group("o") == "last":
            return False
        key = f"{kind}{n}{tense}"
        if tense not in ("past", "future") or key in self.quarters_seen:
            return True
        self.quarters_seen.add(key)
        # The calendar quarter, and with less weight the same quarter of a fiscal year that ends on 30
        # September or 30 June (many companies' years do: their "fourth quarter" ends in September).
        for shift, w in ((0, k.quarter), (3, k.quarter * k.fiscal), (6, k.quarter * k.fiscal)):
            if not w:
                continue
            first = (n - 1) * months + 1 - shift
            start = dt.date(LEAP, (first - 1) % 12 + 1, 1)
            end = last_day(f"{LEAP}-{(first + months - 2) % 12 + 1:02d}", "month")
            if tense == "past":
                lo, hi = end + DAYS, end + k.quarter_after * DAYS
            else:  # a result still to be reported ("expects to report a third-quarter loss") may be weeks past
                lo, hi = start - k.quarter_before * DAYS, end + k.quarter_report * DAYS
            self.add(a, b, text, why, lo, hi, w, annual=True)
        return True

    def event(self, a: int, b: int, text: str, ev: WorldEvent, tense: str | None) -> None:
        """A world event named in a past, future or unsaid tense."""
        k = self.weights
        if ev.annual:
            lo, hi = dt.date(LEAP, int(ev.start[4:6]), int(ev.start[7:9])), dt.date(LEAP, int(ev.end[4:6]),
                                                                                  int(ev.end[7:9]))
            self.near(a, b, text, "event", lo, hi, tense, k.event_near, k.after, annual=True)
            return
        lo, hi = dt.date.fromisoformat(ev.start), dt.date.fromisoformat(ev.end)
        if tense == "past":
            self.add(a, b, text, "event", lo, None, k.event)
            self.add(a, b, text, "event", lo, hi + k.event_after * DAYS, k.event_near)
            if k.event_recent:
                self.add(a, b, text, "event", lo, hi + k.event_recent_days * DAYS, k.event_recent)
        elif tense == "future":
            self.add(a, b, text, "event", None, hi, k.event)
            self.add(a, b, text, "event", lo - k.event_before * DAYS, hi, k.event_near)
        else:
            self.add(a, b, text, "event", lo - k.event_before * DAYS, hi + k.event_after * DAYS, k.event_near)
            if k.event_open_recent:  # named without a tense ("the Pope in Cuba"): most often in the weeks around it
                self.add(a, b, text, "event", lo - k.event_open_before * DAYS, hi + k.event_recent_days * DAYS,
                         k.event_open_recent)

    def pinned(self, a: int, b: int, text: str, ev: WorldEvent, tense: str | None) -> None:
        """A relative expression in the event's sentence ("last week", "Sunday's"): the publication days on
        which it would name the event's days. Nothing when it names them from every day tried, or none."""
        k = self.weights
        if not DAY_WORDS.search(text) or resolve_with(text, None, tense, Context())[1] is not None:
            return  # not a day or a week counted from the publication; or an absolute date, a clue of its own
        year = LEAP if ev.annual else int(ev.start[:4])
        lo = dt.date(year, int(ev.start[5 if not ev.annual else 4:][:2]), int(ev.start[-2:]))
        hi = dt.date(year, int(ev.end[-5:-3]), int(ev.end[-2:]))
        hi = hi if hi >= lo else dt.date(year + 1, hi.month, hi.day)
        first, last = lo - k.pin_reach * DAYS, hi + k.pin_reach * DAYS
        # The day an expression names never goes back as the day it is said on goes forward, so the days
        # that name [lo, hi] are one run: its ends are found by halving instead of trying every day.
        start = _first(first, last, lambda d: (span := days_named(text, d, tense)) is not None and span[1] >= lo)
        end = _last(first, last, lambda d: (span := days_named(text, d, tense)) is None or span[0] <= hi)
        if start is None or end is None or start > end or not names(text, start, tense, lo, hi):
            return
        if (start, end) != (first, last):
            self.add(a, b, text, "event", start, end, k.pinned, ev.annual)


def _first(lo: dt.date, hi: dt.date, ok: Callable[[dt.date], bool]) -> dt.date | None:
    """The first day in [lo, hi] where a condition that stays true once true holds."""
    if not ok(hi):
        return None
    while lo < hi:
        mid = lo + (hi - lo) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid + DAYS, hi)
    return lo


def _last(lo: dt.date, hi: dt.date, ok: Callable[[dt.date], bool]) -> dt.date | None:
    """The last day in [lo, hi] where a condition that stays false once false holds."""
    if not ok(lo):
        return None
    while lo < hi:
        mid = lo + (hi - lo + DAYS) // 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid - DAYS)
    return lo


def names(text: str, anchor: dt.date, tense: str | None, lo: dt.date, hi: dt.date) -> bool:
    """Whether the expression, said on ``anchor``, names a day or week that meets [lo, hi]."""
    span = days_named(text, anchor, tense)
    return span is not None and span[0] <= hi and span[1] >= lo


@functools.lru_cache(maxsize=4096)
def days_named(text: str, anchor: dt.date, tense: str | None) -> tuple[dt.date, dt.date] | None:
    """The day or week a relative expression names, said on ``anchor`` (cached: events that share a cue
    try the same anchors)."""
    _, value = resolve_with(text, Anchor(anchor, DAY), tense, Context())
    cal, prec = precision(value)
    if not cal or prec not in ("day", "week"):
        return None
    return first_day(cal, prec), last_day(cal, prec)


class DocView:
    """One parsed text (the body or a zone) with what the clue finders ask of it: tenses and sentences."""

    def __init__(self, doc: Doc, why: str) -> None:
        self.doc, self.why = doc, why
        self._candidates: list[list[tuple[int, int]]] | None = None
        self._tenses: dict[tuple[int, int], str | None] = {}
        self.starts, self.kids = layout(doc.tokens)

    @property
    def candidates(self) -> list[list[tuple[int, int]]]:
        """The time expression candidates of this text (``candidates.py``), found once."""
        if self._candidates is None:
            self._candidates = candidate_spans(self.doc)
        return self._candidates

    def tokens(self, a: int, b: int) -> tuple[int, int] | None:
        toks = self.doc.tokens
        i = max(bisect_right(self.starts, a) - 1, 0)
        first = last = None
        while i < len(toks) and toks[i].start < b:
            if toks[i].end > a and not toks[i].is_space:
                first = i if first is None else first
                last = i
            i += 1
        return (first, last) if first is not None and last is not None else None

    def tense(self, a: int, b: int) -> str | None:
        if (a, b) not in self._tenses:
            span = self.tokens(a, b)
            self._tenses[a, b] = clause_tense(self.doc.tokens, self.kids, *span) if span else None
        return self._tenses[a, b]

    def root(self, a: int, b: int) -> int | None:
        """The token of [a, b) whose head lies outside it (the span's head in the parse)."""
        span = self.tokens(a, b)
        if span is None:
            return None
        toks = self.doc.tokens
        inside = range(span[0], span[1] + 1)
        return next((i for i in inside if toks[i].head not in inside or toks[i].head == i), span[0])

    def clause_verbs(self, i: int) -> list[int]:
        """The verb governing token i and the verbs its clause hangs from, up to a clause of saying or
        thinking ("said that ...", "feels the US must ..."): what an expression in the same clause modifies."""
        toks, out, hops = self.doc.tokens, [], 0
        while hops < 12:
            t = toks[i]
            if t.pos in ("VERB", "AUX"):
                out.append(i)
                if t.dep in ("ccomp", "parataxis", "ROOT") or len(out) >= 3:
                    break
            if t.head == i:
                break
            i, hops = t.head, hops + 1
        return out

    def attached(self, timex: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Whether a time expression modifies the clause a world event is named in: its head sits inside the
        cue ("Sunday's nuclear test"), or it hangs from a verb of the cue's clause ("On Thursday he will meet
        ... in Vladivostok"), not from a verb of saying above it."""
        t, c = self.root(*timex), self.root(*cue)
        if t is None or c is None:
            return False
        head = self.doc.tokens[t].head
        if cue[0] <= self.doc.tokens[head].start < cue[1]:
            return True
        governing = self.clause_verbs(head)
        return bool(governing) and governing[0] in self.clause_verbs(c)

    def sentence_index(self, a: int) -> int:
        span = self.tokens(a, a + 1)
        return self.doc.tokens[span[0]].sent if span else 0

    def past(self, tense: str | None) -> str | None:
        """The tense a clue reads: past, future or None; a caption describes a photo already taken."""
        if self.why == "caption":
            return "future" if tense == "future" else "past"
        return tense if tense in ("past", "future") else None
