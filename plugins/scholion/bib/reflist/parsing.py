"""Reading reference-list entries: :func:`parse_reference` for one, :func:`parse_references` for a list.

An entry is read in three steps: its head (names and date, which also tell the style), the locations at
its end (DOI, URL, access date), and the description between them by the style's own reader. A field
no rule reads stays empty; what no rule read is kept in ``unread``, and the entry as printed in ``text``.
"""
from __future__ import annotations

from typing import Callable

from scholion.bib.reflist.apa import read_apa
from scholion.bib.reflist.chicago import read_chicago
from scholion.bib.reflist.harvard import read_harvard
from scholion.bib.reflist.heads import Head, detect_style, list_style, read_head
from scholion.bib.reflist.identifiers import split_locations
from scholion.bib.reflist.model import STYLES, ParsedReference, ReferenceType, Style
from scholion.bib.reflist.names import read_names

__all__ = ["parse_reference", "parse_references"]

_READERS: dict[Style, Callable[[str, ParsedReference], str]] = {
    "apa": read_apa,
    "harvard": read_harvard,
    "chicago-author-date": read_chicago,
}
_INVERTED_INITIALS = {"apa": True, "harvard": True, "chicago-author-date": False}


def _style(style_hint: str | None) -> Style | None:
    if style_hint is not None and style_hint not in STYLES:
        raise ValueError(f"unknown reference style {style_hint!r}; known: {', '.join(STYLES)}")
    return style_hint  # type: ignore[return-value]


def _head(text: str, style: Style | None) -> tuple[Style, Head] | None:
    """The head as the list's style writes it, else as the one style it fits (a stray entry)."""
    for candidate in (style, detect_style(text)):
        if candidate and (head := read_head(text, candidate)):
            return candidate, head
    return None


def _entry_type(reference: ParsedReference) -> ReferenceType:
    """What kind of work a reference is, when its reader did not see a journal or a book it is in."""
    if reference.entry_type:
        return reference.entry_type
    if reference.series or reference.number:
        return "report"
    if reference.url and (reference.accessed or reference.container):
        return "web"  # a page on a site, or one read on a given day
    if reference.names and all(p.organisation for p in reference.names) and (reference.publisher or reference.url):
        return "report"  # an organisation's own publication
    if reference.publisher:
        return "book"
    return "web" if reference.url else ""


def parse_reference(text: str, style_hint: str | None = None,
                    previous: ParsedReference | None = None) -> ParsedReference:
    """One reference-list entry (``text`` as printed, lines joined) read into its fields.

    ``style_hint`` is the list's style (``chicago-author-date``, ``apa``, ``harvard``); without it the
    entry's head decides. ``previous`` is the entry before it in the list, whose authors a 3-em dash
    (``———.``) repeats.
    """
    text = " ".join(text.split())
    reference = ParsedReference(text=text)
    found = _head(text, _style(style_hint))
    if found is None:
        reference.unread = text
        return reference
    style, head = found
    reference.style = style
    unread = []
    names = read_names(head.names, _INVERTED_INITIALS[style])
    if names is None:
        unread.append(head.names)
    elif names.repeated:
        reference.authors_repeated = True
        if previous is not None:
            reference.authors, reference.et_al = list(previous.authors), previous.et_al
    elif names.editors:
        reference.editors, reference.et_al = names.persons, names.et_al
    else:
        reference.authors, reference.et_al = names.persons, names.et_al
    reference.year, reference.year_suffix, reference.date = head.year, head.year_suffix, head.date
    body, locations = split_locations(head.body)
    reference.doi, reference.url, reference.accessed = locations.doi, locations.url, locations.accessed
    unread.append(_READERS[style](body, reference))
    unread.append(locations.unread)
    reference.entry_type = _entry_type(reference)
    reference.unread = " ".join(part for part in unread if part)
    return reference


def parse_references(texts: list[str], style_hint: str | None = None) -> list[ParsedReference]:
    """A whole reference list, in order: one style for the list (the hint, or the one most entries
    open with), and a 3-em dash repeating the authors of the entry before."""
    style = _style(style_hint) or list_style(texts)
    references: list[ParsedReference] = []
    for text in texts:
        references.append(parse_reference(text, style, references[-1] if references else None))
    return references
