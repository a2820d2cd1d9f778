"""The bundled actor knowledge base: states, IGOs/agreements and office holders with dated tenures.

The data are hand-edited TSV files in ``kb/data/`` (see its README.md); they ship inside the wheel and
are read with the csv module once per process. Nothing here needs pycountry or spaCy at run time.
``python -m detente.kb.knowledge --check`` validates the files and prints counts.
"""

from __future__ import annotations

import calendar
import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field

from detente.errors import DataError
from detente.tsv import read_tsv
from detente.types import Role

# Names written family-name first in English news ("Moon Jae-in" is Mr. Moon).
FAMILY_FIRST_COUNTRIES = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"}
ROLE_KINDS = {"head_of_state", "head_of_government", "foreign", "defense", "other"}
HOW_ORDER = ("name", "alias", "capital", "demonym", "person", "person_alias", "surname")
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUFFIX = {"Jr.", "Jr", "Sr.", "II", "III", "IV"}
ANSWERS_KEPT = 1 << 16  # surfaces whose look-up is remembered, at most (then forgotten all at once)
# Title synonyms -> one key, so "Defence Secretary" (GBR), "Secretary of Defense" (USA) and the pre-2007
# Japanese "Defense Agency Director General" all answer holders("defense minister", ...).
_SYNONYMS = {
    "defense minister": ["defense secretary", "secretary of defense", "minister of defense", "minister for defense",
                         "minister of national defense", "national defense minister", "secretary of national defense",
                         "secretary of state for defense", "defense agency director general", "secretary of war",
                         "war secretary", "armed forces minister", "minister of the armed forces", "defense chief"],
    "foreign minister": ["foreign secretary", "secretary of state", "minister of foreign affairs",
                         "external affairs minister",
                         "minister for foreign affairs", "minister of external affairs", "foreign affairs minister",
                         "secretary of foreign affairs", "secretary of state for foreign affairs", "top diplomat"],
    "prime minister": ["premier", "chancellor", "pm"],
    "un ambassador": ["ambassador to the un", "ambassador to the united nations", "us ambassador to the un",
                      "permanent representative to the un", "un envoy"],
    "national security adviser": ["national security advisor"],
    "foreign ministry spokesperson": ["foreign ministry spokesman", "foreign ministry spokeswoman"],
    "treasury secretary": ["secretary of the treasury"],
    "commerce secretary": ["secretary of commerce"],
    "federal reserve chairman": ["fed chairman", "chairman of the federal reserve", "federal reserve board chairman",
                                 "chairman of the federal reserve board", "fed chief", "fed chair"],
    "budget director": ["omb director", "director of the office of management and budget",
                        "white house budget director"],
    "house speaker": ["speaker of the house", "house of representatives speaker"],
    "senate majority leader": ["majority leader"],
    "sec chairman": ["chairman of the securities and exchange commission",
                     "securities and exchange commission chairman"],
    "white house chief of staff": ["chief of staff"],
    "chairman of the joint chiefs of staff": ["joint chiefs chairman"],
    "energy secretary": ["secretary of energy"],
    "trade representative": ["us trade representative", "united states trade representative", "ustr"],
    "party leader": ["general secretary", "party chief", "general secretary of the communist party",
                     "general secretary of the workers party", "chairman of the workers party",
                     "first secretary of the workers party"],
}
_CANON = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}


def fold(s: str) -> str:
    """Straight apostrophes, no accents, single spaces: the comparison form of a surface."""
    s = unicodedata.normalize("NFKD", s.translate(_APOS))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def _strip_the(s: str) -> str:
    return s[4:] if s[:4].lower() == "the " else s


def _case_sensitive(form: str) -> bool:
    # "US"/"us", "WHO"/"who", "UN"/"un": short all-caps forms must match exactly.
    core = form.replace(".", "").replace(" ", "")
    return core.isupper() and len(core) <= 3


def title_key(title: str) -> tuple[str, bool]:
    """Normalised title and whether it is an acting role: 'Acting Defence Secretary' -> ('defense minister', True)."""
    low = fold(title).lower().replace("defence", "defense").replace("u.s.", "us").replace("u.n.", "un")
    t = re.sub(r"[^a-z0-9 ]", " ", low)
    t = _strip_the(" ".join(t.split()))
    acting = t.startswith("acting ")
    t = t[7:] if acting else t
    return _CANON.get(t, t), acting


def period(date: str) -> tuple[str, str] | None:
    """'2017' / '2017-09' / '2017-09-04' (any longer TIMEX value is cut to its date prefix) -> first and last day."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not m:
        return None
    y, mo, d = m.groups()
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
    if mo:
        return f"{y}-{mo}-01", f"{y}-{mo}-{calendar.monthrange(int(y), int(mo))[1]:02d}"
    return f"{y}-01-01", f"{y}-12-31"


@dataclass(frozen=True)
class State:
    id: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    contextual: tuple[tuple[str, str], ...]  # (alias, id that must be mentioned elsewhere in the article)
    region: str


@dataclass(frozen=True)
class Igo:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # igo | agreement
    members: tuple[str, ...]


@dataclass(frozen=True)
class Tenure:
    title: str
    of: str
    start: str
    end: str | None  # None: in office as of the data's last review
    role_kind: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str
    country: str
    tenures: tuple[Tenure, ...]
    surnames: tuple[str, ...] = ()


@dataclass(frozen=True)
class KB:
    states: dict[str, State]
    igos: dict[str, Igo]
    people: dict[str, Person]
    _exact: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False, compare=False)
    _folded: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False, compare=False)
    _surnames: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    # lookup's answers by surface: the actors stage asks the same few hundred words of every article.
    _answers: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        def add(form: str, target: tuple[str, str]) -> None:
            key = _strip_the(fold(form))
            index, key = (self._exact, key) if _case_sensitive(key) else (self._folded, key.casefold())
            if key and target not in index.setdefault(key, []):
                index[key].append(target)

        for s in self.states.values():
            kinds = ((s.name,), "name"), (s.aliases, "alias"), (s.demonyms, "demonym"), (s.capitals, "capital")
            for forms, how in kinds:
                for f in forms:
                    add(f, (s.id, how))
        for g in self.igos.values():
            for forms, how in ((g.name,), "name"), (g.aliases, "alias"):
                for f in forms:
                    add(f, (g.id, how))
        for p in self.people.values():
            add(p.name, (p.id, "person"))
            for a in p.aliases:
                add(a, (p.id, "person_alias"))
            for sn in p.surnames:
                add(sn, (p.id, "surname"))
                for form in {sn, fold(sn)}:
                    if p.id not in self._surnames.setdefault(form, []):
                        self._surnames[form].append(p.id)

    def lookup(self, surface: str) -> list[tuple[str, str]]:
        """Every actor a surface form can name, best reading first: [(actor id, how)]."""
        got = self._answers.get(surface)
        if got is None:
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers.clear()
            got = self._answers[surface] = tuple(self._lookup(surface))
        return list(got)

    def _lookup(self, surface: str) -> list[tuple[str, str]]:
        s = _strip_the(fold(surface).strip())
        s = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.? ", "", s)
        hits = self._exact.get(s, []) + self._folded.get(s.casefold(), [])
        if not hits and re.search(r"'s?$", s):  # possessive: "Japan's", "the Kremlin's"
            return self._lookup(re.sub(r"'s?$", "", s))
        best: dict[str, str] = {}
        for aid, how in sorted(hits, key=lambda h: HOW_ORDER.index(h[1])):
            best.setdefault(aid, how)
        return list(best.items())

    def roles_on(self, person_id: str, date: str | None) -> list[Tenure]:
        """Tenures overlapping the day/month/year of ``date`` (both ends inclusive); None -> []."""
        span = period(date) if date else None
        person = self.people.get(person_id)
        if not span or not person:
            return []
        return [t for t in person.tenures if t.start <= span[1] and (t.end is None or t.end >= span[0])]

    def holders(self, title: str, of: str, date: str | None) -> list[str]:
        """Who held ``title`` of ``of`` on ``date``. Acting holders are returned only when nobody held the office
        itself (so 'President' of KOR on 2017-04-01 is the acting president Hwang Kyo-ahn)."""
        key, _ = title_key(title)
        full: list[str] = []
        acting: list[str] = []
        for p in self.people.values():
            for t in self.roles_on(p.id, date):
                tkey, is_acting = title_key(t.title)
                if t.of == of.upper() and tkey == key:
                    bucket = acting if is_acting else full
                    if p.id not in bucket:
                        bucket.append(p.id)
        first = {pid: min(t.start for t in self.people[pid].tenures) for pid in full + acting}
        return sorted(full or acting, key=lambda pid: first[pid])

    def surnames(self) -> dict[str, list[str]]:
        """Surname (as written, and accent-folded) -> person ids, for "Mr. Abe" / "Abe" / "Moon"."""
        return self._surnames


def derive_surnames(name: str, country: str) -> tuple[str, ...]:
    tokens = [t for t in name.split() if t not in _SUFFIX]
    return (tokens[0],) if country in FAMILY_FIRST_COUNTRIES else (tokens[-1],)


def name_variants(name: str, country: str) -> list[str]:
    # "Kim Jong-un" is also printed "Kim Jong Un" and "Kim Jongun".
    if country not in FAMILY_FIRST_COUNTRIES or "-" not in name:
        return []
    return [name.replace("-", " "), name.replace("-", "")]


def _rows(filename: str) -> list[tuple[int, dict[str, str]]]:
    return read_tsv("detente.kb", f"data/{filename}")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


@functools.cache
def load_kb() -> KB:
    states: dict[str, State] = {}
    for n, r in _rows("states.tsv"):
        if r["id"] in states:
            raise DataError(f"detente/kb/data/states.tsv line {n}: duplicate id {r['id']}; keep one row per state")
        ctx = tuple(tuple(c.split(">", 1)) for c in _split(r["contextual"]))
        states[r["id"]] = State(r["id"], r["name"], _split(r["aliases"]), _split(r["demonyms"]), _split(r["capitals"]),
                                ctx, r["region"])  # type: ignore[arg-type]
    igos: dict[str, Igo] = {}
    for n, r in _rows("igos.tsv"):
        if r["id"] in igos or r["id"] in states:
            raise DataError(f"detente/kb/data/igos.tsv line {n}: duplicate id {r['id']}; "
                            "ids must be unique across files")
        igos[r["id"]] = Igo(r["id"], r["name"], _split(r["aliases"]), r["kind"], _split(r["members"]))
    rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for n, r in _rows("people.tsv"):
        rows.setdefault(r["id"], []).append((n, r))
    people: dict[str, Person] = {}
    for pid, prs in rows.items():
        n, first = prs[0]
        for m, r in prs:
            if (r["name"], r["gender"], r["country"]) != (first["name"], first["gender"], first["country"]):
                raise DataError(f"detente/kb/data/people.tsv line {m}: {pid} has a different name/gender/country than "
                                 f"on line {n}; make them agree")
        aliases = tuple(dict.fromkeys(a for _, r in prs for a in _split(r["aliases"])))
        aliases += tuple(v for v in name_variants(first["name"], first["country"]) if v not in aliases)
        surnames = tuple(dict.fromkeys(s for _, r in prs for s in _split(r["surname"])))
        tenures = tuple(Tenure(r["title"], r["of"], r["from"], r["to"] or None, r["role_kind"]) for _, r in prs)
        people[pid] = Person(pid, first["name"], aliases, first["gender"], first["country"], tenures,
                             surnames or derive_surnames(first["name"], first["country"]))
    return KB(states, igos, people)


def problems(kb: KB) -> list[str]:
    """Semantic checks beyond parsing: dates, references, kinds. An empty list means the KB is consistent."""
    out: list[str] = []
    known = set(kb.states) | set(kb.igos)
    for s in kb.states.values():
        out += [f"{s.id}: contextual alias {a!r} needs unknown id {need}"
                for a, need in s.contextual if need not in known]
    for g in kb.igos.values():
        out += [f"{g.id}: unknown member {m}" for m in g.members if m not in kb.states]
        if g.kind not in ("igo", "agreement"):
            out.append(f"{g.id}: kind {g.kind!r} is not igo|agreement")
    for p in kb.people.values():
        well_formed = re.fullmatch(r"person:[a-z0-9]+(-[a-z0-9]+)*", p.id)
        if not well_formed or p.gender not in ("m", "f") or p.country not in known:
            out.append(f"{p.id}: bad id, gender {p.gender!r} or country {p.country!r}")
        for t in p.tenures:
            where = f"{p.id} {t.title} of {t.of}"
            if t.of not in known:
                out.append(f"{where}: unknown 'of'")
            if t.role_kind not in ROLE_KINDS:
                out.append(f"{where}: role_kind {t.role_kind!r}")
            if not _DATE.fullmatch(t.start) or (t.end and not _DATE.fullmatch(t.end)):
                out.append(f"{where}: dates must be YYYY-MM-DD ({t.start}..{t.end})")
            elif t.end and t.end < t.start:
                out.append(f"{where}: ends {t.end} before it starts {t.start}")
    return out


def to_role(t: Tenure) -> Role:
    return Role(title=t.title, of=t.of, start=t.start, end=t.end, source="kb")


def main(argv: list[str]) -> int:
    if argv != ["--check"]:
        print("usage: python -m detente.kb.knowledge --check", file=sys.stderr)
        return 2
    kb = load_kb()
    issues = problems(kb)
    for line in issues:
        print(line)
    tenures = sum(len(p.tenures) for p in kb.people.values())
    print(f"states={len(kb.states)} igos={len(kb.igos)} people={len(kb.people)} tenures={tenures} "
          f"problems={len(issues)}")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
