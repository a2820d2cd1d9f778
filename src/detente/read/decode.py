"""Bytes -> text: the encodings news files come in, tried in the order that mistakes them least.

1. A byte-order mark says it outright: UTF-32 (checked before UTF-16, whose LE mark is its prefix), UTF-8,
   UTF-16.
2. Without one, UTF-16/UTF-32 still show as NUL bytes in every other (every fourth) position of ASCII text.
3. Strict UTF-8.
4. Otherwise the charset detector, held to the encodings news is published in: the Western Windows and ISO
   pages first, then Central European, Cyrillic, Greek, Turkish, Baltic and the East Asian ones, a Mac page
   last. Of the guesses that read as cleanly as the best one, the earliest in that order wins, so a Latin-1
   "Abé" is cp1252, never mac_latin2 "Abť".

``decode`` returns the text and the encoding it used, or a Skipped saying what to do.
"""

from __future__ import annotations

import codecs

from detente.types import Skipped

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
NEWS_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253",
                  "cp1254", "cp1257", "cp932", "euc_jp", "gb18030", "big5", "euc_kr", "mac_roman")
CHAOS_MAX = 0.3  # above this the detector's best reading is mostly noise: refuse rather than guess
CHAOS_TIE = 0.02  # readings this close to the cleanest are equally plausible: the order above decides
SAMPLE = 4096


def decode(raw: bytes, src: str) -> tuple[str, str] | Skipped:
    """(text, encoding) of a file's bytes, or a Skipped naming the file and the fix."""
    if not raw.strip(b" \t\r\n\x00"):
        return Skipped(src, "read", "empty file; nothing to analyse")
    encoding = _by_bom(raw) or _wide_without_bom(raw[:SAMPLE])
    if encoding:
        try:
            return raw.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError as exc:
            return Skipped(src, "read", f"starts like {encoding} but byte {exc.start} does not decode; "
                           "convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8)")
    if b"\x00" in raw[:8192]:
        return Skipped(src, "read", "binary file (contains NUL bytes), not text; "
                       "give a text, HTML, JSONL, CSV or TimeML file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(raw, src)


def _by_bom(raw: bytes) -> str | None:
    return next((name for bom, name in BOMS if raw.startswith(bom)), None)


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-16/32 of mostly-ASCII text: NULs fill the high bytes of each code unit, and only those."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]
    nul = [sum(1 for b in head[k::4] if b == 0) / (n // 4) for k in range(4)]
    if min(nul[1:]) > 0.9 and nul[0] < 0.1:
        return "utf-32-le"
    if min(nul[:3]) > 0.9 and nul[3] < 0.1:
        return "utf-32-be"
    odd, even = (nul[1] + nul[3]) / 2, (nul[0] + nul[2]) / 2
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _detect(raw: bytes, src: str) -> tuple[str, str] | Skipped:
    from charset_normalizer import from_bytes

    found = [m for m in from_bytes(raw, cp_isolation=list(NEWS_ENCODINGS)) if m.chaos <= CHAOS_MAX]
    if not found:
        return Skipped(src, "read", "not valid UTF-8 and no other text encoding fits; "
                       "convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8)")
    cleanest = min(m.chaos for m in found)
    rank = {name: k for k, name in enumerate(NEWS_ENCODINGS)}
    # a reading stands for every encoding that gives the same text (could_be_from_charset): name the first
    readings = [(min(rank.get(e, 99) for e in (m.could_be_from_charset or [m.encoding])), m)
                for m in found if m.chaos <= cleanest + CHAOS_TIE]
    k, best = min(readings, key=lambda r: r[0])
    return str(best), NEWS_ENCODINGS[k] if k < len(NEWS_ENCODINGS) else best.encoding
