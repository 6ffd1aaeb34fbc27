"""Short forms: a surname and a locator (``Hughes, p. 1013``), or a note that is only a surname
(``Troitskiy.``), referring back to the work by that author the text cited before."""
from __future__ import annotations

import re

from scholion.bib.citations.locators import LOCATOR_UNIT, locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.names import Names, names_before
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment

__all__ = ["BareSurname", "ShortForm"]

_SHORT_FORM = re.compile(rf",\s*(?={LOCATOR_UNIT})", re.I)


class ShortForm:
    """``Hughes, p. 1013``: the name is linked, the locator kept."""

    fallback = False

    def find(self, reading: NoteReading, segment: Segment) -> None:
        text = reading.text
        for m in _SHORT_FORM.finditer(text, segment.start, segment.end):
            if reading.overlaps(m.start(), m.end()):
                continue
            names = names_before(text, segment.start, m.start())
            if names is None or names.etal or reading.overlaps(names.start, names.end):
                continue
            locator, _ = locator_after(text, m.start(), segment.end)
            resolve_short(reading, names, locator)


class BareSurname:
    """A note that is nothing but a surname (``Troitskiy.``): read only when nothing else was found in it."""

    fallback = True

    def find(self, reading: NoteReading, segment: Segment) -> None:
        part = reading.text[segment.start:segment.end]
        body = part.strip()
        lo = segment.start + len(part) - len(part.lstrip())
        body_end = lo + len(body.rstrip(".").rstrip())
        if not body or any(ch.isdigit() for ch in body):
            return
        names = names_before(reading.text, lo, body_end)
        if names is None or names.start != lo or names.etal:
            return
        looks_like_surnames = not names.has_joiners and all(len(g) <= 2 for g in names.groups)
        resolve_short(reading, names, "", quiet_if_missing=not looks_like_surnames)


def resolve_short(reading: NoteReading, names: Names, locator: str, quiet_if_missing: bool = False) -> None:
    """The work by ``names`` cited before in this text (dropping leading words of the first name until one
    was: ``Foreign Minister Lavrov``), or else the only one in bib/."""
    text = reading.text
    cited = text[names.start:names.end]
    candidates = reading.cited_before(names.authors, names.start)
    source = "cited earlier in this text"
    k = 1
    while not candidates and k < len(names.groups[0]):
        shorter = names.dropping(k)
        candidates = reading.cited_before(shorter.authors, names.start)
        if candidates:
            names = shorter
            cited = text[names.start:names.end]
        k += 1
    if not candidates:
        candidates = [e.key for e in reading.bib.find(names.authors, None)]
        source = "in bib/"
    if len(candidates) == 1:
        reading.add(Citation(names.start, names.end, candidates, locator, "resolved", cited, "short"))
    elif candidates:
        reading.add(Citation(names.start, names.end, candidates, locator, "ambiguous", cited, "short"),
                    f"short form “{cited}” is ambiguous: several works by {' and '.join(names.authors)} "
                    f"{source} ({', '.join(candidates)}); give the year")
    elif not quiet_if_missing:
        reading.add(Citation(names.start, names.end, [], locator, "unresolved", cited, "short"),
                    f"short form “{cited}” matches no work by {' and '.join(names.authors)} in bib/")
