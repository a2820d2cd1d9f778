"""When an event happened and whether it did: status from the clause, date from the time expressions.

- ``status_of``: occurred / planned / negated / hypothetical from auxiliaries ("will", "could"), governing
  verbs ("is scheduled to", "failed to"), conditional marks ("if"), modifiers ("planned") and future dates.
- ``date_of``: the calendar value of the trigger's nearest governing time expression, with its precision
  (day / week / month / year); None when the sentence has none, never the publication date.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from detente.dates import first_day, precision
from detente.extract.events.tree import Tree, distance
from detente.timex import resolve
from detente.types import Doc, Timex

FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo"))
MODAL_AUX = frozenset(("could", "would", "might", "may", "should", "can", "must", "ought", "'d"))
PLAN_HEADS = frozenset("plan schedule expect set due intend prepare aim about hope want seek going poise "
                       "likely slate propose consider willing ready prepared eager determined poised offer promise "
                       "pledge agree vow swear threaten decide commit".split())
PLANNED_MODIFIERS = frozenset("planned upcoming scheduled forthcoming proposed expected coming future "
                              "anticipated".split())
FAIL_HEADS = frozenset("fail refuse decline cancel postpone scrap abandon skip avoid neglect".split())
CANCEL_WORDS = frozenset("cancel cancelation cancellation postpone postponement scrap call-off".split())
POSSIBLE_MODIFIERS = frozenset("possible potential hypothetical prospective conceivable".split())
NEED_HEADS = frozenset("need ought must should".split())
# What is demanded has not happened: "urged Japan to face up to", "its demand that Israel ease restrictions".
# Verbs of urging and persuading count too ("encouraging Japan to buy", "persuade them to intensify"); not the
# implicative "force", "compel", "allow", whose content happened.
DEMAND_HEADS = frozenset("demand urge ask request insist call press appeal implore encourage persuade invite "
                         "advise beg lobby pressure push challenge".split())
HYPOTHETICAL_MARKS = frozenset(("if", "unless", "whether"))
# Words of doubt above a clause: what they govern is a possibility ("doubts that X will attack").
DOUBT_HEADS = frozenset("sceptical skeptical doubt doubtful unlikely unsure uncertain speculate question "
                        "wonder".split())
# Nouns of preparation whose purpose ("a rehearsal for striking", "options for an attack") has not happened.
PREPARATION_NOUNS = frozenset("rehearsal preparation plan drill exercise training option capability readiness "
                              "contingency scenario".split())



def clause_chain(tree: Tree, i: int, nominal_object: bool) -> list[int]:
    """The trigger and the verbs that govern its modality: xcomp/aux heads ("scheduled to visit"),
    for an object noun its light verb ("held talks"), for an infinitive its noun's verb ("did not feel
    the need to talk")."""
    chain = [i]
    cur = i
    if not tree.is_verb(i):
        h = tree.head(i)
        if h is not None and tree.tok(i).dep == "pobj":
            h = tree.head(h)
        if not nominal_object or h is None or not tree.is_verb(h):
            return chain
        chain.append(h)
        cur = h
    for _ in range(4):
        t = tree.tok(cur)
        h = tree.head(cur)
        if h is None:
            break
        if t.dep in ("acl", "relcl") and tree.tok(h).dep in ("dobj", "attr"):
            h = tree.head(h)  # "feel the need to talk": the noun's verb
            if h is None:
                break
        elif t.dep == "advcl" and any(tree.tok(c).text.lower() == "to" for c in tree.kids(cur, "aux")):
            pass  # "could acquire weapons to defend themselves": the purpose shares the modality
        elif t.dep not in ("xcomp", "conj", "ccomp", "auxpass", "aux"):
            break
        head = tree.tok(h)
        if not tree.is_verb(h) and head.lemma.lower() not in PLAN_HEADS:
            break
        if t.dep == "ccomp" and head.lemma.lower() not in PLAN_HEADS:
            break
        chain.append(h)
        cur = h
        if head.pos == "ADJ":  # "is willing to withdraw", "likely to want to": go on to the copula
            cop = tree.head(h)
            if cop is not None and tree.tok(h).dep == "acomp":
                chain.append(cop)
                cur = cop
    return chain


def past_tense(tree: Tree, chain: list[int]) -> bool:
    """The clause is told in the past ('spent', 'had met', 'was the first to visit')."""
    top = chain[-1]
    for v in [top, *tree.ancestors(top, 3)]:
        if not tree.is_verb(v):
            continue
        if tree.tok(v).tag == "VBD" or any(tree.tok(c).tag == "VBD" and tree.tok(c).dep in ("aux", "auxpass")
                                           for c in tree.children[v]):
            return True
        if tree.tok(v).tag in ("VBZ", "VBP", "MD") or any(
                tree.tok(c).dep == "aux" and tree.tok(c).tag in ("MD", "VBZ", "VBP") for c in tree.children[v]):
            return False
    return False


def status_of(tree: Tree, i: int, nominal_object: bool, future_date: bool) -> str:
    chain = clause_chain(tree, i, nominal_object)
    negated = hypothetical = planned = False
    for k, v in enumerate(chain):
        for c in tree.children[v]:
            t = tree.tok(c)
            word = t.text.lower()
            if t.dep == "neg" or (t.dep == "det" and word == "no" and k == 0):
                negated = True
            elif t.dep in ("aux", "auxpass"):
                if word in FUTURE_AUX or t.lemma == "will":
                    planned = True
                elif word in MODAL_AUX:
                    reported = tree.head(chain[-1]) is not None and tree.tok(chain[-1]).dep == "ccomp" and \
                        tree.tok(tree.head(chain[-1]) or 0).tag in ("VBD", "VBN")  # "said it would"
                    if word in ("would", "'d") and reported:
                        planned = True
                    else:
                        hypothetical = True
            elif t.dep == "mark" and word in HYPOTHETICAL_MARKS:
                hypothetical = True
            elif t.dep == "amod" and k == 0 and word in PLANNED_MODIFIERS:
                planned = True
            elif t.dep == "amod" and k == 0 and word in POSSIBLE_MODIFIERS:
                hypothetical = True
        if k > 0:
            lemma = tree.tok(v).lemma.lower()
            if lemma in FAIL_HEADS:
                negated = True
            elif lemma in NEED_HEADS:
                hypothetical = True
            elif lemma in PLAN_HEADS or (lemma == "be" and any(tree.tok(c).lemma == "about" for c in tree.children[v])):
                planned = True
    above = tree.head(chain[-1])
    if demanded(tree, [*chain, above] if above is not None else chain):
        hypothetical = True  # the demanded act: "urged Japan to face up to ...", "demanded that X cancel"
    # a conditional clause above the trigger ("if the options are limited ..."): hypothetical
    for a in [chain[-1], *tree.ancestors(chain[-1], 3)]:
        if any(tree.tok(c).dep == "mark" and tree.tok(c).text.lower() in ("if", "unless") for c in tree.children[a]):
            hypothetical = True
            break
    if purpose_of_preparation(tree, i) or any(tree.tok(a).lemma.lower() in DOUBT_HEADS for a in tree.ancestors(i, 4)):
        hypothetical = True  # "sceptical that Trump will launch an attack": doubted, not planned
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if planned or (future_date and not past_tense(tree, chain)):
        return "planned"
    return "occurred"


def demanded(tree: Tree, chain: list[int]) -> bool:
    """Whether a link of the chain is the content of a demand: a clause under a verb of demanding ("called on
    Japan to withdraw"), or under a verb whose object is a demand ("reiterated its demand that Israel ease")."""
    for below, head in zip(chain, chain[1:], strict=False):
        if tree.tok(below).dep not in ("xcomp", "ccomp", "acl"):
            continue
        if tree.lemma[head] in DEMAND_HEADS or any(tree.lemma[o] in DEMAND_HEADS for o in tree.kids(head, "dobj")):
            return True
    return False


def conditional_threat(tree: Tree, i: int) -> bool:
    """'will withdraw its troops unless X complies': an act announced on a condition the other side must meet
    is a threat (PLOVER THREATEN), whatever the act."""
    for v in [i, *tree.ancestors(i, 2)]:
        for c in tree.kids(v, "advcl"):
            if any(tree.tok(m).dep == "mark" and tree.tok(m).text.lower() == "unless" for m in tree.children[c]):
                return True
        if not tree.is_verb(v):
            break
    return False


def purpose_of_preparation(tree: Tree, i: int) -> bool:
    """'a rehearsal for striking U.S. bases', 'plans for an invasion': the act is the purpose, not a fact."""
    p = tree.head(i)
    if p is None or tree.tok(i).dep not in ("pcomp", "pobj") or tree.tok(p).text.lower() != "for":
        return False
    noun = tree.head(p)
    return noun is not None and tree.tok(noun).lemma.lower() in PREPARATION_NOUNS


def is_future(value: str, prec: str, published: str | None) -> bool:
    if not published:
        return False
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return False
    return first_day(value, prec) > pub


def timex_head(tree: Tree, doc: Doc, tx: Timex) -> int | None:
    cache = tree.__dict__.setdefault("_timex_heads", {})  # one lookup per timex, not per (trigger, timex)
    key = (tx.start, tx.end)
    if key not in cache:
        cache[key] = _timex_head(tree, doc, tx)
    return cache[key]


def _timex_head(tree: Tree, doc: Doc, tx: Timex) -> int | None:
    k = max(bisect.bisect_right(tree.starts, tx.start) - 1, 0)
    inside = []
    while k < len(doc.tokens) and doc.tokens[k].start < tx.end:
        t = doc.tokens[k]
        if t.end > tx.start and not t.is_space:
            inside.append(t.i)
        k += 1
    for i in inside:
        h = tree.head(i)
        if h is None or h not in inside:
            return i
    return inside[0] if inside else None


def date_of(tree: Tree, doc: Doc, i: int, timexes: list[Timex]) -> tuple[str | None, str | None]:
    """The calendar date of the trigger's nearest governing time expression in its sentence."""
    sent = doc.sentences[doc.tokens[i].sent]
    best: tuple[int, int, str, str] | None = None
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or tx.end <= sent.start or tx.start >= sent.end:
            continue
        if abs(tx.start - doc.tokens[i].start) > 400:
            continue  # a governing time expression sits near its trigger; bounds run-on "sentences"
        value, prec = precision(tx.value)
        if value is None or prec is None:
            continue
        h = timex_head(tree, doc, tx)
        if h is None:
            continue
        key = (distance(tree, i, h), abs(doc.tokens[h].start - doc.tokens[i].start), value, prec)
        if best is None or key[:2] < best[:2]:
            best = key
    return (best[2], best[3]) if best else (None, None)


def possessive_date(doc: Doc, tree: Tree, i: int) -> tuple[str | None, str | None]:
    """'Sunday's nuclear test': the possessor names the day of the act itself, which may sit inside a
    longer time expression ('the day after Sunday's test'); resolve it alone, in the past."""
    for c in tree.kids(i, "poss"):
        if tree.tok(c).ent_type != "DATE":
            continue
        first, last = tree.subtree(c)[0], c
        text = doc.text[tree.tok(first).start:tree.tok(last).end]
        try:
            return precision(resolve(text, doc.meta.published, "past")[1])
        except Exception:  # a resolver problem costs the date, never the event
            return None, None
    return None, None


QUESTION_OPENS = ":“\"‘"  # where a question inside a sentence starts ("asked a simple question: Who ...?")
QUESTION_END = re.compile(r"\?[\s\"”’')\]]*$")


def asked(text: str, start: int, end: int, at: int) -> bool:
    """The character ``at`` lies in the question a sentence [start, end) ends with: the act is asked about,
    not reported. The question starts after the last colon or opening quote before its question mark, so the
    asking itself ("X asked Y: ...?") stays reported."""
    m = QUESTION_END.search(text, start, end)
    if m is None or at >= m.start():
        return False
    opens = max(text.rfind(c, start, m.start()) for c in QUESTION_OPENS)
    return at > opens
