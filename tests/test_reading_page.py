"""The reading page's own parts: the "Cite this text" box and the data cite.js reads."""
from __future__ import annotations

import json

from bs4 import BeautifulSoup

from scholion.bib.citing import citation_data, work_from_meta
from scholion.pages.reading import cite_box

SITE = "https://example.org/corpus/"


def test_citation_data_cannot_break_out_of_its_element():
    work = work_from_meta("x", {"title": '"></div><script>window.__xss=1</script><!-- & \u2028',
                                "authors": ["A B"], "year": 2020}, SITE)
    box = cite_box(work)
    assert "<script" not in box and box.count("<div") == 1 + 5  # the data, and one per format
    soup = BeautifulSoup(box, "html.parser")
    (node,) = soup.select("#citation-data")
    assert node.has_attr("hidden") and node.contents == []
    assert json.loads(node["data-citation"]) == citation_data(work)


def test_cite_box_escapes_and_lists_every_format():
    work = work_from_meta("x", {"title": 'A <b>"bold"</b> title', "authors": ["A B"], "year": 2020}, SITE)
    soup = BeautifulSoup(cite_box(work), "html.parser")
    assert soup.select_one("b") is None
    assert [pre["data-format"] for pre in soup.select("#cite-this-text pre")] == ["chicago", "in-text", "bibtex", "csl-json", "ris"]
    assert '“A <b>"bold"</b> title.”' in soup.select_one('pre[data-format="chicago"]').get_text()
