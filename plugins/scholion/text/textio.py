"""Read contributor and source files strictly, reporting bad bytes by file and line."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from scholion.problems import Problem

# PyYAML's libyaml-backed loader when it is built in (it is in the PyPI wheels): the same safe
# loading and line marks, several times faster than the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Controls a file may carry besides printable text: a form feed is the page break pdftotext writes.
_ALLOWED_CONTROLS = {"\n", "\t", "\f"}


def _is_bad(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cc", "Cs", "Cn") or char in "\u2028\u2029\ufffd"


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Return the UTF-8 text of ``path`` (newlines normalised) or ``None`` with problems.

    Undecodable bytes, a NUL, or other control characters are reported with the
    line they sit on, so a contributor can find them; nothing is silently dropped.
    A byte-order mark and CRLF line ends are what editors and extractors write, not faults.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, None, f"cannot read file: {error.strerror}", "file.unreadable")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return None, [
            Problem(path, line, f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); save the file as UTF-8",
                    "file.not-utf8")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Check each distinct character once, then find the lines of the bad ones.
    bad = {char for char in set(text) if _is_bad(char)}
    problems = []
    if bad:
        for number, line in enumerate(text.split("\n"), start=1):
            char = next((c for c in line if c in bad), None)
            if char is not None:
                name = unicodedata.name(char, f"U+{ord(char):04X}")
                problems.append(Problem(path, number, f"unexpected character {name} (U+{ord(char):04X})",
                                        "file.bad-character"))
    if problems:
        return None, problems
    return text, []
