"""Contributor annotations as W3C Web Annotations: the selectors find their words, the shapes are the model's."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scholion.annotations.webannotation import CONTEXT, MOTIVATIONS, quote_selector
from scholion.text.corpus import parse_text

ROOT = Path(__file__).resolve().parent.parent
W3C_MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
                   "identifying", "linking", "moderating", "questioning", "replying", "tagging"}


def occurrences(text: str, selector: dict) -> int:
    whole = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
    return sum(text.startswith(whole, at) for at in range(len(text)))


def test_a_quote_takes_as_much_context_as_it_needs_to_be_found_once():
    text = "the Union and the Union and " * 4 + "the Union, at last."
    start = text.rindex("the Union")
    selector = quote_selector(text, start, start + len("the Union"))
    assert selector["exact"] == "the Union" and occurrences(text, selector) == 1
    assert quote_selector("Once only.", 0, 4) == {"type": "TextQuoteSelector", "exact": "Once", "suffix": " only."}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["EU ", "Russia ", "and ", "the ", "EU, "]), min_size=1, max_size=60), st.data())
def test_every_quote_of_any_text_is_found_once_with_its_context(words, data):
    text = "".join(words)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    selector = quote_selector(text, start, end)
    assert selector["exact"] == text[start:end]
    assert occurrences(text, selector) == 1
    assert text[start - len(selector.get("prefix", "")):start] == selector.get("prefix", "")


def test_the_kinds_map_to_the_models_motivations():
    assert set(MOTIVATIONS.values()) <= W3C_MOTIVATIONS


def test_the_corpus_collections_hold_every_annotation_with_selectors_that_find_it(built_site: Path, built_site_url: str):
    files = sorted(ROOT.glob("sources/*/annotations/*.md"))
    corpus = json.loads((built_site / "annotations" / "annotations.jsonld").read_text(encoding="utf-8"))
    assert (corpus["@context"], corpus["type"], corpus["id"]) == (CONTEXT, "AnnotationCollection",
                                                                 f"{built_site_url}annotations/annotations.jsonld")
    items = corpus["first"]["items"]
    assert corpus["total"] == len(items) == len(files) == 8
    assert corpus["first"]["type"] == "AnnotationPage"
    per_text = {}
    for slug in sorted({path.parent.parent.name for path in files}):
        text = json.loads((built_site / slug / "annotations.jsonld").read_text(encoding="utf-8"))
        per_text[slug] = text["first"]["items"]
        assert text["total"] == len(text["first"]["items"]) == len(list((ROOT / "sources" / slug / "annotations").glob("*.md")))
    assert [item for slug in per_text for item in per_text[slug]] == items
    for slug, annotations in per_text.items():
        paragraphs = {block.anchor: block.text for block in parse_text(ROOT / "sources" / slug).document.paragraphs if block.anchor}
        for item in annotations:
            assert item["type"] == "Annotation" and item["motivation"] in W3C_MOTIVATIONS
            assert item["id"].startswith(f"{built_site_url}{slug}/#annotation-")
            assert item["creator"]["name"] and item["created"].endswith("T00:00:00Z")
            assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["format"] == "text/html"
            source = item["target"]["source"]
            assert source.startswith(f"{built_site_url}{slug}/#p")
            words = paragraphs[source.rsplit("#", 1)[1]]
            quote, position = item["target"]["selector"]
            assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            assert occurrences(words, quote) == 1, (item["id"], quote)
            assert words[position["start"]:position["end"]] == quote["exact"]
