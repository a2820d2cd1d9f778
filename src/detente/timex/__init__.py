"""TIMEX3 values: the rules that give a time expression its value against an anchor, and the calendar
arithmetic under them.

A resource like ``kb``: pure string-and-date functions with no parse, which every stage may use.
``resolve(text, dct, tense)`` normalises one expression ("last Tuesday", "in February", "two years ago")
against a publication date; ``resolve_with`` does it with an ``Anchor`` at the precision the date is
known and a ``Context`` of the dates the article has named so far. Finding the expressions in a parsed
article is the time stage's job (``detente.extract.time``).
"""

from detente.timex.calendar import DAY, MONTH, YEAR, Anchor, Context, NoAnchor, parse_anchor
from detente.timex.rules import resolve, resolve_with

__all__ = ["DAY", "MONTH", "YEAR", "Anchor", "Context", "NoAnchor", "parse_anchor", "resolve", "resolve_with"]
