"""A text's own reference list as works of the corpus: each reference read into a bib entry, or matched
with the entry ``bib/*.bib`` (or an earlier text's list) already holds, so the text's citations resolve
with no hand-written BibTeX and a work cited by several texts is one entry of ``/bibliography/``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.reflist.conversion import is_incomplete, to_bib_entry
from scholion.bib.reflist.keys import reference_keys
from scholion.bib.reflist.matching import match_references
from scholion.bib.reflist.parsing import parse_references
from scholion.problems import Problem
from scholion.text.model import Reference

__all__ = ["ListedWork", "ReferenceList", "read_reference_list"]


@dataclass(frozen=True)
class ListedWork:
    """One reference of the list: its words as printed and the bib entry it is."""

    text: str
    line: int
    key: str
    matched: bool  # the work was in the bibliography already (``bib/*.bib`` or an earlier text's list)


@dataclass
class ReferenceList:
    works: list[ListedWork] = field(default_factory=list)  # in the list's order
    entries: list[BibEntry] = field(default_factory=list)  # the works new to the bibliography
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # references whose fields were read (authors or title, and a year)
    verbatim_only: int = 0  # references kept only as printed

    @property
    def keys(self) -> list[str]:
        return [work.key for work in self.works]


def read_reference_list(slug: str, references: Sequence[Reference], bib: Bibliography, source_file: Path) -> ReferenceList:
    """The works of text ``slug``'s reference list, matched against ``bib`` or made into new entries."""
    parsed = parse_references([reference.text for reference in references])
    lines = [reference.lines[0] if reference.lines else 1 for reference in references]
    matches, problems = match_references(parsed, bib, slug, source_file, lines)
    matched = {match.number: match.entry.key for match in matches}
    keys = reference_keys(parsed, taken=bib.entries)
    result = ReferenceList(problems=problems)
    for number, (reference, work, key, line) in enumerate(zip(references, parsed, keys, lines), start=1):
        if is_incomplete(work):
            result.verbatim_only += 1
        else:
            result.read += 1
        if number in matched:
            result.works.append(ListedWork(reference.text, line, matched[number], True))
        else:
            result.entries.append(to_bib_entry(work, key, source_file, line))
            result.works.append(ListedWork(reference.text, line, key, False))
    return result
