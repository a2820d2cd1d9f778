"""How far the text alone can date TimeBank: the best any choice among the clues could do.

    .venv/bin/python bench/dating_ceiling.py [TIMEBANK_DIR]

For each TimeML file (creation time stripped, parsed once as ``eval_dating.py`` does) it takes every clue
the dating stage finds and asks an oracle that knows the true date: of the clues whose interval holds that
date, is their intersection at most 62 days wide (what ``../shared/eval/dateinfer.py`` counts as right)? No
weighting or window rule can beat that, so it is a ceiling of today's clues. It also counts the texts with
no clue that bounds the year within two years, and those that name no year (19xx, 20xx) at all: for those
the year would have to come from outside the text.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from eval_dating import DEFAULT_DIR, parsed  # bench/eval_dating.py, beside this script

from detente.extract.time.dating import find_clues
from detente.extract.time.window import intervals

YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-2]\d)\b")
RIGHT_DAYS = 62  # the widest window dateinfer.py counts as right
YEAR_BOUND_DAYS = 2 * 366  # a clue at most this wide bounds the year


def ceiling(dct: str, clues: list) -> bool:
    """Whether the clues holding the true date meet in at most RIGHT_DAYS days."""
    true = date.fromisoformat(dct)
    holding = [(a, b) for a, b, _ in intervals(clues) if a <= true <= b]
    if not holding:
        return False
    return (min(b for _, b in holding) - max(a for a, _ in holding)).days <= RIGHT_DAYS


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    paths = sorted(folder.glob("*.tml"))
    if not paths:
        print(f"{folder}: no .tml files; give the TimeBank folder", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    for dct, doc, actors in parsed(paths):
        clues = find_clues(doc, actors)
        counts["ceiling"] += ceiling(dct, clues)
        counts["year bounded"] += any((b - a).days <= YEAR_BOUND_DAYS for a, b, c in intervals(clues) if not c.annual)
        counts["no year named"] += not YEAR.search(doc.text)
    n = len(paths)
    print(f"{n} TimeBank texts, creation time stripped")
    print(f"  no year (19xx/20xx) named anywhere in the text: {counts['no year named']}")
    print(f"  no clue bounding the year within two years:      {n - counts['year bounded']}")
    print(f"  oracle ceiling of today's clues (right <= {RIGHT_DAYS} days): {counts['ceiling']} = "
          f"{counts['ceiling'] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
