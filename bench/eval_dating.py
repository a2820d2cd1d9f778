"""Publication-date inference on TimeBank with the creation time stripped, cross-validated.

    .venv/bin/python bench/eval_dating.py [--folds 5] [--show FILE...] [TIMEBANK_DIR]

Reads each TimeML file's text with no date, parses it once (cached under /tmp/detente-dating/), runs the
actors and dating stages, and scores the window as ``../shared/eval/dateinfer.py`` does (right: the window
holds the true date and spans at most 62 days, or the month or day given is right). With ``--folds K`` it
tunes the clue weights (``detente.extract.time.clues.Weights``) on K-1 folds by a small grid and scores the
fold left out, so the figure it prints is one nobody tuned on; it also prints the figure of the defaults.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from timebank_gold import read_gold  # bench/timebank_gold.py, beside this script

from detente.extract.actors import stage as actors_stage
from detente.extract.time import clues as clue_module
from detente.extract.time.clues import DEFAULT, Clues, Weights
from detente.extract.time.dating import date_article, find_clues
from detente.extract.time.window import DEFAULT_RULE, Rule, best_window, precision_of
from detente.nlp import parse as annotate
from detente.read import clean
from detente.read.article import make_article
from detente.settings import DEFAULT as SETTINGS
from detente.types import Result

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"
CACHE = Path("/tmp/detente-dating")
# The actors found depend on the knowledge base: a cached parse is reused only with the same tables.
KB_STAMP = "".join(hashlib.sha256(f.read_bytes()).hexdigest() for f in
                   sorted((Path(__file__).resolve().parents[1] / "src/detente/kb/data").glob("*.tsv")))
GRID = {"year_after": (0.0, 0.5), "rate": (0.0, 0.5), "year_before": (0.0, 0.5), "event_open_recent": (0.0, 0.5),
        "fiscal": (0.0, 0.25)}
# How the window is chosen (``window.Rule``): strictest first, so that a tie goes to the higher bar.
RULES = [Rule(min_score=m, margin=g, width=w, slack=s) for m in (1.5, 1.0, 0.0) for g in (0.25, 0.0)
         for w, s in ((1, 0.0), (62, 0.5), (62, 1.0))]


def _spans_once(spans):
    """The candidate spans of each parsed text, found once for the whole grid (they do not depend on weights)."""
    memo: dict[int, object] = {}

    def cached(doc):
        if id(doc) not in memo:
            memo[id(doc)] = (doc, spans(doc))
        return memo[id(doc)][1]
    return cached


clue_module.candidate_spans = _spans_once(clue_module.candidate_spans)


def parsed(paths: list[Path]) -> list[tuple[str, object, list]]:
    """(true date, doc, actors) per file, parsed once and cached by content."""
    CACHE.mkdir(exist_ok=True)
    out = []
    todo = []
    for p in paths:
        gold = read_gold(p)
        key = CACHE / (hashlib.sha256((gold.text + KB_STAMP).encode()).hexdigest()[:16] + ".pkl")
        out.append((gold.dct, key))
        if not key.exists():
            todo.append((gold, key))
    if todo:
        items = []
        for gold, _ in todo:
            art = make_article(gold.text, "timebank", SETTINGS)
            meta, masked = clean(art)
            items.append((meta, art.text, masked))
        for (_, key), doc in zip(todo, annotate.parse_many(items, SETTINGS), strict=True):
            actors = actors_stage(doc, Result(meta=doc.meta, text=doc.text), None)
            key.write_bytes(pickle.dumps((doc, actors)))
    return [(dct, *pickle.loads(key.read_bytes())) for dct, key in out]


def right(meta, dct: str) -> bool:
    true = date.fromisoformat(dct)
    if meta.published_window:
        lo, hi = (date.fromisoformat(d) for d in meta.published_window)
        return lo <= true <= hi and (hi - lo).days <= 62
    return False


def score(items, weights: Weights, rules: list[Rule]) -> list[list[bool]]:
    """Per rule, per document: whether the window is right (the clues are found once per weights)."""
    out: list[list[bool]] = [[] for _ in rules]
    for dct, doc, actors in items:
        clues = find_clues(doc, actors, Clues(weights))
        true = date.fromisoformat(dct)
        for k, rule in enumerate(rules):
            w = best_window(clues, rule=rule)
            out[k].append(w is not None and precision_of(w) is not None and w.lo <= true <= w.hi
                          and (w.hi - w.lo).days <= 62)
    return out


def grid() -> list[tuple[Weights, Rule]]:
    keys = list(GRID)
    weights = [replace(DEFAULT, **dict(zip(keys, vals, strict=True))) for vals in itertools.product(*GRID.values())]
    return [(w, r) for w in weights for r in RULES]


def main(argv: list[str]) -> int:
    folder = Path(next((a for a in argv if Path(a).is_dir()), DEFAULT_DIR))
    paths = sorted(folder.glob("*.tml"))
    if not paths:
        print(f"{folder}: no .tml files; give the TimeBank folder", file=sys.stderr)
        return 2
    items = parsed(paths)
    (base,) = score(items, DEFAULT, [DEFAULT_RULE])
    given = sum(date_article(doc.meta, find_clues(doc, actors)).published_window is not None
                for _, doc, actors in items)
    print(f"defaults: a window given for {given}, right {sum(base)} of {len(items)} = {sum(base) / len(items):.3f}")
    if "--folds" in argv:
        k = int(argv[argv.index("--folds") + 1])
        folds = [list(range(i, len(items), k)) for i in range(k)]
        cands = grid()
        table = []  # per setting (weights, minimum score), per document
        for w in dict.fromkeys(w for w, _ in cands):
            table.extend(score(items, w, RULES))
        total = 0
        for f, test in enumerate(folds):
            train = [i for i in range(len(items)) if i not in set(test)]
            best = max(range(len(cands)), key=lambda c: sum(table[c][i] for i in train))
            got = sum(table[best][i] for i in test)
            total += got
            w, rule = cands[best]
            changed = {n: getattr(w, n) for n in GRID if getattr(w, n) != getattr(DEFAULT, n)}
            changed |= {n: v for n, v in vars(rule).items() if v != getattr(DEFAULT_RULE, n)}
            print(f"fold {f}: tuned {changed or 'defaults'}; held-out right {got} of {len(test)}")
        print(f"cross-validated: right {total} of {len(items)} = {total / len(items):.3f}")
    if "--show" in argv:
        names = set(argv[argv.index("--show") + 1:])
        for p, (dct, doc, actors) in zip(paths, items, strict=True):
            if p.name in names:
                clues = find_clues(doc, actors)
                meta = date_article(doc.meta, clues)
                print(f"== {p.name} true {dct} got {meta.published} {meta.published_window}")
                for c in clues:
                    print(f"   {c.why:7} {c.text[:40]!r:44} {c.lo} .. {c.hi}  w={c.weight}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
