"""Citations across the corpus: notes and running text → bib entries, and entries → the notes and paragraphs
citing them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from scholion.bib.citations.body import read_running_text
from scholion.bib.citations.model import Citation, CitationStats
from scholion.bib.citations.resolve import resolve_notes
from scholion.bib.citations.spans import body_citation_spans, citation_spans
from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.labels import work_label
from scholion.html.pieces import PieceOffsets
from scholion.html.spans import Span
from scholion.text.model import Document, Note, NoteRef
from scholion.problems import Problem


@dataclass(frozen=True)
class BodyParagraph:
    """A body paragraph (a list item, a block quote) as citations are read in it."""

    anchor: str  # its id: "p12"
    text: str  # its words, without note markers (:attr:`scholion.text.model.Block.text`)
    lines: tuple[int, ...]  # the lines of source.txt it was read from


def body_paragraphs(document: Document) -> list[BodyParagraph]:
    """The body paragraphs of ``document`` that have an id, in reading order."""
    return [BodyParagraph(block.anchor, block.text, block.source_lines or (block.line,))
            for block in document.paragraphs if block.anchor]


@dataclass
class TextCitations:
    by_note: dict[str, list[Citation]]
    stats: CitationStats  # of the notes
    problems: list[Problem] = field(default_factory=list)
    by_paragraph: dict[str, list[Citation]] = field(default_factory=dict)  # offsets in the paragraph's text
    body_stats: CitationStats = field(default_factory=CitationStats)  # of the running text

    @property
    def keys(self) -> list[str]:
        """Cited bib keys in order of first citation, in the notes and then in the running text."""
        seen: dict[str, None] = {}
        for citations in [*self.by_note.values(), *self.by_paragraph.values()]:
            for citation in citations:
                if citation.status == "resolved":
                    seen.update(dict.fromkeys(citation.keys))
        return list(seen)


def cite_text(notes: Iterable[Note], bib: Bibliography, source_file: Path,
              body: Sequence[BodyParagraph] = ()) -> TextCitations:
    """The citations in a text's notes and in its running text (``body``)."""
    by_note, problems = resolve_notes([(n.label, n.text) for n in notes if n.status != "missing"], bib, source_file)
    stats = CitationStats.of(by_note)
    by_paragraph, body_problems = cite_running_text(body, bib, source_file, cites_in_notes=stats.found > 0)
    return TextCitations(by_note, stats, problems + body_problems, by_paragraph, CitationStats.of(by_paragraph))


def cite_running_text(body: Sequence[BodyParagraph], bib: Bibliography, source_file: Path,
                      cites_in_notes: bool = False) -> tuple[dict[str, list[Citation]], list[Problem]]:
    """The author–date citations of each paragraph, and a Problem (at its line in ``source_file``) for each that
    is ambiguous or unresolved.

    A text that cites in its notes (``cites_in_notes``) and resolves nothing in its running text does not cite
    there: what has the shape of an unknown citation in it is a place and a date (``(Afghanistan 1979)``), left
    unlinked and reported as a notice only."""
    readings = {paragraph.anchor: read_running_text(paragraph.text, bib) for paragraph in body}
    cites_in_body = any(c.status == "resolved" for reading in readings.values() for c in reading.citations)
    doubtful = cites_in_notes and not cites_in_body
    lines = _source_lines(source_file) if any(reading.problems for reading in readings.values()) else []
    by_paragraph: dict[str, list[Citation]] = {}
    problems: list[Problem] = []
    for paragraph in body:
        reading = readings[paragraph.anchor]
        left_out = {id(c) for c, _ in reading.problems if doubtful and c.status == "unresolved"}
        by_paragraph[paragraph.anchor] = [c for c in reading.citations if id(c) not in left_out]
        for citation, message in reading.problems:
            line = _line_of(paragraph, citation.start, lines)
            if id(citation) in left_out:
                problems.append(Problem(source_file, line, f"¶{paragraph.anchor[1:]}: not read as a citation, since "
                                        f"this text cites in its notes: {message}", code="citation.doubtful",
                                        severity="info"))
            else:
                problems.append(Problem(source_file, line, f"¶{paragraph.anchor[1:]}: {message}",
                                        code=f"citation.{citation.status}"))
    return by_paragraph, problems


def _source_lines(source_file: Path) -> list[str]:
    try:
        return Path(source_file).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def _line_of(paragraph: BodyParagraph, offset: int, lines: list[str]) -> int:
    """The line of source.txt holding ``paragraph.text[offset]``: the one where as many words as stand before it
    in the paragraph have gone by (near enough: a hyphen joined at a line's end counts one word twice)."""
    words_before = len(paragraph.text[:offset].split())
    counted = 0
    for number in paragraph.lines:
        counted += len(lines[number - 1].split()) if 0 < number <= len(lines) else 0
        if counted > words_before:
            return number
    return paragraph.lines[-1] if lines else paragraph.lines[0]


def note_paragraphs(document: Document) -> dict[str, str]:
    """Note label → id of the paragraph whose text carries its marker."""
    where: dict[str, str] = {}
    for block in document.paragraphs:
        for part in block.inlines:
            if isinstance(part, NoteRef):
                where.setdefault(part.label, block.anchor)
    return where


def short_title(document: Document) -> str:
    """``Romano 2021``: the text's authors' last names and its year (its slug when it names no author)."""
    authors = document.meta.get("authors") or [document.slug]
    return work_label([str(author).split()[-1] for author in authors], str(document.meta.get("year", "")), listed=2)


@dataclass(frozen=True)
class CitingNote:
    """A place of a text that cites a work, what the bibliography links back to: a note, or the running text of a
    paragraph (``label`` empty)."""

    slug: str  # the citing text
    name: str  # its short name: "Romano 2021"
    title: str  # its title
    label: str  # the note's label: "26", "*"; "" for a paragraph's running text
    paragraph: str | None  # id of the paragraph whose text carries the note's marker, or cites the work


def _resolved_keys(citations: list[Citation]) -> list[str]:
    return sorted({key for citation in citations if citation.status == "resolved" for key in citation.keys})


def cited_entries(citations: TextCitations, bibliography: Bibliography) -> list[BibEntry]:
    """The works of the bibliography a text cites, in the bibliography's order."""
    return sorted((bibliography.entries[key] for key in citations.keys if key in bibliography.entries),
                  key=lambda entry: entry.sort_key)


def cited_by(texts: list[tuple[Document, TextCitations]]) -> dict[str, list[CitingNote]]:
    """Bib key → every note, then every paragraph, that cites it, in corpus and reading order."""
    links: dict[str, list[CitingNote]] = {}
    for document, citations in texts:
        where = note_paragraphs(document)
        name, title = short_title(document), str(document.meta.get("title", ""))
        for label, found in citations.by_note.items():
            for key in _resolved_keys(found):
                links.setdefault(key, []).append(CitingNote(document.slug, name, title, label, where.get(label)))
        for anchor, found in citations.by_paragraph.items():
            for key in _resolved_keys(found):
                links.setdefault(key, []).append(CitingNote(document.slug, name, title, "", anchor))
    return links


class CitationEnricher:
    """Links each citation in a note or in the running text to its bibliography entry."""

    def __init__(self, citations: TextCitations, bib: Bibliography, bibliography_url: str,
                 document: Document | None = None) -> None:
        self.citations, self.bib, self.url = citations, bib, bibliography_url
        cited = [block for block in (document.paragraphs if document else []) if citations.by_paragraph.get(block.anchor)]
        self.pieces = PieceOffsets(cited)

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        found = self.citations.by_paragraph.get(anchor) if anchor else None
        offset = self.pieces.offset(anchor, text) if found else None
        if offset is None:
            return []
        return body_citation_spans(found, self.bib, self.url, offset, offset + len(text))

    def note_spans(self, label: str, text: str) -> list[Span]:
        return citation_spans(self.citations.by_note.get(label, []), self.bib, self.url)

    def after_paragraph(self, anchor: str) -> str:
        return ""
