"""The search locations made from the corpus's model, and the Pagefind index written of them."""
from __future__ import annotations

import json
from pathlib import Path

import scholion.build.plan as plan_module
from scholion.annotations.anchoring import anchor_annotations
from scholion.annotations.loading import load_annotations
from scholion.build.cache import BuildCache
from scholion.build.plan import Plan
from scholion.build.workers import Workers
from scholion.glossary.terms import Glossary, Term
from scholion.search.index import write_index
from scholion.search.records import HandWrittenPage, Record, annotation_records, glossary_records, text_records
from scholion.text.model import Block, Document, Note, NoteRef
from sitebuild import search_records

PAYLOAD = "<img src=x onerror=window.__xss=1>"


def document() -> Document:
    return Document("t", {"title": "T"}, [
        Block("heading", ["Introduction"], 1),
        Block("paragraph", ["Kropatcheva wrote it", NoteRef("1", 2)], 2, anchor="p1"),
        Block("quote", ["A quoted passage"], 3, anchor="p2"),
        Block("paragraph", ["   "], 4, anchor="p3"),
    ], {"1": Note("1", "Kropatcheva 2016, p. 1527.", 9), "2": Note("2", "", None, status="missing"),
        "*": Note("*", "The author.", 10)})


def test_each_paragraph_and_note_with_words_is_a_location():
    records = text_records("t", "A text", document())
    assert [(r.url, r.content, r.title, r.where) for r in records] == [
        ("/t/#p1", "Kropatcheva wrote it", "A text", "¶1"),  # the note marker is not a word of the paragraph
        ("/t/#p2", "A quoted passage", "A text", "¶2"),
        ("/t/#n1", "Kropatcheva 2016, p. 1527.", "A text", "note 1"),
        ("/t/#nstar", "The author.", "A text", "note *"),
    ]


def test_a_glossary_entry_is_found_by_its_term_first():
    term = Term("csto", "CSTO", "Collective Security Treaty Organization", "A military alliance.", aliases=["ODKB"])
    (record,) = glossary_records(Glossary([term]))
    assert record == Record("/glossary/#csto", "Collective Security Treaty Organization ODKB A military alliance.",
                            "Glossary", "CSTO", heading=True)


def test_the_index_holds_every_location_with_its_words_escaped(tmp_path: Path):
    records = [Record("/t/#p1", f"Kropatcheva {PAYLOAD} wrote it", "A text", "¶1"),
               Record("/t/#n1", "A note's words", "A text", "note 1"),
               Record("/glossary/#x", "An expansion", "Glossary", f"Term {PAYLOAD}", heading=True)]
    page = HandWrittenPage("/contributing/", "Contributing", '<h1 id="contributing">Contributing<a class="headerlink" '
                           'href="#contributing">¶</a></h1><p>Intro.</p><h2 id="notes">Notes</h2><p>Supply a note.</p>')
    write_index(records, [page], tmp_path / "pagefind")
    written_files = {path.name for path in (tmp_path / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= written_files
    assert not [name for name in written_files if "-ui." in name or "highlight" in name]  # the site has its own dialog
    # A page per page of the site; a record is a section of its page, from its heading (with its id) on.
    written = {record["url"]: record for record in search_records(tmp_path)}
    assert written.keys() == {"/t/", "/glossary/", "/contributing/"}
    text = written["/t/"]
    assert text["meta"]["title"] == "A text"
    assert json.loads(text["meta"]["places"]) == {"p1": "¶1", "n1": "note 1"}
    assert [anchor["id"] for anchor in text["anchors"]] == ["p1", "n1"]
    assert PAYLOAD in text["content"]  # words, as written: the browser escapes them (Pagefind's excerpt)
    assert "¶1" not in text["content"] and "note 1" not in text["content"]  # a record's label is not its words
    assert text["word_count"] == len(f"Kropatcheva {PAYLOAD} wrote it A note's words".split())
    glossary = written["/glossary/"]
    assert json.loads(glossary["meta"]["places"]) == {"x": f"Term {PAYLOAD}"}  # read back as text, not markup
    assert f"Term {PAYLOAD}" in glossary["content"]  # a term is words of its entry, ranked as a heading
    contributing = written["/contributing/"]
    assert contributing["meta"]["title"] == "Contributing"  # no ¶ of the permalink
    assert [anchor["id"] for anchor in contributing["anchors"]] == ["contributing", "notes"]


def test_the_index_comes_from_the_build_cache_while_its_records_stay_the_same(tmp_path: Path, monkeypatch):
    written = []
    monkeypatch.setattr(plan_module, "write_index", lambda *args: written.append(args[0]) or write_index(*args))
    plan = Plan(BuildCache(tmp_path / "cache"), Workers(1))
    records = [Record("/t/#p1", "One paragraph", "A text", "¶1")]
    for site in ("cold", "warm"):
        plan.search_index(records, [], tmp_path / site / "pagefind")
    assert len(written) == 1
    assert search_records(tmp_path / "cold") == search_records(tmp_path / "warm")
    assert sorted(p.relative_to(tmp_path / "cold") for p in (tmp_path / "cold").rglob("*")) == \
        sorted(p.relative_to(tmp_path / "warm") for p in (tmp_path / "warm").rglob("*"))
    plan.search_index([Record("/t/#p1", "One paragraph, edited", "A text", "¶1")], [], tmp_path / "edited" / "pagefind")
    assert len(written) == 2


def test_each_annotation_is_a_location_found_by_its_words_author_and_tags(tmp_path: Path):
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "visit.md").write_text(
        "---\ntarget:\n  paragraph: p1\n  exact: \"Borrell arrived\"\nauthor: Ana Lindqvist\ndate: 2026-11-02\n"
        "kind: context\ntags: [diplomacy]\n---\nThe visit came *days* after [the sentence](https://example.org/) &amp; "
        "its appeal.\n\n- One point\n- Another\n", encoding="utf-8")
    annotations, problems = load_annotations(tmp_path)
    assert problems == []
    anchoring = anchor_annotations(annotations, [("p1", "Josep Borrell arrived in Moscow.")])
    (record,) = annotation_records("t", "A text", anchoring)
    assert record == Record("/t/#annotation-visit", "The visit came days after the sentence & its appeal. One point "
                            "Another Ana Lindqvist diplomacy", "A text", "annotation on ¶1")
