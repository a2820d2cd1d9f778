"""Store integrity: the checks behind ``detente check --db FILE``.

Each check is one SQL query over a read-only store that returns the offending rows (a count and a few
examples), so the whole thing scales with DuckDB rather than with Python loops:

- orphans     rows of actors/timexes/quotes/events whose article_id is not in articles
- offsets     every span (article body, removed debris, actor mentions, timexes, quotes, events'
              evidence) lies within its article's text and, where the span keeps its text, equals it
- counts      the result JSON kept with each article lists as many actors/timexes/quotes/events as the
              tables hold for it
- duplicates  an article, actor per article, timex, quote or event stored twice
- derived     merged events and the search index were built from the articles now stored (their stamp,
              ``detente.store.derived``); ``repair_store`` rebuilds what is stale

Offsets are character offsets: DuckDB's length() and substring() count characters, as Python does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.store.db import ARTICLE_TABLES, Store
from detente.store.derived import CLUSTERS, SEARCH_INDEX, refresh, stale

EXAMPLES = 5


@dataclass
class Finding:
    check: str  # orphans | offsets | counts | duplicates | derived
    what: str  # the table or span kind
    count: int
    examples: list[str] = field(default_factory=list)


@dataclass
class Report:
    db: str
    counts: dict[str, int]
    checked: list[str]  # "check: what" for every query run, clean or not
    findings: list[Finding]

    @property
    def clean(self) -> bool:
        return not self.findings


# Span tables: (label, FROM clause yielding article_id, start, end, text-or-NULL, a row label).
_MENTIONS = ("(SELECT article_id, actor_id, unnest(from_json(mentions, "
             "'[{\"start\":\"BIGINT\",\"end\":\"BIGINT\",\"text\":\"VARCHAR\"}]')) AS m FROM actors)")
SPANS = [
    ("article body", "SELECT id AS article_id, body_start AS s, body_end AS e, NULL AS t, 'body' AS label "
                     "FROM articles"),
    ("actor mentions", f"SELECT article_id, m.start AS s, m.\"end\" AS e, m.text AS t, actor_id AS label "
                       f"FROM {_MENTIONS}"),
    ("timexes", "SELECT article_id, start AS s, \"end\" AS e, text AS t, type AS label FROM timexes"),
    ("quotes", "SELECT article_id, start AS s, \"end\" AS e, text AS t, 'quote ' || idx AS label FROM quotes"),
    ("event evidence", "SELECT article_id, ev_start AS s, ev_end AS e, ev_text AS t, 'event ' || idx || ' ' "
                       "|| coalesce(type, '?') AS label FROM events"),
]
# Spans kept only inside the result JSON (no table column holds them).
_QUOTES = ("(SELECT id AS article_id, unnest(from_json(json_extract(result, '$.quotes'), '[{\"cue\": "
           "{\"start\":\"BIGINT\",\"end\":\"BIGINT\",\"text\":\"VARCHAR\"}, \"speaker\": "
           "{\"start\":\"BIGINT\",\"end\":\"BIGINT\"}}]')) AS q FROM articles)")
RESULT_SPANS = [
    ("removed debris", "SELECT article_id, r.start AS s, r.\"end\" AS e, NULL AS t, 'removed ' || r.why AS label "
                       "FROM (SELECT id AS article_id, unnest(from_json(json_extract(result, '$.article.removed'), "
                       "'[{\"start\":\"BIGINT\",\"end\":\"BIGINT\",\"why\":\"VARCHAR\"}]')) AS r FROM articles)"),
    ("quote cues", "SELECT article_id, q.cue.start AS s, q.cue.\"end\" AS e, q.cue.text AS t, 'quote cue' "
                   f"AS label FROM {_QUOTES} WHERE q.cue IS NOT NULL"),
    ("quote speakers", "SELECT article_id, q.speaker.start AS s, q.speaker.\"end\" AS e, NULL AS t, "
                       f"'quote speaker' AS label FROM {_QUOTES} WHERE q.speaker.start IS NOT NULL"),
]

DUPLICATE_KEYS = {
    "articles": "id",
    "actors": "article_id, actor_id",
    "timexes": "article_id, start, \"end\", type, value",
    "quotes": "article_id, idx",
    "events": "article_id, idx",
}


def repair_store(db: str | Path, index_dir: str | Path | None = None) -> list[str]:
    """Rebuild the stale derived data of the store at ``db`` (opened to write); what was rebuilt."""
    with Store(db) as store:
        return refresh(store.con, db, index_dir)


def check_store(db: str | Path, index_dir: str | Path | None = None) -> Report:
    """Run every check on the store at ``db`` (opened read-only). Raises StoreError if it is not one."""
    with Store(db, read_only=True) as store:
        con = store.con
        report = Report(str(db), store.counts(), [], [])

        def run(check: str, what: str, sql: str) -> None:
            report.checked.append(f"{check}: {what}")
            n, examples = _count_and_examples(con, sql)
            if n:
                report.findings.append(Finding(check, what, n, examples))

        for table in ARTICLE_TABLES:
            run("orphans", table, f"SELECT 'article_id ' || coalesce(t.article_id, 'NULL') AS x FROM {table} t "
                                  "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)")
        for what, source in SPANS:
            run("offsets", what, _offsets_sql(source))
        for what, source in RESULT_SPANS:
            run("offsets", what, _offsets_sql(source))
        for table in ARTICLE_TABLES:
            run("counts", table, _counts_sql(table))
        for table, key in DUPLICATE_KEYS.items():
            run("duplicates", table, f"SELECT '{table} (' || concat_ws(', ', {key}) || ') x' || count(*) AS x "
                                     f"FROM {table} GROUP BY {key} HAVING count(*) > 1")
        behind = stale(con, db, index_dir)
        for what in (CLUSTERS, SEARCH_INDEX):
            report.checked.append(f"derived: {what}")
            if what in behind:
                report.findings.append(Finding("derived", what, 1, [f"{what}: {behind[what]}"]))
        return report


def _offsets_sql(source: str) -> str:
    """Spans outside their article's text, reversed, or whose stored text differs from the text there.
    An orphan span has no text to check against; the orphans check reports it."""
    return f"""
      SELECT sp.article_id || ' ' || sp.label || ' [' || coalesce(sp.s::VARCHAR, 'NULL') || ', '
             || coalesce(sp.e::VARCHAR, 'NULL') || ') ' ||
             CASE WHEN sp.s IS NULL OR sp.e IS NULL THEN 'has no offsets'
                  WHEN sp.s < 0 OR sp.e < sp.s OR sp.e > length(a.text)
                    THEN 'is outside the text (length ' || length(a.text) || ')'
                  ELSE 'text ' || to_json(sp.t)::VARCHAR || ' differs from the article text '
                       || to_json(substring(a.text, sp.s + 1, sp.e - sp.s))::VARCHAR END AS x
      FROM ({source}) sp JOIN articles a ON a.id = sp.article_id
      WHERE sp.s IS NULL OR sp.e IS NULL OR sp.s < 0 OR sp.e < sp.s OR sp.e > length(a.text)
         OR (sp.t IS NOT NULL AND substring(a.text, sp.s + 1, sp.e - sp.s) <> sp.t)"""


def _counts_sql(table: str) -> str:
    return f"""
      WITH stored AS (SELECT article_id, count(*) AS n FROM {table} GROUP BY article_id),
           listed AS (SELECT id, coalesce(json_array_length(result, '$.{table}'), 0) AS n FROM articles)
      SELECT listed.id || ' result JSON lists ' || listed.n || ' {table}, the table holds '
             || coalesce(stored.n, 0) AS x
      FROM listed LEFT JOIN stored ON stored.article_id = listed.id
      WHERE listed.n <> coalesce(stored.n, 0)"""


def _count_and_examples(con: Any, sql: str) -> tuple[int, list[str]]:
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    if not n:
        return 0, []
    rows = con.execute(f"SELECT x FROM ({sql}) ORDER BY x LIMIT {EXAMPLES}").fetchall()
    return int(n), [r[0] for r in rows]
