"""Separate a PDF extract's page furniture from its running text.

Works from the text's own evidence, never from per-text rules:

* a line that opens with a single space starts a new printed page;
* lines that repeat on several pages are running heads, and a bare number
  beside them is the printed page number;
* a run of lines starting with the next expected note number (``12 Casier …``),
  after a separator or at a page start, is a footnote block;
* a line holding only a URL that a note already gives is an echo of that note;
* ``Figure N:`` … ``Source: …`` is a figure caption;
* a lettered line (``a The crisis…``) in the expected letter order is an inline note.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from scholion.text.characters import SOFT_HYPHEN
from scholion.text.hyphens import Hyphenation, word_before


NUMBERED_NOTE = re.compile(r"^(\*|\d{1,3})\s+(\S.*)$")
LETTERED_NOTE = re.compile(r"^([a-z])\s+([A-Z“‘\"(].*)$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
FIGURE_START = re.compile(r"^Figure\s+\d+\s*:")
FIGURE_SOURCE = re.compile(r"^Source\s*:")
LETTER_ORDER = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Line:
    number: int
    text: str  # without the page-start space and trailing blanks
    page_start: bool  # the extract opened a new printed page here
    separator: bool = False  # a whitespace-only line (the extract's rule above footnotes)

    @property
    def blank(self) -> bool:
        return not self.text


ItemKind = Literal["text", "blank", "page_number", "figure", "url"]


@dataclass
class Item:
    """One element of the running flow after note blocks and running heads are gone."""

    kind: ItemKind
    lines: list[Line]

    @property
    def first(self) -> Line:
        return self.lines[0]


@dataclass
class RawNote:
    label: str
    lines: list[Line]
    fragment_of_previous: bool = False  # a page-opening piece whose note start was lost

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])


@dataclass
class Layout:
    items: list[Item]
    notes: list[RawNote]
    running_heads: list[Line] = field(default_factory=list)
    echoed_urls: list[Line] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """The extract's lines, each knowing whether a printed page starts there: after a form feed (what
    pdftotext writes between pages, at the start of a page's first line, alone, or at a line's end)
    or, in extracts without them, where a line opens with a single space. Words on both sides of a
    form feed inside a line become two lines with the same number."""
    lines = []
    after_form_feed = False
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\f")
        for index, piece in enumerate(pieces):
            if index:
                after_form_feed = True
            if len(pieces) > 1 and not piece.strip():
                continue  # nothing but the page break itself
            stripped = piece.rstrip()
            page_start = bool(stripped.strip()) and (after_form_feed or piece.startswith(" "))
            if stripped.strip():
                after_form_feed = False
            lines.append(Line(number, stripped.strip(), page_start, separator=bool(piece) and not piece.strip()))
    return lines


def clean_part(line: str) -> str:
    """One extracted line with tabs and runs of spaces made single spaces."""
    if "\t" not in line and "  " not in line:  # most lines: nothing to replace
        return line.strip()
    return _SPACE_RUN.sub(" ", line.replace("\t", " ")).strip()


_SPACE_RUN = re.compile(r" {2,}")


def glue(text: str, part: str, hyphenation: Hyphenation | None = None) -> str:
    """Append the cleaned line ``part`` to ``text``, mending the line break.

    A soft hyphen at the line's end marks a broken word: it goes. Any other line-end hyphen stays
    (``over-`` + ``dependence``) unless ``hyphenation`` says the word was broken there. A trailing
    dash or slash glues without a space.
    """
    if not text:
        return part
    if text.endswith(SOFT_HYPHEN):
        return text[:-1] + part
    if not text.endswith(("-", "—", "/")) or text.endswith((" -", " —")):
        return text + " " + part
    if hyphenation is not None and text.endswith("-"):
        right = re.match(r"\w+", part)
        if right and hyphenation.broken(word_before(text, len(text) - 1), right.group()):
            return text[:-1] + part
    return text + part


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines into one string (see :func:`glue`)."""
    text = ""
    for part in map(clean_part, parts):
        if part:
            text = glue(text, part)
    return text


def _running_heads(lines: list[Line]) -> set[int]:
    """Indices (in ``lines``) of running heads and the page numbers printed beside them."""
    counts = Counter(line.text for line in lines if line.text)
    repeated = {
        text
        for text, count in counts.items()
        if count >= 2 and len(text) >= 6 and not BARE_URL.match(text) and not NUMBERED_NOTE.match(text)
    }
    heads: set[int] = set()
    for index, line in enumerate(lines):
        if line.text not in repeated:
            continue
        heads.add(index)
        # A bare number within the next few lines is the printed page number.
        for offset, follower in enumerate(lines[index + 1 : index + 4], start=index + 1):
            if PAGE_NUMBER.match(follower.text):
                heads.add(offset)
                break
            if follower.text and follower.text not in repeated:
                break
    return heads


def _glued_number_before(text: str, label: str) -> bool:
    """Does ``text`` carry ``label`` glued to a word or punctuation, as a note marker is?"""
    glued = re.escape(label)
    # The label first, the character before it checked behind: a literal start lets the regex engine
    # skip through a long text to each occurrence of the label.
    return re.search(rf"{glued}(?:(?<=[^\s\d–\-/(€$]{glued})(?!\d)|(?<=\d{glued})(?=[\s,.;:)]|$))", text) is not None


class _NoteReader:
    """Reads footnote blocks in the expected label order, with lookahead for skips."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.last_label = 0
        self.notes: list[RawNote] = []

    def plausible_start(self, index: int, flow_text: str) -> bool:
        """Is line ``index`` the start of the next footnote (allowing lost ones)?"""
        match = NUMBERED_NOTE.match(self.lines[index].text)
        if not match:
            return False
        label = match.group(1)
        if label == "*":
            return not self.notes and "*" in flow_text
        number = int(label)
        if number == self.last_label + 1:
            return True
        if number <= self.last_label or number > self.last_label + 60:
            return False
        # A skip (the extract lost some notes) only counts when the marker was
        # seen in the body and the expected label does not follow in this block.
        if not _glued_number_before(flow_text, label):
            return False
        for later in self.lines[index + 1 : index + 12]:
            if later.page_start or later.blank:
                break
            later_match = NUMBERED_NOTE.match(later.text)
            if later_match and later_match.group(1).isdigit() and self.last_label < int(later_match.group(1)) < number:
                return False
        return True

    def start(self, index: int) -> RawNote:
        label = NUMBERED_NOTE.match(self.lines[index].text).group(1)
        if label.isdigit():
            self.last_label = int(label)
        note = RawNote(label, [self.lines[index]])
        self.notes.append(note)
        return note


def read_layout(text: str) -> Layout:
    """Split an extract into running-text items and raw footnotes."""
    lines = split_lines(text)
    heads = _running_heads(lines)
    reader = _NoteReader(lines)
    items: list[Item] = []
    running_heads: list[Line] = []
    flow_since_notes: list[str] = []
    expected_letter = 0
    index = 0

    def add(kind: ItemKind, line: Line) -> None:
        items.append(Item(kind, [line]))
        if kind == "text":
            flow_since_notes.append(line.text)

    while index < len(lines):
        line = lines[index]
        if index in heads:
            if PAGE_NUMBER.match(line.text):
                add("page_number", line)
            else:
                running_heads.append(line)
            index += 1
            continue
        # The text read so far, joined only where a footnote block can start.
        flow_text = " ".join(flow_since_notes) if line.separator or line.page_start else ""
        next_index = index + 1
        # A footnote block: after a separator, at a page start, or a page-opening
        # fragment directly followed by the next note.
        opens_block = False
        if line.separator and next_index < len(lines) and reader.plausible_start(next_index, flow_text):
            index = next_index
            opens_block = True
        elif line.page_start and reader.plausible_start(index, flow_text):
            opens_block = True
        elif (
            line.page_start
            and reader.notes
            and next_index < len(lines)
            and not lines[next_index].page_start
            and reader.plausible_start(next_index, flow_text)
            and (next_index + 1 >= len(lines) or lines[next_index + 1].page_start or lines[next_index + 1].blank)
        ):
            reader.notes.append(RawNote("", [line], fragment_of_previous=True))
            index = next_index
            opens_block = True
        if opens_block:
            index = _read_note_block(lines, index, reader, flow_text)
            flow_since_notes = [flow_text]
            continue
        # An inline lettered note, in letter order.
        letter_match = LETTERED_NOTE.match(line.text)
        previous = lines[index - 1] if index else None
        if (
            letter_match
            and expected_letter < len(LETTER_ORDER)
            and letter_match.group(1) == LETTER_ORDER[expected_letter]
            and (line.page_start or previous is None or previous.blank)
        ):
            note = RawNote(letter_match.group(1), [line])
            index += 1
            while index < len(lines) and not lines[index].blank and not lines[index].page_start:
                note.lines.append(lines[index])
                index += 1
            reader.notes.append(note)
            expected_letter += 1
            continue
        if FIGURE_START.match(line.text):
            figure = [line]
            index += 1
            while index < len(lines) and not lines[index].page_start:
                figure.append(lines[index])
                index += 1
                if FIGURE_SOURCE.match(figure[-1].text):
                    break
            items.append(Item("figure", figure))
            continue
        if BARE_URL.match(line.text):
            add("url", line)
        elif line.blank:
            add("blank", line)
        else:
            add("text", line)
        index += 1

    layout = Layout(items, reader.notes, running_heads=running_heads)
    _drop_echoed_urls(layout)
    return layout


def _read_note_block(lines: list[Line], index: int, reader: _NoteReader, flow_text: str) -> int:
    """Consume footnotes from ``index`` until the running text resumes."""
    note = reader.start(index)
    index += 1
    while index < len(lines):
        line = lines[index]
        if line.page_start:
            break
        if line.blank:
            # A separator inside a block (e.g. after the author note) keeps it open.
            if line.separator and index + 1 < len(lines) and reader.plausible_start(index + 1, flow_text):
                index += 1
                note = reader.start(index)
                index += 1
                continue
            break
        if reader.plausible_start(index, flow_text):
            note = reader.start(index)
        else:
            note.lines.append(line)
        index += 1
    return index


def _url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/.)")


def _drop_echoed_urls(layout: Layout) -> None:
    """URL lines that repeat a note's URL are extraction echoes; others stay as text."""
    note_urls = set()
    for note in layout.notes:
        for url in re.findall(r"(?:https?://|www\.)[^\s)]+", note.text):
            note_urls.add(_url_key(url))
    kept = []
    for item in layout.items:
        if item.kind == "url":
            if _url_key(item.first.text) in note_urls:
                layout.echoed_urls.append(item.first)
                continue
            item.kind = "text"
        kept.append(item)
    layout.items = kept
