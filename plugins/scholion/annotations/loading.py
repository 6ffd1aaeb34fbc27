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
    kind: missing-note        # see KINDS (schemas/annotation.schema.json)
    tags: [CIS, note 61]
    ---
    The Markdown text of the annotation.

The file name (``lower-case-with-hyphens.md``) is the annotation's permanent id:
``/<slug>/#annotation-<id>``. ``target`` is a W3C Web Annotation
TextQuoteSelector limited to one paragraph.

Anchoring (``anchor_annotations``)
----------------------------------
The quote must occur exactly once in the target paragraph (prefix/suffix, when
given, must surround that occurrence). Runs of white space match any white
space; nothing else is forgiven: no case folding, no quote or dash folding, no
fuzzy matching, so an annotation never lands on a look-alike passage.

* quote once in the target paragraph → placed;
* target id retired in ``anchors.json`` → followed to the paragraph it
  redirects to (a notice);
* quote not in the target paragraph but exactly once in exactly one other
  paragraph of the same text → re-anchored there and *reported* as a notice
  (``Anchoring.notices``; the plugin logs it at INFO, ``--strict`` passes);
  the contributor should update ``target.paragraph``;
* quote nowhere, more than once, or in several paragraphs → a problem (a
  warning: ``mkdocs build --strict`` fails) naming the file and line, with a
  hint when the words occur with other quotation marks, dashes or case.

This module does not import MkDocs. Rendering lives in ``annotations_html``.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import yaml

from scholion.problems import Problem
from scholion.html.sanitising import render_markdown
from scholion.text.textio import SafeLoader, read_text

ANNOTATIONS_DIR = "annotations"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "annotation.schema.json"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAGRAPH_PATTERN = re.compile(r"^p[1-9][0-9]*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

KIND_LABELS = {
    "comment": "Comment",
    "context": "Context",
    "correction": "Correction",
    "cross-reference": "Cross-reference",
    "missing-note": "Missing note",
    "further-reading": "Further reading",
}


@lru_cache(maxsize=1)
def schema() -> dict:
    """The published JSON Schema of the front matter (the single source of field names and kinds)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def kinds() -> tuple[str, ...]:
    return tuple(schema()["properties"]["kind"]["enum"])


def _fields() -> tuple[str, ...]:
    return tuple(schema()["properties"])


def _target_fields() -> tuple[str, ...]:
    return tuple(schema()["properties"]["target"]["properties"])


def _required() -> tuple[str, ...]:
    return tuple(schema()["required"])


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


# ---------------------------------------------------------------- reading files


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Loader(SafeLoader):
    """A safe loader that leaves dates as text: ``date`` is checked here, with its line, not by PyYAML
    (which raises a bare ValueError for ``2024-13-01``)."""


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


def _key_lines(node: yaml.Node, offset: int, prefix: str = "") -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Line of every key (nested as ``target.exact``) and any duplicated keys."""
    lines: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + offset
            if key in lines:
                duplicates.append((key, line))
            lines[key] = line
            if isinstance(value_node, yaml.MappingNode) and not prefix:
                inner, inner_dups = _key_lines(value_node, offset, f"{key}.")
                lines.update(inner)
                duplicates += inner_dups
    return lines, duplicates


def parse_annotation(path: Path, slug: str, text: str | None = None) -> tuple[Annotation | None, list[Problem]]:
    """Read and check one annotation file; every problem carries the file and line."""
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    problems: list[Problem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(path, line, message))

    if not ID_PATTERN.match(path.stem):
        problem(1, f"the file name '{path.name}' is the annotation's permanent id: use lower-case letters, digits and "
                   f"hyphens only, e.g. '{_slug_like(path.stem)}.md'")
    split = _split_front_matter(text)
    if split is None:
        problem(1, "an annotation starts with front matter: a line '---', the fields target, author, date and kind, "
                   "another line '---', then the annotation text")
        return None, problems
    front, body, body_line = split
    if body_line < 0:
        problem(1, "the front matter is not closed: add a line '---' after the last field, before the annotation text")
        return None, problems
    offset = 2  # the YAML starts on the file's second line
    try:
        node = yaml.compose(front, Loader=_Loader)
        data = yaml.load(front, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        problem(mark.line + offset if mark else 1, f"invalid YAML in the front matter: {reason}"
                + (f" ({context})" if context else "")
                + "; quote a value that contains ': ' or starts with a quotation mark, e.g. exact: '“common home”'")
        return None, problems
    if not isinstance(data, dict) or node is None:
        problem(offset, "the front matter must be fields (target, author, date, kind, tags), one per line")
        return None, problems
    lines, duplicates = _key_lines(node, offset)
    for key, line in duplicates:
        problem(line, f"'{key}' is given twice")

    for key in data:
        if key not in _fields():
            problem(lines.get(str(key)), f"unknown field '{key}'{_suggest(str(key), _fields())}; "
                                         f"the fields are {', '.join(f for f in _fields() if f != '$schema')}")
    for key in _required():
        if key not in data:
            problem(1, f"missing required field '{key}'")

    paragraph, quote = "", None
    target = data.get("target")
    if "target" in data:
        if not isinstance(target, dict):
            problem(lines.get("target"), "target must hold 'paragraph' (like p14) and 'exact' (the quoted words), "
                                         "each on its own indented line")
        else:
            for key in target:
                if key not in _target_fields():
                    problem(lines.get(f"target.{key}", lines.get("target")),
                            f"unknown field 'target.{key}'{_suggest(str(key), _target_fields())}; "
                            f"target takes {', '.join(_target_fields())}")
            raw = target.get("paragraph")
            line = lines.get("target.paragraph", lines.get("target"))
            if raw is None:
                problem(lines.get("target"), "target.paragraph is missing: the id of the paragraph, ¶14 is p14")
            elif isinstance(raw, int) or (isinstance(raw, str) and re.fullmatch(r"¶?\s*\d+", raw.strip())):
                number = re.sub(r"\D", "", str(raw))
                problem(line, f"target.paragraph is an id like p14, not '{raw}': write p{number}")
            elif not isinstance(raw, str) or not PARAGRAPH_PATTERN.match(raw.strip()):
                problem(line, f"target.paragraph must be a paragraph id like p14, not {raw!r}")
            else:
                paragraph = raw.strip()
            strings = {}
            for key in ("exact", "prefix", "suffix"):
                value = target.get(key)
                line = lines.get(f"target.{key}", lines.get("target"))
                if value is None:
                    if key == "exact":
                        problem(lines.get("target"), "target.exact is missing: the quoted words, copied from the paragraph")
                    strings[key] = ""
                elif not isinstance(value, str):
                    problem(line, f"target.{key} must be text; put it in quotation marks")
                    strings[key] = ""
                elif not value.strip():
                    problem(line, f"target.{key} is empty")
                    strings[key] = ""
                else:
                    strings[key] = value
            if strings.get("exact"):
                quote = Quote(strings["exact"], strings.get("prefix", ""), strings.get("suffix", ""))

    author = data.get("author")
    if "author" in data and (not isinstance(author, str) or not author.strip()):
        problem(lines.get("author"), "author must be a name, e.g. author: Jane Doe")

    date = data.get("date")
    if "date" in data:
        if isinstance(date, dt.datetime):
            problem(lines.get("date"), "date must be a day, YYYY-MM-DD, without a time")
            date = None
        elif isinstance(date, dt.date):
            pass
        elif isinstance(date, str) and DATE_PATTERN.match(date.strip()):
            try:
                date = dt.date.fromisoformat(date.strip())
            except ValueError:
                problem(lines.get("date"), f"date '{date}' is not a real day; write YYYY-MM-DD, e.g. 2024-05-01")
                date = None
        else:
            problem(lines.get("date"), f"date must be written YYYY-MM-DD, e.g. 2024-05-01, not {date!r}")
            date = None

    kind = data.get("kind")
    if "kind" in data and kind not in kinds():
        problem(lines.get("kind"), f"unknown kind {kind!r}{_suggest(str(kind), kinds())}; use one of: {', '.join(kinds())}")

    tags = data.get("tags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        problem(lines.get("tags"), "tags must be a list of words or phrases, e.g. tags: [Minsk agreements, sanctions]")
        tags = []
    else:
        tags = [t.strip() for t in tags]
        repeated = sorted({t for t in tags if tags.count(t) > 1})
        if repeated:
            problem(lines.get("tags"), f"tag(s) given twice: {', '.join(repeated)}")

    if not body.strip():
        problem(body_line if body_line <= len(text.split("\n")) else 1,
                "the annotation has no text: write it in Markdown after the closing '---'")

    if problems:
        return None, problems
    leading = len(body) - len(body.lstrip("\n"))
    return Annotation(
        id=path.stem, slug=slug, file=path, paragraph=paragraph, quote=quote, author=author.strip(), date=date,
        kind=kind, tags=tags, body=body.strip("\n"), body_line=body_line + leading, lines=lines,
    ), []


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
            problems.append(Problem(path, None, "annotation files end in .md (YAML front matter + Markdown text)"))
            continue
        annotation, found = parse_annotation(path, source_dir.name)
        problems += found
        if annotation:
            annotations.append(annotation)
    return annotations, problems


# ---------------------------------------------------------------- anchoring


def _words_pattern(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def _selector_pattern(quote: Quote) -> re.Pattern:
    pattern = ""
    if quote.prefix.strip():
        pattern += _words_pattern(quote.prefix) + r"\s*"
    pattern += f"({_words_pattern(quote.exact)})"
    if quote.suffix.strip():
        pattern += r"(?=\s*" + _words_pattern(quote.suffix) + ")"
    return re.compile(pattern)


def find_quote(text: str, quote: Quote) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``quote.exact`` in ``text`` with its prefix/suffix around it (overlaps too)."""
    pattern = _selector_pattern(quote)
    found: list[tuple[int, int]] = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if match.span(1) not in found:
            found.append(match.span(1))
        position = match.start() + 1
    return found


_LOOSE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-",
                        "‑": "-", "‒": "-", "\u00a0": " "})


def _loose(text: str) -> str:
    """Same length as ``text``: quotation marks, dashes and case folded (only for hints)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_LOOSE))


def _hint(quote: Quote, paragraphs: Sequence[tuple[str, str]], first: str | None) -> str:
    loose = Quote(_loose(quote.exact), _loose(quote.prefix), _loose(quote.suffix))
    ordered = sorted(paragraphs, key=lambda p: p[0] != first)
    for pid, text in ordered:
        spans = find_quote(_loose(text), loose)
        if spans:
            start, end = spans[0]
            return (f"; {pid} has “{text[start:end]}”, which differs only in quotation marks, dashes or capitals: "
                    f"copy the words exactly from the page")
    if quote.prefix or quote.suffix:
        bare = Quote(quote.exact)
        where = [pid for pid, text in ordered if find_quote(text, bare)]
        if where:
            return f"; the words alone occur in {', '.join(where[:5])}, so check target.prefix and target.suffix"
    return "; copy the words exactly from the page (apostrophes and quotation marks are typographic: ’ “ ”)"


@dataclass
class Placement:
    """Where an annotation sits: paragraph id and the quote's character range in that paragraph's text."""

    annotation: Annotation
    paragraph: str
    start: int
    end: int
    moved_from: str | None = None  # the target id it was re-anchored from


@dataclass
class Anchoring:
    placements: list[Placement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the build warns: --strict fails
    notices: list[Problem] = field(default_factory=list)  # reported at INFO: re-anchored, target retired

    def by_paragraph(self) -> dict[str, list[Placement]]:
        grouped: dict[str, list[Placement]] = {}
        for placement in self.placements:
            grouped.setdefault(placement.paragraph, []).append(placement)
        for items in grouped.values():
            items.sort(key=lambda p: (p.start, p.end, p.annotation.id))
        return grouped


def anchor_annotations(
    annotations: Sequence[Annotation],
    paragraphs: Sequence[tuple[str, str]],
    redirects: Mapping[str, str] | None = None,
) -> Anchoring:
    """Place each annotation on the paragraph (id, text) that holds its quote; see the module notes."""
    redirects = redirects or {}
    texts = dict(paragraphs)
    result = Anchoring()
    for annotation in annotations:
        quote = annotation.quote
        line = annotation.line_of("target.exact")
        target_line = annotation.line_of("target.paragraph")
        shown = quote.exact if len(quote.exact) <= 80 else quote.exact[:77] + "…"
        target = annotation.paragraph
        via = ""
        if target not in texts and target in redirects:
            via = f"{target} is retired and redirects to {redirects[target]}"
            target = redirects[target]
        if target in texts:
            spans = find_quote(texts[target], quote)
            if len(spans) == 1:
                result.placements.append(Placement(annotation, target, *spans[0], moved_from=annotation.paragraph if via else None))
                if via:
                    result.notices.append(Problem(annotation.file, target_line,
                                                  f"annotation placed on {target}: {via}; set target.paragraph: {target}"))
                continue
            if len(spans) > 1:
                result.problems.append(Problem(annotation.file, line,
                    f"“{shown}” occurs {len(spans)} times in {target}; add target.prefix or target.suffix "
                    f"(the words just before or after the ones you mean) so it occurs once"))
                continue
        # Not in the target paragraph: only a unique occurrence elsewhere may take it.
        hits = [(pid, spans) for pid, text in paragraphs if (spans := find_quote(text, quote))]
        missing = f"{annotation.paragraph} is not a paragraph of {annotation.slug}" if target not in texts else \
            f"the quoted words are not in {target}"
        if len(hits) == 1 and len(hits[0][1]) == 1:
            pid, spans = hits[0]
            result.placements.append(Placement(annotation, pid, *spans[0], moved_from=annotation.paragraph))
            result.notices.append(Problem(annotation.file, target_line,
                f"{missing}; re-anchored to {pid}, the only paragraph that holds “{shown}”. "
                f"Set target.paragraph: {pid} in the file"))
            continue
        if hits:
            where = ", ".join(f"{pid}" + (f" ({len(spans)}×)" if len(spans) > 1 else "") for pid, spans in hits[:8])
            result.problems.append(Problem(annotation.file, line,
                f"{missing}, and “{shown}” occurs in several places ({where}); set target.paragraph to the one you "
                f"mean, and add target.prefix or target.suffix if it occurs more than once there"))
            continue
        result.problems.append(Problem(annotation.file, line,
            f"{missing}, nor anywhere else in {annotation.slug}: “{shown}” was not found"
            + _hint(quote, paragraphs, target if target in texts else None)))
    return result


# ---------------------------------------------------------------- links in bodies

_LINK = re.compile(r"""href="\.\./([a-z0-9][a-z0-9-]*)/(?:index\.html)?(?:#([^"]*))?\"""")
_FRAGMENT = re.compile(r'href="#([^"]*)"')


def check_links(annotation: Annotation, targets: Mapping[str, set[str]]) -> list[Problem]:
    """Links from the body to a reading page must land on a text and an id it has: ``../kapoor-2021/#p12``
    for another text, ``#p42`` for the annotated text itself.

    ``targets`` maps each text's slug to the ids on its page (paragraphs, retired ids, notes, annotations).
    """
    problems = []
    links = _LINK.findall(annotation.body_html)
    links += [(annotation.slug, fragment) for fragment in _FRAGMENT.findall(annotation.body_html)]
    for slug, fragment in links:
        if slug not in targets:
            if slug in ("glossary", "bibliography", "annotations", "compare"):
                continue
            problems.append(Problem(annotation.file, _body_line(annotation, f"../{slug}/"),
                                    f"the link ../{slug}/ does not lead to a text of the corpus ({', '.join(sorted(targets))})"))
        elif fragment and fragment not in targets[slug]:
            shown = f"#{fragment}" if slug == annotation.slug else f"../{slug}/#{fragment}"
            problems.append(Problem(annotation.file, _body_line(annotation, f"#{fragment}"),
                                    f"the link {shown} leads to no paragraph or note of {slug}"))
    return problems


def _body_line(annotation: Annotation, needle: str) -> int:
    for number, text in enumerate(annotation.body.split("\n")):
        if needle in text:
            return annotation.body_line + number
    return annotation.body_line


# ---------------------------------------------------------------- command line


def page_ids(document, redirects: Mapping[str, str], anchoring: "Anchoring | None" = None) -> set[str]:
    """The ids a link may target on a text's reading page: paragraphs, retired ids, notes, annotations."""
    ids = {block.anchor for block in document.paragraphs} | set(redirects)
    ids |= {"nstar" if label == "*" else f"n{label}" for label in document.notes}
    if anchoring is not None:
        ids |= {f"annotation-{placement.annotation.id}" for placement in anchoring.placements}
    return ids


def check_project(root: Path, sources_dir: str = "sources") -> tuple[list[Problem], list[Problem]]:
    """``(problems, notices)`` for every annotation of every text under ``root/sources_dir``, as the build finds them."""
    from scholion.text.corpus import load_text, source_dirs  # here, not at the top: corpus renders pages, this module is below it

    problems: list[Problem] = []
    notices: list[Problem] = []
    targets: dict[str, set[str]] = {}
    placed: list[Placement] = []
    for source_dir in source_dirs(root / sources_dir):
        annotations, found = load_annotations(source_dir)
        problems += found
        text = load_text(source_dir, update_lock=False)
        if not text.document.meta:
            problems += [Problem(a.file, 1, f"the text {source_dir.name} does not load; fix its source first") for a in annotations]
            continue
        result = anchor_annotations(annotations, [(b.anchor, b.text) for b in text.document.paragraphs],
                                    text.assignment.redirects)
        problems += result.problems
        notices += result.notices
        placed += result.placements
        targets[source_dir.name] = page_ids(text.document, text.assignment.redirects, result)
    for placement in placed:
        problems += check_links(placement.annotation, targets)
    return problems, notices


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m scholion.annotations.loading [project-root]``: check annotations without a full build.

    Prints ``file:line: warning|info: message`` (the format ``.vscode/tasks.json`` matches) and exits 1
    when an annotation would fail ``mkdocs build --strict``.
    """
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0] if args else ".").resolve()
    problems, notices = check_project(root)
    for severity, items in (("warning", problems), ("info", notices)):
        for item in items:
            print(f"{item.file}:{item.line or 1}: {severity}: {item.message}")
    count = len(list(_annotation_paths(root)))
    print(f"{count} annotation file(s) checked: {len(problems)} problem(s), {len(notices)} re-anchored", file=sys.stderr)
    return 1 if problems else 0


def _annotation_paths(root: Path, sources_dir: str = "sources"):
    folder = root / sources_dir
    if not folder.is_dir():
        return
    for source_dir in sorted(folder.iterdir()):
        if source_dir.is_dir():
            yield from annotation_files(source_dir)


if __name__ == "__main__":
    raise SystemExit(main())
