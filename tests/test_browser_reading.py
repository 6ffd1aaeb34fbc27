"""The reading page as an edition, in Chromium: the margin column at desk width, popovers on a phone
and from the keyboard, tap targets, and the printed page. Screenshots land in ``test-artifacts/``."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import Web, artifact_path
from scholion.glossary.loading import load_glossary
from sitebuild import ROOT

pytestmark = pytest.mark.slow  # a browser on the real site

TEXTS = ("/romano-2021/", "/kapoor-2021/")
DESK = {"viewport": {"width": 1440, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


@pytest.fixture
def open_page(browser, site_url):
    """``open_page(path, **context)``: a page in a fresh context of its own; no console error allowed."""
    contexts, states = [], []

    def make(path: str, **context) -> Web:
        browser_context = browser.new_context(service_workers="block", **context)
        contexts.append(browser_context)
        page = browser_context.new_page()
        page.set_default_timeout(15_000)
        state = Web(page, site_url)
        page.on("console", lambda message: message.type == "error" and state.console_errors.append(message.text))
        page.on("pageerror", lambda error: state.console_errors.append(str(error)))
        state.goto(path)
        states.append(state)
        return state

    yield make
    try:
        assert [error for state in states for error in state.console_errors] == []
    finally:
        for context in contexts:
            context.close()


def overlaps(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


MARGIN_ITEMS = ".reading-page :is(.sidenotes, details.annotations, .pull-quote)"


@pytest.mark.parametrize("path", TEXTS)
def test_margin_column_beside_the_text_at_desk_width(open_page, path):
    web = open_page(path, **DESK)
    page = web.page
    paragraphs = [box for box in (p.bounding_box() for p in page.locator(".reading-page p.para").all()) if box]
    items = [box for box in (item.bounding_box() for item in page.locator(MARGIN_ITEMS).all()) if box]
    sidenotes = page.locator(".reading-page .sidenotes")
    assert sidenotes.count() > 0 and len(items) >= sidenotes.count()
    text_right = max(box["x"] + box["width"] for box in paragraphs)
    for index, item in enumerate(items):
        assert item["x"] >= text_right, f"margin item {index} reaches into the text column"
        assert not any(overlaps(item, paragraph) for paragraph in paragraphs)
        assert not any(overlaps(item, other) for other in items[index + 1:]), f"margin item {index} covers another"
    # A paragraph's sidenotes start level with it unless those before still fill the margin.
    gaps = page.locator(".reading-page aside.sidenotes + p.para").evaluate_all(
        "ps => ps.map(p => p.previousElementSibling.getBoundingClientRect().top - p.getBoundingClientRect().top)")
    print("sidenote drift (px):", [round(gap) for gap in gaps])
    assert sum(abs(gap) < 12 for gap in gaps) >= len(gaps) / 3
    # Every paragraph's sidenotes start level with it, unless the margin item before them still runs
    # beside it: its own annotations, which can be long, come after them (Romano ¶28 had them 1,221 px down).
    late = page.evaluate("""(selector) => {
        const items = [...document.querySelectorAll(selector)];
        return [...document.querySelectorAll('.reading-page > aside.sidenotes')].flatMap(aside => {
            let p = aside.nextElementSibling;
            while (p && !p.matches('p.para')) p = p.nextElementSibling;
            const top = p.getBoundingClientRect().top, drift = aside.getBoundingClientRect().top - top;
            // The item before, if it belongs to an earlier paragraph (a paragraph stands between them).
            const before = items[items.indexOf(aside) - 1];
            const earlier = before && [...document.querySelectorAll('.reading-page p.para')].some(q =>
                (before.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING) && (q.compareDocumentPosition(aside) & Node.DOCUMENT_POSITION_FOLLOWING));
            const filled = earlier && before.getBoundingClientRect().bottom > top;
            return Math.abs(drift) < 12 || filled ? [] : [[p.id, Math.round(drift)]];
        });
    }""", MARGIN_ITEMS)
    assert late == []
    # The measure: about 60–75 characters a line.
    widths = page.evaluate("""() => {
        const p = [...document.querySelectorAll('.reading-page p.para')].find(p => p.textContent.length > 600);
        const lines = new Map();
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode())) {
          for (let i = 0; i < node.length; i++) {
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
            const box = r.getBoundingClientRect(); if (!box.height) continue;
            const key = Math.round(box.top); lines.set(key, (lines.get(key) || 0) + 1);
          }
        }
        return [...lines.values()];
    }""")
    full_lines = sorted(widths)[len(widths) // 2:]  # the longer half: not a paragraph's last line
    assert 55 <= min(full_lines) and max(full_lines) <= 80, widths
    web.screenshot(f"reading-desk{path.strip('/')}")


def test_sidenotes_fold_away_on_a_phone(open_page):
    page = open_page(TEXTS[0], **PHONE).page
    assert page.locator(".reading-page .sidenotes").first.is_hidden()
    paragraph = page.locator("#p14").bounding_box()
    assert paragraph["width"] <= 390


def popover(page):
    dialog = page.locator(".scholion-popover[role=dialog]")
    dialog.wait_for(state="visible")
    return dialog


def test_tap_opens_a_note_a_term_and_an_annotation_in_place(open_page):
    web = open_page(TEXTS[0], **PHONE)
    page = web.page
    marker = page.locator('a.footnote-ref[href$="#n55"]')
    marker.scroll_into_view_if_needed()
    marker.tap()
    dialog = popover(page)
    assert "Kropatcheva 2016, p. 1527." in dialog.inner_text()
    assert not page.url.endswith("#n55")  # no jump to the Notes list (Material's tracking may name the section)
    box, anchor = dialog.bounding_box(), marker.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390 and abs(box["y"] - anchor["y"]) < 400
    web.screenshot("popover-note-phone")
    page.locator("article h1").tap()  # a tap outside
    dialog.wait_for(state="detached")

    eaeu = load_glossary(ROOT / "glossary.yml")[0]["eaeu"]
    term = page.locator('#p35 a.glossary-term[href$="#eaeu"]')
    term.scroll_into_view_if_needed()
    term.tap()
    assert eaeu.expansion in popover(page).inner_text()
    assert page.locator(".scholion-popover a.popover-more").get_attribute("href").endswith("#eaeu")
    web.screenshot("popover-term-phone")
    page.locator(".scholion-popover .popover-close").tap()
    page.locator(".scholion-popover").wait_for(state="detached")

    mark = page.locator("a.annotation-ref").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    dialog = popover(page)
    assert dialog.locator("article.annotation .annotation-body").inner_text().strip()
    assert dialog.locator("[id]").count() == 0  # a clone of the page's nodes, without their ids


def test_keyboard_opens_and_closes_a_note(open_page):
    page = open_page(TEXTS[0], **DESK).page
    marker = page.locator('a.footnote-ref[href$="#n55"]')
    marker.focus()
    page.keyboard.press("Enter")
    dialog = popover(page)
    assert "Kropatcheva 2016" in dialog.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "dialog"
    assert dialog.get_attribute("aria-label") == "Note 55"
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#n55")
    assert not page.url.endswith("#n55")


def test_a_missing_note_says_so_in_place(open_page):
    page = open_page(TEXTS[1], **PHONE).page
    marker = page.locator("a.note-ref-missing").first
    assert "not in the source extract" in marker.get_attribute("aria-label")
    marker.scroll_into_view_if_needed()
    marker.tap()
    assert "not in the source extract" in popover(page).inner_text()


TARGETS = "a.footnote-ref, a.note-ref-missing, a.annotation-ref, a.para-link, button.cite-button"


@pytest.mark.parametrize("path", TEXTS)
def test_tap_targets_are_at_least_24_px(open_page, path):
    page = open_page(path, **PHONE).page
    page.locator("button.cite-button").first.wait_for()
    sizes = page.locator(f".reading-page :is({TARGETS})").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).map(e => [e.className, e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert len(sizes) > 100
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert small == []


@pytest.mark.parametrize("path", TEXTS)
def test_print_keeps_every_annotation_and_no_hover_wording(open_page, built_site: Path, path):
    web = open_page(path, **DESK)
    web.page.emulate_media(media="print")
    pdf = web.page.pdf(format="A4", print_background=False)
    artifact_path(f"print{path.strip('/')}").with_suffix(".pdf").write_bytes(pdf)
    web.page.screenshot(path=str(artifact_path(f"print-view{path.strip('/')}")))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = _flat(text)
    soup = BeautifulSoup((built_site / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    bodies = [_flat(body.get_text(" ")) for body in soup.select(".reading-page article.annotation .annotation-body")]
    assert bodies
    missing = [body[:80] for body in bodies if body not in flat]
    assert missing == []
    assert "hover" not in flat.lower()
    # The notes print, and the printed page markers where the extract shows them.
    assert "Notes" in text
    assert bool(re.search(r"\[p\.\s?\d+\]", text)) == bool(soup.select(".page-mark"))


def _flat(text: str) -> str:
    """Words only: PDF text breaks lines and hyphenates where the page does."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[^\w]+", "", text)


@pytest.mark.parametrize("path", TEXTS)
def test_no_id_is_given_twice_once_the_page_has_run(open_page, path):
    page = open_page(path, **DESK).page
    page.wait_for_load_state("load")  # the page's scripts have run
    twice = page.locator("[id]").evaluate_all("els => els.map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i)")
    assert twice == []
