"""Parentheses in running text: which pair holds a position (``(Casier 2018, p. 207)`` holds its year)."""
from __future__ import annotations

from bisect import bisect_right

__all__ = ["Parentheses"]


class Parentheses:
    """The pairs of round brackets of a text. One left open runs to the text's end (a paragraph the
    extract broke inside a parenthesis); a stray closing one closes nothing."""

    def __init__(self, text: str) -> None:
        pairs: list[tuple[int, int]] = []
        open_at: list[int] = []
        for index, char in enumerate(text):
            if char == "(":
                open_at.append(index)
            elif char == ")" and open_at:
                pairs.append((open_at.pop(), index))
        pairs += [(index, len(text)) for index in open_at]
        self.pairs = sorted(pairs)
        self._opens = [start for start, _ in self.pairs]

    def around(self, position: int) -> tuple[int, int] | None:
        """The innermost pair ``(open, close)`` with ``open < position < close``, or None."""
        index = bisect_right(self._opens, position - 1)
        for start, end in reversed(self.pairs[:index]):
            if position < end:
                return start, end
        return None
