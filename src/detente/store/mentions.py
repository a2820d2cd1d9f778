"""Event mentions: the store's ``events`` rows, one per event as one article reports it (any status),
with the article and the evidence span. A real-world event reported by several articles has several
mentions; ``detente.store.merge.list_merged_events`` lists them merged, one record per event.
"""

from __future__ import annotations

from typing import Any

from detente.dates import parse_bound
from detente.store.aggregate import Con, day_sql
from detente.store.db import rows
from detente.store.params import actor_condition, check_status, check_type, pair_condition, parse_pair
from detente.store.people import resolve_actor_id
from detente.vocab import quad_sql


def list_mentions(con: Con, pair: str | tuple[str, str] | None = None, type: str | None = None,
                  status: str | None = None, since: str | None = None, until: str | None = None,
                  outlet: str | None = None, actor: str | None = None, limit: int | None = 100,
                  offset: int = 0) -> dict[str, Any]:
    """Event mentions with their article and evidence, oldest first (an event's own date, else its article's
    publication date): {"total": n, "items": [...]}. ``pair`` is two ids or a pair as typed ('USA-JPN', see
    ``detente.store.params.parse_pair``); an actor or a pair side matches at state level (source/target) or
    person level (source_actors/target_actors). ``limit`` None lists them all."""
    where: list[str] = []
    params: list[Any] = []
    if pair:
        sql, pair_params = pair_condition(*(parse_pair(con, pair) if isinstance(pair, str) else pair), alias="e.")
        where.append(sql)
        params += pair_params
    if actor:
        sql, actor_params = actor_condition(resolve_actor_id(con, actor, in_events=True), alias="e.")
        where.append(sql)
        params += actor_params
    if type:
        where.append("e.type = ?")
        params.append(check_type(type))
    if status:
        where.append("e.status = ?")
        params.append(check_status(status))
    if outlet:
        where.append("ar.outlet = ?")
        params.append(outlet)
    day = f"coalesce({day_sql('e.date')}, {day_sql('ar.published')})"
    lo, hi = parse_bound(since, "since"), parse_bound(until, "until", end=True)
    if lo:
        where.append(f"{day} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day} <= ?")
        params.append(hi)
    cond = "WHERE " + " AND ".join(where) if where else ""
    base = f"FROM events e JOIN articles ar ON ar.id = e.article_id {cond}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]  # type: ignore[index]
    found = rows(con, f"""
      SELECT e.article_id, e.idx, e.type, e.mode, {quad_sql('e.type', 'e.score')} AS quad, e.status, e.score,
             e.confidence, e.source, e.target, e.source_actors, e.target_actors, e.date, e.date_precision,
             {day} AS day, e.context, ar.published, ar.outlet, ar.title, e.ev_start, e.ev_end, e.ev_text
      {base} ORDER BY day NULLS LAST, e.article_id, e.idx LIMIT ? OFFSET ?""",
                 params + [limit if limit is not None else total, offset])
    for r in found:
        r["day"] = r["day"].isoformat() if r["day"] else None
        r["evidence"] = {"start": r.pop("ev_start"), "end": r.pop("ev_end"), "text": r.pop("ev_text")}
    return {"total": total, "items": found}
