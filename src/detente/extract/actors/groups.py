"""Actors from the field's dictionaries (``kb.phoenix``): named people with dated CAMEO roles, named
organisations and armed groups, and groups a text names by nationality and sector ("French farmers",
"Serbian military police", "Rwandan rebels").

CAMEO practice, which the gold standards follow: such a group is coded with its country and its sector
(FRAAGR, SRBMILCOP), so it rolls up to the country in the state views while the actor keeps the sector; an
international organisation or a transnational armed group (IGO / NGO / IMG roots) belongs to no state and
rolls up to itself, as the knowledge base's IGOs do.
"""

from __future__ import annotations

import bisect

from detente.kb.gazetteer import Hit
from detente.kb.knowledge import KB
from detente.kb.phoenix import SECTORS, Entry, PhoenixHit, load_phoenix
from detente.types import Actor, Doc, Role, Span, Token

# (token list, its start offsets) of the last document asked: several checks per hit bisect them.
_STARTS: tuple[list[Token], list[int]] = ([], [])


def token_starts(doc: Doc) -> list[int]:
    """Start offsets of the document's tokens, in order (once per document, not once per hit)."""
    global _STARTS
    cached = _STARTS  # read once: another thread may swap in its own document's
    if cached[0] is not doc.tokens:
        cached = _STARTS = (doc.tokens, [t.start for t in doc.tokens])
    return cached[1]


def dictionary_hits(doc: Doc, hits: list[Hit]) -> list[PhoenixHit]:
    """Phoenix names in the text that no knowledge-base form of the same or greater length covers (the
    hand-kept KB wins: "Arab League" stays ARAB; "Afghan National Army" beats the demonym "Afghan")."""
    out = []
    for h in load_phoenix().scan(doc.masked):
        if not any(g.start < h.end and h.start < g.end and g.end - g.start >= h.end - h.start for g in hits):
            out.append(h)
    return out


def entry_role(entry: Entry, country: str | None, date: str | None) -> list[Role]:
    """The CAMEO role the dictionary gives the entry on the date, as a Role (title = the sector's word)."""
    code = entry.code_on(date)
    if code is None:
        return []
    title = SECTORS.get(code.sector, code.sector.lower())
    return [Role(title=title, of=country or code.root, start=code.start, end=code.end, source="phoenix")]


def org_actor(entry: Entry, kb: KB, date: str | None, spans: list[Span]) -> Actor:
    """An organisation the dictionary names. Its state: the root of its code, else (a region code such as
    MEAREB) a state its own name names ("Palestinian Islamic Jihad"); none for an international one."""
    country = None if entry.international else entry.country(set(kb.states), date)
    if country is None and not entry.international:
        country = next((aid for w in entry.display.split() for aid, how in kb.lookup(w)
                        if aid in kb.states and how in ("name", "alias", "demonym")), None)
    return Actor(entry.id, "organization", entry.display, country, entry_role(entry, country, date), None, None,
                 spans)


def sector_phrase(doc: Doc, h: Hit) -> tuple[int, str] | None:
    """'French farmers', 'Radical French farmers', 'Serbian military police', 'Russian civilian advisers':
    a demonym that modifies a sector noun phrase -> (end offset of the phrase, sector code). The words
    between may be adjectives or other nouns of the phrase; the phrase must end at its head."""
    toks = doc.tokens
    k = bisect.bisect_left(token_starts(doc), h.end)  # the first token at or after the hit's end
    if k == len(toks) or doc.masked[h.end:toks[k].start].strip(" \t-"):
        return None
    ph = load_phoenix()
    modifier: str | None = None  # a sector word that modifies the head ("civilian" in "civilian advisers")
    for skip in range(0, 3):
        if k + skip >= len(toks):
            return None
        t = toks[k + skip]
        words = [w.text.lower() for w in toks[k + skip:k + skip + 4] if w.sent == toks[k].sent]
        found = ph.agent(words)
        if found:
            n, sector = found
            last = toks[k + skip + n - 1]
            nxt = toks[last.i + 1] if last.i + 1 < len(toks) else None
            if nxt is None or nxt.pos not in ("NOUN", "PROPN") or last.dep not in ("compound", "amod"):
                return last.end, sector
            modifier = modifier or sector  # read on to the head
        elif modifier and t.tag in ("NNS", "NNPS") and t.dep not in ("amod", "compound"):
            return t.end, modifier  # a plural head of people the sector word describes
        if t.pos not in ("ADJ", "NOUN") or t.dep not in ("amod", "compound"):
            return None
    return None


def group_actor(country: str, sector: str, name: str, spans: list[Span]) -> Actor:
    title = SECTORS.get(sector[:3], sector.lower())
    return Actor(f"group:{country.lower()}-{sector[:3].lower()}", "group", name, country,
                 [Role(title=title, of=country, start=None, end=None, source="phoenix")], None, None, spans)
