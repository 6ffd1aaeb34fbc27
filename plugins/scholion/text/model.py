"""Plain data shared by the pipeline steps (ingest → notes → anchors → render)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union


@dataclass(frozen=True)
class NoteRef:
    """A note marker found in running text (``relations”1`` → label ``1``)."""

    label: str
    line: int


@dataclass(frozen=True)
class PageMark:
    """Where the printed page ``number`` begins inside a paragraph."""

    number: str


Inline = Union[str, NoteRef, PageMark]

BlockKind = Literal[
    "paragraph", "quote", "heading", "list_item", "figure", "table", "aside", "pull_quote", "page", "gap",
    "byline", "front",
]


# Pages about the whole corpus (overview, glossary) give each text its own column or paragraph list
# up to this many texts; above it they count over the corpus and link each text once, so a page
# stays readable and does not carry every paragraph link of hundreds of texts.
SIDE_BY_SIDE_MAX_TEXTS = 12


@dataclass
class Block:
    """One unit of the reading page, in reading order.

    ``paragraph``, ``quote`` (a block quotation) and ``list_item`` blocks are body paragraphs: they get ``p<N>`` ids.
    ``page`` marks where a printed page number stood; ``gap`` marks lines the
    extract lost (declared in source.yml). ``aside`` is a box or sidebar set apart from the paragraph it
    interrupted; ``front`` is front matter (journal line, affiliation, DOI…) shown apart from the body.
    """

    kind: BlockKind
    inlines: list[Inline]
    line: int
    level: int = 2  # heading level
    caption: str = ""  # figures and tables: caption; page: the printed number; gap: the note
    anchor: str = ""  # filled by the anchors step for body paragraphs
    depth: int = 1  # list items: nesting depth as the extract shows it
    label: str = ""  # list items: the enumerator as printed (``(a)``, ``ii.``), empty for bullets
    rows: list[list[str | list[Inline]]] = field(default_factory=list)  # tables: cells row by row (a cell with a note marker: its inlines)
    content: list[str] = field(default_factory=list)  # figures: the words kept from inside the image, line by line
    source_lines: tuple[int, ...] = ()  # the extract's lines it was read from
    line_offsets: tuple[tuple[int, int], ...] = ()  # (offset in ``text``, line of the extract) where each line begins

    @property
    def text(self) -> str:
        """The words of the block without note markers."""
        return "".join(part for part in self.inlines if isinstance(part, str))

    @property
    def is_body(self) -> bool:
        return self.kind in ("paragraph", "quote", "list_item")


# supplied: missing from the extract, its text supplied by a contributor (``scholion.text.supplements``)
NoteStatus = Literal["full", "fragment", "missing", "supplied"]


@dataclass(frozen=True)
class Supplement:
    """Where a supplied note's words come from."""

    source: str
    added_by: str
    line: int  # of its entry in supplied_notes.yml


@dataclass(frozen=True)
class Reference:
    """One entry of the text's reference list, as a reader reads it: its lines joined as body text's
    are (page furniture left out), and the extract's lines it was read from."""

    text: str
    lines: tuple[int, ...]


@dataclass
class Note:
    label: str
    text: str
    line: int | None
    status: NoteStatus = "full"
    source_lines: tuple[int, ...] = ()  # the extract's lines it was read from
    supplement: Supplement | None = None  # where a supplied note's text comes from


@dataclass
class Document:
    """A cleaned source text ready for anchoring and rendering."""

    slug: str
    meta: dict
    blocks: list[Block]
    notes: dict[str, Note]
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    set_aside: dict[int, str] = field(default_factory=dict)  # line number → what it was (running head, page number…)
    layout: dict[str, str] = field(default_factory=dict)  # what the reader found: page breaks, furniture, notes, markers
    references: list[Reference] = field(default_factory=list)  # the reference list, back matter apart from the body
    page_starts: list[int] = field(default_factory=list)  # the lines a printed page starts on, where form feeds show it
    page_numbers: dict[int, str] = field(default_factory=dict)  # line → the page number printed alone on it

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.is_body]
