"""The description after the year in Harvard (Cite Them Right) entries:

- article: ``‘Title’, Journal, 27(1), pp. 45–66.``;
- chapter: ``‘Title’, in Weber, L. and Schmitt, A. (eds) Book. Luxembourg: Press, pp. 133–151.``;
- book or report: ``Title. 2nd edn. Freiburg: Alemannic Press.``;
- web page: ``Title.`` before ``Available at: … (Accessed: …)`` (read with the other locations).
"""
from __future__ import annotations

import re

from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.names import read_in_reading_order, read_inverted
from scholion.bib.reflist.parts import PAGES, quoted_title, read_journal, sentences, title_and_rest, without_final_stop
from scholion.bib.reflist.publication import read_publication_facts

__all__ = ["read_harvard"]

_JOURNAL = re.compile(
    rf"^(?P<journal>[^.?!]+?),\s+(?P<volume>\d+)(?:\s?\((?P<issue>[^)]+)\))?"
    rf"(?:,\s+(?:pp?\.\s*)?(?P<pages>{PAGES}))?\.?$"
)
_CHAPTER = re.compile(r"^in\s+(?:(?P<editors>.+?)\s+\((?:eds?\.?)\)\s+)?(?P<container>.+?)\.?$", re.IGNORECASE)
_CHAPTER_PAGES = re.compile(rf",\s+pp?\.\s*(?P<pages>{PAGES})\.?$")


def _journal(text: str, reference: ParsedReference) -> bool:
    match = _JOURNAL.match(text.strip())
    if match:
        read_journal(match, reference)
    return match is not None


def _editors(text: str):
    """Cite Them Right inverts editors' names (``Weber, L. and Schmitt, A.``); older lists do not."""
    return read_inverted(text) or read_in_reading_order(text)


def _chapter(text: str, reference: ParsedReference) -> str:
    """``in Eds (eds) Book. Place: Publisher, pp. 12–30.``: fill ``reference``; return what is unread."""
    pages = _CHAPTER_PAGES.search(text)
    if pages:
        text = text[:pages.start()]
    rest = read_publication_facts(sentences(text), reference, places=True, keep=1)
    match = _CHAPTER.match(" ".join(rest))
    editors = _editors(match.group("editors")) if match and match.group("editors") else ([], False)
    if not match or editors is None:
        return " ".join(rest)
    reference.editors = editors[0]
    reference.container = match.group("container").strip()
    reference.pages = pages.group("pages") if pages else ""
    reference.entry_type = "chapter"
    return ""


def read_harvard(body: str, reference: ParsedReference) -> str:
    """Fill ``reference`` from the description ``body``; return what was left unread."""
    quoted = quoted_title(body)
    if quoted is None:
        pieces = read_publication_facts(sentences(body), reference, places=True, keep=1)
        reference.title, unread = title_and_rest(" ".join(pieces))
        return unread
    reference.title, rest = quoted
    if not rest:
        return ""
    if rest.lower().startswith("in "):
        return _chapter(rest, reference)
    if _journal(rest, reference):
        return ""
    return " ".join(read_publication_facts(sentences(rest), reference, places=True, keep=0))
