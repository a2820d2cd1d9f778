"""The arguments of an event trigger: which actors are its source and its target.

Verbs take their subject (climbing to the governing clause when the verb has none: "is scheduled to visit"),
objects and prepositional objects ("visit to Japan", "talks with Abe"); passives swap them ("slapped with
tariffs by X"). Nouns take their possessor and modifiers ("Abe's visit", "US tariffs"), their prepositions
("between X and Y", "on China") and, for the object of a light verb ("held talks"), that verb's subject.
Two reported-speech rules turn a report into an act: complaints ("tweeted that Japan had hit us hard") and
obligations ("said Sudan must return ...").
"""

from __future__ import annotations

from dataclasses import replace

import detente.extract.events.lexicon as plover
from detente.extract.events.lexicon import Sense
from detente.extract.events.parties import Parties, Party
from detente.extract.events.tree import Tree

# Prepositions whose object is the target of the act ("visit to Japan", "tariffs on China", "talks with Abe").
TARGET_PREPS = frozenset(("to", "with", "on", "against", "over", "toward", "towards", "into", "at", "upon", "onto"))
# Acts whose 'for' phrase states a purpose with its own target.
PURPOSE_ACTS = frozenset(("MOBILIZE", "REQUEST", "THREATEN", "ASSAULT", "SANCTION"))
# Acts whose unnamed agents CAMEO codes with the state they act in (protests, riots, bombings).
LOCAL_ACTS = frozenset(("PROTEST", "ASSAULT"))
# Motion verbs are visits only with a destination; "in" counts for them ("arrives in Beijing").
VISIT_MOTION = frozenset(("travel", "fly", "arrive", "head"))
PLACE_PREPS = frozenset(("in", "to", "for", "at", "into"))
# Acts of a reported party that the reporter suffers ("hit us hard on trade"): a complaint, not an attack.
FIRST_PERSON = frozenset(("us", "me", "our"))
HARM_VERBS = frozenset("hit hurt harm attack target punish damage cheat kill".split())
# Forces moved by a withdrawal or a deployment belong to its source, not its target ("pull U.S. troops out").
FORCES = frozenset("troop force soldier army unit contingent peacekeeper warship".split())
CLAIM_NOUNS = frozenset(("claim", "accusation", "allegation", "complaint", "charge"))


def weapon_subject(tree: Tree, i: int) -> int | None:
    """The missile of 'a missile flying over Japan' / 'the missile flew over Japan'."""
    cands = tree.kids(i, "nsubj")
    if tree.tok(i).dep == "acl" and tree.head(i) is not None:
        cands.append(tree.head(i))  # type: ignore[arg-type]
    return next((c for c in cands if tree.tok(c).lemma.lower() in plover.WEAPONS), None)


def verb_parties(tree: Tree, parties: Parties, i: int, sense: Sense) -> tuple[list[Party], list[Party], Sense]:
    lemma = tree.tok(i).lemma.lower()
    subj, passive = tree.subject(i)
    src: list[Party] = []
    tgt: list[Party] = []
    if subj is not None:
        (tgt if passive else src).extend(parties.noun_phrase(subj) if passive else parties.subject_phrase(subj))
    weapon = weapon_subject(tree, i) if lemma in plover.MOTION_VERBS else None
    if weapon is not None:  # the missile's owner, if named ("a North Korean missile"); else found in build()
        src = [p for c in tree.kids(weapon, "poss", "amod", "compound") for p in parties.at(c)]
    for o in tree.kids(i, "dobj", "dative", "iobj", "pobj"):
        if tree.tok(o).dep == "pobj" and tree.tok(o).text.lower() not in ("which", "who", "whom"):
            continue  # a stranded relative pronoun: "China, which Trump called on"
        if sense.type in ("RETREAT", "MOBILIZE") and tree.tok(o).lemma.lower() in FORCES:
            src = src or parties.noun_phrase(o)
        elif sense.mode != "weapons-test":
            named = parties.noun_phrase(o)
            tgt += named or phrase_targets(tree, parties, o)
    places = PLACE_PREPS if lemma in VISIT_MOTION else frozenset()
    for word, o in tree.preps(i):
        if word == "of" and sense.type == "REQUEST":  # "asked of Tokyo"
            tgt += parties.noun_phrase(o)
        elif word == "by" and passive:
            src += parties.noun_phrase(o)
        elif word in TARGET_PREPS or word in places or (word == "near" and sense.mode == "weapons-test") or (
                word in ("from", "out") and sense.type == "RETREAT"):
            tgt += parties.noun_phrase(o)
        elif word == "between":
            tgt += parties.noun_phrase(o)
    if not tgt and sense.type in PURPOSE_ACTS:  # "mobilized reservists for a war against X", "called for
        # sanctions on X": the target of the purpose (not of a topic: "monitoring supply chains for export to X")
        tgt += [p for w, o in tree.preps(i) if w == "for" for p in phrase_targets(tree, parties, o)]
    if not src and not passive and sense.type in LOCAL_ACTS:  # "prisoners rioted at a jail in X": X's own
        src = parties.located([i] + ([subj] if subj is not None else [])) or parties.domestic_agent(i)
    joint = sense.type == "AGREE" and len({p.state for p in src}) >= 2  # "A and B agreed that ...": each other
    if not tgt and not joint and sense.type in ("REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE", "SUPPORT",
                                                "CONCEDE"):
        tgt += complement_targets(tree, parties, i, subj)
    if not tgt and sense.type == "THREATEN":
        tgt += condition_targets(tree, parties, i)
    if not tgt and sense.type == "ASSAULT":  # "fired shells at targets in Jericho": the state attacked there
        tgt += [p for p in parties.located([i]) if all(p.state != q.state for q in src)]
    if lemma in VISIT_MOTION and not tgt:
        return [], [], sense
    if not tgt:  # "In a worrying development for Japan, the North fired ...": whom the act touches
        tgt += [p for p in affected(tree, parties, i) if all(p.state != q.state for q in src)]
    return src, tgt, sense


# Nouns that say whom an act touches ("a worrying development for Japan", "a blow to Trump", "a setback for
# Seoul"): hung on the act's clause, their "for"/"to" object is the act's target when the act names none.
AFFECT_NOUNS = frozenset("development blow setback boost sign signal threat challenge worry concern embarrassment "
                         "humiliation victory defeat warning".split())


def affected(tree: Tree, parties: Parties, v: int) -> list[Party]:
    """The party an evaluative phrase on the clause of ``v`` names as touched by the act."""
    for c in tree.children[v]:
        t = tree.tok(c)
        nouns = tree.kids(c, "pobj") if t.dep == "prep" else [c] if t.dep in ("npadvmod", "appos") else []
        for n in nouns:
            if tree.lemma[n] in AFFECT_NOUNS:
                found = [p for w, o in tree.preps(n) if w in ("for", "to") for p in parties.noun_phrase(o)]
                if found:
                    return found
    return []


def condition_targets(tree: Tree, parties: Parties, i: int) -> list[Party]:
    """'threatened to stop the talks if the United States goes ahead', '... unless Baghdad accepts': a threat is
    made to whoever must meet its condition (the subject of the if/unless clause of the threatened act)."""
    frontier = [i]
    for _ in range(3):
        nxt = []
        for v in frontier:
            for c in tree.kids(v, "advcl"):
                if any(tree.tok(m).text.lower() in ("if", "unless") for m in tree.kids(c, "mark")):
                    s, _ = tree.subject(c, depth=1)
                    found = parties.noun_phrase(s) if s is not None else []
                    if found:
                        return found
            nxt += tree.kids(v, "xcomp", "ccomp")
        frontier = nxt
    return []


def phrase_targets(tree: Tree, parties: Parties, o: int) -> list[Party]:
    """'threatened further action against Russia', 'shared evidence with the U.S.', 'suspended part of an aid
    program for Bosnia': the target hangs off the object phrase (not inside a clause of it)."""
    out: list[Party] = []
    stack = [o]
    while stack and not out:
        j = stack.pop(0)
        for c in tree.children[j]:
            t = tree.tok(c)
            if t.dep == "prep" and (t.text.lower() in TARGET_PREPS or t.text.lower() == "for"):
                for x in tree.kids(c, "pobj"):
                    named = parties.noun_phrase(x)
                    out += named
                    if not named:
                        stack.append(x)  # "reservists for a possible war against Iraq": read on
            elif t.dep in ("prep", "pobj", "compound", "amod"):
                stack.append(c)
    return out


def complement_targets(tree: Tree, parties: Parties, i: int, subj: int | None) -> list[Party]:
    """'demanded that the US cancel ...', 'threatened to break relations with Russia', 'promised to
    continue military aid to Mozambique': the target sits in the clause the verb governs."""
    out: list[Party] = []
    for c in tree.kids(i, "ccomp", "xcomp"):
        s, _ = tree.subject(c, depth=1)
        if s is not None and s != subj:
            out += parties.noun_phrase(s)
        for o in tree.kids(c, "dobj", "dative"):
            if tree.tok(o).dep == "dative" or parties.at(o) or not tree.preps(o):
                out += parties.noun_phrase(o)
            out += [p for w, x in tree.preps(o) if w in TARGET_PREPS for p in parties.noun_phrase(x)]
        out += [p for w, o in tree.preps(c) if w in TARGET_PREPS or w in ("in", "from")
                for p in parties.noun_phrase(o)]
        if not out and tree.kids(c, "xcomp"):
            out += complement_targets(tree, parties, c, subj)
        if out:
            break
    return out


def noun_parties(tree: Tree, parties: Parties, i: int, sense: Sense) -> tuple[list[Party], list[Party], Sense]:
    src: list[Party] = []
    tgt: list[Party] = []
    both: list[Party] = []
    source_slot = bool(tree.kids(i, "poss"))  # the phrase names its agent, resolvable or not
    for c in tree.kids(i, "poss"):
        src += parties.noun_phrase(c)
    mods = [p for c in tree.kids(i, "amod", "compound", "nmod") for p in parties.at(c)]
    if not mods and not source_slot:  # "Palestinian riots", "a North Korean missile launch": the nationality
        src += [p for c in tree.kids(i, "amod", "compound") for p in parties.kb_at(c)  # acts
                if tree.tok(c).ent_type == "NORP" and parties.kind(p.actor) == "state"][:1]
    if len({p.state for p in mods}) >= 2:
        both += mods  # "US-Japan talks"
    elif mods:
        proper = any(tree.tok(p.token).pos == "PROPN" for p in mods)
        place_like = sense.type == "SANCTION" or sense.mode == "visit"  # "Russia sanctions", "the Japan visit"
        (tgt if place_like and proper and not src else src).extend(mods)
    preps = tree.preps(i)
    head = tree.head(i)
    if tree.tok(i).dep == "compound" and head is not None:
        preps += tree.preps(head)  # "a mediation effort between X and Y": the phrase's head carries them
    for word, o in preps:
        if word in ("by", "from"):
            source_slot = True
            src += parties.noun_phrase(o)
        elif word in ("between", "among"):
            both += parties.noun_phrase(o)
        elif word == "in" and sense.mode == "weapons-test":
            src += parties.noun_phrase(o)
        elif word in TARGET_PREPS or (word == "in" and sense.mode == "visit"):
            tgt += parties.noun_phrase(o)
        elif word == "of" and sense.type in ("COERCE", "ASSAULT", "SANCTION") and not tgt:
            tgt += parties.noun_phrase(o)  # "occupation of China"
    g = governor(tree, i)
    if g is not None and sense.type == "AGREE" and tree.tok(g).lemma.lower() == "sign":
        sense = Sense("SUPPORT", None, "diplomatic", True)  # signing a formal agreement (CAMEO 057 -> SUPPORT)
    if sense.mode == "third-party" and both:
        tgt, both = tgt + both, []  # "mediation between X and Y": X and Y are the targets
    if g is not None:
        s, passive = tree.subject(g)
        lemma = tree.tok(g).lemma.lower()
        if lemma in plover.UNDERGO and s is not None:  # "faced complaints from X", "not exempted from tariffs"
            if not tgt and (lemma not in plover.EXEMPT or negated(tree, g)):
                tgt += parties.noun_phrase(s)
        elif light_governed(tree, i):
            if passive and not tgt and s is not None:
                tgt += parties.noun_phrase(s)
            if not src and not both and not source_slot:
                if passive:
                    src += [p for w, o in tree.preps(g) if w == "by" for p in parties.noun_phrase(o)]
                elif s is not None:
                    subj_parties = parties.subject_phrase(s)
                    if sense.mode == "exercise" and len(subj_parties) >= 2:
                        sense = Sense("COOPERATE", "military", "military", True)
                    src += subj_parties
            if not tgt and tree.tok(i).dep == "dobj":
                tgt += [p for w, o in tree.preps(g) if w in TARGET_PREPS for p in parties.noun_phrase(o)]
                tgt += [p for o in tree.kids(g, "dative") for p in parties.noun_phrase(o)]
    if g is not None and sense.type == "PROTEST" and tree.tok(g).lemma.lower() in plover.COMPLAINT_VERBS:
        sense = Sense("ACCUSE", "allege", "diplomatic")  # an official protest is a complaint, not a rally
    if not tgt and sense.type == "REQUEST":  # "its demand that Israel ease restrictions"
        clauses = tree.kids(i, "acl", "ccomp", "relcl")
        if g is not None and tree.tok(i).dep == "dobj":
            clauses += tree.kids(g, "ccomp")  # "reiterated its demand that ...": the clause hung on the verb
        for c in clauses:
            s, _ = tree.subject(c, depth=1)
            if s is not None and tree.tok(s).text.lower() not in ("which", "that"):
                tgt += parties.noun_phrase(s)
    if not tgt and not both:
        tgt += phrase_targets(tree, parties, i)  # "a suspension of air links with Serbia"
    if not tgt and not both and g is not None and light_governed(tree, i):  # "in a worrying development for
        tgt += [p for p in affected(tree, parties, g) if all(p.state != q.state for q in src)]  # Japan, X held a drill"
    if not src and not both and sense.type in LOCAL_ACTS:  # "a bombing near Samarra": the place's state
        src = parties.located([i]) or parties.domestic_agent(i)
    if both:
        src, tgt = both + src, tgt
        sense = replace(sense, reciprocal=True) if sense.type in ("CONSULT", "COOPERATE", "AGREE", "SUPPORT") else sense
    return src, tgt, sense


def negated(tree: Tree, v: int) -> bool:
    return any(tree.tok(c).dep == "neg" for c in tree.children[v])


def governor(tree: Tree, i: int) -> int | None:
    """The verb whose object the event noun is ("held talks", "slapped with tariffs", "make a trip")."""
    t = tree.tok(i)
    h = tree.head(i)
    if h is None:
        return None
    if t.dep in ("dobj", "attr", "nsubjpass", "oprd") and tree.is_verb(h):
        return h
    if t.dep == "pobj":
        v = tree.head(h)
        if v is not None and tree.is_verb(v):
            return v
        if v is not None and tree.tok(h).text.lower() == "of" and tree.tok(v).dep in ("dobj", "nsubjpass"):
            return governor(tree, v)  # "launched 10 days of war games", "sent tons of aid"
    if t.dep == "conj":
        return governor(tree, h)
    return None


def light_governed(tree: Tree, i: int) -> bool:
    g = governor(tree, i)
    return g is not None and (tree.tok(i).dep == "dobj" or tree.tok(g).lemma.lower() in plover.LIGHT_VERBS or
                              for_purpose(tree, i, g))


# Verbs of coming together whose "for" phrase is what the comers do ("return to Geneva for talks", "gathered
# for a summit"): the noun's agents are the verb's subject. Not "called for talks": that asks for them.
GATHER_VERBS = frozenset("return come go travel fly arrive head gather convene sit meet assemble".split())


def for_purpose(tree: Tree, i: int, g: int) -> bool:
    h = tree.head(i)
    return (tree.tok(i).dep == "pobj" and h is not None and tree.tok(h).text.lower() == "for"
            and tree.tok(g).lemma.lower() in GATHER_VERBS)


def grievance(tree: Tree, i: int) -> tuple[int | None, int, int] | None:
    """'X tweeted that Y had hit us hard', 'claims by X that Y was interfering': X accuses Y.
    Returns (accuser token, accused token, complaint verb) or None."""
    lemma = tree.lemma[i]
    is_claim_noun = lemma in CLAIM_NOUNS and tree.tokens[i].pos == "NOUN"
    if not (tree.verb[i] and lemma in plover.COMMUNICATION) and not is_claim_noun:
        return None
    for c in tree.kids(i, "ccomp", "acl", "relcl"):
        inner = tree.tok(c).lemma.lower()
        objs = [tree.tok(o).text.lower() for o in tree.kids(c, "dobj")]
        harmed_us = inner in HARM_VERBS and bool(FIRST_PERSON & set(objs))
        if inner not in plover.GRIEVANCE and not harmed_us:
            continue
        accused, _ = tree.subject(c, depth=1)
        if accused is None:
            continue
        if is_claim_noun:
            accuser = next((o for w, o in tree.preps(i) if w == "by"), None) or next(iter(tree.kids(i, "poss")), None)
        else:
            accuser, _ = tree.subject(i)
        return accuser, accused, c
    return None


def obligation(tree: Tree, i: int) -> tuple[int, int] | None:
    """'Russia said Sudan must return the helicopter': a reported obligation on another party is a demand.
    Returns (speaker token, addressee token) or None."""
    if not tree.verb[i] or (tree.lemma[i] not in plover.COMMUNICATION and tree.lemma[i] != "conclude"):
        return None
    speaker, _ = tree.subject(i, depth=1)
    for c in tree.kids(i, "ccomp"):
        if not any(tree.tok(a).text.lower() in ("must", "should") for a in tree.kids(c, "aux")):
            continue
        addressee, _ = tree.subject(c, depth=1)
        if speaker is not None and addressee is not None:
            return speaker, addressee
    return None
