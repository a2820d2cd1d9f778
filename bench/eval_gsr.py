"""PLOVER gold-standard records: event type accuracy and actor direction of detente.events.

    .venv/bin/python bench/eval_gsr.py [--errors] [GSR_JSON]

Each of the 161 hand-coded sentences is analysed alone (actors -> timexes -> quotes -> events); the event
closest to the sentence root is compared with the gold record. Gold 0.5b1 labels are mapped to PLOVER 2.0
(DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT) and our type is read as a PLOVER coder
would write it (plover.plover_coded: a stated intention is AGREE / THREATEN, a failed cooperation REJECT).
Direction: the event's source state is among the gold sources and its target among the gold targets
(either order for reciprocal "SRC/TAR" records); gold "IGO" matches any international organisation.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente import vocab as plover
from detente.extract.actors import find_actors
from detente.extract.events.events import Found, extract
from detente.extract.quotes import find_quotes
from detente.extract.time import find_timexes
from detente.kb.knowledge import load_kb
from detente.nlp.parse import parse_many
from detente.read import clean
from detente.types import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
# Codes the GSR spells its own way -> ISO 3166 alpha-3.
GSR_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass
class Record:
    id: str
    text: str
    gold: str  # PLOVER 2.0 type
    sources: set[str]
    targets: set[str]
    reciprocal: bool
    trigger: str = ""  # the record's first (EVT: ...) word: the typer's training target (train/train_typer.py)


@dataclass
class Report:
    n: int = 0
    covered: int = 0  # sentences with at least one event
    type_correct: int = 0
    any_type: int = 0  # some event of the sentence has the gold type
    directed: int = 0  # records with a comparable source and target
    direction_correct: int = 0
    direction_covered: int = 0  # ... of which we coded an event with both parties
    crashes: int = 0
    confusion: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.n if self.n else 0.0

    @property
    def direction_accuracy(self) -> float:
        return self.direction_correct / self.directed if self.directed else 0.0


def codes(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value]
    out = set()
    for it in items:
        code = it.get("code") if isinstance(it, dict) else it
        if isinstance(code, str) and len(code) == 3 and code.isupper():
            out.add(GSR_CODES.get(code, code))
    return out


def load(path: Path) -> list[Record]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in data:
        if r.get("event") == "DOCUMENT":
            continue
        info = r.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        evt = re.search(r"\(EVT:\s*([^)]*)\)", markup)
        out.append(Record(r["id"], r["text"], plover.LEGACY.get(r["event"], r["event"]), codes(r.get("source", [])),
                          codes(r.get("target", [])), "SRC/TAR" in markup,
                          (evt.group(1).split() or [""])[0] if evt else ""))
    return out


def primary(found: list[Found]) -> Found | None:
    """The event closest to the root of its sentence, the surest first."""
    return min(found, key=lambda f: (f.depth, -f.event.confidence, f.trigger)) if found else None


def party_codes(state: str | None, actors: list[str], igos: set[str]) -> set[str]:
    out = {state} if state else set()
    out |= {"IGO" for a in actors if a in igos}
    return out


def evaluate(path: Path = DEFAULT) -> Report:
    records = load(path)
    igos = set(load_kb().igos)
    report = Report()
    items = []
    for r in records:
        art = Article(id=r.id, source=r.id, text=r.text, published="2000-01-01")
        meta, masked = clean(art)
        items.append((meta, r.text, masked))
    for r, doc in zip(records, parse_many(items), strict=True):
        report.n += 1
        try:
            actors = find_actors(doc)
            found = extract(doc, actors, find_timexes(doc), find_quotes(doc, actors))
        except Exception:  # noqa: BLE001 - a crash is a counted failure here
            report.crashes += 1
            found = []
        best = primary(found)
        coded = plover.plover_coded(best.event.type, best.event.status) if best else "none"
        report.covered += best is not None
        report.type_correct += coded == r.gold
        report.any_type += any(plover.plover_coded(f.event.type, f.event.status) == r.gold for f in found)
        report.confusion[(r.gold, coded)] += 1
        direction = "-"
        if r.sources and r.targets - r.sources or (r.reciprocal and len(r.sources | r.targets) >= 2):
            report.directed += 1
            if best and (best.event.source or best.event.source_actors) \
                    and (best.event.target or best.event.target_actors):
                report.direction_covered += 1
                src = party_codes(best.event.source, best.event.source_actors, igos)
                tgt = party_codes(best.event.target, best.event.target_actors, igos)
                if r.reciprocal:
                    both = r.sources | r.targets
                    ok = bool(src & both) and bool(tgt & both)
                else:
                    ok = bool(src & r.sources) and bool(tgt & r.targets)
                report.direction_correct += ok
                direction = "ok" if ok else f"{sorted(src)}->{sorted(tgt)} vs {sorted(r.sources)}->{sorted(r.targets)}"
            else:
                direction = "no dyad"
        if coded != r.gold or direction not in ("ok", "-"):
            report.errors.append((r.id, f"{r.gold} -> {coded}", direction, r.text))
    return report


def main(argv: list[str]) -> int:
    path = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    if not path.exists():
        print(f"{path}: not found; give the PLOVER_GSR_CAMEO.json file of ../shared/data/external/plover-gsr",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    r = evaluate(path)
    print(f"{r.n} sentences in {time.perf_counter() - t0:.1f} s; crashes {r.crashes}; with an event {r.covered}")
    print(f"type accuracy      {r.type_accuracy:.3f}  ({r.type_correct}/{r.n}; no event counts as wrong)")
    print(f"type, when coded   {r.type_correct / max(r.covered, 1):.3f}  ({r.type_correct}/{r.covered})")
    print(f"any event's type   {r.any_type / r.n:.3f}  ({r.any_type}/{r.n})")
    print(f"direction          {r.direction_accuracy:.3f}  "
          f"({r.direction_correct}/{r.directed} records with a gold dyad)")
    print(f"direction, when coded {r.direction_correct / max(r.direction_covered, 1):.3f}  "
          f"({r.direction_correct}/{r.direction_covered})")
    golds = sorted({g for g, _ in r.confusion})
    preds = sorted({p for _, p in r.confusion})
    print("\nconfusion (rows gold, columns ours):")
    print(" " * 11 + " ".join(f"{p[:5]:>5}" for p in preds))
    for g in golds:
        print(f"{g:<11}" + " ".join(f"{r.confusion[(g, p)] or '.':>5}" for p in preds))
    if "--errors" in argv:
        print("\nerrors: id | gold -> ours | direction | text")
        for e in r.errors:
            print(" | ".join(e))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
