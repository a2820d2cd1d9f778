"""Paths -> Article | Skipped: walk directories, pick the reader by suffix, decode the bytes.

Formats: plain text (.txt .text), HTML (.html .htm, ``read.html``), JSON Lines (.jsonl .ndjson) and CSV
(.csv, ``read.records``), TimeML (.tml, ``read.timeml``). Directories are walked recursively in sorted
order. Every bad file or record becomes a Skipped naming it, what is wrong and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from detente.read.article import Item, make_article
from detente.read.decode import decode
from detente.read.html import read_html
from detente.read.records import read_csv, read_jsonl
from detente.read.timeml import read_timeml
from detente.settings import DEFAULT, Settings
from detente.types import Skipped

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
TIMEML_SUFFIXES = {".tml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | TIMEML_SUFFIXES

def read_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Item]:
    """Every article (or skip) of every path, in the order given."""
    for p in paths:
        yield from read_path(p, settings)


def read_path(path: str | Path, settings: Settings = DEFAULT) -> Iterator[Item]:
    """A file or a directory (recursively, sorted, hidden files left out) -> articles and skips. A path
    that cannot be looked at, or a directory that cannot be listed, is one Skipped; the rest is still read."""
    p = Path(path)
    try:
        is_dir, exists = p.is_dir(), p.exists()
    except OSError as exc:
        yield Skipped(str(p), "read", f"cannot look at this path ({exc.strerror}); check the permissions of "
                      "the directories above it")
        return
    if is_dir:
        yield from _walk(p, settings)
        return
    if not exists:
        yield Skipped(str(p), "read", "no such file or directory; check the path")
        return
    yield from read_file(p, settings)


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    """Every known file under ``root`` in sorted order; each directory that cannot be listed is one skip."""
    unlisted: list[OSError] = []
    files: list[Path] = []
    for top, dirs, names in os.walk(root, onerror=unlisted.append, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(top) / n for n in names if not n.startswith(".")]
    for err in sorted(unlisted, key=lambda e: str(e.filename)):
        yield Skipped(str(err.filename), "read", f"cannot list directory ({err.strerror}); its files were not "
                      "read: check its permissions (chmod +rx) and ingest it again")
    for child in sorted(files):
        if child.suffix.lower() in KNOWN_SUFFIXES:
            yield from read_file(child, settings)


def read_file(p: Path, settings: Settings = DEFAULT) -> Iterator[Item]:
    """One file by its suffix: one article, or one per record for JSONL/CSV."""
    src = str(p)
    suffix = p.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        known = " ".join(sorted(KNOWN_SUFFIXES))
        yield Skipped(src, "read", f"unsupported file type '{suffix or p.name}'; use one of: {known}")
        return
    try:
        size = p.stat().st_size
        if suffix not in JSONL_SUFFIXES | CSV_SUFFIXES and size > settings.max_file_bytes:
            mb, limit = size / 1e6, settings.max_file_bytes / 1e6
            yield Skipped(src, "read", f"file is {mb:.1f} MB, over the {limit:.0f} MB limit for one article; "
                          "split it into articles (e.g. one JSON object per line in a .jsonl file)")
            return
        raw = p.read_bytes()
    except OSError as exc:
        yield Skipped(src, "read", f"cannot read file ({exc.strerror}); check that it exists and is readable")
        return
    decoded = decode(raw, src)
    if isinstance(decoded, Skipped):
        yield decoded
        return
    text, encoding = decoded
    for item in _parse(p, suffix, text, settings):
        yield item if encoding == "utf-8" or isinstance(item, Skipped) else replace(item, encoding=encoding)


def _parse(p: Path, suffix: str, text: str, settings: Settings) -> Iterator[Item]:
    src = str(p)
    if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
        reader = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
        count = 0
        for item in reader(text, src, settings):
            count += 1
            yield item
        if count == 0:
            yield Skipped(src, "read", "file holds no records; add one record per line (JSONL) or per row (CSV) "
                          "with a 'text' field")
    elif suffix in HTML_SUFFIXES:
        yield read_html(text, src, settings)
    elif suffix in TIMEML_SUFFIXES:
        yield read_timeml(text, src, settings)
    else:
        yield make_article(text, src, settings)


