"""Who a noun phrase, pronoun or surname refers to, for quote attribution.

``Resolver(doc, actors)`` reads one parsed article and answers "which speaker is this?" for a token
range: a named person (canonical full name as introduced in the article, e.g. "Mr. Green" -> "Michael J.
Green"; see ``named_people.py``), an anonymous source ("a U.S. defense official"; a later "the official"
is the same one), an organisation or state ("the Defense Ministry"), or a thing that is not a speaker at
all ("a graphic on the screen"). Pronouns go to the nearest earlier compatible subject (gender and number
from titles and a small first-name list). Actors from the actors stage are used when present; without
them ids fall back to ``person:<slug>`` / ``org:<slug>``, so this works before and after that stage runs.
"""

from __future__ import annotations

import bisect
import operator
import re
from itertools import compress, count, groupby
from operator import attrgetter

from detente.extract.quotes.named_people import NamedPeople, Ref, lower_article
from detente.extract.quotes.speaker_words import (
    CORPORATE,
    FINITE,
    ORG_LABELS,
    ORG_NOUNS,
    PERSON_NOUNS,
    POSSESSIVE,
    PRONOUNS,
    ROLE_NOUNS,
    STATE_LABELS,
    STATEMENT_NOUNS,
    SUBJECT_DEPS,
    TITLES,
)
from detente.kb.names import slug
from detente.types import Actor, Doc, Token

HEAD, DEP = attrgetter("head"), attrgetter("dep")


class Resolver(NamedPeople):
    def __init__(self, doc: Doc, actors: list[Actor]):
        super().__init__(doc, actors)
        # Each token's children in order, grouped in C (a stable sort by head) rather than appended one by one;
        # a token's index in the list is its i, and a root is its own head but not its own child. Tuples, the
        # leaves sharing the empty one, not a list per token: fewer objects for the cyclic collector to walk.
        heads = list(map(HEAD, self.toks))
        self.children: list[tuple[int, ...]] = [()] * len(heads)
        for head, kids in groupby(sorted(range(len(heads)), key=heads.__getitem__), key=heads.__getitem__):
            self.children[head] = tuple(kids)
        for root in compress(count(), map(operator.eq, heads, count())):
            self.children[root] = tuple(k for k in self.children[root] if k != root)
        self._edges: dict[int, tuple[int, int]] = {}
        self.anon_seen: list[tuple[str, Ref]] = []  # anonymous sources in order of introduction
        self.timeline: list[Ref] = []  # person-like subjects in text order, for pronouns
        self._timeline_starts: list[int] = []  # their starts, kept beside them for bisection
        self.orgs: list[Ref] = []  # named organisations as subjects, for "the company said"
        self.titles = self._titles()  # canonical name -> title words it is given ("president", "senator")
        self._build_timeline()

    def _titles(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for e in self.doc.entities:
            if e.label != "PERSON":
                continue
            k, words = e.token_start - 1, {self.bares[i] for i in range(e.token_start, e.token_end)} & TITLES
            while k >= 0 and self.bares[k] in TITLES:
                words.add(self.bares[k])
                k -= 1
            name = self.canonical(self.toks[e.token_end - 1].text)
            if name and words:
                out.setdefault(name, set()).update(words)
        return out

    # --- syntax helpers -------------------------------------------------------------------------
    def edges(self, i: int) -> tuple[int, int]:
        """Leftmost and rightmost token of i's subtree."""
        known = self._edges
        if i not in known:
            lo = hi = i
            stack = [i]
            while stack:
                j = stack.pop()
                got = known.get(j) if j != i else None
                if got is not None:  # a subtree already walked: its edges, not its tokens again
                    lo, hi = min(lo, got[0]), max(hi, got[1])
                    continue
                lo, hi = min(lo, j), max(hi, j)
                stack.extend(self.children[j])
            known[i] = (lo, hi)
        return known[i]

    def subject_ref(self, v: int) -> Ref | None:
        """Who is the subject of verb v (its whole phrase, appositives included)."""
        subj = self.subject_of(v)
        return None if subj is None else self.ref_for(*self.np_range(subj, stop=v), head=subj)

    def subject_of(self, v: int) -> int | None:
        for _ in range(4):
            subj = [c for c in self.children[v] if self.toks[c].dep in SUBJECT_DEPS]
            if subj:
                s = subj[0]
                if self.toks[s].text.lower() in ("who", "that", "which"):
                    return self._antecedent(self.toks[v].head, s) if self.toks[v].dep == "relcl" else None
                return s
            if self.toks[v].dep in ("conj", "xcomp", "advcl", "pcomp", "acl") and self.toks[v].head != v:
                v = self.toks[v].head
                if self.toks[v].pos == "ADP":  # "by suggesting": the subject of the verb the phrase hangs on
                    v = self.toks[v].head
                continue
            return None
        return None

    def _antecedent(self, head: int, rel: int) -> int | None:
        """The person a relative "who" points at: the name right before it ("Tokyo and Abe, who ..."),
        else the clause's head if that names a person; an unnamed "a president who ..." gives None."""
        k = rel - 1
        while k >= 0 and self.toks[k].pos == "PUNCT":
            k -= 1
        if k >= 0 and self.is_person_token(self.toks[k]):
            return k
        return head if self.is_person_token(self.toks[head]) else None

    def reporter(self, v: int, floor: int, ceil: int) -> tuple[Ref, int] | None:
        """Who a verb of saying reports, and the token where that phrase starts (v itself when the phrase
        follows: "said a diplomat who ...")."""
        subj = self.subject_of(v)
        if subj is None and self.toks[v].tag in FINITE:
            subj = self.loose_subject(v, floor)
            if subj is not None:
                ref = self.ref_for(subj, v)
                return (ref, subj) if ref else None
        if subj is None:
            nxt = self.toks[v + 1] if v + 1 < ceil else None
            if v > floor and self.toks[v - 1].text == "," and nxt is not None and \
                    nxt.pos in ("DET", "ADJ", "PROPN", "NOUN"):
                noun = next((t.i for t in self.toks[v + 1:ceil] if t.pos in ("NOUN", "PROPN")), None)
                ref = self.ref_for(v + 1, ceil, head=noun)
                return (ref, v) if ref else None
            return None
        if self.toks[subj].text.lower() in ("i", "we", "you", "it"):
            return None
        ref = self.ref_for(*self.np_range(subj, stop=v), head=subj)
        rel = next((c for c in self.children[v] if self.toks[c].dep in SUBJECT_DEPS
                    and self.toks[c].tag in ("WP", "WDT")), None)
        if ref is not None and rel is not None:  # "Smith, who said ...": the speaker is mentioned as "who"
            ref = ref.moved(self.toks[rel].start, self.toks[rel].end)
        return (ref, self.edges(subj)[0]) if ref else None

    def any_subject(self, v: int) -> tuple[Ref, int] | None:
        """The speaker as its own clause names it when nothing better is known: "it says", "I said", "which
        reported", "he said" with no antecedent in reach; the mention itself, described by its words."""
        subj = next((c for c in self.children[v] if self.toks[c].dep in SUBJECT_DEPS), None)
        if subj is None:
            return None
        t = self.toks[subj]
        word = t.text.lower()
        if t.tag in ("WP", "WDT") and self.toks[v].dep == "relcl":
            head = self.toks[v].head  # "a president who criticized ...": the phrase the clause describes
            if self.toks[head].dep == "appos" and self.is_person_token(self.toks[self.toks[head].head]):
                head = self.toks[head].head  # "Mr. Abe, himself a hard-liner who ...": the person
            lo, hi = self.edges(head)
            ref = self.ref_for(lo, min(hi + 1, self.edges(v)[0]), head=head)
            if ref is not None and ref.kind != "thing":
                return ref.moved(t.start, t.end), subj
        if t.pos == "PRON" or t.tag in ("WP", "WDT"):
            kind = "thing" if word in ("it", "which", "that", "this") else "person"
            return Ref(kind, t.start, t.end, description=word, plural=word in ("they", "we")), subj
        lo, hi = self.np_range(subj, stop=v)
        ref = self.ref_for(lo, hi, head=subj)
        return (ref, lo) if ref else None

    def loose_subject(self, v: int, floor: int) -> int | None:
        """", Stephen Nagy, visiting fellow at X, told CNN" where the parser lost the subject: the start of
        the comma-fenced phrase before the verb, if it names or describes a person."""
        k = v - 1
        while k > floor and v - k <= 20 and self.toks[k].tag not in FINITE:
            if self.toks[k - 1].text == "," and self.toks[k].pos in ("PROPN", "NOUN", "DET", "ADJ"):
                phrase = self.toks[k:v]
                if any(self.is_person_token(t) or t.lemma.lower() in PERSON_NOUNS for t in phrase):
                    return k
            k -= 1
        return None

    # --- noun phrases ---------------------------------------------------------------------------
    def np_range(self, head: int, stop: int | None = None) -> tuple[int, int]:
        lo, hi = self.edges(head)
        if stop is not None:
            hi = min(hi, stop - 1) if stop > head else hi
            lo = max(lo, stop + 1) if stop < head else lo
        while stop is not None and hi + 1 < stop and self.toks[hi + 1].pos == "ADV" and self.toks[hi].pos == "VERB":
            hi += 1  # "who is not authorized to speak publicly said": the adverb ends the clause
        nxt = hi + 1
        if nxt < len(self.toks) and nxt != stop and self.toks[nxt].text in POSSESSIVE and \
                self.toks[nxt].start == self.toks[hi].end:
            hi = nxt  # "IHS Jane’s" where the parser hung the ’s elsewhere
        return lo, hi + 1

    def ref_for(self, lo: int, hi: int, head: int | None = None) -> Ref | None:
        """Classify the phrase in tokens [lo, hi)."""
        toks = [t for t in self.toks[lo:hi] if not t.is_space]
        while toks and (toks[0].pos == "PUNCT" or toks[0].text.lower() in ("and", "but")):
            toks = toks[1:]
        while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in POSSESSIVE:
            toks = toks[:-1]
        if not toks:
            return None
        if head is None or not (toks[0].i <= head <= toks[-1].i):
            inside = {t.i for t in toks}
            heads = [t.i for t in toks if t.head not in inside or t.head == t.i]
            head = heads[0] if heads else toks[0].i
        h = self.toks[head]
        if len(toks) == 1 and h.text.lower() in PRONOUNS:
            return self.pronoun(h)
        if h.pos == "PRON" and h.text.lower() not in ("someone", "one"):
            return None
        name = self._head_name(toks, h) or self._name_in(toks)
        if name:
            ref = self.person_ref(name)
            self._describe(ref, toks, name)
            return ref
        text = self.doc.text[toks[0].start:toks[-1].end]
        lemma = h.lemma.lower()
        if lemma in STATEMENT_NOUNS:
            owner = [c for c in self.children[head] if self.toks[c].dep == "poss"]
            if owner:
                return self.ref_for(*self.np_range(owner[0], stop=head))
        if h.pos in ("NOUN", "PROPN") and lemma in PERSON_NOUNS and not self._in_entity(h, ORG_LABELS | STATE_LABELS):
            return self._anon_or_role(toks, h, text)
        if h.pos in ("NOUN", "PROPN") and lemma in ORG_NOUNS and self.ent_of.get(head) is None:
            if toks[0].text.lower() == "the" and lemma in CORPORATE and h.tag == "NN":
                named = [o for o in self.orgs if o.start < h.start and h.start - o.start < 3000]
                first = next((e for e in self.doc.entities if e.label == "ORG" and e.start < h.start), None)
                # "the company said": the one last named as a subject, else the first one named
                org = named[-1] if named else self.ref_for(first.token_start, first.token_end) if first else None
                if org is not None and org.kind == "org":
                    return org.moved(toks[0].start, toks[-1].end)
            return Ref("org", toks[0].start, toks[-1].end, description=lower_article(text))
        k = self.ent_of.get(head)
        if k is None and h.pos == "PROPN":  # the name that opens the phrase, not one in a clause after it
            lead = toks[:next((j for j, t in enumerate(toks) if t.text == "," or t.pos in ("ADP", "VERB")), len(toks))]
            k = next((self.ent_of[t.i] for t in lead if t.i in self.ent_of and
                      self.doc.entities[self.ent_of[t.i]].label in ORG_LABELS | STATE_LABELS), None)
        if k is not None and self.doc.entities[k].label in ORG_LABELS | STATE_LABELS:
            e = self.doc.entities[k]
            if self.is_dateline(e.start, e.end):
                return None  # "LONDON (Reuters) -": where the story was filed, never who spoke
            label = re.sub(r"^(?:the|The)\s+|[’']s$", "", e.text)
            kind = "state" if e.label in STATE_LABELS else "org"
            actor = self._actor_for(e.start, e.end, label, kind)
            aid = actor.id if actor else (("org:" + slug(label)) if kind == "org" else None)
            # a metonym keeps its own words: "the White House" said it, linked to the USA actor
            shown = actor.name if actor and actor.kind == kind.replace("org", "organization") else label
            return Ref(kind, e.start, e.end, shown, actor_id=aid, plural=False)
        return Ref("thing", toks[0].start, toks[-1].end, description=lower_article(text))

    def is_dateline(self, start: int, end: int) -> bool:
        """A place opening a paragraph in capitals or before "(Agency)" / a dash: a dateline."""
        line = self.doc.text.rfind("\n", 0, start) + 1
        if self.doc.text[line:start].strip():
            return False
        after = self.doc.text[end:end + 3].lstrip()
        return self.doc.text[start:end].isupper() or after[:1] in ("(", "—", "–", "-")

    def _head_name(self, toks: list[Token], h: Token) -> list[Token] | None:
        """The phrase's head is itself a name: "... executive director Kerry Jones"."""
        if h.pos != "PROPN" or not self.is_person_token(h):
            return None
        k = next((j for j, t in enumerate(toks) if t.i == h.i), None)
        if k is None:
            return None
        lo = k
        while lo > 0 and toks[lo - 1].pos == "PROPN" and toks[lo - 1].text not in POSSESSIVE:
            lo -= 1
        return self.name_tokens([t.i for t in toks[lo:k + 1]]) or None

    def _in_entity(self, t: Token, labels: set[str]) -> bool:
        k = self.ent_of.get(t.i)
        return k is not None and self.doc.entities[k].label in labels and t.pos == "PROPN"

    def _name_in(self, toks: list[Token]) -> list[Token] | None:
        """The person named by the phrase: at its start (after titles/role words) or as an appositive;
        never one inside a modifier ("a source close to Mr. Abe")."""
        k = 0
        while k < len(toks):
            t = toks[k]
            if self.is_person_token(t):
                run = [t]
                while k + len(run) < len(toks) \
                        and (toks[k + len(run)].pos == "PROPN" or toks[k + len(run)].text == "-") \
                        and toks[k + len(run)].text not in POSSESSIVE:
                    run.append(toks[k + len(run)])
                before = toks[:k]
                nxt = toks[k + len(run)] if k + len(run) < len(toks) else None
                if nxt is not None and nxt.text in POSSESSIVE and toks[-1].pos == "NOUN" \
                        and toks[-1].lemma.lower() not in STATEMENT_NOUNS:
                    return None  # "Trump’s travel", "Trump’s spokesman": the possessor is not the phrase
                blocked = any(b.pos in ("ADP", "VERB", "AUX") or b.tag in ("WP", "WDT") for b in before)
                after_comma = bool(before) and before[-1].text == ","
                ends = k + len(run) >= len(toks) or toks[k + len(run)].text in (",", "’s", "'s")
                if not blocked or (after_comma and ends and not any(b.tag in ("WP", "WDT") for b in before)):
                    run = self.name_tokens([r.i for r in run])
                    return run or None
                return None
            k += 1
        return None

    def _anon_or_role(self, toks: list[Token], h: Token, text: str) -> Ref:
        plural = h.tag in ("NNS", "NNPS") or h.lemma.lower() == "people"
        definite = toks[0].text.lower() in ("the", "that", "this") and h.i - toks[0].i <= 3
        lemma = h.lemma.lower()
        if definite and not plural:
            for head_noun, prev in reversed(self.anon_seen):
                if prev.start < h.start and head_noun == lemma:
                    return prev.moved(toks[0].start, toks[-1].end)
            if lemma in ROLE_NOUNS or lemma in PERSON_NOUNS:  # "the former diplomat": a described person
                owners = {n for n, (d, _) in self.profile.items() if d and re.search(rf"\b{lemma}\b", d, re.I)}
                owners |= {a.name for a in self.actors if a.kind == "person" and any(
                    re.search(rf"\b{lemma}\b", r.title, re.I) for r in a.roles)}
                owners |= {n for n, words in self.titles.items() if lemma in words}
                for prev in reversed(self.timeline):  # the role's most recent holder in the text is salient
                    if prev.kind == "person" and prev.name in owners and 0 < h.start - prev.start < 3000:
                        return prev.moved(toks[0].start, toks[-1].end)
                if len(owners) == 1:
                    return self.person_ref_by_name(owners.pop(), toks[0].start, toks[-1].end)
        ref = Ref("anon", toks[0].start, toks[-1].end, name=None, description=lower_article(text), plural=plural)
        self.anon_seen.append((lemma, ref))  # by head noun, so "the source" finds "a source who ..."
        return ref

    # --- pronouns and salience ------------------------------------------------------------------
    def _build_timeline(self) -> None:
        for t in list(compress(self.toks, map(SUBJECT_DEPS.__contains__, map(DEP, self.toks)))):
            if t.pos not in ("PROPN", "NOUN", "PRON"):
                continue
            if t.pos == "PRON" and t.text.lower() not in ("he", "she", "they"):
                continue
            ref = self.ref_for(*self.np_range(t.i, stop=t.head), head=t.i)
            if ref and ref.kind in ("person", "anon"):
                self.remember(ref, t.start)
            elif ref and ref.kind == "org" and ref.name:
                self.orgs.append(ref)

    def remember(self, ref: Ref, at: int | None = None) -> None:
        """Add a person-like mention (a subject, a speaker) at its place in the text."""
        ref = ref.moved(ref.start if at is None else at)
        k = bisect.bisect_right(self._timeline_starts, ref.start)
        self.timeline.insert(k, ref)
        self._timeline_starts.insert(k, ref.start)

    def pronoun(self, t: Token) -> Ref | None:
        gender, plural = PRONOUNS[t.text.lower()]
        starts = self._timeline_starts  # the subjects of the 1,500 characters before the pronoun, by bisection
        near = self.timeline[bisect.bisect_right(starts, t.start - 1500):bisect.bisect_left(starts, t.start)]
        for ref in reversed(near):
            if ref.plural == plural and not (gender and ref.gender and ref.gender != gender):
                return ref.moved(t.start, t.end)  # the same speaker, at the pronoun
        return None
