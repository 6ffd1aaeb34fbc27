"""Author lists as notes write them before a year or a locator: ``Bozo, Rey, Ludlow and Nuti``,
``Drieskens and van Schaik``, ``Gehring et al.``, ``President of the Russian Federation``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scholion.bib.citations.dates import MONTH_WORDS

__all__ = ["Names", "names_before"]

_PARTICLES = {"van", "von", "der", "den", "de", "du", "di", "da", "del", "della", "la", "le",
              "dos", "das", "ten", "ter", "zu", "y"}
_JOINERS = {"of", "the", "for"}  # inside organisation names: "President of the Russian Federation"
_CAPITAL_STOPWORDS = {
    "See", "Also", "Cf", "In", "For", "As", "Quoted", "Cited", "Referenced", "Ibid", "And", "But",
    "On", "Compare", "E.g", "Eg", "The", "Para", "Paras", "Resolution", "Art", "Article", "Section",
    "Chapter", "Figure", "Fig", "Table", "Note", "Vol", "No", "Nr", "Op", "Cit", "Since", "From",
    "Until", "By", "After", "Before", "During", "Between", "Summer", "Spring", "Autumn", "Winter",
    "This", "That", "These", "It", "Its", "Their", "Our", "His", "Her", "An", "A", "Was", "Were",
    "Edition", "Ed", "Eds", "Version",
} | MONTH_WORDS
_APOSTROPHES = "’'"


def _stray_quote(word: str) -> bool:
    """``O’Loughlin’``: a quote closing a name that has one already (a stray quote in the source)."""
    return bool(word) and word[-1] in _APOSTROPHES and sum(word.count(a) for a in _APOSTROPHES) >= 2


def is_name_word(word: str) -> bool:
    """A capitalised surname-like word: ``Götz``, ``O’Loughlin’``, ``DeBardeleben``, ``NATO``."""
    core = word[:-1] if _stray_quote(word) else word
    if not core or not core[0].isupper() or not core[-1].isalpha():
        return False
    if core.rstrip(".") in _CAPITAL_STOPWORDS:
        return False
    return all(ch.isalpha() or ch in "’'-" for ch in core)


def _clean_name_word(word: str) -> str:
    return word[:-1] if _stray_quote(word) else word


@dataclass
class Names:
    """The authors of a citation as written: one group of words per author, and where they stand in the note."""

    start: int
    end: int
    groups: list[list[str]]
    etal: bool = False
    first_starts: list[int] = field(default_factory=list)  # offset of each word of the first name

    def dropping(self, k: int) -> "Names":
        """The same names without the first ``k`` words (``Foreign Minister Lavrov`` → ``Lavrov``)."""
        return Names(self.first_starts[k], self.end, [self.groups[0][k:]] + self.groups[1:],
                     self.etal, self.first_starts[k:])

    @property
    def authors(self) -> list[str]:
        return [" ".join(group) for group in self.groups]

    @property
    def has_joiners(self) -> bool:
        return any(word in _JOINERS for group in self.groups for word in group)


def names_before(text: str, lo: int, hi: int) -> Names | None:
    """Parse the author list that ends right at ``hi`` (not crossing ``lo``)."""
    tokens = [(m.start() + lo, m.end() + lo, m.group()) for m in re.finditer(r"\S+", text[lo:hi])]
    etal = False
    if len(tokens) >= 2 and tokens[-1][2].rstrip(",") == "al." and tokens[-2][2] == "et":
        etal = True
        tokens = tokens[:-2]
    groups: list[list[tuple[int, int, str]]] = [[]]
    last = len(tokens) - 1
    for i in range(last, -1, -1):
        start, end, word = tokens[i]
        core = word[:-1] if word.endswith(",") and i != last else word
        if i == last and core.endswith(","):
            core = core[:-1]
        if core in ("and", "&"):
            if not groups[-1]:
                break
            groups.append([])
            continue
        ends_group = word.endswith(",") and i != last
        if ends_group and groups[-1]:
            groups.append([])
        if is_name_word(core):
            groups[-1].insert(0, (start, start + len(core), _clean_name_word(core)))
        elif core in _PARTICLES or core in _JOINERS:
            if not groups[-1]:
                break
            groups[-1].insert(0, (start, start + len(core), core))
        else:
            break
    cleaned: list[list[tuple[int, int, str]]] = []
    for group in groups:
        while group and group[0][2] in _JOINERS:
            group = group[1:]
        if group:
            cleaned.append(group)
    if not cleaned:
        return None
    cleaned.reverse()
    start = cleaned[0][0][0]
    end = cleaned[-1][-1][1]
    return Names(start, end, [[w for _, _, w in group] for group in cleaned], etal,
                 [s for s, _, _ in cleaned[0]])
