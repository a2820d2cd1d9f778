"""process(article, resources) -> Result | Skipped: the one pure function every runner maps.

Stages after parsing each take (doc, result, resources) and fill one list of the Result; they see only
our dataclasses. ``process_batch`` is the same function over a batch so spaCy's nlp.pipe can amortise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from detente.nlp import parse as annotate
from detente.read.clean import clean
from detente.settings import DEFAULT, Settings
from detente.types import Article, Doc, Result, Skipped

Stage = Callable[[Doc, Result, "Resources"], list[Any]]  # returns its list; analyse() puts it in the Result


@dataclass(frozen=True)
class Resources:
    """Everything process() needs besides the article. Picklable: heavy objects (the spaCy model, the
    knowledge base) are loaded lazily, once per process, by the modules that use them."""

    settings: Settings = field(default_factory=lambda: DEFAULT)


def stages() -> list[tuple[str, Stage]]:
    """The analysis stages in data-flow order (imported late so a missing optional stage is explicit)."""
    from detente.pipeline.stages import STAGES

    return STAGES


def process(article: Article, resources: Resources) -> Result | Skipped:
    return process_batch([article], resources)[0]


def process_batch(articles: Sequence[Article], resources: Resources) -> list[Result | Skipped]:
    out: list[Result | Skipped | None] = [None] * len(articles)
    cleaned = []
    for k, art in enumerate(articles):
        try:
            meta, masked = clean(art)
        except Exception as exc:  # a cleaning bug must cost one article, not the batch
            out[k] = Skipped(art.source, "clean", f"internal error while cleaning ({type(exc).__name__}: {exc}); "
                             "please report this file")
            continue
        if meta.body_end - meta.body_start < resources.settings.min_chars:
            out[k] = Skipped(art.source, "clean", "no article body left after removing headers and debris; "
                             "check that the file holds the article text")
            continue
        cleaned.append((k, meta, art.text, masked))
    docs = annotate.parse_many(((m, t, x) for _, m, t, x in cleaned), resources.settings.model,
                               resources.settings.batch_size)
    for (k, _, _, _), doc in zip(cleaned, docs, strict=False):
        out[k] = analyse(doc, resources)
    return [r for r in out if r is not None]


def analyse(doc: Doc, resources: Resources) -> Result | Skipped:
    result = Result(meta=doc.meta, text=doc.text)
    for name, stage in stages():
        try:
            setattr(result, name, stage(doc, result, resources))
        except Exception as exc:
            return Skipped(doc.meta.source, name, f"internal error in the {name} stage ({type(exc).__name__}: "
                           f"{exc}); please report this file")
    return result
