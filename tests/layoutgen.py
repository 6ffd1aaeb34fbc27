"""Structured documents rendered into PDF-extract text under randomly chosen layouts.

The generator test (``test_reading_generated.py``) draws a small structured :class:`Doc`
(title, authors, numbered or unnumbered sections at levels 2–3, paragraphs, lists, footnotes
attached after words), renders it here into the text an extractor would give for one
:class:`Layout`, feeds that to the reader, and expects the structure back whole. Every
expectation comes from the :class:`Doc` (:func:`expected`), never from the reader.

Layout dimensions (all drawn by :func:`cases`; :meth:`Layout.describe` names them):

``width``
    line width, 60–95 characters; words are wrapped greedily (a word never overruns the width).
``page_lines``
    page length: body lines per page, chosen so that the tiny document fills 2–4 pages, and never
    fewer than 8 (a printed page holds more). A page is longer by its footnotes and furniture.
``hyphenate``
    line-end hyphenation on or off. Soft: a long word split at a syllable (``adminis-`` /
    ``tration``), only for the fixed :data:`LONG_WORDS` or for a word that the document also
    uses whole elsewhere (it stays whole at least once); expected text has the word whole.
    A word that carries a marker is never split.
    Compound: a word with a real hyphen broken after it (``low-`` / ``income``); expected text
    keeps ``low-income``. The compounds' solid forms (``lowincome``) are in no word list.
``page_break``
    how a page ends: ``formfeed`` (pdftotext: each page ends with a line break and U+000C, so
    the next page's first line opens with it; the text ends with one), ``leading-space`` (each
    page's first line opens with one space, as PDF viewers copy it), ``number-line`` (the
    printed page number alone on the page's last line, under its notes), ``none`` (nothing
    marks it).
``furniture``
    running heads and footers: ``none``; ``head`` (one constant head, every page but the
    first); ``alternating-heads`` (the page number on the head's line, left on even pages
    ``212 JOURNAL OF …`` and right on odd ones ``SHORT TITLE 213``, every page but the first);
    ``brief-footer`` (``Policy Brief | May 2021 | 3`` at the foot of every page);
    ``page-n-of-m`` (``Page 3 of 4`` at the foot of every page).
``first_page``
    the printed number of the first page (1, or a journal page such as 211).
``notes``
    ``footnotes-rule`` (at the foot of the page that carries the marker, under a rule
    ``____________`` or ``———``), ``footnotes-plain`` (the same without a rule), ``endnotes``
    (all at the end under ``Notes`` or ``Endnotes``).
``note_label``
    how a note begins: ``1 ``, ``1. ``, ``[1]``, ``1)``.
``marker``
    how a marker is printed after its word: ``glued`` (``rose.3``), ``superscript``
    (``rose.³``), ``bracket`` (``rose.[3]``).
``blank_after_heading``
    a blank line between a heading and what follows, or none.
``list_indent``
    wrapped list-item lines indented under the item's text, or flush left.
per list (in the :class:`Doc`)
    its bullet or enumerator: ``•``, ``▪``, ``–``, U+F0B7 + TAB, ``l`` + TAB, ``(a)``, ``a)``,
    ``1)``, ``i.``; nested items (depth 2) indented two spaces, with another style.

Fairness rules: the evidence a careful reader of a real extract would have, which the
renderer guarantees so that every layout is readable in principle:

* paragraphs, and a list and the paragraph after it, are separated by a blank line; list items
  follow each other (and the paragraph that introduces them) without one;
* a page never ends with a heading, and never with the last line of a block unless that line is
  shorter than 60% of the width (every other line of a block is at least two thirds of it, as
  in justified type): so the length of a page's last line tells whether its block goes on;
* the title and the authors line open page 1, exactly as ``source.yml`` gives them; no two
  sections share a title; the first section opens with a paragraph of 4–5 sentences, whose
  wrapped lines show the column's width (a text of one-line paragraphs does not);
* notes at a page foot are always followed by some sign of the page end (a form feed, a
  leading space, a page number, a footer or the next page's running head);
* a running head repeats: a constant head is used only when the document fills 3 pages or more
  (two heads), alternating heads only from 4 pages (three heads, one of the two forms twice), as
  in a journal;
* there are at most 9 notes, numbered 1… in the order of their markers, and every number the
  sentences use (years 1990–2023, quantities 13–95 per cent) is above 9; markers follow words
  and punctuation, never a number;
* a list enumerated ``1)`` is not used when notes at a page foot are labelled ``1)``;
* with ``leading-space`` page breaks, a page that opens with a list item's wrapped line gives it
  the leading space without its hanging indent (both together would read as an indent).
"""
from __future__ import annotations

import math
import random
import re
from collections import Counter
from dataclasses import dataclass, replace

from hypothesis import strategies as st

import extract_truth as et

# ---------------------------------------------------------------- vocabulary

DETERMINERS = ["the", "each", "every", "most", "some", "this", "that", "a"]
NOUNS = [
    "council", "farm", "city", "plan", "region", "district", "budget", "market", "agency", "report",
    "river", "harbour", "school", "hospital", "railway", "company", "ministry", "village", "network",
    "program", "policy", "survey", "contract", "reform", "tariff", "licence", "county", "union",
    "supplier", "tenant", "worker", "household", "landlord", "court", "treaty", "border", "port",
    "museum", "library", "bridge", "forest", "coast", "valley", "factory", "office", "committee",
]
PLURALS = [
    "councils", "farms", "cities", "plans", "regions", "districts", "budgets", "markets", "agencies",
    "reports", "schools", "hospitals", "companies", "villages", "surveys", "contracts", "reforms",
    "tariffs", "workers", "households", "tenants", "courts", "ports", "bridges", "offices", "rules",
]
VERBS = [
    "reviewed", "raised", "funded", "changed", "delayed", "opened", "closed", "joined", "doubled",
    "managed", "protected", "replaced", "reduced", "extended", "measured", "supported", "required",
    "followed", "rejected", "approved", "shared", "divided", "limited", "produced", "described",
]
ADJECTIVES = [
    "local", "public", "small", "large", "rural", "urban", "regional", "national", "annual", "formal",
    "common", "careful", "modest", "recent", "costly", "uneven", "stable", "private", "northern",
    "southern", "central", "useful", "simple", "early", "later", "similar", "separate", "shared",
]
PREPOSITIONS = ["in", "for", "across", "after", "before", "under", "within", "near", "beyond"]
CONJUNCTIONS = ["and", "but", "while", "because", "although", "so"]

# Long words the renderer may split at a syllable whatever else the text holds ("·" marks the points).
LONG_WORDS = [
    "ad·min·is·tra·tion", "re·spon·si·bil·i·ty", "im·ple·men·ta·tion", "in·fra·struc·ture",
    "in·ter·na·tion·al", "en·vi·ron·men·tal", "es·tab·lish·ment", "sig·nif·i·cant·ly",
    "con·sul·ta·tion", "re·quire·ments", "ne·go·ti·a·tions", "mu·nic·i·pal·i·ties", "trans·par·en·cy",
    "de·vel·op·ment", "com·mu·ni·ties", "par·tic·u·lar·ly", "in·de·pen·dent", "con·sid·er·able",
    "neigh·bour·ing", "gov·ern·ment", "in·vest·ment", "ag·ri·cul·ture", "ac·count·abil·i·ty",
    "dis·tri·bu·tion", "ex·pen·di·ture",
]
LONG_SPLITS = {w.replace("·", ""): [m.start() - n for n, m in enumerate(re.finditer("·", w))] for w in LONG_WORDS}
# Compounds whose hyphen is part of the word (their solid forms are in no word list).
COMPOUNDS = [
    "low-income", "high-value", "state-owned", "water-intensive", "fixed-term", "year-round",
    "data-sharing", "flood-prone", "farm-level", "cash-based", "tax-funded", "sector-wide",
    "user-led", "fee-paying", "cost-sharing",
]

TITLE_SMALL = {"and", "of", "the", "in", "for", "a", "to", "on", "after", "before", "across", "under", "within"}
FIRST_NAMES = ["Ilse", "Tomas", "Amara", "Jonas", "Leila", "Marek", "Noor", "Elena", "Kofi", "Saskia", "Ravi", "Ines"]
SURNAMES = ["Marrow", "Okonjo", "Lindqvist", "Petrescu", "Halloran", "Vasquez", "Achterberg", "Mbeki", "Sorensen", "Takeda"]
JOURNALS = ["JOURNAL OF REGIONAL POLICY", "JOURNAL OF RURAL AFFAIRS", "REVIEW OF PUBLIC WORKS", "COASTAL STUDIES QUARTERLY"]
MONTHS = ["January", "March", "May", "June", "September", "November"]

BULLETS = ["•", "▪", "–", "\uf0b7\t", "l\t"]
ENUMERATIONS = ["(a)", "a)", "1)", "i."]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MAX_NOTES = 9

# ---------------------------------------------------------------- the structured document


@dataclass(frozen=True)
class Word:
    """One word of running text as it reads finished (with its punctuation), and the note whose
    marker follows it, if any."""

    text: str
    note: str | None = None


@dataclass(frozen=True)
class Heading:
    number: str  # "2", "2.1" or "" (unnumbered)
    title: str
    level: int  # 2 or 3
    dotted: bool = False  # "2. Title" rather than "2 Title" (top level only)

    @property
    def text(self) -> str:
        if not self.number:
            return self.title
        return f"{self.number}{'.' if self.dotted and '.' not in self.number else ''} {self.title}"


@dataclass(frozen=True)
class Para:
    kind: str  # "paragraph" or "list_item"
    words: tuple[Word, ...]
    depth: int = 1
    label: str = ""  # list items: the enumerator as printed ("(a)", "ii."), "" for a bullet
    bullet: str = ""  # list items: what is printed before the text ("•", "\uf0b7\t", "(a)"…)


@dataclass(frozen=True)
class Doc:
    title: str
    authors: tuple[str, ...]
    blocks: tuple[Heading | Para, ...]
    notes: tuple[tuple[str, tuple[Word, ...]], ...]  # (label, words), in label order


def words_text(words: tuple[Word, ...] | list[Word]) -> str:
    """The expected text: words joined by single spaces, each marker written ``[^label]``."""
    return " ".join(w.text + (f"[^{w.note}]" if w.note else "") for w in words)


def expected(doc: Doc) -> tuple[list[et.Item], dict[str, str]]:
    """The blocks and notes the reader must give back, in extract_truth's vocabulary."""
    items = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            items.append(et.Item("heading", block.text, level=block.level))
        elif block.kind == "list_item":
            items.append(et.Item("list_item", words_text(block.words), depth=block.depth, label=block.label))
        else:
            items.append(et.Item("paragraph", words_text(block.words)))
    notes = {label: words_text(words) for label, words in doc.notes}
    return items, notes


# ---------------------------------------------------------------- the layout


@dataclass(frozen=True)
class Layout:
    width: int = 72
    page_lines: int = 30
    hyphenate: bool = False
    page_break: str = "none"  # formfeed | leading-space | number-line | none
    furniture: str = "none"  # none | head | alternating-heads | brief-footer | page-n-of-m
    first_page: int = 1
    notes: str = "endnotes"  # footnotes-rule | footnotes-plain | endnotes
    rule: str = "____________"
    note_label: str = "1 "  # "1 " | "1. " | "[1]" | "1)"
    marker: str = "glued"  # glued | superscript | bracket
    notes_heading: str = "Notes"
    blank_after_heading: bool = True
    list_indent: bool = False
    journal: str = "JOURNAL OF REGIONAL POLICY"
    short_title: str = "SHORT TITLE"
    footer_date: str = "May 2021"

    def describe(self) -> str:
        notes = self.notes + (f" {self.rule!r}" if self.notes == "footnotes-rule" else "")
        notes += f" under {self.notes_heading!r}" if self.notes == "endnotes" else ""
        return (
            f"width {self.width}, {self.page_lines} lines a page, hyphenation {'on' if self.hyphenate else 'off'}, "
            f"page break {self.page_break}, furniture {self.furniture} (first page {self.first_page}), "
            f"notes {notes} labelled {self.note_label!r}, markers {self.marker}, "
            f"{'blank' if self.blank_after_heading else 'no blank'} after headings, "
            f"list lines {'indented' if self.list_indent else 'flush'}"
        )


@dataclass
class Line:
    """One output line and what it is (for the message of a failing example and the generator's self-check)."""

    text: str
    role: str  # front, heading, body, blank, notes-heading, note, head, footer, page-number, rule
    block: int | str | None = None  # body/heading: index into Doc.blocks; note: its label
    last: bool = False  # the last line of its block or note
    notes: tuple[str, ...] = ()  # labels of the markers on this line
    joins: str = ""  # how the next line of the block joins on: "" (a space), "soft" or "compound" hyphen
    words: str = ""  # body and note lines: the line's words as expected (no prefix, markers as [^label])
    hanging: bool = False  # a list item's wrapped line, set in under the item


@dataclass
class Rendering:
    text: str
    pages: list[list[Line]]

    def numbered(self) -> str:
        """The extract, line by line, numbered as the reader numbers lines, invisible characters shown."""
        out = []
        for number, line in enumerate(self.text.split("\n"), start=1):
            shown = line.replace("\f", "⟨FF⟩").replace("\t", "⟨TAB⟩").replace("\uf0b7", "⟨F0B7⟩")
            out.append(f"{number:4} | {shown}")
        return "\n".join(out)


# ---------------------------------------------------------------- wrapping


def marker_text(label: str, style: str) -> str:
    if style == "superscript":
        return label.translate(SUPERSCRIPT)
    if style == "bracket":
        return f"[{label}]"
    return label


def note_prefix(label: str, style: str) -> str:
    return {"1 ": f"{label} ", "1. ": f"{label}. ", "[1]": f"[{label}] ", "1)": f"{label}) "}[style]


def _letters(text: str) -> tuple[str, str, str]:
    """``("", "earlier", ".")`` for ``earlier.``: leading punctuation, the word, trailing punctuation."""
    match = re.fullmatch(r"([^\w]*)([\w-]+?)([^\w]*)", text)
    return (match.group(1), match.group(2), match.group(3)) if match else ("", text, "")


class Wrapper:
    """Greedy word wrap with optional line-end hyphenation, remembering what it split."""

    def __init__(self, layout: Layout, doc: Doc):
        self.layout = layout
        counts: Counter[str] = Counter()
        for words in [b.words for b in doc.blocks if isinstance(b, Para)] + [w for _, w in doc.notes]:
            counts.update(_letters(w.text)[1].lower() for w in words)
        self.whole = counts  # occurrences of each word in the document
        self.split: Counter[str] = Counter()  # occurrences split so far

    def _split_points(self, word: str) -> list[tuple[int, str]]:
        """(position, kind) where ``word`` may break at a line end: after its own hyphen, or at a syllable."""
        if "-" in word:
            return [(word.index("-") + 1, "compound")]
        bare = word.lower()
        if bare in LONG_SPLITS:
            return [(p, "soft") for p in LONG_SPLITS[bare]]
        if len(word) >= 8 and self.whole[bare] - self.split[bare] >= 2:  # stays whole at least once
            vowels = "aeiouy"
            return [
                (p, "soft") for p in range(3, len(word) - 2)
                if word[p - 1] in vowels and word[p] not in vowels and word[p + 1] in vowels
            ][:3] or [(p, "soft") for p in range(3, len(word) - 2) if word[p - 1] not in vowels and word[p] not in vowels][:2]
        return []

    def wrap(self, words: tuple[Word, ...], first: str, rest: str) -> list[tuple[str, tuple[str, ...], str, str]]:
        """Lines of (text, marker labels on it, how the next line joins on, the line's words as expected).

        The last item is the line without its prefix, markers written ``[^label]``: joined back
        (a space between lines, nothing after a hyphen, the soft hyphen dropped) it is the
        expected text, which the generator's self-test checks.
        """
        width = self.layout.width
        lines: list[tuple[str, tuple[str, ...], str, str]] = []
        current, mine, labels, empty = first, "", [], True
        for word in words:
            shown = word.text + (marker_text(word.note, self.layout.marker) if word.note else "")
            wanted = word.text + (f"[^{word.note}]" if word.note else "")
            gap = "" if empty else " "
            if len(current) + len(gap) + len(shown) <= width:
                current += gap + shown
                mine += gap + wanted
                empty = False
                if word.note:
                    labels.append(word.note)
                continue
            lead, core, trail = _letters(word.text)
            piece = None
            if self.layout.hyphenate and not word.note and not lead and not empty:
                room = width - len(current) - 1
                fitting = [(p, kind) for p, kind in self._split_points(core) if p + (0 if kind == "compound" else 1) <= room]
                if fitting:
                    piece = max(fitting)
            if piece is not None:
                p, kind = piece
                head = core[:p] if kind == "compound" else core[:p] + "-"
                lines.append((current + " " + head, tuple(labels), kind, mine + " " + head))
                if kind == "soft":
                    self.split[core.lower()] += 1
                current, mine, labels, empty = rest + core[p:] + trail, core[p:] + trail, [], False
                continue
            if not empty:
                lines.append((current, tuple(labels), "", mine))
            current, mine, labels, empty = rest + shown, wanted, [word.note] if word.note else [], False
        lines.append((current, tuple(labels), "", mine))
        return lines


def reassemble(lines: list[Line]) -> str:
    """The expected text of a block or note from its lines (the inverse of :meth:`Wrapper.wrap`)."""
    text = ""
    for n, line in enumerate(lines):
        if n == 0:
            text = line.words
            continue
        before = lines[n - 1].joins
        if before == "soft":
            text = text[:-1] + line.words
        elif before == "compound":
            text += line.words
        else:
            text += " " + line.words
    return text


# ---------------------------------------------------------------- rendering


def _blank_before(block, previous, layout: Layout) -> bool:
    if previous is None:
        return False
    if isinstance(previous, Heading):
        return layout.blank_after_heading
    if isinstance(block, Para) and block.kind == "list_item":
        return False  # items follow each other, and the paragraph that introduces them, directly
    return True


def body_stream(doc: Doc, layout: Layout, wrapper: Wrapper | None = None) -> list[Line]:
    """The document's lines in reading order before pagination (front, body, endnotes)."""
    wrapper = wrapper or Wrapper(layout, doc)
    stream = [Line(doc.title, "front"), Line(", ".join(doc.authors[:-1]) + (" and " if len(doc.authors) > 1 else "") + doc.authors[-1], "front"), Line("", "blank")]
    previous = None
    for index, block in enumerate(doc.blocks):
        if _blank_before(block, previous, layout):
            stream.append(Line("", "blank"))
        if isinstance(block, Heading):
            stream.append(Line(block.text, "heading", index, last=True, words=block.text))
        else:
            indent = "  " * (block.depth - 1)
            if block.kind == "list_item":
                sep = "" if block.bullet.endswith("\t") else " "
                first = indent + block.bullet + sep
                rest = " " * len(first.replace("\t", "  ")) if layout.list_indent else indent
            else:
                first = rest = ""
            wrapped = wrapper.wrap(block.words, first, rest)
            for n, (text, labels, joins, mine) in enumerate(wrapped):
                stream.append(Line(text, "body", index, last=n == len(wrapped) - 1, notes=labels, joins=joins, words=mine,
                                   hanging=n > 0 and block.kind == "list_item"))
        previous = block
    if layout.notes == "endnotes" and doc.notes:
        stream.append(Line("", "blank"))
        stream.append(Line(layout.notes_heading, "notes-heading"))
        if layout.blank_after_heading:
            stream.append(Line("", "blank"))
        for label, words in doc.notes:
            wrapped = wrapper.wrap(words, note_prefix(label, layout.note_label), "")
            for n, (text, _, joins, mine) in enumerate(wrapped):
                stream.append(Line(text, "note", label, last=n == len(wrapped) - 1, joins=joins, words=mine))
    return stream


def _page_end(stream: list[Line], start: int, end: int, width: int) -> int:
    """Move a page end so that the page does not end on a heading or on a long block-final line."""
    n = len(stream)

    def bad(stop: int) -> bool:
        if stop >= n or all(line.role == "blank" for line in stream[stop:]):
            return False
        last = max((k for k in range(start, stop) if stream[k].role != "blank"), default=None)
        if last is None:
            return False
        line = stream[last]
        if line.role in ("heading", "notes-heading", "front"):
            return True
        return line.role == "body" and line.last and len(line.text) >= 0.6 * width

    stop = end
    while bad(stop) and sum(1 for line in stream[start:stop] if line.role != "blank") > 6:
        stop = max(k for k in range(start, stop) if stream[k].role != "blank")
    if not bad(stop):
        return stop
    stop = end
    while bad(stop):
        stop += 1
    return stop


def paginate(stream: list[Line], layout: Layout) -> list[list[Line]]:
    pages, i, n = [], 0, len(stream)
    while i < n:
        while i < n and stream[i].role == "blank":
            i += 1
        if i >= n:
            break
        stop = _page_end(stream, i, min(n, i + layout.page_lines), layout.width)
        body = stream[i:stop]
        while body and body[-1].role == "blank":
            body.pop()
        pages.append(body)
        i = stop
    return pages


def render(doc: Doc, layout: Layout) -> Rendering:
    """The extract text of ``doc`` under ``layout``."""
    wrapper = Wrapper(layout, doc)
    bodies = paginate(body_stream(doc, layout, wrapper), layout)
    notes = dict(doc.notes)
    total = len(bodies)
    pages: list[list[Line]] = []
    for p, body in enumerate(bodies):
        number = layout.first_page + p
        page: list[Line] = []
        if p and layout.furniture == "head":
            page += [Line(layout.short_title, "head"), Line("", "blank")]
        elif p and layout.furniture == "alternating-heads":
            head = f"{number} {layout.journal}" if number % 2 == 0 else f"{layout.short_title} {number}"
            page += [Line(head, "head"), Line("", "blank")]
        page += body
        if layout.notes.startswith("footnotes"):
            labels = [label for line in body for label in line.notes]
            if labels:
                page.append(Line("", "blank"))
                if layout.notes == "footnotes-rule":
                    page.append(Line(layout.rule, "rule"))
                for label in labels:
                    wrapped = wrapper.wrap(notes[label], note_prefix(label, layout.note_label), "")
                    for n, (text, _, joins, mine) in enumerate(wrapped):
                        page.append(Line(text, "note", label, last=n == len(wrapped) - 1, joins=joins, words=mine))
        if layout.furniture == "brief-footer":
            page += [Line("", "blank"), Line(f"Policy Brief | {layout.footer_date} | {number}", "footer")]
        elif layout.furniture == "page-n-of-m":
            page += [Line("", "blank"), Line(f"Page {number} of {layout.first_page + total - 1}", "footer")]
        if layout.page_break == "number-line":
            page += [Line("", "blank"), Line(str(number), "page-number")]
        pages.append(page)
    texts = []
    for page in pages:
        lines = [line.text for line in page]
        if layout.page_break == "leading-space":
            lines[0] = " " + opening_line(page[0])
        texts.append("\n".join(lines))
    if layout.page_break == "formfeed":
        text = "".join(t + "\n\f" for t in texts)
    else:
        text = "\n".join(texts) + "\n"
    return Rendering(text, pages)


def opening_line(line: Line) -> str:
    """A page's first line as a viewer copies it after its leading space: a list item's wrapped line
    without the indent it hangs by (space and indent together would read as an indent alone)."""
    return line.text.lstrip() if line.hanging else line.text


def source_yml(doc: Doc) -> dict:
    return {"title": doc.title, "authors": list(doc.authors), "year": 2021}


# ---------------------------------------------------------------- drawing documents


def _title_case(words: list[str]) -> str:
    return " ".join(w if (n and w in TITLE_SMALL) else w[:1].upper() + w[1:] for n, w in enumerate(words))


def _sentence(rnd: random.Random, capital: bool = True, end: str = ".", long_words: float = 0.15) -> list[str]:
    """One sentence of ordinary words, perhaps with a year or a quantity, as word strings."""

    def noun_phrase() -> list[str]:
        phrase = [rnd.choice(DETERMINERS)]
        if rnd.random() < 0.5:
            phrase.append(rnd.choice(COMPOUNDS if rnd.random() < 0.2 else ADJECTIVES))
        if rnd.random() < long_words:
            phrase.append(rnd.choice(list(LONG_SPLITS)))
        else:
            phrase.append(rnd.choice(NOUNS))
        if phrase[0] in ("most", "some"):
            phrase[-1] = rnd.choice(PLURALS)
        return phrase

    words = noun_phrase() + [rnd.choice(VERBS)] + noun_phrase()
    if rnd.random() < 0.4:
        words += [rnd.choice(PREPOSITIONS)] + noun_phrase()
    extra = rnd.random()
    if extra < 0.2:
        words += ["in", str(rnd.randint(1990, 2023))]
    elif extra < 0.35:
        words += [rnd.choice(["by", "about", "nearly"]), str(rnd.randint(13, 95)), "per", "cent"]
    if rnd.random() < 0.3:
        words[-1] += ","
        words += [rnd.choice(CONJUNCTIONS)] + noun_phrase() + [rnd.choice(VERBS)] + [rnd.choice(["it", "them", "the " + rnd.choice(NOUNS)])]
        words = [w for part in words for w in part.split(" ")]
    if rnd.random() < 0.15 and len(words) > 6:  # a comma inside
        k = rnd.randint(2, len(words) - 3)
        if words[k] in NOUNS + PLURALS + list(LONG_SPLITS) and not words[k + 1][:1].isdigit():
            words[k] += ","
    if capital:
        words[0] = words[0][:1].upper() + words[0][1:]
    words[-1] += end
    return words


def _words(strings: list[str]) -> list[Word]:
    return [Word(s) for s in strings]


def _markable(word: Word) -> bool:
    return word.note is None and not re.search(r"\d[^\w]*$", word.text)


@st.composite
def documents(draw) -> Doc:
    """A small structured document: 2–4 sections of paragraphs and lists, with up to 9 notes."""
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))  # the words; the structure is drawn below
    numbered = draw(st.booleans())
    dotted = numbered and draw(st.booleans())
    note_rate = draw(st.sampled_from([0.0, 0.3, 0.6]))
    blocks: list[Heading | Para] = []
    sections = draw(st.integers(2, 4))
    enumerations = list(ENUMERATIONS)
    used_titles: set[str] = set()  # a document does not give two sections one title

    def fresh(draw_title) -> str:
        title = draw_title()
        while title in used_titles:
            title = draw_title()
        used_titles.add(title)
        return title

    for s in range(1, sections + 1):
        title = fresh(lambda: _title_case(rnd.choice([
            [rnd.choice(ADJECTIVES), rnd.choice(PLURALS)],
            [rnd.choice(PLURALS), "and", rnd.choice(PLURALS)],
            ["the", rnd.choice(NOUNS), "of", "the", rnd.choice(NOUNS)],
            [rnd.choice(ADJECTIVES), rnd.choice(NOUNS), "in", rnd.choice(PLURALS)],
        ])))
        blocks.append(Heading(str(s) if numbered else "", title, 2, dotted))
        subsections = draw(st.integers(0, 2)) if numbered else 0
        groups = [None] + [f"{s}.{k}" for k in range(1, subsections + 1)]
        for number in groups:
            if number is not None:
                sub = fresh(lambda: _title_case([rnd.choice(ADJECTIVES), rnd.choice(PLURALS)]))
                blocks.append(Heading(number, sub, 3))
            for _ in range(draw(st.integers(1, 2))):
                opening = not any(isinstance(block, Para) for block in blocks)
                if not opening and draw(st.integers(0, 3)) == 0:
                    blocks.extend(_list(draw, rnd, enumerations))
                else:
                    sentences = draw(st.integers(4, 5)) if opening else draw(st.integers(1, 4))
                    blocks.append(Para("paragraph", tuple(_words([w for _ in range(sentences) for w in _sentence(rnd)]))))
    # Notes: markers after words, numbered in reading order.
    notes: list[tuple[str, tuple[Word, ...]]] = []
    final: list[Heading | Para] = []
    for block in blocks:
        if isinstance(block, Para) and len(notes) < MAX_NOTES and rnd.random() < note_rate:
            words = list(block.words)
            candidates = [k for k, w in enumerate(words) if _markable(w)]
            ends = [k for k in candidates if words[k].text.endswith((".", ",", ";", ":"))]
            count = 1 if rnd.random() < 0.8 else 2
            chosen = sorted(set(rnd.sample(ends or candidates, min(count, len(ends or candidates)))))
            for k in chosen:
                if len(notes) >= MAX_NOTES:
                    break
                label = str(len(notes) + 1)
                words[k] = replace(words[k], note=label)
                text = _sentence(rnd, long_words=0.1)
                if rnd.random() < 0.4:
                    text += _sentence(rnd)
                notes.append((label, tuple(_words(text))))
            block = replace(block, words=tuple(words))
        final.append(block)
    title = _title_case([rnd.choice(ADJECTIVES), rnd.choice(PLURALS), "and", "the", rnd.choice(NOUNS)])
    people = rnd.sample(range(len(FIRST_NAMES)), draw(st.integers(1, 2)))
    authors = tuple(f"{FIRST_NAMES[p]} {SURNAMES[(p * 7 + 3) % len(SURNAMES)]}" for p in people)
    return Doc(title, authors, tuple(final), tuple(notes))


def _list(draw, rnd: random.Random, enumerations: list[str]) -> list[Para]:
    """An introducing paragraph ending in a colon and 2–4 items, perhaps with nested items."""
    intro = _sentence(rnd, end=":")
    style = draw(st.sampled_from(BULLETS + enumerations))
    nested_style = draw(st.sampled_from([b for b in BULLETS + ["i."] if b != style]))
    fragments = draw(st.booleans())  # lower-case fragments ending ";" or whole sentences
    count = draw(st.integers(2, 4))
    items: list[Para] = [Para("paragraph", tuple(_words(intro)))]
    for k in range(count):
        end = "." if k == count - 1 or not fragments else ";"
        words = _sentence(rnd, capital=not fragments, end=end)
        items.append(_item(style, k, words, 1))
        if k == 0 and count > 2 and draw(st.integers(0, 3)) == 0:
            for m in range(2):
                sub = _sentence(rnd, capital=False, end=";")
                items.append(_item(nested_style, m, sub, 2))
    return items


def _item(style: str, k: int, words: list[str], depth: int) -> Para:
    if style in BULLETS:
        return Para("list_item", tuple(_words(words)), depth, "", style)
    letter = "abcdefgh"[k]
    label = {"(a)": f"({letter})", "a)": f"{letter})", "1)": f"{k + 1})", "i.": f"{ROMAN[k]}."}[style]
    return Para("list_item", tuple(_words(words)), depth, label, label)


@st.composite
def layouts(draw, doc: Doc) -> Layout:
    """A layout for ``doc``, within the fairness rules of this module's docstring."""
    notes = draw(st.sampled_from(["footnotes-rule", "footnotes-plain", "endnotes"]))
    furniture = draw(st.sampled_from(["none", "head", "alternating-heads", "brief-footer", "page-n-of-m"]))
    breaks = ["formfeed", "leading-space", "none"] + (["number-line"] if furniture in ("none", "head") else [])
    page_break = draw(st.sampled_from(breaks))
    if notes.startswith("footnotes") and page_break == "none" and furniture == "none":
        page_break = "number-line"  # notes at a page foot need a sign of where the page ends
    note_label = draw(st.sampled_from(["1 ", "1. ", "[1]", "1)"]))
    layout = Layout(
        width=draw(st.integers(60, 95)),
        hyphenate=draw(st.booleans()),
        page_break=page_break,
        furniture=furniture,
        first_page=draw(st.sampled_from([1, 1, 2, 211, 48])) if furniture != "page-n-of-m" else 1,
        notes=notes,
        rule=draw(st.sampled_from(["____________", "———"])),
        note_label=note_label,
        marker=draw(st.sampled_from(["glued", "superscript", "bracket"])),
        notes_heading=draw(st.sampled_from(["Notes", "Endnotes"])),
        blank_after_heading=draw(st.booleans()),
        list_indent=draw(st.booleans()),
        journal=draw(st.sampled_from(JOURNALS)),
        short_title=" ".join(doc.title.upper().split()[:3]),
        footer_date=f"{draw(st.sampled_from(MONTHS))} {draw(st.integers(2015, 2023))}",
    )
    lines = len(body_stream(doc, layout))
    target = draw(st.integers(2, 4))
    layout = replace(layout, page_lines=max(10, math.ceil(lines / target) + draw(st.integers(0, 3))))
    # A running head must repeat to be evidence: a constant head needs 3 pages (2 heads), alternating
    # heads 4 (3 heads, one form twice), as a real journal's would; a footer 2 pages (a brief of one
    # page has nothing to tell its footer from a last line).
    need = {"head": 3, "alternating-heads": 4, "brief-footer": 2}.get(furniture, 1)
    while len(paginate(body_stream(doc, layout), layout)) < need and layout.page_lines > 8:
        layout = replace(layout, page_lines=layout.page_lines - 1)
    if len(paginate(body_stream(doc, layout), layout)) < need:
        fallback = "number-line" if notes.startswith("footnotes") and page_break == "none" else page_break
        layout = replace(layout, furniture="none", page_break=fallback)
    return layout


class Case:
    """A drawn document, its layout and the extract text (printed short when Hypothesis reports it)."""

    def __init__(self, doc: Doc, layout: Layout, rendering: Rendering):
        self.doc, self.layout, self.rendering = doc, layout, rendering

    def __repr__(self) -> str:
        return f"Case(<{self.layout.describe()}>, {len(self.doc.blocks)} blocks, {len(self.doc.notes)} notes)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def _fair_lists(doc: Doc, layout: Layout) -> Doc:
    """A list enumerated ``1)`` is printed ``a)`` instead when notes at a page foot are labelled ``1)``."""
    if not (layout.notes.startswith("footnotes") and layout.note_label == "1)"):
        return doc
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Para) and re.fullmatch(r"\d\)", block.label):
            letter = "abcdefgh"[int(block.label[:-1]) - 1] + ")"
            block = replace(block, label=letter, bullet=letter)
        blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


@st.composite
def cases(draw) -> Case:
    doc = draw(documents())
    layout = draw(layouts(doc))
    doc = _fair_lists(doc, layout)
    return Case(doc, layout, render(doc, layout))
