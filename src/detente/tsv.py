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
