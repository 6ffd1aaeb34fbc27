"""The glossary's entries, and the terms each paragraph of a text uses."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from scholion.glossary.matching import TermMatch, TermMatcher, form_key
from scholion.text.folding import fold


@dataclass
class Term:
    """One glossary entry. ``line`` is where the entry starts in glossary.yml."""

    slug: str
    term: str
    expansion: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    line: int = 0
    sic: list[str] = field(default_factory=list)
    mark: str = "section"  # one of MARKS: how often a reading page marks the term

    @property
    def forms(self) -> list[str]:
        """Every spelling that is linked to this entry: term, aliases, misprints."""
        return [self.term, *self.aliases, *self.sic]


# How often a reading page marks a term: at its first occurrence in each section, once per text, or never
# (a word every reader knows, such as EU). The glossary page counts every occurrence whatever the mark.
MARKS = ("section", "first", "never")


def slugify(text: str) -> str:
    """``Minsk agreements`` → ``minsk-agreements``; ``détente`` → ``detente``: the folded text with a hyphen
    for whatever is not a–z or 0–9."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class Glossary:
    """Validated glossary entries plus one precompiled matcher for all forms."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        self.terms: dict[str, Term] = {}
        self._owner: dict[str, str] = {}  # form key -> slug (first owner wins)
        for term in terms:
            if term.slug in self.terms:
                continue
            self.terms[term.slug] = term
            for form in term.forms:
                self._owner.setdefault(form_key(form), term.slug)

    @functools.cached_property  # compiled on first use: a build whose pages all come from its cache never needs it
    def _matchers(self) -> TermMatcher:
        forms: dict[str, tuple[str, str]] = {}  # key -> (form, slug)
        for term in self.terms.values():
            for form in term.forms:
                key = form_key(form)
                if self._owner.get(key) == term.slug and key not in forms:
                    forms[key] = (form.strip(), term.slug)
        return TermMatcher(list(forms.values()))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self.terms

    def __getitem__(self, slug: str) -> Term:
        return self.terms[slug]

    def get(self, slug: str) -> Term | None:
        return self.terms.get(slug)

    def lookup(self, form: str) -> str | None:
        """The slug a spelling belongs to (same case rules as ``find``), or None."""
        return self._owner.get(form_key(form))

    def find(self, text: str) -> tuple[TermMatch, ...]:
        """Every occurrence of every form in ``text``, left to right, non-overlapping
        (see :mod:`scholion.glossary.matching` for the rules)."""
        return self._matchers.find(text)


# (paragraph id, {term slug: occurrences}) for each paragraph of a text that uses a term, in order.
TermCounts = list[tuple[str, dict[str, int]]]


def paragraph_terms(glossary: Glossary, paragraphs: Iterable[tuple[str, str]]) -> TermCounts:
    """The terms each ``(paragraph id, text)`` uses: what the glossary page and the corpus overview
    count, found once per text (and kept in the build cache with it)."""
    found: TermCounts = []
    for paragraph_id, text in paragraphs:
        counts: dict[str, int] = {}
        for match in glossary.find(text):
            counts[match.slug] = counts.get(match.slug, 0) + 1
        if counts:
            found.append((paragraph_id, counts))
    return found


def count_occurrences(terms: Mapping[str, TermCounts]) -> dict[str, dict[str, list[str]]]:
    """``{slug: {doc_slug: [paragraph_id, …]}}`` from each document's :func:`paragraph_terms`.

    Each paragraph is listed once per term however often the term occurs in it,
    in the order the documents and paragraphs were given. Terms that never occur are absent.
    """
    result: dict[str, dict[str, list[str]]] = {}
    for doc_slug, paragraphs in terms.items():
        for paragraph_id, counts in paragraphs:
            for slug in counts:
                ids = result.setdefault(slug, {}).setdefault(doc_slug, [])
                if paragraph_id not in ids:
                    ids.append(paragraph_id)
    return result
