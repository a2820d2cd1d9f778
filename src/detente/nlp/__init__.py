"""The one door to spaCy: load the pinned model once per process and turn texts into our Doc dataclasses.

Nothing outside this subpackage imports spaCy; stages downstream see only ``detente.types``.
"""

from detente.nlp.parse import convert, load_model, parse_many

__all__ = ["convert", "load_model", "parse_many"]
