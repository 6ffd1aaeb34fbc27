"""Where each annotation lands: the paragraph that holds its quote.

The quote must occur exactly once in the target paragraph (prefix/suffix, when
given, must surround that occurrence). Runs of white space match any white
space; nothing else is forgiven: no case folding, no quote or dash folding, no
fuzzy matching, so an annotation never lands on a look-alike passage.

* quote once in the target paragraph → placed;
* target id retired in ``anchors.json`` → followed to the paragraph it
  redirects to (an ``info`` problem);
* quote not in the target paragraph but exactly once in exactly one other
  paragraph of the same text → re-anchored there and *reported* as an
  ``info`` problem (the build logs it at INFO, ``--strict`` passes); the
  contributor should update ``target.paragraph``;
* quote nowhere, more than once, or in several paragraphs → a warning
  (``mkdocs build --strict`` fails) naming the file and line, with a hint when
  the words occur with other quotation marks, dashes or case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from scholion.annotations.loading import Annotation, Quote
from scholion.problems import Problem


def _words_pattern(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def _selector_pattern(quote: Quote) -> re.Pattern:
    pattern = ""
    if quote.prefix.strip():
        pattern += _words_pattern(quote.prefix) + r"\s*"
    pattern += f"({_words_pattern(quote.exact)})"
    if quote.suffix.strip():
        pattern += r"(?=\s*" + _words_pattern(quote.suffix) + ")"
    return re.compile(pattern)


def find_quote(text: str, quote: Quote) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``quote.exact`` in ``text`` with its prefix/suffix around it (overlaps too)."""
    pattern = _selector_pattern(quote)
    found: list[tuple[int, int]] = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if match.span(1) not in found:
            found.append(match.span(1))
        position = match.start() + 1
    return found


_LOOSE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-",
                        "‑": "-", "‒": "-", "\u00a0": " "})


def _loose(text: str) -> str:
    """Same length as ``text``: quotation marks, dashes and case folded (only for hints)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_LOOSE))


def _hint(quote: Quote, paragraphs: Sequence[tuple[str, str]], first: str | None) -> str:
    loose = Quote(_loose(quote.exact), _loose(quote.prefix), _loose(quote.suffix))
    ordered = sorted(paragraphs, key=lambda p: p[0] != first)
    for pid, text in ordered:
        spans = find_quote(_loose(text), loose)
        if spans:
            start, end = spans[0]
            return (f"; {pid} has “{text[start:end]}”, which differs only in quotation marks, dashes or capitals: "
                    f"copy the words exactly from the page")
    if quote.prefix or quote.suffix:
        bare = Quote(quote.exact)
        where = [pid for pid, text in ordered if find_quote(text, bare)]
        if where:
            return f"; the words alone occur in {', '.join(where[:5])}, so check target.prefix and target.suffix"
    return "; copy the words exactly from the page (apostrophes and quotation marks are typographic: ’ “ ”)"


@dataclass
class Placement:
    """Where an annotation sits: paragraph id and the quote's character range in that paragraph's text."""

    annotation: Annotation
    paragraph: str
    start: int
    end: int
    moved_from: str | None = None  # the target id it was re-anchored from


@dataclass
class Anchoring:
    placements: list[Placement] = field(default_factory=list)
    # Warnings (--strict fails) and infos (re-anchored, target retired), as Report.problems sends them.
    problems: list[Problem] = field(default_factory=list)

    def by_paragraph(self) -> dict[str, list[Placement]]:
        grouped: dict[str, list[Placement]] = {}
        for placement in self.placements:
            grouped.setdefault(placement.paragraph, []).append(placement)
        for items in grouped.values():
            items.sort(key=lambda p: (p.start, p.end, p.annotation.id))
        return grouped


def anchor_annotations(
    annotations: Sequence[Annotation],
    paragraphs: Sequence[tuple[str, str]],
    redirects: Mapping[str, str] | None = None,
) -> Anchoring:
    """Place each annotation on the paragraph (id, text) that holds its quote; see the module notes."""
    redirects = redirects or {}
    texts = dict(paragraphs)
    result = Anchoring()
    for annotation in annotations:
        quote = annotation.quote
        line = annotation.line_of("target.exact")
        target_line = annotation.line_of("target.paragraph")
        shown = quote.exact if len(quote.exact) <= 80 else quote.exact[:77] + "…"
        target = annotation.paragraph
        via = ""
        if target not in texts and target in redirects:
            via = f"{target} is retired and redirects to {redirects[target]}"
            target = redirects[target]
        if target in texts:
            spans = find_quote(texts[target], quote)
            if len(spans) == 1:
                result.placements.append(Placement(annotation, target, *spans[0], moved_from=annotation.paragraph if via else None))
                if via:
                    result.problems.append(Problem(annotation.file, target_line,
                                                   f"annotation placed on {target}: {via}; set target.paragraph: {target}",
                                                   code="annotation.target-retired", severity="info"))
                continue
            if len(spans) > 1:
                result.problems.append(Problem(annotation.file, line,
                    f"“{shown}” occurs {len(spans)} times in {target}; add target.prefix or target.suffix "
                    f"(the words just before or after the ones you mean) so it occurs once", code="annotation.quote-repeated"))
                continue
        # Not in the target paragraph: only a unique occurrence elsewhere may take it.
        hits = [(pid, spans) for pid, text in paragraphs if (spans := find_quote(text, quote))]
        missing = f"{annotation.paragraph} is not a paragraph of {annotation.slug}" if target not in texts else \
            f"the quoted words are not in {target}"
        if len(hits) == 1 and len(hits[0][1]) == 1:
            pid, spans = hits[0]
            result.placements.append(Placement(annotation, pid, *spans[0], moved_from=annotation.paragraph))
            result.problems.append(Problem(annotation.file, target_line,
                f"{missing}; re-anchored to {pid}, the only paragraph that holds “{shown}”. "
                f"Set target.paragraph: {pid} in the file", code="annotation.reanchored", severity="info"))
            continue
        if hits:
            where = ", ".join(f"{pid}" + (f" ({len(spans)}×)" if len(spans) > 1 else "") for pid, spans in hits[:8])
            result.problems.append(Problem(annotation.file, line,
                f"{missing}, and “{shown}” occurs in several places ({where}); set target.paragraph to the one you "
                f"mean, and add target.prefix or target.suffix if it occurs more than once there",
                code="annotation.quote-in-several-paragraphs"))
            continue
        result.problems.append(Problem(annotation.file, line,
            f"{missing}, nor anywhere else in {annotation.slug}: “{shown}” was not found"
            + _hint(quote, paragraphs, target if target in texts else None), code="annotation.quote-not-found"))
    return result
