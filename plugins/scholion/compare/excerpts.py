"""Excerpts: the sentence(s) of a paragraph that hold a topic's matches, the matches in ``<mark>``.

An excerpt is HTML, yet it is made here rather than in ``scholion.pages``: it is what selection
keeps of a paragraph (the build cache stores it with the passage, and worker processes make it),
and, like a reading page's paragraphs, it is the escaped source text with spans
(:func:`scholion.html.spans.apply_spans`), which no template would make clearer.
"""
from __future__ import annotations

import functools
import re
from typing import Sequence

from scholion.html.spans import Span, apply_spans

__all__ = ["sentence_spans", "excerpt_html", "MAX_SENTENCES"]

_ABBREVIATIONS = {"e.g", "i.e", "eg", "ie", "cf", "vs", "etc", "mr", "mrs", "ms", "dr", "st", "no", "nos", "art",
                  "p", "pp", "vol", "ch", "fig", "ed", "eds", "jr", "sr", "prof", "gen", "u.s", "u.k"}
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9–])")
MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 360


_LAST_WORD = re.compile(r"([\w.]+)[.!?…]?$")


@functools.lru_cache(maxsize=1 << 15)  # a paragraph is excerpted for several topics and the overview
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in ``text``; abbreviations and initials do not end one."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # The word before the stop: a window of 60 characters holds any abbreviation or initial.
        before = _LAST_WORD.search(text, max(start, match.start() - 60), match.start() + 1)
        word = before.group(1).rstrip(".").lower() if before else ""
        if text[match.start()] == "." and (word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", before.group(1).rstrip(".") if before else "")):
            continue
        end = match.end()
        spans.append((start, len(text[:end].rstrip())))
        start = end
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return tuple((s, e) for s, e in spans if e > s) or ((0, len(text)),)


def _trim(text: str, start: int, end: int, focus: tuple[int, int]) -> tuple[int, int, bool, bool]:
    """Shorten a long sentence to a window around ``focus`` at word boundaries."""
    if end - start <= MAX_SENTENCE_CHARS:
        return start, end, False, False
    half = max((MAX_SENTENCE_CHARS - (focus[1] - focus[0])) // 2, 40)
    lo, hi = max(start, focus[0] - half), min(end, focus[1] + half)
    if lo > start:
        space = text.find(" ", lo, focus[0])
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", focus[1], hi)
        hi = space if space != -1 else hi
    return lo, hi, lo > start, hi < end


def excerpt_html(text: str, matches: Sequence[tuple[int, int]], max_sentences: int = MAX_SENTENCES) -> str:
    """HTML of the sentence(s) of ``text`` holding ``matches``, matches in ``<mark>``, gaps as ``…``.

    With no match, the opening sentence. Everything is escaped.
    """
    sentences = sentence_spans(text)
    chosen: list[int] = []
    for start, _ in matches:
        index = next((i for i, (s, e) in enumerate(sentences) if s <= start < max(e, s + 1)), len(sentences) - 1)
        if index not in chosen:
            chosen.append(index)
    chosen = sorted(chosen)[:max_sentences] if chosen else [0]
    pieces: list[str] = []
    previous = None
    for index in chosen:
        s, e = sentences[index]
        inside = [(a, b) for a, b in matches if s <= a < e]
        lo, hi, cut_left, cut_right = _trim(text, s, e, inside[0] if inside else (s, s))
        if previous is None:
            lead = index > 0 or cut_left
        else:
            lead = index != previous + 1 or cut_left
        if lead and pieces and pieces[-1] == " …":
            pieces.append(" ")  # the sentence before was cut short: one ellipsis is enough
        elif lead:
            pieces.append("… " if previous is None else " … ")
        elif previous is not None:
            pieces.append(" ")
        spans = [Span(max(a, lo) - lo, min(b, hi) - lo, "<mark>", "</mark>") for a, b in matches if a < hi and b > lo]
        pieces.append(apply_spans(text[lo:hi], spans))
        if cut_right:
            pieces.append(" …")
        previous = index
    if previous is not None and previous < len(sentences) - 1 and not pieces[-1].endswith("…"):
        pieces.append(" …")
    return "".join(pieces)
