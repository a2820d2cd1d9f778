"""`make bench`: one run, one machine, one corpus; every figure is measured here, none is remembered.

    python bench/run.py                 # full figures (about 15 min on 2 cores)
    python bench/run.py --quick         # the same figures on small sizes (about 3 min)
    python bench/run.py --profile       # add a cProfile breakdown of the pipeline by step
    python bench/run.py --json out.json # also write the figures as JSON
    python bench/run.py --corpus samples  # throughput on generated articles (bench/make_corpus.py) instead

The throughput corpus is real news, the distinct PolNeAR articles in ../shared (the standard: ratios on real
news where ../shared has it), and the generated corpus when ../shared is absent or --corpus samples is given.
Scaling and memory always use generated articles: they need more distinct texts than PolNeAR holds.

1. throughput: raw spaCy ``nlp.pipe`` words/s on the corpus texts, then detente on the same texts:
   ``process_batch`` alone (in this process, same loaded model) and a full ``detente ingest``
   (read + process + store, in a fresh process). ratio = detente words/s / spaCy words/s (goal >= 0.8).
2. scaling: ingest of a subset with the pool and the Ray engines at 1 and 2 workers; speed-up = t1 / t2.
3. memory: peak RSS of a fresh ``ingest`` process at two corpus sizes (goal: flat), with RSS samples
   taken as the ingest goes.
4. queries: p50/p95 latency of the pair time series (``aggregate.series``) over >= 1M synthetic events.
Stages registered in detente.stages at run time are what gets measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

from ingest_real import POLNEAR, polnear_texts, write_texts  # noqa: E402
from make_corpus import write_corpus  # noqa: E402

from detente.pipeline import STAGES, Resources, process_batch  # noqa: E402
from detente.read import read_path  # noqa: E402
from detente.types import Article  # noqa: E402


def words(text: str) -> int:
    return len(text.split())


def read_corpus(path: Path) -> list[Article]:
    return [a for a in read_path(path) if isinstance(a, Article)]


def batches(arts: list[Article], size: int) -> list[list[Article]]:
    return [arts[k:k + size] for k in range(0, len(arts), size)]


def rss_mb() -> float:
    """Current resident set size (Linux /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak RSS of this process image. Linux's VmHWM starts afresh at exec; ru_maxrss does not (a child
    forked from a big parent would report the parent's size), so it is only the fallback."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


# -- 1. throughput --------------------------------------------------------------------------------------------

def bench_throughput(corpus: Path, resources: Resources) -> dict[str, Any]:
    import importlib

    import spacy

    clean = importlib.import_module("detente.read.clean")  # the module: detente.read exports a function of its name

    arts = read_corpus(corpus)
    n_words = sum(words(a.text) for a in arts)
    # Raw spaCy is the model as shipped; detente's own load swaps two rule components for equal tables.
    nlp = spacy.load(resources.settings.model)
    list(nlp.pipe((a.text for a in arts[:8]), batch_size=resources.settings.batch_size))  # warm up
    process_batch(arts[:8], resources)

    # Interleaved, chunk by chunk, so that load from other processes on the machine hits both alike.
    size = resources.settings.batch_size
    # Besides the texts as read, spaCy also runs on the masked texts detente parses (debris blanked), so
    # the pipeline's own overhead shows apart from what cleaning saves the parser.
    spent = {"spacy": 0.0, "masked": 0.0, "process": 0.0}
    outs: list[Any] = []
    for k, chunk in enumerate(batches(arts, resources.settings.batch_size * 4)):
        masked = [clean.clean(a)[1] for a in chunk]
        runs = {
            "spacy": lambda chunk=chunk: [None for _ in nlp.pipe((a.text for a in chunk), batch_size=size)],
            "masked": lambda masked=masked: [None for _ in nlp.pipe(masked, batch_size=size)],
            "process": lambda chunk=chunk: outs.extend(r for b in batches(chunk, size)
                                                       for r in process_batch(b, resources)),
        }
        order = list(runs)[k % 3:] + list(runs)[:k % 3]  # rotate: whoever runs first pays any warm-up
        for name in order:
            t0 = time.perf_counter()
            runs[name]()
            spent[name] += time.perf_counter() - t0
    t_spacy, t_masked, t_process = spent["spacy"], spent["masked"], spent["process"]
    stored = sum(type(r).__name__ == "Result" for r in outs)

    child = child_ingest(corpus, Path(tempfile.mkdtemp(prefix="detente-bench-")) / "ingest.duckdb")
    spacy_wps, process_wps = n_words / t_spacy, n_words / t_process
    # Steady state: from the first stored batch on, so start-up (imports, model and KB loading) is apart,
    # as the model load is for raw spaCy.
    (n0, t0s), (n1, t1s) = child["first"], (child["stored"], child["seconds"])
    ingest_wps = (n1 - n0) / (t1s - t0s) * (n_words / len(arts)) if n1 > n0 else n_words / t1s
    return {
        "articles": len(arts), "words": n_words, "results": stored,
        "spacy_words_per_s": spacy_wps, "spacy_masked_words_per_s": n_words / t_masked,
        "process_words_per_s": process_wps, "ingest_words_per_s": ingest_wps,
        "process_articles_per_h": len(arts) / t_process * 3600,
        "ratio_process": process_wps / spacy_wps, "ratio_ingest": ingest_wps / spacy_wps,
        "ingest_articles_per_h": ingest_wps / (n_words / len(arts)) * 3600,
        "ingest_total_s": child["seconds"], "ingest_startup_s": child["first"][1],
        "ingest_stored": child["stored"], "ingest_peak_rss_mb": child["peak_rss_mb"],
    }


# -- 2. scaling -----------------------------------------------------------------------------------------------

def bench_scaling(corpus: Path, engines: list[str]) -> dict[str, Any]:
    from detente.pipeline.ingest import ingest

    out: dict[str, Any] = {}
    tmp = Path(tempfile.mkdtemp(prefix="detente-bench-"))
    for engine in engines:
        times = {}
        for workers in (1, 2):
            db = tmp / f"{engine}-{workers}.duckdb"
            t0 = time.perf_counter()
            summary = ingest([corpus], db, engine=engine, workers=workers)
            times[workers] = time.perf_counter() - t0
            out[f"{engine}_{workers}_stored"] = summary.stored
        out[f"{engine}_1_s"], out[f"{engine}_2_s"] = times[1], times[2]
        out[f"{engine}_speedup"] = times[1] / times[2]
    return out


# -- 3. memory ------------------------------------------------------------------------------------------------

def child_ingest(corpus: Path, db: Path) -> dict[str, Any]:
    """`ingest` in a fresh interpreter; returns its own report (peak RSS is per process)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-ingest", str(corpus), str(db)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"child ingest failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_child_ingest(corpus: str, db: str) -> None:
    from detente.pipeline.ingest import ingest

    samples: list[tuple[int, float]] = []
    last = [0]
    first: list[Any] = []
    started = time.perf_counter()

    def progress(summary: Any) -> None:
        if not first:
            first.extend([summary.stored, time.perf_counter() - started])
        if summary.stored - last[0] >= 256:
            samples.append((summary.stored, round(rss_mb(), 1)))
            last[0] = summary.stored

    summary = ingest([corpus], db, progress=progress)
    samples.append((summary.stored, round(rss_mb(), 1)))
    print(json.dumps({"stored": summary.stored, "skipped": len(summary.skipped), "seconds": summary.seconds,
                      "peak_rss_mb": round(peak_rss_mb(), 1), "rss_samples": samples, "first": first or [0, 0.0]}))


def bench_memory(sizes: list[int], seed: int, paragraphs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="detente-bench-"))
        corpus = write_corpus(tmp / "corpus", n, seed=seed, paragraphs=paragraphs)
        rep = child_ingest(corpus, tmp / "mem.duckdb")
        out[str(n)] = {k: rep[k] for k in ("stored", "seconds", "peak_rss_mb", "rss_samples")}
    return out


# -- 4. queries -----------------------------------------------------------------------------------------------

STATES = ["USA", "JPN", "CHN", "KOR", "PRK", "RUS", "IND", "GBR", "FRA", "DEU", "AUS", "TWN"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def build_events_store(db: Path, n_events: int, per_article: int = 10) -> None:
    """A store with ``n_events`` events over n_events / per_article articles, generated inside DuckDB."""
    from detente.store.db import Store

    n_articles = max(n_events // per_article, 1)
    states = "[" + ", ".join(f"'{s}'" for s in STATES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    with Store(db) as store:
        con = store.con
        con.execute("SELECT setseed(0.42)")
        con.execute(f"""
          INSERT INTO articles SELECT 'a' || i, 'synthetic/' || i || '.txt', 'Synthetic article ' || i,
            ['Detente Wire', 'Pacific Ledger', 'Harbor Times'][1 + i % 3], [],
            strftime(DATE '2015-01-01' + CAST(i % 2000 AS INTEGER), '%Y-%m-%d'), 'day', false, NULL, 'news',
            0, 60, 'Synthetic article text with enough characters for its spans.', '{{}}', current_timestamp
          FROM range({n_articles}) t(i)""")
        con.execute(f"""
          INSERT INTO events SELECT 'a' || (i // {per_article}), i % {per_article},
            {types}[1 + CAST(floor(random() * {len(TYPES)}) AS INTEGER)], NULL,
            {states}[1 + CAST(floor(random() * {len(STATES)}) AS INTEGER)],
            {states}[1 + CAST(floor(random() * {len(STATES)}) AS INTEGER)], [], [],
            strftime(DATE '2015-01-01' + CAST(floor(random() * 2000) AS INTEGER), '%Y-%m-%d'), 'day',
            CASE WHEN random() < 0.9 THEN 'occurred' ELSE 'planned' END, round(random() * 20 - 10, 1), 0.5, NULL,
            0, 9, 'Synthetic'
          FROM range({n_events}) t(i)""")


def bench_queries(n_events: int, repeats: int) -> dict[str, Any]:
    import duckdb

    from detente.store import aggregate

    db = Path(tempfile.mkdtemp(prefix="detente-bench-")) / "events.duckdb"
    t0 = time.perf_counter()
    build_events_store(db, n_events)
    built = time.perf_counter() - t0
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    rng = random.Random(0)
    pairs = [tuple(rng.sample(STATES, 2)) for _ in range(repeats)]
    aggregate.series(con, *pairs[0], period="month")  # warm the buffer pool once
    lat, periods = [], 0
    for a, b in pairs:
        t0 = time.perf_counter()
        rows = aggregate.series(con, a, b, period="month")
        lat.append(time.perf_counter() - t0)
        periods += len(rows)
    lat.sort()
    return {"events": n, "build_s": built, "repeats": repeats, "mean_periods": periods / repeats,
            "p50_ms": lat[len(lat) // 2] * 1000, "p95_ms": lat[int(len(lat) * 0.95)] * 1000,
            "max_ms": lat[-1] * 1000}


# -- profile --------------------------------------------------------------------------------------------------

def bench_profile(corpus: Path, resources: Resources) -> dict[str, Any]:
    """cProfile of process_batch on the corpus; time split into the pipeline's steps (cumulative)."""
    import cProfile
    import importlib
    import pstats

    from detente.nlp import parse as annotate

    clean = importlib.import_module("detente.read.clean")  # the module: detente.read exports a function of its name

    arts = read_corpus(corpus)
    process_batch(arts[:4], resources)
    prof = cProfile.Profile()
    prof.enable()
    for b in batches(arts, resources.settings.batch_size):
        process_batch(b, resources)
    prof.disable()
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]

    def cumulative(fn: Any) -> float:
        code = getattr(fn, "__code__", None)
        if code is None:
            return 0.0
        key = (code.co_filename, code.co_firstlineno, code.co_name)
        return st.stats.get(key, (0, 0, 0, 0.0))[3]  # type: ignore[attr-defined]

    nlp = annotate.load_model(resources.settings)
    steps = {"clean": cumulative(clean.clean),
             "spaCy nlp.pipe": cumulative(type(nlp).pipe),
             "convert spaCy -> Doc": cumulative(annotate.convert)}
    for stage in STAGES:  # a Stage has grown fields (reads, amends): read it by name, not by unpacking
        steps[f"stage {stage.name}"] = cumulative(stage.run)
    top = sorted(st.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:15]  # type: ignore[attr-defined]
    return {"total_s": total, "steps_s": steps,
            "top_self_s": [(f"{Path(k[0]).name}:{k[1]}:{k[2]}", v[2]) for k, v in top]}


# -- report ---------------------------------------------------------------------------------------------------

def report(fig: dict[str, Any]) -> str:
    lines = [f"detente bench  {fig['when']}  {fig['machine']}", f"stages: {', '.join(fig['stages']) or '(none)'}"]
    t = fig.get("throughput")
    if t:
        lines += [
            f"corpus: {t['articles']} articles ({fig.get('corpus', 'samples')}), {t['words']:,} words",
            f"raw spaCy nlp.pipe      {t['spacy_words_per_s']:>10,.0f} words/s  (on the masked texts detente "
            f"parses: {t['spacy_masked_words_per_s']:,.0f}; process_batch vs that "
            f"{t['process_words_per_s'] / t['spacy_masked_words_per_s']:.2f})",
            f"detente process_batch   {t['process_words_per_s']:>10,.0f} words/s  "
            f"{t['process_articles_per_h']:>12,.0f} articles/h  ratio {t['ratio_process']:.2f}",
            f"detente ingest (+store) {t['ingest_words_per_s']:>10,.0f} words/s  "
            f"{t['ingest_articles_per_h']:>12,.0f} articles/h  ratio {t['ratio_ingest']:.2f}  (goal >= 0.80)",
            f"  ingest in a fresh process: {t['ingest_total_s']:.1f} s in all, of which {t['ingest_startup_s']:.1f} s "
            "until the first batch was stored (imports, model, KB); rates above are after that",
        ]
    s = fig.get("scaling")
    if s:
        for engine in ("pool", "ray"):
            if f"{engine}_speedup" in s:
                lines.append(f"{engine:<5} 1 worker {s[f'{engine}_1_s']:6.1f} s   2 workers {s[f'{engine}_2_s']:6.1f} s"
                             f"   speed-up {s[f'{engine}_speedup']:.2f}x  ({fig['scaling_articles']} articles)")
    m = fig.get("memory")
    if m:
        for n, r in m.items():
            samples = " ".join(f"{k}:{v:.0f}" for k, v in r["rss_samples"])
            lines.append(f"memory {int(n):>6} articles: peak RSS {r['peak_rss_mb']:.0f} MB "
                         f"({r['seconds']:.0f} s; RSS MB by articles stored {samples})")
    q = fig.get("queries")
    if q:
        lines.append(f"pair time series over {q['events']:,} events: p50 {q['p50_ms']:.1f} ms  "
                     f"p95 {q['p95_ms']:.1f} ms  max {q['max_ms']:.1f} ms ({q['repeats']} random pairs; "
                     f"store built in {q['build_s']:.0f} s)")
    p = fig.get("profile")
    if p:
        lines.append(f"profile of process_batch (cProfile, {p['total_s']:.1f} s in total):")
        for step, sec in sorted(p["steps_s"].items(), key=lambda kv: -kv[1]):
            lines.append(f"  {step:<24} {sec:7.2f} s  {sec / p['total_s']:6.1%}")
        lines.append("  top functions by own time:")
        for name, sec in p["top_self_s"][:10]:
            lines.append(f"    {sec:7.2f} s  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="detente benchmarks (see the module docstring)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    ap.add_argument("-n", type=int, help="articles in the throughput corpus (default 1000; quick 150)")
    ap.add_argument("--scaling-n", type=int, help="articles for pool/Ray scaling (default 400; quick 96)")
    ap.add_argument("--mem-sizes", type=str, help="corpus sizes for the memory runs (default 1000,10000)")
    ap.add_argument("--events", type=int, help="synthetic events rows (default 1000000; quick 1000000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", choices=("polnear", "samples"), default="polnear" if POLNEAR.exists() else "samples",
                    help="throughput texts: real PolNeAR news from ../shared (default when present) or generated")
    ap.add_argument("--only", type=str, default="throughput,scaling,memory,queries",
                    help="comma-separated subset of: throughput,scaling,memory,queries")
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine in the scaling figures")
    ap.add_argument("--profile", action="store_true", help="add a cProfile breakdown of process_batch")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--child-ingest", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_ingest:
        run_child_ingest(*args.child_ingest)
        return
    n = args.n or (150 if args.quick else 1000)
    scaling_n = args.scaling_n or (96 if args.quick else 400)
    mem_sizes = [int(x) for x in (args.mem_sizes or ("200,1000" if args.quick else "1000,10000")).split(",")]
    n_events = args.events or 1_000_000
    only = set(args.only.split(","))
    resources = Resources()
    fig: dict[str, Any] = {"when": time.strftime("%Y-%m-%d %H:%M"),
                           "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
                           "stages": [st.name for st in STAGES]}
    tmp = Path(tempfile.mkdtemp(prefix="detente-bench-"))
    if args.corpus == "polnear":  # every distinct article when n asks for more than PolNeAR holds
        corpus = write_texts(polnear_texts(n), tmp / "corpus")
    else:
        corpus = write_corpus(tmp / "corpus", n, seed=args.seed)
    fig["corpus"] = args.corpus
    if "throughput" in only:
        fig["throughput"] = bench_throughput(corpus, resources)
        print(report(fig), flush=True)
    if args.profile:
        fig["profile"] = bench_profile(corpus, resources)
    if "scaling" in only:
        sub = write_corpus(tmp / "scaling", scaling_n, seed=args.seed + 1)
        fig["scaling_articles"] = scaling_n
        fig["scaling"] = bench_scaling(sub, ["pool"] + ([] if args.no_ray else ["ray"]))
    if "memory" in only:
        fig["memory"] = bench_memory(mem_sizes, args.seed + 2, paragraphs=2)
    if "queries" in only:
        fig["queries"] = bench_queries(n_events, repeats=60 if args.quick else 200)
    print("\n" + report(fig))
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
