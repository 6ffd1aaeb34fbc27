"""What became of every line of an extract: the reviewer's check that nothing was dropped or invented.

Each line of ``source.txt`` is shown beside its role: a body paragraph (with its ¶ id), a heading, a
list item, a note, an entry of the reference list, front matter, a caption, a table, or what was set aside (running head, page
number, rule, title). A line with words that nothing read is reported, so a misread that would lose
words fails a strict build instead of passing in silence.

Run ``python -m scholion.text.audit sources/<slug>`` to print it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from scholion.problems import Problem
from scholion.text.model import Block, Document

_ROLES = {
    "paragraph": "paragraph", "quote": "block quotation", "list_item": "list item", "heading": "heading",
    "figure": "figure", "table": "table", "aside": "box", "pull_quote": "pull quote (repeats the text)",
    "byline": "byline", "front": "front matter",
}


@dataclass(frozen=True)
class AuditLine:
    number: int
    text: str
    role: str  # empty for a blank line; ``UNREAD`` for words nothing took


def _block_role(block: Block) -> str:
    role = _ROLES.get(block.kind, block.kind)
    if block.anchor:
        return f"{role} ¶{block.anchor[1:]}"
    if block.kind == "heading":
        return f"heading (level {block.level})"
    return role


def audit(document: Document, text: str) -> list[AuditLine]:
    """Every line of ``text`` (the extract as read) with what became of it."""
    roles: dict[int, str] = dict(document.set_aside)
    for label, note in document.notes.items():
        for number in note.source_lines:
            roles[number] = f"note {label}"
    for number, reference in enumerate(document.references, start=1):
        for line in reference.lines:
            roles[line] = f"reference {number}"
    for block in document.blocks:
        if block.kind in ("page", "gap"):
            continue  # marks between lines, not lines
        for number in block.source_lines:
            roles[number] = _block_role(block)
    return [AuditLine(number, line, roles.get(number, "UNREAD" if line.strip() else ""))
            for number, line in enumerate(text.split("\n"), start=1)]


def unread_lines(document: Document, text: str, path: Path) -> list[Problem]:
    """A warning for each line with words that was neither read nor set aside."""
    return [Problem(path, line.number, f"line neither read nor set aside: {line.text.strip()[:60]!r}; "
                                         "please report it with the text", "text.unread-line")
            for line in audit(document, text) if line.role == "UNREAD"]


def main(argv: list[str] | None = None) -> int:
    from scholion.text.corpus import parse_text  # the reader, which itself checks with this module

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m scholion.text.audit sources/<slug>", file=sys.stderr)
        return 2
    folder = Path(args[0])
    text = parse_text(folder)  # anchored as published, touching no file
    raw = (folder / "source.txt").read_text(encoding="utf-8-sig")
    for line in audit(text.document, raw.replace("\r\n", "\n").replace("\r", "\n")):
        print(f"{line.number:5} {line.role:<28.28} | {line.text}")
    for problem in text.problems:
        print(problem, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
