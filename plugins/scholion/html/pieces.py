"""Where each text piece of a paragraph starts in the paragraph's text.

A reading page asks an enricher for the spans of one piece at a time (the words between note markers and
page marks); what a feature found over the whole paragraph (an annotation's quote, a citation) is cut to
the piece by its offset.
"""
from __future__ import annotations

from typing import Iterable

from scholion.text.model import Block

__all__ = ["PieceOffsets"]


class PieceOffsets:
    """The pieces of some paragraphs, by paragraph id. Pieces are asked for in reading order; one asked for
    again (the same words twice in a paragraph) is the next one along."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.pieces: dict[str, list[tuple[int, str]]] = {}
        self.cursor: dict[str, int] = {}
        for block in blocks:
            offset, pieces = 0, []
            for part in block.inlines:
                if isinstance(part, str):
                    pieces.append((offset, part))
                    offset += len(part)
            self.pieces[block.anchor] = pieces

    def offset(self, anchor: str, text: str) -> int | None:
        """Where the piece ``text`` of paragraph ``anchor`` starts in its text, or None if it has no such piece."""
        pieces = self.pieces.get(anchor, [])
        start = self.cursor.get(anchor, 0)
        for index in list(range(start, len(pieces))) + list(range(0, start)):
            offset, piece = pieces[index]
            if piece == text:
                self.cursor[anchor] = index + 1
                return offset
        return None
