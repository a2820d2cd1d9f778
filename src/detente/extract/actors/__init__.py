"""Actors: every mention of a state, IGO, organisation or person resolved to one canonical actor.

``find_actors(doc)`` takes states and IGOs from the knowledge base's gazetteer, people from KB names,
spaCy PERSON entities and the article's own surname and role references (``people.py``), organisations
from spaCy ORG entities that look like institutions, and settles overlapping mentions longest-first
(``resolve.py``). ``stage`` is its step in the pipeline, the first: quotes and events read its actors.
"""

from detente.extract.actors.resolve import find_actors, stage

__all__ = ["find_actors", "stage"]
