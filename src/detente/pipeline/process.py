"""process(article, resources) -> Result | Skipped: the one pure function every runner maps.

clean -> parse (the nlp door, batched through spaCy's nlp.pipe) -> the STAGES in order, each returning
its list of the Result; stages see only our dataclasses. ``process_batch`` is the same function over a
batch so nlp.pipe can amortise; it is ``parse_batch`` then ``finish``, which a runner may overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.nlp import parse_many
from detente.pipeline.stages import STAGES, Stage, StageContractError
from detente.read import clean
from detente.settings import Resources
from detente.types import Article, Doc, Result, Skipped


def process(article: Article, resources: Resources) -> Result | Skipped:
    """One article through the whole analysis."""
    return process_batch([article], resources)[0]


def process_batch(articles: Sequence[Article], resources: Resources) -> list[Result | Skipped]:
    """Articles through the whole analysis, in order; a bad article costs itself only."""
    return finish(parse_batch(articles, resources), resources)


@dataclass
class Parsed:
    """A batch after cleaning and parsing, before the stages: the two halves of process_batch, so a runner can
    parse the next batch (mostly spaCy, which lets go of the GIL) while the stages run on this one."""

    out: list[Result | Skipped | None]  # by article: what cleaning refused, None where a Doc follows
    docs: list[tuple[int, Doc]]  # (position in the batch, parsed Doc)


def parse_batch(articles: Sequence[Article], resources: Resources) -> Parsed:
    """Clean every article and parse the ones with a body, in one nlp.pipe pass."""
    out: list[Result | Skipped | None] = [None] * len(articles)
    cleaned = []
    for k, art in enumerate(articles):
        try:
            meta, masked = clean(art)
        except Exception as exc:  # a cleaning bug must cost one article, not the batch
            if resources.settings.strict:
                raise
            out[k] = Skipped(art.source, "clean", f"internal error while cleaning ({type(exc).__name__}: {exc}); "
                             "please report this file")
            continue
        if meta.body_end - meta.body_start < resources.settings.min_chars:
            out[k] = Skipped(art.source, "clean", "no article body left after removing headers and debris; "
                             "check that the file holds the article text")
            continue
        cleaned.append((k, meta, art.text, masked))
    docs = parse_many(((m, t, x) for _, m, t, x in cleaned), resources.settings)
    return Parsed(out, [(k, doc) for (k, _, _, _), doc in zip(cleaned, docs, strict=True)])


def finish(parsed: Parsed, resources: Resources) -> list[Result | Skipped]:
    """The stages on every parsed Doc of a batch; outputs in the batch's order."""
    out = list(parsed.out)
    for k, doc in parsed.docs:
        out[k] = analyse(doc, resources)
    return [r for r in out if r is not None]


def analyse(doc: Doc, resources: Resources, stages: Sequence[Stage] = STAGES) -> Result | Skipped:
    """Run the stages in order on one parsed Doc; each returned list is stored under the stage's name."""
    result = Result(meta=doc.meta, text=doc.text)
    for st in stages:
        try:
            found = st.run(doc, result, resources)
            amended = st.amends(result.meta, found) if st.amends is not None and isinstance(found, list) else None
        except Exception as exc:  # the stage or its amends hook: either costs its article only
            if resources.settings.strict:
                raise
            return Skipped(doc.meta.source, st.name, f"internal error in the {st.name} stage ({type(exc).__name__}: "
                           f"{exc}); please report this file")
        if not isinstance(found, list):
            raise StageContractError(f"stage {st.name!r} returned {type(found).__name__}, not a list; "
                                     "a stage returns its list and analyse stores it")
        setattr(result, st.name, found)
        if amended is not None:
            result.meta = doc.meta = amended
    return result
