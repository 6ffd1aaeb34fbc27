"""Citations across the corpus: notes → bib entries, and entries → the notes and paragraphs citing them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from scholion.bib.citations.model import Citation, CitationStats
from scholion.bib.citations.resolve import resolve_notes
from scholion.bib.citations.spans import citation_spans
from scholion.bib.entries import Bibliography
from scholion.bib.labels import work_label
from scholion.html.spans import Span
from scholion.text.model import Document, Note, NoteRef
from scholion.problems import Problem


@dataclass
class TextCitations:
    by_note: dict[str, list[Citation]]
    stats: CitationStats
    problems: list[Problem] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Cited bib keys in order of first citation."""
        seen: dict[str, None] = {}
        for citations in self.by_note.values():
            for citation in citations:
                if citation.status == "resolved":
                    seen.update(dict.fromkeys(citation.keys))
        return list(seen)


def cite_text(notes: Iterable[Note], bib: Bibliography, source_file) -> TextCitations:
    """The citations in a text's notes."""
    by_note, problems = resolve_notes([(n.label, n.text) for n in notes if n.status != "missing"], bib, source_file)
    return TextCitations(by_note, CitationStats.of(by_note), problems)


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
    """A note of a text that cites a work: what the bibliography links back to."""

    slug: str  # the citing text
    name: str  # its short name: "Romano 2021"
    title: str  # its title
    label: str  # the note's label: "26", "*"
    paragraph: str | None  # id of the paragraph whose text carries the note's marker


def cited_by(texts: list[tuple[Document, TextCitations]]) -> dict[str, list[CitingNote]]:
    """Bib key → every note that cites it, in corpus and note order."""
    links: dict[str, list[CitingNote]] = {}
    for document, citations in texts:
        where = note_paragraphs(document)
        name, title = short_title(document), str(document.meta.get("title", ""))
        for label, found in citations.by_note.items():
            keys = {key for citation in found if citation.status == "resolved" for key in citation.keys}
            for key in sorted(keys):
                links.setdefault(key, []).append(CitingNote(document.slug, name, title, label, where.get(label)))
    return links


class CitationEnricher:
    """Links each citation inside a note to its bibliography entry."""

    def __init__(self, citations: TextCitations, bib: Bibliography, bibliography_url: str) -> None:
        self.citations, self.bib, self.url = citations, bib, bibliography_url

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        return []

    def note_spans(self, label: str, text: str) -> list[Span]:
        return citation_spans(self.citations.by_note.get(label, []), self.bib, self.url)

    def after_paragraph(self, anchor: str) -> str:
        return ""
