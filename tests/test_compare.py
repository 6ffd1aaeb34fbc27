"""Comparison pages: topic files, passage selection, excerpts, years, the overview, and full builds.

Unit tests run on small made-up texts; the build tests check the real site (the session's
``built_site``) and strict builds of a copy of the project with a third text or a broken topic.
"""
from __future__ import annotations


import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import scholion.compare.selection as selection
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.compare.excerpts import MAX_SENTENCES, excerpt_html, sentence_spans
from scholion.compare.overview import cited_works, shared_works, term_usage
from scholion.compare.selection import compare, select_passages, topic_matches, topic_pattern
from scholion.compare.texts import ComparedText, compared_texts
from scholion.compare.topics import Item, Topic, check_topic, load_topic, load_topics, parse_topic
from scholion.compare.years import find_years, shapes_years, timeline
from scholion.pages.compare import render_index_page, render_topic_page
from scholion.pages.overview import render_overview_page
from scholion.text.corpus import load_text, source_dirs
from scholion.glossary.loading import load_glossary, parse_glossary
from scholion.glossary.terms import paragraph_terms
from sitebuild import ROOT, build_site, copy_project, search_records

GLOSSARY_YML = """\
- term: EU
  expansion: European Union
  definition: A union of European states.
  aliases: [European Union]
- term: Minsk agreements
  expansion: ceasefire agreements for eastern Ukraine
  definition: Agreements of 2014 and 2015.
  aliases: [Minsk agreement, Minsk II]
- term: NATO
  expansion: North Atlantic Treaty Organization
  definition: A military alliance.
"""


@pytest.fixture
def glossary():
    glossary, problems = parse_glossary(GLOSSARY_YML, Path("glossary.yml"))
    assert problems == []
    return glossary


def text(slug: str, *paragraphs: str, redirects: dict[str, str] | None = None, index: int = 0) -> ComparedText:
    return ComparedText(slug, slug.title(), slug.title(), [(f"p{n}", body) for n, body in enumerate(paragraphs, 1)],
                        redirects or {}, index)


def topic(**fields) -> Topic:
    values = {"slug": "t", "file": Path("topics/t.yml"), "title": "T", "summary": "S"}
    for name in ("terms", "keywords"):
        if name in fields:
            fields[name] = [Item(value, 1) for value in fields[name]]
    for name in ("pin", "exclude"):
        if name in fields:
            fields[name] = {slug: [Item(pid, 1) for pid in ids] for slug, ids in fields[name].items()}
    return Topic(**{**values, **fields})


def parse(yaml_text: str, name: str = "sanctions.yml"):
    return parse_topic(yaml_text, Path("topics") / name)


def where(problems) -> list[tuple[str, int | None]]:
    return [(p.file.name, p.line) for p in problems]


# ---------------------------------------------------------------- topic files


def test_a_valid_topic_keeps_every_selector_with_its_line():
    found, problems = parse(
        "title: Sanctions\n"
        "summary: >-\n  Measures against Russia\n  since 2014.\n"
        "terms: [minsk-agreements]\n"
        "keywords:\n  - sanction*\n  - countersanctions\n"
        "pin: {romano-2021: [p40]}\n"
        "exclude:\n  kapoor-2021: [p2, p7]\n")
    assert problems == []
    assert (found.slug, found.title, found.summary) == ("sanctions", "Sanctions", "Measures against Russia since 2014.")
    assert found.terms == [Item("minsk-agreements", 5)]
    assert found.keywords == [Item("sanction*", 7), Item("countersanctions", 8)]
    assert found.pin == {"romano-2021": [Item("p40", 9)]}
    assert found.exclude == {"kapoor-2021": [Item("p2", 11), Item("p7", 11)]}


@pytest.mark.parametrize("yaml_text, line, message", [
    ("title: T\nsummary: S\nkeywords: [a, b\n", 4, "invalid YAML"),
    ("title: T\nsummary: S\n  keywords: [a]\n", 3, "invalid YAML"),
    ("title: T\nsummary: S\nkeyword: [a]\n", 3, "unknown field 'keyword' (did you mean 'keywords'?)"),
    ("summary: S\nkeywords: [a]\n", 1, "the topic has no 'title'"),
    ("title: T\nsummary: S\n", 1, "selects nothing"),
    ("title: T\nsummary: S\nkeywords: sanctions\n", 3, "'keywords' must be a list"),
    ("title: T\nsummary: S\nkeywords: [a]\nkeywords: [b]\n", 4, "given twice"),
    ("title: T\nsummary: S\nkeywords:\n  - ok\n  - '*bad'\n", 5, "'*' may only end a keyword"),
    ("title: T\nsummary: S\nkeywords:\n  - ok\n  - '...'\n", 5, "no letters or digits"),
    ("title: T\nsummary: S\npin:\n  romano-2021: [p4, 14]\n", 4, "'14' is not a paragraph id"),
    ("title: T\nsummary: S\npin: [p4]\n", 3, "'pin' must map text slugs"),
    ("title: T\nsummary: [S]\nkeywords: [a]\n", 2, "'summary' must be text"),
    ("- title: T\n", 1, "must be a YAML mapping"),
    ("", 1, "the topic file is empty"),
])
def test_faults_in_a_topic_file_are_reported_with_file_and_line(yaml_text, line, message):
    _, problems = parse(yaml_text)
    assert problems, yaml_text
    assert any(p.line == line and message in p.message and p.file == Path("topics/sanctions.yml") for p in problems), \
        [str(p) for p in problems]
    assert all(str(p).startswith("topics/sanctions.yml") for p in problems)


def test_file_names_must_be_slugs_and_overview_is_reserved():
    assert parse("title: T\nsummary: S\nkeywords: [a]\n", "Bad Name.yml")[0] is None
    found, problems = parse("title: T\nsummary: S\nkeywords: [a]\n", "overview.yml")
    assert found is None and "reserved" in problems[0].message


def test_load_topics_reads_a_folder_sorted_by_title_and_reports_broken_files(tmp_path):
    (tmp_path / "b.yml").write_text("title: The Beta topic\nsummary: S\nkeywords: [b]\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: Gamma\nsummary: S\nkeywords: [g]\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("title: Alpha\nsummary: S\nkeywords: [a]\n", encoding="utf-8")
    (tmp_path / "broken.yml").write_text("title: X\nsummary: S\nkeywords: [\n", encoding="utf-8")
    (tmp_path / "latin1.yml").write_bytes("title: Caf\xe9\nsummary: S\nkeywords: [a]\n".encode("latin-1"))
    (tmp_path / "notes.txt").write_text("not a topic", encoding="utf-8")
    topics, problems = load_topics(tmp_path)
    assert [t.title for t in topics] == ["Alpha", "The Beta topic", "Gamma"]  # a leading "The" does not count
    assert sorted(where(problems)) == [("broken.yml", 4), ("latin1.yml", 1)]
    assert load_topics(tmp_path / "missing") == ([], [])


def test_corpus_checks_name_unknown_terms_texts_and_paragraph_ids(glossary):
    found, problems = parse(
        "title: T\nsummary: S\n"
        "terms: [minsk-agreement, nato, eu-sanctions]\n"  # 3
        "pin:\n"
        "  romano-2021: [p2, p99, p7]\n"                      # 5
        "  smith-2020: [p1]\n"                                # 6
        "exclude:\n"
        "  romano-2021:\n"
        "    - p2\n"                                          # 9
        "    - p3\n")
    assert problems == []
    texts = [text("romano-2021", "a", "b", "c", redirects={"p7": "p3"})]
    found_problems = check_topic(found, glossary, texts)
    messages = {(p.line, p.message) for p in found_problems}
    assert (3, "'minsk-agreement' is not a glossary slug (did you mean 'minsk-agreements'?)") in messages
    assert any(line == 3 and "'eu-sanctions' is not a glossary slug" in m for line, m in messages)
    assert (5, "'pin': romano-2021 has no paragraph p99") in messages
    assert any(line == 6 and "'smith-2020' is not a text of the corpus (texts: romano-2021)" in m for line, m in messages)
    assert (5, "romano-2021 p2 is both pinned and excluded") in messages
    assert not any("p7" in m for _, m in messages), "a retired id that redirects is accepted"
    assert all(p.file == Path("topics/sanctions.yml") for p in found_problems)
    # A text whose files could not be read: its own problems say what to fix, its ids are unknown.
    unchecked = {(p.line, p.message) for p in check_topic(found, glossary, texts, unreadable=["smith-2020"])}
    assert unchecked == messages - {(line, m) for line, m in messages if "smith-2020" in m}


# ---------------------------------------------------------------- selection


def test_terms_select_every_glossary_spelling_with_its_case_rules(glossary):
    corpus = text("a", "The Minsk agreement failed.", "Talks on Minsk II went on.", "The eu and Nato are lower case.",
                  "The European Union met.")
    chosen = select_passages(topic(terms=["minsk-agreements", "eu", "nato"]), topic_pattern(
        topic(terms=["minsk-agreements", "eu", "nato"]), glossary), corpus)
    assert [p.anchor for p in chosen] == ["p1", "p2", "p4"]
    assert chosen[0].text[slice(*chosen[0].matches[0])] == "Minsk agreement"


@pytest.mark.parametrize("keyword, body, expected", [
    ("sanctions", "New SANCTIONS and Sanctions.", ["SANCTIONS", "Sanctions"]),
    ("sanction", "New sanctions.", []),                         # whole words only
    ("sanction*", "Sanctions, sanctioned, countersanctions.", ["Sanctions", "sanctioned"]),
    ("EU", "EUR, EU2, the EU’s and EU-Russia.", ["EU", "EU"]),
    ("world order", "a world\n  order, world-order", ["world\n  order"]),
    ("EU-Russia", "EU–Russia and EU‐Russia and EU Russia", ["EU–Russia", "EU‐Russia"]),
    ("Russia's", "Russia’s and Russia's", ["Russia’s", "Russia's"]),
    ("a.b (c)", "x a.b (c) y", ["a.b (c)"]),                   # regex characters are literal
])
def test_keywords_are_case_insensitive_whole_words(keyword, body, expected, glossary):
    pattern = topic_pattern(topic(keywords=[keyword]), glossary)
    assert [body[start:end] for start, end in topic_matches(pattern, body)] == expected


def test_topic_matches_are_the_whole_word_matches_of_its_forms_and_keywords():
    """topic_pattern takes a non-word character before a match and filters on its first character,
    for speed; on any text it must find what its alternatives find "not after a word character"."""
    import random

    glossary, _ = load_glossary(ROOT / "glossary.yml")
    topics, _ = load_topics(ROOT / "topics")
    topics.append(topic(keywords=["kelvin", "'t Hooft", "–dash", "straße", "ǆ*", "İstanbul"]))
    paragraphs = [p.text for d in source_dirs(ROOT / "sources") for p in load_text(d, update_lock=False).document.paragraphs]
    odd = ["\u212a", "elvin", "kelvin", "'t hooft", "STRASSE", "ǅx", "i̇stanbul", "\u2013dash"]
    separators = [" ", "", "-", "x", "_", "1", "’", "\n", "\u00a0", "é", "(", "\0", *odd]
    rng = random.Random(3)
    for chosen in topics:
        pattern = topic_pattern(chosen, glossary)
        alternation = re.fullmatch(r"\\W\(\?=\(\?i:\[.*?\]\)\)\((.*)\)\(\?!\\w\)", pattern, re.S).group(1)
        plain = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
        for _ in range(300):
            body = rng.choice(separators).join(
                rng.choice(paragraphs + odd)[rng.randint(0, 200):][:rng.randint(0, 300)] for _ in range(3))
            assert topic_matches(pattern, body) == [m.span() for m in plain.finditer(body)], (chosen.slug, body)



def test_pins_add_and_excludes_drop_paragraphs_with_retired_ids_followed(glossary):
    corpus = text("a", "NATO grew.", "Nothing here.", "NATO again.", "Still nothing.", redirects={"p9": "p4"})
    chosen_topic = topic(terms=["nato"], pin={"a": ["p2", "p9"]}, exclude={"a": ["p3"], "b": ["p1"]})
    chosen = select_passages(chosen_topic, topic_pattern(chosen_topic, glossary), corpus)
    assert [(p.anchor, p.pinned, bool(p.matches)) for p in chosen] == [
        ("p1", False, True), ("p2", True, False), ("p4", True, False)]
    pinned_only = topic(pin={"a": ["p4"]})
    assert topic_pattern(pinned_only, glossary) is None
    assert [p.anchor for p in select_passages(pinned_only, None, corpus)] == ["p4"]


def test_one_regex_per_topic_and_one_pass_over_each_text(glossary, monkeypatch):
    compiled = []
    real = selection.topic_pattern
    monkeypatch.setattr(selection, "topic_pattern", lambda t, g: compiled.append(t.slug) or real(t, g))

    texts = [text(f"t{n}", *(["NATO and the EU."] * (10 * n)), index=n) for n in range(1, 4)]
    chosen_topic = topic(terms=["nato", "eu", "minsk-agreements"], keywords=["alliance", "enlarge*"])
    result = compare(chosen_topic, texts, glossary)
    assert compiled == ["t"], "one regex per topic, whatever the number of texts"
    assert [len(c.passages) for c in result.columns] == [10, 20, 30]
    searched = []
    finditer = re.finditer
    monkeypatch.setattr(re, "finditer", lambda pattern, body: searched.append(body) or finditer(pattern, body))
    select_passages(chosen_topic, real(chosen_topic, glossary), texts[2])
    monkeypatch.undo()
    assert len(searched) == len(texts[2].paragraphs), "each paragraph is searched once"


def test_every_text_gets_a_column_even_without_passages(glossary):
    texts = [text("a", "NATO."), text("b", "Nothing."), text("c", "NATO and NATO.")]
    result = compare(topic(terms=["nato"]), texts, glossary)
    assert [(c.text.slug, len(c.passages)) for c in result.columns] == [("a", 1), ("b", 0), ("c", 1)]
    html = render_topic_page(result, glossary).html
    assert html.count('class="compare-column') == 3 and "No passage of this text" in html


def test_topic_page_escapes_what_contributors_write_as_the_site_always_has(glossary):
    """Titles, summaries, keywords, pins and labels are escaped with html.escape's entities (``&#x27;``),
    the text's label twice in a tooltip title (Material reads it as HTML)."""
    corpus = [text("a", "O'Neil's NATO <b>.", "Nothing.")]
    corpus[0].label = "O'Neil & <Co> 2020"
    chosen = topic(title="NATO's <em>", summary="A & B", terms=["nato"], keywords=["<q>"], pin={"a": ["p2"]})
    page = render_topic_page(compare(chosen, corpus, glossary), glossary)
    assert "<h1>NATO&#x27;s &lt;em&gt;</h1>" in page.html and "A &amp; B" in page.html
    assert "<q>&lt;q&gt;</q>" in page.html and "paragraphs added by hand: a ¶2" in page.html
    assert 'title="O&#x27;Neil &amp;amp; &amp;lt;Co&amp;gt; 2020, paragraph 1">O&#x27;Neil &amp; &lt;Co&gt; 2020, ¶1</a>' in page.html
    assert "<p>O'Neil's <mark>NATO</mark> &lt;b&gt;.</p>" in page.html  # source text: escaped by html.spans
    assert [h.title for h in page.headings] == ["O'Neil & <Co> 2020"]
    soup = BeautifulSoup(page.html, "html.parser")
    assert soup.h2.a.get_text() == "O'Neil & <Co> 2020" and soup.select_one(".compare-pinned")


# ---------------------------------------------------------------- excerpts


def test_sentences_do_not_end_at_abbreviations_or_initials():
    body = ("Russia signed the PCA (Art. 55) in 1994. It lists several fora – eg, the OSCE. "
            "J. Borrell went to Moscow, i.e. to Lavrov. “Quoted,” he said. Then? Yes!")
    spans = [body[s:e] for s, e in sentence_spans(body)]
    assert spans == ["Russia signed the PCA (Art. 55) in 1994.", "It lists several fora – eg, the OSCE.",
                     "J. Borrell went to Moscow, i.e. to Lavrov.", "“Quoted,” he said.", "Then?", "Yes!"]


def test_excerpts_show_matching_sentences_marked_with_ellipses_and_escaped():
    body = "First <b>sentence</b>. Second names NATO. Third is plain. Fourth names NATO & more. Fifth."
    matches = [m.span() for m in re.finditer("NATO", body)]
    html = excerpt_html(body, matches)
    assert html == ("… Second names <mark>NATO</mark>. … Fourth names <mark>NATO</mark> &amp; more. …")
    assert excerpt_html(body, []) == "First &lt;b&gt;sentence&lt;/b&gt;. …"
    assert excerpt_html("Only NATO.", [(5, 9)]) == "Only <mark>NATO</mark>."


def test_long_sentences_are_cut_around_the_match_and_extra_sentences_capped():
    long = "word " * 150 + "NATO " + "word " * 150 + "end."
    html = excerpt_html(long, [(750, 754)])
    assert html.startswith("… word") and html.endswith("word …") and "<mark>NATO</mark>" in html
    assert len(html) < 450
    many = " ".join(f"Sentence {n} has NATO." for n in range(6))
    matches = [m.span() for m in re.finditer("NATO", many)]
    assert excerpt_html(many, matches).count("<mark>") == MAX_SENTENCES


# ---------------------------------------------------------------- years


@pytest.mark.parametrize("body, years", [
    ("in 2014 and since 1996", [2014, 1996]),
    ("the 1990 Charter of Paris", [1990]),
    ("on 5 June 2008, and in May 1972", [2008, 1972]),
    ("the period 2012-16 and the CSCE in 1972–75", [2012, 2016, 1972, 1975]),
    ("already in 2007–2008", [2007, 2008]),
    ("Resolution 1244 (1999) and post-1945 order", [1999, 1945]),
    ("since at least 1815", [1815]),
    ("the chaotic 1990s and mid-2000s", []),
    ("about 1900 troops, 2015 people and 1850 km", []),
    ("page 12345 and 3000 and 1799 and 2031", []),
    ("in 1996.5 or v2014", []),
])
def test_years_are_found_as_dates_only(body, years):
    assert [m.year for m in find_years(body)] == years


@pytest.mark.parametrize("word", ["since", "june", "mid", "and", "billion", "troops", "partnership", "relations",
                                  "sanctions", "crisis", "europe"])
def test_words_that_shape_years_are_the_ones_find_years_reads(word):
    """What the benchmark relies on: a word that does not shape years can replace any other such word
    without changing which years a text mentions; one that does shape them can change them."""
    def years(text: str) -> list[int]:
        return [m.year for m in find_years(text)]

    changed = years(f"{word} 2014.") != years("zzz 2014.") or years(f"in 2014 {word}") != years("in 2014 zzz")
    assert changed == shapes_years(word)


def test_timeline_groups_passages_by_year_and_text():
    texts = [text("a", "In 2014 the crisis began.", "Nothing dated."), text("b", "Since 2014 and in 1991.")]
    years = timeline(texts)
    assert list(years) == [1991, 2014]
    assert {slug: [anchor for anchor, _, _ in items] for slug, items in years[2014].items()} == {"a": ["p1"], "b": ["p1"]}


# ---------------------------------------------------------------- the overview


class Citation:
    def __init__(self, keys, status="resolved"):
        self.keys, self.status = keys, status


def test_terms_counted_per_text_and_works_shared_by_two_texts(glossary):
    texts = [text("a", "The EU and the EU.", "NATO."), text("b", "The European Union.", index=1)]
    terms = {t.slug: paragraph_terms(glossary, t.paragraphs) for t in texts}
    assert term_usage(terms) == {"eu": {"a": (2, 1), "b": (1, 1)}, "nato": {"a": (1, 1)}}
    cited = {"a": {"casier-2018": ["n3"], "hughes-2013": ["n4"]}, "b": {"casier-2018": ["p2", "n1"]}}
    assert shared_works(cited, texts) == [("casier-2018", {"a": ["n3"], "b": ["p2", "n1"]})]


def test_cited_works_reads_notes_and_titles_named_with_their_year(glossary):
    from scholion.bib.bibtex import load_bibliography

    bib, problems = load_bibliography(sorted((ROOT / "bib").glob("*.bib")))
    assert problems == []
    kapoor = text("kapoor", "The foreign policy concept of the Russian Federation, approved in November 2016, says so.",
                  "The Foreign Policy Concept of the Russian Federation guides it.")
    by_note = {"1": [Citation(["casier-2018"])], "2": [Citation(["x", "y"], "ambiguous")], "*": [Citation(["casier-2018"])]}
    assert cited_works(kapoor, by_note, bib) == {"casier-2018": ["n1", "nstar"], "foreign-policy-concept-2016": ["p1"]}


def test_overview_pictures_are_accessible_svg_and_escape_their_labels(glossary):
    texts = [text("a", "In 2014 the EU <acted>.", index=0), text("b", "NATO in 1991 & the EU.", index=1)]
    texts[1].label = "B <&> 2021"
    page = render_overview_page(texts, glossary, cited={"a": {}, "b": {}}, bib=type("Bib", (), {"entries": {}})())
    soup = BeautifulSoup(page.html, "html.parser")
    chart, strip = soup.select("svg")
    assert chart["role"] == "img" and strip["role"] == "group"
    for svg in (chart, strip):
        assert svg.title.get_text() and svg.desc.get_text()
        assert svg["aria-labelledby"] == svg.title["id"] and svg["aria-describedby"] == svg.desc["id"]
    assert not chart.select("a"), "a role=img picture holds no links"
    assert [a["xlink:href"] for a in strip.select("a")] == ["../../b/#p1", "../../a/#p1"]  # 1991, then 2014
    assert not strip.select("[href]"), "Material's instant navigation cannot rewrite an SVG link's href"
    assert "B <&> 2021" in chart.get_text() and "<&>" not in page.html
    assert "<acted>" not in page.html and "&lt;acted&gt;" in page.html
    assert [h.id for h in page.headings] == ["shared-works", "terms", "timeline"]
    assert "No work is cited by more than one text" in page.html
    assert soup.select_one("#year-2014") and soup.select_one("#year-1991")


def test_a_few_texts_are_set_side_by_side_with_quoted_passages(glossary):
    count = SIDE_BY_SIDE_MAX_TEXTS
    texts = [text(f"t{n}", f"In 2014 text {n} spoke of the EU.", index=n) for n in range(count)]
    page = render_overview_page(texts, glossary, cited={t.slug: {} for t in texts}, bib=type("Bib", (), {"entries": {}})())
    soup = BeautifulSoup(page.html, "html.parser")
    cells = soup.select("#year-2014 td")
    assert [cell.a["href"] for cell in cells] == [f"../../t{n}/#p1" for n in range(count)]
    assert all(cell.mark for cell in cells), "each passage is quoted with the year marked"
    assert len(soup.select(".compare-terms thead th")) == 1 + count  # a column per text
    assert len(soup.select("svg.compare-timeline a")) == count  # a dot per passage


def test_a_large_corpus_is_counted_as_a_whole_and_each_text_linked_once_per_row(glossary):
    count = SIDE_BY_SIDE_MAX_TEXTS + 1
    texts = [text(f"t{n}", f"In 2014 text {n} spoke of the EU.", "The EU again, in 2014." if n % 2 else "Nothing.",
                  index=n) for n in range(count)]
    bib = type("Bib", (), {"entries": {}})()
    cited = {t.slug: ({"casier-2018": ["n1", "n4"]} if n < 3 else {}) for n, t in enumerate(texts)}
    page = render_overview_page(texts, glossary, cited=cited, bib=bib)
    soup = BeautifulSoup(page.html, "html.parser")
    # Columns do not grow with the corpus: every table has a fixed head.
    assert [th.get_text() for th in soup.select(".compare-timeline-table thead th")] == ["Year", "Passages", "Texts"]
    assert [th.get_text() for th in soup.select(".compare-terms thead th")] == [
        "Term", "Occurrences (paragraphs)", "Per 1,000 words", "Texts using it"]
    assert [th.get_text() for th in soup.select(".compare-shared thead th")] == ["Work", "Texts", "Where"]
    # The year's row counts every passage and links each text to its first one, with its count.
    row = soup.select_one("#year-2014")
    assert row.select_one("td.compare-num").get_text() == str(count + count // 2)
    links = row.select("a")
    assert [a["href"] for a in links] == [f"../../t{n}/#p1" for n in range(count)]
    assert "T1 (2)" in row.get_text() and "T0 (2)" not in row.get_text()
    assert not soup.select(".compare-timeline-table mark"), "no excerpts: the links are what a reader of many texts uses"
    # Terms: corpus totals (occurrences, paragraphs), the rate over all words, the number of texts.
    eu = next(tr for tr in soup.select(".compare-terms tbody tr") if tr.th.get_text() == "EU")
    words = sum(t.words for t in texts)
    assert [td.get_text() for td in eu.select("td")] == [
        f"{count + count // 2} ({count + count // 2})", f"{1000 * (count + count // 2) / words:.1f}", str(count)]
    # Shared works: how many texts, and each linked to its first citing note.
    shared = soup.select_one(".compare-shared tbody tr")
    assert shared.select_one("td.compare-num").get_text() == "3"
    assert [a["href"] for a in shared.select("td a")] == ["../../t0/#n1", "../../t1/#n1", "../../t2/#n1"]
    assert "10 texts cite no work" in page.html
    # The charts are pictures without links, named and described.
    chart, years = soup.select("svg")
    assert chart["role"] == years["role"] == "img" and not years.select("a")
    assert "2014: 19 passages in 13 texts" in years.desc.get_text()
    assert "T12" not in soup.select_one(".compare-summary").get_text(), "the texts are not all named in the summary"


def test_index_page_lists_topics_with_counts_per_text(glossary):
    texts = [text("a", "NATO."), text("b", "NATO. NATO.", index=1)]
    comparisons = [compare(topic(slug="nato", title="NATO <enlargement>", terms=["nato"]), texts, glossary)]
    soup = BeautifulSoup(render_index_page(comparisons, texts).html, "html.parser")
    row = soup.select("tbody tr")[0]
    assert row.th.a["href"] == "nato/" and row.th.a.get_text() == "NATO <enlargement>"
    assert [td.get_text() for td in row.select("td")] == ["1", "1"]


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def corpus():
    texts = compared_texts(load_text(d, update_lock=False) for d in source_dirs(ROOT / "sources"))
    glossary, problems = load_glossary(ROOT / "glossary.yml")
    assert problems == []
    return texts, glossary


def test_shipped_topics_are_valid_and_each_has_passages_from_every_text(corpus):
    texts, glossary = corpus
    topics, problems = load_topics(ROOT / "topics")
    assert problems == []
    assert len(topics) >= 6
    for found in topics:
        assert check_topic(found, glossary, texts) == [], found.slug
        assert found.summary and len(found.summary) < 400
        counts = {c.text.slug: len(c.passages) for c in compare(found, texts, glossary).columns}
        assert set(counts) == {"romano-2021", "kapoor-2021"} and all(counts.values()), (found.slug, counts)


@pytest.mark.parametrize("slug, text_slug, expected, unexpected", [
    ("borrell-visit-2021", "kapoor-2021", "Josep Borrell arrived in Moscow", None),
    ("borrell-visit-2021", "romano-2021", "made his first visit to Moscow", None),
    ("ukraine-2014-minsk", "kapoor-2021", "Minsk agreements far from being implemented", "platform for US foreign policy"),
    ("ukraine-2014-minsk", "romano-2021", "annexation of Crimea", "Bucharest"),
    ("eurasian-integration", "romano-2021", "Greater Eurasian Partnership", "huge Eurasian territory"),
    ("eurasian-integration", "kapoor-2021", "Eurasian Economic Commission", "rest of Eurasia"),
    ("sanctions", "kapoor-2021", "flexible sanctions programme", None),
    ("sanctions", "romano-2021", "reciprocal sanctions in 2014", "Council of Europe apply sanctions"),
    ("nato-eu-enlargement", "romano-2021", "enlargements of NATO and the EU", "expand NDB membership"),
    ("multipolarity-world-order", "kapoor-2021", "multipolar world", None),
    ("policy-recommendations", "romano-2021", "This paper recommends that the EU should engage Russia", None),
    ("policy-recommendations", "kapoor-2021", "Adopt a more flexible sanctions programme", "joining the EU should"),
])
def test_shipped_topics_pick_the_right_passages(corpus, slug, text_slug, expected, unexpected):
    texts, glossary = corpus
    found, problems = load_topic(ROOT / "topics" / f"{slug}.yml")
    assert problems == []
    text = next(text for text in texts if text.slug == text_slug)
    chosen = " ".join(" ".join(p.text.split()) for p in select_passages(found, topic_pattern(found, glossary), text))
    assert expected in chosen
    if unexpected:
        assert unexpected not in chosen


def test_overview_of_the_real_corpus_finds_dated_events_in_both_texts(corpus):
    texts, _ = corpus
    years = timeline(texts)
    assert set(years[2014]) == {"romano-2021", "kapoor-2021"}
    assert 1990 in years and 2021 in years and min(years) >= 1800 and max(years) <= 2030


# ---------------------------------------------------------------- full builds


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def paragraph_ids(site: Path, slug: str, cache: dict) -> set[str]:
    if slug not in cache:
        cache[slug] = {e["id"] for e in page(site, slug).select("[id]")}
    return cache[slug]


def check_links_land(site: Path, soup: BeautifulSoup, selector: str, cache: dict) -> list[str]:
    """Every ``../../<slug>/#id`` link under ``selector`` lands on an element of that reading page."""
    targets = []
    for link in soup.select(selector):
        href = link.get("href") or link["xlink:href"]  # SVG links use xlink:href
        match = re.fullmatch(r"\.\./\.\./([a-z0-9-]+)/#(\w+)", href)
        assert match, href
        slug, anchor = match.groups()
        assert anchor in paragraph_ids(site, slug, cache), href
        targets.append(href)
    return targets


@pytest.mark.slow
def test_built_topic_pages_put_both_texts_side_by_side(built_site):
    topic_dirs = sorted(p.parent.name for p in (built_site / "compare").glob("*/index.html") if p.parent.name != "overview")
    assert len(topic_dirs) >= 6
    cache: dict = {}
    for slug in topic_dirs:
        soup = page(built_site, f"compare/{slug}")
        article = soup.select_one("article")
        columns = article.select(".compare-grid > section.compare-column")
        assert [c.h2["id"] for c in columns] == ["text-kapoor-2021", "text-romano-2021"], slug
        for column in columns:
            passages = column.select("li.compare-passage")
            assert passages, (slug, column.h2["id"])
            text_slug = column.h2["id"].removeprefix("text-")
            links = check_links_land(built_site, column, "a.compare-ref", cache)
            assert all(link.startswith(f"../../{text_slug}/#p") for link in links)
            for passage in passages:
                assert re.fullmatch(r".+, ¶\d+", passage.select_one("a.compare-ref").get_text())
            assert column.select("blockquote mark"), (slug, text_slug)
        assert soup.select_one("title").get_text().startswith(article.h1.get_text())
        assert [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary nav a")] == ["Kapoor 2021", "Romano 2021"]


@pytest.mark.slow
def test_built_compare_index_and_navigation(built_site):
    soup = page(built_site, "compare")
    rows = soup.select("article tbody tr")
    topics, _ = load_topics(ROOT / "topics")
    assert [r.th.a["href"] for r in rows] == [f"{t.slug}/" for t in topics]
    assert [r.th.a.get_text() for r in rows] == [t.title for t in topics]
    links = page(built_site, "compare/sanctions").select("nav.md-nav--primary a.md-nav__link")
    nav = [a.get_text(" ", strip=True) for a in links if not a["href"].startswith("#")]  # not the page's own contents
    start = nav.index("Corpus overview")
    assert nav[start:start + 1 + len(topics)] == ["Corpus overview"] + [t.title for t in topics]


@pytest.mark.slow
def test_search_does_not_index_the_excerpts_comparisons_repeat(built_site):
    """A hit is the text's own paragraph, never again as a comparison page's quote of it."""
    pages = {record["url"].split("#")[0] for record in search_records(built_site)}
    assert "/romano-2021/" in pages
    assert not [page for page in pages if page.startswith("/compare/")]


@pytest.mark.slow
def test_built_overview_has_shared_works_term_counts_and_timeline(built_site):
    soup = page(built_site, "compare/overview")
    article = soup.select_one("article")
    cache: dict = {}
    shared = article.select(".compare-shared tbody tr")
    assert shared, "the 2016 Foreign Policy Concept is cited by both texts"
    assert "Foreign Policy Concept of the Russian Federation" in shared[0].th.get_text()
    assert shared[0].select_one("a.compare-bib-link")["href"] == "../../bibliography/#foreign-policy-concept-2016"
    check_links_land(built_site, article.select_one(".compare-shared"), "td a", cache)

    chart = article.select_one("svg.compare-chart")
    assert chart["role"] == "img" and "EU" in chart.desc.get_text() and chart.title.get_text()
    terms = {row.th.get_text(): [td.get_text() for td in row.select("td")] for row in article.select(".compare-terms tbody tr")}
    assert terms["EU"][0].split()[0].isdigit() and terms["EU"][1].split()[0].isdigit()
    assert terms["multilateralism"][0] == "–" and int(terms["multilateralism"][1].split()[0]) > 30

    strip = article.select_one("svg.compare-timeline")
    assert strip.title.get_text() and strip.desc.get_text()
    dots = check_links_land(built_site, strip, "a", cache)
    assert any(d.startswith("../../kapoor-2021/") for d in dots) and any(d.startswith("../../romano-2021/") for d in dots)
    year_2014 = article.select_one("#year-2014")
    cells = year_2014.select("td")
    assert len(cells) == 2 and all(cell.select("mark") for cell in cells)
    check_links_land(built_site, article.select_one(".compare-timeline-table"), "a.compare-ref", cache)


@pytest.mark.slow
def test_a_third_text_appears_in_every_comparison_without_code(tmp_path):
    project = copy_project(tmp_path / "project")
    third = project / "sources" / "third-2022"
    shutil.copytree(ROOT / "sources" / "kapoor-2021", third, ignore=shutil.ignore_patterns("annotations", "anchors.json"))
    meta = (third / "source.yml").read_text(encoding="utf-8")
    meta = meta.replace("Nivedita Kapoor", "Ada Tertia").replace("Russia-EU Relations:", "A Third Text:")
    (third / "source.yml").write_text(re.sub(r"(?m)^year: 2021$", "year: 2022", meta), encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=True)
    assert result.ok, result.output
    site = tmp_path / "site"
    topics, _ = load_topics(ROOT / "topics")
    cache: dict = {}
    for found in topics:
        soup = page(site, f"compare/{found.slug}")
        columns = soup.select(".compare-grid > section.compare-column")
        assert [c.h2.get_text(strip=True) for c in columns] == ["Kapoor 2021", "Romano 2021", "Tertia 2022"]
        assert columns[2].select("li.compare-passage"), found.slug
        check_links_land(site, columns[2], "a.compare-ref", cache)
    overview = page(site, "compare/overview")
    assert len(overview.select(".compare-timeline-table thead th")) == 4
    assert "Tertia 2022" in overview.select_one("svg.compare-timeline").get_text()


@pytest.mark.slow
def test_a_broken_topic_fails_the_strict_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "topics" / "broken.yml").write_text(
        "title: Broken\nsummary: S\nterms:\n  - nato\n  - no-such-term\npin:\n  romano-2021: [p9999]\n", encoding="utf-8")
    (project / "topics" / "bad-yaml.yml").write_text("title: Bad\nsummary: [S\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=True)
    assert not result.ok
    assert re.search(r"topics/broken\.yml:5: 'no-such-term' is not a glossary slug", result.output), result.output
    assert re.search(r"topics/broken\.yml:7: 'pin': romano-2021 has no paragraph p9999", result.output)
    assert re.search(r"topics/bad-yaml\.yml:\d+: invalid YAML", result.output)
