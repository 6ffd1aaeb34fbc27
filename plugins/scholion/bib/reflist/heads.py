"""An entry's head: the names and the date that open it, which is also where the three styles differ.

- APA 7: ``Larsen, K. (2019).``, ``Thorsen, H. (2020, May 4).``, ``World Bank. (n.d.).``
- Harvard (Cite Them Right): ``Larsen, K. (2019) Title``, with no full stop after the year;
- Chicago author-date: ``Larsen, Karen. 2019.``, ``———. 2018b.``
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scholion.bib.reflist.dates import iso_date, year_and_suffix
from scholion.bib.reflist.model import STYLES, Style

__all__ = ["Head", "detect_style", "list_style", "read_head"]

_YEAR = r"\d{4}[a-z]?"
_NO_DATE = r"n\.\s?d\.(?:-[a-z])?|no date"
_IN_PARENTHESES = rf"\((?P<when>(?:{_YEAR}|{_NO_DATE})(?:,\s[^()]{{1,30}})?)\)"
_HEADS: dict[Style, re.Pattern[str]] = {
    "apa": re.compile(rf"^(?P<names>.+?)\s*{_IN_PARENTHESES}\.\s+(?P<body>.+)$"),
    "harvard": re.compile(rf"^(?P<names>.+?)\s*{_IN_PARENTHESES},?\s+(?P<body>[^\s.].*)$"),
    "chicago-author-date": re.compile(rf"^(?P<names>.+?\.)\s+(?P<when>{_YEAR}\.|{_NO_DATE}|forthcoming\.)\s+(?P<body>.+)$"),
}


@dataclass
class Head:
    """What an entry's head says, and the rest of the entry."""

    names: str
    year: str
    year_suffix: str
    date: str  # ISO, when a month is given
    body: str


def read_head(text: str, style: Style) -> Head | None:
    """The head of ``text`` as ``style`` writes it; None when the entry does not open that way."""
    match = _HEADS[style].match(text)
    if not match:
        return None
    when = match.group("when")
    year_text, _, rest = when.partition(",")
    year, suffix = year_and_suffix(year_text.removesuffix("."))  # Chicago's "2019." ends with the head
    if not year and re.fullmatch(r"n\.\s?d\.-[a-z]", year_text):
        suffix = year_text[-1]  # APA's n.d.-a
    date = iso_date(f"{year}, {rest}") if year and rest.strip() else ""
    return Head(match.group("names"), year, suffix, date, match.group("body"))


def detect_style(text: str) -> Style | None:
    """The style whose head ``text`` opens with, if one alone fits."""
    fitting = [style for style in STYLES if _HEADS[style].match(text)]
    return fitting[0] if len(fitting) == 1 else None


def list_style(texts: list[str]) -> Style | None:
    """The style of a whole list: the one most entries open with (a list keeps one style)."""
    votes = Counter(style for text in texts if (style := detect_style(text)))
    if not votes:
        return None
    (best, count), *others = votes.most_common()
    return None if others and others[0][1] == count else best
