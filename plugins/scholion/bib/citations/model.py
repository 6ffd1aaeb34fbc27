"""What citation resolution finds: a Citation (where, which entries) and the counts for the build summary."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

__all__ = ["Citation", "CitationStats", "Kind", "Status"]

Status = Literal["resolved", "ambiguous", "unresolved"]
Kind = Literal["author-date", "short", "ibid", "document", "url"]


@dataclass
class Citation:
    """One cited work (or group of candidates) inside a note text.

    ``start``/``end`` delimit the linked words in the note text: the whole
    ``Casier 2018, p. 207`` for author–date forms, only the name for short
    forms (``Clunan`` in ``Clunan, p. 46``), ``Ibid.`` for ibid.
    """

    start: int
    end: int
    keys: list[str]  # the entries: one when resolved, the candidates when ambiguous, none when unresolved
    locator: str  # "p. 207"
    status: Status
    text: str  # the note's text from start to end
    kind: Kind = "author-date"

    @property
    def key(self) -> str | None:
        return self.keys[0] if self.status == "resolved" and self.keys else None


@dataclass
class CitationStats:
    """Counts for the build summary."""

    found: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved: int = 0

    def add(self, citations: Iterable[Citation]) -> "CitationStats":
        for citation in citations:
            self.found += 1
            if citation.status == "resolved":
                self.resolved += 1
            elif citation.status == "ambiguous":
                self.ambiguous += 1
            else:
                self.unresolved += 1
        return self

    @classmethod
    def of(cls, by_note: dict[str, list[Citation]]) -> "CitationStats":
        stats = cls()
        for citations in by_note.values():
            stats.add(citations)
        return stats

    def __str__(self) -> str:
        return (f"{self.found} citations: {self.resolved} resolved, "
                f"{self.ambiguous} ambiguous, {self.unresolved} unresolved")
