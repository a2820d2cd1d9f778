"""Role clues: a person the knowledge base knows, named with a title, dates the text by the title's tenure.

"President Moon Jae-in" bounds the publication to Moon's presidency when the clause is present or future;
in a past clause the title held at some time before ("President Barack Obama did not ..."). "President-elect"
(before a name, or alone when one person in the article has that office) is the weeks before the tenure
starts; "former" is any time after it ended. One clue per person and tenure, however often they are named.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from detente.extract.time.clues import DAYS, Clues, DocView
from detente.kb.knowledge import Tenure, load_kb, title_key
from detente.kb.scan import scan_of
from detente.types import Actor, Doc

WORDS_BEFORE = re.compile(r"((?:[A-Za-z][\w.’'-]*[ \t]+){1,6})$")
# WORDS_BEFORE read backwards: one match from the end instead of a search that tries every start (the same
# words: the greedy match of the reversed text is the longest, which is the leftmost start of the search).
WORDS_BEFORE_REVERSED = re.compile(r"(?:[ \t]+[\w.’'-]*[A-Za-z]){1,6}")
ELECT = re.compile(r"\b(president|prime minister|premier|chancellor|governor)[- ]elect\b(?![ \t]+[A-Z])", re.I)
# A capitalised word not glued to a word, a dot or a hyphen before it: the capital comes first so the regex engine
# skips to capitals (the look-behind then checks the character before it, as a leading one would).
SURNAME = re.compile(r"[A-Z](?<![\w.-][A-Z])[a-z]+(?:-[A-Z][a-z]+)?(?![\w-])")
PAST_WORDS = {"former", "ex", "then", "late", "onetime", "erstwhile"}
ELECT_END = re.compile(r"[- ]elect$", re.I)


@functools.lru_cache(maxsize=8192)
def office(title: str) -> str:
    """The knowledge base's key for a title ("Defence Secretary" and "Secretary of Defense" are one)."""
    return title_key(title)[0]


def title_before(text: str, start: int, tenures: tuple[Tenure, ...]) -> tuple[list[Tenure], str] | None:
    """The tenures whose title stands right before ``start``, and how: "elect", "former" or "plain"."""
    run = words_before(text[max(0, start - 90):start])
    if run is None:
        return None
    words = run.split()
    for k in range(1, len(words) + 1):
        phrase = " ".join(words[-k:])
        elect = bool(ELECT_END.search(phrase))
        key = office(ELECT_END.sub("", phrase))
        found = [t for t in tenures if office(t.title) == key]
        if found:
            before = {w.lower().strip(".-") for w in words[max(0, len(words) - k - 2):len(words) - k]}
            head = words[-k].lower()
            how = "elect" if elect else "former" if before & PAST_WORDS or head.startswith(("ex-", "then-")) \
                else "plain"
            return found, how
    return None


def words_before(s: str) -> str | None:
    """What ``WORDS_BEFORE.search(s)`` matches: up to six words, each followed by spaces, that end ``s``."""
    if s.endswith("\n"):
        s = s[:-1]  # "$" also matches before a final newline
    m = WORDS_BEFORE_REVERSED.match(s[::-1])
    return s[len(s) - m.end():] if m else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def role_clues(doc: Doc, actors: list[Actor], out: Clues) -> None:
    """Clues from the titles people are named with, in the body and the zones."""
    kb = load_kb()
    k = out.weights
    views = [DocView(doc, "role"), *(DocView(z, "role") for z in doc.zones)]
    done: set[tuple[str, str, str]] = set()
    mentions = [(actor.id, m.start, m.end) for actor in actors if actor.kind == "person" and actor.id in kb.people
                for m in actor.mentions]
    named = {pid for pid, _, _ in mentions}
    mentions += [(pid, a, b) for pid, a, b in titled_surnames(doc) if pid not in named]
    for pid, a, b in mentions:
        hit = title_before(doc.text, a, kb.people[pid].tenures)
        if hit is None:
            continue
        view = next((v for v in views[1:] if v.doc.meta.body_start <= a < v.doc.meta.body_end), views[0])
        tense = view.tense(a, b)
        tenures, how = hit
        for t in tenures:
            key = (pid, t.start, how if how != "plain" else tense or "present")
            if key in done:
                continue
            done.add(key)
            start, end = dt.date.fromisoformat(t.start), _day(t.end)
            text = doc.text[a:b]
            if how == "elect":
                out.add(a, b, text, "role", start - k.elect * DAYS, start - DAYS, k.role)
            elif how == "former":
                if end:
                    out.add(a, b, text, "role", end, None, k.role_past)
            elif tense == "past":
                out.add(a, b, text, "role", start, None, k.role_past)
                out.add(a, b, text, "role", start, end, k.role_past)
            else:
                out.add(a, b, text, "role", start, end and end + k.role_after * DAYS, k.role)
    bare_elect(doc, actors, out)


def titled_surnames(doc: Doc) -> list[tuple[str, int, int]]:
    """(person id, start, end) for a surname the knowledge base holds, where the actors stage named nobody:
    "President Bush" in an undated text could be either Bush, so each is tried and the title's tenure votes
    (the other clues choose between them; a title that neither held votes for none)."""
    table = load_kb().surnames()
    out: list[tuple[str, int, int]] = []
    for m in SURNAME.finditer(doc.masked, doc.meta.body_start, doc.meta.body_end):
        out.extend((pid, m.start(), m.end()) for pid in table.get(m.group(0), ()))
    return out


def bare_elect(doc: Doc, actors: list[Actor], out: Clues) -> None:
    """"As president-elect, ...": the weeks before each tenure of that office held by someone named here."""
    kb = load_kb()
    k = out.weights
    for m in scan_of(doc.masked, doc.meta.body_start, doc.meta.body_end).finditer(ELECT):
        key = office(m.group(1))
        for actor in actors:
            person = kb.people.get(actor.id)
            for t in person.tenures if person else ():
                if office(t.title) == key:
                    start = dt.date.fromisoformat(t.start)
                    out.add(m.start(), m.end(), m.group(0), "role", start - k.elect * DAYS, start - DAYS, k.role)
