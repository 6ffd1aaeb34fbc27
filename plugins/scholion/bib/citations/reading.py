"""Reading a note in its text: what the text cited before it, and what the forms have found in it so far."""
from __future__ import annotations

from dataclasses import dataclass, field

from scholion.bib.citations.model import Citation
from scholion.bib.entries import Bibliography
from scholion.text.folding import fold

__all__ = ["CitedSoFar", "NoteReading"]


@dataclass
class CitedSoFar:
    """What a text has cited before the note being read: what Ibid. and short forms refer back to."""

    previous: list[Citation] = field(default_factory=list)  # the previous note's citations
    keys: list[str] = field(default_factory=list)  # every work resolved so far, in order of first citation
    previous_text: str = ""  # the previous note's text

    def note_read(self, citations: list[Citation], text: str = "") -> None:
        """Move on past a note ``text`` whose citations were ``citations``."""
        for citation in citations:
            if citation.status == "resolved":
                for key in citation.keys:
                    if key not in self.keys:
                        self.keys.append(key)
        self.previous, self.previous_text = citations, text


@dataclass
class NoteReading:
    """One note being read: the citations found in it so far and the problems they raise."""

    text: str
    bib: Bibliography
    so_far: CitedSoFar
    citations: list[Citation] = field(default_factory=list)
    problems: list[tuple[Citation, str]] = field(default_factory=list)  # a citation and what is wrong with it
    taken: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each citation found

    def add(self, citation: Citation, problem: str = "") -> None:
        """A citation found; ``problem`` says why it is ambiguous or unresolved."""
        self.citations.append(citation)
        self.taken.append((citation.start, citation.end))
        if problem:
            self.problems.append((citation, problem))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a citation found already (a form never cites words twice)."""
        return any(start < e and s < end for s, e in self.taken)

    def cited_before(self, names: list[str], position: int | None = None) -> list[str]:
        """Works by exactly these authors cited earlier in this text (earlier notes, or
        earlier in this note when ``position`` is given)."""
        wanted = tuple(fold(n) for n in names)
        keys = list(self.so_far.keys)
        if position is not None:
            for citation in sorted(self.citations, key=lambda c: c.start):
                if citation.start < position and citation.status == "resolved":
                    keys.extend(k for k in citation.keys if k not in keys)
        entries = self.bib.entries
        return [k for k in keys if k in entries and entries[k].folded_surnames == wanted]
