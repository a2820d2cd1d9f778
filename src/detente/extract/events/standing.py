"""Whether a person acts for a state on the day: the role held then, not the nationality.

PLOVER and CAMEO code a person's act as their state's only when the person holds a state office (government,
military, police, judiciary, intelligence, legislature) on the day of the act: a candidate in 2015, a former
minister, an analyst or a journalist is not the state. Such a side keeps its country code (CAMEO's USAOPP
is USA at the country level) and is tagged in the event's context, so the state-level pair views leave the
event out while the person-level ones keep it. The roles are the ones the actors stage found for the
article's date: a tenure of the knowledge base, the Phoenix dictionary's sector code on that date, or a title
the text gives, judged by the Phoenix agent dictionary's sector for it. "-elect" counts: the incoming office
holder already speaks for the state in the weeks before taking office.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from detente.extract.events.parties import Parties, Party
from detente.kb.knowledge import load_kb, period
from detente.kb.phoenix import SECTORS, load_phoenix
from detente.types import Actor, Doc, Event, Token
from detente.vocab import UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET

STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "SPY", "LEG")  # CAMEO sectors of the state itself
STATE_SECTOR_WORDS = frozenset(SECTORS[s] for s in STATE_SECTORS)  # how entry roles are titled
# Offices the agent dictionary does not list alone ("minister" comes only as "prime minister", ...).
OFFICE_WORDS = frozenset("minister ministers secretary official officials ambassador envoy diplomat president "
                         "premier chancellor king queen emir sultan governor senator congressman congresswoman "
                         "lawmaker legislator general admiral commander".split())
PAST_TITLE = re.compile(r"(?i)\b(?:former|ex|then|late|onetime|erstwhile|retired)\b")
ELECT = re.compile(r"(?i)[- ]elect\b")
UNOFFICIAL = (UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET)
WEEK = re.compile(r"(\d{4})-W(\d{2})")
ELECT_DAYS = 80  # how long before a tenure starts its holder is "-elect" (an election to an inauguration)


def acts_for_state(actor: Actor, on: str | None) -> bool | None:
    """Whether the person held a state office on ``on`` (the article's date); None when there is no date and
    no role to go by (then nothing says either way)."""
    day = days_of(on)
    person = load_kb().people.get(actor.id)
    if person is not None and day is not None and any(
            _covers(t.start, t.end, day) or _elect(t.start, day) for t in person.tenures):
        return True  # the knowledge base's tenures decide for the people it holds, whatever the text's titles
    for r in actor.roles:
        if r.source == "text":
            if state_title(r.title):
                return True
        elif r.source == "phoenix":
            if r.title in STATE_SECTOR_WORDS and _covers(r.start, r.end, day):
                return True
        elif _covers(r.start, r.end, day):  # a tenure of the knowledge base: an office by construction
            return True
    return None if day is None and not actor.roles else False


@functools.lru_cache(maxsize=4096)
def state_title(title: str) -> bool:
    """A title of a state office ("Defense Secretary", "Senator", "Foreign Ministry spokesman"), not a past one
    ("former minister") nor another sector's ("analyst", "presidential candidate", "columnist")."""
    if PAST_TITLE.search(title):
        return False
    words = [w.strip(".,") for w in ELECT.sub("", title).lower().split()]
    agents = load_phoenix()
    sectors = [hit[1] for k in range(len(words)) if (hit := agents.agent(words[k:]))]
    if sectors:
        return any(s.startswith(STATE_SECTORS) for s in sectors)
    return bool({part for w in words for part in (w, *w.split("-"))} & OFFICE_WORDS)  # "Vice-President"


def _covers(start: str | None, end: str | None, day: tuple[str, str] | None) -> bool:
    if day is None:
        return True  # no date: the role the text or the dictionary gives stands
    return (start or "") <= day[1] and (end is None or end >= day[0])


def days_of(value: str | None) -> tuple[str, str] | None:
    """The first and last day a date value covers; an ISO week ("2016-W29") its Monday to Sunday, where
    ``period`` would read only its year."""
    week = WEEK.match(value or "")
    if week:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return period(value) if value else None


def _elect(start: str | None, day: tuple[str, str]) -> bool:
    """The tenure starts within ELECT_DAYS after some day of the period (its last): its holder may be
    "-elect" then, as a tenure covering any of its days counts."""
    if not start:
        return False
    try:
        gap = (dt.date.fromisoformat(start[:10]) - dt.date.fromisoformat(day[1][:10])).days
    except ValueError:
        return False
    return 0 < gap <= ELECT_DAYS


def unofficial(doc: Doc, parties: Parties, source: str | None, target: str | None, when: str | None,
               at: tuple[int | None, int | None] = (None, None)) -> list[str]:
    """Context tags for a side (an actor id) whose person held no state office on the act's date, else the
    article's (a candidate, a former minister, an analyst), unless the sentence titles them with an office
    at offset ``at`` ("President Barack Obama did not call ..." in a later article). Such a side keeps its
    country, as CAMEO codes USAOPP or USAELI with the country, but the state-level pair views leave the event
    out; the person-level ones keep it (``detente.store.aggregate``)."""
    tags = []
    for tag, aid, offset in ((UNOFFICIAL_SOURCE, source, at[0]), (UNOFFICIAL_TARGET, target, at[1])):
        actor = parties.by_id.get(aid) if aid else None
        if actor is None or actor.kind != "person" or acts_for_state(actor, when or doc.meta.published) is not False:
            continue
        if offset is None or not titled_at(doc, actor, offset):
            tags.append(tag)
    return tags


GROUP_ARCS = ("pobj", "prep", "amod", "compound", "poss", "nmod")  # a state's name inside its people's phrase
GROUP_OF = frozenset("from of in".split())  # "refugees from Syria", "citizens of Japan", "students in Chile"


def people_of_state(doc: Doc, parties: Parties, p: Party | None) -> bool:
    """A state side named as its people, not its government: "refugees from El Salvador", "Japanese
    students", "Mexico's workers". CAMEO codes such a side as the state's non-state sector (SLVREF, JPNEDU),
    so, like an unofficial person, it keeps its country and the state-level views leave the event out. The
    noun is judged by the Phoenix agent dictionary: "officials", "troops" or "the army" of a state are the
    state; a noun it does not list ("missiles from North Korea") says nothing."""
    if p is None or p.state is None:
        return False
    kind = parties.kind(p.actor)
    if kind == "group":  # the actors stage's own "Syrian refugees" (group:syr-ref): its sector says
        sector = p.actor.rsplit("-", 1)[-1].upper()
        return sector in SECTORS and not sector.startswith(STATE_SECTORS)
    if kind != "state":
        return False
    k, steps = p.token, 0
    while steps < 3:
        tok = doc.tokens[k]
        if tok.dep == "conj" and tok.head != k:  # "from El Salvador, Guatemala and Honduras"
            k = tok.head
            continue
        if tok.dep not in GROUP_ARCS or tok.head == k or (tok.dep == "prep" and tok.text.lower() not in GROUP_OF):
            return False
        k, steps = tok.head, steps + 1
        head = doc.tokens[k]
        if tok.dep == "prep" and head.pos in ("VERB", "AUX"):
            # "hosted refugees from Syria": the small model hangs the phrase on the verb; it belongs to
            # the verb's object when that object is a sector's people
            sent = doc.sentences[head.sent]
            return any(_people_noun(t) for t in doc.tokens[sent.token_start:sent.token_end]
                       if t.head == k and t.dep == "dobj" and t.i != k)
        if head.pos in ("NOUN", "PROPN"):
            return _people_noun(head)
    return False


def _people_noun(tok: Token) -> bool:
    """A noun the Phoenix agent dictionary files under a sector other than the state's own."""
    agents = load_phoenix()
    hit = agents.agent([tok.text.lower()]) or agents.agent([tok.lemma.lower()])
    return hit is not None and not hit[1].startswith(STATE_SECTORS)


def group_tags(doc: Doc, parties: Parties, source: Party | None, target: Party | None) -> list[str]:
    """The unofficial tags of the sides that are a state's people (``people_of_state``)."""
    return [tag for tag, p in ((UNOFFICIAL_SOURCE, source), (UNOFFICIAL_TARGET, target))
            if people_of_state(doc, parties, p)]


def side(doc: Doc, p: Party | None) -> tuple[str | None, int | None]:
    """The actor id a party stands for (none for a state's own domestic side) and where it is named."""
    return (None, None) if p is None or p.how == "domestic" else (p.actor, doc.tokens[p.token].start)


def retagged(doc: Doc, parties: Parties, ev: Event) -> Event:
    """A claim's event with the unofficial tags of its new sides (the speaker now the source)."""
    kept = [c for c in (ev.context or "").split(",") if c and c not in UNOFFICIAL]
    tags = unofficial(doc, parties, next(iter(ev.source_actors), None), next(iter(ev.target_actors), None), ev.date)
    return replace(ev, context=",".join(kept + tags) or None)


TITLE_RUN = re.compile(r"((?:[\w.’'-]+ ){1,4})$")  # the words right before a name, in its own clause


def titled_at(doc: Doc, actor: Actor, at: int) -> bool:
    """The mention of ``actor`` around offset ``at`` follows a state office's title."""
    m = next((m for m in actor.mentions if m.start <= at < m.end), None)
    run = TITLE_RUN.search(doc.text[max(0, m.start - 60):m.start]) if m is not None else None
    if run is None or PAST_TITLE.search(run.group(1)):
        return False  # "former Secretary of State Hillary Clinton"
    words = run.group(1).split()
    return any(state_title(" ".join(words[k:])) for k in range(len(words)))
