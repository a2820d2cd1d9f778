"""Cross-validation of the cue lexicon's thresholds over PolNeAR's train compartment (dev never seen).

    python bench/polnear_cv.py [--folds 5] [--grid]

Articles are split into folds by a fixed seed; for each fold the lexicon (cue rates, source nouns) is
harvested from the other folds only and the quotes stage is scored on the held-out fold with the
definitions of ../shared/eval/polnear.py. Reports speaker-right recall and precision summed over the
held-out folds, for the shipped thresholds or (``--grid``) for each setting of the grid.
"""

from __future__ import annotations

import argparse
import random
import sys
from itertools import product
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "train"))

from harvest_cues import counts, source_heads  # noqa: E402
from polnear_breakdown import parsed, score  # noqa: E402

from detente.extract.quotes import cues, indirect  # noqa: E402

SEED = 14


def folds(n: int, k: int) -> list[list[int]]:
    idx = list(range(n))
    random.Random(SEED).shuffle(idx)
    return [sorted(idx[f::k]) for f in range(k)]


def cross_validate(data: list[Any], k: int, min_cues: int, min_rate: float, min_sources: int) -> dict[str, float]:
    tot = {"gold": 0, "right": 0, "found": 0, "sys": 0, "sys_in": 0}
    for held in folds(len(data), k):
        held_set = set(held)
        train = [x for i, x in enumerate(data) if i not in held_set]
        cue, total = counts(train)
        table = {lemma: (cue[lemma], total[lemma]) for lemma in cue}
        lexicon = cues.select(table, min_cues, min_rate)
        heads = source_heads(train)
        nouns = frozenset(x for x, c in heads.items() if c >= min_sources)
        with mock.patch.object(indirect, "cue_lemmas", lambda lexicon=lexicon: lexicon), \
                mock.patch.object(indirect, "source_nouns", lambda nouns=nouns: nouns):
            s = score([data[i] for i in held])
        for key in tot:
            tot[key] += s[key]
    return {"recall": tot["right"] / max(tot["gold"], 1), "found": tot["found"] / max(tot["gold"], 1),
            "precision": tot["sys_in"] / max(tot["sys"], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--rates", default="0.3,0.4,0.5,0.6", help="grid of MIN_RATE values")
    ap.add_argument("--counts", default="3,5,10", help="grid of MIN_CUES values")
    ap.add_argument("--sources", default="1,5,20", help="grid of MIN_SOURCES values")
    a = ap.parse_args()
    data = parsed("train", None)
    def nums(text: str) -> list[float]:
        return [float(x) for x in text.split(",")]
    grid = product([int(x) for x in nums(a.counts)], nums(a.rates), [int(x) for x in nums(a.sources)]) if a.grid else \
        [(cues.MIN_CUES, cues.MIN_RATE, cues.MIN_SOURCES)]
    for mc, mr, ms in grid:
        r = cross_validate(data, a.folds, mc, mr, ms)
        print(f"min_cues {mc} min_rate {mr} min_sources {ms}: speaker right {r['recall']:.3f} "
              f"found {r['found']:.3f} P {r['precision']:.3f}", flush=True)


if __name__ == "__main__":
    main()
