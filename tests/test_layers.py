"""The layout's contract, read from the source with ``ast`` (run by ``make test`` and ``make lint``).

Layers in data-flow order: base nouns -> read / nlp / kb / timex -> extract stages -> store -> pipeline ->
faces.
A module may import only the layers its own may see (ALLOWED); an extract stage sees the base modules,
the nlp door, the resources (kb, timex) and its own subpackage, never another stage; the library never imports a
face. No import cycles (function-level imports count too), small files, a short top level.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PKG = ROOT / "src" / "detente"
BASE = {"types", "settings", "errors", "vocab", "dates", "tsv"}
STAGE_PACKAGES = ("actors", "time", "quotes", "events")
MAX_LINES = 400
MAX_TOP_MODULES = 8

ALLOWED = {
    "base": {"base"},
    "read": {"base", "read"},
    "nlp": {"base", "nlp"},
    "kb": {"base", "kb"},
    "timex": {"base", "timex"},
    **{f"extract.{p}": {"base", "nlp", "kb", "timex", f"extract.{p}"} for p in STAGE_PACKAGES},
    "extract": {"base", *(f"extract.{p}" for p in STAGE_PACKAGES)},
    "store": {"base", "kb", "store"},
    "pipeline": {"base", "read", "nlp", "kb", "timex", "extract", *(f"extract.{p}" for p in STAGE_PACKAGES), "store",
                 "pipeline"},
    "api": {"base", "kb", "store", "api"},
    "notebook": {"base", "kb", "store", "notebook"},
    "cli": {"base", "read", "nlp", "kb", "timex", "store", "pipeline", "api", "cli"},
    "package": {"notebook"},
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    p = PKG.parent / name.replace(".", "/")
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def layer(name: str) -> str:
    parts = name.split(".")[1:]
    if not parts:
        return "package"
    if parts[0] in BASE:
        return "base"
    if parts[0] == "extract" and len(parts) > 1:
        return f"extract.{parts[1]}"
    return "notebook" if parts[0] == "notebook" else parts[0]


def imports_of(path: Path) -> set[str]:
    """Every detente module the file imports, at any depth of the file (relative imports resolved)."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "detente"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            if base.split(".")[0] != "detente":
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if is_module(sub) else base)
    return out - {me}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PKG.rglob("*.py"))}


def test_every_import_respects_the_layers():
    bad = []
    for mod, deps in graph().items():
        allowed = ALLOWED[layer(mod)]
        bad += [f"{mod} ({layer(mod)}) imports {d} ({layer(d)})" for d in sorted(deps) if layer(d) not in allowed]
    assert not bad, "imports across layers:\n" + "\n".join(bad)


def test_no_import_cycles():
    g = graph()
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for dep in sorted(g.get(node, ())):
            if seen.get(dep) == 1:
                cycles.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in seen:
                visit(dep, path + [dep])
        seen[node] = 2

    for mod in sorted(g):
        if mod not in seen:
            visit(mod, [mod])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_files_stay_small():
    big = [f"{p.relative_to(ROOT)}: {n} lines" for p in sorted(PKG.rglob("*.py"))
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not big, f"modules over {MAX_LINES} lines (split them by responsibility):\n" + "\n".join(big)


def test_top_level_is_short_and_subpackages_name_their_api():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    subpackages = sorted(p.parent for p in PKG.rglob("__init__.py") if p.parent != PKG)
    assert len([p for p in subpackages if p.parent == PKG]) >= 4
    for sub in subpackages:
        tree = ast.parse((sub / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{sub.relative_to(ROOT)}/__init__.py has no docstring"
        if sub.name != "extract":
            names = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
            assert "__all__" in names, f"{sub.relative_to(ROOT)}/__init__.py does not name its public API (__all__)"


@pytest.mark.parametrize("source, message", [
    ("from detente.store import db\n", "imports detente.store"),
    ("from detente.extract.quotes import quotes\n", "imports detente.extract.quotes"),
])
def test_the_contract_catches_a_stage_reaching_across(tmp_path, monkeypatch, source, message):
    # A stage module of the events subpackage importing the store or another stage is refused.
    fake = PKG / "extract" / "events" / "_layer_probe.py"
    fake.write_text(source, encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match=message):
            test_every_import_respects_the_layers()
    finally:
        fake.unlink()
