"""Relations between actors, read from the store: every pair (``pairs``), and one pair in full (``pair``:
its summary, time series, events with their weight in the trend, quotes, and the view of each outlet).

Built on the base relations of ``detente.store.aggregate`` (its docstring says how events are counted,
scored, deduplicated and dated, and how a trend is fitted). Nothing here writes.
"""

from __future__ import annotations

from typing import Any

from detente.errors import UsageError
from detente.store.aggregate import (
    SECONDS_PER_YEAR,
    SUMMARY_COLUMNS,
    Con,
    actor_names,
    empty_summary_row,
    pair_events_sql,
    pair_summary,
    quote_counts,
    quote_pairs_sql,
    trend_points,
)
from detente.store.db import rows
from detente.vocab import QUADS


def pairs(con: Con, period: str = "month", level: str = "state", outlet: str | None = None,
          since: str | None = None, until: str | None = None, actor: str | None = None,
          min_events: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Every pair with counts, tone and trend, busiest first; n_quotes and names are attached."""
    base, params = pair_events_sql(con, period, level, outlet, since, until, actor=actor)
    points = trend_points(con, base, params)
    sql = (f"SELECT a, b, {SUMMARY_COLUMNS} FROM ({base}) GROUP BY a, b "
           "HAVING count(*) FILTER (WHERE scored) + count(*) FILTER (WHERE NOT scored) >= ? "
           "ORDER BY n DESC, n_unscored DESC, a, b")
    params = params + [max(min_events, 1)]
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    found = [pair_summary(r, points.get((r["a"], r["b"]))) for r in rows(con, sql, params)]
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
    for r in rows(con, sql, params):
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
      m AS (SELECT avg(t) FILTER (WHERE scored AND NOT remembered) AS mt,
                   avg(score) FILTER (WHERE scored AND NOT remembered) AS ms FROM s)
      SELECT s.*, CASE WHEN scored AND NOT remembered THEN (t - mt) * (score - ms) END AS pull
      FROM s, m ORDER BY day NULLS LAST, article_id, idx LIMIT ?"""
    out = []
    for r in rows(con, sql, params + [limit]):
        out.append({
            "article_id": r["article_id"], "idx": r["idx"], "type": r["type"], "mode": r["mode"],
            "quad": r["quad"], "status": r["status"], "scored": r["scored"], "score": r["score"],
            "confidence": r["confidence"], "source": r["src"], "target": r["tgt"], "date": r["date"],
            "day": r["day"].isoformat() if r["day"] else None,
            "when": r["when"], "when_precision": r["when_precision"], "when_inferred": r["when_inferred"],
            "remembered": r["remembered"],
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
    points = trend_points(con, f"SELECT *, coalesce(outlet, '(unknown outlet)') AS o FROM ({base})", params,
                          ("a", "b", "o"))
    return [{"outlet": r["outlet"], **pair_summary(r, points.get((r["a"], r["b"], r["outlet"])))}
            for r in rows(con, sql, params)]


def pair_quotes(con: Con, a: str, b: str, level: str = "state", outlet: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Quotes in which one side of the pair speaks about the other, oldest first."""
    base, params = quote_pairs_sql(level, outlet, since, until)
    sql = (f"SELECT * FROM ({base}) WHERE (speaker_side = ? AND about = ?) OR (speaker_side = ? AND about = ?) "
           "ORDER BY published NULLS LAST, article_id, idx LIMIT ?")
    return rows(con, sql, params + [a, b, b, a, limit])


def default_level(a: str, b: str) -> str:
    """The level a pair is viewed at unless told: state for two state codes, else actor (a person's view)."""
    return "state" if is_state(a) and is_state(b) else "actor"


def is_state(actor_id: str) -> bool:
    return len(actor_id) == 3 and actor_id.isupper()


def pair(con: Con, a: str, b: str, period: str = "month", level: str | None = None, outlet: str | None = None,
         since: str | None = None, until: str | None = None, limit: int = 500) -> dict[str, Any] | None:
    """Everything about one pair: summary, time series, events, quotes, per-outlet view, trend drivers, at
    ``level`` (default: ``default_level``). None when the store holds neither events nor quotes for it."""
    if a == b:
        raise UsageError(f"a pair needs two different actors; got {a!r} twice")
    a, b = sorted((a, b))
    level = level or default_level(a, b)
    base, params = pair_events_sql(con, period, level, outlet, since, until, pair=(a, b))
    found = rows(con, f"SELECT a, b, {SUMMARY_COLUMNS} FROM ({base}) GROUP BY a, b", params)
    quotes = pair_quotes(con, a, b, level, outlet, since, until)
    if not found and not quotes:
        return None
    points = trend_points(con, base, params).get((a, b))
    summary = pair_summary(found[0] if found else empty_summary_row(a, b), points)
    summary["n_quotes"] = len({(q["article_id"], q["idx"]) for q in quotes})
    names = actor_names(con, [a, b])
    summary["names"] = {"a": names.get(a, a), "b": names.get(b, b)}
    events = pair_events(con, a, b, period, level, outlet, since, until, limit)
    label = summary["trend"]["label"]
    sign = 1 if label == "warming" else -1 if label == "cooling" else 0
    drivers = sorted((e for e in events if e["pull"] is not None and e["pull"] * sign > 0),
                     key=lambda e: -abs(e["pull"]))[:5] if sign else []
    summary["trend"]["drivers"] = [{"article_id": e["article_id"], "idx": e["idx"]} for e in drivers]
    if drivers:  # why names the events that move it
        summary["trend"]["why"] += "; moved most by " + ", ".join(
            f"{e['type']} {e['when'] or 'undated'} ({e['source']}→{e['target']})" for e in drivers[:3])
    return {"pair": summary, "period": period, "level": level, "outlet": outlet,
            "series": series(con, a, b, period, level, outlet, since, until),
            "events": events, "quotes": quotes,
            "by_outlet": by_outlet(con, a, b, level, since, until) if not outlet else []}
