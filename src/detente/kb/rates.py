"""Yearly exchange rates against the US dollar (``data/exchange_rates.tsv``, documented beside it): which
years a conversion a text states fits. ``python -m detente.kb.rates --check`` validates the file."""

from __future__ import annotations

import functools
import math
import sys

from detente.errors import DataError
from detente.tsv import read_tsv

FILE = "data/exchange_rates.tsv"


@functools.cache
def load_rates() -> dict[str, dict[int, float]]:
    """{currency: {year: units per US dollar}}; raises DataError naming the line of a bad row."""
    out: dict[str, dict[int, float]] = {}
    for n, r in read_tsv("detente.kb", FILE):
        where = f"detente/kb/{FILE} line {n}"
        try:
            year = int(r["year"])
            per = float(r["per_usd"]) if r["per_usd"] else 1 / float(r["usd_per"])
        except (ValueError, ZeroDivisionError):
            raise DataError(f"{where}: give a year and a positive per_usd or usd_per; fix the row") from None
        if per <= 0 or year in out.get(r["currency"], {}):
            raise DataError(f"{where}: a rate must be positive and given once per currency and year; fix the row")
        out.setdefault(r["currency"], {})[year] = per
    return out


def years_fitting(currency: str, per_usd: float, tolerance: float) -> dict[int, float]:
    """{year: closeness} for the years whose average rate lies within ``tolerance`` (a fraction: 0.08 is 8%)
    of ``per_usd``; closeness runs from 1 (the average itself) down to 0 (at the tolerance)."""
    table = load_rates().get(currency, {})
    if per_usd <= 0:
        return {}
    reach = math.log1p(tolerance)
    off = {y: abs(math.log(per_usd / avg)) for y, avg in table.items()}
    return {y: 1 - d / reach for y, d in sorted(off.items()) if d <= reach}


def main(argv: list[str]) -> int:
    if argv != ["--check"]:
        print("usage: python -m detente.kb.rates --check", file=sys.stderr)
        return 2
    rates = load_rates()
    years = [y for t in rates.values() for y in t]
    print(f"exchange rates: {len(rates)} currencies, {len(years)} rows, {min(years)} to {max(years)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
