"""spaCy's two rule components, attribute_ruler and the rule lemmatizer, run as table lookups.

Both are pure functions of a few token attributes, but spaCy evaluates them token by token in Python (the
ruler through its Matcher, ~9% of the small model's time on news; the lemmatizer through a Token object per
word). Here the same patterns and the same lemmatizer are asked once per distinct input and the answers are
written back as columns, so the annotations are those of the model, bit for bit (tests/test_rule_tables.py
compares every token on real news), in a fraction of the time.

The ruler's patterns are read from the loaded component, never copied: a pattern this module cannot evaluate
(an operator, an attribute it does not read) leaves the model's own component in place.
"""

# No "from __future__ import annotations": spaCy validates a factory's argument types at run time.
import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language

READ = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}  # what a pattern may test
KEY = tuple(READ.values())  # one token's inputs to every pattern, in this order
WRITE = (POS, MORPH, LEMMA, TAG, DEP)  # what a pattern may set
KEPT = 200_000  # answers remembered per table, then forgotten at once: a long run meets ever new words


class Unsupported(ValueError):
    """A pattern outside what the table evaluates (the model's component then stays)."""


class _Specs:
    """Every token pattern of the ruler, indexed per attribute, so that the patterns a token satisfies are
    found from one lookup per attribute value (and remembered per value), not by trying each pattern."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.n = 0
        self.free: list[set[int]] = [set() for _ in KEY]  # specs with no test on the attribute
        self.equal: list[dict[int, set[int]]] = [{} for _ in KEY]  # value -> specs that want it (== or IN)
        self.other: list[list[tuple[int, Callable[[int], bool]]]] = [[] for _ in KEY]  # NOT_IN, REGEX
        self.passing: list[dict[int, frozenset[int]]] = [{} for _ in KEY]

    def add(self, spec: dict[str, Any]) -> int:
        sid, self.n = self.n, self.n + 1
        strings = self.vocab.strings
        for k, name in enumerate(READ):
            if name not in spec:
                self.free[k].add(sid)
                continue
            want = spec[name]
            if name == "IS_SPACE":
                if not isinstance(want, bool):
                    raise Unsupported("IS_SPACE with an operator")
                self.equal[k].setdefault(int(want), set()).add(sid)
            elif isinstance(want, str):
                self.equal[k].setdefault(strings.add(want), set()).add(sid)
            elif isinstance(want, dict) and len(want) == 1:
                ((op, arg),) = want.items()
                if op == "IN":
                    for value in arg:
                        self.equal[k].setdefault(strings.add(value), set()).add(sid)
                elif op == "NOT_IN":
                    self.other[k].append((sid, _not_in(frozenset(strings.add(value) for value in arg))))
                elif op == "REGEX":
                    self.other[k].append((sid, _search(re.compile(arg), strings)))
                else:
                    raise Unsupported(f"operator {op}")
            else:
                raise Unsupported(f"value {want!r}")
        unknown = set(spec) - READ.keys()
        if unknown:
            raise Unsupported(f"attributes {sorted(unknown)}")
        return sid

    def forget(self) -> None:
        for seen in self.passing:
            seen.clear()

    def satisfied(self, key: tuple[int, ...]) -> frozenset[int]:
        """The specs a token with these KEY values satisfies."""
        result: frozenset[int] | None = None
        for k, value in enumerate(key):
            seen = self.passing[k]
            ok = seen.get(value)
            if ok is None:
                ok = seen[value] = frozenset(self.free[k] | self.equal[k].get(value, set())
                                             | {sid for sid, test in self.other[k] if test(value)})
            result = ok if result is None else result & ok
        return result or frozenset()


def _not_in(hashes: frozenset[int]) -> Callable[[int], bool]:
    return lambda h: h not in hashes


def _search(rx: re.Pattern[str], strings: Any) -> Callable[[int], bool]:
    return lambda h: bool(rx.search(strings[h]))


class AttributeTable:
    """attribute_ruler's matches, found per distinct token KEY instead of by the Matcher.

    Semantics kept from spaCy: every pattern is matched on the tags and arcs as the parser left them, then the
    matches are applied in the order (pattern group, start), each setting its attributes on the token at its
    index; so a token's final value of an attribute is the one of the last match that sets it."""

    def __init__(self, ruler: Any) -> None:
        self.specs = _Specs(ruler.vocab)
        self.groups: list[dict[int, int]] = []  # group -> {column of WRITE: value}
        self.single_group: dict[int, int] = {}  # one-token spec -> its group
        self.multis: list[tuple[int, list[int], int]] = []  # (group, specs, index of the token set)
        self.first: dict[int, int] = {}  # a multi pattern's first spec -> the pattern
        for g, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            if any(a not in WRITE for a in attrs):
                raise Unsupported(f"sets {sorted(attrs)}")
            self.groups.append({WRITE.index(a): v for a, v in attrs.items()})
            for pattern in ruler.matcher.get(str(g))[1]:
                sids = [self.specs.add(spec) for spec in pattern]
                if len(sids) == 1 and index in (0, -1):
                    self.single_group[sids[0]] = g
                    continue
                at = index if index >= 0 else len(sids) + index
                if not 0 <= at < len(sids):
                    raise Unsupported(f"index {index} of a {len(sids)}-token pattern")
                self.first[sids[0]] = len(self.multis)
                self.multis.append((g, sids, at))
        # KEY -> (the specs it satisfies, the one-token groups it matches in order, their merged attributes)
        self.seen: dict[tuple[int, ...], tuple[frozenset[int], tuple[int, ...], dict[int, int]]] = {}

    def _learn(self, key: tuple[int, ...]) -> tuple[frozenset[int], tuple[int, ...], dict[int, int]]:
        sat = self.specs.satisfied(key)
        groups = tuple(sorted({self.single_group[s] for s in sat if s in self.single_group}))
        merged: dict[int, int] = {}
        for g in groups:
            merged.update(self.groups[g])
        self.seen[key] = found = (sat, groups, merged)
        return found

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        # Each distinct KEY row once (numpy finds them), its answer spread back to the tokens as columns.
        rows, inverse = numpy.unique(doc.to_array(list(KEY)), axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        if len(self.seen) > KEPT:
            self.seen.clear()
            self.specs.forget()
        seen, learn = self.seen, self._learn
        found = [seen.get(k) or learn(k) for k in map(tuple, rows.tolist())]
        cols = doc.to_array(list(WRITE))
        for c in range(len(WRITE)):
            has = numpy.array([c in f[2] for f in found])
            if has.any():
                values = numpy.array([f[2].get(c, 0) for f in found], dtype=cols.dtype)
                cols[:, c] = numpy.where(has[inverse], values[inverse], cols[:, c])
        if self.first:
            for i, merged in self._longer(found, inverse).items():
                for c, value in merged.items():
                    cols[i, c] = value
        doc.from_array(list(WRITE), cols)
        return doc

    def _longer(self, found: list[Any], inverse: Any) -> dict[int, dict[int, int]]:
        """Matches of the patterns longer than one token: token -> its attributes, all its matches in order."""
        n = len(inverse)
        starts = numpy.array([bool(f[0] & self.first.keys()) for f in found])[inverse].nonzero()[0].tolist()
        extra: dict[int, list[tuple[int, int]]] = {}
        for s in starts:
            for sid in found[inverse[s]][0] & self.first.keys():
                g, sids, at = self.multis[self.first[sid]]
                if s + len(sids) <= n and all(sids[q] in found[inverse[s + q]][0] for q in range(1, len(sids))):
                    extra.setdefault(s + at, []).append((g, s))
        out = {}
        for i, matches in extra.items():
            merged: dict[int, int] = {}
            for g, _ in sorted({*((h, i) for h in found[inverse[i]][1]), *matches}):
                merged.update(self.groups[g])
            out[i] = merged
        return out


class LemmaTable:
    """The rule lemmatizer (no overwrite): a token's lemma is a function of its ORTH, POS and MORPH, so each
    distinct triple is lemmatized once, by the model's own lemmatizer, and looked up afterwards."""

    def __init__(self, lemmatizer: Any) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode!r}, overwrite {lemmatizer.overwrite}")
        lemmatizer._validate_tables()
        # The index of known words per part of speech is a list, and each candidate form is looked up in it
        # (a scan of up to 57,000 nouns): the same words as a set answer the same, at once.
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            if isinstance(words, list):
                index[pos] = frozenset(words)
        self.lemmatizer = lemmatizer
        self.seen: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = (cols[:, 3] == 0).nonzero()[0]  # a lemma the ruler set stays
        if not len(todo):
            return doc
        rows, first, inverse = numpy.unique(cols[todo, :3], axis=0, return_index=True, return_inverse=True)
        if len(self.seen) > KEPT:
            self.seen.clear()
            self.lemmatizer.cache.clear()  # spaCy's own cache of the forms it derived grows as ours does
        seen, strings, lemmatize = self.seen, doc.vocab.strings, self.lemmatizer.lemmatize
        lemmas = []
        for key, at in zip(map(tuple, rows.tolist()), first.tolist(), strict=True):
            lemma = seen.get(key)
            if lemma is None:
                lemma = seen[key] = strings.add(lemmatize(doc[int(todo[at])])[0])
            lemmas.append(lemma)
        cols[todo, 3] = numpy.array(lemmas, dtype=cols.dtype)[inverse.reshape(-1)]
        doc.from_array([LEMMA], cols[:, 3:4].copy())
        return doc


@Language.factory("detente_attribute_table")
def _make_attribute_table(nlp: Language, name: str) -> Callable[[Any], Any]:
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


@Language.factory("detente_lemma_table")
def _make_lemma_table(nlp: Language, name: str) -> Callable[[Any], Any]:
    return LemmaTable(nlp.get_pipe("lemmatizer"))


def use_tables(nlp: Language) -> list[str]:
    """Swap the model's attribute_ruler and lemmatizer for their tables, where their set-up allows; the
    names swapped. The tables are built from the components they replace."""
    swapped = []
    for name, factory in (("attribute_ruler", "detente_attribute_table"), ("lemmatizer", "detente_lemma_table")):
        if name not in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(factory, name=f"{name}_table", after=name)
        except Unsupported:
            continue
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_table", name)
        swapped.append(name)
    return swapped
