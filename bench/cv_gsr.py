#!/usr/bin/env python3
"""Cross-validated GSR figures: the typer trained on folds that exclude the records it is scored on.

    .venv/bin/python bench/cv_gsr.py [--folds 5] [--shared ../shared] [--models DIR] [--fast]

For each fold K, train/train_typer.py's recipe trains on the synthetic stories and the GSR records whose
index is not K modulo N (the examples are featurised once, in this process, and shared by the folds);
the fold's records are then scored by ../shared/eval/gsr.py (the shared metric, through
``detente analyze --json``) with that model (``DETENTE_TYPER_WEIGHTS``). The fold counts are summed.
``--models DIR`` keeps the fold models there and reuses them (while only the passes after the typer
change); ``--fast`` skips the calibration folds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "train"))
import train_typer  # noqa: E402  (one trainer: the fold models are the shipped model's recipe)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--models", type=Path, default=None, help="keep (and reuse) the fold models here")
    ap.add_argument("--fast", action="store_true", help="train without the calibration folds")
    ap.add_argument("--errors", action="store_true", help="print each fold's type misses (the scorer's lines)")
    a = ap.parse_args()
    gsr = a.shared / "data" / "external" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    data = json.loads(gsr.read_text(encoding="utf-8"))
    head = [r for r in data if r.get("event") == "DOCUMENT"]
    recs = [r for r in data if r.get("event") != "DOCUMENT"]
    total = {"n": 0, "type": 0, "dir": 0, "dyad": 0, "events": 0.0}
    data = None  # the training examples, featurised once for all folds
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            weights = (a.models or Path(tmp)) / f"typer-{k}-of-{a.folds}.json"
            if not weights.exists():
                data = data or train_typer.examples(a.shared)
                X, y, w = train_typer.leave_out(data, (k, a.folds))
                train_typer.write(train_typer.train(X, y, w, calibrate=not a.fast), weights)
            fold = [r for i, r in enumerate(recs) if i % a.folds == k]
            path = Path(tmp) / f"fold-{k}.json"
            path.write_text(json.dumps(head + fold), encoding="utf-8")
            env = {**os.environ, "DETENTE_TYPER_WEIGHTS": str(weights)}
            errors = ["--errors", "999"] if a.errors else []
            p = subprocess.run([sys.executable, str(a.shared / "eval" / "gsr.py"), "--project", str(ROOT),
                                "--file", str(path), *errors], env=env, capture_output=True, text=True)
            m = re.search(r"gsr: (\d+) records.*type right (\d+).*direction right (\d+)/(\d+).*events per sentence "
                          r"([\d.]+)", p.stdout)
            if not m:
                sys.exit(f"fold {k}: the scorer printed no figures:\n{p.stdout}\n{p.stderr}")
            if a.errors:
                print("\n".join(ln for ln in p.stdout.splitlines() if ln.startswith("  TYPE")))
            n, t, d, dy, ev = int(m[1]), int(m[2]), int(m[3]), int(m[4]), float(m[5])
            print(f"fold {k}: {n} records, type right {t}, direction {d}/{dy}, events/sentence {ev:.2f}", flush=True)
            total["n"] += n
            total["type"] += t
            total["dir"] += d
            total["dyad"] += dy
            total["events"] += ev * n
    n = total["n"]
    print(f"cross-validated ({a.folds} folds): {n} records; type right {total['type']} ({total['type'] / n:.3f}); "
          f"direction right {total['dir']}/{total['dyad']} ({total['dir'] / max(total['dyad'], 1):.3f}); "
          f"events per sentence {total['events'] / n:.2f}")


if __name__ == "__main__":
    main()
