"""The description after the date in APA 7 entries (titles are never quoted):

- article: ``Title. Journal, 14(2), 233–251.`` (volume alone: ``Journal, 31, 102–118.``);
- chapter: ``Title. In R. Haller & J. Otieno (Eds.), Book (pp. 97–118). Publisher.``;
- book or report: ``Title (2nd ed.). Publisher.``, ``Title (Report No. 14472). Publisher.``; a publisher
  that is the author is left out, so a lone title is possible;
- web page: ``Title. Site Name.`` — a sentence after the title is the site when the date gives a month
  (a dated page), else the publisher.
"""
from __future__ import annotations

import re

from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.names import read_in_reading_order
from scholion.bib.reflist.parts import PAGES, edition, read_journal, sentences, series_and_number, title_and_rest, without_final_stop

__all__ = ["read_apa"]

_JOURNAL = re.compile(
    rf"^(?P<journal>[^.?!]+?),\s+(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?"
    rf"(?:,\s+(?P<pages>{PAGES}|Article\s+\S+?))?\.?$"
)
_CHAPTER = re.compile(
    r"^In\s+(?:(?P<editors>.+?)\s+\((?:Eds?\.)\),\s+)?(?P<container>.+?)(?:\s+\((?P<details>[^()]+)\))?\.?"
    r"(?:\s+(?P<publisher>[^.?!]+?)\.?)?$"
)
_DETAIL_PAGES = re.compile(rf"pp?\.\s*(?P<pages>{PAGES})")
_DETAIL_VOLUME = re.compile(r"^Vol\.\s*(?P<volume>[^,]+)$")
_TITLE_DETAIL = re.compile(r"\s+\((?P<detail>[^()]+)\)\.?$")  # "(2nd ed.)", "(Report No. 14472)"
_DESCRIPTION = re.compile(r"\s+\[[^\[\]]+\]$")  # "[Data set]", "[Brochure]"


def _journal(text: str, reference: ParsedReference) -> bool:
    match = _JOURNAL.match(text.strip())
    if match:
        read_journal(match, reference)
    return match is not None


def _details(text: str, reference: ParsedReference) -> bool:
    """``2nd ed., Vol. 3, pp. 97–118`` or ``Report No. 14472``: what a parenthesis after a title holds.
    Nothing is taken unless every part reads."""
    found = ParsedReference(text="")
    for part in (p.strip() for p in text.split(",")):
        if match := _DETAIL_PAGES.fullmatch(part):
            found.pages = match.group("pages")
        elif match := _DETAIL_VOLUME.match(part):
            found.volume = match.group("volume")
        elif ed := edition(part):
            found.edition = ed
        elif numbered := series_and_number(part):
            found.series, found.number = numbered
        else:
            return False
    for name in ("pages", "volume", "edition", "series", "number"):
        if value := getattr(found, name):
            setattr(reference, name, value)
    return True


def _title(text: str, reference: ParsedReference) -> str:
    """The title, with its parenthesised details read; what is not (a bracketed description such as
    ``[Data set]``, a sentence after the title's) is returned."""
    text, rest = title_and_rest(text)
    description = _DESCRIPTION.search(text)
    if description:
        text, rest = text[:description.start()], f"{description.group().strip()} {rest}".strip()
    detail = _TITLE_DETAIL.search(text)
    if detail and _details(detail.group("detail"), reference):
        text = text[:detail.start()]
    reference.title = without_final_stop(text)
    return rest


def _chapter(text: str, reference: ParsedReference) -> str:
    """``In Eds (Eds.), Book (pp. 97–118). Publisher.``: fill ``reference``; return what is unread. A
    chapter names its book's editors or its pages (``In search of…`` may open a subtitle)."""
    match = _CHAPTER.match(text)
    if not match or not (match.group("editors") or match.group("details")):
        return text
    editors = read_in_reading_order(match.group("editors")) if match.group("editors") else ([], False)
    if editors is None or (match.group("details") and not _details(match.group("details"), reference)):
        return text
    reference.editors = editors[0]
    reference.container = match.group("container").strip()
    reference.publisher = (match.group("publisher") or "").strip()
    reference.entry_type = "chapter"
    return ""


def read_apa(body: str, reference: ParsedReference) -> str:
    """Fill ``reference`` from the description ``body``; return what was left unread."""
    pieces = sentences(body)
    chapter_at = next((i for i, piece in enumerate(pieces) if i and piece.startswith("In ")), None)
    if chapter_at is not None:
        unread = _chapter(" ".join(pieces[chapter_at:]), reference)
        if not unread:
            return _title(" ".join(pieces[:chapter_at]), reference)
    if len(pieces) >= 2 and _journal(pieces[-1], reference):
        return _title(" ".join(pieces[:-1]), reference)
    if len(pieces) >= 2:
        last = without_final_stop(pieces[-1])
        if len(reference.date) > 4:  # a dated page: the sentence after the title is its site
            reference.container = last
        else:
            reference.publisher = last
        pieces = pieces[:-1]
    return _title(" ".join(pieces), reference)
