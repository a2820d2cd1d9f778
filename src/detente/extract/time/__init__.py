"""Time expressions: found in the article body and normalised TIMEX3-style against the publication date.

``find_timexes(doc)`` finds the candidate spans (``candidates.py``) and gives each the value that
``detente.timex`` computes against the publication date at the precision it is known, the tense of its
clause (``tense.py``) and the dates the article has named so far. ``stage`` is the pipeline's step;
``resolve`` (re-exported from ``detente.timex``) normalises one expression.
"""

from detente.extract.time.timexes import find_timexes, stage
from detente.timex import resolve

__all__ = ["find_timexes", "resolve", "stage"]
