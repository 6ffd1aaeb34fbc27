"""Each cleaning step of the extract, on small strings."""
from __future__ import annotations

from pathlib import Path

import pytest

from scholion.text.ingest import load_document
from scholion.text.layout import join_lines
from scholion.text.model import NoteRef, PageMark

META = 'title: "A Test Paper"\nauthors: [Ann Author]\nyear: 2021\n'


@pytest.fixture
def make(tmp_path: Path):
    def build(text: str, meta: str = META, slug: str = "test-2021"):
        folder = tmp_path / slug
        folder.mkdir(exist_ok=True)
        (folder / "source.txt").write_text(text, encoding="utf-8")
        (folder / "source.yml").write_text(meta, encoding="utf-8")
        return load_document(folder)

    return build


def words_of(document, kinds=("paragraph", "list_item")) -> list[str]:
    return [b.text for b in document.blocks if b.kind in kinds]


def labels(block) -> list[str]:
    return [part.label for part in block.inlines if isinstance(part, NoteRef)]


def messages(document) -> str:
    return "\n".join(str(p) for p in document.problems)


FULL = "x" * 70  # a line as wide as the column, so short lines read as paragraph ends


def test_running_heads_and_page_numbers_removed_and_page_kept(make):
    text = (
        "First paragraph ends here.\n\n\n"
        "A Test Paper Running Head\nAnn Author\n\n5\n\n"
        "Second paragraph on page five.\n\n\n"
        "A Test Paper Running Head\nAnn Author\n\n6\n\n"
        "Third paragraph.\n"
    )
    document = make(text)
    assert words_of(document) == ["First paragraph ends here.", "Second paragraph on page five.", "Third paragraph."]
    pages = [b.caption for b in document.blocks if b.kind == "page"]
    assert pages == ["5", "6"]
    assert document.stats["running_heads"] == 4


def test_footnote_block_between_body_lines_is_lifted_and_sentence_rejoined(make):
    text = (
        "A claim that runs across the page,1 and the sentence carries\n"
        "on to the foot of the page where the\n"
        "\n \n"
        "1 Casier 2018, p. 207.\n"
        "2 Clunan 2018, pp. 46–48. A long note that\n"
        "continues on the next line.\n"
        " notes interrupt it, and then it ends.2\n"
    )
    document = make(text)
    assert words_of(document) == [
        "A claim that runs across the page, and the sentence carries on to the foot of the page where the "
        "notes interrupt it, and then it ends."
    ]
    assert labels(document.blocks[0]) == ["1", "2"]
    assert document.notes["2"].text == "Clunan 2018, pp. 46–48. A long note that continues on the next line."
    assert document.problems == []


def test_number_inside_note_is_continuation_not_a_new_note(make):
    text = (
        "Text with a marker.1 More text.2 And more.3\n\n \n"
        "1 Approved by the President on\n"
        "3 February 2013 and amended later.\n"
        "2 The real second note.\n"
        "3 The third note.\n"
    )
    document = make(text)
    assert document.notes["1"].text == "Approved by the President on 3 February 2013 and amended later."
    assert document.notes["2"].text == "The real second note."
    assert document.notes["3"].text == "The third note."
    assert document.problems == []


def test_lettered_inline_note_block(make):
    text = (
        f"{FULL}\nThe crisis began in 2014.a Then it spread.\n\n"
        "a The crisis in Ukraine can be traced to November 2013 when talks\n"
        "collapsed.\n"
        " Later text on a new page.\n"
    )
    document = make(text)
    assert document.notes["a"].text == "The crisis in Ukraine can be traced to November 2013 when talks collapsed."
    assert labels(document.blocks[0]) == ["a"]
    assert "crisis began in 2014. Then" in document.blocks[0].text
    assert words_of(document)[-1] == "Later text on a new page."


def test_lettered_marker_glued_to_a_word(make):
    text = (
        "Coordination on the Middle Eastb and Ukraine. The East matters.\n\n"
        "b Both are signatories to the deal.\n"
    )
    document = make(text.replace("Eastb", "Easta").replace("b Both", "a Both"))
    assert labels(document.blocks[0]) == ["a"]
    assert document.blocks[0].text.startswith("Coordination on the Middle East and Ukraine.")


def test_pull_quote_that_repeats_the_body_is_set_aside(make):
    body = (
        f"{FULL}\nThere is also a sense in Russia that the EU will never recognise\n"
        "Crimea as part of Russia and that sanctions will remain for the long-term.\n\n"
        "There is a sense in\nRussia that the EU\nwill never recognise\nCrimea as part of\nRussia and that\n\n"
        "sanctions will remain\nfor a long time.\n"
        " Next page starts here.\n"
    )
    document = make(body)
    quotes = [b.text for b in document.blocks if b.kind == "pull_quote"]
    assert quotes == ["There is a sense in Russia that the EU will never recognise Crimea as part of Russia and that",
                      "sanctions will remain for a long time."]
    assert all("There is a sense in Russia" not in p for p in words_of(document))


def test_a_sentence_set_apart_again_is_a_pull_quote_and_one_that_only_begins_alike_is_not(make):
    """A short block whose words stand, whole, in a paragraph nearby repeats it: a pull quote. One whose
    sentence ends where the paragraph's goes on (``… the winter timetable.`` / ``… the winter timetable
    of the northern route.``) is a paragraph of its own."""
    paragraph = ("The island council asked the ferry board to publish the winter timetable of the northern route\n"
                 "before the end of August. The board said that the new boat would not be ready in time.\n\n")
    repeated = make(paragraph + "The board said that the new boat would not be ready in time.\n")
    assert [b.text for b in repeated.blocks if b.kind == "pull_quote"] == [
        "The board said that the new boat would not be ready in time."]
    alike = make(paragraph + "The island council asked the ferry board to publish the winter timetable.\n")
    assert not [b for b in alike.blocks if b.kind == "pull_quote"]
    assert words_of(alike)[-1] == "The island council asked the ferry board to publish the winter timetable."


def test_narrow_body_column_with_a_marker_is_not_a_pull_quote(make):
    text = (
        f"{FULL}\n{FULL} ends here.\n\n"
        "Given that the policy prescriptions\nare not new in nature, they are not\n"
        "expected to help in the short term.1\n\n"
        "Text elsewhere.\n\n \n1 A note.\n"
    )
    document = make(text)
    assert not [b for b in document.blocks if b.kind == "pull_quote"]
    assert any(p.startswith("Given that the policy prescriptions") for p in words_of(document))


def test_figure_caption_and_source_marker_out_of_order(make):
    text = (
        "Body with marker 1 here.1\n\n"
        " Figure 1: \nExpansion of  the EU (till 2013)\n\nSource: Spyros Soldatos3\n\n"
        "Body continues with the next marker.2 And another.4\n\n \n"
        "1 One.\n2 Two.\n3 Three.\n4 Four.\n"
    )
    document = make(text)
    figures = [b for b in document.blocks if b.kind == "figure"]
    assert [f.caption for f in figures] == ["Figure 1: Expansion of the EU (till 2013)"]
    assert figures[0].text == "Source: Spyros Soldatos"
    assert labels(figures[0]) == ["3"]
    assert [labels(b) for b in document.blocks if b.kind == "paragraph"] == [["1"], ["2", "4"]]
    assert document.problems == []


def test_l_tab_bullets_become_list_items(make):
    text = "The suggestions include:\n\nl\tGradually restart dialogue at\n\nministerial level.\n\nl\tAdopt flexible sanctions.\n"
    document = make(text)
    items = [(b.text, b.label, b.depth) for b in document.blocks if b.kind == "list_item"]
    assert items == [("Gradually restart dialogue at ministerial level.", "", 1), ("Adopt flexible sanctions.", "", 1)]


def test_url_line_echoing_a_note_is_dropped_other_urls_kept(make):
    text = (
        "See the site.1 More.\n\n \n"
        "1 Video available at:\nwww.osce.org/secretary-general/465549\n\n"
        "https://www.osce.org/secretary-general/465549\n"
        "https://example.org/not-in-a-note\n"
    )
    document = make(text)
    assert document.stats["echoed_urls"] == 1
    assert "https://example.org/not-in-a-note" in " ".join(words_of(document))


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["the EU-", "Russia relationship"], "the EU-Russia relationship"),
        (["over-", "dependence on China"], "over-dependence on China"),
        (["a sentence", "continues"], "a sentence continues"),
    ],
)
def test_join_lines_keeps_compound_hyphens(lines, joined):
    assert join_lines(lines) == joined


def test_soft_hyphen_is_mended_only_when_the_whole_word_occurs_elsewhere(make):
    text = "The organisation grew. Later the organi-\nsation shrank and the EU-\nRussia talks stalled.\n"
    document = make(text)
    assert words_of(document) == ["The organisation grew. Later the organisation shrank and the EU-Russia talks stalled."]


def test_headings_numbered_unnumbered_and_lettered(make):
    text = (
        "Introduction\n\nFirst paragraph of the paper.\n\n"
        "1. Russia’s multilateralism: conceptualisation and goals\n\nA paragraph.\n\n"
        "a) The EU and Russia share a genuine interest in sustainable results.\n\nAnother paragraph.\n\n"
        "Abstract\nThe end of the Cold War in 1991 presented an opportunity.\n"
    )
    document = make(text)
    headings = [(b.level, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings == [
        (2, "Introduction"),
        (2, "1. Russia’s multilateralism: conceptualisation and goals"),
        (3, "a) The EU and Russia share a genuine interest in sustainable results."),
        (2, "Abstract"),
    ]
    assert words_of(document)[-1] == "The end of the Cold War in 1991 presented an opportunity."


def test_paragraph_rejoined_across_page_break_when_line_is_full(make):
    full_line = "x" * 60 + " and the sentence ends exactly at the margin."
    text = f"{full_line}\n{full_line}\n Next page opens a new sentence of the same paragraph.\n"
    document = make(text)
    assert len(words_of(document)) == 1


def test_new_paragraph_after_page_break_when_last_line_is_short(make):
    text = f"{FULL}\nShort last line.\n Next page starts a new paragraph.\n"
    document = make(text)
    assert len(words_of(document)) == 2


def test_page_number_inside_a_running_paragraph_becomes_an_inline_mark(make):
    text = (
        "A sentence that does not end at the foot of the\n\n\n"
        "A Test Paper Running Head\nAnn Author\n\n7\n\n"
        "page but carries on here.\n\n\nA Test Paper Running Head\nAnn Author\n\n8\n\nEnd.\n"
    )
    document = make(text)
    first = document.blocks[0]
    assert first.text == "A sentence that does not end at the foot of the page but carries on here."
    assert PageMark("7") in first.inlines


def test_declared_lost_lines_become_a_gap(make):
    meta = META + 'defects:\n  lost_lines:\n    - after: "needs to be revived. In"\n      note: "Lines lost."\n'
    text = f"{FULL}\nThe relationship needs to be revived. In\n Despite deriving value, they drifted.\n"
    document = make(text, meta)
    kinds = [b.kind for b in document.blocks]
    assert kinds == ["paragraph", "gap", "paragraph"]
    assert document.blocks[1].caption == "Lines lost."
    assert document.problems == []


def test_undeclared_page_opening_mid_sentence_is_a_problem(make):
    text = f"{FULL}\nThey failed to deal with their rift.\n guiding principles underlying the policy.\n"
    document = make(text)
    assert "page opens mid-sentence" in messages(document)
    assert ":3:" in messages(document)


def test_source_text_is_never_interpreted_as_markup(make):
    document = make("A *starred* <script>alert(1)</script> & [link](x) text.\n")
    assert document.blocks[0].text == "A *starred* <script>alert(1)</script> & [link](x) text."


def test_indented_quotation_after_an_open_sentence_is_a_block_quote(make):
    wide = [f"{n} " + "w" * 88 for n in range(2)]
    quote = [f"{n} " + "q" * 73 for n in range(3)]
    text = (
        f"{wide[0]}\n{wide[1]}\nand describing it as the promotion of\n\n"
        f"{quote[0]}\n{quote[1]}\n{quote[2]}\nend of the quotation.1\n\n"
        f"In 2020 the minister said the same.\n\n \n1 A note.\n"
    )
    document = make(text)
    kinds = [b.kind for b in document.blocks]
    assert kinds == ["paragraph", "quote", "paragraph"]
    assert document.blocks[1].text.endswith("end of the quotation.")
    assert all(b.is_body for b in document.blocks)


def test_narrow_page_opening_after_a_finished_sentence_is_not_a_quote(make):
    wide = [f"{n} " + "w" * 88 for n in range(2)]
    narrow = [f"{n} " + "n" * 73 for n in range(3)]
    text = f"{wide[0]}\n{wide[1]}\nA finished sentence.\n {narrow[0]}\n{narrow[1]}\n{narrow[2]}\nend.\n"
    document = make(text)
    assert [b.kind for b in document.blocks] == ["paragraph", "paragraph"]


def test_backward_scans_mean_what_their_regexes_meant():
    """word_before, _token_before, _glued_number_before, clean_part, hyphenated_words and DIGIT_RUN
    replace regexes that were slow on long texts (and Text.line_at a linear scan); on any string, with
    Unicode spaces, digits and marks, they must answer as the regexes did."""
    import random
    import re

    from scholion.text.hyphens import hyphenated_words, word_before
    from scholion.text.layout import _glued_number_before, clean_part
    from scholion.text.notes import DIGIT_RUN, _token_before, Text

    def glued_by_regex(text: str, label: str) -> bool:
        return re.search(rf"[^\s\d–\-/(€$]{re.escape(label)}(?!\d)|\d{re.escape(label)}(?=[\s,.;:)]|$)", text) is not None

    pieces = [*"ab1 2_-–/(€$,.;:)*”’]", "\u00a0", "\u2009", "é", "\u0301", "٣", "Ⅻ", "\t", "12", "a-b", "1,23"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        end = rng.randint(0, len(text))
        assert word_before(text, end) == re.search(r"(\w*)$", text[:end]).group(1), (text, end)
        assert _token_before(text, end) == re.search(r"\S*$", text[:end]).group(0), (text, end)
        label = rng.choice(["1", "2", "12", "a", "*"])
        assert _glued_number_before(text, label) == glued_by_regex(text, label), (text, label)
        assert clean_part(text) == re.sub(r" {2,}", " ", text.replace("\t", " ")).strip(), text
        assert hyphenated_words(text) == {word.lower() for word in re.findall(r"\w+-\w+", text)}, text
        assert [m.span() for m in DIGIT_RUN.finditer(text)] == [
            m.span() for m in re.finditer(r"(?<=\S)(\d{1,3}(?:,\d{1,3})*)(?=[\s,.;:)\]”’]|$)", text)], text
        starts = sorted(rng.sample(range(40), rng.randint(1, 5)))
        joined = Text(text, [(start, line) for line, start in enumerate(starts, 1)], [])
        offset = rng.randint(0, 40)
        assert joined.line_at(offset) == max([n for s, n in joined.starts if s <= offset], default=1), (starts, offset)
