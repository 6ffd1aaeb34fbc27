"""Author–date: ``Casier 2018, p. 207``, ``Morse and Keohane 2014``, ``Makarychev and Morozov, 2011``,
``Romanova (2018)``, ``Hughes (2013: 1013)``, ``Romanova 2018a``, ``Gehring et al. 2017``, and dated items
``Tass, 3 November 2019``.

Capitalised words before a year are taken for a citation only when they look like one
(``Resolution 1244 (1999)``, ``on 12 February 2013``, ``Brussels, 17 February 2021`` are not); one
that does and has no entry is unresolved.
"""
from __future__ import annotations

import re

from scholion.bib.citations.dates import DAY_MONTH_BEFORE, MONTH_DAY_BEFORE, YEAR
from scholion.bib.citations.locators import locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.names import Names, names_before
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment
from scholion.bib.entries import BibEntry, Bibliography

__all__ = ["AuthorDate"]

_PAREN_CLOSE = re.compile(r"\s*(?:[:,]\s*((?:pp?\.\s*)?\d+(?:\s*[–—-]\s*\d+)?(?:\s*ff\.?)?))?\)")


class AuthorDate:
    fallback = False

    def find(self, reading: NoteReading, segment: Segment) -> None:
        text, lo, hi = reading.text, segment.start, segment.end
        for m in YEAR.finditer(text, lo, hi):
            ys, ye = m.start(), m.end()
            if reading.overlaps(ys, ye):
                continue
            year, suffix = m.group(1), m.group(2) or ""
            pre = text[lo:ys]
            if re.search(r"(?:\bpp?\.|[–—-])\s*$", pre):
                continue  # a page number, not a year
            inner_locator = ""
            date = DAY_MONTH_BEFORE.search(pre) or MONTH_DAY_BEFORE.search(pre)
            end = ye
            if date:
                comma = re.search(r",\s*$", text[lo:lo + date.start()])
                if not comma:
                    continue
                form, name_hi = "date", lo + comma.start()
            elif re.search(r"\s\($", pre) and (close := _PAREN_CLOSE.match(text, ye, hi)):
                form, name_hi = "paren", lo + len(pre.rstrip()[:-1].rstrip())
                end = close.end()
                inner_locator = (close.group(1) or "").strip()
            elif re.search(r"\S,\s*$", pre):
                form, name_hi = "comma", lo + re.search(r",\s*$", pre).start()
            elif re.search(r"\S\s+$", pre):
                form, name_hi = "plain", lo + len(pre.rstrip())
            else:
                continue
            names = names_before(text, lo, name_hi)
            if names is None or reading.overlaps(names.start, end):
                continue
            locator, loc_end = locator_after(text, end, hi)
            span_end = loc_end if locator else end
            if form == "paren" and inner_locator and not locator:
                locator = inner_locator
            entries, names = lookup(reading.bib, names, year, suffix)
            cited = text[names.start:span_end]
            if form == "date" and not entries and names.start > segment.lead:
                continue  # "Brussels, 17 February 2021": a place and date, not a citation
            if form == "date" and not entries and names.has_joiners:
                continue
            keys = [e.key for e in entries]
            if len(entries) == 1:
                reading.add(Citation(names.start, span_end, keys, locator, "resolved", cited))
            elif entries:
                reading.add(Citation(names.start, span_end, keys, locator, "ambiguous", cited),
                            f"“{cited}” is ambiguous: bib/ has several works by {', '.join(names.authors)} "
                            f"in {year}{suffix} ({', '.join(keys)}); add a yearsuffix to tell them apart")
            else:
                reading.add(Citation(names.start, span_end, [], locator, "unresolved", cited),
                            f"“{cited}” has no entry in bib/ (author(s) {' and '.join(names.authors)}, "
                            f"year {year}{suffix})")


def lookup(bib: Bibliography, names: Names, year: str | None, suffix: str) -> tuple[list[BibEntry], Names]:
    """The entries by ``names`` in ``year``, and the names that found them: names joined by ``and`` may be one
    organisation's (``Organisation for Economic Co-operation and Development``); leading words of the first
    name are dropped until one matches (``Foreign Minister Lavrov 2017`` → ``Lavrov``)."""
    if names.etal:
        return bib.find_first_author(names.authors[0], year, suffix), names
    entries = bib.find(names.authors, year, suffix)
    if not entries and len(names.groups) > 1:
        entries = bib.find([" and ".join(names.authors)], year, suffix)
    k = 1
    while not entries and k < len(names.groups[0]):
        shorter = names.dropping(k)
        entries = bib.find(shorter.authors, year, suffix)
        if entries:
            return entries, shorter
        k += 1
    return entries, names
