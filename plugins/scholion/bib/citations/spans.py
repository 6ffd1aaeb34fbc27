"""Citations on the reading page: each one in a note linked to its entry on the bibliography page."""
from __future__ import annotations

import html
from typing import Sequence

from scholion.bib.citations.model import Citation
from scholion.bib.entries import Bibliography
from scholion.html.sanitising import tooltip_title
from scholion.html.spans import Span

__all__ = ["citation_spans"]


def citation_spans(citations: Sequence[Citation], bib: Bibliography, bibliography_href: str) -> list[Span]:
    """Link each citation in a note to its entry on the bibliography page.

    ``bibliography_href`` is the page's URL relative to the reading page
    (``../bibliography/``). Resolved → ``<a class="citation">`` to ``#key``;
    ambiguous → a link to the first candidate marked ``citation-ambiguous``
    whose title lists all candidates; unresolved → a ``<span>`` marked
    ``citation-unresolved``. Titles are escaped bib data.
    """
    spans: list[Span] = []
    for citation in citations:
        entries = [bib.entries[k] for k in citation.keys if k in bib.entries]
        labels = "; ".join(e.short_label for e in entries)
        if citation.status == "resolved" and entries:
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
