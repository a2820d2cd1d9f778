"""Offices the text states but the knowledge base lacks: whom an unknown head of government acts for."""

from __future__ import annotations

from detente.extract.events.parties import Parties, Party
from detente.types import Doc

GOVERNMENT_TITLES = frozenset(("president", "vice-president", "vice president", "prime minister", "premier",
                               "king", "emir", "chancellor", "foreign minister", "defence minister",
                               "defense minister", "interior minister"))


def titled_official(doc: Doc, parties: Parties, i: int, p: Party | None) -> Party | None:
    """'President X threatened a curfew in Algiers': a head of government the knowledge base does not know,
    titled as such in the text, acts for the one state the sentence names (PLOVER codes the office)."""
    if p is None or p.state is not None:
        return p
    actor = parties.by_id.get(p.actor)
    if actor is None or actor.kind != "person" or not any(
            r.source == "text" and r.of is None and r.title.lower() in GOVERNMENT_TITLES for r in actor.roles):
        return p
    sent = doc.sentences[doc.tokens[i].sent]
    named = {q.state for k in range(sent.token_start, sent.token_end) for q in parties.at(k) if q.state}
    return Party(p.actor, named.pop(), p.token, "kb") if len(named) == 1 else p


__all__ = ["GOVERNMENT_TITLES", "titled_official"]
