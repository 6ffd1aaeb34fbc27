"""Turn a raw extract into reading-order blocks: headings, paragraphs, lists, figures.

Layout noise is removed by :mod:`scholion.text.layout`; here the remaining lines are
grouped into paragraphs, rejoined across page breaks and note blocks, and
pull quotes (text the designer repeated in large type) are set aside.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from scholion.text.anomalies import anomalies
from scholion.text.audit import unread_lines
from scholion.text.characters import plain_lines
from scholion.text.hyphens import Hyphenation, hyphenated_words
from scholion.text.lists import list_marker, next_label
from scholion.text.tables import table_notes, table_rows
from scholion.text.layout import TO_SUPERSCRIPT, Item, Layout, Line, RawNote, join_lines, line_wording, read_layout
from scholion.text.model import Document, NoteRef
from scholion.problems import Problem
from scholion.text.notes import attach_notes
from scholion.text.printed import printed_page_at
from scholion.text.references import doubtful_openings, read_references, take_reference_lists
from scholion.text.sourcemeta import ReadingHints, SourceMeta, load_meta
from scholion.text.supplements import supply_notes
from scholion.text.textio import read_text

# Punctuation that leaves a sentence open, with the note marker that may follow it.
OPEN_PUNCTUATION = re.compile(r"[,;:][”’\"')\]]*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\s?\[\d{1,3}\])?$")
TRAILING_MARKER = re.compile(r"(?<=[^\W\d_])(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\[\d{1,3}\])$")
RUNNING_ON_FIGURE = re.compile(r"^\d[\d.,]*%?\s+(\w)")  # ``47 per cent``, ``3.5 million`` (not ``2 Results``)
ANNOUNCING = re.compile(r":[”’\"')\]]*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\s?\[\d{1,3}\])?$")
TERMINAL = re.compile(r"[.!?][”’\"')\]]*(?:\d{1,3}(?:,\d{1,3})*|[a-d]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\s?\[\d{1,3}\])?$")
# How many chunks away a pull quote's sentence may stand in the body.
PULL_QUOTE_REACH = 15
# A box or sidebar set in the page: ``Box 1: …``, ``Box 2. …``.
BOX_START = re.compile(r"^(?:Box|Panel|Sidebar|Text box|Case study)\s+\d+(?:\.\d+)?\s*[:.–—-]\s*\S")
# A section number (``2``, ``2.1``, ``2.1.1``, ``3.``) before a heading's words.
NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[A-Z])")
LETTERED_HEADING = re.compile(r"^[a-z]\)\s+[A-Z]")
WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")
SENTENCE_WORD = re.compile(WORD.pattern + r"|[.?!]")


@dataclass
class Chunk:
    """Consecutive text lines with no blank line or page break between them."""

    lines: list[Line]
    page_start: bool
    page_number: str = ""  # a printed page number stood just before this chunk

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


@dataclass
class Draft:
    """A block under construction: its lines keep their source line numbers."""

    kind: str
    lines: list[Line]
    level: int = 2
    caption: str = ""
    label: str = ""  # list items: the printed enumerator
    depth: int = 1  # list items: nesting
    rows: list[list[str]] = field(default_factory=list)  # tables
    row_lines: list[Line] = field(default_factory=list)  # tables: the lines its rows were read from
    notes: list[RawNote] = field(default_factory=list)  # tables: the lettered notes printed under it
    content: list[str] = field(default_factory=list)  # figures: the words kept from inside the image
    page_marks: list[tuple[int, str]] = field(default_factory=list)  # (line index, page number)
    read_from: list[Line] = field(default_factory=list)  # lines read into it besides ``lines`` (a caption's)

    @property
    def source_lines(self) -> tuple[int, ...]:
        return tuple(sorted({line.number for line in [*self.lines, *self.read_from]}))


def load_document(source_dir: Path) -> Document:
    """Read ``source.yml`` and ``source.txt`` of one text into a :class:`Document`."""
    slug = source_dir.name
    meta, problems = load_meta(source_dir)
    source_path = source_dir / "source.txt"
    text, text_problems = read_text(source_path)
    problems += text_problems
    if text is not None:
        text, character_problems = plain_lines(text, source_path)
        problems += character_problems
    if text is not None and not text.strip():
        problems.append(Problem(source_path, 1, "source.txt is empty"))
        text = None
    if meta is None or text is None:
        return Document(slug, {}, [], {}, problems)
    hints = meta.reading
    layout = read_layout(text, [wording for wording, _ in hints.running_heads],
                         hints.notes_heading[0] if hints.notes_heading else None)
    problems += _unused_hints(hints, layout, meta.file)
    take_reference_lists(layout)
    set_aside = dict(layout.set_aside)
    drafts = assemble(layout, meta, source_path, problems, set_aside)
    hyphenation = _hyphenation(text, layout)
    document = attach_notes(drafts, layout, meta, source_path, hyphenation)
    problems += supply_notes(document.notes, source_dir)
    document.references = read_references(layout.references, hyphenation)
    problems += [Problem(source_path, line.number, f"a reference-list entry opens as no entry does ({line.text[:40]!r}): "
                         "is it part of the entry before, or was the list's layout misread?", "text.doubtful-reference")
                 for line in doubtful_openings(layout.references)]
    document.set_aside = set_aside
    # Form feeds say where pages start; a space opening a line is only the reader's guess that one does.
    document.page_starts = layout.page_starts if layout.page_breaks == "form feeds" else []
    document.page_numbers = _printed_numbers(layout)
    lines = dict(enumerate(text.split("\n"), start=1))
    document.layout = layout_found(lines, layout, document)
    problems += unread_lines(document, text, source_path)
    problems += anomalies(document, lines, source_path)
    document.problems[:0] = problems
    supplied = sum(1 for note in document.notes.values() if note.status == "supplied")
    document.stats.update(
        notes_missing=document.stats["notes_missing"] - supplied,
        notes_supplied=supplied,
        running_heads=len(layout.running_heads),
        echoed_urls=len(layout.echoed_urls),
    )
    return document


def _hyphenation(text: str, layout: Layout) -> Hyphenation:
    """How line-end hyphens are read in this text: from its own words, whole and hyphenated."""
    lines = [line.text for item in layout.items for line in item.lines]
    lines += [line.text for entry in layout.references for line in entry]
    return Hyphenation({word.lower() for word in WORD.findall(text)}, hyphenated_words(" ".join(lines)))


def _unused_hints(hints: ReadingHints, layout: Layout, path: Path) -> list[Problem]:
    """A stated reading hint that matched nothing in the text is an error at its line in source.yml."""
    problems = []
    found_heads = {line_wording(line.text) for line in layout.running_heads}
    for wording, line in hints.running_heads:
        if line_wording(wording) not in found_heads:
            problems.append(Problem(path, line, f"reading.running_heads: no line of source.txt reads {wording!r}",
                                    "source-meta.hint-unmatched"))
    if hints.notes_heading and layout.notes_heading is None:
        wording, line = hints.notes_heading
        problems.append(Problem(path, line, f"reading.notes_heading: no line of source.txt reads {wording!r} with "
                                "note 1 under it", "source-meta.hint-unmatched"))
    return problems


def layout_found(lines: dict[int, str], layout: Layout, document: Document) -> dict[str, str]:
    """What the reader found in an extract (``lines`` by number), in words, for the build summary."""
    roles = set(layout.set_aside.values())
    markers = [part for block in document.blocks for part in block.inlines if isinstance(part, NoteRef)]

    def marker_style(ref: NoteRef) -> str:
        if not ref.label.isdigit():
            return "lettered" if ref.label.isalpha() else "asterisk"
        line = lines.get(ref.line, "")
        if ref.label.translate(TO_SUPERSCRIPT) in line:
            return "superscript"
        return "bracketed" if f"[{ref.label}]" in line else "glued"

    styles = sorted({marker_style(ref) for ref in markers})
    return {
        "page breaks": layout.page_breaks,
        "heads and footers": f"{len(layout.running_heads)} lines" if layout.running_heads else "none",
        "page numbers": "yes" if "page number" in roles else "none",
        "notes": "endnotes" if layout.notes_heading is not None else ("footnotes" if layout.notes else "none"),
        "markers": ", ".join(styles) or "none",
    }


def _chunks(items: list[Item]) -> list[Chunk | Item]:
    """Group text lines into chunks; keep figures as they are; fold page numbers in."""
    out: list[Chunk | Item] = []
    current: Chunk | None = None
    pending_page = ""
    for item in items:
        if item.kind == "text":
            line = item.first
            if current is None or line.page_start:
                current = Chunk([line], line.page_start or bool(pending_page), pending_page)
                pending_page = ""
                out.append(current)
            else:
                current.lines.append(line)
            continue
        current = None
        if item.kind == "page_number":
            pending_page = item.first.text
        elif item.kind in ("figure", "table", "front"):
            out.append(item)
    return out


# Headings that open the body of a paper, report or brief.
BODY_OPENERS = re.compile(
    r"^(?:abstract|summary|executive summary|introduction|key (?:messages|points|findings|recommendations)|"
    r"highlights|overview|background|foreword|preface)\b", re.I)
# Words a line of prose may break after, which no name, title or date ends with.
_RUNNING_ON = {"the", "of", "and", "to", "a", "an", "in", "for", "with", "on", "at", "by", "from", "that", "as", "is",
               "are", "was", "were", "be", "or", "but", "which", "who", "its", "their", "this", "these", "within",
               "under", "into", "over", "between", "after", "before", "about", "than", "without", "across", "through",
               "upon", "among", "towards", "toward", "while", "when", "where", "if", "because", "not", "has", "have",
               "had", "will", "would", "can", "could", "should", "may", "might", "must", "each", "every", "some",
               "most", "any", "all", "no", "such", "both", "whose", "whether", "although", "since", "until", "per"}
CONTENTS_HEADING = re.compile(r"^(?:(?:table of )?contents)$", re.I)
CONTENTS_ENTRY = re.compile(r"^\S.*?(?:\s*\.{3,}\s*|\s{2,})\d{1,3}$")


def _first_heading(chunk: Chunk | Item, meta: SourceMeta) -> bool:
    """Is the title-page line standing alone just before the body the body's first heading: a Title Case
    line without figures that names no author, affiliation or publisher of the text?"""
    if not isinstance(chunk, Chunk) or len(chunk.lines) != 1:
        return False
    text = chunk.lines[0].text
    named = [*meta.authors, *(str(value) for value in meta.fields.values())]
    return (_title_case(text) and not re.search(r"\d", text) and len(text.split()) <= 8
            and not any(_normalise(name) and _normalise(name) in _normalise(text) for name in named))


def _starts_body(chunk: Chunk, width: int) -> bool:
    """Does the body start with this chunk (ending the title page): a heading that opens a text's body,
    a numbered first section, or prose (a line wrapped at the column's width, or a finished sentence)?"""
    first = chunk.lines[0].text
    if CONTENTS_HEADING.match(first) or CONTENTS_ENTRY.match(first):
        return False
    if BODY_OPENERS.match(first) or re.match(r"^1\.?\s+[A-Z]", first):
        return True
    if list_marker(first):
        return True
    last = chunk.lines[-1].text
    # A long first line that runs on into the next, or into a paragraph that ends a clause: prose. A title
    # page's lines can be as long, but each stands alone.
    wrapped = len(chunk.lines) >= 2 and len(first) >= 0.75 * width and (
        chunk.lines[1].text[:1].islower() or _ends_clause(last))
    # Names, affiliations, titles and dates end in no stop, and not in the middle of a phrase.
    return wrapped or _ends_clause(last) or _breaks_mid_phrase(last)


def _breaks_mid_phrase(text: str) -> bool:
    """Does ``text`` stop on a word that a phrase never ends with (``the``, ``of``, ``in``)?"""
    words = text.split()
    return bool(words) and TRAILING_MARKER.sub("", words[-1]).lower() in _RUNNING_ON  # ``in2``: ``in`` and marker 2


def _split(chunk: Chunk, width: int, column: int | None) -> list[Chunk]:
    """A chunk cut where a list item starts, where a list item's last line ends short and plain text
    follows, and where a numbered heading stands between two paragraphs' lines."""
    parts = [Chunk([chunk.lines[0]], chunk.page_start, chunk.page_number)]
    in_item = _starts_item(chunk.lines, 0)
    for position, (previous, line) in enumerate(zip(chunk.lines, chunk.lines[1:]), start=1):
        starts_item = _starts_item(chunk.lines, position)
        # An item ends where plain text follows its finished last line: a short one, or its only line.
        item_ended = in_item and not starts_item and line.indent <= previous.indent and not line.text[:1].islower() and (
            _ends_clause(previous.text) and (len(previous.text) < 0.8 * width or list_marker(previous.text)))
        heading = NUMBERED_HEADING.match(line.text) and _ends_sentence(previous.text) and not starts_item
        # A sentence ends a line well short of the column, and a new sentence starts the next line: paragraphs
        # with no blank line between (where a page break the extract does not show fell). Proportional type
        # makes lines of one column differ in characters, so only a line much shorter tells.
        paragraph_ended = (not in_item and column is not None and _ends_sentence(previous.text) and line.text[:1].isupper()
                           and len(previous.text) < 0.6 * column)
        # …and a section's title set there, between a finished sentence and its own first line, or the
        # blank line under it (the page break fell before it).
        last = position + 1 == len(chunk.lines)
        following = "" if last else chunk.lines[position + 1].text
        titled = (_ends_sentence(previous.text) and _title_case(line.text) and len(line.text) < 0.6 * width
                  and not OPEN_PUNCTUATION.search(line.text) and not _ends_sentence(line.text)
                  and (last or following[:1].isupper()))
        if starts_item or item_ended or heading or paragraph_ended or titled:
            parts.append(Chunk([line], False))
            in_item = starts_item
        else:
            parts[-1].lines.append(line)
    return parts


def _starts_item(lines: list[Line], position: int) -> bool:
    """Does line ``position`` open a list item? An enumerated one must not be a run-in enumeration, whose
    next enumerator follows inside a line (``…: (1) the Minsk agreement…; (2) relations with…``)."""
    marker = list_marker(lines[position].text)
    if marker is None or not marker.label:
        return marker is not None
    following = next_label(marker.label)
    if following is None:
        return True
    for line in lines[position:]:
        found = line.text.find(following, marker.length if line is lines[position] else 1)
        if found > 0 and line.text[found - 1] == " ":
            return False
        if list_marker(line.text) and line is not lines[position]:
            break
    return True


def _ends_clause(text: str) -> bool:
    return _ends_sentence(text) or (OPEN_PUNCTUATION.search(text.rstrip()) is not None and not text.rstrip().endswith(","))


def _announces(text: str) -> bool:
    """Does ``text`` end in a colon (a note's marker may follow it), announcing a list or a quotation?"""
    return bool(ANNOUNCING.search(text.rstrip()))


def _ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip()))


def _typical_width(chunks: list[Chunk | Item]) -> int:
    widths = [len(t) for c in chunks if isinstance(c, Chunk) for t in c.texts]
    return int(statistics.quantiles(widths, n=10)[8]) if len(widths) >= 10 else max(widths, default=80)


def _measured_width(chunks: list[Chunk | Item]) -> int | None:
    """The column's width where wrapped lines show it: lines whose sentence runs on on the next (in lower
    case, or after a word no phrase ends with, ``… budgets in`` / ``2019.``), or two lines in a row of a
    block, before its last, within a tenth of each other (set in one column, a paragraph's lines differ
    by a few characters, even where each happens to end a sentence). A text of one-line paragraphs
    under titles shows none."""
    wrapped = [len(text) for chunk in chunks if isinstance(chunk, Chunk)
               for text, following in zip(chunk.texts, chunk.texts[1:])
               if following[:1].islower() or _breaks_mid_phrase(text)]
    wrapped += [max(len(text), len(following)) for chunk in chunks if isinstance(chunk, Chunk)
                for text, following in zip(chunk.texts[:-2], chunk.texts[1:-1])
                if min(len(text), len(following)) >= 0.9 * max(len(text), len(following))]
    return max(wrapped) if wrapped else None


def _stems(text: str) -> list[str]:
    return [w.lower()[:5] for w in WORD.findall(text) if len(w) >= 4]


def _pull_quotes(chunks: list[Chunk | Item], width: int) -> set[int]:
    """Indices of chunks that are pull quotes.

    A pull quote closes a printed page, is set in a narrow column, and repeats
    (near enough) words of the body around it. All three must hold.
    """
    found: set[int] = set()
    narrow = lambda c: isinstance(c, Chunk) and max(len(t) for t in c.texts) <= width * 0.5  # noqa: E731
    for index, chunk in enumerate(chunks):
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        page_end = following is None or (isinstance(following, Chunk) and following.page_start)
        if not page_end or not narrow(chunk):
            continue
        group = [index]
        # Extend backwards only while the quote runs on (the earlier piece does not end a sentence).
        while (
            group[0] > 0
            and narrow(chunks[group[0] - 1])
            and not chunks[group[0]].page_start
            and not _ends_sentence(chunks[group[0] - 1].texts[-1])
        ):
            group.insert(0, group[0] - 1)
        if not _starts_a_sentence(chunks[group[0]].texts[0]):
            continue  # a paragraph's last piece, carried over to a new page
        if sum(len(chunks[i].texts) for i in group) < 2 or not _ends_sentence(chunks[group[-1]].texts[-1]):
            continue  # one short line is as likely a short paragraph: only its exact repetition tells (below)
        if _title_case(chunks[group[0]].texts[0]) or any(list_marker(chunks[i].texts[0]) for i in group):
            continue  # a section's title and its first short paragraph; a list
        quote = " ".join(" ".join(chunks[i].texts) for i in group)
        quote_stems = _stems(quote)
        if len(quote_stems) < 4:
            continue
        body = " ".join(
            " ".join(c.texts) for j, c in enumerate(chunks) if isinstance(c, Chunk) and j not in group and abs(j - index) <= 12
        )
        body_stems = set(_stems(body))
        share = sum(stem in body_stems for stem in quote_stems) / len(quote_stems)
        if share >= 0.75:
            found.update(group)
    return found | _repeated_sentences(chunks)


def _repeated_sentences(chunks: list[Chunk | Item]) -> set[int]:
    """Indices of short chunks whose words stand again, whole, in a longer chunk nearby: a pull quote
    set anywhere on the page (the body keeps the sentence; the repetition is the designer's). Whole
    words and sentences: a short paragraph whose sentence only begins like a longer one is not one."""
    texts = [_sentence_words(" ".join(chunk.texts)) if isinstance(chunk, Chunk) else "" for chunk in chunks]
    found = set()
    for index, chunk in enumerate(chunks):
        if not isinstance(chunk, Chunk) or len(chunk.lines) > 4 or len(WORD.findall(texts[index])) < 6:
            continue
        if not _starts_a_sentence(chunk.texts[0]):
            continue  # a sentence set apart starts as one; a paragraph's next piece does not
        nearby = range(max(0, index - PULL_QUOTE_REACH), min(len(chunks), index + PULL_QUOTE_REACH + 1))
        if any(other != index and len(texts[other]) > len(texts[index]) and texts[index] in texts[other] for other in nearby):
            found.add(index)
    return found


def _sentence_words(text: str) -> str:
    """``text``'s words in lower case and the marks that end its sentences, each between spaces."""
    return f" {' '.join(SENTENCE_WORD.findall(text)).lower()} "


def _starts_a_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1] in "“‘\"'"


def _normalise(text: str) -> str:
    return " ".join(WORD.findall(text)).lower()  # lower() maps character by character, spaces to spaces


def _printed_numbers(layout: Layout) -> dict[int, str]:
    """The page numbers printed alone on a line, by line."""
    return {item.first.number: item.first.text for item in layout.items if item.kind == "page_number"}


def _page_marks(layout: Layout) -> Callable[[Chunk], str]:
    """The number a page mark before ``chunk`` shows: the page's that begins there. Where form feeds show
    the pages, that is the number of the page the chunk is on, whether it was printed at its head or at
    the foot of the page before (and none where the extract does not show it); elsewhere, the number
    that stood just before the chunk."""
    if layout.page_breaks != "form feeds":
        return lambda chunk: chunk.page_number
    printed_at = printed_page_at(layout.page_starts, _printed_numbers(layout))
    return lambda chunk: (printed_at(chunk.lines[0].number) or "") if chunk.page_number else ""


def assemble(layout: Layout, meta: SourceMeta, path: Path, problems: list[Problem],
             set_aside: dict[int, str]) -> list[Draft]:
    chunks = _chunks(layout.items)
    page_mark = _page_marks(layout)
    width = _typical_width(chunks)
    column = _measured_width(chunks)
    chunks = [part for chunk in chunks for part in (_split(chunk, width, column) if isinstance(chunk, Chunk) else [chunk])]
    pull_quotes = _pull_quotes(chunks, width)
    drafts: list[Draft] = []
    open_draft: Draft | None = None
    title_words = _normalise(meta.title)
    title_seen = False  # the whole title stood in a chunk already (a section's title may begin like it)
    lost = list(meta.lost_lines)
    # The declared words around each gap, normalised once: (entry number, words, its note).
    ends_before_gap = [(n, _normalise(entry.after), entry.note) for n, entry in enumerate(lost) if entry.after]
    starts_after_gap = [(n, _normalise(entry.before), entry.note) for n, entry in enumerate(lost) if entry.before]
    used_lost: set[int] = set()
    front = True
    body_starts = _normalise(meta.reading.body_starts[0]) if meta.reading.body_starts else None

    def gap_after(draft: Draft) -> str | None:
        if not ends_before_gap:
            return None
        text = _normalise(" ".join(line.text for line in draft.lines))
        for n, words, note in ends_before_gap:
            if text.endswith(words):
                used_lost.add(n)
                return note
        return None

    def gap_before(chunk: Chunk) -> str | None:
        if not starts_after_gap:
            return None
        text = _normalise(" ".join(chunk.texts))
        for n, words, note in starts_after_gap:
            if text.startswith(words):
                used_lost.add(n)
                return note
        return None

    for index, chunk in enumerate(chunks):
        if isinstance(chunk, Item) and chunk.kind == "front":
            drafts.append(Draft("front", chunk.lines))
            continue
        if isinstance(chunk, Item):  # a figure or a table
            caption = join_lines([line.text for line in chunk.lines[: chunk.caption]])
            inside = [line for line in chunk.lines[chunk.caption : chunk.source] if line.text]
            source = chunk.lines[chunk.source :]
            if chunk.kind == "table":
                notes = table_notes([line.text for line in inside])
                rows = inside[: len(inside) - notes]
                note_lines = inside[len(rows):]
                drafts.append(Draft("table", source, caption=caption, rows=table_rows([line.text for line in rows]),
                                    read_from=[line for line in chunk.lines if line not in note_lines],
                                    notes=[RawNote(line.text[0], [line]) for line in note_lines], row_lines=rows))
            else:
                drafts.append(Draft("figure", source, caption=caption, content=[line.text for line in inside],
                                    read_from=chunk.lines))
            continue
        text = join_lines(chunk.texts)
        if index in pull_quotes:
            drafts.append(Draft("pull_quote", chunk.lines))
            continue
        if BOX_START.match(chunk.lines[0].text):  # a box: set apart, and the paragraph it interrupts runs on after it
            drafts.append(Draft("aside", chunk.lines[1:] or chunk.lines[:1], caption=chunk.lines[0].text if len(chunk.lines) > 1 else "",
                                read_from=chunk.lines[:1]))
            continue
        numbered_apart = text[:1].isdigit() and not meta.title[:1].isdigit()  # ``1 Northern Offices`` is a section's
        if front and title_words and _normalise(text) and title_words.startswith(_normalise(text)) and not numbered_apart \
                and not title_seen:
            set_aside.update((line.number, "title (the page's title comes from source.yml)") for line in chunk.lines)
            continue
        title_seen = title_seen or bool(title_words) and title_words in _normalise(text)  # later lines are not it
        if front and re.match(r"^By\s+\S", text) and len(chunk.lines) == 1:
            drafts.append(Draft("byline", chunk.lines))
            continue
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        runs_on = _runs_on(following)  # the sentence goes on there
        if front and body_starts is not None:  # the contributor said where the body starts
            starts = _normalise(text).startswith(body_starts)
        else:
            starts = runs_on or _starts_body(chunk, width)
        if front and not starts:
            drafts.extend(Draft("front", [line]) for line in chunk.lines)  # a title page: journal, authors, dates
            continue
        if front and body_starts is None and drafts and drafts[-1].kind == "front" and _first_heading(chunks[index - 1], meta):
            drafts[-1] = Draft("heading", drafts[-1].lines, level=heading_level(drafts[-1].lines[0].text))
        front = False
        if _opens_with_heading(chunk, width):
            drafts.append(Draft("heading", chunk.lines[:1], level=heading_level(chunk.lines[0].text)))
            chunk = Chunk(chunk.lines[1:], False)
            text = join_lines(chunk.texts)
            open_draft = None
        note = gap_before(chunk)
        if open_draft is not None and note is None:
            note = gap_after(open_draft)
        if note is not None:
            drafts.append(Draft("gap", [chunk.lines[0]], caption=note))
            open_draft = None
        elif open_draft is not None and chunk.page_start and _runs_on(chunk) and _ends_sentence(open_draft.lines[-1].text):
            problems.append(
                Problem(path, chunk.lines[0].number, "a page opens mid-sentence after a finished sentence; "
                        "if the extract lost lines here, declare them in source.yml under defects.lost_lines")
            )
        quote = note is None and open_draft is not None and open_draft.kind != "list_item" and _is_block_quote(
            _with_next_page(chunk, following), width,
            announced=open_draft if _announces(open_draft.lines[-1].text) else None,
            after_quote=open_draft.kind == "quote") and (
            open_draft.kind == "quote" or _introduces_quote(open_draft) and _set_off(open_draft, chunk, width)
        )  # a list item's indented lines are its own, hanging
        # A quotation runs on across a page break as a paragraph does; within a page, what follows it is its own.
        runs_on_quote = open_draft is not None and open_draft.kind == "quote" and chunk.page_start
        mark = page_mark(chunk)
        if note is None and open_draft is not None and (runs_on_quote or not quote and open_draft.kind != "quote") \
                and _continues(open_draft, chunk, column):
            if mark:
                open_draft.page_marks.append((len(open_draft.lines), mark))
            open_draft.lines.extend(chunk.lines)
            continue
        if mark:
            drafts.append(Draft("page", [chunk.lines[0]], caption=mark))
        kind, level = ("quote", 0) if quote else _classify(chunk, text)
        if kind == "heading" and LETTERED_HEADING.match(text) and _lettered_item(chunk, drafts, following):
            kind, level = "list_item", 0
        elif kind == "heading" and runs_on:
            kind, level = "paragraph", 0  # the words run on into the next lines: not a title
        draft = Draft(kind, list(chunk.lines), level=level)
        drafts.append(draft)
        open_draft = draft if kind in ("paragraph", "list_item", "quote") else None

    if front and meta.reading.body_starts:
        wording, line = meta.reading.body_starts
        problems.append(Problem(meta.file, line, f"reading.body_starts: no paragraph of source.txt starts with {wording!r}",
                                "source-meta.hint-unmatched"))
    _set_list_items(drafts)
    for n, entry in enumerate(lost):
        if n not in used_lost:
            problems.append(
                Problem(meta.file, entry.line, f"declared lost lines ({entry.after or entry.before!r}) not found in the text")
            )
    return drafts


def _set_list_items(drafts: list[Draft]) -> None:
    """Each list item's printed enumerator as its label, its marker off its words, and its depth: a
    deeper item is set in further than the first item of its list."""
    top_indent = None
    for draft in drafts:
        if draft.kind != "list_item":
            if draft.kind not in ("page", "pull_quote", "figure"):
                top_indent = None
            continue
        first = draft.lines[0]
        marker = list_marker(first.text)
        draft.label = marker.label
        draft.lines[0] = replace(first, text=first.text[marker.length :].lstrip())
        if top_indent is None or first.indent < top_indent:
            top_indent = first.indent
        draft.depth = 2 if first.indent > top_indent else 1


def _opens_with_heading(chunk: Chunk, width: int) -> bool:
    """A short title line set directly above its paragraph with no blank line."""
    if len(chunk.lines) < 2:
        return False
    first, second = chunk.lines[0].text, chunk.lines[1].text
    numbered = NUMBERED_HEADING.match(first)
    title_case = _title_case(first)
    return (
        (len(first) <= 0.5 * width or (title_case and (numbered or len(first) < len(second))))
        and len(first.split()) <= (8 if numbered or title_case else 6)
        and (first[:1].isupper() or numbered is not None)
        and second[:1].isupper()
        and not _ends_sentence(first)
        and not OPEN_PUNCTUATION.search(first)
        and not list_marker(first)
    )


def _title_case(text: str) -> bool:
    """Are the words of ``text`` capitalised as a title's are (short function words aside)?"""
    words = [word for word in re.findall(r"[^\W\d_][\w’'-]*", text) if len(word) > 3]
    return len(words) >= 2 and sum(word[:1].isupper() for word in words) >= 0.8 * len(words)


def _is_block_quote(chunk: Chunk, width: int, announced: Draft | None = None, after_quote: bool = False) -> bool:
    """Lines set in from the margin (where the extract keeps indents), or three or more lines clearly
    narrower than the column, yet not a narrow side column (whose lines are about half as wide).
    After a colon that announces it (the paragraph ``announced``), a quotation set only a little
    narrower than the column is one too, as is one whose every line is shorter than every full line
    of the paragraph announcing it (its margins lost, but not its measure). Right ``after_quote``, a
    quotation set a little narrower is one too: where many lines are quoted, the typical width that
    stands for the column is itself a little narrow."""
    if list_marker(chunk.lines[0].text):
        return False
    if all(line.indent >= 2 for line in chunk.lines):
        return True
    if len(chunk.lines) < 3:
        return False
    widths = [len(text) for text in chunk.texts[:-1]]
    if min(widths) < 0.7 * width:
        return False
    announcing = [len(line.text) for line in announced.lines[:-1]] if announced is not None else []
    if len(announcing) >= 2 and max(widths) < min(announcing):
        return True
    if all(len(text) + 1 + len(following.split()[0]) > width
           for text, following in zip(chunk.texts, chunk.texts[1:]) if following.split()):
        return False  # each line broke where the next word would not fit the column: full lines, however ragged
    return max(widths) <= (0.92 if announced is not None or after_quote else 0.88) * width


def _with_next_page(chunk: Chunk, following: Chunk | Item | None) -> Chunk:
    """``chunk`` with the lines that carry its last sentence on at the top of the next page: a quotation's
    first lines at a page foot are too few to show its measure alone."""
    if isinstance(following, Chunk) and following.page_start and not _ends_sentence(chunk.texts[-1]):
        return Chunk(chunk.lines + following.lines, chunk.page_start)
    return chunk


def _set_off(draft: Draft, chunk: Chunk, width: int) -> bool:
    """Is ``chunk`` set off from the paragraph before it? Lines that carry its sentence on, set in as far,
    are its own (across a page break too) when its lines are no wider than a quotation's (it is one, read
    without the words announcing it), unless its last line stopped well short, as before a quotation."""
    if not _runs_on(chunk):
        return True
    last = draft.lines[-1]
    measure = max(len(line.text) for line in draft.lines)
    return last.indent != chunk.lines[0].indent or len(last.text) < 0.7 * width or measure > 0.88 * width


def _introduces_quote(draft: Draft) -> bool:
    """A quotation set off as a block follows a colon or a sentence left open."""
    last = draft.lines[-1].text.rstrip()
    return _announces(last) or not _ends_sentence(last)


def _runs_on(chunk: Chunk | Item | None) -> bool:
    """Does ``chunk`` carry on a sentence: does it open in lower case (perhaps after a figure, ``47 per
    cent``), and not with a list's enumerator?"""
    if not isinstance(chunk, Chunk) or list_marker(chunk.texts[0]):
        return False
    opening = RUNNING_ON_FIGURE.match(chunk.texts[0])
    return chunk.texts[0][:1].islower() or (opening is not None and opening.group(1).islower())


def _lettered_item(chunk: Chunk, drafts: list[Draft], following: Chunk | Item | None) -> bool:
    """Is the lettered line ``a) The …`` an item of a list rather than a subsection's title: announced
    by a colon, the next letter after an item of the list it ends (its own items may nest between),
    or directly followed by the next letter, where a title would have its paragraph?"""
    label = list_marker(chunk.texts[0]).label
    before = next((draft for draft in reversed(drafts) if draft.kind != "page"), None)
    if before is not None and _announces(before.lines[-1].text):
        return True
    for draft in reversed(drafts):
        if draft.kind == "page":
            continue
        if draft.kind != "list_item":
            break
        marker = list_marker(draft.lines[0].text)
        if marker is not None and marker.label and next_label(marker.label) == label:
            return True
    following_label = next_label(label)
    return isinstance(following, Chunk) and following_label is not None and following.texts[0].startswith(following_label + " ")


def _classify(chunk: Chunk, text: str) -> tuple[str, int]:
    if len(chunk.lines) <= 2 and len(text) <= 200 and LETTERED_HEADING.match(text):
        return "heading", 3  # ``a) The EU and Russia…``: a lettered subsection, where list items run on in lower case
    if list_marker(chunk.lines[0].text):
        return "list_item", 0
    short = len(chunk.lines) <= 2 and len(text) <= 150
    numbered = NUMBERED_HEADING.match(text)
    if short and not _ends_sentence(text) and not OPEN_PUNCTUATION.search(text) and (
            numbered or (text[:1].isupper() and not _breaks_mid_phrase(text))):
        return "heading", heading_level(text)
    return "paragraph", 0


def heading_level(text: str) -> int:
    """2 for a section, 3 for a subsection (``2.1``), 4 below (``2.1.1``); 2 when unnumbered."""
    numbered = NUMBERED_HEADING.match(text)
    return min(2 + numbered.group("number").count("."), 4) if numbered else 2


def _continues(draft: Draft, chunk: Chunk, column: int | None) -> bool:
    """Does ``chunk`` carry on the paragraph ``draft`` (across a page break or note block)?"""
    first = chunk.lines[0].text
    if list_marker(first) or LETTERED_HEADING.match(first):
        return False
    last = draft.lines[-1].text
    if draft.kind == "list_item" and chunk.page_start:
        # List items often end without a stop: only words that cannot start an item, or an item broken
        # mid-phrase, run on.
        if first[:1].islower():
            return True
        open_item = not _ends_clause(last) and not NUMBERED_HEADING.match(first)
        return open_item and (not first[:1].isupper() or _breaks_mid_phrase(last))
    if not _ends_sentence(last):
        if _announces(last) and first[:1].isupper() and not (chunk.page_start and _full_last_line(draft, column)):
            return False  # what a colon announced, set apart by a blank line or a short last line: its own paragraph
        return not _classify(chunk, join_lines(chunk.texts))[0] == "heading" or first[:1].islower()
    if first[:1].islower():
        return True
    if _classify(chunk, join_lines(chunk.texts))[0] == "heading":
        return False
    return chunk.page_start and _full_last_line(draft, column)


def _full_last_line(draft: Draft, column: int | None) -> bool:
    """Does the draft's last line run to the right margin? A sentence that ends flush with it at the foot
    of a page usually runs on: the printed paragraph ends on a short line. A paragraph of one line is
    measured by the column."""
    last = draft.lines[-1].text
    if len(draft.lines) == 1:
        return column is not None and len(last) >= 0.9 * column
    return len(last) >= 0.9 * max(len(line.text) for line in draft.lines)
