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

from html import escape
from typing import Mapping, Sequence

from scholion.compare.excerpts import excerpt_html
from scholion.compare.overview import CitedWorks, shared_works, term_usage
from scholion.compare.texts import ComparedText
from scholion.compare.years import timeline
from scholion.glossary.terms import Glossary, TermCounts, paragraph_terms
from scholion.pages.charts import bar_chart_svg, text_series, timeline_svg, year_chart_svg
from scholion.pages.compare import PALETTE, paragraph_label, plural, text_head, text_href
from scholion.pages.render import Heading, RenderedPage
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS

__all__ = ["render_overview_page"]


def _first_links(where: Mapping[str, Sequence[str]], texts: Sequence[ComparedText], root: str) -> str:
    """Each text in ``where`` (``{text slug: ids}``) by its label, linked to its first id, with the count if more."""
    links = []
    for t in texts:
        ids = where.get(t.slug)
        if ids:
            more = f" ({len(ids)})" if len(ids) > 1 else ""
            links.append(f'<a href="{escape(text_href(root, t, ids[0]))}">{escape(t.label)}</a>{more}')
    return ", ".join(links)


def _shared_works_html(texts: Sequence[ComparedText], cited: CitedWorks | None, bib, bibliography_url: str | None,
                       root: str, side_by_side: bool) -> list[str]:
    if cited is None or bib is None:
        return ['<p class="compare-none">The bibliography is not available in this build.</p>']
    out = []
    shared = shared_works(cited, texts)
    if side_by_side:
        per_text = ", ".join(f"{escape(t.label)} {plural(len(cited.get(t.slug, {})), 'work')}" for t in texts)
        out.append(f"<p>Works each text cites, in its notes or by title in its running text: {per_text}.</p>")
    else:
        works = len({key for t in texts for key in cited.get(t.slug, {})})
        out.append(f"<p>The {len(texts)} texts cite {plural(works, 'work')} in their notes or by title in their "
                   f"running text; {len(shared)} of them by more than one text. Each text is linked to the first "
                   "place it cites the work (with the number of places if there are more).</p>")
    if not shared:
        out.append('<p class="compare-none">No work is cited by more than one text.</p>')
    else:
        rows = []
        for key, where in shared:
            entry = bib.entries.get(key) if hasattr(bib, "entries") else None
            work = entry.reference_html if entry is not None else escape(key)
            if bibliography_url:
                work += f' <a class="compare-bib-link" href="{escape(bibliography_url)}#{escape(key)}">(bibliography)</a>'
            if side_by_side:
                cells = "".join(
                    "<td>" + ", ".join(f'<a href="{escape(text_href(root, t, i))}">{escape(paragraph_label(i))}</a>' for i in where.get(t.slug, []))
                    + "</td>" for t in texts)
            else:
                cells = f'<td class="compare-num">{len(where)}</td><td>{_first_links(where, texts, root)}</td>'
            rows.append(f"<tr><th scope=\"row\">{work}</th>{cells}</tr>")
        head = ("".join(f'<th scope="col">{text_head(t, root)}</th>' for t in texts) if side_by_side
                else '<th scope="col">Texts</th><th scope="col">Where</th>')
        out.append('<div class="compare-table-wrap compare-shared"><table><caption>Works cited by more than one text, '
                   f'and where</caption><thead><tr><th scope="col">Work</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    silent = [t for t in texts if not cited.get(t.slug)]
    if silent and side_by_side:
        out.append('<p class="compare-caveat">' + ", ".join(escape(t.label) for t in silent)
                   + " cites no work that the bibliography could resolve (in the source extract its note texts may be missing).</p>")
    elif silent:
        out.append(f'<p class="compare-caveat">{plural(len(silent), "text")} cite no work that the bibliography could '
                   "resolve (in a source extract the note texts may be missing).</p>")
    return out


def _terms_html(texts: Sequence[ComparedText], glossary: Glossary, terms: Mapping[str, TermCounts], root: str,
                top_terms: int, side_by_side: bool) -> list[str]:
    usage = term_usage(terms)
    ranked = sorted(usage, key=lambda slug: (-sum(v[0] for v in usage[slug].values()), glossary[slug].term.casefold()))
    if not ranked:
        return ['<p class="compare-none">No glossary term occurs in the texts.</p>']
    top = ranked[:top_terms]
    if side_by_side:
        lengths = ", ".join(f"{escape(t.label)} {t.words:,} words" for t in texts)
        intro = f"The texts differ in length: {lengths}."
        series = text_series(texts)
        rows = [(glossary[s].term, [usage[s].get(t.slug, (0, 0))[0] for t in texts]) for s in top]
        desc = "; ".join(f"{glossary[s].term}: " + ", ".join(f"{t.label} {usage[s].get(t.slug, (0, 0))[0]}" for t in texts)
                         for s in top)
        chart_title, unit = f"The {len(top)} glossary terms used most, occurrences per text", "per text"
    else:
        intro = f"The {len(texts)} texts have {sum(t.words for t in texts):,} words in all."
        series = [("All texts", PALETTE[0], "compare-c0")]
        rows = [(glossary[s].term, [sum(v[0] for v in usage[s].values())]) for s in top]
        desc = "; ".join(f"{label}: {values[0]}" for label, values in rows)
        chart_title, unit = f"The {len(top)} glossary terms used most, occurrences in all the texts", "in all the texts"
    out = [f"<p>How often the texts use each glossary term (every spelling the glossary links counts). {intro} "
           f"The chart shows the {len(top)} terms used most; the table below lists all {len(ranked)}.</p>",
           '<figure class="compare-figure">' + bar_chart_svg(
               rows, series, title=chart_title, desc=f"Bar chart, one bar per {'text for each ' if side_by_side else ''}term. {desc}.")
           + f"<figcaption>Occurrences of the {len(top)} most used glossary terms, {unit}. "
           "The table below links each term to the glossary.</figcaption></figure>"]
    body = []
    if side_by_side:
        head = "".join(f'<th scope="col">{text_head(t, root)}<br><span class="compare-unit">occurrences (paragraphs) · per 1,000 words</span></th>'
                       for t in texts)
        for slug in ranked:
            cells = []
            for t in texts:
                count, paragraphs = usage[slug].get(t.slug, (0, 0))
                rate = 1000 * count / t.words if t.words else 0
                cells.append(f'<td class="compare-num">{count} ({paragraphs}) · {rate:.1f}</td>' if count else '<td class="compare-num">–</td>')
            body.append(f'<tr><th scope="row"><a href="{escape(root)}glossary/#{escape(slug)}">{escape(glossary[slug].term)}</a></th>{"".join(cells)}</tr>')
    else:
        words = sum(t.words for t in texts)
        head = ('<th scope="col">Occurrences (paragraphs)</th><th scope="col">Per 1,000 words</th>'
                '<th scope="col">Texts using it</th>')
        for slug in ranked:
            count = sum(v[0] for v in usage[slug].values())
            paragraphs = sum(v[1] for v in usage[slug].values())
            rate = 1000 * count / words if words else 0
            body.append(f'<tr><th scope="row"><a href="{escape(root)}glossary/#{escape(slug)}">{escape(glossary[slug].term)}</a></th>'
                        f'<td class="compare-num">{count:,} ({paragraphs:,})</td><td class="compare-num">{rate:.1f}</td>'
                        f'<td class="compare-num">{len(usage[slug])}</td></tr>')
    out.append(f'<details class="compare-all-terms"><summary>All {len(ranked)} terms, with counts {unit}</summary>'
               '<div class="compare-table-wrap compare-terms"><table><caption>Glossary terms by use in each text</caption>'
               f'<thead><tr><th scope="col">Term</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></details>')
    return out



def _timeline_html(texts: Sequence[ComparedText], root: str, side_by_side: bool) -> list[str]:
    years = timeline(texts)
    if not years:
        return ['<p class="compare-none">The texts mention no year.</p>']
    if side_by_side:
        counts = ", ".join(f"{escape(t.label)} {plural(sum(len(v.get(t.slug, [])) for v in years.values()), 'passage')}"
                           for t in texts)
    else:
        counts = f"{plural(sum(len(p) for v in years.values() for p in v.values()), 'passage')} in all"
    out = [f"<p>Every year from 1800 to 2030 that a paragraph names as a date (“in 2014”, “since 1996”, "
           f"“the 1990 Charter”), {len(years)} years in all: {counts}. "
           + ("Each dot is a passage and links to it; a dotted line marks a jump of more than a year.</p>" if side_by_side else
              "The table links each text to its first passage naming the year (with the number of passages if there are more).</p>")]
    if side_by_side:
        desc = "; ".join(f"{year}: " + ", ".join(f"{t.label} {len(by_text[t.slug])}" for t in texts if by_text.get(t.slug))
                         for year, by_text in years.items())
        out.append('<figure class="compare-figure">' + timeline_svg(
            years, texts, root=root, title="Timeline of the years the texts mention",
            desc=f"One row per year, one column per text, one dot per passage. {desc}.") +
            "<figcaption>Years mentioned in the texts: one dot per passage.</figcaption></figure>")
        head = "".join(f'<th scope="col">{text_head(t, root)}</th>' for t in texts)
    else:
        rows = [(year, sum(len(p) for p in by_text.values()), len(by_text)) for year, by_text in years.items()]
        desc = "; ".join(f"{year}: {passages} passages in {count} texts" for year, passages, count in rows)
        out.append('<figure class="compare-figure">' + year_chart_svg(
            rows, title="Passages naming each year, in all the texts", desc=f"One bar per year. {desc}.") +
            "<figcaption>Years mentioned in the texts: passages and texts per year.</figcaption></figure>")
        head = '<th scope="col">Passages</th><th scope="col">Texts</th>'
    body = []
    for year, by_text in years.items():
        if side_by_side:
            cells = []
            for t in texts:
                items = "".join(
                    f'<li><a class="compare-ref" href="{escape(text_href(root, t, anchor))}">{escape(paragraph_label(anchor))}</a> '
                    f"{excerpt_html(text, spans, max_sentences=1)}</li>"
                    for anchor, text, spans in by_text.get(t.slug, []))
                cells.append(f'<td><ul class="compare-mentions">{items}</ul></td>' if items else "<td></td>")
            row = "".join(cells)
        else:
            where = {slug: [anchor for anchor, _, _ in passages] for slug, passages in by_text.items()}
            row = (f'<td class="compare-num">{sum(len(p) for p in where.values()):,}</td>'
                   f"<td>{_first_links(where, texts, root)}</td>")
        body.append(f'<tr id="year-{year}"><th scope="row">{year}</th>{row}</tr>')
    out.append('<div class="compare-table-wrap compare-timeline-table"><table><caption>Years and the passages that mention them</caption>'
               f'<thead><tr><th scope="col">Year</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
    return out


def render_overview_page(texts: Sequence[ComparedText], glossary: Glossary, *, root: str = "../../",
                         terms: Mapping[str, TermCounts] | None = None, cited: CitedWorks | None = None, bib=None,
                         bibliography_url: str | None = None, top_terms: int = 20) -> RenderedPage:
    """The page ``/compare/overview/``.

    ``terms`` is each text's :func:`scholion.glossary.terms.paragraph_terms` (found here if not given).
    ``cited`` is ``{text slug: {bib key: [element ids]}}`` (see :func:`scholion.compare.overview.cited_works`); with
    ``cited=None`` the shared-works section says the bibliography is not available. Up to
    :data:`SIDE_BY_SIDE_MAX_TEXTS` texts each get a column (and a series in the charts); above
    that the page counts over the whole corpus and links each text once per row.
    """
    side_by_side = len(texts) <= SIDE_BY_SIDE_MAX_TEXTS
    if terms is None:
        terms = {text.slug: paragraph_terms(glossary, text.paragraphs) for text in texts}
    headings = [Heading(2, "shared-works", "Works cited by more than one text"),
                Heading(2, "terms", "Glossary terms in each text" if side_by_side else "Glossary terms in the texts"),
                Heading(2, "timeline", "Timeline of the years the texts mention")]
    if side_by_side:
        names = ", ".join(f"{escape(t.label)} (<cite>{escape(t.title)}</cite>)" for t in texts)
        names = f"at a glance: {names}."
    else:
        names = f'at a glance (the <a href="{escape(root)}texts/">list of texts</a> names them all).'
    out = ["<h1>Corpus overview</h1>",
           f'<p class="compare-summary">What the {len(texts)} texts of the corpus have in common and where they differ, '
           f'{names} <a href="../">Topic comparisons</a></p>']
    sections = (_shared_works_html(texts, cited, bib, bibliography_url, root, side_by_side),
                _terms_html(texts, glossary, terms, root, top_terms, side_by_side),
                _timeline_html(texts, root, side_by_side))
    for heading, section in zip(headings, sections):
        out.append(f'<h2 id="{heading.id}">{heading.title}<a class="headerlink" href="#{heading.id}" title="Permanent link">¶</a></h2>')
        out += section
    return RenderedPage("\n".join(out), headings)
