"""Separate a PDF extract's page furniture from its running text.

Works from the text's own evidence, never from per-text rules:

* a line that opens with a single space starts a new printed page;
* lines that repeat on several pages are running heads, and a bare number
  beside them is the printed page number;
* a run of lines starting with the next expected note number (``12 Casier …``),
  after a separator or at a page start, is a footnote block;
* a line holding only a URL that a note already gives is an echo of that note;
* ``Figure N:`` … ``Source: …`` is a figure caption;
* a lettered line (``a The crisis…``) in the expected letter order is an inline note.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal, Sequence

from scholion.text.characters import SOFT_HYPHEN
from scholion.text.hyphens import Hyphenation, word_before
from scholion.text.lists import list_marker


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPTS, "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
# A note's first line: its label as the extract prints it, then the note. ``1. `` and ``1) `` also open
# numbered paragraphs and list items, so they count only where notes are known to be (see note_start).
NOTE_START = re.compile(
    rf"^(?:(?P<plain>\*|\d{{1,3}})\s+|(?P<superscript>[{SUPERSCRIPTS[1:]}][{SUPERSCRIPTS}]{{0,2}})\s*"
    rf"|\[(?P<bracketed>\d{{1,3}})\]\s*|(?P<enumerated>\d{{1,3}})[.)]\s+)(?P<body>\S.*)$"
)
# A rule drawn above footnotes, as extractors give it.
RULE = re.compile(r"^[_\-—–=‐]{3,}$")
_RULE_CHARACTERS = set("_-—–=‐")
# Lines of a title page's apparatus: dates of the article's history, identifiers, keywords, contacts (a line
# ending in an e-mail address, as ``CONTACT Name name@host`` at a first page's foot).
METADATA_LINE = re.compile(
    r"^(?:(?:received|accepted|revised|published(?: online)?|available online|first published)\b.*\d{4}"
    r"|doi\s*:|https?://(?:dx\.)?doi\.org/|issn\b|isbn\b|©|copyright\b|[*†‡]*\s*corresponding author\b|e-?mail\s*:"
    r"|key\s?words?\s*[:—–-]|jel(?: codes?| classification)?\s*:|(?:.*\s)?[\w.+-]+@[\w-]+\.[\w.-]+$)",
    re.I,
)
METADATA_LABEL = re.compile(r"^(?:key\s?words?|jel(?: codes?| classification)?)\s*:?$", re.I)
# The heading over a reference list, and over notes collected at the end of a text.
REFERENCES_HEADING = re.compile(r"^(?:references|bibliography|works\s+cited|literature|sources|reference\s+list)\s*:?$", re.I)
ENDNOTES_HEADING = re.compile(r"^(?:end\s?notes|notes(?:\s+and\s+(?:references|sources))?)\s*:?$", re.I)


def note_start(text: str, *, enumerated: bool = False) -> tuple[str, str] | None:
    """The label and the words of a line that opens a note (``12 Casier…``, ``¹² Casier…``, ``[12] Casier…``,
    and with ``enumerated`` also ``12. Casier…`` and ``12) Casier…``), or None."""
    match = NOTE_START.match(text)
    if match is None or (match.group("enumerated") and not enumerated):
        return None
    label = (match.group("plain") or match.group("bracketed") or match.group("enumerated")
             or match.group("superscript").translate(FROM_SUPERSCRIPT))
    return label, match.group("body")
LETTERED_NOTE = re.compile(r"^([a-z])\s+([A-Z“‘\"(].*)$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
# A page's label that says what it is, wherever it stands: ``Page 3 of 14``, ``Page 3``, ``- 3 -``.
PAGE_LABEL = re.compile(r"^(?:page|p\.|pg\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# A caption's opening: ``Figure 1:``, ``Figure 2.``, ``Table 2 –`` (``Figure 2 shows…`` is a sentence).
CAPTION_START = re.compile(r"^(?P<kind>Figure|Fig\.|Chart|Graph|Map|Exhibit|Table)\s+\d+(?:\.\d+)?\s*(?:[:.–—-]\s*|$)")
FIGURE_SOURCE = re.compile(r"^(?:Source|Sources|Note|Notes)\s*:")
# Columns set apart by runs of spaces, as a table's are.
COLUMN_GAP = re.compile(r"\S(?: {2,}|\t)\S")
LETTER_ORDER = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Line:
    number: int
    text: str  # without the page-start space and trailing blanks
    page_start: bool  # the extract opened a new printed page here
    separator: bool = False  # a whitespace-only line (the extract's rule above footnotes)
    indent: int = 0  # columns of white space the line is set in by (nested list items, hanging indents)

    @property
    def blank(self) -> bool:
        return not self.text


ItemKind = Literal["text", "blank", "page_number", "figure", "table", "url", "front"]


@dataclass
class Item:
    """One element of the running flow after note blocks and running heads are gone."""

    kind: ItemKind
    lines: list[Line]
    caption: int = 0  # figures and tables: how many of the lines are the caption
    source: int = 0  # figures and tables: where their Source: lines start (len(lines) if none)

    @property
    def first(self) -> Line:
        return self.lines[0]


@dataclass
class RawNote:
    label: str
    lines: list[Line]
    fragment_of_previous: bool = False  # a page-opening piece whose note start was lost

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])


@dataclass
class Layout:
    items: list[Item]
    notes: list[RawNote]
    running_heads: list[Line] = field(default_factory=list)
    echoed_urls: list[Line] = field(default_factory=list)
    notes_heading: Line | None = None  # the heading over endnotes, when the text collects them at its end
    set_aside: dict[int, str] = field(default_factory=dict)  # line number → what it is, for lines not read as text
    page_breaks: str = "none shown"  # how the extract shows where pages start, in words
    page_starts: list[int] = field(default_factory=list)  # the lines a printed page starts on (not the first page's)
    references: list[list[Line]] = field(default_factory=list)  # the reference list's entries, each its lines


def split_lines(text: str) -> list[Line]:
    """The extract's lines, each knowing whether a printed page starts there: after a form feed (what
    pdftotext writes between pages, at the start of a page's first line, alone, or at a line's end)
    or, in extracts without them, where a line opens with a single space (more is an indent). Words on
    both sides of a form feed inside a line become two lines with the same number."""
    lines = []
    form_feeds = "\f" in text
    after_form_feed = False
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\f") if form_feeds else (raw,)
        for index, piece in enumerate(pieces):
            if index:
                after_form_feed = True
            if len(pieces) > 1 and not piece.strip():
                continue  # nothing but the page break itself
            stripped = piece.rstrip()
            if stripped[-1:] in _RULE_CHARACTERS and RULE.match(stripped.strip()):  # the rule above footnotes: a separator
                lines.append(Line(number, "", False, separator=True))
                continue
            words = stripped.strip()
            leading = stripped[: len(stripped) - len(stripped.lstrip())].expandtabs(4)
            single_space = leading == " " and not form_feeds
            page_start = bool(words) and (after_form_feed or single_space)
            if words:
                after_form_feed = False
            lines.append(Line(number, words, page_start, separator=bool(piece) and not piece.strip(),
                              indent=0 if single_space else len(leading)))
    return lines


def clean_part(line: str) -> str:
    """One extracted line with tabs and runs of spaces made single spaces."""
    if "\t" not in line and "  " not in line:  # most lines: nothing to replace
        return line.strip()
    return _SPACE_RUN.sub(" ", line.replace("\t", " ")).strip()


_SPACE_RUN = re.compile(r" {2,}")


def glue(text: str, part: str, hyphenation: Hyphenation | None = None) -> str:
    """Append the cleaned line ``part`` to ``text``, mending the line break.

    A soft hyphen at the line's end marks a broken word: it goes. Any other line-end hyphen stays
    (``over-`` + ``dependence``) unless ``hyphenation`` says the word was broken there, which it never
    says inside a URL (its hyphens are its own). A trailing dash or slash glues without a space.
    """
    if not text:
        return part
    if text.endswith(SOFT_HYPHEN):
        return text[:-1] + part
    if not text.endswith(("-", "—", "/")) or text.endswith((" -", " —")):
        return text + " " + part
    if hyphenation is not None and text.endswith("-") and not _in_url(text):
        right = re.match(r"\w+", part)
        if right and hyphenation.broken(word_before(text, len(text) - 1), right.group()):
            return text[:-1] + part
    return text + part


def _in_url(text: str) -> bool:
    """Does ``text`` end inside a URL or DOI?"""
    last = text[text.rfind(" ") + 1 :]
    return "://" in last or last.startswith(("www.", "doi:", "doi.org/"))


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines into one string (see :func:`glue`)."""
    text = ""
    for part in map(clean_part, parts):
        if part:
            text = glue(text, part)
    return text


def line_wording(text: str) -> str:
    """A line's words without its numbers, case or spacing: how a stated running head is matched."""
    return " ".join(re.sub(r"[\d|•·–—-]+", " ", text).lower().split())


def _skeleton(text: str) -> str:
    """A line with its numbers blanked: running heads and footers repeat but for the page number."""
    return _DIGITS.sub("#", text)


_DIGITS = re.compile(r"\d+")
FEWEST_PAGE_LINES = 3  # a text's last page may hold no more than a line or two and its footer


def _counts_up(texts: list[str]) -> bool:
    """Do lines that repeat but for one number carry it counting up, by one page or by two (a head
    printed on every other page)?"""
    numbers = [[int(found) for found in _DIGITS.findall(text)] for text in texts]
    changing = [position for position in range(len(numbers[0])) if len({tuple(n) for n in numbers}) > 1
                and len({n[position] for n in numbers if len(n) == len(numbers[0])}) > 1]
    if len(changing) != 1 or any(len(n) != len(numbers[0]) for n in numbers):
        return False
    values = [n[changing[0]] for n in numbers]
    steps = {b - a for a, b in zip(values, values[1:])}
    return steps <= {1, 2} and len(steps) == 1
# Fewer lines than a printed page of text ever has; about the lines of a title page, where page breaks are not shown.
MIN_PAGE_LINES = 8
FIRST_PAGE_LINES = 60
# Lines that repeat with another number each time without being page furniture: captions and the like.
NUMBERED_THING = re.compile(r"^(?:Figure|Fig\.|Table|Box|Chart|Map|Graph|Exhibit|Panel|Annex|Appendix|Section|Chapter|Part)\s"
                            r"|^\d{1,2}(?:\.\d{1,2})+\.?\s", re.I)  # …and subsections, ``2.1 Background`` / ``3.1 Background``


def _running_heads(lines: list[Line]) -> set[int]:
    """Indices (in ``lines``) of running heads and footers, and of the page numbers printed beside them
    or alone on a line.

    A head or footer is a line that repeats on several pages, word for word or but for its numbers
    (``Policy Brief | April 2022 | 7``, ``212 JOURNAL OF …`` on even pages and ``… 213`` on odd ones),
    a page's label (``Page 3 of 14``), or a line printed once that carries its page's number
    (:func:`_numbered_edges`); page numbers alone on a line: :func:`_lone_page_numbers`.
    """
    counts = Counter(line.text for line in lines if line.text)
    skeleton_of = {text: _skeleton(text) for text in counts}  # each distinct line once
    skeletons = Counter(skeleton for text, skeleton in skeleton_of.items() if skeleton != text)
    where: dict[str, list[int]] = {}  # a line's words, and with numbers blanked, → where they stand
    for index, line in enumerate(lines):
        if line.text and counts[line.text] >= 2:
            where.setdefault(line.text, []).append(index)
        if line.text and skeleton_of[line.text] != line.text:
            where.setdefault(skeleton_of[line.text], []).append(index)
    # A head or footer comes once a page: occurrences of a skeleton on one page (or, where the extract
    # shows no pages, close together) are something else.
    page_of = list(itertools.accumulate(int(line.page_start) for line in lines))
    paged = bool(_page_starts(lines))
    counting = {skeleton for skeleton, found in where.items()
                if len(found) >= 2 and _counts_up([lines[index].text for index in found])}

    def far_enough(skeleton: str, found: list[int]) -> bool:
        # A number counting up at each occurrence is a page's, so each stands on a page of its own (even
        # where a page break went unseen, and then away from the page edges the extract shows); only the
        # last page, which the text may end early, can be short.
        if skeleton in counting:
            return all(b - a >= (MIN_PAGE_LINES if b != found[-1] and not paged else FEWEST_PAGE_LINES)
                       for a, b in zip(found, found[1:]))
        return all((page_of[b] != page_of[a]) if paged else b - a >= MIN_PAGE_LINES for a, b in zip(found, found[1:]))

    apart = {skeleton for skeleton, found in where.items() if len(found) >= 2 and far_enough(skeleton, found)}

    edges = _page_edges(lines)
    # A counting line that stands at the edge of two pages or more is furniture wherever it stands: a
    # page whose break the extract does not show has no edges to stand at.
    def beside_page_number(index: int) -> bool:
        """Is a page number printed alone within the next few lines (the rest of a footer block between)?"""
        return any(PAGE_NUMBER.match(line.text) for line in lines[index + 1 : index + 5])

    # A line repeated, word for word or but for its numbers, is furniture only where it stands, twice at
    # least, at a page's edge or over its page number: a section title used twice stands where its
    # section starts.
    placed = {text for text, found in where.items()
              if sum(index in edges or beside_page_number(index) for index in found) >= 2}

    width = column_width(lines)

    def prose(index: int) -> bool:
        """A line that a sentence runs through: words repeated in the body are kept, never furniture. Its
        words may open in lower case after a figure (``66 per cent.``), and carry on a line above the
        blank lines and furniture of a page break."""
        text = lines[index].text
        before = next((line.text for line in reversed(lines[:index]) if line.text), "")
        after = next((line.text for line in lines[index + 1 :] if line.text), "")
        first_letter = next((char for char in text if char.isalpha()), "")
        continues = first_letter.islower() and before and not _SENTENCE_END.search(before)
        runs_on = len(text) >= 0.95 * width and after[:1].islower()
        broken = text.endswith("/") or (text.endswith("-") and text[-2:-1].isalnum())  # a word or URL goes on
        return bool(continues or runs_on or broken)

    def repeats(text: str, index: int) -> bool:
        if len(text) < 6 or BARE_URL.match(text) or PAGE_NUMBER.match(text):
            return False
        if counts[text] >= 2:
            return text in apart and text in placed and not note_start(text, enumerated=True) and not prose(index)
        skeleton = skeleton_of[text]  # the same line on several pages with another number each time
        return (skeleton != text and skeletons[skeleton] >= 2 and skeleton in apart
                and not NUMBERED_THING.match(text) and skeleton in placed and (index in edges or skeleton in counting)
                and not prose(index))

    heads: set[int] = set()
    for index, line in enumerate(lines):
        if not line.text or not repeats(line.text, index):
            continue
        heads.add(index)
        # A bare number within the next few lines is the printed page number.
        for offset, follower in enumerate(lines[index + 1 : index + 4], start=index + 1):
            if PAGE_NUMBER.match(follower.text):
                heads.add(offset)
                break
            if follower.text and not repeats(follower.text, offset):
                break
    heads |= {index for index, line in enumerate(lines) if PAGE_LABEL.match(line.text)}
    heads |= _lone_page_numbers(lines, heads)
    heads |= _numbered_edges(lines, heads)
    heads |= _title_page_echoes(lines, heads)
    return heads


_LETTERS = re.compile(r"[^\W\d_]+")
TITLE_PAGE_LINES = 12  # the lines with words a title page's masthead, title and authors stand in
HEAD_MAX_WORDS = 10


def _title_page_echoes(lines: list[Line], heads: set[int]) -> set[int]:
    """A head printed once and with no number (an odd page's short title, in a short text): the top (or
    bottom) line of a page where the pages before and after it carry a head, which echoes two words or more
    of the first page's opening lines (the journal's name, the title, the authors) and is no sentence."""
    pages = _pages(lines)
    if len(pages) < 3:
        return set()
    def words(text: str) -> str:
        return " ".join(_LETTERS.findall(text.lower()))

    title_page = words(" ".join([lines[index].text for index in pages[0] if lines[index].text][:TITLE_PAGE_LINES]))
    found = set()
    for edge in (0, -1):
        edges = []
        for page in pages:
            worded = [index for index in page if lines[index].text and not PAGE_NUMBER.match(lines[index].text)]
            edges.append(worded[edge] if worded else None)
        with_head = [index is not None and index in heads for index in edges]
        for position in range(1, len(pages)):
            index = edges[position]
            neighbours = [with_head[other] for other in (position - 1, position + 1) if 0 < other < len(pages)]
            if index is None or with_head[position] or not neighbours or not all(neighbours):
                continue
            text, wording = lines[index].text, words(lines[index].text)
            if (len(wording.split()) >= 2 and len(text.split()) <= HEAD_MAX_WORDS and not text[:1].islower()
                    and not _PUNCTUATION_END.search(text)
                    and f" {wording} " in f" {title_page} "):
                found.add(index)
    return found


def _numbered_edges(lines: list[Line], heads: set[int]) -> set[int]:
    """A head or footer printed only once (an odd page's head in a short text) is the first or last line
    of its page carrying, at its start or end, the number that page must have by its neighbours'. Where no
    neighbour's number is known, two pages in a row whose top (or bottom) lines carry numbers counting up
    by one (``212   Journal of …`` and ``The thirty-minute border   213``) show each other's."""
    pages = _pages(lines)
    if not pages:
        return _numbered_between(lines, heads)
    numbers: list[int | None] = []
    for page in pages:
        found = None
        for index in page:
            if index in heads:
                edge = _EDGE_NUMBER.search(lines[index].text)
                if edge:
                    found = _edge_number(edge)
                    break
        numbers.append(found)
    found_heads = set()
    width = column_width(lines)
    edge_numbers = [_edge_numbers(lines, page, heads, width) for page in pages]
    for position in range(len(pages) - 1):
        if numbers[position] is not None or numbers[position + 1] is not None:
            continue
        for (edge, number), index in edge_numbers[position].items():
            following = edge_numbers[position + 1].get((edge, number + 1))
            if following is not None and not _numbers_sections(lines, index, number):
                found_heads.update((index, following))
                numbers[position], numbers[position + 1] = number, number + 1
                break
    for position, page in enumerate(pages):
        if numbers[position] is not None:
            continue
        expected = {numbers[position - 1] + 1 if position and numbers[position - 1] is not None else None,
                    numbers[position + 1] - 1 if position + 1 < len(pages) and numbers[position + 1] is not None else None}
        worded = [index for index in page if lines[index].text and index not in heads]
        ends = [(worded[0], 1), (worded[-1], -1)][:len(worded)] if worded else []
        edges = [(index, inner) for index, inner in ends
                 if (edge := _EDGE_NUMBER.search(lines[index].text)) and _edge_number(edge) in expected
                 and not _PUNCTUATION_END.search(lines[index].text)]
        # A page prints its number once: where both edges could carry it (a note running on at the foot,
        # ``3 A museum reviewed … in``), the one set apart by a blank line, as heads and footers are.
        apart = [index for index, inner in edges if 0 <= index + inner < len(lines) and lines[index + inner].blank]
        found_heads.update(edges[0][:1] if len(edges) == 1 else apart[:1])
    return found_heads


def _numbers_sections(lines: list[Line], index: int, number: int) -> bool:
    """Does the number ``number`` that line ``index`` opens with go on from a section numbered before it
    (``1 The City…`` earlier in the text, ``2 The Factory…`` here): section titles, not heads?"""
    opening = re.compile(rf"^{number - 1}\.?\s+[A-Z]")
    return any(opening.match(line.text) for line in lines[:index])


def _edge_numbers(lines: list[Line], page: range, heads: set[int], width: int) -> dict[tuple[str, int], int]:
    """The numbers that the first and last lines with words of a page carry at their start or end, by the
    page's edge (``("top", 212)`` → the line's index), where the line is set apart from the page's text as
    a head or footer is: a blank line on its inner side, shorter than the column, no closing stop (a note
    at a page's top, ``83 European Commission…``, runs on)."""
    worded = [index for index in page if lines[index].text and index not in heads]
    found = {}
    for edge, index, inner in (("top", worded[0], 1), ("bottom", worded[-1], -1)) if worded else ():
        text = lines[index].text
        match = _EDGE_NUMBER.search(text)
        if match is None or _PUNCTUATION_END.search(text) or len(text) > HEAD_WIDTH * width:
            continue
        if 0 <= index + inner < len(lines) and lines[index + inner].blank:
            found.setdefault((edge, _edge_number(match)), index)
    return found


def _numbered_between(lines: list[Line], heads: set[int]) -> set[int]:
    """Where the extract does not show pages: a head-like line (capitals or Title Case, no closing stop)
    standing between two heads numbered ``n - 1`` and ``n + 1`` and carrying ``n`` at its start or end."""
    numbered = [(index, _edge_number(edge)) for index in sorted(heads)
                if (edge := _EDGE_NUMBER.search(lines[index].text)) and not PAGE_NUMBER.match(lines[index].text)]
    found = set()
    for (first, number), (last, following) in zip(numbered, numbered[1:]):
        if following != number + 2:
            continue
        candidates = []
        for index in range(first + 1, last):
            text = lines[index].text
            edge = _EDGE_NUMBER.search(text) if text and index not in heads else None
            if edge and _edge_number(edge) == number + 1 and not _PUNCTUATION_END.search(text) and _head_like(text):
                candidates.append(index)
        if len(candidates) > 1:  # a numbered section title looks alike: keep the one set as the heads are
            capitals = lines[first].text.isupper()
            candidates = [index for index in candidates if lines[index].text.isupper() == capitals]
        if len(candidates) == 1:
            found.add(candidates[0])
    return found


def _head_like(text: str) -> bool:
    """Words set as a head's are: in capitals, or each capitalised (short function words aside)."""
    words = [word for word in re.findall(r"[^\W\d_][\w’'-]*", text) if len(word) > 3]
    return bool(words) and all(word[:1].isupper() for word in words)


HEAD_WIDTH = 0.8  # a head or footer is shorter than the column's lines
_EDGE_NUMBER = re.compile(r"^(?P<first>\d{1,4})\s+\S.*$|^.*\S\s+(?P<last>\d{1,4})$|^(?P<only>\d{1,4})$")
_PUNCTUATION_END = re.compile(r"[.!?:;,]$")
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")


def _edge_number(match: re.Match[str]) -> int:
    return int(match.group("first") or match.group("last") or match.group("only"))


def _page_starts(lines: list[Line]) -> list[int]:
    """Where the extract shows a printed page starting, after its first line (which opens a page anyway)."""
    first = next((index for index, line in enumerate(lines) if line.text), len(lines))
    return [index for index, line in enumerate(lines[first + 1 :], start=first + 1) if line.page_start]


def _pages(lines: list[Line]) -> list[range]:
    """The indices of each printed page's lines, where the extract shows where pages start, or else
    where they end with their numbers alone on a line, counting up (else none)."""
    starts = _page_starts(lines)
    if not starts:
        bare = [index for index, line in enumerate(lines) if PAGE_NUMBER.match(line.text)]
        starts = sorted(index + 1 for index in _counting_numbers(lines, bare) if index + 1 < len(lines))
    if not starts:
        return []
    bounds = [0, *starts, len(lines)]
    return [range(start, end) for start, end in zip(bounds, bounds[1:])]


def _page_edges(lines: list[Line]) -> set[int]:
    """Indices of the first two and last two lines with words on each printed page, where the extract
    shows where pages start; every index where it does not."""
    pages = _pages(lines)
    if not pages:
        return set(range(len(lines)))
    edges: set[int] = set()
    for page in pages:
        worded = [index for index in page if lines[index].text]
        edges.update(worded[:2] + worded[-2:])
    return edges


def column_width(lines: list[Line]) -> int:
    """The width of the text's column: what nine lines in ten with words stay within."""
    widths = sorted(len(line.text) for line in lines if line.text)
    return widths[int(len(widths) * 0.9)] if widths else 80


def _lone_page_numbers(lines: list[Line], heads: set[int]) -> set[int]:
    """Numbers alone on a line that are page numbers: those that count up through the text, and any
    next to a head or footer or ending a page or the text."""
    def apart(index: int) -> bool:
        return index < 0 or index >= len(lines) or index in heads or not lines[index].text or lines[index].page_start

    last_worded = max((index for index, line in enumerate(lines) if line.text), default=-1)

    def ends_page(index: int) -> bool:
        following = next((i for i in range(index + 1, len(lines)) if lines[i].text), None)
        return index == last_worded or (following is not None and lines[following].page_start and apart(index - 1))

    bare = [index for index, line in enumerate(lines) if index not in heads and PAGE_NUMBER.match(line.text)]
    page_numbers = {index for index in bare if index - 1 in heads or index + 1 in heads or ends_page(index)}
    return page_numbers | _counting_numbers(lines, bare)


def _counting_numbers(lines: list[Line], bare: list[int]) -> set[int]:
    """Of the numbers alone on a line (``bare``), those that count up through the text, a line or more
    apart (an axis's labels stand together)."""
    found = set()
    for earlier, later in zip(bare, bare[1:]):
        if 0 < int(lines[later].text) - int(lines[earlier].text) <= 2 and later - earlier > 2:
            found.update((earlier, later))
    return found


def _marker_seen(text: str, label: str, *, strict: bool = False) -> bool:
    """Does ``text`` carry the note marker ``label``: set as a superscript, in brackets, or glued (to a
    word or punctuation; unless ``strict``, also to the end of a number, as in ``1991.1``)?"""
    if label.isdigit() and (label.translate(TO_SUPERSCRIPT) in text or f"[{label}]" in text):
        return True
    if strict:
        glued = re.escape(label)  # after a word or a stop, not inside a number (``2.1``, ``3.5``)
        return re.search(rf"{glued}(?<=[^\s\d–\-/(€$]{glued})(?<!\d[.,]{glued})(?!\d)", text) is not None
    return _glued_number_before(text, label)


def _glued_number_before(text: str, label: str) -> bool:
    """Does ``text`` carry ``label`` glued to a word or punctuation, as a note marker is?"""
    glued = re.escape(label)
    # The label first, the character before it checked behind: a literal start lets the regex engine
    # skip through a long text to each occurrence of the label.
    return re.search(rf"{glued}(?:(?<=[^\s\d–\-/(€$]{glued})(?!\d)|(?<=\d{glued})(?=[\s,.;:)]|$))", text) is not None


class _NoteReader:
    """Reads footnote blocks in the expected label order, with lookahead for skips."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.last_label = 0
        self.notes: list[RawNote] = []
        self.enumerated = False  # in a note area where ``1.`` and ``1)`` open notes

    def plausible_start(self, index: int, flow_text: str, enumerated: bool = False, after: str | None = None) -> bool:
        """Is line ``index`` the start of the next footnote (allowing lost ones)? ``1.`` and ``1)`` count
        in a note area (``enumerated``). ``after``: the line it follows in the notes, where that is not the
        line before it in the extract (a page's head and blank lines stand between)."""
        found = note_start(self.lines[index].text, enumerated=enumerated or self.enumerated)
        if not found:
            return False
        label = found[0]
        if label == "*":
            return not self.notes and "*" in flow_text
        previous = after if after is not None else self.lines[index - 1].text if index else ""
        if found[1][:1].islower() and previous and not _SENTENCE_END.search(previous):
            return False  # ``23 per cent, so…`` under a line left open carries the sentence on
        number = int(label)
        if number == self.last_label + 1:
            return True
        if number <= self.last_label or number > self.last_label + 60:
            return False
        # A skip (the extract lost some notes) only counts when the marker was
        # seen in the body and the expected label does not follow in this block.
        if not _marker_seen(flow_text, label):
            return False
        for later in self.lines[index + 1 : index + 12]:
            if later.page_start or later.blank:
                break
            later_found = note_start(later.text, enumerated=self.enumerated)
            if later_found and later_found[0].isdigit() and self.last_label < int(later_found[0]) < number:
                return False
        return True

    def marker_read(self, index: int, flow_text: str, enumerated: bool = False) -> bool:
        """Was the marker of the note at line ``index`` read, glued to a word, in the text before it? A
        numbered heading (``1 Introduction``) looks like a note but has none."""
        label = note_start(self.lines[index].text, enumerated=enumerated or self.enumerated)[0]
        return label == "*" or _marker_seen(flow_text, label, strict=True)

    def start(self, index: int) -> RawNote:
        label = note_start(self.lines[index].text, enumerated=self.enumerated)[0]
        if label.isdigit():
            self.last_label = int(label)
        note = RawNote(label, [self.lines[index]])
        self.notes.append(note)
        return note


def read_layout(text: str, head_wordings: Sequence[str] = (), notes_heading: str | None = None) -> Layout:
    """Split an extract into running-text items and raw footnotes. ``head_wordings`` and ``notes_heading``
    are what a contributor stated in ``source.yml`` (``reading:``) where the text's evidence is not enough."""
    lines = split_lines(text)
    heads = _running_heads(lines)
    if head_wordings:
        stated = {line_wording(wording) for wording in head_wordings}
        heads |= {index for index, line in enumerate(lines) if line.text and line_wording(line.text) in stated}
    reader = _NoteReader(lines)
    items: list[Item] = []
    running_heads: list[Line] = []
    flow_since_notes: list[str] = []
    expected_letter = 0
    index = 0

    page_opened = False  # furniture stood between pages: the next page's text starts with the next line

    def add(kind: ItemKind, line: Line) -> None:
        nonlocal page_opened
        if kind == "text" and page_opened:
            line = replace(line, page_start=True)
            page_opened = False
        items.append(Item(kind, [line]))
        if kind == "text":
            flow_since_notes.append(line.text)

    width = column_width(lines)
    endnotes_at = _endnotes_start(lines, heads, notes_heading)
    page_starts = [i for i, line in enumerate(lines) if line.page_start]
    first_pages_end = page_starts[1] if len(page_starts) > 1 else min(len(lines), FIRST_PAGE_LINES)
    notes_heading: Line | None = None
    while index < len(lines):
        line = lines[index]
        if index == endnotes_at:
            notes_heading = line
            index = _read_endnotes(lines, index + 1, reader, heads, " ".join(flow_since_notes), running_heads)
            reader.enumerated = False
            continue
        if index in heads:
            if PAGE_NUMBER.match(line.text):
                add("page_number", line)
            else:
                running_heads.append(line)
            page_opened = True
            index += 1
            continue
        # The text read so far, joined only where a footnote block can start.
        flow_text = " ".join(flow_since_notes) if line.separator or line.page_start else ""
        next_index = index + 1
        # A footnote block: after a separator, at a page start, or a page-opening
        # fragment directly followed by the next note.
        opens_block = False
        if line.separator and next_index < len(lines) and reader.plausible_start(next_index, flow_text, enumerated=True):
            reader.enumerated = True  # under the rule: a note area, where ``1.`` and ``1)`` open notes
            index = next_index
            opens_block = True
        elif line.separator and reader.notes and (continued := _continued_note(lines, next_index, reader, flow_text, heads)):
            reader.notes[-1].lines.extend(lines[next_index:continued])  # the last note runs on under this page's rule
            index = continued
            opens_block = True
        elif line.page_start and endnotes_at is None and reader.plausible_start(index, flow_text) and reader.marker_read(index, flow_text):
            opens_block = True
        elif (
            index
            and endnotes_at is None  # a text with endnotes does not also put rule-less notes at page feet
            and lines[index - 1].blank
            and note_start(line.text, enumerated=True)
            and not _section_title(line.text)
            and _runs_to_page_end(lines, index, heads, enumerated=True)
            and reader.plausible_start(index, flow_text := " ".join(flow_since_notes), enumerated=True)
            and reader.marker_read(index, flow_text, enumerated=True)
        ):
            reader.enumerated = True  # footnotes at the foot of the page with no rule above them
            opens_block = True
        elif (
            line.page_start
            and reader.notes
            and next_index < len(lines)
            and not lines[next_index].page_start
            and reader.plausible_start(next_index, flow_text)
            and (next_index + 1 >= len(lines) or lines[next_index + 1].page_start or lines[next_index + 1].blank)
        ):
            reader.notes.append(RawNote("", [line], fragment_of_previous=True))
            index = next_index
            opens_block = True
        if opens_block:
            index = _read_note_block(lines, index, reader, flow_text, heads)
            reader.enumerated = False
            flow_since_notes = [flow_text]
            continue
        # An inline lettered note, in letter order.
        letter_match = LETTERED_NOTE.match(line.text)
        previous = lines[index - 1] if index else None
        if (
            letter_match
            and expected_letter < len(LETTER_ORDER)
            and letter_match.group(1) == LETTER_ORDER[expected_letter]
            and (line.page_start or previous is None or previous.blank)
        ):
            note = RawNote(letter_match.group(1), [line])
            index += 1
            while index < len(lines) and not lines[index].blank and not lines[index].page_start:
                note.lines.append(lines[index])
                index += 1
            reader.notes.append(note)
            expected_letter += 1
            continue
        caption = CAPTION_START.match(line.text)
        if caption:
            kind = "table" if caption.group("kind") == "Table" else "figure"
            caption_end, source_start, end = _float_parts(lines, index, width)
            items.append(Item(kind, lines[index:end], caption=caption_end - index, source=source_start - index))
            index = end
            continue
        if index < first_pages_end and METADATA_LINE.match(line.text):
            add("front", line)  # a title page's apparatus, even where it falls inside the first page's text
            # Keywords or codes broken after a separator carry on on the next line.
            while line.text.endswith((";", ",")) and index + 1 < len(lines) and lines[index + 1].text \
                    and not lines[index + 1].page_start and index + 1 not in heads:
                index += 1
                line = lines[index]
                add("front", line)
        elif index < first_pages_end and METADATA_LABEL.match(line.text):
            add("front", line)  # ``KEYWORDS`` on a line of its own: the line under it is the keywords
            following = next((i for i in range(index + 1, len(lines)) if lines[i].text), None)
            if following is not None:
                add("front", lines[following])
                index = following
        elif BARE_URL.match(line.text):
            add("url", line)
        elif line.blank:
            add("blank", line)
        else:
            add("text", line)
        index += 1

    layout = Layout(items, reader.notes, running_heads=running_heads, notes_heading=notes_heading,
                    page_breaks="form feeds" if "\f" in text else "a space opening each page" if page_starts else "none shown",
                    page_starts=[lines[index].number for index in page_starts])
    _drop_echoed_urls(layout)
    layout.set_aside.update({line.number: "rule above notes" for line in lines if line.separator})
    layout.set_aside.update({line.number: "running head or footer" for line in running_heads})
    layout.set_aside.update({item.first.number: "page number" for item in items if item.kind == "page_number"})
    layout.set_aside.update({line.number: "URL repeating a note's" for line in layout.echoed_urls})
    if notes_heading is not None:
        layout.set_aside[notes_heading.number] = "heading of the notes"
    return layout


def _worded(text: str) -> bool:
    """Words rather than an axis's figures: three words with letters, or words running on in lower case."""
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    return len(words) >= 3 or text[:1].islower()


def _float_parts(lines: list[Line], index: int, width: int) -> tuple[int, int, int]:
    """A figure or table that starts with the caption at ``index``: where its caption ends, where its
    ``Source:`` line starts and where it ends. Between caption and source is what the extractor kept of
    its inside (axis labels, a legend, a table's rows); it ends before any prose, a page break, or a
    blank line that prose follows."""
    def prose(line: Line) -> bool:
        return len(line.text) >= 0.75 * width and not COLUMN_GAP.search(line.text) and not FIGURE_SOURCE.match(line.text)

    position = index + 1
    if not CAPTION_START.sub("", lines[index].text).strip():  # ``Figure 1:`` alone: its title is the next line
        while position < len(lines) and lines[position].blank and not lines[position].page_start:
            position += 1
        position += position < len(lines) and not lines[position].page_start
    while position < len(lines) and len(lines[position - 1].text) >= 0.75 * width and _worded(lines[position].text) \
            and not lines[position].page_start and not prose(lines[position]):
        position += 1  # a caption wrapped onto the next line
    caption_end = end = position
    while position < len(lines) and position - index < 40:
        line = lines[position]
        if line.page_start:
            break
        if FIGURE_SOURCE.match(line.text):
            end = position + 1
            while end < len(lines) and lines[end - 1].text and len(lines[end - 1].text) >= 0.75 * width \
                    and lines[end].text and not lines[end].page_start and not prose(lines[end]):
                end += 1  # a source line wrapped onto the next
            return caption_end, position, end
        if line.blank:
            following = next((line for line in lines[position + 1 :] if line.text or line.page_start), None)
            if following is None or following.page_start or prose(following) or CAPTION_START.match(following.text):
                break
        elif prose(line):
            break
        position += 1
        if not line.blank:
            end = position
    return caption_end, end, end


def _continued_note(lines: list[Line], index: int, reader: _NoteReader, flow_text: str, heads: set[int]) -> int | None:
    """Where the next note starts, when the lines from ``index`` (under a rule) carry on the last note
    before it: a few lines with no label, then the next note in sequence."""
    for position in range(index, min(index + 6, len(lines))):
        line = lines[position]
        if line.blank or line.page_start or position in heads:
            return None
        if position > index and reader.plausible_start(position, flow_text, enumerated=True):
            return position
        if note_start(line.text, enumerated=True):
            return None
    return None


def _endnotes_start(lines: list[Line], heads: set[int], stated: str | None = None) -> int | None:
    """The index of the heading over endnotes (``Notes``, ``Endnotes``…, or the one ``stated``): the last
    such line whose next words open note 1."""
    for index in range(len(lines) - 1, -1, -1):
        heading = lines[index].text
        if index in heads or not (ENDNOTES_HEADING.match(heading) or (stated and line_wording(heading) == line_wording(stated))):
            continue
        following = next((line for i, line in enumerate(lines[index + 1 :], start=index + 1)
                          if line.text and i not in heads), None)
        found = note_start(following.text, enumerated=True) if following else None
        if found and found[0] == "1":
            return index
    return None


def _runs_to_page_end(lines: list[Line], index: int, heads: set[int], enumerated: bool) -> bool:
    """Do the lines from ``index`` run to the end of their page as a block of notes would: note lines,
    with a blank line only before the page's end or before the next note in sequence?"""
    last = note_start(lines[index].text, enumerated=enumerated)[0]
    position = index + 1
    while position < len(lines):
        line = lines[position]
        if position in heads or line.page_start or _opens_page_unseen(line):
            return True
        found = note_start(line.text, enumerated=enumerated) if line.text else None
        if found and _follows(last, found[0]):
            last = found[0]
        if line.blank:
            following = next((i for i in range(position + 1, len(lines)) if lines[i].text or lines[i].page_start), None)
            if following is None or following in heads or lines[following].page_start:
                return True
            found = note_start(lines[following].text, enumerated=enumerated)
            if not found or not _follows(last, found[0]):
                return False
            position = following
            continue
        position += 1
    return True


def _section_title(text: str) -> bool:
    """``3 Councils and Courts``: a number and a few capitalised words with no stop, as a section's title
    is set (a note opens with a sentence)."""
    words = text.split()[1:]
    return 0 < len(words) <= 8 and not _PUNCTUATION_END.search(text) and _head_like(" ".join(words))


def _opens_page_unseen(line: Line) -> bool:
    """Under notes, a list item set in from the margin: the next page's text, its break hidden in the indent."""
    return line.indent >= 2 and list_marker(line.text) is not None


def _follows(label: str, following: str) -> bool:
    return label.isdigit() and following.isdigit() and int(following) == int(label) + 1


def _read_endnotes(lines: list[Line], index: int, reader: _NoteReader, heads: set[int], flow_text: str,
                   running_heads: list[Line]) -> int:
    """Read the notes under the endnotes heading at ``index - 1`` up to the end of the text, or up to a
    heading of the text's own reference list."""
    reader.enumerated = True
    reader.last_label = 0
    note: RawNote | None = None
    while index < len(lines):
        line = lines[index]
        if index in heads:
            running_heads.append(line)
        elif REFERENCES_HEADING.match(line.text):
            break
        elif line.text and reader.plausible_start(index, flow_text, after=note.lines[-1].text if note else None):
            note = reader.start(index)
        elif line.text and note is not None:
            note.lines.append(line)
        index += 1
    return index


def _read_note_block(lines: list[Line], index: int, reader: _NoteReader, flow_text: str, heads: set[int]) -> int:
    """Consume footnotes from ``index`` until the running text resumes or the page ends (a page break,
    its footer or its number)."""
    note = reader.start(index)
    index += 1
    while index < len(lines):
        line = lines[index]
        if line.page_start or index in heads:
            break
        if _opens_page_unseen(line):
            break
        if line.blank:
            # A separator inside a block (e.g. after the author note) keeps it open.
            if line.separator and index + 1 < len(lines) and reader.plausible_start(index + 1, flow_text):
                index += 1
                note = reader.start(index)
                index += 1
                continue
            break
        if reader.plausible_start(index, flow_text):
            note = reader.start(index)
        else:
            note.lines.append(line)
        index += 1
    return index


def _url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/.)")


def _drop_echoed_urls(layout: Layout) -> None:
    """URL lines that repeat a note's URL are extraction echoes; others stay as text."""
    note_urls = set()
    for note in layout.notes:
        for url in re.findall(r"(?:https?://|www\.)[^\s)]+", note.text):
            note_urls.add(_url_key(url))
    kept = []
    for item in layout.items:
        if item.kind == "url":
            if _url_key(item.first.text) in note_urls:
                layout.echoed_urls.append(item.first)
                continue
            item.kind = "text"
        kept.append(item)
    layout.items = kept
