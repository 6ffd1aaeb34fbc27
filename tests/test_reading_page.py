"""The reading page's own parts: the "Cite this text" box and the data cite.js reads."""
from __future__ import annotations

import json

from bs4 import BeautifulSoup

from scholion.bib.citing import Publication, citation_data, styled, work_from_meta
from scholion.pages.reading import cite_box

SITE = Publication("https://example.org/corpus/")


def test_citation_data_cannot_break_out_of_its_element():
    work = work_from_meta("x", {"title": '"></div><script>window.__xss=1</script><!-- & \u2028',
                                "authors": ["A B"], "year": 2020}, SITE)
    box = cite_box(work)
    assert "<script" not in box and box.count("<div") == 1 + 5  # the data, and one per format
    soup = BeautifulSoup(box, "html.parser")
    (node,) = soup.select("#citation-data")
    assert node.has_attr("hidden") and node.contents == []
    assert json.loads(node["data-citation"]) == citation_data(work, styled(work))


def test_cite_box_escapes_and_lists_every_format():
    work = work_from_meta("x", {"title": 'A <b>"bold"</b> title', "authors": ["A B"], "year": 2020}, SITE)
    soup = BeautifulSoup(cite_box(work), "html.parser")
    assert soup.select_one("b") is None
    assert [pre["data-format"] for pre in soup.select("#cite-this-text pre")] == ["reference", "in-text", "bibtex", "csl-json", "ris"]
    assert 'A <b>"bold"</b> ' in soup.select_one('pre[data-format="reference"]').get_text()


def test_what_a_layout_adds_is_shown_front_matter_tables_boxes_figures_and_nested_lists():
    """Nothing the reader found is left off the page: the title page's lines, a table's cells, a box, the
    words kept from inside a figure, and list items with their enumerators and depth."""
    from pathlib import Path

    from bs4 import BeautifulSoup

    from scholion.pages.reading import text_page
    from scholion.text.corpus import parse_text

    fixtures = Path(__file__).parent / "fixtures" / "extracts"
    urban = BeautifulSoup(text_page(parse_text(fixtures / "urban-transport-2023")).html, "html.parser")
    front = urban.select_one(".source-front")
    assert front is not None and "INSTITUTE FOR URBAN MOBILITY" in [p.get_text() for p in front.find_all("p")]
    table = urban.select_one("figure.source-table#table-1")
    assert table.figcaption.get_text() == "Table 1 – Annual trips by mode (millions)"
    assert [th.get_text() for th in table.select("tr:first-child th[scope=col]")] == ["Mode", "2019", "2020", "2021", "2022"]
    assert [cell.get_text() for cell in table.select("tr")[2].find_all(["th", "td"])] == ["Tram", "18.4", "9.1", "13.6", "17.2"]
    assert "Source: Combined Authority ticketing data" in table.select_one(".source-table-source").get_text()
    figure = urban.select_one("figure#figure-1 .figure-text")
    assert figure is not None and "Corrin City Region Comparator regions" in figure.get_text()
    nested = urban.select("li.list-depth-2")
    assert nested and nested[0].get_text().startswith("keep the daily cap")

    water = BeautifulSoup(text_page(parse_text(fixtures / "water-allocation-2022")).html, "html.parser")
    box = water.select_one("aside.source-box")
    assert box["aria-label"] == "Box 1: How a drought year is declared"
    assert "a drought year is declared when inflows" in box.get_text()

    fisheries = BeautifulSoup(text_page(parse_text(fixtures / "fisheries-quota-2021")).html, "html.parser")
    labels = [span.get_text() for span in fisheries.select("li .list-label")]
    assert labels[:4] == ["(a)", "i.", "ii.", "(b)"]
