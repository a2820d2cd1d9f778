"""People in one article: full names, later surname / "Mr." references, role descriptions ("the
president"), titles before names ("Chinese Premier Li Keqiang") and appositive descriptions parsed into
role + organisation + country ("Stephen Nagy, visiting fellow at the Japan Institute ...")."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import Any

from detente.kb.knowledge import KB
from detente.kb.names import FAMILY_FIRST_SURNAMES, HONORIFICS, TITLE_WORDS, clean_name, looks_like_name, slug, surname
from detente.types import Doc, Role


@dataclass
class Person:
    id: str
    name: str
    in_kb: bool
    first: int  # offset of the first full-name mention
    mentions: list[tuple[int, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # title words seen right before the name
    description: str | None = None
    affiliation: str | None = None
    country: str | None = None
    role: str | None = None
    entry: Any = None  # the field dictionary's entry (kb.phoenix.Entry) when the name is known there


ROLE_NOUN = (r"president|prime minister|premier|chancellor|foreign minister|defen[cs]e minister|"
             r"defen[cs]e secretary|secretary of state|secretary of defen[cs]e|vice president|emperor|king|"
             r"supreme leader|chief cabinet secretary|national security adviser")
# "[Tt]" first and the word boundary behind it: a pattern that opens with what it consumes is scanned for fast.
DEFINITE_ROLE = re.compile(rf"[Tt](?<=\b[Tt])he ((?:[A-Z][a-z]+ )?)({ROLE_NOUN})"
                           r"(?: of ((?:the )?[A-Z][\w.’' -]+?))?(?=[\s,.;:’'”)]|$)")
TITLE_BEFORE = re.compile(r"((?:(?:[A-Z][\w.’'-]*|spokes(?:man|woman|person)|ambassador|envoy|minister|"
                          r"secretary|official|adviser|advisor|leader|chief|premier|president)\s+){1,5})$")
ROLE_START = (r"a|an|the|who|former|senior|junior|visiting|professor|associate|assistant|lecturer|fellow|"
              r"director|head|chief|analyst|researcher|spokesman|spokeswoman|spokesperson|deputy|vice|executive|"
              r"managing|chairman|chairwoman|editor|economist|expert|adviser|advisor|ambassador|minister|"
              r"secretary|official|diplomat|leader|member|founder|dean|scholar|strategist|president|author")
DESC_AFTER = re.compile(rf"^,\s+((?:{ROLE_START}|[A-Z][\w.’'-]*\s+(?:fellow|professor|analyst|director|"
                        r"lecturer|researcher|adviser|scholar))\b.*?)(?=,\s*(?:told|said|says|wrote|added|noted|"
                        r"warned|argued)\b|\s+(?:told|said|says)\b|,?\s*[“\"]|[;]|$)", re.S)
# "Liu Jianna is a media analyst at ...", "Hou Jun holds a Ph.D in ... from ...": an author note's description.
DESC_COPULA = re.compile(r"^\s+(?:(?:is|was)\s+((?:a|an)\s[^;]{3,150}?)|(holds\s+an?\s[^;]{3,150}?))"
                         r"(?=;|\.(?:\s|\)|$)|$)")
SPOUSE = re.compile(r"\b(?:his wife|her husband) ([A-Z][a-z]+)\b(?![ \t]+[A-Z])")
DESC_BEFORE = re.compile(r"((?:the|a|an) [A-Za-z][^,.;“”\"]{3,90}),\s*$")
ORG_IN_DESC = re.compile(r"\b(?:at|with|of|for|from|in)\s+(?:the\s+)?([A-Z][\w’'&.-]*"
                         r"(?:\s+(?:[A-Z][\w’'&.-]*|of|for|and|on|the)(?=[\s,.;]|$))*)")
OWNER = re.compile(r"^[A-Z][\w.-]*[’']s\s+")  # "Tokyo’s Sophia University" -> owner "Tokyo"
ORG_WORDS = re.compile(r"\b(University|Institute|Council|Center|Centre|Foundation|School|College|Ministry|"
                       r"Department|Agency|Party|Times|Post|News|Television|Bank|Fund|Association|Forum|"
                       r"Office|Group|Society|Academy|Corporation|Company|Commission|Committee|Daily)\b")


def find_people(doc: Doc, kb: KB, person_hits: list[tuple[int, int, str]], date: str | None,
                dictionary: list[tuple[int, int, Any]] | None = None) -> list[Person]:
    """person_hits: KB full-name matches (start, end, person id) from the gazetteer; dictionary: full names the
    field's dictionary knows (start, end, kb.phoenix.Entry), which the hand-kept KB has not claimed."""
    text = doc.masked
    people: dict[str, Person] = {}

    def add(pid: str, name: str, start: int, end: int, in_kb: bool) -> None:
        p = people.get(pid)
        if p is None:
            p = people[pid] = Person(pid, name, in_kb, start)
        if len(name) > len(p.name) and not in_kb:
            p.name = name
        p.mentions.append((start, end))

    for start, end, pid in person_hits:
        add(pid, kb.people[pid].name, start, end, True)
    for start, end, entry in dictionary or []:
        if not any(a < end and start < b for pp in people.values() for a, b in pp.mentions):
            add(entry.id, entry.display, start, end, False)
            people[entry.id].entry = entry
    for e in doc.entities:
        if e.label != "PERSON":
            continue
        name = clean_name(e.text)
        if len(name.split()) < 2 or not looks_like_name(name) or kb_state_word(kb, name):
            continue
        start = e.start + e.text.find(name.split()[0])
        end = start + len(name)
        if text[start:end] != name or any(a <= start < b for pp in people.values() for a, b in pp.mentions):
            continue
        known = [pid for pid, how in kb_lookup(kb, name) if how == "person"]
        add(known[0] if known else f"person:{slug(name)}", name, start, end, bool(known))
    for m in SPOUSE.finditer(text):  # "Donald Trump and his wife Melania": she is Melania Trump
        named = [p for p in people.values() if any(b <= m.start() for _, b in p.mentions) and " " in p.name]
        if named:
            near = max(named, key=lambda p: max(b for _, b in p.mentions if b <= m.start()))
            if m.start() - max(b for _, b in near.mentions if b <= m.start()) < 40:
                name = f"{m.group(1)} {surname(near.name)}"
                add(f"person:{slug(name)}", name, m.start(1), m.end(1), False)
    add_surname_mentions(doc, kb, people, date)
    for p in people.values():
        p.mentions = sorted(set(p.mentions))
        p.first = p.mentions[0][0]
        describe(doc, kb, p)
    return list(people.values())


def kb_lookup(kb: KB, surface: str) -> list[tuple[str, str]]:
    try:
        return kb.lookup(surface)
    except Exception:  # a malformed surface must never cost the article
        return []


PLACE_LABELS = frozenset(("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"))  # the small model labels places loosely


def kb_state_word(kb: KB, name: str) -> bool:
    """'South Korea' or 'Japan Prime' tagged PERSON by the small model are not people."""
    return any(how in ("name", "alias", "demonym", "capital") for w in [name, *name.split()]
               for _, how in kb_lookup(kb, w))


def named_places(doc: Doc, kb: KB) -> list[tuple[int, int]]:
    """Spans of multi-word entities the knowledge base names as a whole as a state or its capital ("Costa
    Rica", "San Jose"): a surname inside one is part of the place's name, not a mention of a person."""
    return [(e.start, e.end) for e in doc.entities if e.token_end - e.token_start > 1 and e.label in PLACE_LABELS
            and any(how in ("name", "alias", "capital") for _, how in kb_lookup(kb, e.text))]


def add_surname_mentions(doc: Doc, kb: KB, people: dict[str, Person], date: str | None) -> None:
    """'Abe', 'Mr. Abe', 'President Moon' -> the full-name person with that surname in this article, or a
    KB office holder known by surname when the article never gives the full name."""
    by_surname: dict[str, list[Person]] = {}
    for p in people.values():
        by_surname.setdefault(surname(p.name), []).append(p)
    kb_surnames = kb.surnames()
    # Offsets the full names cover, once: the mentions this loop adds are the token itself, and tokens do not
    # overlap, so no later token starts inside one (the scan over every mention ran per token).
    taken = {c for p in people.values() for a, b in p.mentions for c in range(a, b)}
    taken |= {c for a, b in named_places(doc, kb) for c in range(a, b)}  # "Costa" of "Costa Rica" is no one
    # Only a surname of someone named here or in the KB can be a mention (the surnames this loop adds to
    # by_surname are the KB's): the other tokens are left out before the loop, not tested one by one in it.
    texts = list(map(attrgetter("text"), doc.tokens))
    named = map(operator.or_, map(by_surname.__contains__, texts), map(kb_surnames.__contains__, texts))
    words = [t for t in compress(doc.tokens, named) if t.text[:1].isupper() and len(t.text) >= 2
             and t.start not in taken]
    for t in words:
        word = t.text
        prev = doc.tokens[t.i - 1] if t.i > 0 else None
        nxt = doc.tokens[t.i + 1] if t.i + 1 < len(doc.tokens) else None
        titled = prev is not None and (prev.text in HONORIFICS or prev.text in TITLE_WORDS)
        if prev is not None and prev.text[:1].isupper() and not titled and prev.tag == "NNP" and prev.sent == t.sent:
            continue  # "Akie Abe": another person who shares the surname
        if nxt is not None and nxt.text[:1].isupper() and nxt.tag == "NNP" and word in FAMILY_FIRST_SURNAMES:
            continue  # "Kim Jong" starts a different full name
        local = by_surname.get(word)
        if local:
            best = max(local, key=lambda p: (p.first < t.start, p.first))
            best.mentions.append((t.start, t.end))
            continue
        if not (titled or t.ent_type in ("PERSON", "ORG", "GPE", "NORP")) or word not in kb_surnames:
            continue
        pid = pick_holder(kb, kb_surnames[word], date)
        if pid:
            p = people.setdefault(pid, Person(pid, kb.people[pid].name, True, t.start))
            p.mentions.append((t.start, t.end))
            by_surname.setdefault(word, []).append(p)


def pick_holder(kb: KB, pids: list[str], date: str | None) -> str | None:
    """Among KB people sharing a surname, the one in office on the date, else the most recent before it."""
    if len(pids) == 1:
        return pids[0]
    if date:
        active = [p for p in pids if kb.roles_on(p, date)]
        if len(active) == 1:
            return active[0]
        past = [(max((t.start for t in kb.people[p].tenures if t.start <= date), default=""), p) for p in pids]
        past = [x for x in past if x[0]]
        if past:
            return max(past)[1]
    return None


def describe(doc: Doc, kb: KB, p: Person) -> None:
    """Title right before the first full mention; appositive description after (or before) it."""
    text = doc.text
    full = next(((a, b) for a, b in p.mentions if b - a > len(surname(p.name))), p.mentions[0])
    a, b = full
    sent = doc.sentence_of(a)
    sent_start, sent_end = (sent.start, sent.end) if sent else (0, len(text))
    before = doc.masked[max(sent_start, a - 80):a]
    tm = TITLE_BEFORE.search(before)
    if tm:
        title = tm.group(1).strip()
        words = [w for w in title.split() if w in TITLE_WORDS or w.islower() or kb_lookup(kb, w)]
        if words and any(w in TITLE_WORDS or w.islower() for w in words):
            p.titles.append(title)
    after = doc.masked[b:sent_end]
    dm = DESC_AFTER.match(after)
    desc = dm.group(1).strip(" ,.\n") if dm else None
    if not desc and (cm := DESC_COPULA.match(after)):
        desc = (cm.group(1) or cm.group(2)).strip(" ,.\n")
    if not desc:
        bm = DESC_BEFORE.search(doc.masked[sent_start:a])
        desc = bm.group(1).strip() if bm else None
    if desc and 3 <= len(desc) <= 200:
        p.description = desc
        parse_description(kb, p, desc)


def parse_description(kb: KB, p: Person, desc: str) -> None:
    orgs = [m.group(1).strip() for m in ORG_IN_DESC.finditer(desc) if ORG_WORDS.search(m.group(1))]
    if orgs:
        org = orgs[-1] if "now" in desc.split() else orgs[0]
        owner = OWNER.match(org)
        if owner:
            p.country = p.country or state_of(kb, owner.group(0).split("’")[0].split("'")[0])
            org = org[owner.end():]
        p.affiliation = re.sub(r"\s+(?:in|of|on|and|for|the)$", "", org).strip()
    role = re.sub(r"^who (?:served|serves|is|was|has been) (?:as )?", "", desc)
    role = re.split(r"\b(?:at|with|who|now|teaching|working|based|in|during)\b|,", role)[0]
    role = re.sub(r"^(?:a|an|the)\s+", "", role.strip())
    p.role = None if role.startswith("holds ") else role.strip() or None  # a degree is not a role
    for word in re.findall(r"[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+)*", desc):
        country = state_of(kb, word)
        if country:
            p.country = p.country or country
            break


def state_of(kb: KB, word: str) -> str | None:
    for aid, how in kb_lookup(kb, word):
        if how in ("name", "alias", "demonym", "capital") and aid in kb.states:
            return aid
    return None


def text_roles(p: Person, kb: KB, date: str | None) -> list[Role]:
    """Dated KB roles when the date is known; otherwise KB tenures whose title the text uses; plus the
    role a text description gives a person the KB does not know."""
    roles: list[Role] = []
    if p.in_kb:
        from detente.kb.knowledge import to_role

        tenures = kb.roles_on(p.id, date) if date else []
        if not tenures and p.titles:  # "President George W. Bush" in 2017: the office the text names
            said = " ".join(p.titles).lower()
            tenures = [t for t in kb.people[p.id].tenures if t.title.lower() in said]
        roles.extend(to_role(t) for t in tenures)
    if p.role and not p.in_kb:
        roles.append(Role(title=p.role, of=p.affiliation or p.country, start=date, end=None, source="text"))
    elif p.titles and not roles:
        roles.append(Role(title=p.titles[0], of=igo_in(kb, p.titles[0]) or p.country, start=date, end=None,
                          source="text"))
    return roles


def igo_in(kb: KB, title: str) -> str | None:
    """The international organisation a title names: 'Arab League Secretary-General' -> ARAB, 'U.N. mediator'
    -> UNO (longest run of words first)."""
    words = title.split()
    for n in range(len(words), 0, -1):
        for k in range(len(words) - n + 1):
            for aid, _ in kb_lookup(kb, " ".join(words[k:k + n])):
                if aid in kb.igos and kb.igos[aid].kind == "igo":
                    return aid
    return None


def role_mentions(doc: Doc, kb: KB, people: list[Person], date: str | None) -> list[tuple[int, int, str]]:
    """'the president', 'the prime minister of Japan' -> the person mentioned in this article who holds it."""
    out = []
    counts = {p.id: len(p.mentions) for p in people}
    for m in DEFINITE_ROLE.finditer(doc.masked):
        if re.search(r"\b(?:are|is|be|been|become|becomes|as|was|were)\s+$",
                     doc.masked[max(0, m.start() - 12):m.start()]):
            continue  # a predicate ("if you are the prime minister of Japan") describes, it does not refer
        mod, title, of = m.group(1).strip(), m.group(2), m.group(3)
        country = state_of(kb, of) if of else (state_of(kb, mod) if mod else None)
        if mod and not country:
            continue
        candidates = []
        for p in people:
            if not p.in_kb:
                continue
            tenures = kb.roles_on(p.id, date) if date else list(kb.people[p.id].tenures)
            if any(t.title.lower() == title.lower() and (country is None or t.of == country) for t in tenures):
                candidates.append(p.id)
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda c: -counts[c])
        if len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]:
            out.append((m.start(), m.end(), ranked[0]))
    return out
