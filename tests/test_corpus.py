"""The two real texts: markers, notes, furniture, and ground truth on every body sentence."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scholion.pages.reading import text_page
from scholion.text.corpus import load_text
from scholion.text.model import NoteRef
from scholion.text.sourcemeta import parse_labels

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def texts():
    return {slug: load_text(SOURCES / slug, update_lock=False) for slug in ("romano-2021", "kapoor-2021")}


def marker_labels(document) -> list[str]:
    return [p.label for b in document.blocks for p in b.inlines if isinstance(p, NoteRef)]


def test_both_texts_build_without_problems(texts):
    for text in texts.values():
        assert text.problems == [], "\n".join(map(str, text.problems))


def test_romano_110_markers_in_order(texts):
    labels = [label for label in marker_labels(texts["romano-2021"].document) if label != "*"]
    assert labels == [str(n) for n in range(1, 111)]


def test_romano_notes_in_the_extract_have_full_text(texts):
    notes = texts["romano-2021"].document.notes
    present = parse_labels("1-55, 62-72, 79, 81, 83, 84, 108-110")
    for label in present:
        assert notes[label].status in ("full", "fragment") and len(notes[label].text) > 3, label
    assert {label for label, note in notes.items() if note.status == "missing"} == parse_labels(
        "56-61, 73-77, 80, 82, 85-107"
    )
    # Bodies that continue on the next line stay whole.
    assert notes["1"].text.endswith("Munich, February 15, 2020. 9")
    assert notes["10"].text.startswith("Foreign Policy Concept") and "12 February 2013" in notes["10"].text
    assert notes["24"].text.endswith("on 10 June 1999.")
    # Broken notes keep their fragments, never in the body.
    assert notes["78"].text == "[…] referenced in Romanova (2018), p. 68."
    assert "based multilateralism’, Brussels, 17 February 2021" in notes["83"].text


def test_romano_note_61_follows_cis(texts):
    for block in texts["romano-2021"].document.blocks:
        for index, part in enumerate(block.inlines):
            if isinstance(part, NoteRef) and part.label == "61":
                assert block.inlines[index - 1].endswith("the EU, CSTO, CIS")
                assert block.inlines[index + 1].startswith(" and OSCE")
                return
    pytest.fail("marker 61 not found")


def test_kapoor_markers(texts):
    document = texts["kapoor-2021"].document
    labels = marker_labels(document)
    assert sorted((l for l in labels if l.isdigit()), key=int) == [str(n) for n in range(1, 86)]
    assert [l for l in labels if l.isalpha()] == ["a", "b", "c", "d"]
    text = " ".join(b.text for b in document.blocks)
    assert "member of the G-8 and individual" in text
    assert "one after another on issues" in text
    assert "Middle East and Ukraine" in text


def test_kapoor_figures_bullets_pull_quotes(texts):
    document = texts["kapoor-2021"].document
    figures = [b for b in document.blocks if b.kind == "figure"]
    assert [f.caption for f in figures] == ["Figure 1: Expansion of the EU (till 2013)", "Figure 2: Expansion of NATO (till 2017)"]
    assert [[p.label for p in f.inlines if isinstance(p, NoteRef)] for f in figures] == [["43"], ["44"]]
    assert sum(b.kind == "list_item" for b in document.blocks) == 11
    assert document.stats["pull_quotes"] == 5  # one quote may be split over blocks by a blank line
    quotes = " ".join(b.text for b in document.blocks if b.kind == "pull_quote")
    for quote in ("Russia continues to harbour grievances", "no longer tenable", "Overcoming the mutual lack of trust"):
        assert quote in quotes
    body = " ".join(b.text for b in document.paragraphs)
    assert "Overcoming the mutual lack of trust" not in body
    assert "There is a sense in Russia that the EU will never recognise" not in body


FURNITURE = {
    "romano-2021": [
        re.compile(r"Is Russia interested in multilateralism and should the EU engage with it\? Angela Romano"),
        re.compile(r"https?://"),
        re.compile(r"\b(?:Ibid|Troitskiy 2016, pp\.|Clunan, pp\.)"),
    ],
}


@pytest.mark.parametrize("slug", ["romano-2021", "kapoor-2021"])
def test_no_furniture_or_note_body_inside_a_paragraph(texts, slug):
    document = texts[slug].document
    for block in document.paragraphs:
        for pattern in FURNITURE.get(slug, []):
            assert not pattern.search(block.text), (block.anchor, block.text[:80])
        assert not re.search(r"(?:^|\s)\d{1,3}\s*$", block.text), "a page number ended up in a paragraph"
        for note in document.notes.values():
            if len(note.text) > 60:
                assert note.text[:60] not in block.text, (note.label, block.anchor)


def _ranges(spec: str) -> set[int]:
    return {int(n) for n in parse_labels(spec)} if spec else set()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _truth_sentences(slug: str) -> list[list[str]]:
    truth = yaml.safe_load((DATA / f"{slug}.truth.yml").read_text(encoding="utf-8"))
    excluded: set[int] = set()
    for key in ("title", "notes", "running_heads", "page_numbers", "url_echoes", "figures", "pull_quotes"):
        excluded |= _ranges(str(truth[key] or ""))
    lines = (SOURCES / slug / "source.txt").read_text(encoding="utf-8").split("\n")
    body = " ".join(line.strip() for number, line in enumerate(lines, start=1) if number not in excluded)
    for glued in truth["lettered_markers"].values():
        body = body.replace(glued, glued[:-1])
    body = body.replace("l\t", " ")
    sentences = re.split(r"(?<=[.?!])[”’)]?\d*\s+(?=[A-Z“‘(])", body)
    return [_words(s) for s in sentences if _words(s)]


def _page_words(text) -> list[str]:
    soup = BeautifulSoup(text_page(text).html, "html.parser")
    for selector in ("h1", ".text-meta", ".edition-note", ".notes", ".sidenotes", ".pull-quote", "figure", ".para-link",
                     ".note-marker", ".note-sep", ".page-mark", ".source-gap", ".headerlink", ".cite-button"):
        for element in soup.select(selector):
            element.decompose()
    return _words(soup.get_text(" "))


@pytest.mark.parametrize("slug", ["romano-2021", "kapoor-2021"])
def test_every_body_sentence_appears_exactly_once_in_order(texts, slug):
    page = " ".join(_page_words(texts[slug]))
    position = 0
    sentences = _truth_sentences(slug)
    assert len(sentences) > 150
    for words in sentences:
        needle = " ".join(words)
        found = page.find(needle, position)
        assert found >= 0, f"missing or out of order: {needle[:120]}"
        assert page.count(" " + needle + " ") + page.startswith(needle + " ") <= 1 or len(words) < 4, f"twice: {needle[:80]}"
        position = found + len(needle)
    # Nothing but the body: the page holds no word the body lacks.
    assert len(page.split()) == sum(len(words) for words in sentences)
