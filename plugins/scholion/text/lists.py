"""Bulleted lists in an extract: the bullet that opens a list item.

:mod:`scholion.text.ingest` makes a list item of a chunk whose first line opens with
:data:`LIST_MARKER`; the item's text, its lines joined, still opens with the bullet, which pages
drop (:func:`strip_list_marker`) since they set the items in a list of their own.
"""
from __future__ import annotations

import re

_BULLETS = "–•▪"

# A Wingdings bullet comes out of the PDF as "l" and a tab (a line opening with "l " is a word);
# the others as themselves, then white space.
LIST_MARKER = re.compile(rf"^(?:l\t|[{_BULLETS}]\s)")

# The same bullet once the item's lines are joined: joining made the tab after "l" a space
# (scholion.text.layout.clean_part).
_JOINED_MARKER = re.compile(rf"^(?:l |[{_BULLETS}]\s)")


def strip_list_marker(text: str) -> str:
    """A list item's joined text, or that text escaped for HTML, without the bullet it opens with."""
    return _JOINED_MARKER.sub("", text, count=1)
