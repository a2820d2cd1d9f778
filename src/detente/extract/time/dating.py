"""Dating: when the input gives no publication date, the clues the text itself gives, and the window they fix.

The stage runs after actors and before the time expressions, which it lets resolve against the window.
Clues (each an interval of days with a weight, ``window.py`` combines them):

- dates the text states with a year ("on November 1, 2017", "September 2017", "in 2014", "four years later"
  after a year): a past-tense date bounds the publication from below and suggests it came soon after; a
  future-tense one bounds it from above; captions count as past (a photo is taken before it is printed);
- a month and day without a year ("On November 5 ... is scheduled"), and a month alone: the same in every
  year the other clues reach; a weekday with the date ("Friday, Aug. 7") keeps only the years it fits;
- a quarter or half without a year ("third-quarter net"): told as past, the weeks after it ends (results
  come out then); as future, before it ends;
- people named with a title (``roles.py``): the tenure the knowledge base holds for it, strongly when the
  clause is present or future, weakly in the past; "-elect" is the weeks before the tenure, "former" after;
- world events the text names (``detente.kb.world_events``): after a past one, before a future one, and
  exactly when a relative expression in the event's own clause pins it ("Sunday's nuclear test", "a missile
  over Japan last week"; not "said on Friday that ... until Annan visits Baghdad").

Recency priors (``clues.Weights``, tuned on folds by ``bench/eval_dating.py``) break the ties a floor leaves
open: most news of an event comes within weeks of it, and a stated past date within months.

``date_article`` never overrides a date the input states; it only fills the window in then.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from detente.dates import first_day, last_day, precision
from detente.extract.time.clues import Clues, DocView
from detente.extract.time.money import rate_clues
from detente.extract.time.roles import role_clues
from detente.extract.time.window import best_window, precision_of
from detente.kb.world_events import find_world_events
from detente.timex.calendar import Context
from detente.timex.rules import resolve_with
from detente.types import Actor, DateClue, Doc, Meta, Result

MONTH_WORDS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.")
NAMED_DATE = re.compile(r"\b(?:" + MONTH_WORDS + r")|\b(?:1[89]|20)\d\d\b")  # a date the text names outright
# Counted from a date the text names, not from the day of publication: no use for pinning an event.
ANAPHORIC = re.compile(r"(?i)\b(?:previous|following|preceding|prior|that|same|before|after|earlier|later)\b")
# A date the clause does not put in the past, introduced as a deadline or a maturity ("notes due Oct. 15, 1999",
# "until 2007", "by the year 2000"), lies ahead of the day it is written on.
DEADLINE = re.compile(r"(?i)\b(?:due|matur(?:e|es|ing)|expir(?:e|es|ing)|until|till|by|before|through|effective|"
                      r"starting|beginning)\s+(?:(?:in|on|the|year|fiscal|early|late|mid-?)\s+)*$")
# Counted from the day of writing, which is what is sought: a year the context lent it ("a year ago" after
# "the third quarter of 1984") is not the text's own.
DEICTIC = re.compile(r"(?i)\b(?:ago|last|next|this|coming|yesterday|today|tomorrow|tonight|now|current)\b")
COMING = re.compile(r"(?i)\b(?:upcoming|coming|next|planned|scheduled|forthcoming|proposed|expected)\b")


def dating_stage(doc: Doc, result: Result, resources: object) -> list[DateClue]:
    """The pipeline's dating step: every clue to the publication date (none when the input states one)."""
    if doc.meta.published and not doc.meta.published_inferred:
        return []
    return find_clues(doc, result.actors)


def find_clues(doc: Doc, actors: list[Actor], out: Clues | None = None) -> list[DateClue]:
    """Clues from the body and from every zone (captions, credits, author notes), weighed by ``out``'s weights."""
    out = out if out is not None else Clues()
    ids = {a.id for a in actors} | {a.country for a in actors if a.country}
    for d in [doc, *doc.zones]:
        view = DocView(d, "caption" if d is not doc else "date")
        stated_dates(view, out)
        world_events(view, ids, out)
    role_clues(doc, actors, out)
    rate_clues(doc, out)
    return out.found


def stated_dates(view: DocView, out: Clues) -> None:
    """Dates the text states with their year, or with a month and day the every-year clues place."""
    ctx = Context()
    for whole, *parts in view.candidates:
        for a, b in [whole, *parts]:
            text = view.doc.text[a:b]
            tense = view.tense(a, b)
            if tense != "past" and DEADLINE.search(view.doc.text[max(0, a - 40):a]):
                tense = "future"
            ctx.sent = view.sentence_index(a)
            _, value = resolve_with(text, None, tense, ctx)
            cal, prec = precision(value)
            if cal and prec in ("day", "month", "year") and not DEICTIC.search(text):
                ctx.note(value)
                out.dated(a, b, text, view.why, first_day(cal, prec), last_day(cal, prec), view.past(tense),
                          year_only=prec == "year")
                break
            if out.yearless(a, b, text, view.why, view.past(tense)):
                break


def world_events(view: DocView, ids: set[str], out: Clues) -> None:
    """World events the text names, each bounded by its tense and, where a relative expression in its own
    clause pins it, by the days on which that expression would name it."""
    doc = view.doc
    seen: set[int] = set()
    spans = view.candidates
    for m in find_world_events(doc.masked, ids, doc.meta.body_start, doc.meta.body_end):
        if m.event.line in seen:
            continue
        seen.add(m.event.line)
        text = doc.text[m.start:m.end]
        out.event(m.start, m.end, text, m.event, event_tense(view, m.start, m.end))
        sent = doc.sentence_of(m.start)
        if sent is None or any(a < m.end and m.start < b and NAMED_DATE.search(doc.text[a:b])
                               for (a, b), *_ in spans):
            continue  # "from Oct. 13, when Wall Street's plunge ...": the text dates the event itself
        for group in spans:
            (ga, gb), *_ = group
            if sent.start <= ga < sent.end and not NAMED_DATE.search(doc.text[ga:gb]) \
                    and not ANAPHORIC.search(doc.text[ga:gb]):
                for a, b in group:
                    if view.attached((a, b), (m.start, m.end)):
                        out.pinned(a, b, doc.text[a:b], m.event, view.tense(a, b))


def event_tense(view: DocView, a: int, b: int) -> str | None:
    """The tense an event named at [a, b) is told in. A future clause dates the event ahead only when the
    event is its verb ("plans to quit the pact"), its place or goal ("will meet ... in Vladivostok") or is
    called coming ("the upcoming summit"); otherwise it does not say ("insurers will pay claims from the
    earthquake" names a past one, "the first leg of his trip" a coming one)."""
    tense = view.tense(a, b)
    if tense != "future":
        return tense
    root = view.root(a, b)
    if root is None:
        return tense
    toks = view.doc.tokens
    head = toks[toks[root].head]
    at = head.dep == "prep" and head.text.lower() in ("in", "at", "to", "for")  # "will meet ... in Vladivostok"
    if toks[root].pos in ("VERB", "AUX") or at or COMING.search(view.doc.text[max(0, a - 30):b]):
        return "future"
    return None


def date_article(meta: Meta, clues: list[DateClue]) -> Meta:
    """The article's Meta with its publication window: the stated date's own span, or the window the clues
    agree on (with the best day or month, its precision and the clues behind it)."""
    if meta.published and not meta.published_inferred:
        if meta.published_window is None and (p := meta.published_precision or "day"):
            try:
                window = (first_day(meta.published, p).isoformat(), last_day(meta.published, p).isoformat())
            except ValueError:
                return meta
            return replace(meta, published_window=window)
        return meta
    w = best_window(clues)
    found = precision_of(w) if w else None
    if w is None or found is None:
        return replace(meta, published=None, published_precision=None, published_inferred=False)
    seen: set[tuple[int, int, str]] = set()
    evidence = []
    for c in w.evidence:
        if (c.start, c.end, c.why) not in seen:
            seen.add((c.start, c.end, c.why))
            evidence.append(c)
    return replace(meta, published=found[0], published_precision=found[1], published_inferred=True,
                   published_window=(w.lo.isoformat(), w.hi.isoformat()), published_evidence=evidence)


def window_of(meta: Meta) -> tuple[dt.date, dt.date] | None:
    """The days the article can have been published on, as far as the input or the clues say."""
    if meta.published_window:
        return dt.date.fromisoformat(meta.published_window[0]), dt.date.fromisoformat(meta.published_window[1])
    cal, prec = precision(meta.published)
    if not cal or not prec:
        return None
    if meta.published_precision in ("year", "month") and prec == "day":
        prec = meta.published_precision
    return first_day(cal, prec), last_day(cal, prec)
