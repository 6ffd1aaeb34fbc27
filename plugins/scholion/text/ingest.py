"""Turn a raw extract into reading-order blocks: headings, paragraphs, lists, figures.

Layout noise is removed by :mod:`scholion.text.layout`; here the remaining lines are
grouped into paragraphs, rejoined across page breaks and note blocks, and
pull quotes (text the designer repeated in large type) are set aside.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from scholion.text.layout import FIGURE_SOURCE, Item, Layout, Line, join_lines, read_layout
from scholion.text.lists import LIST_MARKER
from scholion.text.model import Document
from scholion.problems import Problem
from scholion.text.notes import attach_notes
from scholion.text.sourcemeta import SourceMeta, load_meta
from scholion.text.textio import read_text

TERMINAL = re.compile(r"[.!?][”’\"')\]]*(?:\d{1,3}(?:,\d{1,3})*|[a-d])?$")
NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+\S")
LETTERED_HEADING = re.compile(r"^[a-z]\)\s+[A-Z]")
WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")


@dataclass
class Chunk:
    """Consecutive text lines with no blank line or page break between them."""

    lines: list[Line]
    page_start: bool
    page_number: str = ""  # a printed page number stood just before this chunk

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def width(self) -> int:
        return max(len(t) for t in self.texts)


@dataclass
class Draft:
    """A block under construction: its lines keep their source line numbers."""

    kind: str
    lines: list[Line]
    level: int = 2
    caption: str = ""
    page_marks: list[tuple[int, str]] = field(default_factory=list)  # (line index, page number)


def load_document(source_dir: Path) -> Document:
    """Read ``source.yml`` and ``source.txt`` of one text into a :class:`Document`."""
    slug = source_dir.name
    meta, problems = load_meta(source_dir)
    source_path = source_dir / "source.txt"
    text, text_problems = read_text(source_path)
    problems += text_problems
    if text is not None and not text.strip():
        problems.append(Problem(source_path, 1, "source.txt is empty"))
        text = None
    if meta is None or text is None:
        return Document(slug, {}, [], {}, problems)
    layout = read_layout(text)
    drafts = assemble(layout, meta, source_path, problems)
    vocabulary = {word.lower() for word in WORD.findall(text)}
    document = attach_notes(drafts, layout, meta, source_path, vocabulary)
    document.problems[:0] = problems
    document.stats.update(
        running_heads=len(layout.running_heads),
        echoed_urls=len(layout.echoed_urls),
    )
    return document


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
        elif item.kind == "figure":
            out.append(item)
    return out


def _ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip()))


def _typical_width(chunks: list[Chunk | Item]) -> int:
    widths = [len(t) for c in chunks if isinstance(c, Chunk) for t in c.texts]
    return int(statistics.quantiles(widths, n=10)[8]) if len(widths) >= 10 else max(widths, default=80)


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
    return found


def _normalise(text: str) -> str:
    return " ".join(WORD.findall(text)).lower()  # lower() maps character by character, spaces to spaces


def assemble(layout: Layout, meta: SourceMeta, path: Path, problems: list[Problem]) -> list[Draft]:
    chunks = _chunks(layout.items)
    width = _typical_width(chunks)
    pull_quotes = _pull_quotes(chunks, width)
    drafts: list[Draft] = []
    open_draft: Draft | None = None
    title_words = _normalise(meta.title)
    lost = list(meta.lost_lines)
    # The declared words around each gap, normalised once: (entry number, words, its note).
    ends_before_gap = [(n, _normalise(entry.after), entry.note) for n, entry in enumerate(lost) if entry.after]
    starts_after_gap = [(n, _normalise(entry.before), entry.note) for n, entry in enumerate(lost) if entry.before]
    used_lost: set[int] = set()
    front = True

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
        if isinstance(chunk, Item):  # a figure
            caption_lines = [line for line in chunk.lines if line.text and not FIGURE_SOURCE.match(line.text)]
            source_lines = [line for line in chunk.lines if FIGURE_SOURCE.match(line.text)]
            drafts.append(Draft("figure", source_lines, caption=join_lines([l.text for l in caption_lines])))
            continue
        text = join_lines(chunk.texts)
        if index in pull_quotes:
            drafts.append(Draft("pull_quote", chunk.lines))
            continue
        if front and title_words and _normalise(text) and title_words.startswith(_normalise(text)):
            continue  # the title lines; the page title comes from source.yml
        if front and re.match(r"^By\s+\S", text) and len(chunk.lines) == 1:
            drafts.append(Draft("byline", chunk.lines))
            continue
        front = False
        if _opens_with_heading(chunk, width):
            drafts.append(Draft("heading", chunk.lines[:1]))
            chunk = Chunk(chunk.lines[1:], False)
            text = join_lines(chunk.texts)
            open_draft = None
        note = gap_before(chunk)
        if open_draft is not None and note is None:
            note = gap_after(open_draft)
        if note is not None:
            drafts.append(Draft("gap", [chunk.lines[0]], caption=note))
            open_draft = None
        elif open_draft is not None and chunk.page_start and text[:1].islower() and _ends_sentence(open_draft.lines[-1].text) and not LIST_MARKER.match(text):
            problems.append(
                Problem(path, chunk.lines[0].number, "a page opens mid-sentence after a finished sentence; "
                        "if the extract lost lines here, declare them in source.yml under defects.lost_lines")
            )
        quote = note is None and open_draft is not None and _is_block_quote(chunk, width) and (
            open_draft.kind == "quote" or _introduces_quote(open_draft)
        )
        if note is None and open_draft is not None and not quote and open_draft.kind != "quote" and _continues(open_draft, chunk):
            if chunk.page_number:
                open_draft.page_marks.append((len(open_draft.lines), chunk.page_number))
            open_draft.lines.extend(chunk.lines)
            continue
        if chunk.page_number:
            drafts.append(Draft("page", [chunk.lines[0]], caption=chunk.page_number))
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        kind, level = ("quote", 0) if quote else _classify(chunk, text)
        if kind == "heading" and isinstance(following, Chunk) and following.texts[0][:1].islower():
            kind, level = "paragraph", 0  # the words run on into the next lines: not a title
        draft = Draft(kind, list(chunk.lines), level=level)
        drafts.append(draft)
        open_draft = draft if kind in ("paragraph", "list_item", "quote") else None

    for n, entry in enumerate(lost):
        if n not in used_lost:
            problems.append(
                Problem(meta.file, entry.line, f"declared lost lines ({entry.after or entry.before!r}) not found in the text")
            )
    return drafts


def _opens_with_heading(chunk: Chunk, width: int) -> bool:
    """A short title line set directly above its paragraph with no blank line."""
    if len(chunk.lines) < 2:
        return False
    first, second = chunk.lines[0].text, chunk.lines[1].text
    return (
        len(first) <= 0.5 * width
        and len(first.split()) <= 6
        and first[:1].isupper()
        and second[:1].isupper()
        and not _ends_sentence(first)
        and not first.endswith((",", ";", ":"))
        and not LIST_MARKER.match(first)
    )


def _is_block_quote(chunk: Chunk, width: int) -> bool:
    """Three or more lines set indented: clearly narrower than the column, yet not a narrow
    side column (whose lines are about half as wide)."""
    if len(chunk.lines) < 3 or LIST_MARKER.match(chunk.lines[0].text):
        return False
    widths = [len(text) for text in chunk.texts[:-1]]
    return max(widths) <= 0.88 * width and min(widths) >= 0.7 * width


def _introduces_quote(draft: Draft) -> bool:
    """A quotation set off as a block follows a colon or a sentence left open."""
    last = draft.lines[-1].text.rstrip()
    return last.endswith(":") or not _ends_sentence(last)


def _classify(chunk: Chunk, text: str) -> tuple[str, int]:
    if LIST_MARKER.match(chunk.lines[0].text):
        return "list_item", 0
    short = len(chunk.lines) <= 2 and len(text) <= 150
    if len(chunk.lines) <= 2 and len(text) <= 200 and LETTERED_HEADING.match(text):
        return "heading", 3
    if short and not _ends_sentence(text) and not text.endswith((",", ";", ":")) and (text[:1].isupper() or NUMBERED_HEADING.match(text)):
        return "heading", 2
    return "paragraph", 0


def _continues(draft: Draft, chunk: Chunk) -> bool:
    """Does ``chunk`` carry on the paragraph ``draft`` (across a page break or note block)?"""
    first = chunk.lines[0].text
    if LIST_MARKER.match(first) or LETTERED_HEADING.match(first):
        return False
    last = draft.lines[-1].text
    if not _ends_sentence(last):
        return not _classify(chunk, join_lines(chunk.texts))[0] == "heading" or first[:1].islower()
    if first[:1].islower():
        return True
    if _classify(chunk, join_lines(chunk.texts))[0] == "heading":
        return False
    if chunk.page_start:
        # A sentence that ends flush with the right margin at the foot of a page
        # usually runs on: the printed paragraph ends on a short line.
        block_width = max(len(line.text) for line in draft.lines)
        return len(draft.lines) > 1 and len(last) >= 0.9 * block_width
    return False
