"""Paragraph ids survive a contributor's edits of ``source.txt``, read by the real reader.

``test_anchors.py`` edits paragraph texts; here the edits are made to an extract's lines, so the
reader's own decisions (where a block quotation starts, which chunk runs on across a page break,
where a list ends) are under test too. A small document of our own is drawn (numbered sections,
paragraphs, block quotations of one or two paragraphs after the paragraph announcing them, bullet
lists after theirs), rendered as an extract with form feeds, a running head and page numbers, and
page ends both between blocks and in the middle of a sentence. Edits go to the document, which is
rendered again (a page end stays between the same words); each edit says which published id each
paragraph must keep:

* a typo or two sentences swapped: the paragraph keeps its id;
* a split between sentences: the part with more of the words keeps it, the other part is new;
* a join of two neighbours (two paragraphs of a quotation, a quotation and the next paragraph, a
  paragraph and a list item…): the joined paragraph keeps the first id; the second is retired to it;
* a new paragraph anywhere (also between a paragraph announcing a quotation and the quotation, and
  at a page end inside a paragraph's sentence, or just after it): a new id, every other id stays;
* a deletion: its id is retired to a neighbour.

The reader must read the edited extract's paragraphs exactly as the document has them, and the ids
assigned against the first lock must be those: nothing lost, moved, or asking to be retired but
the removed and joined-away paragraphs.
"""
from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from scholion.text.anchors import Lock, assign
from scholion.text.ingest import load_document

TITLE = "Orchards and the Valley Market"
META = f'title: "{TITLE}"\nauthors: [Ada Quill]\nyear: 2021\n'
HEAD = "ORCHARDS AND THE VALLEY"
PAGE = "\x0c"  # a page break in a block's words: the page ends after the line holding the word before it

# Short words only, so that a quotation set in a narrower measure keeps its lines close to that measure.
NOUNS = ["farm", "mill", "press", "buyer", "grower", "orchard", "harvest", "contract", "market", "valley", "price",
         "store", "crate", "season", "tenant", "ledger", "council", "river", "cart", "road", "barn", "field"]
VERBS = ["sold", "kept", "moved", "paid", "raised", "signed", "lost", "found", "built", "closed", "opened", "shared"]
ADJECTIVES = ["old", "small", "upper", "lower", "quiet", "busy", "late", "early", "dry", "wet", "new", "common"]
LINKS = ["and", "but", "while", "so", "because"]
# New paragraphs speak of other things, so their words never pass for an old paragraph's.
NEW_WORDS = ["zeppelin", "quince", "lantern", "violin", "glacier", "pepper", "comet", "walnut", "harbour", "thimble"]


def sentence(rnd: random.Random, vocabulary: tuple[list[str], ...] = (NOUNS, VERBS, ADJECTIVES)) -> list[str]:
    nouns, verbs, adjectives = vocabulary
    words = ["the", rnd.choice(adjectives), rnd.choice(nouns), rnd.choice(verbs), "the", rnd.choice(nouns)]
    if rnd.random() < 0.6:
        words += ["of", "the", rnd.choice(adjectives), rnd.choice(nouns)]
    if rnd.random() < 0.4:
        words[-1] += ","
        words += [rnd.choice(LINKS), "the", rnd.choice(nouns), rnd.choice(verbs), "it"]
    words[0] = words[0].capitalize()
    words[-1] += "."
    return words


def prose(rnd: random.Random, sentences: int, **kwargs) -> list[str]:
    return [word for _ in range(sentences) for word in sentence(rnd, **kwargs)]


def announcing(rnd: random.Random) -> list[str]:
    """A paragraph whose last sentence announces what follows with a colon."""
    words = prose(rnd, rnd.randint(1, 3))
    words[-1] = words[-1][:-1] + ","
    return words + ["in", "these", "words:"]


@dataclass
class Block:
    kind: str  # heading, paragraph, quote, item
    words: list[str]
    owner: str | None = None  # the published id it must carry (None: a new paragraph)

    @property
    def text(self) -> str:
        return " ".join(word for word in self.words if word != PAGE)

    @property
    def body(self) -> bool:
        return self.kind != "heading"


@dataclass
class Doc:
    blocks: list[Block]
    width: int
    indented_quotes: bool  # quotations set in from the margin, or only in a narrower measure
    retired: dict[str, str] = field(default_factory=dict)
    reshaped: set[str] = field(default_factory=set)  # ids whose paragraphs were split or joined: not again
    inserted: int = 0  # paragraphs inserted so far

    def __repr__(self) -> str:  # the failure message prints the extract
        kinds = " ".join(block.kind[0] + "|" * block.words.count(PAGE) for block in self.blocks)
        return f"Doc(<{kinds}>, width {self.width}, {'indented' if self.indented_quotes else 'narrow'} quotes)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


@st.composite
def documents(draw) -> Doc:
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    width, indented = draw(st.sampled_from([72, 85])), draw(st.booleans())

    def quotation() -> list[str]:  # three lines at least: a quotation told by its measure alone needs them
        words = prose(rnd, 3)
        while len(wrap(words, int(width * 0.85))[0]) < 3:
            words += sentence(rnd)
        return words

    blocks: list[Block] = []
    for number in range(1, draw(st.integers(2, 3)) + 1):
        blocks.append(Block("heading", f"{number} {rnd.choice(ADJECTIVES).capitalize()} {rnd.choice(NOUNS).capitalize()}s".split()))
        blocks.append(Block("paragraph", prose(rnd, rnd.randint(3, 5))))
        for unit in draw(st.lists(st.sampled_from(["paragraph", "quote", "list"]), min_size=2, max_size=4)):
            if unit == "paragraph":
                blocks.append(Block("paragraph", prose(rnd, rnd.randint(1, 4))))
            elif unit == "quote":
                blocks.append(Block("paragraph", announcing(rnd)))
                blocks += [Block("quote", quotation()) for _ in range(draw(st.integers(1, 2)))]
            else:
                blocks.append(Block("paragraph", announcing(rnd)))
                blocks += [Block("item", prose(rnd, rnd.randint(1, 2))) for _ in range(draw(st.integers(2, 3)))]
    # Page ends: after a drawn word of a body block (the page ends after the line holding it).
    # Four page ends at least, in four blocks, so that the running head repeats as a journal's does (also
    # when deletions bring two page ends together).
    body = [b for b in blocks if b.body]
    for block in draw(st.lists(st.sampled_from(body), min_size=4, max_size=6, unique_by=id)):
        at_end = draw(st.integers(0, 2)) == 0  # a page ending with the block, or inside it
        block.words.insert(len(block.words) if at_end else draw(st.integers(1, len(block.words))), PAGE)
    return Doc(blocks, width, indented)


# ---------------------------------------------------------------- rendering


def wrap(words: list[str], width: int) -> tuple[list[str], list[int]]:
    """Greedy lines of the words (page marks left out), and for each page mark the line it follows."""
    lines: list[str] = []
    marks: list[int] = []
    current = ""
    for word in words:
        if word == PAGE:
            marks.append(len(lines))  # the line being filled: the page ends after it
            continue
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines, marks


def ends_sentence(line: str) -> bool:
    return line.endswith((".", ":"))


def render(doc: Doc) -> str:
    """The extract: a front page's title and author, the blocks, a page number under each page and a
    running head over each page but the first, pages parted by form feeds.

    As in print, a page ending inside a paragraph ends on a full line in the middle of a sentence
    (a mark falling after a sentence's end moves down to the next line that is not one), and a
    paragraph ending a page does not end on a full line (its last word is carried down when it would).
    A page end after fewer than four lines of its page is left out."""
    out: list[str] = [TITLE, "Ada Quill", ""]
    pages = [1]
    on_page = [0]  # lines of text on the page so far

    def page_end() -> None:
        while out and not out[-1]:
            out.pop()
        out.extend(["", str(pages[-1]), f"{PAGE}{HEAD}", ""])
        pages.append(pages[-1] + 1)
        on_page[0] = 0

    previous: Block | None = None
    for block in doc.blocks:
        if previous is not None and out[-1] != "" and not (block.kind == "item" and previous.kind != "heading"):
            out.append("")  # items follow each other, and the paragraph announcing them, directly
        quote = block.kind == "quote"
        width = int(doc.width * 0.85) if quote else doc.width
        lines, marks = wrap(block.words, width - (2 if block.kind == "item" else 0))
        breaks: set[int] = set()
        for mark in marks:
            while mark < len(lines) - 1 and (ends_sentence(lines[mark]) or mark in breaks):
                mark += 1
            breaks.add(mark)
        full = 0.85 * (max(len(line) for line in lines) if len(lines) > 1 else doc.width)
        if len(lines) - 1 in breaks and len(lines[-1]) >= full and " " in lines[-1]:
            head, _, last = lines[-1].rpartition(" ")
            lines[-1:] = [head, last]
            breaks = {len(lines) - 1 if b == len(lines) - 2 else b for b in breaks}
        for n, line in enumerate(lines):
            if block.kind == "item":
                line = ("• " if n == 0 else "  ") + line
            elif quote and doc.indented_quotes:
                line = "    " + line
            out.append(line)
            on_page[0] += 1
            if n in breaks and on_page[0] >= 4:  # a page holds a few lines at least
                page_end()
        previous = block
    if out[-2:] != [f"{PAGE}{HEAD}", ""]:
        page_end()
    del out[-2:]  # no head after the last page
    return "\n".join(out) + "\n"


def read(doc: Doc) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "orchards-2021"
        folder.mkdir()
        (folder / "source.txt").write_text(render(doc), encoding="utf-8")
        (folder / "source.yml").write_text(META, encoding="utf-8")
        document = load_document(folder)
    return [block.text for block in document.paragraphs]


# ---------------------------------------------------------------- edits


def typo(doc: Doc, index: int, position: int) -> None:
    block = doc.blocks[index]
    spots = [k for k, word in enumerate(block.words) if word != PAGE]
    k = spots[position % len(spots)]
    word = block.words[k]
    core = word.rstrip(".,:")
    wrong = core[::-1].lower() if len(core) > 2 else core + "x"
    block.words[k] = (wrong.capitalize() if core[:1].isupper() else wrong) + word[len(core):]  # a sentence opens as one


def sentence_ends(words: list[str]) -> list[int]:
    """Positions just after each sentence's last word (page marks follow it), but the block's end."""
    ends = [k + 1 for k, word in enumerate(words) if word.endswith((".", ":"))]
    ends = [k + (k < len(words) and words[k] == PAGE) for k in ends]
    return [k for k in ends if k < len(words) and any(w != PAGE for w in words[k:])]


def swap(doc: Doc, index: int, position: int) -> None:
    """Two neighbouring sentences change places; page marks stay after the same number of words."""
    block = doc.blocks[index]
    words = [word for word in block.words if word != PAGE]
    ends = [0] + [k + 1 for k, word in enumerate(words) if word.endswith(".")]
    if len(ends) < 3 or not words[-1].endswith("."):
        return
    n = position % (len(ends) - 2)
    a, b, c = ends[n], ends[n + 1], ends[n + 2]
    words[a:c] = words[b:c] + words[a:b]
    marks = [k - sum(1 for w in block.words[:k] if w == PAGE) for k, w in enumerate(block.words) if w == PAGE]
    for mark in reversed(marks):
        words.insert(mark, PAGE)
    block.words = words


def split(doc: Doc, index: int, position: int) -> None:
    """A paragraph split between two sentences: the part with more of its words keeps its id. Split once,
    and never after a join: split again, the id goes to whichever piece holds the most of its words, which
    may be the piece split off before, or the paragraph it was joined with (the lock knows only the first
    text)."""
    block = doc.blocks[index]
    ends = sentence_ends(block.words)
    if not ends or block.owner in doc.reshaped:
        return
    cut = ends[position % len(ends)]
    head, tail = block.words[:cut], block.words[cut:]
    sizes = [len([w for w in part if w != PAGE]) for part in (head, tail)]
    if abs(sizes[0] - sizes[1]) < 4:
        return  # halves of about one size: a later typo or swap may decide which keeps the id
    longer_head = sizes[0] > sizes[1]
    first = Block(block.kind, head, block.owner if longer_head else None)
    second = Block(block.kind, tail, None if longer_head else block.owner)
    if block.kind == "quote" and not doc.indented_quotes and min(len(wrap(part, int(doc.width * 0.85))[0]) for part in (head, tail)) < 3:
        return  # a quotation told only by its measure needs three lines to show it
    event(f"split {block.kind}{' across a page break' if PAGE in block.words[:-1] else ''}")
    doc.blocks[index : index + 1] = [first, second]
    if block.owner:
        doc.reshaped.add(block.owner)


def join(doc: Doc, index: int, _: int) -> None:
    """A paragraph joined with the next: the first id stays, the second is retired to it."""
    if index + 1 >= len(doc.blocks) or not doc.blocks[index + 1].body:
        return
    first, second = doc.blocks[index], doc.blocks[index + 1]
    if first.owner is None or {first.owner, second.owner} & doc.reshaped:
        return  # a new paragraph joined with a published one, or a piece of a split one: a matter of taste
    event(f"join {first.kind} + {second.kind}")
    doc.reshaped.add(first.owner)
    if second.owner is not None:
        doc.retired[second.owner] = first.owner
    first.words = first.words + second.words
    del doc.blocks[index + 1]


def insert(doc: Doc, index: int, position: int) -> None:
    """A new paragraph before block ``index``, of the kind of the blocks around it; after a block that
    ends a page, on the page it ended or at the top of the next."""
    doc.inserted += 1
    rnd = random.Random(position * 100 + doc.inserted)  # two new paragraphs never say the same
    words = prose(rnd, 1 + position % 3, vocabulary=(NEW_WORDS, VERBS, ADJECTIVES))
    block = doc.blocks[index]
    before = doc.blocks[index - 1] if index else None
    kind = block.kind if block.kind in ("quote", "item") and before is not None and before.kind == block.kind else "paragraph"
    at_page_end = before is not None and before.words[-1] == PAGE
    if at_page_end and position % 2:
        before.words.pop()
        words.append(PAGE)
    announcing = before is not None and before.text.endswith(":")
    event(f"insert {kind} after {'a colon' if announcing else before.kind if before else 'nothing'}"
          f"{' at a page end' if at_page_end else ''}")
    doc.blocks.insert(index, Block(kind, words))


def delete(doc: Doc, index: int, _: int) -> None:
    """A paragraph removed, its id retired to the next paragraph (the one before at the end); its page
    ends move to the end of the paragraph before (after, when it was the first), never of a heading."""
    block = doc.blocks[index]
    body = [k for k, b in enumerate(doc.blocks) if b.body and b.owner and k != index]
    if len(body) < 3:
        return
    event(f"delete {block.kind}")
    del doc.blocks[index]
    marks = [w for w in block.words if w == PAGE]
    before = [b for b in doc.blocks[:index] if b.body]
    (before[-1] if before else next(b for b in doc.blocks[index:] if b.body)).words += marks
    if block.owner is not None:
        target = next((b.owner for b in doc.blocks[index:] if b.body and b.owner), None)
        target = target or next(b.owner for b in reversed(doc.blocks[:index]) if b.body and b.owner)
        doc.retired[block.owner] = target


EDITS = {"typo": typo, "swap": swap, "split": split, "join": join, "insert": insert, "delete": delete}


@st.composite
def edit_lists(draw):
    return draw(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 10_000), st.integers(0, 10_000)),
                         min_size=1, max_size=4))


# ---------------------------------------------------------------- the test


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), edit_lists())
def test_ids_stay_on_their_paragraphs_through_edits_of_the_source(doc, edits):
    assume(render(doc).count(HEAD) >= 2)  # a running head is one when it repeats
    first = read(doc)
    body = [block for block in doc.blocks if block.body]
    assert first == [block.text for block in body], f"the reader misreads the unedited extract {doc!r}:\n" + render(doc)
    lock = assign(first, Lock()).lock(first)
    for block, (pid, _) in zip(body, lock.paragraphs):
        block.owner = pid
    for name, index, position in edits:
        candidates = [k for k, block in enumerate(doc.blocks) if block.body]
        EDITS[name](doc, candidates[index % len(candidates)], position)
    body = [block for block in doc.blocks if block.body]
    assume(render(doc).count(HEAD) >= 2)
    after = read(doc)
    assert after == [block.text for block in body], f"the reader misreads the edited extract ({edits}):\n" + render(doc)
    lock.retired.update(doc.retired)
    result = assign(after, lock)
    expected = [block.owner for block in body]
    got = [pid if pid in {p for p, _ in lock.paragraphs} else None for pid in result.ids]
    assert got == expected, f"ids moved ({edits}):\n" + "\n".join(
        f"{pid} for {owner}: {text[:70]}" for pid, owner, text in zip(result.ids, expected, after)) + "\nlocked:\n" + "\n".join(
        f"{pid}: {text[:70]}" for pid, text in lock.paragraphs) + "\n" + render(doc)
    assert result.lost == []
    assert not set(result.ids) & set(doc.retired)
    numbers = [int(pid[1:]) for pid, _ in lock.paragraphs]
    assert all(int(pid[1:]) > max(numbers) for pid in result.added), "a new paragraph took an old number"
