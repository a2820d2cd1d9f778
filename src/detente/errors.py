"""Exception hierarchy. Every message names the input and says what to do.

    DetenteError
    ├── InputError      a file or record cannot be read (path, line, what is wrong, what to do)
    ├── StoreError      the DuckDB file cannot be opened or is not a detente store
    ├── UsageError      a command was called with arguments that cannot work
    └── DataError       a data file shipped with the package is malformed (a bug in the package)
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class: str(exc) is the complete, user-facing message."""


class InputError(DetenteError):
    pass


class StoreError(DetenteError):
    pass


class UsageError(DetenteError):
    pass


class DataError(DetenteError):
    pass
