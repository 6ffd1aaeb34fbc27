"""Script payloads in every contributor field never run, and every page carries the security policy.

Contributors edit ``source.yml``, ``source.txt``, ``topics/``, ``glossary.yml``, ``bib/`` and
annotations by pull request. Each payload sets ``window.__xss`` if it runs (no digit but in the few
shapes that need one: the reader takes digits in a heading for note markers). The payloads are
planted in a few builds (one build per batch, the first with Material's tooltips on, the others with
the site's own hover cards); every field gets the whole batch (a heading line its
share of the shapes without digits), so over the builds every field gets at least thirty shapes.
Every page of each build is opened and what a reader touches is touched: the navigation, the table
of contents, note markers, glossary terms, citations, annotations, the cite buttons and the search.
No payload may run, every page must carry the policy, and no page may log a console error (what the
policy blocks is logged as one, so a payload turned back into markup anywhere fails the test).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild import copy_project, served_build

pytestmark = pytest.mark.slow  # browsers on built sites

RUN = "window.__xss=true"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f"<SCRIPT>{RUN}</SCRIPT>",
    f"<script src=data:,{RUN}></script>",
    f"<img src=x onerror={RUN}>",
    f"<IMG SRC=x OnError=\"{RUN}\">",
    f"<img src=x onerror='{RUN}'>",
    f"<svg onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f"<details open ontoggle={RUN}>",
    f"<body onload={RUN}>",
    "<iframe srcdoc=\"<script>parent.__xss=true</script>\"></iframe>",
    "<iframe src=\"javascript:parent.__xss=true\"></iframe>",
    f"<a href=\"javascript:{RUN}\">link</a>",
    f"<a href=\"JaVaScRiPt:{RUN}\">link</a>",
    f"<a href=\"&#106;avascript:{RUN}\">link</a>",
    f"\" onmouseover=\"{RUN}\" x=\"",
    f"' onmouseover='{RUN}' x='",
    f"\"><img src=x onerror={RUN}>",
    f"'><img src=x onerror={RUN}>",
    f"</title><script>{RUN}</script>",
    f"</script><script>{RUN}</script>",
    f"</textarea><script>{RUN}</script>",
    f"&lt;script&gt;{RUN}&lt;/script&gt;",
    f"&#60;img src=x onerror={RUN}&#62;",
    f"<scr<script>ipt>{RUN}</scr</script>ipt>",
    f"<input autofocus onfocus={RUN}>",
    f"<video><source onerror={RUN}></video>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f"<object data=\"javascript:{RUN}\"></object>",
    f"<embed src=\"javascript:{RUN}\">",
    f"<style>@import 'javascript:{RUN}'</style>",
    f"<marquee onstart={RUN}>",
    "{{ config.__class__ }}{% raw %}{{ 7*7 }}",
    f"<!--<img src=--><img src=x onerror={RUN}//>",
    f"<base href=\"javascript:{RUN}//\">",
    f"<meta http-equiv=refresh content=\"0;url=javascript:{RUN}\">",
    # Markup inside a title attribute, which Material's tooltips read back as HTML.
    f"<abbr title=\"<img src=x onerror={RUN}>\">abbr</abbr>",
    f"<a href=\"https://example.org/\" title=\"<img src=x onerror={RUN}>\">titled</a>",
    # Markdown, for the fields read as Markdown (annotation bodies).
    f"[titled](https://example.org/ \"<img src=x onerror={RUN}>\")",
    f"[link](javascript:{RUN})",
    f"![image](javascript:{RUN})",
    f"<javascript:{RUN}>",
]
BATCHES = 3  # builds; every field carries the whole batch
SEARCH_WORD = "onerror"
# Words that tell planted paragraphs apart (a paragraph's id follows its words).
NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo",
         "lima", "mike", "november", "oscar", "papa"]


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def _replace(path: Path, old: str, new: str, pattern: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    found = re.search(old, text, flags=re.M) if pattern else old in text
    assert found, f"{old!r} not in {path}"
    text = re.sub(old, lambda _: new, text, count=1, flags=re.M) if pattern else text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _headings(batch: list[str]) -> list[str]:
    """The batch's shapes without digits (the reader takes digits in a heading for note markers)."""
    return [payload for payload in batch if not re.search(r"\d", payload)]


def _plant(project: Path, batch: list[str]) -> dict[str, list[str]]:
    """Plant ``batch`` into every contributor field of ``project``; returns what each field got."""
    joined = " ".join(batch)
    kapoor, romano = project / "sources" / "kapoor-2021", project / "sources" / "romano-2021"
    planted = {}

    def field(name: str, path: Path, old: str, new: str, pattern: bool = False) -> None:
        _replace(path, old, new, pattern)
        planted[name] = batch

    # source.yml
    field("text title", kapoor / "source.yml", 'title: "Russia-EU Relations: The End of a Strategic Partnership"',
          f"title: {_yaml('Russia-EU Relations ' + joined)}")
    field("author", kapoor / "source.yml", "  - Nivedita Kapoor", f"  - {_yaml('Nivedita ' + joined + ' Kapoor')}")
    field("author, a surname alone", romano / "source.yml", "  - Angela Romano", f"  - {_yaml(joined)}")
    field("publisher", kapoor / "source.yml", "publisher: Observer Research Foundation", f"publisher: {_yaml('Observer ' + joined)}")
    field("series", kapoor / "source.yml", "series: ORF Issue Brief", f"series: {_yaml('Brief ' + joined)}")
    field("affiliation", romano / "source.yml", "affiliation: University of Glasgow", f"affiliation: {_yaml('Glasgow ' + joined)}")
    field("defects description", kapoor / "source.yml", r"^  description: >-\n(?:    .*\n)+",
          f"  description: {_yaml('Lost notes. ' + joined)}\n", pattern=True)
    field("lost line note", kapoor / "source.yml", r'^      note: "The extract lost the lines that opened the next page;.*$',
          f"      note: {_yaml('Lost. ' + joined)}", pattern=True)
    # source.txt: heading lines and running text
    # A short line between blank lines that ends no sentence is a heading (one shape each: a long one is not).
    headings = list(zip(_headings(batch), NAMES))
    sections = "".join(f"Section {payload} {name.title()}\n\nA paragraph under the {name} heading.\n\n" for payload, name in headings)
    field("source.txt running text", kapoor / "source.txt", "the years.\n",
          f"the years.\n\nA paragraph of payloads: {joined}\n\n{sections}")
    planted["source.txt heading"] = [payload for payload, _ in headings]
    # topics/
    topic = project / "topics" / "sanctions.yml"
    field("topic title", topic, "title: Sanctions", f"title: {_yaml('Sanctions ' + joined)}")
    field("topic summary", topic, r"^summary: >-\n(?:  .*\n)+", f"summary: {_yaml(joined)}\n", pattern=True)
    # glossary.yml: a term linked in romano-2021 (¶25) and one on the glossary page alone
    glossary = project / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        f"\n- term: Yekaterinburg\n  expansion: {_yaml('City ' + joined)}\n  definition: {_yaml('A city in Russia. ' + joined)}\n"
        f"\n- term: {_yaml('Hostile ' + joined)}\n  slug: hostile-term\n  expansion: {_yaml('Expansion ' + joined)}\n"
        f"  definition: {_yaml('Definition. ' + joined)}\n  aliases: [{_yaml('Alias ' + joined)}]\n"), encoding="utf-8")
    for name in ("glossary term", "glossary expansion", "glossary definition", "glossary alias"):
        planted[name] = batch
    # bib/: the fields of a work romano-2021 cites, and the author of one nobody cites
    bib = project / "bib" / "romano-2021.bib"
    field("bib title, journal, note, url", bib, "author     = {Tedeschini},",
          f"author     = {{Tedeschini}},\n  title      = {{Hostile {joined}}},\n  journal    = {{Journal {joined}}},\n"
          f"  note       = {{Note {joined}}},\n  url        = {{{joined}}},\n  howpublished = {{Online {joined}}},")
    bib.write_text(bib.read_text(encoding="utf-8") + f"\n@misc{{hostile-2019,\n  author = {{{{Hostile {joined}}}}},\n"
                   f"  title  = {{Uncited}},\n  year   = {{2019}},\n}}\n", encoding="utf-8")
    planted["bib author"] = batch
    # an annotation: front matter and Markdown body
    (kapoor / "annotations" / "hostile.md").write_text(
        f"---\ntarget:\n  paragraph: p2\n  exact: \"Josep Borrell arrived in Moscow\"\nauthor: {_yaml('Editor ' + joined)}\n"
        f"date: 2026-11-22\nkind: cross-reference\ntags: [{_yaml('tag ' + joined)}]\n---\n{joined}\n\n"
        + "\n\n".join(f"See {payload}." for payload in batch) + "\n", encoding="utf-8")
    planted["annotation author"] = planted["annotation tag"] = planted["annotation body"] = batch
    return planted


def test_every_field_gets_thirty_shapes_over_the_builds(tmp_path):
    got: dict[str, list[str]] = {}
    for number in range(BATCHES):
        project = copy_project(tmp_path / f"project{number}")
        for name, payloads in _plant(project, PAYLOADS[number::BATCHES]).items():
            got.setdefault(name, []).extend(payloads)
    assert len(got) >= 20
    assert {name: len(set(payloads)) for name, payloads in got.items() if len(set(payloads)) < 30} == {}


@pytest.fixture(scope="module", params=range(BATCHES), ids=lambda number: f"batch{number}")
def payload_site(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"payloads-{request.param}")
    project = copy_project(base / "project")
    _plant(project, PAYLOADS[request.param::BATCHES])
    if request.param == 0:  # a site may turn Material's tooltips on: they read titles back as HTML
        _replace(project / "mkdocs.yml", "    - toc.follow\n", "    - toc.follow\n    - content.tooltips\n    - content.footnote.tooltips\n")
    # Strict but for the annotation's links to javascript: and the like, which are dropped with a warning.
    with served_build(project, base / "site", warnings=r"annotations/hostile\.md:\d+: the link to .* is dropped") as url:
        yield url, base / "site"


def _pages(site_dir: Path) -> list[str]:
    return sorted(str(path.relative_to(site_dir).parent).replace(".", "") + "/" if path.name == "index.html"
                  else str(path.relative_to(site_dir)) for path in site_dir.rglob("*.html"))


# How long landing.js holds a linked passage in place after a page comes in (its SETTLE_MS).
LANDING_SETTLE_MS = 1500


def _read(page, address: str) -> None:
    """Open a reading page and follow its first ¶ link, as a reader citing it does. Material's instant
    navigation brings the page in again on the first click of a link into it (later ones it leaves to
    the browser), and landing.js then holds the passage in place for a moment: after both, the
    elements the test takes stay in the page and where the test scrolls them."""
    page.goto(address)
    page.locator("article a.para-link").first.dispatch_event("click")
    page.wait_for_url("**#p*")
    page.wait_for_timeout(LANDING_SETTLE_MS + 500)


def _touch(page, selector: str, most: int = 8, click: bool = False) -> int:
    """Hover and focus the first visible elements of ``selector``; with ``click``, click those that keep
    the reader on the page (dispatched to the element itself: a tooltip may lie over it). The elements
    are taken once: Material takes an element's title away while its tooltip shows, so a selector
    such as ``[title]`` stops matching the element just hovered."""
    touched = 0
    for element in page.locator(selector).element_handles():
        if touched == most:
            break
        if not element.is_visible():
            continue
        element.hover(force=True)
        element.focus()
        if click and element.evaluate("e => !e.href || e.pathname === location.pathname"):
            element.dispatch_event("click")
            page.wait_for_timeout(50)
        touched += 1
    return touched


# What a reader hovers, focuses and clicks in a reading page's text (not in the tooltips it opens).
READER_TOUCHES = ["a.footnote-ref", "a.glossary-term", "a.citation", "a.annotation-ref", "a.para-link",
                  "details.annotations > summary", ".cite-button", ".cite-copy", "[title]"]


def test_no_payload_runs_on_any_page(browser, payload_site):
    url, site_dir = payload_site
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    errors: list[str] = []
    warnings: list[str] = []  # no failure, but what may explain one
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "warning" and warnings.append(f"{page.url}: {message.text}"))
        page.set_default_timeout(15_000)
        page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
        page.on("pageerror", lambda error: errors.append(f"{page.url}: uncaught: {error}"))
        page.on("dialog", lambda dialog: errors.append(f"{page.url}: dialog {dialog.message}") or dialog.dismiss())
        for path in _pages(site_dir):
            page.goto(url + path)
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, f"no policy on {path}"
            _touch(page, ".md-nav__link, .md-footer__link, .md-header__topic")
            _touch(page, ".md-typeset a[title], .md-typeset abbr[title]")
            assert page.evaluate("window.__xss") is None, f"a payload ran on {path}"
        for path in ("kapoor-2021/", "romano-2021/"):
            _read(page, url + path)
            for selector in READER_TOUCHES:
                if path == "romano-2021/" or selector != "a.citation":  # kapoor-2021 cites nothing
                    assert _touch(page, f"article {selector}", click=selector != "[title]"), f"no {selector} on {path}"
            page.keyboard.press("Escape")
            assert page.evaluate("window.__xss") is None, f"a payload ran on {path} as it was read"
        page.goto(url + "kapoor-2021/")
        assert page.locator("h1").filter(has_text="__xss").count() == 1
        # A truncated title shows all its text on hover, as a plain title (ellipsis.js), not Material's tooltip.
        titles = page.locator(".md-sidebar .scholion-ellipsis").filter(has_text="__xss")
        truncated = [title for title in (titles.nth(number) for number in range(titles.count()))
                     if title.is_visible() and title.evaluate("e => e.offsetWidth < e.scrollWidth")]
        assert truncated, "no truncated title in the sidebars"
        link = truncated[0].locator("xpath=ancestor::a[1]")
        link.hover()
        assert " ".join((link.get_attribute("title") or "").split()) == " ".join(truncated[0].text_content().split())
        toc = page.locator(".md-sidebar--secondary .md-nav__link").filter(has_text="__xss")
        assert toc.count() >= 1, "no payload in the TOC"
        toc.first.click()
        page.locator("[data-scholion-search]").click()
        page.get_by_role("dialog", name="Search").get_by_role("searchbox").press_sequentially(SEARCH_WORD, delay=20)
        answered = page.locator(f".scholion-search__results[data-query={SEARCH_WORD!r}] li").first
        try:
            answered.wait_for(state="visible", timeout=30_000)
        except Exception as error:
            status = page.locator(".scholion-search__status").text_content()
            raise AssertionError(f"no result for {SEARCH_WORD!r}; the dialog said {status!r}; logged: {warnings + errors}") from error
        _touch(page, ".scholion-search__results a", most=10)
        page.keyboard.press("Escape")
        page.locator(".md-sidebar--primary a.md-nav__link[href$='/romano-2021/']").first.click()  # instant navigation
        page.wait_for_url("**/romano-2021/")
        page.wait_for_timeout(300)
        _touch(page, ".md-nav__link")
        assert page.evaluate("window.__xss") is None, "a payload ran in the navigation, the TOC or the search"
    finally:
        context.close()
    assert errors == [], "\n".join(errors)
