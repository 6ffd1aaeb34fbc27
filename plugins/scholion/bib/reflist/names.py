"""Author and editor lists as reference lists print them.

- inverted, every name (APA, Harvard): ``Field, S. P., Nyambura, G., & Rossi, A.``,
  ``Andersson, P. and Møller, T.``, ``Gruber, S. et al.``;
- inverted first name only (Chicago): ``Brandt, Kasper, Ieva Dambrauskė, and Tomas Varga``;
- in reading order (editors of a book): ``Sofia Lund and Arjun Mehta``, ``R. Haller & J. Otieno``;
- an organisation, as one name: ``Basin Commission of the Southern Rift``;
- a 3-em dash (``———``): the previous entry's authors.

A list that does not read as persons by these rules is an organisation if it is short enough to be a
name, and nothing otherwise: a surname is read only where its words look like one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scholion.bib.entries import Person

__all__ = ["Names", "cited_name", "read_in_reading_order", "read_inverted", "read_names"]

# Lower-case words that belong to a surname ("de Wit", "van der Berg", "da Silva").
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du",
                       "la", "le", "ten", "ter", "zu", "y", "al", "el", "bin", "ibn"})
_APOSTROPHES = "’'"
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})  # "King, Martin Luther, Jr.": not cited
_MAX_ORGANISATION_WORDS = 15  # longer than any organisation's name: the head was misread
_ET_AL = re.compile(r",?\s+et\s+al\.?$")
_JOINER = re.compile(r",?\s+(?:&|and)\s+")
_DASH = re.compile(r"^(?:[—―]{2,}|[–-]{3,}|_{3,})\.?$")
_EDITOR_MARK = re.compile(r"(?:,\s*eds?\.|\s*\((?:eds?\.?|Eds?\.)\))\.?$", re.IGNORECASE)


@dataclass
class Names:
    """A list of names read from an entry's head."""

    persons: list[Person] = field(default_factory=list)
    et_al: bool = False
    editors: bool = False  # "Lund, Sofia, ed.": the names are a book's editors
    repeated: bool = False  # "———": the previous entry's names


def _is_repeat_dash(text: str) -> bool:
    """``———`` (two or more em dashes, or three hyphens or rules): same names as the entry before."""
    return bool(_DASH.match(text.strip()))


def _is_initial(word: str) -> bool:
    """``S.``, ``Ch.``, ``J.-P.``: a capital (and a small letter) and a full stop, hyphened ones joined."""
    return all(part[:1].isupper() and part.endswith(".") and (len(part) == 2 or (len(part) == 3 and part[1].islower()))
               for part in word.split("-"))


def _is_initials(text: str) -> bool:
    """``S.``, ``S. P.``, ``J.-P.``, ``S.P.``: given names written as initials."""
    parts = text.replace(".", ". ").replace(". -", ".-").split()
    return bool(parts) and all(_is_initial(p) for p in parts)


def _is_capitalised_word(word: str) -> bool:
    """``Dambrauskė``, ``O’Neill``, ``Jean-Paul``, ``d’Alembert``: letters (apostrophes, hyphens inside), a
    capital first or after a lower-case elision."""
    core = word
    if len(word) > 2 and word[1] in _APOSTROPHES and word[0].islower():
        core = word[2:]  # d’Alembert, l’Estrange
    if not core or not core[0].isupper():
        return False
    return all(ch.isalpha() or (ch in _APOSTROPHES + "-" and 0 < i < len(core) - 1) for i, ch in enumerate(core))


def _is_surname(text: str) -> bool:
    """Up to four words, particles allowed before the last, which is a capitalised word."""
    words = text.split()
    if not 1 <= len(words) <= 4 or not _is_capitalised_word(words[-1]):
        return False
    return all(w in PARTICLES or _is_capitalised_word(w) for w in words[:-1])


def _is_given(text: str) -> bool:
    """Given names in full or as initials: ``Mei Lin``, ``John A.``, ``J. R. R.``, ``Jean-Paul``."""
    words = text.replace(".", ". ").replace(". -", ".-").split()
    return bool(words) and len(words) <= 5 and all(_is_capitalised_word(w) or _is_initial(w) for w in words)


def _without_et_al(text: str) -> tuple[str, bool]:
    match = _ET_AL.search(text)
    return (text[:match.start()], True) if match else (text, False)


def read_inverted(text: str, given_in_full: bool = False) -> tuple[list[Person], bool] | None:
    """``Family, I., Family, I. & Family, I.`` (APA, Harvard; ``et al.`` last): the persons and whether the
    list ends in et al.; None unless every name reads as a surname and initials (``given_in_full``: as a
    surname and given names, ``Larsen, Karen, & Abebe, Tesfaye``)."""
    text, et_al = _without_et_al(text.strip())
    pieces = [p.strip() for p in _JOINER.sub(", ", text).split(", ")]
    pieces = [p for p in pieces if p not in _SUFFIXES]
    if len(pieces) % 2 or not pieces:
        return None
    pairs = list(zip(pieces[::2], pieces[1::2]))
    if not all(_is_surname(surname) for surname, _ in pairs):
        return None
    if not all((_is_given if given_in_full else _is_initials)(given) for _, given in pairs):
        return None
    return [Person(surname=surname, given=given) for surname, given in pairs], et_al


def _in_reading_order(name: str) -> Person | None:
    """``Mei Lin Ho``, ``Piet de Wit``, ``J. N. van der Berg``: the surname is the last word with the
    particles before it, or all that follows leading initials."""
    words = name.split()
    if len(words) < 2:
        return None
    initials = 0
    while initials < len(words) and _is_initials(words[initials]):
        initials += 1
    if initials:
        given, surname = words[:initials], words[initials:]
    else:
        cut = len(words) - 1
        while cut > 1 and words[cut - 1] in PARTICLES:
            cut -= 1
        given, surname = words[:cut], words[cut:]
    given_text, surname_text = " ".join(given), " ".join(surname)
    if not (given and surname and _is_given(given_text) and _is_surname(surname_text)):
        return None
    return Person(surname=surname_text, given=given_text)


def read_in_reading_order(text: str) -> tuple[list[Person], bool] | None:
    """``Sofia Lund and Arjun Mehta``, ``A. B. Field, G. Nyambura, & A. Rossi`` (editors of a book)."""
    text, et_al = _without_et_al(text.strip())
    persons = [_in_reading_order(name) for name in re.split(r",?\s+(?:&|and)\s+|,\s+", text)]
    if not persons or any(p is None for p in persons):
        return None
    return persons, et_al


def _read_chicago(text: str) -> tuple[list[Person], bool] | None:
    """``Brandt, Kasper, Ieva Dambrauskė, and Tomas Varga``: the first name inverted, the others not."""
    text, et_al = _without_et_al(text.strip())
    surname, comma, rest = text.partition(", ")
    if not comma:
        return None
    given, _, others = _JOINER.sub(", ", rest).partition(", ")
    others = ", ".join(p for p in others.split(", ") if p not in _SUFFIXES)
    if not (_is_surname(surname) and _is_given(given)):
        return None
    persons = [Person(surname=surname, given=given)]
    if others:
        rest_read = read_in_reading_order(others)
        if rest_read is None:
            return None
        persons += rest_read[0]
    return persons, et_al


def _organisation(text: str) -> Person | None:
    words = text.split()
    if not words or len(words) > _MAX_ORGANISATION_WORDS or not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    return Person(surname=text, organisation=True)


def read_names(text: str, inverted_initials: bool) -> Names | None:
    """The names at the head of an entry, before its year.

    ``inverted_initials`` for APA and Harvard (every name ``Family, I.``); else Chicago's first name
    inverted with given names in full. A head ending ``, eds.`` or ``(Eds.)`` names editors; a 3-em dash
    repeats the previous entry's names (the caller fills them). None when nothing reads.
    """
    text = text.strip()
    if _is_repeat_dash(text):
        return Names(repeated=True)
    mark = _EDITOR_MARK.search(text)
    if mark:
        text = text[:mark.start()]
    for candidate in (text, text.removesuffix(".")):  # "Field, S. P." keeps its stop, "World Bank." does not
        persons = _read_persons(candidate, inverted_initials)
        if persons is not None:
            return Names(persons[0], persons[1], editors=bool(mark))
    organisation = _organisation(text.removesuffix("."))
    return Names([organisation], editors=bool(mark)) if organisation else None


def _read_persons(text: str, inverted_initials: bool) -> tuple[list[Person], bool] | None:
    if inverted_initials:
        # Or a list that gives names in full: Chicago's way first, as "Brandt, Kasper, Ieva Dambrauskė,
        # and Tomas Varga" also pairs off as two inverted names.
        return read_inverted(text) or _read_chicago(text) or read_inverted(text, given_in_full=True)
    return _read_chicago(text)


_ABBREVIATED = re.compile(r"^(?P<short>[A-Z][A-Za-z&.-]{1,11})\s+\((?P<full>[^()]+)\)$")


def cited_name(person: Person) -> str:
    """The name a citation uses: ``IEA`` for the organisation printed ``IEA (International Energy
    Agency)`` (an acronym in capitals before its expansion), else the surname as printed."""
    if person.organisation and (match := _ABBREVIATED.match(person.surname)) and match.group("short").isupper():
        return match.group("short")
    return person.surname
