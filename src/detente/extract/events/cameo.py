"""The field's verb dictionary on the dependency parse: PETRARCH-2's CAMEO verbs and patterns as PLOVER.

``data/cameo_plover.tsv`` (compiled by ``train/compile_cameo.py``; MIT, see its header) maps ~1,800 verbs
to a block with a default PLOVER type and ~3,700 patterns: words that must stand around the verb (its
objects, particles, prepositions: "pledged *aid*", "pressed *for*", "stepped *up* *patrols*") with their own
type. ``match(tree, i)`` gives a verb token's candidates: the block's default and every pattern whose
slots are all found in the verb's own clause, the longest (most specific) first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from detente.extract.events.tree import Tree
from detente.tsv import read_tsv

# Clauses of their own: a pattern's words are looked for in the verb's clause, not in these.
OTHER_CLAUSES = frozenset(("ccomp", "advcl", "conj", "relcl", "parataxis", "csubj", "cc", "punct", "mark"))


@dataclass(frozen=True)
class Coded:
    """One reading of a verb: the PLOVER type (and mode, context) a dictionary entry gives it."""

    type: str
    mode: str | None
    context: str | None
    words: int  # slots matched: 0 for the block's default


Slots = tuple[frozenset[str], ...]  # the words a pattern needs, one set of alternatives per slot


class Entry(NamedTuple):
    """A verb form's place in one CAMEO block, with the block's patterns at hand."""

    particle: tuple[str, ...]  # words the verb needs in its clause ("step up")
    default: Coded | None
    patterns: tuple[tuple[Slots, Coded], ...]  # most specific first
    # word of a pattern's first slot -> the pattern's positions: a verb's clause then meets only the
    # patterns that can match it, not the block's hundreds
    by_word: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Table:
    verbs: dict[str, tuple[Entry, ...]]  # lemma or form -> its entries, one per block


@functools.cache
def table() -> Table:
    synsets: dict[str, set[str]] = {}
    verbs: dict[str, list] = {}
    raw_patterns: list[tuple[str, str, Coded]] = []
    rows = read_tsv("detente.extract.events", "data/cameo_plover.tsv")
    for _, r in rows:
        if r["kind"] == "synset":
            synsets.setdefault(r["block"], set()).add(r["words"].split()[-1])
    for _, r in rows:
        coded = Coded(r["type"], r["mode"] or None, r["context"] or None, 0) if r["type"] else None
        if r["kind"] == "verb":
            words = r["words"].split()
            for form in [words[0], *r["forms"].split()]:
                verbs.setdefault(form, []).append((r["block"], tuple(words[1:]), coded))
        elif r["kind"] == "pattern" and coded is not None:
            raw_patterns.append((r["block"], r["words"], coded))
    patterns: dict[str, list] = {}
    for block, spec, reading in raw_patterns:
        slots = tuple(frozenset(synsets.get(w[1:], ())) if w.startswith("&") else frozenset((w.split()[-1],))
                      for w in spec.split())
        if all(slots):
            patterns.setdefault(block, []).append((slots, Coded(reading.type, reading.mode, reading.context,
                                                                len(slots))))
    ordered = {k: tuple(sorted(v, key=lambda p: -p[1].words)) for k, v in patterns.items()}
    by_word: dict[str, dict[str, tuple[int, ...]]] = {}
    for block, pats in ordered.items():
        index: dict[str, list[int]] = {}
        for n, (slots, _) in enumerate(pats):
            for w in slots[0]:
                index.setdefault(w, []).append(n)
        by_word[block] = {w: tuple(ns) for w, ns in index.items()}
    return Table({k: tuple(Entry(particle, default, ordered.get(block, ()), by_word.get(block, {}))
                           for block, particle, default in v) for k, v in verbs.items()})


def clause_words(tree: Tree, i: int) -> set[str]:
    """Lemmas and lower-cased forms of the verb's own clause (without embedded clauses)."""
    out: set[str] = set()
    children, dep, lemma, lower = tree.children, tree.dep, tree.lemma, tree.lower
    stack = [c for c in children[i] if dep[c] not in OTHER_CLAUSES]
    while stack:
        j = stack.pop()
        out.add(lemma[j])
        out.add(lower[j])
        if children[j]:
            stack += [c for c in children[j] if dep[c] not in OTHER_CLAUSES]
    return out


def match(tree: Tree, i: int) -> list[Coded]:
    """Every dictionary reading of token i as a verb: matched patterns (most specific first), then the
    defaults of its blocks. Empty when the lemma is not in the dictionary. Kept per tree: the typer asks
    twice for each verb."""
    key = ("cameo", i)
    if key not in tree.memo:
        tree.memo[key] = readings(tree, i)
    return list(tree.memo[key])  # type: ignore[call-overload]


def readings(tree: Tree, i: int) -> list[Coded]:
    tab = table()
    entries = tab.verbs.get(tree.lemma[i]) or tab.verbs.get(tree.lower[i])
    if not entries:
        return []
    words = clause_words(tree, i)
    found: list[Coded] = []
    defaults: list[Coded] = []
    for particle, default, pats, index in entries:
        if particle and not all(p in words for p in particle):
            continue
        hits = words & index.keys() if index else ()
        for n in sorted({n for w in hits for n in index[w]}) if hits else ():
            slots, coded = pats[n]
            if all(slot & words for slot in slots[1:]):
                found.append(coded)
        if default is not None:
            defaults.append(default)
    if len(found) > 1:
        found.sort(key=lambda c: -c.words)
    return found + defaults
