"""The reading experience in a real browser (Debian's Chromium through Playwright).

What is checked here is what only a browser can show: Material's note and glossary tooltips, the ¶ permalinks
scrolling to their paragraph, instant navigation, search over the notes, and pages that run
without a console error. Screenshots land in ``test-artifacts/``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scholion.glossary.loading import load_glossary
from sitebuild import ROOT, html_pages, page_url

pytestmark = pytest.mark.slow  # a browser on the real site

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


def click_in_page(link) -> None:
    """Scroll ``link`` into view, pause as a reader does, click.

    navigation.tracking rewrites the hash to the nearest heading ~0.1 s after a scroll; a click
    racing it lands on that heading instead (a Material quirk, not the site's).
    """
    link.scroll_into_view_if_needed()
    link.page.wait_for_timeout(600)
    link.click()


def show_tooltip(link):
    """Hover ``link`` as a reader does; Material's tooltip for it, once visible."""
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = link.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    return tooltip


def wait_for_tooltip_fade_in(page) -> None:
    page.wait_for_function("getComputedStyle(document.querySelector('.md-tooltip2--active')).opacity === '1'")


def test_note_tooltip_on_hover(web):
    web.goto(READING)
    tooltip = show_tooltip(web.page.locator('a.footnote-ref[href$="#n55"]'))
    assert "Kropatcheva 2016, p. 1527." in tooltip.inner_text()
    # The tooltip is on screen, near its marker, not somewhere off the page.
    box = tooltip.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 10
    assert 0 <= box["y"] < web.page.viewport_size["height"]
    wait_for_tooltip_fade_in(web.page)
    web.screenshot("note-tooltip")
    # Moving away closes it.
    web.page.mouse.move(5, 5)
    web.page.locator(".md-tooltip2--active").wait_for(state="detached")


def test_note_tooltip_for_lettered_and_starred_notes(web):
    web.goto(READING)
    tooltip = show_tooltip(web.page.locator('a.footnote-ref[href$="#nstar"]'))
    assert "Angela Romano" in tooltip.inner_text()


def test_glossary_tooltip_on_hover_and_its_entry_on_click(web):
    eaeu = load_glossary(ROOT / "glossary.yml")[0].get("eaeu")
    web.goto(READING)
    term = web.page.locator('#p35 a.glossary-term[href$="#eaeu"]')
    tooltip = show_tooltip(term)
    assert tooltip.inner_text().strip() == eaeu.expansion
    box, anchor = tooltip.bounding_box(), term.bounding_box()
    assert box and abs(box["x"] + box["width"] / 2 - (anchor["x"] + anchor["width"] / 2)) < 200  # by its term
    wait_for_tooltip_fade_in(web.page)
    web.screenshot("glossary-tooltip")
    click_in_page(term)
    web.page.wait_for_url("**/glossary/#eaeu")
    assert in_viewport(web.page, "#eaeu")
    assert eaeu.definition.split(".")[0] in web.page.locator("article").inner_text()


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
    click_in_page(web.page.locator("#p40 a.para-link"))
    web.page.wait_for_url("**/romano-2021/#p40")
    assert in_viewport(web.page, "#p40")


def test_note_marker_click_and_back(web):
    web.goto(READING)
    click_in_page(web.page.locator('a.footnote-ref[href$="#n55"]'))
    web.page.wait_for_url("**#n55")
    assert in_viewport(web.page, "#n55")
    click_in_page(web.page.locator("#n55 a.footnote-backref"))
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
    """Type ``query`` into Material's search and return the result items once they show."""
    box = web.page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show a search button instead of the box
        web.page.locator(".md-header__button[for='__search']").click()
    box.click()
    # The index loads in a web worker; wait for it rather than typing into a search not yet ready.
    web.page.wait_for_function(
        "() => { const meta = document.querySelector('.md-search-result__meta');"
        " return meta && !/initializ/i.test(meta.textContent); }", timeout=30_000)
    box.press_sequentially(query, delay=20)  # real keystrokes: Material reads the query on keyup
    web.page.locator(".md-search-result__item").first.wait_for(state="visible")
    web.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return web.page.locator(".md-search-result__item")


def occurrences_outside_notes(built_site: Path, word: str) -> tuple[int, int]:
    """(in notes, elsewhere): how often ``word`` occurs in the article text of every built page."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    in_notes = elsewhere = 0
    for page in html_pages(built_site):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        notes = article.select("li.note")
        in_notes += sum(len(pattern.findall(note.get_text(" "))) for note in notes)
        for note in notes:
            note.decompose()
        elsewhere += len(pattern.findall(article.get_text(" ")))
    return in_notes, elsewhere


NOTE_ONLY_WORD = "Lecturer"  # Romano's note *: "Dr Angela Romano is Lecturer in International Political Economy…"


def test_search_finds_a_word_only_in_a_note(web, built_site: Path):
    assert occurrences_outside_notes(built_site, NOTE_ONLY_WORD) == (1, 0), \
        f"pick another test word: {NOTE_ONLY_WORD!r} must occur once in the site, in a note"
    web.goto("/")
    results = search(web, NOTE_ONLY_WORD)
    first = results.first
    assert NOTE_ONLY_WORD in first.inner_text()
    hrefs = first.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("/romano-2021/" in href for href in hrefs), hrefs
    web.screenshot("search-note-word")
    first.locator("a").last.click()
    web.page.wait_for_url("**/romano-2021/**")
    web.page.locator("#nstar").wait_for(state="attached")


GLOSSARY_ONLY_WORD = "Thailand"  # in the definition of ASEAN on /glossary/, in no text


def test_search_finds_a_glossary_definition(web, built_site: Path):
    pages_with_word = [page_url(built_site, page) for page in html_pages(built_site)
                       if GLOSSARY_ONLY_WORD in (BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
                                                 .select_one("article") or BeautifulSoup("", "html.parser")).get_text(" ")]
    assert pages_with_word == ["/glossary/"], f"pick another test word: {GLOSSARY_ONLY_WORD!r} is on {pages_with_word}"
    web.goto(READING)
    results = search(web, GLOSSARY_ONLY_WORD)
    first = results.first
    hrefs = first.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("/glossary/" in href for href in hrefs), hrefs
    assert GLOSSARY_ONLY_WORD in first.inner_text()
    first.locator("a").first.click()
    web.page.wait_for_url("**/glossary/**")
    web.page.locator("#asean").wait_for(state="visible")  # instant navigation swaps the content in after the URL
    assert GLOSSARY_ONLY_WORD in web.page.locator("#asean").inner_text()
    web.screenshot("search-glossary-word")


def test_no_console_errors_on_any_page(web, built_site: Path):
    pages = [page_url(built_site, page) for page in html_pages(built_site)]
    assert "/" in pages and READING in pages
    for url in pages:
        web.goto(url, wait_until="networkidle")
    assert web.console_errors == []


def test_no_request_leaves_the_site(web, built_site: Path):
    """No fonts, scripts, API calls or analytics from elsewhere: every request goes to 127.0.0.1."""
    for url in [page_url(built_site, page) for page in html_pages(built_site)]:
        web.goto(url, wait_until="networkidle")
    search(web, "multilateralism")
    web.goto(READING, wait_until="networkidle")
    web.page.locator('a.footnote-ref[href$="#n55"]').hover()
    web.page.locator(".md-tooltip2--active").wait_for(state="visible")
    assert len(web.requests) > 20
    assert web.foreign_requests() == []


def test_screenshots_of_each_page_type(web):
    for name, url in (("home", "/"), ("reading-romano", READING), ("reading-kapoor", "/kapoor-2021/")):
        web.goto(url, wait_until="networkidle")
        path = web.screenshot(f"page-{name}", full_page=False)
        assert path.stat().st_size > 5_000
