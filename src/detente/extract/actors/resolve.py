"""Actor resolution: every mention of a state, IGO, organisation or person -> one canonical actor.

States come from the KB gazetteer (names, aliases, capitals as metonyms, demonyms used as actors,
contextual forms like "the North"), people from KB names, spaCy PERSON entities and in-article
surname / role references (people.py), organisations from spaCy ORG entities that look like
institutions. Overlaps are settled longest-first, so "Tokyo International University" is an
organisation, not Japan.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any

from detente.extract.actors.groups import (
    dictionary_hits,
    entry_role,
    group_actor,
    org_actor,
    sector_phrase,
    token_starts,
)
from detente.extract.actors.people import ORG_WORDS, find_people, role_mentions, state_of, text_roles
from detente.kb.gazetteer import Hit, load_gazetteer
from detente.kb.knowledge import KB, load_kb
from detente.kb.names import TITLE_WORDS, slug
from detente.kb.phoenix import load_phoenix
from detente.kb.places import find_places
from detente.types import Actor, Doc, Result, Span

# Demonyms name the state only when they modify its agents: "the Japanese government", "Chinese
# President Xi", "the Japanese are sending signals" — not "Japanese companies" or "Chinese goods".
STATE_AGENT_NOUNS = {
    "government", "governments", "administration", "officials", "official", "leader", "leaders", "military",
    "militaries", "navy", "forces", "troops", "authorities", "side", "diplomats", "diplomat", "ministry",
    "president", "premier", "minister", "ambassador", "embassy", "envoy", "foreign", "defense", "defence",
    "prime", "state", "regime", "army", "delegation", "negotiators", "counterpart", "counterparts",
    "spokesman", "spokeswoman", "cabinet", "emperor", "king", "chancellor", "secretary", "warships", "jets",
    "officers", "officer", "commanders",
}
# CAMEO sectors of the state itself: a demonym with such a noun names the state, as STATE_AGENT_NOUNS do.
STATE_SECTORS = frozenset(("GOV", "MIL", "COP", "SPY", "JUD", "LEG"))
PLACE_SUFFIX = {
    "Sea", "Peninsula", "Strait", "Ocean", "Morning", "Daily", "University", "Institute", "Islands", "Island",
    "Airlines", "Times", "Post", "News", "Club", "Center", "Centre", "Council", "Foundation", "Society",
    "International", "Railway", "Broadcasting", "Television", "Studies", "Affairs", "Policy",
}
GOVERNMENT_BODY = re.compile(r"^(?:Foreign|Defen[cs]e|Trade|Finance|Commerce|Unification)? ?Ministry$|"
                             r"^(?:Self-Defense Forces?|Maritime Self-Defense Force|Ground Self-Defense Force|"
                             r"Air Self-Defense Force|State Department|Pentagon|Defense Department)$")
ORG_LABELS = {"ORG", "FAC", "LOC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}


def stage(doc: Doc, result: Result, resources: object) -> list[Actor]:
    """The pipeline's actors step: the article's actors, from the body and from each zone (captions, credits,
    author notes), where the article's own authors are people too (the caller puts them in ``result.actors``)."""
    actors = find_actors(doc)
    for zone in doc.zones:
        merge(actors, find_actors(zone), authors(zone))
    add_locations(doc, actors)
    return actors


def add_locations(doc: Doc, actors: list[Actor]) -> None:
    """Places the text names ("in Vladivostok"), each a location of its state: the state's actor gets them in
    ``locations`` (an actor with no mentions of its own when the text names the state only so)."""
    kb = load_kb()
    taken = [(m.start, m.end) for a in actors for m in a.mentions]
    by_id = {a.id: a for a in actors}
    for d in [doc, *doc.zones]:
        field = [(h.start, h.end, h.entry.codes[0].code) for h in load_phoenix().scan(d.masked)
                 if h.entry.kind == "place" and d.meta.body_start <= h.start < d.meta.body_end]
        found = find_places(d.masked, d.meta.body_start, d.meta.body_end) + field
        for a, b, state in qualified(d.masked, found):
            if overlaps(a, b, taken) or state not in kb.states:
                continue
            taken.append((a, b))  # the hand-kept places come first; the dictionary's add only new spans
            if state not in by_id:
                by_id[state] = Actor(state, "state", kb.states[state].name, state)
                actors.append(by_id[state])
            by_id[state].locations.append(Span(a, b, doc.text[a:b]))


def qualified(text: str, places: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A place followed by the region or state it is in takes that one's state ("Birmingham, Alabama" is in the
    United States, "Perth, Scotland" in Britain), whatever the dictionary says of the name alone."""
    starts = {a: state for a, _, state in places}
    out = []
    for a, b, state in places:
        after = re.match(r",[ \t]*", text[b:b + 3])
        qualifier = starts.get(b + after.end()) if after else None
        out.append((a, b, qualifier or state))
    return out


def authors(zone: Doc) -> list[tuple[int, int, str]]:
    """Where a zone names one of the article's authors ("Hou Jun holds a Ph.D ..." in an author note)."""
    out = []
    for name in zone.meta.authors:
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", zone.masked):
            out.append((m.start(), m.end(), name))
    return out


def merge(actors: list[Actor], found: list[Actor], named: list[tuple[int, int, str]]) -> None:
    """Add a zone's actors to the body's: mentions of one id join, new ids (and authors not yet found) append."""
    by_id = {a.id: a for a in actors}
    for a in found:
        if a.id in by_id:
            have = by_id[a.id]
            have.mentions = sorted(set(have.mentions) | set(a.mentions), key=lambda m: m.start)
            have.description = have.description or a.description
            have.affiliation = have.affiliation or a.affiliation
        else:
            actors.append(a)
            by_id[a.id] = a
    for start, end, name in named:
        if not any(m.start <= start < m.end for a in actors for m in a.mentions):
            actors.append(Actor(f"person:{slug(name)}", "person", name, mentions=[Span(start, end, name)]))


def analysis_date(doc: Doc) -> str | None:
    return doc.meta.published


def find_actors(doc: Doc, kb: KB | None = None) -> list[Actor]:
    kb = kb or load_kb()
    date = analysis_date(doc)
    hits = list(load_gazetteer().scan(doc.masked))
    person_hits = [(h.start, h.end, aid) for h in hits for aid, how in h.targets[:1] if how == "person"]
    known = dictionary_hits(doc, hits)
    people = find_people(doc, kb, person_hits, date, [(h.start, h.end, h.entry) for h in known
                                                       if h.entry.kind == "person"])
    taken: list[tuple[int, int]] = [m for p in people for m in p.mentions]

    mentions: list[tuple[int, int, str]] = []  # (start, end, actor id)
    for p in people:
        mentions.extend((a, b, p.id) for a, b in p.mentions)
    for a, b, pid in role_mentions(doc, kb, people, date):
        if not overlaps(a, b, taken):
            mentions.append((a, b, pid))
            taken.append((a, b))

    entries = {}
    for h in known:
        if h.entry.kind == "organization" and not overlaps(h.start, h.end, taken):
            entries[h.entry.id] = h.entry
            mentions.append((h.start, h.end, h.entry.id))
            taken.append((h.start, h.end))
    org_spans = [(e.start, e.end, e) for e in doc.entities if e.label in ORG_LABELS]
    groups: dict[str, tuple[str, str, str]] = {}
    state_mentions = state_hits(doc, kb, hits, org_spans, taken, groups)
    mentions.extend(state_mentions)
    taken.extend((a, b) for a, b, _ in state_mentions)
    main_state = Counter(aid for _, _, aid in state_mentions if aid in kb.states).most_common(1)
    orgs = org_mentions(doc, kb, taken, main_state[0][0] if main_state else None)
    mentions.extend((a, b, oid) for a, b, oid, _, _ in orgs)

    actors = build_actors(doc, kb, people, mentions, orgs, date)
    spans: dict[str, list[Span]] = {}
    for a, b, aid in sorted(mentions):
        if aid in entries or aid in groups:
            spans.setdefault(aid, []).append(Span(a, b, doc.text[a:b]))
    actors += [org_actor(entries[aid], kb, date, ms) for aid, ms in spans.items() if aid in entries]
    actors += [group_actor(*groups[aid], ms) for aid, ms in spans.items() if aid in groups]
    actors.sort(key=lambda x: x.mentions[0].start)
    return actors


def overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    for x, y in spans:  # a plain loop: this runs for every candidate mention against every one taken
        if a < y and x < b:
            return True
    return False


def state_hits(doc: Doc, kb: KB, hits: list[Hit], org_spans: list[tuple[int, int, Any]],
               taken: list[tuple[int, int]], groups: dict[str, tuple[str, str, str]]) -> list[tuple[int, int, str]]:
    """State mentions; a demonym that heads no state agent but a sector noun ("French farmers") is a group
    of that state instead (``groups``: id -> (state, sector code, name as written))."""
    text = doc.masked
    named = {aid for h in hits for aid, how in h.targets if how in ("name", "alias")}
    # "Bosnian Serbs", "Kosovo Albanians": a people of the first state; the second demonym is no state here.
    peoples = {a.start: b for a, b in zip(hits, hits[1:], strict=False)
               if a.targets[0][1] in ("demonym", "name") and b.targets[0][1] == "demonym"
               and a.targets[0][0] != b.targets[0][0] and not text[a.end:b.start].strip()}
    inner = {b.start for b in peoples.values()}
    out = []
    for h in hits:
        aid = h.targets[0][0]
        if h.start in inner:
            continue
        if h.start in peoples and not overlaps(h.start, peoples[h.start].end, taken):
            second = peoples[h.start]  # a group of the first state (id group:bih-srb), named by the second
            gid = group_actor(aid, second.targets[0][0], "", []).id
            groups.setdefault(gid, (aid, second.targets[0][0], text[h.start:second.end]))
            out.append((h.start, second.end, gid))
            continue
        aid, how = h.targets[0]
        if how == "person" or overlaps(h.start, h.end, taken):
            continue
        phrase = sector_phrase(doc, h) if how == "demonym" and aid in kb.states else None
        if any(s <= h.start and h.end <= e and (e - s) > (h.end - h.start) and not kb_form(kb, ent.text)
               and not (phrase and phrase[0] > e) for s, e, ent in org_spans):
            continue  # inside a longer proper name: "Japan Institute for International Affairs" (but an entity
            # that cuts a sector phrase short, "[Radical French] farmers", is the tagger's mistake)
        if part_of_proper_name(text, h):
            continue
        if how.startswith("contextual:"):
            if how.split(":", 1)[1] not in named or re.match(r"[ \t]+[A-Z]", text[h.end:h.end + 2]):
                continue  # "the North" is North Korea only where North Korea is named
        elif how == "demonym" and not demonym_as_actor(doc, h):
            if phrase is None or overlaps(h.start, phrase[0], taken):
                continue
            if phrase[1][:3] in STATE_SECTORS:  # "Serbian riot police", "Russian lawmakers": the state's own
                out.append((h.start, phrase[0], aid))
                continue
            gid = group_actor(aid, phrase[1], "", []).id
            groups.setdefault(gid, (aid, phrase[1], doc.text[h.start:phrase[0]]))
            out.append((h.start, phrase[0], gid))
            continue
        out.append((h.start, h.end, aid))
    return out


def kb_form(kb: KB, surface: str) -> bool:
    surface = re.sub(r"^[Tt]he ", "", surface).rstrip("’'s")
    try:
        return bool(kb.lookup(surface))
    except Exception:
        return False


def part_of_proper_name(text: str, h: Hit) -> bool:
    """'Sea of Japan', 'East China Sea', 'Tokyo International University', 'Bank of Japan'."""
    after = re.match(r"[ \t]+([A-Z][\w-]*)", text[h.end:h.end + 40])
    if after and after.group(1) in PLACE_SUFFIX:
        return True
    before = re.search(r"([A-Z][\w-]*)\s+(?:of|for)\s+(?:the\s+)?$", text[max(0, h.start - 40):h.start])
    if before and before.group(1) not in TITLE_WORDS and before.group(1) not in ("Republic", "Kingdom"):
        return True
    prior = re.search(r"([A-Z][\w-]*)\s+$", text[max(0, h.start - 30):h.start])
    return bool(prior and prior.group(1) in ("East", "West", "South", "North") and h.text in ("China", "Korea"))


def demonym_as_actor(doc: Doc, h: Hit) -> bool:
    # The hit's last token: the last one starting inside it, else the one it starts inside (found by bisection).
    j = bisect.bisect_left(token_starts(doc), h.end) - 1
    last = doc.tokens[j] if j >= 0 and (doc.tokens[j].start >= h.start or h.start < doc.tokens[j].end) else None
    if last is None or re.search(r"\bethnic\s+$", doc.masked[max(0, h.start - 8):h.start], re.I):
        return False  # "ethnic Albanians" are a people, wherever they live, not the Albanian state
    if last.pos in ("NOUN", "PROPN") and last.dep in ("nsubj", "nsubjpass", "dobj", "pobj") and h.text[0].isupper():
        nxt = doc.tokens[last.i + 1] if last.i + 1 < len(doc.tokens) else None
        if nxt is None or nxt.pos not in ("NOUN", "PROPN"):
            return True  # "the Japanese are sending signals"
    following = re.match(r"[\s-]+((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)", doc.masked[h.end:h.end + 60])
    words = following.group(1).lower().split() if following else []
    return any(w in STATE_AGENT_NOUNS for w in words[:2])


def org_mentions(doc: Doc, kb: KB, taken: list[tuple[int, int]], main_state: str | None
                 ) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end, id, name, country) for institutions named by spaCy ORG entities."""
    out: list[tuple[int, int, str, str, str | None]] = []
    seen_country: dict[str, str | None] = {}
    for e in doc.entities:
        if e.label not in ("ORG", "FAC"):
            continue
        name = re.sub(r"[’']s$", "", re.sub(r"^[Tt]he ", "", e.text)).strip()
        start = e.start + e.text.find(name)
        end = start + len(name)
        if overlaps(start, end, taken) or not name:
            continue
        acronym = re.fullmatch(r"[A-Z]{2,6}", name) is not None
        if not (ORG_WORDS.search(name) or acronym or GOVERNMENT_BODY.match(name)):
            continue
        owner = re.match(r"^([A-Z][\w.-]*)[’']s\s+", name)
        if owner:
            name = name[owner.end():]
            start += owner.end()
        country = org_country(doc, kb, name, start, None) or seen_country.get(name)
        if country is None and GOVERNMENT_BODY.match(name):
            country = main_state  # "The Defense Ministry said" in a story about one state
        seen_country.setdefault(name, country)
        if GOVERNMENT_BODY.match(name):
            oid = f"org:{(country or 'xxx').lower()}-{slug(name)}" if country else f"org:{slug(name)}"
        else:
            oid = f"org:{slug(name)}"
        out.append((start, end, oid, name, country))
        taken.append((start, end))
    return out


def org_country(doc: Doc, kb: KB, name: str, start: int, main_state: str | None) -> str | None:
    for word in re.findall(r"[A-Z][\w.-]+", name):
        c = state_of(kb, word)
        if c:
            return c
    before = re.search(r"([A-Z][\w.’'-]+)\s+$", doc.masked[max(0, start - 30):start])
    if before:
        c = state_of(kb, before.group(1).rstrip("’'s"))
        if c:
            return c
    after = re.match(r"\s+in\s+([A-Z][\w.-]+)", doc.masked[start + len(name):start + len(name) + 30])
    if after:
        c = state_of(kb, after.group(1))
        if c:
            return c
    return main_state if GOVERNMENT_BODY.match(name) else None


def build_actors(doc: Doc, kb: KB, people: list[Any], mentions: list[tuple[int, int, str]],
                 orgs: list[tuple[int, int, str, str, str | None]], date: str | None) -> list[Actor]:
    by_id: dict[str, list[tuple[int, int]]] = {}
    for a, b, aid in mentions:
        by_id.setdefault(aid, []).append((a, b))
    person_of = {p.id: p for p in people}
    org_of = {oid: (name, country) for _, _, oid, name, country in orgs}
    actors = []
    for aid, spans in by_id.items():
        spans = sorted(set(spans))
        ms = [Span(a, b, doc.text[a:b]) for a, b in spans]
        if aid in person_of:
            p = person_of[aid]
            country = kb.people[aid].country if p.in_kb else p.country
            roles = text_roles(p, kb, date)
            if p.entry is not None:
                country = country or p.entry.country(set(kb.states), date)
                roles += entry_role(p.entry, country, date)
            actors.append(Actor(aid, "person", p.name, country, roles, p.description, p.affiliation, ms))
        elif aid in kb.states:
            s = kb.states[aid]
            actors.append(Actor(aid, "state", s.name, aid, [], None, None, ms))
        elif aid in kb.igos:
            g = kb.igos[aid]
            actors.append(Actor(aid, "organization", g.name, None, [], None, None, ms))
        elif aid in org_of:
            name, country = org_of[aid]
            actors.append(Actor(aid, "organization", name, country, [], None, None, ms))
    actors.sort(key=lambda x: x.mentions[0].start)
    return actors
