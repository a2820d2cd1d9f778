#!/usr/bin/env python3
"""Train the event typer (src/detente/extract/events/data/typer.json) from open labelled data in ../shared.

    .venv/bin/python train/train_typer.py [--shared ../shared] [--out PATH] [--exclude-gsr-fold K/N]

Examples: the lead sentence of each of the 4,500 synthetic PLOVER stories (plover-synthetic, MIT; the
story's label is its lead's event) and the 161 GSR records (plover-gsr, CC BY-SA 4.0; the trigger is the
record's first ``(EVT: ...)`` word). In a synthetic lead the trigger is the candidate (a dictionary verb or a
lexicon trigger) nearest the root whose dictionary types include the label, else the one nearest the root.
Multinomial logistic regression (numpy, full-batch Adam, L2, classes balanced; deterministic); the softmax
temperature is fitted on out-of-fold predictions (5 folds) so probabilities are calibrated confidences.

``--exclude-gsr-fold K/N`` leaves out the GSR records whose index i has i % N == K: the cross-validation
bench (bench/cv_gsr.py) trains one model per fold and scores the fold left out.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from eval_gsr import load as load_gsr  # noqa: E402  (one reader of the GSR records)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "detente" / "extract" / "events" / "data" / "typer.json"
CACHE = Path.home() / ".cache" / "detente-train"
SEED = 20261202
GSR_WEIGHT = 3.0  # the GSR records are coded by PLOVER's authors; the synthetic stories are noisier
L2 = 1e-3
STEPS = 300
NOTICE = ("Trained by train/train_typer.py on plover-synthetic (ahalterman/NGEC-2025, MIT) and the PLOVER GSR "
          "development half (openeventdata/PLOVER, CC BY-SA 4.0); weights only, no text.")


def gsr_records(shared: Path) -> list[tuple[str, str, str]]:
    """(text, PLOVER type, first trigger word) of each GSR record, read as the GSR bench reads them."""
    return [(r.text, r.gold, r.trigger) for r in load_gsr(shared / "data/external/plover-gsr/PLOVER_GSR_CAMEO.json")]


def synthetic_leads(shared: Path) -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 26)
    with open(shared / "data/external/plover-synthetic/synthetic_events.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(" ".join(r["text"].split())[:700], r["label"]) for r in rows if r["text"].strip() and r["label"]]


def parsed(texts: list[str]) -> list[tuple[object, list]]:
    """(Doc, actors) per text, cached outside the project by the texts' digest."""
    from detente.extract.actors import find_actors
    from detente.nlp.parse import parse_many
    from detente.read import clean
    from detente.types import Article

    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"parsed-{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    items = []
    for k, t in enumerate(texts):
        meta, masked = clean(Article(id=f"t{k}", source=f"train:{k}", text=t, published="2000-01-01"))
        items.append((meta, t, masked))
    out = [(doc, find_actors(doc)) for doc in parse_many(items)]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def candidates(doc, tree, parties, sent: int) -> list[tuple[int, set[str], str | None]]:  # type: ignore[no-untyped-def]
    """(token, dictionary and lexicon types, lexicon type) of each trigger candidate in the sentence."""
    from detente.extract.events.cameo import match
    from detente.extract.events.triggers import trigger_sense

    s = doc.sentences[sent]
    out = []
    for i in range(s.token_start, s.token_end):
        sense = trigger_sense(tree, parties, i)
        coded = match(tree, i) if tree.is_verb(i) else []
        if sense is not None or coded:
            out.append((i, {c.type for c in coded} | ({sense.type} if sense else set()), sense.type if sense else None))
    return out


def examples(shared: Path) -> tuple[list[list[str]], list[str], list[float], list[int]]:
    """Features, label, weight and origin (the GSR record's index; -1 for a synthetic story) of each example."""
    from detente.extract.events.parties import Parties
    from detente.extract.events.tree import Tree
    from detente.extract.events.triggers import trigger_sense
    from detente.extract.events.typer import features, sentence_bag

    gsr = gsr_records(shared)
    syn = synthetic_leads(shared)
    docs = parsed([t for t, _, _ in gsr] + [t for t, _ in syn])
    X: list[list[str]] = []
    y: list[str] = []
    w: list[float] = []
    origin: list[int] = []
    for k, ((doc, actors), label) in enumerate(zip(docs, [lab for _, lab, _ in gsr] + [lab for _, lab in syn],
                                                   strict=True)):
        is_gsr = k < len(gsr)
        tree = Tree(doc)  # type: ignore[arg-type]
        parties = Parties(doc, tree, actors, [])  # type: ignore[arg-type]
        sent = next((s for s, x in enumerate(doc.sentences) if x.token_end - x.token_start >= 6), 0)  # type: ignore[attr-defined]
        cands = candidates(doc, tree, parties, sent)
        trig = None
        if is_gsr:
            word = gsr[k][2].lower()
            trig = next((i for i, _, _ in cands if doc.tokens[i].text.lower() == word), None)  # type: ignore[attr-defined]
        if trig is None and cands:
            depth = {i: len(tree.ancestors(i)) for i, _, _ in cands}
            fitting = [i for i, types, _ in cands if label in types]
            trig = min(fitting or [i for i, _, _ in cands], key=lambda i: (depth[i], i))
        if trig is None:
            continue
        sense = trigger_sense(tree, parties, trig)
        X.append(features(tree, trig, sense.type if sense else None, sentence_bag(doc, doc.tokens[trig].sent)))  # type: ignore[arg-type,attr-defined]
        y.append(label)
        w.append(GSR_WEIGHT if is_gsr else 1.0)
        origin.append(k if is_gsr else -1)
    return X, y, w, origin


def leave_out(data: tuple[list[list[str]], list[str], list[float], list[int]],
              fold: tuple[int, int] | None) -> tuple[list[list[str]], list[str], list[float]]:
    """The examples without the GSR records whose index i has i % N == K (fold = (K, N))."""
    X, y, w, origin = data
    keep = [j for j, o in enumerate(origin) if fold is None or o < 0 or o % fold[1] != fold[0]]
    return [X[j] for j in keep], [y[j] for j in keep], [w[j] for j in keep]


class Sparse:
    """A binary example-by-feature matrix as index arrays: products with it cost its non-zeros, not its size."""

    def __init__(self, rows: list[np.ndarray], n_feat: int) -> None:
        self.n = len(rows)
        lengths = np.array([len(x) for x in rows], dtype=np.int64)
        self.cols = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        self.row_of = np.repeat(np.arange(self.n), lengths)
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        self.filled = lengths > 0
        self.order = np.argsort(self.cols, kind="stable")
        self.feats, self.feat_starts = np.unique(self.cols[self.order], return_index=True)
        self.n_feat = n_feat

    def times(self, W: np.ndarray) -> np.ndarray:
        """X @ W"""
        out = np.zeros((self.n, W.shape[1]), dtype=W.dtype)
        if len(self.cols):
            sums = np.add.reduceat(W[self.cols], self.starts[self.filled], axis=0)
            out[self.filled] = sums
        return out

    def transposed_times(self, d: np.ndarray) -> np.ndarray:
        """X.T @ d"""
        out = np.zeros((self.n_feat, d.shape[1]), dtype=d.dtype)
        if len(self.cols):
            out[self.feats] = np.add.reduceat(d[self.row_of[self.order]], self.feat_starts, axis=0)
        return out


def fit(rows: list[np.ndarray], y: np.ndarray, weight: np.ndarray, n_feat: int,
        n_cls: int) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression, full-batch Adam (deterministic: no sampling)."""
    X = Sparse(rows, n_feat)
    W = np.zeros((n_feat, n_cls), dtype=np.float32)
    b = np.zeros(n_cls, dtype=np.float32)
    Y = np.eye(n_cls, dtype=np.float32)[y]
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    lr, b1, b2 = 0.05, 0.9, 0.999
    wn = (weight / weight.sum()).astype(np.float32)[:, None]
    for step in range(1, STEPS + 1):
        z = X.times(W) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        d = (p - Y) * wn
        gW = X.transposed_times(d) + L2 * W
        gb = d.sum(axis=0)
        for g, m, v, param in ((gW, mW, vW, W), (gb, mb, vb, b)):
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            param -= lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + 1e-8)
    return W, b


def logits(rows: list[np.ndarray], W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.stack([W[x].sum(axis=0) + b for x in rows]) if rows else np.zeros((0, len(b)))


def temperature(rows: list[np.ndarray], y: np.ndarray, weight: np.ndarray, n_feat: int, n_cls: int) -> float:
    """The softmax temperature that minimises the out-of-fold log loss (5 folds by index)."""
    z = np.zeros((len(rows), n_cls))
    for k in range(5):
        train = [i for i in range(len(rows)) if i % 5 != k]
        test = [i for i in range(len(rows)) if i % 5 == k]
        W, b = fit([rows[i] for i in train], y[train], weight[train], n_feat, n_cls)
        z[test] = logits([rows[i] for i in test], W, b)
    best = (float("inf"), 1.0)
    for t in np.arange(0.5, 3.01, 0.1):
        q = z / t
        q -= q.max(axis=1, keepdims=True)
        nll = -(q[np.arange(len(y)), y] - np.log(np.exp(q).sum(axis=1)))
        best = min(best, (float((nll * weight).sum() / weight.sum()), round(float(t), 2)))
    oof = (z.argmax(axis=1) == y).mean()
    print(f"out-of-fold accuracy {oof:.3f}, temperature {best[1]}", file=sys.stderr)
    return best[1]


def train(X: list[list[str]], y_names: list[str], w: list[float], calibrate: bool = True) -> dict:
    """The typer's weights (the JSON that ships) from examples."""
    np.random.seed(SEED)
    counts: dict[str, int] = {}
    for feats in X:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= 2)
    index = {f: k for k, f in enumerate(vocab)}
    classes = sorted(set(y_names))
    cls = {c: k for k, c in enumerate(classes)}
    rows = [np.array(sorted({index[f] for f in feats if f in index}), dtype=np.int64) for feats in X]
    y = np.array([cls[v] for v in y_names])
    per_class = np.bincount(y, minlength=len(classes)).astype(float)
    weight = np.array(w) * (len(y) / (len(classes) * per_class))[y]  # balanced: no type wins by its share alone
    t = temperature(rows, y, weight, len(vocab), len(classes)) if calibrate else 1.0
    W, b = fit(rows, y, weight, len(vocab), len(classes))
    keep = {f: [round(float(v), 3) for v in W[k]] for f, k in index.items() if np.abs(W[k]).max() >= 0.02}
    return {"notice": NOTICE, "classes": classes, "temperature": t, "bias": [round(float(v), 3) for v in b],
            "weights": keep}


def write(weights: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(weights, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out}: {len(weights['weights'])} features, {len(weights['classes'])} classes", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--exclude-gsr-fold", default=None, help="K/N: leave out GSR records with index %% N == K")
    ap.add_argument("--no-calibrate", action="store_true", help="temperature 1 (faster; for quick looks only)")
    a = ap.parse_args()
    fold = tuple(int(v) for v in a.exclude_gsr_fold.split("/")) if a.exclude_gsr_fold else None
    X, y, w = leave_out(examples(a.shared), fold)  # type: ignore[arg-type]
    print(f"{len(X)} examples", file=sys.stderr)
    write(train(X, y, w, calibrate=not a.no_calibrate), a.out)


if __name__ == "__main__":
    main()
