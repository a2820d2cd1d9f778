"""TimeBank report: span P/R/F1, type and value accuracy of the timex stage, with the errors behind them.

    .venv/bin/python bench/eval_timebank.py [--errors] [--misses] [TIMEBANK_DIR]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from timebank_gold import evaluate  # bench/timebank_gold.py, beside this script

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"


def main(argv: list[str]) -> int:
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    paths = sorted(folder.glob("*.tml"))
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
    if "--errors" in argv:
        print("\nvalue errors: file | gold text | gold type | gold value | our text | our value")
        for e in s.errors:
            print(" | ".join(str(x) for x in e))
    if "--misses" in argv:
        print("\nmissed:", Counter(s.misses).most_common(40))
        print("\nspurious:", Counter(s.spurious).most_common(40))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
