"""A table's rows from the lines an extractor kept of it.

Columns set apart by runs of spaces (as pdftotext's layout mode keeps them) split there. Where the
extractor closed the gaps to single spaces, a table whose rows are a label and figures still reads
right: the figures are the last cells, the label the words before them, and a row whose last figure
slipped onto the next line is joined again. Anything else is kept line by line, one cell each: a
table is never guessed into columns it does not show.
"""
from __future__ import annotations

import re
from collections import Counter

_GAP = re.compile(r" {2,}|\t")
_TABLE_NOTE = re.compile(r"^([a-z])\s+\S")  # ``a Subject to…``: a note printed under the table
_FIGURE = re.compile(r"^(?:[-–−]?[\d.,]+%?|n/?a|–|—|-)$", re.I)


def table_rows(lines: list[str]) -> list[list[str]]:
    """The rows of a table, each a list of cells."""
    if not lines:
        return []
    if sum(bool(_GAP.search(line.strip())) for line in lines) >= 0.6 * len(lines):
        return [_GAP.split(line.strip()) for line in lines]
    return _label_and_figures(lines) or [[line] for line in lines]


def _trailing_figures(words: list[str]) -> int:
    count = 0
    for word in reversed(words):
        if not _FIGURE.match(word):
            break
        count += 1
    return count


def _label_and_figures(lines: list[str]) -> list[list[str]] | None:
    """Rows of a label and a fixed number of figures, read from single-spaced lines (None if they are not)."""
    words = [line.split() for line in lines]
    counts = Counter(_trailing_figures(row) for row in words[1:] if _trailing_figures(row) < len(row))
    if not counts:
        return None
    figures = counts.most_common(1)[0][0]
    if figures < 1:
        return None
    rows: list[list[str]] = []
    pending: list[str] = []
    for row in words[1:]:
        row = pending + row
        found = _trailing_figures(row)
        if found < figures and found < len(row):
            pending = row  # its last figures are on the next line
            continue
        if found == len(row) and rows and len(rows[-1]) < figures + 1:
            rows[-1].extend(row)
            pending = []
            continue
        pending = []
        if found != figures or len(row) == figures:
            return None
        rows.append([" ".join(row[:-figures]), *row[-figures:]])
    if pending:
        return None
    header = _header(words[0], figures + 1)
    return [header, *rows] if header else None


def _header(words: list[str], columns: int) -> list[str] | None:
    """A header row split into ``columns`` cells: figure-like words (years) one a cell from the right,
    the first word the label's column, and the words between one cell."""
    tail = []
    rest = list(words)
    while rest and len(tail) < columns - 1 and _FIGURE.match(rest[-1]):
        tail.insert(0, rest.pop())
    needed = columns - len(tail)
    if needed == len(rest):
        return [*rest, *tail]
    if needed == 1 and rest:
        return [" ".join(rest), *tail]
    if needed == 2 and len(rest) >= 2:
        return [rest[0], " ".join(rest[1:]), *tail]
    return None


def table_notes(lines: list[str]) -> int:
    """How many of a table's last lines are its own lettered notes (``a …``, ``b …``, in letter order,
    under two rows at least), set as prose rather than in columns."""
    count = 0
    while count < len(lines) - 2:
        line = lines[len(lines) - 1 - count].strip()
        if not _TABLE_NOTE.match(line) or _GAP.search(line):
            break
        count += 1
    letters = [lines[index].strip()[0] for index in range(len(lines) - count, len(lines))]
    while count and letters != [chr(ord("a") + n) for n in range(count)]:
        count -= 1  # the notes run a, b, c…; the lines above the first are rows
        letters = letters[1:]
    return count
