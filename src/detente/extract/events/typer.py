"""The learned typer: which PLOVER type a trigger has in its sentence.

A multinomial logistic regression over sparse features of the trigger — its lemma, the types the CAMEO
dictionary (``cameo.py``) and our lexicon give it, the pattern that matched, its dependents and governor,
negation and modal words, and the sentence's bag of lemmas — trained by ``train/train_typer.py`` on the
synthetic PLOVER stories and the GSR half (both open; licences beside the weights). The weights ship as
``data/typer.json``; ``model()`` loads them once per process (a plain dataclass, so it pickles for Ray).
``probabilities`` are calibrated (temperature fitted on held-out folds), so a probability is a confidence.

``DETENTE_TYPER_WEIGHTS`` names another weights file: the cross-validation bench trains one per fold and
scores the held-out fold through the same ``analyze`` path.
"""

from __future__ import annotations

import functools
import json
import math
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from operator import add

from detente import vocab
from detente.extract.events.cameo import match
from detente.extract.events.lexicon import Sense
from detente.extract.events.tree import Tree
from detente.types import Doc

MODALS = frozenset("will would could may might must should can shall".split())
HEDGES = frozenset("unless if whether sceptical skeptical doubt possible possibly likely ready willing prepared "
                   "refuse fail threaten vow pledge promise agree plan intend want seek".split())
HEDGE_BAG = frozenset("s=" + w for w in HEDGES)  # the hedges as they stand in a sentence bag
BAG_POS = frozenset(("VERB", "NOUN", "ADJ", "ADP", "ADV", "PART"))
ROLES = ("dobj", "prt", "prep", "xcomp", "ccomp", "attr", "acomp", "dative", "agent", "advcl", "oprd", "nsubjpass")


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    weights: dict[str, Sequence[float]]  # feature -> one weight per class
    bias: tuple[float, ...]
    temperature: float

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        z: Iterable[float] = self.bias
        for w in filter(None, map(self.weights.get, feats)):  # the known features, in order
            z = list(map(add, z, w))  # one weight per class (from_json checks the lengths)
        z = list(z)
        top, t = max(z), self.temperature
        e = [math.exp((v - top) / t) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}


def from_json(text: str) -> Model:
    data = json.loads(text)
    if any(len(w) != len(data["classes"]) for w in [data["bias"], *data["weights"].values()]):
        raise ValueError("typer weights: every weight row needs one value per class")
    # each row one packed array: tuples of boxed floats scatter across memory, and the rows are read cold
    return Model(tuple(data["classes"]), {f: array("d", w) for f, w in data["weights"].items()}, tuple(data["bias"]),
                 float(data["temperature"]))


@functools.cache
def model() -> Model:
    path = os.environ.get("DETENTE_TYPER_WEIGHTS")
    if path:
        with open(path, encoding="utf-8") as f:
            return from_json(f.read())
    return from_json(resources.files("detente.extract.events").joinpath("data/typer.json").read_text("utf-8"))


def sentence_bag(doc: Doc, sent: int, lemmas: list[str] | None = None) -> list[str]:
    """The sentence's content lemmas (once each), the context every trigger in it shares (``lemmas``: the
    lower-cased lemmas of the doc's tokens, where the caller has them)."""
    lo, hi = doc.sentences[sent].token_start, doc.sentences[sent].token_end
    toks = doc.tokens[lo:hi]
    low = lemmas[lo:hi] if lemmas is not None else [t.lemma.lower() for t in toks]
    words = {w for t, w in zip(toks, low, strict=True) if t.pos in BAG_POS or w in MODALS}
    return sorted("s=" + w for w in words)


def features(tree: Tree, i: int, lexicon: str | None, bag: list[str]) -> list[str]:
    """The sparse features of token i as a trigger (``lexicon``: the type our own lexicon gives it)."""
    t = tree.tok(i)
    lemma = t.lemma.lower()
    out = ["w=" + lemma, "pos=" + ("V" if tree.is_verb(i) else "N"), "lex=" + (lexicon or "-")]
    coded = match(tree, i) if tree.is_verb(i) else []
    for n, reading in enumerate(coded):
        if reading.words:
            out.append("pat=" + reading.type)
            if n == 0:
                out.append("pat1=" + reading.type)
        else:
            out.append("def=" + reading.type)
    if not coded:
        out.append("nocameo")
    for c in tree.children[i]:
        k = tree.tok(c)
        if k.dep == "neg":
            out.append("neg")
        elif k.dep in ("aux", "auxpass") and k.lemma.lower() in MODALS:
            out.append("aux=" + k.lemma.lower())
        elif k.dep in ROLES:
            out.append(f"{k.dep}={k.lemma.lower()}")
            out.extend(f"{k.text.lower()}:{tree.tok(o).lemma.lower()}" for o in tree.kids(c, "pobj"))
    h = tree.head(i)
    if h is not None:
        out += [f"h={tree.tok(h).lemma.lower()}", f"hd={t.dep}:{tree.tok(h).lemma.lower()}"]
        if any(tree.tok(c).dep == "neg" for c in tree.children[h]):
            out.append("hneg")
    else:
        out.append("root")
    out += ["hedge=" + b[2:] for b in bag if b in HEDGE_BAG]
    return out + bag


# Below these calibrated probabilities a rule's reading stands, and a verb only the dictionary knows is no event.
RETYPE = 0.6
KEEP = 0.2  # a rule reading the typer gives this much stands
ADD = 0.3
RECIPROCAL = frozenset(("CONSULT", "COOPERATE", "AGREE", "SUPPORT"))
# PLOVER codes a stated intention as AGREE / THREATEN and a refused cooperation as REJECT; we keep the act
# with its status and add the coded reading beside it ("coded": the statement or the refusal happened).
CODED = frozenset(("AGREE", "THREATEN", "REJECT"))


def choose(tree: Tree, i: int, rule: Sense | None, bag: list[str]) -> list[Sense]:
    """The type pass for one trigger: the typer's reading where it is sure enough, else the rule's.
    A verb without a rule reading becomes a trigger when the dictionary knows it and the typer is sure.
    Where the typer reads a stated intention or a refusal (PLOVER's coding of "will send aid" as AGREE,
    "vowed to strike" as THREATEN, "failed to agree" as REJECT) of an act the rule names, both stand: the act
    with its status, and the statement ("coded")."""
    coded = match(tree, i) if tree.is_verb(i) else []
    if rule is None and not coded:
        return []
    probs = model().probabilities(features(tree, i, rule.type if rule else None, bag))
    best = max(probs.values())
    top = max(c for c, v in probs.items() if v == best)  # the surest class; a tie goes to the later name
    p = round(probs[top], 3)
    if rule is not None and (top == rule.type or p < RETYPE or probs.get(rule.type, 0.0) >= KEEP):
        return [replace(rule, p=round(probs.get(rule.type, 0.0), 3))]
    if rule is None and p < ADD:
        return []
    known = {m for t, m in vocab.scores() if t == top and m}
    mode = next((c.mode for c in coded if c.type == top and c.mode in known), None)
    typed = Sense(top, mode, None, bool(rule and rule.reciprocal and top in RECIPROCAL), p)
    if rule is not None and top in CODED:
        return [replace(rule, p=round(probs.get(rule.type, 0.0), 3)), replace(typed, context="coded")]
    return [typed]
