"""Full builds checked with BeautifulSoup: reading pages, notes, bibliography back-links."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site, copy_project

pytestmark = pytest.mark.slow  # checks of the real site's full build


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("slug", ["romano-2021", "kapoor-2021"])
def test_reading_page_paragraphs_and_notes(built_site, slug):
    soup = page(built_site, slug)
    lock = json.loads((ROOT / "sources" / slug / "anchors.json").read_text(encoding="utf-8"))
    paragraphs = soup.select("article p.para[id]")
    assert [p["id"] for p in paragraphs] == [entry["id"] for entry in lock["paragraphs"]]
    for paragraph in paragraphs:
        link = paragraph.select_one("a.para-link")
        assert link["href"] == f"#{paragraph['id']}" and link.get_text() == f"¶{paragraph['id'][1:]}"
    ids = {element["id"] for element in soup.select("[id]")}
    markers = soup.select("a.footnote-ref")
    assert markers
    for marker in markers:
        target = marker["href"].lstrip("#")
        assert target in ids
        back = soup.find(id=target).select_one("a.footnote-backref")
        assert back["href"].lstrip("#") in ids
    # A marker whose note the extract lost leads to the line saying so.
    for marker in soup.select("a.note-ref-missing"):
        target = soup.find(id=marker["href"].lstrip("#"))
        line = target if target.name == "li" else target.find_parent("li")
        assert "text not in the source extract" in line.get_text()


def test_kapoor_missing_notes_are_one_line_before_its_real_notes(built_site):
    soup = page(built_site, "kapoor-2021")
    assert len(soup.select("a.note-ref-missing")) >= 85
    lines = [item.get_text(" ", strip=True) for item in soup.select("div.notes ol:not(.notes-special) > li")]
    assert lines[0] == "Notes 1–85: text not in the source extract."
    assert all("not in the source extract" not in line for line in lines[1:])


def test_romano_notes_render_full_text_and_declared_gaps(built_site):
    soup = page(built_site, "romano-2021")
    assert "Kropatcheva 2016, p. 1527." in soup.find(id="n55").get_text()
    assert soup.find(id="n61").find_parent("li").get_text() == "Notes 56–61: text not in the source extract."
    assert "Note text not in the source extract." in soup.find(id="n80").get_text()
    marker = soup.find(id="ref-n61")
    for aside in marker.find_parent("p").select(".annotation-ref"):
        aside.decompose()
    before = "".join(reversed(marker.find_all_previous(string=True, limit=12)))
    assert before.endswith("the EU, CSTO, CIS")


def test_citations_link_to_the_bibliography_and_back(built_site):
    soup = page(built_site, "romano-2021")
    note26 = [a["href"] for a in soup.find(id="n26").select("a.citation")]
    assert note26 == ["../bibliography/#hughes-2013"]
    note27 = soup.find(id="n27").select("a.citation")
    assert len(note27) == 9
    assert [a["href"] for a in soup.find(id="n40").select("a.citation")] == ["../bibliography/#clunan-2018"]
    assert [a["href"] for a in soup.find(id="n65").select("a.citation")] == ["../bibliography/#romanova-2018"]

    bibliography = page(built_site, "bibliography")
    hughes = bibliography.find(id="hughes-2013")
    cited = [a["href"] for a in hughes.select(".bib-cited-in a")]
    assert "../romano-2021/#n26" in cited
    assert any(href.startswith("../romano-2021/#p") for href in cited)
    # Every back-link lands on an element of the reading page.
    reading_ids = {e["id"] for e in soup.select("[id]")}
    for link in bibliography.select(".bib-cited-in a"):
        target_page, fragment = link["href"].split("#")
        assert target_page == "../romano-2021/" and fragment in reading_ids
    # The reading page ends with its own reference list.
    assert soup.select_one("#references") and soup.select(".reference-list li")
    assert (built_site / "bibliography" / "romano-2021.bib").read_text(encoding="utf-8").count("@") > 50


def test_reading_page_defers_its_scripts_and_keeps_tooltips_few(built_site):
    """What a phone pays for at load (scripts/benchmark runs Lighthouse on this page): no script
    blocks the parser, and only notes and glossary terms carry tooltips, not each ↗ link."""
    soup = page(built_site, "romano-2021")
    scripts = soup.select("script[src]")
    assert scripts and any("bundle" in s["src"] for s in scripts)
    assert all(s.has_attr("defer") for s in scripts), [s["src"] for s in scripts if not s.has_attr("defer")]
    links = soup.select(".reference-list a.bib-link")
    assert links and all(a.get("aria-label") == "All texts citing this work" and not a.has_attr("title") for a in links)


def test_page_markers_and_figures(built_site):
    romano = page(built_site, "romano-2021")
    assert [m.get_text() for m in romano.select(".page-mark")] == ["[p.\u202f5]", "[p.\u202f10]"]
    kapoor = page(built_site, "kapoor-2021")
    captions = [f.select_one("figcaption strong").get_text() for f in kapoor.select("figure.figure-placeholder")]
    assert captions == ["Figure 1: Expansion of the EU (till 2013)", "Figure 2: Expansion of NATO (till 2017)"]
    assert len(kapoor.select(".source-gap")) == 2
    quotes = [aside.get_text() for aside in kapoor.select("aside.pull-quote")]
    assert len(quotes) == 5  # a quote split by a blank line in the extract is one aside
    assert "Russia and that sanctions will remain for a long time." in quotes[0]


def test_a_new_source_folder_becomes_a_page_without_code(tmp_path):
    project = copy_project(tmp_path / "project")
    third = project / "sources" / "third-2022"
    shutil.copytree(ROOT / "sources" / "kapoor-2021", third, ignore=shutil.ignore_patterns("annotations", "anchors.json"))
    meta = (third / "source.yml").read_text(encoding="utf-8").replace("Russia-EU Relations:", "A Third Text:")
    (third / "source.yml").write_text(meta, encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=True)
    assert result.ok, result.output
    soup = page(tmp_path / "site", "third-2022")
    assert soup.h1.get_text().startswith("A Third Text:")
    assert len(soup.select("p.para[id]")) > 50
    assert (third / "anchors.json").exists(), "the first build locks the new text's paragraph ids"


def test_sidenotes_repeat_each_paragraphs_notes_quietly(built_site):
    soup = page(built_site, "romano-2021")
    asides = soup.select("aside.sidenotes")
    assert len(asides) > 20
    for aside in asides:
        paragraph = aside.find_next_sibling("p", class_="para")
        marked = [a["href"].lstrip("#n") for a in paragraph.select("a.footnote-ref")]
        labels = [label.get_text() for label in aside.select(".sidenote-label")]
        assert labels == list(dict.fromkeys(marked)), paragraph["id"]
        assert aside["aria-hidden"] == "true" and not aside.select(".glossary-term, [id]")
        assert all(link.get("tabindex") == "-1" for link in aside.select("a"))
    n55 = soup.find(id="n55").get_text(" ", strip=True).removesuffix(" ↩")
    sidenote = next(s for s in soup.select(".sidenote") if s.select_one(".sidenote-label").get_text() == "55")
    assert sidenote.get_text(" ", strip=True) == "55 " + n55


def test_reading_and_home_pages_say_what_they_are_in_schema_org(built_site, built_site_url):
    def linked_data(soup):
        (script,) = soup.select('script[type="application/ld+json"]')
        return json.loads(script.string)

    home = linked_data(page(built_site, ""))
    assert (home["@context"], home["@type"], home["url"]) == ("https://schema.org", "Collection", built_site_url)
    parts = {part["url"]: part for part in home["hasPart"]}
    assert set(parts) == {f"{built_site_url}{slug}/" for slug in ("kapoor-2021", "romano-2021")}
    for slug in ("kapoor-2021", "romano-2021"):
        soup = page(built_site, slug)
        text = linked_data(soup)
        assert text["@type"] in ("Report", "ScholarlyArticle")
        assert text["headline"] == soup.find("meta", attrs={"name": "citation_title"})["content"]
        assert [author["name"] for author in text["author"]] and text["isPartOf"]["url"] == built_site_url
        assert {key: value for key, value in text.items() if key not in ("@context", "isPartOf")} == parts[text["url"]]
    assert not page(built_site, "glossary").select('script[type="application/ld+json"]')
