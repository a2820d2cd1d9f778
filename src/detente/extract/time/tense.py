"""The tense of the clause a time expression sits in: past, present, future, or None when it does not say.

The rules use it to pick a direction for weekdays, months and seasons named without a year.
"""

from __future__ import annotations

from detente.types import Token

PLAN_VERBS = {"schedule", "plan", "expect", "set", "due", "intend", "slate", "prepare", "aim", "hope", "go", "vow",
              "promise", "threaten", "agree", "decide", "want", "seek", "try", "need"}
PLANNED = {"schedule", "slate", "plan", "due"}  # "talks scheduled for Friday": ahead even as a participle
FUTURE_MODALS = {"will", "would", "'ll", "shall", "wo", "’ll"}
DEADLINE_WORDS = {"payable", "effective", "due", "expire", "expires", "until", "till", "through", "record"}

_LAYOUTS: list[tuple[list[Token], list[int], dict[int, list[int]]]] = []


def layout(toks: list[Token]) -> tuple[list[int], dict[int, list[int]]]:
    """Each token's start offset, and the children of each head: built once per parsed text for the last few
    (the dating views of the body and each zone, the role clues and the timexes stage all ask for them)."""
    for entry in _LAYOUTS:
        if entry[0] is toks:
            return entry[1], entry[2]
    starts = [t.start for t in toks]
    kids: dict[int, list[int]] = {}
    for t in toks:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    _LAYOUTS[:] = [(toks, starts, kids), *_LAYOUTS[:7]]
    return starts, kids


def clause_tense(toks: list[Token], kids: dict[int, list[int]], first: int, last: int) -> str | None:
    """past / present / future of the clause holding tokens first..last, or None when the clause does not say.

    The governing verb's tense and auxiliaries decide; "since" before the expression means past; a deadline
    word on the way up ("payable Dec. 7", "effective June 1") leaves it open."""
    span = range(first, last + 1)
    before = toks[first - 1].text.lower() if first > 0 else ""
    if before == "since":
        return "past"
    t = next((toks[i] for i in span if toks[i].head not in span or toks[i].head == i), toks[first])
    head = toks[t.head]
    prenominal = t.dep in ("compound", "nmod", "poss", "amod") and head.i not in span and head.pos in ("NOUN", "PROPN")
    for _ in range(12):
        if t.i not in span and t.pos in ("VERB", "AUX"):
            break
        if t.i not in span and t.text.lower() in DEADLINE_WORDS:
            return None
        if t.head == t.i:
            break
        t = toks[t.head]
    t = reporting_verb(toks, kids, t, first)
    tense = verb_tense(toks, kids, t)
    if tense is None and t.tag == "VBG" and t.head != t.i:
        tense = governing_tense(toks, kids, t)  # "the minister, speaking on Thursday, denied it": denied
    if prenominal and tense == "present":
        return None  # "the move follows Tuesday's declaration": the day names a thing, a present does not date it
    if prenominal and tense == "future" and not modal_future(toks, kids, t):
        return None  # "tries to sell itself under a June agreement": a plan's infinitive does not date the accord
    return tense


def modal_future(toks: list[Token], kids: dict[int, list[int]], t: Token) -> bool:
    return any(toks[c].tag == "MD" and toks[c].text.lower() in FUTURE_MODALS for c in kids.get(t.i, []))


def reporting_verb(toks: list[Token], kids: dict[int, list[int]], t: Token, first: int) -> Token:
    """"told reporters Thursday he would resign": a day before the reported clause's subject, with no "that"
    between, dates the telling; the parser often hangs it on the reported verb."""
    head = toks[t.head]
    if t.dep != "ccomp" or head.pos != "VERB" or not head.i < first < t.i:
        return t
    subjects = [leftmost(kids, c) for c in kids.get(t.i, []) if toks[c].dep in ("nsubj", "nsubjpass")]
    if subjects and first < min(subjects) and not any(toks[k].text.lower() == "that" for k in range(head.i, first)):
        return head
    return t


def leftmost(kids: dict[int, list[int]], i: int) -> int:
    """The first token of the phrase headed by token i."""
    low, todo = i, [i]
    while todo:
        k = todo.pop()
        low = min(low, k)
        todo.extend(kids.get(k, []))
    return low


def governing_tense(toks: list[Token], kids: dict[int, list[int]], t: Token) -> str | None:
    """The tense of the verb a bare -ing form hangs from, when it has no auxiliary of its own."""
    if any(toks[c].dep in ("aux", "auxpass") for c in kids.get(t.i, [])):
        return None
    for _ in range(6):
        t = toks[t.head]
        if t.pos in ("VERB", "AUX"):
            return verb_tense(toks, kids, t)
        if t.head == t.i:
            return None
    return None


def verb_tense(toks: list[Token], kids: dict[int, list[int]], t: Token) -> str | None:
    if t.pos not in ("VERB", "AUX"):
        return None
    children = [toks[c] for c in kids.get(t.i, [])]
    aux = [c for c in children if c.dep in ("aux", "auxpass")]
    if any(a.tag == "MD" and a.text.lower() in FUTURE_MODALS for a in aux):
        return "future"
    past_aux = any(a.tag == "VBD" for a in aux)
    if t.lemma in PLAN_VERBS and any(c.dep == "xcomp" for c in children) and not past_aux and t.tag != "VBD":
        return "future"
    if t.lemma in PLANNED and t.tag == "VBN" and not past_aux:
        return "future"
    if t.tag == "VB" and any(c.tag == "TO" for c in children):
        return infinitive_tense(toks, kids, t)
    if t.tag == "VBD" or past_aux or (t.tag == "VBN" and not aux) or any(a.lemma == "have" for a in aux):
        return "past"
    if t.lemma == "be" and not aux:
        return None  # "the test on Sunday is a provocation": a copula says nothing of when
    if t.tag == "VBP" and not aux and singular_subject(toks, children):
        return "past"  # "weakness hurt the index": a present would be "hurts"; the form is a past one
    if t.tag in ("VBZ", "VBP") or any(a.tag in ("VBZ", "VBP") for a in aux):
        return "present"
    return None  # a bare participle ("closing unchanged Friday", "arriving Tuesday") does not say


def singular_subject(toks: list[Token], children: list[Token]) -> bool:
    """The verb's subject is a singular noun (not I, you, we, they, nor a plural)."""
    return any(c.dep == "nsubj" and c.tag in ("NN", "NNP") for c in children)


def infinitive_tense(toks: list[Token], kids: dict[int, list[int]], t: Token) -> str | None:
    """An infinitive is ahead of the verb that governs it ("plans to visit", "is due to expire") unless
    that verb is told in the past and plans nothing: "extended their offers to acquire X Friday", "had been
    due to expire Friday" happened."""
    h = toks[t.head]
    if h.i != t.i and h.pos == "ADJ" and h.head != h.i:  # "due to", "likely to": the copula above
        h = toks[h.head]
    if h.i == t.i or h.pos not in ("VERB", "AUX"):
        return "future"
    if any(toks[c].lemma == "have" and toks[c].tag == "VBD" for c in kids.get(h.i, [])):
        return "past"  # "had been scheduled to expire Friday": a plan already overtaken
    if h.lemma in PLAN_VERBS:
        return "future"
    governing = verb_tense(toks, kids, h)
    return "past" if governing == "past" else "future"
