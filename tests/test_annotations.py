"""Contributor annotations: reading and checking files, anchoring by quote, rendering, sanitizing.

Unit tests work on strings and small documents; the build tests run the real ``mkdocs build
--strict`` on a copy of the project with one annotation file changed, and one test drives
``mkdocs serve`` to show that a new annotation file appears without a restart.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from urllib.parse import urljoin
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import site_path
from scholion.annotations.anchoring import anchor_annotations, find_quote
from scholion.annotations.links import check_links
from scholion.annotations.loading import KIND_LABELS, Quote, load_annotations, parse_annotation
from scholion.annotations.schema import kinds, schema
from scholion.pages.annotations import IndexEntry, render_index
from scholion.pages.reading import text_page
from scholion.pages.reading_annotations import AnnotationEnricher
from scholion.text.anchors import Lock, assign
from scholion.text.corpus import SourceText, load_text
from scholion.html.enrichers import Combined
from scholion.html.spans import Span
from scholion.text.model import Block, Document, NoteRef
from scholion.html.sanitising import render_markdown, sanitize_html
from sitebuild import ROOT, build_site, copy_project, mkdocs_env

GOOD = """\
---
target:
  paragraph: p2
  exact: "the CIS"
author: Jane Doe
date: 2024-05-01
kind: missing-note
tags: [CIS, missing notes]
---
Note 61 is *missing*.
"""


def write(tmp_path: Path, text: str, name: str = "my-note.md") -> Path:
    folder = tmp_path / "romano-2021" / "annotations"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str, name: str = "my-note.md"):
    path = write(tmp_path, text, name)
    return parse_annotation(path, "romano-2021")


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# ---------------------------------------------------------------- reading and checking


def test_a_good_file(tmp_path):
    annotation, problems = parse(tmp_path, GOOD)
    assert problems == []
    assert annotation.id == "my-note" and annotation.slug == "romano-2021"
    assert annotation.paragraph == "p2"
    assert annotation.quote == Quote("the CIS")
    assert annotation.author == "Jane Doe"
    assert annotation.date == dt.date(2024, 5, 1)
    assert annotation.kind == "missing-note" and annotation.kind_label == "Missing note"
    assert annotation.tags == ["CIS", "missing notes"]
    assert annotation.body_html == "<p>Note 61 is <em>missing</em>.</p>"
    assert annotation.line_of("target.exact") == 4 and annotation.line_of("kind") == 7
    assert annotation.body_line == 10


def test_a_link_that_is_dropped_is_reported_with_its_line_and_the_annotation_kept(tmp_path):
    text = GOOD.replace("Note 61 is *missing*.", "See [this](https://example.org/).\n\nAnd [that](javascript:alert(document.domain)) "
                        "or [far](//evil.example/x).")
    annotation, problems = parse(tmp_path, text)
    assert [(p.line, p.code) for p in problems] == [(12, "annotation.unsafe-link"), (12, "annotation.unsafe-link")]
    assert "'javascript:alert(document.domain)' is dropped (its text stays)" in str(problems[0])
    assert "'//evil.example/x'" in str(problems[1]) and str(problems[1]).startswith(str(tmp_path))
    assert annotation is not None and "<a>that</a>" in annotation.body_html and "javascript" not in annotation.body_html


@pytest.mark.parametrize(
    "change, line, expected",
    [
        (("kind: missing-note", "kind: coment"), 7, "unknown kind 'coment' (did you mean 'comment'?)"),
        (("date: 2024-05-01", "date: 2024-13-01"), 6, "date '2024-13-01' is not a real day"),
        (("date: 2024-05-01", "date: May 2024"), 6, "date must be written YYYY-MM-DD"),
        (("author: Jane Doe", "auther: Jane Doe"), 5, "unknown field 'auther' (did you mean 'author'?)"),
        (("  paragraph: p2", "  paragraph: 14"), 3, "target.paragraph is an id like p14, not '14': write p14"),
        (("  paragraph: p2", "  paragraph: ¶14"), 3, "write p14"),
        (('  exact: "the CIS"', "  exact: “the CIS” is: here"), 4, "invalid YAML in the front matter"),
        (("tags: [CIS, missing notes]", "tags: CIS"), 8, "tags must be a list"),
        (("tags: [CIS, missing notes]", "tags: [CIS, CIS]"), 8, "tags lists 'CIS' more than once"),
        (('  exact: "the CIS"', '  exact: ""'), 4, "target.exact is empty"),
        (("author: Jane Doe", "author: Jane Doe\nauthor: John Roe"), 6, "'author' is given twice"),
        (("  exact: \"the CIS\"", "  exact: \"the CIS\"\n  sufix: and"), 5, "unknown field 'target.sufix' (did you mean 'suffix'?)"),
        (('  exact: "the CIS"', "  exact: 42"), 4, "target.exact must be text, not 42; put it in quotation marks"),
        (('  exact: "the CIS"', '  exact: "   "'), 4, "target.exact is empty"),
        (("author: Jane Doe", "author:"), 5, "author is empty"),
        (("date: 2024-05-01", "date: 2024-05-01 10:00"), 6, "date must be written YYYY-MM-DD, e.g. 2024-05-01, not '2024-05-01 10:00'"),
        (("tags: [CIS, missing notes]", "tags:\n  - CIS\n  - 2014"), 10, "tags item 2 must be text, not 2014"),
        (('target:\n  paragraph: p2\n  exact: "the CIS"\n', "target: p2\n"), 2, "target must hold 'paragraph' (like p14)"),
    ],
)
def test_each_fault_is_reported_with_file_and_line(tmp_path, change, line, expected):
    annotation, problems = parse(tmp_path, GOOD.replace(*change))
    assert annotation is None
    found = [p for p in problems if expected in p.message]
    assert found, messages(problems)
    assert found[0].line == line, messages(problems)
    assert found[0].code.startswith(("annotation.", "yaml.")), found[0].code
    assert str(found[0]).startswith(f"{tmp_path / 'romano-2021' / 'annotations' / 'my-note.md'}:{line}: ")


def test_missing_fields_each_named(tmp_path):
    text = "---\ntarget:\n  paragraph: p2\n---\nBody.\n"
    annotation, problems = parse(tmp_path, text)
    assert annotation is None
    text_of = " | ".join(messages(problems))
    for field in ("author", "date", "kind"):
        assert f"missing required field '{field}'" in text_of
    assert "missing required field 'target.exact': the quoted words, copied exactly from the paragraph" in text_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Just text, no front matter.\n", "an annotation starts with front matter"),
        ("---\nauthor: Jane\n", "the front matter is not closed"),
        ("---\n- a\n- b\n---\nBody\n", "the front matter must be fields"),
        (GOOD.split("---\nNote")[0] + "---\n\n", "the annotation has no text"),
    ],
)
def test_shape_faults(tmp_path, text, expected):
    annotation, problems = parse(tmp_path, text)
    assert annotation is None
    assert any(expected in p.message for p in problems), messages(problems)


def test_file_name_is_the_permanent_id(tmp_path):
    annotation, problems = parse(tmp_path, GOOD, name="My Note.md")
    assert annotation is None
    assert "use lower-case letters, digits and hyphens only, e.g. 'my-note.md'" in problems[0].message


def test_load_annotations_skips_nothing_silently(tmp_path):
    write(tmp_path, GOOD, "good.md")
    write(tmp_path, GOOD.replace("kind: missing-note", "kind: rant"), "bad.md")
    (tmp_path / "romano-2021" / "annotations" / "notes.txt").write_text("x", encoding="utf-8")
    annotations, problems = load_annotations(tmp_path / "romano-2021")
    assert [a.id for a in annotations] == ["good"]
    assert sorted(Path(p.file).name for p in problems) == ["bad.md", "notes.txt"]


def test_schema_is_the_single_source_of_kinds_and_fields():
    published = schema()
    assert set(kinds()) == set(KIND_LABELS)
    assert published["required"] == ["target", "author", "date", "kind"]
    assert published["properties"]["target"]["required"] == ["paragraph", "exact"]
    assert published["additionalProperties"] is False
    # The site copy is byte-for-byte the package file (checked on the built site in test_browser_annotations).
    json.dumps(published)


# ---------------------------------------------------------------- finding the quote


def test_find_quote_exact_with_whitespace_runs_only():
    text = "the EU, CSTO, CIS and OSCE. The CIS again"
    assert find_quote(text, Quote("CSTO,  CIS")) == [(8, 17)]
    assert find_quote(text, Quote("CSTO,\nCIS")) == [(8, 17)]
    assert find_quote(text, Quote("csto, cis")) == []  # no case folding
    assert find_quote(text, Quote("CIS")) == [(14, 17), (32, 35)]
    assert find_quote(text, Quote("CIS", prefix="CSTO, ")) == [(14, 17)]
    assert find_quote(text, Quote("CIS", suffix=" again")) == [(32, 35)]
    assert find_quote("EU EU EU", Quote("EU EU")) == [(0, 5), (3, 8)]  # overlapping occurrences count


PARAGRAPHS = [
    ("p1", "Russia sees and declares itself as a champion of multilateralism."),
    ("p2", "ie, NATO, the EU, CSTO, CIS and OSCE. However, NATO and the EU have consistently turned down proposals."),
    ("p3", "The OSCE remains “the most inclusive and comprehensive regional security organization”."),
    ("p4", "The OSCE remains “the most inclusive and comprehensive regional security organisation”."),
]


def annotation_for(tmp_path, paragraph: str, exact: str, prefix: str = "", suffix: str = "", name: str = "my-note.md"):
    target = f"  paragraph: {paragraph}\n  exact: {json.dumps(exact, ensure_ascii=False)}\n"
    if prefix:
        target += f"  prefix: {json.dumps(prefix, ensure_ascii=False)}\n"
    if suffix:
        target += f"  suffix: {json.dumps(suffix, ensure_ascii=False)}\n"
    text = GOOD.replace('  paragraph: p2\n  exact: "the CIS"\n', target)
    annotation, problems = parse(tmp_path, text, name)
    assert problems == [], messages(problems)
    return annotation


def test_placed_on_its_paragraph(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p2", "CSTO, CIS")], PARAGRAPHS)
    assert result.problems == []
    (placement,) = result.placements
    assert (placement.paragraph, PARAGRAPHS[1][1][placement.start:placement.end]) == ("p2", "CSTO, CIS")


def test_twice_in_the_paragraph_needs_prefix_or_suffix(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p2", "the EU")], PARAGRAPHS)
    assert result.placements == []
    (problem,) = result.problems
    assert "“the EU” occurs 2 times in p2; add target.prefix or target.suffix" in problem.message
    assert problem.line == 4 and problem.file.name == "my-note.md"
    result = anchor_annotations([annotation_for(tmp_path, "p2", "the EU", suffix=" have")], PARAGRAPHS)
    (placement,) = result.placements
    assert placement.start == PARAGRAPHS[1][1].index("the EU have")


def test_moved_quote_is_reanchored_and_reported(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p1", "CSTO, CIS")], PARAGRAPHS)
    (placement,) = result.placements
    assert placement.paragraph == "p2" and placement.moved_from == "p1"
    (notice,) = result.problems  # an info, not a warning: reported, and --strict passes
    assert notice.severity == "info" and notice.code == "annotation.reanchored"
    assert notice.line == 3  # the target.paragraph line
    assert "the quoted words are not in p1; re-anchored to p2, the only paragraph that holds “CSTO, CIS”" in notice.message
    assert "Set target.paragraph: p2" in notice.message


def test_unknown_paragraph_id_is_reanchored_and_reported(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p99", "CSTO, CIS")], PARAGRAPHS)
    assert [p.paragraph for p in result.placements] == ["p2"]
    (notice,) = result.problems
    assert notice.severity == "info" and "p99 is not a paragraph of romano-2021; re-anchored to p2" in notice.message


def test_retired_target_follows_its_redirect(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p7", "CSTO, CIS")], PARAGRAPHS, {"p7": "p2"})
    assert [p.paragraph for p in result.placements] == ["p2"]
    (notice,) = result.problems
    assert notice.severity == "info" and "p7 is retired and redirects to p2" in notice.message


def test_quote_in_several_paragraphs_is_never_guessed(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p1", "The OSCE remains")], PARAGRAPHS)
    assert result.placements == [] and [p.severity for p in result.problems] == ["warning"]
    assert "occurs in several places (p3, p4)" in result.problems[0].message


def test_no_fuzzy_matching_onto_a_look_alike(tmp_path):
    # p3 says "organization", p4 "organisation": a quote with a third spelling lands nowhere.
    result = anchor_annotations([annotation_for(tmp_path, "p3", "regional security organisatıon")], PARAGRAPHS)
    assert result.placements == []
    assert "“regional security organisatıon” was not found" in result.problems[0].message
    # One letter off from p4's words, while p3 is the target: not moved to p4 either.
    result = anchor_annotations([annotation_for(tmp_path, "p3", "comprehensive regional security organisations")], PARAGRAPHS)
    assert result.placements == [] and [p.severity for p in result.problems] == ["warning"]


def test_hint_for_straight_quotes(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p3", '"the most inclusive')], PARAGRAPHS)
    (problem,) = result.problems
    assert "the quoted words are not in p3, nor anywhere else in romano-2021" in problem.message
    assert "p3 has ““the most inclusive”, which differs only in quotation marks, dashes or capitals" in problem.message


def test_prefix_that_does_not_fit_is_named(tmp_path):
    result = anchor_annotations([annotation_for(tmp_path, "p2", "CIS", prefix="NATO, ")], PARAGRAPHS)
    assert "the words alone occur in p2, so check target.prefix and target.suffix" in result.problems[0].message


def test_shipped_annotations_anchor_exactly_on_the_real_texts():
    """Every committed annotation is valid and sits where its file says: no problem, no re-anchoring."""
    count = 0
    for source_dir in sorted((ROOT / "sources").iterdir()):
        if not (source_dir / "annotations").is_dir():
            continue
        text = load_text(source_dir, update_lock=False)
        annotations, problems = load_annotations(source_dir)
        assert problems == [], messages(problems)
        result = anchor_annotations(annotations, [(b.anchor, b.text) for b in text.document.paragraphs],
                                    text.assignment.redirects)
        assert result.problems == [], messages(result.problems)
        count += len(result.placements)
    assert 5 <= count <= 12


def test_links_to_other_texts_are_checked(tmp_path):
    text = GOOD.replace("Note 61 is *missing*.", "See [Kapoor ¶2](../kapoor-2021/#p2), [¶900](../kapoor-2021/#p900) "
                        "and [a ghost](../nowhere-2020/).\n\nHere: [¶2](#p2), [¶77](#p77).")
    annotation, _ = parse(tmp_path, text)
    problems = check_links(annotation, {"kapoor-2021": {"p2"}, "romano-2021": {"p2"}})
    assert [p.message.split(" leads")[0].split(" does")[0] for p in problems] == [
        "the link ../kapoor-2021/#p900", "the link ../nowhere-2020/", "the link #p77"]
    assert [p.line for p in problems] == [10, 10, 12]
    # A text that could not be read has a page, but no known ids: links to it wait until it is fixed.
    waiting = check_links(annotation, {"romano-2021": {"p2"}}, unreadable={"kapoor-2021"})
    assert [p.message.split(" leads")[0].split(" does")[0] for p in waiting] == ["the link ../nowhere-2020/", "the link #p77"]


# ---------------------------------------------------------------- on the page


class FakeGlossary:
    """Marks every 'CIS' as a glossary tooltip, the way the real glossary enricher does."""

    def body_spans(self, anchor, text):
        return [Span(m.start(), m.end(), '<abbr title="Commonwealth of Independent States">', "</abbr>", 1)
                for m in re.finditer(r"CIS", text)]

    def note_spans(self, label, text):
        return []

    def after_paragraph(self, anchor):
        return ""


def small_document() -> Document:
    blocks = [
        Block("paragraph", ["Russia sees itself as a champion of multilateralism."], 1, anchor="p1"),
        Block("paragraph", ["ie, NATO, the EU, CSTO, CIS", NoteRef("61", 3), " and OSCE. Done."], 2, anchor="p2"),
    ]
    return Document("romano-2021", {"title": "T"}, blocks, {})


def page_html(document: Document, enricher) -> str:
    """The reading page of ``document`` with what ``enricher`` adds."""
    return text_page(SourceText(Path("sources") / document.slug, document, assign([], Lock()), []), enricher).html


def test_quote_highlighted_across_a_note_marker_and_keeps_tooltips(tmp_path):
    document = small_document()
    annotation = annotation_for(tmp_path, "p2", "CSTO, CIS and OSCE")
    result = anchor_annotations([annotation], [(b.anchor, b.text) for b in document.paragraphs])
    enricher = AnnotationEnricher(document, result)
    page = page_html(document, Combined(FakeGlossary(), enricher))
    soup = BeautifulSoup(page, "html.parser")
    marks = soup.select("#p2 mark.annotation-quote")
    assert [m.get_text() for m in marks] == ["CSTO, CIS", " and OSCE"]  # split around the note marker
    assert marks[0].select_one("abbr").get_text() == "CIS"  # the glossary tooltip survives inside the mark
    refs = soup.select("#p2 a.annotation-ref")
    assert len(refs) == 1 and refs[0]["href"] == "#annotation-my-note"  # one link, after the end of the quote
    assert marks[1].find_next_sibling("a") is refs[0]
    # The annotations come just before their paragraph, with their count.
    aside = soup.select_one("details.annotations")
    assert aside["id"] == "annotations-p2" and aside.find_next_sibling("p")["id"] == "p2"
    assert aside.select_one("summary").get_text(" ", strip=True) == "1 annotation on ¶2"
    article = aside.select_one("article#annotation-my-note")
    assert article.select_one(".annotation-kind").get_text() == "Missing note"
    assert article.select_one("time")["datetime"] == "2024-05-01"
    assert article.select_one(".annotation-body").decode_contents() == "<p>Note 61 is <em>missing</em>.</p>"
    assert soup.select_one("#p1 mark") is None


def test_overlapping_quotes_share_one_highlight(tmp_path):
    document = small_document()
    first = annotation_for(tmp_path, "p2", "the EU, CSTO", name="first.md")
    second = annotation_for(tmp_path, "p2", "CSTO, CIS", name="second.md")
    result = anchor_annotations([first, second], [(b.anchor, b.text) for b in document.paragraphs])
    soup = BeautifulSoup(page_html(document, Combined(AnnotationEnricher(document, result))), "html.parser")
    (mark,) = soup.select("#p2 mark.annotation-quote")
    assert mark.get_text() == "the EU, CSTO, CIS"
    assert mark["data-annotations"] == "annotation-first annotation-second"
    assert [a["href"] for a in soup.select("#p2 a.annotation-ref")] == ["#annotation-first", "#annotation-second"]
    assert "2 annotations on ¶2" in soup.select_one("details.annotations summary").get_text(" ", strip=True)


def test_index_page_by_text_author_and_tag(tmp_path):
    document = small_document()
    annotation = annotation_for(tmp_path, "p2", "CSTO, CIS")
    result = anchor_annotations([annotation], [(b.anchor, b.text) for b in document.paragraphs])
    page = render_index([IndexEntry("romano-2021", "Romano", p) for p in result.placements],
                        {"romano-2021": "Romano", "kapoor-2021": "Kapoor"})
    soup = BeautifulSoup(page.html, "html.parser")
    assert soup.select_one("#romano-2021-my-note .annotation-target a")["href"] == "../romano-2021/#p2"
    assert "No annotations yet." in soup.get_text()  # Kapoor has none in this fixture
    assert [h.id for h in page.headings] == ["by-text", "text-romano-2021", "text-kapoor-2021", "by-author", "by-tag"]
    # Fragment links in a body point at the annotated text from the index page.
    annotation.__dict__["body_html"] = '<p>See <a href="#p1">¶1</a>.</p>'
    page = render_index([IndexEntry("romano-2021", "Romano", p) for p in result.placements], {"romano-2021": "Romano"})
    assert 'href="../romano-2021/#p1"' in page.html
    assert soup.select_one("#author-jane-doe").get_text(" ", strip=True).startswith("Jane Doe")
    assert soup.select_one("#tag-missing-notes") is not None and soup.select_one("#tag-cis") is not None


# ---------------------------------------------------------------- contributor Markdown is untrusted

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "[click](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1">j</a>',
    '<a href="#" onclick="window.__xss=1">c</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<svg onload="window.__xss=1"></svg>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<details open ontoggle="window.__xss=1">d</details>',
    '<a href="data:text/html,<script>window.__xss=1</script>">data</a>',
    '<p style="background:url(javascript:window.__xss=1)" id="p2" class="md-header">styled</p>',
    "<style>body{display:none}</style>",
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitized_markdown_has_no_active_content(payload):
    allowed_tags = {"a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "q", "s", "small",
                    "strong", "sub", "sup", "blockquote", "dd", "dl", "dt", "hr", "li", "ol", "p", "pre", "ul"}
    for output in (render_markdown(payload), sanitize_html(payload), sanitize_html(payload, inline=True)):
        soup = BeautifulSoup(output, "html.parser")
        for tag in soup.find_all(True):
            assert tag.name in allowed_tags, output
            for name, value in tag.attrs.items():
                assert name in {"href", "title", "rel", "start", "cite"}, output
                if name == "href":
                    assert value.split(":", 1)[0].lower() in {"http", "https", "mailto"} or ":" not in value, output
        assert "window.__xss" not in "".join(str(a) for t in soup.find_all(True) for a in t.attrs.values())
        assert "<script" not in output.lower() and "<style" not in output.lower()


def test_links_allowed_and_marked():
    html = render_markdown("[a](https://example.org/x) [b](../kapoor-2021/#p2) [c](mailto:x@example.org) "
                           "[d](//evil.example/) [e](ftp://example.org/)")
    soup = BeautifulSoup(html, "html.parser")
    links = {a.get_text(): a for a in soup.select("a")}
    assert links["a"]["href"] == "https://example.org/x" and links["a"]["rel"] == ["noopener", "nofollow", "ugc"]
    assert links["b"]["href"] == "../kapoor-2021/#p2" and not links["b"].get("rel")
    assert links["c"]["href"] == "mailto:x@example.org"
    assert not links["d"].get("href") and not links["e"].get("href")
    # A title holding '>' or quotes, or an href with an entity, still gets its rel in the right place.
    tricky = sanitize_html('<a title="x > y &quot;z&quot;" href="https://example.org/?a=1&amp;b=2">t</a>'
                           '<a href="HTTPS://EXAMPLE.ORG" title="&gt;">u</a>')
    soup = BeautifulSoup(tricky, "html.parser")
    assert [(a.get_text(), a["title"], a["rel"]) for a in soup.select("a")] == [  # titles for Material's tooltips
        ("t", 'x &gt; y "z"', ["noopener", "nofollow", "ugc"]), ("u", "&gt;", ["noopener", "nofollow", "ugc"])]
    assert soup.select_one("a")["href"] == "https://example.org/?a=1&b=2"


def test_a_title_is_text_in_materials_tooltip():
    """Material builds a tooltip with ``innerHTML = title``: markup in a title must reach it as text."""
    for source in ('<abbr title="<img src=x onerror=window.__xss=1>">a</abbr>',
                   '[t](https://example.org/ "<img src=x onerror=window.__xss=1>")'):
        title = BeautifulSoup(render_markdown(source), "html.parser").select_one("[title]")["title"]
        assert title == "&lt;img src=x onerror=window.__xss=1&gt;"
        assert BeautifulSoup(title, "html.parser").find(True) is None  # what the tooltip's innerHTML makes


def test_inline_mode_for_one_line_fields():
    assert render_markdown("A *short* definition.", inline=True) == "A <em>short</em> definition."
    assert sanitize_html("<p>para</p><ul><li>x</li></ul><b>b</b>", inline=True) == "parax<b>b</b>"


# ---------------------------------------------------------------- the real build


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def build(project: Path):
    return build_site(project, project / "site", strict=True)


@pytest.mark.slow
def test_quote_not_in_its_paragraph_fails_strict_build_naming_the_file(project):
    path = project / "sources" / "romano-2021" / "annotations" / "note-61-cis-missing.md"
    path.write_text(path.read_text(encoding="utf-8").replace('exact: "CIS"', 'exact: "the Commonwealth"'), encoding="utf-8")
    result = build(project)
    assert not result.ok, result.output
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "exact:" in text)
    assert re.search(rf"WARNING\s+-\s+scholion: \S*note-61-cis-missing\.md:{line}: the quoted words are not in p28, "
                     r"nor anywhere else in romano-2021: “the Commonwealth” was not found", result.output), result.output
    assert "Aborted with 1 warnings in strict mode" in result.output or "Aborted" in result.output


@pytest.mark.slow
def test_quote_in_several_places_fails_strict_build(project):
    path = project / "sources" / "kapoor-2021" / "annotations" / "minsk-agreements.md"
    text = path.read_text(encoding="utf-8").replace("paragraph: p6", "paragraph: p3").replace(
        'exact: "the Minsk agreements"', 'exact: "Minsk agreement"')
    path.write_text(text, encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert re.search(r"minsk-agreements\.md:\d+: the quoted words are not in p3, and “Minsk agreement” occurs in "
                     r"several places \(p6, p7, p9", result.output), result.output


@pytest.mark.slow
def test_moved_paragraph_is_reanchored_and_reported(project):
    path = project / "sources" / "romano-2021" / "annotations" / "borrell-visit-in-kapoor.md"
    path.write_text(path.read_text(encoding="utf-8").replace("paragraph: p39", "paragraph: p38"), encoding="utf-8")
    result = build(project)
    assert result.ok, result.output  # reported, not a failure
    assert re.search(r"INFO\s+-\s+scholion: \S*borrell-visit-in-kapoor\.md:3: the quoted words are not in p38; "
                     r"re-anchored to p39, the only paragraph that holds “made his first visit", result.output), result.output
    soup = BeautifulSoup((project / "site" / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("#p39 mark.annotation-quote").get_text() == "made his first visit to Moscow earlier this year on 5 February"
    assert soup.select_one("#p38 mark") is None


@pytest.mark.slow
def test_bad_front_matter_fails_strict_build_with_line(project):
    path = project / "sources" / "kapoor-2021" / "annotations" / "five-guiding-principles.md"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: context", "kind: contex"), encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert re.search(r"five-guiding-principles\.md:7: unknown kind 'contex' \(did you mean 'context'\?\)", result.output)


@pytest.mark.slow
def test_built_pages_carry_the_annotations(built_site, built_site_url):
    soup = BeautifulSoup((built_site / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    aside = soup.select_one("#annotations-p28")
    assert aside.find_next_sibling("p")["id"] == "p28"
    assert aside.select_one(".annotations-count").get_text() == "2 annotations"
    assert {a["id"] for a in aside.select("article")} == {"annotation-note-61-cis-missing", "annotation-medvedev-european-security-treaty"}
    cis = soup.select_one('#p28 mark[data-annotations="annotation-note-61-cis-missing"]')
    assert cis.get_text() == "CIS"
    index = BeautifulSoup((built_site / "annotations" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(index.select(".annotation-list article.annotation")) == 8
    assert index.select_one("#author-corpus-editors") and index.select_one("#tag-minsk-agreements")
    published = json.loads((built_site / "schemas" / "annotation.schema.json").read_text(encoding="utf-8"))
    assert published.pop("$id") == urljoin(built_site_url, "schemas/annotation.schema.json")  # its own address
    assert published == {key: value for key, value in schema().items() if key != "$id"}


# ---------------------------------------------------------------- mkdocs serve picks up a new file


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError as error:  # server not up yet
            last_error = error
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what} ({last_error})")


@pytest.mark.slow
def test_serve_picks_up_a_new_annotation_file(project):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],  # live reload on: it is what watches
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=mkdocs_env(),
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}{site_path()}kapoor-2021/"
        wait_for(lambda: "annotation-minsk-agreements" in fetch(url), 120, "the first build")
        assert "annotation-live-test" not in fetch(url)
        folder = project / "sources" / "kapoor-2021" / "annotations"
        (folder / "live-test.md").write_text(textwrap.dedent("""\
            ---
            target:
              paragraph: p14
              exact: "Russia has positioned itself as a unique country"
            author: Test Contributor
            date: 2026-01-02
            kind: comment
            ---
            Added while the server runs.
            """), encoding="utf-8")
        page = wait_for(lambda: (html := fetch(url)) and "annotation-live-test" in html and html, 60, "the rebuild")
        soup = BeautifulSoup(page, "html.parser")
        assert soup.select_one("#p14 mark.annotation-quote").get_text() == "Russia has positioned itself as a unique country"
        assert "Test Contributor" in fetch(f"http://127.0.0.1:{port}{site_path()}annotations/")
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def test_check_command_reports_like_the_build(project):
    ok = subprocess.run([sys.executable, "-m", "scholion.annotations", str(project)], capture_output=True, text=True,
                        env=mkdocs_env(), timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "8 annotation file(s) checked: 0 problem(s), 0 re-anchored" in ok.stderr
    path = project / "sources" / "romano-2021" / "annotations" / "note-61-cis-missing.md"
    path.write_text(path.read_text(encoding="utf-8").replace('exact: "CIS"', 'exact: "C.I.S."'), encoding="utf-8")
    moved = project / "sources" / "kapoor-2021" / "annotations" / "five-guiding-principles.md"
    moved.write_text(moved.read_text(encoding="utf-8").replace("paragraph: p9", "paragraph: p5"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "scholion.annotations", str(project)], capture_output=True, text=True,
                         env=mkdocs_env(), timeout=120)
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert any(re.fullmatch(rf"{re.escape(str(path))}:\d+: warning: the quoted words are not in p28.*", line) for line in lines), lines
    assert any(re.fullmatch(rf"{re.escape(str(moved))}:3: info: the quoted words are not in p5; re-anchored to p9.*", line)
               for line in lines), lines
