"""The works a text cites, as TEI ``<bibl>`` s in its ``<back>``: the text's own reference list as printed,
then the works of the corpus's bibliography it cites besides. Each has the ``xml:id`` its citations'
``<ref target>`` point to (:func:`bibl_id`)."""
from __future__ import annotations

from typing import Sequence

from lxml import etree

from scholion.bib.entries import BibEntry, Person
from scholion.tei.elements import element, ncname
from scholion.text.model import Reference

# BibTeX entry type → the level of its title (a: in a journal or a book, m: a whole book or report)
_ANALYTIC = {"article", "inbook", "incollection", "inproceedings", "conference"}


def bibl_id(key: str) -> str:
    return ncname(f"bib-{key}")


def listed_bibls(references: Sequence[Reference], keys: Sequence[str]) -> etree._Element:
    """The text's own reference list, each entry's words as printed (``keys``: the bib key each was read into)."""
    listing = element(None, "listBibl", type="references")
    element(listing, "head", "References")
    seen: set[str] = set()
    for reference, key in zip(references, keys):
        # Two printed entries read as one work: the first has the id.
        element(listing, "bibl", reference.text, id=bibl_id(key) if key not in seen else None)
        seen.add(key)
    return listing


def cited_bibls(entries: Sequence[BibEntry]) -> etree._Element:
    """The works of the bibliography a text cites, from their fields (never formatted text)."""
    listing = element(None, "listBibl", type="cited")
    element(listing, "head", "Works cited from the corpus bibliography")
    for entry in entries:
        _bibl(listing, entry)
    return listing


def _bibl(listing: etree._Element, entry: BibEntry) -> None:
    fields = entry.fields
    bibl = element(listing, "bibl", id=bibl_id(entry.key), n=entry.key)
    role = "author" if fields.get("author", "").strip() else "editor"
    for person in entry.persons:
        _person(element(bibl, role), person)
    if entry.year:
        element(bibl, "date", entry.label_year, when=entry.year)
    analytic = entry.entry_type in _ANALYTIC
    if fields.get("title"):
        element(bibl, "title", fields["title"], level="a" if analytic else "m")
    container = fields.get("journal") or fields.get("journaltitle")
    if container:
        element(bibl, "title", container, level="j")
    elif fields.get("booktitle"):
        element(bibl, "title", fields["booktitle"], level="m")
    if fields.get("series"):
        element(bibl, "title", fields["series"], level="s")
    for field, unit in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
        if fields.get(field):
            element(bibl, "biblScope", fields[field].replace("--", "–"), unit=unit)
    for field in ("publisher", "institution", "organization", "school"):
        if fields.get(field):
            element(bibl, "publisher", fields[field])
    for field in ("address", "location"):
        if fields.get(field):
            element(bibl, "pubPlace", fields[field])
    if fields.get("doi"):
        element(bibl, "idno", fields["doi"], type="DOI")
    if fields.get("url"):
        element(bibl, "ptr", target=fields["url"].strip())
    if fields.get("note"):
        element(bibl, "note", fields["note"])


def _person(parent: etree._Element, person: Person) -> None:
    if person.organisation:
        element(parent, "orgName", person.surname)
    elif not person.given:
        element(parent, "persName", person.surname)
    else:
        name = element(parent, "persName")
        element(name, "forename", person.given).tail = " "
        element(name, "surname", person.surname)
