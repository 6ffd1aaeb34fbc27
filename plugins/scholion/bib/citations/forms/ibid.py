"""Ibid.: ``Ibid.``, ``Ibid, p. 61`` → the work(s) the previous note cites.

After a note that cites several works, Ibid. is the one it cites first when the others follow ``see also`` or
``cf.`` (they support the first: Chicago's reading); otherwise it is all of them, unless it gives a locator,
which a page of several works cannot be (ambiguous)."""
from __future__ import annotations

import re

from scholion.bib.citations.leadins import supporting_from
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
            keys = _referred_to(reading)
            cited = text[m.start():m.end()]
            if len(keys) == 1 or (keys and not locator):
                reading.add(Citation(m.start(), m.end(), keys, locator, "resolved", cited, "ibid"))
            elif keys:
                reading.add(Citation(m.start(), m.end(), keys, locator, "ambiguous", cited, "ibid"),
                            f"“{cited}” is ambiguous: the previous note cites several works ({', '.join(keys)}), "
                            f"and its locator ({locator}) is a place in one of them")
            else:
                reading.add(Citation(m.start(), m.end(), [], locator, "unresolved", cited, "ibid"),
                            f"“{cited}” cannot be resolved: the previous note cites no work found in bib/")


def _referred_to(reading: NoteReading) -> list[str]:
    """The works of the previous note Ibid. refers to: the first alone when all others follow ``see also``, else all."""
    cited = [citation for citation in reading.so_far.previous if citation.status == "resolved"]
    keys = list(dict.fromkeys(key for citation in cited for key in citation.keys))
    supporting = supporting_from(reading.so_far.previous_text)
    if len(keys) > 1 and supporting is not None:
        main = list(dict.fromkeys(key for citation in cited if citation.start < supporting for key in citation.keys))
        if len(main) == 1:
            return main
    return keys
