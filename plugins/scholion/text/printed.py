"""The printed pages a text's paragraphs stood on, as its extract shows them: a citing author's locator
("p. 5, ¶14") next to the paragraph number.

Only what the extract shows, never a guess. It must show where pages start with form feeds (the
reader's other sign of a page start, a space opening a line, is a guess): a lone page number says
which page it is printed on, not whether the page ends or begins there. A page's number is then the one printed on it; when every printed number agrees with
one count of the extract's pages (its k-th page printed k + c), pages printed without a number take
theirs from that count; otherwise they have none."""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable

from scholion.text.model import Document


def paragraph_pages(document: Document) -> dict[str, str]:
    """Each body paragraph's printed page (``"5"``), or pages (``"5–6"``) when it runs on over a page
    break, by its id; a paragraph whose page the extract does not show has none."""
    if not document.page_starts or not document.page_numbers:
        return {}
    printed_at = printed_page_at(document.page_starts, document.page_numbers)
    pages = {}
    for block in document.paragraphs:
        if not block.anchor or not block.source_lines:
            continue
        first, last = printed_at(min(block.source_lines)), printed_at(max(block.source_lines))
        if first and last:
            pages[block.anchor] = first if first == last else f"{first}–{last}"
    return pages


def page_beginnings(document: Document) -> list[tuple[int, str | None]]:
    """Where each printed page begins, as the extract shows it: (line, its number or None), the first
    page at line 0; none at all unless form feeds show where pages start."""
    if not document.page_starts:
        return []
    printed_at = printed_page_at(document.page_starts, document.page_numbers)
    return [(line, printed_at(line)) for line in [0, *sorted(set(document.page_starts))]]


def printed_page_at(page_starts: list[int], page_numbers: dict[int, str]) -> Callable[[int], str | None]:
    """The printed number of the page a line is on (``None`` where the extract does not show it), given
    the lines pages start on (form feeds) and the page numbers printed alone on a line, by line."""
    starts = sorted(set(page_starts))

    def page(line: int) -> int:  # the extract's pages counted from 0
        return bisect_right(starts, line)

    printed = {page(line): number for line, number in page_numbers.items()}
    counts = {int(number) - index for index, number in printed.items() if number.isdigit()}
    if len(counts) == 1 and all(number.isdigit() for number in printed.values()):
        (offset,) = counts
        return lambda line: str(page(line) + offset) if page(line) + offset >= 1 else None
    return lambda line: printed.get(page(line))
