"""The one YAML reader of contributor files: nodes with lines, keys given twice, type checks with codes."""
from __future__ import annotations

from pathlib import Path

import yaml

from scholion.yamlfile import Checker, compose, key_lines

FILE = Path("example.yml")


def test_a_key_given_twice_is_reported_at_its_second_line_and_the_first_value_kept():
    root, problems = compose("title: First\nsummary: S\ntitle: Second\n", FILE)
    assert [(p.file, p.line, p.code) for p in problems] == [(FILE, 3, "yaml.duplicate-key")]
    assert problems[0].message == "'title' is given twice (first on line 1); keep one"
    assert [(k.value, v.value) for k, v in root.value] == [("title", "First"), ("summary", "S")]


def test_keys_given_twice_are_found_at_any_depth_and_named_with_their_mapping():
    text = "- term: A\n  pin:\n    romano-2021: [p1]\n    romano-2021: [p2]\n- term: B\n  term: C\n"
    _, problems = compose(text, FILE)
    assert [(p.line, p.message) for p in problems] == [
        (4, "'romano-2021' is given twice in 'pin' (first on line 3); keep one"),
        (6, "'term' is given twice (first on line 5); keep one"),
    ]


def test_a_recursive_alias_does_not_loop():
    root, problems = compose("a: &x [*x]\n", FILE)
    assert problems == [] and isinstance(root, yaml.MappingNode)
    assert key_lines(root) == {"a": 1, "a.0": 1}


def test_a_syntax_error_names_its_line_column_and_where_the_construct_began():
    root, problems = compose("title: T\nkeywords: [a, b\n", FILE)
    assert root is None
    (problem,) = problems
    assert (problem.line, problem.code) == (3, "yaml.invalid")
    assert problem.message == ("invalid YAML: while parsing a flow sequence, did not find expected ',' or ']' "
                               "(column 1); the construct began on line 2")


def test_key_lines_give_each_nested_key_and_list_item_its_line():
    root, _ = compose("target:\n  paragraph: p2\n  exact: x\ntags:\n  - a\n  - b\n", FILE)
    assert key_lines(root) == {"target": 1, "target.paragraph": 2, "target.exact": 3, "tags": 4, "tags.0": 5, "tags.1": 6}


def check_of(text: str) -> tuple[Checker, yaml.Node]:
    root, problems = compose(text, FILE)
    assert problems == []
    return Checker(FILE, "topic"), root


def test_text_must_be_text_and_not_empty():
    check, root = check_of("a: ' x '\nb:\nc: 1975\nd: [x]\ne: {x: 1}\n")
    values = [check.text(node, key.value) for key, node in root.value]
    assert values == ["x", None, None, None, None]
    assert [(p.line, p.code, p.message) for p in check.problems] == [
        (2, "topic.empty", "'b' is empty"),
        (3, "topic.not-text", "'c' must be text, not '1975'; put it in quotes"),
        (4, "topic.not-text", "'d' must be text, not a list"),
        (5, "topic.not-text", "'e' must be text, not a mapping"),
    ]
    check, root = check_of("c: 1975\n")
    assert check.text(root.value[0][1], "c", scalars=True) == "1975" and check.problems == []


def test_a_list_of_text_items_with_their_lines():
    check, root = check_of("a:\n  - x\n  - [y]\n  - z\nb: lone\nc:\nd: {x: 1}\n")
    a, b, c, d = (node for _, node in root.value)
    assert check.texts(a, "a") == [("x", 2), ("z", 4)]
    assert check.texts(b, "b") == [("lone", 5)]
    assert check.texts(b, "b", lone=True) == [("lone", 5)]
    assert check.texts(c, "c") == [] and check.texts(d, "d") == []
    assert [(p.line, p.code, p.message) for p in check.problems] == [
        (3, "topic.not-text", "'a item' must be text, not a list"),
        (5, "topic.not-a-list", "'b' must be a list: [lone] or one '- item' per line"),
        (7, "topic.not-a-list", "'d' must be a list, not a mapping"),
    ]


def test_a_mapping_reports_unknown_keys_with_the_closest_known_one():
    check, root = check_of("defects:\n  lost_pages: 3\n  zzz: 1\n  description: d\n  [a]: 1\n")
    entries = check.mapping(root.value[0][1], "'defects' must be a mapping", ("lost_lines", "description"), within="defects")
    assert [key for key, _, _ in entries] == ["description"]
    assert [(p.line, p.code, p.message) for p in check.problems] == [
        (2, "topic.unknown-key", "unknown field 'defects.lost_pages' (did you mean 'lost_lines'?)"),
        (3, "topic.unknown-key", "unknown field 'defects.zzz' (known: lost_lines, description)"),
        (5, "topic.bad-key", "a key in 'defects' must be a name, not a list"),
    ]
    assert check.mapping(root.value[0][0], "not one") is None and check.problems[-1].code == "topic.not-a-mapping"


def test_a_value_with_a_wrong_tag_is_a_problem_not_a_traceback():
    check, root = check_of("year: !!int twenty\n")
    assert check.value(root) is None
    (problem,) = check.problems
    assert (problem.line, problem.code) == (1, "topic.bad-value") and "twenty" in problem.message
