#!/usr/bin/env python3
"""Compile the PETRARCH-2 CAMEO verb dictionary into detente's PLOVER trigger table.

    python3 train/compile_cameo.py [--shared ../shared]

Reads ``data/external/phoenix-dictionaries/CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and maps every
CAMEO code through ``data/external/plover-gsr/CAMEO2PLOVER-2021.txt`` (PLOVER manual draft 0.8). Writes
``src/detente/extract/events/data/cameo_plover.tsv``, three kinds of rows:

- ``verb``: a verb (lower case; a multi-word verb such as "gear up" has its particle), its block, the
  block's default PLOVER type, mode and context, and its irregular forms;
- ``pattern``: a block's pattern, as the words that must stand around the verb (each slot a set of
  alternatives joined by ``|``; ``&NAME`` a synset), with its PLOVER type and mode;
- ``synset``: a synset name and its words.

Codes without a PLOVER row (CAMEO 01 statements, 02 appeals, ...) fall back to their parent code and are
dropped when none has one. The output is deterministic (sorted), so a rebuild diffs cleanly.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "detente" / "extract" / "events" / "data" / "cameo_plover.tsv"
# PLOVER modes the project scores (data/plover_scores.tsv); others are kept as context only.
NOTICE = """# Compiled by train/compile_cameo.py from PETRARCH-2's CAMEO.2.0.txt (openeventdata/petrarch2,
# commit 676801cd; The MIT License (MIT), Copyright (c) Open Event Data Alliance) with CAMEO codes mapped
# through CAMEO2PLOVER-2021.txt (openeventdata/PLOVER; CC BY-SA 4.0). Do not edit by hand: rebuild.
"""
MARKERS = set("*$+%^|")


def plover_table(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"(\d+):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        if parts[0]:
            out[m.group(1)] = (parts[0], parts[1], parts[2])
    return out


def to_plover(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """'[042:043]' -> the source side's code; '[:173]' -> 173; parents stand in for codes without a row."""
    code = code.strip("[]").strip()
    side = [c for c in code.split(":") if c.strip()]
    if not side or not side[0].strip().isdigit():
        return None
    c = side[0].strip()
    while c:
        if c in table:
            return table[c]
        c = c[:-1] if len(c) > 2 else ""
    return None


def word(token: str) -> str:
    return token.strip("_").replace("_", " ").lower()


def compile_dictionary(cameo: Path, plover: Path) -> list[list[str]]:
    table = plover_table(plover)
    rows: list[list[str]] = []
    block = default = None
    synset = None
    for raw in cameo.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            synset = None if raw.strip() == "" else synset
            continue
        if line.startswith("&"):
            synset = line.strip()[1:]
            continue
        if synset is not None and line.startswith("+"):
            rows.append(["synset", synset, word(line[1:].split()[0]), "", "", "", "", ""])
            continue
        head = re.match(r"---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
        if head:
            synset = None
            block, default = head.group(1), to_plover(head.group(2), table)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            m = re.match(r"-\s*(.*?)\s*(\[[^\]]*\])\s*$", line)
            if not m or "*" not in m.group(1):
                continue
            coded = to_plover(m.group(2), table)
            if coded is None:
                continue
            slots = [t for t in re.split(r"[\s(){}]+", m.group(1)) if t and t not in MARKERS]
            slots = [("&" + t[1:]) if t.startswith("&") else word(t) for t in slots]
            slots = [s for s in slots if s and not set(s) <= MARKERS]
            if slots:
                rows.append(["pattern", block, " ".join(slots), *coded, "", m.group(2).strip("[]")])
            continue
        first = line.split("{")[0].strip()
        if not first or first.startswith("-"):
            continue
        words = word(first.lstrip("+")).split()
        forms = re.findall(r"\{([^}]*)\}", line)
        irregular = " ".join(w.lower() for w in forms[0].split()) if forms else ""
        kind, mode, context = default if default else ("", "", "")
        rows.append(["verb", block, " ".join(words), kind, mode, context, irregular, ""])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    ext = a.shared / "data" / "external"
    rows = compile_dictionary(ext / "phoenix-dictionaries" / "CAMEO.2.0.txt",
                              ext / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    uniq = sorted({tuple(r) for r in rows})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(NOTICE)
        f.write("kind\tblock\twords\ttype\tmode\tcontext\tforms\tcode\n")
        for r in uniq:
            f.write("\t".join(r) + "\n")
    kinds = {k: sum(r[0] == k for r in uniq) for k in ("verb", "pattern", "synset")}
    print(f"{OUT.relative_to(ROOT)}: {kinds}")


if __name__ == "__main__":
    main()
