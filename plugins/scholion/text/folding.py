"""Accent folding: the one rule by which names, titles and terms are compared, sorted and made into slugs.

Each character folds on its own. White space and dashes separate words; quotation marks and apostrophes
vanish (``O’Loughlin`` → ``oloughlin``); any other character becomes its compatibility decomposition (NFKD)
without combining marks, case-folded (``Žižek`` → ``zizek``, ``ﬁ`` → ``fi``, ``ß`` → ``ss``), with the few
letters that do not decompose written as their base letters (``Łukasz`` → ``lukasz``, ``Ørsted`` →
``orsted``, ``Æ`` → ``ae``). What a decomposition yields is read by the same rule: ``¨`` decomposes to a
space and a mark, so it separates words. :func:`fold` joins the words with single spaces.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_with_offsets"]

_SEPARATORS = "-‐‑‒–—"  # with white space
_QUOTES = "’'‘`´\"“”„«»"
# Letters NFKD leaves whole, after case folding.
_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
                               "æ": "ae", "œ": "oe", "þ": "th"})


def _classify(char: str) -> str:
    """A separator as one space, a quote as nothing, anything else as itself."""
    if char.isspace() or char in _SEPARATORS:
        return " "
    return "" if char in _QUOTES else char


def _fold_character(char: str) -> str:
    piece = _classify(char)
    if piece != char or char.isascii():
        return piece.lower()
    decomposed = unicodedata.normalize("NFKD", char)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_BASE_LETTERS)
    return "".join(_classify(c) for c in letters)


class _Pieces(dict):
    """Code point → what its character folds to (a ``str.translate`` table, filled as characters are met)."""

    def __missing__(self, code: int) -> str:
        piece = self[code] = _fold_character(chr(code))
        return piece


_PIECES = _Pieces()

# For fold_with_offsets: every character as exactly one, a character that folds to nothing as _GONE, so that
# offsets survive translation. Pieces are case-folded: none is an upper-case letter.
_GONE = "A"


class _MarkedPieces(dict):
    def __missing__(self, code: int) -> str:
        piece = self[code] = _PIECES[code] or _GONE
        return piece


_MARKED = _MarkedPieces()
_WORD = re.compile(r"[^ ]+")


@lru_cache(maxsize=None)
def fold(text: str) -> str:
    """Comparison form of a name, title or term: accent-, case- and quote-insensitive, one space between words.

    ``Götz`` → ``gotz``; ``O’Loughlin’`` → ``oloughlin``; ``Euro-Atlantic  Region`` → ``euro atlantic region``.
    Only for matching and sorting: display forms are kept elsewhere.
    """
    return " ".join(text.translate(_PIECES).split())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the offset in ``text`` of the character it comes from
    (for the space between two words, the offset of the second word's first character)."""
    marked = text.translate(_MARKED)
    if len(marked) != len(text):  # a character folds to several (ß → ss)
        return _fold_one_at_a_time(text)
    out: list[str] = []
    where: list[int] = []
    for word in _WORD.finditer(marked):
        letters = word.group()
        offsets: range | list[int] = range(word.start(), word.end())
        if _GONE in letters:
            offsets = [i for i, letter in zip(offsets, letters) if letter != _GONE]
            if not offsets:
                continue
            letters = letters.replace(_GONE, "")
        if out:
            out.append(" ")
            where.append(offsets[0])
        out.append(letters)
        where.extend(offsets)
    return "".join(out), where


def _fold_one_at_a_time(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, char in enumerate(text):
        for letter in _PIECES[ord(char)]:
            if letter == " ":
                space = bool(out)
                continue
            if space:
                out.append(" ")
                where.append(i)
                space = False
            out.append(letter)
            where.append(i)
    return "".join(out), where
