"""Quotes: who said what. Direct, partial and indirect speech with their cues and speakers.

``find_quotes(doc, actors)`` pairs the quote marks (``marks.py``), attributes each quotation
(``attribute.py``), finds reported speech (``indirect.py``) after any verb of the cue lexicon harvested
from PolNeAR's train compartment (``cues.py``, ``data/cues.tsv``, ``data/sources.tsv``; rebuilt by
``train/harvest_cues.py``), reads "X Says Y" headlines (``headline.py``) and resolves speakers to people,
anonymous sources, organisations, states or documents (``speakers.py``, ``named_people.py``), using the
actors stage's actors where they match. Each speaker carries its kind (person, organisation, document,
anonymous). ``stage`` is the pipeline's step; it reads the actors.
"""

from detente.extract.quotes.quotes import find_quotes, stage

__all__ = ["find_quotes", "stage"]
