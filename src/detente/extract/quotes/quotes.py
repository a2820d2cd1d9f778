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
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from detente.extract.quotes.speakers import FINITE, STATEMENT_NOUNS, Ref, Resolver
from detente.types import Actor, Doc, Quote, Result, Sentence, Span, Token

SPEECH = set("""say add tell note warn argue insist write tweet ask explain continue reply respond state declare
announce claim comment observe remark stress emphasize emphasise acknowledge admit agree caution complain concede
conclude confirm contend counter deny describe characterize characterise quip recall report suggest tout pledge
promise predict urge vow assert maintain read call label dub post testify joke scoff quote chant shout yell
exclaim cry""".split())
INDIRECT = set("""say add tell note warn argue insist write tweet explain state declare announce claim stress
emphasize emphasise acknowledge admit concede confirm contend deny report suggest pledge promise predict assert
maintain complain caution reply respond testify""".split())
CLIMB_THROUGH = {"ccomp", "xcomp", "conj", "advcl", "parataxis"}  # clause links a reported quote may sit under
SHORT_WORDS = 4  # a quoted term this short, with no verb of saying, is a scare quote
MARK = re.compile(r"``|''|[“”‘’\"`']")
PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass
class Marked:
    """A top-level quotation: content [start, end) between an opening mark at ``open`` and ``close``."""

    open: int
    start: int
    end: int
    close: int
    para: int
    continues: bool = False  # left open at paragraph end, resumed by the next paragraph's opening mark
    resumed: bool = False  # this is such a resumption
    unterminated: bool = False  # never closed; cut at its paragraph or sentence end


# --- pairing marks --------------------------------------------------------------------------------

def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in PARA_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def classify(text: str, i: int, mark: str, lo: int, hi: int) -> tuple[str, str] | None:
    """(role, kind) of a mark: role open|close|either, kind d(ouble)|s(ingle); None for apostrophes."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + len(mark)] if i + len(mark) < hi else " "
    if mark in ("“", "``"):
        return "open", "d"
    if mark in ("”", "''"):
        return "close", "d"
    if mark == '"':
        if prev.isspace() and nxt.isspace():
            return "either", "d"  # "yet, " said: decided by what is open
        if prev.isspace() or prev in "([{—–-/":
            return "open", "d"
        if nxt.isspace() or nxt in ".,;:!?)]}—–-":
            return "close", "d"
        return "either", "d"
    if mark in ("‘", "`"):
        if prev.isalnum() or re.match(r"\d0s", text[i + 1:i + 4]):
            return None  # rock‘n’roll, ‘90s
        return "open", "s"
    if prev.isalnum() and nxt.isalnum() or prev.isspace():
        return None  # don’t, Abe’s, ’90s
    return "close", "s"


def scan(doc: Doc) -> list[Marked]:
    text = doc.masked
    paras = paragraphs(text)
    found: list[Marked] = []
    for p, (lo, hi) in enumerate(paras):
        stack: list[tuple[str, int, int]] = []  # (kind, mark position, mark length)
        for m in MARK.finditer(text, lo, hi):
            cls = classify(text, m.start(), m.group(), lo, hi)
            if cls is None:
                continue
            role, kind = cls
            if role == "either":
                role = "close" if any(k == "d" for k, _, _ in stack) else "open"
            if role == "open":
                if kind == "d" and stack and stack[-1][0] == "d":
                    # A second double opener: the first was never closed. After a full stop that is the
                    # wire convention for a quote running into a new paragraph (flattened text).
                    if text[lo:m.start()].rstrip().endswith((".", "?", "!")) and stack[0] == stack[-1]:
                        found += make(text, stack[0][1], sum(stack[0][1:]), m.start(), m.start(), p, continues=True)
                    else:
                        found.extend(unterminated(doc, stack[0], m.start(), p))
                    stack = []
                if kind == "s" and stack and stack[-1][0] == "s":
                    continue
                stack.append((kind, m.start(), len(m.group())))
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == kind), None)
            if depth is None or (kind == "s" and depth != len(stack) - 1):
                continue  # a stray close, or a possessive apostrophe
            opener = stack[depth]
            del stack[depth:]
            if depth == 0:
                found += make(text, opener[1], sum(opener[1:]), m.start(), m.end(), p)
        if stack and stack[0][0] == "d":
            nxt = paras[p + 1][0] if p + 1 < len(paras) else None
            if nxt is not None and MARK.match(text, nxt) and text[nxt] in "“`\"":
                found += make(text, stack[0][1], sum(stack[0][1:]), hi, hi, p, continues=True)
            else:
                found.extend(unterminated(doc, stack[0], hi, p))
    for a, b in zip(found, found[1:], strict=False):
        if a.continues and (doc.masked[a.end:b.open].strip() == "" or
                            b.para == a.para + 1 and doc.masked[paras[b.para][0]:b.open].strip() == ""):
            b.resumed = True
    return found


def unterminated(doc: Doc, opener: tuple[str, int, int], limit: int, para: int) -> list[Marked]:
    """An opening mark never closed: the quote runs to ``limit`` if that is near, else to its sentence end."""
    start = opener[1] + opener[2]
    end = limit
    if end - start > 600:
        sent = doc.sentence_of(start)
        end = min(limit, sent.end) if sent else min(limit, start + 600)
    return make(doc.masked, opener[1], start, end, end, para, unterminated=True)


def make(text: str, open_: int, start: int, end: int, close: int, para: int, **flags: bool) -> list[Marked]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Marked(open_, start, end, close, para, **flags)] if end > start else []


# --- attribution ----------------------------------------------------------------------------------

@dataclass
class Found:
    mark: Marked
    cue: Span | None
    ref: Ref | None
    kind: str
    term: bool  # short, verbless: a scare quote unless something attributes it


class Attributor:
    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc, self.toks = doc, doc.tokens
        self.r = Resolver(doc, actors)
        self.starts = [t.start for t in self.toks]
        self.paras = paragraphs(doc.masked)

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def inside(self, m: Marked) -> list[Token]:
        return [t for t in self.toks[self.tok_at(m.start):self.tok_at(m.end)] if not t.is_space]

    def is_speech(self, t: Token, finite: bool = False) -> bool:
        return t.lemma.lower() in SPEECH and t.pos in ("VERB", "AUX") and (not finite or t.tag in FINITE)

    def opens_sentence(self, m: Marked) -> bool:
        before = self.doc.masked[:m.open].rstrip()
        return not before or before.endswith(("\n", ".", "!", "?", ":", ".”", "?”", "!”", ".\"", ".''", "…")) \
            or self.doc.masked[before.rfind("\n") + 1 if "\n" in before else 0:m.open].strip() == "" \
            or m.open <= self.para_start(m)

    def para_start(self, m: Marked) -> int:
        return self.paras[m.para][0] if m.para < len(self.paras) else 0

    def attribute(self, m: Marked) -> Found:
        inner = self.inside(m)
        words = [t for t in inner if t.pos != "PUNCT"]
        term = len(words) <= SHORT_WORDS and not any(t.pos in ("VERB", "AUX") for t in words)
        for how in (self.statement_noun, self.tail_cue, self.head_cue, self.governing_verb):
            got = how(m)
            if got:
                cue, ref = got
                if cue is not None and cue.text.lower().startswith("call") and (ref is None or ref.kind == "anon"):
                    return Found(m, None, None, "partial", True)  # what observers are calling a new "normal"
                kind = "direct" if how == self.statement_noun else self.kind_of(m, how == self.head_cue)
                return Found(m, cue, ref, kind, term)
        return Found(m, None, None, self.kind_of(m, False), term)

    def kind_of(self, m: Marked, cue_before: bool) -> str:
        if self.opens_sentence(m):
            return "direct"
        first = self.doc.text[m.start:m.start + 1]
        return "direct" if cue_before and (first.isupper() or first.isdigit()) else "partial"

    def span(self, t: Token) -> Span:
        return self.doc.span(t.start, t.end)

    def statement_noun(self, m: Marked) -> tuple[Span, Ref | None] | None:
        """A possessive name before a quoted tweet: “...” tweet attributed to its author."""
        j = self.tok_at(m.close)
        k = self.tok_at(m.open) - 1
        if j >= len(self.toks) or k < 1:
            return None
        noun, pos = self.toks[j], self.toks[k]
        if noun.lemma.lower() in STATEMENT_NOUNS and noun.pos == "NOUN" \
                and (pos.tag in ("POS", "PRP$") or pos.text in ("’s", "'s")):
            owner = k if pos.tag == "PRP$" else k - 1
            return self.span(noun), self.r.ref_for(*self.r.np_range(owner, stop=k if owner != k else None))
        return None

    def tail(self, m: Marked) -> list[Token]:
        out: list[Token] = []
        end = self.paras[m.para][1] if m.para < len(self.paras) else len(self.doc.text)
        for t in self.toks[self.tok_at(m.close):]:
            if t.start >= end or t.text in (".", "!", "?", "“", "``") or len(out) >= 40:
                break
            if t.text in ('"', "‘") and out:
                break
            if not t.is_space:
                out.append(t)
        return out

    def tail_cue(self, m: Marked) -> tuple[Span, Ref | None] | None:
        """“...,” said X / X said / he added / X, a professor at Y, told CNN / according to X."""
        tail = self.tail(m)
        words = [t for t in tail if t.pos != "PUNCT"]
        if not words:
            return None
        if words[0].text.lower() == "according" and len(words) > 2 and words[1].text.lower() == "to":
            ref = self.r.ref_for(words[2].i, tail[-1].i + 1)
            return self.doc.span(words[0].start, words[1].end), ref
        for k, t in enumerate(words):
            if self.is_speech(t, finite=True) or self.is_speech(t) and k and words[k - 1].pos == "AUX":
                before = words[:k]
                if before and (before[0].pos in ("ADP", "CCONJ", "SCONJ") or before[0].tag in ("WDT", "WP", "WRB")
                               or len(before) > 25):
                    return None
                return self.span(t), self.speaker_of(t, tail, before)
            if t.tag in FINITE and t.pos != "AUX" or t.tag in ("WDT", "WP", "WRB"):
                return None
        return None

    def speaker_of(self, v: Token, tail: list[Token], before: list[Token]) -> Ref | None:
        subj = self.r.subject_of(v.i)
        lo, hi = tail[0].i, tail[-1].i + 1
        if subj is not None and lo <= subj < hi:
            a, b = self.r.np_range(subj, stop=v.i)
            ref = self.r.ref_for(max(a, lo), min(b, hi), head=subj)
        elif before:
            ref = self.r.ref_for(before[0].i, v.i)
        else:  # inverted: said X, a professor at Y
            after = [t for t in tail if t.i > v.i and t.pos in ("PROPN", "NOUN", "PRON")]
            ref = self.r.ref_for(after[0].i, hi) if after else None
        self.note(ref)
        return ref

    def note(self, ref: Ref | None) -> None:
        if ref and ref.kind in ("person", "anon"):
            self.r.remember(ref)

    def head_cue(self, m: Marked) -> tuple[Span, Ref | None] | None:
        """X said, “...” / X told reporters: “...” / X: “...”."""
        k = self.tok_at(m.open) - 1
        sent = self.doc.sentence_of(m.open)
        floor = sent.token_start if sent else 0
        while k >= floor and (self.toks[k].is_space or self.toks[k].text in (",", ":", "that", "—")):
            k -= 1
        if k < floor:
            return None
        t = self.toks[k]
        colon = self.doc.masked[t.end:m.open].strip().startswith(":")
        for j in range(k, max(floor, k - 12) - 1, -1):
            v = self.toks[j]
            if self.is_speech(v) and v.tag != "VBN":
                between = self.toks[j + 1:k + 1]
                if all(b.pos not in ("VERB", "AUX") and self.r.edges(v.i)[0] <= b.i <= self.r.edges(v.i)[1]
                       for b in between):
                    ref = self.r.subject_ref(v.i)
                    self.note(ref)
                    return self.span(v), ref
                break
        if colon and self.r.is_person_token(t):
            ref = self.r.ref_for(*self.r.np_range(t.i))
            self.note(ref)
            return self.doc.span(t.end, t.end + 1), ref
        return None

    def governing_verb(self, m: Marked) -> tuple[Span, Ref | None] | None:
        """The verb of saying a mid-sentence quote hangs under: Trump tweeted that Japan had “...”."""
        inner = self.inside(m)
        ids = {t.i for t in inner}
        roots = [t for t in inner if t.head not in ids and t.pos != "PUNCT"]
        if not roots:
            return None
        c = roots[0]
        for _ in range(12):
            h = self.toks[c.head]
            if c.head == c.i or m.start <= h.start < m.end:
                return None
            if self.is_speech(h) and not any(self.toks[x].dep == "auxpass" for x in self.r.children[h.i]):
                ref = self.r.subject_ref(h.i)
                return (self.span(h), ref) if ref else None
            if h.pos in ("VERB", "AUX"):
                aside = [k for k in self.r.children[h.i] if self.toks[k].dep == "parataxis" and self.is_speech(self.toks[k])]
                if aside:  # "The demands, she said, were “unrealistic.”"
                    ref = self.r.subject_ref(aside[0])
                    return (self.span(self.toks[aside[0]]), ref) if ref else None
                if h.dep not in CLIMB_THROUGH:
                    return None
            c = h
        return None


# --- indirect speech ------------------------------------------------------------------------------

class Indirect:
    def __init__(self, at: Attributor, marks: list[Marked]):
        self.at, self.r, self.doc, self.toks = at, at.r, at.doc, at.toks
        self.marks = marks
        self.tail_cues: dict[int, Marked] = {}  # cue token -> the quote it follows ("“...,” said X")

    def in_quote(self, char: int) -> bool:
        return any(m.start <= char < m.end for m in self.marks)

    def outside_words(self, a: int, b: int) -> int:
        return sum(1 for t in self.toks[a:b] if t.pos not in ("PUNCT", "SPACE") and not self.in_quote(t.start))

    def candidates(self) -> list[tuple[int, Token]]:
        return [(t.start, t) for t in self.toks if not t.is_space and not self.in_quote(t.start)
                and (t.text.lower() == "according" or t.text == "As" or t.lemma.lower() in INDIRECT)]

    def find(self, t: Token) -> tuple[Quote, Ref] | None:
        if t.text.lower() == "according":
            return self.according(t)
        return self.as_said(t) if t.text == "As" else self.verb(t)

    def content(self, lo: int, hi: int, sent: Sentence | None = None) -> tuple[int, int] | None:
        """The reported clause in tokens [lo, hi), trimmed; None unless it is a clause (has a verb)."""
        if sent is not None:
            lo, hi = max(lo, sent.token_start), min(hi, sent.token_end)
        toks = [t for t in self.toks[lo:hi] if not t.is_space]
        while toks and (toks[0].pos == "PUNCT" or toks[0].text.lower() == "that" and toks[0].dep == "mark"):
            toks = toks[1:]
        while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in ("”", "''", '"'):
            toks = toks[:-1]
        if len([t for t in toks if t.pos != "PUNCT"]) < 3 or not any(t.pos in ("VERB", "AUX") for t in toks):
            return None
        return toks[0].i, toks[-1].i + 1

    def quote(self, rng: tuple[int, int] | None, cue: Span, ref: Ref | None) -> tuple[Quote, Ref] | None:
        if rng is None or ref is None or ref.kind == "thing":
            return None
        a, b = rng
        s, e = self.toks[a].start, self.toks[b - 1].end
        if s <= ref.start < e:  # the speaker closes the clause: "..., Stephen Nagy, a fellow at X, told CNN"
            rng = self.content(a, self.at.tok_at(ref.start))
            if rng is None:
                return None
            a, b = rng
            s, e = self.toks[a].start, self.toks[b - 1].end
        overlapping = [m for m in self.marks if m.start < e and s < m.end]
        if overlapping and (self.outside_words(a, b) < 5 or any(m.close <= cue.start for m in overlapping)):
            return None  # the quoted words carry it as a partial quote
        self.at.note(ref)
        return Quote(s, e, self.doc.text[s:e], "indirect", cue, ref.speaker()), ref

    def verb(self, v: Token) -> tuple[Quote, Ref] | None:
        if v.pos != "VERB":
            return None
        kids = self.r.children[v.i]
        if any(self.toks[k].dep in ("auxpass", "nsubjpass") for k in kids):
            return None  # "Abe is said to believe": no speaker
        sent = self.doc.sentence_of(v.start)
        if sent is None:
            return None
        found = self.r.reporter(v.i, sent.token_start, sent.token_end)
        if found is None:
            return None
        ref, lo_s = found
        comp = [k for k in kids if self.toks[k].dep == "ccomp"]
        rest = [t for t in self.toks[v.i + 1:sent.token_end] if t.pos not in ("PUNCT", "SPACE")]
        if comp:
            lo, hi = self.r.edges(comp[0])
            rng = self.content(lo, hi + 1, sent)
        elif lo_s > sent.token_start and self.toks[lo_s - 1].text == "," and (v.dep == "parataxis" or len(rest) <= 5
                                                                               or lo_s == v.i):
            # "..., advisers say" / "..., he said, ...": the rest of the sentence is what was said
            mid = lo_s != v.i and any(t.pos in ("VERB", "AUX") for t in rest)
            rng = self.content(sent.token_start, sent.token_end if mid else lo_s, sent)
        else:
            return None
        return self.quote(rng, self.at.span(v), ref)

    def according(self, t: Token) -> tuple[Quote, Ref] | None:
        if t.i + 2 >= len(self.toks) or self.toks[t.i + 1].text.lower() != "to":
            return None
        sent = self.doc.sentence_of(t.start)
        if sent is None:
            return None
        pobj = next((k for k in self.r.children[t.i + 1] if self.toks[k].dep == "pobj"), t.i + 2)
        lo, hi = self.r.edges(pobj)
        ref = self.r.ref_for(t.i + 2, hi + 1)
        cue = self.doc.span(t.start, self.toks[t.i + 1].end)
        if t.i <= sent.token_start + 1:
            rng = self.content(hi + 1, sent.token_end, sent)
        else:
            rng = self.content(sent.token_start, t.i, sent)
        return self.quote(rng, cue, ref)

    def as_said(self, t: Token) -> tuple[Quote, Ref] | None:
        """As the White House’s statement goes, ... / As X said, ..."""
        if t.dep != "mark":
            return None
        v = self.toks[t.head]
        if v.lemma.lower() not in SPEECH | {"go", "put"} or v.dep != "advcl" or v.head <= v.i:
            return None
        ref = self.r.subject_ref(v.i)
        hi = self.r.edges(v.head)[1]
        sent = self.doc.sentence_of(v.start)
        return self.quote(self.content(self.r.edges(v.i)[1] + 1, hi + 1, sent), self.at.span(v), ref)


# --- the stage ------------------------------------------------------------------------------------

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
            found.append(at.attribute(item))
        else:
            got = indirect.find(item)
            if got:
                reported.append(got)
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
        if f.ref is not None and f.ref.is_agent:
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
    for q, ref in reversed(reported):
        if q.end <= m.open:
            if (prev is None or q.end > prev[1]) and not re.sub(r"[\s.,;:!?”\"']", "", at.doc.masked[q.end:m.open]):
                return m.para, q.end, ref
            break
    return prev if prev is not None and prev[1] <= m.open else None


def stage(doc: Doc, result: Result, resources: object) -> list[Quote]:
    return find_quotes(doc, result.actors)
