"""`detente pairs` and `detente pair A-B`: relations between actors, per period, from the store."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich import box
from rich.measure import Measurement
from rich.table import Table

from detente.cli.common import DbOption, app, fail, out
from detente.errors import DetenteError

PeriodOption = typer.Option("month", "--period", help="week | month | year")
LevelOption = typer.Option("state", "--level", help="state (countries) | actor (persons where named)")
OutletOption = typer.Option(None, "--outlet", help="Only articles of this outlet.")
SinceOption = typer.Option(None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
UntilOption = typer.Option(None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:+.2f}"


def _show(table: Table) -> None:
    """Tables keep their natural width even on a narrow or piped console (columns are short numbers)."""
    natural = Measurement.get(out, out.options.update(width=500), table).maximum
    if natural > out.width:
        table.width = natural
    out.print(table)


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str, indent=1) + "\n")


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
    from detente.store import aggregate
    from detente.store.db import Store

    try:
        with Store(db, read_only=True) as store:
            found = aggregate.pairs(store.con, period, level, outlet, since, until, actor, min_events, limit)
    except DetenteError as exc:
        fail(str(exc))
    if as_json:
        _dump(found)
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
    _show(table)


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
    from detente.store import aggregate
    from detente.store.db import Store

    try:
        with Store(db, read_only=True) as store:
            a, b = _split(store.con, spec, other)
            lvl = level or ("state" if _is_state(a) and _is_state(b) else "actor")
            found = aggregate.pair(store.con, a, b, period, lvl, outlet, since, until)
    except DetenteError as exc:
        fail(str(exc))
    if found is None:
        fail(f"no events or quotes between {a} and {b}{' in ' + outlet if outlet else ''} at {lvl} level; "
                 "list the pairs with 'detente pairs'", code=1)
    if as_json:
        _dump(found)
        return
    _print_pair(found)


def _is_state(actor_id: str) -> bool:
    return len(actor_id) == 3 and actor_id.isupper()


def _split(con: Any, spec: str, other: str | None) -> tuple[str, str]:
    """'USA-JPN', 'usa,jpn', 'person:donald-trump,person:shinzo-abe' or two arguments -> two ids. Ids with
    hyphens are split where both halves are actors of the store."""
    from detente.errors import UsageError
    from detente.store.people import resolve_actor_id

    def known(text: str) -> str:
        text = text.strip()
        try:
            return resolve_actor_id(con, text)
        except UsageError:
            if _is_state(text.upper()) and con.execute(
                    "SELECT 1 FROM events WHERE source = ? OR target = ? LIMIT 1", [text.upper()] * 2).fetchone():
                return text.upper()
            raise

    if other:
        return known(spec), known(other)
    for sep in (",", "-"):
        cuts = [k for k, ch in enumerate(spec) if ch == sep]
        for k in cuts:
            try:
                return known(spec[:k]), known(spec[k + 1:])
            except UsageError:
                if len(cuts) == 1:  # one way to read it: say which side is unknown
                    known(spec[:k])
                    known(spec[k + 1:])
    raise UsageError(f"{spec!r} is not two actor ids of the store joined by '-' (e.g. USA-JPN) or ','; "
                     "list the ids with 'detente actors'")


def _print_pair(found: dict[str, Any]) -> None:
    p = found["pair"]
    names = p["names"]
    out.print(f"[bold]{names['a']} ({p['a']}) – {names['b']} ({p['b']})[/bold]  {p['n']} events "
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
        _show(table)
    drivers = {(d["article_id"], d["idx"]) for d in trend.get("drivers", [])}
    if found["events"]:
        out.print("[bold]events[/bold] (* drives the trend; \\[status] = negated or hypothetical, not scored)")
    for e in found["events"]:
        mark = "*" if (e["article_id"], e["idx"]) in drivers else " "
        status = "" if e["scored"] else f" [{e['status']}]"
        out.print(f" {mark} {e['day'] or '????-??-??'} {e['type']:<9} {e['source']}→{e['target']} "
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
        _show(table)
