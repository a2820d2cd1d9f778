"""Packaged TSV tables: one reader for every data file the package ships.

A table is UTF-8, tab-separated, no quoting; lines starting with ``#`` are comments; the first other line
is the header. Each row comes back with its line number so a bad row can be named precisely.
"""

from __future__ import annotations

import csv
import gzip
from importlib import resources

from detente.errors import DataError


def read_tsv(package: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: stripped cell}) for each data row of ``package``'s file ``name`` (a relative
    path such as ``data/states.tsv``, or ``.tsv.gz`` for a compiled table); short rows are padded with empty
    cells, long rows are an error."""
    path = resources.files(package).joinpath(name)
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    lines = [(n, cells) for n, cells in enumerate(reader, 1) if cells and not cells[0].startswith("#")]
    if not lines:
        raise DataError(f"{package}/{name} has no header row; add one naming the columns")
    header = lines[0][1]
    out = []
    for n, cells in lines[1:]:
        if len(cells) > len(header):
            raise DataError(f"{package}/{name} line {n}: {len(cells)} columns, expected {len(header)}; fix the row")
        out.append((n, dict(zip(header, [c.strip() for c in cells] + [""] * (len(header) - len(cells)), strict=True))))
    return out


def read_tsv_rows(package: str, name: str) -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of a table as lists of cells, read as ``read_tsv`` reads them (comments and
    empty lines skipped, cells stripped, short rows padded, long rows an error naming the line) without a dict
    per row: for the compiled tables of tens of thousands of rows a process loads at start-up."""
    path = resources.files(package).joinpath(name)
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line and not line.startswith("#")]
    if not lines:
        raise DataError(f"{package}/{name} has no header row; add one naming the columns")
    header = lines[0][1].split("\t")
    width = len(header)
    rows = [list(map(str.strip, line.split("\t"))) for _, line in lines[1:]]
    for (n, _), cells in zip(lines[1:], rows, strict=True):
        if len(cells) != width:
            if len(cells) > width:
                raise DataError(f"{package}/{name} line {n}: {len(cells)} columns, expected {width}; fix the row")
            cells += [""] * (width - len(cells))
    return header, rows
