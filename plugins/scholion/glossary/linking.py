"""Glossary terms linked on reading pages, each with its tooltip.

Linking rule (``glossary_spans``)
---------------------------------
Only the first occurrence of a term in a scope is linked ("never twice in
the same place"): ``glossary_spans`` links each term once per call, and one
``already_seen`` set passed to several calls widens the scope. On reading
pages (``GlossaryEnricher``) the scope is a section of the text (between two
headings) and the notes list: a section that says EU in every paragraph gets
one tooltip, not one per paragraph. Fewer tooltips also means less for
Material to mount on a phone; the glossary page still counts every paragraph.
An entry may ask to be marked less (``mark`` in glossary.yml): ``first`` is
linked once per text, ``never`` not at all.
"""
from __future__ import annotations

import html
from typing import Mapping

from scholion.glossary.terms import Glossary, Term
from scholion.html.sanitising import tooltip_title
from scholion.html.spans import Span
from scholion.text.model import Document

GLOSSARY_PRIORITY = 1


def term_span_html(term: Term, glossary_url: str) -> tuple[str, str]:
    """Opening and closing tags for a glossary link with a Material ``abbr`` tooltip."""
    href = html.escape(f"{glossary_url}#{term.slug}", quote=True)
    title = tooltip_title(term.expansion)  # Material puts titles into tooltips as HTML
    expansion = html.escape(term.expansion, quote=True)  # what a tap's popover shows (popovers.js), as text
    return (f'<a class="glossary-term" href="{href}" data-expansion="{expansion}"><abbr title="{title}">',
            "</abbr></a>")


def glossary_spans(
    glossary: Glossary,
    text: str,
    glossary_url: str,
    already_seen: set[str] | None = None,
) -> list[Span]:
    """Spans (priority 1) linking the first occurrence of each term in ``text``.

    ``already_seen`` holds slugs linked before; it is updated in place, so
    passing one set for several strings links each term once across them.
    """
    seen = set() if already_seen is None else already_seen
    spans: list[Span] = []
    for match in glossary.find(text):
        if match.slug in seen or glossary[match.slug].mark == "never":
            continue
        seen.add(match.slug)
        open_tag, close_tag = term_span_html(glossary[match.slug], glossary_url)
        spans.append(Span(match.start, match.end, open_tag, close_tag, GLOSSARY_PRIORITY))
    return spans


class GlossaryEnricher:
    """The glossary's part of a reading page (fits ``scholion.html.enrichers.Enricher``).

    Each term is linked at its first occurrence in a section of the body and
    once in the notes list. ``sections`` maps a paragraph anchor to the number
    of its section (``sections_of``); ``render`` asks for spans one text piece
    at a time, so the rule holds across the pieces of a paragraph. Captions
    and pull quotes (anchor ``""``) are scopes of their own.
    """

    def __init__(self, glossary: Glossary, glossary_url: str, sections: Mapping[str, int] | None = None) -> None:
        self.glossary = glossary
        self.glossary_url = glossary_url
        self.sections = sections or {}
        self._scope: object = None
        self._seen: set[str] = set()
        # Terms marked once per text: a new scope starts with them, once linked anywhere on the page.
        self._once = {term.slug for term in glossary if term.mark == "first"}
        self._linked_once: set[str] = set()

    def _enter(self, scope: object) -> set[str]:
        if scope is None or scope != self._scope:
            self._linked_once |= self._seen & self._once
            self._scope, self._seen = scope, set(self._linked_once)
        return self._seen

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        scope = ("section", self.sections.get(anchor, anchor)) if anchor else None
        return glossary_spans(self.glossary, text, self.glossary_url, self._enter(scope))

    def note_spans(self, label: str, text: str) -> list[Span]:
        return glossary_spans(self.glossary, text, self.glossary_url, self._enter("notes"))

    def after_paragraph(self, anchor: str) -> str:
        return ""


def sections_of(document: Document) -> dict[str, int]:
    """Paragraph anchor → number of the section (run of blocks between headings) it is in."""
    sections: dict[str, int] = {}
    number = 0
    for block in document.blocks:
        if block.kind == "heading":
            number += 1
        elif block.anchor:
            sections[block.anchor] = number
    return sections
