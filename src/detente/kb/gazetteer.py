"""A compiled gazetteer over the knowledge base: every surface form -> (actor id, how it names it).

Matching uses one trie-shaped regex (fast: each text position walks the trie once, instead of trying
thousands of alternatives) with word boundaries that still split "U.S.-Japanese" into "U.S." + "Japanese".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from detente.kb.knowledge import KB, load_kb

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


@dataclass
class Gazetteer:
    index: dict[str, list[tuple[str, str]]]
    regex: re.Pattern[str]

    def scan(self, text: str) -> list[Hit]:
        """All matches at every position (a lookahead finds overlapping ones), then longest-first without
        overlaps: "the South Korean government" yields "South Korean", not the contextual "the South"."""
        found = []
        for m in self.regex.finditer(text):
            start, end = m.start(), m.start() + len(m.group(1))
            key = norm(m.group(1))  # "The White House" at a sentence start is indexed as "the ..."
            targets = self.index.get(key) or self.index.get("the " + key[4:] if key.startswith("The ") else key)
            if targets:
                found.append(Hit(start, end, m.group(1), tuple(targets)))
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
    forms = sorted({v for k in index for v in variants(k)}, key=len, reverse=True)
    # A form must not start inside a word, nor end before a letter/digit ("Japanese" is not "Japan"+"ese").
    pattern = r"(?<![\w.’'-])(?=(" + trie_pattern(forms) + r")(?![\w])(?!['’]\w\w))"
    return Gazetteer(index=index, regex=re.compile(pattern))
