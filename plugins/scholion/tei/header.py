"""A text's ``teiHeader``: the original as ``source.yml`` describes it, this corpus's edition of it, and
what the edition did to the extract and what the extract lost (``encodingDesc``)."""
from __future__ import annotations

import re

from lxml import etree

from scholion.bib.citing import MONTHS, Name, Work
from scholion.tei.elements import element
from scholion.text.model import Document, Note

EDITION = ("Generated from the raw text extract of the publication. Page furniture (running heads, page numbers, "
           "footers) is removed; nothing of the text is rewritten. Every paragraph keeps the stable id of its "
           "reading page (xml:id p14 is ¶14 at {url}#p14).")
HYPHENATION = ("A word hyphenated at a line end is joined when the text's own words or a word list show it was "
               "broken there; a hyphen that belongs to the word, or one in doubt, is kept.")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(meta: dict) -> str | None:
    """``source.yml``'s ``language`` when it is a language tag (``en``, ``pt-BR``), the only form TEI takes."""
    language = str(meta.get("language") or "").strip()
    return language if LANGUAGE_TAG.fullmatch(language) else None


def tei_header(work: Work, document: Document) -> etree._Element:
    header = element(None, "teiHeader")
    file_desc = element(header, "fileDesc")
    title_stmt = element(file_desc, "titleStmt")
    element(title_stmt, "title", work.title)
    for name in work.authors:
        _person(element(title_stmt, "author"), name)
    for note in document.notes.values():
        if note.status == "supplied":
            _supplier(title_stmt, note)
    _edition(element(file_desc, "editionStmt"), work)
    publication = element(file_desc, "publicationStmt")
    element(publication, "publisher", work.corpus or "the corpus")
    element(publication, "idno", work.url, type="URL")
    element(element(file_desc, "sourceDesc"), "bibl", type="original").extend(_original(work, document.meta))

    encoding = element(header, "encodingDesc")
    decisions = element(encoding, "editorialDecl")
    element(decisions, "p", EDITION.format(url=work.url))
    element(element(decisions, "hyphenation", eol="hard"), "p", HYPHENATION)
    for defect in defects(document):
        element(decisions, "p", defect)
    language = language_tag(document.meta)
    if language:
        element(element(element(header, "profileDesc"), "langUsage"), "language", ident=language)
    return header


def _edition(statement: etree._Element, work: Work) -> None:
    """``The edition of <title>Corpus</title>, version v1.2``."""
    edition = element(statement, "edition", "The edition of ")
    version = f", version {work.version}" if work.version else ""
    if work.corpus:
        element(edition, "title", work.corpus).tail = version
    else:
        edition.text += "this corpus" + version


def supplier_id(note: Note) -> str:
    """The ``xml:id`` of who supplied note ``note``'s text (its ``respStmt``), which the note's ``<supplied resp>`` names."""
    return f"supplied-{note.label}" if note.label != "*" else "supplied-star"


def _supplier(title_stmt: etree._Element, note: Note) -> None:
    statement = element(title_stmt, "respStmt", id=supplier_id(note))
    element(statement, "resp", f"supplied the text of note {note.label}, which the source extract lost, "
                               f"from {note.supplement.source}")
    element(statement, "name", note.supplement.added_by)


def defects(document: Document) -> list[str]:
    """What the extract lost, as ``source.yml`` describes it and as the text shows it (each place is a ``<gap>``)."""
    said = [str(document.meta["defects_description"])] if document.meta.get("defects_description") else []
    by_status: dict[str, list[str]] = {}
    for note in document.notes.values():
        by_status.setdefault(note.status, []).append(note.label)
    if by_status.get("missing"):
        said.append(f"The text of notes {_labels(by_status['missing'])} is not in the source extract: each is a note "
                    "holding only a gap.")
    if by_status.get("fragment"):
        said.append(f"Part of the text of notes {_labels(by_status['fragment'])} is not in the source extract: "
                    "[…] stands where it was lost.")
    if by_status.get("supplied"):
        said.append(f"The text of notes {_labels(by_status['supplied'])}, lost in the source extract, is supplied by "
                    "contributors: each is marked as supplied, with who supplied it and from where.")
    gaps = sum(1 for block in document.blocks if block.kind == "gap")
    if gaps:
        said.append(f"The source extract lost lines in {gaps} place{'s' if gaps != 1 else ''}, each a gap.")
    return said


def _labels(labels: list[str]) -> str:
    """``1–85``, ``56–61, 73``: runs of consecutive numbers as ranges."""
    numbers = sorted(int(label) for label in labels if label.isdigit())
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
    return ", ".join(parts + [label for label in labels if not label.isdigit()])


def _person(parent: etree._Element, name: Name) -> None:
    if not name.given:
        element(parent, "name", name.family)
        return
    person = element(parent, "persName")
    element(person, "forename", name.given).tail = " "
    element(person, "surname", name.family)


def _original(work: Work, meta: dict) -> list[etree._Element]:
    """The parts of the original's ``bibl``: authors, title, container, series, publisher, date, identifiers."""
    parts = []
    for name in work.authors:
        author = element(None, "author")
        _person(author, name)
        parts.append(author)
    in_journal = bool(meta.get("journal"))
    parts.append(element(None, "title", work.title, level="a" if in_journal else "m"))
    if in_journal:
        parts.append(element(None, "title", str(meta["journal"]), level="j"))
        parts += [element(None, "biblScope", str(meta[unit]), unit={"pages": "page"}.get(unit, unit))
                  for unit in ("volume", "issue", "pages") if meta.get(unit)]
    if work.series:
        series = element(None, "series")
        element(series, "title", work.series, level="s")
        if work.number:
            element(series, "biblScope", work.number, unit="issue")
        parts.append(series)
    if meta.get("publisher"):
        parts.append(element(None, "publisher", str(meta["publisher"])))
    if meta.get("affiliation"):
        parts.append(element(None, "orgName", str(meta["affiliation"]), role="affiliation"))
    if work.year:
        when = f"{work.year:04d}-{work.month:02d}" if work.month else f"{work.year:04d}"
        shown = f"{MONTHS[work.month - 1].capitalize()} {work.year}" if work.month else str(work.year)
        parts.append(element(None, "date", shown, when=when))
    if meta.get("doi"):
        parts.append(element(None, "idno", str(meta["doi"]), type="DOI"))
    if meta.get("url"):
        parts.append(element(None, "ptr", target=str(meta["url"]).strip()))
    return parts
