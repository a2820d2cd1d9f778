#!/usr/bin/env python3
"""Compile the Phoenix (PETRARCH-2) actor and agent dictionaries into detente's knowledge-base tables.

    .venv/bin/python train/compile_phoenix.py [--shared ../shared] [--out FOLDER]

Reads ``data/external/phoenix-dictionaries/`` (MIT, Open Event Data Alliance; see its SOURCE.md) and writes
four gzip TSV tables into ``src/detente/kb/data/``:

- ``phoenix_people.tsv.gz``: named persons from Phoenix.Countries/International/MilNonState (the name's own
  words where normalising changes them, the other forms as the scanner's words) with their CAMEO
  role codes and the dates each code holds (``JPNGOV@2006-09-26@2007-09-26``; an empty date is open; a code
  without dates is the person's default);
- ``phoenix_orgs.tsv.gz``: named organisations and groups of Phoenix.International/MilNonState (IGOs, NGOs,
  armed groups) with their CAMEO code (companies, CAMEO ``MNC``, are left out, and so are the national
  institutions and territories of Phoenix.Countries: the knowledge base reads those as the state itself);
- ``phoenix_places.tsv.gz``: the cities, provinces and regions the country entries list, with their state;
- ``phoenix_agents.tsv.gz``: common nouns for roles and sectors ("farmer", "rebel", "military police") with
  their sector code (AGR, REB, MILCOP ...), singular and plural forms.

Country-level entries (country names, demonyms) are left out: the hand-kept ``states.tsv`` covers them.
The output is sorted, so a rebuild is byte-identical (gzip written with mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from detente.kb.names import slug  # noqa: E402 - the ids must be the ones the actors stage makes
from detente.kb.phoenix import form_words  # noqa: E402 - and the forms the scanner compares

OUT = ROOT / "src" / "detente" / "kb" / "data"
NOTICE = ("# Compiled by train/compile_phoenix.py from the Phoenix actor and agent dictionaries of PETRARCH-2 "
          "(openeventdata/petrarch2, commit 676801cd; The MIT License (MIT), Copyright (c) 2014 Open Event Data "
          "Alliance). Do not edit by hand: rebuild.\n")
CODE = re.compile(r"\[([~A-Z0-9]+)(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
MACROS = {"!PERSON!": ["MAN", "MEN", "WOMAN", "WOMEN", "PERSON", "PEOPLE"]}


def day(raw: str) -> str:
    """yymmdd (19yy for yy > 20, else 20yy) or yyyymmdd -> YYYY-MM-DD; day 00 or month 00 becomes 01."""
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{1900 + yy if yy > 20 else 2000 + yy}{raw[2:]}"
    y, m, d = raw[:4], raw[4:6], raw[6:8]
    return f"{y}-{m if m != '00' else '01'}-{d if d != '00' else '01'}"


def role(match: re.Match[str]) -> str:
    """A code with its dates as ``CODE@from@to``: '>yymmdd' starts then, '<yymmdd' ends then."""
    code, sign, a, b = match.groups()
    if not a:
        return f"{code}@@"
    if sign == ">":
        return f"{code}@{day(a)}@"
    if sign == "<":
        return f"{code}@@{day(a)}"
    return f"{code}@{day(a)}@{day(b) if b else day(a)}"


def words(phrase: str) -> str:
    """'SHINZO_ABE_' -> 'Shinzo Abe' style surface (words as the dictionary spells them, upper case kept)."""
    return " ".join(w for w in phrase.strip().strip("_").split("_") if w)


def entries(path: Path) -> list[tuple[str, list[str], list[str], bool]]:
    """(head phrase, synonyms, role codes, from CountryInfo) for every entry of an .actors file."""
    out: list[tuple[str, list[str], list[str], bool]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":
            if out:
                out[-1][2].extend(role(m) for m in CODE.finditer(body))
        elif raw[0] == "+":
            name = CODE.sub("", body[1:]).strip()
            if out and name:
                out[-1][1].append(words(name))
            if out:
                out[-1][2].extend(role(m) for m in CODE.finditer(body))
        else:
            name = CODE.sub("", body).split("\t")[0].strip()  # some rows carry extra tab-separated notes
            if name:
                out.append((words(name), [], [role(m) for m in CODE.finditer(body)], "CountryInfo" in comment))
    return out


def is_person(codes: list[str], country_info: bool) -> bool:
    return country_info or any(not c.endswith("@@") for c in codes)


def country_level(codes: list[str]) -> bool:
    """A country's own entry ('AFGHANISTAN_ [AFG]', 'IRAQ_ [IRQ <030320] [IRQ >060520]', with its demonyms and
    cities): some code is a bare three-letter country code, dated or not."""
    return any(re.fullmatch(r"[A-Z]{3}@.*", c) for c in codes)


def country_of(codes: list[str]) -> str:
    """The entry's present state: its three-letter code that starts last (an open start counts as earliest)."""
    three = [c.split("@") for c in codes if re.fullmatch(r"[A-Z]{3}@.*", c)]
    return max(three, key=lambda c: (c[1] or "", c[2] == ""))[0]


# Places whose sovereignty is disputed are nobody's location here (as in places.tsv, see places.md).
DISPUTED = {"JERUSALEM", "EAST JERUSALEM", "KASHMIR", "CRIMEA", "SENKAKU", "DIAOYU", "GOLAN", "GOLAN HEIGHTS",
            "WESTERN SAHARA", "ABKHAZIA", "SOUTH OSSETIA", "NAGORNO KARABAKH", "KOSOVO", "TAIWAN"}


def compile_places(folder: Path) -> list[str]:
    """Cities, provinces and regions the country entries list as synonyms ('+SAMARRA' under IRAQ_ [IRQ]), each
    with its state: forms the knowledge base already reads as a state (names, demonyms, capitals) and disputed
    places are left out."""
    from detente.kb.knowledge import load_kb

    kb = load_kb()
    out: dict[str, str] = {}
    for _head, syns, codes, _ in entries(folder / "Phoenix.Countries.actors.txt"):
        codes = [c for c in codes if not c.startswith("~")]
        if not codes or not country_level(codes) or country_of(codes) not in kb.states:
            continue
        for form in syns:
            words_ = " ".join(form_words(form))
            known = any(aid in kb.states for aid, _ in kb.lookup(words(form).title()))
            if words_ in DISPUTED or len(words_) < 4 or known:
                continue
            out.setdefault(words_, country_of(codes))
    return [f"{form}\t{state}" for form, state in sorted(out.items())]


def compile_actors(folder: Path) -> tuple[list[str], list[str]]:
    people: dict[str, tuple[set[str], set[str]]] = {}
    orgs: dict[str, tuple[set[str], set[str]]] = {}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for head, syns, codes, info in entries(folder / name):
            codes = [c for c in codes if not c.startswith(("~", "MNC"))]  # companies are not parties here
            if not codes or country_level(codes):
                continue
            if not is_person(codes, info) and name.startswith("Phoenix.Countries"):
                continue  # its institutions and territories ("United States Military", "Guam") are the state's own
            table = people if is_person(codes, info) else orgs
            forms, roles = table.setdefault(head, (set(), set()))
            forms.update(s for s in syns if s != head)
            roles.update(codes)
    add_short_names(people)
    return rows(people, "person"), rows(orgs, "org")


PARTICLE_WORDS = {"AL", "EL", "BIN", "IBN", "BINT", "ABU", "DE", "DEL", "DA", "DOS", "DU", "LA", "LE", "VAN", "VON"}


def add_short_names(people: dict[str, tuple[set[str], set[str]]]) -> None:
    """News drops middle names: 'Carlos Saul Menem' is 'Carlos Menem', 'Omar Hassan Ahmad al-Bashir' is 'Omar
    Hassan al-Bashir'. Each full form of three words or more also gets the forms without one middle word and
    first + last, where no other person has that form (an ambiguous short form is left out)."""
    full: dict[str, set[str]] = {}
    for head, (forms, _) in people.items():
        for f in {head, *forms}:
            full.setdefault(" ".join(form_words(f)), set()).add(head)
    short: dict[str, set[str]] = {}
    for head, (forms, _) in people.items():
        for f in {head, *forms}:
            ws = form_words(f)
            if len(ws) < 3 or ws[-1] in ("JR", "SR", "II", "III"):
                continue
            cands = {ws[:k] + ws[k + 1:] for k in range(1, len(ws) - 1) if ws[k] not in PARTICLE_WORDS}
            last = len(ws) - 2 if ws[-2] in PARTICLE_WORDS else len(ws) - 1  # 'Omar al Bashir', not 'Omar Bashir'
            cands.add((ws[0], *ws[last:]))
            for c in cands:
                if len(c) >= 2 and c[0] not in PARTICLE_WORDS:
                    short.setdefault(" ".join(c), set()).add(head)
    for form, heads in sorted(short.items()):
        if len(heads) == 1 and form not in full:
            people[next(iter(heads))][0].add(form)


def rows(table: dict[str, tuple[set[str], set[str]]], prefix: str) -> list[str]:
    """id, name, the name's own words as the scanner compares them where they are not simply the name split at
    its spaces ("AL BASHIR" for "AL-BASHIR"; empty otherwise, so the loader need not normalise 21,000 names at
    start-up), the other forms as the scanner's words (upper case, hyphens as spaces), roles; one row per id."""
    out: dict[str, str] = {}
    for head, (forms, roles) in sorted(table.items()):
        eid = f"{prefix}:{slug(head)}"
        own = form_words(head)
        if not own:
            raise SystemExit(f"{head!r} has no words to match; check the dictionary entry")
        spelled = "" if own == tuple(head.split(" ")) else " ".join(own)
        words_ = sorted({" ".join(form_words(f)) for f in forms} - {" ".join(own), ""})
        if slug(head) and eid not in out:
            out[eid] = f"{eid}\t{head}\t{spelled}\t{'|'.join(words_)}\t{'|'.join(sorted(roles))}"
    return [out[k] for k in sorted(out)]


def expand(phrase: str) -> list[str]:
    for macro, fills in MACROS.items():
        if macro in phrase:
            return [f for fill in fills for f in expand(phrase.replace(macro, fill, 1))]
    return [phrase]


def compile_agents(path: Path) -> list[str]:
    """Sector nouns: 'FARMER [~AGR]' -> farmer / farmers; '{PLURAL}' gives the plural; '{}' none."""
    table: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0]
        m = re.match(r"^([^\s{\[!][^{\[]*?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z0-9]+)\]", body)
        if not m or "!" in m.group(1).replace("!PERSON!", ""):
            continue
        head, plural, sector = m.groups()
        for form in expand(head.strip()):
            singular = words(form).lower()
            forms = {singular}
            if plural is None and not singular.endswith(("men", "people", "s")):
                forms.add(singular + ("es" if singular.endswith(("ch", "sh", "x")) else "s"))
            elif plural:
                forms.update(words(p).lower() for p in expand(plural))
            for f in forms:
                if f and "," not in f:
                    table.setdefault(f, sector)
    return [f"{phrase}\t{sector}" for phrase, sector in sorted(table.items())]


def write(out: Path, name: str, header: str, rows: list[str]) -> None:
    text = NOTICE + header + "\n" + "\n".join(rows) + "\n"
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    (out / name).write_bytes(data)
    print(f"{name}: {len(rows)} rows, {len(data) / 1024:.0f} KiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(OUT), help="folder to write the tables to (default: the package's)")
    args = ap.parse_args()
    folder = Path(args.shared) / "data" / "external" / "phoenix-dictionaries"
    out = Path(args.out)
    people, orgs = compile_actors(folder)
    write(out, "phoenix_people.tsv.gz", "id\tname\twords\tforms\troles", people)
    write(out, "phoenix_orgs.tsv.gz", "id\tname\twords\tforms\troles", orgs)
    write(out, "phoenix_agents.tsv.gz", "phrase\tsector", compile_agents(folder / "Phoenix.agents.txt"))
    write(out, "phoenix_places.tsv.gz", "form\tstate", compile_places(folder))


if __name__ == "__main__":
    main()
