"""``scholion``: what a contributor runs before a commit, without building the site.

``scholion check [--changed REF]``
    Reads every contributor file (source texts and their ``source.yml``, anchor locks, annotations,
    ``supplied_notes.yml``, the glossary, the .bib files, topics) exactly as the build reads them and
    prints the same messages, with file and line; exits 1 when one is a warning (which would fail
    ``mkdocs build --strict``). With ``--changed REF`` only the problems of files changed against the
    git ref ``REF`` (and files git does not track yet) are shown: every file is still read, since an
    edit to one file can break another. Nothing is written but the build cache.

``scholion new SLUG --from EXTRACT``
    Makes ``sources/SLUG/``: the extract copied unmodified as ``source.txt``, a ``source.yml`` with
    the fields to fill in, an empty ``annotations/`` folder; then checks the new text and says what
    is left to fill in.

The corpus's folders come from the ``scholion`` plugin's options in ``mkdocs.yml`` (the folder the
commands run in, or one above it).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Sequence

import yaml

from scholion.build.cache import BuildCache
from scholion.build.plan import Plan
from scholion.build.workers import Workers, usable_cpus
from scholion.problems import Problem, Report
from scholion.site import Settings, Site

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_YML = """\
# What the reading page, its citation and its meta tags say of the text. Fill in what is printed on it.
title: ""        # the title as printed
authors: []      # each as printed: ["Ann Author", "Ben Writer"]; an organisation as one name
year:            # of publication: 2021
# month, publisher, affiliation, series, number, journal, volume, issue, pages, doi, url and language
# may follow. What the extract lost (notes, lines) is declared under defects: (see docs/contributing.md).
"""


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the plugin's options, whatever tags it uses elsewhere (``!!python/name:``)."""


_MkDocsYamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_project(start: Path) -> Path:
    """The folder of ``mkdocs.yml``: ``start`` or the nearest folder above it."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit(f"scholion: no mkdocs.yml in {start} or above it")


def plugin_options(root: Path) -> dict:
    """The ``scholion`` plugin's options in ``root/mkdocs.yml`` (empty when it has none)."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "scholion" in plugin:
            return plugin["scholion"] or {}
    return {}


def settings_of(root: Path) -> tuple[Settings, Path | None]:
    """Where the corpus is (the lock never updated: a check writes no source file), and the build cache."""
    options = plugin_options(root)
    names = ("sources_dir", "glossary", "bib_dir", "topics_dir")
    settings = Settings(root, **{name: options[name] for name in names if name in options}, update_anchor_lock=False)
    cache = root / options.get("cache_dir", ".cache/scholion") if options.get("cache", True) else None
    return settings, cache


def read_corpus(root: Path) -> list[Problem]:
    """Every problem the build would report on reading the corpus, in the order it reports them."""
    settings, cache = settings_of(root)
    problems: list[Problem] = []
    plan = Plan(BuildCache(cache), Workers(usable_cpus()))
    try:
        Site(settings, plan, Report(warn=lambda _: None, inform=lambda _: None, annotate=problems.append)).load()
    finally:
        plan.close()
    return problems


def changed_files(root: Path, ref: str) -> set[Path]:
    """Files changed against ``ref``, staged or not, and files git does not track yet."""
    def git(*args: str) -> list[str]:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"scholion: git {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout.splitlines()

    top = Path(git("rev-parse", "--show-toplevel")[0])
    names = git("diff", "--name-only", ref) + git("ls-files", "--others", "--exclude-standard")
    return {(top / name).resolve() for name in names}


def _print(problems: list[Problem], out) -> None:
    """Each problem as the build words it; an info marked as such."""
    for problem in problems:
        print(("" if problem.severity == "warning" else "info: ") + str(problem), file=out)


def check(root: Path, changed_against: str | None = None, out=sys.stdout) -> int:
    problems = read_corpus(root)
    if changed_against is not None:
        changed = changed_files(root, changed_against)
        problems = [problem for problem in problems if Path(problem.file).resolve() in changed]
    _print(problems, out)
    warnings = sum(problem.severity == "warning" for problem in problems)
    scope = f" in files changed against {changed_against}" if changed_against is not None else ""
    print(f"scholion check: {warnings} warning(s){scope}" + (" (mkdocs build --strict would fail)" if warnings else ""),
          file=out)
    return 1 if warnings else 0


def new_text(root: Path, slug: str, extract: Path, out=sys.stdout) -> int:
    settings, _ = settings_of(root)
    if not SLUG.match(slug):
        print(f"scholion new: '{slug}' is no slug: lower-case letters, digits and single hyphens "
              "(author-year, e.g. tamm-2019)", file=out)
        return 2
    folder = root / settings.sources_dir / slug
    if folder.exists():
        print(f"scholion new: {folder} exists already", file=out)
        return 2
    if not extract.is_file():
        print(f"scholion new: {extract} is not a file", file=out)
        return 2
    (folder / "annotations").mkdir(parents=True)
    shutil.copyfile(extract, folder / "source.txt")  # byte for byte: the extract is never edited
    (folder / "source.yml").write_text(SOURCE_YML, encoding="utf-8")
    print(f"Made {folder.relative_to(root)}/: source.txt (the extract, unmodified), source.yml, annotations/", file=out)
    problems = [problem for problem in read_corpus(root) if folder.resolve() in Path(problem.file).resolve().parents]
    _print(problems, out)
    print(f"Fill in title, authors and year in {folder.relative_to(root)}/source.yml, then run `scholion check`: "
          f"{sum(p.severity == 'warning' for p in problems)} warning(s) about the new text are left.", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scholion", description="Contributor commands for a Scholion corpus.")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="check every contributor file as the build does")
    checking.add_argument("--changed", metavar="REF", nargs="?", const="HEAD",
                          help="show only problems of files changed against REF (default HEAD) or untracked")
    making = commands.add_parser("new", help="make the folder of a new text from its extract")
    making.add_argument("slug", help="the text's folder and address: author-year, e.g. tamm-2019")
    making.add_argument("--from", dest="extract", type=Path, required=True, help="the extract (source.txt) to copy")
    args = parser.parse_args(argv)
    root = find_project(Path.cwd())
    if args.command == "check":
        return check(root, args.changed)
    return new_text(root, args.slug, args.extract)


if __name__ == "__main__":
    sys.exit(main())
