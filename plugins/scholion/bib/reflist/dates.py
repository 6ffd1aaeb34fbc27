"""Dates as reference lists print them: ``May 4, 2020``, ``14 February 2022``, ``2020, May 4``.

Only English month names are read; a date in any other form is left unread.
"""
from __future__ import annotations

import re

__all__ = ["MONTH", "iso_date", "year_and_suffix"]

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTH = r"(?:" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"

_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"^({MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.IGNORECASE)
_YEAR_MONTH_DAY = re.compile(rf"^(\d{{4}}),?\s+({MONTH})(?:\s+(\d{{1,2}}))?$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})([a-z]?)$")


def _month(word: str) -> int:
    return _MONTH_NUMBERS[word.rstrip(".").lower()]


def _iso(year: str, month: int, day: str | None) -> str:
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= int(day) <= 31:
        return ""
    return f"{year}-{month:02d}-{int(day):02d}"


def iso_date(text: str) -> str:
    """``2020-05-04`` for ``May 4, 2020``, ``4 May 2020`` or ``2020, May 4`` (``2020-05`` without a day);
    empty for anything else."""
    text = " ".join(text.split()).rstrip(".,")
    if match := _DAY_MONTH_YEAR.match(text):
        return _iso(match.group(3), _month(match.group(2)), match.group(1))
    if match := _MONTH_DAY_YEAR.match(text):
        return _iso(match.group(3), _month(match.group(1)), match.group(2))
    if match := _YEAR_MONTH_DAY.match(text):
        return _iso(match.group(1), _month(match.group(2)), match.group(3))
    return ""


def year_and_suffix(text: str) -> tuple[str, str]:
    """``("2018", "a")`` for ``2018a``; empty strings for ``n.d.`` or what is no year."""
    match = _YEAR.match(text.strip())
    return (match.group(1), match.group(2)) if match else ("", "")
