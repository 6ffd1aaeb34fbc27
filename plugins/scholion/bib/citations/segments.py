"""A note's segments: its parts between semicolons and sentence ends, each read by every citation form."""
from __future__ import annotations

import re
from typing import NamedTuple

from scholion.bib.citations.leadins import lead_in_end
from scholion.text.folding import fold_with_offsets

__all__ = ["Segment", "find_folded", "segments"]

_CUT = re.compile(r";|(?:(?<=[a-z]{2}\.)|(?<=\d\.)|(?<=[”’)]\.))\s+(?=[A-Z‘“])")


class Segment(NamedTuple):
    """``text[start:end]`` of a note ``text``, without the white space around it."""

    text: str  # the whole note
    start: int
    end: int
    lead: int  # the offset after its lead-in words (scholion.bib.citations.leadins)
    folded: tuple[str, list[int]]  # the segment folded (for titles and organisations), with offsets in the segment

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Segment":
        return cls(text, start, end, lead_in_end(text, start, end), fold_with_offsets(text[start:end]))


def segments(text: str) -> list[Segment]:
    """Split a note at ';' and at sentence ends, keeping offsets."""
    cuts = [0, *(m.end() for m in _CUT.finditer(text)), len(text)]
    found = []
    for a, b in zip(cuts, cuts[1:]):
        part = text[a:b]
        start = a + (len(part) - len(part.lstrip()))
        end = a + len(part.rstrip(" ;\n\t"))
        if end > start:
            found.append(Segment.of(text, start, end))
    return found


def find_folded(haystack: str, needle: str) -> list[int]:
    """Word-bounded occurrences of ``needle`` in ``haystack``, both folded (a possessive ``s`` may follow: ``NATO’s``)."""
    hits: list[int] = []
    if not needle:
        return hits
    start = 0
    while True:
        i = haystack.find(needle, start)
        if i < 0:
            return hits
        before_ok = i == 0 or not haystack[i - 1].isalnum()
        j = i + len(needle)
        after_ok = j >= len(haystack) or not haystack[j].isalnum() or (
            haystack[j] == "s" and (j + 1 >= len(haystack) or not haystack[j + 1].isalnum()))
        if before_ok and after_ok:
            hits.append(i)
        start = i + 1
