"""The five seeds as they are: metadata, body and removed debris come out exactly right."""

from __future__ import annotations

import pytest

from conftest import seed
from detente.read import clean, read_path


def meta_of(n: int):
    (article,) = list(read_path(seed(n)))
    meta, masked = clean(article)
    return article, meta, masked


def removed(article, meta):
    return [(r.why, article.text[r.start:r.end].split("\n")[0][:25]) for r in meta.removed]


EXPECTED = {
    0: dict(outlet="The New York Times", authors=[], published=None, inferred=False, dateline=None, genre="news"),
    1: dict(outlet=None, authors=[], published="2017-04-26", inferred=False, dateline=None, genre="news"),
    2: dict(outlet="CGTN", authors=["Hou Jun", "Liu Jianna"], published="2017", inferred=True, dateline=None,
            genre="opinion"),
    3: dict(outlet="Reuters", authors=[], published=None, inferred=False, dateline="WASHINGTON", genre="news"),
    4: dict(outlet="CNN", authors=[], published="2018", inferred=True, dateline=None, genre="news"),
}


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_seed_metadata(n):
    _, meta, _ = meta_of(n)
    want = EXPECTED[n]
    assert meta.outlet == want["outlet"]
    assert meta.authors == want["authors"]
    assert meta.published == want["published"]
    assert meta.published_inferred is want["inferred"]
    assert meta.dateline == want["dateline"]
    assert meta.genre == want["genre"]
    if want["inferred"]:
        assert meta.published_precision == "year"


def test_seed0_debris_photo_block_and_trailer():
    article, meta, masked = meta_of(0)
    whys = [w for w, _ in removed(article, meta)]
    assert whys == ["photo caption", "scraping debris", "scraping debris"]
    photo = meta.removed[0]
    block = article.text[photo.start:photo.end]
    assert block.startswith("Photo") and block.rstrip().endswith("for The New York Times")
    assert "Continue reading" not in masked and "Source link" not in masked
    assert article.text[meta.body_end - 1] == "”"  # body ends with the last quote, before the trailer


def test_seed1_date_marker_is_the_publication_date_and_not_body():
    article, meta, masked = meta_of(1)
    assert meta.published_precision == "day"
    assert [r.why for r in meta.removed] == ["date marker"]
    assert article.text[meta.body_start:].startswith("For Prime Minister Shinzo Abe")
    assert "2017-04-26" not in masked


def test_seed2_opinion_header_captions_and_disclaimer():
    article, meta, masked = meta_of(2)
    assert meta.title.startswith("Opinion:")
    whys = [r.why for r in meta.removed]
    assert whys.count("tag list") == 1
    assert whys.count("photo caption") == 3 and whys.count("duplicated photo caption") == 3
    assert whys[-1] == "author note"
    assert "VCG Photo" not in masked and "Xinhua Photo" not in masked and '["china"]' not in masked
    assert article.text[meta.body_start:].startswith("On November 5")
    assert "Guest commentary" not in masked[meta.body_start:]


def test_seed3_wire_dateline():
    article, meta, _ = meta_of(3)
    assert article.text[meta.body_start:].startswith("U.S. Defense Secretary Ash Carter")
    assert meta.removed == []


def test_seed4_video_label_caption_and_subheadings():
    article, meta, masked = meta_of(4)
    whys = [r.why for r in meta.removed]
    assert whys.count("video label") == 1
    assert whys.count("subheading") == 3
    assert whys.count("photo caption") == 1
    assert "Source: CNN" not in masked
    assert article.text[meta.body_start:].startswith("It was the awkward moment")


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_masking_keeps_offsets(n):
    article, meta, masked = meta_of(n)
    assert len(masked) == len(article.text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(article.text) if c == "\n"]
    for r in meta.removed:
        assert not masked[r.start:r.end].strip()
