"""Reading rules for blocks that the fixtures first showed, on extracts of our own: a table's own
lettered notes, a quotation set flush left after the colon announcing it, and titles and paragraphs
with no blank line between them; and rules the source-edit anchor test (``test_anchor_edits.py``) first
showed: a quotation broken by a page, and a paragraph after one that ends in a colon."""
from __future__ import annotations

import textwrap

from scholion.text.audit import audit
from scholion.text.model import NoteRef

from test_cleaning import META, make  # noqa: F401  (fixture)

WIDE = "The orchard cooperatives of the valley sold their apples to three buyers, and each of them"


def body(document, kind: str) -> list[str]:
    return [block.text for block in document.blocks if block.kind == kind]


def test_a_tables_lettered_notes_are_notes_marked_in_its_cells(make):
    document_text = (
        "Harvest figures were gathered from the cooperatives, the buyers and the provincial office in\n"
        "the autumn of each year, and the table below sets them side by side for the three seasons.\n\n"
        "Table 3: Apples sold by buyer\n"
        "Buyer            2019      2020      2021\n"
        "Northfruit       410       455c      390\n"
        "Valley Juice     120a      130       closedb\n"
        "a Including the cider presses of the upper valley.\n"
        "b The buyer closed in the spring.\n"
        "c Estimated from its annual report.\n"
        "Source: Provincial office.\n\n"
        "The figures show a market that shrank as one buyer left it.\n"
    )
    document = make(document_text)
    table = next(block for block in document.blocks if block.kind == "table")
    cells = {(r, c): cell for r, row in enumerate(table.rows) for c, cell in enumerate(row) if not isinstance(cell, str)}
    assert {key: [part.label if isinstance(part, NoteRef) else part for part in cell] for key, cell in cells.items()} == {
        (1, 2): ["455", "c"], (2, 1): ["120", "a"], (2, 3): ["closed", "b"]}
    assert {label: note.text for label, note in document.notes.items()} == {
        "a": "Including the cider presses of the upper valley.",
        "b": "The buyer closed in the spring.",
        "c": "Estimated from its annual report.",
    }
    assert [p.message for p in document.problems] == []
    roles = {line.number: line.role for line in audit(document, document_text)}
    assert [roles[line] for line in (8, 9, 10)] == ["note a", "note b", "note c"]


def test_lines_of_a_table_that_read_like_notes_out_of_letter_order_stay_rows(make):
    document = make(
        "Table 1: Orchard sizes\n"
        "Farm      Hectares\n"
        "Ostrava   12\n"
        "b Bruck   9\n"
        "a Amsel   7\n"
        "Source: Survey.\n"
    )
    table = next(block for block in document.blocks if block.kind == "table")
    assert len(table.rows) == 4 and document.notes == {}


def test_a_quotation_set_flush_left_after_its_colon_is_a_quote(make):
    document = make(
        f"{WIDE}\n"
        "paid a different price. The contract that the largest of them offered says on its first page\n"
        "that the price follows the market, in these words:\n\n"
        "The Buyer shall pay for each tonne delivered the average price quoted at the regional\n"
        "exchange in the week of delivery, less the cost of transport from the cooperative's\n"
        "store to the press, and less any fee the exchange may charge.\n\n"
        "No cooperative could say what the regional exchange was.\n"
    )
    assert body(document, "quote") == [
        "The Buyer shall pay for each tonne delivered the average price quoted at the regional exchange in "
        "the week of delivery, less the cost of transport from the cooperative's store to the press, and less "
        "any fee the exchange may charge."]  # its lines 85 and 83 wide, the paragraph's 89 and 93


def test_a_full_width_paragraph_after_a_colon_is_no_quote(make):
    document = make(
        f"{WIDE}\n"
        "paid a different price, which the report puts down to one cause above all others, as follows:\n\n"
        "The contracts were written by the buyers and signed by the cooperatives without a lawyer, so\n"
        "that each buyer could choose the price index that suited it best in the years that followed,\n"
        "and none of the cooperatives knew what the others had been offered.\n"
    )
    assert body(document, "quote") == []
    assert "The contracts were written by the buyers" in " ".join(body(document, "paragraph"))


def test_a_title_between_paragraphs_with_no_blank_lines(make):
    document = make(
        f"{WIDE}\n"
        "paid a different price for the same apples.\n"
        "Prices and Contracts\n"
        "The contracts were written by the buyers and signed by the cooperatives without a lawyer.\n"
    )
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("paragraph", WIDE + " paid a different price for the same apples."),
        ("heading", "Prices and Contracts"),
        ("paragraph", "The contracts were written by the buyers and signed by the cooperatives without a lawyer."),
    ]


PAGE_FOOT = "\n{number}\n\fORCHARD STUDIES\n\n"  # a page number, a form feed and the next page's running head


def test_a_quotation_broken_by_a_page_after_its_first_line_is_one_quotation(make):
    document = make(
        f"{WIDE}\n"
        "paid a different price. The contract that the largest of them offered says on its first page\n"
        "that the price follows the market, in these words:\n\n"
        "The Buyer shall pay for each tonne delivered the average price quoted at the\n"
        + PAGE_FOOT.format(number=1) +
        "regional exchange in the week of delivery, less the cost of transport from the\n"
        "cooperative's store to the press, and less any fee that the exchange may charge\n"
        "for its quotation.\n\n"
        "No cooperative could say what the regional exchange was, and none of them asked the buyer\n"
        "who had written the contract, because each of them feared that it would lose the sale to\n"
        "the next cooperative.\n"
        + PAGE_FOOT.format(number=2) +
        "The provincial office first heard of the contracts when the prices fell in the autumn.\n"
    )
    assert body(document, "quote") == [
        "The Buyer shall pay for each tonne delivered the average price quoted at the regional exchange in the "
        "week of delivery, less the cost of transport from the cooperative's store to the press, and less any fee "
        "that the exchange may charge for its quotation."]
    assert len(body(document, "paragraph")) == 3


def test_a_paragraph_after_one_that_ends_in_a_colon_is_its_own(make):
    document = make(
        f"{WIDE}\n"
        "paid a different price, and the report sets out why in the section that follows, as here:\n\n"
        "The contracts were written by the buyers and signed by the cooperatives without a lawyer, so\n"
        "that each buyer could choose the price index that suited it best in the years that followed.\n"
    )
    assert body(document, "paragraph") == [
        WIDE + " paid a different price, and the report sets out why in the section that follows, as here:",
        "The contracts were written by the buyers and signed by the cooperatives without a lawyer, so that each "
        "buyer could choose the price index that suited it best in the years that followed."]


def test_a_paragraph_running_on_over_a_page_break_in_short_ragged_lines_is_no_quotation(make):
    """Lines that broke where the next word would not fit the column are full lines, however ragged:
    after a comma at a page's foot they carry the paragraph on, not a quotation set narrower."""
    page_one = ["The harbour board met twice in the spring to settle the rate",
                "that the smaller boats would pay for a berth in the summer,",
                "and it heard the fishermen first, then the ferry companies,"]
    page_two = ["\fwhile the yacht owners sent the board a letter,",  # "acknowledging" would not fit
                "acknowledging the rates of the previous summer as",  # nor "unreasonable"
                "unreasonable for boats that stayed only a week.",
                "",
                "The rates it agreed on were higher than those of last year,",
                "and the smaller boats paid the most of them, as fishermen",
                "had said they would at the first of the board's meetings."]
    column = max(len(line.lstrip("\f")) for line in page_one + page_two)
    for line, following in zip(page_two, page_two[1:3]):  # narrow, yet the next word would not fit the column
        assert len(line.lstrip("\f")) <= 0.88 * column < column < len(line.lstrip("\f")) + 1 + len(following.split()[0])
    document = make("\n".join([*page_one, *page_two]) + "\n")
    assert body(document, "quote") == []
    assert body(document, "paragraph")[0].endswith("the ferry companies, while the yacht owners sent the board a letter, "
                                                   "acknowledging the rates of the previous summer as unreasonable for "
                                                   "boats that stayed only a week.")


def test_a_title_right_under_a_finished_paragraph_with_a_blank_line_below_is_a_heading(make):
    """Where a page break the extract does not show fell between a paragraph and a section's title, the
    blank line above the title is lost; the blank line below it is there."""
    document = make("\n".join([
        "The harbour board met twice in the spring to settle the rates that the",
        "smaller boats would pay for a berth over the summer months.",
        "Fares and Berths",
        "",
        "The rates it agreed on were higher than those of the year before, and the",
        "smaller boats paid the most of them, as the fishermen had said they would.",
    ]) + "\n")
    assert body(document, "heading") == ["Fares and Berths"]
    assert [text[:20] for text in body(document, "paragraph")] == ["The harbour board me", "The rates it agreed "]


def test_a_one_line_paragraph_flush_with_the_column_at_a_page_foot_runs_on(make):
    """The column shows in one wrapped line (``… budgets in`` / ``2019.``): a paragraph's only line at a
    page's foot that reaches it ends a sentence and yet runs on over the page break."""
    document = make("\n".join([
        "Ferry Fares",
        "",
        "The harbour board met twice in the spring to settle the rates for the summer berths in",
        "2019. It heard the fishermen first.",
        "",
        "Berths",
        "The smaller boats paid the most of the new rates, as the fishermen had said they would.",
        "\fThe ferry companies paid less than they had in the year before.",
        "",
    ]) + "\n")
    assert body(document, "paragraph")[1] == ("The smaller boats paid the most of the new rates, as the fishermen had "
                                             "said they would. The ferry companies paid less than they had in the year before.")


def test_lines_of_one_paragraph_that_each_end_a_sentence_still_show_the_column(make):
    """No line runs its sentence on, yet two lines in a row of a paragraph (not its last) agree in length
    within a tenth: the column's width. A one-line paragraph reaching it at a page's foot runs on."""
    document = make("\n".join([
        "Ferry Fares",
        "",
        "Harbours",
        "The harbour board met twice in the spring to settle the rates for summer.",
        "It heard the fishermen first and the ferry companies on the day after that.",
        "Nobody spoke for the yachts.",
        "",
        "Berths",
        "The smaller boats paid the most of the new rates, as the fishermen had said.",
        "\fThe ferry companies paid less than they had in the year before.",
        "",
    ]) + "\n")
    assert body(document, "paragraph")[1] == ("The smaller boats paid the most of the new rates, as the fishermen had "
                                             "said. The ferry companies paid less than they had in the year before.")


def test_a_text_of_one_line_paragraphs_shows_no_column(make):
    """Lines of one block that differ in length are not a column: a sentence ending a page's one-line
    paragraph ends it."""
    document = make("\n".join([
        "Ferry Fares",
        "",
        "Harbours",
        "The harbour board met twice in the spring to settle the rates for summer berths and moorings.",
        "It heard the fishermen first.",
        "Nobody spoke for the yachts, whose owners had sent a long letter in the winter instead.",
        "",
        "Berths",
        "The smaller boats paid the most of the new rates, as the fishermen had said they would.",
        "\fThe ferry companies paid less than they had in the year before.",
        "",
    ]) + "\n")
    assert body(document, "paragraph")[-2:] == ["The smaller boats paid the most of the new rates, as the fishermen had said they would.",
                                               "The ferry companies paid less than they had in the year before."]


def test_a_quotation_right_after_another_keeps_its_measure_over_a_page_break(make):
    """Where much of a text is quoted, the typical line width that stands for the column is a little
    narrow; a quotation right after another, its first line alone at a page's foot, is still one.
    Paragraphs are set 72 characters wide, quotations 61 (a sixth narrower), pages parted by form feeds."""
    quoted = ["The boat must call at the north pier on each weekday. The school children cross at eight "
              "and come back before dark, and the shop takes its bread from the early crossing.",
              "A late boat on Fridays would let the nurses go home. They now stay on the mainland from "
              "Monday until the weekend, which the island council cannot ask of them much longer.",
              "The fares went up twice in one year, while the boat that serves us is the oldest one the "
              "company still sails, and its engine failed in the storms of the autumn."]
    last = ("The boat came late on eleven days in the month of January, and the crossing was cancelled "
            "twice, so the post waited on the pier until the next morning.")
    text = ["Ferry Letters", "",
            *textwrap.wrap("The ferry board wrote to the islands about the winter timetable, and the islands "
                           "answered in letters that the board printed in full in its report, in these words:", 72), ""]
    for words in quoted:
        text += [*textwrap.wrap(words, 61), ""]
    first, *rest = textwrap.wrap(last, 61)
    text += [first, "", "4", "\fFERRY LETTERS", "", *rest, "", "5", "\fFERRY LETTERS", "",
             *textwrap.wrap("The board answered each letter within the month and changed the timetable in the "
                            "spring, when the new boat came into service on the northern route.", 72), "", "6", ""]
    document = make("\n".join(text) + "\n")
    assert body(document, "quote") == [*quoted, last]
