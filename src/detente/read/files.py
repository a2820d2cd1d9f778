"""Paths -> Article | Skipped: walk directories, pick the reader by suffix, decode the bytes.

Formats: plain text (.txt .text), HTML (.html .htm, ``read.html``), JSON Lines (.jsonl .ndjson) and CSV
(.csv, ``read.records``), TimeML (.tml, ``read.timeml``). Directories are walked recursively in sorted
order. Every bad file or record becomes a Skipped naming it, what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from detente.read.article import Item, make_article
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
    """A file or a directory (recursively, sorted, hidden files left out) -> articles and skips."""
    p = Path(path)
    if p.is_dir():
        try:
            children = sorted(c for c in p.rglob("*") if (c.is_file() or c.is_symlink()) and not c.name.startswith("."))
        except OSError as exc:
            yield Skipped(str(p), "read", f"cannot list directory ({exc.strerror}); check its permissions")
            return
        for child in children:
            if child.suffix.lower() in KNOWN_SUFFIXES:
                yield from read_file(child, settings)
        return
    if not p.exists():
        yield Skipped(str(p), "read", "no such file or directory; check the path")
        return
    yield from read_file(p, settings)


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
    text = decode(raw, src)
    if isinstance(text, Skipped):
        yield text
        return
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


def decode(raw: bytes, src: str) -> str | Skipped:
    """UTF-8 first (BOM dropped); otherwise the charset detector's best guess, or a clear refusal."""
    if not raw.strip():
        return Skipped(src, "read", "empty file; nothing to analyse")
    if b"\x00" in raw[:8192]:
        return Skipped(src, "read", "binary file (contains NUL bytes), not text; "
                       "give a text, HTML, JSONL, CSV or TimeML file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.chaos > 0.3:
        return Skipped(src, "read", "not valid UTF-8 and no other text encoding fits; "
                       "convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8)")
    return str(best)
