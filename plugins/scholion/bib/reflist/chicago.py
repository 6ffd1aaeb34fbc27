"""The description after the year in Chicago author-date (17th edition) entries:

- article: ``“Title.” Journal 18 (4): 611–34.`` (or ``18, no. 4: 611–34``);
- chapter: ``“Title.” In Book, edited by Sofia Lund and Arjun Mehta, 77–102. Cambridge: Press.``;
- book or report: ``Title. OECD Notes 14. Paris: OECD Publishing.``;
- report or web page: ``“Title.” Working Paper 2020/06. Vaasa: Institute.``, ``“Title.” Site Name.``
"""
from __future__ import annotations

import re

from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.names import read_in_reading_order
from scholion.bib.reflist.parts import PAGES, quoted_title, read_journal, sentences, title_and_rest, without_final_stop
from scholion.bib.reflist.publication import read_publication_facts

__all__ = ["read_chicago"]

_JOURNAL = re.compile(
    rf"^(?P<journal>[^.?!]+?)\s+(?P<volume>\d+)"
    rf"(?:,\s+no\.\s+(?P<number>[\w–-]+)|\s*\((?P<issue>[^)]+)\))?"
    rf"(?::\s*(?P<pages>{PAGES}))?\.?$"
)
_CHAPTER = re.compile(
    rf"^In\s+(?P<container>.+?)(?:,\s+(?:edited\s+by|eds?\.)\s+(?P<editors>.+?))?(?:,\s+(?P<pages>{PAGES}))?\.?$"
)


def _journal(text: str, reference: ParsedReference) -> bool:
    """``Journal 18 (4): 611–34``: a journal needs an issue or pages beside its volume (``Working Paper 6``
    is a series)."""
    match = _JOURNAL.match(text.strip())
    if not match or not (match.group("issue") or match.group("number") or match.group("pages")):
        return False
    read_journal(match, reference)
    return True


def _chapter(pieces: list[str], reference: ParsedReference) -> list[str]:
    """``In Book, edited by A and B, 77–102.`` then the publication facts; what is left unread."""
    rest = read_publication_facts(pieces, reference, places=True, keep=1)
    match = _CHAPTER.match(" ".join(rest))
    if not match:
        return rest
    editors = read_in_reading_order(match.group("editors")) if match.group("editors") else ([], False)
    if editors is None:
        return rest
    reference.container = match.group("container").strip()
    reference.editors = editors[0]
    reference.pages = match.group("pages") or ""
    reference.entry_type = "chapter"
    return []


def read_chicago(body: str, reference: ParsedReference) -> str:
    """Fill ``reference`` from the description ``body``; return what was left unread."""
    quoted = quoted_title(body)
    if quoted is None:
        pieces = read_publication_facts(sentences(body), reference, places=True, keep=1)
        reference.title, unread = title_and_rest(" ".join(pieces))
        return unread
    reference.title, rest = quoted
    if not rest:
        return ""
    if rest.startswith("In "):
        return " ".join(_chapter(sentences(rest), reference))
    if _journal(rest, reference):
        return ""
    pieces = read_publication_facts(sentences(rest), reference, places=True, keep=0)
    if len(pieces) == 1 and reference.url and not (reference.publisher or reference.number):
        reference.container = without_final_stop(pieces[0])  # the site a web page is on
        return ""
    return " ".join(pieces)
