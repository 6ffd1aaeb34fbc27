"""The ``/glossary/`` page: every entry, A–Z, with where it appears in the texts.

Output is one HTML fragment with no blank lines, so it survives being dropped
into a Markdown page as a raw HTML block. Entry ids are the term slugs
(``/glossary/#csto``). Every piece of contributor text (term, expansion,
definition, aliases, document titles, ids) is escaped (``glossary.html``): definitions are plain
text, and a blank line in one starts a new paragraph.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Mapping

from scholion.glossary.terms import Glossary, Term
from scholion.pages.templating import render
from scholion.text.folding import fold
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS

# Paragraph lists longer than this are folded into a <details> element.
FOLD_AFTER = 12



def initial(term: Term) -> str:
    """The A–Z group of a term (``détente`` → ``D``); ``#`` for anything else."""
    first = fold(term.term)[:1].upper()
    return first if first in string.ascii_uppercase else "#"


def _letter_id(letter: str) -> str:
    return "glossary-letter-" + ("other" if letter == "#" else letter.lower())


def _paragraph_label(paragraph_id: str) -> tuple[str, str]:
    """Link text and label for a paragraph or note id: ``p14`` → ``¶14``, ``Paragraph 14``."""
    if re.fullmatch(r"p\d+", paragraph_id):
        return f"¶{paragraph_id[1:]}", f"Paragraph {paragraph_id[1:]}"
    if re.fullmatch(r"n\w+", paragraph_id):
        return f"note {paragraph_id[1:]}", f"Note {paragraph_id[1:]}"
    return f"¶{paragraph_id}", paragraph_id


@dataclass
class _Shown:
    """A term as ``glossary.html`` shows it."""

    term: Term
    definition: list[str]  # its paragraphs
    related: list[Term]
    texts: list[str]  # the slugs of the texts it appears in, in corpus order
    by_text: Mapping[str, list[str]]  # text slug → ids of the paragraphs and notes it appears in
    paragraphs: int  # how many, in all its texts


def _shown(term: Term, glossary: Glossary, by_doc: Mapping[str, list[str]], doc_titles: Mapping[str, str]) -> _Shown:
    definition = [" ".join(p.split()) for p in re.split(r"\n\s*\n", term.definition) if p.strip()]
    related = [r for r in (glossary.get(slug) for slug in term.related) if r is not None]
    texts = [d for d in doc_titles if by_doc.get(d)] + sorted(d for d in by_doc if by_doc[d] and d not in doc_titles)
    return _Shown(term, definition, related, texts, by_doc, sum(len(by_doc[text]) for text in texts))


def render_glossary_page(
    glossary: Glossary,
    occurrences: Mapping[str, Mapping[str, list[str]]],
    doc_titles: Mapping[str, str],
    doc_url_prefix: str = "../",
) -> str:
    """HTML of the glossary page: an A–Z jump bar, then the entries by initial letter.

    ``occurrences`` is ``count_occurrences(...)``'s result; ``doc_titles`` maps
    document slugs to titles (and gives the order of the texts); paragraph
    links are ``{doc_url_prefix}{doc_slug}/#{paragraph_id}``. Above ``SIDE_BY_SIDE_MAX_TEXTS``
    texts, an entry counts the texts and paragraphs and links each text once.
    """
    groups: dict[str, list[_Shown]] = {}
    for term in sorted(glossary, key=lambda t: (fold(t.term), t.term)):
        groups.setdefault(initial(term), []).append(_shown(term, glossary, occurrences.get(term.slug, {}), doc_titles))
    letters = list(string.ascii_uppercase) + (["#"] if "#" in groups else [])
    return render("glossary.html", letters=letters, groups=groups, letter_id=_letter_id, titles=doc_titles,
                  prefix=doc_url_prefix, summarise=len(doc_titles) > SIDE_BY_SIDE_MAX_TEXTS, fold_after=FOLD_AFTER,
                  paragraph_label=_paragraph_label)
