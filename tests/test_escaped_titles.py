"""Titles that MkDocs and Material print as HTML (<title>, header, navigation, breadcrumbs, footer,
table of contents, search index) get contributor text escaped: a payload in a text's title or in a
heading line of its extract is text wherever it lands, never markup."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sitebuild import build_site, copy_project, html_pages, search_records

PAYLOAD = '<img src=x onerror=window.__xss=1> " onmouseover="window.__xss=1'

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    meta = project / "sources" / "kapoor-2021" / "source.yml"
    meta.write_text(re.sub(r"(?m)^title: .*$", f"title: 'Evil {PAYLOAD.replace(chr(39), chr(39) * 2)}'",
                           meta.read_text(encoding="utf-8")), encoding="utf-8")
    result = build_site(project, tmp_path_factory.mktemp("site"))
    assert result.ok, result.output[-3000:]
    return result.site_dir


def test_no_page_carries_the_payload_as_markup(site):
    for page in html_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select('img[src="x"]') == [], page
        handlers = [tag.name for tag in soup.find_all(True) if {"onerror", "onmouseover"} & set(tag.attrs)]
        assert handlers == [], f"{page}: event handlers on {handlers}"


def test_the_title_reads_as_written_where_material_prints_it(site):
    html = (site / "kapoor-2021" / "index.html").read_text(encoding="utf-8")
    escaped = "Evil &lt;img src=x onerror=window.__xss=1&gt;"
    assert re.search(rf"<title>{re.escape(escaped)}", html)  # the browser tab
    index = (site / "index.html").read_text(encoding="utf-8")
    assert escaped in index  # the navigation of every page
    # The search index holds the title as the words it is; the search dialog sets it as text (test_browser_hostile_fields).
    titles = {record["meta"]["title"] for record in search_records(site) if record["url"].startswith("/kapoor-2021/")}
    assert titles == {f"Evil {PAYLOAD}"}
