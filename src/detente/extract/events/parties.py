"""Who an event argument refers to: a token -> the actors behind it.

``Parties`` maps tokens to actors through the actors stage's mention spans, pronouns, "the two countries",
quote speakers, and the knowledge base for states named only as modifiers ("Chinese goods"); each
``Party`` carries the actor, its state roll-up and how it was found.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from detente.extract.events.tree import Tree
from detente.types import Actor, Doc, Quote

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PERSON_PRONOUNS = frozenset("he him his she her himself herself".split())
GROUP_PRONOUNS = frozenset("it its they them their themselves itself".split())
PLURAL_PRONOUNS = frozenset("they them their themselves".split())
SPEAKER_PRONOUNS = frozenset("we us our i me my ourselves myself".split())
GROUP_NOUNS = frozenset("countries nations allies sides governments militaries leaders men neighbors neighbours "
                        "powers giants capitals administrations partners".split())
PEOPLE_NOUNS = frozenset(("leaders", "men"))
RELATIVE_PRONOUNS = frozenset(("which", "who", "whom", "that"))
NP_DEPS = frozenset(("compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod", "pobj"))
NP_PREPS = frozenset(("of", "in", "from", "by", "for"))
# Nouns of a relation whose modifiers name the other side: "Obama's opponent", "American adversaries", "China's
# neighbours" are not Obama, America or China; an apposition still names the referent ("his rival, Romney").
RELATIONAL_NOUNS = frozenset("opponent adversary enemy foe rival critic detractor challenger nemesis ally "
                             "neighbor neighbour supporter backer follower successor predecessor".split())
# Participles that make the name before them a place, not a party: "the US-based preacher", "a Chinese-made drone".
PLACE_PARTICIPLES = frozenset("base bear born raise educate headquarter breed train make build manufacture".split())


@functools.cache
def IGO_KINDS() -> dict[str, str]:  # noqa: N802 - a constant, loaded once
    """IGO id -> 'igo' | 'agreement', from the actors knowledge base, and the field dictionary's international
    organisations and transnational armed groups ('igo': they belong to no state and roll up to themselves);
    empty when the knowledge base is missing."""
    try:
        from detente.kb.knowledge import load_kb
        from detente.kb.phoenix import load_phoenix

        kinds = {e.id: "igo" for e in load_phoenix().entries.values() if e.kind == "organization" and e.international}
        return kinds | {g.id: g.kind for g in load_kb().igos.values()}
    except Exception:  # no knowledge base: IGOs roll up like organisations
        return {}


@dataclass(slots=True)
class Party:
    actor: str  # actor id as given by the actors stage
    state: str | None  # ISO3 roll-up
    token: int
    how: str = "direct"  # direct | pronoun | group | speaker | nearby


# Organisation names that say they belong to no one state ("International Labor Office", "World Bank").
INTERNATIONAL_NAME = re.compile(r"\b(?:International|World|Global|United Nations|Inter-|Red Cross|Red Crescent)")
# "a newspaper based in Beirut", "rebels stationed in Chad": verbs that place their noun.
PLACING_VERBS = frozenset("base locate station headquarter operate".split())
LOCATIVE_PREPS = frozenset("in at near outside inside throughout across within around".split())
# Prepositions that place a group in a state ("students throughout Indonesia", "rebels in Chad").
GROUP_PREPS = frozenset("of in from throughout across within".split())


@dataclass
class Parties:
    """Who a token refers to, through the actors stage's mention spans."""

    doc: Doc
    tree: Tree
    actors: list[Actor]
    quotes: list[Quote]
    by_token: dict[int, list[Actor]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        starts = self.tree.starts
        for a in self.actors:
            for m in a.mentions:
                k = max(bisect.bisect_right(starts, m.start) - 1, 0)
                while k < len(self.doc.tokens) and self.doc.tokens[k].start < m.end:
                    t = self.doc.tokens[k]
                    if t.end > m.start and not t.is_space:
                        lst = self.by_token.setdefault(k, [])
                        if a not in lst:
                            lst.append(a)
                    k += 1
        self.by_id = {a.id: a for a in self.actors}
        self._kb: dict[int, list[str]] | None = None
        self.place_state: dict[int, str] = {}  # token -> the state of a place named there ("Samarra": IRQ)
        for a in self.actors:
            for loc in a.locations if a.kind == "state" else []:
                k = max(bisect.bisect_right(starts, loc.start) - 1, 0)
                while k < len(self.doc.tokens) and self.doc.tokens[k].start < loc.end:
                    self.place_state.setdefault(k, a.id)
                    k += 1
        named = {a.id for a in self.actors if a.kind == "state" and a.mentions}
        named |= {a.country for a in self.actors if a.kind != "state" and a.country}  # "President Bouteflika"
        self.sole_state = next(iter(named)) if len(named) == 1 else None
        self._named: dict[int, tuple[set[str | None], bool]] = {}

    def named_in(self, sent: int) -> tuple[set[str | None], bool]:
        """The states a sentence names, its places included ("targets in Jericho": the act is not one within
        the agent's own state), and whether it names an organisation we cannot place (kept per sentence:
        every one-party act in it asks)."""
        if sent not in self._named:
            s = self.doc.sentences[sent]
            states = {p.state for k in range(s.token_start, s.token_end) for p in self.at(k)}
            states |= {self.place_state[k] for k in range(s.token_start, s.token_end) if k in self.place_state}
            unknown = any(self.doc.tokens[k].ent_type == "ORG" and not self.at(k)
                          for k in range(s.token_start, s.token_end))
            self._named[sent] = (states, unknown)
        return self._named[sent]

    def kb_at(self, i: int) -> list[Party]:
        """A state the knowledge base names at token i although the actors stage did not take it as an
        actor ("Chinese goods", "the North Korean crisis"): used only where a slot needs an owner or an
        origin (the target of tariffs, the launcher of a missile), marked how='kb'."""
        if self._kb is None:
            self._kb = {}
            try:
                from detente.kb.gazetteer import load_gazetteer

                hits = list(load_gazetteer().scan(self.doc.masked))
            except Exception:  # no knowledge base: no fallback
                hits = []
            starts = {t.start: t.i for t in self.doc.tokens}
            for h in hits:
                ids = [aid for aid, how in h.targets if how in ("name", "alias", "demonym", "capital", "person")]
                k = starts.get(h.start)
                while ids and k is not None and k < len(self.doc.tokens) and self.doc.tokens[k].start < h.end:
                    self._kb.setdefault(k, ids)
                    k += 1
        out = []
        for aid in self._kb.get(i, []):
            a = self.by_id.get(aid)
            if a is not None:
                out.append(Party(a.id, self.state(a), i, "kb"))
            elif len(aid) == 3 and aid.isupper():
                out.append(Party(aid, aid, i, "kb"))
        return out[:1]

    def kind(self, actor_id: str) -> str:
        a = self.by_id.get(actor_id)
        if a is not None:
            return a.kind
        return "state" if len(actor_id) == 3 and actor_id.isupper() else "organization"

    def state(self, a: Actor) -> str | None:
        """The roll-up of an actor: a state itself, an international organisation by its own code, a
        person or organisation by its country."""
        if a.kind == "state":
            return a.id
        if a.kind == "organization" and IGO_KINDS().get(a.id) == "igo":
            return a.id
        if a.kind == "person":  # an office of an IGO that day, and none of a state: the IGO (CAMEO IGO codes)
            offices = {r.of for r in a.roles if r.of}
            igos = sorted(o for o in offices if IGO_KINDS().get(o) == "igo")
            if igos and len(igos) == len(offices):
                return igos[0]
        if a.country is None and IGO_KINDS().get(a.id) is None and (
                a.kind == "person" or (a.kind == "organization" and not INTERNATIONAL_NAME.search(a.name))):
            return self.sole_state  # a text naming one state only: its unplaced people are that state's own
        if a.country is None and a.kind == "organization" and INTERNATIONAL_NAME.search(a.name):
            return a.id  # "the International Labor Office", "Red Cross officials": no state's, a party of its own
        return a.country

    def at(self, i: int, how: str = "direct") -> list[Party]:
        actors = self.by_token.get(i)
        if not actors:  # most tokens name no one
            return []
        return [Party(a.id, self.state(a), i, how) for a in actors
                if IGO_KINDS().get(a.id) != "agreement"]  # "the Paris accord" is not a party

    def noun_phrase(self, i: int) -> list[Party]:
        """Actors named by the noun phrase headed at i, one per coordinated member."""
        out: list[Party] = []
        for member in [i, *self.conjuncts(i)]:
            tok = self.doc.tokens[member]
            subjects = self.tree.kids(member, "nsubj") if tok.pos == "VERB" and tok.dep in SUBJECTS else []
            # "[the Red Cross operating in Iraq] said": a clause parsed as the subject stands for its own subject
            found = [p for s in subjects for p in self.noun_phrase(s)] or self.core(member)
            if not found and self.doc.tokens[member].text.lower() in RELATIVE_PRONOUNS:
                found = self.relative(member)
            if not found:
                found = self.pronoun(member) or self.group(member)
            for p in found:
                if all(p.actor != q.actor for q in out):
                    out.append(p)
        return out

    def subject_phrase(self, i: int) -> list[Party]:
        """An agent: the actors the phrase names, else the state a group in it belongs to ("students
        throughout Indonesia", "thousands of Iraqi Kurds"): PLOVER codes such a group as its state's sector.
        Only for agents; a place in a target phrase is not a party ("strikes on Isis in Syria")."""
        found = self.noun_phrase(i)
        if found:
            return found
        frontier, seen = [i], 0
        while frontier and seen < 4:
            nxt = []
            for k in frontier:
                placed = [c for c in self.tree.kids(k, "acl") if self.tree.tok(c).lemma.lower() in PLACING_VERBS]
                for c in self.tree.kids(k, "prep", "pobj", "amod", "compound") + placed:
                    hits = [p for p in self.at(c, "group") if p.state]
                    if hits:
                        return hits[:1]
                    if self.tree.tok(c).dep in ("pobj", "amod", "compound", "acl") or \
                            self.tree.tok(c).text.lower() in GROUP_PREPS:
                        nxt.append(c)
            frontier, seen = nxt, seen + 1
        return []

    def located(self, roots: list[int]) -> list[Party]:
        """Where an act with no named agent happens ("demonstrators in Serbia", "a bombing near Samarra",
        "rioted at a jail in East Timor's capital"): the nearest state or place of a state down the locative
        phrases of ``roots``. CAMEO codes such unnamed domestic agents with that state (how='group')."""
        frontier = [(c, 1) for r in roots for c in self.tree.kids(r, "prep")
                    if self.tree.tok(c).text.lower() in LOCATIVE_PREPS]
        while frontier:
            k, d = frontier.pop(0)
            state = next((p.state for p in self.at(k) if self.kind(p.actor) == "state"), None) or \
                self.place_state.get(k)
            if state:
                return [Party(state, state, k, "group")]
            if d < 5:
                inner = LOCATIVE_PREPS | {"of"}  # "the town of Samarra"
                frontier += [(c, d + 1) for c in self.tree.children[k]
                             if self.tree.tok(c).dep in ("pobj", "poss", "compound", "appos", "nmod", "amod") or
                             (self.tree.tok(c).dep == "prep" and self.tree.tok(c).text.lower() in inner)]
        return []

    def domestic_agent(self, i: int) -> list[Party]:
        """Unnamed protesters or attackers in a text that names one state only ("hunger strikers demanding the
        president's resignation"): that state's own, as CAMEO codes domestic actors (how='domestic': the
        state's own people, so a target in that state is another party, not the same one)."""
        if not self.sole_state:
            return []
        return [Party(f"group:{self.sole_state.lower()}", self.sole_state, i, "domestic")]  # not the state itself

    def conjuncts(self, i: int) -> list[int]:
        out, stack = [], self.tree.kids(i, "conj")
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(self.tree.kids(c, "conj"))
        return out

    def core(self, i: int) -> list[Party]:
        """The nearest actor inside the noun phrase: the head, its modifiers, then 'of'/'in'/'from' phrases
        ("Chinese Premier Li", "the relatives of the Japanese", "dollars in Chinese goods"); coordinated
        modifiers give one party each ("Hungarian and Romanian officials")."""
        queue, k = [(i, 0)], 0
        found: list[Party] = []
        while k < len(queue) and not found:
            j, d = queue[k]
            k += 1
            found = self.at(j)[:1]
            if not found and d == 1 and self.doc.tokens[j].dep in ("amod", "compound"):
                found = self.kb_at(j)  # "the Turkish and Greek sides": the modifier names the state
            if found:
                found += [p for c in self.conjuncts(j) for p in (self.at(c) or self.kb_at(c))[:1]]
                break
            if d >= 5:
                continue
            relational = self.doc.tokens[j].lemma.lower() in RELATIONAL_NOUNS
            for c in self.tree.children[j]:
                t = self.doc.tokens[c]
                if (relational and t.dep != "appos") or (t.dep == "amod" and t.lemma.lower() in PLACE_PARTICIPLES):
                    continue
                if t.dep in NP_DEPS or (t.dep == "prep" and t.text.lower() in NP_PREPS):
                    queue.append((c, d + 1))
        if not found:  # second pass: a state named as a modifier ("Chinese goods")
            for j, _ in queue:
                if j != i and self.doc.tokens[j].dep in ("amod", "compound", "poss", "nmod"):
                    found = self.kb_at(j)
                    if found:
                        found += [p for c in self.conjuncts(j) for p in (self.at(c) or self.kb_at(c))[:1]]
                        break
        first = self.by_id.get(found[0].actor) if found else None
        if found and (found[0].state is None or (first is not None and first.country is None)):
            # "British Defence Secretary Tom King": the state from the title, before any guess from the text
            found[0].state = self.title_state(found[0].token) or found[0].state
        if found and self.kind(found[0].actor) == "person":  # "U.N. mediator X", "Arab League chief X": the IGO
            found[0].state = self.title_state(found[0].token, igo=True) or found[0].state
        return found

    def title_state(self, i: int, igo: bool = False) -> str | None:
        """The state (or, with ``igo``, the international organisation) a person's title names."""
        stack = [(c, 1) for c in self.tree.kids(i, "compound", "amod", "poss", "nmod", "appos")]
        while stack:
            j, d = stack.pop(0)
            hint = [p for p in (self.at(j) if igo else self.at(j) or self.kb_at(j))
                    if (IGO_KINDS().get(p.actor) == "igo" if igo else self.kind(p.actor) == "state")]
            if hint:
                return hint[0].state
            if d < 4:
                stack += [(c, d + 1) for c in self.tree.kids(j, "compound", "amod", "poss", "nmod")]
        return None

    def relative(self, i: int) -> list[Party]:
        """'China, which Mr. Trump has called on': the pronoun stands for the noun its clause modifies."""
        for a in [i, *self.tree.ancestors(i, 6)]:
            if self.doc.tokens[a].dep in ("relcl", "acl"):
                h = self.tree.head(a)
                return self.core(h) if h is not None else []
        return []

    def speaker_of(self, i: int) -> list[Party]:
        char = self.doc.tokens[i].start
        for q in self.quotes:
            if q.start <= char < q.end and q.speaker and q.speaker.actor_id:
                a = self.by_id.get(q.speaker.actor_id)
                if a is not None:
                    return [Party(a.id, self.state(a), i, "speaker")]
        return []

    def pronoun(self, i: int) -> list[Party]:
        word = self.doc.tokens[i].text.lower()
        if word.endswith(("self", "selves")):
            return []  # "defend themselves": the subject again, not another party
        if word in SPEAKER_PRONOUNS:
            return self.speaker_of(i)
        if word in PERSON_PRONOUNS:
            return self.antecedent(i, lambda a: a.kind == "person")
        if word in GROUP_PRONOUNS:
            number = "plural" if word in PLURAL_PRONOUNS else "singular"
            return self.antecedent(i, lambda a: a.kind != "person", number)
        return []

    def antecedent(self, i: int, fits, number: str | None = None) -> list[Party]:  # type: ignore[no-untyped-def]
        """Nearest earlier actor of the right kind: subjects of this sentence first, then any mention here,
        then subjects of the two sentences before (a plain recency heuristic, marked how='pronoun'). With a
        ``number``, a name that only modifies a noun of the other number is passed over: "them" is not the
        DPRK of "the DPRK nuclear issue", "it" not the US of "US allies"."""
        toks = self.doc.tokens
        sent = toks[i].sent
        for s in range(sent, max(sent - 3, -1), -1):
            sentence = self.doc.sentences[s]
            end = i if s == sent else sentence.token_end
            cands = [k for k in range(end - 1, sentence.token_start - 1, -1) if k in self.by_token and
                     (number is None or self.tree.modified_number(k) in (None, number))]
            subj = [k for k in cands if toks[k].dep in SUBJECTS or toks[self.tree.tokens[k].head].dep in SUBJECTS]
            for k in subj + (cands if s == sent else []):
                for a in self.by_token[k]:
                    if fits(a):
                        return [Party(a.id, self.state(a), i, "pronoun")]
        return []

    def group(self, i: int) -> list[Party]:
        """'the two countries', 'both sides', 'the two leaders' -> the last two distinct parties named."""
        t = self.doc.tokens[i]
        if t.text.lower() not in GROUP_NOUNS:
            return []
        counters = {self.doc.tokens[c].text.lower() for c in self.tree.kids(i, "nummod", "det", "predet", "amod")}
        if not counters & {"two", "both"}:
            return []
        people = t.text.lower() in PEOPLE_NOUNS
        # the two most often named in this and the three sentences before; the more recent wins a tie
        tally: dict[str, list] = {}
        start = self.doc.sentences[max(t.sent - 3, 0)].token_start
        for k in range(start, i):
            for a in self.by_token.get(k, []):
                if (a.kind == "person") != people:
                    continue
                key = a.id if people else self.state(a)
                if key:
                    entry = tally.setdefault(key, [0, k, a])
                    entry[0] += 1
                    entry[1] = k
        top = sorted(tally.items(), key=lambda kv: (kv[1][0], kv[1][1]), reverse=True)[:2]
        if len(top) < 2:
            return []
        chosen = sorted(top, key=lambda kv: kv[1][1])
        return [Party(key, self.state(entry[2]), i, "group") for key, entry in chosen]

    def nearest_state(self, i: int, exclude: set[str | None]) -> list[Party]:
        """Last resort for an agent-less act (a missile 'flying over Japan'): the nearest state named
        earlier in the sentence that is not already a party."""
        sent = self.doc.sentences[self.doc.tokens[i].sent]
        for k in range(i - 1, sent.token_start - 1, -1):
            for p in self.at(k) or self.kb_at(k):
                if p.state and p.state not in exclude:
                    return [Party(p.actor, p.state, k, "nearby")]
        return []
