"""The short label of a work, as an author–date citation names it: ``Morse and Keohane 2014``, ``Bozo et al. 2008``."""
from __future__ import annotations

from typing import Sequence

__all__ = ["authors_label", "work_label"]


def authors_label(surnames: Sequence[str], *, listed: int, serial_comma: bool = False) -> str:
    """``Romano``, ``Morse and Keohane``, ``Bozo et al.``: up to ``listed`` surnames are written out, more
    become the first and ``et al.``. Bib entries list three (``Lee, Chen and Diaz``; Chicago's in-text
    citation adds the ``serial_comma``: ``Lee, Chen, and Diaz``), corpus texts two."""
    if len(surnames) > listed:
        return f"{surnames[0]} et al."
    if len(surnames) <= 2:
        return " and ".join(surnames)
    return ", ".join(surnames[:-1]) + ("," if serial_comma else "") + f" and {surnames[-1]}"


def work_label(surnames: Sequence[str], year: str, *, listed: int, serial_comma: bool = False) -> str:
    """The authors (:func:`authors_label`) and the year, either left out when empty."""
    return " ".join(part for part in (authors_label(surnames, listed=listed, serial_comma=serial_comma), year) if part)
