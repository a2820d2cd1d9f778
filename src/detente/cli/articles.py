"""Commands over articles and stores: analyze, ingest, stats, serve."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import typer
from rich.table import Table

from detente.cli.common import DbOption, app, err, fail, out, read_store
from detente.errors import DetenteError


@app.command()
def analyze(
    path: Path = typer.Argument(..., help="A file (txt, html, jsonl, csv, tml) or a directory."),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD, if the text lacks one."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per article."),
) -> None:
    """Analyse articles without storing them; print the per-article JSON contract."""
    from detente.dates import stated_date
    from detente.pipeline import Resources
    from detente.pipeline.runners import in_order
    from detente.read import read_path
    from detente.types import Skipped

    try:
        published = stated_date(published, "--published") if published else None
    except DetenteError as exc:
        fail(str(exc))
    resources = Resources()
    skipped = 0
    items = (replace(x, published=published) if published and not isinstance(x, Skipped) else x
             for x in read_path(path))
    try:
        for outcome in in_order(items, resources):
            if isinstance(outcome, Skipped):
                skipped += 1
                err.print(f"skipped {outcome.line()}", markup=False)
                continue
            if as_json:
                sys.stdout.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
            else:
                print_result(outcome)
    except DetenteError as exc:
        fail(str(exc))
    if skipped:
        raise typer.Exit(1)


def print_result(r: object) -> None:
    from detente.types import Result

    assert isinstance(r, Result)
    m = r.meta
    out.print(f"[bold]{m.title or m.source}[/bold]  {m.outlet or 'outlet unknown'}  "
              f"{m.published or 'date unknown'}{' (inferred)' if m.published_inferred else ''}  {m.genre}")
    out.print(f"  actors {len(r.actors)}  timexes {len(r.timexes)}  quotes {len(r.quotes)}  events {len(r.events)}")
    for e in r.events:
        out.print(f"  {e.date or '????'} {e.type:<10} {e.source or '?'} -> {e.target or '?'} [{e.status}] "
                  f"{e.evidence.text[:80]!r}", markup=False)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories to ingest."),
    db: str = DbOption,
    workers: int | None = typer.Option(None, help="Worker processes (local or pool engine) or Ray workers; "
                                       "default: every core."),
    engine: str = typer.Option("local", help="local | pool | ray"),
    address: str | None = typer.Option(None, help="Ray cluster address (engine ray); default: local."),
    index_dir: str | None = typer.Option(None, "--index-dir", help="Directory for the search index (a cache "
                                         "the server reads); by default beside the store."),
) -> None:
    """Read, analyse and store articles in the DuckDB file, then bring the merged events and the search
    index up to date. Re-running is idempotent, and finishes what an interrupted run left."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from detente.pipeline.ingest import ingest as run_ingest
    from detente.pipeline.runners import check_engine, default_workers

    workers = default_workers() if workers is None else workers
    try:
        check_engine(engine, workers)
    except DetenteError as exc:
        fail(str(exc))
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  TextColumn("{task.completed} stored"), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            summary = run_ingest(paths, db, engine=engine, workers=workers, address=address, index_dir=index_dir,
                                 progress=lambda s: bar.update(task, completed=s.stored),
                                 on_skip=lambda s: bar.console.print(f"skipped {s.line()}", markup=False))
        except DetenteError as exc:
            fail(str(exc))
    for source, encoding in summary.decoded:  # a guess worth a look: say which one was made
        err.print(f"read {source} as {encoding} (not UTF-8); if its accents look wrong, convert it to UTF-8",
                  markup=False)
    print_summary(summary, db)
    if summary.skipped:
        raise typer.Exit(1)


def print_summary(summary: object, db: str) -> None:
    from detente.pipeline.ingest import Summary

    assert isinstance(summary, Summary)
    table = Table(title=f"ingest into {db}", show_header=False)
    table.add_row("read", str(summary.read))
    table.add_row("stored", str(summary.stored))
    table.add_row("duplicates", str(summary.duplicates))
    table.add_row("skipped", str(len(summary.skipped)))
    for reason, n in summary.skipped_by_reason().most_common():
        table.add_row(f"  {reason}", str(n))
    rate = summary.words / summary.seconds if summary.seconds else 0.0
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:,.0f} words/s)")
    out.print(table)


@app.command()
def stats(db: str = DbOption) -> None:
    """Counts of what the store holds."""
    from detente.store.db import counts

    with read_store(db) as con:
        found = counts(con)
    for table, n in found.items():
        out.print(f"{table:<10} {n}", markup=False)


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8000, help="TCP port."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Also answer requests for this host name "
                                         "(e.g. the name a proxy forwards); by default only the bound address."),
    index_dir: str | None = typer.Option(None, "--index-dir", help="Directory of the search index, if ingest "
                                         "was told to build it there; by default beside the store."),
) -> None:
    """Serve the REST API and the web UI over the store (read-only: nothing is written)."""
    import uvicorn

    from detente.api.app import BUDGET_S, allowed_hosts, create_app

    hosts = allowed_hosts(host)  # None on a wildcard address: any name, unless --allow-host names some
    hosts = (*(hosts or ()), *allow_host) if hosts is not None or allow_host else None
    try:
        application = create_app(db, index_dir, hosts)
    except DetenteError as exc:
        fail(str(exc))
    out.print(f"serving {db} at http://{host}:{port}/  (API docs at /docs; Ctrl-C to stop)")
    # a request stops at its time budget, so a stop (Ctrl-C, SIGTERM) waits that long at most
    uvicorn.run(application, host=host, port=port, log_level="warning", timeout_graceful_shutdown=int(BUDGET_S))
