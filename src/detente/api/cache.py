"""Answers the server has already computed, kept by request: the store it reads cannot change under it.

``detente serve`` opens the store read-only, and DuckDB refuses a writer while a reader holds the file, so
for the life of the process one URL always has one answer. ``ResponseCache`` keeps the most recent
successful JSON answers (bounded in count and size), so a popular pair or graph is computed once, not
once per client.
"""

from __future__ import annotations

from collections import OrderedDict

MAX_ENTRIES = 512
MAX_BODY_BYTES = 2_000_000  # an answer this large is rare; keeping it would crowd out many small ones


class ResponseCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_body: int = MAX_BODY_BYTES):
        self.max_entries, self.max_body = max_entries, max_body
        self._kept: OrderedDict[str, tuple[bytes, str]] = OrderedDict()

    def get(self, key: str) -> tuple[bytes, str] | None:
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def put(self, key: str, body: bytes, media_type: str) -> None:
        if len(body) > self.max_body:
            return
        self._kept[key] = (body, media_type)
        self._kept.move_to_end(key)
        while len(self._kept) > self.max_entries:
            self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
