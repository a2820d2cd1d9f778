"""Extraction: the four analysis stages that read a parsed Doc, in data-flow order.

- ``actors``: every mention of a state, IGO, organisation or person -> one canonical actor.
- ``time``: time expressions, normalised TIMEX3-style against the publication date.
- ``quotes``: who said what, direct, partial and indirect, with speakers (reads the actors).
- ``events``: PLOVER events, who did what to whom and when (reads the actors, time expressions and quotes).

Each stage is a subpackage with ``stage(doc, result, resources)`` returning its list; the pipeline puts it
in the Result. A stage imports only the base modules, ``detente.nlp``, ``detente.kb`` and its own
subpackage, never another stage.
"""
