"""What extractors put in a text besides its words, made plain before the text is read.

PDF and Word extractors leave characters that carry meaning but not in the form a reader needs:
no-break spaces, soft hyphens, ligatures (ﬁ), the private-use bullets of Word's Symbol and
Wingdings fonts (U+F0B7). Each line keeps its place (line numbers stay the source's), and nothing
is dropped but a soft hyphen inside a word, which is invisible in print. A private-use character
with no known meaning is kept and reported, never a reason to lose the text.
"""
from __future__ import annotations

import re
from pathlib import Path

from scholion.problems import Problem

SOFT_HYPHEN = "\u00ad"

_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " "}
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
# Word's symbol fonts map their glyphs to the private-use area; these are the list bullets it uses.
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf06e": "▪", "\uf0a8": "▪", "\uf076": "•", "\uf0d8": "•",
                   "\uf0fc": "•", "\uf0e8": "•", "\uf0de": "•", "\uf02d": "–"}
_TABLE = str.maketrans({**_SPACES, **_LIGATURES, **_SYMBOL_BULLETS})
_PLAIN_DIFFERENT = {*_SPACES, *_LIGATURES, *_SYMBOL_BULLETS}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_INNER_SOFT_HYPHEN = re.compile(f"{SOFT_HYPHEN}(?![ \\t]*$)", re.M)


def plain_lines(text: str, path: Path) -> tuple[str, list[Problem]]:
    """``text`` with no-break spaces as spaces, ligatures as letters, symbol-font bullets as bullets and
    soft hyphens inside a line removed (one at a line's end stays: it marks a word broken there)."""
    problems = []
    if _PRIVATE_USE.search(text):
        for number, line in enumerate(text.split("\n"), start=1):
            unknown = sorted({c for c in _PRIVATE_USE.findall(line) if c not in _SYMBOL_BULLETS})
            if unknown:
                codes = ", ".join(f"U+{ord(c):04X}" for c in unknown)
                problems.append(Problem(path, number, f"private-use character {codes} (a symbol font's glyph) kept as it is; "
                                        "if it stands for a bullet or a symbol, say which in an issue", "text.private-use"))
    if _PLAIN_DIFFERENT & set(text):  # most texts have none: no pass over them
        text = text.translate(_TABLE)
    if SOFT_HYPHEN in text:
        text = _INNER_SOFT_HYPHEN.sub("", text)
    return text, problems
