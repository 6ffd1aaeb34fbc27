"""The comparison pages: a page per topic (``/compare/<topic>/``, a column per text) and the index ``/compare/``.

Also what every comparison page (and :mod:`scholion.pages.overview`, :mod:`scholion.pages.charts`)
shows of a text the same way: its colour, its link and a paragraph's label.
"""
from __future__ import annotations

from html import escape
from typing import Sequence

from markupsafe import Markup

from scholion.compare.selection import Column, Comparison
from scholion.compare.texts import ComparedText
from scholion.compare.topics import OVERVIEW_SLUG, PARAGRAPH_ID_RE
from scholion.glossary.terms import Glossary
from scholion.html.sanitising import tooltip_title
from scholion.pages.page import Heading, RenderedPage
from scholion.pages.templating import render

__all__ = ["PALETTE", "colour", "colour_class", "paragraph_label", "plural", "text_href", "HELPERS",
           "render_topic_page", "render_index_page"]

# Colours for the texts, in corpus order. Each has at least 4.5:1 contrast on white
# (and so also the 3:1 that WCAG asks of graphics); compare.css lightens them for the
# dark scheme.
PALETTE = ("#3949ab", "#a34700", "#00695c", "#8e24aa", "#ad1457", "#4e6a00")


def colour(text: ComparedText) -> str:
    return PALETTE[text.index % len(PALETTE)]


def colour_class(text: ComparedText) -> str:
    """CSS class setting ``--compare-colour`` (compare.css adapts it to the dark scheme)."""
    return f"compare-c{text.index % len(PALETTE)}"


def paragraph_label(anchor: str) -> str:
    """``p14`` → ``¶14``, ``n3`` → ``note 3``."""
    return f"¶{anchor[1:]}" if PARAGRAPH_ID_RE.match(anchor) else (f"note {anchor[1:]}" if anchor.startswith("n") else anchor)


def text_href(root: str, text: ComparedText, anchor: str = "") -> str:
    """The link to a text's reading page (unescaped), to ``anchor`` on it if given."""
    return f"{root}{text.slug}/" + (f"#{anchor}" if anchor else "")


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _passage_items(column: Column, root: str) -> Markup:
    """The ``<li>`` of each passage a column quotes (its excerpt is HTML already: see excerpt_html).

    Built here, not in compare_topic.html: a topic page of a large corpus quotes thousands of
    passages, and Jinja's cost per printed value made the ten topic pages of 100 texts three times
    slower to render (0.19 s instead of 0.06 s).
    """
    text = column.text
    page, label = escape(text_href(root, text)), escape(text.label)
    title = tooltip_title(text.label)  # escaped twice, for Material's tooltips
    items = []
    for passage in column.passages:
        href, number = f"{page}#{escape(passage.anchor)}", escape(passage.anchor[1:])  # a passage is a paragraph, p14
        pinned = (' <span class="compare-pinned" title="Chosen by the topic editors">pinned</span>'
                  if passage.pinned and not passage.matches else "")
        items.append(f'<li class="compare-passage"><blockquote cite="{href}"><p>{passage.excerpt}</p></blockquote>'
                     f'<p class="compare-source"><a class="compare-ref" href="{href}" title="{title}, paragraph {number}">'
                     f"{label}, ¶{number}</a>{pinned}</p></li>")
    return Markup("".join(items))


# What the comparison templates call (the macros of compare_macros.html among them).
HELPERS = {"colour_class": colour_class, "paragraph_label": paragraph_label, "plural": plural, "text_href": text_href,
           "overview": OVERVIEW_SLUG}


def render_topic_page(comparison: Comparison, glossary: Glossary, root: str = "../../") -> RenderedPage:
    """The page ``/compare/<topic>/``; ``root`` leads from it to the site root."""
    topic = comparison.topic
    terms = [term for term in (glossary.get(item.value) for item in topic.terms) if term is not None]
    by_hand = [(what, {slug: items for slug, items in chosen.items() if items})
               for what, chosen in (("added by hand", topic.pin), ("left out by hand", topic.exclude))]
    headings = [Heading(2, f"text-{column.text.slug}", column.text.label) for column in comparison.columns]
    html = render("compare_topic.html", topic=topic, columns=comparison.columns, terms=terms, by_hand=by_hand,
                  root=root, passage_items=_passage_items, **HELPERS)
    return RenderedPage(html, headings)


def render_index_page(comparisons: Sequence[Comparison], texts: Sequence[ComparedText], root: str = "../") -> RenderedPage:
    """HTML of ``/compare/``: the topics, with how many passages each text has on each."""
    return RenderedPage(render("compare_index.html", comparisons=comparisons, texts=texts, root=root, **HELPERS))
