"""Annotations on the page: highlighted quotes, the notes beside their paragraph, the index page.

* In the paragraph, the quoted words are wrapped in ``<mark class="annotation-quote">``
  (a *wrapping* span, so glossary tooltips and note links inside the quote stay)
  followed by a small ``a.annotation-ref`` link to the annotation.
* Before the paragraph comes ``<details class="annotations">`` holding the
  paragraph's annotations and their count; ``annotations.css`` floats it into the
  right margin on wide screens, and shows it as a collapsible block on narrow ones.
* ``render_index`` makes ``/annotations/``: every annotation by text, author and tag.

Only escaped text and sanitized HTML (``Annotation.body_html``) reach the page.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from scholion.annotations.anchoring import Anchoring, Placement
from scholion.annotations.loading import Annotation
from scholion.html.spans import Span
from scholion.text.model import Block, Document
from scholion.pages.render import Heading, RenderedPage, slugify
from scholion.html.sanitising import tooltip_title

QUOTE_PRIORITY = 5  # wins over a tooltip it would cross; nests with the ones it encloses


def annotation_anchor(annotation: Annotation) -> str:
    return f"annotation-{annotation.id}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def format_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(n: int) -> str:
    return f"{n} annotation" + ("" if n == 1 else "s")


def _ref_link(annotation: Annotation) -> str:
    label = f"{annotation.kind_label} by {annotation.author}"
    return (f'<a class="annotation-ref" href="#{annotation_anchor(annotation)}" title="{tooltip_title(label)}" '
            f'aria-label="Annotation: {_e(label)}">✎</a>')


@dataclass
class _Range:
    start: int
    end: int
    placements: list[Placement]


def _merge(placements: list[Placement]) -> list[_Range]:
    """Overlapping quotes of one paragraph become one highlight carrying several annotations."""
    ranges: list[_Range] = []
    for placement in sorted(placements, key=lambda p: (p.start, p.end)):
        if ranges and placement.start < ranges[-1].end:
            ranges[-1].end = max(ranges[-1].end, placement.end)
            ranges[-1].placements.append(placement)
        else:
            ranges.append(_Range(placement.start, placement.end, [placement]))
    return ranges


class AnnotationEnricher:
    """The ``Enricher`` of annotations for one reading page (make a new one per render)."""

    def __init__(self, document: Document, anchoring: Anchoring, *, index_url: str = "../annotations/") -> None:
        self.index_url = index_url
        self.by_paragraph = anchoring.by_paragraph()
        self.ranges = {pid: _merge(items) for pid, items in self.by_paragraph.items()}
        self.blocks: dict[str, Block] = {b.anchor: b for b in document.paragraphs if b.anchor}
        self.pieces: dict[str, list[tuple[int, str]]] = {}
        self.cursor: dict[str, int] = {}
        for pid in self.by_paragraph:
            block = self.blocks.get(pid)
            if block is None:
                continue
            offset, pieces = 0, []
            for part in block.inlines:
                if isinstance(part, str):
                    pieces.append((offset, part))
                    offset += len(part)
            self.pieces[pid] = pieces

    def _offset(self, anchor: str, text: str) -> int | None:
        """Where this text piece starts in the paragraph's text (pieces come in reading order)."""
        pieces = self.pieces.get(anchor, [])
        start = self.cursor.get(anchor, 0)
        for index in list(range(start, len(pieces))) + list(range(0, start)):
            offset, piece = pieces[index]
            if piece == text:
                self.cursor[anchor] = index + 1
                return offset
        return None

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        if not anchor or anchor not in self.ranges or not text:
            return []
        offset = self._offset(anchor, text)
        if offset is None:
            return []
        spans = []
        for quote in self.ranges[anchor]:
            low, high = max(quote.start, offset), min(quote.end, offset + len(text))
            if low >= high:
                continue
            ids = " ".join(annotation_anchor(p.annotation) for p in quote.placements)
            close = "</mark>"
            if quote.end <= offset + len(text):  # the quote ends in this piece: link to its annotations here
                close += "".join(_ref_link(p.annotation) for p in quote.placements)
            spans.append(Span(low - offset, high - offset, f'<mark class="annotation-quote" data-annotations="{ids}">',
                              close, priority=QUOTE_PRIORITY, wraps=True))
        return spans

    def note_spans(self, label: str, text: str) -> list[Span]:
        return []

    def before_paragraph(self, anchor: str) -> str:
        placements = self.by_paragraph.get(anchor)
        if not placements:
            return ""
        aside = render_aside(anchor, placements, self.index_url)
        block = self.blocks.get(anchor)
        if block is not None and block.kind == "list_item":
            return f'<li class="annotations-item">{aside}</li>'
        return aside

    def after_paragraph(self, anchor: str) -> str:
        return ""


def _tags_html(annotation: Annotation, index_url: str) -> str:
    if not annotation.tags:
        return ""
    links = " ".join(f'<a class="annotation-tag" href="{index_url}#tag-{slugify(tag)}">{_e(tag)}</a>' for tag in annotation.tags)
    return f'<p class="annotation-tags"><span class="visually-hidden">Tags: </span>{links}</p>'


def render_annotation(placement: Placement, index_url: str, *, page_url: str = "", element_id: str | None = None) -> str:
    """One annotation as an ``<article>``; ``page_url`` prefixes links to the paragraph (for the index page)."""
    annotation = placement.annotation
    element_id = element_id or annotation_anchor(annotation)
    quote = _e(_short(annotation.quote.exact, 160))
    meta = (f'<span class="annotation-kind annotation-kind--{_e(annotation.kind)}">{_e(annotation.kind_label)}</span> '
            f'<span class="annotation-by">by <span class="annotation-author">{_e(annotation.author)}</span>, '
            f'<time datetime="{annotation.date.isoformat()}">{format_date(annotation.date)}</time></span>')
    return (
        f'<article class="annotation annotation--{_e(annotation.kind)}" id="{_e(element_id)}" '
        f'aria-label="{_e(annotation.kind_label)} by {_e(annotation.author)}">'
        f'<p class="annotation-meta">{meta}</p>'
        f'<p class="annotation-target"><a href="{page_url}#{placement.paragraph}">¶{placement.paragraph[1:]}</a> '
        f'<q>{quote}</q></p>'
        f'<div class="annotation-body">{_body_for(annotation, page_url)}</div>'
        f"{_tags_html(annotation, index_url)}"
        "</article>"
    )


def _body_for(annotation: Annotation, page_url: str) -> str:
    """The body; on another page (the index), links to ``#p42`` of the annotated text get that text's URL."""
    if not page_url:
        return annotation.body_html
    return annotation.body_html.replace('href="#', f'href="{page_url}#')


def render_aside(anchor: str, placements: list[Placement], index_url: str) -> str:
    count = len(placements)
    articles = "".join(render_annotation(p, index_url) for p in placements)
    return (
        f'<details class="annotations" id="annotations-{anchor}" data-paragraph="{anchor}" data-count="{count}">'
        f'<summary><span class="annotations-count">{_count(count)}</span>'
        f'<span class="annotations-on"> on ¶{anchor[1:]}</span></summary>'
        f"{articles}</details>"
    )


# ---------------------------------------------------------------- the index page


@dataclass
class IndexEntry:
    slug: str
    title: str
    placement: Placement

    @property
    def annotation(self) -> Annotation:
        return self.placement.annotation

    @property
    def local_id(self) -> str:
        return f"{self.slug}-{self.annotation.id}"


def _entry_link(entry: IndexEntry) -> str:
    a = entry.annotation
    return (f'<li><a href="#{_e(entry.local_id)}">{_e(entry.title)}, ¶{entry.placement.paragraph[1:]}</a>: '
            f'<q>{_e(_short(a.quote.exact, 70))}</q> <span class="annotation-kind">{_e(a.kind_label)}</span></li>')


def render_index(entries: list[IndexEntry], titles: dict[str, str], *, contributing_url: str = "../contributing/") -> RenderedPage:
    """``/annotations/``: all annotations by text (in reading order), then by author and by tag."""
    headings: list[Heading] = []
    parts = ["<h1>Annotations</h1>"]
    total = len(entries)
    parts.append(
        f'<p class="annotations-intro">{_count(total).capitalize()} by contributors on the texts of the corpus: context, '
        f"cross-references between the texts, corrections and the content of notes missing from the source extracts. "
        f'Each sits beside the paragraph it discusses. <a href="{contributing_url}">Add one by pull request</a>.</p>'
    )
    headings.append(Heading(2, "by-text", "By text"))
    parts.append('<h2 id="by-text">By text</h2>')
    by_text: dict[str, list[IndexEntry]] = {slug: [] for slug in titles}
    for entry in entries:
        by_text.setdefault(entry.slug, []).append(entry)
    for slug, items in by_text.items():
        title = titles.get(slug, slug)
        hid = f"text-{slug}"
        headings.append(Heading(3, hid, title))
        parts.append(f'<h3 id="{_e(hid)}">{_e(title)} <span class="annotations-tally">({_count(len(items))})</span></h3>')
        if not items:
            parts.append('<p class="annotations-none">No annotations yet.</p>')
            continue
        items.sort(key=lambda e: (int(e.placement.paragraph[1:]), e.placement.start, e.annotation.id))
        parts.append('<div class="annotation-list">')
        for entry in items:
            parts.append(render_annotation(entry.placement, "", page_url=f"../{slug}/", element_id=entry.local_id))
        parts.append("</div>")

    for kind, key, label in (("author", lambda e: [e.annotation.author], "By author"),
                             ("tag", lambda e: e.annotation.tags, "By tag")):
        groups: dict[str, list[IndexEntry]] = {}
        for entry in entries:
            for name in key(entry):
                groups.setdefault(name, []).append(entry)
        hid = f"by-{kind}"
        headings.append(Heading(2, hid, label))
        parts.append(f'<h2 id="{hid}">{label}</h2>')
        if not groups:
            parts.append(f'<p class="annotations-none">No {kind}s yet.</p>')
            continue
        parts.append(f'<dl class="annotation-groups annotation-groups--{kind}">')
        for name in sorted(groups, key=str.casefold):
            items = sorted(groups[name], key=lambda e: (e.title, int(e.placement.paragraph[1:])))
            parts.append(f'<dt id="{kind}-{_e(slugify(name))}">{_e(name)} <span class="annotations-tally">({len(items)})</span></dt>')
            parts.append("<dd><ul>" + "".join(_entry_link(e) for e in items) + "</ul></dd>")
        parts.append("</dl>")
    return RenderedPage("\n".join(parts), headings)
