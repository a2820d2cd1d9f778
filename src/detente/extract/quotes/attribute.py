"""Attribution of one quotation: the cue (a verb of saying, "according to", a statement noun) and its speaker.

In order: a possessive statement noun ("Mr. Trump’s “...” tweet"); a cue after the quote (“...,” said X /
X said / he added / X told CNN); a cue right before it (X said, “...”); a verb of saying that governs it in
the parse (Trump tweeted that Japan had “...”). A short quoted term that no verb of saying governs is
marked as a term, a scare quote unless something attributes it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from operator import attrgetter

from detente.extract.quotes.marks import Marked, paragraphs
from detente.extract.quotes.named_people import Ref
from detente.extract.quotes.speaker_words import FINITE, STATEMENT_NOUNS
from detente.extract.quotes.speakers import Resolver
from detente.types import Actor, Doc, Span, Token

SPEECH = set("""say add tell note warn argue insist write tweet ask explain continue reply respond state declare
announce claim comment observe remark stress emphasize emphasise acknowledge admit agree caution complain concede
conclude confirm contend counter deny describe characterize characterise quip recall report suggest tout pledge
promise predict urge vow assert maintain read call label dub post testify joke scoff quote chant shout yell
exclaim cry""".split())
CLIMB_THROUGH = {"ccomp", "xcomp", "conj", "advcl", "parataxis"}  # clause links a reported quote may sit under
SHORT_WORDS = 4  # a quoted term this short, with no verb of saying, is a scare quote
NAMING = {"call", "dub", "label", "term", "brand", "nickname"}
TITLE_WORDS = 8  # a quoted title is at most this long
TITLE_SMALL = set("of the a an and in on to for with at by or from as vs is are".split())  # lower case in titles


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
        self.starts = list(map(attrgetter("start"), self.toks))
        self.paras = paragraphs(doc.masked)

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def inside(self, m: Marked) -> list[Token]:
        return [t for t in self.toks[self.tok_at(m.start):self.tok_at(m.end)] if not t.is_space]

    def is_speech(self, t: Token, finite: bool = False) -> bool:
        lemma = t.lemma.lower()  # the parser lemmatises some rarer forms badly: "tweeted" -> "tweete"
        return (lemma in SPEECH or lemma[:-1] in SPEECH and lemma.endswith("e")) and t.pos in ("VERB", "AUX") \
            and (not finite or t.tag in FINITE)

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
        if self.is_title(m, words):
            return Found(m, None, None, "partial", True)  # told “Meet the Press”, the book “Tough Choices”
        for how in (self.statement_noun, self.tail_cue, self.head_cue, self.governing_verb):
            got = how(m)
            if got:
                cue, ref = got
                if cue is not None and self.naming(cue) and term and (ref is None or ref.kind == "anon"):
                    # a label nobody in particular gives: what observers are calling a new "normal"
                    return Found(m, None, None, "partial", True)
                kind = "direct" if how == self.statement_noun else self.kind_of(m, how == self.head_cue)
                return Found(m, cue, ref, kind, term)
        return Found(m, None, None, self.kind_of(m, False), term)

    def naming(self, cue: Span) -> bool:
        """A verb that names rather than says: call, dub, label, term, brand, nickname."""
        t = self.toks[min(self.tok_at(cue.start), len(self.toks) - 1)]
        return t.lemma.lower() in NAMING

    def is_title(self, m: Marked, words: list[Token]) -> bool:
        """A title or name in quotes, not words anyone said: mid-sentence, short, every content word
        capitalised ("Meet the Press", "The Art of the Deal"); one word only if it is a proper noun."""
        if not words or len(words) > TITLE_WORDS or self.opens_sentence(m):
            return False
        if len(words) == 1 and words[0].pos != "PROPN":
            return False
        content = [t for t in words if t.text.lower() not in TITLE_SMALL and t.text[:1].isalpha()]
        return bool(content) and all(t.text[:1].isupper() for t in content) and words[0].text[:1].isupper() \
            and not any(t.text in ("I", "I’m", "I'm") for t in words)

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
        last = m.close
        for t in self.toks[self.tok_at(m.close):]:
            if t.start >= end or t.text in (".", "!", "?", "“", "``") or len(out) >= 40 \
                    or "\n" in self.doc.text[last:t.end]:
                break  # a line break ends the paragraph in text that sets one per line
            last = t.end
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
            if self.is_speech(t, finite=True) or self.is_speech(t) and k and words[k - 1].pos == "AUX" \
                    or self.is_speech(t) and t.tag == "VBN" and self.has_subject(t):  # "Trump tweeted" tagged VBN
                before = words[:k]
                if before and (before[0].pos in ("ADP", "CCONJ", "SCONJ") or before[0].tag in ("WDT", "WP", "WRB")
                               or len(before) > 25):
                    return None
                return self.span(t), self.speaker_of(t, tail, before)
            if t.tag in FINITE and t.pos != "AUX" or t.tag in ("WDT", "WP", "WRB"):
                return None
        return None

    def has_subject(self, v: Token) -> bool:
        return any(self.toks[c].dep == "nsubj" for c in self.r.children[v.i])

    def speaker_of(self, v: Token, tail: list[Token], before: list[Token]) -> Ref | None:
        subj = self.r.subject_of(v.i)
        lo, hi = tail[0].i, tail[-1].i + 1
        if subj is not None and lo <= subj < hi:
            a, b = self.r.np_range(subj, stop=v.i)
            ref = self.r.ref_for(max(a, lo), min(b, hi), head=subj)
        elif before:
            ref = self.r.ref_for(before[0].i, v.i)
        else:  # inverted: said X, a professor at Y
            after = [t for t in tail if t.i > v.i and t.pos in ("PROPN", "NOUN", "PRON", "DET")]
            ref = self.r.ref_for(after[0].i, hi) if after else None
        ref = ref or self.mention(v)
        self.note(ref)
        return ref

    def mention(self, v: Token) -> Ref | None:
        """The subject as written when it resolves to no one known ("she said" with no antecedent in reach)."""
        got = self.r.any_subject(v.i)
        if got:
            return got[0]
        sent = self.doc.sentence_of(v.start)
        loose = self.r.loose_subject(v.i, sent.token_start if sent else 0)  # ", Jake Sullivan, said:"
        return self.r.ref_for(loose, v.i) if loose is not None else None

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
                    ref = self.r.subject_ref(v.i) or self.mention(v)
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
                ref = self.r.subject_ref(h.i) or self.mention(h)
                return (self.span(h), ref) if ref else None
            if h.pos in ("VERB", "AUX"):
                aside = [k for k in self.r.children[h.i]
                         if self.toks[k].dep == "parataxis" and self.is_speech(self.toks[k])]
                if aside:  # "The demands, she said, were “unrealistic.”"
                    ref = self.r.subject_ref(aside[0])
                    return (self.span(self.toks[aside[0]]), ref) if ref else None
                if h.dep not in CLIMB_THROUGH:
                    return None
            c = h
        return None
