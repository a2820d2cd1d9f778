"""What every command module shares: the Typer app, the consoles, the --db option and ``fail``."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from detente.settings import DEFAULT

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="detente: who did what to whom in international news, traced to the text.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = typer.Option(DEFAULT.db_path, "--db", help="DuckDB store file.")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a plain-text error (escaped here, once) and exit with ``code``."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(message)}", markup=True)
    raise typer.Exit(code)
