"""Citations in note texts → bib entries (by surnames + year, never by key)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scholion.bib.bibtex import load_bibliography
from scholion.bib.citations.model import Citation, CitationStats
from scholion.bib.citations.resolve import find_citations, resolve_notes

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Path("sources/test/source.txt")

# Keys are deliberately unlike the citations, to prove matching never uses them.
BIB = r"""
@misc{k01, author = {Casier}, year = {2018}}
@misc{k02, author = {Morse and Keohane}, year = {2014}}
@misc{k03, author = {Ekman and Saari and Secrieru}, year = {2020}}
@misc{k04, author = {Bozo and Rey and Ludlow and Nuti}, year = {2008}}
@misc{k05, author = {G{\"o}tz and Merlen}, year = {2019}}
@misc{k06, author = {Johnson and K{\"o}stem}, year = {2016}}
@misc{k07, author = {Miskimmon and O'Loughlin}, year = {2017}}
@misc{k08, author = {Romanova}, year = {2018}}
@misc{k09, author = {Romanova}, year = {2018}, yearsuffix = {a}}
@misc{k10, author = {Clunan}, year = {2018}}
@misc{k11, author = {Hughes}, year = {2013}}
@misc{k12, author = {Hughes}, year = {2007}}
@misc{k13, author = {McGwire}, year = {1998}}
@misc{k14, author = {Sarotte}, year = {2009}}
@misc{k15, author = {Makarychev and Morozov}, year = {2011}}
@misc{k16, author = {Troitskiy}, year = {2016}}
@misc{k17, author = {Charap and Troitskiy}, year = {2013}}
@misc{k18, author = {{Tass}}, date = {2019-11-03}, year = {2019}}
@misc{k19, author = {{Remler}}, year = {2020}}
@misc{k20, author = {{UN Security Council}}, title = {Resolution 1244 (1999)}, year = {1999}}
@misc{k21, author = {Sakwa}, year = {2014}}
@misc{k22, author = {Wilson Rowe and Torjesen}, year = {2009}}
@misc{k23, author = {{Wilson Rowe} and Torjesen}, year = {2010}}
@misc{k24, author = {Drieskens and van Schaik}, year = {2014}}
@misc{k25, title = {Foreign Policy Concept of the Russian Federation}, year = {2016}}
@misc{k26, title = {Foreign Policy Concept of the Russian Federation}, year = {2013}}
@misc{k27, author = {{NATO}}, title = {Relations with Russia}, url = {https://www.nato.int/cps/en/natolive/topics_50090.htm}, incomplete = {true}}
@misc{k28, author = {Gehring and Urbanski and Oberth{\"u}r}, year = {2017}}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "test.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded, problems = load_bibliography([path])
    assert problems == []
    return loaded


def one(text: str, bib) -> Citation:
    citations = find_citations(text, bib)
    assert len(citations) == 1, citations
    return citations[0]


def spans(text: str, citations: list[Citation]) -> list[str]:
    return [text[c.start:c.end] for c in citations]


# ---------------------------------------------------------------- author–date forms


@pytest.mark.parametrize("text, cited, key, locator", [
    ("Casier 2018, p. 207.", "Casier 2018, p. 207", "k01", "p. 207"),
    ("Clunan 2018, pp. 46–48.", "Clunan 2018, pp. 46–48", "k10", "pp. 46–48"),
    ("Sakwa, 2014, p. 27 ff.", "Sakwa, 2014, p. 27 ff.", "k21", "p. 27 ff."),
    ("Morse and Keohane 2014, p. 386.", "Morse and Keohane 2014, p. 386", "k02", "p. 386"),
    ("as argued in Ekman, Saari and Secrieru 2020.", "Ekman, Saari and Secrieru 2020", "k03", ""),
    ("Bozo, Rey, Ludlow and Nuti 2008", "Bozo, Rey, Ludlow and Nuti 2008", "k04", ""),
    ("See also Götz and Merlen 2019.", "Götz and Merlen 2019", "k05", ""),
    ("See also Gotz and Merlen 2019.", "Gotz and Merlen 2019", "k05", ""),
    ("Johnson and Köstem 2016, p. 208.", "Johnson and Köstem 2016, p. 208", "k06", "p. 208"),
    ("Quoted in Miskimmon and O’Loughlin’ 2017, p. 116.", "Miskimmon and O’Loughlin’ 2017, p. 116", "k07", "p. 116"),
    ("For instance, Sakwa 2014 and Romanova 2018a.", "Romanova 2018a", "k09", ""),
    ("referenced in Romanova (2018), p. 68.", "Romanova (2018), p. 68", "k08", "p. 68"),
    ("Cited in Romanova 2018, p. 30, note 8.", "Romanova 2018, p. 30, note 8", "k08", "p. 30, note 8"),
    ("also drawing the concept of “collective unilateralism” from Makarychev and Morozov, 2011, p. 354.",
     "Makarychev and Morozov, 2011, p. 354", "k15", "p. 354"),
    ("Drieskens and van Schaik 2014.", "Drieskens and van Schaik 2014", "k24", ""),
    ("Gehring et al. 2017, p. 3.", "Gehring et al. 2017, p. 3", "k28", "p. 3"),
])
def test_author_date_forms(bib, text, cited, key, locator):
    citations = find_citations(text, bib)
    match = [c for c in citations if text[c.start:c.end] == cited]
    assert match, spans(text, citations)
    citation = match[0]
    assert citation.status == "resolved"
    assert citation.keys == [key]
    assert citation.locator == locator
    assert citation.text == cited


def test_year_suffix_is_not_confused(bib):
    assert one("Romanova 2018.", bib).keys == ["k08"]
    assert one("Romanova 2018a.", bib).keys == ["k09"]
    unresolved = one("Romanova 2018b.", bib)
    assert unresolved.status == "unresolved" and unresolved.keys == []


def test_compound_surname_needs_the_whole_name(bib):
    # "Wilson Rowe" is one surname in k23; k22 as written in BibTeX is Rowe with given name Wilson
    assert one("Wilson Rowe and Torjesen 2010.", bib).keys == ["k23"]


def test_lists_of_citations(bib):
    text = "Clunan, pp. 50–51. See also: McGwire 1998; Sarotte 2009; Charap and Troitskiy 2013; Romanova 2018."
    citations = find_citations(text, bib)
    assert spans(text, citations) == [
        "Clunan", "McGwire 1998", "Sarotte 2009", "Charap and Troitskiy 2013", "Romanova 2018"]
    assert [c.keys for c in citations] == [["k10"], ["k13"], ["k14"], ["k17"], ["k08"]]
    assert all(c.status == "resolved" for c in citations)
    assert citations[0].locator == "pp. 50–51"


def test_press_items_and_documents(bib):
    tass = one("Tass, 3 November 2019.", bib)
    assert tass.keys == ["k18"] and tass.text == "Tass, 3 November 2019"
    assert one("Remler 2020. It is worth noting that Lavrov was at the UN from 1994 to 2004.", bib).keys == ["k19"]
    unsc = one("UN Security Council, Resolution 1244 (1999) adopted by the Security Council at its "
               "4011th meeting, on 10 June 1999.", bib)
    assert unsc.keys == ["k20"] and unsc.status == "resolved"
    text = ("For instance: Foreign Policy Concept of the Russian Federation (approved by President of the "
            "Russian Federation Vladimir Putin on November 30, 2016); Foreign Policy Concept of the Russian "
            "Federation (Approved by President of the Russian Federation V. Putin on 12 February 2013).")
    citations = find_citations(text, bib)
    assert [c.keys for c in citations] == [["k25"], ["k26"]]
    nato = one("Overview of NATO’s ‘Relations with Russia’ at: www.nato.int/cps/en/natolive/topics_50090.htm", bib)
    assert nato.keys == ["k27"]


# ---------------------------------------------------------------- no false citations


@pytest.mark.parametrize("text", [
    "Association of Southeast Asian Nations",
    "See examples reported and referenced above in the paper.",
    "United Nations Economic Commission for Europe.",
    "NATO, Bucharest Summit Declaration issued on 3 April 2008, Para. 23.",
    "Foreign Minister Sergey Lavrov’s remarks, Munich, February 15, 2020.",
    "European Commission, ‘Joint […] based multilateralism’, Brussels, 17 February 2021 JOIN(2021) 3 final.",
    "The crisis in Ukraine can be traced to November 2013 when Ukrainian President Viktor Yanukovych decided.",
    "The US Intelligence agencies in 2016 accused Russia of seeking to influence the election.",
    "In September 2014, a truce was brokered in Minsk.",
    "Kropatcheva wrote on p. 1527.",
])
def test_notes_that_cite_nothing(bib, text):
    assert find_citations(text, bib) == []


def test_unknown_author_date_is_unresolved(bib):
    citation = one("Quoted in Nobody and Someone 2011, p. 4.", bib)
    assert citation.status == "unresolved"
    assert citation.text == "Nobody and Someone 2011, p. 4"


# ---------------------------------------------------------------- context: short forms, ibid


def test_short_form_uses_the_work_cited_before(bib):
    notes = [("23", "Hughes 2013."), ("24", "UN Security Council, Resolution 1244 (1999)."),
             ("26", "Hughes, p. 1013.")]
    result, problems = resolve_notes(notes, bib, CONTEXT)
    assert problems == []
    short = result["26"][0]
    assert short.keys == ["k11"] and short.status == "resolved"
    assert short.text == "Hughes" and short.locator == "p. 1013"
    assert (short.start, short.end) == (0, 6)


def test_short_form_with_several_candidates_is_ambiguous(bib):
    notes = [("1", "Hughes 2013."), ("2", "Hughes 2007, p. 3."), ("3", "Hughes, p. 1013.")]
    result, problems = resolve_notes(notes, bib, CONTEXT)
    citation = result["3"][0]
    assert citation.status == "ambiguous"
    assert sorted(citation.keys) == ["k11", "k12"]
    assert len(problems) == 1
    assert "note 3" in problems[0].message and "Hughes, p. 1013." in problems[0].message
    assert problems[0].file == CONTEXT
    assert problems[0].code == "citation.ambiguous"


def test_short_form_not_cited_before_falls_back_to_a_unique_bib_entry(bib):
    result, problems = resolve_notes([("6", "Clunan, p. 46.")], bib, CONTEXT)
    assert result["6"][0].keys == ["k10"] and problems == []


def test_bare_surname_note(bib):
    notes = [("27", "See also Charap and Troitskiy 2013."), ("51", "Troitskiy 2016, pp. 419–20."),
             ("62", "Troitskiy.")]
    result, problems = resolve_notes(notes, bib, CONTEXT)
    assert problems == []
    bare = result["62"][0]
    assert bare.keys == ["k16"] and bare.text == "Troitskiy"


def test_ibid(bib):
    notes = [("39", "Clunan, pp. 46–48."), ("40", "Ibid."),
             ("64", "Romanova 2018, pp. 57–70."), ("65", "Ibid, p. 61.")]
    result, problems = resolve_notes(notes, bib, CONTEXT)
    assert problems == []
    assert result["40"][0].keys == ["k10"] and result["40"][0].kind == "ibid"
    assert result["65"][0].keys == ["k08"] and result["65"][0].locator == "p. 61"


def test_ibid_after_a_note_without_citations_is_a_problem(bib):
    result, problems = resolve_notes([("1", "Association of Southeast Asian Nations"), ("2", "Ibid.")], bib, CONTEXT)
    assert result["1"] == []
    assert result["2"][0].status == "unresolved"
    assert len(problems) == 1 and "note 2" in problems[0].message


def test_unresolved_citation_problem_names_label_and_text(bib):
    result, problems = resolve_notes([("7", "Caporaso 1992, p. 602. See also Keohane 1986.")], bib, CONTEXT)
    assert [c.status for c in result["7"]] == ["unresolved", "unresolved"]
    assert len(problems) == 2
    assert all("note 7" in p.message and "Caporaso 1992, p. 602. See also Keohane 1986." in p.message
               for p in problems)
    assert [p.code for p in problems] == ["citation.unresolved", "citation.unresolved"]
    stats = CitationStats.of(result)
    assert (stats.found, stats.resolved, stats.ambiguous, stats.unresolved) == (2, 0, 0, 2)


def test_matching_never_uses_the_key(tmp_path):
    """A new work cited by a new text resolves from its bib data alone."""
    path = tmp_path / "new.bib"
    path.write_text("@misc{zzz-unrelated-key, author = {Kaczmarski}, year = {2017}}\n", encoding="utf-8")
    bib, _ = load_bibliography([path])
    assert one("On this tension see, for instance, Kaczmarski 2017.", bib).keys == ["zzz-unrelated-key"]


# ---------------------------------------------------------------- the real corpus


def _romano_notes() -> list[tuple[str, str]]:
    from scholion.text.ingest import load_document

    document = load_document(ROOT / "sources" / "romano-2021")
    return [(note.label, note.text) for note in document.notes.values()]


@pytest.fixture(scope="module")
def romano():
    bib, problems = load_bibliography(sorted((ROOT / "bib").glob("*.bib")))
    assert problems == []
    notes = _romano_notes()
    result, problems = resolve_notes(notes, bib, ROOT / "sources" / "romano-2021" / "source.txt")
    return dict(notes), result, problems


def test_romano_hughes_short_form(romano):
    _, result, _ = romano
    assert [c.keys for c in result["23"]] == [["hughes-2013"]]
    assert [c.keys for c in result["26"]] == [["hughes-2013"]]
    assert result["26"][0].locator == "p. 1013"


def test_romano_ibid_notes(romano):
    notes, result, _ = romano
    assert notes["40"].startswith("Ibid")
    assert [c.keys for c in result["40"]] == [["clunan-2018"]]
    assert [c.keys for c in result["65"]] == [["romanova-2018"]]
    assert result["65"][0].locator == "p. 61"


def test_romano_note_27_has_nine_resolved_citations(romano):
    notes, result, _ = romano
    citations = result["27"]
    assert len(citations) == 9
    assert all(c.status == "resolved" for c in citations)
    assert citations[0].keys == ["clunan-2018"] and citations[0].text == "Clunan"
    assert [c.keys[0] for c in citations[1:]] == [
        "mcgwire-1998", "sarotte-2009", "charap-troitskiy-2013", "charap-shapiro-2015",
        "legvold-2016", "gehring-etal-2017", "romanova-2018", "loftus-kanet-2019"]
    for c in citations:
        assert notes["27"][c.start:c.end] == c.text


def test_romano_other_forms(romano):
    _, result, _ = romano
    assert [c.keys for c in result["2"]] == [["wilson-rowe-torjesen-2009"], ["drieskens-van-schaik-2014"]]
    assert [c.keys for c in result["14"]] == [["miskimmon-oloughlin-2017"]]
    assert [c.keys for c in result["35"]] == [["casier-2018"], ["gotz-merlen-2019"]]
    assert [c.keys for c in result["37"]] == [["johnson-kostem-2016"]]
    assert [c.keys for c in result["38"]] == [["sakwa-2012"], ["romanova-2018a"]]
    assert [c.keys for c in result["32"]] == [["casier-2018"], ["makarychev-morozov-2011"]]
    assert [c.keys for c in result["41"]] == [["ekman-etal-2020"]]
    assert [c.keys for c in result["42"]] == [["tass-2019"], ["reuters-2020"]]
    assert [c.keys for c in result["52"]] == [["tass-2019"]]
    assert [c.keys for c in result["62"]] == [["troitskiy-2016"]]
    assert [c.keys for c in result["72"]] == [["sakwa-2014"]]
    assert result["72"][0].locator == "p. 27 ff."
    assert [c.keys for c in result["109"]] == [["debardeleben-2018"]]
    assert result["44"] == [] and result["50"] == []


def test_romano_resolution_rate(romano):
    _, result, problems = romano
    stats = CitationStats.of(result)
    author_date = [c for cs in result.values() for c in cs if c.kind in ("author-date", "short", "ibid")]
    resolved = [c for c in author_date if c.status == "resolved"]
    assert len(author_date) >= 80
    assert len(resolved) / len(author_date) >= 0.98
    assert stats.found >= 95 and stats.resolved / stats.found >= 0.98
    assert len(problems) == stats.ambiguous + stats.unresolved


def test_leading_title_words_are_left_out_of_the_span(tmp_path):
    path = tmp_path / "l.bib"
    path.write_text("@misc{l, author = {Lavrov, Sergey}, year = {2017}}\n", encoding="utf-8")
    bib, _ = load_bibliography([path])
    citation = one("Foreign Minister Lavrov 2017, p. 3.", bib)
    assert citation.text == "Lavrov 2017, p. 3" and citation.keys == ["l"]


def test_short_form_after_a_citation_in_the_same_note(bib):
    result, problems = resolve_notes([("1", "Hughes 2007; Hughes, p. 4.")], bib, CONTEXT)
    assert [c.keys for c in result["1"]] == [["k12"], ["k12"]] and problems == []


def test_parenthesised_year_with_page(bib):
    citation = one("See Hughes (2013: 1013).", bib)
    assert citation.keys == ["k11"] and citation.locator == "1013"


def test_a_name_and_a_later_year_are_not_a_citation(bib):
    assert find_citations("Hughes argues that in 2013 Russia changed course.", bib) == []


def test_citation_spans_and_cited_by_links(bib):
    from scholion.bib.citations.spans import citation_spans
    from scholion.html.spans import apply_spans
    from scholion.text.model import Block, Document, NoteRef
    from scholion.bib.references import CitingNote, TextCitations, cited_by

    text = "Casier 2018, p. 207; Hughes, p. 4; Nobody 1999 <b>"
    result, _ = resolve_notes([("12", text)], bib, CONTEXT)
    html = apply_spans(text, citation_spans(result["12"], bib, "../bibliography/"))
    assert '<a class="citation" href="../bibliography/#k01">Casier 2018, p. 207</a>' in html
    assert 'class="citation citation-ambiguous"' in html and "One of: Hughes 2007; Hughes 2013" in html
    assert '<span class="citation citation-unresolved"' in html
    assert "&lt;b&gt;" in html
    paragraph = Block("paragraph", ["A claim.", NoteRef("12", 1)], 1, anchor="p3")
    document = Document("romano-2021", {"title": "T", "authors": ["Angela Romano"], "year": 2021}, [paragraph], {})
    links = cited_by([(document, TextCitations(result, CitationStats.of(result)))])
    assert links == {"k01": [CitingNote("romano-2021", "Romano 2021", "T", "12", "p3")]}
