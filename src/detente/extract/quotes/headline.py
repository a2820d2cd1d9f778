"""Headline attribution: "Clinton Says Russians Hacked DNC", "Trump Vows To Repeal ...".

A headline is one of the first lines of the text, short and in title case, so the parser reads it badly;
a capitalised cue form ("Says", "Tells", "Denies") after a capitalised speaker phrase makes the rest of
the line what that speaker said.
"""

from __future__ import annotations

from detente.extract.quotes.attribute import SPEECH, Attributor
from detente.extract.quotes.cues import cue_lemmas
from detente.extract.quotes.named_people import Ref
from detente.types import Quote, Token

HEAD_LINES = 2  # how many leading lines may be a headline
HEAD_WORDS = 25


def lead_lines(text: str, n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text) and len(out) < n:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1
    return out


def cue_form(word: str) -> bool:
    """A title-case verb form whose lemma is a cue: Says, Tells, Denies, Pushes."""
    if not word[:1].isupper() or not word.endswith("s"):
        return False
    w = word.lower()
    stems = {w[:-1], w[:-2], w[:-3] + "y"}
    return bool(stems & (cue_lemmas() | SPEECH))


def headline_quotes(at: Attributor) -> list[tuple[Quote, Ref]]:
    out = []
    for lo, hi in lead_lines(at.doc.masked, HEAD_LINES):
        toks = [t for t in at.toks[at.tok_at(lo):at.tok_at(hi)] if not t.is_space]
        words = [t for t in toks if t.text[:1].isalpha()]
        if not words or len(words) > HEAD_WORDS or sum(w.text[:1].isupper() for w in words) < 0.6 * len(words):
            continue
        for k, t in enumerate(toks):
            if k and cue_form(t.text) and toks[k - 1].text[:1].isupper():
                got = said(at, toks, k)
                if got:
                    out.append(got)
                break
    return out


def said(at: Attributor, toks: list[Token], k: int) -> tuple[Quote, Ref] | None:
    rest = toks[k + 1:]
    while rest and rest[0].pos == "PUNCT":
        rest = rest[1:]
    while rest and rest[-1].pos == "PUNCT":
        rest = rest[:-1]
    if len(rest) < 2:
        return None
    ref = at.r.ref_for(toks[0].i, toks[k].i)
    if ref is None:
        return None
    s, e = rest[0].start, rest[-1].end
    return Quote(s, e, at.doc.text[s:e], "indirect", at.span(toks[k]), ref.speaker()), ref
