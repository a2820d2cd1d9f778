"""`detente events`: the merged events of a store (one row per real-world event, with its mentions)."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from detente.cli.common import DbOption, JsonLinesOption, app, out, print_jsonl, read_store


@app.command()
def events(
    db: str = DbOption,
    pair: str | None = typer.Option(None, help="Two actor codes, either order: USA-JPN (or USA,JPN)."),
    kind: str | None = typer.Option(None, "--type", help="PLOVER type: CONSULT, ACCUSE, SANCTION, ..."),
    since: str | None = typer.Option(None, help="Only events dated from then on: YYYY, YYYY-MM or YYYY-MM-DD."),
    status: str | None = typer.Option(None, help="occurred | planned | negated | hypothetical"),
    limit: int = typer.Option(200, help="Most events to list."),
    as_json: bool = JsonLinesOption,
) -> None:
    """List events merged across articles, with how many mentions each has and where they say it."""
    from detente.store.merge import joint, list_merged_events

    with read_store(db) as con:
        clusters = list_merged_events(con, pair, kind, since, status, limit)
    if as_json:
        print_jsonl(clusters)
        return
    if not clusters:
        out.print("no events match", markup=False)
        return
    table = Table(title=Text(f"events in {db}"))
    for col in ("date", "type", "parties", "status", "mentions", "evidence"):
        table.add_column(col, overflow="fold")
    for c in clusters:
        arrow = "<->" if joint(c["type"], c["mode"]) else "->"
        kind_text = c["type"] + (f" {c['mode']}" if c["mode"] else "")
        snippet = (c["evidence"][0] if c["evidence"] else "")[:160]
        parties = f"{c['source'] or '?'} {arrow} {c['target'] or '?'}"
        table.add_row(Text(c["date"] or "?"), Text(kind_text), Text(parties), Text(c["status"]),
                      Text(str(c["n_mentions"])), Text(snippet))
    out.print(table)
