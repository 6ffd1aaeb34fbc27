"""What a contributor states in source.yml (``reading:``) where an extract's own evidence is not enough."""
from __future__ import annotations

from pathlib import Path

from scholion.text.ingest import load_document

META = 'title: "Harbour Dues in the North"\nauthors: [Ann Author]\nyear: 2021\n'
PROSE = ("The harbour authority raised its dues twice in five years, and the shipowners who use the port most\n"
         "often told us that the second rise changed where they chose to call during the winter months.")
OTHER = ("The pilots, for their part, accepted the new tariff without much complaint, because the fees they\n"
         "are paid did not change, and the tugs that assist the largest ships are run by another company.")


def make(tmp_path: Path, text: str, hints: str = "") -> Path:
    folder = tmp_path / "harbour-dues-2021"
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "source.yml").write_text(META + hints, encoding="utf-8")
    return folder


def body(document) -> list[str]:
    return [block.text for block in document.blocks if block.is_body]


def test_a_stated_running_head_is_furniture_even_printed_once(tmp_path):
    text = f"{PROSE}\n\nNORDIC PORTS QUARTERLY 14\n\n{OTHER}\n"
    plain = load_document(make(tmp_path / "a", text))
    assert any("NORDIC PORTS QUARTERLY" in b.text for b in plain.blocks)  # once only: no evidence of furniture
    hinted = load_document(make(tmp_path / "b", text, "reading:\n  running_heads: [Nordic Ports Quarterly]\n"))
    assert not any("NORDIC PORTS QUARTERLY" in b.text for b in hinted.blocks)
    assert hinted.set_aside[4] == "running head or footer"
    assert [p for p in hinted.problems if p.severity == "warning"] == []


def test_a_stated_notes_heading_collects_the_endnotes(tmp_path):
    text = f"{PROSE}1\n\n{OTHER}2\n\nSources and comments\n\n1 Interview with a shipowner, May 2020.\n2 Port tariff, 2019.\n"
    document = load_document(make(tmp_path, text, "reading:\n  notes_heading: Sources and comments\n"))
    assert {label: note.text for label, note in document.notes.items()} == {
        "1": "Interview with a shipowner, May 2020.", "2": "Port tariff, 2019."}
    assert len(body(document)) == 2 and document.layout["notes"] == "endnotes"


def test_a_stated_body_start_makes_everything_before_it_front_matter(tmp_path):
    text = f"Nordic Ports Institute\nWorking paper 7. Not for citation.\n\n{PROSE}\n\n{OTHER}\n"
    plain = load_document(make(tmp_path / "a", text))
    assert "Working paper 7. Not for citation." in body(plain)  # it ends a sentence: read as the body's start
    hinted = load_document(make(tmp_path / "b", text, 'reading:\n  body_starts: "The harbour authority raised"\n'))
    assert [b.kind for b in hinted.blocks][:2] == ["front", "front"]
    assert body(hinted)[0].startswith("The harbour authority raised")


def test_a_hint_that_matches_nothing_is_an_error_at_its_line(tmp_path):
    hints = ('reading:\n  body_starts: "Words nowhere in the text"\n  running_heads:\n    - NO SUCH HEAD\n'
             '  notes_heading: No such heading\n')
    document = load_document(make(tmp_path, f"{PROSE}\n", hints))
    found = sorted((p.line, p.code) for p in document.problems)
    assert found == [(5, "source-meta.hint-unmatched"), (7, "source-meta.hint-unmatched"), (8, "source-meta.hint-unmatched")]
    assert all(p.file.name == "source.yml" for p in document.problems)


def test_an_unknown_hint_is_reported_with_a_suggestion(tmp_path):
    document = load_document(make(tmp_path, f"{PROSE}\n", "reading:\n  running_head: [X]\n"))
    messages = [str(p) for p in document.problems]
    assert any("source.yml:5" in m and "running_heads" in m for m in messages), messages
