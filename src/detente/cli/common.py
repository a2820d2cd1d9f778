"""What every command module shares: the Typer app, the consoles, the --db and --json options, ``fail``,
the read-only store a query command works on, and the JSON and table printers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import duckdb
import typer
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from detente.errors import DetenteError
from detente.settings import DEFAULT

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="detente: who did what to whom in international news, traced to the text.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = typer.Option(DEFAULT.db_path, "--db", help="DuckDB store file.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
JsonLinesOption = typer.Option(False, "--json", help="Print JSON (one object per line) instead of a table.")
# Short values (dates, counts, codes) never wrap; everything else folds to fit the terminal.
SHORT_COLUMNS = {"score", "kind", "published", "country", "articles", "mentions", "first", "last"}

T = TypeVar("T")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a plain-text error (escaped here, once: callers pass the raw message) and exit with ``code``."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(message)}", markup=True)
    raise typer.Exit(code)


@contextmanager
def read_store(db: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store at ``db``, read-only. A library error inside the block (opening the store included) ends the
    command: its message is printed and the exit code is 2."""
    from detente.store.db import Store

    try:
        with Store(db, read_only=True) as store:
            yield store.con
    except DetenteError as exc:
        fail(str(exc))


def call(fn: Callable[[], T]) -> T:
    """``fn()``, or its library error printed with exit code 2."""
    try:
        return fn()
    except DetenteError as exc:
        fail(str(exc))


def print_jsonl(rows: list[dict[str, Any]] | dict[str, Any]) -> None:
    """One JSON object per line."""
    for row in rows if isinstance(rows, list) else [rows]:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def print_json(obj: Any) -> None:
    """One indented JSON document."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str, indent=1) + "\n")


def print_rows(title: str, columns: list[str], rows: list[list[Any]], wrap: tuple[str, ...] = ()) -> None:
    """A table of plain-text cells (never markup). Columns named in ``wrap`` (free text) get room first when
    the terminal is narrow; SHORT_COLUMNS never wrap."""
    table = Table(title=Text(title))
    for c in columns:
        table.add_column(c, overflow="fold", no_wrap=c in SHORT_COLUMNS, min_width=10 if c in wrap else None)
    for r in rows:
        table.add_row(*[Text("" if v is None else str(v)) for v in r])
    out.print(table)


def print_wide(table: Table) -> None:
    """A table of short columns at its natural width, even on a narrow or piped console."""
    natural = Measurement.get(out, out.options.update(width=500), table).maximum
    if natural > out.width:
        table.width = natural
    out.print(table)
