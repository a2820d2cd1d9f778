"""Quotes: who said what. Direct, partial and indirect speech with speakers (see DESIGN.md).

Marks are paired per paragraph on ``doc.masked`` (debris such as photo captions is blanked there), so an
unbalanced mark costs at most the sentence it opens, never the rest of the article. Curly, straight,
wire-style (`` '') and single quotes are read; apostrophes ("Abe’s", "don’t") are not marks. A quote left
open at a paragraph's end continues into the next paragraph when that one opens with a mark.

Attribution, in order: a possessive statement noun ("Mr. Trump’s “...” tweet"); a cue after the quote
(“...,” said X / X said / he added / X told CNN); a cue right before it (X said, “...”); a verb of saying
that governs it in the parse (Trump tweeted that Japan had “...”); a following quote with no cue inherits
the previous speaker. A short quoted term that no verb of saying governs is a scare quote and is dropped.
Indirect speech: a verb of saying with a reported clause ("X said (that) ...", "..., the source said",
"..., say analysts"), "according to X, ..." and "As X's statement goes, ...".

Where each step lives: ``marks.py`` pairs the marks, ``attribute.py`` attributes a quotation,
``indirect.py`` finds reported speech, ``speakers.py`` (with ``named_people.py``) says who a phrase
refers to; ``find_quotes`` here walks them in text order, so a pronoun sees every speaker named before it.
"""

from __future__ import annotations

import re

from detente.extract.quotes.attribute import Attributor, Found
from detente.extract.quotes.headline import headline_quotes
from detente.extract.quotes.indirect import Indirect
from detente.extract.quotes.marks import Marked, scan
from detente.extract.quotes.named_people import Ref
from detente.types import Actor, Doc, Quote, Result, Token


def find_quotes(doc: Doc, actors: list[Actor]) -> list[Quote]:
    if not doc.tokens:
        return []
    at = Attributor(doc, actors)
    marks = scan(doc)
    indirect = Indirect(at, marks)
    # Work in text order so a pronoun sees every speaker named before it, quoted or reported.
    work: list[tuple[int, int, Marked | Token]] = [(m.close, 0, m) for m in marks]
    work += [(pos, 1, t) for pos, t in indirect.candidates()]
    work.sort(key=lambda w: (w[0], w[1]))
    found: list[Found] = []
    reported: list[tuple[Quote, Ref]] = []
    for _, _, item in work:
        if isinstance(item, Marked):
            f = at.attribute(item)
            if f.ref is not None and item.start <= f.ref.start < item.end:
                f.ref = None  # a speaker found inside quoted words is someone the quote mentions
            found.append(f)
        else:
            got = indirect.find(item)
            if got:
                reported.append(got)
    reported = headline_quotes(at) + reported  # headlines lead the text
    share_across_resumption(found)
    quotes = [q for q, _ in reported]
    prev: tuple[int, int, Ref] | None = None  # (paragraph, end, speaker) of the last attributed speech
    for f in found:
        m = f.mark
        last = latest(prev, reported, at, m)
        if f.ref is None and f.cue is None and last is not None and m.para - last[0] <= 1 \
                and at.opens_sentence(m) and not f.term:
            f.ref, f.kind = last[2], "direct"  # a follow-on quote keeps the previous speaker
        if f.term and (f.ref is None or not f.ref.is_agent):
            continue
        if f.ref is None and not at.opens_sentence(m) and (len(at.inside(m)) < 8 or m.unterminated):
            continue  # no speaker, no sentence of its own: a title or a stray mark, not speech
        quotes.append(Quote(m.start, m.end, doc.text[m.start:m.end], f.kind, f.cue,
                            f.ref.speaker() if f.ref else None))
        if f.ref is not None and (f.ref.is_agent or f.cue is not None):  # a document quoted by a cue goes on
            prev = (m.para, m.close, f.ref)
        elif f.cue is None:
            prev = None
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def share_across_resumption(found: list[Found]) -> None:
    """A quote resumed after a paragraph break shares its speaker, whichever part names it."""
    for a, b in zip(found, found[1:], strict=False):
        if a.mark.continues and b.mark.resumed:
            if a.ref is None and b.ref is not None:
                a.ref, a.term = b.ref, False
            elif b.ref is None and a.ref is not None:
                b.ref, b.term, b.kind = a.ref, False, "direct"
    for a, b in zip(reversed(found[:-1]), reversed(found[1:]), strict=False):
        if a.mark.continues and b.mark.resumed and a.ref is None and b.ref is not None:
            a.ref, a.term = b.ref, False


def latest(prev: tuple[int, int, Ref] | None, reported: list[tuple[Quote, Ref]], at: Attributor,
           m: Marked) -> tuple[int, int, Ref] | None:
    """The speaker a cue-less quote continues: the last quote's, or that of reported speech ending the
    sentence right before it ("Mr. Price said restructuring would be a question of strategy. “We ...”")."""
    before = [(q, ref) for q, ref in reported if q.end <= m.open]
    if before:  # the reported clause that ends last before the quote, not one nested inside it
        q, ref = max(before, key=lambda x: x[0].end)
        if (prev is None or q.end > prev[1]) and ends_sentence_before(at.doc.masked[q.end:m.open]):
            return m.para, q.end, ref
    return prev if prev is not None and prev[1] <= m.open else None


def ends_sentence_before(gap: str) -> bool:
    """The reported clause's sentence runs on to the quote: "X said A, but B. “...”" (one short sentence end)."""
    if not re.sub(r"[\s.,;:!?”\"']", "", gap):
        return True
    body = gap.rstrip().rstrip("”\"'")
    return len(gap) < 160 and body.endswith((".", "!", "?")) and not re.search(r"[.!?]\s", body[:-1]) \
        and "\n" not in gap.strip()


def stage(doc: Doc, result: Result, resources: object) -> list[Quote]:
    """The pipeline's quotes step, reading ``result.actors`` (the caller puts the quotes in ``result.quotes``)."""
    return find_quotes(doc, result.actors)
