"""Where the pipeline's time goes, stage by stage, against raw spaCy on the same real news, in one process.

    python bench/stage_times.py                 # 100 PolNeAR articles
    python bench/stage_times.py --n 300 --profile events   # also a cProfile of one stage (tottime, top 30)

Texts are the first --n distinct PolNeAR articles in ../shared (read only, written nowhere). The model is
loaded and warmed first, so the figures are steady state: raw ``nlp.pipe`` on the texts (its second pass); our parse
(``parse_many``: zones and the conversion to our Doc included); each stage of ``pipeline.stages.STAGES``
on those Docs; and ``process_batch`` over the same articles. ratio = raw / process_batch, the share of
spaCy's rate the pipeline keeps (issue 12's goal 0.8). Runs are in sequence, so other load on the machine
moves every figure; compare figures of one run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spacy  # noqa: E402
from ingest_real import polnear_texts  # noqa: E402

from detente.nlp.parse import load_model, parse_many  # noqa: E402
from detente.pipeline.process import fewer_collections, process_batch  # noqa: E402
from detente.pipeline.stages import STAGES  # noqa: E402
from detente.read import clean  # noqa: E402
from detente.settings import Resources  # noqa: E402
from detente.types import Article, Result  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="distinct PolNeAR articles (default 100)")
    ap.add_argument("--profile", choices=[s.name for s in STAGES], help="cProfile this stage (tottime, top 30)")
    a = ap.parse_args()
    res = Resources()
    arts = [Article(id=f"p{i}", source=f"polnear:{i + 1}", text=t) for i, t in enumerate(polnear_texts(a.n))]
    nlp = spacy.load(res.settings.model)  # raw spaCy: the model as shipped (detente's load swaps in tables)
    load_model(res.settings)
    process_batch(arts[:4], res)  # loads every resource a stage uses

    # spaCy's first pass over new text costs more than a second (its vocabulary grows), and every run below
    # is a second pass: so is the raw one, or the ratio would flatter the pipeline.
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in nlp.pipe((x.text for x in arts), batch_size=res.settings.batch_size):
            pass
        raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    cleaned = [clean(x) for x in arts]
    docs = list(parse_many(((m, x.text, masked) for x, (m, masked) in zip(arts, cleaned, strict=True)), res.settings))
    parse = time.perf_counter() - t0
    spent: dict[str, float] = defaultdict(float)
    prof = cProfile.Profile()
    with fewer_collections():  # as process_batch runs the stages: else a full collection lands in any stage
        run_stages(docs, res, spent, prof, a.profile)
    t0 = time.perf_counter()
    for k in range(0, len(arts), res.settings.batch_size):
        process_batch(arts[k:k + res.settings.batch_size], res)
    full = time.perf_counter() - t0

    print(f"{len(arts)} PolNeAR articles, {sum(len(x.text.split()) for x in arts):,} words")
    print(f"raw nlp.pipe {raw:6.2f} s   parse_many {parse:6.2f} s")
    for name, s in spent.items():
        print(f"  stage {name:<10} {s:6.2f} s  ({s / raw:5.1%} of raw)")
    print(f"stages total {sum(spent.values()):6.2f} s   process_batch {full:6.2f} s   "
          f"ratio raw/process {raw / full:.3f}")
    if a.profile:
        print(f"\ncProfile of stage {a.profile} (profiled time is inflated; read the shares):")
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def run_stages(docs: list, res: Resources, spent: dict[str, float], prof: cProfile.Profile,
               profile: str | None) -> None:
    """Each stage of STAGES on every Doc, its time added to ``spent``; the stage named ``profile`` profiled."""
    for doc in docs:
        result = Result(meta=doc.meta, text=doc.text)
        for st in STAGES:
            profiled = st.name == profile
            if profiled:
                prof.enable()
            t = time.perf_counter()
            found = st.run(doc, result, res)
            spent[st.name] += time.perf_counter() - t
            if profiled:
                prof.disable()
            setattr(result, st.name, found)
            if st.amends is not None:
                result.meta = doc.meta = st.amends(result.meta, found)


if __name__ == "__main__":
    main()
