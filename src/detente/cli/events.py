"""`detente events`: the merged events of a store (one row per real-world event, with its mentions)."""

from __future__ import annotations

import json
import re
import sys

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from detente.cli.common import DbOption, app, fail, out
from detente.errors import DetenteError

PAIR = re.compile(r"^([A-Za-z][\w:.-]*?)-([A-Za-z][\w:.-]*)$")
MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
STATUSES = ("occurred", "planned", "negated", "hypothetical")


@app.command()
def events(
    db: str = DbOption,
    pair: str | None = typer.Option(None, help="Two actor codes, either order: USA-JPN."),
    kind: str | None = typer.Option(None, "--type", help="PLOVER type: CONSULT, ACCUSE, SANCTION, ..."),
    since: str | None = typer.Option(None, help="Only events dated from this month on: YYYY-MM."),
    status: str | None = typer.Option(None, help="occurred | planned | negated | hypothetical"),
    limit: int = typer.Option(200, help="Most events to list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per event."),
) -> None:
    """List events merged across articles, with how many mentions each has and where they say it."""
    from detente import vocab
    from detente.store.db import Store
    from detente.store.merge import joint, list_clusters

    parties: tuple[str, str] | None = None
    if pair is not None:
        m = PAIR.match(pair)
        if m is None:
            fail(f"--pair {pair!r} is not two actor codes; write it as USA-JPN")
        parties = (m.group(1).upper(), m.group(2).upper())
    if kind is not None and kind.upper() not in vocab.TYPES:
        fail(f"--type {kind!r} is not a PLOVER type; use one of: {', '.join(vocab.TYPES)}")
    if since is not None and not MONTH.match(since):
        fail(f"--since {since!r} is not a month; write it as YYYY-MM")
    if status is not None and status not in STATUSES:
        fail(f"--status {status!r} is not one of: {', '.join(STATUSES)}")
    if limit < 1:
        fail("--limit must be at least 1")
    try:
        with Store(db, read_only=True) as store:
            clusters = list_clusters(store.con, parties, kind.upper() if kind else None, since, status, limit)
    except DetenteError as exc:
        fail(escape(str(exc)))
    if as_json:
        for c in clusters:
            sys.stdout.write(json.dumps(c, ensure_ascii=False, default=str) + "\n")
        return
    if not clusters:
        out.print("no events match", markup=False)
        return
    table = Table(title=f"events in {db}")
    for col in ("date", "type", "parties", "status", "mentions", "evidence"):
        table.add_column(col, overflow="fold")
    for c in clusters:
        arrow = "<->" if joint(c["type"], c["mode"]) else "->"
        kind_text = c["type"] + (f" {c['mode']}" if c["mode"] else "")
        snippet = (c["evidence"][0] if c["evidence"] else "")[:160]
        table.add_row(Text(c["date"] or "?"), Text(kind_text), Text(f"{c['source'] or '?'} {arrow} {c['target'] or '?'}"),
                      Text(c["status"]), Text(str(c["n_mentions"])), Text(snippet))
    out.print(table)
