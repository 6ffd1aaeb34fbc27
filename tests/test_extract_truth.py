"""The yardstick itself: extract_truth finds nothing wrong with a perfect reading, and names each
kind of misreading when one is planted. (These tests do not run the reader.)"""
from __future__ import annotations

import dataclasses

import pytest

import extract_truth as et

SLUGS = et.fixture_slugs()


def perfect(truth: et.Truth) -> et.Rendered:
    """What a reader that got everything right would render."""
    return et.Rendered(list(truth.front), list(truth.blocks), dict(truth.notes), {}, [])


def everything(truth: et.Truth, rendered: et.Rendered) -> list[et.Difference]:
    return [d for check in et.CHECKS.values() for d in check(truth, rendered)]


def messages(differences: list[et.Difference], category: str | None = None) -> str:
    return "\n".join(d.message for d in differences if category is None or d.category == category)


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_against_itself_has_no_differences(slug: str) -> None:
    truth = et.load_truth(et.FIXTURES / slug)
    assert everything(truth, perfect(truth)) == []


@pytest.fixture
def water() -> et.Truth:
    return et.load_truth(et.FIXTURES / "water-allocation-2022")


def index_of(truth: et.Truth, start: str) -> int:
    return next(n for n, b in enumerate(truth.blocks) if b.text.startswith(start))


def test_furniture_inside_a_paragraph(water: et.Truth) -> None:
    got = perfect(water)
    n = index_of(water, "Figure 1 shows")
    block = got.blocks[n]
    got.blocks[n] = dataclasses.replace(block, text=block.text.replace("become the normal", "become the Policy Brief | April 2022 | 2 normal"))
    found = everything(water, got)
    assert "furniture 'Policy Brief | April 2022 | 2' found inside paragraph" in messages(found, "furniture")
    assert f"block {n + 1} (paragraph" in messages(found, "blocks")
    assert "extra ' Policy Brief | April 2022 | 2'" in messages(found, "blocks")


def test_two_paragraphs_merged(water: et.Truth) -> None:
    got = perfect(water)
    n = index_of(water, "The Serra is a short river")
    merged = dataclasses.replace(got.blocks[n], text=got.blocks[n].text + " " + got.blocks[n + 1].text)
    got.blocks[n:n + 2] = [merged]
    text = messages(et.compare(water, got))
    assert f"blocks {n + 1}–{n + 2} came out as one paragraph" in text


def test_paragraph_split(water: et.Truth) -> None:
    got = perfect(water)
    n = index_of(water, "The basin plan of 2009")
    text = got.blocks[n].text
    cut = text.index("assumes that each") + len("assumes that each")
    got.blocks[n:n + 1] = [dataclasses.replace(got.blocks[n], text=text[:cut]), dataclasses.replace(got.blocks[n], text=text[cut + 1:])]
    found = everything(water, got)
    assert f"block {n + 1}: paragraph" in messages(found, "blocks") and "split into 2 blocks" in messages(found, "blocks")
    assert "is split across two body blocks" in messages(found, "sentences")


def test_kind_level_depth_label(water: et.Truth) -> None:
    got = perfect(water)
    h = index_of(water, "Options for Reform")
    li = index_of(water, "keeping proportional cuts")
    got.blocks[h] = dataclasses.replace(got.blocks[h], level=3)
    got.blocks[li] = dataclasses.replace(got.blocks[li], depth=2, label="(a)")
    got.blocks[0] = dataclasses.replace(got.blocks[0], kind="paragraph", level=None)
    text = messages(et.compare(water, got))
    assert f"block {h + 1} (heading 'Options for Reform'): expected level 2, got level 3" in text
    assert f"expected depth 1, got depth 2" in text and "expected label '', got label '(a)'" in text
    assert "block 1: expected heading (level 2) 'Key Messages', got paragraph 'Key Messages'" in text


def test_whitespace_is_not_normalised(water: et.Truth) -> None:
    got = perfect(water)
    n = index_of(water, "The basin authority should")
    got.blocks[n] = dataclasses.replace(got.blocks[n], text=got.blocks[n].text.replace("USD 2.3", "USD\u00a02.3"))
    assert "⟨NBSP⟩" in messages(et.compare(water, got))


def test_marker_moved_invented_and_unlinked(water: et.Truth) -> None:
    got = perfect(water)
    n = index_of(water, "The Serra is a short river")
    text = got.blocks[n].text.replace("years.[^1] Until", "years. Until").replace("by 3.5 per", "by 3.[^1]5 per")
    text = text.replace("Neither can", "Neither[^9] can")
    got.blocks[n] = dataclasses.replace(got.blocks[n], text=text)
    found = messages(et.check_markers(water, got))
    assert "marker [^1]: expected after 'recent years.' (block 6), got after 'by 3.'" in found
    assert "unexpected marker [^9] after 'it. Neither'" in found
    assert "marker [^9] after 'it. Neither' (got block 6) links to no note" in found


def test_note_not_whole_missing_extra_fragment(water: et.Truth) -> None:
    got = perfect(water)
    got.notes["7"] = "Authors’ estimate; the 2017 and 2019 drought losses are taken from the regional"
    del got.notes["3"]
    got.notes["8"] = "Policy Brief | April 2022 | 4"
    got.note_status["2"] = "fragment"
    found = messages(et.compare_notes(water.notes, got.notes, got.note_status))
    assert "note 7: expected" in found and "missing ' agriculture ministry’s damage assessments.'" in found
    assert "note 3: missing" in found and "note 8: not in the truth" in found
    assert "note 2: status 'fragment', expected 'full'" in found


def test_front_line_as_heading(water: et.Truth) -> None:
    got = perfect(water)
    got.blocks.insert(0, et.Item("heading", "Sharing a Shrinking River:", level=2))
    got.blocks.insert(1, et.Item("heading", "Drought Rules for the Serra Basin", level=2))
    got.blocks.append(et.Item("heading", "Endnotes", level=2))
    found = messages(et.check_front(water, got))
    assert "front line 'Sharing a Shrinking River: Drought Rules for the Serra Basin' became a body block (in part)" in found
    assert "notes heading 'Endnotes' became a body block" in found


def test_sentence_twice_and_out_of_order(water: et.Truth) -> None:
    got = perfect(water)
    a, b = index_of(water, "The Serra is a short river"), index_of(water, "This brief examines")
    got.blocks[a], got.blocks[b] = got.blocks[b], got.blocks[a]
    n = index_of(water, "The deeper problem")
    got.blocks.insert(n, et.Item("paragraph", "They also give licence holders no reason to save water in wet years, since savings are not carried over."))
    found = messages(et.check_sentences(water.blocks, got.blocks))
    assert "is out of order" in found
    assert "is in the body 2 times, expected 1" in found


def test_unexpected_warnings_only(water: et.Truth) -> None:
    got = perfect(water)
    got.warnings = ["source.txt:3: a lone page number inside a paragraph", "source.txt:9: something else"]
    water.expected_warnings = ["lone page number"]
    assert messages(et.check_warnings(water, got)) == "unexpected warning: source.txt:9: something else"
