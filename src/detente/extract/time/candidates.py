"""Where the time expressions are: candidate spans in the article body.

Candidates are spaCy DATE/TIME entities plus our own patterns for what the small model misses ("now",
"recently", "the day after", seasons...). Overlapping and neighbouring candidates are merged into one
span ("the day after" + "Sunday", "5 p.m." + "Nov. 9"); a span holding two expressions is split again
("the year ended Sept. 30"); each span is trimmed of a leading "the", a possessive and punctuation. The
smaller candidates a span was merged from are kept beside it, for when the whole does not read as a time.
"""

from __future__ import annotations

import re

from detente.kb.scan import scan_of
from detente.timex.normalise import ALT, MONTHS, UNIT_WORD, WEEKDAYS
from detente.types import Doc

WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTH_NAMES = ("January|February|April|June|July|August|September|October|November|December|"  # May, March: below
               r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.")
UNIT_WORDS = "years?|months?|weeks?|days?|decades?|centuries|century|quarters?|hours?"
COUNT_WORDS = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of"
CANDIDATES = [re.compile(p) for p in (
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater) )?(?:" + WEEKDAY_NAMES + r")s?\b"
    r"(?: (?:morning|afternoon|evening|night))?",
    r"\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his)[- ])?(?:" + MONTH_NAMES + r")"
    r"(?: \d{1,2}(?:st|nd|rd|th)?\b)?(?:,? (?:1[789]|20)\d\d\b)?",
    r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-|[Ll]ast|[Nn]ext|[Tt]his|[Dd]uring|[Ff]rom|"
    r"[Tt]hrough|[Bb]efore|[Aa]fter) )(?P<t>(?:May|March)(?: \d{1,2}\b)?(?:,? (?:1[789]|20)\d\d\b)?)",
    r"\b(?:May|March) \d{1,2}\b(?:,? (?:1[789]|20)\d\d\b)?",
    r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-|"
    r"[Oo]f|[Ff]iscal) (?P<t>(?:1[89]|20)\d\d)\b(?![-\d%])",
    r"\b(?:[Tt]he )?(?:(?:early|mid|late)[- ])?(?:(?:1[89]|20)\d0s|'\d0s)\b",
    r"(?i:\b(?:last|this|next|past|coming|earlier this|later this|early this|late last|early next|late this|"
    r"earlier last|later last) (?:week|weekend|month|year|quarter|spring|summer|autumn|winter|decade|century)\b)",
    r"(?i:\b(?:right now|now(?!-)|currently|recently|nowadays|these days|at present|soon|lately|"
    r"the (?:near )?future|in the past|(?:recent|coming) (?:days|weeks|months|years))\b)",
    r"(?i:\b(?:(?:the day (?:before|after) )?(?:yesterday|today|tomorrow)|tonight|overnight|(?:last|this|tomorrow) "
    r"(?:morning|afternoon|evening|night))\b)",
    r"(?i:\b(?:(?:early|late|mid)[- ]?)?(?:morning|afternoon|evening) (?:yesterday|today|tomorrow)\b)",
    r"(?i:\b(?:the|a|one|\d+|two|three|four|five|six|seven|eight|nine|ten) (?:day|week|month|year)s? "
    r"(?:after|before|later|earlier|ago)\b)",
    r"(?i:\b(?:" + COUNT_WORDS + r") (?:" + UNIT_WORDS + r") (?:ago|from now|later|earlier)\b)",
    r"(?i:\b(?:the )?(?:past|last|next|previous|coming|first) (?:" + COUNT_WORDS + r") (?:" + UNIT_WORDS + r")\b)",
    r"(?i:\b(?:every|each) (?:other )?(?:day|week|month|year|quarter|summer|winter|spring|autumn|" + WEEKDAY_NAMES +
    r")\b)",
    r"(?i:\b(?:daily|weekly|monthly|annually|yearly|quarterly|hourly)\b)",
    r"\b(?i:in|during|by|until|since|this|last|next|early|late|the|of) (?P<t>(?:(?i:the|this|last|next|early|late) )?"
    r"(?i:spring|summer|autumn|winter)(?: (?:of )?(?:1[89]|20)\d\d)?)\b",
    r"\b(?P<t>(?i:this|last|next|early|late) (?i:fall)|(?i:fall) (?:of )?(?:19|20)\d\d)\b|(?i:\bin )(?P<t2>the fall)\b",
    r"\b(?:19|20)\d\d-\d\d-\d\d\b",
    r"(?i:\byear[- ](?:earlier|ago)\b|\bnoon\b|\bmidnight\b)",
    r"(?i:\bthe (?:latest|most recent|year-earlier|year-ago|comparable|corresponding) (?:fiscal )?"
    r"(?:period|quarter)\b)",
    r"\b(?i:for|of|in|during|through) (?P<t>(?i:the (?:fiscal |full |calendar |current )?year))\b(?![-'’])",
    r"(?i:\b(?:first|second|third|fourth)[- ](?:fiscal[- ])?quarter\b)",
    r"\b(?:[Tt]he )?(?:19|20)\d\d (?:period|(?:first|second|third|fourth)[- ]quarter)\b",
)]
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


TIME_WORD = re.compile(r"(?i:\b(?:" + ALT(MONTHS) + "|" + ALT(WEEKDAYS) + r"|(?:1[89]|20)\d\d|" + UNIT_WORD +
                       r"|yesterday|today|tomorrow|noon|midnight|\d{1,2} ?[ap]\.?m\b)\b)")
CLOCK_WORD = re.compile(r"(?i:\d ?[ap]\.?m\b|\bnoon\b|\bmidnight\b|o'clock)")
SPLIT_AT = re.compile(r" (?:ended|ending|through|to|until|and|or) ")
LEADING_THE = re.compile(r"(?:[Tt]he\s+)?")
HUNG_ON = re.compile(r" (?:after|before)$")
LINK_BEFORE = re.compile(r"\b(?:after|before|of|following|from)$")
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
WEEKDAY_ONLY = re.compile(WEEKDAY_NAMES)
MONTH_FIRST = re.compile(MONTH_NAMES + "|May|March")


_LAST: list = []  # [doc, bounds, spans] of the last call: the dating and timexes stages ask in turn for one doc


def candidate_spans(doc: Doc) -> list[list[tuple[int, int]]]:
    """Time expression candidates in the body: each a merged, trimmed span followed by the smaller
    candidates it was merged from, in text order (tried when the whole does not read as a time)."""
    bounds = (doc.meta.body_start, doc.meta.body_end)
    if not (_LAST and _LAST[0] is doc and _LAST[1] == bounds):
        _LAST[:] = [doc, bounds, _candidate_spans(doc)]
    return [list(g) for g in _LAST[2]]


def _candidate_spans(doc: Doc) -> list[list[tuple[int, int]]]:
    lo, hi = doc.meta.body_start, doc.meta.body_end
    spans = [(e.start, e.end) for e in doc.entities if e.label in ("DATE", "TIME") and lo <= e.start and e.end <= hi]
    scan = scan_of(doc.masked, lo, hi)  # each pattern tried only where it can start (``kb.scan``)
    for rx in CANDIDATES:
        for m in scan.finditer(rx):
            g = "t" if m.groupdict().get("t") else "t2" if m.groupdict().get("t2") else 0
            spans.append(m.span(g))
    groups: list[list[tuple[int, int]]] = []  # [union, part, part...]
    for a, b in sorted(set(spans)):
        u = groups[-1][0] if groups else (0, 0)
        if groups and (a < u[1] or joins(doc.masked, u[0], u[1], a, b)):
            groups[-1][0] = (u[0], max(u[1], b))
            groups[-1].append((a, b))
        else:
            groups.append([(a, b), (a, b)])
    out = []
    for (a, b), *parts in groups:
        if doc.text[a:b] != doc.masked[a:b]:  # touches removed debris
            continue
        for a1, b1 in split(doc.masked, a, b):
            inside = sorted({trim(doc.masked, p, q) for p, q in parts if a1 <= p and q <= b1} - {None},
                            key=lambda s: (s[0], s[0] - s[1]))  # type: ignore[index]
            whole = trim(doc.masked, a1, b1)
            if whole:
                out.append([whole, *(s for s in inside if s != whole)])
    return out  # type: ignore[return-value]


def trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Drop a leading "the", a trailing possessive and trailing punctuation."""
    lead = LEADING_THE.match(text[a:b]).end()  # type: ignore[union-attr]
    tail = POSSESSIVE.search(text, a, b)
    a2, b2 = a + lead, b - (len(tail.group(0)) if tail else 0)
    if not lead and (m := HUNG_ON.search(text[a2:b2])):
        b2 -= len(m.group(0))  # "90 days after the merger": a duration hung on an event
    while b2 > a2 and not text[b2 - 1].isalnum() and text[b2 - 1] != ".":
        b2 -= 1
    return (a2, b2) if b2 > a2 else None


def joins(text: str, a: int, b: int, c: int, d: int) -> bool:
    """Two neighbouring candidates that make one expression: "the day after" + "Sunday", "5 p.m." + "Nov. 9"."""
    gap, left, right = text[b:c], text[a:b], text[c:d]
    if gap == " " and LINK_BEFORE.search(left):
        return True
    if gap in (" of ", ", ") and YEAR_ONLY.fullmatch(right):  # "first two quarters" + "of 1990"
        return True
    if gap in (" ", ", ", " on ") and (CLOCK_WORD.search(left) or CLOCK_WORD.search(right)):
        return True
    weekday_then_date = WEEKDAY_ONLY.fullmatch(left) and MONTH_FIRST.match(right)
    return gap in (" ", ", ") and bool(weekday_then_date)


def split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"the year ended Sept. 30" holds two expressions; "two to three years" one."""
    for m in SPLIT_AT.finditer(text, a, b):
        if TIME_WORD.search(text, a, m.start()) and TIME_WORD.search(text, m.end(), b):
            return [(a, m.start()), *split(text, m.end(), b)]
    return [(a, b)]
