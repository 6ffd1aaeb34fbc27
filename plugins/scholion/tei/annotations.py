"""Contributor annotations as TEI ``<annotation>`` s in ``<standOff>``: each targets its paragraph
(``#p14``), says who wrote it (``respStmt``) and when (``revisionDesc``), and holds the words it is
about and its body.

The body is the annotation's Markdown as the reading page shows it (rendered and sanitised,
:attr:`~scholion.annotations.loading.Annotation.body_html`), read back into TEI: paragraphs, lists,
quotations, emphasis, code and links; any other markup keeps only its words."""
from __future__ import annotations

import datetime as dt

from lxml import etree, html

from scholion.annotations.anchoring import Anchoring
from scholion.annotations.loading import annotation_id
from scholion.annotations.webannotation import MOTIVATIONS
from scholion.tei.elements import append_text, element

_BLOCKS = {"p": "p", "blockquote": "quote", "ul": "list", "ol": "list", "li": "item", "dl": "list", "dt": "label",
           "dd": "item", "pre": "p"}
_CONTAINERS = {"blockquote", "ul", "ol", "li", "dl", "dd"}  # they hold blocks, not words
_LIST_RENDS = {"ul": "bulleted", "ol": "numbered"}
_INLINE = {"em": ("hi", "italic"), "i": ("hi", "italic"), "cite": ("hi", "italic"), "strong": ("hi", "bold"),
           "b": ("hi", "bold"), "sub": ("hi", "subscript"), "sup": ("hi", "superscript"), "small": ("hi", "small"),
           "s": ("hi", "strikethrough"), "del": ("hi", "strikethrough"), "ins": ("hi", "underline"),
           "code": ("code", None), "kbd": ("code", None), "q": ("q", None), "abbr": ("abbr", None)}


def annotations_standoff(anchoring: Anchoring, paragraph_texts: dict[str, str]) -> etree._Element | None:
    """``<standOff>`` with the annotations of ``anchoring`` in the order of their paragraphs (``paragraph_texts``:
    each paragraph's words, of which an annotation quotes some); None when there are none."""
    if not anchoring.placements:
        return None
    standoff = element(None, "standOff")
    listing = element(standoff, "listAnnotation")
    placements = sorted(anchoring.placements, key=lambda p: (int(p.paragraph[1:]), p.start, p.annotation.id))
    for placement in placements:
        annotation = placement.annotation
        item = element(listing, "annotation", id=annotation_id(annotation.id), target=f"#{placement.paragraph}",
                       motivation=MOTIVATIONS.get(annotation.kind, "commenting"))
        responsible = element(item, "respStmt")
        element(responsible, "resp", "annotated by")
        element(responsible, "name", annotation.author)
        element(element(item, "revisionDesc"), "change", "written", when=_day(annotation.date))
        element(element(item, "note", type="quote"), "quote", paragraph_texts[placement.paragraph][placement.start:placement.end])
        body = element(item, "note", type="body", subtype=annotation.kind)
        _blocks(body, _children(html.fragment_fromstring(annotation.body_html, create_parent="div")))
        if annotation.tags:
            tags = element(item, "note", type="tags")
            for tag in annotation.tags:
                element(tags, "term", tag)
    return standoff


def _day(date: dt.date | str) -> str:
    return date.isoformat() if isinstance(date, dt.date) else str(date)


def _blocks(parent: etree._Element, items: list) -> None:
    """Block-level HTML (paragraphs, lists, quotations) as TEI; words and inline markup outside any
    block become a paragraph of their own."""
    loose: etree._Element | None = None
    for item in items:
        if not isinstance(item, str) and not isinstance(item.tag, str):
            continue  # a comment
        tag = "" if isinstance(item, str) else item.tag
        if tag in _BLOCKS:
            loose = None
            made = element(parent, _BLOCKS[tag], rend=_LIST_RENDS.get(tag))
            if tag in _CONTAINERS:
                _blocks(made, _children(item))
            else:
                _inline(made, item)
        elif tag == "hr":
            loose = None
        elif not isinstance(item, str) or item.strip():
            loose = loose if loose is not None else element(parent, "p")
            if isinstance(item, str):
                append_text(loose, item)
            else:
                _inline_node(loose, item)


def _children(node) -> list:
    """An HTML element's content in order: its words (strings) and its elements, their tails apart."""
    items: list = [node.text] if node.text else []
    for child in node:
        tail, child.tail = child.tail, None
        items.append(child)
        if tail:
            items.append(tail)
    return items


def _inline(parent: etree._Element, node) -> None:
    """``node``'s words and inline markup into ``parent``."""
    append_text(parent, node.text or "")
    for child in node:
        _inline_node(parent, child)


def _inline_node(parent: etree._Element, node) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag == "a" and node.get("href"):
        made = element(parent, "ref", target=node.get("href"))
    elif tag == "br":
        made = element(parent, "lb")
    elif tag in _INLINE:
        name, rend = _INLINE[tag]
        made = element(parent, name, rend=rend)
    else:  # markup TEI has no use for here: its words only
        _inline(parent, node)
        append_text(parent, node.tail or "")
        return
    _inline(made, node)
    append_text(parent, node.tail or "")
