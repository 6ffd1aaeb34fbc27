"""Lead-ins: the words that introduce a citation (``See also:``, ``Cf.``, ``Quoted in``, ``Cited in``).

A citation "cited in" another work is the work it is cited in: ``Quoted in Miskimmon and O’Loughlin 2017``
cites Miskimmon and O’Loughlin. Forms read a name at a segment's start, after its lead-in, more readily
than one in running prose (``Brussels, 17 February 2021`` is a place and a date).
"""
from __future__ import annotations

import re

__all__ = ["lead_in_end", "only_lead_in", "supporting_from"]

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


# The signals of running text before a citation in parentheses: "(see also …", "(e.g., …", "(cf. …".
_SIGNALS = re.compile(
    r"(?:(?:see(?:\s+also)?|cf\.?|compare|e\.\s?g\.|i\.\s?e\.|for\s+(?:instance|example)|"
    r"among\s+others|also|and)\s*[:,]?\s*)*", re.I)


def only_lead_in(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds nothing but signals such as ``see also``, ``cf.``, ``e.g.,``."""
    match = _SIGNALS.match(text, start, end)
    return bool(match) and not text[match.end():end].strip()


# The signals that make what follows supporting or contrasting works, not the work cited: "See also", "Cf.".
_SUPPORTING = re.compile(r"\b(?:see\s+also|cf\.|compare)(?!\w)", re.I)


def supporting_from(text: str) -> int | None:
    """Where the works a note cites only in support begin (its first ``see also``, ``cf.``, ``compare``), or None."""
    match = _SUPPORTING.search(text)
    return match.start() if match else None
