"""Resolving the notes of one text in reading order, each note by the registered citation forms."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from scholion.bib.citations.form import CitationForm
from scholion.bib.citations.forms.authordate import AuthorDate
from scholion.bib.citations.forms.documents import Documents
from scholion.bib.citations.forms.ibid import Ibid
from scholion.bib.citations.forms.organisations import Organisations
from scholion.bib.citations.forms.shortform import BareSurname, ShortForm
from scholion.bib.citations.forms.urls import Urls
from scholion.bib.citations.model import Citation
from scholion.bib.citations.reading import CitedSoFar, NoteReading
from scholion.bib.citations.registry import Registry
from scholion.bib.citations.segments import Segment, segments
from scholion.bib.entries import Bibliography
from scholion.problems import Problem

__all__ = ["Resolver", "citation_forms", "find_citations", "resolve_notes"]


def citation_forms(bib: Bibliography) -> Registry[CitationForm]:
    """The forms, highest priority first: a form skips words one before it has cited (``Ibid.`` is never a
    name; ``Hughes 2007`` is an author–date citation before ``Hughes`` can be a short form)."""
    forms: Registry[CitationForm] = Registry()
    forms.register(Ibid(), "ibid", 60)
    forms.register(AuthorDate(), "author-date", 50)
    forms.register(ShortForm(), "short-form", 40)
    forms.register(Documents(bib), "documents", 30)
    forms.register(Urls(bib), "urls", 20)
    forms.register(Organisations(bib), "organisations", 10)
    forms.register(BareSurname(), "bare-surname", 0)
    return forms


class Resolver:
    """Reads the notes of one text in order, remembering what each cited for the notes after it, with the
    forms registered when it is made."""

    def __init__(self, bib: Bibliography, forms: Registry[CitationForm] | None = None,
                 so_far: CitedSoFar | None = None) -> None:
        self.bib = bib
        forms = citation_forms(bib) if forms is None else forms
        self.forms = [form for form in forms if not form.fallback]
        self.fallbacks = [form for form in forms if form.fallback]
        self.so_far = CitedSoFar() if so_far is None else so_far

    def read(self, text: str) -> NoteReading:
        """The citations in the next note, and their problems."""
        reading = NoteReading(text, self.bib, self.so_far)
        for segment in segments(text):
            for form in self.forms:
                form.find(reading, segment)
        if not reading.citations:
            for form in self.fallbacks:
                form.find(reading, Segment.of(text, 0, len(text)))
        reading.citations.sort(key=lambda c: c.start)
        self.so_far.note_read(reading.citations, text)
        return reading


def find_citations(text: str, bib: Bibliography, previous: list[Citation] | None = None,
                   forms: Registry[CitationForm] | None = None) -> list[Citation]:
    """Citations in a single note text, with no earlier notes as context but ``previous`` (the note before,
    for Ibid.); ``forms`` to read with other forms than the usual ones."""
    return Resolver(bib, forms, CitedSoFar(previous=list(previous or []))).read(text).citations


def resolve_notes(
    notes: Sequence[tuple[str, str]], bib: Bibliography, context_file: Path
) -> tuple[dict[str, list[Citation]], list[Problem]]:
    """Resolve the citations in the notes of ONE text, given in reading order.

    Returns the citations per note label (notes that cite nothing map to an
    empty list) and a Problem for every unresolved or ambiguous citation
    (code ``citation.unresolved`` or ``citation.ambiguous``); each message
    names the note label and quotes the note text.
    """
    resolver = Resolver(bib)
    result: dict[str, list[Citation]] = {}
    problems: list[Problem] = []
    for label, text in notes:
        text = text or ""
        reading = resolver.read(text)
        result[label] = reading.citations
        shown = text if len(text) <= 200 else text[:197] + "…"
        for citation, message in reading.problems:
            problems.append(Problem(context_file, None, f"note {label}: {message} — note text: “{shown}”",
                                    code=f"citation.{citation.status}"))
    return result, problems
