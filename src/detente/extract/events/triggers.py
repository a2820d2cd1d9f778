"""Triggers: whether a token is an event, and which PLOVER sense it has.

A verb is read with its particle, preposition or object first ("call off", "lift the blockade"), then by
itself; a noun by itself, with the modifier or preposition some senses need ("a joint drill", "a phone
call", "a call for calm"). Senses come from the lexicon in ``lexicon.py``; the exceptions here drop the
readings that are not acts ("visiting fellow", "called it a mistake", "a demonstration of resolve").
"""

from __future__ import annotations

import detente.extract.events.lexicon as plover
from detente.extract.events.args import FORCES, VISIT_MOTION, weapon_subject
from detente.extract.events.lexicon import Sense
from detente.extract.events.parties import Parties
from detente.extract.events.tree import Tree

TITLED_VISITORS = frozenset("fellow professor scholar researcher lecturer scientist".split())
# Every verb lemma some rule of verb_sense reads; any other verb has no sense (most verbs: tested first).
VERB_LEMMAS = frozenset({k[0] for k in plover.PHRASAL} | {k[0] for k in plover.VERB_OBJECT} | plover.MOTION_VERBS
                        | VISIT_MOTION | plover.VERBS.keys())


def trigger_sense(tree: Tree, parties: Parties, i: int) -> Sense | None:
    t = tree.tok(i)
    lemma = tree.lemma[i]
    if tree.verb[i]:
        if t.dep in ("amod", "compound"):  # "visiting fellow", "the planned talks"
            return None
        return verb_sense(tree, parties, i, lemma)
    if t.pos in ("NOUN", "PROPN") and t.dep != "compound":
        return noun_sense(tree, i)
    return None


def verb_sense(tree: Tree, parties: Parties, i: int, lemma: str) -> Sense | None:
    if lemma not in VERB_LEMMAS:
        return None
    for c in tree.kids(i, "prt", "prep", "dobj"):
        key = (lemma, tree.tok(c).text.lower())
        if key in plover.PHRASAL:
            return plover.PHRASAL[key]
    objects = tree.kids(i, "dobj")
    for o in objects:
        sense = plover.VERB_OBJECT.get((lemma, tree.tok(o).lemma.lower()))
        if sense is not None:
            return sense
    if lemma in plover.LIGHT_VERBS and any(noun_sense(tree, o) for o in objects):
        return None
    if lemma in plover.MOTION_VERBS and weapon_subject(tree, i) is not None:
        return Sense("MOBILIZE", "weapons-test", "military")
    if lemma in VISIT_MOTION:
        subj, _ = tree.subject(i, depth=1)
        words = {tree.tok(k).lemma.lower() for k in tree.subtree(subj)} if subj is not None else set()
        if words & {"peacekeeping", "peacekeeper"}:
            return Sense("AID", None, "peacekeeping")
        if words & FORCES:
            return Sense("MOBILIZE", "troops", "military")
    sense = plover.VERBS.get(lemma)
    if sense is None:
        return None
    if lemma == "call" and (tree.kids(i, "oprd", "xcomp", "ccomp", "attr") or
                            not any(parties.at(o) or parties.pronoun(o) for o in objects)):
        return None  # "called it a mistake", "called for calm": not a phone call
    if lemma == "visit" and i + 1 < len(tree.tokens) and tree.tok(i + 1).lemma.lower() in TITLED_VISITORS:
        return None  # "visiting fellow at ..."
    if lemma == "demonstrate" and tree.kids(i, "dobj", "ccomp"):
        return None  # "demonstrate strength", "demonstrate that ...": a show, not a protest
    if lemma == "receive" and not any(a.kind == "person" for o in objects for a in parties.by_token.get(o, [])):
        return None
    return sense


def noun_sense(tree: Tree, i: int) -> Sense | None:
    t = tree.tok(i)
    lemma = tree.lemma[i]
    if t.pos not in ("NOUN", "PROPN") or (lemma == "talk" and t.tag != "NNS"):
        return None
    sense = plover.NOUNS.get(lemma)
    if sense is None:
        return None
    preps = {w for w, _ in tree.preps(i)}
    if lemma == "call":
        if "for" in preps or "on" in preps:
            return Sense("REQUEST")
        if not preps & {"between", "with", "to"} and not modified_by(tree, i, plover.NEEDS_MODIFIER["call"]):
            return None
        return sense
    if lemma in plover.NEEDS_MODIFIER and not modified_by(tree, i, plover.NEEDS_MODIFIER[lemma]):
        return None
    if lemma == "demonstration" and "of" in preps:
        return None  # "a demonstration of resolve"
    h = tree.head(i)
    if t.dep == "pobj" and h is not None and tree.tok(h).text.lower() in ("over", "about", "regarding"):
        g = tree.head(h)
        if g is not None and tree.tok(g).pos == "NOUN":
            return None  # "recriminations over Japan's occupation": the topic of a dispute, not an act now
    if h is not None and t.dep == "dobj" and (tree.tok(h).lemma.lower(), lemma) in plover.VERB_OBJECT:
        return None  # "lifted the blockade", "suspended aid": the verb says what happened to it
    if lemma == "strike" and modified_by(tree, i, frozenset(("hunger",))):
        return Sense("PROTEST", "hunger")
    if lemma == "strike" and modified_by(tree, i, frozenset(("general", "labor", "labour"))):
        return Sense("PROTEST", "boycott")
    if sense.mode == "exercise" and (modified_by(tree, i, plover.JOINT) or "with" in preps):
        return Sense("COOPERATE", "military", "military", True)
    return sense


def modified_by(tree: Tree, i: int, words: frozenset[str]) -> bool:
    """A modifier of the noun ("nuclear test", "missile-defense drill", "launch of ... missiles") is in words."""
    near = [c for c in tree.kids(i, "compound", "amod", "nmod", "npadvmod")
            for c in [c, *tree.kids(c, "compound", "amod")]]
    near += [o for w, o in tree.preps(i) if w == "of"]
    first = tree.subtree(i)[0]
    near += range(first, i)  # hyphenated and stacked modifiers the parser splits oddly
    for c in near:
        tok = tree.tok(c)
        parts = {tok.lemma.lower(), tok.text.lower(), *tok.text.lower().split("-")}
        if parts & words:
            return True
    return False

