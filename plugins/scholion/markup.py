"""Escape plain source text while wrapping chosen character ranges in HTML.

Source text is text, never Markdown or HTML: every character is escaped, and
only the tags of the spans handed in (note links, citation links, glossary
tooltips…) reach the page.
"""
from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Wrap ``text[start:end]`` in ``open_tag`` … ``close_tag``.

    Spans must not cross; when two overlap, the one with the higher
    ``priority`` (then the earlier, then the longer) wins and the other is dropped.
    """

    start: int
    end: int
    open_tag: str
    close_tag: str
    priority: int = 0


def choose_spans(spans: list[Span]) -> list[Span]:
    """Keep a set of non-overlapping spans, preferring priority, then position, then length."""
    ranked = sorted(spans, key=lambda s: (-s.priority, s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in ranked:
        if span.end <= span.start:
            continue
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def apply_spans(text: str, spans: list[Span]) -> str:
    """Return ``text`` escaped for HTML with the chosen spans' tags inserted."""
    out: list[str] = []
    position = 0
    for span in choose_spans(spans):
        out.append(html.escape(text[position:span.start], quote=False))
        out.append(span.open_tag)
        out.append(html.escape(text[span.start:span.end], quote=False))
        out.append(span.close_tag)
        position = span.end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)
