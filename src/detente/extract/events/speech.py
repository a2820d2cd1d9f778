"""Acts made by speech that no trigger word names alone: a characterisation, a proposal, a stated readiness
to use force, and a call whose target the sentence names only as the people it alarmed.

- "X described Y's programme as a grave threat": X accuses Y (PLOVER ACCUSE, disapprove).
- "the plan that X proposed: Y halts its tests and Z its drills": X requests it of Y and Z; what the plan
  asks for has not happened (its acts are hypothetical, see ``proposed_content``).
- "X said it was ready to respond with all its military capabilities": X threatens (PLOVER THREATEN);
  the target is the other state the sentence names.
- "X's demands on its allies have alarmed Y": the unnamed allies are the ones alarmed, so X requests of Y.

Each finder returns ``Act``s (trigger, sense, source and target parties) for ``events.build``.
"""

from __future__ import annotations

from typing import NamedTuple

from detente.extract.events.lexicon import Sense
from detente.extract.events.parties import Parties, Party
from detente.extract.events.tree import Tree

CHARACTERISE = frozenset("characterize characterise describe label brand portray depict call term dub".split())
# What a characterisation says of its object when it is an accusation.
BLAME_NOUNS = frozenset("threat danger menace provocation aggression aggressor violation crime criminal enemy "
                        "terrorist terrorism sponsor destabilizer blackmail outrage lie".split())
PROPOSE = frozenset("propose suggest float advance".split())
PROPOSAL_NOUNS = frozenset("proposal approach plan initiative formula roadmap framework idea".split())
DASHES = frozenset(("–", "—", "-", ":", "--"))
READY = frozenset("prepared ready willing determined poised".split())
FORCE_WORDS = frozenset("force forces capability capabilities military nuclear weapon weapons arsenal "
                        "option options".split())
ALARM = frozenset("alarm worry unsettle rattle anger upset dismay unnerve concern frighten spook".split())
CALL_NOUNS = frozenset("call demand appeal request".split())
DEMANDS = frozenset("demand seek press call protest oppose denounce force".split())
SPEECH_VERBS = CHARACTERISE | PROPOSE


class Act(NamedTuple):
    trigger: int
    sense: Sense
    source: list[Party]
    target: list[Party]


def speech_acts(tree: Tree, parties: Parties, lo: int, hi: int) -> list[Act]:
    """The speech acts of the tokens lo..hi-1 (one sentence)."""
    out: list[Act] = []
    verb, lemma, dep = tree.verb, tree.lemma, tree.dep
    # each finder's own first test, asked here at once: most tokens pass none of them
    for i in [k for k in range(lo, hi) if (lemma[k] in SPEECH_VERBS or dep[k] == "xcomp" if verb[k]
                                           else lemma[k] in CALL_NOUNS)]:
        if verb[i]:
            if lemma[i] in CHARACTERISE:
                out += characterisation(tree, parties, i)
            if lemma[i] in PROPOSE:
                out += proposal(tree, parties, i)
            if dep[i] == "xcomp":
                out += readiness(tree, parties, i)
        else:
            out += alarming_call(tree, parties, i)
    return out


def subject_parties(tree: Tree, parties: Parties, v: int) -> list[Party]:
    subj, passive = tree.subject(v)
    return parties.subject_phrase(subj) if subj is not None and not passive else []


def characterisation(tree: Tree, parties: Parties, i: int) -> list[Act]:
    if tree.tok(i).lemma.lower() not in CHARACTERISE:
        return []
    objects = tree.kids(i, "dobj")
    heads = [o for v in [i, *objects] for w, o in tree.preps(v) if w == "as"] + tree.kids(i, "oprd", "attr")
    blamed = [h for h in heads if {tree.tok(k).lemma.lower() for k in tree.subtree(h)} & BLAME_NOUNS]
    if not blamed or not objects:
        return []
    src = subject_parties(tree, parties, i)
    tgt = [p for o in objects for p in parties.noun_phrase(o) if all(p.state != s.state for s in src)]
    return [Act(i, Sense("ACCUSE", "disapprove"), src, tgt)] if src and tgt else []


def proposal(tree: Tree, parties: Parties, i: int) -> list[Act]:
    """'the approach that China has proposed – the North halts ...', 'X proposed that Y and Z talk'."""
    if tree.tok(i).lemma.lower() not in PROPOSE:
        return []
    src = subject_parties(tree, parties, i)
    if not src:
        return []
    tgt = [p for c in proposed_content(tree, i) for p in clause_subjects(tree, parties, c)]
    tgt += [p for w, o in tree.preps(i) if w == "to" for p in parties.noun_phrase(o)]
    tgt = [p for p in tgt if all(p.state != s.state for s in src)]
    return [Act(i, Sense("REQUEST"), src, tgt)] if tgt else []


def proposed_content(tree: Tree, i: int) -> list[int]:
    """The clauses that say what a proposal asks for: the verb's clausal complements, or, when the verb
    modifies a proposal noun ("the plan that X proposed"), the clauses set off after a dash or a colon."""
    out = [c for c in tree.kids(i, "ccomp", "xcomp") if tree.is_verb(c)]
    h = tree.head(i)
    if out or tree.tok(i).dep not in ("relcl", "acl") or h is None or tree.tok(h).lemma.lower() not in PROPOSAL_NOUNS:
        return out
    end = max(tree.subtree(i))
    sent_end = next((k for k in range(end, len(tree.tokens)) if tree.tok(k).sent != tree.tok(i).sent), len(tree.tokens))
    dash = next((k for k in range(end + 1, min(end + 3, sent_end)) if tree.tok(k).text in DASHES), None)
    if dash is None:
        return out
    for k in range(dash + 1, sent_end):
        t = tree.tok(k)
        if t.text == "," and tree.head(k) not in range(dash + 1, sent_end):
            break  # the aside ends where the sentence's own clause resumes
        if tree.is_verb(k) and t.dep in ("ccomp", "conj", "ROOT", "parataxis", "advcl"):
            out.append(k)
    return out


def clause_subjects(tree: Tree, parties: Parties, v: int) -> list[Party]:
    subj, _ = tree.subject(v, depth=1)
    return parties.noun_phrase(subj) if subj is not None else []


def readiness(tree: Tree, parties: Parties, i: int) -> list[Act]:
    """'was prepared to defend its allies using its nuclear capabilities': a stated readiness to use force
    is a threat against the other state the sentence names."""
    h = tree.head(i)
    if tree.tok(i).dep != "xcomp" or h is None or tree.tok(h).text.lower() not in READY:
        return []
    gov = tree.head(h) if tree.tok(h).dep == "acomp" and tree.head(h) is not None else h  # "was ready to"
    means = [k for k in tree.subtree(gov) if tree.tok(k).lemma.lower() in ("use", "with")]  # type: ignore[arg-type]
    if not any(tree.tok(k).lemma.lower() in FORCE_WORDS for m in means for k in tree.subtree(m) if k != m):
        return []  # ready to respond with force, not ready to talk
    src = subject_parties(tree, parties, gov)  # type: ignore[arg-type]
    if not src:
        return []
    tgt = [p for w, o in tree.preps(i) if w in ("to", "against", "on") for p in parties.noun_phrase(o)]
    if not tgt:  # the threatened side is the other state named, not the one defended
        own = {p.state for p in src} | {p.state for o in tree.kids(i, "dobj") for k in tree.subtree(o)
                                        for p in parties.at(k) + parties.kb_at(k)}
        tgt = parties.nearest_state(i, own)
    return [Act(i, Sense("THREATEN", context="coded"), src, tgt)] if tgt else []


def alarming_call(tree: Tree, parties: Parties, i: int) -> list[Act]:
    """'his calls for allies to pay more have alarmed Japan': the call's addressees are the ones alarmed."""
    h = tree.head(i)
    if tree.tok(i).dep != "nsubj" or h is None or tree.tok(h).lemma.lower() not in ALARM:
        return []
    src = [p for c in tree.kids(i, "poss") for p in parties.noun_phrase(c)]
    tgt = [p for o in tree.kids(h, "dobj") for p in parties.noun_phrase(o)]
    if not src or not tgt or [p for w, o in tree.preps(i) for p in parties.noun_phrase(o)]:
        return []  # a call that names its addressee is read by the noun's own rule
    return [Act(i, Sense("REQUEST"), src, tgt)]


def protest_targets(tree: Tree, parties: Parties, i: int) -> list[Party]:
    """'a hunger strike to demand the minister's resignation', 'a strike in protest of the government's
    refusal': a protest that names no target is aimed at whom its demand or grievance names."""
    heads = [c for c in tree.kids(i, "acl", "advcl", "relcl") if tree.tok(c).lemma.lower() in DEMANDS]
    h = tree.head(i)
    if h is not None and tree.tok(i).dep == "dobj":  # "continued their strike to demand ..."
        heads += [c for c in tree.kids(h, "advcl", "xcomp") if tree.tok(c).lemma.lower() in DEMANDS]
    heads += [o for w, p in preps_of(tree, i) if w in ("of", "against", "over") for o in tree.kids(p, "pobj")]
    out: list[Party] = []
    for c in heads:
        for k in tree.subtree(c):
            out += [p for p in parties.at(k) + parties.kb_at(k) if p.state and all(p.actor != q.actor for q in out)]
        if out:
            break
    return out[:2]


def preps_of(tree: Tree, i: int) -> list[tuple[str, int]]:
    """'in protest of X': the grievance hangs off the protest word itself or off its 'in protest' phrase."""
    out = [(tree.tok(c).text.lower(), c) for c in tree.kids(i, "prep")]
    for c in tree.kids(i, "prep"):
        for o in tree.kids(c, "pobj"):
            if tree.tok(o).lemma.lower() == "protest":
                out += [(tree.tok(p).text.lower(), p) for p in tree.kids(o, "prep")]
    return out


__all__ = ["PROPOSE", "Act", "proposed_content", "protest_targets", "speech_acts"]
