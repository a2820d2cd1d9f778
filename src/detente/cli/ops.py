"""Operations commands: ``detente check`` (store integrity)."""

from __future__ import annotations

import typer

from detente.cli.common import DbOption, app, fail, out
from detente.errors import DetenteError


@app.command()
def check(db: str = DbOption,
          repair: bool = typer.Option(False, "--repair", help="First rebuild stale derived data (merged events, "
                                      "search index) from the stored articles."),
          index_dir: str | None = typer.Option(None, "--index-dir", help="Directory of the search index, if "
                                               "ingest was told to build it there.")) -> None:
    """Verify store integrity: orphan rows, span offsets within the text, result JSON vs table counts,
    duplicates, derived data built from the stored articles. Exit 0 when clean, 1 when problems were found."""
    from detente.store.check import check_store, repair_store

    try:
        if repair:
            rebuilt = repair_store(db, index_dir)
            out.print(f"rebuilt: {', '.join(rebuilt)}" if rebuilt else "nothing to rebuild", markup=False)
        report = check_store(db, index_dir)
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
    rows_hint = "re-ingest the affected articles (delete them first) or report the bug"
    hint = "run 'detente check --repair'" if {f.check for f in report.findings} == {"derived"} else rows_hint
    out.print(f"{total} problem row(s) in {len(report.findings)} of {len(report.checked)} checks; {hint}",
              markup=False)
    raise typer.Exit(1)
