"""Contributor annotations: one Markdown file per annotation, anchored to quoted words.

Contract for contributors (``sources/<slug>/annotations/<id>.md``)
-----------------------------------------------------------------
YAML front matter between two ``---`` lines, then the annotation in Markdown::

    ---
    target:
      paragraph: p26          # the ¶26 of the reading page
      exact: "CSTO, CIS"      # the quoted words, copied exactly
      prefix: "the EU, "      # optional: words just before, if the quote occurs twice
      suffix: " and OSCE"     # optional: words just after
    author: Jane Doe
    date: 2024-05-01
    kind: missing-note        # see schemas/annotation.schema.json
    tags: [CIS, note 61]
    ---
    The Markdown text of the annotation.

The file name (``lower-case-with-hyphens.md``) is the annotation's permanent id:
``/<slug>/#annotation-<id>``. ``target`` is a W3C Web Annotation
TextQuoteSelector limited to one paragraph. The front matter is validated
against the published JSON Schema (:mod:`scholion.annotations.schema`); where
the quote lands is :mod:`scholion.annotations.anchoring`'s business.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from scholion.annotations.schema import check_front_matter
from scholion.html.sanitising import dropped_addresses, render_markdown
from scholion.problems import Problem
from scholion.text.textio import SafeLoader, read_text
from scholion.yamlfile import Checker, compose, did_you_mean, key_lines

ANNOTATIONS_DIR = "annotations"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

KIND_LABELS = {
    "comment": "Comment",
    "context": "Context",
    "correction": "Correction",
    "cross-reference": "Cross-reference",
    "missing-note": "Missing note",
    "further-reading": "Further reading",
}


def annotation_id(name: str) -> str:
    """The id of annotation ``name`` (its file's stem) beside its paragraph on the reading page."""
    return f"annotation-{name}"


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector: ``exact`` with the optional words just before and after it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass
class Annotation:
    id: str
    slug: str
    file: Path
    paragraph: str
    quote: Quote
    author: str
    date: dt.date
    kind: str
    tags: list[str]
    body: str  # Markdown, as written
    body_line: int  # file line where the body starts
    lines: dict[str, int] = field(default_factory=dict)  # "author", "target.exact"… → file line

    def line_of(self, key: str) -> int:
        return self.lines.get(key) or self.lines.get(key.split(".")[0]) or 1

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("-", " ").capitalize())

    @cached_property
    def body_html(self) -> str:
        """The body rendered and sanitized: contributor Markdown is untrusted."""
        return render_markdown(self.body)


class _Loader(SafeLoader):
    """A safe loader that leaves dates as text, as JSON has them: the schema checks ``date``."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(yaml, body, body_line)`` or None when the file does not open with ``---`` … ``---``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", -1


def parse_annotation(path: Path, slug: str, text: str | None = None) -> tuple[Annotation | None, list[Problem]]:
    """Read and check one annotation file; every problem carries the file and line."""
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    check = Checker(path, "annotation")
    if not ID_PATTERN.match(path.stem):
        check.report(1, "bad-file-name", f"the file name '{path.name}' is the annotation's permanent id: use "
                                         f"lower-case letters, digits and hyphens only, e.g. '{_slug_like(path.stem)}.md'")
    split = _split_front_matter(text)
    if split is None:
        check.report(1, "no-front-matter", "an annotation starts with front matter: a line '---', the fields target, "
                                           "author, date and kind, another line '---', then the annotation text")
        return None, check.problems
    front, body, body_line = split
    if body_line < 0:
        check.report(1, "front-matter-not-closed", "the front matter is not closed: add a line '---' after the last "
                                                   "field, before the annotation text")
        return None, check.problems
    # One newline before the YAML puts its nodes on the lines they have in the file.
    root, problems = compose("\n" + front, path, _Loader, "invalid YAML in the front matter",
                             "; quote a value that contains ': ' or starts with a quotation mark, e.g. exact: '“common home”'")
    check.problems += problems
    not_fields = "the front matter must be fields (target, author, date, kind, tags), one per line"
    if root is None:
        if not problems:
            check.report(2, "not-a-mapping", not_fields)
        return None, check.problems
    data = check.value(root, _Loader) if check.mapping(root, not_fields) is not None else None
    if not isinstance(data, dict):
        return None, check.problems
    lines = key_lines(root)
    check.problems += check_front_matter(data, lines, path)
    if not body.strip():
        check.report(body_line if body_line <= len(text.split("\n")) else 1, "no-body",
                     "the annotation has no text: write it in Markdown after the closing '---'")
    if check.problems:
        return None, check.problems
    target = data["target"]
    leading = len(body) - len(body.lstrip("\n"))
    body_lines = body.split("\n")
    dropped = [Problem(path, body_line + next((number for number, line in enumerate(body_lines) if address in line), 0),
                       f"the link to {address!r} is dropped (its text stays): links go to http, https or mailto "
                       f"addresses, or are relative (../kapoor-2021/#p12)", code="annotation.unsafe-link")
               for address in dropped_addresses(body)]
    return Annotation(
        id=path.stem, slug=slug, file=path, paragraph=target["paragraph"],
        quote=Quote(target["exact"], target.get("prefix", ""), target.get("suffix", "")), author=data["author"].strip(),
        date=dt.date.fromisoformat(data["date"]), kind=data["kind"], tags=[t.strip() for t in data.get("tags", [])],
        body=body.strip("\n"), body_line=body_line + leading, lines=lines,
    ), dropped


def _slug_like(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-annotation"


def annotation_files(source_dir: Path) -> list[Path]:
    folder = source_dir / ANNOTATIONS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def load_annotations(source_dir: Path) -> tuple[list[Annotation], list[Problem]]:
    """Every annotation of one text. Read afresh on each build: files are few and small,
    and a new or edited file must show up in ``mkdocs serve`` at once."""
    annotations: list[Annotation] = []
    problems: list[Problem] = []
    for path in annotation_files(source_dir):
        if path.suffix != ".md":
            problems.append(Problem(path, None, "annotation files end in .md (YAML front matter + Markdown text)",
                                    code="annotation.not-markdown"))
            continue
        annotation, found = parse_annotation(path, source_dir.name)
        problems += found
        if annotation:
            annotations.append(annotation)
    return annotations, problems


def annotations_without_text(sources_root: Path, slugs: list[str]) -> list[Problem]:
    """An ``annotations/`` folder in a folder of ``sources_root`` that holds no text (a misspelt slug,
    say): its annotations would be published nowhere."""
    if not sources_root.is_dir():
        return []
    return [Problem(folder / ANNOTATIONS_DIR, None, f"these annotations belong to no text: there is no "
                    f"{folder.name}/source.txt{did_you_mean(folder.name, slugs)}; move them to the text's folder",
                    code="annotation.no-such-text")
            for folder in sorted(sources_root.iterdir())
            if (folder / ANNOTATIONS_DIR).is_dir() and folder.name not in slugs]
