"""The people an article names, as quote attribution sees them, and ``Ref``, what a mention refers to.

``NamedPeople(doc, actors)`` indexes the people of one parsed article: the canonical full name as
introduced in the article ("Mr. Green" -> "Michael J. Green"), gender from titles and a small first-name
list, the description and affiliation an appositive gives ("a former Japanese diplomat now teaching at
Ritsumeikan University"), and the actor from the actors stage each one is. Without a matching actor an
id falls back to ``person:<slug>`` with the knowledge base's slug, the same id the actors stage gives.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, methodcaller

from detente.extract.quotes.speaker_words import (
    FEMALE_NAMES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_TITLES,
    ORG_SUFFIX,
    POSSESSIVE,
    ROLE_NOUNS,
    TITLES,
    bare,
)
from detente.kb.names import slug
from detente.types import Actor, Doc, Speaker, Token

# A Ref's kind as the speaker's kind in the output: states and organisations both speak as organisations,
# a "thing" that says something is a document (a report, a poll, a complaint).
NAME_OPENERS = frozenset(("mr", "mrs", "ms", "dr", "president"))  # words a name follows
GENDER_TITLES = frozenset(MALE_TITLES | FEMALE_TITLES)
TEXT = attrgetter("text")
STRIP_PERIOD = methodcaller("rstrip", ".")
SPEAKER_KINDS = {"person": "person", "anon": "anonymous", "org": "organisation", "state": "organisation",
                 "thing": "document"}


@dataclass
class Ref:
    """What a mention refers to. kind: person | anon | org | state | thing."""

    kind: str
    start: int  # char span of the mention in the text
    end: int
    name: str | None = None
    description: str | None = None
    affiliation: str | None = None
    actor_id: str | None = None
    gender: str | None = None
    plural: bool = False

    def speaker(self) -> Speaker:
        return Speaker(actor_id=self.actor_id, name=self.name, description=self.description,
                       anonymous=self.kind == "anon", start=self.start, end=self.end, affiliation=self.affiliation,
                       kind=SPEAKER_KINDS.get(self.kind))

    @property
    def is_agent(self) -> bool:  # can say things
        return self.kind != "thing"

    def moved(self, start: int, end: int | None = None) -> Ref:
        """The same referent at another mention: ``dataclasses.replace`` without its cost (it runs per subject)."""
        return Ref(self.kind, start, self.end if end is None else end, self.name, self.description, self.affiliation,
                   self.actor_id, self.gender, self.plural)


class NamedPeople:
    """Who the people of one article are; the base of ``speakers.Resolver``."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc, self.toks = doc, doc.tokens
        self.actors = [a for a in actors if a.mentions or a.name]
        self.ent_of: dict[int, int] = {}
        for k, e in enumerate(doc.entities):
            for i in range(e.token_start, e.token_end):
                self.ent_of[i] = k
        self.people: dict[str, str] = {}  # surname/first-name key -> canonical full name
        self.gender: dict[str, str] = {}  # canonical name -> "m" | "f"
        self.profile: dict[str, tuple[str | None, str | None]] = {}  # canonical -> (description, affiliation)
        # Once per document, as the indexes below and indirect speech's cue search read them all (map over
        # attrgetter runs in C: these passes over every token were a fifth of the stage as comprehensions).
        self.lows = list(map(str.lower, map(TEXT, self.toks)))
        self.bares = list(map(STRIP_PERIOD, self.lows))  # speaker_words.bare of each token
        self._mentions: tuple[list[tuple[int, int, int]], list[int], int] | None = None  # see _index_actors
        self._by_name: dict[str, int] = {}
        self._by_last: dict[str, list[int]] = {}
        self._suffixed: dict[int, bool] = {}  # see _corporate
        self._index_people()

    def _index_people(self) -> None:
        names: list[tuple[int, list[Token]]] = []
        for e in self.doc.entities:
            if e.label == "PERSON":
                names.append((e.start, self.name_tokens(range(e.token_start, e.token_end))))
        n = len(self.toks)
        for i in compress(count(), map(NAME_OPENERS.__contains__, self.bares)):  # "Mr. Trump" where NER said ORG
            if i + 1 < n:
                nxt = self.toks[i + 1]
                if nxt.pos == "PROPN" and nxt.text[:1].isupper() and i + 1 not in self.ent_of:
                    names.append((nxt.start, [nxt]))
        names.sort(key=lambda x: x[0])
        full: dict[str, str] = {}
        for _, toks in names:
            if not toks or not self._looks_like_name(toks):
                continue
            name = self.doc.text[toks[0].start:toks[-1].end]
            last, first = toks[-1].text, toks[0].text
            if len(toks) > 1:
                full.setdefault(last, name)
                full.setdefault("first:" + first, name)
                g = "m" if bare(first) in MALE_NAMES else "f" if bare(first) in FEMALE_NAMES else None
                if g:
                    self.gender.setdefault(name, g)
            full.setdefault(last, last)
        for a in self.actors:
            if a.kind == "person" and a.name:
                parts = a.name.split()
                full[parts[-1]] = a.name
        self.people = full
        for i in list(compress(count(), map(GENDER_TITLES.__contains__, self.bares))):  # "Mr. Abe"
            b = self.bares[i]
            if i + 1 < n:
                titled = self.canonical(self.toks[i + 1].text)
                if titled:
                    self.gender.setdefault(titled, "m" if b in MALE_TITLES else "f")

    @staticmethod
    def _looks_like_name(toks: list[Token]) -> bool:
        words = [t.text for t in toks if t.text not in "-"]
        if not words or any(not w[:1].isupper() for w in words if len(w) > 2):
            return False
        return not all(len(w.rstrip(".")) <= 2 for w in words)  # "O.K.", "U.S."

    def name_tokens(self, idx: range | list[int]) -> list[Token]:
        """Tokens of a name without leading titles and trailing possessive ("President Trump’s" -> Trump)."""
        toks = [self.toks[i] for i in idx if not self.toks[i].is_space]
        for k, t in enumerate(toks):
            if t.text in POSSESSIVE or t.tag == "POS":
                toks = toks[:k]
                break
        while len(toks) > 1 and bare(toks[0].text) in TITLES:
            toks = toks[1:]
        if toks and toks[0].pos in ("DET", "ADJ") and toks[0].text[:1].islower():
            toks = toks[1:]
        return toks

    def canonical(self, key: str) -> str | None:
        key = re.sub(r"[’']s?$", "", key)
        return self.people.get(key) or self.people.get("first:" + key)

    def person_ref(self, toks: list[Token]) -> Ref:
        text = self.doc.text[toks[0].start:toks[-1].end]
        name = text if len(toks) > 1 else (self.canonical(text) or text)
        if len(toks) > 1 and self.people.get(toks[-1].text, name) != name \
                and len(self.people[toks[-1].text].split()) > len(toks):
            name = self.people[toks[-1].text]  # "Moon Jae" -> the fuller form seen elsewhere
        actor = self._actor_for(toks[0].start, toks[-1].end, name, kind="person")
        desc, aff = self.profile.get(actor.name if actor else name, (None, None))
        ref = Ref("person", toks[0].start, toks[-1].end, actor.name if actor else name, desc, aff,
                  actor.id if actor else "person:" + slug(name))
        if actor and not desc:
            ref.description, ref.affiliation = actor.description, actor.affiliation
        ref.gender = self.gender.get(name) or (kb_gender(actor.id) if actor else None)
        return ref

    def _actor_for(self, start: int, end: int, name: str, kind: str) -> Actor | None:
        """The first actor (in the actors' order) with a mention overlapping [start, end), else the one so named,
        else the only person with that last name."""
        if self._mentions is None:
            self._index_actors()
        spans, starts, longest = self._mentions  # type: ignore[misc]
        # Only mentions starting in (start - longest, end) can overlap: bisected, not scanned per actor.
        hits = [k for a, b, k in spans[bisect.bisect_right(starts, start - longest):bisect.bisect_left(starts, end)]
                if start < b and (kind != "person" or self.actors[k].kind == "person")]
        if hits:
            return self.actors[min(hits)]
        k = self._by_name.get(name.lower())
        if k is not None:
            return self.actors[k]
        if kind == "person":
            found = self._by_last.get(name.split()[-1].lower(), [])
            if len(found) == 1:
                return self.actors[found[0]]
        return None

    def _index_actors(self) -> None:
        """The actors' mentions by start, their names and the persons' last names (once per document)."""
        spans = sorted((m.start, m.end, k) for k, a in enumerate(self.actors) for m in a.mentions)
        self._mentions = (spans, [a for a, _, _ in spans], max((b - a for a, b, _ in spans), default=0))
        for k, a in enumerate(self.actors):
            if a.name:
                self._by_name.setdefault(a.name.lower(), k)
                if a.kind == "person" and a.name.split():
                    self._by_last.setdefault(a.name.split()[-1].lower(), []).append(k)

    def is_person_token(self, t: Token) -> bool:
        if t.pos not in ("PROPN", "NOUN") or not t.text[:1].isupper():
            return False
        k = self.ent_of.get(t.i)
        if k is not None and self.doc.entities[k].label == "PERSON":
            return True
        if k is not None and self._corporate(k):
            return False  # "Magna International Inc." even where NER called "Magna" a person elsewhere
        return t.text in self.people or ("first:" + t.text) in self.people

    def _corporate(self, k: int) -> bool:
        """Entity k's words include a company or institution suffix (remembered: asked per token of it)."""
        got = self._suffixed.get(k)
        if got is None:
            words = {w.lower() for w in re.findall(r"[A-Za-z]+", self.doc.entities[k].text)}
            got = self._suffixed[k] = bool(ORG_SUFFIX & words)
        return got

    # --- descriptions -------------------------------------------------------------------------
    def _describe(self, ref: Ref, toks: list[Token], name: list[Token]) -> None:
        """Appositive or role words around the name become description; an organisation in it, affiliation."""
        first, last = name[0].i, name[-1].i
        before = [t for t in toks if t.i < first]
        after = [t for t in toks if t.i > last]
        while before and bare(before[-1].text) in ("mr", "mrs", "ms", "miss", "dr"):
            before = before[:-1]
        desc_toks: list[Token] = []
        if after and after[0].text == ",":
            desc_toks = after[1:]
        elif before and before[-1].text == ",":
            desc_toks = before[:-1]
        elif before and all(t.pos in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") for t in before) and \
                any(t.pos == "NOUN" or t.text.lower() in ROLE_NOUNS or bare(t.text) in TITLES for t in before):
            desc_toks = before
        while desc_toks and desc_toks[-1].pos == "PUNCT" and desc_toks[-1].text not in POSSESSIVE:
            desc_toks = desc_toks[:-1]
        if not desc_toks:
            return
        desc = lower_article(self.doc.text[desc_toks[0].start:desc_toks[-1].end])
        ref.description = desc
        ref.affiliation = self.affiliation(desc_toks)
        self.profile.setdefault(ref.name or "", (ref.description, ref.affiliation))

    def affiliation(self, toks: list[Token]) -> str | None:
        """The organisation a description places its person at: "a lecturer ... at Stanford University"."""
        text = self.doc.text[toks[0].start:toks[-1].end]
        best = None
        for m in ORG_PHRASE.finditer(text):
            best = best or m.group(1)
            if re.search(r"\b(?:at|for|with|in|of)\s*$", text[:m.start()]):
                return clean_org(m.group(1))
        inside = {t.i for t in toks}
        for e in self.doc.entities:
            if e.label in ("ORG", "FAC") and e.token_start in inside and e.token_end - e.token_start > 1:
                return clean_org(e.text)
        if best:
            return clean_org(best)
        placed = list(PLACED_AT.finditer(text))  # "a defense analyst for IHS Jane’s"
        return clean_org(placed[-1].group(1)) if placed else None

    def person_ref_by_name(self, name: str, start: int, end: int) -> Ref:
        actor = next((a for a in self.actors if a.name == name), None)
        desc, aff = self.profile.get(name, (None, None))
        return Ref("person", start, end, name, desc, aff, actor.id if actor else "person:" + slug(name),
                   gender=self.gender.get(name))


def kb_gender(actor_id: str) -> str | None:
    """Gender of a known person from the actors knowledge base, when that module is present."""
    try:
        from detente.kb.knowledge import load_kb
    except ImportError:  # the actors stage is optional for this module
        return None
    person = load_kb().people.get(actor_id)
    return person.gender if person and person.gender in ("m", "f") else None


ORG_PHRASE = re.compile(r"((?:the\s+)?(?:[A-Z][\w’'&.-]*\s+)*"
                        r"(?:University|Institute|Council|Center|Centre|Foundation|Ministry|Department|College|"
                        r"Agency|Commission|Bank|Fund|Party|Times|Post|Journal|Academy|School|Society|Office|"
                        r"Association|Group|Corporation|Company|Inc\.?|Ltd\.?)"
                        r"(?:\s+(?:for|of|on|and)\s+[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*)*)")


PLACED_AT = re.compile(r"\b(?:at|for|with)\s+((?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)")


def clean_org(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    text = re.sub(r"^[A-Z][\w-]*[’']s\s+", "", text)  # "Tokyo’s Sophia University"
    return text.strip(" ,.") or None


def lower_article(text: str) -> str:
    return re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), text)
