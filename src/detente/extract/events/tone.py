"""The tone of one act: evaluative modifiers of its trigger shift the type's score ("that chilly meeting" is
no warm exchange)."""

from __future__ import annotations

from detente.extract.events.tree import Tree

COLD = frozenset("chilly frosty icy cold cool tense awkward acrimonious testy strained hostile grim".split())
WARM = frozenset("warm warmer cordial friendly productive fruitful constructive amicable".split())


def toned(score: float | None, tree: Tree, i: int) -> float | None:
    if score is None:
        return None
    mods = {tree.tok(k).lemma.lower() for k in tree.children[i] if tree.tok(k).dep in ("amod", "advmod")}
    mods |= {tree.tok(k).text.lower() for k in tree.children[i]}
    if mods & COLD:
        return round(min(score, 0.0) - 1.0, 2)
    if mods & WARM and score > 0:
        return round(score + 1.0, 2)
    return score
