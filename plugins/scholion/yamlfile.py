"""Contributor YAML read as nodes, so that every problem names its file and line.

``glossary.yml``, ``topics/*.yml``, ``source.yml`` and an annotation's front matter are composed into
nodes (which know their lines) and checked with a :class:`Checker`. A key given twice in a mapping is
a problem (PyYAML would silently keep the last value); the first value is the one kept.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from scholion.problems import Problem
from scholion.text.textio import SafeLoader

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


def line(node: yaml.Node) -> int:
    """The line ``node`` starts on, counted from 1."""
    return node.start_mark.line + 1


def is_null(node: yaml.Node) -> bool:
    """An empty value (``key:`` with nothing after it, or ``null``)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def yaml_problem(file: Path, error: yaml.YAMLError, text: str, what: str = "invalid YAML", hint: str = "") -> Problem:
    """A syntax error at the line (and column) the parser names, and where the broken construct began."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        number: int | None = mark.line + 1
        where = f" (column {mark.column + 1})"
    elif isinstance(getattr(error, "position", None), int):  # yaml.reader.ReaderError
        number = text.count("\n", 0, error.position) + 1
        where = ""
    else:
        number, where = None, ""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        detail = f"{context}, {problem}" if context else str(problem)
    else:
        detail = str(error).splitlines()[0]
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        where += f"; the construct began on line {context_mark.line + 1}"
    return Problem(file, number, f"{what}: {detail}{where}{hint}", code="yaml.invalid")


def compose(text: str, file: Path, loader: type = SafeLoader, what: str = "invalid YAML",
            hint: str = "") -> tuple[yaml.Node | None, list[Problem]]:
    """The root node of ``text`` (None when it is empty or does not parse) and its problems: a syntax
    error, or keys given twice (each reported, and all but its first value dropped)."""
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        return None, [yaml_problem(file, error, text, what, hint)]
    problems: list[Problem] = []
    if root is not None:
        _drop_repeated_keys(root, file, problems, None, set())
    return root, problems


def _drop_repeated_keys(node: yaml.Node, file: Path, problems: list[Problem], parent: str | None,
                        visited: set[int]) -> None:
    if id(node) in visited:  # an alias may point back up the tree
        return
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, yaml.Node] = {}
        kept = []
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in first:
                within = f" in '{parent}'" if parent else ""
                problems.append(Problem(file, line(key_node), f"'{key}' is given twice{within} (first on line "
                                        f"{line(first[key])}); keep one", code="yaml.duplicate-key"))
                continue
            if key is not None:
                first[key] = key_node
            kept.append((key_node, value_node))
            _drop_repeated_keys(value_node, file, problems, key, visited)
        node.value = kept
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _drop_repeated_keys(item, file, problems, parent, visited)


def key_lines(node: yaml.Node, prefix: str = "", visited: frozenset[int] = frozenset()) -> dict[str, int]:
    """The line of every key and list item under ``node``, by dotted path: ``target.exact``, ``tags.0``."""
    lines: dict[str, int] = {}
    if id(node) in visited:  # an alias pointing back up the tree
        return lines
    visited |= {id(node)}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                path = f"{prefix}{key_node.value}"
                lines[path] = line(key_node)
                lines.update(key_lines(value_node, f"{path}.", visited))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"{prefix}{index}"] = line(item)
            lines.update(key_lines(item, f"{prefix}{index}.", visited))
    return lines


class Checker:
    """Checks the nodes of one file, collecting its problems; ``kind`` (``glossary``) begins their codes."""

    def __init__(self, file: Path, kind: str, problems: list[Problem] | None = None) -> None:
        self.file = file
        self.kind = kind
        self.problems = [] if problems is None else problems

    def report(self, at: yaml.Node | int | None, code: str, message: str) -> None:
        """A problem at a node's line (or a line number), coded ``<kind>.<code>``."""
        number = line(at) if isinstance(at, yaml.Node) else at
        self.problems.append(Problem(self.file, number, message, code=f"{self.kind}.{code}"))

    def text(self, node: yaml.Node, name: str, scalars: bool = False) -> str | None:
        """The text of ``node`` without surrounding white space, or None with a problem (empty, not
        text). With ``scalars``, a number or date counts as the text it is written as."""
        if isinstance(node, yaml.ScalarNode) and (node.tag in (STR_TAG, NULL_TAG) or scalars):
            value = "" if node.tag == NULL_TAG else node.value.strip()
            if not value:
                self.report(node, "empty", f"'{name}' is empty")
                return None
            return value
        kind = {yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}.get(
            type(node), f"{node.value!r}; put it in quotes")
        self.report(node, "not-text", f"'{name}' must be text, not {kind}")
        return None

    def texts(self, node: yaml.Node, name: str, scalars: bool = False, lone: bool = False) -> list[tuple[str, int]]:
        """The text items of a list with their lines (none for an empty value). A lone value is taken as
        a list of one, and reported unless ``lone`` allows it."""
        if is_null(node):
            return []
        if isinstance(node, yaml.ScalarNode):
            if not lone:
                self.report(node, "not-a-list", f"'{name}' must be a list: [{node.value}] or one '- item' per line")
            value = self.text(node, name, scalars)
            return [(value, line(node))] if value else []
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, "not-a-list", f"'{name}' must be a list, not a mapping")
            return []
        items = []
        for item in node.value:
            value = self.text(item, f"{name} item", scalars)
            if value is not None:
                items.append((value, line(item)))
        return items

    def mapping(self, node: yaml.Node, expected: str, known: Sequence[str] | None = None,
                within: str = "") -> list[tuple[str, yaml.Node, yaml.Node]] | None:
        """``(key, key node, value node)`` for each entry of a mapping, or None with the problem
        ``expected`` when ``node`` is not one. Keys that are not text are reported; so, with ``known``,
        are unknown keys (with the closest known one). ``within`` names the mapping in messages."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "not-a-mapping", expected)
            return None
        entries = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or is_null(key_node):
                where = f" in '{within}'" if within else ""
                self.report(key_node, "bad-key", f"a key{where} must be a name, not "
                            + ("a list" if isinstance(key_node, yaml.SequenceNode) else
                               "a mapping" if isinstance(key_node, yaml.MappingNode) else "empty"))
                continue
            key = key_node.value
            if known is not None and key not in known:
                name = f"{within}.{key}" if within else key
                hint = did_you_mean(key, known) or f" (known: {', '.join(known)})"
                self.report(key_node, "unknown-key", f"unknown field '{name}'{hint}")
                continue
            entries.append((key, key_node, value_node))
        return entries

    def value(self, node: yaml.Node, loader: type = SafeLoader) -> object:
        """The Python value of ``node`` as ``loader`` builds it; None with a problem if a tag is wrong
        (``!!int abc``)."""
        constructor = loader("")
        try:
            return constructor.construct_document(node)
        except (yaml.YAMLError, ValueError, TypeError) as error:
            mark = getattr(error, "problem_mark", None)
            self.report(mark.line + 1 if mark else node, "bad-value", f"invalid YAML value: {str(error).splitlines()[0]}")
            return None
        finally:
            constructor.dispose()
