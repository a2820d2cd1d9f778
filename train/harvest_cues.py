"""Harvest the cue lexicon of news attribution from PolNeAR's train compartment (never dev or test).

    python train/harvest_cues.py            # writes src/detente/extract/quotes/data/cues.tsv

For every verb lemma (and the frame "according to") of the parsed train articles: how often a token of
that lemma lies inside a gold cue span of an attribution with a source, and how often it occurs at all.
The quotes stage reads the table and keeps the lemmas whose rate and count pass the thresholds in
``extract/quotes/cues.py`` (tuned by cross-validation over train folds: ``bench/polnear_cv.py``).
Deterministic: the same ../shared data and parser give the same table. Only lemmas and counts are
written, never text. PolNeAR (Newell, Margolin, Ruths, LREC 2018) states no licence; the counts are
derived statistics, noted as such in the table's header.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from polnear_breakdown import parsed  # noqa: E402

DATA = ROOT / "src" / "detente" / "extract" / "quotes" / "data"
OUT = DATA / "cues.tsv"
SOURCES_OUT = DATA / "sources.tsv"
MIN_KEEP = 3  # lemmas seen as a cue fewer times than this are left out of the table
HEADER = """# Cue lexicon: verb lemmas (and "according") with how often each is an attribution cue in news.
# Derived by train/harvest_cues.py from the train compartment of PolNeAR (Newell, Margolin, Ruths,
# "An Attribution Relations Corpus for Political News", LREC 2018; github.com/networkdynamics/PolNeAR,
# no licence stated): counts only, no text of the corpus. cue = occurrences inside a gold cue span,
# total = occurrences as a verb in the parsed articles.
"""


def counts(data: Iterable[tuple[dict[str, Any], Any, Any]]) -> tuple[Counter[str], Counter[str]]:
    cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for d, doc, _ in data:
        spans = sorted(tuple(s) for at in d["attributions"] if (at.get("source") or {}).get("spans")
                       for s in (at.get("cue") or {}).get("spans", []))
        for t in doc.tokens:
            if t.pos != "VERB" and t.text.lower() != "according":
                continue
            lemma = t.lemma.lower()
            total[lemma] += 1
            cue[lemma] += any(a <= t.start < b for a, b in spans)
    return cue, total


def source_heads(data: Iterable[tuple[dict[str, Any], Any, Any]]) -> Counter[str]:
    """Lemmas of the nouns that head gold source spans ("the poll", "a report", "the campaign")."""
    heads: Counter[str] = Counter()
    for d, doc, _ in data:
        for at in d["attributions"]:
            for a, b in (at.get("source") or {}).get("spans", []):
                nouns = [t for t in doc.tokens if a <= t.start < b and t.pos == "NOUN"]
                top = [t for t in nouns if not a <= doc.tokens[t.head].start < b] or nouns[-1:]
                if top:
                    heads[top[0].lemma.lower()] += 1
    return heads


def write_sources(heads: Counter[str], out: Path = SOURCES_OUT) -> None:
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER.replace("Cue lexicon: verb lemmas (and \"according\") with how often each is an attribution cue "
                               "in news.", "Source nouns: lemmas of the nouns heading attribution sources in news.")
                .replace("cue = occurrences inside a gold cue span,\n# total = occurrences as a verb in the parsed "
                         "articles.", "sources = gold source spans this noun heads.") + "lemma\tsources\n")
        for lemma in sorted((x for x in heads if heads[x] >= MIN_KEEP), key=lambda x: (-heads[x], x)):
            f.write(f"{lemma}\t{heads[lemma]}\n")


def write(cue: Counter[str], total: Counter[str], out: Path = OUT) -> None:
    rows = sorted((lemma for lemma in cue if cue[lemma] >= MIN_KEEP), key=lambda x: (-cue[x], x))
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER + "lemma\tcue\ttotal\n")
        for lemma in rows:
            f.write(f"{lemma}\t{cue[lemma]}\t{total[lemma]}\n")


def main() -> None:
    data = parsed("train", None)
    cue, total = counts(data)
    write(cue, total)
    write_sources(source_heads(data))
    print(f"{OUT}: {sum(1 for x in cue if cue[x] >= MIN_KEEP)} lemmas")


if __name__ == "__main__":
    main()
