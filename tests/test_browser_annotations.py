"""Annotations and citing in a real browser (Debian's Chromium through Playwright).

* an annotation sits beside its paragraph on a wide screen, and is a collapsible block above it
  on a narrow one (bounding boxes);
* the cite button after a ¶ copies that paragraph's citation (clipboard read back), also after
  Material's instant navigation; "Cite this text" copies too; the Highwire tags are in the DOM;
* hostile annotation Markdown (and hostile glossary/bib text through ``sanitize_html``) never
  runs: the payloads set ``window.__xss``, which must stay unset after load, hover and clicks —
  and a control shows the same payloads do run when not sanitized.
"""
from __future__ import annotations

import html
import textwrap
from datetime import date
from pathlib import Path

import pytest

from scholion.bib.citing import Publication, bibtex, citation_data, styled, work_from_meta
from scholion.text.corpus import load_text
from scholion.text.printed import paragraph_pages
from scholion.html.sanitising import sanitize_html, tooltip_title
from citefill import fill
from sitebuild import ROOT, SITE_NAME, copy_project, served_build

pytestmark = pytest.mark.slow  # a browser on built sites

READING = "/romano-2021/"
WIDE = {"width": 1440, "height": 900}  # wide enough for the reading page's margin column
NARROW = {"width": 400, "height": 800}


def box(page, selector: str) -> dict:
    result = page.locator(selector).bounding_box()
    assert result, f"{selector} has no box (hidden?)"
    return result


# ---------------------------------------------------------------- beside the paragraph


def test_annotation_beside_its_paragraph_on_a_wide_screen(web):
    web.page.set_viewport_size(WIDE)
    web.goto(READING + "#p28")
    aside = web.page.locator("#annotations-p28")
    aside.wait_for(state="visible")
    web.page.wait_for_function("() => document.querySelector('#annotations-p28').open")
    paragraph, note = box(web.page, "#p28"), box(web.page, "#annotations-p28")
    sidenotes = box(web.page, "aside.sidenotes:has(+ #annotations-p28)")
    # In the margin column beside the text, narrower than the text: under the paragraph's own sidenotes,
    # which start level with it (short, they stay by their markers), and beside the paragraph.
    assert note["x"] >= paragraph["x"] + paragraph["width"]
    assert abs(sidenotes["y"] - paragraph["y"]) < 24
    assert sidenotes["y"] + sidenotes["height"] <= note["y"] < paragraph["y"] + paragraph["height"] / 2
    assert note["width"] < paragraph["width"]
    # The text flows beside it: the highlighted words end left of the note.
    first_mark = box(web.page, "#p28 mark.annotation-quote >> nth=0")
    assert first_mark["x"] + first_mark["width"] <= note["x"] + 1
    assert abs(first_mark["y"] - note["y"]) < note["height"]  # on the same level as the note
    # Both annotations and their count are readable without a click.
    assert aside.locator("summary").inner_text().strip().startswith("2 annotations")
    article = web.page.locator("#annotation-note-61-cis-missing")
    assert article.is_visible() and "Note 61 is missing." in article.inner_text()
    web.screenshot("annotation-wide")
    assert web.console_errors == []


def test_annotation_collapsible_on_a_narrow_screen(browser, site_url):
    context = browser.new_context(viewport=NARROW, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + READING + "#p28")
        aside = page.locator("#annotations-p28")
        aside.wait_for(state="attached")
        page.wait_for_timeout(300)  # annotations.js has run
        assert aside.evaluate("element => element.open") is False
        paragraph, note = box(page, "#p28"), box(page, "#annotations-p28")
        assert note["y"] + note["height"] <= paragraph["y"] + 1  # a block just above its paragraph
        assert note["width"] > 0.8 * paragraph["width"]
        assert not page.locator("#annotation-note-61-cis-missing").is_visible()
        aside.locator("summary").click()
        assert page.locator("#annotation-note-61-cis-missing").is_visible()
        page.screenshot(path=str(ROOT / "test-artifacts" / "annotation-narrow.png"))
    finally:
        context.close()


def test_marker_in_the_text_leads_to_the_annotation(browser, site_url):
    context = browser.new_context(viewport=NARROW, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "/kapoor-2021/")
        ref = page.locator('#p6 a.annotation-ref[href$="#annotation-minsk-agreements"]')  # instant nav makes hrefs absolute
        ref.scroll_into_view_if_needed()
        ref.click()
        target = page.locator("#annotation-minsk-agreements")
        target.wait_for(state="visible")
        top = target.evaluate("element => element.getBoundingClientRect().top")
        assert 0 <= top < NARROW["height"]
    finally:
        context.close()


def test_index_page_lists_annotations_by_text_author_and_tag(web):
    web.goto("/annotations/")
    assert web.page.locator(".annotation-list article.annotation").count() == 8
    href = web.page.locator("#romano-2021-note-61-cis-missing .annotation-target a").evaluate("a => a.href")
    assert href.endswith("/romano-2021/#p28")
    web.page.goto(href)
    web.page.wait_for_function("() => (() => { const p = document.getElementById('p28'); "
                               "return p && p.getBoundingClientRect().top < innerHeight && p.getBoundingClientRect().bottom > 0; })()")


# ---------------------------------------------------------------- citing


@pytest.fixture
def clip(browser, site_url):
    """A wide page allowed to write and read the clipboard."""
    context = browser.new_context(viewport=WIDE, service_workers="block")
    origin = "/".join(site_url.split("/")[:3])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def work(slug: str, built_site_url: str):
    document = load_text(ROOT / "sources" / slug, update_lock=False).document
    return work_from_meta(slug, document.meta, Publication(built_site_url, SITE_NAME), paragraph_pages(document))


def browser_day(page) -> date:
    """The day the reader's browser gives (in its time zone): the day of access cite.js fills in."""
    return date(*page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }"))


def test_cite_button_copies_the_paragraph_citation(clip, site_url, built_site_url):
    page, errors = clip
    page.goto(site_url + READING + "#p14")
    button = page.locator("#p14 button.cite-button")
    assert button.get_attribute("aria-label") == "Cite paragraph 14"
    button.click()
    panel = page.locator("#cite-panel")
    panel.wait_for(state="visible")
    romano = work("romano-2021", built_site_url)
    data, day = citation_data(romano, styled(romano)), browser_day(page)
    expected = fill(data["styles"]["chicago"]["paragraph"]["reference"], data, "14", day, "chicago")  # the first style
    assert expected.endswith("romano-2021/#p14.") and f"Accessed {day:%B} {day.day}, {day.year}." in expected
    assert panel.locator('pre[data-format="reference"]').inner_text() == expected
    panel.locator('.cite-format[data-format="reference"] button.cite-copy').click()
    page.wait_for_function("() => document.querySelector('#cite-panel .cite-status').textContent.includes('copied')")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    panel.locator('.cite-format[data-format="bibtex"] button.cite-copy').click()
    page.wait_for_function("() => document.querySelector('#cite-panel .cite-status').textContent.startsWith('BibTeX')")
    assert page.evaluate("navigator.clipboard.readText()") == fill(bibtex(romano, "14", accessed=True), data, day=day)
    # Escape closes the panel and gives focus back to the button.
    page.keyboard.press("Escape")
    assert page.locator("#cite-panel").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite paragraph 14"
    assert errors == []


def test_cite_this_text_copies_the_whole_text_citation(clip, site_url, built_site_url):
    page, _ = clip
    page.goto(site_url + "/kapoor-2021/")
    page.locator("#cite-this-text > summary").click()
    page.locator('#cite-this-text .cite-format[data-format="reference"] button.cite-copy').click()
    page.wait_for_function("() => document.querySelector('#cite-this-text .cite-status').textContent.includes('copied')")
    kapoor = work("kapoor-2021", built_site_url)
    data = citation_data(kapoor, styled(kapoor))
    expected = fill(data["styles"]["chicago"]["text"]["reference"], data, day=browser_day(page), style="chicago")
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_cite_buttons_after_instant_navigation(clip, site_url, built_site_url):
    page, errors = clip
    page.goto(site_url + "/texts/")
    page.evaluate("window.__samePage = true")
    page.locator('article a[href*="kapoor-2021"]').first.click()
    page.wait_for_url("**/kapoor-2021/")
    page.locator("#p2 button.cite-button").wait_for()
    assert page.evaluate("window.__samePage === true"), "expected Material's instant navigation (no reload)"
    links = page.locator("a.para-link").count()
    assert links > 40 and page.locator("a.para-link + button.cite-button").count() == links
    page.locator("#p2 button.cite-button").click()
    page.locator('#cite-panel .cite-format[data-format="reference"] button.cite-copy').click()
    page.wait_for_function("() => document.querySelector('#cite-panel .cite-status').textContent.includes('copied')")
    kapoor = work("kapoor-2021", built_site_url)
    data = citation_data(kapoor, styled(kapoor))
    expected = fill(data["styles"]["chicago"]["paragraph"]["reference"], data, "2", browser_day(page), "chicago")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert errors == []


def test_highwire_meta_tags_in_the_page(web, built_site_url):
    web.goto("/kapoor-2021/")
    def content(name):
        return [m.get_attribute("content") for m in web.page.locator(f'head meta[name="{name}"]').all()]
    assert content("citation_title") == ["Russia-EU Relations: The End of a Strategic Partnership"]
    assert content("citation_author") == ["Kapoor, Nivedita"]
    assert content("citation_publication_date") == ["2021/03"]
    assert content("citation_technical_report_institution") == ["Observer Research Foundation"]
    assert content("citation_abstract_html_url") == [built_site_url + "kapoor-2021/"]


# ---------------------------------------------------------------- hostile Markdown never runs

PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src="x" onerror="window.__xss = 1">',
    "[a javascript link](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1" id="js-link">raw javascript link</a>',
    '<a href="#" onclick="window.__xss = 1" onmouseover="window.__xss = 1">onclick link</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">tab-split scheme</a>',
    '<svg><animate onbegin="window.__xss = 1" attributeName="x" dur="1s"/></svg>',
    '<details open ontoggle="window.__xss = 1"><summary>toggle</summary>x</details>',
    '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
    '<div onmouseover="window.__xss = 1" style="position:fixed;inset:0">hover me</div>',
    '<a href="data:text/html,<script>window.__xss=1</script>">data link</a>',
    '<form><button formaction="javascript:window.__xss=1">submit</button></form>',
    '<input autofocus onfocus="window.__xss = 1">',
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The real project plus one annotation whose body, author and tags carry the payloads, built and served."""
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    body = "\n\n".join(PAYLOADS)
    (project / "sources" / "romano-2021" / "annotations" / "xss-probe.md").write_text(textwrap.dedent("""\
        ---
        target:
          paragraph: p1
          exact: "champion of multilateralism"
        author: "<img src=x onerror='window.__xss = 1'>Mallory"
        date: 2026-01-01
        kind: comment
        tags: ["<script>window.__xss = 1</script>", "<b onmouseover='window.__xss=1'>tag</b>"]
        ---
        """) + body + "\n", encoding="utf-8")
    # Strict but for the probe's links to javascript: and data:, which are dropped with a warning.
    with served_build(project, base / "site", warnings=r"annotations/xss-probe\.md:\d+: the link to .* is dropped") as url:
        yield url


def poke_everything(page, scope: str) -> None:
    """Hover and click every element of ``scope`` (links, marks, summaries…), then focus each link."""
    elements = page.locator(", ".join(f"{part.strip()} *" for part in scope.split(",")))
    start = page.evaluate("location.pathname")
    poked = 0
    for index in range(elements.count()):
        element = elements.nth(index)
        area = element.bounding_box() if element.is_visible() else None
        if not area or area["width"] < 3 or area["height"] < 3:  # hidden, or a visually-hidden label
            continue
        element.hover(timeout=2000)
        poked += 1
        if element.evaluate("e => e.tagName") in ("A", "SUMMARY", "MARK", "BUTTON", "IMG", "Q"):
            element.click(timeout=2000, no_wait_after=True)
            page.wait_for_timeout(50)
            if page.evaluate("location.pathname") != start:  # a tag link leads to the index: come back
                page.go_back()
                page.wait_for_function("start => location.pathname === start", arg=start)
                page.wait_for_timeout(100)
    assert poked > 10, f"only {poked} elements of {scope} were visible to poke"


@pytest.mark.parametrize("path, scope", [
    ("romano-2021/", "#annotations-p1, #p1"),
    ("annotations/", "#romano-2021-xss-probe"),
])
def test_hostile_annotation_never_runs(browser, hostile_site, path, scope):
    context = browser.new_context(viewport=WIDE, service_workers="block")
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_site + path)
        page.wait_for_timeout(500)
        assert page.evaluate("window.__xss") is None, "a payload ran on load"
        article = page.locator("article.annotation", has_text="onclick link").first
        assert article.is_visible()
        assert "Mallory" in article.inner_text()
        poke_everything(page, scope)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, "a payload ran on hover or click"
        if path == "romano-2021/":  # the hover card shows the author's name as text
            page.locator("#p1 a.annotation-ref").hover()
            tooltip = page.locator(".scholion-card")
            tooltip.wait_for(state="visible")
            assert "<img src=x onerror='window.__xss = 1'>Mallory" in tooltip.inner_text()
            assert page.evaluate("window.__xss") is None
        assert dialogs == []
        # Nothing of the payloads is live in the DOM either.
        live = page.evaluate("""() => [...document.querySelectorAll('article.annotation *')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on') || /^\\s*(javascript|data):/i.test(a.value)).map(a => e.tagName + ' ' + a.name))""")
        assert live == []
        assert page.locator("article.annotation script, article.annotation iframe, article.annotation svg").count() == 0
    finally:
        context.close()


def test_payloads_are_live_without_the_sanitizer(browser):
    """Control: the same payloads do set the flag when put on a page raw, so the test above means something."""
    page = browser.new_page()
    try:
        page.set_content("\n".join(PAYLOADS))
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") == 1
    finally:
        page.close()


@pytest.mark.parametrize("inline", [False, True])
def test_sanitized_fields_never_run(browser, inline):
    """What other contributor-edited fields (glossary definitions, bib notes, source.yml) get from sanitize_html."""
    page = browser.new_page()
    try:
        fields = "".join(f"<div class='field'>{sanitize_html(payload, inline=inline)}</div>" for payload in PAYLOADS)
        page.set_content(f"<main>{fields}</main>")
        page.wait_for_timeout(300)
        poke_everything(page, "main")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
    finally:
        page.close()


def test_titles_for_material_tooltips_stay_text(browser):
    """Material's content.tooltips does ``innerHTML = element.title``: plain attribute escaping is not
    enough there (control), ``tooltip_title`` is."""
    mimic = """() => { for (const e of document.querySelectorAll('[title]')) {
        const tip = document.createElement('div'); tip.innerHTML = e.title; document.body.append(tip); } }"""
    control, page = browser.new_page(), browser.new_page()
    try:
        control.set_content("".join(f'<abbr title="{html.escape(p, quote=True)}">x</abbr>' for p in PAYLOADS))
        control.evaluate(mimic)
        control.wait_for_timeout(300)
        assert control.evaluate("window.__xss") == 1  # the sink is real
        page.set_content("".join(f'<abbr title="{tooltip_title(p)}">x</abbr>' for p in PAYLOADS))
        page.evaluate(mimic)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
        shown = page.evaluate("[...document.querySelectorAll('body > div')].map(d => d.textContent)")
        assert shown == PAYLOADS
    finally:
        control.close()
        page.close()
