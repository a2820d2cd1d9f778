"""PLOVER events from the dependency parse: who did what to whom, when, and whether it happened.

A trigger is a verb or an eventive noun from the lexicon in ``lexicon.py`` ("met", "talks", "a joint drill",
"tariffs on China", "his visit to Japan"; senses in ``triggers.py``). Its parties (``args.py``, ``parties.py``)
are the actors from the actors stage, by mention overlap, in its subject and object positions; each becomes
the person-level id beside the state roll-up. Status and date come from ``timing.py``; the date is the
trigger's nearest governing time expression, never the publication date. Reciprocal acts ("X and Y held a
joint drill", "talks between X and Y") are one record, source = the party named first, with "symmetric" in
the context.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

import detente.extract.events.lexicon as plover
from detente import vocab
from detente.extract.events.args import (
    CLAIM_NOUNS,
    grievance,
    light_governed,
    noun_parties,
    obligation,
    verb_parties,
)
from detente.extract.events.cameo import match
from detente.extract.events.claims import as_claim
from detente.extract.events.lexicon import Sense
from detente.extract.events.offices import titled_official
from detente.extract.events.parties import IGO_KINDS, Parties, Party
from detente.extract.events.speech import PROPOSE, proposed_content, protest_targets, speech_acts
from detente.extract.events.standing import group_tags, retagged, side, unofficial
from detente.extract.events.timing import (
    CANCEL_WORDS,
    asked,
    conditional_threat,
    date_of,
    is_future,
    possessive_date,
    status_of,
)
from detente.extract.events.tone import toned
from detente.extract.events.tree import Tree
from detente.extract.events.triggers import VERB_LEMMAS, trigger_sense
from detente.extract.events.typer import choose, sentence_bag
from detente.types import Actor, Doc, Event, Quote, Result, Span, Timex

# Types whose parties may be one state (domestic acts); diplomatic ones between a state and itself are noise.
DOMESTIC_OK = frozenset(("PROTEST", "COERCE", "ASSAULT", "CONCEDE", "RETREAT", "REQUEST", "REJECT", "THREATEN",
                         "SANCTION", "ACCUSE", "MOBILIZE"))
LONE_GIVES_WAY = True
SOLO_P = 0.35  # the typer's probability above which a one-party act of a named party is kept
PENALTY = {"domestic": 0.15, "direct": 0.0, "pronoun": 0.15, "group": 0.1, "speaker": 0.1, "kb": 0.1, "nearby": 0.3}


@dataclass(slots=True)
class Found:
    """One event with where it was found (for ranking, dedupe and evaluation)."""

    event: Event
    trigger: int  # token index
    sentence: int
    depth: int  # edges from the sentence root
    lone: bool = False  # a one-party act kept only because the typer is sure of it


def stage(doc: Doc, result: Result, resources: object) -> list[Event]:
    """The pipeline's events step, reading ``result.actors``, ``.timexes`` and ``.quotes`` (the caller puts
    the events in ``result.events``)."""
    return find_events(doc, result.actors, result.timexes, result.quotes)


def find_events(doc: Doc, actors: list[Actor], timexes: list[Timex], quotes: list[Quote]) -> list[Event]:
    return [f.event for f in extract(doc, actors, timexes, quotes)]


def extract(doc: Doc, actors: list[Actor], timexes: list[Timex], quotes: list[Quote]) -> list[Found]:
    tree = Tree(doc)
    parties = Parties(doc, tree, actors, quotes)
    found: list[Found] = []
    skip: set[int] = set()
    bags: dict[int, list[str]] = {}
    light: dict[int, list[int]] = {}  # a light verb no rule reads -> its event-noun objects ("conducted talks")
    # Only verbs, event nouns and claim nouns can be triggers: no rule below reads any other token.
    verb, lemma = tree.verb, tree.lemma
    candidates = [k for k in range(len(doc.tokens)) if verb[k] or lemma[k] in plover.NOUNS or lemma[k] in CLAIM_NOUNS]
    for k in candidates:
        t = doc.tokens[k]
        if t.is_space or t.i in skip:
            continue
        word = lemma[k]  # each rule's first test on the word, asked here before calling it
        complaint = grievance(tree, t.i) if word in plover.COMMUNICATION or word in CLAIM_NOUNS else None
        if complaint is not None:
            src_tok, tgt_tok, inner = complaint
            skip.add(inner)
            found += build(doc, tree, parties, timexes, t.i, Sense("ACCUSE", "allege"),
                           parties.noun_phrase(src_tok) if src_tok is not None else [],
                           parties.noun_phrase(tgt_tok), verb=tree.is_verb(t.i))
            continue
        demand = obligation(tree, t.i) if word in plover.COMMUNICATION or word == "conclude" else None
        if demand is not None:
            speaker, addressee = demand
            found += build(doc, tree, parties, timexes, t.i, Sense("REQUEST"), parties.noun_phrase(speaker),
                           parties.noun_phrase(addressee), verb=True)
        rule = trigger_sense(tree, parties, t.i) if not verb[k] or word in VERB_LEMMAS else None
        if rule is None and word in plover.LIGHT_VERBS:
            light[k] = [o for o in tree.kids(k, "dobj") if lemma[o] in plover.NOUNS]
        if rule is None and not (verb[k] and match(tree, k)):
            continue  # choose() types only a rule's trigger or a verb the CAMEO dictionary knows
        if t.sent not in bags:
            bags[t.sent] = sentence_bag(doc, t.sent, tree.lemma)
        for sense in choose(tree, t.i, rule, bags[t.sent]):
            if tree.is_verb(t.i):
                src, tgt, sense = verb_parties(tree, parties, t.i, sense)
            else:
                src, tgt, sense = noun_parties(tree, parties, t.i, sense)
            if sense.type == "PROTEST" and not tgt:
                tgt = protest_targets(tree, parties, t.i)
            found += build(doc, tree, parties, timexes, t.i, sense, src, tgt, verb=tree.is_verb(t.i))
    found += located_visits(doc, tree, parties, timexes)
    for sent in doc.sentences:
        for act in speech_acts(tree, parties, sent.token_start, sent.token_end):
            found += build(doc, tree, parties, timexes, act.trigger, act.sense, act.source, act.target, verb=True)
    acts = {f.trigger for f in found}
    found = [f for f in found if not any(o in acts for o in light.get(f.trigger, ()))]  # the noun is the act
    proposals_are_not_acts(tree, found)
    for f in found:
        claim = as_claim(tree, parties, quotes, f.trigger, f.event)
        f.event = retagged(doc, parties, claim) if claim is not None else f.event
    found = [f for f in found if f.trigger not in skip or f.event.type == "ACCUSE"]
    found = dedupe(found)
    paired = {f.sentence for f in found if f.event.source and f.event.target}
    found = [f for f in found if not (f.lone and f.sentence in paired and LONE_GIVES_WAY)]  # a two-party act says more
    cancel_followups(doc, tree, found)
    inherit_dates(doc, found)
    return sorted(found, key=lambda f: (f.trigger, f.event.source or "", f.event.target or ""))


def proposals_are_not_acts(tree: Tree, found: list[Found]) -> None:
    """What a proposal asks for ("the plan that X proposed: Y halts its tests") has not happened."""
    content = {k for f in found if f.event.type == "REQUEST" and tree.tok(f.trigger).lemma.lower() in PROPOSE
               for c in proposed_content(tree, f.trigger) for k in tree.subtree(c) if k > f.trigger}
    for f in found:
        if f.trigger in content and f.event.status in ("occurred", "planned"):
            f.event.status = "hypothetical"


def located_visits(doc: Doc, tree: Tree, parties: Parties, timexes: list[Timex]) -> list[Found]:
    """'In Tokyo, Carter will emphasize ...': an official of one state speaking in another state's
    territory is visiting it (CONSULT visit, lower confidence)."""
    out: list[Found] = []
    verb, lemma = tree.verb, tree.lemma
    for t in [doc.tokens[k] for k in range(len(doc.tokens)) if verb[k] and lemma[k] in plover.COMMUNICATION]:
        subj, passive = tree.subject(t.i, depth=1)
        if subj is None or passive:
            continue
        speakers = [p for p in parties.noun_phrase(subj) if parties.kind(p.actor) == "person" and p.state]
        places = [p for w, o in tree.preps(t.i) if w == "in" and tree.tok(o).ent_type == "GPE"
                  for p in parties.at(o)]
        if speakers and places and all(s.state != places[0].state for s in speakers):
            for f in build(doc, tree, parties, timexes, t.i, Sense("CONSULT", "visit"), speakers, places[:1], True):
                f.event.confidence = round(f.event.confidence - 0.2, 2)
                out.append(f)
    return out


# -- assembly -----------------------------------------------------------------------------------------

def build(doc: Doc, tree: Tree, parties: Parties, timexes: list[Timex], i: int, sense: Sense,
          src: list[Party], tgt: list[Party], verb: bool) -> list[Found]:
    src, tgt = unique(src), [p for p in unique(tgt) if all(p.actor != s.actor for s in src)]
    if not tgt and len({p.state for p in src}) >= 2 and sense.type in ("AGREE", "CONSULT", "COOPERATE") \
            and not tree.kids(i, "dobj"):
        sense = replace(sense, reciprocal=True)  # "the two countries reached a deal"
    pairs: list[tuple[Party | None, Party | None]] = []
    if sense.reciprocal:
        everyone = sorted(unique(src + tgt), key=lambda p: p.token)
        if len({p.state or p.actor for p in everyone}) < 2:
            return []
        if len({p.state or p.actor for p in src}) == 1 and tgt:  # "Israel holds talks with India, Korea and
            pairs.extend((src[0], t) for t in tgt)                # China": Israel's talks, not India's with Korea
        else:  # "the two countries reached a deal", "talks between A and B": every pair of them
            pairs.extend([(a, b) for k, a in enumerate(everyone) for b in everyone[k + 1:]][:6])
    elif sense.mode == "weapons-test" and not src and tgt:
        pairs = ([(s, t) for t in tgt for s in parties.nearest_state(i, {p.state for p in tgt})]
                 or [(None, t) for t in tgt])
    else:
        sources: list[Party | None] = list(src) or [None]
        targets: list[Party | None] = list(tgt) or [None]
        pairs = list(product(sources, targets))[:8]
    out: list[Found] = []
    placed: tuple[str | None, str | None, str, Span, int] | None = None  # at the first pair kept: most keep none
    for s, t in pairs:
        if s is not None and t is not None and s.state == t.state and s.state is not None and s.actor != t.actor \
                and sense.type not in DOMESTIC_OK and solo_ok(sense, s) and not solo_ok(sense, s, False):
            t = None  # "promised to democratize Serbia": an act of the state at home, its target unnamed
        if s is None and t is None:
            continue
        if (s is None or t is None) and not solo_ok(sense, s):
            continue
        if (s is None) != (t is None) and sense.type not in ("CONSULT", "AID") and sense.mode != "weapons-test" \
                and not sense.reciprocal:  # "the two countries reached a deal": the other one is unnamed here
            s, t = domestic(doc, parties, i, s, t)
        s = titled_official(doc, parties, i, s)
        if (s is None or s.state is None) and (t is None or t.state is None):
            continue  # no state or international organisation on either side
        if s is not None and t is not None and "domestic" not in (s.how, t.how) and (s.actor == t.actor or (
                s.state == t.state and s.state is not None and sense.type not in DOMESTIC_OK)):
            continue
        if placed is None:
            placed = place(doc, tree, timexes, i, sense, verb)
        value, prec, status, evidence, depth = placed
        mode = mode_for(sense, s, t, len({p.state for p in src + tgt}) if sense.reciprocal else 0, tree, parties, i)
        confidence = (0.8 if verb else 0.7) - max(PENALTY[p.how] for p in (s, t) if p is not None)
        if s is None or t is None:
            confidence -= 0.15
        confidence *= min(1.0, 0.5 + sense.p)  # the type's calibrated probability: unsure types rank lower
        (sa, s_at), (ta, t_at) = side(doc, s), side(doc, t)
        tags = unofficial(doc, parties, sa, ta, value, (s_at, t_at)) + group_tags(doc, parties, s, t)
        context = ",".join(dict.fromkeys(filter(None, [context_for(tree, i, sense), *tags]))) or None
        ev = Event(type=sense.type, mode=mode, source=s.state if s else None, target=t.state if t else None,
                   source_actors=person_level(parties, s), target_actors=person_level(parties, t),
                   date=value, date_precision=prec, status=status,
                   score=toned(vocab.score(sense.type, mode), tree, i),
                   evidence=evidence, confidence=round(max(confidence, 0.1), 2), context=context)
        lone = (s is None or t is None) and not solo_ok(sense, s, False)
        out.append(Found(ev, i, doc.tokens[i].sent, depth, lone))
        coded = vocab.plover_coded(sense.type, status)
        if status == "planned" and conditional_threat(tree, i):
            coded = "THREATEN"
        if coded != sense.type and sense.context != "coded" and status != "hypothetical":
            out.append(Found(coded_reading(ev, coded), i, doc.tokens[i].sent, depth, lone))
    return out


def place(doc: Doc, tree: Tree, timexes: list[Timex], i: int, sense: Sense,
          verb: bool) -> tuple[str | None, str | None, str, Span, int]:
    """The act's date, precision and status, its evidence sentence and its depth in the tree."""
    value, prec = possessive_date(doc, tree, i) if not verb else (None, None)
    if value is None:
        value, prec = date_of(tree, doc, i, timexes)
    nominal_object = not verb and tree.tok(i).dep in ("dobj", "pobj", "attr") and light_governed(tree, i)
    status = status_of(tree, i, nominal_object, bool(value and prec and is_future(value, prec, doc.meta.published)))
    if sense.context == "coded" and (status == "planned" or (status == "negated" and sense.type == "REJECT")):
        status = "occurred"  # the stated intention, the refusal: acts of their own, made when stated
    sent = doc.sentences[doc.tokens[i].sent]
    if asked(doc.text, sent.start, sent.end, doc.tokens[i].start):
        status = "hypothetical"  # "Will you resign?", "Did the foundation refuse ...?": asked, not reported
    return value, prec, status, evidence_span(doc, sent.start, sent.end), len(tree.ancestors(i))


def domestic(doc: Doc, parties: Parties, i: int, s: Party | None, t: Party | None) -> tuple[Party | None, Party | None]:
    """A state's one-party act in a sentence that names no other state is an act within that state (PLOVER
    codes the other side as the state's own: "lifted the state of emergency", "students demonstrated"); the
    pair views leave such self-pairs out."""
    if s is None or t is not None or s.state is None or s.state in IGO_KINDS():
        return s, t  # an unnamed agent is no one's own: only a named state's act is read as domestic
    named, unknown = parties.named_in(doc.tokens[i].sent)
    if named - {s.state, None} or unknown:
        return s, t  # another state, or an organisation we cannot place, may be the other side
    return s, Party(s.state, s.state, s.token, "domestic")


def coded_reading(ev: Event, coded: str) -> Event:
    """Beside a planned or refused act, the act PLOVER codes ("will send aid": AGREE; "vowed to strike":
    THREATEN; "failed to agree": REJECT), made when it was stated. A hypothetical act gets none: "could
    strike" is no threat anyone made."""
    return replace(ev, type=coded, mode=None, status="occurred", score=vocab.score(coded, None),
                   context=",".join(filter(None, [ev.context, "coded"])))


def evidence_span(doc: Doc, start: int, end: int) -> Span:
    """The sentence, inside the article body (a parser may glue a headline or byline to the first
    sentence), without surrounding white space."""
    if doc.meta.body_start <= end and start < doc.meta.body_start:
        start = doc.meta.body_start
    raw = doc.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return doc.span(start + lead, start + len(raw.rstrip()))


def solo_ok(sense: Sense, source: Party | None, typed: bool = True) -> bool:
    """One-party acts worth keeping: tests, drills, protests, withdrawals, attacks on a named victim,
    and trips whose destination is a region ("a trip to Asia next week")."""
    if sense.type in ("MOBILIZE", "PROTEST", "RETREAT", "ASSAULT"):
        return True
    if typed and SOLO_P <= sense.p < 1.0:
        return True  # the typer is sure of the act; the other side is a group or place we do not name
    return sense.type == "CONSULT" and sense.mode == "visit" and source is not None


def unique(ps: list[Party]) -> list[Party]:
    out: list[Party] = []
    for p in ps:
        if all(p.actor != q.actor for q in out):
            out.append(p)
    return out


def person_level(parties: Parties, p: Party | None) -> list[str]:
    if p is None or p.how == "domestic":
        return []
    return [] if parties.kind(p.actor) == "state" else [p.actor]


def mode_for(sense: Sense, s: Party | None, t: Party | None, n_parties: int, tree: Tree, parties: Parties,
             i: int) -> str | None:
    if sense.type == "ACCUSE" and not sense.mode:
        return "disapprove"
    if sense.type != "CONSULT" or sense.mode:
        return sense.mode
    if n_parties >= 3:
        return "multilateral"
    where = [p.state for w, o in tree.preps(i) if w == "in" for p in parties.at(o)]
    if where and s is not None and t is not None:
        return "visit" if where[0] in (s.state, t.state) else "third-party"
    return None


def context_for(tree: Tree, i: int, sense: Sense) -> str | None:
    tags: list[str] = [sense.context] if sense.context else []
    words = {tree.tok(k).lemma.lower() for k in tree.subtree(i)} if not tree.is_verb(i) else \
        {tree.tok(k).lemma.lower() for c in tree.kids(i, "dobj", "prep") for k in tree.subtree(c)}
    for tag, words_of in plover.CONTEXT_WORDS.items():
        if words & words_of and tag not in tags:
            tags.append(tag)
    if sense.reciprocal:
        tags.append("symmetric")
    return ",".join(tags) or None


JOINT_ACTS = frozenset(("CONSULT", "COOPERATE", "AGREE"))  # one act whichever side a trigger names first


def dedupe(found: list[Found]) -> list[Found]:
    """One record per (sentence, type, parties, status): two triggers for one act ("arrives in Beijing
    for his visit to China") keep the surest, with a date if either has one."""
    best: dict[tuple, Found] = {}
    for f in found:
        e = f.event
        joint = (e.context and "symmetric" in e.context) or e.type in JOINT_ACTS  # "flew to Beijing for talks
        parties = frozenset((e.source, e.target)) if joint else (e.source, e.target)  # with Xi": one meeting
        key = (f.sentence, e.type, parties, e.status)
        old = best.get(key)
        if old is None:
            best[key] = f
            continue
        keep, other = (f, old) if (f.event.confidence, -f.depth) > (old.event.confidence, -old.depth) else (old, f)
        if keep.event.date is None and other.event.date is not None:
            keep.event.date, keep.event.date_precision = other.event.date, other.event.date_precision
        keep.event.source_actors = sorted(set(keep.event.source_actors) | set(other.event.source_actors))
        keep.event.target_actors = sorted(set(keep.event.target_actors) | set(other.event.target_actors))
        best[key] = keep
    paired = {(f.sentence, f.event.type, f.event.source) for f in best.values() if f.event.target}
    paired |= {(f.sentence, f.event.type, f.event.target) for f in best.values() if f.event.source}
    return [f for f in best.values() if (f.event.source and f.event.target) or
            (f.sentence, f.event.type, f.event.source or f.event.target) not in paired]


def cancel_followups(doc: Doc, tree: Tree, found: list[Found]) -> None:
    """'... were scheduled to hold joint exercises. Bad weather forced their cancelation.'"""
    for f in found:
        if f.event.status != "planned" or f.sentence + 1 >= len(doc.sentences):
            continue
        nxt = doc.sentences[f.sentence + 1]
        for k in range(nxt.token_start, nxt.token_end):
            if tree.tok(k).lemma.lower() in CANCEL_WORDS and any(
                    tree.tok(c).text.lower() in ("their", "its", "it", "them") for c in tree.children[k]):
                f.event.status = "negated"


def inherit_dates(doc: Doc, found: list[Found], window: int = 12) -> None:
    """An undated leg of a planned, dated act by the same person ("makes a trip to Asia next week ... Carter
    will also visit India") takes that act's date; anything else stays undated."""
    ordered = sorted(found, key=lambda f: f.trigger)
    for k, f in enumerate(ordered):
        e = f.event
        if e.date is not None or not e.source_actors or e.status != "planned":
            continue  # an undated past act is often habitual ("in talking to Trump frequently"): left undated
        for prev in reversed(ordered[:k]):
            p = prev.event
            if f.sentence - prev.sentence > window:
                break
            if p.date and p.type == e.type and p.status == e.status and set(p.source_actors) & set(e.source_actors):
                e.date, e.date_precision = p.date, p.date_precision
                e.confidence = round(max(e.confidence - 0.1, 0.1), 2)
                break


__all__ = ["Found", "extract", "find_events", "stage"]
