"""PolNeAR quote attribution, fast and broken down: per cue lemma and per speaker kind.

    python bench/polnear_breakdown.py --split dev [--limit N] [--errors N] [--cache DIR]

Parses each article once (clean -> parse -> the stages before quotes) and keeps the parsed Docs in a pickle
cache (default /tmp/detente-polnear-<split>.pkl), so a change to the quotes stage is re-scored in seconds.
The figures use the definitions of ../shared/eval/polnear.py (imported from there, not copied): found,
speaker right, precision of quotes with a speaker. PolNeAR (Newell et al., LREC 2018) has no stated licence:
it is read from ../shared for evaluation only and nothing of it is written into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from detente.extract.quotes import find_quotes  # noqa: E402
from detente.nlp import parse_many  # noqa: E402
from detente.pipeline.process import analyse  # noqa: E402
from detente.pipeline.stages import STAGES  # noqa: E402
from detente.read import clean  # noqa: E402
from detente.read.records import from_record  # noqa: E402
from detente.settings import Resources  # noqa: E402
from detente.types import Article, Quote  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "polnear.py"


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("polnear_eval", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {SCORER}; is ../shared present?")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed(split: str, limit: int | None, cache: Path | None = None) -> list[tuple[dict[str, Any], Any, Any]]:
    """(gold article, Doc, Result before quotes) for the split's articles, cached by split and limit."""
    ev = scorer()
    docs = ev.load(split)[:limit] if limit else ev.load(split)
    cache = cache or Path(f"/tmp/detente-polnear-{split}-{limit or 'all'}.pkl")
    if cache.exists():
        with cache.open("rb") as f:
            return list(pickle.load(f))
    res = Resources()
    before = tuple(st for st in STAGES[:[s.name for s in STAGES].index("quotes")])
    items, golds = [], []
    for n, d in enumerate(docs):
        art = from_record({"text": d["text"], "published": d["date"], "outlet": d["publisher"]}, f"polnear:{n + 1}",
                          res.settings)
        if not isinstance(art, Article):
            continue
        meta, masked = clean(art)
        items.append((meta, art.text, masked))
        golds.append(d)
    out = []
    for d, doc in zip(golds, parse_many(items, res.settings), strict=True):
        out.append((d, doc, analyse(doc, res, before)))
    with cache.open("wb") as f:
        pickle.dump(out, f)
    return out


def score(data: list[tuple[dict[str, Any], Any, Any]],
          quotes_of: Callable[[Any, Any], list[Quote]] | None = None) -> dict[str, Any]:
    """The scorer's figures, plus per cue lemma and per speaker kind counts."""
    ev = scorer()
    quotes_of = quotes_of or (lambda doc, r: find_quotes(doc, r.actors))
    gold = found = right = sys_q = sys_in = 0
    cue: Counter[str] = Counter()
    cue_right: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    kinds_in: Counter[str] = Counter()
    errors: list[str] = []
    for d, doc, r in data:
        quotes = [q.to_json() for q in quotes_of(doc, r)]
        contents = [tuple(s) for at in d["attributions"] for s in (at.get("content") or {}).get("spans", [])]
        for q in quotes:
            sp = q.get("speaker") or {}
            if not (sp.get("name") or sp.get("description")):
                continue
            sys_q += 1
            kind = sp.get("kind") or ("anonymous" if sp.get("anonymous") else "named")
            kinds[kind] += 1
            if any(ev.overlap((q["start"], q["end"]), c) > 0 for c in contents):
                sys_in += 1
                kinds_in[kind] += 1
            else:
                errors.append(f"FALSE [{sp.get('name') or sp.get('description')}] {q['text'][:80]!r}")
        for at in d["attributions"]:
            if not (at.get("source") or {}).get("spans") or not ev.is_speech((at.get("cue") or {}).get("text")):
                continue
            gold += 1
            lemma = (at["cue"]["text"] or "").lower().split()[0] if at["cue"]["text"] else "?"
            cue[lemma] += 1
            spans = [tuple(s) for s in (at.get("content") or {}).get("spans", [])]
            if not spans:
                continue
            best, bo = None, 0
            for q in quotes:
                o = sum(ev.overlap((q["start"], q["end"]), s) for s in spans)
                if o > bo:
                    best, bo = q, o
            if best is None:
                what = at["content"].get("text", "")[:90]
                errors.append(f"MISS [{at['source']['text'][:30]}] {at['cue']['text']}: {what!r}")
                continue
            found += 1
            sp = best.get("speaker") or {}
            ss = (sp.get("start"), sp.get("end"))
            ok = any(ss[0] is not None and ev.overlap(ss, tuple(g)) > 0 for g in at["source"]["spans"]) \
                or ev.same_person(sp.get("name"), at["source"]["text"])
            right += ok
            cue_right[lemma] += ok
            if not ok:
                errors.append(f"SPKR want [{at['source']['text'][:30]}] got [{sp.get('name') or sp.get('description')}]"
                              f" {at['cue']['text']}: {at['content'].get('text', '')[:70]!r}")
    return {"articles": len(data), "gold": gold, "found": found, "right": right, "sys": sys_q, "sys_in": sys_in,
            "recall": right / max(gold, 1), "precision": sys_in / max(sys_q, 1), "cue": cue, "cue_right": cue_right,
            "kinds": kinds, "kinds_in": kinds_in, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--grep", default="", help="show only errors starting with this (MISS, SPKR, FALSE)")
    a = ap.parse_args()
    s = score(parsed(a.split, a.limit))
    print(f"polnear {a.split}: {s['articles']} articles; gold {s['gold']}; found {s['found']} "
          f"({s['found'] / max(s['gold'], 1):.3f}); speaker right {s['right']} ({s['recall']:.3f}); "
          f"quotes with a speaker {s['sys']}, inside gold {s['sys_in']} (P {s['precision']:.3f})")
    print("per cue (gold, speaker right):",
          ", ".join(f"{c} {n}/{s['cue_right'][c]}" for c, n in s["cue"].most_common(15)))
    print("per speaker kind (quotes, inside gold):",
          ", ".join(f"{k} {n}/{s['kinds_in'][k]}" for k, n in s["kinds"].items()))
    shown = [e for e in s["errors"] if e.startswith(a.grep)]
    for e in shown[: a.errors]:
        print(" ", e)


if __name__ == "__main__":
    main()
