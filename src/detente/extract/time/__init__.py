"""Time: when the article was published, and its time expressions normalised against that.

``dating_stage`` gathers the clues the text gives to its own publication date (``dating.py``: stated dates,
``roles.py``: titles and tenures, world events, captions; ``clues.py`` weighs them) and ``date_article``
turns them into the publication window they agree on (``window.py``). ``find_timexes(doc)`` then finds the
candidate spans (``candidates.py``) and gives each the value that ``detente.timex`` computes against that
window, the tense of its clause (``tense.py``) and the dates the article has named so far. ``stage`` is the
pipeline's timex step; ``resolve`` (re-exported from ``detente.timex``) normalises one expression.
"""

from detente.extract.time.dating import date_article, dating_stage, find_clues, window_of
from detente.extract.time.timexes import find_timexes, stage
from detente.timex import resolve

__all__ = ["date_article", "dating_stage", "find_clues", "find_timexes", "resolve", "stage", "window_of"]
