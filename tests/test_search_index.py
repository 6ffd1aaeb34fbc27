"""page_sections finds the sections Material's search parser finds, on every page and on random HTML."""
from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import pytest
from material.plugins.search.plugin import SearchIndex

from scholion.mkdocs.search import index_entries, lean_html, page_sections


def _page(content: str) -> SimpleNamespace:
    return SimpleNamespace(content=content, toc=[], url="page/", meta={}, title="Page")


def by_material(content: str) -> list[dict] | type[Exception]:
    index = SearchIndex(lang=["en"])
    try:
        index.add_entry_from_context(_page(content))
    except Exception as error:  # its parser fails on some nestings: page_sections must fail alike
        return type(error)
    return index.entries


def by_page_sections(content: str) -> list[dict] | type[Exception] | None:
    index = SearchIndex(lang=["en"])
    try:
        sections = page_sections(content)
    except Exception as error:
        return type(error)
    if sections is None:
        return None
    for section in sections:
        if not section.is_excluded():
            index.create_entry_for_section(section, [], "page/", _page(content))
    return index.entries


def _page_contents(site: Path) -> Iterator[tuple[str, str]]:
    """(folder, the page's own content: its article) of every page of a built site."""
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        start = html.find('<article class="md-content__inner md-typeset">')
        if start >= 0:
            yield path.parent.relative_to(site).as_posix(), html[start:html.index("</article>", start)]


@pytest.mark.slow
def test_material_indexes_the_lean_html_of_every_page_as_it_indexes_the_page(built_site: Path):
    """lean_html drops what Material's search parser ignores: its entries must not change."""
    checked = set()
    for folder, content in _page_contents(built_site):
        assert by_material(lean_html(content)) == by_material(content), folder
        checked.add(folder)
    assert {"romano-2021", "kapoor-2021", "glossary", "bibliography", "annotations", "compare/overview"} <= checked
    romano = (built_site / "romano-2021" / "index.html").read_text(encoding="utf-8")
    assert lean_html(romano).count("<") < romano.count("<") * 0.6  # the point: fewer tags to parse
    assert lean_html('<p data-search-exclude><a href="x">y</a></p>') == '<p data-search-exclude><a href="x">y</a></p>'


@pytest.mark.slow
def test_every_page_of_the_site_has_the_sections_material_finds(built_site: Path):
    checked = set()
    for folder, content in _page_contents(built_site):
        for version in (content, lean_html(content)):
            assert by_page_sections(version) == by_material(version), folder
        assert index_entries(SearchIndex, {"lang": ["en"]}, content, [], "page/", {}, "Page") == by_material(content)
        checked.add(folder)
    assert {"romano-2021", "kapoor-2021", "glossary", "bibliography", "annotations", "compare/overview", "compare/sanctions",
            "texts", "."} <= checked


_BLOCKS = ["p", "li", "ul", "ol", "div", "blockquote", "details", "summary", "pre", "code", "section", "figure"]
_INLINE = ["sup", "sub", "em", "strong", "code", "q", "cite", "mark", "a"]
_VOID = ["br", "hr", "img", "wbr"]
_VOID_ENDS = ["", "/", " /", ' alt="a > b"']
_TEXT = ["word", " ", "  ", "\n", "\n  ", "two words", "a\nb", "&amp;", "&lt;x&gt;", "&#8217;s", "&nbsp;", "é", "“q”",
         "1 < 2", "x > y", "tab\there", ""]


def _random_html(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 5 if depth < 4 else 1)):
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(_TEXT))
        elif roll < 0.5 and depth < 5:
            level = rng.randint(1, 6)
            attributes = rng.choice(['', f' id="s{rng.randint(0, 9)}"', f" id='x&amp;{rng.randint(0, 9)}'", ' class="h"'])
            link = rng.choice(['', '<a class="headerlink" href="#s" title="Permanent link">¶</a>', '<a href="#o">o</a>'])
            out.append(f"<h{level}{attributes}>{_random_html(rng, depth + 1)}{link}</h{level}>")
        elif roll < 0.6:
            out.append(f"<{rng.choice(_VOID)}{rng.choice(_VOID_ENDS)}>")
        elif depth < 6:
            tag = rng.choice(_BLOCKS + _INLINE)
            attributes = rng.choice(["", ' class="headerlink"', ' id="p1" class="x"', " title='it&#39;s'", ' data-x="a/b"'])
            close = rng.choice([f"</{tag}>"] * 8 + ["", f"</{tag.upper()}>", f"</{tag} >", "</div>"])
            out.append(f"<{rng.choice([tag, tag.upper()])}{attributes}>{_random_html(rng, depth + 1)}{close}")
    return "".join(out)


def test_random_html_has_the_sections_material_finds():
    rng = random.Random(7)
    compared = 0
    for _ in range(3000):
        content = _random_html(rng)
        ours = by_page_sections(content)
        if ours is None:  # left to Material's parser
            continue
        assert ours == by_material(content), content
        compared += 1
    assert compared > 2000


@pytest.mark.parametrize("content", [
    '<p>a <script>var x = "<p>";</script> b</p>',
    "<p>a <!-- note --> b</p>",
    '<div data-search-exclude><p>hidden</p></div><p>shown</p>',
    '<div class="linenodiv"><pre>1\n2</pre></div>',
    "<p>a <3 b</p>",
    "<!DOCTYPE html><p>x</p>",
])
def test_what_only_material_s_parser_handles_is_left_to_it(content):
    assert page_sections(content) is None
    assert index_entries(SearchIndex, {"lang": ["en"]}, content, [], "page/", {}, "Page") == by_material(content)
