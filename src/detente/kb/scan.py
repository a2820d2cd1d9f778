"""Regular-expression scans that try a pattern only where it can start: the same matches as ``finditer``.

A pattern that opens with ``\\b`` and an alternation has no literal prefix for the regex engine to skip to, so
``finditer`` tries it at every character of the text; the time and world-event tables run hundreds of such
patterns over each article. Every match of such a pattern starts at a word boundary, so ``Scan`` indexes a
text's boundaries once by their first three characters (lower case), and ``leads`` reads off a pattern's
parse the first three characters of anything it can match: the pattern is then tried only at the boundaries
whose characters are among those, in text order, each try starting where the last match ended, exactly as
``finditer`` goes. A pattern the reading cannot bound (no boundary first, a wide class up front) is scanned
as usual. A boundary whose characters are not ASCII is always tried: case folding is not simple there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

KEY = 3  # characters a boundary is indexed by
WIDE = 16  # a class of more ASCII characters than this ends a lead (it would multiply the leads past use)
WORD = re.compile(r"\w+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Leads:
    """How a pattern's matches can begin, in lower case: ``KEY`` characters, or fewer (a wide class or the
    match's end follows them); those whose first is a word character stand at a word's start, the others
    (the apostrophe of "'90s") at a word's end."""

    starts: frozenset[str]
    starts_short: tuple[str, ...]
    ends: frozenset[str]
    ends_short: tuple[str, ...]
    others: re.Pattern[str] | None  # the first characters of ``ends`` and ``ends_short``


class Scan:
    """The word starts of ``text[lo:hi]``, indexed by their first ``KEY`` characters (lower case)."""

    def __init__(self, text: str, lo: int = 0, hi: int | None = None) -> None:
        self.text, self.lo, self.hi = text, lo, len(text) if hi is None else hi
        low = text.lower()
        self.low = low if len(low) == len(text) else None  # "İ" lowers to two characters: keys one by one
        # Keys holding a non-ASCII character: always tried, as case folding is not simple there.
        self.tainted = {m.start() - k for m in NON_ASCII.finditer(text, lo, self.hi + KEY - 1) for k in range(KEY)}
        self.at: dict[str, list[int]] = {}
        starts = [m.start() for m in WORD.finditer(text, lo, self.hi)]
        keys = [self.low[p:p + KEY] for p in starts] if self.low is not None else \
            [text[p:p + KEY].lower() for p in starts]
        at = self.at
        for p, key in zip(starts, keys, strict=True):
            if key in at:
                at[key].append(p)
            else:
                at[key] = [p]
        # lo may hold a boundary of a word that begins before it; a tainted key is indexed too, lowered as
        # it comes (a superset: the match decides)
        self.always = [lo, *(p for p in starts if p in self.tainted)] if self.tainted else [lo]

    def key(self, p: int) -> str:
        return self.low[p:p + KEY] if self.low is not None else self.text[p:p + KEY].lower()

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``rx.finditer(text, lo, hi)``, trying ``rx`` only where one of its leads stands."""
        found = leads(rx)
        if found is None:
            yield from rx.finditer(self.text, self.lo, self.hi)
            return
        at, full, short = self.at, found.starts, found.starts_short
        keys = [k for k in at if k in full] if len(full) > len(at) else [k for k in full if k in at]
        keys += [k for k in at if k.startswith(short)] if short else []
        tried = set(self.always).union(*(at[k] for k in keys))
        if found.others:  # leads that begin with a non-word character (few): found where that character is
            for c in found.others.finditer(self.text, self.lo, self.hi):
                p = c.start()
                if p in self.tainted or self.key(p) in found.ends or self.key(p).startswith(found.ends_short):
                    tried.add(p)
        end = self.lo
        for p in sorted(tried):
            if p >= end and (hit := rx.match(self.text, p, self.hi)):
                yield hit
                end = hit.end()


_RECENT: list[Scan] = []  # the dating and timexes stages scan the body and each zone of one article in turn


def scan_of(text: str, lo: int = 0, hi: int | None = None) -> Scan:
    """The ``Scan`` of ``text[lo:hi]``, built once for the last few texts asked about."""
    hi = len(text) if hi is None else hi
    for s in _RECENT:
        if s.text is text and s.lo == lo and s.hi == hi:
            return s
    s = Scan(text, lo, hi)
    _RECENT[:] = [s, *_RECENT[:7]]
    return s


@functools.lru_cache(maxsize=1024)
def leads(rx: re.Pattern[str]) -> Leads | None:
    """How every match of ``rx`` can begin, read off its parse; None when some match need not start at a
    word boundary (as ``WORD`` finds them), may be empty, or begins in a way this reading cannot bound."""
    if rx.flags & (re.ASCII | re.LOCALE):
        return None  # their boundaries are not those of WORD
    try:
        from re import _parser  # type: ignore[attr-defined]  # the stdlib parser: exact about what is optional

        tree = _parser.parse(rx.pattern, rx.flags)
        if tree.getwidth()[0] == 0 or not _at_boundary(list(tree)):
            return None
        found = {s for s, _ in _strings(list(tree), KEY, bool(rx.flags & re.IGNORECASE))}
    except Exception:  # an unexpected parse, or a lead we cannot bound: scan as usual
        return None
    if "" in found:
        return None
    word = {s for s in found if s[0].isalnum() or s[0] == "_"}
    other = found - word
    firsts = re.compile("[" + re.escape("".join(sorted({s[0] for s in other}))) + "]") if other else None
    return Leads(frozenset(s for s in word if len(s) == KEY), tuple(sorted(s for s in word if len(s) < KEY)),
                 frozenset(s for s in other if len(s) == KEY), tuple(sorted(s for s in other if len(s) < KEY)), firsts)


class _Unbounded(Exception):
    pass


def _at_boundary(seq: list) -> bool:  # type: ignore[type-arg]
    """Whether every way of matching ``seq`` asserts a word boundary before its first character."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in seq:
        if op is c.AT and av is c.AT_BOUNDARY:
            return True
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the boundary may come next
        if op is c.SUBPATTERN:
            return _at_boundary(list(av[3]))
        if op is c.BRANCH:
            return all(_at_boundary(list(b)) for b in av[1])
        return False
    return False


_Found = set[tuple[str, bool]]  # (lead, whether nothing can be added to it: full, or cut by a wide class)


def _strings(seq: list, room: int, fold: bool) -> _Found:  # type: ignore[type-arg]
    """The first ``room`` characters (lower case) of every string ``seq`` can match."""
    state: _Found = {("", False)}
    for op, av in seq:
        state = _then(state, room, lambda r, op=op, av=av: _item(op, av, r, fold))
    return state


def _then(state: _Found, room: int, more) -> _Found:  # type: ignore[no-untyped-def]
    """Each lead of ``state`` followed by each of ``more(room left)``."""
    out: _Found = set()
    for s, stop in state:
        if stop:
            out.add((s, True))
            continue
        out |= {(s + t, cut or len(s + t) == room) for t, cut in more(room - len(s))}
    return out


def _item(op, av, room: int, fold: bool) -> _Found:  # type: ignore[no-untyped-def]
    """The first ``room`` characters of what one parsed item can match."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {("", False)}
    if op in (c.ANY, c.NOT_LITERAL):
        return {("", True)}
    if op in (c.LITERAL, c.IN):
        chars = _chars(op, av, fold, c)
        return {("", True)} if chars is None else {(ch, False) for ch in chars}
    if op is c.SUBPATTERN:
        _, add, drop, sub = av
        if (add | drop) & (re.ASCII | re.LOCALE):
            raise _Unbounded("ASCII or locale boundaries")
        return _strings(list(sub), room, (fold or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE)
    if op is c.BRANCH:
        return set().union(*(_strings(list(b), room, fold) for b in av[1]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, most, sub = av
        state: _Found = {("", False)}
        out: _Found = {("", False)} if least == 0 else set()
        for k in range(1, min(most, least + room) + 1):  # past that, every lead is full or cut
            state = _then(state, room, lambda r: _strings(list(sub), r, fold))
            done = all(stop for _, stop in state)
            if k >= least or done:
                out |= state
            if done:
                break
        return out
    raise _Unbounded(str(op))


def _chars(op, av, fold: bool, c) -> set[str] | None:  # type: ignore[no-untyped-def]
    """The ASCII characters a literal or a class matches, in lower case (keys are); None for more than WIDE.
    A non-ASCII character is left out (it stands where a non-ASCII key does: always tried), unless folding
    may match it to an ASCII one (the Kelvin sign to "k"): then no lead is read."""
    got: set[str] = set()
    for kind, x in [(op, av)] if op is c.LITERAL else av:
        if kind is c.NEGATE:
            return None
        if kind is c.LITERAL:
            got.add(chr(x))
        elif kind is c.RANGE:
            if x[1] - x[0] >= 128:
                return None
            got |= {chr(i) for i in range(x[0], x[1] + 1)}
        elif kind is c.CATEGORY and x in _CATEGORIES:
            got |= {ch for ch in map(chr, range(128)) if re.fullmatch(_CATEGORIES[x], ch)}
        else:
            raise _Unbounded(str(kind))
    if fold and any(not ch.isascii() and ch.lower() + ch.upper() != ch + ch for ch in got):
        raise _Unbounded("a cased non-ASCII character")
    low = {ch.lower() for ch in got if ch.isascii()}
    return low if len(low) <= WIDE else None


def _category_patterns() -> dict[object, str]:
    from re import _constants as c  # type: ignore[attr-defined]

    return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
            c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}


_CATEGORIES = _category_patterns()
