"""The five seeds as they are: metadata, body, zones and removed debris come out exactly right.
(Cleaning states no date the input lacks: the dating stage infers it, see test_dating.py.)"""

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
    2: dict(outlet="CGTN", authors=["Hou Jun", "Liu Jianna"], published=None, inferred=False, dateline=None,
            genre="opinion"),
    3: dict(outlet="Reuters", authors=[], published=None, inferred=False, dateline="WASHINGTON", genre="news"),
    4: dict(outlet="CNN", authors=[], published=None, inferred=False, dateline=None, genre="news"),
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


def zones(article, meta):
    return [(z.kind, article.text[z.start:z.end][:25]) for z in meta.zones]


def test_seed0_photo_block_is_a_caption_and_a_credit_and_the_trailer_debris():
    article, meta, masked = meta_of(0)
    assert removed(article, meta) == [("photo label", "Photo"), ("photo label", "Credit"),
                                      ("scraping debris", "Continue reading the main"),
                                      ("scraping debris", "Source link")]
    assert zones(article, meta) == [("caption", "President Trump and Presi"), ("credit", "Pete Marovich for The New")]
    assert "Continue reading" not in masked and "Source link" not in masked
    assert "Pete Marovich" not in masked and "Their relationship" not in masked  # zones stay out of the body
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
    assert whys.count("duplicated photo caption") == 3
    assert [k for k, _ in zones(article, meta)] == ["caption", "caption", "caption", "author note"]
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
    assert zones(article, meta) == [("caption", "China's President Xi Jinp")]
    assert "Source: CNN" not in masked
    assert article.text[meta.body_start:].startswith("It was the awkward moment")


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_masking_keeps_offsets(n):
    article, meta, masked = meta_of(n)
    assert len(masked) == len(article.text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(article.text) if c == "\n"]
    for r in [*meta.removed, *meta.zones]:
        assert not masked[r.start:r.end].strip()
