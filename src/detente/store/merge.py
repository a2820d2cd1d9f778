"""One record per real-world event: mentions of the same act within and across articles become a cluster.

Two mentions are the same event when they have the same type family, the same parties (in either order for
joint acts: talks, COOPERATE, AGREE and anything marked symmetric; else, visits included, in the same
direction), compatible statuses and compatible dates: two day-precise dates at most a day apart, a year only
the same year, otherwise overlapping periods (a day inside its month, a week overlapping a month). Undated
mentions join a cluster only inside their own article, when their evidence overlaps a clustered mention's.

Tables (re)built by ``detente.store.merged_tables.materialize`` from the store's ``events`` table:
  event_clusters(cluster_id, type, mode, source, target, date, date_precision, status, score, n_mentions,
                 first_article)
  event_mentions(cluster_id, article_id, idx)
``list_merged_events`` reads them back, filtered (one record per real-world event); the single reports
are the event mentions of ``detente.store.mentions``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from datetime import date, timedelta
from typing import Any

from detente import vocab
from detente.dates import first_day, last_day, parse_bound
from detente.store.db import rows, table_names
from detente.store.params import check_limit, check_status, check_type, parse_pair

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 9}
JOINT_TYPES = frozenset(("CONSULT", "COOPERATE", "AGREE"))
# Statuses one real event can be reported with: a visit announced, then made.
STATUS_GROUP = {"occurred": "real", "planned": "real", "negated": "negated", "hypothetical": "hypothetical"}

CLUSTER_COLUMNS = ("cluster_id", "type", "mode", "source", "target", "date", "date_precision", "status", "score",
                   "n_mentions", "first_article")
SCHEMA = """
CREATE TABLE event_clusters (cluster_id INTEGER PRIMARY KEY, type VARCHAR, mode VARCHAR, source VARCHAR,
  target VARCHAR, date VARCHAR, date_precision VARCHAR, status VARCHAR, score DOUBLE, n_mentions INTEGER,
  first_article VARCHAR);
CREATE TABLE event_mentions (cluster_id INTEGER, article_id VARCHAR, idx INTEGER);
"""


def family(kind: str, mode: str | None) -> str:
    """Types that different reporters use for one act: a joint drill is COOPERATE to one, MOBILIZE exercise
    to another; a public rebuke is ACCUSE or PROTEST."""
    if kind == "MOBILIZE" and mode == "exercise" or kind == "COOPERATE" and mode == "military":
        return "DRILL"
    if kind in ("ACCUSE", "PROTEST"):
        return "DISAPPROVE"
    return kind


def joint(kind: str, mode: str | None, context: str | None = None) -> bool:
    """Acts whose parties are not ordered: talks, joint drills, agreements (a visit has a direction)."""
    return "symmetric" in (context or "") or (kind in JOINT_TYPES and mode != "visit")


def symmetric(row: dict[str, Any]) -> bool:
    return joint(row["type"], row.get("mode"), row.get("context"))


def key_of(row: dict[str, Any]) -> tuple:
    parties: tuple | frozenset = (row.get("source"), row.get("target"))
    if symmetric(row):
        parties = frozenset(parties)
    return family(row["type"], row.get("mode")), parties, STATUS_GROUP.get(row.get("status") or "", "real")


def interval(row: dict[str, Any]) -> tuple[date, date] | None:
    """The first and last day a mention's or cluster's date covers; None when it has no calendar date."""
    value, prec = row.get("date"), row.get("date_precision")
    if not value or prec not in ("day", "week", "month", "year"):
        return None
    try:
        return first_day(value, prec), last_day(value, prec)
    except ValueError:
        return None


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Dates that can name one day: within a day of each other, or overlapping periods."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    return _fit(a, ia, b, ib)


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["article_id"] == b["article_id"] and a.get("ev_start", 0) < b.get("ev_end", 0) and \
        b.get("ev_start", 0) < a.get("ev_end", 0)


def merge_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event mention rows (the store's events columns; 'published' optional) -> clusters, each a dict of
    CLUSTER_COLUMNS plus 'mentions' [(article_id, idx)] and 'evidence' [text], ordered by date."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(key_of(r), []).append(r)
    out = [summarise(c) for members in groups.values() for c in cluster_group(members)]
    out.sort(key=cluster_order)
    for k, c in enumerate(out, start=1):
        c["cluster_id"] = k
    return out


def cluster_group(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The mentions of one key (type family, parties, status group) split into real-world events. Only the
    sorted orders below matter, never the order the mentions come in."""
    # parsed once: a key can hold thousands of mentions
    spans: dict[int, tuple[date, date]] = {id(r): s for r in members if (s := interval(r)) is not None}
    dated = sorted((r for r in members if id(r) in spans), key=lambda r: (PRECISION_RANK[r["date_precision"]],
                                                                        r["date"], order(r)))
    mine: list[list[dict[str, Any]]] = []
    founders = _Founders()
    for r in dated:  # the most precise dates found clusters; coarser ones join the largest they fit
        span = spans[id(r)]
        fits = [k for k in founders.near(span) if _fit(mine[k][0], spans[id(mine[k][0])], r, span)]
        if fits:
            mine[max(fits, key=lambda k: (len(mine[k]), -k))].append(r)  # the largest; the first founded on a tie
        else:
            founders.add(span[0], len(mine))
            mine.append([r])
    # an undated mention joins the first cluster holding a mention it overlaps, which must be in its article
    by_article: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for k, c in enumerate(mine):
        for m in c:
            by_article.setdefault(m["article_id"], []).append((k, m))
    for r in sorted((r for r in members if id(r) not in spans), key=order):
        mates = by_article.setdefault(r["article_id"], [])
        home = min((k for k, m in mates if overlaps(m, r)), default=None)
        if home is None:
            home = len(mine)
            mine.append([])
        mine[home].append(r)
        mates.append((home, r))
    return mine


# No period a date names is longer than a leap year, so a founder more than this before a mention's first day
# cannot overlap it (and day dates tie only a day apart): the founders worth testing lie in a window.
_LONGEST = timedelta(days=367)


class _Founders:
    """The first mention of each cluster, by its first day, so a mention is tested only against the clusters
    whose dates could be compatible with it (a scan of every cluster made merging quadratic in a key's size)."""

    def __init__(self) -> None:
        self.starts: list[date] = []
        self.ids: list[int] = []

    def add(self, first: date, k: int) -> None:
        at = bisect.bisect_right(self.starts, first)
        self.starts.insert(at, first)
        self.ids.insert(at, k)

    def near(self, span: tuple[date, date]) -> list[int]:
        lo = bisect.bisect_left(self.starts, span[0] - _LONGEST)
        hi = bisect.bisect_right(self.starts, span[1] + timedelta(days=1))
        return self.ids[lo:hi]


def _fit(a: dict[str, Any], ia: tuple[date, date], b: dict[str, Any], ib: tuple[date, date]) -> bool:
    """``compatible`` with both intervals already parsed."""
    pa_, pb = a.get("date_precision"), b.get("date_precision")
    if pa_ == pb == "day":
        return abs((ia[0] - ib[0]).days) <= 1
    if "year" in (pa_, pb):
        return pa_ == pb and ia == ib
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def cluster_order(c: dict[str, Any]) -> tuple:
    """The order cluster ids follow (``materialize`` sorts its runs by the same key)."""
    return (start(c), c["type"], c["source"] or "", c["target"] or "", c["mentions"][0])


def start(c: dict[str, Any]) -> str:
    span = interval(c)
    return span[0].isoformat() if span else "9999"


def order(r: dict[str, Any]) -> tuple:
    return (str(r.get("published") or "9999"), r["article_id"], r.get("idx", 0))


def summarise(members: list[dict[str, Any]]) -> dict[str, Any]:
    members = sorted(members, key=order)
    kind = Counter(m["type"] for m in members).most_common(1)[0][0]
    modes = Counter(m.get("mode") for m in members if m["type"] == kind and m.get("mode"))
    mode = modes.most_common(1)[0][0] if modes else None
    lead = max(enumerate(members), key=lambda km: (km[1].get("confidence") or 0.0, -km[0]))[1]
    dated = [m for m in members if interval(m)]
    best = min(dated, key=lambda m: PRECISION_RANK[m["date_precision"]]) if dated else None
    statuses = {m.get("status") for m in members}
    status = "occurred" if "occurred" in statuses else (members[0].get("status") or "occurred")
    return {
        "cluster_id": 0, "type": kind, "mode": mode, "source": lead.get("source"), "target": lead.get("target"),
        "date": best["date"] if best else None, "date_precision": best["date_precision"] if best else None,
        "status": status, "score": vocab.score(kind, mode), "n_mentions": len(members),
        "first_article": members[0]["article_id"],
        "mentions": [(m["article_id"], int(m.get("idx", 0))) for m in members],
        "evidence": [m.get("ev_text") or "" for m in members],
    }


# What merging reads of a mention (materialize keeps no evidence text, so it leaves that out: less memory).
MERGE_COLUMNS = ("e.article_id, e.idx, e.type, e.mode, e.source, e.target, e.date, e.date_precision, e.status, "
                 "e.confidence, e.context, e.ev_start, e.ev_end")
KEY_COLUMNS = ("type", "mode", "context", "source", "target", "status")  # all key_of reads


def event_rows(con: Any, columns: str = "e.*") -> list[dict[str, Any]]:
    """The store's event mentions with their article's publication date, in report order."""
    return rows(con, f"SELECT {columns}, a.published FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                     "ORDER BY a.published NULLS LAST, e.article_id, e.idx")


def has_clusters(con: Any) -> bool:
    """Whether ``materialize`` has built the merged-event tables in this store."""
    return {"event_clusters", "event_mentions"} <= set(table_names(con))


def list_merged_events(con: Any, pair: str | tuple[str, str] | None = None, kind: str | None = None,
                       since: str | None = None, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Merged events (clusters) from the store: the materialised tables, or merged on the fly from a store
    that has none. Filtered by pair in either order (two state codes, or a pair as typed: 'USA-JPN', see
    ``detente.store.params.parse_pair``), PLOVER type (any case), date from ``since`` (YYYY, YYYY-MM or
    YYYY-MM-DD; undated ones drop out) and status; each with its mentions and their evidence."""
    parties = parse_pair(con, pair) if isinstance(pair, str) else pair
    kind = check_type(kind) if kind is not None else None
    status = check_status(status) if status is not None else None
    lo = parse_bound(since, "since")
    check_limit(limit)
    if has_clusters(con):
        clusters = rows(con, "SELECT * FROM event_clusters ORDER BY cluster_id")
        evidence: dict[int, list[str]] = {}
        mentions: dict[int, list[tuple[str, int]]] = {}
        q = ("SELECT m.cluster_id, m.article_id, m.idx, e.ev_text FROM event_mentions m JOIN events e "
             "ON e.article_id = m.article_id AND e.idx = m.idx ORDER BY m.cluster_id")
        for cid, aid, idx, text in con.execute(q).fetchall():
            evidence.setdefault(cid, []).append(text or "")
            mentions.setdefault(cid, []).append((aid, idx))
        for c in clusters:
            c["evidence"] = evidence.get(c["cluster_id"], [])
            c["mentions"] = mentions.get(c["cluster_id"], [])
    else:
        clusters = merge_events(event_rows(con))
    out = []
    for c in clusters:
        if parties and {c["source"], c["target"]} != set(parties):
            continue
        if kind and c["type"] != kind:
            continue
        if status and c["status"] != status:
            continue
        if lo:
            span = interval(c)
            if span is None or span[1] < lo:
                continue
        out.append(c)
    return out[:limit]
