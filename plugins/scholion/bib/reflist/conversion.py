"""A parsed reference as a :class:`~scholion.bib.entries.BibEntry`, the same as one read from ``bib/*.bib``:
citations resolve against it by surnames, year and suffix, and ``format_entry_html`` formats it.

Fields hold decoded text, as :mod:`scholion.bib.bibtex` gives them (``611–634``, not ``611--634``); the
entry as printed is kept in the field ``verbatim``, for a page to show it as the text prints it.
"""
from __future__ import annotations

import re
from pathlib import Path

from scholion.bib.entries import BibEntry, Person
from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.names import cited_name

__all__ = ["BIB_TYPES", "bib_fields", "cited_persons", "full_page_range", "is_incomplete", "to_bib_entry"]

BIB_TYPES = {"article": "article", "book": "book", "chapter": "incollection", "report": "techreport",
             "web": "misc", "": "misc"}
_RANGE = re.compile(r"^(\d+)\s?[–—-]\s?(\d+)$")


def full_page_range(pages: str) -> str:
    """``611–34`` → ``611–634`` (Chicago shortens the second number; BibTeX wants it whole); other
    forms as printed, with an en dash."""
    match = _RANGE.match(pages.strip())
    if not match:
        return pages.strip()
    first, last = match.groups()
    if len(last) < len(first) and int(first[:len(first) - len(last)] + last) > int(first):
        last = first[:len(first) - len(last)] + last
    return f"{first}–{last}"


def cited_persons(persons: list[Person]) -> list[Person]:
    """The persons as citations name them: ``IEA (International Energy Agency)`` is cited as ``IEA``."""
    return [Person(cited_name(p), p.given, p.organisation) for p in persons]


def _names_field(persons: list[Person]) -> str:
    """``Aaltonen, Risto and Ho, Mei Lin``; an organisation by its name (as a loaded file gives it)."""
    return " and ".join(p.surname if p.organisation or not p.given else f"{p.surname}, {p.given}" for p in persons)


def is_incomplete(reference: ParsedReference) -> bool:
    """Whether a reference's title was not read, or part of it stayed unread (the page shows a badge)."""
    return not reference.title or bool(reference.unread)


def bib_fields(reference: ParsedReference) -> dict[str, str]:
    """The BibTeX fields of ``reference`` (decoded text), only those it has.

    APA leaves out a publisher that is the author: a report of an APA list without one is published by
    its authoring organisation, as the style means it.
    """
    kind = reference.entry_type
    container = {"article": "journal", "chapter": "booktitle", "web": "howpublished"}.get(kind, "")
    publisher = "institution" if kind == "report" else "publisher"
    number = reference.issue if kind == "article" else reference.number
    if kind == "report" and not reference.publisher and reference.style == "apa" and reference.authors \
            and all(p.organisation for p in reference.authors):
        institution = " and ".join(p.surname for p in cited_persons(reference.authors))
    else:
        institution = reference.publisher
    fields = {
        "author": _names_field(cited_persons(reference.authors)),
        "editor": _names_field(cited_persons(reference.editors)),
        "title": reference.title,
        container: reference.container,
        publisher: institution,
        "address": reference.place,
        "edition": reference.edition,
        "type" if kind == "report" else "series": reference.series,
        "volume": reference.volume,
        "number": number,
        "pages": full_page_range(reference.pages) if reference.pages else "",
        "year": reference.year,
        "yearsuffix": reference.year_suffix,
        "date": reference.date if reference.date[:4] == reference.year else "",
        "doi": reference.doi,
        "url": reference.url,
        "urldate": reference.accessed,
        "incomplete": "true" if is_incomplete(reference) else "",
        "verbatim": reference.text,
    }
    return {name: value for name, value in fields.items() if name and value}


def to_bib_entry(parsed: ParsedReference, key: str, file: Path, line: int) -> BibEntry:
    """``parsed`` as a bib entry under ``key``, found at ``file``:``line`` (the reference list in the text)."""
    persons = cited_persons(parsed.names)
    return BibEntry(
        key=key,
        entry_type=BIB_TYPES[parsed.entry_type],
        fields=bib_fields(parsed),
        surnames=[p.surname for p in persons],
        year=parsed.year,
        year_suffix=parsed.year_suffix,
        incomplete=is_incomplete(parsed),
        file=Path(file),
        line=line,
        persons=persons,
    )
