"""Hostile text in a glossary entry, a bib field and source.yml never runs in Chromium.

Contributors edit these files by pull request; the tooltip Material builds from a ``title``
(``innerHTML``) is the sharpest edge, so the test hovers every term and citation it can.
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
    try:
        page = context.new_page()
        page.goto(hostile_fields_site + path)
        page.wait_for_timeout(400)
        assert page.locator(probe).count() >= 1, f"the hostile field did not reach {path}"
        assert page.evaluate("window.__xss") is None, "a payload ran on load"
        page.locator(probe).first.hover()
        page.wait_for_timeout(400)
        if path == "romano-2021/":  # the tooltip shows the expansion as text
            tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
            tooltip.wait_for(state="visible")
            assert PAYLOAD in tooltip.inner_text()
        poke_everything(page, scope) if page.locator(scope).count() else None
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, "a payload ran on hover or click"
        assert page.locator("main img[src='x']").count() == 0
    finally:
        context.close()
