"""The printed page of each paragraph, for a citation's locator (p. 5, ¶14): only what the extract shows."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from scholion.text.corpus import load_text
from scholion.text.model import Block, Document
from scholion.text.printed import paragraph_pages

FIXTURES = Path(__file__).parent / "fixtures"


def _document(page_starts: list[int], page_numbers: dict[int, str], paragraphs: list[tuple[int, ...]]) -> Document:
    blocks = [Block("paragraph", ["words"], lines[0], anchor=f"p{n}", source_lines=lines)
              for n, lines in enumerate(paragraphs, start=1)]
    document = Document("t", {}, blocks, {})
    document.page_starts, document.page_numbers = page_starts, page_numbers
    return document


def test_pages_the_extract_numbers_count_the_pages_it_does_not():
    # Pages start at lines 1, 20, 40 and 60; 20–39 prints "12" and 40–59 "13".
    document = _document([1, 20, 40, 60], {38: "12", 41: "13"}, [(2, 3), (21, 25), (35, 44), (61, 62)])
    assert paragraph_pages(document) == {"p1": "11", "p2": "12", "p3": "12–13", "p4": "14"}


def test_numbers_that_disagree_with_the_count_give_only_the_pages_they_are_printed_on():
    document = _document([1, 20, 40, 60], {25: "12", 45: "15"}, [(2, 3), (21, 25), (41, 44), (61, 62)])
    assert paragraph_pages(document) == {"p2": "12", "p3": "15"}
    roman = _document([1, 20, 40], {25: "xii", 45: "xiii"}, [(2, 3), (21, 25), (41, 44)])
    assert paragraph_pages(roman) == {"p2": "xii", "p3": "xiii"}


def test_without_form_feeds_or_numbers_no_page_is_claimed():
    assert paragraph_pages(_document([], {38: "12"}, [(2, 3)])) == {}
    assert paragraph_pages(_document([1, 20], {}, [(2, 3)])) == {}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_page_given_is_the_page_the_paragraph_stood_on(data):
    """Generated page layouts: a paragraph's pages are those its lines lie on, numbered as printed, or by
    the count of pages where every printed number agrees with one; a misnumbered page stops the count."""
    lengths = data.draw(st.lists(st.integers(3, 12), min_size=1, max_size=8), label="page lengths")
    first_page = data.draw(st.integers(1, 400), label="first printed page")
    starts, line = [], 1
    for length in lengths:
        starts.append(line)
        line += length
    numbered = data.draw(st.sets(st.integers(0, len(lengths) - 1)), label="pages that print their number")
    wrong = data.draw(st.sampled_from(sorted(numbered)) if numbered and data.draw(st.booleans()) else st.none(),
                      label="a page misnumbered")
    numbers = {}
    for page in numbered:
        at = starts[page] + data.draw(st.integers(0, lengths[page] - 1))
        numbers[at] = str(first_page + page + (7 if page == wrong else 0))
    cuts = sorted(data.draw(st.sets(st.integers(2, line - 1)), label="paragraph ends"))
    spans, begin = [], 1
    for cut in [*cuts, line]:
        if cut > begin:
            spans.append(tuple(range(begin, cut)))
            begin = cut

    def truth(line_number: int) -> int:
        return max(page for page, start in enumerate(starts) if start <= line_number)

    pages = paragraph_pages(_document(starts, numbers, spans))
    printed = {page: str(first_page + page + (7 if page == wrong else 0)) for page in numbered}
    offsets = {int(number) - page for page, number in printed.items()}

    def number(page: int) -> str | None:  # what the extract tells of a page's number
        if page in printed:
            return printed[page]
        return str(page + min(offsets)) if len(offsets) == 1 and page + min(offsets) >= 1 else None

    for n, lines in enumerate(spans, start=1):
        first, last = number(truth(lines[0])), number(truth(lines[-1]))
        expected = None if first is None or last is None else first if first == last else f"{first}–{last}"
        assert pages.get(f"p{n}") == expected, (n, lines, starts, numbers)


def _raw_pages(source: Path) -> list[tuple[str, str | None]]:
    """An independent reading of an extract with form feeds: each page's words, and the number printed
    alone on one of its lines."""
    pages = []
    for page in source.read_text(encoding="utf-8").split("\f"):
        numbers = [line.strip() for line in page.split("\n") if re.fullmatch(r"\s*\d{1,4}\s*", line)]
        pages.append((" ".join(page.split()), numbers[0] if len(numbers) == 1 else None))
    return pages


def test_fixture_extracts_give_the_pages_their_paragraphs_are_printed_on():
    """Every hand-written extract with form feeds and page numbers: each paragraph's page, found again
    by the words it starts and ends with in the raw pages."""
    checked = 0
    for source in sorted(FIXTURES.glob("*/*/source.txt")):
        raw = _raw_pages(source)
        if len(raw) < 2 or not any(number for _, number in raw):
            continue
        document = load_text(source.parent, update_lock=False).document
        pages = paragraph_pages(document)
        for block in document.paragraphs:
            words = block.text.split()
            if block.anchor not in pages or len(words) < 8:
                continue
            head, tail = " ".join(words[:4]), " ".join(words[-3:])
            where = [index for index, (text, _) in enumerate(raw) if head in text], \
                    [index for index, (text, _) in enumerate(raw) if tail in text]
            if len(where[0]) != 1 or len(where[1]) != 1:
                continue  # words that occur on several pages, or were rejoined across a hyphen
            first, last = raw[where[0][0]][1], raw[where[1][0]][1]
            if first and last:
                assert pages[block.anchor] == (first if first == last else f"{first}–{last}"), (source, block.anchor)
                checked += 1
    assert checked >= 20


def _page_marks(tmp_path: Path, text: str) -> list[str]:
    """The numbers of the page marks a reading page shows for the extract ``text``, in order."""
    from scholion.text.ingest import load_document
    from scholion.text.model import PageMark

    (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    (tmp_path / "source.yml").write_text("title: Grain Stores\nauthors: [Ilse Brandt]\nyear: 2020\n", encoding="utf-8")
    document = load_document(tmp_path)
    return [block.caption if block.kind == "page" else part.number for block in document.blocks
            for part in ([block] if block.kind == "page" else block.inlines) if block.kind == "page" or isinstance(part, PageMark)]


GRAIN_PAGES = [
    "The grain stores of the valley were built in the years after the long drought, when every village",
    "agreed to keep a tenth of its harvest against the next failure of the",
    "{first}",
    "rains. The stores were filled for eleven years running and emptied twice.",
    "",
    "Each village chose a keeper, who kept the keys and the ledger and answered to the council for",
    "both. The ledgers of four villages survive in the district archive at Kell.",
    "{second}",
    "The keepers met once a year.",
    "{third}",
]


def test_a_page_mark_names_the_page_that_begins_with_its_number_printed_at_the_foot(tmp_path):
    """Form feeds show the pages, and each page prints its number at its foot (``41``, then a form feed):
    the mark where a page begins gives that page's number, not the number printed just before it."""
    text = "\n".join(GRAIN_PAGES).format(first="41\n\f", second="\n42\n\f", third="\n43\n\f")
    assert _page_marks(tmp_path, "Grain Stores\nIlse Brandt\n\n" + text + "\n") == ["42", "43"]


def test_a_page_mark_names_the_page_that_begins_with_its_number_printed_at_the_head(tmp_path):
    text = "\n".join(GRAIN_PAGES).format(first="\f42\n", second="\n\f43\n", third="")
    assert _page_marks(tmp_path, "Grain Stores\nIlse Brandt\n\n" + text + "\n") == ["42", "43"]
