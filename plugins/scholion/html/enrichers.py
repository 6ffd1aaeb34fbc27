"""Combine the enrichers of each feature (glossary, citations, annotations) into one."""
from __future__ import annotations

from scholion.html.spans import Span
from scholion.pages.render import Enricher


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
