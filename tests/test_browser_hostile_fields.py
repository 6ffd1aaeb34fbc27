"""Hostile text in a glossary entry, a bib field, source.yml and a paragraph never runs in Chromium.

Contributors edit these files by pull request; what explains a term or a citation on hover is the
sharpest edge (Material's tooltips build it from a ``title`` with ``innerHTML``; the site's own cards
read the title in an inert document), so the test hovers every term and citation it can. The search
shows their words in its results: there too they are text. (test_browser_payloads builds one batch
with Material's tooltips on.)
"""
from __future__ import annotations

import pytest

from sitebuild import copy_project, served_build
from test_browser_annotations import WIDE, poke_everything

pytestmark = pytest.mark.slow  # a browser on a built site

PAYLOAD = "<img src=x onerror='window.__xss = 1'>"


@pytest.fixture(scope="module")
def hostile_fields_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-fields")
    project = copy_project(base / "project")
    glossary = project / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "\n- term: Yekaterinburg\n"
        + f"  expansion: \"City {PAYLOAD}<script>window.__xss = 1</script>\"\n"
        + f"  definition: \"A city in Russia. {PAYLOAD} <a href='javascript:window.__xss=1'>x</a>\"\n",
        encoding="utf-8",
    )
    bib = project / "bib" / "romano-2021.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "author     = {Tedeschini},",
            f"author     = {{Tedeschini}},\n  title      = {{Hostile {PAYLOAD} title <script>window.__xss = 1</script>}},",
        ),
        encoding="utf-8",
    )
    meta = project / "sources" / "kapoor-2021" / "source.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("publisher: Observer Research Foundation", f'publisher: "Observer {PAYLOAD}"'),
        encoding="utf-8",
    )
    source = project / "sources" / "kapoor-2021" / "source.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("The EU defended the diplomats", f"The EU {PAYLOAD} Zanzibarite defended the diplomats", 1),
                      encoding="utf-8")
    with served_build(project, base / "site") as url:
        yield url


@pytest.mark.parametrize(
    "path, scope, probe",
    [
        ("romano-2021/", "#p25, #n49", "#p25 a.glossary-term[href$='#yekaterinburg'] abbr"),
        ("glossary/", "#yekaterinburg", "#yekaterinburg"),
        ("bibliography/", "#tedeschini-2020", "#tedeschini-2020"),
        ("kapoor-2021/", "article > header, .text-meta, .cite-box", "h1"),
    ],
)
def test_hostile_glossary_bib_and_metadata_never_run(browser, hostile_fields_site, path, scope, probe):
    context = browser.new_context(viewport=WIDE, service_workers="block")
    errors: list[str] = []  # what the Content-Security-Policy blocks is logged as an error
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(hostile_fields_site + path)
        page.wait_for_timeout(400)
        assert page.locator(probe).count() >= 1, f"the hostile field did not reach {path}"
        assert page.evaluate("window.__xss") is None, "a payload ran on load"
        page.locator(probe).first.hover()
        page.wait_for_timeout(400)
        if path == "romano-2021/":  # the tooltip shows the expansion as text
            tooltip = page.locator(".scholion-card")
            tooltip.wait_for(state="visible")
            assert PAYLOAD in tooltip.inner_text()
        poke_everything(page, scope) if page.locator(scope).count() else None
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, "a payload ran on hover or click"
        assert page.locator("main img[src='x']").count() == 0
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("query", ["Zanzibarite", "Yekaterinburg"])  # a paragraph; a glossary entry
def test_hostile_words_in_search_results_are_text(browser, hostile_fields_site, query):
    context = browser.new_context(viewport=WIDE, service_workers="block")
    try:
        page = context.new_page()
        page.goto(hostile_fields_site)
        page.locator("[data-scholion-search]").click()
        page.get_by_role("searchbox").press_sequentially(query, delay=20)
        results = page.locator(f".scholion-search__results[data-query={query!r}] li")
        results.first.wait_for(state="visible")
        shown = results.first.inner_text()
        assert "<img src=x" in shown, shown  # the payload's words, shown as words
        assert page.locator("dialog img, dialog script").count() == 0
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
    finally:
        context.close()
