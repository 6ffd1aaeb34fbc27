"""Notes the extract lost: quiet on the page, and suppliable by contributors with their provenance."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scholion.pages.reading import text_page
from scholion.text.corpus import parse_text

META = 'title: "Harbour Dues in the Baltic"\nauthors: [Mira Tamm]\nyear: 2019\n'
BODY = """\
Harbour dues rose twice in the decade before the reform.1 The second rise came without notice.2
Shipowners answered by moving their winter berths to smaller ports along the coast.3 Some of
those ports had no customs office at all.4 The ministry counted the losses only later.5

Its report of 2016 blamed the weather rather than the dues.6 Nobody believed it.7

1 Port Authority, Annual Tariff Review (Tallinn, 2012), p. 4.
6 Ministry of Economic Affairs, Winter Shipping Report (Tallinn, 2016).
"""
MISSING = "defects:\n  missing_notes: [2, 3, 4, 5, 7]\n"


@pytest.fixture
def folder(tmp_path: Path):
    def make(supplied: str | None, meta: str = META + MISSING) -> Path:
        path = tmp_path / "tamm-2019"
        path.mkdir(exist_ok=True)
        (path / "source.txt").write_text(BODY, encoding="utf-8")
        (path / "source.yml").write_text(meta, encoding="utf-8")
        if supplied is not None:
            (path / "supplied_notes.yml").write_text(supplied, encoding="utf-8")
        return path

    return make


SUPPLIED = """\
- note: 3
  text: "Eleven ships moved to Paldiski in the winter of 2013 <script>window.__xss = 1</script>."
  source: "the printed report, p. 12"
  added_by: "Kadri Ots"
"""


def test_a_supplied_note_gets_its_text_and_provenance(folder):
    text = parse_text(folder(SUPPLIED))
    assert text.problems == []
    note = text.document.notes["3"]
    assert note.status == "supplied" and note.text.startswith("Eleven ships moved to Paldiski")
    assert (note.supplement.source, note.supplement.added_by, note.supplement.line) == (
        "the printed report, p. 12", "Kadri Ots", 1)
    stats = text.document.stats
    assert (stats["notes_missing"], stats["notes_supplied"]) == (4, 1)


def test_the_page_shows_a_supplement_apart_from_the_source_notes(folder):
    soup = BeautifulSoup(text_page(parse_text(folder(SUPPLIED))).html, "html.parser")
    supplied = soup.find(id="n3")
    assert "note-supplied" in supplied["class"]
    assert supplied.select_one(".note-supplement-label").get_text() == "Editorial supplement:"
    provenance = supplied.select_one(".note-provenance").get_text()
    assert "the printed report, p. 12" in provenance and "Kadri Ots" in provenance
    assert supplied.find("script") is None and "<script>" in supplied.get_text()  # text, never markup
    marker = soup.select_one('a[href="#n3"]')
    assert "note-ref-supplied" in marker["class"] and "supplied by the editors" in marker["aria-label"]
    # The source's own notes are shown as before.
    assert soup.find(id="n1")["class"] == ["note", "note-full"]


def test_runs_of_missing_notes_collapse_into_one_line_and_keep_every_id(folder):
    soup = BeautifulSoup(text_page(parse_text(folder(None))).html, "html.parser")
    items = soup.select("div.notes li")
    assert [item.get_text(" ", strip=True).removesuffix(" ↩") for item in items] == [
        "Port Authority, Annual Tariff Review (Tallinn, 2012), p. 4.",
        "Notes 2–5: text not in the source extract.",
        "Ministry of Economic Affairs, Winter Shipping Report (Tallinn, 2016).",
        "Note text not in the source extract.",
    ]
    ids = {element["id"] for element in soup.select("[id]")}
    assert {f"n{label}" for label in range(1, 8)} <= ids
    missing = soup.select("a.note-ref-missing")
    assert [a["href"] for a in missing] == ["#n2", "#n3", "#n4", "#n5", "#n7"]
    assert all(a["aria-label"] == f"Note {a.get_text()}: text not in the source extract" for a in missing)
    assert [a["href"] for a in soup.select("a.footnote-ref")] == ["#n1", "#n6"]  # only these get a note popup


def test_supplying_a_note_in_the_middle_splits_the_run(folder):
    soup = BeautifulSoup(text_page(parse_text(folder(SUPPLIED))).html, "html.parser")
    texts = [item.get_text(" ", strip=True) for item in soup.select("div.notes li")]
    assert texts[1].startswith("Note text not in the source extract")  # note 2 alone
    assert texts[2].startswith("Editorial supplement:")
    assert texts[3] == "Notes 4–5: text not in the source extract."


@pytest.mark.parametrize(("supplied", "line", "says"), [
    ('- note: 1\n  text: "x"\n  source: "y"\n  added_by: "z"\n', 1, "the extract has its text"),
    ('- note: 9\n  text: "x"\n  source: "y"\n  added_by: "z"\n', 1, "has no marker 9"),
    ('- note: 3\n  text: "x"\n  source: "y"\n  added_by: "z"\n' * 2, 5, "supplied twice (first on line 1)"),
    ('- note: 3\n  text: "x"\n  added_by: "z"\n', 1, "missing source"),
    ('- note: 3\n  text: "x"\n  source: "y"\n  added_by: "z"\n  adde_by: "w"\n', 5, "unknown field 'adde_by'"),
    ('note: 3\n', 1, "must be a YAML list"),
    ('- note: 3\n  text: [x]\n', 2, "'text' must be text"),
    ('- note: 3\n  text: "x\n', 3, "invalid YAML"),
])
def test_a_wrong_supplement_is_a_warning_at_its_line(folder, supplied, line, says):
    path = folder(supplied)
    problems = parse_text(path).problems
    assert problems, "a wrong supplement must be reported"
    assert any(p.file == path / "supplied_notes.yml" and p.line == line and says in p.message for p in problems), \
        "\n".join(map(str, problems))
