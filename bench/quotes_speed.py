"""Speed of the quotes stage: its share of process_batch time, and quotes vs raw spaCy.

    python bench/quotes_speed.py [-n 1000] [--seed 7]

On a corpus of N articles (bench/make_corpus.py, built from the project's samples): raw spaCy
``nlp.pipe`` time on the texts; then the pipeline step by step (clean, parse, each stage) with the same
loaded model. Reports the quotes stage's share of the pipeline's time (goal < 10%) and
spaCy / (spaCy + quotes), the speed of analysing the quotes relative to raw spaCy (goal >= 0.8).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

import spacy  # noqa: E402
from make_corpus import write_corpus  # noqa: E402

from detente.nlp import load_model, parse_many  # noqa: E402
from detente.pipeline import STAGES, Resources  # noqa: E402
from detente.read import clean, read_path  # noqa: E402
from detente.types import Article, Result  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    res = Resources()
    corpus = write_corpus(Path(tempfile.mkdtemp(prefix="detente-qspeed-")), a.n, seed=a.seed)
    arts = [x for x in read_path(corpus) if isinstance(x, Article)]
    nlp = spacy.load(res.settings.model)  # raw spaCy: the model as shipped (detente's load swaps in tables)
    load_model(res.settings)
    list(nlp.pipe([x.text for x in arts[:4]]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe([x.text for x in arts], batch_size=res.settings.batch_size):
        pass
    t_spacy = time.perf_counter() - t0
    steps: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    cleaned = [clean(x) for x in arts]
    steps["clean"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(parse_many(((m, x.text, masked) for x, (m, masked) in zip(arts, cleaned, strict=True)), res.settings))
    steps["parse"] = time.perf_counter() - t0
    for doc in docs:
        result = Result(meta=doc.meta, text=doc.text)
        for st in STAGES:
            t = time.perf_counter()
            found = st.run(doc, result, res)
            steps[f"stage {st.name}"] += time.perf_counter() - t
            setattr(result, st.name, found)
            if st.amends is not None:
                result.meta = doc.meta = st.amends(result.meta, found)
    total = sum(steps.values())
    quotes = steps["stage quotes"]
    print(f"{len(arts)} articles; raw spaCy nlp.pipe {t_spacy:.1f} s; pipeline {total:.1f} s")
    for name, secs in steps.items():
        print(f"  {name:18s} {secs:7.2f} s  {secs / total:6.1%}")
    print(f"quotes share of the pipeline {quotes / total:.1%} (goal < 10%); "
          f"spaCy / (spaCy + quotes) {t_spacy / (t_spacy + quotes):.3f} (goal >= 0.8)")


if __name__ == "__main__":
    main()
