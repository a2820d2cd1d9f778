"""The nouns that flow through the pipeline.

Article -> Doc -> (Actor, Timex, Quote, Event) -> Result. All are plain dataclasses so they pickle
cleanly across process pools and Ray workers; spaCy objects never appear here.
Offsets are character offsets into ``Article.text`` exactly as read (after decoding).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Removed:
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Zone:
    """A part of the text outside the running body that is still analysed: a photo caption, a credit, an
    author note. Kept out of the body the quotes read; dated facts and persons in it are used."""

    start: int
    end: int
    kind: str  # caption | credit | author note

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True)
class DateClue:
    """A span of the text that bounds the publication date: the day is in [lo, hi] (None: open), with a
    weight saying how much it counts against the other clues."""

    start: int
    end: int
    text: str
    why: str  # role | event | date | caption | rate
    lo: str | None
    hi: str | None
    weight: float
    annual: bool = False  # lo/hi are ----MM-DD: the same days of every year

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why, "from": self.lo,
                "to": self.hi}


@dataclass
class Article:
    """One news item as read from a file or record, before any cleaning."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date as stated by the source (CLI flag, record field, DCT)
    url: str | None = None
    encoding: str = "utf-8"  # the file's text encoding, as read.decode found it (reported when not UTF-8)


@dataclass
class Meta:
    """What cleaning learned about an article; serialised as the contract's ``article`` object."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    authors: list[str]
    published: str | None
    published_precision: str | None
    published_inferred: bool
    dateline: str | None
    genre: str
    body_start: int
    body_end: int
    removed: list[Removed]
    zones: list[Zone] = field(default_factory=list)
    published_window: tuple[str, str] | None = None  # the days the publication can be on, as far as known
    published_evidence: list[DateClue] = field(default_factory=list)  # the clues that fixed an inferred date

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "published": self.published,
            "published_precision": self.published_precision,
            "published_inferred": self.published_inferred,
            "published_window": list(self.published_window) if self.published_window else None,
            "published_evidence": [c.to_json() for c in self.published_evidence],
            "dateline": self.dateline,
            "genre": self.genre,
            "body": {"start": self.body_start, "end": self.body_end},
            "removed": [{"start": r.start, "end": r.end, "why": r.why} for r in self.removed],
            "zones": [z.to_json() for z in self.zones],
        }


@dataclass
class Token:
    """A token of the parse, with offsets into the original text."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str
    ent_iob: str
    sent: int  # index into Doc.sentences
    is_space: bool


@dataclass
class Entity:
    start: int  # char offsets
    end: int
    text: str
    label: str
    token_start: int
    token_end: int  # exclusive
    sent: int


@dataclass
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int  # exclusive


@dataclass
class Doc:
    """A cleaned and parsed article. ``text`` is the original text; ``masked`` has the removed
    debris blanked with spaces so offsets stay identical while the parser never sees it."""

    meta: Meta
    text: str
    masked: str
    tokens: list[Token]
    sentences: list[Sentence]
    entities: list[Entity]
    zones: list[Doc] = field(default_factory=list)  # each Meta.zones entry parsed on its own, same offsets

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, char: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if char < s.start:
                hi = mid - 1
            elif char >= s.end:
                lo = mid + 1
            else:
                return s
        return None


@dataclass
class Role:
    title: str
    of: str | None
    start: str | None  # ISO date; serialised as "from"
    end: str | None  # serialised as "to"
    source: str  # "kb" | "text"

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "of": self.of, "from": self.start, "to": self.end, "source": self.source}


@dataclass
class Actor:
    id: str
    kind: str  # state | person | organization | group
    name: str
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    description: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    locations: list[Span] = field(default_factory=list)  # places in this state the text names ("in Vladivostok")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "country": self.country,
            "roles": [r.to_json() for r in self.roles],
            "description": self.description,
            "mentions": [m.to_json() for m in self.mentions],
        }
        if self.affiliation:
            out["affiliation"] = self.affiliation
        if self.locations:
            out["locations"] = [m.to_json() for m in self.locations]
        return out


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}


@dataclass
class Speaker:
    actor_id: str | None
    name: str | None
    description: str | None
    anonymous: bool
    start: int | None
    end: int | None
    affiliation: str | None = None
    kind: str | None = None  # person | organisation | document | anonymous

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"actor_id": self.actor_id, "name": self.name, "description": self.description,
                               "anonymous": self.anonymous, "start": self.start, "end": self.end}
        for key in ("affiliation", "kind"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    cue: Span | None
    speaker: Speaker | None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue.to_json() if self.cue else None,
            "speaker": self.speaker.to_json() if self.speaker else None,
        }


@dataclass
class Event:
    type: str
    mode: str | None
    source: str | None
    target: str | None
    source_actors: list[str]
    target_actors: list[str]
    date: str | None
    date_precision: str | None
    status: str  # occurred | planned | negated | hypothetical
    score: float | None
    evidence: Span
    confidence: float = 0.5
    context: str | None = None

    def to_json(self) -> dict[str, Any]:
        # field by field, in their order (what dataclasses.asdict gave, without its deep copies: the store
        # serialises every result, and asdict was most of that cost)
        return {"type": self.type, "mode": self.mode, "source": self.source, "target": self.target,
                "source_actors": list(self.source_actors), "target_actors": list(self.target_actors),
                "date": self.date, "date_precision": self.date_precision, "status": self.status,
                "score": self.score, "evidence": self.evidence.to_json(), "confidence": self.confidence,
                "context": self.context}


@dataclass
class Skipped:
    """A rejection is a value: which input, at which stage, why, and what to do."""

    source: str
    stage: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Result:
    meta: Meta
    text: str
    actors: list[Actor] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dating: list[DateClue] = field(default_factory=list)  # every clue to the publication date found

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.meta.to_json(),
            "actors": [a.to_json() for a in self.actors],
            "timexes": [t.to_json() for t in self.timexes],
            "quotes": [q.to_json() for q in self.quotes],
            "events": [e.to_json() for e in self.events],
        }
