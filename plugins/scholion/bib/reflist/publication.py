"""The sentences that end a description of a book or report: edition, series and number, place and
publisher (``2nd ed. OECD Trade Notes 14. Paris: OECD Publishing.``), read from the end."""
from __future__ import annotations

from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.parts import edition, place_and_publisher, series_and_number

__all__ = ["read_publication_facts"]


def read_publication_facts(pieces: list[str], reference: ParsedReference, *, places: bool, keep: int) -> list[str]:
    """Fill ``reference`` from the last sentences of ``pieces`` while they read as publication facts, and
    return the sentences before them. The first ``keep`` sentences are never read (an unquoted title
    comes first, and ``Customs Unions: A History`` is no place and publisher); ``places`` is off for
    APA, which prints none."""
    pieces = list(pieces)
    while len(pieces) > keep:
        last = pieces[-1]
        if places and not reference.publisher and (found := place_and_publisher(last)):
            reference.place, reference.publisher = found
        elif not reference.number and (found := series_and_number(last)):
            reference.series, reference.number = found
        elif not reference.edition and (found := edition(last)):
            reference.edition = found
        else:
            break
        pieces.pop()
    return pieces
