"""The end of an entry that says where the work is found: DOI, URL and the date it was accessed.

All three styles put these last (``https://doi.org/10.5555/x.``, ``doi:10.5555/x.``, ``Available at:
https://… (Accessed: 14 February 2022).``, ``Accessed March 3, 2023. https://….``, ``Retrieved May 4,
2020, from https://…``), so the entry is cut where the first of them starts: what comes before is the
work's description, read by the style's own rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scholion.bib.reflist.dates import MONTH, iso_date

__all__ = ["Locations", "split_locations", "trim_identifier"]

_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s+)(10\.\d{4,9}/\S+)", re.IGNORECASE)
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
# Access phrases open a sentence (or a parenthesis) and name a month: "Accessed Spaces since 2019" is a title.
_OPENS = r"(?:^|(?<=[.?!”’\"]\s)|(?<=\s\())"
_AVAILABLE = re.compile(rf"{_OPENS}Available (?:at|from):?\s*")
_ACCESSED = re.compile(rf"\(?{_OPENS}(?:Accessed|Viewed):?\s+((?:\d{{1,2}}\s+|[^().]*?\s)?{MONTH}(?!\w)[^().]*?\d{{4}})\)?\.?",
                       re.IGNORECASE)
_RETRIEVED = re.compile(rf"{_OPENS}Retrieved\s+(?:on\s+)?([^,]+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+\w+\s+\d{{4}}),?\s+from\s+")
_PHRASES = (_DOI, _URL, _AVAILABLE, _ACCESSED, _RETRIEVED)
_CLOSERS = {")": "(", "]": "[", ">": "<"}


@dataclass
class Locations:
    doi: str = ""
    url: str = ""
    accessed: str = ""  # ISO date
    unread: str = ""  # what else stood among them


def trim_identifier(text: str) -> str:
    """A DOI or URL without the punctuation that ends the sentence around it: a final full stop, comma or
    semicolon, and a closing bracket it does not open (``(https://x.org/a)`` → ``https://x.org/a``)."""
    while text:
        last = text[-1]
        if last in ".,;:":
            text = text[:-1]
        elif last in _CLOSERS and text.count(_CLOSERS[last]) < text.count(last):
            text = text[:-1]
        else:
            break
    return text


def _first_start(text: str) -> int | None:
    starts = [match.start() for pattern in _PHRASES if (match := pattern.search(text))]
    return min(starts) if starts else None


def split_locations(text: str) -> tuple[str, Locations]:
    """The entry's description (before the first DOI, URL or access phrase) and those locations."""
    start = _first_start(text)
    if start is None:
        return text, Locations()
    body, tail = text[:start].rstrip(), text[start:]
    found = Locations()
    if match := _DOI.search(tail):
        found.doi = trim_identifier(match.group(1))
        tail = tail[:match.start()] + " " + tail[match.end():]
    for phrase in (_RETRIEVED, _ACCESSED):
        # An access date in a form not read stays in the text, unread.
        if (match := phrase.search(tail)) and (accessed := iso_date(match.group(1))):
            found.accessed = accessed
            tail = tail[:match.start()] + " " + tail[match.end():]
    if match := _URL.search(tail):
        found.url = trim_identifier(match.group())
        tail = tail[:match.start()] + " " + tail[match.end():]
    tail = _AVAILABLE.sub(" ", tail)
    found.unread = " ".join(word for word in tail.split() if word.strip(".,;:()"))
    return body, found
