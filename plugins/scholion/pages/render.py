"""Render a cleaned, anchored document as the HTML of its reading page.

Uses Material's own markup so its features work unchanged: ``footnote-ref``
links get note tooltips, elements with ``title`` get tooltips, ``h2``/``h3``
ids feed the table of contents.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from scholion.html.spans import Span, apply_spans
from scholion.text.model import Block, Document, Note, NoteRef, PageMark

MISSING_NOTE = "Note text not in the source extract."


class Enricher(Protocol):
    """What other steps add to a reading page.

    ``body_spans``: links inside a body paragraph, heading or caption (glossary
    tooltips, annotation highlights); ``anchor`` is the paragraph id or "".
    ``note_spans``: links inside a note (citations, glossary tooltips).
    ``after_paragraph``: HTML placed right after paragraph ``anchor``.
    Optional ``before_paragraph(anchor)``: HTML placed right before it (annotation
    margin notes, which must precede their paragraph to float beside it).
    """

    def body_spans(self, anchor: str, text: str) -> list[Span]: ...

    def note_spans(self, label: str, text: str) -> list[Span]: ...

    def after_paragraph(self, anchor: str) -> str: ...


class PlainText:
    def body_spans(self, anchor: str, text: str) -> list[Span]:
        return []

    def note_spans(self, label: str, text: str) -> list[Span]:
        return []

    def after_paragraph(self, anchor: str) -> str:
        return ""


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class RenderedPage:
    html: str
    headings: list[Heading] = field(default_factory=list)


def note_id(label: str) -> str:
    return "nstar" if label == "*" else f"n{label}"


def ref_id(label: str) -> str:
    return f"ref-{note_id(label)}"


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", text.lower().replace("’", "")).strip()
    return re.sub(r"[\s_-]+", "-", slug)[:60].strip("-") or "section"


def _marker_html(ref: NoteRef) -> str:
    label = html.escape(ref.label)
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
            number = html.escape(part.number)
            out.append(f'<span class="page-mark" title="Printed page {number} begins here">[p.&#8239;{number}]</span>')
        else:
            out.append(apply_spans(part, spans_for(part)))
        previous = part
    return "".join(out).strip()


def render_document(document: Document, enricher: Enricher | None = None, redirects: dict[str, str] | None = None) -> RenderedPage:
    enricher = enricher or PlainText()
    redirects = redirects or {}
    incoming: dict[str, list[str]] = {}
    for old, new in redirects.items():
        incoming.setdefault(new, []).append(old)
    parts: list[str] = []
    headings: list[Heading] = []
    used_ids: set[str] = set()
    in_list = False
    number = 0
    pull_quotes = 0  # each aside landmark needs a label of its own
    for block in document.blocks:
        if block.kind == "list_item" and not in_list:
            parts.append('<ul class="source-list">')
            in_list = True
        elif block.kind != "list_item" and in_list:
            parts.append("</ul>")
            in_list = False
        # Headings stay plain: no links inside a title or its anchor.
        body = _inline_html(block, lambda text: [] if block.kind == "heading" else enricher.body_spans(block.anchor, text))
        if block.is_body:
            number += 1
            pid = block.anchor
            extra = "".join(f'<span id="{old}" class="retired-anchor"></span>' for old in sorted(incoming.get(pid, [])))
            permalink = (
                f'<a class="para-link" href="#{pid}" '
                f'aria-label="Paragraph {pid[1:]}: permalink">¶{pid[1:]}</a>'
            )
            paragraph = f'<p id="{pid}" class="para" data-line="{block.line}">{extra}{body} {permalink}</p>'
            if block.kind == "list_item":
                paragraph = "<li>" + paragraph.replace(f'>{extra}{body}', f'>{extra}{_strip_bullet(body)}', 1) + "</li>"
            if block.kind == "quote":
                paragraph = f'<blockquote class="source-quote">{paragraph}</blockquote>'
            before = getattr(enricher, "before_paragraph", None)
            parts.append((before(pid) if before else "") + paragraph + enricher.after_paragraph(pid))
        elif block.kind == "heading":
            hid = slugify(block.text)
            while hid in used_ids:
                hid += "-1"
            used_ids.add(hid)
            level = min(max(block.level, 2), 4)
            headings.append(Heading(level, hid, block.text))
            parts.append(
                f'<h{level} id="{hid}">{body}<a class="headerlink" href="#{hid}" title="Permanent link">¶</a></h{level}>'
            )
        elif block.kind == "byline":
            parts.append(f'<p class="byline">{body}</p>')
        elif block.kind == "page":
            number_text = html.escape(block.caption)
            parts.append(
                f'<div class="page-mark-block"><span class="page-mark" title="Printed page {number_text} begins here">'
                f"[p.&#8239;{number_text}]</span></div>"
            )
        elif block.kind == "gap":
            parts.append(
                f'<div class="source-gap" role="note"><strong>[…] Lines missing from the source extract.</strong> '
                f"{html.escape(block.caption)}</div>"
            )
        elif block.kind == "figure":
            figure_number = re.search(r"\d+", block.caption)
            fid = f"figure-{figure_number.group(0)}" if figure_number else "figure"
            parts.append(
                f'<figure class="figure-placeholder" id="{fid}">'
                f'<div class="figure-missing" role="img" aria-label="{html.escape(block.caption)} (image not in the source extract)">'
                f"Image not in the source extract</div>"
                f"<figcaption><strong>{html.escape(block.caption)}</strong><br>{body}</figcaption></figure>"
            )
        elif block.kind == "pull_quote" and parts and parts[-1].startswith('<aside class="pull-quote"'):
            # A blank line split the quote in the extract: it is still one quote.
            parts[-1] = parts[-1].removesuffix("</aside>") + f" {body}</aside>"
        elif block.kind == "pull_quote":
            pull_quotes += 1
            parts.append(f'<aside class="pull-quote" aria-label="Pull quote {pull_quotes} (repeats the text)">{body}</aside>')
    if in_list:
        parts.append("</ul>")
    parts.append(_notes_html(document, enricher))
    return RenderedPage("\n".join(parts), headings)


def _strip_bullet(body: str) -> str:
    return re.sub(r"^(?:l\s|–\s|•\s)", "", body, count=1)


def _note_item(note: Note, enricher: Enricher) -> str:
    nid = note_id(note.label)
    back = f'<a class="footnote-backref" href="#{ref_id(note.label)}" aria-label="Back to the text">↩</a>'
    if note.status == "missing":
        content = f'<span class="note-missing">{MISSING_NOTE}</span>'
    else:
        content = apply_spans(note.text, enricher.note_spans(note.label, note.text))
        if note.status == "fragment":
            content += ' <span class="note-fragment">(part of this note is missing from the source extract)</span>'
    value = f' value="{note.label}"' if note.label.isdigit() else ""
    return f'<li id="{nid}"{value} class="note note-{note.status}"><p>{content} {back}</p></li>'


def _notes_html(document: Document, enricher: Enricher) -> str:
    numbered = [n for n in document.notes.values() if n.label.isdigit()]
    numbered.sort(key=lambda n: int(n.label))
    lettered = sorted((n for n in document.notes.values() if n.label.isalpha()), key=lambda n: n.label)
    special = [n for n in document.notes.values() if not n.label.isalnum()]
    if not document.notes:
        return ""
    parts = ['<div class="footnote notes"><hr>', '<h2 id="notes">Notes</h2>']
    for title, group, list_type in (("", special, ' class="notes-special"'), ("", numbered, ""), ("Lettered notes", lettered, ' type="a"')):
        if not group:
            continue
        if title:
            parts.append(f'<h3 id="lettered-notes">{title}</h3>')
        parts.append(f"<ol{list_type}>")
        parts.extend(_note_item(note, enricher) for note in group)
        parts.append("</ol>")
    parts.append("</div>")
    return "\n".join(parts)
