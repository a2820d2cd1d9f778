"""Quotes: who said what. Direct, partial and indirect speech with their cues and speakers.

``find_quotes(doc, actors)`` pairs the quote marks (``marks.py``), attributes each quotation
(``attribute.py``), finds reported speech (``indirect.py``) and resolves speakers to people, anonymous
sources, organisations or states (``speakers.py``, ``named_people.py``), using the actors stage's actors
where they match. ``stage`` is the pipeline's step; it reads the actors.
"""

from detente.extract.quotes.quotes import find_quotes, stage

__all__ = ["find_quotes", "stage"]
