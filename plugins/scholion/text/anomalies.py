"""Signs that a text was misread, reported as warnings with their line so that a strict build stops.

The reader works from evidence and can be wrong; these checks look at what it made for the shapes a
misreading leaves behind: a page number or a running head left inside a paragraph, a heading as long
as a sentence, the same line in several paragraphs (furniture the reader did not recognise), and
markers whose notes seem to sit in the body text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from scholion.problems import Problem
from scholion.text.layout import PAGE_LABEL, PAGE_NUMBER, note_start
from scholion.text.model import Block, Document

# A heading longer than this reads as a sentence.
HEADING_MAX_WORDS = 16
_CAPITALS = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")
# A heading numbered or lettered by its author (``b) The willingness to compromise…``) may be long on purpose.
_ENUMERATED = re.compile(r"^(?:[a-z]\)|\(?[a-z]\)|\d{1,2}(?:\.\d{1,2})*\.?)\s")


def anomalies(document: Document, lines: dict[int, str], path: Path) -> list[Problem]:
    """Warnings for what in ``document`` looks misread; ``lines`` are the extract's lines by number."""
    problems: list[Problem] = []
    where: dict[str, set[str]] = defaultdict(set)  # a line's words → the body blocks it stands in
    first_line: dict[str, int] = {}
    for block in document.blocks:
        if block.is_body:
            for number in block.source_lines[1:]:  # a paragraph's first line may be anything
                text = lines.get(number, "").strip()
                if PAGE_NUMBER.match(text) or PAGE_LABEL.match(text):
                    problems.append(Problem(path, number, f"a lone page number ({text!r}) inside paragraph ¶{block.anchor[1:] or '?'}; "
                                            "the page furniture was not recognised", "text.page-number-in-paragraph"))
                elif len(text.split()) >= 3 and _CAPITALS.match(text) and not text.endswith((".", ",", ";", ":")):
                    problems.append(Problem(path, number, f"a line in capitals ({text[:50]!r}) inside a paragraph: a running head?",
                                            "text.head-in-paragraph"))
            for number in block.source_lines:
                text = lines.get(number, "").strip()
                if len(text) >= 20:
                    where[text].add(block.anchor or str(block.line))
                    first_line.setdefault(text, number)
        elif block.kind == "heading" and len(block.text.split()) > HEADING_MAX_WORDS and not _ENUMERATED.match(block.text):
            problems.append(Problem(path, block.line, f"a heading of {len(block.text.split())} words reads as a sentence: "
                                    "a paragraph misread as a heading?", "text.long-heading"))
    for text, blocks in where.items():
        if len(blocks) >= 2:
            problems.append(Problem(path, first_line[text], f"the line {text[:50]!r} stands in {len(blocks)} paragraphs: "
                                    "page furniture the reader did not recognise?", "text.repeated-line"))
    return problems


def note_in_body(blocks: list[Block], label: str, lines: dict[int, str]) -> int | None:
    """The line of a body paragraph that opens as note ``label`` does, if any: where notes read as body
    text would be."""
    for block in blocks:
        if block.is_body:
            for number in block.source_lines:
                found = note_start(lines.get(number, "").strip(), enumerated=True)
                if found and found[0] == label:
                    return number
    return None
