"""The reading experience in a real browser (Debian's Chromium through Playwright).

What is checked here is what only a browser can show: Material's note tooltips, the ¶ permalinks
scrolling to their paragraph, instant navigation, search over the notes, and pages that run
without a console error. Screenshots land in ``test-artifacts/``.
"""
from __future__ import annotations

from pathlib import Path

from sitebuild import html_pages, page_url

READING = "/romano-2021/"


IN_VIEWPORT = """selector => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.top < window.innerHeight;
}"""


def in_viewport(page, selector: str) -> bool:
    """Whether ``selector``'s top edge is on screen, allowing a moment for a smooth scroll."""
    try:
        page.wait_for_function(IN_VIEWPORT, arg=selector, timeout=3_000)
    except Exception:  # noqa: BLE001 - report the position instead of a timeout
        box = page.eval_on_selector(selector, "e => JSON.stringify(e.getBoundingClientRect())")
        print(f"{selector} is off screen: {box}, scrollY={page.evaluate('window.scrollY')}")
        return False
    return True


def test_note_tooltip_on_hover(web):
    web.goto(READING)
    marker = web.page.locator('a.footnote-ref[href$="#n55"]')
    marker.scroll_into_view_if_needed()
    marker.hover()
    tooltip = web.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert "Kropatcheva 2016, p. 1527." in tooltip.inner_text()
    # The tooltip is on screen, near its marker, not somewhere off the page.
    box = tooltip.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 10
    assert 0 <= box["y"] < web.page.viewport_size["height"]
    web.page.wait_for_function(
        "getComputedStyle(document.querySelector('.md-tooltip2--active')).opacity === '1'")  # fade-in done
    web.screenshot("note-tooltip")
    # Moving away closes it.
    web.page.mouse.move(5, 5)
    web.page.locator(".md-tooltip2--active").wait_for(state="detached")


def test_note_tooltip_for_lettered_and_starred_notes(web):
    web.goto(READING)
    marker = web.page.locator('a.footnote-ref[href$="#nstar"]')
    marker.hover()
    tooltip = web.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert "Angela Romano" in tooltip.inner_text()


def test_paragraph_permalink_scrolls_to_paragraph(web):
    web.goto(READING + "#p14")
    assert in_viewport(web.page, "#p14")
    assert web.page.eval_on_selector("#p14", "element => element.matches(':target')")
    link = web.page.locator("#p14 a.para-link")
    assert link.is_visible()
    assert link.inner_text() == "¶14"
    web.screenshot("permalink-p14")


def test_clicking_pilcrow_links_its_paragraph(web):
    web.goto(READING)
    link = web.page.locator("#p40 a.para-link")
    link.scroll_into_view_if_needed()
    link.click()
    web.page.wait_for_url("**/romano-2021/#p40")
    assert in_viewport(web.page, "#p40")


def test_note_marker_click_and_back(web):
    web.goto(READING)
    web.page.locator('a.footnote-ref[href$="#n55"]').click()
    web.page.wait_for_url("**#n55")
    assert in_viewport(web.page, "#n55")
    web.page.locator("#n55 a.footnote-backref").click()
    web.page.wait_for_url("**#ref-n55")
    assert in_viewport(web.page, "#ref-n55")


def test_instant_navigation_keeps_the_window(web):
    web.goto("/")
    web.page.evaluate("window.__scholionMarker = 'still here'")
    web.page.locator('.md-nav--primary a.md-nav__link[href$="/romano-2021/"]').first.click()
    web.page.wait_for_url("**/romano-2021/")
    web.page.wait_for_function("document.querySelector('article h1') && "
                               "document.querySelector('article h1').textContent.includes('multilateralism')")
    # No full reload happened: the marker set on the first page survives the navigation.
    assert web.page.evaluate("window.__scholionMarker") == "still here"
    assert "multilateralism" in web.page.title()
    assert web.page.locator("#p1").is_visible()
    # Back returns to the home page, still without a reload.
    web.page.go_back()
    web.page.wait_for_function("!document.querySelector('#p1')")
    assert web.page.evaluate("window.__scholionMarker") == "still here"


def search(web, query: str):
    box = web.page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show a search button instead of the box
        web.page.locator(".md-header__button[for='__search']").click()
    box.fill(query)
    web.page.locator(".md-search-result__item").first.wait_for(state="visible")
    return web.page.locator(".md-search-result__item")


def test_search_finds_a_word_only_in_a_note(web, built_site: Path):
    # "Kropatcheva" occurs in note 55 of Romano's paper and nowhere in the body text.
    body = (built_site / "romano-2021" / "index.html").read_text(encoding="utf-8")
    assert body.count("Kropatcheva") == 1
    web.goto("/")
    results = search(web, "Kropatcheva")
    first = results.first
    assert "Kropatcheva" in first.inner_text()
    hrefs = first.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("/romano-2021/" in href for href in hrefs), hrefs
    web.screenshot("search-note-word")
    first.locator("a").last.click()
    web.page.wait_for_url("**/romano-2021/**")
    web.page.locator("#n55").wait_for(state="attached")


def test_no_console_errors_on_any_page(web, built_site: Path):
    pages = [page_url(built_site, page) for page in html_pages(built_site)]
    assert "/" in pages and READING in pages
    for url in pages:
        web.goto(url, wait_until="networkidle")
    assert web.console_errors == []


def test_screenshots_of_each_page_type(web):
    for name, url in (("home", "/"), ("reading-romano", READING), ("reading-kapoor", "/kapoor-2021/")):
        web.goto(url, wait_until="networkidle")
        path = web.screenshot(f"page-{name}", full_page=False)
        assert path.stat().st_size > 5_000
