"""The rules for each form a date takes in text, one function per form.

Day words ("yesterday", "tonight", "the day after tomorrow"), month and day ("Nov. 9", "the 4th of
July"), weekdays ("last Friday"), years, decades and centuries, quarters and halves ("the third quarter",
"the year-ago period"), seasons, and a calendar unit with a determiner ("last week", "that year", "the
month before"). Each takes the normalised text and the ``State`` of the expression being resolved and
returns (type, value), or None when the text is not of its form; a form it recognises but cannot date
raises ``NoAnchor``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from detente.timex.calendar import (
    DAY,
    MONTH,
    PRECISION_OF,
    YEAR,
    Anchor,
    Context,
    NoAnchor,
    fmt_day,
    fmt_month,
    fmt_week,
    offset,
    pick_season,
    pick_weekday,
    pick_year,
    shift,
    weekday_of,
)
from detente.timex.normalise import (
    ALT,
    DAYNUM,
    DECADE_WORDS,
    MON,
    MONTHS,
    ORD,
    ORDINALS,
    PART,
    PARTS,
    REL_DET,
    SEASONS,
    WD,
    WEEKDAYS,
    YEAR_RE,
    year_of,
)

# Each form's patterns, compiled once (they ran through ``re``'s cache on every expression).
DAY_WORD = re.compile(r"(?:the day (?P<rel>before|after) )?(?P<w>yesterday|today|tonight|tonite|tomorrow)"
                      r"(?: (?:in the )?" + PART + ")?")
PART_DAY_WORD = re.compile(PART + r" (?P<w>yesterday|today|tomorrow)")
LAST_PART = re.compile(r"(?P<w>last|this) " + PART)
OVERNIGHT = re.compile(r"(?P<w>overnight)")
MONTH_DAY = re.compile(MON + r" (?:the )?(?:" + DAYNUM + r")(?:,? " + YEAR_RE + r")?")
DAY_MONTH = re.compile(r"(?:the )?(?:" + DAYNUM + r") (?:of )?" + MON + r"(?:,? " + YEAR_RE + r")?")
THE_NTH = re.compile(r"(?:(?:on|by|until|since|from|before|after) )?the (?P<d>\d{1,2})(?:st|nd|rd|th)")
WEEKDAY = re.compile(r"(?:(?P<mod>this past|this coming|last|next|this|coming|previous|following) )?" + WD +
                     r"(?: " + PART + ")?")
MONTH_YEAR = re.compile(r"(?:(?P<mod>last|next|this|this past|this coming|past|coming) )?" + MON +
                        r"(?:(?: of)?,? (?:" + YEAR_RE + r"|(?P<rel>last|this|next) year))?")
YEAR_FORM = re.compile(r"(?:fiscal |fy ?|calendar |the year |year |model year |financial year |school year )?"
                       + YEAR_RE + r"(?: (?:fiscal year|year|season|levels?|budget|results))?")
DECADE = re.compile(r"'?(?P<c>1\d|20)?(?P<d>\d)0'?s")
CENTURY = re.compile(r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>" + ALT(ORDINALS) + r")) century")
PART_OF_YEAR = re.compile(r"\b(?:quarters?|half|period)\b(?!-)")
HALF_OF = re.compile(r"\bhalf of (?:the )?(?P<rest>.*(?:\ds|ies|decade|century))$")
YEAR_IN = re.compile(r"\b(1\d{3}|20\d\d)\b")
YEAR_BACK = re.compile(r"year[- ](?:ago|earlier)|last year|a year (?:ago|earlier)|(?:previous|prior) year|"
                       r"year before|corresponding")
YEAR_PERIOD = re.compile(r"(?:the )?\d{4} period")
NTH_QUARTER = re.compile(r"\b(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|last)[- ](?:fiscal[- ]|calendar[- ])?"
                         r"(?P<k>quarter|half)\b|\b(?P<o2>first) (?:2|two) quarters\b")
QUARTER_WORD = re.compile(r"\bquarter\b|\bperiod\b")
THIS = re.compile(r"\bthis\b")
CURRENT = re.compile(r"\b(?:this|current|present)\b")
PREVIOUS_QUARTER = re.compile(r"\b(?:last|previous|prior|past|preceding)\b (?:fiscal )?quarter")
NEXT = re.compile(r"\b(?:next|coming|following)\b")
SEASON = re.compile(r"(?:(?P<mod>this past|this coming|this|last|next|past|coming) )?(?P<s>" + ALT(SEASONS) + r")"
                    r"(?: (?:of )?" + YEAR_RE + ")?")
RELATIVE_UNIT = re.compile(r"(?:(?P<det>" + REL_DET + r") )?(?:full )?(?:fiscal |calendar |financial )?"
                           r"(?P<u>day|week|weekend|month|year|decade|century)"
                           r"(?: (?P<post>after|before|earlier|later))?")


@dataclass
class State:
    """One expression being resolved: its anchor, its clause's tense, the article's running context, and
    the type the rules have committed to so far."""

    anchor: Anchor | None
    tense: str | None
    ctx: Context = field(default_factory=Context)
    compared: bool = False  # the expression is what a figure is compared with: "up from $3 million last year"
    kind: str | None = None  # type committed to so far, kept when the value turns out unresolvable

    def at(self, precision: int) -> dt.date:
        if self.anchor is None:
            raise NoAnchor
        return self.anchor.at(precision)


def day_words(s0: str, s: str, st: State) -> tuple[str, str] | None:
    m = DAY_WORD.fullmatch(s) or PART_DAY_WORD.fullmatch(s)
    if m:  # "yesterday morning", "the day after tomorrow", "afternoon yesterday"
        rel, w = m.groupdict().get("rel"), m.group("w")
        n = {"yesterday": -1, "tomorrow": 1}.get(w, 0) + {"before": -1, "after": 1}.get(rel or "", 0)
        part = "NI" if w in ("tonight", "tonite") else PARTS.get(m.group("part") or "")
    elif m := LAST_PART.fullmatch(s0) or OVERNIGHT.fullmatch(s0):
        n = -1 if m.group("w") in ("last", "overnight") else 0
        part = PARTS[m.group("part") if m.group("w") != "overnight" else "night"]
    else:
        return None
    st.kind = "TIME" if part else "DATE"
    told = st.ctx.near("D") if s0 == "overnight" and st.tense == "past" else None
    # "shares fell Friday, hit by overnight losses in New York": the night before the day being told
    d = (dt.date.fromisoformat(told) if told else st.at(DAY)) + dt.timedelta(days=n)
    return ("TIME", f"{fmt_day(d)}T{part}") if part else ("DATE", fmt_day(d))


def month_day(s: str, st: State, wd: int | None = None) -> tuple[str, str] | None:
    m = MONTH_DAY.fullmatch(s) or DAY_MONTH.fullmatch(s)
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


def day_of_month(s0: str, st: State) -> tuple[str, str] | None:
    """"on the 15th": that day of the anchor's month or a neighbouring one, the last one in a past clause,
    the next in a future one, else the nearest. Only with "the": "their 22nd meeting" is no day."""
    m = THE_NTH.fullmatch(s0)
    if not m or not 1 <= int(m.group("d")) <= 31:
        return None
    a = st.at(DAY)
    days = []
    for k in (-2, -1, 0, 1, 2):  # the 31st: the nearest month that has one
        y, mo = divmod(a.year * 12 + a.month - 1 + k, 12)
        if weekday_of(y, mo + 1, int(m.group("d"))) is not None:
            days.append(dt.date(y, mo + 1, int(m.group("d"))))
    if st.tense == "past":
        days = [d for d in days if d <= a]
    elif st.tense == "future":
        days = [d for d in days if d >= a]
    if not days:
        raise NoAnchor
    return "DATE", fmt_day(min(days, key=lambda d: abs((d - a).days)))


def weekday(s: str, st: State) -> tuple[str, str] | None:
    m = WEEKDAY.fullmatch(s)
    if not m:
        return None
    st.kind = "TIME" if m.group("part") else "DATE"
    mod = m.group("mod")
    ref = st.ctx.refs.get("D") if mod in ("previous", "following") else None
    if ref:  # "the previous Friday": the one before the day the text has just named, not before today
        d = pick_weekday(dt.date.fromisoformat(ref[0]), WEEKDAYS[m.group("wd")], None,
                         "last" if mod == "previous" else "next")
    else:
        d = pick_weekday(st.at(DAY), WEEKDAYS[m.group("wd")], st.tense, mod)
    return ("TIME", f"{fmt_day(d)}T{PARTS[m.group('part')]}") if m.group("part") else ("DATE", fmt_day(d))


def years(s: str, st: State) -> tuple[str, str] | None:
    if m := MONTH_YEAR.fullmatch(s):
        mon = MONTHS[m.group("mon")]
        if m.group("y"):
            return "DATE", fmt_month(year_of(m.group("y")), mon)
        if m.group("rel"):
            return "DATE", fmt_month(st.at(YEAR).year + {"last": -1, "this": 0, "next": 1}[m.group("rel")], mon)
        return "DATE", fmt_month(pick_year(st.at(MONTH), mon, None, st.tense, m.group("mod")), mon)
    if m := YEAR_FORM.fullmatch(s):
        y = year_of(m.group("y"))
        return ("DATE", f"{y:04d}") if 1000 <= y <= 2199 else None
    if m := DECADE.fullmatch(s):
        c = m.group("c") or ("19" if int(m.group("d")) >= 2 else "20")
        return "DATE", c + m.group("d")
    if s in DECADE_WORDS:
        return "DATE", f"19{DECADE_WORDS[s]}"
    if m := CENTURY.fullmatch(s):
        n = int(m.group("n")) if m.group("n") else ORDINALS[m.group("w")]
        return "DATE", f"{n - 1:02d}"
    return None


def quarters(s0: str, st: State) -> tuple[str, str] | None:
    if not PART_OF_YEAR.search(s0):
        return None
    if m := HALF_OF.search(s0):
        rest = m.group("rest")  # "the last half of the '80s": TIMEX3 has no half-decade, so the decade
        return years(rest, st) or relative_unit("the " + rest, rest, st)
    y_text = YEAR_IN.search(s0)
    back = bool(YEAR_BACK.search(s0))
    ahead = "next year" in s0
    if y_text and YEAR_PERIOD.fullmatch(s0):  # "in the 1988 period": the year's part compared
        q = st.ctx.quarter_topic()
        return "DATE", f"{y_text.group(1)}-Q{q[-1]}" if q else y_text.group(1)
    m = NTH_QUARTER.search(s0)
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
    if not QUARTER_WORD.search(s0):
        return None
    a = st.at(MONTH)
    here = a.year * 4 + (a.month - 1) // 3
    topic = st.ctx.quarter_topic()
    if THIS.search(s0) and topic and st.tense != "future":  # "this quarter's loss", in a results story
        k = int(topic[:4]) * 4 + int(topic[-1]) - 1
    elif CURRENT.search(s0):
        k = here
    elif PREVIOUS_QUARTER.search(s0):
        k = here - 1
    elif NEXT.search(s0):
        k = here + 1
    elif "Q" in st.ctx.refs:  # "the quarter", "the latest period": the one the text is reporting
        k = int(st.ctx.refs["Q"][0][:4]) * 4 + int(st.ctx.refs["Q"][0][-1]) - 1
    elif "latest" in s0 or "most recent" in s0:
        k = here - 1
    elif "quarter" in s0:
        k = here - 1  # "the quarter" in an earnings report: the one just closed
    else:
        return ("DATE", y_text.group(1)) if y_text else None
    k -= 4 * back
    if y_text:
        k = int(y_text.group(1)) * 4 + k % 4
    return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}"


def season(s: str, st: State) -> tuple[str, str] | None:
    m = SEASON.fullmatch(s)
    if not m:
        return None
    code = SEASONS[m.group("s")]
    if m.group("y"):
        return "DATE", f"{year_of(m.group('y')):04d}-{code}"
    return "DATE", f"{pick_season(st.at(MONTH), code, st.tense, m.group('mod')):04d}-{code}"


def relative_unit(s0: str, s: str, st: State) -> tuple[str, str] | None:
    m = RELATIVE_UNIT.fullmatch(s)
    if not m:
        return None
    det, u, post = m.group("det") or "", m.group("u"), m.group("post")
    with_the = s0.startswith("the ") or det.startswith("the ")
    det = det.removeprefix("the ")
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this past": -1, "latest": -1,
            "next": 1,
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
    if code == "Y" and step == -1 and not post and st.compared and (q := st.ctx.quarter_topic()):
        return "DATE", shift(q, -1, "Y")  # "profit rose in the third quarter from $3 million last year"
    if from_ref:
        base = st.ctx.reference(code, st.anchor, fallback=det != "that")
        return "DATE", (fmt_week(dt.date.fromisoformat(shift(base, step, "W")))
                        if code == "W" and len(base) == 10 else shift(base, step, code))
    a = st.at(PRECISION_OF.get(code, YEAR))
    if code == "CE":
        return "DATE", f"{a.year // 100 + step:02d}"
    return "DATE", offset(a, step, code)
