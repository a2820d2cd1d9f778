"""A scanner's last few answers: the actors stage and the events stage scan the same text in turn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """The answers for the last ``keep`` texts, newest first; a text seen again gets a copy of its answer."""

    __slots__ = ("items", "keep")

    def __init__(self, keep: int = 4) -> None:
        self.items: tuple[tuple[str, tuple[T, ...]], ...] = ()
        self.keep = keep

    def get(self, text: str, compute: Callable[[str], list[T]]) -> list[T]:
        for seen, answer in self.items:
            if seen == text:
                return list(answer)
        out = compute(text)
        self.items = ((text, tuple(out)), *self.items[:self.keep - 1])
        return out
