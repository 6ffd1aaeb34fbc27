"""Generated documents, rendered into extract text under random layouts, come back whole.

``layoutgen.py`` draws a small structured document (title, authors, numbered or unnumbered
sections at levels 2–3, paragraphs, bullet and enumerated lists, footnotes after words) and
renders it as an extractor would give it under one layout (line width and hyphenation, page
length, page-break style, running heads and footers, note placement and numbering, marker
style; its docstring names every dimension and the fairness rules). The reader must give back
the same headings, paragraphs (exact text, markers as ``[^n]``) and list items, in order, the
same notes, and no warning: the extract is clean. Expectations come from the structured
document only.

A failing example prints the layout, the first differences (extract_truth's messages) and the
extract line by line. ``python -m pytest tests/test_reading_generated.py -k whole
--hypothesis-seed=N`` replays a run; the ``@reproduce_failure`` blob Hypothesis prints replays
one example.
"""
from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import extract_truth as et
import layoutgen as lg


def read_back(case: lg.Case):
    from scholion.text.ingest import load_document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "generated-text"
        folder.mkdir()
        (folder / "source.txt").write_text(case.rendering.text, encoding="utf-8")
        (folder / "source.yml").write_text(yaml.safe_dump(lg.source_yml(case.doc), allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_document(folder)


def failure_message(case: lg.Case, differences: list[et.Difference], warnings: list[str]) -> str:
    lines = ["The structure did not come back whole.", f"layout: {case.layout.describe()}"]
    if differences:
        lines.append(f"first difference: {differences[0].message}")
        if len(differences) > 1:
            lines.append(f"({len(differences)} differences in all; the next ones:)")
            lines.extend(f"  - {d.message}" for d in differences[1:8])
    if warnings:
        lines.append(f"warnings on a clean extract ({len(warnings)}):")
        lines.extend(f"  - {w}" for w in warnings[:5])
    lines.append("extract (source.txt):")
    lines.append(case.rendering.numbered())
    return "\n".join(lines)


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
@given(lg.cases())
def test_structure_comes_back_whole(case: lg.Case) -> None:
    document = read_back(case)
    rendered = et.render(document)
    blocks, notes = lg.expected(case.doc)
    differences = et.compare_blocks(blocks, rendered.blocks) + et.compare_notes(notes, rendered.notes, rendered.note_status)
    if differences or rendered.warnings:
        pytest.fail(failure_message(case, differences, rendered.warnings), pytrace=False)


# ---------------------------------------------------------------- the generator itself (no reader)


def test_word_lists() -> None:
    """Soft splits make common words; compounds' solid forms are in no word list; no digits in words."""
    from wordfreq import zipf_frequency

    for word in lg.LONG_SPLITS:
        assert zipf_frequency(word, "en") >= 3, word
    for compound in lg.COMPOUNDS:
        assert zipf_frequency(compound.replace("-", ""), "en") == 0, compound
    vocabulary = lg.DETERMINERS + lg.NOUNS + lg.PLURALS + lg.VERBS + lg.ADJECTIVES + lg.PREPOSITIONS + lg.CONJUNCTIONS
    assert not [w for w in vocabulary if not w.isalpha() or w in ("l", "i", "v", "x")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)
@given(lg.cases())
def test_generator_keeps_its_books(case: lg.Case) -> None:
    """Every extract line is one rendered Line; each block and note reassembles to its expected
    text; the fairness rules hold; footnotes sit on the page of their marker."""
    layout, pages = case.layout, case.rendering.pages
    text_lines = case.rendering.text.split("\n")
    flat = [line for page in pages for line in page]
    shown = []
    for number, page in enumerate(pages):
        for k, line in enumerate(page):
            prefix = "\f" if layout.page_break == "formfeed" and number and k == 0 else ""
            text = " " + lg.opening_line(line) if layout.page_break == "leading-space" and k == 0 else line.text
            shown.append(prefix + text)
    expected_tail = ["\f"] if layout.page_break == "formfeed" else [""]
    assert text_lines == shown + expected_tail

    blocks, notes = lg.expected(case.doc)
    by_block: dict[int, list[lg.Line]] = {}
    by_note: dict[str, list[lg.Line]] = {}
    for line in flat:
        if line.role in ("body", "heading"):
            by_block.setdefault(line.block, []).append(line)
        elif line.role == "note":
            by_note.setdefault(line.block, []).append(line)
    assert sorted(by_block) == list(range(len(blocks)))
    for index, item in enumerate(blocks):
        assert lg.reassemble(by_block[index]) == item.text
    assert {label: lg.reassemble(lines) for label, lines in by_note.items()} == notes

    heads = [line.text for page in pages for line in page if line.role == "head"]
    if layout.furniture == "head":
        assert len(heads) >= 2 and len(set(heads)) == 1
    if layout.furniture == "alternating-heads":
        numbers = [int(re.search(r"\d+", h).group()) for h in heads]
        assert len(heads) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))

    for number, page in enumerate(pages):
        body = [line for line in page if line.role in ("body", "heading", "notes-heading", "front")]
        if number < len(pages) - 1 and body and any(line.role in ("body", "heading") for p in pages[number + 1:] for line in p):
            last = body[-1]
            assert last.role not in ("heading", "notes-heading"), f"page {number + 1} ends with a heading"
            if last.role == "body" and last.last:
                assert len(last.text) < 0.6 * layout.width, f"page {number + 1} ends a block on a long line {last.text!r}"
        for line in body:
            if line.role == "body" and not line.last:
                assert len(line.text) >= 0.66 * layout.width or line.joins, line.text
        if layout.notes.startswith("footnotes"):
            markers = [label for line in page if line.role == "body" for label in line.notes]
            here = list(dict.fromkeys(line.block for line in page if line.role == "note"))
            assert here == markers


def sample_document() -> lg.Doc:
    """A fixed document long enough for four pages, with notes, a list and a nested list."""
    rnd = random.Random(17)
    blocks: list = []
    notes = []
    for section in range(1, 4):
        blocks.append(lg.Heading(str(section), f"Section Title {section}", 2))
        for _ in range(3):
            words = [lg.Word(w) for _ in range(3) for w in lg._sentence(rnd)]
            label = str(len(notes) + 1)
            k = max(n for n, w in enumerate(words) if lg._markable(w) and w.text.endswith((".", ",")))
            words[k] = lg.Word(words[k].text, note=label)
            notes.append((label, tuple(lg.Word(w) for w in lg._sentence(rnd))))
            blocks.append(lg.Para("paragraph", tuple(words)))
    blocks.append(lg.Para("paragraph", tuple(lg.Word(w) for w in lg._sentence(rnd, end=":"))))
    blocks.append(lg.Para("list_item", tuple(lg.Word(w) for w in lg._sentence(rnd, end=";")), 1, "(a)", "(a)"))
    blocks.append(lg.Para("list_item", tuple(lg.Word(w) for w in lg._sentence(rnd, end=";")), 2, "", "–"))
    blocks.append(lg.Para("list_item", tuple(lg.Word(w) for w in lg._sentence(rnd, end=".")), 1, "(b)", "(b)"))
    return lg.Doc("Shared Rules and the Harbour", ("Ilse Marrow", "Kofi Takeda"), tuple(blocks), tuple(notes))


@pytest.mark.parametrize(
    "change, sign",
    [
        ({"page_break": "formfeed"}, lambda text, pages: text.count("\f") == pages and text.endswith("\n\f")),
        ({"page_break": "leading-space"}, lambda text, pages: sum(1 for line in text.split("\n") if re.match(r" \S", line)) == pages),
        ({"page_break": "number-line"}, lambda text, pages: [l for l in text.split("\n") if l.isdigit()] == [str(n) for n in range(1, pages + 1)]),
        ({"furniture": "head"}, lambda text, pages: text.count("\nSHARED RULES AND\n") == pages - 1),
        ({"furniture": "alternating-heads", "first_page": 211}, lambda text, pages: "\n212 JOURNAL OF REGIONAL POLICY\n" in text and "\nSHARED RULES AND 213\n" in text),
        ({"furniture": "brief-footer"}, lambda text, pages: all(f"Policy Brief | May 2021 | {n}" in text for n in range(1, pages + 1))),
        ({"furniture": "page-n-of-m"}, lambda text, pages: all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))),
        ({"notes": "footnotes-rule", "rule": "———"}, lambda text, pages: text.count("\n———\n1 ") == 1 and text.count("\n———\n") >= pages - 1),
        ({"notes": "endnotes", "notes_heading": "Endnotes"}, lambda text, pages: "\nEndnotes\n" in text and "\n1 " in text.split("Endnotes")[1]),
        ({"note_label": "[1]"}, lambda text, pages: "\n[1] " in text and "\n[9] " in text),
        ({"note_label": "1)"}, lambda text, pages: "\n1) " in text and "\n9) " in text),
        ({"note_label": "1. "}, lambda text, pages: "\n1. " in text and "\n9. " in text),
        ({"marker": "superscript"}, lambda text, pages: "¹" in text and "⁹" in text),
        ({"marker": "bracket"}, lambda text, pages: ".[1]" in text and ".[9]" in text),
        ({"marker": "glued"}, lambda text, pages: re.search(r"[a-z]\.1\b", text) is not None),
        ({"list_indent": True}, lambda text, pages: "\n(a) " in text and "\n  – " in text),
    ],
)
def test_each_layout_dimension_shows_in_the_text(change: dict, sign) -> None:
    """The renderer does what each dimension says (a fixed document, one dimension changed)."""
    doc = sample_document()
    settings = {"width": 70, "page_lines": 16, "notes": "endnotes", "note_label": "1 ", "footer_date": "May 2021", "short_title": "SHARED RULES AND"}
    layout = lg.Layout(**{**settings, **change})
    rendering = lg.render(doc, layout)
    pages = len(rendering.pages)
    assert 3 <= pages <= 6, pages
    assert sign(rendering.text, pages), rendering.numbered()


def test_hyphenation_splits_and_keeps() -> None:
    """Soft splits of the long words drop their hyphen in the expected text; compounds keep theirs."""
    words = tuple(lg.Word(w) for w in ("The administration of low-income " * 30).split())
    doc = lg.Doc("T", ("A B",), (lg.Para("paragraph", words),), ())
    rendering = lg.render(doc, lg.Layout(width=61, page_lines=100, hyphenate=True))
    lines = rendering.text.split("\n")
    assert any(line.endswith("-") and not line.endswith("low-") for line in lines), rendering.numbered()
    assert any(line.endswith("low-") for line in lines), rendering.numbered()
    body = [line for page in rendering.pages for line in page if line.role == "body"]
    assert lg.reassemble(body) == " ".join(w.text for w in words)
