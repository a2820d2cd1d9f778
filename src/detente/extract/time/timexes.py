"""Time expressions: find them in a parsed Doc and normalise them TIMEX3-style against the publication date.

Candidates are spaCy DATE/TIME entities plus our own patterns for what the small model misses ("now",
"recently", "the day after", seasons...). ``resolve`` normalises one expression against the anchor (the
publication date, only to the precision it is known), the tense of its clause (weekdays and months
without a year go back in past-tense clauses, forward in future ones, else to the nearest), and the
last date the article mentioned ("four years later", "the day before", "the quarter"). A value that
cannot be worked out is None, never silently the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from detente.extract.time.calendar import (
    DAY,
    MONTH,
    PRECISION_OF,
    YEAR,
    Anchor,
    Context,
    NoAnchor,
    duration,
    fmt_day,
    fmt_month,
    fmt_week,
    offset,
    parse_anchor,
    pick_season,
    pick_weekday,
    pick_year,
    shift,
    weekday_of,
)
from detente.types import Doc, Result, Timex, Token

MONTHS = {m: k for k, m in enumerate("january february march april may june july august september october "
                                     "november december".split(), 1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {d: k for k, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "fortnight": "2W", "decade": "DE", "century": "CE",
         "quarter": "Q", "hour": "TH", "minute": "TM", "second": "TS"}
ORDINALS = {w: k for k, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                                       "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                                       "nineteenth twentieth".split(), 1)}
SMALL = {w: k for k, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: k * 10 for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
DECADE_WORDS = {w[:-1] + "ies": k // 10 for w, k in TENS.items()}  # "eighties" -> 8

PRESENT = {"now", "right now", "just now", "currently", "presently", "at present", "the present", "nowadays",
           "these days", "at the moment", "this moment", "the moment", "for now", "so far"}
PAST = {"recently", "recent", "more recently", "most recently", "lately", "previously", "formerly", "the past",
        "in the past", "past", "earlier", "once", "some time ago", "a while ago", "long ago", "then current",
        "the time", "at the time", "that time", "in recent times"}
FUTURE = {"soon", "the future", "future", "in the future", "the near future", "near future", "later",
          "the near term", "near term", "the short term", "short term", "the long term", "long term", "shortly",
          "a later date", "as soon as possible", "eventually", "in due course", "one day", "someday"}
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
               "quarterly": "P1Q", "hourly": "PT1H", "biweekly": "P2W", "nightly": "P1D"}


def words_to_number(words: str) -> int | None:
    parts = re.split(r"[- ]+", words.strip())
    total = 0
    for p in parts:
        if p in SMALL:
            total += SMALL[p]
        elif p in TENS:
            total += TENS[p]
        elif p == "hundred":
            total = max(total, 1) * 100
        elif p != "and":
            return None
    return total


NUMBER_WORDS = (r"\b(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(k for k in SMALL if k != "zero") +
                r"))?|" + "|".join(sorted(SMALL, key=len, reverse=True)) + r")\b(?![-']?(?:ies|th)\b)")
SPELLED_YEAR = re.compile(r"\b(nineteen|twenty)[- ](" + NUMBER_WORDS + r"|hundred)|\btwo thousand(?: and)?(?: (" +
                          NUMBER_WORDS + r"))?")


def _spelled_year(m: re.Match[str]) -> str:
    if m.group(0).startswith("two thousand"):
        return str(2000 + (words_to_number(m.group(3)) or 0) if m.group(3) else 2000)
    rest = 0 if m.group(2) == "hundred" else words_to_number(m.group(2))
    if rest is None or not (rest == 0 or 10 <= rest <= 99):
        return m.group(0)
    return str((1900 if m.group(1) == "nineteen" else 2000) + rest)


def normalise(text: str) -> str:
    s = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    s = re.sub(r"\s+", " ", s).strip(" ,.;:!?\"'()[]")
    s = re.sub(r"(?:'s|s')$", "", s).strip()
    s = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.", r"\1", s)
    s = re.sub(r"\b([ap])\.? ?m\b\.?", r"\1m", s)
    s = SPELLED_YEAR.sub(_spelled_year, s)
    s = re.sub(NUMBER_WORDS, lambda m: str(words_to_number(m.group(0))), s)
    s = re.sub(r"\b(\d+)-(?=(?:year|month|week|day|hour|minute|quarter|decade)s?\b)", r"\1 ", s)
    s = re.sub(r"\ba couple(?: of)?\b", "2", s)
    s = re.sub(r"^year[- ](earlier|ago)$", r"a year \1", s)
    s = re.sub(r"^(?:year[- ]end|year's end|end of (?:the )?year)$", "year", s)
    return s


# Words around an expression that do not change its value: "nearly", "by", "early", "the end of"...
PREFIX = re.compile(r"^(?:around|about|approximately|nearly|almost|roughly|some|at least|at most|more than|less "
                    r"than|over|under|just|only|as early as|as late as|by|since|until|till|through|from|in|on|at|"
                    r"during|before|after|within|for|of|early|earlier|late|later|mid-?|(?:the )?(?:middle|end|"
                    r"beginning|start|close|turn|rest) of|much of|most of|all of|part of|a good part of|sometime|"
                    r"some time|the|its|a flat|the same|another)[- ]")
SUFFIX = re.compile(r"(?:,| or so| or later| and beyond| or more| or two| at the earliest| at the latest| alone)$")


def strip_mods(s: str) -> str:
    for _ in range(6):
        t = PREFIX.sub("", s, count=1)
        t = SUFFIX.sub("", t).strip()
        if t == s or not t:
            return s
        s = t
    return s


# --- the rules: one normalised expression -> (type, value) ---------------------------------------------

@dataclass
class State:
    anchor: Anchor | None
    tense: str | None
    ctx: Context = field(default_factory=Context)
    kind: str | None = None  # type committed to so far, kept when the value turns out unresolvable

    def at(self, precision: int) -> dt.date:
        if self.anchor is None:
            raise NoAnchor
        return self.anchor.at(precision)


ALT = "|".join
MON = "(?P<mon>" + ALT(sorted(MONTHS, key=len, reverse=True)) + ")"
WD = "(?P<wd>" + ALT(WEEKDAYS) + ")"
PART = "(?P<part>" + ALT(PARTS) + ")"
NUM = r"(?P<n>\d+(?:\.\d+)?|an?|one|a few|few|several|many|some|a number of|numerous)"
UNIT_WORD = r"years?|months?|weeks?|days?|fortnights?|decades?|centur(?:y|ies)|quarters?|hours?|minutes?|seconds?"
UNIT = f"(?P<u>{UNIT_WORD})"
DAYNUM = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?|(?P<dw>" + ALT(ORDINALS) + ")"
YEAR_RE = r"(?P<y>1\d{3}|20\d\d|'\d\d)"
ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 2}
REL_DET = (r"this past|this coming|the following|the previous|the next|last|this|next|past|coming|previous|prior|"
           r"preceding|following|current|present|latest|that|upcoming")


def unit_code(u: str) -> str:
    u = "century" if u.startswith("centur") else u.rstrip("s")
    return UNITS[u]


def count(n: str) -> float | None:
    if n in ("a", "an", "one"):
        return 1
    try:
        return float(n)
    except ValueError:
        return None


def year_of(y: str) -> int:
    return 1900 + int(y[1:]) if y.startswith("'") else int(y)


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
    if re.search(r"\b(?:years?|months?) old\b|-year-old|\baged?\b", s0):
        return None, None
    st.kind = "SET"
    if s in SET_ADVERBS:
        return "SET", SET_ADVERBS[s]
    if m := re.fullmatch(r"(?:every|each|per|once a|twice a|\d+ times a) (?P<other>other )?(?:(?P<k>\d+) )?" + UNIT,
                         s0):
        k = 2 if m.group("other") else int(m.group("k") or 1)
        return "SET", duration(k, unit_code(m.group("u")))
    if m := re.fullmatch(r"(?:(?:every|each|on) )?" + WD + r"(?P<pl>s)?(?: " + PART + r"s?)?", s0):
        if m.group("pl") or not s0.startswith(("on", m.group("wd"))):
            part = "T" + PARTS[m.group("part")] if m.group("part") else ""
            return "SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}{part}"
    if m := re.fullmatch(r"(?:every|each) (?:" + MON + "|(?P<season>" + ALT(SEASONS) + "))", s0):
        return "SET", (f"XXXX-{MONTHS[m.group('mon')]:02d}" if m.group("mon") else f"XXXX-{SEASONS[m.group('season')]}")
    st.kind = "DATE"
    if m := re.fullmatch(r"(?:in )?(?:the )?(?:(?P<dir>recent|past|last|coming|next|upcoming|future|previous|"
                         r"earlier|later) )(?:few |several |many |\d+ or \d+ )?(?:days|weeks|months|years|decades|"
                         r"quarters|times)(?: and (?:days|weeks|months|years))?", s0):
        ahead = m.group("dir") in ("coming", "next", "upcoming", "future", "later")
        return "DATE", "FUTURE_REF" if ahead else "PAST_REF"
    if m := re.fullmatch(NUM + " " + UNIT + r" (?P<dir>ago|from now|hence|back|before now)", s):
        n, code = count(m.group("n")), unit_code(m.group("u"))
        past = m.group("dir") in ("ago", "back", "before now")
        if n is None or code.startswith("T") or n != int(n):
            return "DATE", "PAST_REF" if past else "FUTURE_REF"
        if code == "Y" and (q := st.ctx.near("Q")):  # "the third quarter ... a year ago"
            return "DATE", shift(q, int(n) * (-1 if past else 1), code)
        return "DATE", offset(st.at(PRECISION_OF.get(code, DAY)), int(n) * (-1 if past else 1), code)
    if m := re.fullmatch(NUM + " " + UNIT + r" (?P<dir>later|earlier|before|after|afterwards?|on|prior|previously)", s):
        n, code = count(m.group("n")), unit_code(m.group("u"))
        if n is None or n != int(n) or code not in ("Y", "M", "W", "D", "Q"):
            raise NoAnchor
        back = m.group("dir") in ("earlier", "before", "prior", "previously")
        base = (back and code == "Y" and st.ctx.near("Q")) or st.ctx.reference(code, st.anchor, back)
        return "DATE", shift(base, int(n) * (-1 if back else 1), code)  # "the third quarter ... a year earlier"
    if m := re.fullmatch(r"(?:the )?(?:" + NUM + r" )?(?P<u>days?|weeks?|months?|years?) "
                         r"(?P<dir>after|before|following|prior to|preceding) (?P<rest>.+)", s0):
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
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:t.*)?", s):
        return "DATE", fmt_day(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)", s):
        y = int(m.group(3)) + (0 if len(m.group(3)) == 4 else 1900 if int(m.group(3)) > 30 else 2000)
        return "DATE", fmt_day(dt.date(y, int(m.group(1)), int(m.group(2))))
    wd = re.match(WD + r",? (?=" + MON + r"\b)", s)
    if found := month_day(s[wd.end():] if wd else s, st, WEEKDAYS[wd.group("wd")] if wd else None):
        return found
    if found := weekday(s, st):
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
    if m := re.fullmatch(r"(?:(?:past|last|next|first|coming|previous|following|final|latest|remaining|other|"
                         r"additional|further|full|entire|whole|initial|recent|preceding|succeeding) )?" + NUM +
                         r" (?:more |full |straight |consecutive |long |additional |extra |whole |of )?" + UNIT +
                         r"(?: (?:long|running|in a row|period|stretch|time|span|term|plan|program))?", s):
        return "DURATION", duration(count(m.group("n")), unit_code(m.group("u")))
    if m := re.fullmatch(r"(?:many |several |a few |few |long )?(?P<u>years|months|weeks|days|decades|centuries|hours|"
                         r"minutes)", s):
        return "DURATION", duration(None, unit_code(m.group("u")))
    return None, None


def day_words(s0: str, s: str, st: State) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?:the day (?P<rel>before|after) )?(?P<w>yesterday|today|tonight|tonite|tomorrow)"
                     r"(?: (?:in the )?" + PART + ")?", s)
    if m:
        n = {"yesterday": -1, "tomorrow": 1}.get(m.group("w"), 0) + {"before": -1, "after": 1}.get(m.group("rel"), 0)
        part = "NI" if m.group("w") in ("tonight", "tonite") else PARTS.get(m.group("part") or "")
    elif m := re.fullmatch(r"(?P<w>last|this) " + PART, s0) or re.fullmatch(r"(?P<w>overnight)", s0):
        n = -1 if m.group("w") in ("last", "overnight") else 0
        part = PARTS[m.group("part") if m.group("w") != "overnight" else "night"]
    else:
        return None
    st.kind = "TIME" if part else "DATE"
    d = st.at(DAY) + dt.timedelta(days=n)
    return ("TIME", f"{fmt_day(d)}T{part}") if part else ("DATE", fmt_day(d))


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
    rest = re.sub(r"^(?:at|on|,| )+|(?:at|on|,| )+$", "", (s[:m.start()] + " " + s[m.end():]).strip())
    rest = re.sub(r"\b(?:in the )?(?:morning|afternoon|evening|night)\b", "", rest).strip(" ,")
    if rest:
        _, v = rules(normalise(rest), st)
        st.kind = "TIME"
        if not v or not re.fullmatch(r"\d{4}-\d\d-\d\d", v[:10]):
            raise NoAnchor
        day = v[:10]
    else:
        day = fmt_day(st.at(DAY))
    return "TIME", f"{day}T{h:02d}:{mi:02d}"


def month_day(s: str, st: State, wd: int | None = None) -> tuple[str, str] | None:
    m = (re.fullmatch(MON + r" (?:the )?(?:" + DAYNUM + r")(?:,? " + YEAR_RE + r")?", s)
         or re.fullmatch(r"(?:the )?(?:" + DAYNUM + r") (?:of )?" + MON + r"(?:,? " + YEAR_RE + r")?", s))
    if not m:
        return None
    mon, day = MONTHS[m.group("mon")], int(m.group("d")) if m.group("d") else ORDINALS[m.group("dw")]
    if m.group("y"):
        return "DATE", fmt_day(dt.date(year_of(m.group("y")), mon, day))
    a = st.at(MONTH)
    if st.anchor and st.anchor.precision < DAY and a.month in (mon, mon % 12 + 1, (mon - 2) % 12 + 1):
        raise NoAnchor  # the anchor's day is unknown and the date is too close to it to tell the year
    y = pick_year(a, mon, day, st.tense, None)
    named = [k for k in (y, a.year, a.year + 1, a.year - 1) if wd is not None and weekday_of(k, mon, day) == wd]
    return "DATE", fmt_day(dt.date(named[0] if named else y, mon, day))  # "Saturday, April 25": the year it fits


def weekday(s: str, st: State) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?:(?P<mod>this past|this coming|last|next|this|coming|previous|following) )?" + WD +
                     r"(?: " + PART + ")?", s)
    if not m:
        return None
    st.kind = "TIME" if m.group("part") else "DATE"
    d = pick_weekday(st.at(DAY), WEEKDAYS[m.group("wd")], st.tense, m.group("mod"))
    return ("TIME", f"{fmt_day(d)}T{PARTS[m.group('part')]}") if m.group("part") else ("DATE", fmt_day(d))


def years(s: str, st: State) -> tuple[str, str] | None:
    if m := re.fullmatch(r"(?:(?P<mod>last|next|this|this past|this coming|past|coming) )?" + MON +
                         r"(?:(?: of)?,? (?:" + YEAR_RE + r"|(?P<rel>last|this|next) year))?", s):
        mon = MONTHS[m.group("mon")]
        if m.group("y"):
            return "DATE", fmt_month(year_of(m.group("y")), mon)
        if m.group("rel"):
            return "DATE", fmt_month(st.at(YEAR).year + {"last": -1, "this": 0, "next": 1}[m.group("rel")], mon)
        return "DATE", fmt_month(pick_year(st.at(MONTH), mon, None, st.tense, m.group("mod")), mon)
    if m := re.fullmatch(r"(?:fiscal |fy ?|calendar |the year |year |model year |financial year |school year )?"
                         + YEAR_RE + r"(?: (?:fiscal year|year|season|levels?|budget|results))?", s):
        y = year_of(m.group("y"))
        return ("DATE", f"{y:04d}") if 1000 <= y <= 2199 else None
    if m := re.fullmatch(r"'?(?P<c>1\d|20)?(?P<d>\d)0'?s", s):
        c = m.group("c") or ("19" if int(m.group("d")) >= 2 else "20")
        return "DATE", c + m.group("d")
    if s in DECADE_WORDS:
        return "DATE", f"19{DECADE_WORDS[s]}"
    if m := re.fullmatch(r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>" + ALT(ORDINALS) + r")) century", s):
        n = int(m.group("n")) if m.group("n") else ORDINALS[m.group("w")]
        return "DATE", f"{n - 1:02d}"
    return None


def quarters(s0: str, st: State) -> tuple[str, str] | None:
    if not re.search(r"\b(?:quarter|half|period)\b(?!-)", s0):
        return None
    y_text = re.search(r"\b(1\d{3}|20\d\d)\b", s0)
    back = bool(re.search(r"year[- ](?:ago|earlier)|last year|a year (?:ago|earlier)|(?:previous|prior) year|"
                          r"year before|corresponding", s0))
    ahead = "next year" in s0
    m = re.search(r"\b(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|last)[- ](?:fiscal[- ]|calendar[- ])?"
                  r"(?P<k>quarter|half)\b|\b(?P<o2>first|last) (?:2|two) quarters\b", s0)
    if m and not (m.group("o") == "last" and m.group("k") == "quarter"):
        n, kind = (ORD[m.group("o")], m.group("k")) if m.group("o") else (ORD[m.group("o2")], "half")
        if kind == "half" and n > 2:
            return None
        if y_text:
            y = int(y_text.group(1))
        else:
            a = st.at(MONTH)
            first_month = (n - 1) * (3 if kind == "quarter" else 6) + 1
            y = a.year - back + ahead
            if not (back or ahead) and st.tense == "past" and first_month > a.month:
                y -= 1
        return "DATE", f"{y:04d}-{'Q' if kind == 'quarter' else 'H'}{n}"
    if not re.search(r"\bquarter\b|\bperiod\b", s0):
        return None
    a = st.at(MONTH)
    here = a.year * 4 + (a.month - 1) // 3
    if re.search(r"\b(?:this|current|present)\b", s0):
        k = here
    elif re.search(r"\b(?:last|previous|prior|past|preceding)\b (?:fiscal )?quarter", s0):
        k = here - 1
    elif re.search(r"\b(?:next|coming|following)\b", s0):
        k = here + 1
    elif "latest" in s0 or "most recent" in s0:
        k = here - 1
    elif "Q" in st.ctx.refs:
        k = int(st.ctx.refs["Q"][0][:4]) * 4 + int(st.ctx.refs["Q"][0][-1]) - 1
    elif "quarter" in s0:
        k = here - 1  # "the quarter" in an earnings report: the one just closed
    else:
        return ("DATE", y_text.group(1)) if y_text else None
    k -= 4 * back
    if y_text:
        k = int(y_text.group(1)) * 4 + k % 4
    return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}"


def season(s: str, st: State) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?:(?P<mod>this past|this coming|this|last|next|past|coming) )?(?P<s>" + ALT(SEASONS) + r")"
                     r"(?: (?:of )?" + YEAR_RE + ")?", s)
    if not m:
        return None
    code = SEASONS[m.group("s")]
    if m.group("y"):
        return "DATE", f"{year_of(m.group('y')):04d}-{code}"
    return "DATE", f"{pick_season(st.at(MONTH), code, st.tense, m.group('mod')):04d}-{code}"


def relative_unit(s0: str, s: str, st: State) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?:(?P<det>" + REL_DET + r") )?(?:fiscal |calendar |financial )?(?P<u>day|week|weekend|month|"
                     r"year|decade|century)(?: (?P<post>after|before|earlier|later))?", s)
    if not m:
        return None
    det, u, post = m.group("det") or "", m.group("u"), m.group("post")
    with_the = s0.startswith("the ") or det.startswith("the ")
    det = det.removeprefix("the ")
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this past": -1, "next": 1,
            "coming": 1, "following": 1, "upcoming": 1, "this coming": 1}.get(det, 0)
    step += {"after": 1, "later": 1, "before": -1, "earlier": -1}.get(post or "", 0)
    from_ref = det in ("that", "following", "previous", "prior", "preceding") or (with_the and det == "next") or post
    if u == "day":
        if det in ("this", "current", "present"):
            return "DATE", "PRESENT_REF"
        return "DATE", shift(st.ctx.reference("D", st.anchor), step, "D")
    if u == "weekend":
        a = st.at(DAY)
        sat = a - dt.timedelta(days=(a.weekday() - 5) % 7)
        if step > 0 or (step == 0 and st.tense == "future" and sat < a - dt.timedelta(days=1)):
            sat += dt.timedelta(days=7)
        return "DATE", fmt_week(sat) + "-WE"
    code = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}[u]
    if from_ref:
        base = st.ctx.reference(code, st.anchor, fallback=det != "that")
        return "DATE", (fmt_week(dt.date.fromisoformat(shift(base, step, "W")))
                        if code == "W" and len(base) == 10 else shift(base, step, code))
    a = st.at(PRECISION_OF.get(code, YEAR))
    if code == "CE":
        return "DATE", f"{a.year // 100 + step:02d}"
    return "DATE", offset(a, step, code)


# --- public: one expression ----------------------------------------------------------------------------

def resolve_with(text: str, anchor: Anchor | None, tense: str | None, ctx: Context) -> tuple[str | None, str | None]:
    """(type, value) of one expression; (type, None) when it needs more than the anchor and context give."""
    st = State(anchor, (tense or "").lower() or None, ctx)
    if len(text) > 200:  # no time expression is this long
        return None, None
    try:
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


# --- in a document: candidates, the tense of their clause, the running context ---------------------------

PLAN_VERBS = {"schedule", "plan", "expect", "set", "due", "intend", "slate", "prepare", "aim", "hope", "go", "vow",
              "promise", "threaten", "agree", "decide", "want", "seek", "try", "need"}
PLANNED = {"schedule", "slate", "plan", "due"}  # "talks scheduled for Friday": ahead even as a participle
FUTURE_MODALS = {"will", "would", "'ll", "shall", "wo", "’ll"}
DEADLINE_WORDS = {"payable", "effective", "due", "expire", "expires", "until", "till", "through", "record"}


def clause_tense(toks: list[Token], kids: dict[int, list[int]], first: int, last: int) -> str | None:
    """past / present / future of the clause holding tokens first..last, or None when the clause does not say.

    The governing verb's tense and auxiliaries decide; "since" before the expression means past; a deadline
    word on the way up ("payable Dec. 7", "effective June 1") leaves it open."""
    span = range(first, last + 1)
    before = toks[first - 1].text.lower() if first > 0 else ""
    if before == "since":
        return "past"
    t = next((toks[i] for i in span if toks[i].head not in span or toks[i].head == i), toks[first])
    for _ in range(12):
        if t.i not in span and t.pos in ("VERB", "AUX"):
            break
        if t.i not in span and t.text.lower() in DEADLINE_WORDS:
            return None
        if t.head == t.i:
            break
        t = toks[t.head]
    return verb_tense(toks, kids, t)


def verb_tense(toks: list[Token], kids: dict[int, list[int]], t: Token) -> str | None:
    if t.pos not in ("VERB", "AUX"):
        return None
    children = [toks[c] for c in kids.get(t.i, [])]
    aux = [c for c in children if c.dep in ("aux", "auxpass")]
    if any(a.tag == "MD" and a.text.lower() in FUTURE_MODALS for a in aux):
        return "future"
    past_aux = any(a.tag == "VBD" for a in aux)
    if t.lemma in PLAN_VERBS and any(c.dep == "xcomp" for c in children) and not past_aux and t.tag != "VBD":
        return "future"
    if t.lemma in PLANNED and t.tag == "VBN" and not past_aux:
        return "future"
    if t.tag == "VB" and any(c.tag == "TO" for c in children):
        return "future"
    if t.tag == "VBD" or past_aux or (t.tag == "VBN" and not aux) or any(a.lemma == "have" for a in aux):
        return "past"
    if t.tag in ("VBZ", "VBP", "VBG", "VBN") or any(a.tag in ("VBZ", "VBP") for a in aux):
        return "present"
    return None


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
)]
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|days?)\b")
BACKWARD = re.compile(r"\bago\b|earlier|last year|previous|prior|year[- ]ago|year[- ]earlier")
ADJECTIVES = {"daily", "weekly", "monthly", "annual", "yearly", "quarterly", "hourly", "future", "former"}


TIME_WORD = re.compile(r"(?i:\b(?:" + ALT(MONTHS) + "|" + ALT(WEEKDAYS) + r"|(?:1[89]|20)\d\d|" + UNIT_WORD +
                       r"|yesterday|today|tomorrow|noon|midnight|\d{1,2} ?[ap]\.?m\b)\b)")
CLOCK_WORD = re.compile(r"(?i:\d ?[ap]\.?m\b|\bnoon\b|\bmidnight\b|o'clock)")
SPLIT_AT = re.compile(r" (?:ended|ending|through|to|until|and|or) ")


def candidate_spans(doc: Doc) -> list[list[tuple[int, int]]]:
    """Time expression candidates in the body: each a merged, trimmed span followed by the smaller
    candidates it was merged from, in text order (tried when the whole does not read as a time)."""
    lo, hi = doc.meta.body_start, doc.meta.body_end
    spans = [(e.start, e.end) for e in doc.entities if e.label in ("DATE", "TIME") and lo <= e.start and e.end <= hi]
    for rx in CANDIDATES:
        for m in rx.finditer(doc.masked, lo, hi):
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
    lead = re.match(r"(?:[Tt]he\s+)?", text[a:b]).end()  # type: ignore[union-attr]
    tail = POSSESSIVE.search(text, a, b)
    a2, b2 = a + lead, b - (len(tail.group(0)) if tail else 0)
    if not lead and (m := re.search(r" (?:after|before)$", text[a2:b2])):
        b2 -= len(m.group(0))  # "90 days after the merger": a duration hung on an event
    while b2 > a2 and not text[b2 - 1].isalnum() and text[b2 - 1] != ".":
        b2 -= 1
    return (a2, b2) if b2 > a2 else None


def joins(text: str, a: int, b: int, c: int, d: int) -> bool:
    """Two neighbouring candidates that make one expression: "the day after" + "Sunday", "5 p.m." + "Nov. 9"."""
    gap, left, right = text[b:c], text[a:b], text[c:d]
    if gap == " " and re.search(r"\b(?:after|before|of|following|from)$", left):
        return True
    if gap in (" of ", ", ") and re.fullmatch(r"(?:19|20)\d\d", right):  # "first two quarters" + "of 1990"
        return True
    if gap in (" ", ", ", " on ") and (CLOCK_WORD.search(left) or CLOCK_WORD.search(right)):
        return True
    weekday_then_date = re.fullmatch(WEEKDAY_NAMES, left) and re.match(MONTH_NAMES + "|May|March", right)
    return gap in (" ", ", ") and bool(weekday_then_date)


def split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"the year ended Sept. 30" holds two expressions; "two to three years" one."""
    for m in SPLIT_AT.finditer(text, a, b):
        if TIME_WORD.search(text, a, m.start()) and TIME_WORD.search(text, m.end(), b):
            return [(a, m.start()), *split(text, m.end(), b)]
    return [(a, b)]


def find_timexes(doc: Doc) -> list[Timex]:
    """Every time expression in the article body, resolved against the publication date."""
    toks = doc.tokens
    starts = [tok.start for tok in toks]
    kids: dict[int, list[int]] = {}
    for tok in toks:
        if tok.head != tok.i:
            kids.setdefault(tok.head, []).append(tok.i)
    anchor = anchor_of(doc)
    ctx = Context()
    out: list[Timex] = []
    for whole, *parts in candidate_spans(doc):
        found = timex(doc, toks, starts, kids, anchor, ctx, *whole)
        if parts and (found is None or found.value is None):
            pieces: list[Timex] = []
            for a, b in parts:  # "the week following" + "last month": keep the pieces that resolve
                if (not pieces or a >= pieces[-1].end) and (t := timex(doc, toks, starts, kids, anchor, ctx, a, b)):
                    pieces.append(t)
            if any(t.value for t in pieces) or found is None:
                found = None
                out.extend(pieces)
                for t in sorted(pieces, key=lambda t: t.start):
                    note(ctx, t)
        if found:
            out.append(found)
            note(ctx, found)
    return sorted(out, key=lambda t: t.start)


def note(ctx: Context, t: Timex) -> None:
    """Remember a date the article names, as the reference for later "the day after", "that year"...
    Not the speech time ("today"), not dates counted from the reference itself, not "the year-ago quarter"
    (a later "the quarter" means the current one)."""
    low = t.text.lower()
    if t.type in ("DATE", "TIME") and not DEICTIC.search(low) and not (t.value and "-Q" in t.value and
                                                                        BACKWARD.search(low)):
        ctx.note(t.value)


def timex(doc: Doc, toks: list[Token], starts: list[int], kids: dict[int, list[int]], anchor: Anchor | None,
          ctx: Context, a: int, b: int) -> Timex | None:
    text = doc.text[a:b]
    first, last = token_range(starts, toks, a, b)
    if first is None or last is None:
        return None
    if first == last and toks[first].pos == "ADJ" and toks[first].dep == "amod" and text.lower() in ADJECTIVES:
        return None  # "a weekly magazine", "the future president": not a time
    ctx.sent = toks[first].sent
    try:
        typ, value = resolve_with(text, anchor, clause_tense(toks, kids, first, last), ctx)
    except Exception:  # a resolver bug must cost one value, never the article
        typ, value = "DATE", None
    return Timex(a, b, text, typ, value) if typ else None


def token_range(starts: list[int], toks: list[Token], a: int, b: int) -> tuple[int | None, int | None]:
    i = max(bisect_right(starts, a) - 1, 0)
    first = last = None
    while i < len(toks) and toks[i].start < b:
        if toks[i].end > a and not toks[i].is_space:
            first = i if first is None else first
            last = i
        i += 1
    return first, last


def anchor_of(doc: Doc) -> Anchor | None:
    """The publication date, no finer than cleaning says it is known (an inferred date is often a year)."""
    anchor = parse_anchor(doc.meta.published)
    known = {"year": YEAR, "month": MONTH, "day": DAY}.get(doc.meta.published_precision or "", DAY)
    return Anchor(anchor.date, min(anchor.precision, known)) if anchor else None


def stage(doc: Doc, result: Result, resources: object) -> list[Timex]:
    return find_timexes(doc)
