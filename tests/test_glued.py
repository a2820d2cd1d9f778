"""Words run together by a lost space are read as two, with the text and its offsets unchanged."""

from __future__ import annotations

import pytest
import spacy

from conftest import seed
from detente.nlp.glued import GluedWords, english_words, split_glued_words
from detente.settings import DEFAULT


@pytest.fixture(scope="module")
def nlp():
    model = spacy.load(DEFAULT.model)
    split_glued_words(model)
    return model


@pytest.mark.parametrize("glued, spaced", [
    ("The launch was a rehearsalfor striking the bases.", "The launch was a rehearsal for striking the bases."),
    ("The panel will consistof nine judges.", "The panel will consist of nine judges."),
    ("Voters will judgeby results, she said.", "Voters will judge by results, she said."),
    ("He called for a probeof the leak.", "He called for a probe of the leak."),
])
def test_a_lost_space_is_read_as_the_two_words(nlp, glued, spaced):
    plain = spacy.load(DEFAULT.model)
    got, want = nlp(glued), plain(spaced)
    assert got.text == glued  # the text is the article's
    row = [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in got]
    assert row == [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in want]
    assert all(glued[t.idx:t.idx + len(t.text)] == t.text for t in got)  # every offset still points at its word


@pytest.mark.parametrize("word", [
    "passersby", "protestor", "whereby", "thereof", "into", "heretofore", "tolerability", "hashtag", "bitcoin",
    "missiles", "rehearsals", "launched", "consisted", "ofthe", "Rehearsalfor", "rehearsal-for", "abc123for",
])
def test_words_and_unknown_words_are_left_whole(nlp, word):
    assert nlp.tokenizer.parts(word) is None


def test_the_word_lists_are_the_lemmatizers_with_its_suffix_rules(nlp):
    is_word, is_lemma = english_words(nlp)
    assert is_word("missiles") and is_word("launched") and is_lemma("missile") and not is_lemma("missiles")
    assert not is_word("rehearsalfor")
    blind = GluedWords(nlp.tokenizer.tokenizer, lambda w: False, lambda w: False)  # no lemmatizer: no lists
    assert blind.parts("rehearsalfor") is None


def test_the_seed_with_a_glued_word_keeps_its_text_and_the_attack_stays_a_purpose(resources):
    from detente.pipeline import process
    from detente.read import read_path

    (article,) = list(read_path(seed(1)))
    result = process(article, resources)
    scud = [e for e in result.events if "rehearsalfor" in e.evidence.text]
    assert scud, "the launch sentence keeps its glued word in the evidence"
    assert all(e.status != "occurred" for e in scud if e.type == "ASSAULT")
