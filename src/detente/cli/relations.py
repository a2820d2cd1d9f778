"""`detente pairs` and `detente pair A-B`: relations between actors, per period, from the store."""

from __future__ import annotations

from typing import Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from detente.cli.common import DbOption, JsonOption, app, fail, out, print_json, print_wide, read_store

PeriodOption = typer.Option("month", "--period", help="week | month | year")
LevelOption = typer.Option("state", "--level", help="state (countries) | actor (persons where named)")
OutletOption = typer.Option(None, "--outlet", help="Only articles of this outlet.")
SinceOption = typer.Option(None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
UntilOption = typer.Option(None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD")


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:+.2f}"


@app.command()
def pairs(
    db: str = DbOption, period: str = PeriodOption, level: str = LevelOption, outlet: str | None = OutletOption,
    since: str | None = SinceOption, until: str | None = UntilOption,
    actor: str | None = typer.Option(None, "--actor", help="Only pairs with this actor id."),
    min_events: int = typer.Option(1, "--min-events", help="Hide pairs with fewer events."),
    limit: int = typer.Option(50, "--limit", help="Show at most this many pairs (busiest first)."),
    as_json: bool = JsonOption,
) -> None:
    """Pairs of actors with event counts, mean tone (-10 conflict .. +10 cooperation) and trend."""
    from detente.store.relations import pairs as list_pairs

    with read_store(db) as con:
        found = list_pairs(con, period, level, outlet, since, until, actor, min_events, limit)
    if as_json:
        print_json(found)
        return
    if not found:
        out.print("no pairs: the store holds no events between two actors"
                  + (f" in {outlet}" if outlet else "") + " for these filters")
        return
    table = Table(title=f"pairs by {period}" + (f" in {outlet}" if outlet else ""), box=box.SIMPLE_HEAD,
                  caption="n: scored events; excl: negated or hypothetical; mean: -10 conflict .. +10 cooperation")
    for col in ("pair", "n", "a→b", "b→a", "coop", "confl", "mean", "tone", "trend", "quotes", "excl"):
        table.add_column(col, justify="left" if col in ("pair", "tone", "trend") else "right", no_wrap=True)
    for p in found:
        table.add_row(f"{p['a']}-{p['b']}", str(p["n"]), str(p["n_ab"]), str(p["n_ba"]), str(p["coop"]),
                      str(p["conflict"]), _fmt(p["score_mean"]), p["tone"] or "", p["trend"]["label"] or "",
                      str(p["n_quotes"]), str(p["n_unscored"]))
    print_wide(table)


@app.command()
def pair(
    spec: str = typer.Argument(..., help="Two actor ids: USA-JPN, or 'A,B' when an id has a hyphen."),
    other: str | None = typer.Argument(None, help="The second actor, if given apart: detente pair USA JPN"),
    db: str = DbOption, period: str = PeriodOption, level: str | None = typer.Option(
        None, "--level", help="state | actor (default: state for two countries, else actor)"),
    outlet: str | None = OutletOption, since: str | None = SinceOption, until: str | None = UntilOption,
    as_json: bool = JsonOption,
) -> None:
    """One pair: tone per period, trend and what drives it, the events with evidence, quotes, outlets."""
    from detente.store.params import parse_pair
    from detente.store.relations import default_level
    from detente.store.relations import pair as pair_view

    with read_store(db) as con:
        a, b = parse_pair(con, spec, other)
        found = pair_view(con, a, b, period, level, outlet, since, until)
    if found is None:
        fail(f"no events or quotes between {a} and {b}{' in ' + outlet if outlet else ''} at "
             f"{level or default_level(a, b)} level; list the pairs with 'detente pairs'", code=1)
    if as_json:
        print_json(found)
        return
    _print_pair(found)


def _print_pair(found: dict[str, Any]) -> None:
    p = found["pair"]
    names = p["names"]
    title = escape(f"{names['a']} ({p['a']}) – {names['b']} ({p['b']})")  # names are data, not markup
    out.print(f"[bold]{title}[/bold]  {p['n']} events "
              f"({p['n_ab']} {p['a']}→{p['b']}, {p['n_ba']} {p['b']}→{p['a']}), {p['n_unscored']} negated or "
              f"hypothetical, {p['n_quotes']} quotes")
    trend = p["trend"]
    out.print(f"tone {p['tone'] or 'n/a'} (mean {_fmt(p['score_mean'])}, sum {_fmt(p['score_sum'])}); trend "
              f"{trend['label'] or 'n/a'}" + (f" ({trend['change']:+.2f} over the span)" if trend["change"] else "")
              + (f" — {trend['why']}" if trend.get("why") else ""))
    if found["series"]:
        table = Table(title=f"by {found['period']}")
        for col in ("period", "events", "mean", "sum", "excluded"):
            table.add_column(col, justify="left" if col == "period" else "right")
        for s in found["series"]:
            table.add_row(s["period"], str(s["n"]), _fmt(s["score_mean"]), _fmt(s["score_sum"]), str(s["n_unscored"]))
        print_wide(table)
    drivers = {(d["article_id"], d["idx"]) for d in trend.get("drivers", [])}
    if found["events"]:
        out.print("[bold]events[/bold] (* drives the trend; \\[status] = negated or hypothetical, not scored)")
    for e in found["events"]:
        mark = "*" if (e["article_id"], e["idx"]) in drivers else " "
        status = ("" if e["scored"] else f" [{e['status']}]") + (" (remembered: not fitted)" if e["remembered"] else "")
        when = f"{e['when']}{' (inferred)' if e['when_inferred'] else ''}" if e["when"] else "undated"
        out.print(f" {mark} {when:<10} {e['type']:<9} {e['source']}→{e['target']} "
                  f"{_fmt(e['score'])}{status}  {e['outlet'] or ''}: {e['evidence']['text']!r}", markup=False)
    if found["quotes"]:
        out.print("[bold]quotes[/bold]")
    for q in found["quotes"]:
        out.print(f"   {q['published'] or '????'} {q['speaker_name'] or q['speaker_id']} on {q['about']}: "
                  f"“{q['text']}”", markup=False)
    if len(found["by_outlet"]) > 1:
        table = Table(title="as each outlet portrays it")
        for col in ("outlet", "events", "mean", "tone"):
            table.add_column(col)
        for o in found["by_outlet"]:
            table.add_row(o["outlet"], str(o["n"]), _fmt(o["score_mean"]), o["tone"] or "")
        print_wide(table)
