"""Read and check ``sources/<slug>/source.yml``: bibliographic data and declared defects."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scholion.problems import Problem
from scholion.text.textio import read_text
from scholion.yamlfile import Checker, compose, is_null, key_lines, line

REQUIRED = ("title", "authors", "year")
# Bibliographic fields besides the required ones: each is text (or a number), shown or cited as given.
OPTIONAL_FIELDS = ("month", "publisher", "affiliation", "series", "number", "volume", "issue", "pages", "journal",
                   "doi", "url", "language")
KNOWN_KEYS = (*REQUIRED, *OPTIONAL_FIELDS, "defects", "reading")
DEFECT_KEYS = ("missing_notes", "fragment_notes", "lost_lines", "description")
LOST_LINES_KEYS = ("after", "before", "note")
READING_KEYS = ("body_starts", "running_heads", "notes_heading")


@dataclass
class ReadingHints:
    """What the reader cannot always tell from an extract, stated by a contributor in ``reading:``.

    ``body_starts``: the first words of the body (every line before them is front matter);
    ``running_heads``: the wording of running heads or footers (numbers in them may change);
    ``notes_heading``: the heading over the notes collected at the end, when it is not one the reader
    knows (Notes, Endnotes, Notes and references). Each with the line it was given on.
    """

    body_starts: tuple[str, int] | None = None
    running_heads: list[tuple[str, int]] = field(default_factory=list)
    notes_heading: tuple[str, int] | None = None


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
    reading: ReadingHints = field(default_factory=ReadingHints)
    file: Path = Path()
    lines: dict[str, int] = field(default_factory=dict)  # key (dotted when nested: defects.missing_notes) → line

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
        return None, [Problem(path, None, "missing source.yml (needs at least title, authors, year)",
                              code="source-meta.missing-file")]
    text, problems = read_text(path)
    if text is None:
        return None, problems
    check = Checker(path, "source-meta")
    root, problems = compose(text, path)
    check.problems += problems
    if root is None:
        if not problems:
            check.report(1, "not-a-mapping", "source.yml must be a mapping with title, authors, year")
        return None, check.problems
    entries = check.mapping(root, "source.yml must be a mapping with title, authors, year", KNOWN_KEYS)
    data = check.value(root) if entries is not None else None
    if not isinstance(data, dict) or entries is None:
        return None, check.problems
    nodes = {key: value_node for key, _, value_node in entries}
    fields = {key: value for key, value in ((key, check.text(nodes[key], key, scalars=True))
                                             for key in OPTIONAL_FIELDS if key in nodes and not is_null(nodes[key]))
              if value is not None}
    missing = [key for key in REQUIRED if key not in nodes]
    if missing:
        check.report(1, "missing-key", f"missing required field(s): {', '.join(missing)}")
        return None, check.problems
    title = check.text(nodes["title"], "title")
    reported = len(check.problems)
    authors = [name for name, _ in check.texts(nodes["authors"], "authors", lone=True)]
    if not authors and len(check.problems) == reported:
        check.report(nodes["authors"], "no-authors", "'authors' must be a name or a list of names")
    year = data["year"]
    if not isinstance(year, int) or not 1000 <= year <= 2999:
        check.report(nodes["year"], "bad-year", "'year' must be a four-digit number")
    meta = SourceMeta(
        slug=source_dir.name,
        title=title or "",
        authors=authors,
        year=year,
        fields={key: data[key] for key in fields},
        file=path,
        lines=key_lines(root),
    )
    if "defects" in nodes and not is_null(nodes["defects"]):
        _read_defects(nodes["defects"], meta, check)
    if "reading" in nodes and not is_null(nodes["reading"]):
        _read_hints(nodes["reading"], meta, check)
    return (None if check.problems else meta), check.problems


def _read_defects(node: yaml.Node, meta: SourceMeta, check: Checker) -> None:
    defects = check.mapping(node, "'defects' must be a mapping", DEFECT_KEYS, within="defects")
    for key, key_node, value_node in defects or []:
        name = f"defects.{key}"
        if key in ("missing_notes", "fragment_notes"):
            try:
                setattr(meta, key, parse_labels(check.value(value_node)))
            except ValueError as error:
                check.report(key_node, "bad-note-labels", f"{name}: {error}")
        elif key == "description":
            meta.defects_description = "" if is_null(value_node) else check.text(value_node, name, scalars=True) or ""
        elif not is_null(value_node):
            _read_lost_lines(value_node, meta, check)


def _read_lost_lines(node: yaml.Node, meta: SourceMeta, check: Checker) -> None:
    needs = "each defects.lost_lines entry needs 'after' or 'before' text"
    if not isinstance(node, yaml.SequenceNode):
        check.report(node, "bad-lost-lines", f"'defects.lost_lines' must be a list; {needs}")
        return
    for item in node.value:
        entry = check.mapping(item, needs, LOST_LINES_KEYS, within="defects.lost_lines")
        if entry is None:
            continue
        texts = {key: check.text(value_node, f"defects.lost_lines.{key}", scalars=True) or ""
                 for key, _, value_node in entry if not is_null(value_node)}
        if not (texts.get("after") or texts.get("before")):
            check.report(item, "bad-lost-lines", needs)
            continue
        meta.lost_lines.append(LostLines(texts.get("after", ""), texts.get("before", ""), texts.get("note", ""), line(item)))


def _read_hints(node: yaml.Node, meta: SourceMeta, check: Checker) -> None:
    hints = check.mapping(node, "'reading' must be a mapping of hints: body_starts, running_heads, notes_heading",
                          READING_KEYS, within="reading")
    for key, key_node, value_node in hints or []:
        if is_null(value_node):
            continue
        if key == "running_heads":
            meta.reading.running_heads = check.texts(value_node, "reading.running_heads", lone=True)
        else:
            value = check.text(value_node, f"reading.{key}")
            if value:
                setattr(meta.reading, key, (value, line(key_node)))
