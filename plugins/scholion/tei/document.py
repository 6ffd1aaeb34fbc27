"""A whole TEI document: ``teiHeader``, the ``text`` (front, body, back) and the annotations in ``standOff``.

``<back>`` holds the notes no marker placed, the text's own reference list as printed and the works of
the corpus's bibliography it cites besides, each citation in the text a ``<ref>`` to one of them.
This module, like the rest of the package, does not import MkDocs."""
from __future__ import annotations

from typing import Sequence

from lxml import etree

from scholion.annotations.anchoring import Anchoring
from scholion.bib.citing import Work
from scholion.bib.entries import BibEntry
from scholion.bib.references import TextCitations
from scholion.tei.annotations import annotations_standoff
from scholion.tei.bibliography import cited_bibls, listed_bibls
from scholion.tei.elements import element, serialise
from scholion.tei.header import language_tag, tei_header
from scholion.tei.text import TextParts, tei_text, write_note
from scholion.text.corpus import SourceText


def tei_document(text: SourceText, work: Work, citations: TextCitations, cited: Sequence[BibEntry],
                 anchoring: Anchoring, listed: Sequence[str] = ()) -> bytes:
    """``text`` (as ``work`` cites it) as TEI P5 (UTF-8 bytes); ``cited``: the works its citations name;
    ``listed``: the bib key of each entry of its own reference list."""
    document = text.document
    root = element(None, "TEI", lang=language_tag(document.meta))
    root.append(tei_header(work, document))
    retired: dict[str, list[str]] = {}
    for old, new in sorted(text.assignment.redirects.items()):
        retired.setdefault(new, []).append(old)
    written, unplaced = tei_text(document, TextParts(citations.by_paragraph, citations.by_note, retired))
    root.append(written)
    back = element(None, "back")
    if unplaced:
        notes = element(back, "div", type="notes")
        element(notes, "head", "Notes with no marker in the text")
        for note in unplaced:
            write_note(notes, note, None, [])
    if document.references:
        back.append(listed_bibls(document.references, listed))
    others = [entry for entry in cited if entry.key not in set(listed)]
    if others:
        back.append(cited_bibls(others))
    if len(back):
        written.append(back)
    standoff = annotations_standoff(anchoring, {block.anchor: block.text for block in document.paragraphs if block.anchor})
    if standoff is not None:
        root.append(standoff)
    etree.cleanup_namespaces(root)
    return serialise(root)
