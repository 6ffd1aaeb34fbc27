"""Note markers found by expected order; gaps and orphans reported."""
from __future__ import annotations

import pytest

from scholion.text.model import NoteRef

from test_cleaning import META, make  # noqa: F401  (fixture)


def markers(document) -> list[str]:
    return [p.label for b in document.blocks for p in b.inlines if isinstance(p, NoteRef)]


def notes_block(*labels: str) -> str:
    return "\n \n" + "".join(f"{label} Note {label}.\n" for label in labels)


@pytest.mark.parametrize(
    ("body", "expected_text", "expected_markers"),
    [
        ("Policy since at least 1815, and then.1", "Policy since at least 1815, and then.", ["1"]),
        ("The end of the Cold War in 1991 came.1", "The end of the Cold War in 1991 came.", ["1"]),
        ("First.1 Signed the treaty (SALT1). Later.2", "First. Signed the treaty (SALT1). Later.", ["1", "2"]),
        ("In the years 1972–75 talks.1", "In the years 1972–75 talks.", ["1"]),
    ],
)
def test_numbers_that_are_not_markers(make, body, expected_text, expected_markers):
    document = make(body + "\n" + notes_block(*expected_markers))
    assert document.blocks[0].text == expected_text
    assert markers(document) == expected_markers


def test_marker_glued_to_an_acronym_and_to_g8(make):
    labels = [str(n) for n in range(1, 14)]
    lead = " ".join(f"w{n}.{n}" for n in range(1, 12))
    body = f"{lead} the EU, CSTO, CIS12 and OSCE. Russia is no longer a member of the G-813 and more."
    document = make(body + "\n" + notes_block(*labels))
    text = document.blocks[0].text
    assert "the EU, CSTO, CIS and OSCE" in text
    assert "member of the G-8 and more" in text
    assert markers(document)[-2:] == ["12", "13"]


def test_comma_separated_markers(make):
    labels = [str(n) for n in range(1, 12)]
    lead = " ".join(f"w.{n}" for n in range(1, 10))
    document = make(f"{lead} one after another10,11 on issues.\n" + notes_block(*labels))
    assert markers(document)[-2:] == ["10", "11"]
    assert "one after another on issues." in document.blocks[0].text


def test_marker_after_closing_quote_and_before_punctuation(make):
    document = make("the fraught state of relations”1 amid; truth”2, and UNECE3).\n" + notes_block("1", "2", "3"))
    assert markers(document) == ["1", "2", "3"]
    assert document.blocks[0].text == "the fraught state of relations” amid; truth”, and UNECE)."


def test_unmatched_marker_is_a_problem_until_declared(make):
    body = "One.1 Two.2\n" + notes_block("1")
    undeclared = make(body)
    assert any("note marker 2 has no note text" in p.message for p in undeclared.problems)
    declared = make(body, META + "defects:\n  missing_notes: [2]\n")
    assert declared.problems == []
    assert declared.notes["2"].status == "missing"


def test_declared_missing_note_that_has_text_is_a_problem(make):
    document = make("One.1\n" + notes_block("1"), META + "defects:\n  missing_notes: '1'\n")
    assert any("lists 1, but the extract has its text" in p.message for p in document.problems)


def test_orphan_note_body_is_a_problem(make):
    document = make("Text with no marker at all.\n\n \n1 A note nobody points to.\n")
    problems = " ".join(p.message for p in document.problems)
    assert "orphan note 1" in problems


def test_skipped_notes_and_page_opening_fragment(make):
    body = (
        "Marker one.1 Marker two.2 Marker three.3 Marker four.4\n\n \n1 First note.\n"
        " the end of a lost note 2.\n3 Third note.\n"
        " More body on the next page.\n\n \n4 Fourth.\n"
    )
    undeclared = make(body)
    assert "fragment of note 2" in " ".join(p.message for p in undeclared.problems)
    declared = make(body, META + "defects:\n  fragment_notes: [2]\n")
    assert declared.problems == []
    assert declared.notes["2"].status == "fragment"
    assert declared.notes["2"].text == "[…] the end of a lost note 2."
    assert declared.notes["3"].text == "Third note."
    assert [b.text for b in declared.blocks if b.kind == "paragraph"][-1] == "More body on the next page."
