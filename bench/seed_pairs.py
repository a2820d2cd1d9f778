"""The seeds' pairs as detente reads them, one seed at a time: events, mean tone, trend and why.

    .venv/bin/python bench/seed_pairs.py [SEEDS_DIR]

Each seed is ingested into its own store, so a pair's tone and trend are what that one article says
(its reporting period is its own). docs/seeds.md sets these beside what a reader takes from each article.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from detente.pipeline.ingest import ingest
from detente.store import relations
from detente.store.db import Store

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    seeds = sorted(folder.glob("*.txt"))
    if not seeds:
        print(f"{folder}: no seeds (*.txt) found; give the seeds folder", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for k, path in enumerate(seeds):
            db = Path(tmp) / f"seed{k}.duckdb"
            ingest([path], db)
            with Store(db, read_only=True) as store:
                (published,) = store.con.execute("SELECT published FROM articles").fetchone()
                print(f"seed {k} ({path.name}, published {published})")
                for p in relations.pairs(store.con, period="week"):
                    t = p["trend"]
                    print(f"  {p['a']}-{p['b']}: {p['n']} scored ({p['n_unscored']} not), mean {p['score_mean']}, "
                          f"tone {p['tone']}, trend {t['label']}: {t['why']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
