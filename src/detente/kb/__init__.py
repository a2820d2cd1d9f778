"""The knowledge base: states, international organisations and people with their dated tenures, from the
TSV files in ``data/`` (see its README), the gazetteer that finds their names in text, name helpers, and the
field's compiled actor dictionaries (``load_phoenix``: people with dated CAMEO roles, organisations, sectors).

A read-only resource loaded once per process, which every stage may consult (``load_kb``,
``load_gazetteer``); ``python -m detente.kb.knowledge --check`` validates the files.
"""

from detente.kb.gazetteer import Gazetteer, Hit, load_gazetteer
from detente.kb.knowledge import KB, Igo, Person, State, Tenure, load_kb, to_role
from detente.kb.names import slug, surname
from detente.kb.phoenix import Entry, Phoenix, PhoenixHit, load_phoenix

__all__ = ["KB", "Entry", "Gazetteer", "Hit", "Igo", "Person", "Phoenix", "PhoenixHit", "State", "Tenure",
           "load_gazetteer", "load_kb", "load_phoenix", "slug", "surname", "to_role"]
