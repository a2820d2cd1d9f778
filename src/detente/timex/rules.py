"""The rule set: one time expression -> its TIMEX3 (type, value), against an anchor, a tense and a context.

``resolve`` normalises one expression against the publication date (the anchor, only to the precision
it is known), the tense of its clause (weekdays and months without a year go back in past-tense clauses,
forward in future ones, else to the nearest), and the last date the article mentioned ("four years
later", "the day before", "the quarter"). ``rules`` tries the forms in a fixed order: present / past /
future references, sets ("every Monday", "weekly"), counted offsets ("two years ago", "a year earlier",
"the day after Sunday's test"), day words, clock times, ISO and numeric dates, month and day, weekday,
years, quarters, seasons, a unit with a determiner, then durations. A value that cannot be worked out
is None, never silently the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.timex.calendar import (
    DAY,
    PRECISION_OF,
    YEAR,
    Anchor,
    Context,
    NoAnchor,
    duration,
    fmt_day,
    offset,
    parse_anchor,
    shift,
)
from detente.timex.date_forms import (
    State,
    day_of_month,
    day_words,
    month_day,
    quarters,
    relative_unit,
    season,
    weekday,
    years,
)
from detente.timex.normalise import (
    ALT,
    FUTURE,
    MON,
    MONTHS,
    NUM,
    PART,
    PARTS,
    PAST,
    PRESENT,
    SEASONS,
    SET_ADVERBS,
    UNIT,
    WD,
    WEEKDAYS,
    count,
    normalise,
    strip_mods,
    unit_code,
)

# The forms ``rules`` tries, compiled once (they ran through ``re``'s cache on every expression).
AGE = re.compile(r"\b(?:years?|months?) old\b|-year-old|\baged?\b")
EVERY_UNIT = re.compile(r"(?:every|each|per|once a|twice a|\d+ times a) (?P<other>other )?(?:(?P<k>\d+) )?" + UNIT)
EVERY_WEEKDAY = re.compile(r"(?:(?:every|each|on) )?" + WD + r"(?P<pl>s)?(?: " + PART + r"s?)?")
EVERY_MONTH = re.compile(r"(?:every|each) (?:" + MON + "|(?P<season>" + ALT(SEASONS) + "))")
VAGUE_SPAN = re.compile(r"(?:in )?(?:the )?(?:(?P<dir>recent|past|last|coming|next|upcoming|future|previous|"
                        r"earlier|later) )(?:few |several |many |\d+ or \d+ )?(?:days|weeks|months|years|decades|"
                        r"quarters|times)(?: and (?:days|weeks|months|years))?")
UNITS_FROM_NOW = re.compile(NUM + " " + UNIT + r" (?P<dir>ago|from now|hence|back|before now)")
UNITS_FROM_REF = re.compile(NUM + " " + UNIT + r" (?P<dir>later|earlier|before|after|afterwards?|on|prior|previously)")
UNITS_FROM_EVENT = re.compile(r"(?:the )?(?:" + NUM + r" )?(?P<u>days?|weeks?|months?|years?) "
                              r"(?P<dir>after|before|following|prior to|preceding) (?P<rest>.+)")
ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:t.*)?")
NUMERIC_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)")
WEEKDAY_THEN_DATE = re.compile(r"(?:(?:this coming|this past|this|next|last|coming|past) )?" + WD + r",? (?=" + MON +
                               r"\b)")
COUNTED_SPAN = re.compile(r"(?:(?:past|last|next|first|coming|previous|following|final|latest|remaining|other|"
                          r"additional|further|full|entire|whole|initial|recent|preceding|succeeding) )?" + NUM +
                          r" (?:more |full |straight |consecutive |long |additional |extra |whole |of )?" + UNIT +
                          r"(?: (?:long|running|in a row|period|stretch|time|span|term|plan|program))?")
UNCOUNTED_SPAN = re.compile(r"(?:many |several |a few |few |long )?(?P<u>years|months|weeks|days|decades|centuries|"
                            r"hours|minutes)")
CLOCK_LINKS = re.compile(r"^(?:at|on|,| )+|(?:at|on|,| )+$")
DAY_PART = re.compile(r"\b(?:in the )?(?:morning|afternoon|evening|night)\b")
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def rules(s0: str, st: State) -> tuple[str | None, str | None]:  # noqa: C901 - one flat list of rules
    s = strip_mods(s0)
    for t in (s0, s):
        st.kind = "DATE"
        if t in PRESENT:
            return "DATE", "PRESENT_REF"
        if t in PAST:
            return "DATE", "PAST_REF"
        if t in FUTURE:
            return "DATE", "FUTURE_REF"
    if s0 in ("one day", "1 day", "some day", "someday") and st.tense == "future":
        return "DATE", "FUTURE_REF"  # "will one day be": a day to come, not a length of one day
    if AGE.search(s0):
        return None, None
    st.kind = "SET"
    if s in SET_ADVERBS:
        return "SET", SET_ADVERBS[s]
    if m := EVERY_UNIT.fullmatch(s0):
        k = 2 if m.group("other") else int(m.group("k") or 1)
        return "SET", duration(k, unit_code(m.group("u")))
    if m := EVERY_WEEKDAY.fullmatch(s0):
        if m.group("pl") or not s0.startswith(("on", m.group("wd"))):
            part = "T" + PARTS[m.group("part")] if m.group("part") else ""
            return "SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}{part}"
    if m := EVERY_MONTH.fullmatch(s0):
        return "SET", (f"XXXX-{MONTHS[m.group('mon')]:02d}" if m.group("mon") else f"XXXX-{SEASONS[m.group('season')]}")
    st.kind = "DATE"
    if m := VAGUE_SPAN.fullmatch(s0):
        ahead = m.group("dir") in ("coming", "next", "upcoming", "future", "later")
        return "DATE", "FUTURE_REF" if ahead else "PAST_REF"
    if m := UNITS_FROM_NOW.fullmatch(s):
        n, code = count(m.group("n")), unit_code(m.group("u"))
        past = m.group("dir") in ("ago", "back", "before now")
        if n is None or code.startswith("T") or n != int(n):
            return "DATE", "PAST_REF" if past else "FUTURE_REF"
        if code == "Y" and (q := st.ctx.quarter_topic()):  # "the third quarter ... a year ago"
            return "DATE", shift(q, int(n) * (-1 if past else 1), code)
        return "DATE", offset(st.at(PRECISION_OF.get(code, DAY)), int(n) * (-1 if past else 1), code)
    if m := UNITS_FROM_REF.fullmatch(s):
        n, code = count(m.group("n")), unit_code(m.group("u"))
        if n is None or n != int(n) or code not in ("Y", "M", "W", "D", "Q"):
            raise NoAnchor
        back = m.group("dir") in ("earlier", "before", "prior", "previously")
        base = (back and code == "Y" and st.ctx.quarter_topic()) or st.ctx.reference(code, st.anchor, back)
        return "DATE", shift(base, int(n) * (-1 if back else 1), code)  # "the third quarter ... a year earlier"
    if m := UNITS_FROM_EVENT.fullmatch(s0):
        n = count(m.group("n") or "1")
        _, v = rules(normalise(m.group("rest")), st)
        st.kind = "DATE"
        if n is None or v is None or not v[:1].isdigit():
            raise NoAnchor
        st.ctx.note(v)  # "the day after Sunday's test ... the day it happened": Sunday is the reference
        back = m.group("dir") in ("before", "prior to", "preceding")
        return "DATE", shift(v[:10], int(n) * (-1 if back else 1), unit_code(m.group("u")))
    if found := day_words(s0, s, st):
        return found
    if found := clock(s, st):
        return found
    st.kind = "DATE"
    if m := ISO_DAY.fullmatch(s):
        return "DATE", fmt_day(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if m := NUMERIC_DAY.fullmatch(s):
        y = int(m.group(3)) + (0 if len(m.group(3)) == 4 else 1900 if int(m.group(3)) > 30 else 2000)
        return "DATE", fmt_day(dt.date(y, int(m.group(1)), int(m.group(2))))
    # "Friday, Aug. 17", "this coming Sunday, March 8": the date decides; the weekday checks it
    wd = WEEKDAY_THEN_DATE.match(s)
    if found := month_day(s[wd.end():] if wd else s, st, WEEKDAYS[wd.group("wd")] if wd else None):
        return found
    if found := weekday(s, st):
        return found
    if found := day_of_month(s0, st):
        return found
    if found := years(s, st):
        return found
    if found := quarters(s0, st):
        return found
    if found := season(s, st):
        return found
    if found := relative_unit(s0, s, st):
        return found
    st.kind = "DURATION"
    if m := COUNTED_SPAN.fullmatch(s):
        return "DURATION", duration(count(m.group("n")), unit_code(m.group("u")))
    if m := UNCOUNTED_SPAN.fullmatch(s):
        return "DURATION", duration(None, unit_code(m.group("u")))
    return None, None


CLOCK = re.compile(r"\b(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))? ?(?P<ap>am|pm)|(?P<h2>\d{1,2}):(?P<mi2>\d\d)|"
                   r"(?P<noon>noon|midday|midnight)|(?P<h3>\d{1,2}) o'clock)(?: (?:[a-z][sd]t|gmt|utc|local time|"
                   r"local))?\b")


def clock(s: str, st: State) -> tuple[str, str] | None:
    m = CLOCK.search(s)
    if not m or len(s) > 60:
        return None
    st.kind = "TIME"
    if m.group("noon"):
        h, mi = (24 if m.group("noon") == "midnight" else 12), 0
    else:
        h = int(m.group("h") or m.group("h2") or m.group("h3"))
        mi = int(m.group("mi") or m.group("mi2") or 0)
        h = h % 12 + (12 if m.group("ap") == "pm" else 0) if m.group("ap") else h
    if h > 24 or mi > 59:
        return None
    rest = CLOCK_LINKS.sub("", (s[:m.start()] + " " + s[m.end():]).strip())
    rest = DAY_PART.sub("", rest).strip(" ,")
    if rest:
        _, v = rules(normalise(rest), st)
        st.kind = "TIME"
        if not v or not DAY_VALUE.fullmatch(v[:10]):
            raise NoAnchor
        day = v[:10]
    else:
        day = fmt_day(st.at(DAY))
    return "TIME", f"{day}T{h:02d}:{mi:02d}"


# --- public: one expression ----------------------------------------------------------------------------

YEAR_END = re.compile(r"(?i)(?:the )?year-end")


def resolve_with(text: str, anchor: Anchor | None, tense: str | None, ctx: Context,
                 compared: bool = False) -> tuple[str | None, str | None]:
    """(type, value) of one expression; (type, None) when it needs more than the anchor and context give.
    ``compared``: the expression dates the figure something is compared with ("from $3 million last year")."""
    st = State(anchor, (tense or "").lower() or None, ctx, compared)
    if len(text) > 200:  # no time expression is this long
        return None, None
    try:
        if YEAR_END.fullmatch(text.strip()):  # "by year-end": the year's last day; "since year-end": last year's
            year = st.at(YEAR).year - (st.tense == "past")
            return "DATE", f"{year:04d}-12-31"
        s = normalise(text)
        if not s or len(s) > 120:
            return None, None
        return rules(s, st)
    except (NoAnchor, ValueError, OverflowError):  # impossible dates ("February 30") included
        return st.kind, None


def resolve(text: str, dct: str | None, tense: str | None = None) -> tuple[str, str | None]:
    """Normalise one time expression against a publication date (YYYY, YYYY-MM or YYYY-MM-DD).

    ``tense`` ("past", "present", "future" or None) picks the direction for weekdays, months and days
    named without a year. Returns (type, value); an expression that is not a time gets ("DATE", None)."""
    try:
        typ, value = resolve_with(text, parse_anchor(dct), tense, Context())
    except Exception:  # a resolver bug must cost one value, never the caller's article
        return "DATE", None
    return typ or "DATE", value
