"""The field's actor dictionaries (Phoenix / PETRARCH-2, compiled by ``train/compile_phoenix.py``): named
persons with dated CAMEO role codes, named organisations and armed groups, the cities and regions of each
state, and the common nouns of sectors.

``load_phoenix()`` reads the four packaged tables once per process. ``scan(text)`` finds full names of people
and organisations (multiword for people; an organisation's one-word name only when it is the entry's own name,
an acronym written in capitals, or hyphenated like "Al-Qaeda"), indexed by first word so the 21,000 entries
cost a dictionary look-up per capitalised word. ``Entry.code_on(date)`` is the role a person held that day.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import compress, count

from detente.kb.recent import Recent
from detente.tsv import read_tsv_rows

# Words that may be lower case inside a name ("Omar al-Bashir", "Party of God").
PARTICLES = frozenset("al el bin ibn bint abu de del della da das dos du la le van von der den of the and for y e"
                      .split())
ARTICLES = frozenset(("al", "el"))  # Arabic's article, written in lower case before a capitalised name
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.&]*")
GAP = re.compile(r"[ \t]+|-|[ \t]*-[ \t]*")  # what may separate the words of one name
POSSESSIVE_END = re.compile(r"(?:['’]s?)?$")
INTERNATIONAL = ("IGO", "NGO", "IMG")  # CAMEO roots of actors that belong to no one state
LEGACY_ROOTS = {"TMP": "TLS", "KSV": "XKX"}  # CAMEO's own codes for East Timor and Kosovo
# CAMEO sector codes -> a word for the role a person or group plays.
SECTORS = {"GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary", "SPY": "intelligence",
           "LEG": "legislature", "ELI": "elite", "OPP": "opposition", "REB": "rebels", "INS": "insurgents",
           "UAF": "armed group", "SEP": "separatists", "PTY": "party", "MED": "media", "CVL": "civilians",
           "BUS": "business", "LAB": "labor", "AGR": "agriculture", "EDU": "education", "HLH": "health",
           "REF": "refugees", "CRM": "criminals", "REL": "religious", "NGO": "ngo", "IGO": "igo", "HRI": "rights",
           "ENV": "environment", "DEV": "development", "MOD": "moderates", "RAD": "radicals"}


def norm_word(w: str) -> str:
    w = w.replace("’", "'").upper()
    if w.endswith("'S"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    return w[:-1] if w.endswith(".") and "." not in w[:-1] else w


def form_words(form: str) -> tuple[str, ...]:
    return tuple(norm_word(w) for w in re.split(r"[\s\-]+", form) if w)


@dataclass(frozen=True)
class Code:
    code: str  # CAMEO actor code: JPNGOV, IGOUNOLABILO, PSEREBHMS
    start: str | None
    end: str | None

    @property
    def root(self) -> str:
        return LEGACY_ROOTS.get(self.code[:3], self.code[:3])

    @property
    def sector(self) -> str:
        return self.code[3:6] if len(self.code) >= 6 else self.code[:3]


@dataclass(frozen=True)
class Entry:
    id: str
    name: str  # as the dictionary spells it, upper case
    kind: str  # person | organization | place (a city or region of the state its one code names)
    roles: str  # as the table writes them: 'JPNGOV@2006-09-26@2007-09-26|JPNELI@@'

    @functools.cached_property
    def codes(self) -> tuple[Code, ...]:
        """The roles as codes, made when first asked (most of the 25,000 entries never are)."""
        return tuple(filter(None, map(_code, self.roles.split("|"))))

    @property
    def display(self) -> str:
        return " ".join(w if w.lower() in PARTICLES else w.capitalize() for w in self.name.split())

    def code_on(self, date: str | None) -> Code | None:
        """The role held on ``date`` (YYYY[-MM[-DD]]): a dated code covering it, else the undated default,
        else the only code there is."""
        day = (date or "")[:10]
        if day:
            for c in self.codes:
                dated = c.start is not None or c.end is not None
                if dated and (c.start or "0000")[: len(day)] <= day <= (c.end or "9999")[: len(day)]:
                    return c
        default = [c for c in self.codes if c.start is None and c.end is None]
        if default:
            return default[0]
        return self.codes[0] if len(self.codes) == 1 else None

    def country(self, states: frozenset[str] | set[str], date: str | None = None) -> str | None:
        """The state the entry belongs to: the root of its role on the date, else of its most frequent code."""
        now = self.code_on(date)
        if now is not None and now.root in states:
            return now.root
        roots = [c.root for c in self.codes if c.root in states]
        return max(sorted(set(roots)), key=roots.count) if roots else None

    @property
    def international(self) -> bool:
        return bool(self.codes) and all(c.root in INTERNATIONAL for c in self.codes)


@dataclass(frozen=True)
class PhoenixHit:
    start: int
    end: int
    entry: Entry


@dataclass
class Phoenix:
    entries: dict[str, Entry]
    agents: dict[tuple[str, ...], str]  # lower-case word sequence -> sector code
    _first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict, repr=False)
    _heads: set[str] = field(default_factory=set, repr=False)  # first words of the names: where a scan may stop
    # The actors stage scans each document's text (and each zone's) twice: groups, then places. Keep the last few
    # answers, newest first (a tuple, swapped whole, so threads sharing the tables never see it half-changed).
    _recent: Recent[PhoenixHit] = field(default_factory=Recent, repr=False, compare=False)

    def add_words(self, ws: tuple[str, ...], eid: str, own: bool) -> None:
        """Indexed by the first two words (one-word names by the one), so a look-up finds a short list."""
        if ws:
            self._first.setdefault(" ".join(ws[:2]), []).append((ws, eid, own))
            self._heads.add(ws[0])

    def scan(self, text: str) -> list[PhoenixHit]:
        """Longest non-overlapping names in ``text``, left to right."""
        return self._recent.get(text, self._scan)

    def _scan(self, text: str) -> list[PhoenixHit]:
        ms = list(WORD.finditer(text))
        if not ms:
            return []
        raws = WORD.findall(text)
        infos = list(map(WORD_INFO.get, raws))
        if None in infos:
            if len(WORD_INFO) > WORDS_KEPT:
                WORD_INFO.clear()
            infos = [info or _word_info(raw) for info, raw in zip(infos, raws, strict=True)]
        words, starters, trims = zip(*infos, strict=True)
        n_toks = len(ms)
        if ARTICLES.intersection(raws):  # "al-Qaeda", "al Shabaab": a lower-case article opens the name after it
            starters = list(starters)
            for k in range(n_toks - 1):
                if raws[k] in ARTICLES and starters[k + 1] is not None:
                    starters[k] = words[k]
        out: list[PhoenixHit] = []
        resume = 0  # a name found ends here: the next one starts after it
        # Only a capitalised word that starts some name can start a hit: the others are skipped unvisited.
        for k in compress(count(), map(self._heads.__contains__, starters)):
            if k < resume:
                continue
            best: tuple[int, Entry] | None = None
            w = words[k]
            pair = f"{w} {words[k + 1]}" if k + 1 < n_toks and words[k + 1] else None
            cands = self._first.get(w, []) + (self._first.get(pair, []) if pair else [])
            for ws, eid, own in cands:
                n = len(ws)
                if best and n <= best[0] or k + n > n_toks or words[k:k + n] != ws:
                    continue
                if not all(GAP.fullmatch(text, ms[j].end() - trims[j], ms[j + 1].start()) for j in range(k, k + n - 1)):
                    continue  # words of one name are separated by spaces or a hyphen only, within one line
                entry = self.entries[eid]
                if n == 1 and not one_word_ok(entry, raws[k], own):
                    continue
                best = (n, entry)
            if best:
                n, entry = best
                start, end = ms[k].start(), ms[k + n - 1].end() - trims[k + n - 1]
                end -= len(POSSESSIVE_END.search(text, start, end).group())  # type: ignore[union-attr]
                out.append(PhoenixHit(start, end, entry))
                resume = k + n
        return out

    def agent(self, words: list[str]) -> tuple[int, str] | None:
        """The longest sector noun phrase at the start of ``words`` (lower case): (length, sector code)."""
        for n in range(min(len(words), 4), 0, -1):
            sector = self.agents.get(tuple(words[:n]))
            if sector:
                return n, sector
        return None


# What _word_info says of each scanned word, remembered across texts (a dictionary look-up per word).
WORD_INFO: dict[str, tuple[str, str | None, int]] = {}
WORDS_KEPT = 1 << 16  # then forgotten all at once (some 10 MB at most)


def _word_info(raw: str) -> tuple[str, str | None, int]:
    """A scanned word as the names' words are written ("" for a lower-case word that no name may hold), the
    same if it may start a name (capitalised or a digit; else None, which no name starts with), and the 1 of a
    final period that is no part of it ("Abe.")."""
    cap = raw[:1].isupper() or raw[:1].isdigit()
    word = norm_word(raw) if cap or raw.lower() in PARTICLES else ""
    info = WORD_INFO[raw] = (word, word if cap else None, int(raw.endswith(".") and "." not in raw[:-1]))
    return info


def one_word_ok(entry: Entry, raw: str, own: bool) -> bool:
    if entry.kind == "person":
        return False  # a bare surname is never enough
    if entry.kind == "place":
        return len(raw) >= 4 and raw[1:].islower()  # "Samarra"; not an all-caps acronym
    if own and len(raw) >= 4:
        return True  # "Hamas", "Taliban": the entry's own name
    return (raw.isupper() and len(raw) >= 3) or "-" in raw or "'" in raw



def _code(part: str) -> Code | None:
    """'JPNGOV@2006-09-26@2007-09-26' -> its Code; None for an empty part."""
    name, _, dates = part.partition("@")
    start, _, end = dates.partition("@")
    return Code(name, start or None, end or None) if name else None


@functools.cache
def load_phoenix() -> Phoenix:
    """The compiled tables. The build script gave ids, the names' own words where they are not the name split
    at its spaces, and the other forms as scanner words, so nothing is normalised here (once per process)."""
    ph = Phoenix({}, {})
    first, heads = ph._first, ph._heads

    def index(ws: tuple[str, ...], eid: str, own: bool) -> None:  # Phoenix.add_words without its checks
        key = ws[0] if len(ws) == 1 else f"{ws[0]} {ws[1]}"
        if key in first:
            first[key].append((ws, eid, own))
        else:
            first[key] = [(ws, eid, own)]
            heads.add(ws[0])

    for kind, table in (("person", "data/phoenix_people.tsv.gz"), ("organization", "data/phoenix_orgs.tsv.gz")):
        header, rows = read_tsv_rows("detente.kb", table)
        at = [header.index(c) for c in ("id", "name", "words", "forms", "roles")]
        for eid, name, words, forms, roles in (tuple(map(r.__getitem__, at)) for r in rows):
            ph.entries[eid] = Entry(eid, name, kind, roles)
            index(tuple((words or name).split(" ")), eid, True)
            if forms:
                for f in forms.split("|"):
                    if f:
                        index(tuple(f.split(" ")), eid, False)
    header, rows = read_tsv_rows("detente.kb", "data/phoenix_places.tsv.gz")
    form_at, state_at = header.index("form"), header.index("state")
    for r in rows:
        form = r[form_at]
        eid = f"place:{form.lower().replace(' ', '-')}"
        ph.entries[eid] = Entry(eid, form, "place", r[state_at])  # its one code, the state's
        ph.add_words(tuple(form.split(" ")), eid, True)
    header, rows = read_tsv_rows("detente.kb", "data/phoenix_agents.tsv.gz")
    phrase_at, sector_at = header.index("phrase"), header.index("sector")
    for r in rows:
        ph.agents[tuple(r[phrase_at].split())] = r[sector_at]
    return ph
