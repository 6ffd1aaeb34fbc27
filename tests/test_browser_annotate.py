"""Annotate from the page: the front matter the page offers is one the build accepts and places on the
selected words; the error report quotes them; without a GitHub repo_url nothing is offered."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bs4 import BeautifulSoup

from scholion.mkdocs.repository import contribution_links
from scholion.text.corpus import load_text
from sitebuild import ROOT, build_site, copy_project

pytestmark = pytest.mark.slow  # a browser on the real site

SELECT = """([pid, words, nth]) => {
    // Select the nth occurrence of `words` in the paragraph's text outside what the page adds to it,
    // as a reader's drag would: from just inside its first word (the page widens it to whole words).
    const paragraph = document.getElementById(pid);
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const pieces = []; let text = '', node;
    while ((node = walker.nextNode())) {
        if (node.parentElement.closest('.note-marker, .note-sep, .para-link, .page-mark, .annotation-ref, .cite-button')) continue;
        pieces.push([node, text.length]); text += node.nodeValue;
    }
    let at = -1;
    for (let seen = 0; seen <= nth; seen++) { at = text.indexOf(words, at + 1); if (at < 0) return false; }
    const place = offset => { const [n, s] = pieces.filter(([, s]) => s <= offset).pop(); return [n, offset - s]; };
    const range = document.createRange();
    range.setStart(...place(at + 1));
    range.setEnd(...place(at + words.length));
    const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
    paragraph.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    return true;
}"""


def offered(web, pid: str, word: str, nth: int = 0) -> tuple[str, str, str]:
    web.goto("/romano-2021/")
    assert web.page.evaluate(SELECT, [pid, word, nth])
    toolbar = web.page.locator(".annotate-toolbar")
    toolbar.wait_for(state="visible")
    annotate = toolbar.get_by_role("link", name="Annotate")
    report = toolbar.get_by_role("link", name="Report a text error")
    return annotate.get_attribute("href"), report.get_attribute("href"), toolbar


def editor_file(href: str) -> tuple[str, str]:
    """The file GitHub's editor would commit from the Annotate link: its name and content."""
    url = urlsplit(href)
    assert url.netloc == "github.com" and url.path.endswith("/new/main/sources/romano-2021/annotations")
    query = parse_qs(url.query)
    return query["filename"][0], query["value"][0]


ADDED = ["note-marker", "note-sep", "para-link", "page-mark", "annotation-ref"]  # what the page adds to the text


def text_before(mark) -> str:
    """The paragraph's text (as the build reads it) before ``mark``."""
    paragraph, before = mark.find_parent("p"), []
    for piece in mark.find_all_previous(string=True):
        if piece.find_parent("p") is not paragraph:
            break
        if not piece.find_parent(class_=ADDED):
            before.append(str(piece))
    return "".join(reversed(before))


def whole_words(word: str, paragraph: str) -> list[int]:
    """Where ``word`` stands in ``paragraph``, when it always stands as a whole word followed by a space."""
    starts = [m.start() for m in re.finditer(re.escape(word), paragraph)]
    return starts if all(re.fullmatch(r"\w+ ", paragraph[at:at + len(word) + 1]) and (at == 0 or not paragraph[at - 1].isalnum())
                         for at in starts) else []


def test_annotations_made_on_the_page_build_strictly_on_the_selected_words(web, tmp_path: Path):
    paragraphs = {b.anchor: b.text for b in load_text(ROOT / "sources" / "romano-2021", update_lock=False).document.paragraphs}
    once = "the permanent seat on the UN Security Council"
    twice = next(word for word in ("Russia", "Soviet", "Cold") if len(whole_words(word, paragraphs["p14"])) >= 2)
    annotate, report, toolbar = offered(web, "p14", once)
    toolbar.scroll_into_view_if_needed()
    web.screenshot("annotate-toolbar")
    # The error report quotes the words and names the paragraph.
    body = parse_qs(urlsplit(report).query)["body"][0]
    assert urlsplit(report).path.endswith("/issues/new") and f"> {once}" in body and "#p14" in body
    # Reachable from the keyboard: the toolbar comes right after the paragraph.
    assert toolbar.evaluate("t => t.previousElementSibling.id") == "p14"
    made = [editor_file(annotate), editor_file(offered(web, "p14", twice, nth=1)[0])]
    assert "prefix:" in made[1][1] and "prefix:" not in made[0][1]
    assert re.search(r"^date: \d{4}-\d{2}-\d{2}$", made[0][1], re.M) and re.search(r"^kind: comment\b", made[0][1], re.M)

    project = copy_project(tmp_path / "project")
    for name, content in made:
        (project / "sources" / "romano-2021" / "annotations" / name).write_text(content, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.ok, result.output
    soup = BeautifulSoup((tmp_path / "site" / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for (name, _), (words, at) in zip(made, [(once, paragraphs["p14"].index(once)),
                                            (twice, whole_words(twice, paragraphs["p14"])[1])]):
        mark, = [m for m in soup.select("#p14 mark.annotation-quote") if name.removesuffix(".md") in m["data-annotations"]]
        assert mark.get_text() == words
        assert len(text_before(mark)) == at


def test_nothing_is_offered_without_a_github_repository():
    assert contribution_links(None, "main", "sources/x/annotations") is None
    assert contribution_links("https://gitlab.com/a/b", "main", "sources/x/annotations") is None
    links = contribution_links("https://github.com/a/b.git", "dev", "sources/x/annotations")
    assert links.new_annotation == "https://github.com/a/b/new/dev/sources/x/annotations"
    assert links.new_issue == "https://github.com/a/b/issues/new"
