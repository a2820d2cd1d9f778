"""Indirect speech: reported clauses and their speakers, outside quotation marks.

A verb of saying with a reported clause ("X said (that) ...", "..., the source said", "..., say
analysts"), "according to X, ..." and "As X's statement goes, ...". A reported clause that the quoted
words already carry as a partial quote is left to them.
"""

from __future__ import annotations

import bisect
from itertools import compress
from operator import attrgetter

from detente.extract.quotes.attribute import SPEECH, Attributor
from detente.extract.quotes.cues import cue_lemmas, source_nouns
from detente.extract.quotes.marks import Marked
from detente.extract.quotes.named_people import Ref
from detente.extract.quotes.speaker_words import PERSON_NOUNS
from detente.types import Quote, Sentence, Span, Token

INDIRECT = set("""say add tell note warn argue insist write tweet explain state declare announce claim stress
emphasize emphasise acknowledge admit concede confirm contend deny report suggest pledge promise predict assert
maintain complain caution reply respond testify""".split())
# Dependents of a cue verb that carry what was said when it has no reported clause, and the prepositions
# that introduce it ("called for", "warned of", "railed against"), not those of time or place.
COMPLEMENT_DEPS = {"xcomp", "dobj", "oprd", "dative", "attr", "acomp"}
CONTENT_PREPS = {"for", "on", "about", "of", "against", "to", "over"}
MIN_COMPLEMENT = 2
AUDIENCES = {"audience", "crowd", "rally", "gathering", "meeting", "conference", "reporter", "journalist"}
LEMMA = attrgetter("lemma")
ACCORDING_AS = frozenset(("according", "as"))
CIRCUMSTANCE_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "CARDINAL", "WORK_OF_ART", "EVENT"}


class Indirect:
    def __init__(self, at: Attributor, marks: list[Marked]):
        self.at, self.r, self.doc, self.toks = at, at.r, at.doc, at.toks
        self.marks = marks
        self.marks_sorted = sorted(marks, key=lambda m: m.start)
        self.mark_starts = [m.start for m in self.marks_sorted]
        self.longest_mark = max((m.end - m.start for m in marks), default=0)
        self.tail_cues: dict[int, Marked] = {}  # cue token -> the quote it follows ("“...,” said X")
        self.para_starts = [a for a, _ in at.paras]

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.mark_starts, char) - 1  # marks are top-level: sorted, not nested
        return k >= 0 and char < self.marks_sorted[k].end

    def outside_words(self, a: int, b: int) -> int:
        return sum(1 for t in self.toks[a:b] if t.pos not in ("PUNCT", "SPACE") and not self.in_quote(t.start))

    def candidates(self) -> list[tuple[int, Token]]:
        cues = INDIRECT | cue_lemmas()
        # The word tests first, over every token in C (map, compress); the rest for the few that pass them.
        n = len(self.toks)
        lemmas = map(str.lower, map(LEMMA, self.toks))
        picked = set(compress(range(n), map(cues.__contains__, lemmas)))
        # "according" (any case) and "As" (so cased) in one pass: both are "as"-like in lower case, then checked.
        picked.update(i for i in compress(range(n), map(ACCORDING_AS.__contains__, self.r.lows))
                      if self.r.lows[i] == "according" or self.toks[i].text == "As")
        return [(t.start, t) for t in (self.toks[i] for i in sorted(picked))
                if not t.is_space and not self.in_quote(t.start)]

    def find(self, t: Token) -> tuple[Quote, Ref] | None:
        if t.text.lower() == "according":
            return self.according(t)
        return self.as_said(t) if t.text == "As" else self.verb(t)

    def content(self, lo: int, hi: int, sent: Sentence | None = None, clause: bool = True) -> tuple[int, int] | None:
        """The reported clause in tokens [lo, hi), trimmed; None unless it is a clause (has a verb) or, for
        a verb's complement (``clause=False``), at least ``MIN_COMPLEMENT`` words."""
        if sent is not None:
            lo, hi = max(lo, sent.token_start), min(hi, sent.token_end)
        toks = [t for t in self.toks[lo:hi] if not t.is_space]
        while toks and (toks[0].pos == "PUNCT" or toks[0].text.lower() == "that" and toks[0].dep == "mark"):
            toks = toks[1:]
        while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in ("”", "''", '"'):
            toks = toks[:-1]
        words = len([t for t in toks if t.pos != "PUNCT"])
        if not clause:
            return (toks[0].i, toks[-1].i + 1) if words >= MIN_COMPLEMENT else None
        if words < 3 or not any(t.pos in ("VERB", "AUX") for t in toks):
            return None
        return toks[0].i, toks[-1].i + 1

    def quote(self, rng: tuple[int, int] | None, cue: Span, ref: Ref | None) -> tuple[Quote, Ref] | None:
        if rng is None or ref is None:
            return None
        a, b = rng
        s, e = self.toks[a].start, self.toks[b - 1].end
        if s <= ref.start < e:  # the speaker closes the clause: "..., Stephen Nagy, a fellow at X, told CNN"
            inside = s < cue.start < cue.end < e  # "The tally, he said, was higher": one content around the cue
            cut = None if inside else self.content(a, self.at.tok_at(ref.start))
            if cut is None and not inside:
                return None
            a, b = cut or rng
            s, e = self.toks[a].start, self.toks[b - 1].end
        # Only marks starting in (s - longest, e) can overlap [s, e): bisected, not scanned per reported clause.
        near = self.marks_sorted[bisect.bisect_right(self.mark_starts, s - self.longest_mark):
                                 bisect.bisect_left(self.mark_starts, e)]
        overlapping = any(s < m.end for m in near)
        if overlapping and self.outside_words(a, b) < 5:
            return None  # the quoted words carry it as a partial quote
        self.at.note(ref)
        return Quote(s, e, self.doc.text[s:e], "indirect", cue, ref.speaker()), ref

    def verb(self, v: Token) -> tuple[Quote, Ref] | None:
        if v.pos != "VERB":
            return None
        kids = self.r.children[v.i]
        if any(self.toks[k].dep in ("auxpass", "nsubjpass") for k in kids):
            return None  # "Abe is said to believe": no speaker
        sent = self.local_sentence(v)
        if sent is None:
            return None
        found = self.r.reporter(v.i, sent.token_start, sent.token_end) or self.r.any_subject(v.i)
        if found is None or not self.may_speak(found[0], self.r.subject_of(v.i)):
            return None
        ref, lo_s = found
        speech = v.lemma.lower() in INDIRECT  # a verb of saying proper, not only a harvested cue
        comp = sorted((k for k in kids if self.toks[k].dep == "ccomp" and sent.token_start <= k < sent.token_end
                       and (k > v.i or speech)), key=lambda k: k < v.i)  # a clause after the verb first
        if comp:
            lo, hi = self.r.edges(comp[0])
            rng = self.content(lo, hi + 1, sent)
        elif lo_s > sent.token_start and self.toks[lo_s - 1].text == "," and speech \
                and (v.dep == "parataxis" or len(self.words_after(v, sent)) <= 5 or lo_s == v.i):
            rest = self.words_after(v, sent)
            # "..., advisers say" / "..., he said, ...": the rest of the sentence is what was said
            mid = lo_s != v.i and any(t.pos in ("VERB", "AUX") for t in rest)
            rng = self.content(sent.token_start, sent.token_end if mid else lo_s, sent)
        elif v.lemma.lower() in cue_lemmas():
            rng = self.complement(v, kids, sent)
        else:
            return None
        return self.quote(rng, self.at.span(v), ref)

    def words_after(self, v: Token, sent: Sentence) -> list[Token]:
        """The words after v to its sentence's end (only where a clause after a comma needs them)."""
        return [t for t in self.toks[v.i + 1:sent.token_end] if t.pos not in ("PUNCT", "SPACE")]

    def local_sentence(self, v: Token) -> Sentence | None:
        """v's sentence cut to v's paragraph: the parser may run a sentence across a paragraph break."""
        sent = self.doc.sentence_of(v.start)
        # Paragraphs are sorted and apart: the one holding v is found by bisection, not by a scan per verb.
        k = bisect.bisect_right(self.para_starts, v.start) - 1
        para = self.at.paras[k] if k >= 0 and v.start < self.at.paras[k][1] else None
        if sent is None or para is None or para[0] <= sent.start and sent.end <= para[1]:
            return sent
        a, b = max(sent.start, para[0]), min(sent.end, para[1])
        return Sentence(a, b, max(sent.token_start, self.at.tok_at(a)), min(sent.token_end, self.at.tok_at(b)))

    def circumstance(self, prep: int) -> bool:
        """A prepositional phrase of when or where ("on Friday", "on Twitter"), not of what was said."""
        obj = next((k for k in self.r.children[prep] if self.toks[k].dep == "pobj"), None)
        if obj is not None and self.toks[prep].text.lower() == "to" and self.is_addressee(obj):
            return True  # "wrote to top officials": to whom, not what
        return obj is not None and self.toks[obj].ent_type in CIRCUMSTANCE_ENTS

    def is_addressee(self, k: int) -> bool:
        t = self.toks[k]
        return t.pos == "PRON" or t.ent_type in ("PERSON", "ORG", "NORP") or t.lemma.lower() in PERSON_NOUNS \
            or t.lemma.lower() in AUDIENCES

    def may_speak(self, ref: Ref, head: int | None) -> bool:
        """A thing speaks unless it is a common noun that news does not use as a source ("the poll" does)."""
        if ref.kind != "thing" or head is None:
            return True
        h = self.toks[head]  # a name the parser did not type, a share of a poll ("four in 10"), a source noun
        return h.pos != "NOUN" or h.lemma.lower() in source_nouns()

    def complement(self, v: Token, kids: tuple[int, ...], sent: Sentence) -> tuple[int, int] | None:
        """What a cue verb without a reported clause says: its objects and complements after it ("vowed to
        repeal the law", "called for a moratorium", "urged Republicans to join", "called the charges false")."""
        if any(k < v.i and self.toks[k].dep == "dobj" and self.toks[k].tag in ("WP", "WDT") for k in kids):
            return None  # "what it has long asked of Tokyo": what was asked is the relative, not the tail
        parts = [k for k in kids if k > v.i and (self.toks[k].dep in COMPLEMENT_DEPS or self.toks[k].dep == "prep"
                                                 and self.toks[k].text.lower() in CONTENT_PREPS
                                                 and not self.circumstance(k))]
        if not parts or all(self.toks[k].dep in ("dobj", "dative") and self.is_addressee(k) for k in parts):
            return None  # "told his father": whom it was said to, not what
        lo = min(self.r.edges(k)[0] for k in parts)
        hi = max(self.r.edges(k)[1] for k in parts)
        return self.content(lo, hi + 1, sent, clause=False)

    def according(self, t: Token) -> tuple[Quote, Ref] | None:
        if t.i + 2 >= len(self.toks) or self.toks[t.i + 1].text.lower() != "to":
            return None
        sent = self.doc.sentence_of(t.start)
        if sent is None:
            return None
        pobj = next((k for k in self.r.children[t.i + 1] if self.toks[k].dep == "pobj"), t.i + 2)
        lo, hi = self.r.edges(pobj)
        comma = next((k for k in range(t.i + 2, min(hi + 1, sent.token_end)) if self.toks[k].text == ","), None)
        if comma is not None and t.i <= sent.token_start + 1:
            hi = comma - 1  # "According to the AP, 571 of ...": the parser may hang the clause under the source
        ref = self.r.ref_for(t.i + 2, hi + 1)
        cue = self.doc.span(t.start, self.toks[t.i + 1].end)
        if t.i <= sent.token_start + 1:
            rng = self.content(hi + 1, sent.token_end, sent)
        else:
            rng = self.content(sent.token_start, t.i, sent)
            after = self.content(hi + 1, sent.token_end, sent) if self.toks[min(hi + 1, len(self.toks) - 1)].text \
                == "," else None
            if rng is not None and after is not None:  # "..., according to X, two were upgraded ...": both sides
                rng = (rng[0], after[1])
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
