"""A random draw of events on real news, for judging by reading, and the Russia-USA pair over 2016.

    python bench/polnear_events.py [--articles 300] [--draw 30] [--seed 12] [--json OUT]
    python bench/polnear_events.py --state-pairs     # draw only what the state-level pair views count

Takes the first N distinct PolNeAR articles (texts, publication dates and outlets only), runs the whole
pipeline on them (process_batch: clean -> parse -> every stage), draws events with random.Random(seed)
from all events found, and prints one line per drawn event. Then sums the RUS-USA events (either
direction) dated in 2016 (own date, else the article's), counted as the pair view counts them: scored
statuses only, quad class from detente.vocab, tone with the store's margin. Not deduplicated across
articles, so it reads the raw events, not the merged pair view.

Run it against another tree with PYTHONPATH=<tree>/src to compare code versions on the same draw.
PolNeAR (Newell et al., LREC 2018) has no stated licence: read from ../shared for evaluation only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT / "src"))

from detente.pipeline import Resources, process_batch  # noqa: E402
from detente.read.records import from_record  # noqa: E402
from detente.store.aggregate import TONE_MARGIN, tone  # noqa: E402
from detente.types import Article, Result  # noqa: E402
from detente.vocab import SCORED_STATUSES, UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET, quad  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "external" / "polnear" / "polnear_train_dev.jsonl"
PAIR = frozenset({"RUS", "USA"})


def articles(n: int, settings: Any) -> list[tuple[str, Article]]:
    """The first n distinct articles of the corpus file (one line per annotator; the first one kept)."""
    seen: set[str] = set()
    out: list[tuple[str, Article]] = []
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["doc"] in seen:
                continue
            seen.add(rec["doc"])
            art = from_record({"text": rec["text"], "published": rec["date"], "outlet": rec["publisher"]},
                              f"polnear:{rec['doc']}", settings)
            if isinstance(art, Article):
                out.append((rec["doc"], art))
            if len(out) == n:
                break
    return out


def state_pair(e: Any) -> bool:
    """What store/aggregate.py counts at its state level: two different state codes, neither side tagged
    unofficial, a scored status."""
    tags = set((e.context or "").split(","))
    return (bool(e.source) and bool(e.target) and e.source != e.target and e.status in SCORED_STATUSES
            and not tags & {UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--draw", type=int, default=30)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--json", type=Path, help="also write the drawn events and pair figures here")
    ap.add_argument("--state-pairs", action="store_true",
                    help="draw only events the state-level pair views count: two different states, each side "
                         "acting for its state, a scored status")
    a = ap.parse_args()
    res = Resources()
    arts = articles(a.articles, res.settings)
    events: list[tuple[str, str | None, Any]] = []
    for (doc, _), r in zip(arts, process_batch([x for _, x in arts], res), strict=True):
        if isinstance(r, Result):
            events += [(doc, r.meta.published, e) for e in r.events]
    print(f"{len(arts)} articles, {len(events)} events")
    pool = [k for k, (_, _, e) in enumerate(events) if state_pair(e)] if a.state_pairs else range(len(events))
    if a.state_pairs:
        print(f"{len(pool)} of them counted at the state level")
    drawn = random.Random(a.seed).sample(pool, min(a.draw, len(pool)))
    rows = []
    for k, i in enumerate(drawn, 1):
        doc, pub, e = events[i]
        ev = " ".join(e.evidence.text.split())[:160]
        rows.append({"n": k, "doc": doc, "type": e.type, "mode": e.mode, "source": e.source, "target": e.target,
                     "status": e.status, "date": e.date, "score": e.score, "evidence": ev})
        print(f"{k:2d} {doc[:40]:40s} {e.type}/{e.mode or '-'} {e.source}->{e.target} {e.status} "
              f"{e.date or pub} | {ev}")
    by_quad: Counter[str] = Counter()
    scores: list[float] = []
    n_all = 0
    for doc, pub, e in events:
        when = e.date or pub or ""
        if {e.source, e.target} != PAIR or not when.startswith("2016"):
            continue
        n_all += 1
        print(f"  pair: {doc[:40]} {e.type} {e.source}->{e.target} {e.status} {e.score} {when} | "
              f"{' '.join(e.evidence.text.split())[:120]}")
        if e.status not in SCORED_STATUSES or e.score is None:
            continue
        scores.append(e.score)
        by_quad[quad(e.type, e.score) or "none"] += 1
    mean = sum(scores) / len(scores) if scores else None
    pair = {"events": n_all, "scored": len(scores), "sum": round(sum(scores), 2),
            "mean": round(mean, 2) if mean is not None else None, "by_quad": dict(by_quad), "tone": tone(mean)}
    print(f"RUS-USA 2016 (tone margin {TONE_MARGIN}):", json.dumps(pair))
    if a.json:
        a.json.write_text(json.dumps({"articles": len(arts), "events": len(events), "drawn": rows, "pair": pair},
                                     indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
