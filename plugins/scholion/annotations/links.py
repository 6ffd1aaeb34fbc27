"""Links in annotation bodies: each must land on a text of the corpus and an id its page has."""
from __future__ import annotations

import re
from typing import Collection, Mapping

from scholion.annotations.anchoring import Anchoring
from scholion.annotations.loading import Annotation, annotation_id
from scholion.problems import Problem
from scholion.text.model import Document

_LINK = re.compile(r"""href="\.\./([a-z0-9][a-z0-9-]*)/(?:index\.html)?(?:#([^"]*))?\"""")
_FRAGMENT = re.compile(r'href="#([^"]*)"')


def check_links(annotation: Annotation, targets: Mapping[str, set[str]],
                unreadable: Collection[str] = ()) -> list[Problem]:
    """Links from the body to a reading page must land on a text and an id it has: ``../kapoor-2021/#p12``
    for another text, ``#p42`` for the annotated text itself.

    ``targets`` maps each text's slug to the ids on its page (paragraphs, retired ids, notes, annotations);
    links to a text of ``unreadable`` (its files could not be read, its ids are unknown) are not checked.
    """
    problems = []
    links = _LINK.findall(annotation.body_html)
    links += [(annotation.slug, fragment) for fragment in _FRAGMENT.findall(annotation.body_html)]
    for slug, fragment in links:
        if slug in unreadable:
            continue
        if slug not in targets:
            if slug in ("glossary", "bibliography", "annotations", "compare"):
                continue
            problems.append(Problem(annotation.file, _body_line(annotation, f"../{slug}/"),
                                    f"the link ../{slug}/ does not lead to a text of the corpus ({', '.join(sorted(targets))})",
                                    code="annotation.link-to-no-text"))
        elif fragment and fragment not in targets[slug]:
            shown = f"#{fragment}" if slug == annotation.slug else f"../{slug}/#{fragment}"
            problems.append(Problem(annotation.file, _body_line(annotation, f"#{fragment}"),
                                    f"the link {shown} leads to no paragraph or note of {slug}",
                                    code="annotation.link-to-no-id"))
    return problems


def _body_line(annotation: Annotation, needle: str) -> int:
    for number, text in enumerate(annotation.body.split("\n")):
        if needle in text:
            return annotation.body_line + number
    return annotation.body_line


def page_ids(document: Document, redirects: Mapping[str, str], anchoring: Anchoring | None = None) -> set[str]:
    """The ids a link may target on a text's reading page: paragraphs, retired ids, notes, annotations."""
    ids = {block.anchor for block in document.paragraphs} | set(redirects)
    ids |= {"nstar" if label == "*" else f"n{label}" for label in document.notes}
    if anchoring is not None:
        ids |= {annotation_id(placement.annotation.id) for placement in anchoring.placements}
    return ids
