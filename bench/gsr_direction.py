#!/usr/bin/env python3
"""Event direction on the shared PLOVER gold-standard half, by error category (a diagnostic, not a score).

    .venv/bin/python bench/gsr_direction.py [--show] [--save FILE] [--against FILE]

Runs ``detente analyze --json`` on every GSR record (as ../shared/eval/gsr.py does) and, for the records whose
gold type some event has, says whether the direction is right, or which side is wrong: source only, target
only, or both. ``--show`` prints each miss (gold codes, what we got, the opening of the sentence);
``--save`` writes one status per record and ``--against`` compares with such a file (what a change fixed and
what it broke). The headline figure is the scorer's; this only sorts its misses.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
import gsr  # noqa: E402 - the scorer's own code mapping and side test


def analyse(recs: list[dict]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "gsr.jsonl"
        f.write_text("".join(json.dumps({"text": r["text"], "published": (r.get("date") or "2000-01-01")[:10]}) + "\n"
                             for r in recs), encoding="utf-8")
        p = subprocess.run([str(ROOT / ".venv/bin/detente"), "analyze", str(f), "--json"], capture_output=True,
                           text=True, check=True)
    return [json.loads(line) for line in p.stdout.splitlines()]


def status(rec: dict, res: dict) -> tuple[str, list]:
    gold = gsr.MAP.get(rec["event"], rec["event"])
    hit = [e for e in res["events"] if e["type"] == gold]
    gs, gt = gsr.codes(rec.get("source")), gsr.codes(rec.get("target"))
    if not (gs and gt):
        return "no-dyad", []
    if not hit:
        return "type-miss", []
    got = [(e["source"], e["target"]) for e in hit]
    if any(gsr.side_ok(s, gs) and gsr.side_ok(t, gt) for s, t in got):
        return "right", got
    src = any(gsr.side_ok(s, gs) for s, _ in got)
    tgt = any(gsr.side_ok(t, gt) for _, t in got)
    return {(True, False): "target-wrong", (False, True): "source-wrong"}.get((src, tgt), "both-wrong"), got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--save")
    ap.add_argument("--against")
    a = ap.parse_args()
    path = SHARED / "data" / "external" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    recs = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    rows = []
    for i, (rec, res) in enumerate(zip(recs, analyse(recs), strict=True)):
        st, got = status(rec, res)
        rows.append(st)
        if a.show and st.endswith("wrong"):
            gs, gt = sorted(gsr.codes(rec.get("source"))), sorted(gsr.codes(rec.get("target")))
            print(f"{i:3d} {st:12s} {rec['event']:9s} {gs}->{gt} got {got[:3]} | {rec['text'][:110]!r}")
    print(dict(Counter(rows)))
    if a.save:
        Path(a.save).write_text(json.dumps(rows), encoding="utf-8")
    if a.against:
        before = json.loads(Path(a.against).read_text(encoding="utf-8"))
        for i, (was, now) in enumerate(zip(before, rows, strict=True)):
            if was != now:
                print(f"{i:3d} {was} -> {now}: {recs[i]['text'][:100]!r}")


if __name__ == "__main__":
    main()
