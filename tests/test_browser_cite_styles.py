"""The citation style a reader chooses, in a real browser (Debian's Chromium through Playwright), on a
site built with a corpus version: ¶14 of Romano cited in each style shows the paragraph's locator,
the version and today's date as that style writes them; the choice, made by keyboard, holds in the
"Cite this text" box, after a reload, on the other text (reached by instant navigation) and on a
new visit. Screenshots of the panel at desk and phone widths land in ``test-artifacts/``.

The expected forms are the style manuals', written out here."""
from __future__ import annotations

import calendar
from datetime import date

import pytest

from conftest import artifact_path
from sitebuild import copy_project, served_build

pytestmark = pytest.mark.slow  # a build of its own and a browser

VERSION = "v2.1"
MONTHS = list(calendar.month_name)[1:]
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
# Each style: its label, how it writes the day of access, and how it cites ¶14 in the text.
STYLES = {
    "chicago": ("Chicago (author-date)", lambda d: f"Accessed {MONTHS[d.month - 1]} {d.day}, {d.year}.", "2021, para. 14)"),
    "apa": ("APA (7th edition)", lambda d: f"Retrieved {MONTHS[d.month - 1]} {d.day}, {d.year}, from ", "2021, para. 14)"),
    "mla": ("MLA (9th edition)", lambda d: f"Accessed {d.day} {MLA_MONTHS[d.month - 1]} {d.year}.", "(Romano, par. 14)"),
    "harvard": ("Harvard (Cite Them Right)", lambda d: f"(Accessed: {d.day} {MONTHS[d.month - 1]} {d.year})", "2021, para. 14)"),
}


@pytest.fixture(scope="module")
def versioned_site(tmp_path_factory):
    """The site built with the plugin's ``version`` set, served on the loopback (URL without its trailing /)."""
    folder = tmp_path_factory.mktemp("versioned")
    project = copy_project(folder / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - scholion " in text
    config.write_text(text.replace("  - scholion ", f"  - scholion:\n      version: {VERSION}\n  #", 1), encoding="utf-8")
    with served_build(project, folder / "site") as url:
        yield url.rstrip("/")


@pytest.fixture
def reader(browser):
    """A fresh browser (nothing remembered) at desk width; what the page logged as errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def browser_day(page) -> date:
    return date(*page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }"))


def open_panel(page, number: str):
    page.locator(f"#p{number} button.cite-button").click()
    panel = page.locator("#cite-panel")
    panel.wait_for(state="visible")
    return panel


def shown(container) -> tuple[str, str, str]:
    """The style's label over the reference, the reference and the in-text citation shown."""
    return (container.locator('.cite-format[data-format="reference"] .cite-format-name').inner_text(),
            container.locator('pre[data-format="reference"]').inner_text(),
            container.locator('pre[data-format="in-text"]').inner_text())


@pytest.mark.parametrize("style", list(STYLES))
def test_each_style_cites_the_paragraph_with_its_locator_the_version_and_today(reader, versioned_site, style):
    page, errors = reader
    page.goto(versioned_site + "/romano-2021/#p14")
    panel = open_panel(page, "14")
    page.select_option("#cite-style-paragraph", style)
    label, accessed, located = STYLES[style]
    name, reference, in_text = shown(panel)
    assert name == label
    assert accessed(browser_day(page)) in reference
    assert "version 2.1" in reference.lower()
    assert "/romano-2021/#p14" in reference and reference.count("https://") + reference.count("http://") == 1
    assert in_text.startswith("(Romano") and in_text.endswith(located)
    assert errors == []


def test_the_style_chosen_is_remembered_across_pages_and_visits(reader, versioned_site):
    page, errors = reader
    page.goto(versioned_site + "/romano-2021/#p14")
    panel = open_panel(page, "14")
    assert page.locator("#cite-style-paragraph").input_value() == "chicago"  # nothing chosen yet: the first
    # By keyboard: the chooser is a labelled native <select>.
    assert page.locator('label[for="cite-style-paragraph"]').inner_text() == "Citation style"
    page.locator("#cite-style-paragraph").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#cite-style-paragraph").input_value() == "mla"
    mla = STYLES["mla"][1](browser_day(page))
    assert mla in shown(panel)[1]
    # The "Cite this text" box on the same page follows.
    page.locator("#cite-this-text > summary").click()
    box = page.locator("#cite-this-text")
    assert page.locator("#cite-style-text").input_value() == "mla"
    assert mla in shown(box)[1] and "#p14" not in shown(box)[1]
    assert page.evaluate("localStorage.getItem('scholion.citeStyle')") == "mla"

    page.reload()
    assert mla in shown(open_panel(page, "14"))[1]
    assert page.locator("#cite-style-paragraph").input_value() == "mla"

    # The other text, by Material's instant navigation (no reload): the box and a panel there.
    page.evaluate("window.__samePage = true")
    page.locator('nav a[href*="kapoor-2021"]').first.click()
    page.wait_for_url("**/kapoor-2021/")
    page.locator("#p2 button.cite-button").wait_for()
    assert page.evaluate("window.__samePage === true")
    page.locator("#cite-this-text > summary").click()
    assert page.locator("#cite-style-text").input_value() == "mla"
    assert mla in shown(page.locator("#cite-this-text"))[1]
    assert page.locator('#cite-this-text pre[data-format="reference"]').inner_text().startswith("Kapoor, Nivedita.")
    assert mla in shown(open_panel(page, "2"))[1]

    # A new visit, in another tab.
    later = page.context.new_page()
    later.goto(versioned_site + "/kapoor-2021/")
    later.locator("#cite-this-text > summary").click()
    assert later.locator("#cite-style-text").input_value() == "mla"
    assert errors == []


@pytest.mark.parametrize("screen, width", [("desk", 1280), ("phone", 390)])
def test_screenshot_of_the_cite_panel(browser, versioned_site, screen, width):
    """What a reader sees: the panel under ¶14 in APA, its top at the top of the screen."""
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(versioned_site + "/romano-2021/#p14")
        panel = open_panel(page, "14")
        page.select_option("#cite-style-paragraph", "apa")
        panel.evaluate("element => element.scrollIntoView()")
        page.wait_for_timeout(200)
        # Nothing spills out of the panel, whose width the text column sets.
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        page.screenshot(path=str(artifact_path(f"cite-panel-{screen}")))
    finally:
        context.close()
