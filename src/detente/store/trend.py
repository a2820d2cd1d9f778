"""Trends that stay honest once events are dated: a robust slope of a pair's tone over the period its
articles report on.

The points are the pair's scored events of the reporting period, one per day (the mean score of that day);
remembered events (dated before the earliest article of the selection, less a month: "the 2014 meeting" in
a 2018 story) are shown on the timeline at their own date but fit nothing. The slope is the Theil–Sen
estimator, the median of the slopes between every two points, which no single outlying event can drag;
Sen's rank interval gives its 90% bounds. The label is "warming" or "cooling" only when the whole interval
lies on one side of zero and the fitted change over the span reaches ``TREND_MIN_CHANGE``; otherwise
"stable"; none with fewer than two dated periods. ``why`` says so in words.
"""

from __future__ import annotations

import math
from statistics import median
from typing import Any

# A trend needs the fitted line to move at least this many score points over the span (PLOVER runs -10..+10).
TREND_MIN_CHANGE = 1.0
Z90 = 1.645  # two-sided 90% normal quantile for Sen's interval
MAX_POINTS = 300  # pairwise slopes grow with the square; beyond this, every k-th day (in order) is kept


def theil_sen(points: list[tuple[float, float]]) -> tuple[float, float, float] | None:
    """(slope, low, high) of (t, y) points: the median pairwise slope and Sen's 90% interval."""
    pts = sorted(points)
    if len(pts) > MAX_POINTS:
        step = math.ceil(len(pts) / MAX_POINTS)
        pts = pts[::step]
    slopes = sorted((y2 - y1) / (t2 - t1) for k, (t1, y1) in enumerate(pts) for t2, y2 in pts[k + 1:] if t2 != t1)
    if not slopes:
        return None
    n, m = len(pts), len(slopes)
    c = Z90 * math.sqrt(n * (n - 1) * (2 * n + 5) / 18)
    lo = slopes[max(0, min(m - 1, math.floor((m - c) / 2)))]
    hi = slopes[max(0, min(m - 1, math.ceil((m + c) / 2) - 1))]
    return median(slopes), lo, hi


def trend(points: list[tuple[float, float]], n_periods: int, remembered: int = 0) -> dict[str, Any]:
    """The trend of a pair from its reporting-period points (t in years, mean score of the day)."""
    aside = f"; {remembered} remembered event{'s' if remembered != 1 else ''} shown, not fitted" if remembered else ""
    fit = theil_sen(points) if n_periods >= 2 else None
    if fit is None:
        return {"label": None, "slope_per_year": None, "change": None, "interval": None,
                "why": "fewer than two periods with scored events in the reporting period" + aside}
    slope, lo, hi = fit
    span = max(t for t, _ in points) - min(t for t, _ in points)
    change = slope * span
    if lo > 0 and change >= TREND_MIN_CHANGE:
        label, why = "warming", f"every slope in the 90% interval rises and the fitted change is {change:+.2f}"
    elif hi < 0 and change <= -TREND_MIN_CHANGE:
        label, why = "cooling", f"every slope in the 90% interval falls and the fitted change is {change:+.2f}"
    else:
        label = "stable"
        why = (f"the 90% interval of the slope ({lo:+.2f} to {hi:+.2f} a year) includes no change"
               if lo <= 0 <= hi else f"the fitted change {change:+.2f} is under {TREND_MIN_CHANGE:g}")
    return {"label": label, "slope_per_year": round(slope, 3), "change": round(change, 3),
            "interval": [round(lo, 3), round(hi, 3)], "why": why + f" ({len(points)} days)" + aside}
