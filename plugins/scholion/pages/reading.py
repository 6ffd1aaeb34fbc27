"""A text's reading page: the whole page a text gets, and what it is made from.

``reading.html`` sets the title block (title, byline, "About this edition", "Cite this text"),
then the text's blocks and notes (``reading_body.html``), then the works its notes cite. Each
feature adds its links and asides through an enricher (:mod:`scholion.html.enrichers`): the
glossary's tooltips, citation links in the notes and the running text, annotations beside their paragraph
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
from scholion.bib.citing import FORMATS, Publication, Work, citation_data, styled, work_from_meta
from scholion.bib.styles import DEFAULT as DEFAULT_STYLE
from scholion.bib.exports import FORMATS as DOWNLOADS
from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.references import CitationEnricher, TextCitations, cited_entries
from scholion.glossary.linking import GlossaryEnricher, sections_of
from scholion.glossary.terms import Glossary
from scholion.html.enrichers import Combined, Enricher, PlainText
from scholion.html.escaping import escape
from scholion.html.spans import Span, apply_spans
from scholion.pages.page import Heading, RenderedPage, slugify
from scholion.tei import tei_file_name
from scholion.text.anchors import note_id, ref_id
from scholion.pages.reading_annotations import AnnotationEnricher
from scholion.pages.templating import render
from scholion.text.corpus import SourceText
from scholion.text.model import Block, Document, Note, NoteRef, PageMark, Supplement
from scholion.text.printed import paragraph_pages

BIBLIOGRAPHY_URL = "../bibliography/"


def render_reading_page(text: SourceText, glossary: Glossary, citations: TextCitations, bibliography: Bibliography,
                        anchoring: Anchoring, publication: Publication, listed: Sequence[str] = ()) -> RenderedPage:
    """``/<slug>/``: one enricher per feature adds its links or asides; the text's own reference list
    (``listed``: the key of each of its works) follows its last heading, the works cited from the
    bibliography besides follow the notes, and the "Cite this text" box the title."""
    enricher = Combined(
        GlossaryEnricher(glossary, "../glossary/", sections_of(text.document)),
        CitationEnricher(citations, bibliography, BIBLIOGRAPHY_URL, text.document),
        AnnotationEnricher(text.document, anchoring, index_url="../annotations/"),
    )
    cited = sorted((bibliography.entries[key] for key in citations.keys if key in bibliography.entries and key not in listed),
                   key=lambda entry: entry.sort_key)
    work = work_from_meta(text.slug, text.document.meta, publication, paragraph_pages(text.document))
    return text_page(text, enricher, references=cited, work=work, listed=_listed_works(text.document, listed, citations),
                     works_cited=len(cited_entries(citations, bibliography)))


def text_page(text: SourceText, enricher: Enricher | None = None, *, references: Sequence[BibEntry] = (),
              work: Work | None = None, listed: Sequence[_ListedWork] = (), works_cited: int = 0) -> RenderedPage:
    """The reading page of ``text`` with what ``enricher`` adds; with ``work``, its "Cite this text"
    box (and the links to its citation files, which hold ``works_cited`` works besides it);
    ``references``: the bibliography entries it cites, in the order of the list; ``listed``: the
    works of its own reference list."""
    document, enricher = text.document, enricher or PlainText()
    blocks, headings = _blocks(document, enricher, text.assignment.redirects)
    notes = _note_groups(document, enricher)
    _add_sidenotes(blocks, document, notes)
    html = render("reading.html", title=text.title, byline=byline(document.meta), stats=document.stats, tei=tei_file_name(text.slug),
                  description=document.meta.get("defects_description", ""), cite=Markup(cite_box(work, works_cited)) if work else "",
                  blocks=blocks, notes=notes, references=references, bibliography_url=BIBLIOGRAPHY_URL, listed=listed)
    if notes:
        headings.append(Heading(2, "notes", "Notes"))
    if references:
        headings.append(Heading(2, "references", "References"))
    return RenderedPage(html, headings)


@dataclass(frozen=True)
class _ListedWork:
    """A reference of the text's own list as the page shows it: as printed, and where it is cited."""

    key: str
    text: str
    cited_in: list[tuple[str, str]]  # (anchor, label): the paragraphs and notes citing it


def _listed_works(document: Document, keys: Sequence[str], citations: TextCitations) -> list[_ListedWork]:
    """The works of ``document``'s reference list (``keys``, one per reference), each with the paragraphs
    and notes that cite it, in reading order."""
    cited_in: dict[str, list[tuple[str, str]]] = {}
    for anchor, found in citations.by_paragraph.items():
        for key in dict.fromkeys(key for citation in found if citation.status == "resolved" for key in citation.keys):
            cited_in.setdefault(key, []).append((anchor, f"¶{anchor[1:]}"))
    for label, found in citations.by_note.items():
        for key in dict.fromkeys(key for citation in found if citation.status == "resolved" for key in citation.keys):
            cited_in.setdefault(key, []).append((note_id(label), f"note {label}"))
    return [_ListedWork(key, reference.text, cited_in.get(key, []))
            for reference, key in zip(document.references, keys)]


def byline(meta: dict) -> str:
    """``Author, Author · 2021 · Series No. 4 · Publisher``: who wrote a text, when, for whom."""
    parts = [", ".join(meta.get("authors", [])), str(meta.get("year", ""))]
    series = " ".join(str(meta[k]) for k in ("series",) if meta.get(k))
    if series and meta.get("number"):
        series += f" No. {meta['number']}"
    parts += [p for p in (series, meta.get("publisher"), meta.get("affiliation")) if p]
    return " · ".join(p for p in parts if p)


def cite_box(work: Work, works_cited: int = 0) -> str:
    """"Cite this text": the reference and in-text citation in the default style and every format in a
    ``<pre>`` (cite.js adds the style a reader chose, a copy button to each and the day of access), and
    the data cite.js fills in (:func:`scholion.bib.citing.citation_data`)."""
    cited = styled(work)
    default = cited[DEFAULT_STYLE.key]
    formats = [("reference", DEFAULT_STYLE.label, default.reference), ("in-text", "In-text citation", default.in_text)]
    formats += [(key, label, function(work, None)) for key, label, function in FORMATS]
    return render("cite_box.html", formats=formats, data=json.dumps(citation_data(work, cited), ensure_ascii=False),
                  downloads=[(f"{work.slug}.{suffix}", label) for suffix, label in DOWNLOADS], works_cited=works_cited)


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
    rows: list[list[Markup]] = field(default_factory=list)  # a table's cells, as HTML
    lines: list[str] = field(default_factory=list)  # front matter's lines; the words kept from inside a figure
    notes: list[str] = field(default_factory=list)  # the labels of the notes a paragraph marks, in order
    sidenotes: list[_Sidenote] = field(default_factory=list)


@dataclass(frozen=True)
class _Sidenote:
    """A note beside the paragraph that marks it (wide screens only: the Notes list is the notes of
    record, so screen readers and keyboards are sent there and a sidenote's links take no focus)."""

    label: str
    status: str
    content: Markup


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
        body = Markup(_inline_html(block, lambda text: [] if block.kind == "heading" else enricher.body_spans(block.anchor, text),
                                   document.notes))
        if block.is_body:
            pid = block.anchor
            shown.append(_Shown(block.kind, body, pid, pid[1:], line=block.line, retired=sorted(retired.get(pid, [])),
                                before=_markup(before(pid) if before else ""), after=_markup(enricher.after_paragraph(pid)),
                                label=block.label, depth=block.depth,
                                notes=list(dict.fromkeys(part.label for part in block.inlines if isinstance(part, NoteRef)))))
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
                                rows=_table_cells(block.rows, document.notes)))
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
    label: str
    supplement: Supplement | None = None
    run_end: str = ""  # a run of missing notes shown as one line: the label of its last note
    run_ids: list[str] = field(default_factory=list)  # and the ids of its notes after the first


def _note_groups(document: Document, enricher: Enricher) -> list[tuple[str, list[_ShownNote]]]:
    """The notes in the order of the page, by kind: ``*`` and other signs, then numbered, then lettered."""
    notes = document.notes.values()
    groups = [
        ("special", [n for n in notes if not n.label.isalnum()]),
        ("numbered", sorted((n for n in notes if n.label.isdigit()), key=lambda n: int(n.label))),
        ("lettered", sorted((n for n in notes if n.label.isalpha()), key=lambda n: n.label)),
    ]
    return [(kind, _missing_runs([_shown_note(note, enricher) for note in group])) for kind, group in groups if group]


def _shown_note(note: Note, enricher: Enricher) -> _ShownNote:
    content = Markup(apply_spans(note.text, enricher.note_spans(note.label, note.text))) if note.status != "missing" else Markup()
    return _ShownNote(note_id(note.label), ref_id(note.label), note.label if note.label.isdigit() else "", note.status,
                      content, note.label, note.supplement)


def _add_sidenotes(blocks: list[_Shown], document: Document, groups: list[tuple[str, list[_ShownNote]]]) -> None:
    """Each paragraph's notes as sidenotes (not the missing ones: their markers say so already)."""
    shown = {note.label: note for _, group in groups for note in group}
    for block in blocks:
        block.sidenotes = [_Sidenote(label, shown[label].status, _quiet(shown[label].content))
                           for label in block.notes if label in shown and document.notes[label].status != "missing"]


_GLOSSARY_LINK = re.compile(r'<a class="glossary-term"[^>]*><abbr[^>]*>(.*?)</abbr></a>', re.S)


def _quiet(content: Markup) -> Markup:
    """A note's HTML for the margin: no glossary marks (the text has them), links out of the tab order."""
    return Markup(_GLOSSARY_LINK.sub(r"\1", content).replace("<a ", '<a tabindex="-1" '))


def _missing_runs(notes: list[_ShownNote]) -> list[_ShownNote]:
    """Consecutive missing notes as one line ("Notes 1–85: text not in the source extract"): a list of
    identical lines says nothing more and hides the notes the extract has. Each note keeps its id."""
    shown: list[_ShownNote] = []
    for note in notes:
        previous = shown[-1] if shown else None
        if note.status == "missing" and previous and previous.status == "missing":
            previous.run_end = note.label
            previous.run_ids.append(note.id)
        else:
            shown.append(note)
    return shown


def _marker_html(ref: NoteRef, first: bool, notes: dict[str, Note]) -> str:
    """A note's marker; only its ``first`` one carries the id the note links back to. A marker whose note
    text the extract lacks looks and reads as such, and has no note popup (it would be empty)."""
    label = escape(ref.label)
    anchor = f' id="{ref_id(ref.label)}"' if first else ""
    note = notes.get(ref.label)
    if note is not None and note.status == "missing":
        what = f"Note {label}: text not in the source extract"
        link = f'<a class="note-ref-missing" href="#{note_id(ref.label)}" title="{what}" aria-label="{what}">{label}</a>'
    elif note is not None and note.status == "supplied":
        link = (f'<a class="footnote-ref note-ref-supplied" href="#{note_id(ref.label)}" '
                f'aria-label="Note {label}, supplied by the editors">{label}</a>')
    else:
        link = f'<a class="footnote-ref" href="#{note_id(ref.label)}" aria-label="Note {label}">{label}</a>'
    return f'<sup{anchor} class="note-marker">{link}</sup>'


def _table_cells(rows: list[list], notes: dict[str, Note]) -> list[list[Markup]]:
    """A table's cells as HTML: a cell is its words, or its words and the marker of a note of the table
    (which may mark several cells)."""
    marked: set[str] = set()
    cells = []
    for row in rows:
        shown = []
        for cell in row:
            if isinstance(cell, str):
                shown.append(Markup(escape(cell)))
                continue
            html = ""
            for part in cell:
                if isinstance(part, NoteRef):
                    html += _marker_html(part, part.label not in marked, notes)
                    marked.add(part.label)
                else:
                    html += escape(part)
            shown.append(Markup(html))
        cells.append(shown)
    return cells


def _inline_html(block: Block, spans_for: Callable[[str], list[Span]], notes: dict[str, Note]) -> str:
    """Text pieces with markers and page marks; markers and page marks never get wrapped."""
    out = []
    previous = None
    for part in block.inlines:
        if isinstance(part, NoteRef):
            if isinstance(previous, NoteRef):
                out.append('<sup class="note-sep">,</sup>')
            out.append(_marker_html(part, True, notes))
        elif isinstance(part, PageMark):
            number = escape(part.number)
            out.append(f'<span class="page-mark" title="Printed page {number} begins here">[p.&#8239;{number}]</span>')
        else:
            out.append(apply_spans(part, spans_for(part)))
        previous = part
    return "".join(out).strip()
