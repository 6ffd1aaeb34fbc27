"""Years the texts mention as dates, and the timeline of them across the corpus."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from scholion.compare.texts import ComparedText

__all__ = ["YearMention", "find_years", "shapes_years", "timeline"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR_CUE = re.compile(
    rf"(?:\b(?:in|since|from|until|till|to|by|of|between|and|after|before|during|early|late|mid|around|circa|least|"
    rf"summer|winter|spring|autumn|the|its|their|{_MONTHS})|\b\d{{1,2}}|[(–-])\s*$", re.IGNORECASE)
# The year first and the character before it checked behind: a regex that opens with the digits
# lets the engine skip ahead to each 1 or 2.
_YEAR = re.compile(r"(1[89]\d\d|20[0-2]\d|2030)(?<![\w.,€$£/]\d{4})(?:\s?[–-]\s?(\d{4}|\d{2})(?!\w))?(?![\w%]|[.,]\d)")
_QUANTITY_AFTER = re.compile(r"\s*(?:billion|million|thousand|percent|per cent|km|kilometres|troops|people|"
                             r"soldiers|dollars|euros|tonnes|members|pages)\b", re.IGNORECASE)


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int
    end: int


def find_years(text: str) -> list[YearMention]:
    """Years 1800–2030 used as dates: "in 2014", "since 1996", "the 1990 Charter", "5 June 2008", "2012-16".

    A four-digit number counts when a date word, a day, a bracket or a dash comes
    before it, or a word follows it ("2013 edition"); never before "billion",
    "percent" and the like, nor inside decades ("1990s") or larger numbers.
    """
    found: list[YearMention] = []
    for match in _YEAR.finditer(text):
        if _QUANTITY_AFTER.match(text, match.end()):
            continue
        cue = _YEAR_CUE.search(text[max(0, match.start() - 30):match.start()])
        follows = re.match(r"\s+[A-Za-z(]|\)", text[match.end():match.end() + 3])
        if not (cue or follows):
            continue
        first = int(match.group(1))
        found.append(YearMention(first, match.start(1), match.end(1)))
        if match.group(2):
            tail = match.group(2)
            second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
            if first < second <= 2030 and second - first < 100:
                found.append(YearMention(second, match.start(2), match.end(2)))
    return found


def shapes_years(word: str) -> bool:
    """Whether :func:`find_years` reads ``word`` around a year (a date cue before it, a quantity after
    it): a text with this word changed could mention other years."""
    return bool(_YEAR_CUE.search(word + " ") or _QUANTITY_AFTER.match(" " + word))


def timeline(texts: Sequence[ComparedText]) -> dict[int, dict[str, list[tuple[str, str, list[tuple[int, int]]]]]]:
    """``{year: {text slug: [(paragraph id, paragraph text, year spans)]}}``, years ascending."""
    result: dict[int, dict[str, list[tuple[str, str, list[tuple[int, int]]]]]] = {}
    for text in texts:
        for anchor, body in text.paragraphs:
            by_year: dict[int, list[tuple[int, int]]] = {}
            for mention in find_years(body):
                by_year.setdefault(mention.year, []).append((mention.start, mention.end))
            for year, spans in by_year.items():
                result.setdefault(year, {}).setdefault(text.slug, []).append((anchor, body, spans))
    return dict(sorted(result.items()))
