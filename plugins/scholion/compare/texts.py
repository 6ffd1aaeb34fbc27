"""The texts as a comparison sees them: each text's body paragraphs, title and short label."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Sequence

from scholion.bib.labels import work_label

__all__ = ["ComparedText", "compared_text", "compared_texts"]


@dataclass
class ComparedText:
    """One text of the corpus: its body paragraphs ``(id, text)`` in reading order."""

    slug: str
    title: str
    label: str  # short name for column heads and charts: "Romano 2021"
    paragraphs: list[tuple[str, str]]
    redirects: dict[str, str] = field(default_factory=dict)  # retired id → living id
    index: int = 0  # position in the corpus: the pages colour each text by it

    @property
    def ids(self) -> set[str]:
        return {pid for pid, _ in self.paragraphs}

    @cached_property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.paragraphs)


def compared_text(source_text, index: int = 0) -> ComparedText:
    """A :class:`ComparedText` from a ``scholion.text.corpus.SourceText`` (duck-typed)."""
    document = source_text.document
    meta = document.meta or {}
    paragraphs = []
    for block in document.paragraphs:
        if block.anchor:
            paragraphs.append((block.anchor, block.text.strip()))  # a list item's words, without its marker
    authors = meta.get("authors") or []
    label = work_label([str(author).split()[-1] for author in authors], str(meta.get("year", "")), listed=2) or document.slug
    redirects = dict(getattr(getattr(source_text, "assignment", None), "redirects", {}) or {})
    return ComparedText(document.slug, str(meta.get("title", document.slug)), label, paragraphs, redirects, index)


def compared_texts(source_texts: Iterable) -> list[ComparedText]:
    """Every text of the corpus in order, each with its own colour and a distinct short label."""
    texts = [compared_text(source_text, index) for index, source_text in enumerate(source_texts)]
    distinct_labels(texts)
    return texts


def distinct_labels(texts: Sequence[ComparedText]) -> None:
    """Two texts with the same short label (same author and year) get their slug added."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text.label] = counts.get(text.label, 0) + 1
    for text in texts:
        if counts[text.label] > 1:
            text.label = f"{text.label} ({text.slug})"
