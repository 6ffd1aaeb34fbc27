"""Accessibility: axe-core, injected into Chromium, finds zero violations on every built page.

axe-core comes from npm (``package.json`` pins it; ``scripts/test`` runs ``npm ci`` when
``node_modules/`` is missing). All of axe's rules run: WCAG 2.x A and AA (2.2's target size included)
and its best practices.
Every page of the built site is checked (home, reading pages, glossary, bibliography, comparison
pages, 404 — whatever the build makes), on a desktop and on a phone-sized screen, plus the open
search dialog with results. Fixes to stock Material live in ``docs/assets/scholion.css`` and
``overrides/``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import ROOT, html_pages, page_url
from test_browser import search

pytestmark = pytest.mark.slow  # axe-core in a browser, on every page of the real site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` at the top of the repository "
                    "(scripts/test does it when node_modules/ is missing)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
        # (a <script> tag of it would be inline script, which the policy forbids); the page itself runs under it.
        page.evaluate(axe_source)
    # WCAG 2.2's target size (2.5.8, at least 24 × 24 px) is off in axe by default: asked for here.
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})")
    lines = []
    for violation in result["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            summary = " | ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:3])
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return lines


def all_pages(built_site: Path) -> list[str]:
    pages = [page_url(built_site, page) for page in html_pages(built_site)]
    assert "/" in pages and "/romano-2021/" in pages and "/404.html" in pages
    return pages


def check_pages(web, axe_source: str, pages: list[str], label: str) -> None:
    report = []
    for url in pages:
        web.goto(url, wait_until="networkidle")
        found = axe_violations(web.page, axe_source)
        if found:
            web.screenshot(f"axe-{label}-{url}")
            report += [f"{url}:"] + ["  " + line for line in found]
    assert report == [], "axe-core violations:\n" + "\n".join(report)


def test_axe_every_page_desktop(web, built_site: Path, axe_source: str):
    check_pages(web, axe_source, all_pages(built_site), "desktop")


def test_axe_every_page_phone(web, built_site: Path, axe_source: str):
    web.page.set_viewport_size(PHONE)
    check_pages(web, axe_source, all_pages(built_site), "phone")


@pytest.mark.parametrize("screen", ["desk", "phone"])
def test_axe_open_search_with_results(web, axe_source: str, screen: str):
    web.page.set_viewport_size(DESK if screen == "desk" else PHONE)
    web.goto("/", wait_until="networkidle")
    search(web, "multilateralism")
    found = axe_violations(web.page, axe_source)
    web.screenshot(f"axe-search-open-{screen}")
    assert found == [], "axe-core violations with the search dialog open:\n" + "\n".join(found)


def test_axe_phone_navigation_drawer_open(web, axe_source: str):
    web.page.set_viewport_size(PHONE)
    web.goto("/romano-2021/", wait_until="networkidle")
    web.page.locator("label.md-header__button[for='__drawer']").click()
    web.page.locator(".md-sidebar--primary").wait_for(state="visible")
    found = axe_violations(web.page, axe_source)
    web.screenshot("axe-phone-drawer")
    assert found == [], "axe-core violations with the navigation drawer open:\n" + "\n".join(found)


@pytest.mark.parametrize("screen", ["desk", "phone"])
def test_axe_cite_panel_and_cite_this_text_open(web, axe_source: str, screen: str):
    """The paragraph's cite panel and the "Cite this text" box, each with its style chooser, open at once."""
    web.page.set_viewport_size(DESK if screen == "desk" else PHONE)
    web.goto("/romano-2021/#p14", wait_until="networkidle")
    web.page.locator("#p14 button.cite-button").click()
    web.page.locator("#cite-panel .cite-style select").wait_for(state="visible")
    web.page.locator("#cite-this-text > summary").click()
    web.page.locator("#cite-this-text .cite-style select").wait_for(state="visible")
    found = axe_violations(web.page, axe_source)
    web.screenshot(f"axe-cite-open-{screen}")
    assert found == [], "axe-core violations with the citation panel and box open:\n" + "\n".join(found)
