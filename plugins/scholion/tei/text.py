"""A text's ``<text>``: its blocks as TEI, in reading order, with the reading page's ids.

- front matter and bylines before the first heading or paragraph: ``<front>`` (``<ab>`` each; later ones stay where they are);
- headings open nested ``<div>`` s by level, with their ``<head>``;
- body paragraphs: ``<p xml:id="p14" n="14">``; block quotations wrap theirs in ``<quote>``, list items
  in ``<item n="(a)">`` of a ``<list>`` (nested by depth); a retired id is an ``<anchor>`` at the start;
- a note stands at its first marker (``<note xml:id="n61" n="61">``; a later marker is a ``<ptr>`` to it),
  ``place="foot"`` or ``"end"`` when the extract had its text there; a note whose text the extract lost
  holds a ``<gap>``, one a contributor supplied a ``<supplied>`` naming them; a note with no marker in
  the text goes to ``<back>``;
- a printed page begins at ``<pb n="5"/>`` where form feeds show it (:func:`scholion.text.printed.page_beginnings`);
  a page number that stood in the flow is ``<fw type="pageNum">``;
- lines the extract lost: ``<gap reason="lost">`` with the declared note;
- figures and tables: ``<figure>`` with ``<head>``, the words kept from inside the image or the table's
  rows, and its source line; boxes and pull quotes: ``<floatingText>``;
- resolved citations in paragraphs and notes: ``<ref target="#bib-key">`` (:mod:`scholion.tei.bibliography`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from lxml import etree

from scholion.bib.citations.model import Citation
from scholion.tei.bibliography import bibl_id
from scholion.tei.elements import Point, Reference, append_text, element, write_run
from scholion.tei.header import supplier_id
from scholion.text.anchors import note_id
from scholion.text.model import Block, Document, Inline, Note, NoteRef, PageMark
from scholion.text.printed import page_beginnings

_FLOW = ("paragraph", "quote", "list_item", "heading", "front", "byline")  # blocks in the order of the page's lines
_NOTE_PLACES = {"footnotes": "foot", "endnotes": "end"}
_LOST = "Note text not in the source extract."


@dataclass
class TextParts:
    """What ``<text>`` is made of besides the document: the citations found in it and the retired ids."""

    by_paragraph: dict[str, list[Citation]] = field(default_factory=dict)
    by_note: dict[str, list[Citation]] = field(default_factory=dict)
    retired: dict[str, list[str]] = field(default_factory=dict)  # paragraph id → its former ids


def tei_text(document: Document, parts: TextParts) -> tuple[etree._Element, list[Note]]:
    """``<text>`` with ``<front>`` and ``<body>``, and the notes no marker placed (for ``<back>``)."""
    return _Writer(document, parts).write()


class _Writer:
    def __init__(self, document: Document, parts: TextParts) -> None:
        self.document, self.parts = document, parts
        self.place = _NOTE_PLACES.get(document.layout.get("notes", ""))
        self.placed: set[str] = set()  # labels of the notes written
        self.page_breaks = _page_break_places(document)
        self.text = element(None, "text")
        self.body = element(None, "body")
        self.divs: list[tuple[int, etree._Element]] = []  # the open divisions: (heading level, div)
        self.lists: list[tuple[int, etree._Element]] = []  # the open lists: (depth, list)

    def write(self) -> tuple[etree._Element, list[Note]]:
        blocks = self.document.blocks
        leading = next((index for index, block in enumerate(blocks) if block.kind not in ("front", "byline")), len(blocks))
        if leading:
            front = element(self.text, "front")
            for index in range(leading):
                self._breaks_before(front, index)
                self._loose_lines(front, blocks[index])
        self.text.append(self.body)
        for index in range(leading, len(blocks)):
            self._block(index, blocks[index])
        if not len(self.body):  # a text of front matter only: TEI wants a body with something in it
            element(self.body, "p")
        unplaced = [note for label, note in self.document.notes.items() if label not in self.placed]
        return self.text, unplaced

    # ------------------------------------------------------------ where a block goes

    def _container(self) -> etree._Element:
        return self.divs[-1][1] if self.divs else self.body

    def _block(self, index: int, block: Block) -> None:
        if block.kind != "list_item":
            self.lists.clear()
        if block.kind == "heading":
            while self.divs and self.divs[-1][0] >= block.level:
                self.divs.pop()
            self._breaks_before(self._container(), index)
            div = element(self._container(), "div")
            self.divs.append((block.level, div))
            self._run(element(div, "head"), block, index)
            return
        if block.kind == "list_item":
            parent = self._list(block.depth)
            self._breaks_before(parent, index)
            self._paragraph(element(parent, "item", n=block.label or None), block, index)
            return
        container = self._container()
        self._breaks_before(container, index)
        if block.kind == "paragraph":
            self._paragraph(container, block, index)
        elif block.kind == "quote":
            self._paragraph(element(container, "quote"), block, index)
        elif block.kind == "page":
            element(container, "fw", block.caption, type="pageNum")
        elif block.kind == "gap":
            gap = element(container, "gap", reason="lost", unit="line")
            if block.caption:
                element(gap, "desc", block.caption)
        elif block.kind == "figure":
            self._figure(container, block, index)
        elif block.kind == "table":
            self._table(container, block, index)
        elif block.kind in ("aside", "pull_quote"):
            self._floating(container, block, index)
        else:  # front matter or a byline after the body has begun: where it stood
            self._loose_lines(container, block)

    def _list(self, depth: int) -> etree._Element:
        """The list an item of ``depth`` goes in: a deeper one opens in the last item of the list above it."""
        while self.lists and self.lists[-1][0] > depth:
            self.lists.pop()
        if not self.lists:
            self.lists.append((depth, element(self._container(), "list")))
        elif self.lists[-1][0] < depth and len(self.lists[-1][1]):
            self.lists.append((depth, element(self.lists[-1][1][-1], "list")))
        return self.lists[-1][1]

    # ------------------------------------------------------------ blocks

    def _paragraph(self, parent: etree._Element, block: Block, index: int) -> None:
        anchor = block.anchor
        paragraph = element(parent, "p", id=anchor or None, n=anchor[1:] if anchor else None)
        retired = [Point(0, lambda at, old=old: element(at, "anchor", id=old)) for old in self.parts.retired.get(anchor, [])]
        self._run(paragraph, block, index, retired, _references(self.parts.by_paragraph.get(anchor, [])))

    def _loose_lines(self, parent: etree._Element, block: Block) -> None:
        """Front matter and bylines: their words, in an ``<ab>`` of their kind."""
        self._run(element(parent, "ab", type=block.kind), block, None)

    def _figure(self, parent: etree._Element, block: Block, index: int) -> None:
        figure = element(parent, "figure")
        if block.caption:
            element(figure, "head", block.caption)
        element(element(figure, "gap", reason="lost", unit="image"), "desc", "Image not in the source extract.")
        if block.content:
            inside = element(figure, "ab", type="figure-text")
            append_text(inside, block.content[0])
            for line in block.content[1:]:
                element(inside, "lb")
                append_text(inside, line)
        if block.inlines:
            self._run(element(figure, "p"), block, index)

    def _table(self, parent: etree._Element, block: Block, index: int) -> None:
        figure = element(parent, "figure", type="table")
        table = element(figure, "table")
        if block.caption:
            element(table, "head", block.caption)
        for number, row in enumerate(block.rows):
            made = element(table, "row", role="label" if number == 0 and len(block.rows) > 1 else None)
            for cell in row:
                self._inlines(element(made, "cell"), cell if isinstance(cell, list) else [cell], (), ())
        if block.inlines:
            self._run(element(figure, "p"), block, index)

    def _floating(self, parent: etree._Element, block: Block, index: int) -> None:
        """A box, or a pull quote (several blocks in a row when a blank line split it: one quote)."""
        previous = parent[-1] if len(parent) else None
        kind = "box" if block.kind == "aside" else "pullQuote"
        if kind == "pullQuote" and previous is not None and previous.get("type") == kind:
            body = previous[0]
        else:
            body = element(element(parent, "floatingText", type=kind), "body")
            if block.caption:
                element(body, "head", block.caption)
        self._run(element(body, "p"), block, index)

    # ------------------------------------------------------------ runs of text

    def _run(self, parent: etree._Element, block: Block, index: int | None, points: Sequence[Point] = (),
             references: Sequence[Reference] = ()) -> None:
        words = block.text
        # A word the page break cut in two is one word (``devel<pb break="no"/>opment``).
        breaks = [Point(offset, lambda at, n=number, within=_within_word(words, offset): element(
                      at, "pb", n=n, **{"break": "no" if within else None}))
                  for offset, number in self.page_breaks.get(index, [])] if index is not None else []
        self._inlines(parent, block.inlines, [*points, *breaks], references)

    def _inlines(self, parent: etree._Element, inlines: Sequence[Inline], points: Sequence[Point],
                 references: Sequence[Reference]) -> None:
        words, marks = _words_and_marks(inlines)
        made = [Point(offset, self._maker(mark)) for offset, mark in marks]
        write_run(parent, words, sorted([*points, *made], key=lambda point: point.offset), references)

    def _maker(self, mark: NoteRef | PageMark) -> Callable[[etree._Element], None]:
        if isinstance(mark, PageMark):
            return lambda at: element(at, "fw", mark.number, type="pageNum")
        return lambda at: self._note(at, mark.label)

    def _breaks_before(self, parent: etree._Element, index: int) -> None:
        for _, number in self.page_breaks.get(-index - 1, []):
            element(parent, "pb", n=number)

    def _note(self, parent: etree._Element, label: str) -> None:
        note = self.document.notes.get(label)
        if note is None:  # a marker the reader found with no note at all (a warning of the build): its label only
            element(parent, "ptr", type="noteAnchor", n=label)
        elif label in self.placed:
            element(parent, "ptr", type="noteAnchor", target=f"#{note_id(label)}")
        else:
            self.placed.add(label)
            write_note(parent, note, self.place, _references(self.parts.by_note.get(label, [])))


def write_note(parent: etree._Element, note: Note, place: str | None, references: Sequence[Reference]) -> None:
    """``<note xml:id n>``: its words with their citations, or a gap where the extract lost them, or the
    words a contributor supplied. ``place`` only for a note whose text the extract has where it had it."""
    status = note.status
    made = element(parent, "note", id=note_id(note.label), n=note.label, place=place if status in ("full", "fragment") else None,
                   type={"missing": "lost", "fragment": "fragment", "supplied": "supplied"}.get(status))
    if status == "missing":
        element(element(made, "gap", reason="lost"), "desc", _LOST)
    elif status == "supplied":
        write_run(element(made, "supplied", reason="lost", resp=f"#{supplier_id(note)}"), note.text, (), references)
    else:
        write_run(made, note.text, (), references)


def _references(citations: Sequence[Citation]) -> list[Reference]:
    """The resolved citations as references to their work's ``<bibl>`` (an ambiguous one stays words)."""
    return [Reference(citation.start, citation.end, " ".join(f"#{bibl_id(key)}" for key in citation.keys))
            for citation in citations if citation.status == "resolved" and citation.keys]


def _within_word(words: str, offset: int) -> bool:
    return 0 < offset < len(words) and words[offset - 1].isalnum() and words[offset].isalnum()


def _words_and_marks(inlines: Sequence[Inline]) -> tuple[str, list[tuple[int, NoteRef | PageMark]]]:
    """A block's words (:attr:`Block.text`) and where its markers and page marks stand in them."""
    words, marks = "", []
    for part in inlines:
        if isinstance(part, str):
            words += part
        else:
            marks.append((len(words), part))
    return words, marks


def _page_break_places(document: Document) -> dict[int, list[tuple[int, str | None]]]:
    """Where each printed page begins, by block: block index → (offset in its words, page number); an
    index ``-i - 1`` for a page that begins before block ``i``. A page begins before the first block of
    the flow with a line at or after its first line, or inside it at that line."""
    places: dict[int, list[tuple[int, str | None]]] = {}
    flow = [(index, block) for index, block in enumerate(document.blocks) if block.kind in _FLOW and block.source_lines]
    for line, number in page_beginnings(document):
        if line == 0 and number is None:
            continue  # the first page, unnumbered: nothing to say
        for index, block in flow:
            if min(block.source_lines) >= line:
                places.setdefault(-index - 1, []).append((0, number))
                break
            if max(block.source_lines) >= line:
                starts = [offset for offset, at in block.line_offsets if at >= line]
                places.setdefault(index, []).append((starts[0] if starts else len(block.text), number))
                break
    return places
