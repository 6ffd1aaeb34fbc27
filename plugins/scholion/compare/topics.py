"""Topics: the files ``topics/<slug>.yml`` that say what a comparison page selects, and their checks.

Contract for contributors (``topics/<slug>.yml`` at the top of the repository)
------------------------------------------------------------------------------
One YAML file per topic; the file name is the topic's slug and its page is
``/compare/<slug>/`` (``overview`` is reserved). Fields:

``title``     the page title (required)
``summary``   one or two short, neutral sentences saying what the topic is (required)
``terms``     glossary slugs (``[minsk-agreements, crimea]``): every spelling the
              glossary links for the entry selects a paragraph
``keywords``  words or phrases, case-insensitive, matched as whole words
              (``sanction`` never matches ``sanctions``; list both, or end the
              keyword with ``*`` to allow any ending: ``sanction*``). A space
              matches any white space, a hyphen any dash, ``'`` also ``’``.
``pin``       paragraphs to show even though nothing matches, per text:
              ``{romano-2021: [p40, p41]}``
``exclude``   paragraphs to leave out although something matches, per text

At least one of ``terms``, ``keywords`` or ``pin`` is needed. Every text of the
corpus gets a column, including texts added after the topic was written: a
new ``sources/<slug>/`` appears in every comparison with no change here.

Problems (bad YAML, unknown fields, unknown glossary slugs, text slugs or
paragraph ids, contradictory pins) are returned as :class:`Problem` with the
file and line, so ``mkdocs build --strict`` names them. A retired paragraph id
(see ``anchors.json``) still works and lands on the paragraph it redirects to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Collection, Sequence

import yaml

from scholion.compare.texts import ComparedText
from scholion.glossary.terms import Glossary
from scholion.problems import Problem
from scholion.text.textio import read_text
from scholion.yamlfile import Checker, compose, is_null, line

__all__ = ["Item", "Topic", "parse_topic", "load_topic", "load_topics", "check_topic", "OVERVIEW_SLUG", "PARAGRAPH_ID_RE"]

OVERVIEW_SLUG = "overview"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAGRAPH_ID_RE = re.compile(r"^p[1-9]\d*$")
LIST_FIELDS = ("terms", "keywords")
TEXT_FIELDS = ("pin", "exclude")
KNOWN_FIELDS = ("title", "summary") + LIST_FIELDS + TEXT_FIELDS


@dataclass(frozen=True)
class Item:
    """A value from a topic file and the line it stands on."""

    value: str
    line: int


@dataclass
class Topic:
    slug: str
    file: Path
    title: str
    summary: str
    terms: list[Item] = field(default_factory=list)
    keywords: list[Item] = field(default_factory=list)
    pin: dict[str, list[Item]] = field(default_factory=dict)
    exclude: dict[str, list[Item]] = field(default_factory=dict)
    text_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (field, text slug) → line
    line: int = 1


def _scalar(node: yaml.Node, name: str, check: Checker) -> str | None:
    value = check.text(node, name, scalars=True)
    return " ".join(value.split()) if value else None


def _items(node: yaml.Node, name: str, check: Checker) -> list[Item]:
    return [Item(" ".join(value.split()), number) for value, number in check.texts(node, name, scalars=True)]


def _per_text(node: yaml.Node, name: str, topic: Topic, check: Checker) -> dict[str, list[Item]]:
    if is_null(node):
        return {}
    entries = check.mapping(node, f"'{name}' must map text slugs to paragraph ids, e.g. {{romano-2021: [p40]}}",
                            within=name)
    result: dict[str, list[Item]] = {}
    for slug, key_node, value_node in entries or []:
        topic.text_lines[(name, slug)] = line(key_node)
        ids = _items(value_node, f"{name}: {slug}", check)
        for item in ids:
            if not PARAGRAPH_ID_RE.match(item.value):
                check.report(item.line, "bad-paragraph-id", f"'{item.value}' is not a paragraph id (ids look like p14)")
        result[slug] = [item for item in ids if PARAGRAPH_ID_RE.match(item.value)]
    return result


def parse_topic(text: str, file: Path) -> tuple[Topic | None, list[Problem]]:
    """Parse the YAML of one topic file; checks that need the corpus are in :func:`check_topic`."""
    file = Path(file)
    slug = file.stem
    check = Checker(file, "topic")
    if not SLUG_RE.match(slug):
        check.report(None, "bad-file-name", f"the file name '{file.name}' must be a slug: lower-case letters, "
                                            "digits and single hyphens, ending in .yml")
        return None, check.problems
    if slug == OVERVIEW_SLUG:
        check.report(None, "reserved-name", f"'{OVERVIEW_SLUG}' is reserved for /compare/{OVERVIEW_SLUG}/; rename the file")
        return None, check.problems
    root, problems = compose(text, file)
    check.problems += problems
    if root is None:
        if not problems:
            check.report(1, "empty", "the topic file is empty; it needs at least a title, a summary and terms, "
                                     "keywords or pin")
        return None, check.problems
    entries = check.mapping(root, "a topic must be a YAML mapping (title: …, summary: …, terms: […])", KNOWN_FIELDS)
    if entries is None:
        return None, check.problems
    topic = Topic(slug=slug, file=file, title="", summary="", line=line(root))
    for key, _, value_node in entries:
        if key in ("title", "summary"):
            setattr(topic, key, _scalar(value_node, key, check) or "")
        elif key in LIST_FIELDS:
            setattr(topic, key, _items(value_node, key, check))
        else:
            setattr(topic, key, _per_text(value_node, key, topic, check))
    given = {key for key, _, _ in entries}
    for name in ("title", "summary"):
        if name not in given:
            check.report(topic.line, "missing-key", f"the topic has no '{name}'")
    for item in topic.keywords:
        message = _keyword_fault(item.value)
        if message:
            check.report(item.line, "bad-keyword", message)
    topic.keywords = [item for item in topic.keywords if not _keyword_fault(item.value)]
    if not (topic.terms or topic.keywords or any(topic.pin.values())):
        check.report(topic.line, "selects-nothing", "the topic selects nothing: give terms, keywords or pin")
    if not topic.title:
        topic.title = slug.replace("-", " ").capitalize()
    return topic, check.problems


def _sort_title(title: str) -> str:
    """"The EAEU …" sorts under E: a leading article does not count."""
    return re.sub(r"^(?:the|a|an)\s+", "", title.casefold())


def load_topic(path: Path) -> tuple[Topic | None, list[Problem]]:
    text, problems = read_text(Path(path))
    if text is None:
        return None, problems
    return parse_topic(text, Path(path))


def load_topics(directory: Path) -> tuple[list[Topic], list[Problem]]:
    """Every ``*.yml`` / ``*.yaml`` in ``directory``, sorted by title; never raises for bad content."""
    directory = Path(directory)
    if not directory.is_dir():
        return [], []
    topics: list[Topic] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")):
        topic, found = load_topic(path)
        problems += found
        if topic is None:
            continue
        if topic.slug in seen:
            problems.append(Problem(path, None, f"topic '{topic.slug}' is also defined in {seen[topic.slug].name}"))
            continue
        seen[topic.slug] = path
        topics.append(topic)
    topics.sort(key=lambda t: (_sort_title(t.title), t.slug))
    return topics, problems


def _keyword_fault(keyword: str) -> str | None:
    """What is wrong with a keyword as written (where its ``*`` stands), or None."""
    if not re.search(r"\w", keyword):
        return f"keyword {keyword!r} has no letters or digits"
    if "*" in keyword.rstrip("*") or keyword.endswith("**"):
        return f"keyword {keyword!r}: '*' may only end a keyword (sanction* matches sanctions)"
    if keyword.endswith("*") and not re.search(r"\w$", keyword[:-1]):
        return f"keyword {keyword!r}: '*' must follow a letter or digit"
    return None


def check_topic(topic: Topic, glossary: Glossary, texts: Sequence[ComparedText],
                unreadable: Collection[str] = ()) -> list[Problem]:
    """Problems that need the glossary and the corpus: unknown term, text slug or paragraph id. A text
    of ``unreadable`` (its folder is there, its files could not be read) is not checked: its own
    problems say what to fix, and its paragraph ids are unknown until then."""
    problems: list[Problem] = []
    for item in topic.terms:
        if item.value not in glossary:
            hint = get_close_matches(item.value, [t.slug for t in glossary], n=1)
            by_form = glossary.lookup(item.value)
            suggestion = by_form or (hint[0] if hint else None)
            problems.append(Problem(topic.file, item.line, f"'{item.value}' is not a glossary slug"
                                    + (f" (did you mean '{suggestion}'?)" if suggestion else "")))
    by_slug = {text.slug: text for text in texts}
    for name in TEXT_FIELDS:
        for slug, items in getattr(topic, name).items():
            text = by_slug.get(slug)
            if text is None and slug in unreadable:
                continue
            if text is None:
                known = ", ".join(sorted(by_slug)) or "none"
                problems.append(Problem(topic.file, topic.text_lines.get((name, slug)),
                                        f"'{name}': '{slug}' is not a text of the corpus (texts: {known})"))
                continue
            ids = text.ids
            for item in items:
                if item.value not in ids and item.value not in text.redirects:
                    problems.append(Problem(topic.file, item.line,
                                            f"'{name}': {slug} has no paragraph {item.value}"))
    for slug, items in topic.pin.items():
        excluded = {i.value for i in topic.exclude.get(slug, [])}
        for item in items:
            if item.value in excluded:
                problems.append(Problem(topic.file, item.line, f"{slug} {item.value} is both pinned and excluded"))
    return sorted(problems, key=lambda p: p.line or 0)
