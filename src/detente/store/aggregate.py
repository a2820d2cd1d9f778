"""Relations: every pair of actors per period — event counts, tone, trend — with the evidence behind them.

All of it is SQL over the store's tables (events, articles, quotes, actors), grouped in DuckDB, so it scales to
millions of events and works on a read-only store; nothing is written.

- Pairs are unordered for the tone (A-B == B-A, reported with a < b) but keep direction counts (n_ab: a acted on
  b, n_ba: b acted on a).
- level "state": events.source/target (already rolled up to states); level "actor": the person-level
  source_actors/target_actors of each event (the state when an event names no person), so Trump-Abe is a pair.
- Scored events have status occurred/planned; negated/hypothetical ones are counted apart (n_unscored) and
  listed, never scored. events.score is the signed PLOVER tone weight (cooperation > 0, conflict < 0).
- An event's day is its own date (partial dates pad to the first day) or else its article's publication date.
- Deduplication: if the table ``event_clusters(article_id, idx, cluster_id)`` exists (cross-article merge), one
  event per cluster is counted per pair (per outlet, when outlets are compared); otherwise every row counts.
- Trend: least-squares slope of event scores over time (equal to a count-weighted regression of the per-period
  means); ``change`` is the slope times the observed span. warming/cooling when |change| >= TREND_MIN_CHANGE,
  stable otherwise, null with fewer than two dated periods. The events that drive it are those with the
  largest (t - mean t) * (score - mean score) in the trend's direction.
- Quotes about a pair: a quote whose speaker belongs to one side (state level: the speaker's country) and whose
  text span contains a mention of the other side (an actor of that side, or any actor of that country).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import duckdb

from detente.errors import UsageError
from detente.kb.knowledge import load_kb

PERIODS = ("week", "month", "year")
LEVELS = ("state", "actor")
SCORED_STATUSES = ("occurred", "planned")
QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
QUAD_TYPES = {  # PLOVER/CAMEO quad classes; REQUEST follows the sign of its score (see quad_sql)
    "verbal_coop": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material_coop": ("COOPERATE", "AID", "RETREAT"),
    "verbal_conflict": ("ACCUSE", "REJECT", "THREATEN"),
    "material_conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
PLOVER_TYPES = tuple(sorted({t for types in QUAD_TYPES.values() for t in types} | {"REQUEST"}))
# |mean score| below this is "mixed": the PLOVER scale runs -10..+10 and a plain CONSULT is +2.5.
TONE_MARGIN = 1.0
# A trend needs the fitted line to move at least this many score points over the observed span.
TREND_MIN_CHANGE = 1.0
SECONDS_PER_YEAR = 365.2425 * 86400
DATE_ARG = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Con = duckdb.DuckDBPyConnection


def quad_sql(type_col: str = "type", score_col: str = "score") -> str:
    whens = " ".join(f"WHEN {type_col} IN ({', '.join(repr(t) for t in types)}) THEN '{quad}'"
                     for quad, types in QUAD_TYPES.items())
    return (f"CASE {whens} WHEN {type_col} = 'REQUEST' THEN CASE WHEN {score_col} > 0 THEN 'verbal_coop' "
            f"ELSE 'verbal_conflict' END END")


def day_sql(col: str) -> str:
    """An ISO date, year-month or year as a DATE (padded to the first day); anything else NULL."""
    return (f"try_cast(CASE length({col}) WHEN 4 THEN {col} || '-01-01' WHEN 7 THEN {col} || '-01' "
            f"ELSE left({col}, 10) END AS DATE)")


def parse_bound(value: str | None, name: str, end: bool = False) -> date | None:
    """since/until as YYYY, YYYY-MM or YYYY-MM-DD; until covers the whole year or month it names."""
    if value is None or value == "":
        return None
    if not DATE_ARG.match(value):
        raise UsageError(f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            if not end:
                return date(parts[0], parts[1], 1)
            nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a calendar date") from None


def check_choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise UsageError(f"{name} {value!r} is not one of: {', '.join(allowed)}")
    return value


def _has_clusters(con: Con) -> bool:
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_clusters'").fetchall()}
    return {"article_id", "idx", "cluster_id"} <= cols


def pair_events_sql(con: Con, period: str = "month", level: str = "state", outlet: str | None = None,
                    since: str | None = None, until: str | None = None, pair: tuple[str, str] | None = None,
                    actor: str | None = None, per_outlet: bool = False) -> tuple[str, list[Any]]:
    """SQL (and parameters) for one row per counted (event, pair): the base relation of every aggregate."""
    check_choice(period, PERIODS, "period")
    check_choice(level, LEVELS, "level")
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    clusters = _has_clusters(con)
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    if lo:
        where.append("day >= ?")
        params.append(lo)
    if hi:
        where.append("day <= ?")
        params.append(hi)
    if level == "state":
        sides = "ev.source AS src, ev.target AS tgt FROM ev"
    else:
        sides = ("s.src, t.tgt FROM ev, "
                 "unnest(CASE WHEN len(ev.source_actors) > 0 THEN ev.source_actors ELSE [ev.source] END) s(src), "
                 "unnest(CASE WHEN len(ev.target_actors) > 0 THEN ev.target_actors ELSE [ev.target] END) t(tgt)")
    pair_where = ["src IS NOT NULL", "tgt IS NOT NULL", "src <> tgt"]
    pair_params: list[Any] = []
    if pair:
        pair_where.append("least(src, tgt) = ? AND greatest(src, tgt) = ?")
        pair_params += sorted(pair)
    if actor:
        pair_where.append("(src = ? OR tgt = ?)")
        pair_params += [actor, actor]
    cluster_col = ("coalesce(c.cluster_id, e.article_id || '#' || e.idx)" if clusters
                   else "e.article_id || '#' || e.idx")
    cluster_join = "LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.idx = e.idx" if clusters else ""
    dedup = ""
    if clusters:
        part = "a, b, cluster" + (", outlet" if per_outlet else "")
        dedup = (f"QUALIFY row_number() OVER (PARTITION BY {part} "
                 "ORDER BY confidence DESC NULLS LAST, article_id, idx) = 1")
    sql = f"""
      WITH ev AS (
        SELECT * FROM (
          SELECT e.article_id, e.idx, e.type, e.mode, e.status, e.score, e.confidence, e.date, e.date_precision,
                 e.source, e.target, e.source_actors, e.target_actors, e.ev_start, e.ev_end, e.ev_text,
                 ar.outlet, ar.title, ar.published, {cluster_col} AS cluster,
                 coalesce({day_sql('e.date')}, {day_sql('ar.published')}) AS day
          FROM events e JOIN articles ar ON ar.id = e.article_id {cluster_join})
        {'WHERE ' + ' AND '.join(where) if where else ''}),
      sides AS (SELECT ev.*, {sides}),
      paired AS (
        SELECT *, least(src, tgt) AS a, greatest(src, tgt) AS b, src < tgt AS forward,
               date_trunc('{period}', day)::DATE AS period,
               status IN ({', '.join(repr(s) for s in SCORED_STATUSES)}) AS scored,
               {quad_sql()} AS quad
        FROM sides WHERE {' AND '.join(pair_where)})
      SELECT * FROM paired {dedup}"""
    return sql, params + pair_params


def _rows(con: Con, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=False)) for r in cur.fetchall()]


SUMMARY_COLUMNS = f"""
  count(*) FILTER (WHERE scored) AS n,
  count(*) FILTER (WHERE NOT scored) AS n_unscored,
  count(*) FILTER (WHERE scored AND forward) AS n_ab,
  count(*) FILTER (WHERE scored AND NOT forward) AS n_ba,
  {', '.join(f"count(*) FILTER (WHERE scored AND quad = '{q}') AS {q}" for q in QUADS)},
  histogram(type) FILTER (WHERE scored) AS by_type,
  round(sum(score) FILTER (WHERE scored), 3) AS score_sum,
  round(avg(score) FILTER (WHERE scored), 3) AS score_mean,
  min(period) FILTER (WHERE scored) AS first, max(period) FILTER (WHERE scored) AS last,
  count(DISTINCT period) FILTER (WHERE scored) AS n_periods,
  regr_slope(score, epoch(period) / {SECONDS_PER_YEAR}) FILTER (WHERE scored AND period IS NOT NULL) AS slope,
  (max(epoch(period)) FILTER (WHERE scored) - min(epoch(period)) FILTER (WHERE scored)) / {SECONDS_PER_YEAR}
    AS span_years"""


def tone(mean: float | None) -> str | None:
    if mean is None:
        return None
    return "cooperative" if mean >= TONE_MARGIN else "hostile" if mean <= -TONE_MARGIN else "mixed"


def trend(slope: float | None, span_years: float | None, n_periods: int) -> dict[str, Any]:
    if n_periods < 2 or slope is None or not span_years:
        return {"label": None, "slope_per_year": None, "change": None,
                "why": "fewer than two periods with scored events"}
    change = slope * span_years
    label = "warming" if change >= TREND_MIN_CHANGE else "cooling" if change <= -TREND_MIN_CHANGE else "stable"
    return {"label": label, "slope_per_year": round(slope, 3), "change": round(change, 3), "why": None}


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    """One summary row from SQL -> the JSON-ready pair summary."""
    out = {k: row[k] for k in ("a", "b", "n", "n_unscored", "n_ab", "n_ba", "score_sum", "score_mean")}
    out["by_quad"] = {q: row[q] for q in QUADS}
    out["coop"] = row["verbal_coop"] + row["material_coop"]
    out["conflict"] = row["verbal_conflict"] + row["material_conflict"]
    out["by_type"] = dict(sorted((row["by_type"] or {}).items()))
    out["tone"] = tone(row["score_mean"])
    out["trend"] = trend(row["slope"], row["span_years"], row["n_periods"])
    out["first"] = row["first"].isoformat() if row["first"] else None
    out["last"] = row["last"].isoformat() if row["last"] else None
    out["n_periods"] = row["n_periods"]
    return out


def pairs(con: Con, period: str = "month", level: str = "state", outlet: str | None = None,
          since: str | None = None, until: str | None = None, actor: str | None = None,
          min_events: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Every pair with counts, tone and trend, busiest first; n_quotes and names are attached."""
    base, params = pair_events_sql(con, period, level, outlet, since, until, actor=actor)
    sql = (f"SELECT a, b, {SUMMARY_COLUMNS} FROM ({base}) GROUP BY a, b "
           "HAVING count(*) FILTER (WHERE scored) + count(*) FILTER (WHERE NOT scored) >= ? "
           "ORDER BY n DESC, n_unscored DESC, a, b")
    params = params + [max(min_events, 1)]
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    found = [_finish(r) for r in _rows(con, sql, params)]
    quotes = quote_counts(con, level, outlet, since, until)
    names = actor_names(con, {x for p in found for x in (p["a"], p["b"])})
    for p in found:
        p["n_quotes"] = quotes.get((p["a"], p["b"]), 0)
        p["names"] = {"a": names.get(p["a"], p["a"]), "b": names.get(p["b"], p["b"])}
    return found


def series(con: Con, a: str, b: str, period: str = "month", level: str = "state", outlet: str | None = None,
           since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """The pair's score per period (dated events only), oldest first."""
    base, params = pair_events_sql(con, period, level, outlet, since, until, pair=(a, b))
    sql = (f"SELECT period, {SUMMARY_COLUMNS} FROM ({base}) WHERE period IS NOT NULL "
           "GROUP BY period ORDER BY period")
    out = []
    for r in _rows(con, sql, params):
        out.append({"period": r["period"].isoformat(), "n": r["n"], "n_unscored": r["n_unscored"],
                    "score_sum": r["score_sum"], "score_mean": r["score_mean"],
                    "by_quad": {q: r[q] for q in QUADS}})
    return out


def pair_events(con: Con, a: str, b: str, period: str = "month", level: str = "state", outlet: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Every event of the pair (scored or not) with its evidence and its weight in the trend, oldest first."""
    base, params = pair_events_sql(con, period, level, outlet, since, until, pair=(a, b))
    sql = f"""
      WITH p AS ({base}),
      s AS (SELECT *, epoch(period) / {SECONDS_PER_YEAR} AS t FROM p),
      m AS (SELECT avg(t) FILTER (WHERE scored) AS mt, avg(score) FILTER (WHERE scored) AS ms FROM s)
      SELECT s.*, CASE WHEN scored THEN (t - mt) * (score - ms) END AS pull
      FROM s, m ORDER BY day NULLS LAST, article_id, idx LIMIT ?"""
    out = []
    for r in _rows(con, sql, params + [limit]):
        out.append({
            "article_id": r["article_id"], "idx": r["idx"], "type": r["type"], "mode": r["mode"],
            "quad": r["quad"], "status": r["status"], "scored": r["scored"], "score": r["score"],
            "confidence": r["confidence"], "source": r["src"], "target": r["tgt"], "date": r["date"],
            "day": r["day"].isoformat() if r["day"] else None,
            "period": r["period"].isoformat() if r["period"] else None,
            "outlet": r["outlet"], "title": r["title"],
            "evidence": {"start": r["ev_start"], "end": r["ev_end"], "text": r["ev_text"]},
            "pull": None if r["pull"] is None else round(r["pull"], 4)})
    return out


def by_outlet(con: Con, a: str, b: str, level: str = "state", since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
    """The same pair as each outlet portrays it."""
    base, params = pair_events_sql(con, "month", level, None, since, until, pair=(a, b), per_outlet=True)
    sql = (f"SELECT a, b, coalesce(outlet, '(unknown outlet)') AS outlet, {SUMMARY_COLUMNS} FROM ({base}) "
           "GROUP BY a, b, outlet ORDER BY n DESC, outlet")
    return [{"outlet": r["outlet"], **_finish(r)} for r in _rows(con, sql, params)]


def quote_pairs_sql(level: str = "state", outlet: str | None = None, since: str | None = None,
                    until: str | None = None) -> tuple[str, list[Any]]:
    """One row per (quote, speaker side, side mentioned inside the quote): who speaks about whom."""
    check_choice(level, LEVELS, "level")
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("ar.outlet = ?")
        params.append(outlet)
    day = day_sql("ar.published")
    if lo:
        where.append(f"{day} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day} <= ?")
        params.append(hi)
    side = "CASE WHEN kind = 'state' THEN actor_id ELSE country END" if level == "state" else "actor_id"
    speaker_side = ("coalesce(sp.side, CASE WHEN q.speaker_id SIMILAR TO '[A-Z]{3}' THEN q.speaker_id END)"
                    if level == "state" else "q.speaker_id")
    sql = f"""
      WITH sides AS (SELECT article_id, actor_id, any_value({side}) AS side FROM actors GROUP BY ALL),
      mentioned AS (
        SELECT article_id, side, m.start AS m_start, m."end" AS m_end
        FROM (SELECT article_id, {side} AS side,
                     unnest(json_transform(mentions, '[{{"start":"INTEGER","end":"INTEGER"}}]')) AS m
              FROM actors) WHERE side IS NOT NULL),
      q AS (
        SELECT q.*, ar.outlet, ar.published, ar.title, {speaker_side} AS speaker_side
        FROM quotes q JOIN articles ar ON ar.id = q.article_id
        LEFT JOIN sides sp ON sp.article_id = q.article_id AND sp.actor_id = q.speaker_id
        {'WHERE ' + ' AND '.join(where) if where else ''})
      SELECT DISTINCT q.article_id, q.idx, q.start, q."end", q.text, q.kind, q.speaker_id, q.speaker_name,
             q.speaker_description, q.anonymous, q.outlet, q.published, q.title,
             q.speaker_side, mentioned.side AS about
      FROM q JOIN mentioned ON mentioned.article_id = q.article_id
        AND mentioned.m_start >= q.start AND mentioned.m_end <= q."end"
      WHERE q.speaker_side IS NOT NULL AND mentioned.side <> q.speaker_side"""
    return sql, params


def quote_counts(con: Con, level: str = "state", outlet: str | None = None, since: str | None = None,
                 until: str | None = None) -> dict[tuple[str, str], int]:
    base, params = quote_pairs_sql(level, outlet, since, until)
    sql = (f"SELECT least(speaker_side, about) AS a, greatest(speaker_side, about) AS b, "
           f"count(DISTINCT article_id || '#' || idx) AS n FROM ({base}) GROUP BY ALL")
    return {(a, b): n for a, b, n in con.execute(sql, params).fetchall()}


def pair_quotes(con: Con, a: str, b: str, level: str = "state", outlet: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Quotes in which one side of the pair speaks about the other, oldest first."""
    base, params = quote_pairs_sql(level, outlet, since, until)
    sql = (f"SELECT * FROM ({base}) WHERE (speaker_side = ? AND about = ?) OR (speaker_side = ? AND about = ?) "
           "ORDER BY published NULLS LAST, article_id, idx LIMIT ?")
    return _rows(con, sql, params + [a, b, b, a, limit])


@lru_cache(maxsize=1)
def kb_names() -> dict[str, str]:
    """id -> name of the states and IGOs of the packaged knowledge base (for ids no article row names)."""
    kb = load_kb()
    return {**{s.id: s.name for s in kb.states.values()}, **{g.id: g.name for g in kb.igos.values()}}


def actor_names(con: Con, ids: set[str] | list[str]) -> dict[str, str]:
    """The most used name of each actor id across articles, else its knowledge-base name."""
    ids = list(ids)
    if not ids:
        return {}
    sql = ("SELECT actor_id, arg_max(name, n) FROM (SELECT actor_id, name, sum(n_mentions) AS n FROM actors "
           "WHERE actor_id IN (SELECT unnest(?)) GROUP BY ALL) GROUP BY actor_id")
    found = dict(con.execute(sql, [ids]).fetchall())
    kb = kb_names()
    return {i: found.get(i) or kb.get(i, i) for i in ids}


def pair(con: Con, a: str, b: str, period: str = "month", level: str = "state", outlet: str | None = None,
         since: str | None = None, until: str | None = None, limit: int = 500) -> dict[str, Any] | None:
    """Everything about one pair: summary, time series, events, quotes, per-outlet view, trend drivers.
    None when the store holds neither events nor quotes for it."""
    if a == b:
        raise UsageError(f"a pair needs two different actors; got {a!r} twice")
    a, b = sorted((a, b))
    base, params = pair_events_sql(con, period, level, outlet, since, until, pair=(a, b))
    rows = _rows(con, f"SELECT a, b, {SUMMARY_COLUMNS} FROM ({base}) GROUP BY a, b", params)
    quotes = pair_quotes(con, a, b, level, outlet, since, until)
    if not rows and not quotes:
        return None
    summary = _finish(rows[0]) if rows else _finish(_empty_row(a, b))
    summary["n_quotes"] = len({(q["article_id"], q["idx"]) for q in quotes})
    names = actor_names(con, [a, b])
    summary["names"] = {"a": names.get(a, a), "b": names.get(b, b)}
    events = pair_events(con, a, b, period, level, outlet, since, until, limit)
    label = summary["trend"]["label"]
    sign = 1 if label == "warming" else -1 if label == "cooling" else 0
    drivers = sorted((e for e in events if e["pull"] is not None and e["pull"] * sign > 0),
                     key=lambda e: -abs(e["pull"]))[:5] if sign else []
    summary["trend"]["drivers"] = [{"article_id": e["article_id"], "idx": e["idx"]} for e in drivers]
    return {"pair": summary, "period": period, "level": level, "outlet": outlet,
            "series": series(con, a, b, period, level, outlet, since, until),
            "events": events, "quotes": quotes,
            "by_outlet": by_outlet(con, a, b, level, since, until) if not outlet else []}


def _empty_row(a: str, b: str) -> dict[str, Any]:
    zero = dict.fromkeys(("n", "n_unscored", "n_ab", "n_ba", "n_periods", *QUADS), 0)
    none = dict.fromkeys(("score_sum", "score_mean", "by_type", "first", "last", "slope", "span_years"))
    return {"a": a, "b": b, **zero, **none}


def graph(con: Con, level: str = "state", outlet: str | None = None, since: str | None = None,
          until: str | None = None, min_events: int = 1, limit: int = 150, isolated: bool = False) -> dict[str, Any]:
    """Nodes (actors sized by mentions) and edges (pairs weighted by events, toned by mean score). Nodes are
    the actors with an edge, busiest first; actors only mentioned join with ``isolated`` or when no edge
    exists. At state level a person or organisation counts towards its country's mentions."""
    edges = pairs(con, "month", level, outlet, since, until, min_events=min_events)
    side = "CASE WHEN kind = 'state' THEN actor_id ELSE country END" if level == "state" else "actor_id"
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("ar.outlet = ?")
        params.append(outlet)
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    if lo:
        where.append(f"{day_sql('ar.published')} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day_sql('ar.published')} <= ?")
        params.append(hi)
    sql = (f"SELECT {side} AS id, sum(n_mentions) AS mentions, count(DISTINCT article_id) AS articles, "
           f"any_value(kind) FILTER (WHERE {side} = actor_id) AS kind "
           f"FROM actors JOIN articles ar ON ar.id = actors.article_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY 1 HAVING id IS NOT NULL "
           "ORDER BY mentions DESC, id")
    mentioned = {r["id"]: r for r in _rows(con, sql, params)}
    degree: dict[str, int] = {}
    for e in edges:
        for x in (e["a"], e["b"]):
            degree[x] = degree.get(x, 0) + e["n"] + e["n_unscored"]

    def mentions(i: str) -> int:
        return int((mentioned.get(i) or {}).get("mentions") or 0)

    ids = sorted(degree, key=lambda i: (-degree[i], -mentions(i), i))
    if isolated or not edges:
        ids += [i for i in mentioned if i not in degree]
    ids = ids[:max(limit, 1)]
    chosen = set(ids)
    names = actor_names(con, ids)
    out_edges = [{"source": e["a"], "target": e["b"], "weight": e["n"], "n_unscored": e["n_unscored"],
                  "tone": e["score_mean"], "label": e["tone"], "trend": e["trend"]["label"], "n_quotes": e["n_quotes"]}
                 for e in edges if e["a"] in chosen and e["b"] in chosen]
    nodes = [{"id": i, "name": names.get(i, i),
              "kind": (mentioned.get(i) or {}).get("kind") or ("state" if i.isupper() and len(i) == 3 else None),
              "mentions": mentions(i), "articles": int((mentioned.get(i) or {}).get("articles") or 0),
              "events": degree.get(i, 0)}
             for i in ids]
    return {"level": level, "outlet": outlet, "nodes": nodes, "edges": out_edges}


STATUSES = ("occurred", "planned", "negated", "hypothetical")


def list_events(con: Con, pair: tuple[str, str] | None = None, type: str | None = None, status: str | None = None,
                since: str | None = None, until: str | None = None, outlet: str | None = None,
                actor: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Events (one row each, any status) with their article and evidence, oldest first; an actor or a pair
    side matches at state level (source/target) or person level (source_actors/target_actors)."""
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    where: list[str] = []
    params: list[Any] = []
    side = "(e.{s} = ? OR list_contains(e.{s}_actors, ?))"
    if pair:
        x, y = pair
        src, tgt = side.format(s="source"), side.format(s="target")
        where.append(f"(({src} AND {tgt}) OR ({src} AND {tgt}))")
        params += [x, x, y, y, y, y, x, x]
    if actor:
        where.append(f"({side.format(s='source')} OR {side.format(s='target')})")
        params += [actor] * 4
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if status:
        where.append("e.status = ?")
        params.append(check_choice(status, STATUSES, "status"))
    if outlet:
        where.append("ar.outlet = ?")
        params.append(outlet)
    day = f"coalesce({day_sql('e.date')}, {day_sql('ar.published')})"
    if lo:
        where.append(f"{day} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day} <= ?")
        params.append(hi)
    cond = "WHERE " + " AND ".join(where) if where else ""
    base = f"FROM events e JOIN articles ar ON ar.id = e.article_id {cond}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]  # type: ignore[index]
    rows = _rows(con, f"""
      SELECT e.article_id, e.idx, e.type, e.mode, {quad_sql('e.type', 'e.score')} AS quad, e.status, e.score,
             e.confidence, e.source, e.target, e.source_actors, e.target_actors, e.date, e.date_precision,
             {day} AS day, ar.outlet, ar.title, e.ev_start, e.ev_end, e.ev_text
      {base} ORDER BY day NULLS LAST, e.article_id, e.idx LIMIT ? OFFSET ?""", params + [limit, offset])
    for r in rows:
        r["day"] = r["day"].isoformat() if r["day"] else None
        r["evidence"] = {"start": r.pop("ev_start"), "end": r.pop("ev_end"), "text": r.pop("ev_text")}
    return {"total": total, "items": rows}
