"""What a citation form is: one way notes cite a work, looked for in each segment of a note."""
from __future__ import annotations

from typing import Protocol

from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment

__all__ = ["CitationForm"]


class CitationForm(Protocol):
    """``find`` adds to ``reading`` each citation of this form in ``segment``, leaving out words a form of
    higher priority cited already. A ``fallback`` form is given the whole note as one segment, and only
    when no other form found anything in it."""

    fallback: bool

    def find(self, reading: NoteReading, segment: Segment) -> None: ...
