"""The ``/texts/`` page: every text of the corpus, so the navigation need not list them all."""
from __future__ import annotations

from scholion.pages.page import RenderedPage
from scholion.pages.reading import byline
from scholion.pages.templating import render
from scholion.text.corpus import SourceText


def render_texts_index(texts: list[SourceText]) -> RenderedPage:
    """``/texts/``: each text's title (linked to its reading page), byline, paragraphs and notes."""
    return RenderedPage(render("texts.html", texts=[(text, byline(text.document.meta)) for text in texts]))
