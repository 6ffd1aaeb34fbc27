"""The list-marker rule (scholion.text.lists): what opens a list item in an extract."""
from __future__ import annotations

import pytest

from scholion.text.lists import list_marker, next_label


@pytest.mark.parametrize(("line", "label", "rest"), [
    ("l\tA Wingdings bullet", "", "A Wingdings bullet"), ("– a dash", "", "a dash"), ("• a bullet", "", "a bullet"),
    ("▪ a square", "", "a square"), ("–\ta dash and a tab", "", "a dash and a tab"), ("- a hyphen", "", "a hyphen"),
    ("(a) lettered", "(a)", "lettered"), ("b) lettered", "b)", "lettered"), ("3) numbered", "3)", "numbered"),
    ("iv. roman", "iv.", "roman"), ("(ii) roman", "(ii)", "roman"),
])
def test_a_list_item_opens_with_a_bullet_or_an_enumerator(line, label, rest):
    marker = list_marker(line)
    assert marker is not None and marker.label == label and line[marker.length :] == rest


@pytest.mark.parametrize("line", ["l is a letter", "lorem ipsum", "-- not a bullet", "•no space", "1. Introduction",
                                  "* Faculty of Law", "2.1 Ports"])
def test_other_lines_open_no_item(line):
    assert list_marker(line) is None


@pytest.mark.parametrize(("label", "following"), [
    ("(a)", "(b)"), ("a)", "b)"), ("1)", "2)"), ("(1)", "(2)"), ("iv.", "v."), ("(ix)", "(x)"), ("i.", "ii."),
    ("z)", None), ("•", None),
])
def test_the_next_enumerator(label, following):
    assert next_label(label) == following
