"""The ``/annotations/`` page: every annotation of the corpus, by text, then by author and by tag.

Each annotation is shown as beside its paragraph (``annotation.html``), its links pointed at the
annotated text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from scholion.annotations.anchoring import Placement
from scholion.annotations.loading import Annotation
from scholion.pages.page import Heading, RenderedPage
from scholion.pages.templating import render


@dataclass
class IndexEntry:
    slug: str
    title: str
    placement: Placement

    @property
    def annotation(self) -> Annotation:
        return self.placement.annotation

    @property
    def local_id(self) -> str:
        return f"{self.slug}-{self.annotation.id}"


def render_index(entries: list[IndexEntry], titles: dict[str, str], *, contributing_url: str = "../contributing/") -> RenderedPage:
    """``/annotations/``: all annotations by text (in reading order), then by author and by tag."""
    by_text: dict[str, list[IndexEntry]] = {slug: [] for slug in titles}
    for entry in entries:
        by_text.setdefault(entry.slug, []).append(entry)
    for items in by_text.values():
        items.sort(key=lambda e: (int(e.placement.paragraph[1:]), e.placement.start, e.annotation.id))
    texts = [(slug, titles.get(slug, slug), items) for slug, items in by_text.items()]
    headings = [Heading(2, "by-text", "By text"), *(Heading(3, f"text-{slug}", title) for slug, title, _ in texts),
                Heading(2, "by-author", "By author"), Heading(2, "by-tag", "By tag")]
    html = render("annotations.html", total=len(entries), texts=texts, contributing_url=contributing_url,
                  authors=_grouped(entries, lambda e: [e.annotation.author]), tags=_grouped(entries, lambda e: e.annotation.tags))
    return RenderedPage(html, headings)


def _grouped(entries: list[IndexEntry], names: Callable[[IndexEntry], list[str]]) -> list[tuple[str, list[IndexEntry]]]:
    """Each name (an author, a tag) with its entries, names in alphabetical order."""
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        for name in names(entry):
            groups.setdefault(name, []).append(entry)
    return [(name, sorted(groups[name], key=lambda e: (e.title, int(e.placement.paragraph[1:]))))
            for name in sorted(groups, key=str.casefold)]
