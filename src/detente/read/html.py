"""HTML pages: the main text and metadata by trafilatura; offsets index that extracted text."""

from __future__ import annotations

import re

from detente.read.article import Item, make_article
from detente.settings import Settings
from detente.types import Skipped


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
