"""The cue lexicon: verbs that introduce reported speech in news, read from the harvested table.

``data/cues.tsv`` (built by ``train/harvest_cues.py`` from PolNeAR's train compartment) gives, per verb
lemma, how often it was an attribution cue and how often it occurred. A lemma is a cue when it was one
at least ``MIN_CUES`` times and in at least ``MIN_RATE`` of its occurrences; both thresholds were chosen by
cross-validation over train folds (``bench/polnear_cv.py``), never on dev.
"""

from __future__ import annotations

import functools

from detente.errors import DataError
from detente.tsv import read_tsv

MIN_CUES = 5
MIN_RATE = 0.4


def cue_table() -> dict[str, tuple[int, int]]:
    """lemma -> (times a cue, occurrences) from the packaged table."""
    out = {}
    for n, row in read_tsv("detente.extract.quotes", "data/cues.tsv"):
        try:
            out[row["lemma"]] = (int(row["cue"]), int(row["total"]))
        except ValueError as exc:
            raise DataError(f"detente/extract/quotes/data/cues.tsv line {n}: counts must be integers ({exc})") from exc
    return out


def select(table: dict[str, tuple[int, int]], min_cues: int = MIN_CUES, min_rate: float = MIN_RATE) -> frozenset[str]:
    return frozenset(lemma for lemma, (cue, total) in table.items() if cue >= min_cues and cue >= min_rate * total)


@functools.cache
def cue_lemmas() -> frozenset[str]:
    """The verb lemmas the quotes stage reads as cues of reported speech."""
    return select(cue_table())


MIN_SOURCES = 3  # a thing (not a person or organisation) speaks only if it headed this many sources in train


@functools.cache
def source_nouns() -> frozenset[str]:
    """Nouns that head attribution sources in news ("poll", "report", "survey", "lawsuit")."""
    out = set()
    for n, row in read_tsv("detente.extract.quotes", "data/sources.tsv"):
        try:
            if int(row["sources"]) >= MIN_SOURCES:
                out.add(row["lemma"])
        except ValueError as exc:
            raise DataError(f"detente/extract/quotes/data/sources.tsv line {n}: counts must be integers "
                            f"({exc})") from exc
    return frozenset(out)
