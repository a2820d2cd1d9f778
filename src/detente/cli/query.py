"""Query commands over a store: actors, actor, quotes, search, export. Thin: parse, call the library, print."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from detente.cli.common import DbOption, JsonLinesOption, app, call, out, print_jsonl, print_rows, read_store


@app.command()
def actors(
    db: str = DbOption,
    kind: str | None = typer.Option(None, help="state | person | organization | group"),
    q: str | None = typer.Option(None, "--q", help="Text in the id, name, description or affiliation."),
    limit: int = typer.Option(50, help="Rows to show (0: all)."),
    as_json: bool = JsonLinesOption,
) -> None:
    """Actors across all articles: one row per actor id, most mentioned first."""
    from detente.store.people import list_actors

    with read_store(db) as con:
        rows = list_actors(con, kind=kind, q=q, limit=limit or None)
    if as_json:
        print_jsonl(rows)
        return
    print_rows(f"{len(rows)} actors", ["id", "name", "kind", "country", "articles", "mentions", "first", "last"],
               [[r["id"], r["name"], r["kind"], r["country"], r["articles"], r["mentions"], r["first_seen"],
                 r["last_seen"]] for r in rows], wrap=("name",))


@app.command()
def actor(
    actor_id: str = typer.Argument(..., help="An actor id (JPN, person:shinzo-abe) or a name seen in the store."),
    db: str = DbOption,
    as_json: bool = JsonLinesOption,
) -> None:
    """One actor across articles: names, roles, affiliation history, quotes, events."""
    from detente.store.people import actor_detail

    with read_store(db) as con:
        d = actor_detail(con, actor_id)
    if as_json:
        print_jsonl(d)
        return
    out.print(f"[bold]{escape(d['name'])}[/bold]  {escape(d['id'])}  {d['kind']}  {d['country'] or ''}  "
              f"{d['articles_count']} articles, {d['mentions']} mentions")
    if len(d["names"]) > 1:
        out.print("  names: " + ", ".join(f"{n['name']} ({n['articles']})" for n in d["names"]), markup=False)
    for r in d["roles"]:
        out.print(f"  role: {r.get('title')} of {r.get('of') or '?'} {r.get('from') or '?'} – {r.get('to') or 'now'}"
                  f" [{r.get('source')}]", markup=False)
    if d["affiliation_history"]:
        print_rows("affiliation history", ["published", "affiliation", "description", "outlet", "article"],
                   [[h["published"], h["affiliation"], h["description"], h["outlet"], h["article_id"]]
                    for h in d["affiliation_history"]], wrap=("affiliation", "description"))
    print_rows("articles", ["published", "outlet", "title", "mentions"],
               [[a["published"], a["outlet"], a["title"] or a["source"], a["n_mentions"]] for a in d["articles"]],
               wrap=("title",))
    if d["quotes"]:
        print_rows("quotes", ["published", "kind", "text"],
                   [[x["published"], x["kind"], x["text"]] for x in d["quotes"]], wrap=("text",))
    ev = d["events"]
    if ev["total"]:
        out.print(f"  events: {ev['total']}  " + "  ".join(
            f"{t} {c['as_source']}→/{c['as_target']}←" for t, c in ev["by_type"].items()), markup=False)
    if d["same_surname"]:
        out.print("  not the same person (same surname): " + ", ".join(
            f"{p['name']} ({p['id']})" for p in d["same_surname"]), markup=False)


@app.command()
def quotes(
    db: str = DbOption,
    speaker: str | None = typer.Option(None, help="Speaker actor id or name."),
    about: str | None = typer.Option(None, help="Actor mentioned inside the quote."),
    q: str | None = typer.Option(None, "--q", help="Text the quote contains."),
    limit: int = typer.Option(50, help="Rows to show (0: all)."),
    as_json: bool = JsonLinesOption,
) -> None:
    """Quotes with their speakers, filtered by speaker, by the actor they talk about, or by text."""
    from detente.store.people import list_quotes

    with read_store(db) as con:
        rows = list_quotes(con, speaker=speaker, about=about, q=q, limit=limit or None)
    if as_json:
        print_jsonl(rows)
        return
    print_rows(f"{len(rows)} quotes", ["published", "speaker", "kind", "text", "outlet"],
               [[r["published"], r["speaker_name"] or ("anonymous" if r["anonymous"] else r["speaker_id"]), r["kind"],
                 r["text"], r["outlet"]] for r in rows], wrap=("speaker", "text"))


@app.command()
def search(
    text: str = typer.Argument(..., help='Words to find (each required); "a phrase" in double quotes.'),
    db: str = DbOption,
    actor: str | None = typer.Option(None, help="Only articles mentioning this actor."),
    pair: str | None = typer.Option(None, help="Only articles with an event between two actors, e.g. USA-JPN."),
    type: str | None = typer.Option(None, "--type", help="Only articles with an event of this PLOVER type."),
    since: str | None = typer.Option(None, help="Published on or after YYYY[-MM[-DD]]."),
    until: str | None = typer.Option(None, help="Published on or before YYYY[-MM[-DD]]."),
    outlet: str | None = typer.Option(None, help="Only this outlet (case-insensitive)."),
    kind: str | None = typer.Option(None, help="article | quote (default: both)."),
    limit: int = typer.Option(20, help="Hits to show."),
    as_json: bool = JsonLinesOption,
) -> None:
    """Full-text search over articles and quotes (BM25-ranked; matches marked [[like this]])."""
    from detente.store.search import search as run_search

    hits = call(lambda: run_search(db, text, actor=actor, pair=pair, type=type, since=since, until=until,
                                   outlet=outlet, kind=kind, limit=limit))
    if as_json:
        print_jsonl(hits)
        return
    print_rows(f"{len(hits)} hits for {text!r}", ["score", "kind", "published", "outlet", "title / speaker", "snippet"],
               [[f"{h['score']:.3f}", h["kind"], h["published"], h["outlet"],
                 (h["title"] or Path(h["source"] or "").name) if h["kind"] == "article" else h["speaker"],
                 h["snippet"]] for h in hits],
               wrap=("title / speaker", "snippet"))


@app.command("export")
def export_cmd(
    fmt: str = typer.Option(..., "--format", help="jsonl | csv | parquet | graphml | plover"),
    db: str = DbOption,
    out_dir: Path = typer.Option(Path("export"), "--out", help="Directory to write into (created if missing)."),
) -> None:
    """Export the store: tables as jsonl/csv/parquet, the actor network as GraphML, events as PLOVER JSONL."""
    from detente.store.export import export

    paths = call(lambda: export(db, fmt, out_dir))
    for p in paths:
        out.print(f"{p}  {p.stat().st_size:,} bytes", markup=False)
