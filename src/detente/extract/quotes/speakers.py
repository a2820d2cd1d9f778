"""Who a noun phrase, pronoun or surname refers to, for quote attribution.

``Resolver(doc, actors)`` reads one parsed article and answers "which speaker is this?" for a token
range: a named person (canonical full name as introduced in the article, e.g. "Mr. Green" -> "Michael J.
Green"), an anonymous source ("a U.S. defense official"; a later "the official" is the same one), an
organisation or state ("the Defense Ministry"), or a thing that is not a speaker at all ("a graphic on
the screen"). Pronouns go to the nearest earlier compatible subject (gender and number from titles and a
small first-name list). Actors from the actors stage are used when present; without them ids fall back
to ``person:<slug>`` / ``org:<slug>``, so this works before and after that stage runs.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace

from detente.types import Actor, Doc, Speaker, Token

# Words that may precede a name without being part of it ("Prime Minister Shinzo Abe" -> Shinzo Abe).
TITLES = set("""mr mrs ms miss dr prof sir dame president premier prime minister secretary gen general sen senator
rep gov governor king queen prince princess chancellor ambassador adm admiral col lt vice chairman chairwoman
spokesman spokeswoman foreign defense defence state former envoy lord pope rev judge justice mayor chief
superintendent inspector sergeant sgt detective det capt captain maj major commissioner bishop cardinal rabbi
father sheikh ayatollah archbishop deputy interior finance trade""".split())
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "queen", "princess", "chairwoman", "spokeswoman"}
MALE_TITLES = {"mr", "sir", "king", "prince", "lord"}
MALE_NAMES = set("""donald barack george bill john james michael robert william richard joseph thomas charles daniel
matthew mark paul steven stephen andrew kenneth kevin brian edward ronald jim rex mike evan malcolm reed ash ashton
vladimir shinzo jeffrey peter david tony boris emmanuel justin narendra recep hassan benjamin ahmed mohammed saddam
yasser ariel ehud ali abdullah hajime kunihiko koichi taro fumio yoshihide junichiro yukio naoto rodrigo jacques
francois gerhard helmut tom chris christopher dan dick newt al colin henry""".split())
FEMALE_NAMES = set("""hillary condoleezza angela theresa margaret nancy madeleine elizabeth mary susan sarah jennifer
jessica karen linda patricia barbara nikki melania akie yuriko julia jacinda ursula christine kamala michelle laura
""".split())
# Head nouns of phrases that denote people without naming them.
PERSON_NOUNS = set("""source official diplomat analyst expert adviser advisor aide person people spokesman spokeswoman
spokesperson representative observer critic insider commentator economist scholar researcher professor lawmaker
legislator senator minister ambassador president premier secretary leader member resident witness nationalist
activist executive negotiator officer envoy strategist academic specialist staffer employee protester commander
colleague man woman someone lawyer attorney director chairman candidate voter citizen student teacher doctor
investigator prosecutor judge consultant manager""".split())
# Head nouns of phrases that denote organisations without naming them ("the Oklahoma City energy concern").
ORG_NOUNS = set("""company concern firm group government ministry agency bank party committee council administration
army military police court board union newspaper network station office department embassy university institute
parliament legislature cabinet regime organization organisation corporation airline""".split())
ORG_SUFFIX = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "university", "institute", "ministry",
              "bank", "airlines", "association", "council", "party", "group", "foundation", "agency", "department"}
CORPORATE = {"company", "firm", "concern", "group", "corporation", "airline", "bank"}
# Role nouns that, definite and singular, may point back at one named person ("the spokesman").
ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "ambassador", "minister", "president", "premier",
              "secretary", "chairman", "governor", "envoy", "professor", "analyst", "diplomat", "adviser"}
# Possessed nouns that stand for their possessor's words ("the White House's statement").
STATEMENT_NOUNS = {"statement", "tweet", "remark", "remarks", "comment", "comments", "post", "message",
                   "report", "announcement", "letter", "speech", "editorial", "communique", "release"}
PRONOUNS = {"he": ("m", False), "she": ("f", False), "they": (None, True),
            "his": ("m", False), "her": ("f", False), "their": (None, True)}
ORG_LABELS = {"ORG", "NORP", "FAC"}
STATE_LABELS = {"GPE"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
POSSESSIVE = {"’s", "'s", "’", "'"}


def slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def bare(word: str) -> str:
    return word.lower().rstrip(".")


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
                       anonymous=self.kind == "anon", start=self.start, end=self.end, affiliation=self.affiliation)

    @property
    def is_agent(self) -> bool:  # can say things
        return self.kind != "thing"


class Resolver:
    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc, self.toks = doc, doc.tokens
        self.actors = [a for a in actors if a.mentions or a.name]
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.ent_of: dict[int, int] = {}
        for k, e in enumerate(doc.entities):
            for i in range(e.token_start, e.token_end):
                self.ent_of[i] = k
        self._edges: dict[int, tuple[int, int]] = {}
        self.people: dict[str, str] = {}  # surname/first-name key -> canonical full name
        self.gender: dict[str, str] = {}  # canonical name -> "m" | "f"
        self.profile: dict[str, tuple[str | None, str | None]] = {}  # canonical -> (description, affiliation)
        self._index_people()
        self.anon_seen: list[tuple[str, Ref]] = []  # anonymous sources in order of introduction
        self.timeline: list[Ref] = []  # person-like subjects in text order, for pronouns
        self.orgs: list[Ref] = []  # named organisations as subjects, for "the company said"
        self._build_timeline()

    # --- the people of the article -------------------------------------------------------------
    def _index_people(self) -> None:
        names: list[tuple[int, list[Token]]] = []
        for e in self.doc.entities:
            if e.label == "PERSON":
                names.append((e.start, self.name_tokens(range(e.token_start, e.token_end))))
        for t in self.toks:  # "Mr. Trump" even where NER called it an ORG
            if bare(t.text) in ("mr", "mrs", "ms", "dr", "president") and t.i + 1 < len(self.toks):
                nxt = self.toks[t.i + 1]
                if nxt.pos == "PROPN" and nxt.text[:1].isupper() and t.i + 1 not in self.ent_of:
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
        for t in self.toks:  # titles tell gender: "Mr. Abe"
            b = bare(t.text)
            if (b in MALE_TITLES or b in FEMALE_TITLES) and t.i + 1 < len(self.toks):
                titled = self.canonical(self.toks[t.i + 1].text)
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
        if len(toks) > 1 and self.people.get(toks[-1].text, name) != name and len(self.people[toks[-1].text].split()) > len(toks):
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
        for a in self.actors:
            if any(m.start < end and start < m.end for m in a.mentions) and (kind != "person" or a.kind == "person"):
                return a
        low = name.lower()
        for a in self.actors:
            if a.name and a.name.lower() == low:
                return a
        if kind == "person":
            last = name.split()[-1].lower()
            found = [a for a in self.actors if a.kind == "person" and a.name and a.name.split()[-1].lower() == last]
            if len(found) == 1:
                return found[0]
        return None

    def is_person_token(self, t: Token) -> bool:
        if t.pos not in ("PROPN", "NOUN") or not t.text[:1].isupper():
            return False
        k = self.ent_of.get(t.i)
        if k is not None and self.doc.entities[k].label == "PERSON":
            return True
        if k is not None and ORG_SUFFIX & {w.lower() for w in re.findall(r"[A-Za-z]+", self.doc.entities[k].text)}:
            return False  # "Magna International Inc." even where NER called "Magna" a person elsewhere
        return t.text in self.people or ("first:" + t.text) in self.people

    # --- syntax helpers -------------------------------------------------------------------------
    def edges(self, i: int) -> tuple[int, int]:
        """Leftmost and rightmost token of i's subtree."""
        if i not in self._edges:
            lo = hi = i
            stack = [i]
            while stack:
                j = stack.pop()
                lo, hi = min(lo, j), max(hi, j)
                stack.extend(self.children[j])
            self._edges[i] = (lo, hi)
        return self._edges[i]

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
        return (ref, self.edges(subj)[0]) if ref else None

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
        if h.pos == "NOUN" and lemma in ORG_NOUNS and self.ent_of.get(head) is None:
            if toks[0].text.lower() == "the" and lemma in CORPORATE and h.tag == "NN":
                named = [o for o in self.orgs if o.start < h.start and h.start - o.start < 3000]
                first = next((e for e in self.doc.entities if e.label == "ORG" and e.start < h.start), None)
                # "the company said": the one last named as a subject, else the first one named
                org = named[-1] if named else self.ref_for(first.token_start, first.token_end) if first else None
                if org is not None and org.kind == "org":
                    return replace(org, start=toks[0].start, end=toks[-1].end)
            return Ref("org", toks[0].start, toks[-1].end, description=lower_article(text))
        k = self.ent_of.get(head)
        if k is None and h.pos == "PROPN":  # the name that opens the phrase, not one in a clause after it
            lead = toks[:next((j for j, t in enumerate(toks) if t.text == "," or t.pos in ("ADP", "VERB")), len(toks))]
            k = next((self.ent_of[t.i] for t in lead if t.i in self.ent_of and
                      self.doc.entities[self.ent_of[t.i]].label in ORG_LABELS | STATE_LABELS), None)
        if k is not None and self.doc.entities[k].label in ORG_LABELS | STATE_LABELS:
            e = self.doc.entities[k]
            label = re.sub(r"^(?:the|The)\s+|[’']s$", "", e.text)
            kind = "state" if e.label in STATE_LABELS else "org"
            actor = self._actor_for(e.start, e.end, label, kind)
            aid = actor.id if actor else (("org:" + slug(label)) if kind == "org" else None)
            # a metonym keeps its own words: "the White House" said it, linked to the USA actor
            shown = actor.name if actor and actor.kind == kind.replace("org", "organization") else label
            return Ref(kind, e.start, e.end, shown, actor_id=aid, plural=False)
        return Ref("thing", toks[0].start, toks[-1].end, description=lower_article(text))

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
                while k + len(run) < len(toks) and (toks[k + len(run)].pos == "PROPN" or toks[k + len(run)].text == "-") \
                        and toks[k + len(run)].text not in POSSESSIVE:
                    run.append(toks[k + len(run)])
                before = toks[:k]
                blocked = any(b.pos in ("ADP", "VERB", "AUX") or b.tag in ("WP", "WDT") for b in before)
                after_comma = bool(before) and before[-1].text == ","
                ends = k + len(run) >= len(toks) or toks[k + len(run)].text in (",", "’s", "'s")
                if not blocked or (after_comma and ends and not any(b.tag in ("WP", "WDT") for b in before)):
                    run = self.name_tokens([r.i for r in run])
                    return run or None
                return None
            k += 1
        return None

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

    def _anon_or_role(self, toks: list[Token], h: Token, text: str) -> Ref:
        plural = h.tag in ("NNS", "NNPS") or h.lemma.lower() == "people"
        definite = toks[0].text.lower() in ("the", "that", "this") and h.i - toks[0].i <= 3
        lemma = h.lemma.lower()
        if definite and not plural:
            for head_noun, prev in reversed(self.anon_seen):
                if prev.start < h.start and head_noun == lemma:
                    return replace(prev, start=toks[0].start, end=toks[-1].end)
            if lemma in ROLE_NOUNS:
                owners = {n for n, (d, _) in self.profile.items() if d and re.search(rf"\b{lemma}\b", d, re.I)}
                owners |= {a.name for a in self.actors if a.kind == "person" and any(
                    re.search(rf"\b{lemma}\b", r.title, re.I) for r in a.roles)}
                if len(owners) == 1:
                    return self.person_ref_by_name(owners.pop(), toks[0].start, toks[-1].end)
        ref = Ref("anon", toks[0].start, toks[-1].end, name=None, description=lower_article(text), plural=plural)
        self.anon_seen.append((lemma, ref))  # by head noun, so "the source" finds "a source who ..."
        return ref

    def person_ref_by_name(self, name: str, start: int, end: int) -> Ref:
        actor = next((a for a in self.actors if a.name == name), None)
        desc, aff = self.profile.get(name, (None, None))
        return Ref("person", start, end, name, desc, aff, actor.id if actor else "person:" + slug(name),
                   gender=self.gender.get(name))

    # --- pronouns and salience ------------------------------------------------------------------
    def _build_timeline(self) -> None:
        for t in self.toks:
            if t.dep in SUBJECT_DEPS and t.pos in ("PROPN", "NOUN", "PRON"):
                if t.pos == "PRON" and t.text.lower() not in ("he", "she", "they"):
                    continue
                ref = self.ref_for(*self.np_range(t.i, stop=t.head), head=t.i)
                if ref and ref.kind in ("person", "anon"):
                    self.remember(ref, t.start)
                elif ref and ref.kind == "org" and ref.name:
                    self.orgs.append(ref)

    def remember(self, ref: Ref, at: int | None = None) -> None:
        """Add a person-like mention (a subject, a speaker) at its place in the text."""
        ref = replace(ref, start=ref.start if at is None else at)
        self.timeline.insert(bisect.bisect_right([r.start for r in self.timeline], ref.start), ref)

    def pronoun(self, t: Token) -> Ref | None:
        gender, plural = PRONOUNS[t.text.lower()]
        for ref in reversed([r for r in self.timeline if t.start - 1500 < r.start < t.start]):
            if ref.plural == plural and not (gender and ref.gender and ref.gender != gender):
                return replace(ref, start=t.start, end=t.end)  # the same speaker, at the pronoun
        return None


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
