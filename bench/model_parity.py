"""What load_model changes in the model, against the model as shipped, on every PolNeAR text and the seeds.

    python bench/model_parity.py                 # all 924 PolNeAR articles and the seeds (about 5 min)
    python bench/model_parity.py --n 100         # the first 100

Two changes, each compared on its own with the model as shipped (BLIS products, spaCy's rule components):
``tables`` (``detente.nlp.rule_tables.use_tables``: the two rule components as lookups) and ``openblas``
(``detente.nlp.matmul``: the layers' products on numpy's OpenBLAS, one thread). Each runs over the same texts
with the same batch size; each token's ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD and entity columns (and the
morphology and lemma strings) are compared. Prints the counts and the timings (first pass each); exits 1 on
any difference. PolNeAR texts are read from ../shared for this check only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spacy  # noqa: E402
from ingest_real import polnear_texts  # noqa: E402
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG  # noqa: E402

from detente.nlp.matmul import one_blas_thread, openblas_ops  # noqa: E402
from detente.nlp.rule_tables import use_tables  # noqa: E402
from detente.settings import DEFAULT  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
COLUMNS = [ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]


def with_tables() -> Any:
    nlp = spacy.load(DEFAULT.model)
    use_tables(nlp)
    return nlp


def with_openblas() -> Any:
    with openblas_ops():
        return spacy.load(DEFAULT.model)


CHANGES = {"tables": with_tables, "openblas": with_openblas}


def annotations(nlp: Any, texts: list[str]) -> tuple[list[tuple[Any, ...]], float]:
    t0 = time.perf_counter()
    out = [(d.to_array(COLUMNS).tolist(), [(str(t.morph), t.lemma_) for t in d])
           for d in nlp.pipe(texts, batch_size=DEFAULT.batch_size)]
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="PolNeAR articles at most (default: all)")
    ap.add_argument("--change", choices=[*CHANGES, "all"], default="all")
    a = ap.parse_args()
    one_blas_thread()  # as ingest runs: the shipped model's BLIS is single-threaded anyway
    texts = polnear_texts(a.n) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    want, shipped_s = annotations(spacy.load(DEFAULT.model), texts)
    tokens = sum(len(cols) for cols, _ in want)
    print(f"{len(texts)} texts, {tokens:,} tokens; model as shipped {shipped_s:.1f} s")
    failed = 0
    for name in CHANGES if a.change == "all" else [a.change]:
        got, seconds = annotations(CHANGES[name](), texts)
        differing = sum(x != y for x, y in zip(want, got, strict=True))
        failed += differing
        print(f"  {name}: {differing} texts differ; {seconds:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
