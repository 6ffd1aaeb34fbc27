"""Read and check ``sources/<slug>/source.yml``: bibliographic data and declared defects."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scholion.problems import Problem
from scholion.text.textio import SafeLoader, read_text

REQUIRED = ("title", "authors", "year")


@dataclass
class LostLines:
    """Lines the extract lost: the gap sits after ``after`` or before ``before``."""

    after: str
    before: str
    note: str
    line: int


@dataclass
class SourceMeta:
    slug: str
    title: str
    authors: list[str]
    year: int
    fields: dict  # every other scalar field: publisher, series, number, url, month…
    missing_notes: set[str] = field(default_factory=set)
    fragment_notes: set[str] = field(default_factory=set)
    lost_lines: list[LostLines] = field(default_factory=list)
    defects_description: str = ""
    file: Path = Path()
    lines: dict[str, int] = field(default_factory=dict)  # top-level key → line

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def parse_labels(value: object) -> set[str]:
    """``"56-61, 73"`` or ``[56, "57-60", "a"]`` → {"56", …, "73"}."""
    items = value if isinstance(value, list) else [value]
    labels: set[str] = set()
    for item in items:
        for part in str(item).split(","):
            part = part.strip()
            if not part:
                continue
            span = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
            if span:
                low, high = int(span.group(1)), int(span.group(2))
                if high < low:
                    raise ValueError(f"range {part!r} runs backwards")
                labels.update(str(n) for n in range(low, high + 1))
            elif re.fullmatch(r"\d+|[a-z]|\*", part):
                labels.add(part)
            else:
                raise ValueError(f"{part!r} is not a note label or a range like 56-61")
    return labels


def load_meta(source_dir: Path) -> tuple[SourceMeta | None, list[Problem]]:
    path = source_dir / "source.yml"
    if not path.exists():
        return None, [Problem(path, None, "missing source.yml (needs at least title, authors, year)")]
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        node = yaml.compose(text, Loader=SafeLoader)
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"invalid YAML: {reason}")]
    if not isinstance(data, dict) or node is None:
        return None, [Problem(path, 1, "source.yml must be a mapping with title, authors, year")]
    lines = {key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value}
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        return None, [Problem(path, 1, f"missing required field(s): {', '.join(missing)}")]
    problems = []
    title = data["title"]
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(path, lines["title"], "title must be a non-empty string"))
    authors = data["authors"]
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a.strip() for a in authors):
        problems.append(Problem(path, lines["authors"], "authors must be a name or a list of names"))
    year = data["year"]
    if not isinstance(year, int) or not 1000 <= year <= 2999:
        problems.append(Problem(path, lines["year"], "year must be a four-digit number"))
    if problems:
        return None, problems
    meta = SourceMeta(
        slug=source_dir.name,
        title=title.strip(),
        authors=[a.strip() for a in authors],
        year=year,
        fields={k: v for k, v in data.items() if k not in (*REQUIRED, "defects") and isinstance(v, (str, int))},
        file=path,
        lines=lines,
    )
    defects = data.get("defects") or {}
    if not isinstance(defects, dict):
        return None, [Problem(path, lines.get("defects"), "defects must be a mapping")]
    defect_line = lines.get("defects")
    for key, target in (("missing_notes", "missing_notes"), ("fragment_notes", "fragment_notes")):
        if key in defects:
            try:
                setattr(meta, target, parse_labels(defects[key]))
            except ValueError as error:
                problems.append(Problem(path, defect_line, f"defects.{key}: {error}"))
    for entry in defects.get("lost_lines") or []:
        if not isinstance(entry, dict) or not (entry.get("after") or entry.get("before")):
            problems.append(Problem(path, defect_line, "each defects.lost_lines entry needs 'after' or 'before' text"))
            continue
        meta.lost_lines.append(
            LostLines(str(entry.get("after") or ""), str(entry.get("before") or ""), str(entry.get("note") or ""), defect_line or 1)
        )
    meta.defects_description = str(defects.get("description") or "").strip()
    unknown = set(defects) - {"missing_notes", "fragment_notes", "lost_lines", "description"}
    if unknown:
        problems.append(Problem(path, defect_line, f"unknown defects key(s): {', '.join(sorted(unknown))}"))
    return (None if problems else meta), problems
