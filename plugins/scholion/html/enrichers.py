"""What each feature (glossary, citations, annotations) adds to a reading page, and all of them at once."""
from __future__ import annotations

from typing import Protocol

from scholion.html.spans import Span


class Enricher(Protocol):
    """What other steps add to a reading page.

    ``body_spans``: links inside a body paragraph, heading or caption (glossary
    tooltips, annotation highlights); ``anchor`` is the paragraph id or "".
    ``note_spans``: links inside a note (citations, glossary tooltips).
    ``after_paragraph``: HTML placed right after paragraph ``anchor``.
    Optional ``before_paragraph(anchor)``: HTML placed right before it (annotation
    margin notes, which must precede their paragraph to float beside it).
    """

    def body_spans(self, anchor: str, text: str) -> list[Span]: ...

    def note_spans(self, label: str, text: str) -> list[Span]: ...

    def after_paragraph(self, anchor: str) -> str: ...


class PlainText:
    """Adds nothing: the text as the extract has it."""

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        return []

    def note_spans(self, label: str, text: str) -> list[Span]:
        return []

    def after_paragraph(self, anchor: str) -> str:
        return ""


class Combined:
    def __init__(self, *parts: Enricher) -> None:
        self.parts = parts

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        return [span for part in self.parts for span in part.body_spans(anchor, text)]

    def note_spans(self, label: str, text: str) -> list[Span]:
        return [span for part in self.parts for span in part.note_spans(label, text)]

    def after_paragraph(self, anchor: str) -> str:
        return "".join(part.after_paragraph(anchor) for part in self.parts)

    def before_paragraph(self, anchor: str) -> str:
        return "".join(part.before_paragraph(anchor) for part in self.parts if hasattr(part, "before_paragraph"))
