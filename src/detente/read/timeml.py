"""TimeML documents: the ``<TEXT>`` content without tags is the article; the creation time is its date."""

from __future__ import annotations

import re

from detente.read.article import Item, make_article
from detente.settings import Settings
from detente.types import Skipped

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
