"""Operations commands: ``detente check`` (store integrity)."""

from __future__ import annotations

from detente.cli.common import DbOption, app, fail, out
from detente.errors import DetenteError


@app.command()
def check(db: str = DbOption) -> None:
    """Verify store integrity: orphan rows, span offsets within the text, result JSON vs table counts,
    duplicates. Exit 0 when clean, 1 when problems were found."""
    import typer

    from detente.store.check import check_store

    try:
        report = check_store(db)
    except DetenteError as exc:
        fail(str(exc))
    counts = "  ".join(f"{t} {n}" for t, n in report.counts.items())
    out.print(f"{report.db}: {counts}", markup=False)
    flagged = {f"{f.check}: {f.what}": f for f in report.findings}
    for name in report.checked:
        finding = flagged.get(name)
        if finding is None:
            out.print(f"  ok       {name}", markup=False)
            continue
        out.print(f"  PROBLEM  {name}: {finding.count} row(s)", markup=False)
        for example in finding.examples:
            out.print(f"             {example}", markup=False)
    if report.clean:
        out.print(f"clean: {len(report.checked)} checks passed", markup=False)
        return
    total = sum(f.count for f in report.findings)
    out.print(f"{total} problem row(s) in {len(report.findings)} of {len(report.checked)} checks; "
              "re-ingest the affected articles (delete them first) or report the bug", markup=False)
    raise typer.Exit(1)
