"""What reading one entry of a reference list gives: a :class:`ParsedReference`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scholion.bib.entries import Person

__all__ = ["ParsedReference", "ReferenceType", "Style", "STYLES"]

Style = Literal["chicago-author-date", "apa", "harvard"]
STYLES: tuple[Style, ...] = ("chicago-author-date", "apa", "harvard")
ReferenceType = Literal["article", "book", "chapter", "report", "web", ""]


@dataclass
class ParsedReference:
    """One reference-list entry as printed (``text``) and the fields read from it.

    A field the parser could not read reliably is empty, never guessed. ``authors`` hold persons as printed
    (``Person("Larsen", "K.")``) and organisations as one name; ``authors_repeated`` says they came from a
    3-em dash (the previous entry's authors). ``pages`` and ``date`` keep the list's own writing of a range
    (``611–34``); ``year`` is empty for ``n.d.``; dates (``date``, ``accessed``) are ISO (``2020-05-04``). ``unread`` is what no rule read.
    """

    text: str
    style: Style | None = None
    entry_type: ReferenceType = ""
    authors: list[Person] = field(default_factory=list)
    authors_repeated: bool = False
    et_al: bool = False
    editors: list[Person] = field(default_factory=list)  # a chapter's book's, or an edited book's (then no authors)
    year: str = ""
    year_suffix: str = ""
    date: str = ""
    title: str = ""
    container: str = ""
    publisher: str = ""
    place: str = ""
    edition: str = ""
    series: str = ""
    number: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    accessed: str = ""
    unread: str = ""

    @property
    def label_year(self) -> str:
        """``2018a`` as the list prints it (empty for ``n.d.``)."""
        return f"{self.year}{self.year_suffix}"

    @property
    def names(self) -> list[Person]:
        """Whom the work is cited by: its authors, or the editors of an edited book listed under them."""
        return self.authors or (self.editors if self.entry_type != "chapter" else [])
