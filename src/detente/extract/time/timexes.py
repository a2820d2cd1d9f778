"""Time expressions: find them in a parsed Doc and normalise them TIMEX3-style against the publication date.

The stage walks the candidate spans (``candidates.py``) in text order and resolves each (``rules.py``)
against the anchor (the publication date, only to the precision cleaning says it is known), the tense of
its clause (``tense.py``) and the running context of dates the article has named so far. A merged span
that does not resolve as a whole gives way to the pieces it was merged from that do. A value that cannot
be worked out is None, never silently the publication date; a resolver bug costs one value, never the
article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from detente.extract.time.candidates import candidate_spans
from detente.extract.time.tense import clause_tense
from detente.timex.calendar import DAY, MONTH, YEAR, Anchor, Context, parse_anchor
from detente.timex.rules import resolve_with
from detente.types import Doc, Result, Timex, Token

DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|days?)\b")
BACKWARD = re.compile(r"\bago\b|earlier|last year|previous|prior|year[- ]ago|year[- ]earlier")
ADJECTIVES = {"daily", "weekly", "monthly", "annual", "yearly", "quarterly", "hourly", "future", "former"}


def find_timexes(doc: Doc) -> list[Timex]:
    """Every time expression in the article body, resolved against the publication date."""
    toks = doc.tokens
    starts = [tok.start for tok in toks]
    kids: dict[int, list[int]] = {}
    for tok in toks:
        if tok.head != tok.i:
            kids.setdefault(tok.head, []).append(tok.i)
    anchor = anchor_of(doc)
    ctx = Context()
    out: list[Timex] = []
    for whole, *parts in candidate_spans(doc):
        found = timex(doc, toks, starts, kids, anchor, ctx, *whole)
        if parts and (found is None or found.value is None):
            pieces: list[Timex] = []
            for a, b in parts:  # "the week following" + "last month": keep the pieces that resolve
                if (not pieces or a >= pieces[-1].end) and (t := timex(doc, toks, starts, kids, anchor, ctx, a, b)):
                    pieces.append(t)
            if any(t.value for t in pieces) or found is None:
                found = None
                out.extend(pieces)
                for t in sorted(pieces, key=lambda t: t.start):
                    note(ctx, t)
        if found:
            out.append(found)
            note(ctx, found)
    return sorted(out, key=lambda t: t.start)


def note(ctx: Context, t: Timex) -> None:
    """Remember a date the article names, as the reference for later "the day after", "that year"...
    Not the speech time ("today"), not dates counted from the reference itself, not "the year-ago quarter"
    (a later "the quarter" means the current one)."""
    low = t.text.lower()
    if t.type in ("DATE", "TIME") and not DEICTIC.search(low) and not (t.value and "-Q" in t.value and
                                                                        BACKWARD.search(low)):
        ctx.note(t.value)


def timex(doc: Doc, toks: list[Token], starts: list[int], kids: dict[int, list[int]], anchor: Anchor | None,
          ctx: Context, a: int, b: int) -> Timex | None:
    text = doc.text[a:b]
    first, last = token_range(starts, toks, a, b)
    if first is None or last is None:
        return None
    if first == last and toks[first].pos == "ADJ" and toks[first].dep == "amod" and text.lower() in ADJECTIVES:
        return None  # "a weekly magazine", "the future president": not a time
    ctx.sent = toks[first].sent
    try:
        typ, value = resolve_with(text, anchor, clause_tense(toks, kids, first, last), ctx)
    except Exception:  # a resolver bug must cost one value, never the article
        typ, value = "DATE", None
    return Timex(a, b, text, typ, value) if typ else None


def token_range(starts: list[int], toks: list[Token], a: int, b: int) -> tuple[int | None, int | None]:
    i = max(bisect_right(starts, a) - 1, 0)
    first = last = None
    while i < len(toks) and toks[i].start < b:
        if toks[i].end > a and not toks[i].is_space:
            first = i if first is None else first
            last = i
        i += 1
    return first, last


def anchor_of(doc: Doc) -> Anchor | None:
    """The publication date, no finer than cleaning says it is known (an inferred date is often a year)."""
    anchor = parse_anchor(doc.meta.published)
    known = {"year": YEAR, "month": MONTH, "day": DAY}.get(doc.meta.published_precision or "", DAY)
    return Anchor(anchor.date, min(anchor.precision, known)) if anchor else None


def stage(doc: Doc, result: Result, resources: object) -> list[Timex]:
    """The pipeline's time step: the article's time expressions (the caller puts them in ``result.timexes``)."""
    return find_timexes(doc)
