"""The ``/glossary/`` page: every entry, A–Z, with where it appears in the texts.

Output is one HTML fragment with no blank lines, so it survives being dropped
into a Markdown page as a raw HTML block. Entry ids are the term slugs
(``/glossary/#csto``). Every piece of contributor text (term, expansion,
definition, aliases, document titles, ids) is escaped: definitions are plain
text, and a blank line in one starts a new paragraph.
"""
from __future__ import annotations

import html
import re
import string
from typing import Mapping

from scholion.glossary.terms import Glossary, Term
from scholion.text.folding import fold
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.html.sanitising import tooltip_title

# Paragraph lists longer than this are folded into a <details> element.
FOLD_AFTER = 12


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def initial(term: Term) -> str:
    """The A–Z group of a term (``détente`` → ``D``); ``#`` for anything else."""
    first = fold(term.term)[:1].upper()
    return first if first in string.ascii_uppercase else "#"


def _letter_id(letter: str) -> str:
    return "glossary-letter-" + ("other" if letter == "#" else letter.lower())


def _paragraph_label(paragraph_id: str) -> tuple[str, str]:
    """Link text and title for a paragraph or note id: ``p14`` → ``¶14``."""
    if re.fullmatch(r"p\d+", paragraph_id):
        return f"¶{paragraph_id[1:]}", f"Paragraph {paragraph_id[1:]}"
    if re.fullmatch(r"n\w+", paragraph_id):
        return f"note {paragraph_id[1:]}", f"Note {paragraph_id[1:]}"
    return f"¶{paragraph_id}", paragraph_id


def _definition_html(definition: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", definition) if p.strip()]
    return "".join(f"<p>{_esc(' '.join(p.split()))}</p>" for p in paragraphs)


def _occurrences_html(
    by_doc: Mapping[str, list[str]],
    doc_titles: Mapping[str, str],
    doc_url_prefix: str,
) -> str:
    order = [d for d in doc_titles if by_doc.get(d)] + sorted(d for d in by_doc if by_doc[d] and d not in doc_titles)
    if not order:
        return ('<div class="glossary-occurrences glossary-occurrences-none">'
                "<span class=\"glossary-label\">Appears in:</span> none of the texts.</div>")
    if len(doc_titles) > SIDE_BY_SIDE_MAX_TEXTS:
        return _occurrences_summary_html(order, by_doc, doc_titles, doc_url_prefix)
    items = []
    for doc in order:
        ids = by_doc[doc]
        base = f"{doc_url_prefix}{doc}/"
        title = _esc(doc_titles.get(doc, doc))
        count = f"{len(ids)} paragraph{'s' if len(ids) != 1 else ''}"
        links = []
        for pid in ids:
            text, label = _paragraph_label(pid)
            # aria-label, not title: Material mounts a tooltip on every titled link when the page loads.
            links.append(f'<a href="{_esc(base)}#{_esc(pid)}" aria-label="{_esc(label)}">{_esc(text)}</a>')
        link_list = f'<span class="glossary-paragraphs">{" ".join(links)}</span>'
        doc_link = f'<a class="glossary-doc" href="{_esc(base)}">{title}</a>'
        head = f'{doc_link} <span class="glossary-count">({count})</span>'
        if len(ids) > FOLD_AFTER:
            # The text's link stays outside <summary>: a link inside the toggle is a nested
            # interactive control (axe nested-interactive) that keyboards and screen readers trip on.
            items.append(f'<li>{doc_link} <details class="glossary-fold"><summary><span class="glossary-count">'
                         f'{count}</span></summary>{link_list}</details></li>')
        else:
            items.append(f"<li>{head}: {link_list}</li>")
    return ('<div class="glossary-occurrences"><span class="glossary-label">Appears in:</span>'
            f'<ul>{"".join(items)}</ul></div>')


def _occurrences_summary_html(
    order: list[str],
    by_doc: Mapping[str, list[str]],
    doc_titles: Mapping[str, str],
    doc_url_prefix: str,
) -> str:
    """For a large corpus: how many texts and paragraphs, then each text once, linked to its first paragraph."""
    paragraphs = sum(len(by_doc[doc]) for doc in order)
    items = "".join(
        f'<li><a class="glossary-doc" href="{_esc(f"{doc_url_prefix}{doc}/")}#{_esc(by_doc[doc][0])}">'
        f'{_esc(doc_titles.get(doc, doc))}</a> <span class="glossary-count">({len(by_doc[doc])})</span></li>'
        for doc in order)
    summary = (f"{len(order)} text{'s' if len(order) != 1 else ''}, "
               f"{paragraphs:,} paragraph{'s' if paragraphs != 1 else ''}")
    return ('<div class="glossary-occurrences"><span class="glossary-label">Appears in:</span> '
            f'<details class="glossary-fold"><summary><span class="glossary-count">{summary}</span></summary>'
            f'<ul class="glossary-texts">{items}</ul></details></div>')


def _entry_html(
    term: Term,
    glossary: Glossary,
    by_doc: Mapping[str, list[str]],
    doc_titles: Mapping[str, str],
    doc_url_prefix: str,
) -> str:
    slug = _esc(term.slug)
    parts = [
        f'<section class="glossary-entry" id="{slug}">',
        f'<h3 class="glossary-heading"><span class="glossary-name">{_esc(term.term)}</span>'
        f' <span class="glossary-expansion">{_esc(term.expansion)}</span>'
        f'<a class="headerlink" href="#{slug}" title="Permanent link">¶</a></h3>',
        f'<div class="glossary-definition">{_definition_html(term.definition)}</div>',
    ]
    if term.aliases:
        parts.append('<p class="glossary-aliases"><span class="glossary-label">Also written:</span> '
                     + ", ".join(f"<span>{_esc(a)}</span>" for a in term.aliases) + "</p>")
    if term.sic:
        parts.append('<p class="glossary-sic"><span class="glossary-label">Misprinted in a source as:'
                     "</span> " + ", ".join(f"<span>{_esc(s)}</span>" for s in term.sic)
                     + "</p>")
    related = [glossary.get(slug) for slug in term.related]
    related = [r for r in related if r is not None]
    if related:
        parts.append('<p class="glossary-related"><span class="glossary-label">Related:</span> '
                     + ", ".join(f'<a href="#{_esc(r.slug)}" title="{tooltip_title(r.expansion)}">'
                                 f"{_esc(r.term)}</a>" for r in related) + "</p>")
    parts.append(_occurrences_html(by_doc, doc_titles, doc_url_prefix))
    parts.append("</section>")
    return "".join(parts)


def render_glossary_page(
    glossary: Glossary,
    occurrences: Mapping[str, Mapping[str, list[str]]],
    doc_titles: Mapping[str, str],
    doc_url_prefix: str = "../",
) -> str:
    """HTML of the glossary page: an A–Z jump bar, then the entries by initial letter.

    ``occurrences`` is ``count_occurrences(...)``'s result; ``doc_titles`` maps
    document slugs to titles (and gives the order of the texts); paragraph
    links are ``{doc_url_prefix}{doc_slug}/#{paragraph_id}``.
    """
    groups: dict[str, list[Term]] = {}
    for term in sorted(glossary, key=lambda t: (fold(t.term), t.term)):
        groups.setdefault(initial(term), []).append(term)
    letters = list(string.ascii_uppercase) + (["#"] if "#" in groups else [])

    bar = []
    for letter in letters:
        if letter in groups:
            bar.append(f'<a href="#{_letter_id(letter)}">{_esc(letter)}</a>')
        else:
            bar.append(f'<span class="glossary-az-empty" aria-hidden="true">{_esc(letter)}</span>')
    out = [
        '<div class="scholion-glossary">',
        f'<nav class="glossary-az" aria-label="Glossary A to Z">{" ".join(bar)}</nav>',
    ]
    for letter in letters:
        if letter not in groups:
            continue
        out.append(f'<section class="glossary-letter" id="{_letter_id(letter)}">'
                   f'<h2 class="glossary-letter-heading">{_esc(letter)}</h2>')
        for term in groups[letter]:
            out.append(_entry_html(term, glossary, occurrences.get(term.slug, {}),
                                   doc_titles, doc_url_prefix))
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)
