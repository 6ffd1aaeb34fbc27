"""Annotations on a reading page: the quoted words highlighted, the annotations beside their paragraph.

* In the paragraph, the quoted words are wrapped in ``<mark class="annotation-quote">``
  (a *wrapping* span, so glossary tooltips and note links inside the quote stay)
  followed by a small ``a.annotation-ref`` link to the annotation.
* Before the paragraph comes ``<details class="annotations">`` (``annotation.html``) holding the
  paragraph's annotations and their count; ``annotations.css`` floats it into the
  right margin on wide screens, and shows it as a collapsible block on narrow ones.

Only escaped text and sanitized HTML (``Annotation.body_html``) reach the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from scholion.annotations.anchoring import Anchoring, Placement
from scholion.annotations.loading import Annotation
from scholion.html.escaping import escape
from scholion.html.pieces import PieceOffsets
from scholion.html.sanitising import tooltip_title
from scholion.html.spans import Span
from scholion.annotations.loading import annotation_id
from scholion.pages.templating import macro
from scholion.text.model import Block, Document

QUOTE_PRIORITY = 5  # wins over a tooltip it would cross; nests with the ones it encloses


def _ref_link(annotation: Annotation) -> str:
    label = f"{annotation.kind_label} by {annotation.author}"
    return (f'<a class="annotation-ref" href="#{annotation_id(annotation.id)}" title="{tooltip_title(label)}" '
            f'aria-label="Annotation: {escape(label)}">✎</a>')


@dataclass
class _Range:
    start: int
    end: int
    placements: list[Placement]


def _merge(placements: list[Placement]) -> list[_Range]:
    """Overlapping quotes of one paragraph become one highlight carrying several annotations."""
    ranges: list[_Range] = []
    for placement in sorted(placements, key=lambda p: (p.start, p.end)):
        if ranges and placement.start < ranges[-1].end:
            ranges[-1].end = max(ranges[-1].end, placement.end)
            ranges[-1].placements.append(placement)
        else:
            ranges.append(_Range(placement.start, placement.end, [placement]))
    return ranges


class AnnotationEnricher:
    """The ``Enricher`` of annotations for one reading page (make a new one per render)."""

    def __init__(self, document: Document, anchoring: Anchoring, *, index_url: str = "../annotations/") -> None:
        self.index_url = index_url
        self.by_paragraph = anchoring.by_paragraph()
        self.ranges = {pid: _merge(items) for pid, items in self.by_paragraph.items()}
        self.blocks: dict[str, Block] = {b.anchor: b for b in document.paragraphs if b.anchor}
        self.pieces = PieceOffsets(self.blocks[pid] for pid in self.by_paragraph if pid in self.blocks)

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        if not anchor or anchor not in self.ranges or not text:
            return []
        offset = self.pieces.offset(anchor, text)
        if offset is None:
            return []
        spans = []
        for quote in self.ranges[anchor]:
            low, high = max(quote.start, offset), min(quote.end, offset + len(text))
            if low >= high:
                continue
            ids = " ".join(annotation_id(p.annotation.id) for p in quote.placements)
            close = "</mark>"
            if quote.end <= offset + len(text):  # the quote ends in this piece: link to its annotations here
                close += "".join(_ref_link(p.annotation) for p in quote.placements)
            spans.append(Span(low - offset, high - offset, f'<mark class="annotation-quote" data-annotations="{ids}">',
                              close, priority=QUOTE_PRIORITY, wraps=True))
        return spans

    def note_spans(self, label: str, text: str) -> list[Span]:
        return []

    def before_paragraph(self, anchor: str) -> str:
        placements = self.by_paragraph.get(anchor)
        if not placements:
            return ""
        block = self.blocks.get(anchor)
        in_list = block is not None and block.kind == "list_item"
        return str(macro("annotation.html", "aside")(anchor, placements, self.index_url, in_list))

    def after_paragraph(self, anchor: str) -> str:
        return ""
