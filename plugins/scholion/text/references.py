"""A text's reference list: where it starts, and where one entry ends and the next begins.

The list is back matter, not body text. Its heading (``References``, ``Bibliography``, ``Works
cited``, ``Literature``…; :data:`~scholion.text.layout.REFERENCES_HEADING`) counts only where the
first line under it opens an entry. Entries are told apart by what the list itself shows:

* a blank line between entries;
* a hanging indent: an entry's first line is set flush, the lines that carry it on further in;
* with neither, a line that opens an entry after a line that can end one. An entry opens with
  its authors (``Surname, X.``, ``Surname, Given``, particles such as ``van der`` first) or an
  organisation, then its year (``. 2019.``, ``. (2019).``, `` (2019)``), with a 3-em dash for a
  repeated author (``———. 2018b.``), or with its number in a numbered list. Where most entries
  carry no year after their authors (notes-bibliography or MLA lists), the authors alone open one.

Page furniture inside the list is left out before the entries are split, with the blank lines
around it, so that an entry read across a page break reads on. An entry's text is its lines
joined as body text's are (:func:`~scholion.text.layout.glue` with the text's hyphenation).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from scholion.text.hyphens import Hyphenation
from scholion.text.layout import ENDNOTES_HEADING, REFERENCES_HEADING, Item, Layout, Line, clean_part, glue
from scholion.text.model import Reference

_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "da", "das", "di", "do", "dos", "du", "la", "le",
              "ter", "ten", "al", "el", "bin", "ibn"}
# ``Surname, X.`` / ``Surname, Given`` / ``van der Berg, J.`` / ``Lefèvre-Duval, A.``: a family name of up to
# four words (particles aside), a comma, then a given name or an initial.
NAME_LEAD = re.compile(r"^(?P<name>[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){0,5}),\s+(?P<given>[^\W\d_])")
# The year an author–date entry gives right after its authors: ``. 2019.``, ``. (2019).``, `` (2019a)``,
# ``(2020, May 4)``, ``n.d.``, ``forthcoming``.
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?(?:[/–-]\d{2,4})?|n\.\s?d\.|forthcoming|in press"
YEAR_MARK = re.compile(rf"(?:\.\s+\(?|\s\()(?:{_YEAR})(?:,[^)]{{1,25}})?\)?(?=[.,:;]?(?:\s|$))")
# An organisation as author: a few words, then the year (``European Commission. 2016.``, ``Eurostat (2021)``).
ORGANISATION_LEAD = re.compile(rf"^[^\W\d_]\S*(?:\s+\S+){{0,9}}?(?:\.\s+\(?|\s\()(?:{_YEAR})(?=[\s).,:;]|$)")
# Chicago's 3-em dash (or its stand-ins) for the author of the entry before.
DASH_LEAD = re.compile(r"^(?:[—―]+|[–-]{2,}|_{3,})\s*[.,]")
NUMBER_LEAD = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\.)\s+\S")
# How an entry can end: a full stop (after a quotation mark or bracket too), a closing bracket, or a URL or DOI.
_ENDS_ENTRY = re.compile(r"(?:[.!?][”’\"')\]]*|[)\]])$")
_FULL_STOP_END = re.compile(r"\.[”’\"')\]]*$")
_YEAR_LEAD = re.compile(r"\(\d{4}[a-z]?\)")  # an entry's year carried onto the next line: ``(1953b). Title``
_DOTTED = re.compile(r"\w\.\w")
_LINK = ("://", "www.", "doi:", "doi.org", "/")  # a URL's or DOI's pieces: a URL broken over lines has slashes
# A line ending in an initial (``Arjun R.``) is an author list broken before its last name.
_INITIAL_END = re.compile(r"(?:^|[\s,(])[^\W\d_]\.$")
_PLACE = re.compile(r"^[^,]+,\s+\S+:")
# How far into the next line an entry's year may stand, where its authors run on there.
AUTHORS_RUN_ON = 60


def _name_lead(text: str) -> bool:
    """Does ``text`` open with a family name (its words capitalised, particles aside), a comma and a given
    name? A place of publication (``Cambridge, MA: Harvard…``) has a colon after the word that follows its comma."""
    match = NAME_LEAD.match(text)
    return (match is not None and match.group("given").isupper() and _PLACE.match(text) is None
            and all(word[:1].isupper() for word in match.group("name").split() if word.lower() not in _PARTICLES))


def _strong_lead(text: str, next_text: str) -> bool:
    """Does ``text`` open an author–date entry (its authors, or an organisation, then its year), a
    repeated author's entry (a dash) or a numbered one?"""
    if DASH_LEAD.match(text) or NUMBER_LEAD.match(text) or (text[:1].isupper() and ORGANISATION_LEAD.match(text)):
        return True
    if not _name_lead(text):
        return False
    # Authors may run onto the next line before the year: look at its start too.
    return YEAR_MARK.search(text) is not None or (
        bool(next_text) and YEAR_MARK.search(f"{text} {next_text[:AUTHORS_RUN_ON]}") is not None)


def _can_end_entry(text: str) -> bool:
    """Can an entry end with line ``text``: after a full stop or a bracket, or on a URL or DOI (or its last
    piece, ``jma.2000.010``)?"""
    last = text.rsplit(" ", 1)[-1]
    return bool(_ENDS_ENTRY.search(text)) or any(mark in last for mark in _LINK) or _DOTTED.search(last) is not None


# A line standing alone with no more words than a heading has ends the list (``Appendix``, ``About the authors``).
HEADING_MAX_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")


def take_reference_lists(layout: Layout) -> None:
    """Move each reference list out of ``layout.items`` into ``layout.references``, entry by entry. The
    list's heading stays an item (it is the heading of the back matter); its page numbers and blank
    lines go with the list, and so do lines of its entries that were taken for running heads."""
    index = 0
    while index < len(layout.items):
        heading = layout.items[index]
        if heading.kind != "text" or not REFERENCES_HEADING.match(heading.first.text):
            index += 1
            continue
        misread = _misread_heads(layout, heading.first.number)
        items = sorted([*layout.items, *(Item("text", [line]) for line in misread)], key=lambda item: item.first.number)
        at = items.index(heading)
        if not _opens_list(items, at):
            index += 1
            continue
        end = _list_end(items, at + 1)
        last = items[end - 1].first.number
        _give_back(layout, [line for line in misread if line.number <= last])
        items = layout.items
        end = _list_end(items, index + 1)
        layout.references.extend(split_entries(_list_lines(items[index + 1 : end])))
        del items[index + 1 : end]
        index += 1


def _misread_heads(layout: Layout, after: int) -> list[Line]:
    """Lines after line ``after`` taken for running heads only because entries on two pages carry the same
    line (``Cambridge University Press.``, one list of authors) or open alike (``OECD. (2019).`` and
    ``OECD. (2020).`` at two pages' tops): lines whose words stand nowhere before it, which open with
    authors or an entry, end in a full stop as entries do, carry one on in lower case or break off after
    a comma (``Journal of Harbours, 1(2),``: no running head ends so) or open with an entry's year in
    brackets, and are not in capitals."""
    before = {line.text for line in layout.running_heads if line.number < after}
    return [line for line in layout.running_heads if line.number > after and line.text not in before
            and not line.text.isupper()
            and (_FULL_STOP_END.search(line.text) or _name_lead(line.text) or _strong_lead(line.text, "")
                 or line.text[:1].islower() or line.text.rstrip().endswith(",") or _YEAR_LEAD.match(line.text))]


def _give_back(layout: Layout, lines: list[Line]) -> None:
    """Make ``lines``, set aside as running heads, text again."""
    if not lines:
        return
    layout.running_heads = [line for line in layout.running_heads if line not in lines]
    for line in lines:
        del layout.set_aside[line.number]
    layout.items = sorted([*layout.items, *(Item("text", [line]) for line in lines)], key=lambda item: item.first.number)


def _opens_list(items: Sequence[Item], index: int) -> bool:
    """Is item ``index`` the heading of a reference list: a heading's words standing apart (after a
    blank line, a page break or a finished sentence), with an entry opening on the first line under it?"""
    item = items[index]
    if item.kind != "text" or not REFERENCES_HEADING.match(item.first.text):
        return False
    before = items[index - 1] if index else None
    if before is not None and before.kind == "text" and not item.first.page_start and not _ENDS_ENTRY.search(before.first.text):
        return False
    following = [later for later in items[index + 1 : index + 8] if later.kind not in ("blank", "page_number")][:2]
    if not following or following[0].kind != "text":
        return False
    first, second = following[0].first.text, following[1].first.text if len(following) > 1 else ""
    return _strong_lead(first, second) or _name_lead(first)


def _list_end(items: Sequence[Item], index: int) -> int:
    """Where the list that starts at item ``index`` ends: at the text's end, at anything but its lines, page
    numbers and blank lines, or at a line that stands alone as a heading does (and carries on no URL broken
    at the line before)."""
    previous = ""
    while index < len(items):
        item = items[index]
        if item.kind not in ("text", "blank", "page_number"):
            break
        if item.kind == "text" and _stands_alone(items, index) and _heading_like(item.first.text) \
                and not _breaks_url(previous):
            break
        if item.kind == "text":
            previous = item.first.text
        index += 1
    return index


def _breaks_url(text: str) -> bool:
    """Does line ``text`` end inside a URL, broken after a slash or a hyphen (its start, or a middle piece
    alone on the line: ``port.example.org/reports/``)?"""
    last = text.rsplit(" ", 1)[-1]
    return last.endswith(("/", "-")) and (any(mark in last for mark in _LINK[:-1]) or (last == text and "/" in last))


def _stands_alone(items: Sequence[Item], index: int) -> bool:
    before = items[index - 1].kind if index else "blank"
    after = items[index + 1].kind if index + 1 < len(items) else "blank"
    return before != "text" and after != "text"


def _heading_like(text: str) -> bool:
    if REFERENCES_HEADING.match(text) or ENDNOTES_HEADING.match(text):
        return True
    return (len(text.split()) <= HEADING_MAX_WORDS and _WORD.search(text) is not None and not text[:1].islower()
            and not _ENDS_ENTRY.search(text) and not any(mark in text for mark in _LINK)
            and not _strong_lead(text, "") and not _name_lead(text))


def _list_lines(items: Sequence[Item]) -> list[Line]:
    """The list's lines with its page furniture left out: page numbers, lines the layout reader set
    aside (running heads: a gap in the line numbers) and the blank lines next to either or to a page
    break. The first line after such a break is marked as starting a page."""
    lines: list[Line] = []
    broken = False  # furniture or a page break since the last line with words
    previous_number = None
    pending_blanks: list[Line] = []
    for item in items:
        line = item.first
        gap = previous_number is not None and line.number > previous_number + 1
        previous_number = line.number
        if item.kind == "page_number" or gap or line.page_start:
            broken, pending_blanks = True, []
        if item.kind == "page_number":
            continue
        if line.blank:
            pending_blanks.append(line)
            continue
        if broken:
            line = replace(line, page_start=True)
        elif lines:  # blank lines between the list's lines, not before its first
            lines.extend(pending_blanks)
        lines.append(line)
        broken, pending_blanks = False, []
    return lines


def split_entries(lines: Sequence[Line]) -> list[list[Line]]:
    """The entries of a reference list, each as its lines in order. ``lines`` are the list's lines with
    page furniture (and the blank lines around it) left out; a line that follows a page break has
    ``page_start`` set. Blank lines separate entries; they are not part of any."""
    worded = [line for line in lines if line.text]
    if not worded:
        return []
    flush = min(line.indent for line in worded)
    # A hanging indent: the first line is flush and a good share of the rest set further in.
    hanging = worded[0].indent == flush and sum(line.indent > flush for line in worded) >= max(1, len(worded) // 5)
    blank_separated = any(line.blank for line in lines)
    numbered = NUMBER_LEAD.match(worded[0].text) is not None
    # In an author–date list an entry's authors are followed by its year; elsewhere the authors alone open it.
    name_leads = [index for index, line in enumerate(worded) if _name_lead(line.text)]
    dated = sum(_strong_lead(worded[i].text, worded[i + 1].text if i + 1 < len(worded) else "") for i in name_leads)
    needs_year = dated * 2 >= len(name_leads)

    def opens_entry(position: int) -> bool:
        text = worded[position].text
        previous = worded[position - 1].text
        if DASH_LEAD.match(text):
            return True  # a dash stands for an author, never inside an entry
        # A URL's last piece alone on a line (``reports``) ends what the line before began.
        url_tail = position >= 2 and " " not in previous and _breaks_url(worded[position - 2].text)
        if not (_can_end_entry(previous) or url_tail):
            return False
        if numbered:
            return NUMBER_LEAD.match(text) is not None
        following = worded[position + 1].text if position + 1 < len(worded) else ""
        if _strong_lead(text, following):
            # ``Lund, Sofia, and Arjun R.`` / ``Mehta. 2019.`` is one entry's authors broken before the last name.
            return not (_INITIAL_END.search(previous) and not _name_lead(text) and not DASH_LEAD.match(text))
        return not needs_year and _name_lead(text)

    entries: list[list[Line]] = []
    blank_before = False
    position = 0
    for line in lines:
        if line.blank:
            blank_before = bool(entries)
            continue
        starts = not entries or blank_before
        if not starts and hanging:
            starts = line.indent <= flush
        elif not starts and (not blank_separated or line.page_start):
            starts = opens_entry(position)
        if starts:
            entries.append([line])
        else:
            entries[-1].append(line)
        blank_before = False
        position += 1
    return entries


def doubtful_openings(entries: Sequence[Sequence[Line]]) -> list[Line]:
    """First lines of entries that open as no entry does (in lower case, with a figure, with
    punctuation): the list's layout may have been misread there."""
    return [entry[0] for entry in entries
            if not (entry[0].text[:1].isupper() or entry[0].text[:1] in "“‘\"(" or DASH_LEAD.match(entry[0].text) or NUMBER_LEAD.match(entry[0].text)
                    or _name_lead(entry[0].text))]


def read_references(entries: Sequence[Sequence[Line]], hyphenation: Hyphenation | None = None) -> list[Reference]:
    """Each entry's text, its lines joined as body text's are, with the lines it was read from."""
    references = []
    for entry in entries:
        text = ""
        for line in entry:
            text = glue(text, clean_part(line.text), hyphenation)
        references.append(Reference(text, tuple(line.number for line in entry)))
    return references
