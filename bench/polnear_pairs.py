"""The state-level pairs of a real ingest of PolNeAR articles: what the pair views show an analyst.

    .venv/bin/python bench/polnear_pairs.py [--articles 300] [--since 2016-01-01] [--until 2016-12-31] [--top 12]

Ingests the first N distinct PolNeAR articles (text, publication date, outlet) into a fresh store with
``detente ingest`` as a user would (merged events included), then prints how many events carry a side that
held no state office on the day (context tag ``unofficial-source`` / ``unofficial-target``), the busiest
state pairs, and the Russia-USA pair with its counted events. PolNeAR (Newell et al., LREC 2018) has no
stated licence: it is read from ../shared for evaluation only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from polnear_events import CORPUS  # bench/polnear_events.py, beside this script

from detente.pipeline.ingest import ingest
from detente.store import relations
from detente.store.db import Store


def write_records(n: int, path: Path) -> int:
    seen: set[str] = set()
    with CORPUS.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            rec = json.loads(line)
            if rec["doc"] in seen:
                continue
            seen.add(rec["doc"])
            out.write(json.dumps({"text": rec["text"], "published": rec["date"], "outlet": rec["publisher"]}) + "\n")
            if len(seen) == n:
                break
    return len(seen)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--since")
    ap.add_argument("--until")
    ap.add_argument("--top", type=int, default=12)
    a = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} not found; this benchmark reads the PolNeAR texts from ../shared", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        records, db = Path(tmp) / "polnear.jsonl", Path(tmp) / "polnear.duckdb"
        n = write_records(a.articles, records)
        ingest([records], db)
        with Store(db, read_only=True) as store:
            total, tagged = store.con.execute(
                "SELECT count(*), count(*) FILTER (WHERE context LIKE '%unofficial-%') FROM events").fetchone()
            pairs = relations.pairs(store.con, since=a.since, until=a.until)
            print(f"{n} articles, {total} events, {tagged} with a side that held no state office that day")
            print(f"state pairs: {len(pairs)}, counted events in them: {sum(p['n'] + p['n_unscored'] for p in pairs)}")
            for p in pairs[:a.top]:
                print(f"  {p['a']}-{p['b']}: {p['n']} scored, {p['n_unscored']} not, mean {p['score_mean']}, "
                      f"tone {p['tone']}")
            detail = relations.pair(store.con, "RUS", "USA", since=a.since, until=a.until) or {"pair": {}, "events": []}
            summary = detail["pair"]
            print(f"RUS-USA: {summary.get('n')} scored, mean {summary.get('score_mean')}, tone {summary.get('tone')}")
            for e in detail["events"]:
                print(f"  {e['type']} {e['source']}->{e['target']} {e['status']} {e['score']} {e.get('when')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
