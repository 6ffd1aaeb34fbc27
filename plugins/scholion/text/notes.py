"""Find note markers in running text by their expected order and pair them with note bodies.

A bare regex cannot tell ``CIS61`` (``CIS`` + note 61) from ``SALT1`` (an arms
treaty) or ``G-813`` (``G-8`` + note 13): only the expected next label can.
Markers are read in reading order, each run of glued digits offering the
labels its suffixes spell; the one equal to the next expected label wins.
Figures are floats, so the labels their ``Source:`` lines carry are taken
out of the sequence first.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from scholion.text.layout import FROM_SUPERSCRIPT, SUPERSCRIPTS, Layout, Line, RawNote, clean_part, glue, note_start
from scholion.text.anomalies import note_in_body
from scholion.text.hyphens import Hyphenation, word_before
from scholion.text.model import Block, Document, Inline, Note, NoteRef, PageMark
from scholion.problems import Problem
from scholion.text.sourcemeta import SourceMeta

# A run of digits glued to what is before it. The first digit comes first and what precedes it is
# checked behind: the engine then skips from digit to digit (``(?<=\S)\d…`` tried every character).
DIGIT_RUN = re.compile(r"(\d(?<=\S\d)\d{0,2}(?:,\d{1,3})*)(?=[\s,.;:)\]”’]|$)")
NOT_GLUE = set("–-/(€$£%+=")
_SUPERSCRIPT_DIGITS = set(SUPERSCRIPTS)
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?(?=\s)")
_NOT_RUNNING = ("figure", "table", "gap", "page", "pull_quote", "front")  # blocks whose numbers are never markers
# A marker set as a superscript (``reform.³``) or in brackets (``reform [12]``, ``reform.[12]``).
EXPLICIT_MARKER = re.compile(rf"(?P<superscript>[{SUPERSCRIPTS[1:]}][{SUPERSCRIPTS}]{{0,2}})|\s?\[(?P<bracketed>[1-9]\d{{0,2}})\]")
# How far ahead of the expected label a marker may jump when the extract lost some.
MAX_SKIP = 3


@dataclass
class Text:
    """A block's joined text with the source line each character came from."""

    value: str
    starts: list[tuple[int, int]]  # (offset in value, source line number)
    page_offsets: list[tuple[int, str]]

    @cached_property
    def _offsets(self) -> list[int]:
        return [start for start, _ in self.starts]

    def line_at(self, offset: int) -> int:
        """The line of the last start at or before ``offset`` (the first line before any)."""
        return self.starts[max(bisect_right(self._offsets, offset) - 1, 0)][1]


def _join(lines: list[Line], hyphenation: Hyphenation, page_marks: list[tuple[int, str]] = ()) -> Text:
    value = ""
    starts: list[tuple[int, int]] = []
    page_offsets: list[tuple[int, str]] = []
    marks = dict(page_marks)
    for index, line in enumerate(lines):
        part = clean_part(line.text)
        if not part:
            continue
        value = glue(value, part, hyphenation)
        offset = len(value) - len(part)
        if index in marks:
            page_offsets.append((offset, marks[index]))
        starts.append((offset, line.number))
    return Text(value, starts or [(0, lines[0].number if lines else 0)], page_offsets)


def _token_before(text: str, end: int) -> str:
    """The non-space characters glued to the left of ``text[end]``."""
    before = text[:end]
    return "" if not before or before[-1].isspace() else before.rsplit(None, 1)[-1]


def _float_labels(text: str) -> list[str]:
    match = re.search(r"(?<=[^\s\d])(\d{1,3})\s*$", text)
    return [match.group(1)] if match else []


@dataclass
class _Marker:
    block: int
    start: int
    end: int
    label: str


def _explicit_style(texts: list[Text], kinds: list[str]) -> bool:
    """Does the text set its markers as superscripts or in brackets (markers 1 and 2 so set)? Then digits
    glued to words are never markers: they are decimals, years, model numbers."""
    everything = "".join(text.value for text in texts)
    if "[" not in everything and not _SUPERSCRIPT_DIGITS & set(everything):
        return False
    labels = set()
    for text, kind in zip(texts, kinds):
        if kind in _NOT_RUNNING and "[" not in text.value and not _SUPERSCRIPT_DIGITS & set(text.value):
            continue
        for match in EXPLICIT_MARKER.finditer(text.value):
            labels.add((match.group("superscript") or "").translate(FROM_SUPERSCRIPT) or match.group("bracketed"))
    return {"1", "2"} <= labels


def _scan_numbers(texts: list[Text], kinds: list[str], floats: set[int]) -> tuple[list[_Marker], list[str]]:
    """Markers in reading order, and the labels that were skipped."""
    explicit_only = _explicit_style(texts, kinds)
    markers: list[_Marker] = []
    skipped: list[str] = []
    expected = 1

    def advance(after: int) -> int:
        nxt = after + 1
        while nxt in floats:
            nxt += 1
        return nxt

    while expected in floats:
        expected += 1
    for block_index, text in enumerate(texts):
        if kinds[block_index] in _NOT_RUNNING:
            continue
        runs = [*DIGIT_RUN.finditer(text.value), *EXPLICIT_MARKER.finditer(text.value)] if "[" in text.value or (
            _SUPERSCRIPT_DIGITS & set(text.value)) else DIGIT_RUN.finditer(text.value)
        section_number = SECTION_NUMBER.match(text.value)  # ``2.1 Ports``: a heading's number, never a marker
        for match in sorted(runs, key=lambda m: m.start()) if isinstance(runs, list) else runs:
            if explicit_only and match.re is not EXPLICIT_MARKER:
                continue
            if section_number and match.start() < section_number.end():
                continue
            if match.re is EXPLICIT_MARKER:
                # A superscript or a bracketed number is a marker by its shape: only the sequence decides.
                label = (match.group("superscript") or "").translate(FROM_SUPERSCRIPT) or match.group("bracketed")
                if not expected <= int(label) <= expected + MAX_SKIP:
                    continue
                while expected < int(label):
                    skipped.append(str(expected))
                    expected = advance(expected)
                markers.append(_Marker(block_index, match.start(), match.end(), label))
                expected = advance(expected)
                continue
            run = match.group(1)
            if "," in run:
                labels = run.split(",")
                if int(labels[0]) != expected or text.value[match.start() - 1] in NOT_GLUE:
                    continue
                offset = match.start()
                for label in labels:
                    if int(label) != expected:
                        break
                    # The comma between two markers belongs to the markers, not to the text.
                    start = offset - 1 if offset > match.start() else offset
                    markers.append(_Marker(block_index, start, offset + len(label), label))
                    offset += len(label) + 1
                    expected = advance(expected)
                continue
            found = None
            for cut in range(len(run)):
                candidate = run[cut:]
                if candidate.startswith("0"):
                    continue
                before = text.value[match.start() + cut - 1]
                if cut == 0 and (before in NOT_GLUE or before.isdigit()):
                    continue  # ``46``: the run starts inside a number, whose digits are not markers
                if cut == 0 and before == "." and _decimal(text.value, match.start(), match.end()):
                    continue
                if cut > 0 and not re.search(r"[^\W\d_]", _token_before(text.value, match.start())):
                    continue  # ``1991`` is a year, not ``199`` + marker 1: the prefix must be part of a word like ``G-8``
                value = int(candidate)
                if value == expected or (expected < value <= expected + MAX_SKIP and cut == 0):
                    found = (cut, candidate)
                    break
            if found is None:
                continue
            cut, candidate = found
            while expected < int(candidate):
                skipped.append(str(expected))
                expected = advance(expected)
            start = match.start() + cut
            markers.append(_Marker(block_index, start, match.end(), candidate))
            expected = advance(expected)
    return markers, skipped


def _decimal(text: str, start: int, end: int) -> bool:
    """Is the run at ``start:end``, after a point, the fraction of a decimal (``USD 2.3 billion``,
    ``3.5 per cent``)? After a number and a point, a marker ends its paragraph or a sentence follows it."""
    if start < 2 or not text[start - 2].isdigit():
        return False
    following = text[end:].lstrip()
    return bool(following) and not following[:1].isupper() and following[:1] not in "“‘\"'([("


def _scan_letters(texts: list[Text], kinds: list[str], lettered: list[RawNote], vocabulary: set[str], counts: Counter[str]) -> tuple[list[_Marker], list[RawNote]]:
    """Lettered markers: the letter glued to punctuation (``crisis.a``) or to a word
    that only occurs with it here (``Eastb`` where ``East`` is a word of the text)."""
    markers: list[_Marker] = []
    unmatched: list[RawNote] = []
    floor = (0, 0)
    for note in lettered:
        letter = note.label
        best: _Marker | None = None
        # The letter first, what it is glued to checked behind: the engine then skips from letter to letter.
        glued = re.escape(letter)
        pattern = re.compile(rf"{glued}(?<=[.,;:”’)\w]{glued})(?=[\s,.;:]|$)")
        for block_index, text in enumerate(texts):
            if kinds[block_index] in _NOT_RUNNING:
                continue
            for match in pattern.finditer(text.value):
                if text.line_at(match.start()) >= note.lines[0].number or (block_index, match.start()) <= floor:
                    continue
                word = word_before(text.value, match.start())
                if word:
                    whole = (word + letter).lower()
                    if counts.get(whole, 0) > 1 or word.lower() not in vocabulary:
                        continue
                best = _Marker(block_index, match.start(), match.end(), letter)
        if best is None:
            unmatched.append(note)
            continue
        floor = (best.block, best.start)
        markers.append(best)
    return markers, unmatched


def attach_notes(drafts: list, layout: Layout, meta: SourceMeta, path: Path, hyphenation: Hyphenation) -> Document:
    problems: list[Problem] = []
    kinds = [d.kind for d in drafts]
    texts = [
        Text("", [(0, d.lines[0].number)], []) if d.kind in ("gap", "page") else _join(d.lines, hyphenation, d.page_marks)
        for d in drafts
    ]

    floats: set[int] = set()
    float_markers: list[_Marker] = []
    for index, draft in enumerate(drafts):
        if draft.kind in ("figure", "table"):
            for label in _float_labels(texts[index].value):
                floats.add(int(label))
                start = len(texts[index].value.rstrip()) - len(label)
                float_markers.append(_Marker(index, start, start + len(label), label))

    markers, skipped = _scan_numbers(texts, kinds, floats)
    lettered = [n for n in layout.notes if n.label.isalpha()]
    counts: Counter[str] = Counter()  # how often each word occurs: only lettered markers need it
    for text in texts if lettered else ():
        counts.update(_WORD_RUN.findall(text.value.lower()))
    letter_markers, unmatched_letters = _scan_letters(texts, kinds, lettered, hyphenation.words, counts)
    star = []
    for index, draft in enumerate(drafts):
        if draft.kind == "byline" and texts[index].value.rstrip().endswith("*"):
            position = texts[index].value.rstrip().rindex("*")
            star.append(_Marker(index, position, position + 1, "*"))
    all_markers = sorted(markers + float_markers + letter_markers + star, key=lambda m: (m.block, m.start))

    table_markers = _table_markers(drafts, hyphenation.words)
    notes = _note_bodies(layout.notes + [note for draft in drafts for note in draft.notes], hyphenation, meta, path, problems)
    blocks = _blocks(drafts, texts, all_markers)
    for index, refs in table_markers.items():
        blocks[index].rows = _rows_with_markers(drafts[index], refs)
    # A table's note is marked in each cell it qualifies: one marker of it counts.
    all_markers += [_Marker(index, 0, 0, label) for index, refs in table_markers.items()
                    for label in dict.fromkeys(ref.label for ref in refs.values())]

    marker_labels = [m.label for m in all_markers]
    drafted = {line.number: line.text for draft in drafts for line in draft.lines}
    seen: set[str] = set()
    for marker in all_markers:
        line = texts[marker.block].line_at(marker.start)
        if marker.label in seen:
            problems.append(Problem(path, line, f"note marker {marker.label} appears twice"))
        seen.add(marker.label)
        if marker.label in notes:
            continue
        if marker.label in meta.missing_notes:
            notes[marker.label] = Note(marker.label, "", None, "missing")
        elif (in_body := note_in_body(blocks, marker.label, drafted)) is not None:
            problems.append(Problem(path, line, f"note marker {marker.label} has no note, but line {in_body} opens as "
                                    f"note {marker.label} does: the notes were read as body text (under a heading the "
                                    "reader does not know?)", "notes.note-in-body"))
        else:
            problems.append(Problem(path, line, f"note marker {marker.label} has no note text in the extract; "
                                    "declare it under defects.missing_notes in source.yml if the extract lost it",
                                    "notes.marker-without-note"))
    for label in skipped:
        problems.append(Problem(path, None, f"note marker {label} was not found in the running text (markers jump past it)"))
    for note in unmatched_letters:
        problems.append(Problem(path, note.lines[0].number, f"lettered note {note.label} has no marker in the text before it"))
    for label, note in list(notes.items()):
        if label not in seen and note.status != "missing":
            problems.append(Problem(path, note.line, f"orphan note {label}: no marker in the text points to it"))
    for label in sorted(meta.missing_notes - seen, key=_label_key):
        problems.append(Problem(meta.file, meta.line_of("defects"), f"defects.missing_notes lists {label}, but the text has no such marker"))
    for label in sorted(meta.missing_notes & {l for l, n in notes.items() if n.status != "missing"}, key=_label_key):
        problems.append(Problem(meta.file, meta.line_of("defects"), f"defects.missing_notes lists {label}, but the extract has its text"))

    ordered = dict(sorted(notes.items(), key=lambda item: marker_labels.index(item[0]) if item[0] in marker_labels else 10_000))
    document = Document(meta.slug, _meta_dict(meta), blocks, ordered, problems)
    document.stats.update(
        paragraphs=len(document.paragraphs),
        markers=len(all_markers),
        notes_linked=sum(1 for m in all_markers if m.label in notes and notes[m.label].status != "missing"),
        notes_missing=sum(1 for n in ordered.values() if n.status == "missing"),
        notes_fragment=sum(1 for n in ordered.values() if n.status == "fragment"),
        # A pull quote split by a blank line is several blocks in a row but one quote.
        pull_quotes=sum(1 for i, kind in enumerate(kinds) if kind == "pull_quote" and (i == 0 or kinds[i - 1] != "pull_quote")),
        figures=kinds.count("figure"),
        lost_line_gaps=kinds.count("gap"),
    )
    return document


_WORD_RUN = re.compile(r"\w+")


def _label_key(label: str) -> tuple[int, str]:
    return (int(label), "") if label.isdigit() else (10_000, label)


def _meta_dict(meta: SourceMeta) -> dict:
    return {"title": meta.title, "authors": meta.authors, "year": meta.year, **meta.fields,
            "defects_description": meta.defects_description}


def _note_bodies(raw_notes: list[RawNote], hyphenation: Hyphenation, meta: SourceMeta, path: Path, problems: list[Problem]) -> dict[str, Note]:
    notes: dict[str, Note] = {}
    for index, raw in enumerate(raw_notes):
        if raw.fragment_of_previous:
            following = next((n for n in raw_notes[index + 1 :] if n.label.isdigit()), None)
            if following is None:
                problems.append(Problem(path, raw.lines[0].number, "note fragment with no note after it"))
                continue
            label = str(int(following.label) - 1)
            piece = _join(raw.lines, hyphenation).value
            if label in notes:
                notes[label].text += " […] " + piece
            else:
                notes[label] = Note(label, "[…] " + piece, raw.lines[0].number, "fragment")
            notes[label].source_lines += tuple(line.number for line in raw.lines)
            if label not in meta.fragment_notes:
                problems.append(Problem(path, raw.lines[0].number, f"a fragment of note {label} opens this page; "
                                        "declare it under defects.fragment_notes in source.yml"))
            else:
                notes[label].status = "fragment"
            continue
        text = _join(raw.lines, hyphenation).value
        if raw.label.isalpha():
            body = text[len(raw.label) :].strip()
        else:
            found = note_start(text, enumerated=True)
            body = found[1] if found else text
        if raw.label in notes:
            problems.append(Problem(path, raw.lines[0].number, f"note {raw.label} appears twice"))
            continue
        notes[raw.label] = Note(raw.label, body.strip(), raw.lines[0].number, "full",
                                tuple(line.number for line in raw.lines))
    for label in meta.fragment_notes:
        if label in notes and notes[label].status != "fragment":
            notes[label].status = "fragment"
    return notes


def _table_markers(drafts: list, vocabulary: set[str]) -> dict[int, dict[tuple[int, int], NoteRef]]:
    """The markers of each table's own notes, glued to a figure or a word in its cells (``455c``; ``Yesa``,
    where ``Yes`` is a word of the text): by table, (row, cell) → the marker."""
    found: dict[int, dict[tuple[int, int], NoteRef]] = {}
    for index, draft in enumerate(drafts):
        labels = {note.label for note in draft.notes}
        for row_number, row in enumerate(draft.rows if labels else ()):
            for cell_number, cell in enumerate(row):
                word = cell.split()[-1] if cell.split() else ""
                glued_to = word[:-1]
                if word[-1:] in labels and glued_to and (glued_to.replace(",", "").replace(".", "").isdigit()
                                                         or glued_to[-1].isalpha() and glued_to.lower() in vocabulary):
                    line = next((line.number for line in draft.row_lines if cell in line.text), draft.row_lines[0].number)
                    found.setdefault(index, {})[(row_number, cell_number)] = NoteRef(word[-1], line)
    return found


def _rows_with_markers(draft, refs: dict[tuple[int, int], NoteRef]) -> list[list]:
    """The table's cells, a cell with a marker as its words and the marker."""
    return [[[cell[:-1], refs[(r, c)]] if (r, c) in refs else cell for c, cell in enumerate(row)]
            for r, row in enumerate(draft.rows)]


def _blocks(drafts: list, texts: list[Text], markers: list[_Marker]) -> list[Block]:
    by_block: dict[int, list[_Marker]] = {}
    for marker in markers:
        by_block.setdefault(marker.block, []).append(marker)
    blocks = []
    for index, draft in enumerate(drafts):
        text = texts[index]
        cuts: list[tuple[int, int, Inline]] = [(m.start, m.end, NoteRef(m.label, text.line_at(m.start))) for m in by_block.get(index, [])]
        cuts += [(offset, offset, PageMark(number)) for offset, number in text.page_offsets]
        cuts.sort(key=lambda c: (c[0], c[1]))
        inlines: list[Inline] = []
        position = 0
        for start, end, inline in cuts:
            if start > position:
                inlines.append(text.value[position:start])
            inlines.append(inline)
            position = max(position, end)
        if position < len(text.value):
            inlines.append(text.value[position:])
        line = draft.lines[0].number if draft.lines else 0
        removed = [(start, end) for start, end, _ in cuts if end > start]  # the markers, which the block's text leaves out
        blocks.append(Block(draft.kind, inlines, line, level=draft.level, caption=draft.caption,
                            depth=draft.depth, label=draft.label, rows=draft.rows, content=draft.content,
                            source_lines=draft.source_lines,
                            line_offsets=tuple((_without(offset, removed), number) for offset, number in text.starts)))
    return blocks


def _without(offset: int, removed: list[tuple[int, int]]) -> int:
    """``offset`` in a joined text as it stands once the ranges ``removed`` are cut out of it."""
    return offset - sum(min(end, offset) - start for start, end in removed if start < offset)
