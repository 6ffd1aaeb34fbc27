"""Which references of a text are already in ``bib/*.bib``: those are matched, not added again.

A reference is the work of a bib entry when both name the same persons (folded surnames, in order; with
``et al.`` the first and more after it), in the same year (the a/b suffix aside: each list letters its
own years), and their titles agree when both have one (folded, punctuation aside). A reference that
could be several entries is matched with none, and said so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.reflist.conversion import cited_persons
from scholion.bib.reflist.model import ParsedReference
from scholion.problems import Problem
from scholion.text.folding import fold

__all__ = ["ReferenceMatch", "match_reference", "match_references", "same_title"]


def _title_words(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(title)).split())


def same_title(one: str, other: str) -> bool:
    """Titles that agree but for case, accents, quotes and punctuation."""
    return _title_words(one) == _title_words(other)


def _candidates(reference: ParsedReference, bib: Bibliography) -> list[BibEntry]:
    surnames = [p.surname for p in cited_persons(reference.names)]
    if reference.et_al and surnames:
        first = fold(surnames[0])
        return [e for e in bib if len(e.surnames) > len(surnames) and e.folded_surnames[0] == first
                and e.folded_surnames[:len(surnames)] == tuple(fold(s) for s in surnames)]
    if surnames:
        return bib.find(surnames)
    return [e for e in bib if not e.surnames]  # an anonymous work: by its title alone


def match_reference(reference: ParsedReference, bib: Bibliography) -> list[BibEntry]:
    """The entries of ``bib`` that may hold ``reference``'s work: one is a match, several are ambiguous
    (but one whose title agrees beats those without a title)."""
    found = []
    for entry in _candidates(reference, bib):
        if entry.year != reference.year:
            continue
        title = entry.fields.get("title", "")
        if reference.title and title:
            if not same_title(reference.title, title):
                continue
        elif not reference.names:
            continue  # without names, only a title tells a work
        found.append(entry)
    titled = [e for e in found if reference.title and e.fields.get("title")]
    return titled if len(found) > 1 and len(titled) == 1 else found


@dataclass(frozen=True)
class ReferenceMatch:
    """Reference ``number`` (1-based, in list order) is ``entry`` of the bibliography."""

    number: int
    reference: ParsedReference
    entry: BibEntry


def _shown(path: Path) -> str:
    """``bib/corpus.bib``: a bib file by its folder and name, wherever the corpus is."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def match_references(references: list[ParsedReference], bib: Bibliography, slug: str, source_file: Path,
                     lines: list[int | None] | None = None) -> tuple[list[ReferenceMatch], list[Problem]]:
    """The references of text ``slug`` already in ``bib``, and a notice for each (``reference 3 of
    kapoor-2021 is hughes-2007 in bib/corpus.bib``) or for each that could be several entries.
    ``lines`` are the references' first lines in ``source_file``."""
    matches: list[ReferenceMatch] = []
    problems: list[Problem] = []
    for number, reference in enumerate(references, start=1):
        line = lines[number - 1] if lines else None
        found = match_reference(reference, bib)
        if len(found) == 1:
            entry = found[0]
            matches.append(ReferenceMatch(number, reference, entry))
            problems.append(Problem(source_file, line, f"reference {number} of {slug} is {entry.key} in {_shown(entry.file)}",
                                    code="reflist.in-bibliography", severity="info"))
        elif found:
            keys = ", ".join(f"{e.key} ({_shown(e.file)})" for e in found)
            problems.append(Problem(source_file, line, f"reference {number} of {slug} could be any of {keys}; "
                                    "matched with none", code="reflist.ambiguous", severity="info"))
    return matches, problems
