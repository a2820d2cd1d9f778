"""Reported claims are not events between their subjects: a speaker who says that another party did something
and judges it ("a troubling willingness to back Putin") is accusing that party.

A quote (direct, partial or indirect, from the quotes stage) gives the speaker. An event whose trigger lies in
the quote, whose agent is not the speaker, and whose clause carries the speaker's disapproval becomes the
speaker's ACCUSE against the agent (PLOVER codes the act of speech, not the act claimed). Without such a word
the reported act stands: "Russia attacked the convoy, the minister said" is still the attack.
"""

from __future__ import annotations

from dataclasses import replace

from detente import vocab
from detente.extract.events.parties import Parties
from detente.extract.events.tree import Tree
from detente.types import Event, Quote

DISAPPROVAL = frozenset("troubling disturbing alarming dangerous reckless shameful disgraceful outrageous "
                        "irresponsible appalling worrying unacceptable deplorable naive scary frightening "
                        "disgusting".split())


def quote_at(quotes: list[Quote], char: int) -> Quote | None:
    """The outermost quote with a known speaker around a character ('X said Y said ...': X speaks)."""
    around = [q for q in quotes if q.start <= char < q.end and q.speaker and q.speaker.actor_id]
    return min(around, key=lambda q: (q.start, -q.end)) if around else None


def as_claim(tree: Tree, parties: Parties, quotes: list[Quote], i: int, ev: Event) -> Event | None:
    """The speaker's accusation that event ``ev`` (trigger token i) reports, or None when it is no claim."""
    q = quote_at(quotes, tree.tok(i).start)
    if q is None or q.speaker is None or ev.source is None:
        return None
    speaker = parties.by_id.get(q.speaker.actor_id or "")
    if speaker is None or speaker.id in ev.source_actors or speaker.id == ev.source:
        return None  # the speaker's own act ("we will send aid")
    scope = [i, *tree.ancestors(i, 4)]
    words = {tree.tok(k).lemma.lower() for a in scope for k in tree.children[a]} | \
            {tree.tok(a).lemma.lower() for a in scope}
    if not words & DISAPPROVAL:
        return None
    state = parties.state(speaker)
    if state is None:
        return None
    person = [speaker.id] if parties.kind(speaker.id) != "state" else []
    return replace(ev, type="ACCUSE", mode="disapprove", source=state, source_actors=person, target=ev.source,
                   target_actors=list(ev.source_actors), status="occurred", score=vocab.score("ACCUSE", "disapprove"),
                   context=",".join(filter(None, [ev.context, "claim"])))


__all__ = ["DISAPPROVAL", "as_claim"]
