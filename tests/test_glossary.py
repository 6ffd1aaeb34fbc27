"""Glossary core: loading glossary.yml, matching terms in text, tooltips, the glossary page."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scholion.glossary.linking import GlossaryEnricher, glossary_spans, sections_of, term_span_html
from scholion.glossary.loading import load_glossary, parse_glossary
from scholion.glossary.matching import TermMatch
from scholion.glossary.terms import Glossary, Term, count_occurrences, paragraph_terms, slugify
from scholion.text.corpus import load_text
from scholion.pages.glossary import render_glossary_page
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.html.spans import apply_spans

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY_YML = ROOT / "glossary.yml"
SOURCES = sorted((ROOT / "sources").glob("*/source.txt"))


@pytest.fixture(scope="module")
def real():
    glossary, problems = load_glossary(GLOSSARY_YML)
    assert problems == [], "\n".join(map(str, problems))
    return glossary


def load(tmp_path: Path, text: str):
    path = tmp_path / "glossary.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    glossary, problems = load_glossary(path)
    return glossary, problems, path


def matched(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.slug) for m in glossary.find(text)]


SMALL = """
- term: EU
  expansion: European Union
  definition: A union of European states.
  aliases: [European Union]
- term: EU-isation
  expansion: adopting EU rules
  definition: Third countries taking over EU rules.
- term: EAEU
  expansion: Eurasian Economic Union
  definition: An economic union.
  aliases: [Eurasian Economic Union, EEU]
- term: NATO
  expansion: North Atlantic Treaty Organization
  definition: An alliance.
- term: MEP
  expansion: Member of the European Parliament
  definition: A member of the parliament.
  aliases: [MEPs, Members of the European Parliament]
- term: European Parliament
  expansion: the parliament of the EU
  definition: The EU's parliament.
- term: US
  expansion: United States
  definition: The United States of America.
- term: multilateralism
  expansion: cooperation among three or more states
  definition: Coordination among three or more states.
- term: Charter of Paris
  expansion: Charter of Paris for a New Europe
  definition: A 1990 declaration.
  aliases: [Charter of Paris for a New Europe]
- term: G-8
  expansion: Group of Eight
  definition: G7 plus Russia.
- term: NDB
  expansion: New Development Bank
  definition: The BRICS bank.
  sic: [NBD]
"""


@pytest.fixture
def small(tmp_path):
    glossary, problems, _ = load(tmp_path, SMALL)
    assert problems == []
    return glossary


# --------------------------------------------------------------------------- matching

def test_aliases_and_plurals(small):
    text = "Members of the European Parliament (MEPs) said the Eurasian Economic Union (EAEU, or EEU)"
    assert matched(small, text) == [
        ("Members of the European Parliament", "mep"),
        ("MEPs", "mep"),
        ("Eurasian Economic Union", "eaeu"),
        ("EAEU", "eaeu"),
        ("EEU", "eaeu"),
    ]


def test_longest_match_wins(small):
    # "European Parliament" is a term of its own, but the longer alias wins in place.
    assert matched(small, "the Members of the European Parliament") == [
        ("Members of the European Parliament", "mep")]
    assert matched(small, "the European Parliament") == [("European Parliament", "european-parliament")]
    assert matched(small, "the Charter of Paris for a New Europe") == [
        ("Charter of Paris for a New Europe", "charter-of-paris")]


def test_possessives(small):
    assert matched(small, "NATO’s enlargement and the EU's values and the MEPs’ vote") == [
        ("NATO", "nato"), ("EU", "eu"), ("MEPs", "mep")]


@pytest.mark.parametrize("text, expected", [
    ("EU-isation of the region", [("EU-isation", "eu-isation")]),   # the term, not EU
    ("EU‐isation", [("EU-isation", "eu-isation")]),                 # U+2010 hyphen
    ("the EU-Russia relationship", [("EU", "eu")]),
    ("the EU–Russia relationship", [("EU", "eu")]),                 # en dash
    ("Russia-EU relations", [("EU", "eu")]),
    ("a non-EU state", [("EU", "eu")]),
    ("EU/NATO expansion", [("EU", "eu"), ("NATO", "nato")]),
    ("not ‘EU’-ropean", [("EU", "eu")]),
    ("paid in EUR or EURO", []),
    ("EU2020 and NATO40", []),          # digits glued on: not a word boundary
    ("ZEU and NATOs", []),
    ("US-China rivalry", [("US", "us")]),
    ("let us go, trust us", []),         # acronyms are case-sensitive
    ("Nato and eu", []),
    ("G-8 and G-81", [("G-8", "g-8")]),
    ("the NBD, that is the NDB", [("NBD", "ndb"), ("NDB", "ndb")]),
])
def test_word_boundaries(small, text, expected):
    got = [(text[m.start:m.end], m.slug) for m in small.find(text)]
    want = [(form, slug) for form, slug in expected]
    assert [(g.replace("‐", "-"), s) for g, s in got] == want


def test_phrase_case_only_first_letter(small):
    assert matched(small, "Multilateralism and multilateralism") == [
        ("Multilateralism", "multilateralism"), ("multilateralism", "multilateralism")]
    assert matched(small, "MULTILATERALISM and multiLateralism") == []
    # each word of a phrase may change the case of its first letter
    assert matched(small, "the Charter of Paris for a new Europe") == [
        ("Charter of Paris for a new Europe", "charter-of-paris")]


def test_phrase_across_line_breaks(small):
    assert matched(small, "the Eurasian Economic\nUnion") == [("Eurasian Economic\nUnion", "eaeu")]


def test_no_match_inside_words(small):
    assert matched(small, "antimultilateralisms") == []
    assert matched(small, "multilateralism_x") == []


def test_find_returns_positions(small):
    text = "The EU and NATO"
    assert small.find(text) == (TermMatch(4, 6, "eu"), TermMatch(11, 15, "nato"))


def test_find_is_the_plain_longest_first_search_of_every_form():
    """Glossary.find filters word starts by what can follow their first character, for speed; on any
    text it must find what one plain regex of every form finds (longest first, whole words, each
    form tried where its first character stands as written, in either case for a free-case word)."""
    import random

    from scholion.glossary.matching import _start_characters, form_key, form_pattern

    glossary, _ = load_glossary(GLOSSARY_YML)
    forms = {}
    for term in glossary:
        for form in term.forms:
            if glossary.lookup(form) == term.slug:
                forms.setdefault(form_key(form), (form.strip(), term.slug))
    ordered = sorted(forms.values(), key=lambda item: (-len(item[0]), item[0]))

    def alternative(form: str) -> str:
        starts = "".join(map(re.escape, sorted(_start_characters(form))))
        return f"((?=[{starts}]){form_pattern(form)})"

    plain = re.compile(r"(?<!\w)(?:" + "|".join(alternative(form) for form, _ in ordered) + r")(?!\w)")
    slugs = [slug for _, slug in ordered]
    paragraphs = [block.text for path in SOURCES for block in load_text(path.parent, update_lock=False).document.paragraphs]
    odd = ["EU", "eu", "Eu", "-EU", "_EU", "1EU", "EU1", "NATO's", "NATO’s", "détente", "Détente", "\n", " ", "é", "–",
           "G-8", "G8", "G 8", "\u2003", "\u00a0", "Minsk\u2029agreements", "a", "as", "the ", "MINSK", "minsk agreement"]
    rng = random.Random(7)
    for _ in range(4000):
        body = "".join(rng.choice([rng.choice(paragraphs)[rng.randint(0, 300):][:rng.randint(0, 60)], rng.choice(odd)])
                       for _ in range(8))
        expected = tuple(TermMatch(m.start(), m.end(), slugs[m.lastindex - 1]) for m in plain.finditer(body))
        assert glossary.find(body) == expected, body


def test_matchers_are_built_on_first_search(monkeypatch):
    """Loading the glossary builds no regex (a build served from its cache never searches). How a worker
    process gets the glossary: tests/test_buildcache.py."""
    import scholion.glossary.matching as glossary_module

    def no_regex_now(form: str) -> str:
        raise AssertionError(f"matcher built for {form!r}")

    real_form_pattern = glossary_module.form_pattern
    monkeypatch.setattr(glossary_module, "form_pattern", no_regex_now)
    glossary, problems = load_glossary(GLOSSARY_YML)
    assert not problems and len(glossary) > 4
    monkeypatch.setattr(glossary_module, "form_pattern", real_form_pattern)
    assert [match.slug for match in glossary.find("The CSTO, the EAEU and the JCPOA")] == ["csto", "eaeu", "jcpoa"]


def test_lookup(small):
    assert small.lookup("MEPs") == "mep"
    assert small.lookup("eurasian Economic union") == "eaeu"
    assert small.lookup("eu") is None
    assert small.lookup("NBD") == "ndb"


def test_slugify():
    assert slugify("Minsk agreements") == "minsk-agreements"
    assert slugify("détente") == "detente"
    assert slugify("EU-isation") == "eu-isation"
    assert slugify("G-8") == "g-8"


# --------------------------------------------------------------------------- YAML problems

def test_broken_yaml_gives_problem_with_line_and_keeps_other_entries(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: EU
          expansion: European Union
          definition: A union.
        - term: NATO
          expansion: [North Atlantic
          definition: An alliance.
        - term: UN
          expansion: United Nations
          definition: An organisation.
    """)
    assert problems, "broken YAML must be reported"
    assert all(p.file == path for p in problems)
    assert any(p.line in (5, 6) and "invalid YAML" in p.message for p in problems), problems
    assert sorted(glossary.terms) == ["eu", "un"]


def test_broken_yaml_without_list_items(tmp_path):
    glossary, problems, path = load(tmp_path, "term: [unclosed\n")
    assert len(glossary) == 0
    # the parser notices at the end of the stream and names where the list began
    assert [(p.file, p.line) for p in problems] == [(path, 2)]
    assert "invalid YAML" in problems[0].message and "began on line 1" in problems[0].message


def test_tab_indentation_is_reported_not_raised(tmp_path):
    glossary, problems, path = load(tmp_path, "- term: EU\n\texpansion: European Union\n")
    assert problems and problems[0].file == path and problems[0].line == 2


def test_duplicate_term(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: NATO
          expansion: North Atlantic Treaty Organization
          definition: An alliance.
        - term: NATO
          expansion: again
          definition: Again.
    """)
    assert len(glossary) == 1
    assert [(p.file, p.line) for p in problems] == [(path, 4)]
    assert "defined twice" in problems[0].message


def test_term_equal_to_another_entrys_alias(tmp_path):
    glossary, problems, _ = load(tmp_path, """
        - term: EAEU
          expansion: Eurasian Economic Union
          definition: A union.
          aliases: [EEU]
        - term: EEU
          expansion: Eurasian Economic Union
          definition: A union.
    """)
    assert [p.line for p in problems] == [5]
    assert "defined twice" in problems[0].message and "alias" in problems[0].message


def test_alias_collision(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: EC
          expansion: European Communities
          definition: The Communities.
          aliases:
            - European Communities
            - European Commission
        - term: European Commission
          expansion: the EU executive
          definition: The executive.
        - term: EU
          expansion: European Union
          definition: A union.
          aliases: [European Union]
    """)
    # line 7: the term is already an alias of EC
    assert [(p.file, p.line) for p in problems] == [(path, 7)]
    assert "European Commission" in problems[0].message
    glossary, problems, path = load(tmp_path, """
        - term: EU
          expansion: European Union
          definition: A union.
          aliases: [European Union]
        - term: EEU
          expansion: Eurasian Economic Union
          definition: A union.
          aliases:
            - EAEU
            - european Union
    """)
    assert [(p.file, p.line) for p in problems] == [(path, 10)]
    assert "collides" in problems[0].message
    assert glossary.lookup("European Union") == "eu"
    assert glossary["eeu"].aliases == ["EAEU"]


def test_unknown_related_slug(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: CSTO
          expansion: Collective Security Treaty Organization
          definition: An alliance.
          related:
            - nato
            - NATO-Russia Council
            - csto
        - term: NATO
          expansion: North Atlantic Treaty Organization
          definition: An alliance.
    """)
    assert [(p.file, p.line) for p in problems] == [(path, 6), (path, 7)]
    assert "not a glossary entry" in problems[0].message
    assert "itself" in problems[1].message
    assert glossary["csto"].related == ["nato"]


def test_missing_fields_and_non_strings(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: NATO
          definition: An alliance.
        - term: 1975
          expansion: a year
          definition: A year.
        - term: UN
          expansion: United Nations
          definition:
        - term: US
          expansion: United States
          definition: The United States.
          aliases: USA
          alias: [America]
        - just a string
    """)
    lines = {p.line: p.message for p in problems}
    assert "missing expansion" in lines[1]
    assert "must be text" in lines[3]
    assert "empty" in lines[8]
    assert "must be a list" in lines[12]
    assert "unknown field 'alias'" in lines[13]
    assert "mapping" in lines[14]
    assert all(p.file == path for p in problems)
    assert sorted(glossary.terms) == ["us"]
    assert glossary["us"].aliases == ["USA"]


def test_a_field_given_twice_is_reported_and_its_first_value_kept(tmp_path):
    glossary, problems, path = load(tmp_path, """
        - term: NATO
          expansion: North Atlantic Treaty Organization
          definition: An alliance.
          expansion: again
    """)
    assert [(p.file, p.line, p.code) for p in problems] == [(path, 4, "yaml.duplicate-key")]
    assert "'expansion' is given twice (first on line 2)" in problems[0].message
    assert glossary["nato"].expansion == "North Atlantic Treaty Organization"


def test_top_level_must_be_a_list(tmp_path):
    glossary, problems, path = load(tmp_path, "EU: European Union\n")
    assert len(glossary) == 0 and problems[0].line == 1 and "list" in problems[0].message


def test_missing_file(tmp_path):
    glossary, problems = load_glossary(tmp_path / "nope.yml")
    assert len(glossary) == 0 and problems and problems[0].file == tmp_path / "nope.yml"


def test_term_line_numbers(tmp_path):
    glossary, problems, _ = load(tmp_path, SMALL)
    assert glossary["eu"].line == 1
    assert glossary["eu-isation"].line == 5


def test_bad_slug(tmp_path):
    glossary, problems, _ = load(tmp_path, """
        - term: EU
          slug: The EU
          expansion: European Union
          definition: A union.
    """)
    assert [p.line for p in problems] == [2]
    assert "eu" in glossary  # falls back to the default slug


# --------------------------------------------------------------------------- occurrences

def occurrences(glossary, paragraphs):
    """count_occurrences of ``(doc slug, paragraph id, text)`` triples, found per document as a build does."""
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for doc_slug, paragraph_id, text in paragraphs:
        by_doc.setdefault(doc_slug, []).append((paragraph_id, text))
    return count_occurrences({doc_slug: paragraph_terms(glossary, items) for doc_slug, items in by_doc.items()})


def test_paragraph_terms_count_each_term_per_paragraph(small):
    assert paragraph_terms(small, [("p1", "The EU and the EU again, and NATO."), ("p2", "Nothing here."),
                                   ("p3", "EU-isation, not the EU.")]) == [
        ("p1", {"eu": 2, "nato": 1}), ("p3", {"eu-isation": 1, "eu": 1})]


def test_count_occurrences(small):
    paragraphs = [
        ("romano-2021", "p1", "The EU and the EU again, and NATO."),
        ("romano-2021", "p2", "Nothing here."),
        ("romano-2021", "p3", "EU-isation, not the EU."),
        ("kapoor-2021", "p1", "The European Union (EU)."),
        ("kapoor-2021", "n3", "Note: the EU."),
    ]
    occ = occurrences(small, paragraphs)
    assert occ["eu"] == {"romano-2021": ["p1", "p3"], "kapoor-2021": ["p1", "n3"]}
    assert occ["nato"] == {"romano-2021": ["p1"]}
    assert occ["eu-isation"] == {"romano-2021": ["p3"]}
    assert "us" not in occ


# --------------------------------------------------------------------------- tooltips and escaping

def test_term_span_html(small):
    open_tag, close_tag = term_span_html(small["eaeu"], "../glossary/")
    assert open_tag == ('<a class="glossary-term" href="../glossary/#eaeu" data-expansion="Eurasian Economic Union">'
                        '<abbr title="Eurasian Economic Union">')
    assert close_tag == "</abbr></a>"


def test_spans_link_first_occurrence_per_paragraph(small):
    text = "The EU & the EU <again>, NATO and the EU."
    spans = glossary_spans(small, text, "../glossary/")
    assert [(text[s.start:s.end], s.priority) for s in spans] == [("EU", 1), ("NATO", 1)]
    out = apply_spans(text, spans)
    assert out.count("glossary-term") == 2
    assert "&amp;" in out and "&lt;again&gt;" in out
    seen: set[str] = set()
    glossary_spans(small, "The EU", "../glossary/", seen)
    assert glossary_spans(small, "and the EU and NATO", "../glossary/", seen)[0].open_tag.count("#nato") == 1
    assert seen == {"eu", "nato"}


def test_enricher_links_a_term_once_per_section_and_once_in_the_notes(small):
    enricher = GlossaryEnricher(small, "../glossary/", {"p1": 0, "p2": 0, "p3": 1})
    assert len(enricher.body_spans("p1", "The EU")) == 1
    assert enricher.body_spans("p1", " and the EU") == []       # same paragraph, after a marker
    assert enricher.body_spans("p2", "the EU") == []             # same section
    assert len(enricher.body_spans("p3", "the EU and NATO")) == 2  # next section
    assert len(enricher.body_spans("", "EU")) == 1                 # a caption is a scope of its own
    assert len(enricher.note_spans("3", "EU and EU")) == 1
    assert enricher.note_spans("4", "the EU") == []               # once in the notes list
    assert enricher.after_paragraph("p1") == ""


MARKED = """
- term: EU
  expansion: European Union
  definition: A union of European states.
  mark: never
- term: NATO
  expansion: North Atlantic Treaty Organization
  definition: An alliance.
  mark: first
- term: CSTO
  expansion: Collective Security Treaty Organization
  definition: An alliance.
"""


def test_an_entry_can_ask_to_be_marked_once_per_text_or_never(tmp_path):
    glossary, problems, _ = load(tmp_path, MARKED)
    assert problems == []
    enricher = GlossaryEnricher(glossary, "../glossary/", {"p1": 0, "p2": 1, "p3": 2})
    linked = lambda spans: [s.open_tag.split("#")[1].split('"')[0] for s in spans]
    assert linked(enricher.body_spans("p1", "The EU, the CSTO and the EU")) == ["csto"]
    assert linked(enricher.body_spans("p2", "NATO and the CSTO")) == ["nato", "csto"]
    assert linked(enricher.body_spans("p3", "NATO, NATO and the CSTO")) == ["csto"]  # NATO: once per text
    assert linked(enricher.body_spans("", "NATO in a caption")) == []
    assert linked(enricher.note_spans("1", "NATO, the EU and the CSTO")) == ["csto"]
    # The glossary page still counts every occurrence, whatever the mark.
    assert [m.slug for m in glossary.find("The EU and NATO")] == ["eu", "nato"]


def test_a_term_is_marked_once_per_text_even_when_first_seen_in_a_caption(tmp_path):
    glossary, _, _ = load(tmp_path, MARKED)
    enricher = GlossaryEnricher(glossary, "../glossary/", {"p1": 0, "p2": 1})
    assert len(enricher.body_spans("", "NATO")) == 1
    assert enricher.body_spans("p1", "NATO") == []


def test_an_unknown_mark_is_reported_at_its_line(tmp_path):
    glossary, problems, path = load(tmp_path, MARKED.replace("mark: first", "mark: once"))
    assert [(p.file, p.line, p.code) for p in problems] == [(path, 8, "glossary.bad-mark")]
    assert "section, first, never" in problems[0].message
    assert glossary["nato"].mark == "section"


def test_sections_of_a_document_start_at_each_heading():
    document = load_text(ROOT / "sources" / "romano-2021", update_lock=False).document
    sections = sections_of(document)
    assert set(sections) == {block.anchor for block in document.blocks if block.anchor}
    previous, heading_between = None, False
    for block in document.blocks:
        if block.kind == "heading":
            heading_between = True
        elif block.anchor:
            if previous is not None:
                assert (sections[block.anchor] != sections[previous]) == heading_between, block.anchor
            previous, heading_between = block.anchor, False
    assert len(set(sections.values())) == 9  # Romano's nine headings, each followed by paragraphs


HOSTILE = """
- term: "<script>alert(1)</script>"
  slug: xss
  expansion: '" onmouseover="alert(1)'
  definition: "<img src=x onerror=alert(1)> & *not markdown*"
  aliases: ["<b>bold</b>"]
  related: [ok]
- term: OK
  expansion: "fine <i>"
  definition: Fine.
"""


def test_hostile_fields_are_inert(tmp_path):
    glossary, problems, _ = load(tmp_path, HOSTILE)
    assert problems == []
    open_tag, _ = term_span_html(glossary["xss"], '../glossary/"><script>')
    soup = BeautifulSoup(open_tag + "x</abbr></a>", "html.parser")
    abbr = soup.find("abbr")
    assert abbr.attrs == {"title": '" onmouseover="alert(1)'}
    assert soup.find("a")["href"] == '../glossary/"><script>#xss'
    assert soup.find("script") is None

    text = "see <script>alert(1)</script> here"
    html_out = apply_spans(text, glossary_spans(glossary, text, "../glossary/"))
    soup = BeautifulSoup(html_out, "html.parser")
    assert soup.find("script") is None
    assert soup.find("abbr")["title"] == '" onmouseover="alert(1)'

    page = render_glossary_page(glossary, {"xss": {"<doc>": ["p1", '"><script>']}},
                                {"<doc>": "<script>Title</script>"})
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
    entry = soup.find(id="xss")
    assert "<img src=x onerror=alert(1)> & *not markdown*" in entry.get_text()
    assert "<script>alert(1)</script>" in entry.find("h3").get_text()


# --------------------------------------------------------------------------- the page

def test_glossary_page(small):
    occ = occurrences(small, [
        ("romano-2021", "p3", "The EU and NATO."),
        ("romano-2021", "p7", "The EU again."),
        ("kapoor-2021", "p1", "The EU."),
    ])
    page = render_glossary_page(small, occ, {"romano-2021": "Is Russia interested…",
                                             "kapoor-2021": "Russia-EU Relations"})
    assert "\n\n" not in page
    soup = BeautifulSoup(page, "html.parser")
    entries = soup.select("section.glossary-entry")
    assert {e["id"] for e in entries} == set(small.terms)
    bar = soup.select_one("nav.glossary-az")
    assert [a.get_text() for a in bar.find_all("a")] == ["C", "E", "G", "M", "N", "U"]
    assert soup.select_one("#glossary-letter-e") is not None
    eu = soup.find(id="eu")
    assert "European Union" in eu.find("h3").get_text()
    links = [(a["href"], a.get_text()) for a in eu.select(".glossary-occurrences a")]
    assert links == [
        ("../romano-2021/", "Is Russia interested…"),
        ("../romano-2021/#p3", "¶3"), ("../romano-2021/#p7", "¶7"),
        ("../kapoor-2021/", "Russia-EU Relations"), ("../kapoor-2021/#p1", "¶1"),
    ]
    assert "(2 paragraphs)" in eu.get_text() and "(1 paragraph)" in eu.get_text()
    assert "none of the texts" in soup.find(id="us").get_text()
    assert "NBD" in soup.find(id="ndb").select_one(".glossary-sic").get_text()
    # entries are sorted within their letter
    e_ids = [e["id"] for e in soup.select("#glossary-letter-e section.glossary-entry")]
    assert e_ids == ["eaeu", "eu", "eu-isation", "european-parliament"]


def test_glossary_page_names_paragraph_links_without_tooltips(small):
    occ = occurrences(small, [("romano-2021", "p3", "The EU."), ("romano-2021", "n7", "The EU.")])
    eu = BeautifulSoup(render_glossary_page(small, occ, {"romano-2021": "R"}), "html.parser").find(id="eu")
    paragraph_links = eu.select(".glossary-paragraphs a")
    # Material mounts a tooltip for every titled link at load: hundreds on this page.
    assert [(a.get_text(), a["aria-label"]) for a in paragraph_links] == [("¶3", "Paragraph 3"), ("note 7", "Note 7")]
    assert not any(a.has_attr("title") for a in paragraph_links)


def test_glossary_page_of_a_large_corpus_links_each_text_once(small):
    slugs = [f"text-{n:02d}" for n in range(SIDE_BY_SIDE_MAX_TEXTS + 1)]
    paragraphs = [(slug, f"p{p}", "The EU.") for n, slug in enumerate(slugs) for p in range(1, 2 + n % 3)]
    occ = occurrences(small, paragraphs)
    page = render_glossary_page(small, occ, {slug: f"Title {slug}" for slug in slugs})
    eu = BeautifulSoup(page, "html.parser").find(id="eu")
    assert eu.select_one("summary").get_text() == f"{len(slugs)} texts, {len(paragraphs)} paragraphs"
    items = eu.select("ul.glossary-texts li")
    assert [li.a["href"] for li in items] == [f"../{slug}/#p1" for slug in slugs]
    assert [li.get_text() for li in items[:3]] == ["Title text-00 (1)", "Title text-01 (2)", "Title text-02 (3)"]
    assert not eu.select(".glossary-paragraphs"), "no link per paragraph"
    # One text fewer: the full lists come back.
    few = {slug: f"Title {slug}" for slug in slugs[:-1]}
    in_few = [p for p in paragraphs if p[0] in few]
    eu_few = BeautifulSoup(render_glossary_page(small, occurrences(small, in_few), few), "html.parser").find(id="eu")
    assert len(eu_few.select(".glossary-paragraphs a")) == len(in_few)


def test_large_counts_are_written_with_thousands_separators(small):
    slugs = [f"text-{n:02d}" for n in range(SIDE_BY_SIDE_MAX_TEXTS + 1)]
    occ = occurrences(small, [(slug, f"p{p}", "The EU.") for slug in slugs for p in range(1, 101)])
    eu = BeautifulSoup(render_glossary_page(small, occ, {slug: slug for slug in slugs}), "html.parser").find(id="eu")
    assert eu.select_one("summary").get_text() == f"{len(slugs)} texts, 1,300 paragraphs"


def test_real_glossary_page_links_resolve(real):
    page = render_glossary_page(real, {}, {})
    soup = BeautifulSoup(page, "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    assert len(ids) == len(soup.find_all(id=True)), "duplicate ids on the glossary page"
    for a in soup.select("a[href^='#']"):
        assert a["href"][1:] in ids, a


# --------------------------------------------------------------------------- the real glossary

def test_real_glossary_required_slugs(real):
    for slug in ("csto", "eaeu", "enp", "jcpoa", "minsk-agreements", "eu-isation",
                 "nato", "osce", "csce", "inf-treaty", "g-8", "multilateralism"):
        assert slug in real, slug
    assert real.lookup("MEPs") == "mep"
    assert real.lookup("Eurasian Economic Union") == "eaeu"
    assert real.lookup("Intermediate-Range Nuclear Forces Treaty") == "inf-treaty"


def test_real_glossary_definitions_are_short(real):
    for term in real:
        sentences = re.findall(r"[.!?](?:\s|$)", term.definition)
        assert 1 <= len(sentences) <= 3, (term.slug, term.definition)


# Tokens in the texts that look like acronyms but are not, each for a stated reason.
NOT_ACRONYMS = {
    "II",    # Roman numeral: "World War II" (Romano)
    "JOIN",  # EU document-series code in a citation: "JOIN(2021) 3 final" (Romano, note 83)
}

ACRONYM_RE = re.compile(r"(?<![\w-])(?:[A-Z]+-\d+|[A-Z]{2,}s?)(?![a-z])")


def _acronyms(text: str) -> set[str]:
    return {m.group() for m in ACRONYM_RE.finditer(text)}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_every_acronym_in_the_texts_is_in_the_glossary(real, source):
    assert SOURCES, "no source texts found"
    missing = []
    for token in sorted(_acronyms(source.read_text(encoding="utf-8"))):
        form = token
        # The raw extract glues note markers to words ("NATO40", "G-813"): drop trailing digits.
        while real.lookup(form) is None and form[-1].isdigit():
            form = form[:-1]
        if real.lookup(form) is None and form not in NOT_ACRONYMS:
            missing.append(token)
    assert missing == []


def test_acronym_scan_sees_what_it_should():
    text = "NATO’s MEPs, the G-813 and COVID-19, ASEAN50 and World War II; McGwire, DeBardeleben"
    assert _acronyms(text) == {"NATO", "MEPs", "G-813", "COVID-19", "ASEAN", "II"}


def test_real_texts_terms_are_found_in_running_text(real):
    text = ("Russia’s Foreign Policy Concepts, the Collective Security \nTreaty Organization (CSTO), "
            "the EU-isation of the neighbourhood, NATO’s enlargement, the EU–Russia common spaces, "
            "the Intermediate-Range Nuclear Forces Treaty, the G-8, the NBD and the Minsk agreement.")
    slugs = [m.slug for m in real.find(text)]
    assert slugs == ["foreign-policy-concept", "csto", "csto", "eu-isation", "nato",
                     "eu-russia-common-spaces", "inf-treaty", "g-8", "ndb", "minsk-agreements"]



def test_an_unreadable_entry_is_reported_once(tmp_path):
    # Links to an entry that could not be read are not reported again as unknown slugs.
    glossary, problems, path = load(tmp_path, """
        - term: NATO
          definition: An alliance (expansion forgotten).
        - term: CSTO
          expansion: Collective Security Treaty Organization
          definition: An alliance.
          related: [nato]
        - term: UN
          expansion: [United Nations
          definition: An organisation.
        - term: UNSC
          expansion: United Nations Security Council
          definition: A council.
          related: [un, csto]
    """)
    assert [p.line for p in problems] == [1, 9]
    assert sorted(glossary.terms) == ["csto", "unsc"]
    assert glossary["unsc"].related == ["csto"]
