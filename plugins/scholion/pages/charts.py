"""The pictures of the corpus overview: inline SVG bar charts and a timeline strip.

Built at build time: no JavaScript, readable in print, ``role="img"`` (or ``"group"`` when its marks
are links) with ``<title>``/``<desc>``, text labels, and colours with at least 4.5:1 contrast on
white (the table next to each picture carries the same data for screen readers).

Built in Python rather than from templates: every attribute is a coordinate computed from the data,
which reads more plainly as arithmetic next to the markup than as expressions in a template. Each
text in them is escaped by :func:`html.escape`; each picture is returned as :class:`~markupsafe.Markup`
for the overview's template.
"""
from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

from markupsafe import Markup

from scholion.compare.texts import ComparedText
from scholion.pages.compare import PALETTE, colour, colour_class, paragraph_label, plural, text_href

__all__ = ["Series", "text_series", "bar_chart_svg", "timeline_svg", "year_chart_svg"]


def _svg_open(svg_id: str, width: int, height: int, title: str, desc: str, css_class: str, role: str = "img") -> str:
    """An inline SVG named by its ``<title>`` and described by its ``<desc>``.

    A picture with no links is ``role="img"``; one whose marks are links is ``role="group"``,
    since the children of an ``img`` are hidden from assistive technology and its links
    would be unreachable (axe: nested-interactive).
    """
    return (f'<svg class="{css_class}" role="{role}" aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" font-family="inherit" font-size="12">'
            f'<title id="{svg_id}-title">{escape(title)}</title><desc id="{svg_id}-desc">{escape(desc)}</desc>')


Series = tuple[str, str, str]  # a chart's series: label, colour, CSS class (compare.css adapts it to the dark scheme)


def text_series(texts: Sequence[ComparedText]) -> list[Series]:
    """A series per text, in its colour."""
    return [(t.label, colour(t), colour_class(t)) for t in texts]


def _legend(series: Sequence[Series], x: int, y: int) -> str:
    parts = []
    for label, fill, css_class in series:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{fill}" class="{css_class}"/>'
                     f'<text x="{x + 14}" y="{y}" fill="currentColor">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    return "".join(parts)


def bar_chart_svg(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *,
                  title: str, desc: str, svg_id: str = "term-chart") -> Markup:
    """A grouped horizontal bar chart (``role="img"``): ``rows`` are ``(label, [value per series])``.

    Each bar is labelled with its value and its series' name, so colour is never the only cue.
    """
    label_width, bar_space, bar_height, gap = 170, 300, 11, 9
    value_label = 14 + 7 * max((len(label) for label, _, _ in series), default=6)
    width = label_width + bar_space + value_label
    group = len(series) * (bar_height + 2) + gap
    top = 28
    height = top + len(rows) * group + 4
    biggest = max((v for _, values in rows for v in values), default=1) or 1
    out = [_svg_open(svg_id, width, height, title, desc, "compare-chart"), _legend(series, label_width, 14)]
    for index, (label, values) in enumerate(rows):
        y0 = top + index * group
        out.append(f'<text x="{label_width - 8}" y="{y0 + group / 2 - 2:.1f}" text-anchor="end" fill="currentColor">{escape(label)}</text>')
        for position, ((name, fill, css_class), value) in enumerate(zip(series, values)):
            y = y0 + position * (bar_height + 2)
            length = round(bar_space * value / biggest, 1)
            out.append(f'<rect x="{label_width}" y="{y}" width="{max(length, 0.5)}" height="{bar_height}" '
                       f'fill="{fill}" class="{css_class}"/>')
            out.append(f'<text x="{label_width + length + 4}" y="{y + bar_height - 1.5}" font-size="10" fill="currentColor">'
                       f"{value} · {escape(name)}</text>")
    out.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 4}" stroke="currentColor" stroke-width="1"/>')
    out.append("</svg>")
    return Markup("".join(out))


def timeline_svg(years: Mapping[int, Mapping[str, Sequence[tuple[str, str, list]]]], texts: Sequence[ComparedText], *,
                 root: str, title: str, desc: str, svg_id: str = "timeline-chart") -> Markup:
    """A vertical timeline strip (``role="group"``): one row per year, one lane per text, a linked dot per passage."""
    row, lane, radius, dot_step = 17, 150, 4.5, 11
    year_width, top = 48, 34
    width = year_width + lane * len(texts) + 8
    height = top + row * len(years) + 6
    out = [_svg_open(svg_id, width, height, title, desc, "compare-timeline", role="group")]
    for position, text in enumerate(texts):
        x = year_width + position * lane
        out.append(f'<text x="{x + 6}" y="14" font-weight="bold" fill="currentColor">{escape(text.label)}</text>')
        out.append(f'<line x1="{x}" y1="{top - 12}" x2="{x}" y2="{height - 4}" stroke="currentColor" stroke-opacity=".35"/>')
    previous = None
    for index, (year, by_text) in enumerate(years.items()):
        y = top + index * row
        gap = previous is not None and year - previous > 1
        style = ' font-style="italic"' if gap else ""
        out.append(f'<text x="{year_width - 8}" y="{y + 4}" text-anchor="end" fill="currentColor"{style}>{year}</text>')
        if gap:
            out.append(f'<line x1="4" y1="{y - row / 2:.1f}" x2="{width - 4}" y2="{y - row / 2:.1f}" '
                       f'stroke="currentColor" stroke-opacity=".2" stroke-dasharray="2 3"/>')
        previous = year
        for position, text in enumerate(texts):
            entries = by_text.get(text.slug, [])
            shown = entries[: (lane - 24) // dot_step]
            for k, (anchor, _, _) in enumerate(shown):
                cx = year_width + position * lane + 12 + k * dot_step
                # xlink:href, not href: Material's instant navigation rewrites every [href] and
                # fails on an SVG link, whose href property is read-only.
                out.append(f'<a xlink:href="{escape(text_href(root, text, anchor))}"><title>{year}: {escape(text.label)}, '
                           f'{escape(paragraph_label(anchor))}</title><circle cx="{cx}" cy="{y}" r="{radius}" '
                           f'fill="{colour(text)}" class="{colour_class(text)}"/></a>')
            if len(entries) > len(shown):
                out.append(f'<text x="{year_width + position * lane + 12 + len(shown) * dot_step}" y="{y + 4}" '
                           f'font-size="10" fill="currentColor">+{len(entries) - len(shown)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def year_chart_svg(rows: Sequence[tuple[int, int, int]], *, title: str, desc: str, svg_id: str = "timeline-chart") -> Markup:
    """One bar per year (``role="img"``): ``rows`` are ``(year, passages, texts)``, each bar labelled with both."""
    label_width, bar_space, bar_height, row, top = 48, 300, 11, 15, 8
    width = label_width + bar_space + 170
    height = top + row * len(rows) + 4
    biggest = max((passages for _, passages, _ in rows), default=1) or 1
    out = [_svg_open(svg_id, width, height, title, desc, "compare-chart")]
    for index, (year, passages, count) in enumerate(rows):
        y = top + index * row
        length = round(bar_space * passages / biggest, 1)
        out.append(f'<text x="{label_width - 8}" y="{y + bar_height - 1.5}" text-anchor="end" fill="currentColor">{year}</text>'
                   f'<rect x="{label_width}" y="{y}" width="{max(length, 0.5)}" height="{bar_height}" fill="{PALETTE[0]}" class="compare-c0"/>'
                   f'<text x="{label_width + length + 4}" y="{y + bar_height - 1.5}" font-size="10" fill="currentColor">'
                   f"{plural(passages, 'passage')} · {plural(count, 'text')}</text>")
    out.append("</svg>")
    return Markup("".join(out))
