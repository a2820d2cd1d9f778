"""Time expressions: found in the article body and normalised TIMEX3-style against the publication date.

``find_timexes(doc)`` finds the candidate spans (``candidates.py``) and resolves each against the
publication date at the precision it is known, the tense of its clause (``tense.py``) and the dates the
article has named so far; ``resolve(text, dct, tense)`` normalises one expression (``rules.py``, over
``normalise.py``, ``date_forms.py`` and the calendar arithmetic in ``calendar.py``). ``stage`` is the
pipeline's step.
"""

from detente.extract.time.rules import resolve
from detente.extract.time.timexes import find_timexes, stage

__all__ = ["find_timexes", "resolve", "stage"]
