"""The publication window: the days most of the clues agree on.

Each clue votes with its weight for the days of its interval (open ends run to the horizon; a clue that
recurs every year votes in each year the dated clues reach). The window is the span of the days with the
highest total, so a clue that contradicts the rest (a former office named without "former", a photo from an
archive) is outvoted rather than trusted. ``precision_of`` says how finely the window dates the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from detente.types import DateClue

HORIZON = (date(1900, 1, 1), date(2026, 12, 31))  # no article is dated outside; the KB was last reviewed in 2026
TIE = 1e-6
# The weight a window needs before it is reported: the highest bar at which the folds of bench/eval_dating.py
# get as many windows right as with none (a lower one adds only windows too wide or wrong; 2.0 loses some).
MIN_SCORE = 1.5


@dataclass(frozen=True)
class Window:
    lo: date
    hi: date
    score: float
    evidence: list[DateClue]

    @property
    def best(self) -> date:
        """The middle of the window: the single day to report when one is asked for."""
        return self.lo + timedelta(days=(self.hi - self.lo).days // 2)


def _day(value: str | None, default: date) -> date:
    return date.fromisoformat(value) if value else default


def _annual(clue: DateClue, year: int) -> tuple[date, date] | None:
    """The days an every-year clue covers in one year ("----10-17" .. "----10-20"; a span may cross New Year)."""
    try:
        lo = date(year, int(clue.lo[4:6]), int(clue.lo[7:9])) if clue.lo else HORIZON[0]
        hi = date(year, int(clue.hi[4:6]), int(clue.hi[7:9])) if clue.hi else HORIZON[1]
        return (lo, hi) if lo <= hi else (lo, date(year + 1, hi.month, hi.day))
    except ValueError:  # 29 February in a common year (this one, or the next for a span across New Year)
        return None


def intervals(clues: list[DateClue]) -> list[tuple[date, date, DateClue]]:
    """Each clue as the closed day interval(s) it votes for; every-year clues in each year the others reach."""
    out = [(_day(c.lo, HORIZON[0]), _day(c.hi, HORIZON[1]), c) for c in clues if not c.annual]
    if out:  # every year the dated clues reach, open ends to the horizon
        first, last = min(a for a, _, _ in out).year - 1, max(b for _, b, _ in out).year + 1
        first, last = max(first, HORIZON[0].year), min(last, HORIZON[1].year)
        for c in (c for c in clues if c.annual):
            for y in range(first, last + 1):
                if (span := _annual(c, y)) is not None:
                    out.append((span[0], span[1], c))
    return [(max(a, HORIZON[0]), min(b, HORIZON[1]), c) for a, b, c in out if a <= b]


def best_window(clues: list[DateClue], min_score: float = MIN_SCORE) -> Window | None:
    """The days with the highest total vote (the hull of them when the top is reached more than once); None
    when no day gets ``min_score``."""
    spans = intervals(clues)
    if not spans:
        return None
    points: dict[date, float] = {}
    for a, b, c in spans:
        points[a] = points.get(a, 0.0) + c.weight
        points[b + timedelta(days=1)] = points.get(b + timedelta(days=1), 0.0) - c.weight
    top, tops, score = 0.0, [], 0.0
    days = sorted(points)
    for k, d in enumerate(days):
        score += points[d]
        if k + 1 == len(days):
            break
        seg = (d, days[k + 1] - timedelta(days=1))
        if score > top + TIE:
            top, tops = score, [seg]
        elif abs(score - top) <= TIE and top > 0:
            tops.append(seg)
    if top <= 0 or top < min_score - TIE:
        return None
    lo, hi = tops[0][0], tops[-1][1]
    evidence = sorted({id(c): c for a, b, c in spans if a <= lo and hi <= b}.values(), key=lambda c: c.start)
    return Window(lo, hi, top, evidence)


def precision_of(w: Window) -> tuple[str, str] | None:
    """(published, precision) the window supports: a day within a week, a month within a quarter, a year
    within a calendar year; None when it is wider."""
    width = (w.hi - w.lo).days
    if width <= 6:
        return w.best.isoformat(), "day"
    if width <= 92 or (w.lo.year, w.lo.month) == (w.hi.year, w.hi.month):
        return w.best.isoformat()[:7], "month"
    if w.lo.year == w.hi.year:
        return str(w.lo.year), "year"
    return None
