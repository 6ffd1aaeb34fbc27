"""Making TEI elements with lxml: the namespace, ``xml:id``, text in mixed content, and the words
placed inside a run of text (notes, page breaks, references) at their offsets.

Every string goes in through lxml, which escapes it; characters XML 1.0 cannot hold at all (the
C0 controls but tab and newline) are dropped first, as lxml would refuse the whole document."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_NAME = re.compile(r"[^\w.-]", re.ASCII)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def ncname(text: str) -> str:
    """``text`` as an ``xml:id``: letters, digits, ``.``, ``-`` and ``_``, starting with a letter or ``_``."""
    name = _NOT_NAME.sub("-", text)
    return name if re.match(r"[A-Za-z_]", name) else f"_{name}"


def element(parent: etree._Element | None, tag: str, text: str = "", /, **attributes: str) -> etree._Element:
    """A TEI element (a child of ``parent`` when given) with ``text`` and attributes; ``id`` and ``lang``
    are ``xml:id`` and ``xml:lang``, ``None`` values are left out."""
    name = f"{{{TEI_NS}}}{tag}"
    made = etree.Element(name, nsmap={None: TEI_NS}) if parent is None else etree.SubElement(parent, name)
    for key, value in attributes.items():
        if value is not None:
            made.set({"id": XML_ID, "lang": XML_LANG}.get(key, key), xml_text(str(value)))
    if text:
        made.text = xml_text(text)
    return made


def append_text(parent: etree._Element, text: str) -> None:
    """Add ``text`` after whatever ``parent`` holds so far (its text, or its last child's tail)."""
    if not text:
        return
    text = xml_text(text)
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass(frozen=True)
class Point:
    """Something set at an offset of a run of text: a note, a page break, an anchor."""

    offset: int
    make: Callable[[etree._Element], None]  # adds it to the element it stands in


@dataclass(frozen=True)
class Reference:
    """Words of a run of text that point elsewhere (a citation): ``text[start:end]`` becomes ``<ref target>``."""

    start: int
    end: int
    target: str


def write_run(parent: etree._Element, text: str, points: Sequence[Point] = (), references: Sequence[Reference] = ()) -> None:
    """Append ``text`` to ``parent`` with ``points`` at their offsets and ``references`` around their words.
    A point inside a reference's words stands inside its ``<ref>``; a reference that would overlap the
    one before it is left out (its words stay)."""
    kept: list[Reference] = []
    for reference in sorted(references, key=lambda r: (r.start, r.end)):
        if reference.start < reference.end and (not kept or reference.start >= kept[-1].end):
            kept.append(reference)
    # At one offset: a reference ends, then points stand, then a reference starts.
    events: list[tuple[int, int, int, object]] = [(r.end, 0, n, r) for n, r in enumerate(kept)]
    events += [(p.offset, 1, n, p) for n, p in enumerate(points)]
    events += [(r.start, 2, n, r) for n, r in enumerate(kept)]
    current, position = parent, 0
    for offset, order, _, item in sorted(events, key=lambda event: event[:3]):
        append_text(current, text[position:offset])
        position = max(position, offset)
        if order == 0:
            current = parent
        elif order == 1:
            item.make(current)
        else:
            current = element(current, "ref", target=item.target)
    append_text(current, text[position:])


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
