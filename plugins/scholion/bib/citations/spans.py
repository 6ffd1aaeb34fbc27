"""Citations on the reading page: each one in a note or in the running text linked to its entry on the
bibliography page."""
from __future__ import annotations

import html
from dataclasses import replace
from typing import Sequence

from scholion.bib.citations.model import Citation
from scholion.bib.entries import Bibliography
from scholion.html.sanitising import tooltip_title
from scholion.html.spans import Span

__all__ = ["body_citation_spans", "citation_spans"]


def citation_spans(citations: Sequence[Citation], bib: Bibliography, bibliography_href: str) -> list[Span]:
    """Link each citation in a note to its entry on the bibliography page.

    ``bibliography_href`` is the page's URL relative to the reading page
    (``../bibliography/``). Resolved → ``<a class="citation">`` to ``#key``;
    resolved to several works (an Ibid. after a note citing them) → the words
    followed by a link to each work, in brackets (``Ibid. [Casier 2018; Sakwa 2017]``);
    ambiguous → a link to the first candidate marked ``citation-ambiguous``
    whose title lists all candidates; unresolved → a ``<span>`` marked
    ``citation-unresolved``. Titles are escaped bib data.
    """
    spans: list[Span] = []
    for citation in citations:
        entries = [bib.entries[k] for k in citation.keys if k in bib.entries]
        labels = "; ".join(e.short_label for e in entries)
        if citation.status == "resolved" and len(entries) > 1:
            links = "; ".join(f'<a class="citation" href="{html.escape(f"{bibliography_href}#{e.key}", quote=True)}">'
                              f'{html.escape(e.short_label, quote=False)}</a>' for e in entries)
            spans.append(Span(citation.start, citation.end, '<span class="citation-several">',
                              f'</span> <span class="citation-works">[{links}]</span>', priority=2))
        elif citation.status == "resolved" and entries:
            href = html.escape(f"{bibliography_href}#{entries[0].key}", quote=True)
            spans.append(Span(citation.start, citation.end,
                              f'<a class="citation" href="{href}">', "</a>", priority=2))
        elif citation.status == "ambiguous" and entries:
            href = html.escape(f"{bibliography_href}#{entries[0].key}", quote=True)
            spans.append(Span(citation.start, citation.end,
                              f'<a class="citation citation-ambiguous" href="{href}" '
                              f'title="{tooltip_title("One of: " + labels)}">', "</a>", priority=2))
        else:
            spans.append(Span(citation.start, citation.end,
                              '<span class="citation citation-unresolved" title="not in the bibliography">',
                              "</span>", priority=2))
    return spans


def body_citation_spans(citations: Sequence[Citation], bib: Bibliography, bibliography_href: str,
                        start: int, end: int) -> list[Span]:
    """Link each citation of a paragraph's running text that falls in ``text[start:end]`` (one piece of the
    paragraph, between note markers; a citation the piece cuts is linked in each part), offsets made relative
    to the piece. As :func:`citation_spans`, with the entry's formatted reference as the link's tooltip (bib data,
    escaped as Material's tooltips need: :func:`scholion.html.sanitising.tooltip_title`)."""
    spans: list[Span] = []
    for citation in citations:
        low, high = max(citation.start, start), min(citation.end, end)
        if low >= high:
            continue
        entries = [bib.entries[k] for k in citation.keys if k in bib.entries]
        if citation.status == "resolved" and entries:
            href = html.escape(f"{bibliography_href}#{entries[0].key}", quote=True)
            open_tag = (f'<a class="citation" href="{href}" '
                        f'title="{tooltip_title(entries[0].reference_text)}">')
            spans.append(Span(low - start, high - start, open_tag, "</a>", priority=2))
        else:  # marked as in a note
            spans += [replace(span, start=low - start, end=high - start)
                      for span in citation_spans([citation], bib, bibliography_href)]
    return spans
