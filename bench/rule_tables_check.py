"""The rule tables against the model's own components, on every PolNeAR text and the seeds: token for token.

    python bench/rule_tables_check.py            # all 924 PolNeAR articles and the seeds (about 3 min)
    python bench/rule_tables_check.py --n 100    # the first 100

Loads the model twice, once as shipped and once with ``detente.nlp.rule_tables.use_tables``, runs both over
the same texts with the same batch size, and compares each token's ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD
and entity columns (and the morphology and lemma strings). Prints the counts and both timings; exits 1 on any
difference. PolNeAR texts are read from ../shared for this check only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spacy  # noqa: E402
from ingest_real import polnear_texts  # noqa: E402
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG  # noqa: E402

from detente.nlp.rule_tables import use_tables  # noqa: E402
from detente.settings import DEFAULT  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
COLUMNS = [ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="PolNeAR articles at most (default: all)")
    a = ap.parse_args()
    texts = polnear_texts(a.n) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    model, tables = spacy.load(DEFAULT.model), spacy.load(DEFAULT.model)
    swapped = use_tables(tables)
    t0 = time.perf_counter()
    want = list(model.pipe(texts, batch_size=DEFAULT.batch_size))
    t1 = time.perf_counter()
    got = list(tables.pipe(texts, batch_size=DEFAULT.batch_size))
    t2 = time.perf_counter()
    tokens = differing = 0
    for x, y in zip(want, got, strict=True):
        tokens += len(x)
        same = x.to_array(COLUMNS).tolist() == y.to_array(COLUMNS).tolist() and \
            [(str(t.morph), t.lemma_) for t in x] == [(str(t.morph), t.lemma_) for t in y]
        differing += not same
    print(f"swapped {swapped}; {len(texts)} texts, {tokens:,} tokens, {differing} texts differ; "
          f"model as shipped {t1 - t0:.1f} s, with the tables {t2 - t1:.1f} s (first pass each)")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
