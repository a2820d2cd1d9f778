"""The publication window: the days most of the clues agree on.

Each clue votes with its weight for the days of its interval (open ends run to the horizon; a clue that
recurs every year votes in each year the dated clues reach). The window is the stretch of days with the
highest total, so a clue that contradicts the rest (a former office named without "former", a photo from an
archive) is outvoted rather than trusted; it grows along the days whose vote is nearly as high up to the
width a ``Rule`` allows (where the clues meet is often a few days too narrow), and a tie between stretches
far apart (the same month and day in two years) gives no narrow window. ``precision_of`` says how finely
the window dates the article.
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
    wraps = bool(clue.lo and clue.hi and clue.hi[4:] < clue.lo[4:])  # "----11-17" .. "----01-31"
    try:
        lo = date(year, int(clue.lo[4:6]), int(clue.lo[7:9])) if clue.lo else HORIZON[0]
        hi = date(year + wraps, int(clue.hi[4:6]), int(clue.hi[7:9])) if clue.hi else HORIZON[1]
    except ValueError:  # 29 February in a common year
        return None
    return lo, hi


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


@dataclass(frozen=True)
class Rule:
    """How the window is chosen from the votes (``bench/eval_dating.py`` tunes these on folds)."""

    min_score: float = MIN_SCORE  # the weight the best days need
    # How far the best days must stand above every day outside the window: a near tie with another stretch
    # (the same month-day in another year both fit) is no answer.
    margin: float = 0.0
    # The narrowest window reported: the days where the most clues meet are often too few (a recency vote
    # ends a day early), so the window grows along its best neighbours to this many days.
    width: int = 62
    slack: float = 0.5  # ... but only into days whose vote is at most this much below the best
    gap: int = 31  # best days closer than this are one stretch


DEFAULT_RULE = Rule()


def segments(spans: list[tuple[date, date, DateClue]]) -> list[tuple[date, date, float]]:
    """The total vote as runs of days with one score each, in order (days no clue covers have none)."""
    points: dict[date, float] = {}
    for a, b, c in spans:
        points[a] = points.get(a, 0.0) + c.weight
        points[b + timedelta(days=1)] = points.get(b + timedelta(days=1), 0.0) - c.weight
    out, score = [], 0.0
    days = sorted(points)
    for k, d in enumerate(days[:-1]):
        score += points[d]
        out.append((d, days[k + 1] - timedelta(days=1), score))
    return out


def _grow(segs: list[tuple[date, date, float]], lo: date, hi: date, width: int, least: float) -> tuple[date, date]:
    """[lo, hi] widened to ``width`` days, a run at a time toward the better-scored neighbour whose vote is at
    least ``least`` (runs are contiguous: ``segments`` leaves no gap)."""
    i = next(k for k, (a, b, _) in enumerate(segs) if a <= lo <= b)
    j = next(k for k, (a, b, _) in enumerate(segs) if a <= hi <= b)
    while (need := width - (hi - lo).days - 1) > 0:
        left = segs[i - 1][2] if i > 0 and lo == segs[i][0] else None
        right = segs[j + 1][2] if j + 1 < len(segs) and hi == segs[j][1] else None
        inside_l, inside_r = lo > segs[i][0], hi < segs[j][1]  # room left in the runs already reached
        if inside_l or inside_r:
            if inside_r and (not inside_l or segs[j][2] >= segs[i][2]):
                hi = min(segs[j][1], hi + timedelta(days=need))
            else:
                lo = max(segs[i][0], lo - timedelta(days=need))
            continue
        left = left if left is not None and left >= least - TIE else None
        right = right if right is not None and right >= least - TIE else None
        if left is None and right is None:
            break
        if right is not None and (left is None or right >= left):
            j += 1
            hi = min(segs[j][1], hi + timedelta(days=need))
        else:
            i -= 1
            lo = max(segs[i][0], lo - timedelta(days=need))
    return lo, hi


def best_window(clues: list[DateClue], min_score: float | None = None, rule: Rule = DEFAULT_RULE) -> Window | None:
    """The stretch of days with the highest total vote (the hull of all of them when the top is reached in
    stretches far apart), grown to ``rule.width``; None when the best days get less than the minimum score or
    stand less than ``rule.margin`` above some day outside the window."""
    floor = rule.min_score if min_score is None else min_score
    spans = intervals(clues)
    segs = segments(spans)
    if not segs:
        return None
    top = max(s for _, _, s in segs)
    if top <= 0 or top < floor - TIE:
        return None
    tops = [(a, b) for a, b, s in segs if s >= top - TIE]
    stretches = [list(tops[0])]
    for a, b in tops[1:]:
        if (a - stretches[-1][1]).days <= rule.gap:
            stretches[-1][1] = b
        else:
            stretches.append([a, b])
    lo, hi = best_lo, best_hi = stretches[0][0], stretches[-1][1]
    if len(stretches) == 1:
        lo, hi = _grow(segs, lo, hi, rule.width, max(top - rule.slack, TIE))
    if rule.margin > 0:
        rest = max((s for a, b, s in segs if b < lo or a > hi), default=0.0)
        if top - rest < rule.margin - TIE:
            return None
    # The evidence: the clues that vote for every one of the best days.
    evidence = sorted({id(c): c for a, b, c in spans if a <= best_lo and best_hi <= b}.values(),
                      key=lambda c: c.start)
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
