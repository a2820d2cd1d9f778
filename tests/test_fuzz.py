"""Bad input never escapes as an exception: the readers and process() turn anything into an Article, a
Result or a Skipped that names the input, and every span a Result holds lies inside its text.

Hypothesis drives arbitrary bytes through every reader and arbitrary text through process(); named cases
cover huge, empty, binary, non-UTF-8, deeply nested HTML, unbalanced quotes and 100k-character lines; and
every sentence of the PETRARCH unit tests and the PLOVER gold records and every TimeBank document runs
through the pipeline with no stage failing internally.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, TIMEBANK
from detente.pipeline.process import Resources, process, process_batch
from detente.read import KNOWN_SUFFIXES, read_path
from detente.read.html import read_html
from detente.read.records import read_csv, read_jsonl
from detente.read.timeml import read_timeml
from detente.settings import DEFAULT
from detente.types import Article, Result, Skipped

EXTERNAL = SHARED / "data" / "external"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RESOURCES = Resources()
SUFFIXES = sorted(KNOWN_SUFFIXES) + [".bin", ""]
_TMP = tempfile.TemporaryDirectory(prefix="detente-fuzz-")


def spans_of(r: Result) -> list[tuple[str, int | None, int | None, str | None]]:
    """(what, start, end, text-or-None) for every span the Result points at."""
    out: list[tuple[str, int | None, int | None, str | None]] = [
        ("body", r.meta.body_start, r.meta.body_end, None)]
    out += [(f"removed {x.why}", x.start, x.end, None) for x in r.meta.removed]
    out += [(f"mention of {a.id}", m.start, m.end, m.text) for a in r.actors for m in a.mentions]
    out += [("timex", t.start, t.end, t.text) for t in r.timexes]
    for q in r.quotes:
        out.append(("quote", q.start, q.end, q.text))
        if q.cue:
            out.append(("cue", q.cue.start, q.cue.end, q.cue.text))
        if q.speaker and q.speaker.start is not None:
            out.append(("speaker", q.speaker.start, q.speaker.end, None))
    out += [(f"{e.type} evidence", e.evidence.start, e.evidence.end, e.evidence.text) for e in r.events]
    return out


def assert_sound(item: object, source: str) -> None:
    """A Result with every span inside its text, or a Skipped that is not an internal failure."""
    if isinstance(item, Skipped):
        assert "internal error" not in item.reason, f"{source}: {item.stage}: {item.reason}"
        assert item.reason and item.source
        return
    assert isinstance(item, Result), f"{source}: process returned {type(item).__name__}"
    n = len(item.text)
    for what, start, end, text in spans_of(item):
        assert start is not None and end is not None and 0 <= start <= end <= n, \
            f"{source}: {what} [{start}, {end}) outside the text (length {n})"
        if text is not None:
            assert item.text[start:end] == text, f"{source}: {what} text {text!r} differs from the text there"
    json.dumps(item.to_json())  # the contract is JSON-serialisable whatever came in


def read_bytes_as(raw: bytes, suffix: str) -> list[Article | Skipped]:
    path = Path(_TMP.name) / f"input{suffix}"
    path.write_bytes(raw)
    items = list(read_path(path))
    # A record file with no records still yields nothing (see the xfail below); every other file gives
    # at least an Article or a Skipped.
    assert items or suffix in (".jsonl", ".ndjson", ".csv"), f"reading {suffix or 'no suffix'} gave nothing"
    for item in items:
        assert isinstance(item, Article | Skipped)
        assert item.source.startswith(str(path))
        if isinstance(item, Skipped):
            assert item.reason and "Traceback" not in item.reason
    return items


# -- hypothesis: any bytes through every reader, any text through process() ----------------------------------

@FUZZ
@given(raw=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_through_any_reader(raw, suffix):
    read_bytes_as(raw, suffix)


markup = st.text(alphabet=st.sampled_from(list("<>/\"'=&;# \n\tabcdefTEXTdivp!-[]{}:,\u201c\u201d\u00e9\u3042")),
                 max_size=600)


@FUZZ
@given(text=st.one_of(st.text(max_size=2000), markup))
def test_any_text_through_the_text_readers(text):
    for reader in (read_jsonl, read_csv):
        for item in reader(text, "fuzz", DEFAULT):
            assert isinstance(item, Article | Skipped)
    assert isinstance(read_html(text, "fuzz.html", DEFAULT), Article | Skipped)
    assert isinstance(read_timeml(text, "fuzz.tml", DEFAULT), Article | Skipped)


@FUZZ
@given(text=st.one_of(
    st.text(max_size=1500),
    st.lists(st.sampled_from(["Japan", "the", "said", "\"", "\u201c", "\u201d", "'", ".", "\n", "\n\n", "Abe",
                              "on Monday", "President", "Trump", "(Reuters)", "-", "By", "Photo:", "2017",
                              "North Korea", "sanctions", "talks", ",", ":", "  "]), max_size=300).map(" ".join)),
    published=st.one_of(st.none(), st.sampled_from(["2017-09-04", "2018", "1999-12-31", "not a date"])))
def test_any_text_through_process(text, published):
    art = Article(id="fuzz", source="fuzz.txt", text=text, published=published)
    assert_sound(process(art, RESOURCES), "fuzz.txt")


# -- named hard cases -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, suffix", [(b"\x1c", ".jsonl"), ("\u3000\n".encode(), ".jsonl"),
                                         (b"text,title\n", ".csv")], ids=["separator", "ideographic-space", "header"])
def test_a_record_file_without_records_is_reported(raw, suffix):
    items = read_bytes_as(raw, suffix)
    assert len(items) == 1 and isinstance(items[0], Skipped)


def test_huge_file_is_refused_not_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(DEFAULT.max_file_bytes + 1)  # sparse: costs no disk
    (item,) = read_path(big)
    assert isinstance(item, Skipped) and "over the 20 MB limit" in item.reason


def test_huge_record_is_refused():
    line = json.dumps({"text": "word " * (DEFAULT.max_chars // 5 + 1)})
    (item,) = read_jsonl(line, "big.jsonl", DEFAULT)
    assert isinstance(item, Skipped) and "over the 1,000,000 limit" in item.reason


@pytest.mark.parametrize("raw, suffix, reason", [
    (b"", ".txt", "empty file"),
    (b"   \n\t\n", ".html", "empty file"),
    (b"\x00\x01\x02binary\x00" * 50, ".txt", "binary file"),
    (bytes(range(256)) * 40, ".jsonl", "binary file"),
])
def test_empty_and_binary_files(raw, suffix, reason):
    (item,) = read_bytes_as(raw, suffix)
    assert isinstance(item, Skipped) and reason in item.reason


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "shift_jis", "utf-16", "koi8-r"])
def test_non_utf8_text_is_decoded_or_refused(encoding):
    text = "Tokyo \u2014 Prime Minister Abe met envoys on Monday; caf\u00e9 talks went on. " * 20
    raw = text.encode(encoding, errors="replace")
    for item in read_bytes_as(raw, ".txt"):
        if isinstance(item, Article):
            assert_sound(process(item, RESOURCES), encoding)


def test_invalid_utf8_bytes_in_records():
    raw = b'{"text": "Seoul said \xff\xfe on Monday that talks would resume next week."}\n{"text": 3}\n\xc3\x28\n'
    for item in read_bytes_as(raw, ".jsonl"):
        if isinstance(item, Article):
            assert_sound(process(item, RESOURCES), "records")


@pytest.mark.parametrize("depth", [200, 5000, 100_000])
def test_deeply_nested_html(depth):
    body = "<div><span>" * depth + "Japan and China agreed on Monday to restart talks." + "</span></div>" * depth
    raw = f"<html><head><title>t</title></head><body><article>{body}</article></body></html>".encode()
    for item in read_bytes_as(raw, ".html"):
        if isinstance(item, Article):
            assert_sound(process(item, RESOURCES), f"nested {depth}")


def test_unclosed_html_and_comments():
    raw = b"<html><body><article><p>Abe said \"we will respond<p><!-- never closed <script>x()</scr" * 30
    read_bytes_as(raw, ".html")


@pytest.mark.parametrize("text", [
    'Abe said "the alliance is strong. Trump agreed on Monday. ' * 20,
    "\u201cWe will not back down, said an official in Seoul on Tuesday.\n\n" * 15,
    "Kim said \u201d backwards \u201c quotes \u201d and ' single ' quotes '' \"\" \"\" \" on Friday. " * 25,
    '"' * 5000,
    "\u201c" * 3000 + " Japan " + "\u201d" * 10,
], ids=["open-straight", "open-curly", "reversed-mixed", "5000-straight", "3000-curly"])
def test_unbalanced_quotes(text):
    assert_sound(process(Article(id="q", source="quotes.txt", text=text, published="2018-06-12"), RESOURCES),
                 "quotes.txt")


@pytest.mark.parametrize("line", [
    ("Japan and the United States held talks on Monday while China said it opposed the drills " * 1200)[:100_000],
    "x" * 100_000,
    ("North-Korea-" * 10_000)[:100_000],
], ids=["words", "one-token", "hyphens"])
def test_100k_character_lines(line):
    assert len(line) == 100_000
    art = Article(id="long", source="long.txt", text="A headline\n\n" + line, published="2017-09-04")
    assert_sound(process(art, RESOURCES), "long.txt")


# -- real-world sentences and documents: zero internal failures ---------------------------------------------

def run_all(articles: list[Article]) -> None:
    failures = []
    for k in range(0, len(articles), 32):
        batch = articles[k:k + 32]
        for art, out in zip(batch, process_batch(batch, RESOURCES), strict=True):
            try:
                assert_sound(out, art.source)
            except AssertionError as exc:
                failures.append(str(exc).split("\n")[0])
    assert not failures, f"{len(failures)} of {len(articles)} inputs failed:\n" + "\n".join(failures[:20])


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found (the shared data sits beside the project)")
    return path


def test_petrarch_unit_test_sentences():
    raw = _require(EXTERNAL / "petrarch-unit-tests" / "PETR.UnitTest.records.xml").read_text(encoding="utf-8")
    arts = []
    for m in re.finditer(r'<Sentence date="(\d{8})" id="([^"]+)"[^>]*>.*?<Text>(.*?)</Text>', raw, re.S):
        d, sid, text = m.groups()
        arts.append(Article(id=sid, source=f"petrarch:{sid}", text=text.strip(),
                            published=f"{d[:4]}-{d[4:6]}-{d[6:]}"))
    assert len(arts) > 250
    run_all(arts)


def test_plover_gold_sentences():
    records = json.loads(_require(EXTERNAL / "plover-gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    arts = [Article(id=r["id"], source=f"plover-gsr:{r['id']}", text=r["text"], published=r.get("date"))
            for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    assert len(arts) > 150
    run_all(arts)


def test_all_timebank_documents():
    items = list(read_path(_require(TIMEBANK)))
    arts = [a for a in items if isinstance(a, Article)]
    assert len(arts) >= 180, [s.line() for s in items if isinstance(s, Skipped)][:5]
    run_all(arts)
