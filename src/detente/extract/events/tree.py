"""The dependency tree the event rules walk: children, subtrees, heads, prepositions and subjects.

``Tree`` works on our Token list (token indices into ``doc.tokens``); ``distance`` counts the edges between
two tokens, which is how an event picks its nearest time expression.
"""

from __future__ import annotations

from typing import Any

from detente.types import Doc, Token

# Verbs whose object, not their subject, does what their infinitive says ("urged China to halt", "called on
# Japan to withdraw"): English object control, a closed class of verbs of asking, making and letting.
OBJECT_CONTROL = frozenset("urge ask press persuade force order tell allow invite encourage call appeal pressure "
                           "push compel require warn advise authorize authorise permit instruct direct beg implore "
                           "lobby challenge enable oblige".split())
CONTROL_PREPS = frozenset(("on", "upon", "to"))  # "called on Japan to", "appealed to Iran to"
# Dependencies across which a clause borrows its subject from the clause that governs it.
INHERITS_SUBJECT = frozenset(("xcomp", "conj", "advcl", "pcomp", "dep", "prep", "pobj", "acomp", "oprd", "ccomp",
                              "relcl", "acl", "attr", "dobj", "npadvmod", "advmod"))


class Tree:
    """Children lists and small walks over the dependency parse (token indices into doc.tokens)."""

    def __init__(self, doc: Doc):
        self.tokens = doc.tokens
        heads: dict[int, list[int]] = {}
        for t in doc.tokens:
            if t.head != t.i:
                heads.setdefault(t.head, []).append(t.i)
        # Tuples, and one empty tuple for all leaves: a list per token was the stage's biggest allocation,
        # and lists the garbage collector must keep tracking (tuples of ints it drops from its lists).
        self.children: list[tuple[int, ...]] = [tuple(heads[k]) if k in heads else () for k in range(len(doc.tokens))]
        # Per-token forms, once per doc: the rules asked for them per candidate, hundreds of times a token.
        self.lemma = [t.lemma.lower() for t in doc.tokens]
        self.lower = [t.text.lower() for t in doc.tokens]
        self.dep = [t.dep for t in doc.tokens]
        self.starts = [t.start for t in doc.tokens]  # char offsets, for bisecting a span to its tokens
        self.verb = [t.pos in ("VERB", "AUX") or t.tag.startswith("VB") for t in doc.tokens]
        self.memo: dict[tuple[str, int], Any] = {}  # per-token results of pure lookups (cameo.match)

    def tok(self, i: int) -> Token:
        return self.tokens[i]

    def kids(self, i: int, *deps: str) -> list[int]:
        children = self.children[i]
        if not deps or not children:
            return list(children)
        dep = self.dep
        return [c for c in children if dep[c] in deps]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def head(self, i: int) -> int | None:
        h = self.tokens[i].head
        return None if h == i else h

    def ancestors(self, i: int, limit: int = 12) -> list[int]:
        out: list[int] = []
        h = self.head(i)
        while h is not None and len(out) < limit:
            out.append(h)
            h = self.head(h)
        return out

    def is_verb(self, i: int) -> bool:
        return self.verb[i]

    def is_passive(self, i: int) -> bool:
        return any(self.tokens[c].dep in ("nsubjpass", "auxpass") for c in self.children[i])

    def preps(self, i: int) -> list[tuple[str, int]]:
        """(preposition, object head) pairs attached to token i ("to Japan" -> ("to", Japan))."""
        out = []
        for p in self.kids(i, "prep", "agent", "dative"):
            word = self.tokens[p].text.lower()
            objs = self.kids(p, "pobj", "pcomp")
            if self.tokens[p].dep == "dative" and not objs:
                out.append(("to", p))  # "gave Japan aid": the dative is the object itself
            for o in objs:
                out.append((word, o))
                for inner in self.kids(p, "prep"):  # "east of Okinawa" and "out of the country"
                    out.extend((self.tokens[inner].text.lower(), x) for x in self.kids(inner, "pobj"))
        return out

    def subject(self, i: int, depth: int = 5) -> tuple[int | None, bool]:
        """The subject of the clause of token i, climbing to governing clauses when it has none.
        Returns (token, passive) where passive says the token is a patient (nsubjpass)."""
        cur: int | None = i
        for _ in range(depth):
            if cur is None:
                break
            for c in self.children[cur]:
                dep = self.tokens[c].dep
                if dep in ("nsubj", "csubj"):
                    return c, False
                if dep == "nsubjpass":
                    return c, cur == i
            t = self.tokens[cur]
            if t.dep not in INHERITS_SUBJECT:
                break
            h = self.head(cur)
            controller = self.controller(cur) if t.dep == "xcomp" else None
            if controller is not None:
                return controller, False
            if t.dep == "acl" and h is not None:  # "his decision to withdraw": the possessor acts
                poss = [c for c in self.children[h] if self.tokens[c].dep == "poss"]
                if poss:
                    return poss[0], False
            cur = h
        return None, False

    def controller(self, x: int) -> int | None:
        """The object that does what the infinitive ``x`` says, when its verb is one of object control: the
        direct object ("urged China to halt"), else the object of "on"/"to" ("called on Japan to withdraw")."""
        h = self.head(x)
        if h is None or self.lemma[h] not in OBJECT_CONTROL or self.tokens[x].dep != "xcomp":
            return None
        for c in self.children[h]:
            if self.tokens[c].dep == "dobj" and c < x:
                return c
        for c in self.children[h]:
            if self.tokens[c].dep == "prep" and self.tokens[c].text.lower() in CONTROL_PREPS and c < x:
                objs = [o for o in self.children[c] if self.tokens[o].dep == "pobj"]
                if objs:
                    return objs[0]
        return None

    def modified_number(self, k: int) -> str | None:
        """The grammatical number of the noun token k modifies ("US allies": plural, "the DPRK nuclear issue":
        singular); None for a token that heads its own phrase ("China": a state is "it" or "they")."""
        t = self.tokens[k]
        if t.dep not in ("compound", "amod", "nmod", "poss"):
            return None
        head = self.tokens[t.head]
        while head.dep == "compound" and head.head != head.i and head.pos in ("NOUN", "PROPN"):
            head = self.tokens[head.head]  # "the DPRK nuclear issue": the phrase's last noun
        if head.pos != "NOUN":
            return None
        return "plural" if head.tag in ("NNS", "NNPS") else "singular"


def distance(tree: Tree, a: int, b: int) -> int:
    """Edges between two tokens through their lowest common ancestor (large when in other trees)."""
    up_a = [a, *tree.ancestors(a, 40)]
    pos = {t: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b, *tree.ancestors(b, 40)]):
        if t in pos:
            return pos[t] + k
    return 99
