"""Make a corpus of N articles for scale tests, built only from the project's own samples/.

Each article is one sample with its publication date shifted (relative dates then resolve differently),
its fictional people (bylines, quoted analysts) renamed from small name pools, its paragraphs after the
lead in a new order and, in paragraphs without quotations, its sentences reordered. Leaders and states
are kept, so the analysis does the same kind of work as on the samples. Deterministic for a given seed;
every text is distinct, so the content-addressed ids never collide.

    python bench/make_corpus.py OUT_DIR -n 1000 [--seed 7] [--format txt|jsonl] [--paragraphs K]

txt writes OUT_DIR/000000.txt ... in the samples' format (headline, ``Published: YYYY-MM-DD``, body);
jsonl writes OUT_DIR/corpus.jsonl with text/title/published/outlet fields.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

FIRST = ("Aiko Bram Chen Dario Elif Farah Goran Hiro Ines Jun Kofi Lena Mateo Nadia Omar Petra Quentin Rina "
         "Soren Tamar Uma Viktor Wren Yara Zane").split()
LAST = ("Abernathy Bakshi Castellano Delacroix Eriksen Fujimura Galloway Haddad Ivanova Jaramillo Kowalczyk "
        "Lindgren Moreau Nakashima Okonkwo Petrossian Quiroga Rasmussen Sato-Price Takeda Urquhart Vasquez "
        "Whitfield Yamada-Cole Zielinski").split()

# People the samples invent: the byline, and names right before/after a quotation cue or an appositive.
_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}"
PERSON = re.compile(rf"(?:^By |\bsaid |\bsays |\baccording to )({_NAME})\b|\b({_NAME}), (?:a|an|the) [a-z]", re.M)
KEEP = {"Donald Trump", "Shinzo Abe", "Kim Jong Un", "Moon Jae-in", "Xi Jinping", "Vladimir Putin",
        "Narendra Modi", "Wang Yi", "Jim Mattis", "Mike Pompeo", "Taro Kono", "Hiroshige Seko"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
PUBLISHED = re.compile(r"^Published: (\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Base:
    """One sample broken into the parts the generator varies."""

    title: str
    published: str
    head: list[str]  # byline / photo lines / lead paragraph: stay first, in order
    paragraphs: list[str]  # the rest of the body
    outlet: str | None


@dataclass(frozen=True)
class Generated:
    title: str
    published: str
    body: str
    outlet: str | None

    def as_txt(self) -> str:
        return f"{self.title}\nPublished: {self.published}\n\n{self.body}\n"


def load_bases(samples: Path = SAMPLES) -> list[Base]:
    sys.path.insert(0, str(ROOT / "src"))
    from detente.read import read_path
    from detente.types import Article

    bases = []
    for art in read_path(samples):
        if isinstance(art, Article):
            bases.append(_split(art.text, art.title, art.published, art.outlet))
    if not bases:
        raise SystemExit(f"no readable articles under {samples}; the corpus is built from the bundled samples")
    return bases


def _split(text: str, title: str | None, published: str | None, outlet: str | None) -> Base:
    lines = text.strip().split("\n")
    if title is None:  # a .txt sample: headline, then a Published line
        title = lines.pop(0).strip()
    elif lines and lines[0].strip() == title.strip():
        lines.pop(0)
    if lines and (m := PUBLISHED.match(lines[0].strip())):
        published = published or m.group(1)
        lines.pop(0)
    paras = [p.strip() for p in re.split(r"\n\s*\n" if "\n\n" in "\n".join(lines) else r"\n", "\n".join(lines))]
    paras = [p for p in paras if p]
    # The header (byline, photo/credit lines) and the datelined lead paragraph stay in place.
    lead = next((k for k, p in enumerate(paras) if len(p) > 120), 0)
    return Base(title, published or "2018-01-01", paras[: lead + 1], paras[lead + 1:], outlet)


def generate(n: int, seed: int = 0, paragraphs: int | None = None, bases: list[Base] | None = None,
             ) -> Iterator[Generated]:
    """``n`` distinct articles; ``paragraphs`` caps the body paragraphs after the lead (short articles)."""
    bases = bases or load_bases()
    rng = random.Random(seed)
    seen: set[str] = set()
    made = 0
    while made < n:
        art = _vary(bases[made % len(bases)], rng, paragraphs)
        digest = hashlib.sha256(art.as_txt().encode()).hexdigest()
        if digest in seen:  # a repeat draw: draw again (the rng has moved on)
            continue
        seen.add(digest)
        made += 1
        yield art


def _vary(base: Base, rng: random.Random, paragraphs: int | None) -> Generated:
    published = (date.fromisoformat(base.published) + timedelta(days=rng.randint(-900, 900))).isoformat()
    rest = list(base.paragraphs)
    rng.shuffle(rest)
    if paragraphs is not None:
        rest = rest[:paragraphs]
    rest = [_shuffle_sentences(p, rng) for p in rest]
    body = "\n\n".join(base.head + rest)
    renames = _renames(base.title + "\n" + body, rng)
    return Generated(_apply(base.title, renames), published, _apply(body, renames), base.outlet)


def _shuffle_sentences(paragraph: str, rng: random.Random) -> str:
    if any(q in paragraph for q in "\"“”") or rng.random() < 0.5:
        return paragraph  # splitting inside a quotation would tear it apart
    sentences = SENTENCE_END.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(sentences)


def _renames(text: str, rng: random.Random) -> dict[str, str]:
    names = {m.group(1) or m.group(2) for m in PERSON.finditer(text)} - KEEP
    renames: dict[str, str] = {}
    for name in sorted(names):
        new_first, new_last = rng.choice(FIRST), rng.choice(LAST)
        renames[name] = f"{new_first} {new_last}"
        surname = name.split()[-1]
        if surname not in renames and all(surname not in k.split() for k in KEEP):
            renames[surname] = new_last
    return renames


def _apply(text: str, renames: dict[str, str]) -> str:
    if not renames:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: renames[m.group(1)], text)


def write_corpus(out: Path, n: int, seed: int = 0, fmt: str = "txt", paragraphs: int | None = None) -> Path:
    """Write the corpus under ``out`` (created); returns the path to hand to ``detente ingest``."""
    out.mkdir(parents=True, exist_ok=True)
    arts = generate(n, seed, paragraphs)
    if fmt == "jsonl":
        path = out / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in arts:
                rec = {"text": a.body, "title": a.title, "published": a.published, "outlet": a.outlet}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return path
    for k, a in enumerate(arts):
        (out / f"{k:06d}.txt").write_text(a.as_txt(), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output directory (created)")
    ap.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--paragraphs", type=int, default=None, help="keep at most K paragraphs after the lead")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("-n must be at least 1")
    path = write_corpus(args.out, args.n, args.seed, args.format, args.paragraphs)
    print(f"wrote {args.n} articles to {path}")


if __name__ == "__main__":
    main()
