"""A compiled gazetteer over the knowledge base: every surface form -> (actor id, how it names it).

Matching walks a trie of the forms (a dict per character) from each place a form may start, with word
boundaries that still split "U.S.-Japanese" into "U.S." + "Japanese". It finds what one trie-shaped regex over
all forms found, the longest form whose end passes the boundary test, without compiling that 35,000-character
pattern at start-up (a quarter of a second per process). ``trie_pattern`` still builds such regexes for the
smaller tables (``places``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from detente.kb.knowledge import KB, load_kb
from detente.kb.recent import Recent

APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def norm(surface: str) -> str:
    return " ".join(surface.translate(APOSTROPHES).split())


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    # (actor id, how): how in name|alias|demonym|capital|contextual:<needed id>|igo|person
    targets: tuple[tuple[str, str], ...]


def trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


# What must follow a form's end (and, in build, precede its start): the boundaries of the regex this replaces.
AFTER = re.compile(r"(?![\w])(?!['’]\w\w)")
END = ""  # a trie node's key for "a form ends here" (every other key is one character)


@dataclass
class Gazetteer:
    index: dict[str, list[tuple[str, str]]]
    trie: dict[str, Any]
    starts: re.Pattern[str]  # where a form may start: its first two characters, after the boundary
    # The actors stage and the events stage scan the same text: keep the last few answers, newest first.
    _recent: Recent[Hit] = field(default_factory=Recent, repr=False, compare=False)

    def scan(self, text: str) -> list[Hit]:
        """All matches at every position (overlapping ones too), then longest-first without overlaps: "the
        South Korean government" yields "South Korean", not the contextual "the South"."""
        return self._recent.get(text, self._scan)

    def _scan(self, text: str) -> list[Hit]:
        found = []
        size = len(text)
        trie = self.trie
        for m in self.starts.finditer(text):
            start = m.start()
            j = start + 2  # the two characters the start pattern matched are a prefix of some form
            node = trie[text[start]][text[start + 1]]
            ends = [j] if END in node else []
            while j < size:
                child = node.get(text[j])
                if child is None:
                    break
                node, j = child, j + 1
                if END in node:
                    ends.append(j)
            if not ends:
                continue
            # The longest form that passes the test after it, as the regex's backtracking chose.
            end = next((e for e in reversed(ends) if AFTER.match(text, e)), None)
            if end is None:
                continue
            surface = text[start:end]
            key = norm(surface)  # "The White House" at a sentence start is indexed as "the ..."
            targets = self.index.get(key) or self.index.get("the " + key[4:] if key.startswith("The ") else key)
            if targets:
                found.append(Hit(start, end, surface, tuple(targets)))
        found.sort(key=lambda h: (-(h.end - h.start), h.start))
        chosen: list[Hit] = []
        for h in found:
            if not any(h.start < c.end and c.start < h.end for c in chosen):
                chosen.append(h)
        return sorted(chosen, key=lambda h: h.start)


def variants(form: str) -> set[str]:
    out = {form, form.replace("'", "’")}
    if form.startswith("the "):
        out |= {"The " + form[4:], ("The " + form[4:]).replace("'", "’")}
    return out


@functools.cache
def load_gazetteer() -> Gazetteer:
    return build(load_kb())


def build(kb: KB) -> Gazetteer:
    index: dict[str, list[tuple[str, str]]] = {}

    def add(form: str, target: tuple[str, str]) -> None:
        form = form.strip()
        if len(form) < 2 or not form[0].isupper() and not form.startswith("the "):
            return
        key = norm(form)
        index.setdefault(key, [])
        if target not in index[key]:
            index[key].append(target)

    for s in kb.states.values():
        add(s.name, (s.id, "name"))
        for a in s.aliases:
            add(a, (s.id, "alias"))
        for d in s.demonyms:
            add(d, (s.id, "demonym"))
        for c in s.capitals:
            add(c, (s.id, "capital"))
        for alias, needs in s.contextual:
            add(alias, (s.id, f"contextual:{needs}"))
    for g in kb.igos.values():
        add(g.name, (g.id, "igo"))
        for a in g.aliases:
            add(a, (g.id, "igo"))
    for p in kb.people.values():
        add(p.name, (p.id, "person"))
        for a in p.aliases:
            add(a, (p.id, "person"))
    forms = sorted({v for k in index for v in variants(k)})
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[END] = True
    # A form must not start inside a word, nor end before a letter/digit ("Japanese" is not "Japan"+"ese").
    # Candidates by a form's first two characters, then the boundary before them: a regex that opens with what
    # it consumes lets the engine skip ahead, which the lookbehind first would not (four times faster).
    starts = trie_pattern(sorted({f[:2] for f in forms})) + r"(?<![\w.’'-]..)" if forms else "(?!)"
    return Gazetteer(index=index, trie=trie, starts=re.compile(starts, re.S))
