"""The extract fixtures (``tests/fixtures/extracts/``) read exactly as their hand-checked truth says.

Each fixture is a short extract in a different mix of layouts (form feeds, running heads and
footers, footnotes and endnotes, marker styles, lists, tables, boxes…); its ``truth.yml`` gives
every block, note, front-matter line and furniture line. ``extract_truth.py`` does the
comparing; run ``python tests/extract_truth.py [slug…]`` for the same findings as a report.

One test per fixture and per concern, so that a failure says what is wrong, not just "differs":

* ``test_reads_as_truth``: the block sequence (kind, text with markers, level, depth, label,
  captions, table rows) and the notes, exactly;
* ``test_every_body_sentence_once_in_order``;
* ``test_markers_after_the_right_word_and_linked``;
* ``test_notes_whole``;
* ``test_no_furniture_in_text`` / ``test_no_front_matter_in_body``;
* ``test_makes_blocks`` / ``test_no_unexpected_warnings`` (only those under ``expected_warnings:``).
"""
from __future__ import annotations

import pytest

import extract_truth as et

SLUGS = et.fixture_slugs()


def _fail(differences: list[et.Difference], slug: str, what: str) -> None:
    if differences:
        lines = "\n".join(f"  - {d.message}" for d in differences)
        pytest.fail(f"{slug}: {len(differences)} {what}:\n{lines}", pytrace=False)


def _read(slug: str):
    """The fixture read; a check of the text fails, rather than passes vacuously, when there is no text."""
    truth, rendered, document = et.read_fixture(slug)
    if not rendered.blocks:
        problems = "; ".join(str(p) for p in document.problems[:3])
        pytest.fail(f"{slug}: nothing to check, the reader made no blocks ({problems})", pytrace=False)
    return truth, rendered, document


def test_there_are_fixtures() -> None:
    assert len(SLUGS) >= 10, SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_reads_as_truth(slug: str) -> None:
    truth, rendered, _ = et.read_fixture(slug)
    _fail(et.compare(truth, rendered), slug, "differences from truth.yml (blocks and notes)")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_body_sentence_once_in_order(slug: str) -> None:
    truth, rendered, _ = _read(slug)
    _fail(et.check_sentences(truth.blocks, rendered.blocks), slug, "body sentences not read exactly once, in order")


@pytest.mark.parametrize("slug", SLUGS)
def test_markers_after_the_right_word_and_linked(slug: str) -> None:
    truth, rendered, _ = _read(slug)
    _fail(et.check_markers(truth, rendered), slug, "note markers misplaced, invented, lost or unlinked")


@pytest.mark.parametrize("slug", SLUGS)
def test_notes_whole(slug: str) -> None:
    truth, rendered, _ = et.read_fixture(slug)
    _fail(et.compare_notes(truth.notes, rendered.notes, rendered.note_status), slug, "notes not read whole")


@pytest.mark.parametrize("slug", SLUGS)
def test_no_furniture_in_text(slug: str) -> None:
    truth, rendered, _ = _read(slug)
    _fail(et.check_furniture(truth, rendered), slug, "running heads, footers or page numbers inside blocks or notes")


@pytest.mark.parametrize("slug", SLUGS)
def test_no_front_matter_in_body(slug: str) -> None:
    truth, rendered, _ = _read(slug)
    _fail(et.check_front(truth, rendered), slug, "front-matter lines in the body")


@pytest.mark.parametrize("slug", SLUGS)
def test_makes_blocks(slug: str) -> None:
    _, rendered, document = et.read_fixture(slug)
    problems = "\n".join(f"  {p}" for p in document.problems)
    assert rendered.blocks, f"{slug}: the reader made no blocks at all; its problems:\n{problems}"


@pytest.mark.parametrize("slug", SLUGS)
def test_no_unexpected_warnings(slug: str) -> None:
    truth, rendered, _ = et.read_fixture(slug)
    _fail(et.check_warnings(truth, rendered), slug, "warnings that truth.yml does not declare under expected_warnings")
