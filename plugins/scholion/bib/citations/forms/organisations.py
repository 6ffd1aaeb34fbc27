"""Organisations: a corporate author the bibliography knows and the entry's year after it
(``UN Security Council, Resolution 1244 (1999)``, ``NATO, Bucharest Summit Declaration … 3 April 2008``)."""
from __future__ import annotations

from scholion.bib.citations.dates import DATE_GAP, YEAR
from scholion.bib.citations.locators import locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment, find_folded
from scholion.bib.entries import BibEntry, Bibliography
from scholion.text.folding import fold

__all__ = ["Organisations"]


def author_phrases(bib: Bibliography) -> list[tuple[BibEntry, str]]:
    """Each dated entry with the ways a note names its authors, folded, longest first (so that
    ``European Commission and High Representative…`` beats ``European Commission``)."""
    phrases = []
    for entry in bib.entries.values():
        names = entry.surnames
        if not names or not entry.year:
            continue
        forms = set()
        if len(names) == 1:
            forms.add(names[0])
        elif len(names) == 2:
            forms.add(f"{names[0]} and {names[1]}")
        else:
            forms.add(", ".join(names[:-1]) + " and " + names[-1])
            forms.add(", ".join(names[:-1]) + ", and " + names[-1])
            forms.add(f"{names[0]} et al")
        for form in forms:
            phrases.append((entry, fold(form)))
    phrases.sort(key=lambda p: -len(p[1]))
    return phrases


class Organisations:
    """A name of several words (or an acronym) anywhere; a single word only at the segment's start, with
    nothing but a date between it and the year (``Hughes argues that in 2013 …`` is not a citation)."""

    fallback = False

    def __init__(self, bib: Bibliography) -> None:
        self.phrases = author_phrases(bib)

    def find(self, reading: NoteReading, segment: Segment) -> None:
        text, lo, hi = reading.text, segment.start, segment.end
        folded, where = segment.folded
        years = [(m.start(), m.end(), m.group(1), m.group(2) or "") for m in YEAR.finditer(text, lo, hi)]
        groups: dict[tuple[int, int], list[BibEntry]] = {}
        for entry, phrase in self.phrases:
            if phrase not in folded:  # most are not: skip the call
                continue
            for hit in find_folded(folded, phrase):
                start = lo + where[hit]
                phrase_end = lo + where[hit + len(phrase) - 1] + 1
                multiword = " " in phrase or (len(phrase) >= 2 and text[start:phrase_end].isupper())
                if start > segment.lead and not multiword:
                    continue
                year_hit = next(((ys, ye) for ys, ye, y, s in years
                                 if ys >= phrase_end and y == entry.year
                                 and (not s or s == entry.year_suffix)), None)
                if year_hit is None:
                    continue
                if not multiword and not DATE_GAP.match(text[phrase_end:year_hit[0]]):
                    continue
                end = year_hit[1] + (1 if text[year_hit[1]:year_hit[1] + 1] == ")" else 0)
                if reading.overlaps(start, end):
                    continue
                if any(s <= start and end <= e and (s, e) != (start, end) for s, e in groups):
                    continue  # a longer author phrase already covers this one
                groups.setdefault((start, end), []).append(entry)
        for (start, end), entries in sorted(groups.items()):
            if reading.overlaps(start, end):
                continue
            locator, loc_end = locator_after(text, end, hi)
            span_end = loc_end if locator else end
            keys = list(dict.fromkeys(e.key for e in entries))
            cited = text[start:span_end]
            if len(keys) == 1:
                reading.add(Citation(start, span_end, keys, locator, "resolved", cited, "document"))
            else:
                reading.add(Citation(start, span_end, keys, locator, "ambiguous", cited, "document"),
                            f"“{cited}” matches several entries in bib/ ({', '.join(keys)}); "
                            "add a title or date to the note")
