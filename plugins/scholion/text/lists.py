"""List items as extracts show them: a bullet or an enumerator at the start of a line.

Bullets come as many characters (``•``, ``▪``, ``–``, ``-``, ``◦``, Word's symbol-font bullet, made
``•`` by :mod:`scholion.text.characters`, and ``l`` + TAB, which is what Wingdings' bullet becomes in
some extractors). Enumerators are ``(a)``, ``a)``, ``1)``, ``(iv)``, ``iv.``. ``1.`` is left to numbered
headings and paragraphs, which use it far more often than lists do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LIST_MARKER = re.compile(
    r"^(?:(?P<bullet>[•▪◦●○■□–\-·‣⁃➢➤►])\s+|l\t\s*"
    r"|(?P<enumerator>\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|(?:[a-z]|[ivx]{1,5}|\d{1,2})\)|[ivx]{1,5}\.)\s+)"
    r"(?=\S)"
)


@dataclass(frozen=True)
class ListMarker:
    label: str  # the enumerator as printed, empty for a bullet
    length: int  # characters the marker and the space after it take at the line's start


def list_marker(line: str) -> ListMarker | None:
    """The list marker that opens ``line``, if any."""
    match = LIST_MARKER.match(line)
    if match is None:
        return None
    return ListMarker(match.group("enumerator") or "", match.end())


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def next_label(label: str) -> str | None:
    """The enumerator after ``label`` in its sequence (``(a)`` → ``(b)``, ``iv.`` → ``v.``, ``2)`` → ``3)``)."""
    match = re.match(r"^(\(?)([a-z]+|\d+)([.)])$", label)
    if match is None:
        return None
    opening, value, closing = match.groups()
    if value.isdigit():
        following = str(int(value) + 1)
    elif value in _ROMAN[:-1] and (value != "i" or closing == "." or opening):
        following = _ROMAN[_ROMAN.index(value) + 1]
    elif len(value) == 1 and value != "z":
        following = chr(ord(value) + 1)
    else:
        return None
    return f"{opening}{following}{closing}"
