"""Relations: every pair of actors per period — event counts, tone, trend — with the evidence behind them.

All of it is SQL over the store's tables (events, articles, quotes, actors), grouped in DuckDB, so it scales to
millions of events and works on a read-only store; nothing is written.

- Pairs are unordered for the tone (A-B == B-A, reported with a < b) but keep direction counts (n_ab: a acted on
  b, n_ba: b acted on a).
- level "state": events.source/target (already rolled up to states), leaving out a side tagged unofficial (a
  person who held no state office that day: a candidate, an analyst); level "actor": the person-level
  source_actors/target_actors of each event (the state when an event names no person), so Trump-Abe is a pair.
- Scored events have status occurred/planned; negated/hypothetical ones are counted apart (n_unscored) and
  listed, never scored. events.score is the signed PLOVER tone weight (cooperation > 0, conflict < 0).
- An event's day is its own date (partial dates pad to the first day, an ISO week to its Monday) or else its
  article's publication date; ``when`` / ``when_precision`` / ``when_inferred`` keep it as it was known, for
  display ("2016", "2017-09", "2017-09-05 (inferred)"). An event counts in a period only when its date is at
  least that precise: "in May" of a 2018 article is in no month of a by-month series unless its month is known.
- Remembered events: dated (to their last day) more than a month before the earliest article of the selection
  ("the 2014 meeting" recalled in 2018); listed and shown at their own date, never fitted into a trend.
- Deduplication: if the merge's table ``event_mentions(cluster_id, article_id, idx)`` exists (``materialize``, run
  by every ingest), one event per cluster is counted per pair (per outlet, when outlets are compared);
  otherwise every row counts.
- Trend (``detente.store.trend``): Theil–Sen slope over the reporting-period days with Sen's 90% interval;
  warming/cooling only when the interval excludes no change, stable otherwise, null with fewer than two dated
  periods. The events that drive it are those with the largest (t - mean t) * (score - mean score) in the
  trend's direction, remembered events excluded.
- Quotes about a pair: a quote whose speaker belongs to one side (state level: the speaker's country) and whose
  text span contains a mention of the other side (an actor of that side, or any actor of that country).

This module holds the base relations (``pair_events_sql``: one row per counted event and pair;
``quote_pairs_sql``: one row per quote and the side it speaks about) and the summary built on them; the
views are ``detente.store.relations`` (pairs, one pair), ``detente.store.network`` and, for single event
mentions, ``detente.store.mentions``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import duckdb

from detente.dates import parse_bound
from detente.kb.knowledge import load_kb
from detente.store.params import check_choice
from detente.store.trend import trend
from detente.vocab import QUADS, SCORED_STATUSES, UNOFFICIAL_SOURCE, UNOFFICIAL_TARGET, quad_sql

PERIODS = ("week", "month", "year")
LEVELS = ("state", "actor")
# |mean score| below this is "mixed": the PLOVER scale runs -10..+10 and a plain CONSULT is +2.5.
TONE_MARGIN = 1.0
SECONDS_PER_YEAR = 365.2425 * 86400

Con = duckdb.DuckDBPyConnection


def day_sql(col: str) -> str:
    """An ISO date, ISO week, year-month or year as a DATE (padded to the first day); anything else NULL."""
    week = (f"CAST(date_trunc('week', make_date(CAST(left({col}, 4) AS INTEGER), 1, 4)) "
            f"+ to_days((CAST(substr({col}, 7, 2) AS INTEGER) - 1) * 7) AS DATE)")
    return (f"CASE WHEN regexp_full_match({col}, '\\d{{4}}-W\\d\\d') THEN {week} ELSE "
            f"try_cast(CASE length({col}) WHEN 4 THEN {col} || '-01-01' WHEN 7 THEN {col} || '-01' "
            f"ELSE left({col}, 10) END AS DATE) END")


def last_day_sql(col: str) -> str:
    """The last day an ISO date, week, year-month or year covers, as a DATE; anything else NULL."""
    first = day_sql(col)
    return (f"CASE WHEN regexp_full_match({col}, '\\d{{4}}-W\\d\\d') THEN CAST({first} + INTERVAL 6 DAY AS DATE) "
            f"WHEN length({col}) = 7 THEN last_day({first}) "
            f"WHEN length({col}) = 4 THEN make_date(year({first}), 12, 31) ELSE {first} END")


# A period holds an event only when the event's date is at least that precise.
PERIOD_PRECISIONS = {"week": ("day", "week"), "month": ("day", "week", "month"),
                     "year": ("day", "week", "month", "year")}


def article_filter(outlet: str | None = None, since: str | None = None, until: str | None = None,
                   alias: str = "ar.") -> tuple[list[str], list[Any]]:
    """WHERE conditions (and parameters) on an articles row: its outlet, its publication day within since/until."""
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append(f"{alias}outlet = ?")
        params.append(outlet)
    day = day_sql(f"{alias}published")
    if lo:
        where.append(f"{day} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day} <= ?")
        params.append(hi)
    return where, params


def _has_clusters(con: Con) -> bool:
    """Whether the merge's mention -> cluster table (``detente.store.merge``) is in the store."""
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_mentions'").fetchall()}
    return {"article_id", "idx", "cluster_id"} <= cols


def _tagged(column: str, tag: str) -> str:
    """SQL: the comma-separated tag list in ``column`` holds ``tag`` (a constant of ours, never user text)."""
    return f"list_contains(string_split(coalesce({column}, ''), ','), '{tag}')"


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
        sides = (f"CASE WHEN {_tagged('ev.context', UNOFFICIAL_SOURCE)} THEN NULL ELSE ev.source END AS src, "
                 f"CASE WHEN {_tagged('ev.context', UNOFFICIAL_TARGET)} THEN NULL ELSE ev.target END AS tgt FROM ev")
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
    cluster_col = ("coalesce(CAST(c.cluster_id AS VARCHAR), e.article_id || '#' || e.idx)" if clusters
                   else "e.article_id || '#' || e.idx")
    cluster_join = "LEFT JOIN event_mentions c ON c.article_id = e.article_id AND c.idx = e.idx" if clusters else ""
    dedup = ""
    if clusters:
        part = "a, b, cluster" + (", outlet" if per_outlet else "")
        dedup = (f"QUALIFY row_number() OVER (PARTITION BY {part} "
                 "ORDER BY confidence DESC NULLS LAST, article_id, idx) = 1")
    sql = f"""
      WITH raw AS (
        SELECT * FROM (
          SELECT e.article_id, e.idx, e.type, e.mode, e.status, e.score, e.confidence, e.date, e.date_precision,
                 e.source, e.target, e.source_actors, e.target_actors, e.context, e.ev_start, e.ev_end, e.ev_text,
                 ar.outlet, ar.title, ar.published, {cluster_col} AS cluster,
                 coalesce({day_sql('e.date')}, {day_sql('ar.published')}) AS day,
                 CASE WHEN {day_sql('e.date')} IS NOT NULL THEN e.date ELSE ar.published END AS "when",
                 CASE WHEN {day_sql('e.date')} IS NOT NULL THEN e.date_precision ELSE ar.published_precision END
                   AS when_precision,
                 {day_sql('e.date')} IS NULL AND coalesce(ar.published_inferred, false) AS when_inferred,
                 {last_day_sql('e.date')} AS last_day, {day_sql('ar.published')} AS published_day
          FROM events e JOIN articles ar ON ar.id = e.article_id {cluster_join})
        {'WHERE ' + ' AND '.join(where) if where else ''}),
      ev AS (SELECT *, coalesce(last_day < min(published_day) OVER () - INTERVAL 31 DAY, false) AS remembered
             FROM raw),
      sides AS (SELECT ev.*, {sides}),
      paired AS (
        SELECT *, least(src, tgt) AS a, greatest(src, tgt) AS b, src < tgt AS forward,
               CASE WHEN when_precision IN ({', '.join(repr(p) for p in PERIOD_PRECISIONS[period])})
                    THEN date_trunc('{period}', day)::DATE END AS period,
               status IN ({', '.join(repr(s) for s in SCORED_STATUSES)}) AS scored,
               {quad_sql()} AS quad
        FROM sides WHERE {' AND '.join(pair_where)})
      SELECT * FROM paired {dedup}"""
    return sql, params + pair_params


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
  count(DISTINCT period) FILTER (WHERE scored AND NOT remembered) AS n_periods,
  count(*) FILTER (WHERE scored AND remembered) AS n_remembered"""


def trend_points(con: Con, base: str, params: list[Any], by: tuple[str, ...] = ("a", "b")
                 ) -> dict[tuple[Any, ...], list[tuple[float, float]]]:
    """The reporting-period points each group's trend is fitted on: (t in years, mean score of the day)."""
    keys = ", ".join(by)
    sql = (f"SELECT {keys}, epoch(day) / {SECONDS_PER_YEAR} AS t, avg(score) AS y FROM ({base}) "
           f"WHERE scored AND NOT remembered AND period IS NOT NULL AND score IS NOT NULL GROUP BY {keys}, day")
    out: dict[tuple[Any, ...], list[tuple[float, float]]] = {}
    for *key, t, y in con.execute(sql, params).fetchall():
        out.setdefault(tuple(key), []).append((float(t), float(y)))
    return out


def tone(mean: float | None) -> str | None:
    if mean is None:
        return None
    return "cooperative" if mean >= TONE_MARGIN else "hostile" if mean <= -TONE_MARGIN else "mixed"


def pair_summary(row: dict[str, Any], points: list[tuple[float, float]] | None = None) -> dict[str, Any]:
    """One summary row from SQL (and the points its trend is fitted on) -> the JSON-ready pair summary."""
    out = {k: row[k] for k in ("a", "b", "n", "n_unscored", "n_ab", "n_ba", "score_sum", "score_mean")}
    out["by_quad"] = {q: row[q] for q in QUADS}
    out["coop"] = row["verbal_coop"] + row["material_coop"]
    out["conflict"] = row["verbal_conflict"] + row["material_conflict"]
    out["by_type"] = dict(sorted((row["by_type"] or {}).items()))
    out["tone"] = tone(row["score_mean"])
    out["trend"] = trend(points or [], row["n_periods"], row.get("n_remembered") or 0)
    out["first"] = row["first"].isoformat() if row["first"] else None
    out["last"] = row["last"].isoformat() if row["last"] else None
    out["n_periods"] = row["n_periods"]
    return out


def empty_summary_row(a: str, b: str) -> dict[str, Any]:
    """The summary row of a pair with no event (its quotes alone bring it to the pair view)."""
    zero = dict.fromkeys(("n", "n_unscored", "n_ab", "n_ba", "n_periods", "n_remembered", *QUADS), 0)
    none = dict.fromkeys(("score_sum", "score_mean", "by_type", "first", "last"))
    return {"a": a, "b": b, **zero, **none}


def quote_pairs_sql(level: str = "state", outlet: str | None = None, since: str | None = None,
                    until: str | None = None) -> tuple[str, list[Any]]:
    """One row per (quote, speaker side, side mentioned inside the quote): who speaks about whom."""
    check_choice(level, LEVELS, "level")
    where, params = article_filter(outlet, since, until)
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
    """(a, b) with a < b -> how many quotes one side speaks about the other."""
    base, params = quote_pairs_sql(level, outlet, since, until)
    sql = (f"SELECT least(speaker_side, about) AS a, greatest(speaker_side, about) AS b, "
           f"count(DISTINCT article_id || '#' || idx) AS n FROM ({base}) GROUP BY ALL")
    return {(a, b): n for a, b, n in con.execute(sql, params).fetchall()}


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


def relations_sql(con: Con, period: str = "month", level: str = "state",
                  outlet: str | None = None) -> tuple[str, list[Any]]:
    """One row per pair and period: event counts by quad class, sum and mean PLOVER score (the notebook's
    ``relations`` table), over the same per-event relation as every aggregate."""
    base, params = pair_events_sql(con, period, level, outlet)
    quads = ", ".join(f"count(*) FILTER (WHERE scored AND quad = '{q}') AS {q}" for q in QUADS)
    sql = f"""SELECT a, b, period, count(*) FILTER (WHERE scored) AS n,
                     count(*) FILTER (WHERE NOT scored) AS n_unscored, {quads},
                     round(sum(score) FILTER (WHERE scored), 3) AS score_sum,
                     round(avg(score) FILTER (WHERE scored), 3) AS score_mean
              FROM ({base}) GROUP BY a, b, period ORDER BY a, b, period NULLS LAST"""
    return sql, params
