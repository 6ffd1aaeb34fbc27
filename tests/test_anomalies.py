"""Signs of a misread text (scholion.text.anomalies): each a warning with file and line, so a strict build
fails where the reader may have lost or mixed words; and the marker message that does not send a
contributor the wrong way."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scholion.text.ingest import load_document
from sitebuild import ROOT, build_site

META = 'title: "Harbour Dues in the North"\nauthors: [Ann Author]\nyear: 2021\n'
PROSE = ("The harbour authority raised its dues twice in five years, and the shipowners who use the port most\n"
         "often told us that the second rise changed where they chose to call during the winter months.")

OTHER = ("The pilots, for their part, accepted the new tariff without much complaint, because the fees they\n"
         "are paid did not change, and the tugs that assist the largest ships are run by another company.")

# name → (extract, the line the warning must name, its code)
CASES = {
    "page-number-in-paragraph": (
        f"{PROSE}\n\nThe pilots, for their part, accepted the new tariff without much complaint, because\n7\n"
        "the fees they are paid did not change at all.\n", 5, "text.page-number-in-paragraph"),
    "head-in-paragraph": (
        f"{PROSE}\n\nThe pilots, for their part, accepted the new tariff without much complaint, because\n"
        "NORTHERN PORTS AND PILOTS\nthe fees they are paid did not change at all.\n", 5, "text.head-in-paragraph"),
    "long-heading": (
        f"{PROSE}\n\nThe Long Dispute Between The Port And Its Pilots Over Who Should Pay For The New Ice Breaker Escort\n\n"
        f"{PROSE}\n", 4, "text.long-heading"),
    "repeated-line": (
        f"{PROSE}\n\nThe first rise came in spring, when the authority\n12 northern ports review of the year\n"
        "set out its plans.\n\nThe second rise followed in autumn, after the\n12 northern ports review of the year\n"
        "winter season was announced.\n", 5, "text.repeated-line"),
    "note-in-body": (
        f"{PROSE}1\n\nSources and comments\n\n1 Interview with a shipowner, Tromsø, May 2020.\n\nConclusion\n\n"
        "The dues will rise again next year, and the pilots expect to be asked to pay a share of them.\n", 2,
        "notes.note-in-body"),
    "marker-gap": (
        f"{PROSE}1 And a second claim follows.3\n\n____\n1 First note.\n3 Third note.\n", None, ""),
}


def make(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "harbour-dues-2021"
    folder.mkdir()
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "source.yml").write_text(META, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", [name for name in CASES if CASES[name][2]])
def test_each_sign_of_a_misread_is_a_warning_with_its_line(tmp_path, name):
    text, line, code = CASES[name]
    document = load_document(make(tmp_path, text))
    found = [(p.line, p.severity) for p in document.problems if p.code == code]
    assert found == [(line, "warning")], [str(p) for p in document.problems]


def test_a_gap_in_the_marker_sequence_is_a_warning(tmp_path):
    document = load_document(make(tmp_path, CASES["marker-gap"][0]))
    assert any("note marker 2 was not found" in p.message for p in document.problems), [str(p) for p in document.problems]


def test_a_marker_whose_note_is_in_the_body_is_not_told_to_declare_it_missing(tmp_path):
    document = load_document(make(tmp_path, CASES["note-in-body"][0]))
    messages = " ".join(p.message for p in document.problems)
    assert "notes were read as body text" in messages and "defects.missing_notes" not in messages


def test_a_clean_text_has_no_such_warning(tmp_path):
    document = load_document(make(tmp_path, f"{PROSE}\n\n{OTHER}\n"))
    assert [p for p in document.problems if p.code.startswith(("text.", "notes."))] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in CASES if CASES[name][2]])
def test_a_strict_build_fails_naming_file_and_line(tmp_path, name):
    text, line, _ = CASES[name]
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "sources").mkdir()
    make(project / "sources", text)
    result = build_site(project, tmp_path / "site", strict=True)
    assert not result.ok, result.output
    assert f"harbour-dues-2021/source.txt:{line}:" in result.output
    assert "Traceback" not in result.output
