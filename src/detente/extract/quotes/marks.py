"""Quote marks: where the top-level quotations of an article are.

Marks are paired per paragraph on ``doc.masked`` (debris such as photo captions is blanked there), so an
unbalanced mark costs at most the sentence it opens, never the rest of the article. Curly, straight,
wire-style (`` '') and single quotes are read; apostrophes ("Abe’s", "don’t") are not marks. A quote left
open at a paragraph's end continues into the next paragraph when that one opens with a mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.types import Doc

MARK = re.compile(r"``|''|[“”‘’\"`']")
PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass
class Marked:
    """A top-level quotation: content [start, end) between an opening mark at ``open`` and ``close``."""

    open: int
    start: int
    end: int
    close: int
    para: int
    continues: bool = False  # left open at paragraph end, resumed by the next paragraph's opening mark
    resumed: bool = False  # this is such a resumption
    unterminated: bool = False  # never closed; cut at its paragraph or sentence end


# --- pairing marks --------------------------------------------------------------------------------

def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in PARA_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def classify(text: str, i: int, mark: str, lo: int, hi: int) -> tuple[str, str] | None:
    """(role, kind) of a mark: role open|close|either, kind d(ouble)|s(ingle); None for apostrophes."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + len(mark)] if i + len(mark) < hi else " "
    if mark in ("“", "``"):
        return "open", "d"
    if mark == "''" and (prev.isspace() or prev in "([{—–-/") and not nxt.isspace():
        return "open", "d"  # the NYT archive's plain-text convention opens a quote with '' too
    if mark in ("”", "''"):
        return "close", "d"
    if mark == '"':
        if prev.isspace() and nxt.isspace():
            return "either", "d"  # "yet, " said: decided by what is open
        if prev.isspace() or prev in "([{—–-/":
            return "open", "d"
        if nxt.isspace() or nxt in ".,;:!?)]}—–-":
            return "close", "d"
        return "either", "d"
    if mark in ("‘", "`"):
        if prev.isalnum() or re.match(r"\d0s", text[i + 1:i + 4]):
            return None  # rock‘n’roll, ‘90s
        return "open", "s"
    if prev.isalnum() and nxt.isalnum() or prev.isspace():
        return None  # don’t, Abe’s, ’90s
    return "close", "s"


def scan(doc: Doc) -> list[Marked]:
    text = doc.masked
    paras = paragraphs(text)
    found: list[Marked] = []
    for p, (lo, hi) in enumerate(paras):
        stack: list[tuple[str, int, int]] = []  # (kind, mark position, mark length)
        for m in MARK.finditer(text, lo, hi):
            cls = classify(text, m.start(), m.group(), lo, hi)
            if cls is None:
                continue
            role, kind = cls
            if role == "either":
                role = "close" if any(k == "d" for k, _, _ in stack) else "open"
            if role == "open":
                if kind == "d" and stack and stack[-1][0] == "d":
                    # A second double opener: the first was never closed. After a full stop that is the
                    # wire convention for a quote running into a new paragraph (flattened text).
                    if text[lo:m.start()].rstrip().endswith((".", "?", "!")) and stack[0] == stack[-1]:
                        found += make(text, stack[0][1], sum(stack[0][1:]), m.start(), m.start(), p, continues=True)
                    else:
                        found.extend(unterminated(doc, stack[0], m.start(), p))
                    stack = []
                if kind == "s" and stack and stack[-1][0] == "s":
                    continue
                stack.append((kind, m.start(), len(m.group())))
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == kind), None)
            if depth is None or (kind == "s" and depth != len(stack) - 1):
                continue  # a stray close, or a possessive apostrophe
            opener = stack[depth]
            del stack[depth:]
            if depth == 0:
                found += make(text, opener[1], sum(opener[1:]), m.start(), m.end(), p)
        if stack and stack[0][0] == "d":
            nxt = paras[p + 1][0] if p + 1 < len(paras) else None
            if nxt is not None and MARK.match(text, nxt) and text[nxt] in "“`\"":
                found += make(text, stack[0][1], sum(stack[0][1:]), hi, hi, p, continues=True)
            else:
                found.extend(unterminated(doc, stack[0], hi, p))
    for a, b in zip(found, found[1:], strict=False):
        if a.continues and (doc.masked[a.end:b.open].strip() == "" or
                            b.para == a.para + 1 and doc.masked[paras[b.para][0]:b.open].strip() == ""):
            b.resumed = True
    return found


def unterminated(doc: Doc, opener: tuple[str, int, int], limit: int, para: int) -> list[Marked]:
    """An opening mark never closed: the quote runs to ``limit`` if that is near, else to its sentence end."""
    start = opener[1] + opener[2]
    end = limit
    if end - start > 600:
        sent = doc.sentence_of(start)
        end = min(limit, sent.end) if sent else min(limit, start + 600)
    return make(doc.masked, opener[1], start, end, end, para, unterminated=True)


def make(text: str, open_: int, start: int, end: int, close: int, para: int, **flags: bool) -> list[Marked]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Marked(open_, start, end, close, para, **flags)] if end > start else []
