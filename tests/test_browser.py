"""The reading experience in a real browser (Debian's Chromium through Playwright).

What is checked here is what only a browser can show: Material's note and glossary tooltips, the ¶ permalinks
scrolling to their paragraph, instant navigation, the site's search (a hit opens its paragraph, note,
glossary or bibliography entry with the words marked; by keyboard alone), and pages that run
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
    """Hover ``link`` as a reader does; the card that explains it (popovers.js), once visible."""
    link.scroll_into_view_if_needed()
    link.hover()
    card = link.page.locator(".scholion-card[role=tooltip]")
    card.wait_for(state="visible")
    return card


def test_note_tooltip_on_hover(web):
    web.goto(READING)
    tooltip = show_tooltip(web.page.locator('a.footnote-ref[href$="#n55"]'))
    assert "Kropatcheva 2016, p. 1527." in tooltip.inner_text()
    # The tooltip is on screen, near its marker, not somewhere off the page.
    box = tooltip.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 10
    assert 0 <= box["y"] < web.page.viewport_size["height"]
    web.screenshot("note-tooltip")
    # It describes its marker for a screen reader, and no title of the browser's shows over it.
    marker = web.page.locator('a.footnote-ref[href$="#n55"]')
    assert marker.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    # Moving away closes it.
    web.page.mouse.move(5, 5)
    tooltip.wait_for(state="detached")
    assert marker.get_attribute("aria-describedby") is None


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
    assert term.locator("abbr").get_attribute("title") is None  # the browser's own tooltip would cover the card
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
    web.page.wait_for_function("() => document.querySelector('article h1') && "
                               "document.querySelector('article h1').textContent.includes('multilateralism')")
    # No full reload happened: the marker set on the first page survives the navigation.
    assert web.page.evaluate("window.__scholionMarker") == "still here"
    assert "multilateralism" in web.page.title()
    assert web.page.locator("#p1").is_visible()
    # Back returns to the home page, still without a reload.
    web.page.go_back()
    web.page.wait_for_function("() => !document.querySelector('#p1')")
    assert web.page.evaluate("window.__scholionMarker") == "still here"


@pytest.mark.parametrize("width", [412, 1280, 1600])  # phone, desk, the margin column's width
def test_a_link_from_another_page_lands_its_paragraph_below_the_header(browser, site_url, width):
    """Instant navigation to a passage of another page: the passage ends up just below the fixed header,
    where a cited ¶ must be, though scripts change the page after Material has scrolled."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "/bibliography/")
        hrefs = page.locator("article a[href*='romano-2021/#p']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert len(hrefs) >= 3
        for href in (hrefs[0], hrefs[len(hrefs) // 2], hrefs[-1]):
            page.goto(site_url + "/bibliography/")
            page.evaluate("window.__samePage = true")
            link = page.locator(f"article a[href='{href}']").first
            link.scroll_into_view_if_needed()
            link.click()
            target = "#" + href.rsplit("#", 1)[1]
            page.wait_for_url(f"**/romano-2021/{target}")
            page.wait_for_timeout(1800)  # the page's scripts have run and anything they moved has settled
            assert page.evaluate("window.__samePage === true"), "expected Material's instant navigation"
            header = page.locator(".md-header").bounding_box()
            top = page.locator(target).bounding_box()["y"]
            assert header["y"] + header["height"] <= top <= header["y"] + header["height"] + 48, (href, top, header)
    finally:
        context.close()


def search(web, query: str):
    """Open the site's search with the header's button, type ``query``; the result items once they show."""
    web.page.locator("[data-scholion-search]").click()
    box = web.page.get_by_role("dialog", name="Search").get_by_role("searchbox")
    box.press_sequentially(query, delay=20)  # real keystrokes, as a reader types
    return results_for(web, query)


def results_for(web, query: str):
    """The result items once those of ``query`` (not of a shorter query typed on the way) show."""
    web.page.locator(f".scholion-search__results[data-query={query!r}] li").first.wait_for(state="visible")
    return web.page.locator(".scholion-search__results li")


NOTE_ONLY_WORD = "Kropatcheva"  # Romano's note 55 cites her: the example (#20)


def test_search_opens_the_note_with_the_word_highlighted(web, built_site: Path):
    romano = BeautifulSoup((built_site / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [note["id"] for note in romano.select("li.note") if NOTE_ONLY_WORD in note.get_text()] == ["n55"]
    assert not [p["id"] for p in romano.select("p.para") if NOTE_ONLY_WORD in p.get_text()], "pick another test word"
    web.goto("/")
    results = search(web, NOTE_ONLY_WORD)
    # The work she wrote (/bibliography/) and the pages that quote the note may show too; Romano once, at note 55.
    in_romano = results.filter(has=web.page.locator(".scholion-search__title", has_text=romano_title(built_site)))
    assert in_romano.count() == 1
    assert in_romano.locator(".scholion-search__where").inner_text() == "note 55"
    assert [mark.strip(".,;") for mark in in_romano.locator("mark").all_inner_texts()] == [NOTE_ONLY_WORD]
    web.screenshot("search-note-word")
    in_romano.locator("a").click()
    web.page.wait_for_url(re.compile(r"/romano-2021/\?highlight=kropatcheva#n55$"))
    marks = web.page.locator("#n55 mark.scholion-hit")
    marks.first.wait_for(state="visible")
    assert marks.all_inner_texts() == [NOTE_ONLY_WORD]
    assert web.page.locator("article mark.scholion-hit").count() == 1  # in the note, nowhere else
    assert in_viewport(web.page, "#n55")
    assert not web.page.locator("dialog.scholion-search").is_visible()
    web.screenshot("search-landed-on-note")
    assert search(web, PARAGRAPH_ONLY_WORD).count() == 1, "the search works again on the page it opened"


def romano_title(built_site: Path) -> str:
    return BeautifulSoup((built_site / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article h1").get_text(" ", strip=True).rstrip("¶").strip()


PARAGRAPH_ONLY_WORD = "agnosticism"  # Romano ¶23, and nowhere else in the site


def test_opening_search_loads_its_runtime_before_a_word_is_typed(web):
    """Pagefind's WebAssembly and metadata come after three requests one after another: they load
    while the reader types, not after."""
    web.goto("/")
    requested = []  # the context's requests: Pagefind fetches from its web worker too
    web.page.context.on("request", lambda request: requested.append(request.url))
    web.page.locator("[data-scholion-search]").click()
    runtime = [re.compile(r"/pagefind/wasm\.\w+\.pagefind$"), re.compile(r"/pagefind/pagefind\.\w+\.pf_meta$")]
    for _ in range(100):
        if all(any(pattern.search(url) for url in requested) for pattern in runtime):
            break
        web.page.wait_for_timeout(100)
    assert all(any(pattern.search(url) for url in requested) for pattern in runtime), requested
    assert web.page.get_by_role("dialog", name="Search").get_by_role("searchbox").input_value() == ""
    assert not any(".pf_index" in url for url in requested), "no word typed, no index chunk"


def test_search_outlives_an_index_file_answered_empty(web):
    """Seen under load (CI, the payload tests): Pagefind's ``pagefind-entry.json`` came back empty, and
    Pagefind kept that failure for the rest of the visit. The dialog searches again with a new Pagefind."""
    answered = []

    def empty_once(route):
        answered.append(route.request.url)
        if len(answered) == 1:
            route.fulfill(status=200, content_type="application/json", body="")
        else:
            route.continue_()

    web.page.route("**/pagefind/pagefind-entry.json*", empty_once)
    web.goto("/")
    results = search(web, PARAGRAPH_ONLY_WORD)
    assert results.count() == 1 and len(answered) >= 2
    assert [error for error in web.console_errors if "Pagefind" in error], "the empty answer was not met"
    web.console_errors.clear()  # Pagefind logs the failure it met; the search went on


def test_search_opens_the_one_paragraph_with_the_word(web, built_site: Path):
    stem = re.compile(r"\bagnostic\w*", re.IGNORECASE)  # what Pagefind's stemming would also find
    found = [(page_url(built_site, page), element.get("id")) for page in html_pages(built_site)
             for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article p, article li")
             if stem.search(element.get_text(" ")) and not element.find(["p", "li"])]
    assert found == [("/romano-2021/", "p23")], f"pick another test word: {found}"
    web.goto("/kapoor-2021/")
    results = search(web, PARAGRAPH_ONLY_WORD)
    assert results.count() == 1
    assert results.first.locator(".scholion-search__where").inner_text() == "¶23"
    results.first.locator("a").click()
    web.page.wait_for_url(re.compile(r"/romano-2021/\?highlight=agnosticism#p23$"))
    web.page.locator("#p23 mark.scholion-hit").first.wait_for(state="visible")
    assert web.page.locator("#p23 mark.scholion-hit").all_inner_texts() == [PARAGRAPH_ONLY_WORD]
    assert in_viewport(web.page, "#p23")


ANNOTATION_ONLY_WORD = "Corfu"  # in the body of an annotation on Romano, in no text


def test_search_opens_an_annotation(web, built_site: Path):
    romano = BeautifulSoup((built_site / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    annotation = romano.find(lambda tag: tag.get("id", "").startswith("annotation-") and ANNOTATION_ONLY_WORD in tag.get_text())
    assert annotation and not [p["id"] for p in romano.select("p.para, li.note") if ANNOTATION_ONLY_WORD in p.get_text()]
    paragraph = annotation.find_next("p", class_="para")["id"]  # annotations come before their paragraph
    web.goto("/")
    first = search(web, ANNOTATION_ONLY_WORD).first
    assert first.locator(".scholion-search__title").inner_text() == romano_title(built_site)
    assert first.locator(".scholion-search__where").inner_text() == f"annotation on ¶{paragraph[1:]}"
    first.locator("a").click()
    web.page.wait_for_url(re.compile(rf"/romano-2021/\?highlight=corfu#{annotation['id']}$"))
    marks = web.page.locator(f"#{annotation['id']} mark.scholion-hit")
    marks.first.wait_for(state="visible")  # the annotation is open, the word marked in it
    assert marks.all_inner_texts() == [ANNOTATION_ONLY_WORD]
    assert in_viewport(web.page, f"#{annotation['id']}")


GLOSSARY_ONLY_WORD = "Thailand"  # in the definition of ASEAN on /glossary/, in no text


def test_search_opens_a_glossary_entry(web, built_site: Path):
    pages_with_word = [page_url(built_site, page) for page in html_pages(built_site)
                       if GLOSSARY_ONLY_WORD in (BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
                                                 .select_one("article") or BeautifulSoup("", "html.parser")).get_text(" ")]
    assert pages_with_word == ["/glossary/"], f"pick another test word: {GLOSSARY_ONLY_WORD!r} is on {pages_with_word}"
    web.goto(READING)
    first = search(web, GLOSSARY_ONLY_WORD).first
    assert first.locator(".scholion-search__title").inner_text() == "Glossary"
    assert first.locator(".scholion-search__where").inner_text() == "ASEAN"
    first.locator("a").click()
    web.page.wait_for_url(re.compile(r"/glossary/\?highlight=thailand#asean$"))
    web.page.locator("#asean mark.scholion-hit").first.wait_for(state="visible")
    assert web.page.locator("#asean mark.scholion-hit").all_inner_texts() == [GLOSSARY_ONLY_WORD]
    assert in_viewport(web.page, "#asean")
    web.screenshot("search-glossary-word")


def test_search_a_glossary_term_opens_its_entry(web):
    web.goto("/")
    first = search(web, "CSTO").first
    assert first.locator("a").get_attribute("href").endswith("#csto")
    first.locator("a").click()
    web.page.wait_for_url(re.compile(r"/glossary/\?highlight=csto#csto$"))
    assert in_viewport(web.page, "#csto")


def test_search_finds_a_bibliography_entry(web):
    web.goto("/")
    first = search(web, "Hughes").first
    assert first.locator(".scholion-search__title").inner_text() == "Bibliography"
    assert first.locator("a").get_attribute("href").split("?")[0].endswith("/bibliography/")
    assert first.locator("a").get_attribute("href").endswith("#hughes-2013")


def test_search_by_keyboard_alone(web):
    web.goto(READING)
    web.page.wait_for_load_state("networkidle")
    web.page.keyboard.press("/")  # the shortcut Material's search had
    dialog = web.page.get_by_role("dialog", name="Search")
    dialog.wait_for(state="visible")
    box = dialog.get_by_role("searchbox")
    assert box.evaluate("e => e === document.activeElement")
    web.page.keyboard.type("Kropatcheva", delay=20)
    results = results_for(web, "Kropatcheva")
    links = results.locator("a")
    web.page.keyboard.press("Escape")  # closes; focus goes back to where it was
    dialog.wait_for(state="hidden")
    # From the header's button, by keyboard: Enter opens, arrows move through the results, Enter follows one.
    button = web.page.get_by_role("button", name="Search")
    button.focus()
    web.page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    assert box.evaluate("e => e === document.activeElement")
    web.page.keyboard.press("Control+a")
    web.page.keyboard.type("Moscow", delay=20)
    results = results_for(web, "Moscow")
    assert results.count() >= 2
    web.page.keyboard.press("ArrowDown")
    assert links.nth(0).evaluate("e => e === document.activeElement")
    web.page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("e => e === document.activeElement")
    web.page.keyboard.press("ArrowUp")
    web.page.keyboard.press("ArrowUp")
    assert box.evaluate("e => e === document.activeElement")
    web.page.keyboard.press("Tab")  # Tab goes on to the close button, then through the results
    web.page.keyboard.press("Tab")
    assert links.nth(0).evaluate("e => e === document.activeElement")
    web.page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert button.evaluate("e => e === document.activeElement"), "focus goes back to the button that opened the search"
    button.press("Enter")
    web.page.keyboard.type(PARAGRAPH_ONLY_WORD, delay=20)
    results_for(web, PARAGRAPH_ONLY_WORD)
    web.page.keyboard.press("Enter")  # Enter in the box opens the first result
    web.page.wait_for_url(re.compile(r"#p23$"))
    web.page.locator("#p23 mark.scholion-hit").first.wait_for(state="visible")


# The policy every page carries (scholion/mkdocs/csp.py, less the hashes of Material's inline scripts,
# which only they need), sent as a header too, with or without what the search asks it to add: both
# policies apply, so without it in the header the search must say it is not available.
POLICY = ("default-src 'self'; script-src 'self'{extra}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'")


@pytest.mark.parametrize("extra, works", [(" 'wasm-unsafe-eval'", True), ("", False)])
def test_search_needs_only_wasm_unsafe_eval_of_the_security_policy(web, extra: str, works: bool):
    policy = POLICY.format(extra=extra)

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    web.page.route("**/*", with_policy)
    web.page.add_init_script("window.__blocked = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile))")
    web.goto("/")
    web.page.locator("[data-scholion-search]").click()
    web.page.get_by_role("searchbox").press_sequentially(PARAGRAPH_ONLY_WORD, delay=20)
    status = web.page.locator(".scholion-search__status")
    if works:
        results_for(web, PARAGRAPH_ONLY_WORD)
        blocked = web.page.evaluate("window.__blocked")
        assert not [line for line in blocked if "search.js" in line or "pagefind" in line or "wasm" in line], blocked
    else:  # the control: without it, Pagefind cannot compile its WebAssembly, and the dialog says so
        web.page.wait_for_function("() => /not available/.test(document.querySelector('.scholion-search__status').textContent)")
        assert status.inner_text() == "Search is not available."
    web.console_errors.clear()  # Material's inline scripts are refused under this policy without their hashes


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
    web.page.locator(".scholion-card").wait_for(state="visible")
    assert len(web.requests) > 20
    assert web.foreign_requests() == []


def test_screenshots_of_each_page_type(web):
    for name, url in (("home", "/"), ("reading-romano", READING), ("reading-kapoor", "/kapoor-2021/")):
        web.goto(url, wait_until="networkidle")
        path = web.screenshot(f"page-{name}", full_page=False)
        assert path.stat().st_size > 5_000
