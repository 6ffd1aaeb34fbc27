"""Author–date citations in running text: body paragraphs, list items and block quotes.

Running text cites around a year in parentheses, in two shapes:

* parenthetical, each item of the list (``;``) names its authors before the year(s):
  ``(Casier 2018, p. 207)``, ``(Casier 2018: 207)``, ``(Abebe & Larsen, 2019, pp. 20–21)``,
  ``(see also Romanova 2018a; Haukkala 2010)``, ``(e.g., Doğan, 2018a, 2018b)``, ``(European Commission 2016)``;
* narrative, the names stand before the parenthesis, which holds only years and a locator:
  ``Sakwa (2017)``, ``Sakwa's (2017, 12)``, ``Reyes et al.’s (2020)``, ``The World Bank (2019)``, ``IEA (2021)``.

Names are read as in notes (:mod:`.names`) and looked up by surnames and year in the bib data
(:func:`.forms.authordate.lookup`), never by key; locators by :mod:`.locators`. A year in parentheses with no
name before it (``the enlargement (2004)``), a date (``March 2020``), a range, a quantity or a year outside
parentheses (``in 2016 Sandberg moved``, ``Trade Strategy 2030``) is not a citation. Names that match no
entry make an unresolved citation only where the shape leaves no doubt: at the head of a parenthetical item
(after its lead-in), or right before a narrative parenthesis and not after an article or preposition
(``the Orange Revolution (2004)``, ``annexed in Crimea (2014)``), and never when the last word names a kind of
document or event (``(Vision 2040)``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from scholion.bib.citations.dates import YEAR
from scholion.bib.citations.forms.authordate import lookup
from scholion.bib.citations.leadins import only_lead_in
from scholion.bib.citations.locators import page_locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.names import Names, names_before
from scholion.bib.citations.parentheses import Parentheses
from scholion.bib.citations.reading import CitedSoFar, NoteReading
from scholion.bib.entries import Bibliography

__all__ = ["read_running_text"]

# Another year of the same authors: ", 2018b" (not the start of a range, which is pages).
_NEXT_YEAR = re.compile(r"\s*,\s*(1[5-9]\d\d|20\d\d)([a-z])?(?![\w/–—-])")
_PAGE_BEFORE = re.compile(r"(?:\bpp?\.|[–—-])\s*$")
_POSSESSIVE = re.compile(r"(?<=[\w.])[’'](?:s)?$")
# Words after which capitalised words before a year are a thing, not an author: "the Orange Revolution (2004)".
_NOT_BEFORE_AUTHORS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "of", "in", "on", "at",
    "from", "to", "into", "since", "during", "after", "before", "until", "throughout", "within",
}
# Last words of names of documents, plans and events, which stand before years as authors do: "(Vision 2040)".
_NOT_AUTHOR_NOUNS = {
    "strategy", "plan", "vision", "agenda", "programme", "program", "act", "treaty", "law", "code", "directive",
    "regulation", "convention", "declaration", "census", "survey", "election", "elections", "games", "olympics",
    "cup", "summit", "horizon", "revolution", "war", "crisis", "agreement", "accord", "accords", "protocol",
    "charter", "pact", "framework", "budget", "report", "expo", "reform", "initiative", "partnership",
}


class _Year(NamedTuple):
    start: int
    end: int
    year: str
    suffix: str


def read_running_text(text: str, bib: Bibliography) -> NoteReading:
    """The author–date citations of one paragraph's ``text``, in order, and the problems they raise."""
    reading = NoteReading(text, bib, CitedSoFar())
    parentheses = Parentheses(text)
    for match in YEAR.finditer(text):
        if reading.overlaps(match.start(), match.end()):
            continue  # a further year of a citation read already
        pair = parentheses.around(match.start())
        if pair is None:
            continue
        first = _Year(match.start(), match.end(), match.group(1), match.group(2) or "")
        if not text[pair[0] + 1:first.start].strip():
            _narrative(reading, first, pair)
        else:
            _parenthetical(reading, first, pair)
    reading.citations.sort(key=lambda c: c.start)
    return reading


def _years_from(text: str, first: _Year, end: int) -> list[_Year]:
    """``first`` and the years of the same authors after it: ``2018a, 2018b``."""
    years = [first]
    while match := _NEXT_YEAR.match(text, years[-1].end, end):
        years.append(_Year(match.start(1), match.end(), match.group(1), match.group(2) or ""))
    return years


def _narrative(reading: NoteReading, first: _Year, pair: tuple[int, int]) -> None:
    """``Sakwa (2017)``, ``Doğan’s (2018a, 2018b)``, ``Demirel (2018a, 40–44)``."""
    text = reading.text
    opening, closing = pair
    if closing >= len(text) or not text[opening - 1:opening].isspace():
        return  # an unclosed parenthesis, or one glued to a word: "COM(2016) 123"
    name_hi = len(text[:opening].rstrip())
    possessive = _POSSESSIVE.search(text, 0, name_hi)
    if possessive:
        name_hi = possessive.start()
    names = names_before(text, _clause_start(text, name_hi), name_hi)
    if names is None:
        return
    years = _years_from(text, first, closing)
    locator, end = page_locator_after(text, years[-1].end, closing)
    if text[end:closing].strip():
        return  # more than years and a locator: "Smith (2019 survey data)"
    certain = _named_like_authors(names) and (
        names.etal or len(names.groups) > 1 or _word_before(text, names.start) not in _NOT_BEFORE_AUTHORS)
    spans = [(names.start, closing + 1)] if len(years) == 1 else \
        [(names.start, years[0].end)] + [(year.start, year.end) for year in years[1:]]
    _add(reading, names, years, spans, locator, certain)


def _parenthetical(reading: NoteReading, first: _Year, pair: tuple[int, int]) -> None:
    """``(Casier 2018, p. 207)``, ``(see also Hoffmann, 2012; Kamau, 2014, p. 52)``."""
    text = reading.text
    opening, closing = pair
    item_start = max(opening + 1, text.rfind(";", opening, first.start) + 1)
    before = text[item_start:first.start]
    if _PAGE_BEFORE.search(before):
        return  # a page number, not a year
    comma = re.search(r"(?<=\S),\s*$", before)
    if comma:
        name_hi = item_start + comma.start()
    elif re.search(r"\S\s+$", before):
        name_hi = item_start + len(before.rstrip())
    else:
        return
    names = names_before(text, item_start, name_hi)
    if names is None:
        return
    years = _years_from(text, first, closing)
    locator, end = page_locator_after(text, years[-1].end, closing)
    certain = _named_like_authors(names) and only_lead_in(text, item_start, names.start)
    last_end = end if locator else years[-1].end
    spans = [(names.start, last_end)] if len(years) == 1 else \
        [(names.start, years[0].end)] + [(year.start, year.end) for year in years[1:-1]] + [(years[-1].start, last_end)]
    _add(reading, names, years, spans, locator, certain)


def _add(reading: NoteReading, names: Names, years: list[_Year], spans: list[tuple[int, int]], locator: str,
         certain: bool) -> None:
    """One citation per year, the locator going with the last; an unknown work only when ``certain``."""
    found = [lookup(reading.bib, names, year.year, year.suffix) for year in years]
    if not certain and not any(entries for entries, _ in found):
        return
    text = reading.text
    for index, ((entries, named), year, (start, end)) in enumerate(zip(found, years, spans)):
        start = max(start, named.start) if index == 0 else start  # "Commissioner Hahn (2016)" → "Hahn (2016)"
        cited = text[start:end]
        keys = [entry.key for entry in entries]
        located = locator if index == len(years) - 1 else ""
        if len(keys) == 1:
            reading.add(Citation(start, end, keys, located, "resolved", cited))
        elif keys:
            reading.add(Citation(start, end, keys, located, "ambiguous", cited),
                        f"“{cited}” is ambiguous: bib/ has several works by {', '.join(named.authors)} "
                        f"in {year.year}{year.suffix} ({', '.join(keys)}); add a yearsuffix to tell them apart")
        else:
            authors = f"{named.authors[0]} et al." if named.etal else " and ".join(named.authors)
            reading.add(Citation(start, end, [], located, "unresolved", cited),
                        f"“{cited}” has no entry in bib/ (author(s) {authors}, year {year.year}{year.suffix})")


def _clause_start(text: str, position: int) -> int:
    """Where the names before ``position`` may start: after the last bracket or semicolon."""
    return max(text.rfind(mark, 0, position) for mark in "();[]") + 1


def _word_before(text: str, position: int) -> str:
    words = text[:position].split()
    return words[-1].lower() if words else ""


def _named_like_authors(names: Names) -> bool:
    """Whether capitalised words could be authors' names rather than a document or an event's."""
    return all(group[-1].lower() not in _NOT_AUTHOR_NOUNS for group in names.groups)
