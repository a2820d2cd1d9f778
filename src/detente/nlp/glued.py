"""Words run together by a lost space ("a rehearsalfor striking", "consistof"), split before the tagger.

A lower-case token that is no English word, but is an English word followed by a closed-class word (a
preposition, an article, a conjunction), becomes two tokens with no space between them: the text and every
character offset stay as they were, and the tagger and parser read "rehearsal for". Which strings are
English words comes from the model's own lemmatizer: its word lists (WordNet's lemmas) and its suffix rules,
so "missiles" and "launched" are words as much as "missile" and "launch". A word the lists do not hold is
left alone unless its end is such a closed-class word and its rest is a listed word of four letters or more,
in its base form: an inflected rest is too often a compound's ("passers|by").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Closed-class words (the grammar's own short lists, not data) that a lost space glues to the word before. Not
# "in", "on", "at", "as", "or": too many words end in them ("protestor", "lechon").
CLOSED = ("with", "from", "into", "onto", "upon", "than", "that", "the", "and", "for", "of", "by", "to")
FUNCTION = frozenset(CLOSED) | frozenset("a an this these those its his her their our my your".split())
MIN_LEFT = 4  # "probe|of"; a shorter rest is too often a word's own beginning
MIN_TOKEN = 6
KEPT = 200_000  # verdicts remembered, then forgotten at once


class GluedWords:
    """A tokenizer wrapper: the model's tokenizer, then the glued tokens split (rarely any: a dictionary look-up
    per token otherwise)."""

    def __init__(self, tokenizer: Callable[[str], Any], is_word: Callable[[str], bool],
                 is_lemma: Callable[[str], bool]) -> None:
        self.tokenizer = tokenizer
        self.is_word = is_word
        self.is_lemma = is_lemma
        self.verdicts: dict[int, tuple[str, str] | None] = {}

    def __call__(self, text: str) -> Any:
        from spacy.attrs import ORTH

        doc = self.tokenizer(text)
        verdicts, strings = self.verdicts, doc.vocab.strings
        if len(verdicts) > KEPT:
            verdicts.clear()
        cuts = []
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            parts = verdicts.get(orth, ())
            if parts == ():
                parts = verdicts[orth] = self.parts(strings[orth])
            if parts:
                cuts.append((i, parts))
        if cuts:
            with doc.retokenize() as retokenizer:
                for i, parts in cuts:
                    token = doc[i]
                    # heads are the parser's to set: each part on itself, as every token of an unparsed doc
                    retokenizer.split(token, list(parts), heads=[(token, 0), (token, 1)])
        return doc

    def parts(self, word: str) -> tuple[str, str] | None:
        """(word, closed-class word) when ``word`` is the two run together; else None."""
        if len(word) < MIN_TOKEN or not (word.isalpha() and word.islower()) or self.is_word(word):
            return None
        for tail in CLOSED:
            head = word[:-len(tail)]
            if word.endswith(tail) and (head in FUNCTION or (len(head) >= MIN_LEFT and self.is_lemma(head))):
                return head, tail
        return None


def english_words(nlp: Any) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """Whether a lower-case string is an English word by the model's rule lemmatizer (its lists and suffix
    rules, as the lemmatizer itself applies them), and whether it is one of its listed base forms; both always
    False without one."""
    never = (lambda word: False, lambda word: False)
    if "lemmatizer" not in nlp.pipe_names or not hasattr(nlp.get_pipe("lemmatizer"), "lookups"):
        return never
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not all(lookups.has_table(t) for t in ("lemma_index", "lemma_rules", "lemma_exc")):
        return never
    index = lookups.get_table("lemma_index")
    rules = lookups.get_table("lemma_rules")
    exceptions = lookups.get_table("lemma_exc")
    lists = [(frozenset(index[pos]), [(old, new) for old, new in rules.get(pos, [])]) for pos in index.keys()]
    forms = frozenset(w for pos in exceptions.keys() for w in exceptions[pos])
    lemmas = frozenset().union(*(words for words, _ in lists))

    def is_word(word: str) -> bool:
        if word in forms:
            return True
        for words, suffixes in lists:
            if word in words or any(word.endswith(old) and word[:len(word) - len(old)] + new in words
                                    for old, new in suffixes):
                return True
        return False

    return is_word, lemmas.__contains__


def split_glued_words(nlp: Any) -> None:
    """Put the wrapper in front of the model's tokenizer (before the lemmatizer is swapped for its table)."""
    nlp.tokenizer = GluedWords(nlp.tokenizer, *english_words(nlp))
