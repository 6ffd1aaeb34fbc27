"""A text's own reference list on the built site: its works join the bibliography (matched where bib/
has them), its citations resolve against them with no hand-written BibTeX, and the page shows the list
as printed with links back to the paragraphs citing each work.

One strict build of the project with two author–date articles added (tests/fixtures/articles), one of
whose works is also in a .bib file.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import build_site, copy_project

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
ADDED = ["vaara-okafor-2022", "novak-pereira-2023"]
# The same work as vaara-okafor-2022's first reference, written by hand in bib/ (another key).
IN_BIB = """
@article{aaltonen2019cumulation,
  author = {Aaltonen, Risto and Ho, Mei Lin},
  title = {Cumulation Zones and the Geography of Inputs},
  journal = {Review of Regional Commerce},
  year = {2019},
  volume = {18},
  number = {4},
  pages = {611--634},
}
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    for slug in ADDED:
        folder = project / "sources" / slug
        folder.mkdir()
        for name in ("source.txt", "source.yml"):
            shutil.copy(ARTICLES / slug / name, folder / name)
    (project / "bib" / "articles.bib").write_text(IN_BIB, encoding="utf-8")
    result = build_site(project, tmp_path_factory.mktemp("site"))
    assert result.ok, result.output[-3000:]
    return result


def page(built, path: str) -> BeautifulSoup:
    return BeautifulSoup((built.site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def truth(slug: str) -> dict:
    return yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", ADDED)
def test_the_page_shows_the_list_as_printed(built, slug):
    items = page(built, slug).select("ul.source-references > li")
    expected = [reference["verbatim"] for reference in truth(slug)["references"]]
    shown = [re.sub(r"\s+(Cited in .*|Not cited in the text)?\s*↗$", "", item.get_text(" ", strip=True)) for item in items]
    assert shown == [re.sub(r"\s+", " ", text) for text in expected]


@pytest.mark.parametrize("slug", ADDED)
def test_every_citation_links_to_a_work_of_the_bibliography_and_back(built, slug):
    text = page(built, slug)
    bibliography = page(built, "bibliography")
    links = text.select("a.citation")
    assert len(links) >= 0.98 * len(truth(slug)["citations"])
    listed = {item["id"].removeprefix("ref-"): item for item in text.select("ul.source-references > li")}
    for link in links:
        key = link["href"].split("#", 1)[1]
        assert bibliography.find(id=key) is not None, f"{link.get_text()} → {key}: no such entry on /bibliography/"
        assert link.get("title"), f"{link.get_text()}: no reference in the tooltip"
        paragraph = link.find_parent("p", class_="para")
        assert key in listed, f"{link.get_text()} cites {key}, which is not in the text's list"
        backlinks = [a["href"] for a in listed[key].select(".cited-in a")]
        assert f"#{paragraph['id']}" in backlinks, f"{key} does not link back to ¶{paragraph['id']}"
    for key, item in listed.items():  # and every link back lands on a paragraph that cites the work
        for back in item.select(".cited-in a"):
            target = text.find(id=back["href"][1:])
            assert target is not None and any(a["href"].endswith(f"#{key}") for a in target.select("a.citation"))


def test_a_work_already_in_bib_is_matched_not_added(built):
    bibliography = page(built, "bibliography")
    assert bibliography.find(id="aaltonen2019cumulation") is not None
    assert bibliography.find(id="aaltonen-ho-2019") is None  # not a second entry for the same work
    assert "reference 1 of vaara-okafor-2022 is aaltonen2019cumulation in bib/articles.bib" in built.output
    first = page(built, "vaara-okafor-2022").select_one("ul.source-references > li")
    assert first["id"] == "ref-aaltonen2019cumulation"


def test_the_bibliography_says_where_each_listed_work_is_cited(built):
    bibliography = page(built, "bibliography")
    entry = bibliography.find(id="kovac-2016")  # novak-pereira-2023 cites Kovač (2016)
    assert entry is not None
    assert any("novak-pereira-2023/#p" in a.get("href", "") for a in entry.find_all("a"))


def test_the_build_summary_counts_references(built):
    summary = next(line for line in built.output.splitlines() if "scholion: novak-pereira-2023:" in line)
    assert re.search(r"in the running text found: (\d+), resolved: \1, ambiguous: 0, unresolved: 0", summary)
    assert "references listed: 15 (fields read: 15, kept as printed only: 0)" in summary
