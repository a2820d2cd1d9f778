"""Readers: every format, and every kind of bad input gets one exact, helpful line."""

from __future__ import annotations

import os

from conftest import FIXTURES, TIMEBANK
from detente.read import article_id, clean, read_path
from detente.types import Article, Skipped


def items(path):
    return list(read_path(path))


def reasons(path):
    return [(s.source, s.reason) for s in items(path) if isinstance(s, Skipped)]


def test_html_main_text_and_metadata():
    (a,) = items(FIXTURES / "wire.html")
    assert isinstance(a, Article)
    assert a.text.startswith("Allies agree to widen naval drills\nTOKYO (Test Ledger) - Japan and the United")
    assert "Copyright" not in a.text and "Home" not in a.text
    assert a.published == "2018-05-02"
    assert a.authors == ["Ana Ruiz"]
    assert a.outlet == "Test Ledger"
    meta, _ = clean(a)
    assert meta.title == "Allies agree to widen naval drills" and meta.dateline == "TOKYO"
    assert a.text[meta.body_start:].startswith("Japan and the United States")


def test_jsonl_good_records_survive_bad_ones():
    got = items(FIXTURES / "records.jsonl")
    good = [a for a in got if isinstance(a, Article)]
    assert [a.source.rsplit(":", 1)[1] for a in good] == ["1", "5"]
    assert good[0].title == "Seoul and Tokyo discuss fishing" and good[0].authors == ["Min Park"]
    assert good[0].published == "2019-03-01"
    src = str(FIXTURES / "records.jsonl")
    assert reasons(FIXTURES / "records.jsonl") == [
        (f"{src}:2", "invalid JSON (Expecting value at column 1); each line must be one JSON object"),
        (f"{src}:3", "record has no 'text' field (or it is empty); add the article text as 'text'"),
        (f"{src}:4", "'published' is 'yesterday', not a date; write it as YYYY-MM-DD"),
    ]


def test_csv_records_and_missing_text_column():
    (a,) = items(FIXTURES / "records.csv")
    assert a.authors == ["Ravi Rao", "Emi Sato"] and a.published == "2018-10-29"
    src = str(FIXTURES / "notext.csv")
    assert reasons(FIXTURES / "notext.csv") == [
        (src, "CSV has no 'text' column (columns: headline, body); name the article text column 'text' "
              "(optional: title, url, outlet, published, authors)")]


def test_empty_binary_huge_and_missing(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB without writing 50 MB
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert reasons(tmp_path / "empty.txt") == [(str(tmp_path / "empty.txt"), "empty file; nothing to analyse")]
    assert reasons(tmp_path / "blob.txt") == [(str(tmp_path / "blob.txt"),
        "binary file (contains NUL bytes), not text; give a text, HTML, JSONL, CSV or TimeML file")]
    assert reasons(tmp_path / "huge.txt") == [(str(tmp_path / "huge.txt"),
        "file is 50.0 MB, over the 20 MB limit for one article; split it into articles "
        "(e.g. one JSON object per line in a .jsonl file)")]
    assert reasons(tmp_path / "nope.txt") == [(str(tmp_path / "nope.txt"), "no such file or directory; check the path")]
    assert reasons(tmp_path / "notes.pdf")[0][1].startswith("unsupported file type '.pdf'; use one of:")


def test_non_utf8_is_decoded(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le ministre français a rencontré son homologue japonais à Tokyo mardi.".encode("latin-1"))
    (a,) = items(p)
    assert isinstance(a, Article) and "français" in a.text


def test_directory_mix_keeps_good_items(tmp_path):
    (tmp_path / "a.txt").write_text("Japan and China held talks in Beijing on Monday about trade, officials said.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("")
    os.symlink(tmp_path / "gone.txt", tmp_path / "sub" / "dangling.txt")
    got = items(tmp_path)
    assert sum(isinstance(x, Article) for x in got) == 1
    bad = {s.source.rsplit("/", 1)[1]: s.reason for s in got if isinstance(s, Skipped)}
    assert bad == {"b.txt": "empty file; nothing to analyse",
                   "dangling.txt": "cannot read file (No such file or directory); check that it exists and is readable"}


def test_timeml_text_dct_and_wire_byline():
    (a,) = items(TIMEBANK / "APW19980227.0476.tml")
    assert a.published == "1998-02-27"
    assert a.authors == ["Mike Corder"]
    assert "<" not in a.text and "EVENT" not in a.text


def test_ids_are_content_addresses():
    assert article_id("abc") == article_id("abc") != article_id("abd")


# -- encodings: the BOM first, then UTF-16/32 without one, UTF-8, then news encodings in a fixed order ----------

TEXT = "Abé met Müller in Zürich on Tuesday; the naïve plan costs €5."


def test_latin1_is_western_not_a_mac_page(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Abé told reporters in Tokyo on Friday that talks would go on.".encode("latin-1"))
    (a,) = items(p)
    assert isinstance(a, Article) and a.text.startswith("Abé told") and a.encoding == "cp1252"


def test_cp1252_punctuation(tmp_path):
    p = tmp_path / "win.txt"
    p.write_bytes("The “deal” – signed in Seoul – was praised by both sides on Monday.".encode("cp1252"))
    (a,) = items(p)
    assert "“deal” – signed" in a.text and a.encoding == "cp1252"


def test_utf16_and_utf32_with_or_without_bom(tmp_path):
    for name, raw in [("16bom", TEXT.encode("utf-16")), ("16le", TEXT.encode("utf-16-le")),
                      ("16be", TEXT.encode("utf-16-be")), ("32bom", TEXT.encode("utf-32")),
                      ("32le", TEXT.encode("utf-32-le")), ("8bom", TEXT.encode("utf-8-sig"))]:
        p = tmp_path / f"{name}.txt"
        p.write_bytes(raw)
        (a,) = items(p)
        assert isinstance(a, Article), (name, a)
        assert a.text == TEXT, name
        assert a.encoding.startswith("utf-"), name


def test_utf8_articles_report_no_encoding_and_keep_their_id(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text(TEXT, encoding="utf-8")
    (a,) = items(p)
    assert a.encoding == "utf-8" and a.id == article_id(TEXT)


# -- nothing unreadable is silent, and nothing unreadable stops the rest ------------------------------------------

def test_an_unlistable_subdirectory_is_one_skipped_line(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Japan and China held talks in Beijing on Monday about trade, officials said.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("India and Japan signed a pact in Delhi on Friday about rail, officials said.")
    real = os.scandir

    def scandir(path="."):  # as a directory without read permission answers (root ignores chmod)
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = items(tmp_path)
    assert [x.source for x in got if isinstance(x, Article)] == [str(tmp_path / "a.txt")]
    (skip,) = [x for x in got if isinstance(x, Skipped)]
    assert skip.source == str(locked) and skip.reason.startswith("cannot list directory (Permission denied)")


def test_an_unreadable_path_on_the_command_line_stops_nothing(tmp_path, monkeypatch):
    from pathlib import Path

    from detente.read import read_paths

    good = tmp_path / "good.txt"
    good.write_text("Japan and China held talks in Beijing on Monday about trade, officials said.")
    hidden = tmp_path / "shut" / "x.txt"
    real = Path.is_dir

    def is_dir(self):
        if self == hidden:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    got = list(read_paths([hidden, good]))
    assert isinstance(got[0], Skipped) and got[0].reason.startswith("cannot look at this path (Permission denied)")
    assert isinstance(got[1], Article)


def test_impossible_dates_are_skipped_records_with_the_reason(tmp_path):
    p = tmp_path / "dates.jsonl"
    body = "Japan and China held talks in Beijing on Monday about trade, officials said."
    p.write_text("\n".join(f'{{"text": "{body} {k}", "published": "{d}"}}'
                           for k, d in enumerate(["2017-13-45", "2017-02-30", "2017-02-28", "2016-02-29"])))
    got = items(p)
    assert [x.published for x in got if isinstance(x, Article)] == ["2017-02-28", "2016-02-29"]
    assert [(s.source, s.reason) for s in got if isinstance(s, Skipped)] == [
        (f"{p}:{n}", f"'published' is {d!r}, not a calendar date (no such month or day); write it as YYYY-MM-DD, "
                     "or leave it out") for n, d in ((1, "2017-13-45"), (2, "2017-02-30"))]
