"""A text's citation files for reference managers (``scholion.bib.exports``): BibTeX, RIS and CSL-JSON
of the text and the works it cites."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scholion.bib.bibtex import load_bibliography
from scholion.bib.citing import Publication, work_from_meta
from scholion.bib.exports import entry_bibtex, entry_csl, entry_ris, reference_files
from sitebuild import ROOT

HOSTILE = """@article{lee-2020,
  author = {Lee, Ann and {World Bank} and van der Berg, Jan},
  title = {Costs \\& 50\\% of {EU} budgets: <script>x</script> under\\_score},
  journal = {Review of Ports},
  year = {2020},
  volume = {3},
  number = {2},
  pages = {11--29},
  doi = {10.1000/xyz_123},
  url = {https://example.org/a?b=c&d=e},
}
"""


def _entries(folder: Path, text: str):
    (folder / "works.bib").write_text(text, encoding="utf-8")
    bibliography, problems = load_bibliography([folder / "works.bib"])
    assert problems == []
    return bibliography


def test_every_work_of_the_corpus_reads_back_from_its_bibtex(tmp_path: Path):
    bibliography, _ = load_bibliography(sorted((ROOT / "bib").glob("*.bib")))
    assert len(bibliography.entries) > 50
    written = "\n\n".join(entry_bibtex(entry) for entry in bibliography.entries.values())
    again = _entries(tmp_path, written)
    for key, entry in bibliography.entries.items():
        back = again.entries[key]
        assert (back.entry_type, back.fields, back.persons, back.year) == (entry.entry_type, entry.fields, entry.persons, entry.year)


def test_special_characters_survive_bibtex_ris_and_csl_json(tmp_path: Path):
    (entry,) = _entries(tmp_path, HOSTILE).entries.values()
    back = _entries(tmp_path, entry_bibtex(entry)).entries["lee-2020"]
    assert back.fields == entry.fields and back.persons == entry.persons
    assert entry.fields["title"] == "Costs & 50% of EU budgets: <script>x</script> under_score"
    lines = entry_ris(entry).split("\n")
    assert lines[0] == "TY  - JOUR" and lines[-1] == "ER  -"
    assert [line for line in lines if line.startswith("AU")] == ["AU  - Lee, Ann", "AU  - World Bank", "AU  - van der Berg, Jan"]
    assert {"TI  - Costs & 50% of EU budgets: <script>x</script> under_score", "T2  - Review of Ports", "SP  - 11",
            "EP  - 29", "DO  - 10.1000/xyz_123", "UR  - https://example.org/a?b=c&d=e"} <= set(lines)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  -( .*)?", line) for line in lines)
    item = entry_csl(entry)
    assert item["title"] == entry.fields["title"] and item["URL"] == "https://example.org/a?b=c&d=e"  # words, not HTML


def test_a_texts_files_hold_the_text_then_each_work_it_cites(tmp_path: Path):
    cited = list(_entries(tmp_path, HOSTILE).entries.values())
    work = work_from_meta("ferries-2022", {"title": "Ferries & Fares", "authors": ["Ann Author"], "year": 2022},
                          Publication("https://corpus.example.net/", "A corpus", "v1.0"))
    files = reference_files(work, cited)
    assert [item["id"] for item in json.loads(files["json"])] == ["author2022", "lee-2020"]
    assert json.loads(files["json"])[0]["version"] == "v1.0"
    assert [line for line in files["ris"].split("\n") if line.startswith("TY")] == ["TY  - RPRT", "TY  - JOUR"]
    assert re.findall(r"^@(\w+)\{([^,]+),", files["bib"], re.MULTILINE) == [("techreport", "author2022"), ("article", "lee-2020")]


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["romano-2021", "kapoor-2021"])
def test_the_reading_page_links_its_files_and_they_hold_what_it_cites(built_site: Path, slug: str):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("#cite-this-text .cite-downloads a[download]")}
    assert links == {"BibTeX": f"{slug}.bib", "RIS": f"{slug}.ris", "CSL-JSON": f"{slug}.json"}
    items = json.loads((built_site / slug / f"{slug}.json").read_text(encoding="utf-8"))
    cited = {a["href"].rsplit("#", 1)[1] for a in soup.select("article a.citation") if "#" in a["href"]}
    assert {item["id"] for item in items[1:]} == cited
    stated = re.search(r"and the (\d+) works? it cites", soup.select_one(".cite-downloads").get_text())
    assert (int(stated[1]) if stated else 0) == len(items) - 1
    assert (built_site / slug / f"{slug}.ris").read_text(encoding="utf-8").count("TY  - ") == len(items)
