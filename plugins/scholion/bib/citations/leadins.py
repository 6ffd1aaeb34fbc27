"""Lead-ins: the words that introduce a citation (``See also:``, ``Cf.``, ``Quoted in``, ``Cited in``).

A citation "cited in" another work is the work it is cited in: ``Quoted in Miskimmon and O’Loughlin 2017``
cites Miskimmon and O’Loughlin. Forms read a name at a segment's start, after its lead-in, more readily
than one in running prose (``Brussels, 17 February 2021`` is a place and a date).
"""
from __future__ import annotations

import re

__all__ = ["lead_in_end"]

_LEAD_IN = re.compile(
    r"^(?:[\[(]?…[\])]?\s*|\[\s*\.\.\.\s*\]\s*)?"
    r"(?:(?:see(?:\s+also)?|cf\.?|compare|for\s+(?:instance|example)|e\.\s?g\.|"
    r"quoted\s+in|cited\s+in|referenced\s+in|as\s+argued\s+in|in|and|also|on)\b\s*[:,]?\s*)*",
    re.I,
)


def lead_in_end(text: str, start: int, end: int) -> int:
    """The offset after the lead-in words of ``text[start:end]`` (``start`` when there are none)."""
    match = _LEAD_IN.match(text[start:end])
    return start + (match.end() if match else 0)
