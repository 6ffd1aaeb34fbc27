"""Compare what the reader makes of an extract with the extract's hand-checked truth.

The fixtures live in ``tests/fixtures/extracts/<slug>/`` (``source.txt``, ``source.yml`` and
``truth.yml``; ``tests/fixtures/extracts/README.md`` describes the truth format). This module

* loads a ``truth.yml`` (:func:`load_truth`),
* renders a :class:`~scholion.text.model.Document` into the same shape (:func:`render`),
* compares the two and returns a list of :class:`Difference`, each a precise, human-readable
  sentence (:func:`compare` for the block sequence and the notes, the ``check_*`` functions for
  the cross-cutting checks, :func:`check_fixture` for everything at once).

Run it as a script for a per-fixture report::

    python tests/extract_truth.py                 # every fixture
    python tests/extract_truth.py water-allocation-2022 arctic-shipping-2022
    python tests/extract_truth.py --summary       # one line per fixture

How a Document is rendered into the truth's vocabulary (the one place this mapping is defined):

====================  =====================================================================
Document block        truth entry
====================  =====================================================================
paragraph             ``paragraph``: the inlines, each NoteRef written ``[^label]``, PageMarks
                      dropped. Texts are compared exactly: no whitespace is normalised.
quote                 ``quote`` (same text rule)
heading               ``heading`` + ``level``
list_item             ``list_item`` + ``depth`` + ``label`` (``""`` for a bullet)
pull_quote            ``pull_quote``
aside                 ``aside``: ``caption`` (if any) and the inlines, joined by one space
figure                ``caption``: the block's ``caption``; ``source``: its inlines (the
                      ``Source:`` line, markers written ``[^label]``). ``figure_text`` (axis
                      labels, legends) is not compared: the model has no field for it yet;
                      the block diff still catches it if it leaks into a paragraph.
table                 ``table``: ``caption`` (``""`` for none), ``rows`` (a cell is a string, or
                      a list of inlines rendered like a paragraph), ``source``: its inlines
front, byline         front matter: never compared with the body, only checked not to be in it
page, gap             furniture / declared gaps: not part of the compared sequence
====================  =====================================================================
"""
from __future__ import annotations

import argparse
import difflib
import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "extracts"

# The truth's block vocabulary (the keys of a ``blocks:`` entry).
TEXT_KINDS = ("heading", "paragraph", "list_item", "quote", "pull_quote", "aside")
BODY_KINDS = ("paragraph", "quote", "list_item")  # body paragraphs: the ones that get p<N> ids
MARKER = re.compile(r"\[\^([^\]\s]+)\]")


# ---------------------------------------------------------------- shapes


@dataclass(frozen=True)
class Item:
    """One block in the truth's vocabulary; ``line`` (reader side only) is not compared."""

    kind: str  # heading, paragraph, list_item, quote, pull_quote, aside, caption, table (or a kind the truth lacks)
    text: str  # the text with [^label] markers; caption: the caption; table: the caption or ""
    level: int | None = None  # headings
    depth: int | None = None  # list items
    label: str | None = None  # list items: "(a)", "i.", "" for bullets
    source: str | None = None  # captions and tables: the Source: line
    rows: tuple[tuple[str, ...], ...] | None = None  # tables
    line: int | None = field(default=None, compare=False, hash=False)

    def texts(self) -> list[str]:
        """Every piece of text the item carries, markers included."""
        out = [self.text] if self.text else []
        if self.source:
            out.append(self.source)
        for row in self.rows or ():
            out.extend(row)
        return out

    def all_text(self) -> str:
        return " ".join(self.texts())


@dataclass
class Truth:
    slug: str
    front: list[str]
    furniture: list[str]
    blocks: list[Item]
    notes: dict[str, str]
    notes_heading: str | None = None
    expected_warnings: list[str] = field(default_factory=list)


@dataclass
class Rendered:
    """A Document in the truth's vocabulary."""

    front: list[str]
    blocks: list[Item]
    notes: dict[str, str]
    note_status: dict[str, str]
    warnings: list[str]


@dataclass(frozen=True)
class Difference:
    category: str  # blocks, notes, markers, sentences, furniture, front, warnings
    message: str

    def __str__(self) -> str:
        return f"[{self.category}] {self.message}"


# ---------------------------------------------------------------- loading


def load_truth(path: Path) -> Truth:
    """Read a ``truth.yml`` (the fixture format of ``tests/fixtures/extracts/README.md``)."""
    path = Path(path)
    if path.is_dir():
        path = path / "truth.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    blocks = [_truth_item(entry, n) for n, entry in enumerate(data.get("blocks") or [], start=1)]
    notes = {str(label): str(text) for label, text in (data.get("notes") or {}).items()}
    return Truth(
        slug=path.parent.name,
        front=[str(x) for x in data.get("front") or []],
        furniture=[str(x) for x in data.get("furniture") or []],
        blocks=blocks,
        notes=notes,
        notes_heading=data.get("notes_heading"),
        expected_warnings=[str(x) for x in data.get("expected_warnings") or []],
    )


def _truth_item(entry: dict, n: int) -> Item:
    if "heading" in entry:
        return Item("heading", entry["heading"], level=int(entry.get("level", 2)))
    if "list_item" in entry:
        return Item("list_item", entry["list_item"], depth=int(entry.get("depth", 1)), label=str(entry.get("label", "")))
    if "caption" in entry:
        return Item("caption", entry["caption"], source=entry.get("source") or "")
    if "table" in entry:
        table = entry["table"]
        rows = tuple(tuple(str(cell) for cell in row) for row in table.get("rows") or [])
        return Item("table", table.get("caption") or "", rows=rows, source=table.get("source") or "")
    for kind in ("paragraph", "quote", "pull_quote", "aside"):
        if kind in entry:
            return Item(kind, entry[kind])
    raise ValueError(f"truth block {n} has no known kind: {entry!r}")


# ---------------------------------------------------------------- rendering a Document


def render_inlines(inlines: Iterable) -> str:
    """A block's inlines as the truth writes them: NoteRef → ``[^label]``, PageMark dropped."""
    from scholion.text.model import NoteRef, PageMark

    out = []
    for part in inlines:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, NoteRef):
            out.append(f"[^{part.label}]")
        elif isinstance(part, PageMark):
            continue
        else:  # an inline kind this harness does not know: show it rather than hide it
            out.append(f"<{type(part).__name__}>")
    return "".join(out)


def _cell(cell) -> str:
    return cell if isinstance(cell, str) else render_inlines(cell)


def render_block(block) -> Item | None:
    """One Document block as an Item (None for furniture and gaps; front matter is handled apart)."""
    kind = block.kind
    text = render_inlines(block.inlines)
    line = block.line
    if kind in ("paragraph", "quote", "pull_quote"):
        return Item(kind, text, line=line)
    if kind == "heading":
        return Item("heading", text, level=block.level, line=line)
    if kind == "list_item":
        return Item("list_item", text, depth=block.depth, label=block.label, line=line)
    if kind == "aside":
        joined = " ".join(part for part in (block.caption, text) if part)
        return Item("aside", joined, line=line)
    if kind == "figure":
        return Item("caption", block.caption, source=text, line=line)
    if kind == "table":
        rows = tuple(tuple(_cell(cell) for cell in row) for row in block.rows)
        return Item("table", block.caption or "", rows=rows, source=text, line=line)
    if kind in ("page", "gap", "front", "byline"):
        return None
    return Item(kind, text, line=line)


def render(document) -> Rendered:
    """A Document in the truth's vocabulary."""
    front = [render_inlines(b.inlines) or b.caption for b in document.blocks if b.kind in ("front", "byline")]
    blocks = [item for item in (render_block(b) for b in document.blocks) if item is not None]
    notes = {label: note.text for label, note in document.notes.items()}
    status = {label: note.status for label, note in document.notes.items()}
    warnings = [str(p) for p in document.problems if getattr(p, "severity", "warning") == "warning"]
    return Rendered(front, blocks, notes, status, warnings)


# ---------------------------------------------------------------- text helpers


def show(text: str, limit: int = 90) -> str:
    """Quote a text for a message: invisible characters made visible, long texts shortened."""
    visible = (
        text.replace("\u00a0", "⟨NBSP⟩").replace("\u00ad", "⟨SHY⟩").replace("\t", "⟨TAB⟩")
        .replace("\n", "⟨NL⟩").replace("\f", "⟨FF⟩").replace("\r", "⟨CR⟩").replace("\ufeff", "⟨BOM⟩")
    )
    if len(visible) > limit:
        head = limit * 2 // 3
        visible = visible[:head] + "…" + visible[-(limit - head - 1):]
    return f"'{visible}'"


def describe(item: Item, limit: int = 70) -> str:
    """``paragraph 'The Serra is…'``, ``heading (level 3) '2.1 Pilotage'``, ``list_item (depth 2, label 'i.') '…'``."""
    if item.kind == "heading":
        return f"heading (level {item.level}) {show(item.text, limit)}"
    if item.kind == "list_item":
        label = f", label {item.label!r}" if item.label else ""
        return f"list_item (depth {item.depth}{label}) {show(item.text, limit)}"
    if item.kind == "caption":
        return f"caption {show(item.text, limit)}"
    if item.kind == "table":
        return f"table {show(item.text, limit)} ({len(item.rows or ())} rows)"
    return f"{item.kind} {show(item.text, limit)}"


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\S+", text)


def word_diff(expected: str, got: str, limit: int = 3, context: int = 4) -> str:
    """Where two texts differ, word by word: ``expected «…» got «…»``, at most ``limit`` places."""
    a, b = _tokens(expected), _tokens(got)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    places = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = "".join(a[max(0, i1 - context):i1])
        after_a = "".join(a[i2:i2 + context])
        after_b = "".join(b[j2:j2 + context])
        lead = "…" if i1 - context > 0 else ""
        tail_a = "…" if i2 + context < len(a) else ""
        tail_b = "…" if j2 + context < len(b) else ""
        exp = lead + before + "".join(a[i1:i2]) + after_a + tail_a
        gt = lead + before + "".join(b[j1:j2]) + after_b + tail_b
        if tag == "delete":
            what = f"missing {show(''.join(a[i1:i2]), 60)}"
        elif tag == "insert":
            what = f"extra {show(''.join(b[j1:j2]), 60)}"
        else:
            what = f"{show(''.join(a[i1:i2]), 40)} read as {show(''.join(b[j1:j2]), 40)}"
        places.append(f"{what}: expected {show(exp, 120)} got {show(gt, 120)}")
    if not places:
        return "identical"
    more = f"; …and {len(places) - limit} more" if len(places) > limit else ""
    return "; ".join(places[:limit]) + more


def _similarity(a: str, b: str) -> float:
    ta, tb = a.split(), b.split()
    if not ta and not tb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)


def count_bounded(needle: str, haystack: str) -> int:
    """How often ``needle`` occurs in ``haystack`` as a whole (not inside a longer word or number)."""
    if not needle:
        return 0
    pattern = re.compile(r"(?<![\w.,/])" + re.escape(needle) + r"(?![\w/]|[.,]\w)")
    return len(pattern.findall(haystack))


# ---------------------------------------------------------------- the block sequence


def _where(item: Item, j: int) -> str:
    return f"got block {j + 1}" + (f", line {item.line}" if item.line else "")


def _compare_pair(e: Item, g: Item, i: int, j: int) -> list[str]:
    """Messages for one expected block read as one got block."""
    if e.kind != g.kind:
        return [f"block {i + 1}: expected {describe(e)}, got {describe(g)} ({_where(g, j)})"]
    out = []
    name = f"block {i + 1} ({e.kind} {show(e.text, 40)})"
    if e.kind == "heading" and e.level != g.level:
        out.append(f"{name}: expected level {e.level}, got level {g.level} ({_where(g, j)})")
    if e.kind == "list_item":
        if e.depth != g.depth:
            out.append(f"{name}: expected depth {e.depth}, got depth {g.depth} ({_where(g, j)})")
        if e.label != g.label:
            out.append(f"{name}: expected label {e.label!r}, got label {g.label!r} ({_where(g, j)})")
    if e.text != g.text:
        what = "caption" if e.kind in ("caption", "table") else "text"
        out.append(f"{name}: {what} differs ({_where(g, j)}): {word_diff(e.text, g.text)}")
    if (e.source or "") != (g.source or "") and e.kind in ("caption", "table"):
        out.append(f"{name}: Source line differs ({_where(g, j)}): {word_diff(e.source or '', g.source or '')}")
    if e.kind == "table" and e.rows != g.rows:
        out.extend(f"{name}: {m}" for m in _compare_rows(e.rows or (), g.rows or ()))
    return out


def _compare_rows(expected: tuple, got: tuple) -> list[str]:
    if len(expected) != len(got):
        head = f"expected {len(expected)} rows, got {len(got)}"
        shown = "; ".join(f"row {n}: {list(row)}" for n, row in enumerate(got[:8], start=1))
        return [f"{head} ({shown or 'none'})"]
    out = []
    for n, (a, b) in enumerate(zip(expected, got), start=1):
        if a != b:
            out.append(f"row {n}: expected {list(a)}, got {list(b)}")
    return out


def _matched_words(a: str, b: str) -> int:
    """How many words of ``a`` are found, in order, in ``b``."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0
    return sum(size for _, _, size in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks())


def _inside(item: Item, got: list[Item]) -> str:
    """Where the words of a missing block went, if most of them are inside one got block."""
    words = max(1, len(item.all_text().split()))
    best = max(((n, _matched_words(item.all_text(), g.all_text())) for n, g in enumerate(got)), key=lambda x: x[1], default=None)
    if best is None or best[1] * 5 < words * 3:
        return ""
    n, _ = best
    return f" as a block: its words are inside {describe(got[n], 50)} ({_where(got[n], n)})"


def _explain(expected: list[Item], i1: int, i2: int, got: list[Item], j1: int, j2: int) -> list[str]:
    """Explain one replaced stretch: pairs, merges, splits, missing and extra blocks.

    A small dynamic programme over the stretch picks the reading that accounts for the most words:
    an expected block paired with a got block (half its words or more shared), several expected
    blocks merged into one got block, one expected block split over several, or a block missing
    or extra.
    """
    E, G = expected[i1:i2], got[j1:j2]
    n, m = len(E), len(G)
    words_e = [max(1, len(x.all_text().split())) for x in E]
    words_g = [max(1, len(x.all_text().split())) for x in G]
    shared = [[_matched_words(e.all_text(), g.all_text()) for g in G] for e in E]
    MAXK = 12

    @functools.lru_cache(maxsize=None)
    def best(a: int, b: int) -> tuple[int, int, tuple]:
        """(words accounted for, -operations, plan) from (a, b) to the end."""
        if a == n and b == m:
            return (0, 0, ())
        options = []

        def take(score: int, step: tuple, na: int, nb: int) -> None:
            rest = best(na, nb)
            options.append((score + rest[0], rest[1] - 1, (step,) + rest[2]))

        if a < n:
            take(0, ("missing", a), a + 1, b)
        if b < m:
            take(0, ("extra", b), a, b + 1)
        if a < n and b < m:
            if shared[a][b] and shared[a][b] * 5 >= min(words_e[a], words_g[b]) * 3:
                take(shared[a][b], ("pair", a, b), a + 1, b + 1)
            for k in range(2, min(MAXK, n - a) + 1):  # expected a..a+k-1 all inside got b
                if all(shared[a + x][b] * 5 >= words_e[a + x] * 3 for x in range(k)):
                    take(sum(shared[a + x][b] for x in range(k)), ("merge", a, b, k), a + k, b + 1)
                else:
                    break
            for k in range(2, min(MAXK, m - b) + 1):  # got b..b+k-1 all parts of expected a
                if all(shared[a][b + x] * 5 >= words_g[b + x] * 3 for x in range(k)):
                    take(sum(shared[a][b + x] for x in range(k)), ("split", a, b, k), a + 1, b + k)
                else:
                    break
        return max(options, key=lambda o: (o[0], o[1]))

    out: list[str] = []
    plan = best(0, 0)[2]
    best.cache_clear()
    for position, step in enumerate(plan):
        how = step[0]
        if how == "missing":
            a = step[1]
            out.append(f"block {i1 + a + 1}: {describe(E[a])} is missing" + _inside(E[a], got))
        elif how == "extra":
            b = step[1]
            following = next((s for s in plan[position:] if s[0] != "extra"), None)
            if following is not None:
                where = f" before block {i1 + following[1] + 1}"
            else:
                where = f" after block {i2}" if i2 else " at the start"
            out.append(f"extra {describe(G[b])} ({_where(G[b], j1 + b)}){where}")
        elif how == "pair":
            _, a, b = step
            out.extend(_compare_pair(E[a], G[b], i1 + a, j1 + b))
        elif how == "merge":
            _, a, b, k = step
            g = G[b]
            parts = ", ".join(describe(x, 30) for x in E[a:a + k])
            joined = " ".join(x.text for x in E[a:a + k])
            out.append(
                f"blocks {i1 + a + 1}–{i1 + a + k} came out as one {g.kind} ({_where(g, j1 + b)}): expected {parts}; "
                f"got {show(g.text, 100)}" + ("" if joined == g.text else f"; as text: {word_diff(joined, g.text)}")
            )
        else:
            _, a, b, k = step
            parts = ", ".join(f"{describe(x, 40)} ({_where(x, j1 + b + y)})" for y, x in enumerate(G[b:b + k]))
            out.append(f"block {i1 + a + 1}: {describe(E[a])} came out split into {k} blocks: {parts}")
    return out


def compare_blocks(expected: list[Item], got: list[Item]) -> list[Difference]:
    """The block sequences, aligned with difflib; each misread explained once."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(Difference("blocks", m) for m in _explain(expected, i1, i2, got, j1, j2))
    return out


def compare_notes(expected: dict[str, str], got: dict[str, str], status: dict[str, str] | None = None) -> list[Difference]:
    """Each note: present, whole (exact text), status full; no note the truth lacks."""
    out = []
    status = status or {}
    for label, text in expected.items():
        if label not in got:
            out.append(Difference("notes", f"note {label}: missing (expected {show(text, 80)})"))
            continue
        if got[label] != text:
            out.append(Difference("notes", f"note {label}: expected {show(text, 70)} got {show(got[label], 70)}: {word_diff(text, got[label])}"))
        if status.get(label, "full") != "full":
            out.append(Difference("notes", f"note {label}: status {status[label]!r}, expected 'full'"))
    for label, text in got.items():
        if label not in expected:
            out.append(Difference("notes", f"note {label}: not in the truth, got {show(text, 80)}"))
    return out


def compare(truth: Truth, rendered: Rendered) -> list[Difference]:
    """The structural comparison: the block sequence and the notes."""
    if not rendered.blocks and truth.blocks:
        head = [Difference("blocks", f"the reader made no blocks at all (the truth has {len(truth.blocks)}); warnings: {rendered.warnings[:3]}")]
        return head + compare_notes(truth.notes, rendered.notes, rendered.note_status)
    return compare_blocks(truth.blocks, rendered.blocks) + compare_notes(truth.notes, rendered.notes, rendered.note_status)


# ---------------------------------------------------------------- cross-cutting checks


SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*(?:\[\^[^\]\s]+\])*(?=\s+[“‘\"(]?[A-Z0-9£$€])")


def sentences(text: str) -> list[str]:
    """A body text cut into sentences (markers removed); pieces under four words join the next."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    pieces.append(text[start:])
    out: list[str] = []
    carry = ""
    for piece in pieces:
        piece = (carry + piece).strip() if carry else piece.strip()
        carry = ""
        if len(piece.split()) < 4:
            carry = piece + " "
            continue
        out.append(strip_markers(piece))
    if carry.strip():
        if out:
            out[-1] = out[-1] + " " + strip_markers(carry.strip())
        else:
            out.append(strip_markers(carry.strip()))
    return out


def check_sentences(expected: list[Item], got: list[Item]) -> list[Difference]:
    """Every body sentence of the truth is in the body exactly as often as in the truth, in order."""
    truth_stream = "\n".join(strip_markers(x.text) for x in expected if x.kind in BODY_KINDS)
    got_body = [x for x in got if x.kind in BODY_KINDS]
    got_stream = "\n".join(strip_markers(x.text) for x in got_body)
    got_flat = got_stream.replace("\n", " ")
    elsewhere = [(n, x) for n, x in enumerate(got) if x.kind not in BODY_KINDS]
    out = []
    cursor = 0
    for block_no, item in enumerate(expected, start=1):
        if item.kind not in BODY_KINDS:
            continue
        for sentence in sentences(item.text):
            want, have = truth_stream.count(sentence), got_stream.count(sentence)
            where = f"sentence {show(sentence, 80)} (block {block_no})"
            if have == 0:
                if sentence in got_flat:
                    out.append(Difference("sentences", f"{where} is split across two body blocks"))
                else:
                    other = next(((n, x) for n, x in elsewhere if sentence in strip_markers(x.all_text())), None)
                    if other:
                        n, x = other
                        out.append(Difference("sentences", f"{where} is not in the body: it is in {describe(x, 50)} ({_where(x, n)})"))
                    else:
                        out.append(Difference("sentences", f"{where} is missing from the body (or misread)"))
                continue
            if have != want:
                out.append(Difference("sentences", f"{where} is in the body {have} times, expected {want}"))
            position = got_stream.find(sentence, cursor)
            if position < 0:
                out.append(Difference("sentences", f"{where} is out of order: it comes before the sentence read just before it"))
            else:
                cursor = position + len(sentence)
    return out


@dataclass(frozen=True)
class _Marker:
    label: str
    before: str  # the two words before it
    block: int = field(compare=False, hash=False)


def _markers(items: list[Item]) -> list[_Marker]:
    out = []
    for n, item in enumerate(items, start=1):
        for text in item.texts():
            for match in MARKER.finditer(text):
                words = strip_markers(text[:match.start()]).split()
                out.append(_Marker(match.group(1), " ".join(words[-2:]) or "(start of text)", n))
    return out


def check_markers(truth: Truth, rendered: Rendered) -> list[Difference]:
    """Each marker after the right word, none invented, each linked to an existing note, each note referenced."""
    want, have = _markers(truth.blocks), _markers(rendered.blocks)
    out = []
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        unused = list(range(j1, j2))
        for i in range(i1, i2):
            w = want[i]
            j = next((j for j in unused if have[j].label == w.label), None)
            if j is None:
                out.append(Difference("markers", f"marker [^{w.label}] after {show(w.before)} (block {w.block}) is missing"))
                continue
            unused.remove(j)
            h = have[j]
            out.append(Difference("markers", f"marker [^{w.label}]: expected after {show(w.before)} (block {w.block}), got after {show(h.before)} (got block {h.block})"))
        for j in unused:
            h = have[j]
            out.append(Difference("markers", f"unexpected marker [^{h.label}] after {show(h.before)} (got block {h.block})"))
    referenced = {m.label for m in have}
    for m in have:
        if m.label not in rendered.notes:
            out.append(Difference("markers", f"marker [^{m.label}] after {show(m.before)} (got block {m.block}) links to no note"))
    for label in rendered.notes:
        if label not in referenced:
            out.append(Difference("markers", f"note {label} is never referenced by a marker"))
    return out


def _texts_of(items: list[Item]) -> list[tuple[str, str]]:
    """(where, text) for every text of the blocks, markers removed."""
    return [(f"{describe(x, 40)} (got block {n})", strip_markers(t)) for n, x in enumerate(items, start=1) for t in x.texts()]


def check_furniture(truth: Truth, rendered: Rendered) -> list[Difference]:
    """No running head, footer or page number inside a block or note (beyond what the truth has there)."""
    truth_texts = [strip_markers(t) for x in truth.blocks for t in x.texts()] + list(truth.notes.values())
    got_places = _texts_of(rendered.blocks) + [(f"note {label}", text) for label, text in rendered.notes.items()]
    out = []
    for line in sorted(set(truth.furniture), key=truth.furniture.index):
        allowed = sum(count_bounded(line, t) for t in truth_texts)
        found = [(where, count_bounded(line, text), text) for where, text in got_places]
        found = [(where, n, text) for where, n, text in found if n]
        total = sum(n for _, n, _ in found)
        if total <= allowed:
            continue
        if allowed == 0:
            for where, _, text in found:
                at = text.find(line)
                context = text[max(0, at - 30):at + len(line) + 30]
                out.append(Difference("furniture", f"furniture {show(line)} found inside {where}: {show(context, 120)}"))
        else:
            places = "; ".join(where for where, _, _ in found)
            out.append(Difference("furniture", f"furniture {show(line)} occurs {total} times in blocks and notes, the truth has it {allowed} times ({places})"))
    return out


def check_front(truth: Truth, rendered: Rendered) -> list[Difference]:
    """No front-matter line (title, names, affiliations, DOI, contents…) in the body, and no notes heading either."""
    truth_texts = [strip_markers(t) for x in truth.blocks for t in x.texts()] + list(truth.notes.values())
    out = []
    flagged: set[int] = set()

    def without_furniture(text: str) -> str:  # a footer left in a block is check_furniture's finding
        for line in sorted(set(truth.furniture), key=len, reverse=True):
            text = text.replace(line, " ")
        return text

    for line in truth.front:
        allowed = sum(count_bounded(line, t) for t in truth_texts)
        found = [(n, x) for n, x in enumerate(rendered.blocks) if count_bounded(line, without_furniture(strip_markers(x.all_text())))]
        if len(found) <= allowed:
            continue
        for n, x in found:
            flagged.add(n)
            whole = strip_markers(x.all_text()).strip() == line
            how = f"became a body block: {describe(x, 60)}" if whole else f"found inside {describe(x, 60)}"
            out.append(Difference("front", f"front line {show(line)} {how} ({_where(x, n)})"))
    # A front line may come out in pieces (a title over two lines read as two headings).
    for n, x in enumerate(rendered.blocks):
        text = strip_markers(x.all_text()).strip()
        if n in flagged or len(text) < 4:
            continue
        holders = [line for line in truth.front if count_bounded(text, line)]
        if holders and sum(count_bounded(text, t) for t in truth_texts) < sum(
            count_bounded(text, strip_markers(y.all_text())) for y in rendered.blocks
        ):
            out.append(Difference("front", f"front line {show(holders[0])} became a body block (in part): {describe(x, 60)} ({_where(x, n)})"))
    if truth.notes_heading:
        for n, x in enumerate(rendered.blocks):
            if x.text.strip() == truth.notes_heading:
                out.append(Difference("front", f"notes heading {show(truth.notes_heading)} became a body block: {describe(x)} ({_where(x, n)})"))
    return out


def check_warnings(truth: Truth, rendered: Rendered) -> list[Difference]:
    """No warning beyond those the truth declares under ``expected_warnings`` (substrings)."""
    return [
        Difference("warnings", f"unexpected warning: {w}")
        for w in rendered.warnings
        if not any(expected in w for expected in truth.expected_warnings)
    ]


CHECKS = {
    "structure": compare,
    "sentences": lambda t, r: check_sentences(t.blocks, r.blocks),
    "markers": check_markers,
    "furniture": check_furniture,
    "front": check_front,
    "warnings": check_warnings,
}


# ---------------------------------------------------------------- fixtures


def fixture_slugs() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "truth.yml").is_file())


@functools.lru_cache(maxsize=None)
def read_fixture(slug: str) -> tuple[Truth, Rendered, object]:
    """(truth, rendered document, document) for one fixture, read once per process."""
    from scholion.text.ingest import load_document

    directory = FIXTURES / slug
    document = load_document(directory)
    return load_truth(directory / "truth.yml"), render(document), document


def check_fixture(slug: str, checks: Iterable[str] = tuple(CHECKS)) -> list[Difference]:
    truth, rendered, _ = read_fixture(slug)
    out: list[Difference] = []
    for name in checks:
        out.extend(CHECKS[name](truth, rendered))
    return out


def report(differences: list[Difference]) -> str:
    """Differences grouped by category, most numerous first."""
    counts = Counter(d.category for d in differences)
    lines = []
    for category, n in counts.most_common():
        lines.append(f"  {category} ({n}):")
        lines.extend(f"    - {d.message}" for d in differences if d.category == category)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*", help="fixture folders under tests/fixtures/extracts (default: all)")
    parser.add_argument("--summary", action="store_true", help="one line per fixture")
    args = parser.parse_args(argv)
    root = HERE.parent
    plugins = str(root / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)
    slugs = args.slugs or fixture_slugs()
    failing = 0
    for slug in slugs:
        try:
            differences = check_fixture(slug)
        except Exception as error:  # noqa: BLE001 - a crash is a result too
            failing += 1
            print(f"{slug}: CRASH {type(error).__name__}: {error}")
            continue
        if not differences:
            print(f"{slug}: OK")
            continue
        failing += 1
        counts = Counter(d.category for d in differences)
        summary = ", ".join(f"{c} {n}" for c, n in counts.most_common())
        print(f"{slug}: {len(differences)} differences ({summary})")
        if not args.summary:
            print(report(differences))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
