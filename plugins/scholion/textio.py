"""Read contributor and source files strictly, reporting bad bytes by file and line."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from .model import Problem

# Characters a PDF extract may legitimately carry besides printable text.
_ALLOWED_CONTROLS = {"\n", "\t"}


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Return the UTF-8 text of ``path`` (newlines normalised) or ``None`` with problems.

    Undecodable bytes, a NUL, or other control characters are reported with the
    line they sit on, so a contributor can find them; nothing is silently dropped.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, None, f"cannot read file: {error.strerror}")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return None, [
            Problem(path, line, f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); save the file as UTF-8")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char in _ALLOWED_CONTROLS:
                continue
            category = unicodedata.category(char)
            if category in ("Cc", "Cs", "Co", "Cn") or char in "\u2028\u2029\ufffd":
                name = unicodedata.name(char, f"U+{ord(char):04X}")
                problems.append(Problem(path, number, f"unexpected character {name} (U+{ord(char):04X})"))
                break
    if problems:
        return None, problems
    return text, []
