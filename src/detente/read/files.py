"""Readers: files and records -> Article | Skipped.

Formats: plain text (.txt .text), HTML (.html .htm, main text via trafilatura), JSON Lines
(.jsonl .ndjson), CSV (.csv) and TimeML (.tml). Directories are walked recursively in sorted order.
Record fields (jsonl/csv): text (required), title, url, outlet, published, authors (list, or a string
separated by ';').  Every bad file or record becomes a Skipped naming it, what is wrong and what to do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from detente.settings import DEFAULT, Settings
from detente.types import Article, Skipped

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
TIMEML_SUFFIXES = {".tml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | TIMEML_SUFFIXES
RECORD_FIELDS = ("text", "title", "url", "outlet", "published", "authors")

Item = Article | Skipped


def article_id(text: str) -> str:
    """Content address: the same text always gets the same id, so re-ingesting is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Item]:
    for p in paths:
        yield from read_path(p, settings)


def read_path(path: str | Path, settings: Settings = DEFAULT) -> Iterator[Item]:
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
        return Skipped(src, "read", "binary file (contains NUL bytes), not text; give a text, HTML, JSONL, CSV or TimeML file")
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


def make_article(text: str, src: str, settings: Settings, **fields: Any) -> Item:
    if len(text) > settings.max_chars:
        return Skipped(src, "read", f"text is {len(text):,} characters, over the {settings.max_chars:,} limit "
                       "for one article; split it into articles")
    if len(text.strip()) < settings.min_chars:
        return Skipped(src, "read", f"text has fewer than {settings.min_chars} characters; nothing to analyse")
    return Article(id=article_id(text), source=src, text=text, **fields)


def read_jsonl(text: str, src: str, settings: Settings) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{src}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, "read", f"invalid JSON ({exc.msg} at column {exc.colno}); "
                          "each line must be one JSON object")
            continue
        yield from_record(rec, where, settings)


def read_csv(text: str, src: str, settings: Settings) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "text" not in header:
        found = ", ".join(reader.fieldnames or []) or "none"
        yield Skipped(src, "read", f"CSV has no 'text' column (columns: {found}); "
                      f"name the article text column 'text' (optional: {', '.join(RECORD_FIELDS[1:])})")
        return
    try:
        for n, row in enumerate(reader, 2):
            rec = {(k or "").strip().lower(): v for k, v in row.items()}
            yield from_record(rec, f"{src}:{n}", settings)
    except csv.Error as exc:
        yield Skipped(src, "read", f"malformed CSV ({exc}); check quoting")


def from_record(rec: Any, where: str, settings: Settings) -> Item:
    if not isinstance(rec, dict):
        return Skipped(where, "read", f"record is a JSON {type(rec).__name__}, not an object with a 'text' field")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        return Skipped(where, "read", "record has no 'text' field (or it is empty); add the article text as 'text'")
    authors = rec.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.split(";") if a.strip()]
    published = rec.get("published")
    if published is not None and not (isinstance(published, str) and ISO_DATE.match(published.strip())):
        return Skipped(where, "read", f"'published' is {published!r}, not a date; write it as YYYY-MM-DD")
    return make_article(
        body, where, settings,
        title=_str_or_none(rec.get("title")), outlet=_str_or_none(rec.get("outlet")),
        url=_str_or_none(rec.get("url")), authors=[str(a) for a in authors],
        published=published.strip()[:10] if published else None,
    )


ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?([T ].*)?$")


def _str_or_none(v: Any) -> str | None:
    return str(v).strip() or None if v is not None else None


def read_html(html: str, src: str, settings: Settings) -> Item:
    """Main text and metadata by trafilatura; offsets then index that extracted text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on malformed markup
        return Skipped(src, "read", f"HTML could not be parsed ({type(exc).__name__}); check the file is a web page")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return Skipped(src, "read", "HTML page has no main text that could be extracted; "
                       "save the article page itself, or paste its text into a .txt file")
    date = getattr(doc, "date", None)
    author = getattr(doc, "author", None)
    authors = [a.strip() for a in re.split(r";|\band\b", author) if a.strip()] if author else []
    return make_article(
        text, src, settings, title=getattr(doc, "title", None), outlet=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None), authors=authors, published=date[:10] if date else None,
    )


TIMEML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
TIMEML_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
TAG = re.compile(r"<[^>]+>")


def strip_tags(markup: str) -> str:
    import html as htmllib

    return htmllib.unescape(TAG.sub("", markup))


def read_timeml(raw: str, src: str, settings: Settings) -> Item:
    """TimeML: the article is the content of <TEXT> without tags; the DCT is the publication date."""
    m = TIMEML_TEXT.search(raw)
    if not m:
        return Skipped(src, "read", "TimeML file has no <TEXT> element; check it is a TimeML (.tml) document")
    dct = TIMEML_DCT.search(raw)
    text = strip_tags(m.group(1))
    value = re.search(r'value="(\d{4}-\d{2}-\d{2})', dct.group(0)) if dct else None
    published = value.group(1) if value else None
    extra = re.search(r"<EXTRAINFO>(.*?)</EXTRAINFO>", raw, re.S)
    authors = wire_bylines(extra.group(1)) if extra else []
    return make_article(text, src, settings, published=published, authors=authors)


# Wire bylines sit among transmission codes: "... QL UR By JANE ROE QC UR Associated Press Writer".
WIRE_BYLINE = re.compile(r"\bBy ((?:[A-Z][A-Z.'-]*\.? ?)+?)(?= ?\b(?:QC|QL|LR|UR|Associated|AP|Special)\b|\s*$)", re.M)


def wire_bylines(header: str) -> list[str]:
    names = []
    for m in WIRE_BYLINE.finditer(header):
        name = m.group(1).strip()
        if len(name) > 3 and " " in name:
            names.append(" ".join(w.capitalize() if not w.endswith(".") else w for w in name.split()))
    return names
