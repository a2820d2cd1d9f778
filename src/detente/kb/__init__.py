"""The knowledge base: states, international organisations and people with their dated tenures, from the
TSV files in ``data/`` (see its README), the gazetteer that finds their names in text, and name helpers.

A read-only resource loaded once per process, which every stage may consult (``load_kb``,
``load_gazetteer``); ``python -m detente.kb.knowledge --check`` validates the files.
"""

from detente.kb.gazetteer import Gazetteer, Hit, load_gazetteer
from detente.kb.knowledge import KB, Igo, Person, State, Tenure, load_kb, to_role
from detente.kb.names import slug, surname

__all__ = ["KB", "Gazetteer", "Hit", "Igo", "Person", "State", "Tenure", "load_gazetteer", "load_kb", "slug",
           "surname", "to_role"]
