"""A small hand-written corpus stored in a real DuckDB file, for the query-side tests (search, exports,
people index, notebook API, query CLI). Texts are our own; offsets are computed from the texts."""

from __future__ import annotations

from pathlib import Path

from detente.store.db import Store
from detente.store.derived import refresh
from detente.types import Actor, Event, Meta, Quote, Result, Role, Span, Speaker

ABE_PM = Role("Prime Minister", "JPN", "2012-12-26", "2020-09-16", "kb")


def _span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def _meta(aid: str, text: str, title: str, outlet: str, published: str) -> Meta:
    return Meta(id=aid, source=f"{aid}.txt", title=title, outlet=outlet, authors=[], published=published,
                published_precision="day", published_inferred=False, dateline=None, genre="news",
                body_start=len(title) + 2, body_end=len(text), removed=[])


def _actor(text: str, aid: str, kind: str, name: str, phrases: list[str], country: str | None = None,
           **kw: object) -> Actor:
    return Actor(aid, kind, name, country, mentions=[_span(text, p) for p in phrases], **kw)  # type: ignore[arg-type]


def _quote(text: str, said: str, kind: str, cue: str, speaker: Speaker) -> Quote:
    s = _span(text, said)
    return Quote(s.start, s.end, said, kind, _span(text, cue), speaker)


def _event(text: str, type_: str, source: str, target: str, evidence: str, score: float, date: str,
           source_actors: list[str] | None = None, target_actors: list[str] | None = None, mode: str | None = None,
           status: str = "occurred") -> Event:
    return Event(type_, mode, source, target, source_actors or [], target_actors or [], date, "day", status,
                 score, _span(text, evidence), confidence=0.8, context=None)


def drills() -> Result:
    title = "Alliance drills send a signal to Beijing"
    text = (f"{title}\n\nJapan and the United States held joint naval drills this week. "
            "\"Tokyo and Washington will answer any push together,\" said Stephen Nagy, a professor at the "
            "International Christian University. Prime Minister Shinzo Abe praised the alliance.")
    nagy = Speaker("person:stephen-nagy", "Stephen Nagy", "a professor at the International Christian University",
                   False, text.index("Stephen Nagy"), text.index("Stephen Nagy") + 12,
                   "International Christian University")
    return Result(
        _meta("a1", text, title, "The Japan Times", "2017-04-26"), text,
        actors=[
            _actor(text, "JPN", "state", "Japan", ["Japan", "Tokyo"], "JPN"),
            _actor(text, "USA", "state", "United States", ["United States", "Washington"], "USA"),
            _actor(text, "CHN", "state", "China", ["Beijing"], "CHN"),
            _actor(text, "person:stephen-nagy", "person", "Stephen Nagy", ["Stephen Nagy"], "JPN",
                   description="a professor at the International Christian University",
                   affiliation="International Christian University"),
            _actor(text, "person:shinzo-abe", "person", "Shinzo Abe", ["Shinzo Abe"], "JPN", roles=[ABE_PM]),
        ],
        quotes=[_quote(text, "Tokyo and Washington will answer any push together", "direct", "said", nagy)],
        events=[
            _event(text, "COOPERATE", "JPN", "USA", "Japan and the United States held joint naval drills", 6.0,
                   "2017-04-24", mode="military"),
            _event(text, "SUPPORT", "JPN", "USA", "Shinzo Abe praised the alliance", 3.0, "2017-04-26",
                   source_actors=["person:shinzo-abe"]),
        ])


def hotline() -> Result:
    title = "Beijing and Tokyo edge closer as trade fight looms"
    text = (f"{title}\n\nChina and Japan agreed on Tuesday to restart a maritime hotline. Japan wants to "
            "shield the regional trade order, Stephen Nagy, a visiting fellow at the Japan Institute for "
            "International Affairs, said in an interview. Maria Nagy, an economist in Budapest, said the hotline "
            "was overdue.")
    k = text.index("Stephen Nagy")
    stephen = Speaker("person:stephen-nagy", "Stephen Nagy",
                      "a visiting fellow at the Japan Institute for International Affairs" , False, k, k + 12,
                      "Japan Institute for International Affairs")
    m = text.index("Maria Nagy")
    maria = Speaker("person:maria-nagy", "Maria Nagy", "an economist in Budapest", False, m, m + 10)
    return Result(
        _meta("a2", text, title, "CNN", "2018-05-02"), text,
        actors=[
            _actor(text, "CHN", "state", "China", ["Beijing", "China"], "CHN"),
            _actor(text, "JPN", "state", "Japan", ["Tokyo", "Japan"], "JPN"),
            _actor(text, "person:stephen-nagy", "person", "Stephen Nagy", ["Stephen Nagy"], "JPN",
                   description="a visiting fellow at the Japan Institute for International Affairs",
                   affiliation="Japan Institute for International Affairs"),
            _actor(text, "person:maria-nagy", "person", "Maria Nagy", ["Maria Nagy"], "HUN",
                   description="an economist in Budapest"),
        ],
        quotes=[
            _quote(text, "Japan wants to shield the regional trade order", "indirect", "said", stephen),
            _quote(text, "the hotline was overdue", "indirect", "said", maria),
        ],
        events=[_event(text, "AGREE", "CHN", "JPN", "China and Japan agreed on Tuesday to restart a maritime hotline",
                       2.5, "2018-05-01")])


def summit() -> Result:
    title = "Trump and Abe meet in New York"
    text = (f"{title}\n\nPresident-elect Donald Trump met Japanese Prime Minister Shinzo Abe in New York on "
            "Thursday. North Korea fired a missile toward Japan the same week, and Tokyo protested. "
            "\"We had a very good talk,\" Abe told reporters.")
    k = text.index("Abe told")
    abe = Speaker("person:shinzo-abe", "Shinzo Abe", None, False, k, k + 3)
    return Result(
        _meta("a3", text, title, "Reuters", "2016-11-18"), text,
        actors=[
            _actor(text, "person:donald-trump", "person", "Donald Trump", ["Donald Trump"], "USA"),
            _actor(text, "person:shinzo-abe", "person", "Shinzo Abe", ["Shinzo Abe"], "JPN", roles=[ABE_PM]),
            _actor(text, "JPN", "state", "Japan", ["Japanese", "Japan", "Tokyo"], "JPN"),
            _actor(text, "PRK", "state", "North Korea", ["North Korea"], "PRK"),
        ],
        quotes=[_quote(text, "We had a very good talk", "direct", "told", abe)],
        events=[
            _event(text, "CONSULT", "USA", "JPN", "Donald Trump met Japanese Prime Minister Shinzo Abe", 2.5,
                   "2016-11-17", ["person:donald-trump"], ["person:shinzo-abe"], mode="visit"),
            _event(text, "THREATEN", "PRK", "JPN", "North Korea fired a missile toward Japan", -4.5, "2016-11-15"),
            _event(text, "ACCUSE", "JPN", "PRK", "Tokyo protested", -3.0, "2016-11-15"),
        ])


def corpus() -> list[Result]:
    return [drills(), hotline(), summit()]


def build_store(path: Path, results: list[Result] | None = None, derived: bool = True) -> Path:
    """The corpus written as an ingest writes it: the rows, then (unless ``derived`` is False: a store as an
    older detente left it) the derived data, merged events and search index."""
    with Store(path) as store:
        store.write(corpus() if results is None else results)
        if derived:
            refresh(store.con, path)
    return path
