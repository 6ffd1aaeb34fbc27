"""A text's reading page: the text with every feature's links and asides."""
from __future__ import annotations

from scholion.annotations.anchoring import Anchoring
from scholion.bib.entries import Bibliography
from scholion.bib.citing import cite_box_html, work_from_meta
from scholion.text.corpus import SourceText, render_text_page
from scholion.html.enrichers import Combined
from scholion.glossary.linking import GlossaryEnricher, sections_of
from scholion.glossary.terms import Glossary
from scholion.pages.annotations import AnnotationEnricher
from scholion.bib.references import CitationEnricher, TextCitations, reference_list_html
from scholion.pages.render import Heading, RenderedPage


def render_reading_page(text: SourceText, glossary: Glossary, citations: TextCitations, bibliography: Bibliography,
                        anchoring: Anchoring, site_url: str | None) -> RenderedPage:
    """``/<slug>/``: one enricher per feature adds its links or asides; the reference list follows
    the notes and the "Cite this text" box the title."""
    enricher = Combined(
        GlossaryEnricher(glossary, "../glossary/", sections_of(text.document)),
        CitationEnricher(citations, bibliography, "../bibliography/"),
        AnnotationEnricher(text.document, anchoring, index_url="../annotations/"),
    )
    references = reference_list_html(citations, bibliography, "../bibliography/")
    return render_text_page(text, enricher, [(Heading(2, "references", "References"), references)],
                            header=cite_box_html(work_from_meta(text.slug, text.document.meta, site_url)))

