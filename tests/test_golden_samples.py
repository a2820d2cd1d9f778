"""Golden file: reader + cleaner metadata for every bundled sample. Regenerate with UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import ROOT
from detente.read import clean, read_path
from detente.types import Article

GOLDEN = Path(__file__).parent / "golden" / "samples_meta.json"


def current() -> dict:
    out = {}
    for a in read_path(ROOT / "samples"):
        assert isinstance(a, Article), a
        meta, _ = clean(a)
        d = meta.to_json()
        d["source"] = str(Path(a.source).relative_to(ROOT))
        d["body_opening"] = a.text[meta.body_start:meta.body_start + 40]
        out[d["source"]] = d
    return out


def test_samples_metadata_golden():
    got = current()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text())
    assert len(got) >= 12
