"""Cleaning: find the body, the zones and the scraping debris inside it, and the article's metadata.

Nothing is deleted: debris is listed as (start, end, why) spans of the original text; zones (photo
captions, photo credits, author notes) as (start, end, kind) spans, kept out of the running body but parsed
on their own and analysed for dates and persons. ``masked`` is the text with everything outside the body
or inside debris and zones blanked to spaces (newlines kept), so the body's parse never sees them and every
offset still points into the text exactly as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.types import Article, Meta, Removed, Zone

MONTHS = ("January February March April May June July August September October November December").split()
MONTH_RE = "|".join(MONTHS)


@dataclass
class Line:
    start: int
    end: int  # excludes the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


# --- header: date marker, title, byline, tags, outlet line ------------------------------------------

DATE_MARKER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s")  # scraper prefix, e.g. " date 2017-04-26 "
PUBLISHED_LINE = re.compile(r"^\s*(?:Published|Date|Posted)\s*:\s*(\d{4}-\d{2}-\d{2})\s*$", re.I)
BYLINE = re.compile(r"^\s*(Guest commentary|Commentary|Opinion|Analysis|Editorial)?\s*[Bb]y\s+"
                    r"([A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){1,12})\s*$")
TAG_LIST = re.compile(r'^\s*\[\s*"[^"\n]*"(?:\s*,\s*"[^"\n]*")*\s*\]\s*$')
OUTLET_LINE = re.compile(r"^\s*([A-Z][A-Za-z.&' ]{1,40}?)\s*[—–-]+\s*$")
GENRE_PREFIX = re.compile(r"^\s*(Opinion|Commentary|Op-Ed|Editorial|Analysis|Perspective|Viewpoint)\s*:", re.I)

# A dateline opens the body: "WASHINGTON (Reuters) -", "SEOUL, June 13 -", "CANBERRA, Australia (AP)_".
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)"
    rf"(?:, (?:{MONTH_RE}|[A-Z][a-z]{{2}}\.) \d{{1,2}})?"
    r"\s*(?:\((?P<outlet>[A-Za-z][\w .&'-]{0,40})\))?\s*(?:[-—–_]{1,2})\s*")

OUTLET_NAMES = {
    "ap": "Associated Press", "associated press": "Associated Press", "reuters": "Reuters", "afp": "AFP",
    "cnn": "CNN", "nyt": "The New York Times", "the new york times": "The New York Times",
    "new york times": "The New York Times", "cgtn": "CGTN", "xinhua": "Xinhua", "kyodo": "Kyodo News",
    "yonhap": "Yonhap", "bbc": "BBC", "upi": "UPI",
}

# --- debris inside the body ---------------------------------------------------------------------------

DEBRIS_LINES = {
    "continue reading the main story": "scraping debris", "source link": "scraping debris",
    "advertisement": "scraping debris", "supported by": "scraping debris", "read more": "scraping debris",
    "share this article": "scraping debris", "related coverage": "scraping debris",
}
PHOTO_SUFFIX = re.compile(r"/\s*[A-Z][\w ]{0,30} Photo\s*$")  # "... /VCG Photo"
POSITION_MARKER = re.compile(r"\((?:\d(?:st|nd|rd|th) )?[LRC]\)")  # "(R)", "(3rd L)" in captions
VIDEO_LABEL = re.compile(r"^\s*\d{1,2}:\d{2}\s*[-–—]\s*Source:\s*(.+?)\s*$")
CREDIT_FOR = re.compile(r"\bfor (The [A-Z][\w ]+?|[A-Z][\w]+)\s*$")
DISCLAIMER = re.compile(r"not necessarily (?:the views|reflect the views) of ([A-Z][\w ]*?)[.)]*\s*$", re.I)
AUTHOR_NOTE = re.compile(r"^\s*\((?=.*\b(?:author|views|opinion)\b).*\)\s*$", re.I)
SENTENCE_END = re.compile(r"[.!?\"”’:;)]\s*$")


def clean(article: Article) -> tuple[Meta, str]:
    text = article.text
    lines = split_lines(text)
    removed: list[Removed] = []
    outlet, dateline, title, published = article.outlet, None, article.title, article.published
    authors = list(article.authors)
    genre = "news"
    body_start = 0

    m = DATE_MARKER.match(text)
    if m:
        published = published or m.group(1)
        removed.append(Removed(m.start(1) - len("date "), m.end(1), "date marker"))
        body_start = m.end()

    # Header lines: consumed while they look like title / byline / tag list / outlet marker / date line.
    i = 0
    while i < len(lines) and not lines[i].stripped:
        i += 1
    header_seen = 0
    while i < len(lines) and header_seen < 6 and body_start == 0:
        ln = lines[i]
        s = ln.stripped
        if not s:
            i += 1
            continue
        if (pm := PUBLISHED_LINE.match(s)):
            published = published or pm.group(1)
        elif (bm := BYLINE.match(s)) and len(s) < 120:
            authors = authors or split_names(bm.group(2))
            if bm.group(1) and bm.group(1).lower() in ("guest commentary", "commentary", "opinion", "editorial"):
                genre = "opinion"
            elif bm.group(1):
                genre = "analysis"
        elif TAG_LIST.match(s):
            removed.append(Removed(ln.start, ln.end, "tag list"))
        elif (om := OUTLET_LINE.match(ln.text)) and len(s) < 45:
            outlet = outlet or normal_outlet(om.group(1))
        elif header_seen == 0 and (s == (article.title or "").strip() or is_title(s, lines, i)):
            title = title or s
        else:
            break
        header_seen += 1
        i += 1
    if body_start == 0:
        body_start = lines[i].start if i < len(lines) else len(text)

    dm = DATELINE.match(text, body_start)
    if dm:
        place = dm.group("place").split(",")[0].strip()
        if place.replace(".", "").replace(" ", "").isupper() and len(place) >= 3:
            dateline = place
            if dm.group("outlet"):
                outlet = outlet or normal_outlet(dm.group("outlet"))
            body_start = dm.end()

    body_lines = [ln for ln in lines if ln.end > body_start]
    debris, zones, outlet_hint = find_debris(body_lines)
    removed.extend(debris)
    outlet = outlet or outlet_hint

    body_end = body_start
    removed_spans = sorted([(r.start, r.end) for r in removed] + [(z.start, z.end) for z in zones])
    for ln in body_lines:
        if ln.stripped and not any(a <= ln.start + _lead(ln) and ln.end <= b for a, b in removed_spans):
            body_end = ln.start + len(ln.text.rstrip())

    if title and GENRE_PREFIX.match(title):
        word = GENRE_PREFIX.match(title).group(1).lower()  # type: ignore[union-attr]
        genre = "analysis" if word == "analysis" else "opinion"

    precision = date_precision(published) if published else None  # none stated: the dating stage infers it

    removed.sort(key=lambda r: r.start)
    meta = Meta(
        id=article.id, source=article.source, title=title, outlet=outlet, authors=authors,
        published=published, published_precision=precision, published_inferred=False,
        dateline=dateline, genre=genre, body_start=body_start, body_end=body_end, removed=removed, zones=zones,
    )
    return meta, mask(text, body_start, body_end, [*removed, *(Removed(z.start, z.end, z.kind) for z in zones)])


def _lead(ln: Line) -> int:
    return len(ln.text) - len(ln.text.lstrip())


def is_title(s: str, lines: list[Line], i: int) -> bool:
    """A headline: a short first line without closing punctuation, followed by more text."""
    more = any(ln.stripped for ln in lines[i + 1:])
    bare = s.rstrip("\"”’'")
    return more and len(s) <= 200 and not re.search(r"[.!?:;,]$", bare) and len(s.split()) >= 3


def split_names(names: str) -> list[str]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", names.strip())
    return [p.title() if p.isupper() else p for p in (x.strip() for x in parts) if p]


def normal_outlet(name: str) -> str:
    key = name.strip().lower()
    return OUTLET_NAMES.get(key, name.strip())


def find_debris(lines: list[Line]) -> tuple[list[Removed], list[Zone], str | None]:
    """Debris (labels, links, repeated captions, video labels, subheadings) and zones (captions, credits,
    author notes) among the body lines, and the outlet a credit or disclaimer names."""
    out: list[Removed] = []
    zones: list[Zone] = []
    outlet: str | None = None
    seen_captions: set[str] = set()

    def whole(ln: Line) -> tuple[int, int]:
        return ln.start + _lead(ln), ln.start + len(ln.text.rstrip())

    i = 0
    while i < len(lines):
        ln, s = lines[i], lines[i].stripped
        low = s.lower()
        if low in DEBRIS_LINES:
            out.append(Removed(*whole(ln), DEBRIS_LINES[low]))
        elif low in ("photo", "image", "video"):
            # "Photo" / caption paragraph / "Credit" / credit line: a label, a caption zone, a label, a credit zone.
            j, credit_at = i + 1, None
            while j < len(lines) and j <= i + 8:
                if lines[j].stripped.lower() in ("credit", "credits"):
                    credit_at = j
                    break
                j += 1
            out.append(Removed(*whole(ln), "photo label"))
            caption = [x for x in lines[i + 1:credit_at if credit_at is not None else i + 1] if x.stripped]
            if caption:
                zones.append(Zone(whole(caption[0])[0], whole(caption[-1])[1], "caption"))
            if credit_at is not None:
                out.append(Removed(*whole(lines[credit_at]), "photo label"))
                k = credit_at + 1
                while k < len(lines) and not lines[k].stripped:
                    k += 1
                if k < len(lines):
                    zones.append(Zone(*whole(lines[k]), "credit"))
                    cm = CREDIT_FOR.search(lines[k].stripped)
                    if cm:
                        outlet = outlet or normal_outlet(cm.group(1))
                    i = k
        elif PHOTO_SUFFIX.search(s) or (POSITION_MARKER.search(s) and len(s) < 300 and s.count(". ") == 0):
            if s in seen_captions:
                out.append(Removed(*whole(ln), "duplicated photo caption"))
            else:
                zones.append(Zone(*whole(ln), "caption"))
            seen_captions.add(s)
        elif VIDEO_LABEL.match(s):
            end = ln.start + len(ln.text.rstrip())
            if i + 1 < len(lines) and lines[i + 1].stripped and not SENTENCE_END.search(lines[i + 1].stripped):
                i += 1
                end = lines[i].start + len(lines[i].text.rstrip())
            out.append(Removed(ln.start + _lead(ln), end, "video label"))
        elif (dm := DISCLAIMER.search(s)) and AUTHOR_NOTE.match(s):
            outlet = outlet or normal_outlet(dm.group(1))
            zones.append(Zone(*whole(ln), "author note"))
        elif is_subheading(lines, i):
            out.append(Removed(*whole(ln), "subheading"))
        i += 1
    return out, zones, outlet


def is_subheading(lines: list[Line], i: int) -> bool:
    """A short unpunctuated line between blank lines, with body text after it."""
    s = lines[i].stripped
    if not s or len(s) > 60 or len(s.split()) > 8 or SENTENCE_END.search(s.rstrip("’'\"”")) and s[-1] not in "’'\"”":
        return False
    if s[-1] in "’'\"”" and SENTENCE_END.search(s[:-1]):
        return False
    prev_blank = i == 0 or not lines[i - 1].stripped
    next_blank = i + 1 < len(lines) and not lines[i + 1].stripped
    later_text = any(ln.stripped for ln in lines[i + 1:])
    return prev_blank and next_blank and later_text


def mask(text: str, body_start: int, body_end: int, removed: list[Removed]) -> str:
    chars = list(text)
    blank = [(0, body_start), (body_end, len(text))] + [(r.start, r.end) for r in removed]
    for a, b in blank:
        for k in range(max(a, 0), min(b, len(text))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def date_precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")
