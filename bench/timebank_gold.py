"""TimeBank gold for evaluating the timex stage: the gold TIMEX3s of a TimeML file, and a scorer.

The gold reader gives the <TEXT> content without tags, exactly the article text detente's TimeML reader
produces (entities unescaped one segment at a time so offsets stay exact), with every gold TIMEX3's offsets.
It finds <TEXT> and the creation-time TIMEX3 with the reader's own patterns. ``evaluate`` runs the real
reader, cleaner, parser and ``find_timexes`` over TimeML files and scores them against that gold.

Not part of the package: used by ``bench/eval_timebank.py`` and the tests (which put bench/ on sys.path).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import InputError
from detente.extract.time import find_timexes
from detente.nlp import parse as annotate
from detente.read import read_path
from detente.read.clean import clean
from detente.read.timeml import TIMEML_DCT, TIMEML_TEXT
from detente.settings import DEFAULT, Settings
from detente.types import Article

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    tid: str


@dataclass(frozen=True)
class GoldDoc:
    path: str
    text: str
    dct: str | None  # YYYY-MM-DD of the document creation time
    timexes: list[GoldTimex]


class TimeMLError(InputError):
    """A file that is not usable TimeML, or whose gold text differs from what the reader produces."""


def read_gold(path: str | Path) -> GoldDoc:
    """Parse one .tml file; raises TimeMLError naming the file when it is not usable TimeML."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    m = TIMEML_TEXT.search(raw)
    if not m:
        raise TimeMLError(f"{path}: no <TEXT> element; check it is a TimeML (.tml) document")
    dct_tag = TIMEML_DCT.search(raw)
    dct = None
    if dct_tag:
        dm = re.search(r'value="(\d{4}-\d{2}-\d{2})', dct_tag.group(0))
        dct = dm.group(1) if dm else None
    text, timexes = strip_with_offsets(m.group(1), str(path))
    return GoldDoc(str(path), text, dct, timexes)


def strip_with_offsets(markup: str, where: str = "<markup>") -> tuple[str, list[GoldTimex]]:
    parts: list[str] = []
    pos = 0  # length of the text built so far
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    last = 0
    for tag in TAG.finditer(markup):
        chunk = html.unescape(markup[last:tag.start()])
        parts.append(chunk)
        pos += len(chunk)
        last = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timexes.append((pos, dict(ATTR.findall(tag.group(3)))))
        elif open_timexes:
            start, attrs = open_timexes.pop()
            timexes.append(GoldTimex(start, pos, "", attrs.get("type", ""), attrs.get("value"), attrs.get("tid", "")))
        else:
            raise TimeMLError(f"{where}: </TIMEX3> without an opening tag at character {tag.start()}")
    parts.append(html.unescape(markup[last:]))
    text = "".join(parts)
    return text, sorted((GoldTimex(t.start, t.end, text[t.start:t.end], t.type, t.value, t.tid) for t in timexes),
                        key=lambda t: (t.start, t.end))


@dataclass
class Score:
    """Span detection (overlap match) and normalisation accuracy over matched pairs."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_correct: int = 0
    dated: int = 0  # matched pairs whose gold type is DATE or TIME
    value_correct: int = 0
    errors: list[tuple[str, str, str, str | None, str, str | None]] = field(default_factory=list)
    pairs: list[tuple[str, str, str, str | None, str, str | None]] = field(default_factory=list)  # every dated match
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.matched if self.matched else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.dated if self.dated else 0.0

    def add(self, gold: GoldDoc, predicted: list[Any]) -> None:
        """predicted: objects with start, end, text, type, value (detente.types.Timex)."""
        self.gold += len(gold.timexes)
        self.predicted += len(predicted)
        pairs = sorted(((min(g.end, p.end) - max(g.start, p.start), gi, pi)
                        for gi, g in enumerate(gold.timexes) for pi, p in enumerate(predicted)
                        if g.start < p.end and p.start < g.end), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold.timexes[gi], predicted[pi]
            self.matched += 1
            self.type_correct += g.type == p.type
            if g.type in ("DATE", "TIME"):
                self.dated += 1
                self.pairs.append((Path(gold.path).name, g.text, g.type, g.value, p.text, p.value))
                if g.value == p.value:
                    self.value_correct += 1
                else:
                    self.errors.append((Path(gold.path).name, g.text, g.type, g.value, p.text, p.value))
        self.misses += [g.text for k, g in enumerate(gold.timexes) if k not in used_g]
        self.spurious += [p.text for k, p in enumerate(predicted) if k not in used_p]


def evaluate(paths: list[Path], settings: Settings = DEFAULT) -> Score:
    """Run the real reader, cleaner, parser and ``find_timexes`` over TimeML files and score them against gold."""
    golds, items = [], []
    for p in paths:
        gold = read_gold(p)
        (article,) = list(read_path(p))
        if not isinstance(article, Article) or article.text != gold.text:
            raise TimeMLError(f"{p}: the reader's article text differs from the gold text; gold offsets would not hold")
        meta, masked = clean(article)
        golds.append(gold)
        items.append((meta, article.text, masked))
    score = Score()
    for gold, doc in zip(golds, annotate.parse_many(items, settings), strict=True):
        score.add(gold, find_timexes(doc))
    return score
