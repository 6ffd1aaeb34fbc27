"""The audit of a text: every line of its extract beside what became of it (scholion.text.audit)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scholion.text.audit import audit, unread_lines
from scholion.text.corpus import parse_text
from scholion.text.model import Block, Document, Note

FIXTURES = Path(__file__).parent / "fixtures" / "extracts"
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ROOT = Path(__file__).parent.parent


def _raw(folder: Path) -> str:
    return (folder / "source.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n")


TEXTS = sorted(folder for parent in (FIXTURES, ARTICLES, ROOT / "sources") for folder in parent.iterdir() if folder.is_dir())


@pytest.mark.parametrize("folder", TEXTS, ids=lambda folder: folder.name)
def test_every_line_with_words_is_read_or_set_aside(folder):
    text = parse_text(folder)
    lines = audit(text.document, _raw(folder))
    assert [line.number for line in lines if line.role == "UNREAD"] == []
    assert all(line.role for line in lines if line.text.strip())


def test_furniture_and_notes_are_named_in_the_audit():
    folder = FIXTURES / "urban-transport-2023"
    roles = {line.text.strip(): line.role for line in audit(parse_text(folder).document, _raw(folder))}
    assert roles["Page 2 of 4"] == "running head or footer"
    assert roles["———"] == "rule above notes"
    assert roles["1 Corrin City Region Combined Authority, Mayoral Manifesto Delivery Plan, May 2019."] == "note 1"
    assert roles["2.1 Ridership"] == "heading (level 3)"
    assert roles["Table 1 – Annual trips by mode (millions)"] == "table"
    assert roles["INSTITUTE FOR URBAN MOBILITY"] == "front matter"
    assert any(role.startswith("paragraph ¶") for role in roles.values())


def test_a_line_nothing_read_is_reported_with_its_line():
    document = Document("t", {}, [Block("paragraph", ["First words."], 1, anchor="p1", source_lines=(1,))],
                        {"1": Note("1", "A note.", 3, source_lines=(3,))})
    text = "First words.\nWords nothing took.\n1 A note.\n\n"
    lines = audit(document, text)
    assert [(line.number, line.role) for line in lines] == [(1, "paragraph ¶1"), (2, "UNREAD"), (3, "note 1"), (4, ""), (5, "")]
    problems = unread_lines(document, text, Path("source.txt"))
    assert [(p.line, p.code, p.severity) for p in problems] == [(2, "text.unread-line", "warning")]
    assert "Words nothing took." in problems[0].message


def test_the_audit_runs_from_the_command_line():
    folder = FIXTURES / "water-allocation-2022"
    result = subprocess.run([sys.executable, "-m", "scholion.text.audit", str(folder)], capture_output=True, text=True,
                            check=True)
    rows = result.stdout.splitlines()
    assert len(rows) == len(_raw(folder).split("\n"))
    assert any("running head or footer" in row and "Policy Brief | April 2022 | 1" in row for row in rows)
    assert any("note 1" in row for row in rows)
    assert "UNREAD" not in result.stdout


@pytest.mark.parametrize(("slug", "found"), [
    ("arctic-shipping-2022", {"page breaks": "form feeds", "notes": "footnotes", "markers": "glued", "page numbers": "none"}),
    ("water-allocation-2022", {"page breaks": "none shown", "notes": "endnotes", "markers": "superscript"}),
    ("hospital-procurement-2020", {"heads and footers": "none", "notes": "endnotes", "markers": "bracketed"}),
    ("trade-remedies-2019", {"page numbers": "yes", "notes": "footnotes"}),
])
def test_the_build_summary_names_the_layout_found(slug, found):
    from scholion.text.corpus import summary_line

    text = parse_text(FIXTURES / slug)
    assert {key: text.document.layout[key] for key in found} == found
    assert all(f"{key}: {value}" in summary_line(text) for key, value in found.items())
