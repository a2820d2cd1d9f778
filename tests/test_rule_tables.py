"""What load_model changes in the model (the rule components as tables, the products on OpenBLAS) leaves the
model's own annotations, token for token, on real news."""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from conftest import SEEDS, SHARED
from detente.nlp import load_model
from detente.nlp.matmul import BLAS_THREADS, openblas_ops
from detente.nlp.rule_tables import AttributeTable, LemmaTable, Unsupported, use_tables
from detente.settings import DEFAULT

POLNEAR = SHARED / "data" / "external" / "polnear" / "polnear_train_dev.jsonl"
COLUMNS = [ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]
# What the ruler's rarer patterns test: contractions, "there is", pronoun case by arc, white space runs.
WRITTEN = [
    "They're gonna win, ain't they? Y'all know it, and let's not pretend otherwise. C'mon.",
    "There is a plan.   There's another.\n\n\tThere were two.",
    "I told you. You told me. It hit it, and I gave it to you; but he stayed, but then left.",
    "Did they? They did have doubts, and did so. Has it ended? Had we known...",
    "That is what that report said: which one, and those, were wrong.",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def models():
    model, tables = spacy.load(DEFAULT.model), spacy.load(DEFAULT.model)
    assert use_tables(tables) == ["attribute_ruler", "lemmatizer"]
    assert tables.pipe_names == model.pipe_names  # same order, same names
    return model, tables


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + WRITTEN
    if POLNEAR.exists():
        with POLNEAR.open(encoding="utf-8") as f:
            found += list(dict.fromkeys(json.loads(line)["text"] for line in islice(f, 60)))
    return found


def test_every_token_is_annotated_as_the_model_does(models):
    model, tables = models
    batch = texts()
    assert len(batch) > len(WRITTEN)
    for _ in range(2):  # the second pass is answered from what the tables remember
        for a, b in zip(model.pipe(batch), tables.pipe(batch), strict=True):
            assert a.to_array(COLUMNS).tolist() == b.to_array(COLUMNS).tolist(), a.text[:80]
            assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_the_loaded_model_uses_the_tables():
    nlp = load_model()
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)


def test_a_pattern_the_table_cannot_read_keeps_the_models_component():
    nlp = spacy.load(DEFAULT.model)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert use_tables(nlp) == ["lemmatizer"]
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    with pytest.raises(Unsupported):
        AttributeTable(nlp.get_pipe("attribute_ruler"))


def test_the_products_on_openblas_annotate_as_blis_does(models):
    model, _ = models
    with openblas_ops():
        numpy_products = spacy.load(DEFAULT.model)
    assert not numpy_products.get_pipe("tok2vec").model.ops.use_blis
    for a, b in zip(model.pipe(texts()), numpy_products.pipe(texts()), strict=True):
        assert a.to_array(COLUMNS).tolist() == b.to_array(COLUMNS).tolist(), a.text[:80]


def test_the_loaded_model_multiplies_on_one_blas_thread():
    from threadpoolctl import threadpool_info

    nlp = load_model()
    assert all(not nlp.get_pipe(name).model.ops.use_blis for name in ("tok2vec", "ner"))
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == BLAS_THREADS for lib in blas), blas
