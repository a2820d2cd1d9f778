"""Record files: JSON Lines (one object per line) and CSV (a header row with a ``text`` column).

Fields: text (required), title, url, outlet, published (YYYY-MM-DD), authors (a list, or a string separated
by ';'). Every bad line or row is a Skipped naming ``file:line``, what is wrong and what to do.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from detente.read.article import Item, make_article
from detente.settings import Settings
from detente.types import Skipped

RECORD_FIELDS = ("text", "title", "url", "outlet", "published", "authors")


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
