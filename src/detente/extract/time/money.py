"""Rate clues: a sum stated in two currencies ("235 million guilders ($113.2 million)", "$5 (3 pounds)") gives
the exchange rate on the day, and the yearly rates in ``detente.kb.rates`` say which years it fits.

Only the years a currency's rate fits vote (each a whole year, ``Weights.rate`` times how close the year's
average is), and only when they are few:
a rate that many years share says nothing. Several conversions of one currency count once, by their median.
"""

from __future__ import annotations

import datetime as dt
import re
from statistics import median

from detente.extract.time.clues import Clues
from detente.kb.rates import years_fitting
from detente.types import Doc

SCALE = {"": 1.0, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER = r"\d[\d,]*(?:\.\d+)?"
AMOUNT = rf"(?P<{{n}}>{NUMBER})(?:[ -](?P<{{n}}s>million|billion|trillion))?"
# Currency names after an amount, with the units of the currency one named unit is.
NAMES = {
    r"yen": ("JPY", 1.0), r"(?:West German |German |Deutsche )?marks": ("DEM", 1.0),
    r"French francs": ("FRF", 1.0), r"Swiss francs": ("CHF", 1.0), r"(?:Dutch )?guilders": ("NLG", 1.0),
    r"(?:Italian )?lire": ("ITL", 1.0), r"Canadian dollars": ("CAD", 1.0), r"Australian dollars": ("AUD", 1.0),
    r"(?:British )?pounds(?: sterling)?": ("GBP", 1.0), r"pence": ("GBP", 0.01), r"euros?": ("EUR", 1.0),
}
SYMBOLS = {"£": "GBP", "¥": "JPY", "C$": "CAD", "A$": "AUD", "€": "EUR"}
NAME_RE = "|".join(f"(?:{n})" for n in NAMES)
SYMBOL_RE = "|".join(re.escape(s) for s in SYMBOLS)
FOREIGN = rf"(?:(?P<sym>{SYMBOL_RE})\s?{AMOUNT.format(n='f')}|{AMOUNT.format(n='g')} (?P<name>{NAME_RE}))"
DOLLARS = rf"(?:(?<![A-Za-z$])(?:US|U\.S\.)?\$\s?{AMOUNT.format(n='d')}|{AMOUNT.format(n='c')} (?:U\.S\. )?cents)"
PAIRS = [re.compile(rf"{FOREIGN}\s*\(\s*{DOLLARS}\s*\)"), re.compile(rf"{DOLLARS}\s*\(\s*{FOREIGN}\s*\)")]


def _value(m: re.Match[str], n: str) -> float | None:
    if m.group(n) is None:
        return None
    return float(m.group(n).replace(",", "")) * SCALE[m.group(n + "s") or ""]


def conversions(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str, float]]:
    """(start, end, currency, units per US dollar) for each sum the text states in a currency and in dollars."""
    out: list[tuple[int, int, str, float]] = []
    hi = len(text) if hi is None else hi
    body = text[lo:hi]
    if "(" not in body or ("$" not in body and "cents" not in body):
        return out  # every pair brackets one sum, and the dollar side has "$" or "cents": spare the scans
    for pattern in PAIRS:
        for m in pattern.finditer(text, lo, hi):
            if m.group("sym"):
                cur, unit, amount = SYMBOLS[m.group("sym")], 1.0, _value(m, "f")
            else:
                name = m.group("name")
                cur, unit = next(v for k, v in NAMES.items() if re.fullmatch(k, name))
                amount = _value(m, "g")
            dollars = _value(m, "d")
            dollars = dollars if dollars is not None else (_value(m, "c") or 0.0) / 100
            if amount and dollars:
                out.append((m.start(), m.end(), cur, amount * unit / dollars))
    return out


def rate_clues(doc: Doc, out: Clues) -> None:
    """A whole-year vote for each year the rates of a currency converted in the body fit (a few at most)."""
    k = out.weights
    if not k.rate:
        return
    found: dict[str, list[tuple[int, int, float]]] = {}
    for a, b, cur, per in conversions(doc.text, doc.meta.body_start, doc.meta.body_end):
        found.setdefault(cur, []).append((a, b, per))
    for cur, hits in found.items():
        years = years_fitting(cur, median(p for _, _, p in hits), k.rate_tolerance)
        if 0 < len(years) <= k.rate_years:
            a, b, _ = hits[0]
            for y, close in years.items():
                out.add(a, b, doc.text[a:b], "rate", dt.date(y, 1, 1), dt.date(y, 12, 31), k.rate * close)
