"""The package is laid out the way the data flows: a module imports only from its own stage or
the stages below it, and only the modules that need the parse import spaCy.

Read from the source with ``ast`` (nothing is imported), so a wrong import fails here with the
file and line, before it can make ``import extractor`` heavy or an output depend on the parse.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"

# Stage of every top-level piece of the package, bottom first (README, "Layout").
LAYERS = {
    "errors": 0, "tables": 0, "ruleset": 0, "version": 0, "formatting": 0,
    "corpus": 1,
    "extraction": 2,
    "context": 3,
    "pipeline": 4, "parallel": 4,
    "claims": 5,
    "checks": 6,
    "outputs": 7,
    "api": 8, "dask": 8, "cli": 8, "dev": 8, "__init__": 8,
}
# The modules that read or build the parse; everything else stays loadable without spaCy.
SPACY_MODULES = {"extraction/ner.py", "extraction/sentences.py", "extraction/component.py", "context/measured.py"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def piece(path: Path) -> str:
    """The top-level piece of the package a file belongs to ("context", "pipeline", ...)."""
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def runtime_imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import that runs, ``if TYPE_CHECKING:`` blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = ["extractor", *path.relative_to(PACKAGE).parent.parts]
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None:  # from . import x, y: each name is a module
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def test_every_piece_of_the_package_has_a_layer():
    assert {piece(p) for p in modules()} <= set(LAYERS), "add the new module or sub-package to LAYERS"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_no_stage_above_its_own(path):
    own = LAYERS[piece(path)]
    wrong = []
    for line, module in runtime_imports(path):
        parts = module.split(".")
        if parts[0] != "extractor" or len(parts) < 2:
            continue
        if LAYERS[parts[1]] > own:
            wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module} "
                         f"(stage {LAYERS[parts[1]]}, above its own {own})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_parse_modules_import_spacy(path):
    relative = path.relative_to(PACKAGE).as_posix()
    spacy = [line for line, module in runtime_imports(path) if module.split(".")[0] in {"spacy", "thinc"}]
    assert relative in SPACY_MODULES or not spacy, (
        f"{relative}:{spacy[0]} imports spaCy; only {sorted(SPACY_MODULES)} may (import the "
        "parse lazily, or read the rules from extractor.ruleset)")


def imports_in_a_fresh_process() -> subprocess.CompletedProcess:
    """A fresh interpreter imports the package and reaches its outputs; prints which of spaCy and
    thinc it loaded."""
    code = ("import sys, extractor; extractor.trend_figure, extractor.read_corpus, extractor.check, "
            "extractor.build_claims, extractor.write_indicator_sheet, extractor.claims_html; "
            "print(sorted(m for m in ('spacy', 'thinc') if m in sys.modules))")
    return subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True,
                          check=True)


def early_jobs(item) -> dict:
    """The fresh process is started in the background when the tests start (conftest.py)."""
    if getattr(item, "originalname", None) == "test_importing_the_package_and_its_outputs_loads_no_spacy":
        return {("layers", "fresh import"): imports_in_a_fresh_process}
    return {}


def test_importing_the_package_and_its_outputs_loads_no_spacy(early):
    out = early(("layers", "fresh import"), imports_in_a_fresh_process)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_public_names_are_all_reachable():
    import extractor

    missing = [name for name in extractor.__all__ if not hasattr(extractor, name)]
    assert not missing
