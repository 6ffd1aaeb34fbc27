"""Escape plain source text while wrapping chosen character ranges in HTML.

Source text is text, never Markdown or HTML: every character is escaped, and
only the tags of the spans handed in (note links, citation links, glossary
tooltips…) reach the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from scholion.html.escaping import escape_content


@dataclass(frozen=True)
class Span:
    """Wrap ``text[start:end]`` in ``open_tag`` … ``close_tag``.

    Spans must not cross; when two overlap, the one with the higher
    ``priority`` (then the earlier, then the longer) wins and the other is dropped.
    A ``wraps`` span (a highlight such as an annotation's quoted words) may
    also enclose other spans or sit inside one: tags are then nested, so a
    highlighted quote keeps its glossary tooltips and note links. It still
    never crosses a span it does not wholly contain or sit in.
    """

    start: int
    end: int
    open_tag: str
    close_tag: str
    priority: int = 0
    wraps: bool = False


def _compatible(a: Span, b: Span) -> bool:
    if a.end <= b.start or a.start >= b.end:
        return True
    if a.wraps or b.wraps:  # nesting is fine for a highlight, crossing never is
        return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return False


def choose_spans(spans: list[Span]) -> list[Span]:
    """Keep a set of non-crossing spans, preferring priority, then position, then length.

    Returned in document order; a span that encloses another comes first.
    """
    ranked = sorted(spans, key=lambda s: (-s.priority, s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in ranked:
        if span.end <= span.start:
            continue
        if all(_compatible(span, k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -s.end, not s.wraps))


def apply_spans(text: str, spans: list[Span]) -> str:
    """Return ``text`` escaped for HTML with the chosen spans' tags inserted (nested where they nest)."""
    if not spans:  # half the pieces of a reading page
        return escape_content(text)
    out: list[str] = []
    position = 0
    open_spans: list[Span] = []

    def close(until: int) -> None:
        nonlocal position
        while open_spans and open_spans[-1].end <= until:
            span = open_spans.pop()
            out.append(escape_content(text[position:span.end]))
            out.append(span.close_tag)
            position = span.end

    for span in choose_spans(spans):
        close(span.start)
        out.append(escape_content(text[position:span.start]))
        out.append(span.open_tag)
        position = span.start
        open_spans.append(span)
    close(len(text))
    out.append(escape_content(text[position:]))
    return "".join(out)
