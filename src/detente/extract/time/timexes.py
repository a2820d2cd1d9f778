"""Time expressions: find them in a parsed Doc and normalise them TIMEX3-style against the publication window.

The stage walks the candidate spans (``candidates.py``) in text order and resolves each (``rules.py``)
against the anchor, the tense of its clause (``tense.py``) and the running context of dates the article has
named so far. The anchor is the publication window (``dating.window_of``: a stated day, the span of a
stated month or year, or the window the dating stage inferred): an expression is resolved from the first
and from the last day of it, and keeps its value where both agree, the month where both fall in one month,
else no value, so "Thursday" is a day in a one-week window and "last week" nothing in a quarter. A merged
span that does not resolve as a whole gives way to the pieces it was merged from that do. A value that
cannot be worked out is None, never silently the publication date; a resolver bug costs one value, never
the article.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from detente.dates import first_day, last_day, precision
from detente.extract.time.candidates import candidate_spans
from detente.extract.time.dating import window_of
from detente.extract.time.tense import clause_tense, layout
from detente.timex.calendar import DAY, Anchor, Context
from detente.timex.rules import resolve_with
from detente.types import Doc, Result, Timex, Token

DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|days?|overnight)\b")
BACKWARD = re.compile(r"\bago\b|earlier|last year|previous|prior|year[- ]ago|year[- ]earlier")
ADJECTIVES = {"daily", "weekly", "monthly", "annual", "yearly", "quarterly", "hourly", "future", "former"}


PERIOD = re.compile(r"P(?:[4-9]|1[01])M")  # six months, nine months: a reporting period longer than a quarter
EVENT_RELATIVE = re.compile(r"(?i)(?:the )?day (?:before|after)")
OBJECT = {"DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM"}  # what follows "the day before": an event, not a date
LANDMARK = re.compile(r"(?i)\b(?:after|before|following)\s+(?:[a-z]+\s+){0,2}$")  # "after a flat"
BARE_QUARTER = re.compile(r"(?i)(?:the )?(?:fiscal )?quarter")
QUARTER_END = re.compile(r" end(?:ed|ing) ((?:[A-Z][a-z]{2,8}\.?) \d{1,2}(?:, \d{4})?)\b")
COMPARED = {"from", "with", "than", "over", "against", "versus", "vs."}
COUNTED = re.compile(r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:years?|months?|weeks?|days?)")
APPOSED = re.compile(r",\s*(?:[Tt]he\s+)?$")
QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def find_timexes(doc: Doc) -> list[Timex]:
    """Every time expression in the article body, resolved against the publication date."""
    toks = doc.tokens
    starts, kids = layout(toks)
    passes = Passes(doc)
    out: list[Timex] = []
    for whole, *parts in candidate_spans(doc):
        found = timex(doc, toks, starts, kids, passes, *whole)
        if parts and (found is None or found[0].value is None):
            pieces: list[tuple[Timex, list[str | None], str | None]] = []
            for a, b in parts:  # "the week following" + "last month": keep the pieces that resolve
                if (not pieces or a >= pieces[-1][0].end) and (t := timex(doc, toks, starts, kids, passes, a, b)):
                    pieces.append(t)
            if any(p[0].value for p in pieces) or found is None:
                found = None
                out.extend(p[0] for p in pieces)
                for piece in sorted(pieces, key=lambda p: p[0].start):
                    passes.note(*piece)
        if found:
            out.append(found[0])
            if not ("-Q" in (found[0].value or "") and LANDMARK.search(doc.text, max(0, found[0].start - 40),
                                                                        found[0].start)):
                passes.note(*found)  # "after a flat second quarter, ...": a landmark, not the period reported
    return sorted(out, key=lambda t: t.start)


class Passes:
    """One resolution per end of the publication window, each with its own running context."""

    def __init__(self, doc: Doc) -> None:
        window = window_of(doc.meta)
        days = [] if window is None else [window[0]] if window[0] == window[1] else list(window)
        self.items: list[tuple[Anchor | None, Context]] = [(Anchor(d, DAY), Context()) for d in days]
        self.items = self.items or [(None, Context())]

    def resolve(self, text: str, tense: str | None, sent: int,
                compared: bool = False) -> tuple[str | None, str | None, list[str | None]]:
        typs, values = [], []
        for anchor, ctx in self.items:
            ctx.sent = sent
            typ, value = resolve_with(text, anchor, tense, ctx, compared)
            typs.append(typ)
            values.append(value)
        return typs[0], agree(values), values

    def quarter_named(self) -> bool:
        return any("Q" in ctx.refs for _, ctx in self.items)

    def appositive(self, before: str, sent: int) -> list[str | None] | None:
        """The date a phrase like "the day before the plunge" stands beside and describes ("Oct. 12, the day
        before the plunge"): the one just named in this sentence; None when it stands alone."""
        if not APPOSED.search(before):
            return None
        refs = [ctx.refs.get("D", ("", -1)) for _, ctx in self.items]
        return [value for value, _ in refs] if all(s == sent and value for value, s in refs) else None

    def note(self, t: Timex, values: list[str | None], tense: str | None = None) -> None:
        """Remember a date the article names, as the reference for later "the day after", "that year"...
        Not the speech time ("today"), not dates counted from the reference itself, not "the year-ago
        quarter" (a later "the quarter" means the current one), not a quarter in a forecast ("expects
        losses through the third quarter of 1990": the quarter reported on stays the reference)."""
        low = t.text.lower()
        if t.type == "DURATION" and PERIOD.fullmatch(t.value or ""):
            for _, ctx in self.items:
                ctx.period()  # "for the nine months": the comparisons that follow are not of a quarter
        if t.type in ("DATE", "TIME") and not DEICTIC.search(low):
            for (anchor, ctx), value in zip(self.items, values, strict=True):
                if value and "-Q" in value and (BACKWARD.search(low) or year_before(value, ctx.refs.get("Q"))):
                    ctx.keep("Q")  # "the year-ago quarter", "the 1988 period": the quarter reported is still the topic
                elif not (value and "-Q" in value and forecast(value, anchor, tense)):
                    ctx.note(value)


def year_before(quarter: str, ref: tuple[str, int] | None) -> bool:
    """The same quarter of an earlier year than the one reported: what it is compared with."""
    return bool(ref) and quarter[-2:] == ref[0][-2:] and quarter < ref[0]  # type: ignore[index]


def forecast(quarter: str, anchor: Anchor | None, tense: str | None) -> bool:
    """A quarter not over at the anchor and not told in the past ("no estimate of the impact on fourth-quarter
    results", "losses through the third quarter of 1990"): not a period the text reports results for. A
    quarter that is over is one, even in a future clause ("expects to report a third-quarter loss")."""
    if anchor is None or not QUARTER_VALUE.fullmatch(quarter):
        return tense == "future"
    k, here = int(quarter[:4]) * 4 + int(quarter[-1]) - 1, anchor.date.year * 4 + (anchor.date.month - 1) // 3
    return k > here or (k == here and tense != "past")


def agree(values: list[str | None]) -> str | None:
    """The value every end of the window gives; else the one month all of them fall in; else None."""
    if all(v == values[0] for v in values):
        return values[0]
    spans = []
    for v in values:
        cal, prec = precision(v)
        if not cal or not prec or prec == "year":
            return None
        spans.append((first_day(cal, prec), last_day(cal, prec)))
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    return lo.isoformat()[:7] if (lo.year, lo.month) == (hi.year, hi.month) else None


def timex(doc: Doc, toks: list[Token], starts: list[int], kids: dict[int, list[int]], passes: Passes,
          a: int, b: int) -> tuple[Timex, list[str | None], str | None] | None:
    text = doc.text[a:b]
    first, last = token_range(starts, toks, a, b)
    if first is None or last is None:
        return None
    if first == last and toks[first].pos == "ADJ" and toks[first].dep == "amod" and text.lower() in ADJECTIVES:
        return None  # "a weekly magazine", "the future president": not a time
    tense = clause_tense(toks, kids, first, last)
    try:
        typ, value, values = passes.resolve(text, tense, toks[first].sent, compared(toks, first, last))
        values_before = values
        if typ == "DURATION" and tense == "future" and first > 0 and toks[first - 1].text.lower() == "in" \
                and toks[toks[first - 1].head].pos in ("VERB", "AUX") and COUNTED.fullmatch(text.lower()):
            # "will be redeemed in five years": the day five years on; not "the first visit in five years"
            typ2, value2, values2 = passes.resolve(text + " from now", tense, toks[first].sent)
            if value2:
                typ, value, values = typ2, value2, values2
        if BARE_QUARTER.fullmatch(text) and (end := QUARTER_END.match(doc.text, b)) and not passes.quarter_named():
            # "the quarter ended July 31", where no (fiscal) quarter has been named: the calendar quarter
            _, _, ends = passes.resolve(end.group(1), tense, toks[first].sent)
            values = [quarter_ending(v) for v in ends]
            value = agree(values) if all(values) else value
            values = values if all(values) else values_before
        if EVENT_RELATIVE.fullmatch(text) and last + 1 < len(toks) and toks[last + 1].pos in OBJECT and \
                (beside := passes.appositive(doc.text[max(0, a - 8):a], toks[first].sent)):
            values, value = beside, agree(beside)  # "Oct. 12, the day before the plunge": Oct. 12
    except Exception:  # a resolver bug must cost one value, never the article
        typ, value, values = "DATE", None, [None] * len(passes.items)
    return (Timex(a, b, text, typ, value), values, tense) if typ else None


def quarter_ending(day: str | None) -> str | None:
    """The calendar quarter most of the three months up to a closing day fall in: July 31 closes May to July."""
    if not day or not DAY_VALUE.fullmatch(day):
        return None
    mid = dt.date.fromisoformat(day) - dt.timedelta(days=45)
    return f"{mid.year:04d}-Q{(mid.month - 1) // 3 + 1}"


def compared(toks: list[Token], first: int, last: int) -> bool:
    """The expression dates a figure something is compared with: "up from $3 million last year", "compared
    with a loss last year", "last year's $1.5 billion"."""
    if last + 1 < len(toks) and toks[last + 1].tag == "POS":
        return True
    for i in range(first - 1, max(first - 9, -1), -1):  # back over the figure: "with a loss of $3 million"
        if toks[i].text.lower() in COMPARED:
            return True
        if toks[i].pos in ("VERB", "AUX") or toks[i].sent != toks[first].sent or toks[i].text in (".", ";", ":"):
            return False
    return False


def token_range(starts: list[int], toks: list[Token], a: int, b: int) -> tuple[int | None, int | None]:
    i = max(bisect_right(starts, a) - 1, 0)
    first = last = None
    while i < len(toks) and toks[i].start < b:
        if toks[i].end > a and not toks[i].is_space:
            first = i if first is None else first
            last = i
        i += 1
    return first, last


def stage(doc: Doc, result: Result, resources: object) -> list[Timex]:
    """The pipeline's time step: the article's time expressions (the caller puts them in ``result.timexes``)."""
    return find_timexes(doc)
