"""Documents: a title the bibliography knows, with the entry's year in the same segment
(``Foreign Policy Concept of the Russian Federation (… November 30, 2016)``)."""
from __future__ import annotations

import re

from scholion.bib.citations.dates import YEAR
from scholion.bib.citations.locators import LOCATOR_UNIT
from scholion.bib.citations.model import Citation
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment, find_folded
from scholion.bib.entries import BibEntry, Bibliography
from scholion.text.folding import fold

__all__ = ["Documents"]


class Documents:
    """A title of three words or more; one of fewer than five only beside a surname of the entry."""

    fallback = False

    def __init__(self, bib: Bibliography) -> None:
        self.titles = [(e, fold(e.fields["title"])) for e in bib.entries.values()
                       if len(fold(e.fields.get("title", "")).split()) >= 3]

    def find(self, reading: NoteReading, segment: Segment) -> None:
        text, lo, hi = reading.text, segment.start, segment.end
        folded, where = segment.folded
        years = {m.group(1) for m in YEAR.finditer(text, lo, hi)}
        by_hit: dict[int, list[BibEntry]] = {}
        for entry, title in self.titles:
            if entry.year and entry.year not in years:
                continue
            hits = find_folded(folded, title)
            if not hits:
                continue
            author_hit = None
            for surname in entry.surnames:
                found = find_folded(folded, fold(surname))
                if found:
                    author_hit = found[0]
                    break
            if len(title.split()) < 5 and author_hit is None:
                continue
            start = hits[0] if author_hit is None else min(hits[0], author_hit)
            by_hit.setdefault(lo + where[start], []).append(entry)
        for start, entries in sorted(by_hit.items()):
            start = max(start, segment.lead)
            end = hi
            junk = re.search(r"\.\s+\d{1,3}$", text[start:end])  # a stray page number from the extract
            if junk:
                end = start + junk.start()
            while end > start and text[end - 1] in " .":
                end -= 1
            if reading.overlaps(start, end):
                continue
            keys = [e.key for e in entries]
            cited = text[start:end]
            loc = re.search(rf",\s*({LOCATOR_UNIT})\s*$", cited, re.I)
            locator = loc.group(1) if loc else ""
            if len(entries) == 1:
                reading.add(Citation(start, end, keys, locator, "resolved", cited, "document"))
            else:
                reading.add(Citation(start, end, keys, locator, "ambiguous", cited, "document"),
                            f"“{cited}” matches several entries in bib/ ({', '.join(keys)})")
