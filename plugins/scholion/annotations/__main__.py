"""``python -m scholion.annotations [project-root]``: check every annotation without a build.

Prints ``file:line: warning|info: message`` (the format ``.vscode/tasks.json`` matches) and exits 1
when an annotation would fail ``mkdocs build --strict``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from scholion.annotations.anchoring import Placement, anchor_annotations
from scholion.annotations.links import check_links, page_ids
from scholion.annotations.loading import annotation_files, load_annotations
from scholion.problems import Problem
from scholion.text.corpus import load_text, source_dirs


def check_project(root: Path, sources_dir: str = "sources") -> tuple[list[Problem], int]:
    """The problems (warnings and infos) of every annotation under ``root/sources_dir``, as the build
    finds them, and how many annotation files there are."""
    problems: list[Problem] = []
    files = 0
    targets: dict[str, set[str]] = {}
    placed: list[Placement] = []
    for source_dir in source_dirs(root / sources_dir):
        files += len(annotation_files(source_dir))
        annotations, found = load_annotations(source_dir)
        problems += found
        text = load_text(source_dir, update_lock=False)
        if not text.document.meta:
            problems += [Problem(a.file, 1, f"the text {source_dir.name} does not load; fix its source first",
                                 code="annotation.text-not-loaded") for a in annotations]
            continue
        result = anchor_annotations(annotations, [(b.anchor, b.text) for b in text.document.paragraphs],
                                    text.assignment.redirects)
        problems += result.problems
        placed += result.placements
        targets[source_dir.name] = page_ids(text.document, text.assignment.redirects, result)
    for placement in placed:
        problems += check_links(placement.annotation, targets)
    return problems, files


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0] if args else ".").resolve()
    problems, files = check_project(root)
    for problem in problems:
        print(f"{problem.file}:{problem.line or 1}: {problem.severity}: {problem.message}")
    warnings = sum(problem.severity == "warning" for problem in problems)
    print(f"{files} annotation file(s) checked: {warnings} problem(s), {len(problems) - warnings} re-anchored",
          file=sys.stderr)
    return 1 if warnings else 0


if __name__ == "__main__":
    raise SystemExit(main())
