"""The import rules of the package, read from the source (nothing is imported):

- only ``scholion.mkdocs`` imports mkdocs or Material;
- the domain packages never import the build machinery, the MkDocs glue or the orchestrator;
- the packages below the pages never import them.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "scholion"
DOMAIN = ("text", "bib", "glossary", "annotations", "compare", "pages", "html", "search", "tei")
BELOW_PAGES = ("text", "bib", "glossary", "annotations", "compare", "html", "tei")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (in a function too), as an absolute name."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module
            found.add(base)
    return found


MODULES = {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def check(importers: tuple[str, ...], forbidden: tuple[str, ...], exempt: tuple[str, ...] = ()) -> None:
    """No module of ``importers`` (but those of ``exempt``) imports one of ``forbidden``."""
    found = [f"{module} imports {name}" for module, names in MODULES.items()
             if within(module, *importers) and not within(module, *exempt)
             for name in sorted(names) if within(name, *forbidden)]
    assert not found, "\n".join(found)


def test_the_package_is_read():
    assert {"scholion.site", "scholion.mkdocs.plugin", "scholion.build.plan", "scholion.text.corpus"} <= MODULES.keys()
    assert "scholion.build.cache" in MODULES["scholion.build.plan"]


def test_only_the_mkdocs_glue_imports_mkdocs_or_material():
    check(("scholion",), ("mkdocs", "material"), exempt=("scholion.mkdocs",))


def test_the_orchestrator_imports_no_mkdocs():
    check(("scholion.site",), ("mkdocs", "material", "scholion.mkdocs"))


def test_the_domain_imports_no_build_machinery_glue_or_orchestrator():
    domain = tuple(f"scholion.{package}" for package in DOMAIN)
    check(domain, ("scholion.build", "scholion.mkdocs", "scholion.site"))


def test_what_is_below_the_pages_does_not_import_them():
    below = tuple(f"scholion.{package}" for package in BELOW_PAGES)
    check(below, ("scholion.pages",))
