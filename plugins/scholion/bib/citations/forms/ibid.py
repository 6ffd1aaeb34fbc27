"""Ibid.: ``Ibid.``, ``Ibid, p. 61`` → the work(s) the previous note cites."""
from __future__ import annotations

import re

from scholion.bib.citations.locators import locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment

__all__ = ["Ibid"]

_IBID = re.compile(r"\b[Ii]bid\b\.?")


class Ibid:
    fallback = False

    def find(self, reading: NoteReading, segment: Segment) -> None:
        text = reading.text
        for m in _IBID.finditer(text, segment.start, segment.end):
            if reading.overlaps(m.start(), m.end()):
                continue
            locator, _ = locator_after(text, m.end(), segment.end)
            keys: list[str] = []
            for citation in reading.so_far.previous:
                if citation.status == "resolved":
                    for key in citation.keys:
                        if key not in keys:
                            keys.append(key)
            cited = text[m.start():m.end()]
            if len(keys) == 1:
                reading.add(Citation(m.start(), m.end(), keys, locator, "resolved", cited, "ibid"))
            elif keys:
                reading.add(Citation(m.start(), m.end(), keys, locator, "ambiguous", cited, "ibid"),
                            f"“{cited}” is ambiguous: the previous note cites several works ({', '.join(keys)})")
            else:
                reading.add(Citation(m.start(), m.end(), [], locator, "unresolved", cited, "ibid"),
                            f"“{cited}” cannot be resolved: the previous note cites no work found in bib/")
