"""An Article from text and fields: its content address and the size checks every reader applies."""

from __future__ import annotations

import hashlib
from typing import Any

from detente.dates import calendar_date
from detente.settings import Settings
from detente.types import Article, Skipped

Item = Article | Skipped


def article_id(text: str) -> str:
    """Content address: the same text always gets the same id, so re-ingesting is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_article(text: str, src: str, settings: Settings, **fields: Any) -> Item:
    published = fields.get("published")
    if published and not calendar_date(published):
        return Skipped(src, "read", f"'published' is {published!r}, not a calendar date (no such month or day); "
                       "write it as YYYY-MM-DD, or leave it out")
    if len(text) > settings.max_chars:
        return Skipped(src, "read", f"text is {len(text):,} characters, over the {settings.max_chars:,} limit "
                       "for one article; split it into articles")
    if len(text.strip()) < settings.min_chars:
        return Skipped(src, "read", f"text has fewer than {settings.min_chars} characters; nothing to analyse")
    return Article(id=article_id(text), source=src, text=text, **fields)
