"""PLOVER 2.0 vocabulary shared by every layer: the 16 event types, their quad classes, tone scores and
the event statuses.

The scores are the PLOVER manual's conflict-cooperation weights, loaded from ``data/plover_scores.tsv``.
Quad classes follow PLOVER/CAMEO, with one rule for REQUEST, which merges CAMEO's APPEAL (verbal
cooperation) and DEMAND (verbal conflict): it takes the class of its score's sign (``quad``).
"""

from __future__ import annotations

import functools

from detente.tsv import read_tsv

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
QUAD_TYPES = {
    "verbal_coop": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material_coop": ("COOPERATE", "AID", "RETREAT"),
    "verbal_conflict": ("ACCUSE", "REJECT", "THREATEN"),
    "material_conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
QUAD_OF = {t: q for q, types in QUAD_TYPES.items() for t in types}  # REQUEST: by score, see quad()
COOPERATIVE = frozenset(t for t, q in QUAD_OF.items() if q.endswith("coop"))

# occurred / planned events are scored; negated / hypothetical ones are counted apart and never scored.
STATUSES = ("occurred", "planned", "negated", "hypothetical")
SCORED_STATUSES = ("occurred", "planned")

# Event context tags of a side whose person held no state office on the day (a candidate, a former minister, an
# analyst): the side keeps its country code, but no state-level pair counts the event.
UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET = "unofficial-source", "unofficial-target"

# PLOVER 0.5b1 labels (the gold-standard records) -> PLOVER 2.0, as the GSR's SOURCE.md prescribes.
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# Our extra modes -> the PLOVER score row they take their weight from.
SCORE_MODE = {("MOBILIZE", "weapons-test"): "weapons", ("MOBILIZE", "exercise"): "troops",
              ("MOBILIZE", "deploy"): "troops"}


def quad(kind: str, score: float | None) -> str | None:
    """The quad class of an event type; REQUEST is cooperative only when its score is positive."""
    if kind == "REQUEST":
        return "verbal_coop" if (score or 0) > 0 else "verbal_conflict"
    return QUAD_OF.get(kind)


def quad_sql(type_col: str = "type", score_col: str = "score") -> str:
    """``quad`` as a SQL CASE expression over a type and a score column."""
    whens = " ".join(f"WHEN {type_col} IN ({', '.join(repr(t) for t in types)}) THEN '{q}'"
                     for q, types in QUAD_TYPES.items())
    return (f"CASE {whens} WHEN {type_col} = 'REQUEST' THEN CASE WHEN {score_col} > 0 THEN 'verbal_coop' "
            f"ELSE 'verbal_conflict' END END")


@functools.cache
def scores() -> dict[tuple[str, str], float]:
    """(type, mode) -> score; mode '' is the type's base row."""
    return {(r["type"], r["mode"]): float(r["score"]) for _, r in read_tsv("detente", "data/plover_scores.tsv")}


def score(kind: str, mode: str | None) -> float | None:
    """The PLOVER tone weight of a type in a mode (the type's base weight when the mode has none)."""
    table = scores()
    key = SCORE_MODE.get((kind, mode or ""), mode or "")
    return table.get((kind, key), table.get((kind, "")))


def plover_coded(kind: str, status: str) -> str:
    """PLOVER codes a stated intention as AGREE (cooperative acts) or THREATEN (hostile acts), and a
    refused or failed cooperative act as REJECT. Our events keep the act's own type plus a status;
    this gives the type a PLOVER coder would have written (used for the GSR evaluation and exports)."""
    if status in ("planned", "hypothetical"):
        if kind in COOPERATIVE and kind != "AGREE":
            return "AGREE"
        if QUAD_OF.get(kind) == "material_conflict":
            return "THREATEN"
    if status == "negated" and kind in ("AGREE", "CONSULT", "COOPERATE", "AID", "CONCEDE"):
        return "REJECT"
    return kind
