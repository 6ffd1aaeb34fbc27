"""The corpus overview, ``/compare/overview/``: what the texts have in common and where they differ.

Three sections, each a picture (:mod:`scholion.pages.charts`) and a table with the same data:

* works cited by more than one text: from the citations of each text's notes
  (:func:`scholion.bib.citations.resolve_notes`) plus the works a paragraph names
  by full title and year (:func:`scholion.compare.overview.cited_works`);
* glossary terms by how often each text uses them (a bar chart and a table);
* a timeline of the years the texts' paragraphs mention (a strip with a dot per passage,
  or a bar per year for a large corpus, and a table grouped by year).
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Mapping, Sequence

from markupsafe import Markup

from scholion.compare.excerpts import excerpt_html
from scholion.compare.overview import CitedWorks, shared_works, term_usage
from scholion.compare.texts import ComparedText
from scholion.compare.years import timeline
from scholion.glossary.terms import Glossary, TermCounts, paragraph_terms
from scholion.pages.charts import bar_chart_svg, text_series, timeline_svg, year_chart_svg
from scholion.pages.compare import HELPERS, PALETTE, text_href
from scholion.pages.page import Heading, RenderedPage
from scholion.pages.templating import render
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS

__all__ = ["render_overview_page"]


@dataclass
class _Works:
    """The works the texts cite, for the first section."""

    cited: CitedWorks
    shared: list[tuple[str, Markup | str, dict[str, list[str]]]]  # (bib key, its reference, {text slug: ids})
    count: int  # works cited by any text
    silent: list[ComparedText]  # texts citing no work the bibliography resolves


@dataclass
class _TermUse:
    """One glossary term's use, for the second section."""

    slug: str
    term: str
    by_text: dict[str, tuple[int, int]]  # text slug → (occurrences, paragraphs)
    occurrences: int
    paragraphs: int


@dataclass
class _Year:
    """One year the texts mention, for the third section."""

    year: int
    by_text: dict[str, list[tuple[str, str, list[tuple[int, int]]]]]  # text slug → (paragraph id, text, year spans)
    passages: int

    @property
    def anchors(self) -> dict[str, list[str]]:
        return {slug: [anchor for anchor, _, _ in passages] for slug, passages in self.by_text.items()}


def render_overview_page(texts: Sequence[ComparedText], glossary: Glossary, *, root: str = "../../",
                         terms: Mapping[str, TermCounts] | None = None, cited: CitedWorks | None = None, bib=None,
                         bibliography_url: str | None = None, top_terms: int = 20) -> RenderedPage:
    """The page ``/compare/overview/``.

    ``terms`` is each text's :func:`scholion.glossary.terms.paragraph_terms` (found here if not given).
    ``cited`` is ``{text slug: {bib key: [element ids]}}`` (see :func:`scholion.compare.overview.cited_works`);
    with ``cited=None`` the shared-works section says the bibliography is not available. Up to
    :data:`SIDE_BY_SIDE_MAX_TEXTS` texts each get a column (and a series in the charts); above
    that the page counts over the whole corpus and links each text once per row.
    """
    side_by_side = len(texts) <= SIDE_BY_SIDE_MAX_TEXTS
    if terms is None:
        terms = {text.slug: paragraph_terms(glossary, text.paragraphs) for text in texts}
    headings = [Heading(2, "shared-works", "Works cited by more than one text"),
                Heading(2, "terms", "Glossary terms in each text" if side_by_side else "Glossary terms in the texts"),
                Heading(2, "timeline", "Timeline of the years the texts mention")]
    uses = _term_uses(glossary, terms)
    years = [_Year(year, by_text, sum(len(passages) for passages in by_text.values()))
             for year, by_text in timeline(texts).items()]
    html = render("overview.html", texts=texts, root=root, side_by_side=side_by_side, headings=headings,
                  works=_works(texts, cited, bib), bibliography_url=bibliography_url,
                  terms=uses, top=min(top_terms, len(uses)), words=sum(t.words for t in texts),
                  term_chart=_term_chart(texts, uses[:top_terms], side_by_side) if uses else None,
                  years=years, passages_by_text={t.slug: sum(len(y.by_text.get(t.slug, [])) for y in years) for t in texts},
                  year_chart=_year_chart(texts, years, root, side_by_side) if years else None,
                  excerpt=_excerpt, first_links=lambda where: _first_links(where, texts, root), **HELPERS)
    return RenderedPage(html, headings)


def _works(texts: Sequence[ComparedText], cited: CitedWorks | None, bib) -> _Works | None:
    if cited is None or bib is None:
        return None
    entries = getattr(bib, "entries", {})
    shared = []
    for key, where in shared_works(cited, texts):
        entry = entries.get(key)
        shared.append((key, Markup(entry.reference_html) if entry is not None else key, where))
    count = len({key for text in texts for key in cited.get(text.slug, {})})
    return _Works(cited, shared, count, [text for text in texts if not cited.get(text.slug)])


def _first_links(where: Mapping[str, Sequence[str]], texts: Sequence[ComparedText], root: str) -> Markup:
    """Each text in ``where`` (``{text slug: ids}``) by its label, linked to its first id, with the count if more.

    Built here, not in overview.html: at 100 texts a row links most of them, and Jinja's cost per
    printed value made the page twice as slow to render (30 ms instead of 15 ms, years aside).
    """
    links = []
    for text in texts:
        ids = where.get(text.slug)
        if ids:
            more = f" ({len(ids)})" if len(ids) > 1 else ""
            links.append(f'<a href="{escape(text_href(root, text, ids[0]))}">{escape(text.label)}</a>{more}')
    return Markup(", ".join(links))


def _term_uses(glossary: Glossary, terms: Mapping[str, TermCounts]) -> list[_TermUse]:
    """Every term some text uses, the most used first."""
    uses = [_TermUse(slug, glossary[slug].term, by_text, sum(c for c, _ in by_text.values()), sum(p for _, p in by_text.values()))
            for slug, by_text in term_usage(terms).items()]
    return sorted(uses, key=lambda use: (-use.occurrences, use.term.casefold()))


def _term_chart(texts: Sequence[ComparedText], top: Sequence[_TermUse], side_by_side: bool) -> Markup:
    if side_by_side:
        rows = [(use.term, [use.by_text.get(t.slug, (0, 0))[0] for t in texts]) for use in top]
        desc = "; ".join(f"{use.term}: " + ", ".join(f"{t.label} {use.by_text.get(t.slug, (0, 0))[0]}" for t in texts)
                         for use in top)
        return bar_chart_svg(rows, text_series(texts), title=f"The {len(top)} glossary terms used most, occurrences per text",
                             desc=f"Bar chart, one bar per text for each term. {desc}.")
    rows = [(use.term, [use.occurrences]) for use in top]
    desc = "; ".join(f"{label}: {values[0]}" for label, values in rows)
    return bar_chart_svg(rows, [("All texts", PALETTE[0], "compare-c0")],
                         title=f"The {len(top)} glossary terms used most, occurrences in all the texts",
                         desc=f"Bar chart, one bar per term. {desc}.")


def _year_chart(texts: Sequence[ComparedText], years: Sequence[_Year], root: str, side_by_side: bool) -> Markup:
    if side_by_side:
        desc = "; ".join(f"{y.year}: " + ", ".join(f"{t.label} {len(y.by_text[t.slug])}" for t in texts if y.by_text.get(t.slug))
                         for y in years)
        return timeline_svg({y.year: y.by_text for y in years}, texts, root=root, title="Timeline of the years the texts mention",
                            desc=f"One row per year, one column per text, one dot per passage. {desc}.")
    rows = [(y.year, y.passages, len(y.by_text)) for y in years]
    desc = "; ".join(f"{year}: {passages} passages in {count} texts" for year, passages, count in rows)
    return year_chart_svg(rows, title="Passages naming each year, in all the texts", desc=f"One bar per year. {desc}.")


def _excerpt(text: str, spans: Sequence[tuple[int, int]]) -> Markup:
    """The sentence naming a year, the year marked (escaped source text: see excerpt_html)."""
    return Markup(excerpt_html(text, spans, max_sentences=1))
