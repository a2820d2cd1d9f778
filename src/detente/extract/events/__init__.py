"""Events: PLOVER events from the dependency parse, who did what to whom, when, and whether it happened.

``find_events(doc, actors, timexes, quotes)`` reads triggers (``triggers.py`` over ``lexicon.py``, and the
CAMEO verb dictionary in ``cameo.py``), types each with the learned typer (``typer.py``), finds their
parties (``args.py``, ``parties.py`` over the tree walks in ``tree.py``) and their status and date
(``timing.py``); ``extract`` is the same with where each event was found (for evaluation). ``stage`` is
the pipeline's step; it reads the actors, time expressions and quotes.
"""

from detente.extract.events.events import extract, find_events, stage

__all__ = ["extract", "find_events", "stage"]
