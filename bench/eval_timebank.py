"""TimeBank report: span P/R/F1, type and value accuracy of the timex stage, by error category.

    .venv/bin/python bench/eval_timebank.py [--errors] [--misses] [--half A|B] [TIMEBANK_DIR]

Value accuracy is broken down by the kind of expression (``timebank_categories.py``: weekday direction,
month-day year, quarters, relative units...), with ``--errors`` listing the wrong values under their
category and ``--misses`` the gold spans we miss and the spans we add, each by category. ``--half A`` (or
B) scores one fixed half of the documents: look at the errors of one half, score the other.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from timebank_categories import category, half  # bench/, beside this script
from timebank_gold import evaluate

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"


def option(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv[:-1] else None


def main(argv: list[str]) -> int:
    chosen = option(argv, "--half")
    values = {chosen} if chosen else set()
    positional = [a for a in argv if not a.startswith("--") and a not in values]
    folder = Path(positional[0] if positional else DEFAULT)
    paths = sorted(p for p in folder.glob("*.tml") if chosen is None or half(p.name) == chosen.upper())
    if not paths:
        print(f"{folder}: no .tml files; give the TimeBank folder (TimeML documents)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    s = evaluate(paths)
    secs = time.perf_counter() - t0
    print(f"{len(paths)} documents, {s.gold} gold timexes, {s.predicted} predicted, {secs:.1f} s (read+parse+resolve)")
    print(f"span (overlap)   P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"type accuracy    {s.type_accuracy:.3f}  ({s.type_correct}/{s.matched} matched)")
    print(f"value accuracy   {s.value_accuracy:.3f}  ({s.value_correct}/{s.dated} matched DATE/TIME)")
    totals: Counter[str] = Counter()
    wrong: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name, gtext, gtype, gvalue, ptext, pvalue in s.pairs:
        cat = category(gtext, gvalue)
        totals[cat] += 1
        if gvalue != pvalue:
            wrong[cat].append((name, gtext, gtype, str(gvalue), ptext, str(pvalue)))
    print("\nvalue accuracy by category (wrong first)")
    for cat, n in sorted(totals.items(), key=lambda kv: (-len(wrong.get(kv[0], [])), kv[0])):
        bad = len(wrong.get(cat, []))
        print(f"  {cat:30s} {n - bad:4d}/{n:<4d} {1 - bad / n:.3f}  ({bad} wrong)")
    if "--errors" in argv:
        for cat in sorted(wrong, key=lambda c: -len(wrong[c])):
            print(f"\n{cat}: file | gold text | gold type | gold value | our text | our value")
            for e in wrong[cat]:
                print("  " + " | ".join(e))
    if "--misses" in argv:
        for label, texts in (("gold spans we miss", s.misses), ("spans we add", s.spurious)):
            by_cat: dict[str, Counter[str]] = defaultdict(Counter)
            for t in texts:
                by_cat[category(t, None)][t] += 1
            print(f"\n{label}: {len(texts)}")
            for cat, c in sorted(by_cat.items(), key=lambda kv: -sum(kv[1].values())):
                print(f"  {cat} ({sum(c.values())}): {c.most_common(12)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
