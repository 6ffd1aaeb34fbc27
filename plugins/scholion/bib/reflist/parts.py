"""The pieces an entry's description is made of, each read by one small pattern: a quoted title, the
sentences after it, a place and publisher, a series and number, an edition, a page range.

Every reader takes a piece of text and gives its fields or None: it never takes part of a piece it
cannot read whole, so what it does not know stays for the caller to leave unread.
"""
from __future__ import annotations

import re

from scholion.bib.reflist.model import ParsedReference

__all__ = [
    "PAGES",
    "edition",
    "place_and_publisher",
    "quoted_title",
    "sentences",
    "series_and_number",
    "title_and_rest",
    "without_final_stop",
]

PAGES = r"[A-Za-z]?\d+(?:\s?[–—-]\s?[A-Za-z]?\d+)?"

# Words after which a full stop does not end a sentence (``St. Petersburg``, ``Oxford Univ. Press``).
_ABBREVIATIONS = frozenset({"St", "Dr", "Mr", "Mrs", "Ms", "Univ", "Inc", "Co", "Corp", "Ltd", "vs", "Vol",
                            "vol", "No", "no", "pp", "p", "Jr", "Sr", "Dept", "U.S", "U.K", "e.g", "i.e",
                            "cf", "al", "Mt", "Ft", "Rev"})
_INITIALS = re.compile(r"^[^\W\d_](?:\.-?[^\W\d_])*$")  # "J", "J.-P", "S.P" (before their last full stop)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_FULL_STOP = re.compile(r"(?<=\.)\s+")
_OPENING_QUOTES = {"“": "”", "‘": "’", '"': '"', "'": "'"}
_PLACE = re.compile(r"^(?P<place>[^\W\d_][^\s:.;]*(?:[ ,-]+[^\s:.;]+){0,4}):\s+(?P<publisher>\S.*)$")
_SERIES_NUMBER = re.compile(r"^(?P<series>[^\W\d_][^.?!]*?[A-Za-z])\s+(?P<no>No\.\s*|no\.\s*)?(?P<number>\d[\w/.-]*)$")
_EDITION = re.compile(r"^(\d+(?:st|nd|rd|th)|Rev\.|Revised|Expanded)\s+(?:ed\.?|edn\.?|edition)$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"^(?:1[5-9]|20)\d\d$")


def without_final_stop(text: str) -> str:
    """The text without white space and the full stop or comma that end it (``?`` and ``!`` stay)."""
    return text.strip().rstrip(".,").rstrip()


def _ends_sentence(before: str) -> bool:
    """Whether the full stop ending ``before`` ends a sentence, not an abbreviation or an initial."""
    if not before.endswith("."):
        return True
    word = before.split()[-1][:-1].lstrip("([“‘\"'") if before.split() else ""
    if word in _ABBREVIATIONS:
        return False
    return not (_INITIALS.match(word) and word[0].isupper())


def sentences(text: str, ends: re.Pattern[str] = _SENTENCE_END) -> list[str]:
    """``Title. Place: Publisher.`` → ``["Title.", "Place: Publisher."]``: split after ``.``, ``?`` or
    ``!`` (or where ``ends`` says) and a space, but not after an abbreviation or an initial."""
    pieces: list[str] = []
    start = 0
    for gap in ends.finditer(text):
        if _ends_sentence(text[start:gap.start()]):
            pieces.append(text[start:gap.start()])
            start = gap.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def title_and_rest(text: str) -> tuple[str, str]:
    """An unquoted title runs to the first full stop (``?`` may end a title or split it from its subtitle);
    what follows was not read (``Title. Nordlys Academic.`` names no place: is it a publisher?)."""
    first, *rest = sentences(text, _FULL_STOP) or [""]
    return without_final_stop(first), " ".join(rest)


def quoted_title(text: str) -> tuple[str, str] | None:
    """A title in quotes at the start (``“Title.” rest`` or ``‘Title’, rest``) and the text after it.

    A closing single quote is also an apostrophe (``‘Miners’ wives’``): the title ends at the first one
    followed by a comma, a full stop or the end.
    """
    text = text.strip()
    if not text or text[0] not in _OPENING_QUOTES:
        return None
    closing = _OPENING_QUOTES[text[0]]
    if closing in "’'":
        match = re.search(rf"{closing}(?=[,.;:](?:\s|$)|$)", text[1:])
    else:
        match = re.search(re.escape(closing), text[1:])
    if match is None:
        return None
    inner = text[1:1 + match.start()]
    rest = text[1 + match.end():]
    title = without_final_stop(inner)
    return (title, rest.lstrip(" ,.;:")) if title else None


def place_and_publisher(text: str) -> tuple[str, str] | None:
    """``Tartu: Emajõgi University Press.`` → (``Tartu``, ``Emajõgi University Press``): a place of up to
    five words, the first capitalised (``Frankfurt am Main``, ``Cambridge, MA``), a colon, a publisher."""
    match = _PLACE.match(without_final_stop(text))
    if not match or not match.group("place")[0].isupper():
        return None
    return match.group("place"), match.group("publisher").strip()


def series_and_number(text: str) -> tuple[str, str] | None:
    """``Working Paper 2020/06`` → (``Working Paper``, ``2020/06``); ``Report No. 14472`` → (``Report``,
    ``14472``). A bare number that reads as a year (``Europe 2030``) is a title's, not a series number."""
    match = _SERIES_NUMBER.match(without_final_stop(text))
    if not match or not match.group("series")[0].isupper() or (not match.group("no") and _YEAR_LIKE.match(match.group("number"))):
        return None
    return match.group("series"), match.group("number")


def edition(text: str) -> str | None:
    """``2nd ed.``, ``3rd edn``, ``Revised edition`` → ``2nd``, ``3rd``, ``Revised`` (BibTeX's edition)."""
    match = _EDITION.match(text.strip())
    return match.group(1) if match else None


def read_journal(match: re.Match[str], reference: ParsedReference) -> None:
    """``reference`` is an article: the journal, volume, issue (or number) and pages a style's pattern read."""
    groups = match.groupdict()
    reference.container = groups["journal"].strip()
    reference.volume = groups["volume"]
    reference.issue = groups.get("issue") or groups.get("number") or ""
    reference.pages = groups.get("pages") or ""
    reference.entry_type = "article"
