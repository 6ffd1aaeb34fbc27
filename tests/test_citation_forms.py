"""Each citation form alone, on small notes: the form registered by itself in a registry, then resolution as usual.

The whole resolution (every form in its place) is tested in test_citations.py.
"""
from __future__ import annotations

import pytest

from scholion.bib.bibtex import load_bibliography
from scholion.bib.citations.form import CitationForm
from scholion.bib.citations.forms.authordate import AuthorDate
from scholion.bib.citations.forms.documents import Documents
from scholion.bib.citations.forms.ibid import Ibid
from scholion.bib.citations.forms.organisations import Organisations
from scholion.bib.citations.forms.shortform import BareSurname, ShortForm
from scholion.bib.citations.forms.urls import Urls, normal_url
from scholion.bib.citations.leadins import lead_in_end
from scholion.bib.citations.locators import locator_after
from scholion.bib.citations.model import Citation
from scholion.bib.citations.names import names_before
from scholion.bib.citations.reading import CitedSoFar, NoteReading
from scholion.bib.citations.registry import Registry
from scholion.bib.citations.resolve import Resolver, citation_forms, find_citations
from scholion.bib.citations.segments import Segment, segments

BIB = r"""
@misc{k01, author = {Casier}, year = {2018}}
@misc{k08, author = {Romanova}, year = {2018}}
@misc{k09, author = {Romanova}, year = {2018}, yearsuffix = {a}}
@misc{k10, author = {Clunan}, year = {2018}}
@misc{k11, author = {Hughes}, year = {2013}}
@misc{k12, author = {Hughes}, year = {2007}}
@misc{k16, author = {Troitskiy}, year = {2016}}
@misc{k17, author = {Charap and Troitskiy}, year = {2013}}
@misc{k18, author = {{Tass}}, date = {2019-11-03}, year = {2019}}
@misc{k20, author = {{UN Security Council}}, title = {Resolution 1244 (1999)}, year = {1999}}
@misc{k25, title = {Foreign Policy Concept of the Russian Federation}, year = {2016}}
@misc{k26, title = {Foreign Policy Concept of the Russian Federation}, year = {2013}}
@misc{k27, author = {{NATO}}, title = {Relations with Russia}, url = {https://www.nato.int/cps/en/natolive/topics_50090.htm}, incomplete = {true}}
@misc{k28, author = {Gehring and Urbanski and Oberth{\"u}r}, year = {2017}}
@misc{k29, author = {Ž{\'i}{\v z}ek}, year = {2009}}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "forms.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded, problems = load_bibliography([path])
    assert problems == []
    return loaded


def alone(form: CitationForm) -> Registry[CitationForm]:
    forms: Registry[CitationForm] = Registry()
    forms.register(form, "form", 0)
    return forms


def cited(text: str, citations: list[Citation]) -> list[tuple[str, list[str], str, str]]:
    """Each citation as (its words, its keys, its status, its locator)."""
    return [(text[c.start:c.end], c.keys, c.status, c.locator) for c in citations]


def resolved(keys: list[str]) -> list[Citation]:
    return [Citation(0, 5, keys, "", "resolved", "Hughes")]


# ---------------------------------------------------------------- Ibid.


def test_ibid_refers_to_the_previous_notes_work(bib):
    text = "Ibid, p. 61."
    found = find_citations(text, bib, resolved(["k08"]), alone(Ibid()))
    assert cited(text, found) == [("Ibid", ["k08"], "resolved", "p. 61")]
    assert found[0].kind == "ibid"
    assert cited("ibid.", find_citations("ibid.", bib, resolved(["k10"]), alone(Ibid()))) == [
        ("ibid.", ["k10"], "resolved", "")]


def test_ibid_after_several_works_or_none():
    reading = NoteReading("Ibid., p. 4.", None, CitedSoFar(previous=resolved(["k11", "k12"])))  # type: ignore[arg-type]
    Ibid().find(reading, segments("Ibid., p. 4.")[0])
    assert [(c.status, c.keys) for c in reading.citations] == [("ambiguous", ["k11", "k12"])]
    assert "several works (k11, k12)" in reading.problems[0][1]
    reading = NoteReading("Ibid.", None, CitedSoFar())  # type: ignore[arg-type]
    Ibid().find(reading, segments("Ibid.")[0])
    assert reading.citations[0].status == "unresolved" and "cites no work" in reading.problems[0][1]


def test_ibid_reads_nothing_else(bib):
    assert find_citations("Casier 2018, p. 207; Hughes, p. 3.", bib, resolved(["k01"]), alone(Ibid())) == []


# ---------------------------------------------------------------- author–date


@pytest.mark.parametrize("text, expected", [
    ("Casier 2018, p. 207.", [("Casier 2018, p. 207", ["k01"], "resolved", "p. 207")]),
    ("Romanova (2018), p. 68.", [("Romanova (2018), p. 68", ["k08"], "resolved", "p. 68")]),
    ("See Hughes (2013: 1013).", [("Hughes (2013: 1013)", ["k11"], "resolved", "1013")]),
    ("Romanova 2018a", [("Romanova 2018a", ["k09"], "resolved", "")]),
    ("Gehring et al. 2017, p. 3.", [("Gehring et al. 2017, p. 3", ["k28"], "resolved", "p. 3")]),
    ("Tass, 3 November 2019.", [("Tass, 3 November 2019", ["k18"], "resolved", "")]),
    ("Zizek 2009.", [("Zizek 2009", ["k29"], "resolved", "")]),
    ("Nobody and Someone 2011, p. 4.", [("Nobody and Someone 2011, p. 4", [], "unresolved", "p. 4")]),
    ("Joint communication, Brussels, 17 February 2021.", []),  # a place and a date, after the segment's start
    ("UN Security Council, Resolution 1244 (1999).", []),  # a number before the year, not a name
    ("Hughes, p. 1013.", []),  # a short form
    ("Casier, pp. 2018–2019.", []),  # pages
])
def test_author_date(bib, text, expected):
    assert cited(text, find_citations(text, bib, forms=alone(AuthorDate()))) == expected


# ---------------------------------------------------------------- short forms


def test_short_form_refers_to_the_work_cited_before(bib):
    forms = alone(ShortForm())
    reading = Resolver(bib, forms, CitedSoFar(keys=["k11"])).read("Hughes, p. 1013.")
    assert cited(reading.text, reading.citations) == [("Hughes", ["k11"], "resolved", "p. 1013")]
    assert reading.citations[0].kind == "short"


def test_short_form_without_a_work_cited_before(bib):
    forms = alone(ShortForm())
    assert cited("Clunan, p. 46.", find_citations("Clunan, p. 46.", bib, forms=forms)) == [
        ("Clunan", ["k10"], "resolved", "p. 46")]  # the only Clunan in bib/
    reading = Resolver(bib, forms).read("Hughes, p. 1013.")
    assert [(c.status, c.keys) for c in reading.citations] == [("ambiguous", ["k12", "k11"])]
    assert "give the year" in reading.problems[0][1]
    reading = Resolver(bib, forms).read("Nobody, p. 3.")
    assert [c.status for c in reading.citations] == ["unresolved"]


def test_short_form_after_an_author_date_citation_in_the_same_note(bib):
    text = "Hughes 2007; Hughes, p. 4."
    found = find_citations(text, bib)
    assert cited(text, found) == [("Hughes 2007", ["k12"], "resolved", ""), ("Hughes", ["k12"], "resolved", "p. 4")]


def test_a_note_that_is_only_a_surname(bib):
    forms = alone(BareSurname())
    assert cited("Troitskiy.", find_citations("Troitskiy.", bib, forms=forms)) == [
        ("Troitskiy", ["k16"], "resolved", "")]
    assert [c.status for c in find_citations("Nobody.", bib, forms=forms)] == ["unresolved"]
    assert find_citations("Association of Southeast Asian Nations", bib, forms=forms) == []  # not surnames: quiet
    assert find_citations("Troitskiy 2016.", bib, forms=forms) == []  # a year: not a bare surname


def test_the_bare_surname_form_is_a_fallback(bib):
    """It reads a note only when no other form found anything in it."""
    assert BareSurname.fallback and not ShortForm.fallback
    forms = citation_forms(bib)
    assert [c.kind for c in find_citations("Troitskiy.", bib, forms=forms)] == ["short"]
    assert cited("Casier 2018", find_citations("Casier 2018", bib, forms=forms)) == [
        ("Casier 2018", ["k01"], "resolved", "")]


# ---------------------------------------------------------------- documents, addresses, organisations


def test_documents_by_title_and_year(bib):
    forms = alone(Documents(bib))
    text = "Foreign Policy Concept of the Russian Federation (approved on November 30, 2016), pp. 4–5"
    assert cited(text, find_citations(text, bib, forms=forms)) == [(text, ["k25"], "resolved", "pp. 4–5")]
    text = "The Foreign Policy Concept of the Russian Federation of 2013."
    assert [c.keys for c in find_citations(text, bib, forms=forms)] == [["k26"]]
    assert find_citations("The Foreign Policy Concept of the Russian Federation.", bib, forms=forms) == []


def test_addresses(bib):
    forms = alone(Urls(bib))
    text = "Overview at: https://NATO.int/cps/en/natolive/topics_50090.htm."
    assert cited(text, find_citations(text, bib, forms=forms)) == [
        ("https://NATO.int/cps/en/natolive/topics_50090.htm", ["k27"], "resolved", "")]
    assert find_citations("See www.example.org/nothing.", bib, forms=forms) == []
    assert normal_url(" https://www.Example.org/a/ ") == "example.org/a"


def test_organisations(bib):
    forms = alone(Organisations(bib))
    text = "UN Security Council, Resolution 1244 (1999), para. 3."
    assert cited(text, find_citations(text, bib, forms=forms)) == [(text[:-1], ["k20"], "resolved", "para. 3")]
    assert cited("Tass, 3 November 2019", find_citations("Tass, 3 November 2019", bib, forms=forms)) == [
        ("Tass, 3 November 2019", ["k18"], "resolved", "")]
    assert find_citations("Hughes argues that in 2013 Russia changed course.", bib, forms=forms) == []
    assert find_citations("As Tass reported in November 2019, …", bib, forms=forms) == []  # not at the start


# ---------------------------------------------------------------- the parts forms share


def test_lead_ins_including_cited_in():
    for text, lead in [("Quoted in Miskimmon 2017", "Quoted in "), ("Cited in Romanova 2018", "Cited in "),
                       ("See also: McGwire 1998", "See also: "), ("Compare Sakwa 2014", "Compare "),
                       ("[…] see Casier 2018", "[…] see "), ("Casier 2018", "")]:
        assert lead_in_end(text, 0, len(text)) == len(lead), text


def test_segments_of_a_note():
    text = "Clunan, pp. 50–51. See also: McGwire 1998; Sarotte 2009 ;"
    assert [text[s.start:s.end] for s in segments(text)] == ["Clunan, pp. 50–51.", "See also: McGwire 1998",
                                                             "Sarotte 2009"]
    segment = Segment.of("  Quoted in Götz 2019", 2, 21)
    assert segment.lead == 12
    folded, where = segment.folded
    assert folded == "quoted in gotz 2019"
    assert [where[folded.index(word)] for word in ("quoted", "in", "gotz", "2019")] == [0, 7, 10, 15]


def test_names_before_a_year():
    text = "See Bozo, Rey, Ludlow and Nuti 2008"
    names = names_before(text, 0, text.index(" 2008"))
    assert names.authors == ["Bozo", "Rey", "Ludlow", "Nuti"] and text[names.start:names.end] == "Bozo, Rey, Ludlow and Nuti"
    assert names_before("Gehring et al.", 0, 14).etal
    assert names_before("Drieskens and van Schaik", 0, 24).authors == ["Drieskens", "van Schaik"]
    lavrov = names_before("Foreign Minister Lavrov", 0, 23)
    assert lavrov.authors == ["Foreign Minister Lavrov"] and lavrov.dropping(2).authors == ["Lavrov"]
    assert names_before("in the paper", 0, 12) is None


def test_locators():
    text = "Romanova 2018, p. 30, note 8; more"
    assert locator_after(text, 13, len(text)) == ("p. 30, note 8", 28)
    assert locator_after("Sakwa 2014, p. 27 ff.", 10, 21) == ("p. 27 ff.", 21)
    assert locator_after("Casier 2018, as argued", 11, 22) == ("", 11)


# ---------------------------------------------------------------- the registry


def test_registry_reads_highest_priority_first():
    forms: Registry[str] = Registry()
    forms.register("low", "low", 10)
    forms.register("high", "high", 50)
    forms.register("middle", "middle", 30)
    forms.register("also-middle", "also-middle", 30)
    assert list(forms) == ["high", "middle", "also-middle", "low"]
    forms.register("lowest", "middle", 0)  # a name taken: replaced
    assert list(forms) == ["high", "also-middle", "low", "lowest"]
    forms.deregister("high")
    assert "high" not in forms and "low" in forms and len(forms) == 3 and forms["middle"] == "lowest"


def test_the_default_forms_and_their_order(bib):
    forms = citation_forms(bib)
    assert [type(form).__name__ for form in forms] == [
        "Ibid", "AuthorDate", "ShortForm", "Documents", "Urls", "Organisations", "BareSurname"]


def test_a_new_form_joins_the_registry(bib):
    """A project could cite with its own form: registered with a priority, it reads every segment in its turn."""

    class SeeAbove:
        fallback = False

        def find(self, reading: NoteReading, segment: Segment) -> None:
            at = reading.text.find("see above", segment.start, segment.end)
            if at >= 0 and not reading.overlaps(at, at + 9):
                reading.add(Citation(at, at + 9, list(reading.so_far.keys[-1:]), "", "resolved", "see above", "short"))

    forms = citation_forms(bib)
    forms.register(SeeAbove(), "see-above", 45)
    resolver = Resolver(bib, forms)
    resolver.read("Casier 2018.")
    reading = resolver.read("As in Hughes 2013 and see above.")
    assert [(c.text, c.keys) for c in reading.citations] == [("Hughes 2013", ["k11"]), ("see above", ["k01"])]


@pytest.mark.parametrize("previous, ibid, keys, status", [
    # The others follow "see also" / "cf.": they support the first, which Ibid. repeats (Chicago's reading).
    ("Casier 2018, p. 207. See also Hughes 2013; Clunan 2018.", "Ibid., p. 209.", ["k01"], "resolved"),
    ("Casier 2018, p. 207; cf. Hughes 2013.", "Ibid.", ["k01"], "resolved"),
    # Works cited side by side: Ibid. is all of them, each linked...
    ("Casier 2018; Hughes 2013.", "Ibid.", ["k01", "k11"], "resolved"),
    ("See also Casier 2018; Hughes 2013.", "Ibid.", ["k01", "k11"], "resolved"),
    # ...but a page cannot be in all of them.
    ("Casier 2018; Hughes 2013.", "Ibid., p. 4.", ["k01", "k11"], "ambiguous"),
    ("Casier 2018 and Clunan 2018. See also Hughes 2013.", "Ibid., p. 4.", ["k01", "k10", "k11"], "ambiguous"),
])
def test_ibid_after_a_note_citing_several_works(bib, previous, ibid, keys, status):
    resolver = Resolver(bib)
    resolver.read(previous)
    reading = resolver.read(ibid)
    (citation,) = reading.citations
    assert (citation.keys, citation.status) == (keys, status)
    assert len(reading.problems) == (status != "resolved")


def test_an_ibid_of_several_works_links_each(bib):
    from scholion.html.spans import apply_spans
    from scholion.bib.citations.spans import citation_spans

    resolver = Resolver(bib)
    resolver.read("Casier 2018; Hughes 2013.")
    html = apply_spans("Ibid.", citation_spans(resolver.read("Ibid.").citations, bib, "../bibliography/"))
    assert html == ('<span class="citation-several">Ibid.</span> <span class="citation-works">['
                    '<a class="citation" href="../bibliography/#k01">Casier 2018</a>; '
                    '<a class="citation" href="../bibliography/#k11">Hughes 2013</a>]</span>')
