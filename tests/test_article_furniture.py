"""Page furniture and title-page apparatus as journal articles print them (``scholion.text.layout``),
in small texts of our own: heads printed once, contact lines at a first page's foot, keywords that wrap."""
from __future__ import annotations

from pathlib import Path

from scholion.text.ingest import load_document

META = 'title: "Ferries and Fares"\nauthors: [Ann Author]\nyear: 2022\n'
LINES = [
    "Ferry operators on the northern coast set their fares each spring, after the regional authority has",
    "published the subsidy it will pay for the routes it considers essential to the island communities.",
    "The operators we interviewed described the negotiation as a ritual whose outcome is known in advance,",
    "although the smaller companies said that the timing of the payment matters more to them than its size.",
]


def read(folder: Path, text: str):
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "source.yml").write_text(META, encoding="utf-8")
    return load_document(folder)


def test_heads_printed_once_carry_page_numbers_counting_up_on_two_pages(tmp_path):
    text = "\n".join([*LINES[:2], "", "\f88   Coastal Transport Review 12(1)", "", *LINES[2:],
                      "", "\fFerries and fares   89", "", *LINES, ""])
    document = read(tmp_path / "ferries-2022", text)
    assert {document.set_aside.get(4), document.set_aside.get(9)} == {"running head or footer"}
    assert not any("Coastal Transport Review" in p.text or "89" in p.text.split() for p in document.paragraphs)


def test_a_note_at_a_page_top_with_numbers_counting_up_is_no_head(tmp_path):
    text = "\n".join([LINES[0] + "1", LINES[1] + "2", "", "\f1 The authority's subsidy rules of 2019, article 4, which", LINES[2],
                      "", "\f2 Interview with an operator, May 2021, at the company's office on the", LINES[3], ""])
    document = read(tmp_path / "ferries-2022", text)
    assert document.set_aside.get(4) != "running head or footer" and document.set_aside.get(7) != "running head or footer"


def test_a_head_printed_once_between_pages_with_heads_echoes_the_title_page(tmp_path):
    page = [*LINES, ""]
    text = "\n".join(["COASTAL TRANSPORT REVIEW", "Ferries and Fares on the Northern Coast", "", *page,
                      "\fCOASTAL TRANSPORT REVIEW", "", *page, "\fFERRIES AND FARES", "", *page,
                      "\fCOASTAL TRANSPORT REVIEW", "", *page])
    document = read(tmp_path / "ferries-2022", text)
    head = text.split("\n").index("\fFERRIES AND FARES") + 1
    assert document.set_aside[head] == "running head or footer"
    assert not any("FERRIES AND FARES" in block.text for block in document.blocks)


def test_a_contact_line_and_wrapped_keywords_are_title_page_apparatus(tmp_path):
    text = "\n".join(["Keywords: ferries; fares; subsidies; island communities;", "regional transport", "",
                      *LINES[:2], "", "CONTACT Ann Author ann.author@ferries.example.org", "", *LINES[2:], ""])
    document = read(tmp_path / "ferries-2022", text)
    front = [block.text for block in document.blocks if block.kind == "front"]
    assert front == ["Keywords: ferries; fares; subsidies; island communities;", "regional transport",
                     "CONTACT Ann Author ann.author@ferries.example.org"]
    assert [p.text[:20] for p in document.paragraphs] == ["Ferry operators on t", "The operators we int"]


def test_a_note_running_on_from_a_page_foot_is_no_footer_though_it_opens_with_the_page_number(tmp_path):
    """Page 3 prints its number in its head, once in the text; the endnote at its foot opens with 3 too and
    runs on over the page break: a page prints its number once, in the line set apart as heads are."""
    marked = [LINES[0] + "1", LINES[1] + "2", LINES[2] + "3", LINES[3] + "4"]
    text = "\n".join([*marked[:2], "",
                      "\f2 COASTAL TRANSPORT REVIEW", "", marked[2], "",
                      "\fFERRIES AND FARES 3", "", marked[3], "", "Notes",
                      "1 The authority's subsidy rules of 2019.", "2 Interview with an operator, May 2021.",
                      "3 The regional authority published its list of essential routes in",
                      "\f4 COASTAL TRANSPORT REVIEW", "", "2020.", "4 Interview with a harbour master.", ""])
    document = read(tmp_path / "ferries-2022", text)
    assert document.notes["3"].text == "The regional authority published its list of essential routes in 2020."
    assert document.notes["2"].text == "Interview with an operator, May 2021."
    assert not any("FERRIES AND FARES" in block.text for block in document.blocks)


def test_an_endnote_running_on_over_a_page_break_with_a_figure_is_not_a_new_note(tmp_path):
    """``19 per cent.`` after a page's head carries on note 3, left open at the foot of the page before
    (``… by``), though it opens with a number as a note would."""
    marked = [LINES[0] + "1", LINES[1] + "2", LINES[2] + "3", LINES[3], "The fares rose again in 2019."]  # a year in 19
    text = "\n".join([*marked[:2], "", "\fFERRIES AND FARES", "", *marked[2:], "", "Notes",
                      "1 The authority's subsidy rules of 2019.", "2 Interview with an operator, May 2021.",
                      "3 The subsidy for the island routes rose between 2019 and 2021 by",
                      "\fFERRIES AND FARES", "", "19 per cent.", ""])
    document = read(tmp_path / "ferries-2022", text)
    assert document.notes["3"].text == "The subsidy for the island routes rose between 2019 and 2021 by 19 per cent."
    assert "19" not in document.notes
