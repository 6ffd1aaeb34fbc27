"""What extractors leave in a text besides its words: form feeds, symbol-font bullets, no-break
spaces, soft hyphens, ligatures, CRLF and a byte-order mark; and line-end hyphens."""
from __future__ import annotations

from pathlib import Path

import pytest

from scholion.text.characters import plain_lines
from scholion.text.hyphens import Hyphenation
from scholion.text.ingest import load_document
from scholion.text.layout import glue, split_lines

META = 'title: "A Test Paper"\nauthors: [Ann Author]\nyear: 2021\n'


def make(tmp_path: Path, data: bytes):
    folder = tmp_path / "test-2021"
    folder.mkdir()
    (folder / "source.txt").write_bytes(data)
    (folder / "source.yml").write_text(META, encoding="utf-8")
    return load_document(folder)


def body(document) -> list[str]:
    return [block.text for block in document.blocks if block.is_body]


def test_no_break_spaces_ligatures_and_inner_soft_hyphens_are_plain():
    text, problems = plain_lines("a\u00a0b\u202fc ﬁnal ﬂow oﬀer con\u00adcludes", Path("s.txt"))
    assert text == "a b c final flow offer concludes"
    assert problems == []


def test_a_soft_hyphen_at_a_line_end_joins_the_broken_word():
    text, _ = plain_lines("the agency con\u00ad\ncludes", Path("s.txt"))
    assert text == "the agency con\u00ad\ncludes"
    assert glue("the agency con\u00ad", "cludes") == "the agency concludes"


def test_symbol_font_bullets_become_bullets_and_unknown_private_use_is_kept_and_reported():
    text, problems = plain_lines("\uf0b7\tfirst\nplain\n\ue123 odd", Path("s.txt"))
    assert text.split("\n") == ["•\tfirst", "plain", "\ue123 odd"]
    assert [(p.line, p.code) for p in problems] == [(3, "text.private-use")]
    assert "U+E123" in problems[0].message


def test_form_feeds_start_pages_alone_or_before_a_line():
    lines = split_lines("one\n\ftwo\nthree\n\f\n\nfour\f")
    assert [(line.number, line.text, line.page_start) for line in lines] == [
        (1, "one", False), (2, "two", True), (3, "three", False), (5, "", False), (6, "four", True)]
    assert [(line.number, line.text, line.page_start) for line in split_lines("end of page\fnext page")] == [
        (1, "end of page", False), (1, "next page", True)]


def test_a_text_with_form_feeds_bom_crlf_and_word_bullets_makes_its_page(tmp_path):
    data = ("\ufeffFirst paragraph of the text ends here.\r\n\r\n"
            "\uf0b7\tA listed point\r\n\fSecond paragraph on the next page.\r\n").encode("utf-8")
    document = make(tmp_path, data)
    assert [p.message for p in document.problems] == []
    assert body(document) == ["First paragraph of the text ends here.", "A listed point",
                              "Second paragraph on the next page."]
    assert [block.kind for block in document.blocks if block.is_body] == ["paragraph", "list_item", "paragraph"]


@pytest.mark.parametrize(("left", "right", "words", "hyphenated", "broken"), [
    ("con", "cludes", set(), set(), True),  # the word list knows "concludes"; "cludes" is no word
    ("well", "known", set(), set(), False),  # "known" is a word of its own: doubtful, kept
    ("EU", "Russia", set(), set(), False),  # a capital after the hyphen: a compound
    ("re", "export", set(), set(), False),  # "reexport" is rare: kept
    ("re", "export", {"reexport"}, set(), True),  # the text writes it whole elsewhere
    ("con", "cludes", set(), {"con-cludes"}, False),  # the text writes it hyphenated elsewhere
    ("poli", "cymakers", set(), set(), True),
    ("co", "operation", set(), set(), False),  # "operation" is a commoner word than "cooperation": doubtful, kept
    ("1990", "s", set(), set(), False),
    ("agri", "culture", set(), set(), True),  # "agri" is no word of its own
    ("consider", "able", set(), set(), True),  # "able" here is a suffix
    ("neighbour", "ing", set(), set(), True),
    ("inter", "national", set(), set(), True),  # both words, but the joined one is as common as the second
    ("socio", "economic", set(), set(), False),  # "socioeconomic" is far rarer than "economic": kept
    ("post", "war", set(), set(), False),
    ("e", "mail", set(), set(), False),  # no typesetter leaves one letter before a break
])
def test_line_end_hyphens_are_dropped_only_for_a_broken_word(left, right, words, hyphenated, broken):
    assert Hyphenation(words, hyphenated).broken(left, right) is broken
    assert glue(f"text {left}-", f"{right} more", Hyphenation(words, hyphenated)) == (
        f"text {left}{right} more" if broken else f"text {left}-{right} more")


def test_list_items_in_every_common_form_keep_their_enumerators_and_nesting(tmp_path):
    text = ("The plan has three parts:\n"
            "(a) a first part that is long enough to wrap onto the next line of the printed\n"
            "page and carry on;\n"
            "(b) a second part, which has points of its own:\n"
            "    i. a nested point;\n"
            "    ii. another nested point;\n"
            "(c) a last part.\n"
            "The paragraph after the list starts here.\n\n"
            "Other bullets:\n"
            "▪ square\n"
            "- hyphen\n"
            "• round\n")
    document = make(tmp_path, text.encode("utf-8"))
    items = [(b.text, b.label, b.depth) for b in document.blocks if b.kind == "list_item"]
    assert items == [
        ("a first part that is long enough to wrap onto the next line of the printed page and carry on;", "(a)", 1),
        ("a second part, which has points of its own:", "(b)", 1),
        ("a nested point;", "i.", 2), ("another nested point;", "ii.", 2),
        ("a last part.", "(c)", 1),
        ("square", "", 1), ("hyphen", "", 1), ("round", "", 1)]
    assert "The paragraph after the list starts here." in body(document)


def test_a_run_in_enumeration_stays_one_paragraph(tmp_path):
    text = ("The council set out principles: (1) the first condition, which\n"
            "runs on; (2) a second one; and\n"
            "(3) a third that happens to start a line; (4) and a last one.\n")
    document = make(tmp_path, text.encode("utf-8"))
    assert [b.kind for b in document.blocks if b.is_body] == ["paragraph"]
