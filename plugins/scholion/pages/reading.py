"""A text's reading page: the whole page a text gets, and what it is made from.

``reading.html`` sets the title block (title, byline, "About this edition", "Cite this text"),
then the text's blocks and notes (``reading_body.html``), then the works its notes cite. Each
feature adds its links and asides through an enricher (:mod:`scholion.html.enrichers`): the
glossary's tooltips, citation links in the notes, annotations beside their paragraph
(:mod:`scholion.pages.reading_annotations`). It uses Material's own markup so its features work
unchanged: ``footnote-ref`` links get note tooltips, elements with ``title`` get tooltips,
``h2``/``h3`` ids feed the table of contents.

What stands inside running text (the spans of each feature, note markers, page marks) is made
here in Python: a page has thousands of them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from markupsafe import Markup

from scholion.annotations.anchoring import Anchoring
from scholion.bib.citing import FORMATS, Work, citation_data, work_from_meta
from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.references import CitationEnricher, TextCitations
from scholion.glossary.linking import GlossaryEnricher, sections_of
from scholion.glossary.terms import Glossary
from scholion.html.enrichers import Combined, Enricher, PlainText
from scholion.html.escaping import escape
from scholion.html.spans import Span, apply_spans
from scholion.pages.page import Heading, RenderedPage, slugify
from scholion.text.anchors import note_id, ref_id
from scholion.pages.reading_annotations import AnnotationEnricher
from scholion.pages.templating import render
from scholion.text.corpus import SourceText
from scholion.text.model import Block, Document, Note, NoteRef, PageMark

BIBLIOGRAPHY_URL = "../bibliography/"


def render_reading_page(text: SourceText, glossary: Glossary, citations: TextCitations, bibliography: Bibliography,
                        anchoring: Anchoring, site_url: str | None) -> RenderedPage:
    """``/<slug>/``: one enricher per feature adds its links or asides; the reference list follows
    the notes and the "Cite this text" box the title."""
    enricher = Combined(
        GlossaryEnricher(glossary, "../glossary/", sections_of(text.document)),
        CitationEnricher(citations, bibliography, BIBLIOGRAPHY_URL),
        AnnotationEnricher(text.document, anchoring, index_url="../annotations/"),
    )
    cited = sorted((bibliography.entries[key] for key in citations.keys if key in bibliography.entries),
                   key=lambda entry: entry.sort_key)
    return text_page(text, enricher, references=cited, work=work_from_meta(text.slug, text.document.meta, site_url))


def text_page(text: SourceText, enricher: Enricher | None = None, *, references: Sequence[BibEntry] = (),
              work: Work | None = None) -> RenderedPage:
    """The reading page of ``text`` with what ``enricher`` adds; with ``work``, its "Cite this text"
    box; ``references``: the bibliography entries its notes cite, in the order of the list."""
    document, enricher = text.document, enricher or PlainText()
    blocks, headings = _blocks(document, enricher, text.assignment.redirects)
    notes = _note_groups(document, enricher)
    html = render("reading.html", title=text.title, byline=byline(document.meta), stats=document.stats,
                  description=document.meta.get("defects_description", ""), cite=Markup(cite_box(work)) if work else "",
                  blocks=blocks, notes=notes, references=references, bibliography_url=BIBLIOGRAPHY_URL)
    if notes:
        headings.append(Heading(2, "notes", "Notes"))
    if references:
        headings.append(Heading(2, "references", "References"))
    return RenderedPage(html, headings)


def byline(meta: dict) -> str:
    """``Author, Author · 2021 · Series No. 4 · Publisher``: who wrote a text, when, for whom."""
    parts = [", ".join(meta.get("authors", [])), str(meta.get("year", ""))]
    series = " ".join(str(meta[k]) for k in ("series",) if meta.get(k))
    if series and meta.get("number"):
        series += f" No. {meta['number']}"
    parts += [p for p in (series, meta.get("publisher"), meta.get("affiliation")) if p]
    return " · ".join(p for p in parts if p)


def cite_box(work: Work) -> str:
    """"Cite this text": every format in a ``<pre>`` (cite.js adds a copy button to each), and the
    data cite.js fills in when a reader cites one paragraph (:func:`scholion.bib.citing.citation_data`)."""
    formats = [(key, label, function(work, None)) for key, label, function in FORMATS]
    return render("cite_box.html", formats=formats, data=json.dumps(citation_data(work), ensure_ascii=False))


# ---------------------------------------------------------------- the text and its notes


@dataclass
class _Shown:
    """A block as ``reading_body.html`` shows it; a list opens and closes around its items."""

    kind: str  # a block kind, or "list_start" or "list_end"
    body: Markup = Markup()
    id: str = ""
    number: str = ""  # a paragraph's (its id's digits), or a pull quote's
    level: int = 0  # a heading's
    caption: str = ""  # a figure's, a gap's, or a page mark's number
    line: int = 0  # a paragraph's line in source.txt
    retired: list[str] = field(default_factory=list)  # a paragraph's former ids
    before: str = ""  # HTML the enricher sets before a paragraph
    after: str = ""  # and after it
    bodies: list[Markup] = field(default_factory=list)  # a pull quote's pieces (a blank line split it in the extract)
    label: str = ""  # a list item's printed enumerator
    depth: int = 1  # a list item's nesting
    rows: list[list[str]] = field(default_factory=list)  # a table's cells
    lines: list[str] = field(default_factory=list)  # front matter's lines; the words kept from inside a figure


def _markup(html: str) -> str:
    """What an enricher adds, marked as HTML (most often nothing)."""
    return Markup(html) if html else ""


def _blocks(document: Document, enricher: Enricher, redirects: dict[str, str]) -> tuple[list[_Shown], list[Heading]]:
    """The blocks of the text as the page shows them, and its headings; ``redirects`` maps former
    paragraph ids to the current ones."""
    before = getattr(enricher, "before_paragraph", None)
    retired: dict[str, list[str]] = {}
    for old, new in redirects.items():
        retired.setdefault(new, []).append(old)
    shown: list[_Shown] = []
    headings: list[Heading] = []
    used_ids: set[str] = set()
    pull_quotes = 0  # each aside landmark needs a label of its own
    in_list = False
    for block in document.blocks:
        if (block.kind == "list_item") != in_list:
            in_list = not in_list
            shown.append(_Shown("list_start" if in_list else "list_end"))
        # Headings stay plain: no links inside a title or its anchor.
        body = Markup(_inline_html(block, lambda text: [] if block.kind == "heading" else enricher.body_spans(block.anchor, text)))
        if block.is_body:
            pid = block.anchor
            shown.append(_Shown(block.kind, body, pid, pid[1:], line=block.line, retired=sorted(retired.get(pid, [])),
                                before=_markup(before(pid) if before else ""), after=_markup(enricher.after_paragraph(pid)),
                                label=block.label, depth=block.depth))
        elif block.kind == "heading":
            hid = slugify(block.text)
            while hid in used_ids:
                hid += "-1"
            used_ids.add(hid)
            level = min(max(block.level, 2), 4)
            headings.append(Heading(level, hid, block.text))
            shown.append(_Shown("heading", body, hid, level=level))
        elif block.kind == "figure":
            number = re.search(r"\d+", block.caption)
            shown.append(_Shown("figure", body, f"figure-{number.group(0)}" if number else "figure", caption=block.caption,
                                lines=block.content))
        elif block.kind == "table":
            number = re.search(r"\d+", block.caption)
            shown.append(_Shown("table", body, f"table-{number.group(0)}" if number else "table", caption=block.caption,
                                rows=block.rows))
        elif block.kind == "aside":
            shown.append(_Shown("aside", body, caption=block.caption))
        elif block.kind == "front" and shown and shown[-1].kind == "front":
            shown[-1].lines.append(block.text)  # the lines of a title page stand together
        elif block.kind == "front":
            shown.append(_Shown("front", lines=[block.text]))
        elif block.kind == "pull_quote" and shown and shown[-1].kind == "pull_quote":
            shown[-1].bodies.append(body)  # a blank line split the quote in the extract: it is still one quote
        elif block.kind == "pull_quote":
            pull_quotes += 1
            shown.append(_Shown("pull_quote", number=str(pull_quotes), bodies=[body]))
        else:  # byline, page, gap
            shown.append(_Shown(block.kind, body, caption=block.caption))
    if in_list:
        shown.append(_Shown("list_end"))
    return shown, headings


@dataclass
class _ShownNote:
    """A note as ``reading_body.html`` shows it."""

    id: str
    ref: str  # the id of its marker in the text
    value: str  # its number in a numbered list, else ""
    status: str
    content: Markup  # its text with what the enricher adds


def _note_groups(document: Document, enricher: Enricher) -> list[tuple[str, list[_ShownNote]]]:
    """The notes in the order of the page, by kind: ``*`` and other signs, then numbered, then lettered."""
    notes = document.notes.values()
    groups = [
        ("special", [n for n in notes if not n.label.isalnum()]),
        ("numbered", sorted((n for n in notes if n.label.isdigit()), key=lambda n: int(n.label))),
        ("lettered", sorted((n for n in notes if n.label.isalpha()), key=lambda n: n.label)),
    ]
    return [(kind, [_shown_note(note, enricher) for note in group]) for kind, group in groups if group]


def _shown_note(note: Note, enricher: Enricher) -> _ShownNote:
    content = Markup(apply_spans(note.text, enricher.note_spans(note.label, note.text))) if note.status != "missing" else Markup()
    return _ShownNote(note_id(note.label), ref_id(note.label), note.label if note.label.isdigit() else "", note.status, content)


def _marker_html(ref: NoteRef) -> str:
    label = escape(ref.label)
    return (
        f'<sup id="{ref_id(ref.label)}" class="note-marker">'
        f'<a class="footnote-ref" href="#{note_id(ref.label)}" aria-label="Note {label}">{label}</a></sup>'
    )


def _inline_html(block: Block, spans_for: Callable[[str], list[Span]]) -> str:
    """Text pieces with markers and page marks; markers and page marks never get wrapped."""
    out = []
    previous = None
    for part in block.inlines:
        if isinstance(part, NoteRef):
            if isinstance(previous, NoteRef):
                out.append('<sup class="note-sep">,</sup>')
            out.append(_marker_html(part))
        elif isinstance(part, PageMark):
            number = escape(part.number)
            out.append(f'<span class="page-mark" title="Printed page {number} begins here">[p.&#8239;{number}]</span>')
        else:
            out.append(apply_spans(part, spans_for(part)))
        previous = part
    return "".join(out).strip()
