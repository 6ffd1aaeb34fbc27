"""The list-marker rule: what opens a list item in an extract, and what pages drop of it."""
from __future__ import annotations

import pytest

from scholion.text.layout import join_lines
from scholion.text.lists import LIST_MARKER, strip_list_marker


@pytest.mark.parametrize("line", ["l\tA Wingdings bullet", "– a dash", "• a bullet", "▪ a square", "–\ta dash and a tab"])
def test_an_item_opens_with_a_bullet_that_pages_drop(line):
    assert LIST_MARKER.match(line)
    joined = join_lines([line, "and its next line."])  # as ingest joins an item's lines
    assert strip_list_marker(joined) == joined[2:] and not strip_list_marker(joined)[:1].isspace()


@pytest.mark.parametrize("line", ["l is a letter", "lorem ipsum", "-- not a bullet", "•no space"])
def test_other_lines_open_no_item(line):
    assert not LIST_MARKER.match(line)


def test_only_the_opening_bullet_goes():
    assert strip_list_marker("l <b>x</b> – y") == "<b>x</b> – y"
    assert strip_list_marker("Text – with a dash") == "Text – with a dash"
