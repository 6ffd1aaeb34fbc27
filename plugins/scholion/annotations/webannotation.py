"""Contributor annotations as W3C Web Annotations (JSON-LD), for tools that speak the model
(Hypothesis, Recogito, annotation stores).

Each annotation targets its paragraph's URL (``…/romano-2021/#p14``) with two selectors of the
paragraph's words as the text model holds them (the running text, without note markers or the ¶
link): a ``TextQuoteSelector`` whose prefix and suffix are taken from the paragraph, as long as it
takes (at least 32 characters) for exact, prefix and suffix to occur once, and a
``TextPositionSelector`` of the same words. The body is the annotation's text (HTML, sanitised as on
the page) and its tags; the motivation follows its kind. A corpus collection and one per text are
``AnnotationCollection`` s with their one page of items embedded.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from scholion.annotations.anchoring import Anchoring, Placement
from scholion.annotations.loading import annotation_id

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
MOTIVATIONS = {  # kind → the Web Annotation motivation
    "comment": "commenting",
    "context": "describing",
    "correction": "editing",
    "cross-reference": "linking",
    "missing-note": "describing",  # the note's words, which the extract lost
    "further-reading": "linking",
}


def quote_selector(text: str, start: int, end: int) -> dict:
    """A TextQuoteSelector of ``text[start:end]`` whose prefix and suffix make it occur once in ``text``."""
    exact = text[start:end]
    size = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - size):start], text[end:end + size]
        if text.count(prefix + exact + suffix) == 1 or (len(prefix) == start and len(suffix) == len(text) - end):
            selector = {"type": "TextQuoteSelector", "exact": exact}
            if prefix:
                selector["prefix"] = prefix
            if suffix:
                selector["suffix"] = suffix
            return selector
        size *= 2


def web_annotation(placement: Placement, paragraph_text: str, page_url: str) -> dict:
    """The annotation of ``placement`` on the paragraph whose words are ``paragraph_text``, on the reading page at ``page_url``."""
    annotation = placement.annotation
    bodies: list[dict] = [{"type": "TextualBody", "value": annotation.body_html, "format": "text/html"}]
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags]
    return {
        "id": f"{page_url}#{annotation_id(annotation.id)}",
        "type": "Annotation",
        "motivation": MOTIVATIONS.get(annotation.kind, "commenting"),
        "creator": {"name": annotation.author},
        "created": dt.datetime.combine(annotation.date, dt.time(), dt.timezone.utc).isoformat().replace("+00:00", "Z"),
        "body": bodies,
        "target": {
            "source": f"{page_url}#{placement.paragraph}",
            "selector": [quote_selector(paragraph_text, placement.start, placement.end),
                         {"type": "TextPositionSelector", "start": placement.start, "end": placement.end}],
        },
    }


def collection(url: str, label: str, items: list[dict]) -> dict:
    """An AnnotationCollection at ``url`` holding ``items`` on one embedded page."""
    return {
        "@context": CONTEXT,
        "id": url,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"id": f"{url}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def text_annotations(anchoring: Anchoring, paragraphs: Mapping[str, str], page_url: str) -> list[dict]:
    """The Web Annotations of one text, in the order of its paragraphs, given each paragraph's words by id."""
    placements = sorted(anchoring.placements, key=lambda p: (int(p.paragraph[1:]), p.start, p.annotation.id))
    return [web_annotation(placement, paragraphs[placement.paragraph], page_url) for placement in placements]
