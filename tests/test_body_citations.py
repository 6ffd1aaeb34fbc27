"""Author–date citations in running text (scholion.bib.citations.body) and what the site makes of them.

Shapes and look-alikes on sentences of our own; the four fictional articles of tests/fixtures/articles
against their hand-checked truth; a property test over generated bibliographies and sentences.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholion.bib.citing import Publication
from scholion.bib.bibtex import load_bibliography
from scholion.bib.citations.body import read_running_text
from scholion.bib.citations.model import Citation
from scholion.bib.citations.names import is_name_word
from scholion.bib.entries import Bibliography
from scholion.bib.references import BodyParagraph, cite_running_text, cite_text
from scholion.text.ingest import load_document

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

BIB = r"""
@book{casier, author = {Casier, Tom}, title = {Russia and the EU}, year = {2018}}
@book{sakwa, author = {Sakwa, Richard}, title = {Russia against the Rest}, year = {2017}}
@book{haukkala, author = {Haukkala, Hiski}, title = {The EU-Russia Strategic Partnership}, year = {2010}}
@article{romanova-a, author = {Romanova, Tatiana}, title = {Sanctions}, year = {2018}, yearsuffix = {a}}
@article{romanova-b, author = {Romanova, Tatiana}, title = {Normative power}, year = {2018}, yearsuffix = {b}}
@article{dogan-1, author = {Doğan, Mert}, title = {Water rules}, year = {2018}}
@article{dogan-2, author = {Doğan, Mert}, title = {Councils}, year = {2018}}
@article{reyes, author = {Reyes, Ana and Kim, Bo and Lund, Cy and Moss, Di}, title = {Basins}, year = {2020}}
@article{morse, author = {Morse, Julia and Keohane, Robert}, title = {Contested multilateralism}, year = {2014}}
@article{gehring, author = {Gehring, Thomas and Urbanski, Kevin and Oberthür, Sebastian}, title = {Order}, year = {2017}}
@report{ec, author = {{European Commission}}, title = {Guidance}, year = {2016}}
@report{wb, author = {{World Bank}}, title = {Water}, year = {2019}}
@report{iea, author = {{International Energy Agency}}, shortauthor = {IEA}, title = {Coal}, year = {2021}}
@report{oecd, author = {{OECD (Organisation for Economic Co-operation and Development)}}, title = {Trade}, year = {2019}}
@article{sandberg, author = {Sandberg, Linnea}, title = {Certificates}, year = {2016}}
@article{hughes-1, author = {Hughes, James}, title = {One}, year = {2013}}
@article{hughes-2, author = {Hughes, Jo}, title = {Two}, year = {2013}, yearsuffix = {}}
@article{vandenberg, author = {van den Berg, Ria}, title = {Dutch}, year = {2012}}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory) -> Bibliography:
    path = tmp_path_factory.mktemp("bib") / "body.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded, problems = load_bibliography([path])
    assert problems == []
    return loaded


def found(text: str, bib: Bibliography) -> list[tuple[str, list[str], str, str]]:
    """Each citation as (its words, its keys, its status, its locator)."""
    return [(text[c.start:c.end], c.keys, c.status, c.locator) for c in read_running_text(text, bib).citations]


# ---------------------------------------------------------------- shapes


@pytest.mark.parametrize("text, expected", [
    # parenthetical, with every locator
    ("Trust eroded after the crisis (Casier 2018, p. 207).", [("Casier 2018, p. 207", ["casier"], "resolved", "p. 207")]),
    ("Trust eroded after the crisis (Casier 2018: 207).", [("Casier 2018: 207", ["casier"], "resolved", "207")]),
    ("Trust eroded (Casier, 2018, pp. 20–21) in those years.", [("Casier, 2018, pp. 20–21", ["casier"], "resolved", "pp. 20–21")]),
    ("Trust eroded (Casier 2018, 207) in those years.", [("Casier 2018, 207", ["casier"], "resolved", "207")]),
    ("A long debate (Haukkala 2010, 160–62) preceded it.", [("Haukkala 2010, 160–62", ["haukkala"], "resolved", "160–62")]),
    ("A long debate (Haukkala 2010: 61) preceded it.", [("Haukkala 2010: 61", ["haukkala"], "resolved", "61")]),
    # lists, suffixes, one author with several years
    ("Both views persist (Romanova 2018a; Haukkala 2010).",
     [("Romanova 2018a", ["romanova-a"], "resolved", ""), ("Haukkala 2010", ["haukkala"], "resolved", "")]),
    ("The courts disagreed (Doğan 2018a, 2018b).",
     [("Doğan 2018a", ["dogan-1"], "resolved", ""), ("2018b", ["dogan-2"], "resolved", "")]),
    ("The courts disagreed (Romanova 2018b, 12; Casier 2018: 3–4).",
     [("Romanova 2018b, 12", ["romanova-b"], "resolved", "12"), ("Casier 2018: 3–4", ["casier"], "resolved", "3–4")]),
    # narrative and possessive
    ("Sakwa (2017) argues the opposite.", [("Sakwa (2017)", ["sakwa"], "resolved", "")]),
    ("Sakwa's (2017) view is darker.", [("Sakwa's (2017)", ["sakwa"], "resolved", "")]),
    ("We follow Sakwa’s (2017, 45) reading.", [("Sakwa’s (2017, 45)", ["sakwa"], "resolved", "45")]),
    ("Reyes et al.’s (2020) survey is larger.", [("Reyes et al.’s (2020)", ["reyes"], "resolved", "")]),
    ("Reyes et al. (2020, p. 9) disagree.", [("Reyes et al. (2020, p. 9)", ["reyes"], "resolved", "p. 9")]),
    ("Doğan (2018a, 2018b) studied both.", [("Doğan (2018a", ["dogan-1"], "resolved", ""), ("2018b", ["dogan-2"], "resolved", "")]),
    # et al. (also split across a line), two and three authors
    ("Panels show it (Reyes et al. 2020, 151).", [("Reyes et al. 2020, 151", ["reyes"], "resolved", "151")]),
    ("Panels show it (Reyes et\nal., 2020).", [("Reyes et\nal., 2020", ["reyes"], "resolved", "")]),
    ("Panels show it (Gehring et al. 2017).", [("Gehring et al. 2017", ["gehring"], "resolved", "")]),
    ("Forums multiply (Morse and Keohane 2014).", [("Morse and Keohane 2014", ["morse"], "resolved", "")]),
    ("Forums multiply (Morse & Keohane, 2014, p. 387).", [("Morse & Keohane, 2014, p. 387", ["morse"], "resolved", "p. 387")]),
    ("Morse and Keohane (2014) call it contested.", [("Morse and Keohane (2014)", ["morse"], "resolved", "")]),
    ("Orders overlap (Gehring, Urbanski, and Oberthür 2017, 84).",
     [("Gehring, Urbanski, and Oberthür 2017, 84", ["gehring"], "resolved", "84")]),
    ("Orders overlap (Gehring, Urbanski & Oberthür, 2017).", [("Gehring, Urbanski & Oberthür, 2017", ["gehring"], "resolved", "")]),
    # lead-ins
    ("Others disagree (see Sakwa 2017).", [("Sakwa 2017", ["sakwa"], "resolved", "")]),
    ("Others disagree (see also Sakwa 2017, 12).", [("Sakwa 2017, 12", ["sakwa"], "resolved", "12")]),
    ("Others disagree (cf. Sakwa 2017).", [("Sakwa 2017", ["sakwa"], "resolved", "")]),
    ("Others disagree (e.g., Sakwa 2017; Casier 2018).",
     [("Sakwa 2017", ["sakwa"], "resolved", ""), ("Casier 2018", ["casier"], "resolved", "")]),
    ("Others disagree (e.g. Sakwa 2017).", [("Sakwa 2017", ["sakwa"], "resolved", "")]),
    # corporate authors and abbreviations the entry defines
    ("Rules were eased (European Commission 2016, 9–11).", [("European Commission 2016, 9–11", ["ec"], "resolved", "9–11")]),
    ("The World Bank (2019) has said so.", [("World Bank (2019)", ["wb"], "resolved", "")]),
    ("Coal regions shrink (IEA 2021, 45).", [("IEA 2021, 45", ["iea"], "resolved", "45")]),
    ("As the IEA (2021) argues, they shrink.", [("IEA (2021)", ["iea"], "resolved", "")]),
    ("Coal regions shrink (International Energy Agency, 2021).", [("International Energy Agency, 2021", ["iea"], "resolved", "")]),
    ("Trade grows (OECD 2019) and shrinks (Organisation for Economic Co-operation and Development 2019).",
     [("OECD 2019", ["oecd"], "resolved", ""), ("Organisation for Economic Co-operation and Development 2019", ["oecd"], "resolved", "")]),
    # particles
    ("As van den Berg (2012) shows, it is Dutch.", [("van den Berg (2012)", ["vandenberg"], "resolved", "")]),
    # a block quote that ends in its citation
    ("A preference for the firm that can afford a clerk. (Sandberg 2016, 6)", [("Sandberg 2016, 6", ["sandberg"], "resolved", "6")]),
])
def test_citation_shapes(bib, text, expected):
    assert found(text, bib) == expected


def test_a_year_without_suffix_of_two_works_is_ambiguous(bib):
    (citation,) = read_running_text("Water law changed (Doğan 2018).", bib).citations
    assert citation.status == "ambiguous" and sorted(citation.keys) == ["dogan-1", "dogan-2"]
    reading = read_running_text("Hughes (2013) is cited.", bib)
    assert reading.citations[0].status == "ambiguous" and "several works" in reading.problems[0][1]


@pytest.mark.parametrize("text, cited", [
    ("Nobody agreed (Bramble 2011, p. 4).", "Bramble 2011, p. 4"),
    ("Bramble (2011) disagreed.", "Bramble (2011)"),
    ("Bramble’s (2011) view differs.", "Bramble’s (2011)"),
    ("Bramble and Thorn (2011) disagreed.", "Bramble and Thorn (2011)"),
    ("Nobody agreed (see also Bramble et al. 2011).", "Bramble et al. 2011"),
    ("Sakwa (2015) is not in the bibliography.", "Sakwa (2015)"),  # a known author, an unknown year
])
def test_an_author_year_shape_with_no_entry_is_unresolved(bib, text, cited):
    reading = read_running_text(text, bib)
    assert [(c.text, c.status, c.keys) for c in reading.citations] == [(cited, "unresolved", [])]
    assert "has no entry in bib/" in reading.problems[0][1]


# ---------------------------------------------------------------- look-alikes


@pytest.mark.parametrize("text", [
    "Since the enlargement (2004) the corridor has grown.",
    "After the bridge opened (2000) traffic doubled.",
    "A minority of trade (28.6%) uses the preference.",
    "We surveyed 412 firms (n = 412) in four countries.",
    "Earlier series for the period (2014–2019) use another classification.",
    "The figures are in a table (Table 2) and a figure (Figure 3).",
    "This is discussed below (see Section 3).",
    "The fund holds a large sum (EUR 4.2 billion) for the region.",
    "The loan (USD 38 million, 2019) was repaid.",
    "The corridor’s Trade Strategy 2030 lists simplification as a goal.",
    "The plan (Vision 2040) promises monitoring.",
    "It was signed (Brussels, 17 February 2021) by both.",
    "The interviewee was clear (Interview 23, farmer, March 2020).",
    "When it was introduced, in 2016 Sandberg moved her survey onto the new system.",
    "Sandberg 2016 is not cited outside parentheses in running text.",
    "The annexation of Crimea (2014) changed everything.",
    "The Orange Revolution (2004) came first.",
    "Regulation COM(2016) 123 final was adopted.",
    "The Treaty of Lisbon (2007) entered into force later.",
    "The meetings continued (in 2016 and 2017) in Vienna.",
    "The negotiations (2016, 2017) failed.",
    "Prices rose (from 2015 to 2018) in every region.",
])
def test_look_alikes_are_not_citations(bib, text):
    assert found(text, bib) == []


def test_a_known_surname_beside_a_year_outside_a_citation_shape_is_not_cited(bib):
    text = "In 2016 Sandberg moved her survey online and found no change (Sandberg 2016, p. 217)."
    assert found(text, bib) == [("Sandberg 2016, p. 217", ["sandberg"], "resolved", "p. 217")]


# ---------------------------------------------------------------- the fictional articles against their truth


def _page_free(locator: str) -> str | None:
    """A locator as truth.yml writes it: the page or pages without ``p.``/``pp.``."""
    return re.sub(r"^pp?\.\s*", "", locator) or None


def _body_before_references(folder: Path, reference_heading: str) -> list[str]:
    """The texts of the body blocks above the reference list (how the list itself is read is not tested here)."""
    texts = []
    for block in load_document(folder).blocks:
        if block.kind == "heading" and block.text.strip() == reference_heading:
            break
        if block.is_body:
            texts.append(block.text)
    return texts


@pytest.mark.parametrize("slug", sorted(p.name for p in ARTICLES.iterdir() if p.is_dir()))
def test_article_citations_match_their_truth(slug):
    """Every truth citation is found where its text stands, resolved to exactly its works with its locators;
    nothing else is found (so nothing inside a planted look-alike either)."""
    folder = ARTICLES / slug
    truth = yaml.safe_load((folder / "truth.yml").read_text(encoding="utf-8"))
    bib, problems = load_bibliography([folder / "expected.bib"])
    assert problems == []
    blocks = [(text, read_running_text(text, bib).citations) for text in _body_before_references(folder, truth["reference_heading"])]
    claimed: set[tuple[int, int]] = set()
    block, offset, right = 0, 0, []
    for expected in truth["citations"]:  # in reading order: each is looked for after the one before
        while block < len(blocks) and blocks[block][0].find(expected["text"], offset) < 0:
            block, offset = block + 1, 0
        assert block < len(blocks), f"{expected['text']!r} is not in the body as read"
        start = blocks[block][0].find(expected["text"], offset)
        offset = start + len(expected["text"])
        inside = [c for c in blocks[block][1] if start <= c.start and c.end <= offset]
        claimed.update((block, c.start) for c in inside)
        got = [(c.keys, _page_free(c.locator), c.status) for c in inside]
        if got == [([work], locator, "resolved") for work, locator in zip(expected["works"], expected["locators"])]:
            right.append(expected["text"])
    extra = [c.text for index, (_, citations) in enumerate(blocks) for c in citations if (index, c.start) not in claimed]
    assert extra == []
    assert len(right) == len(truth["citations"])  # the bar is 98%; every one is read today
    look_alikes = [text for text in truth["not_citations"]]
    for text, citations in blocks:
        for look_alike in look_alikes:
            where = text.find(look_alike)
            assert where < 0 or not any(where < c.end and c.start < where + len(look_alike) for c in citations)


# ---------------------------------------------------------------- counts and problems


def test_counts_and_problems_of_a_text(bib, tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("Title\n\nTrust eroded (Casier 2018, p. 207), as Sakwa\n(2017) and Bramble (2011)\n"
                      "argued (Doğan 2018).\n", encoding="utf-8")
    body = [BodyParagraph("p1", "Trust eroded (Casier 2018, p. 207), as Sakwa (2017) and Bramble (2011) argued (Doğan 2018).",
                          (3, 4, 5))]
    citations = cite_text([], bib, source, body)
    stats = citations.body_stats
    assert (stats.found, stats.resolved, stats.ambiguous, stats.unresolved) == (4, 2, 1, 1)
    assert citations.keys == ["casier", "sakwa"]
    (unresolved,) = [p for p in citations.problems if p.code == "citation.unresolved"]
    assert unresolved.file == source and unresolved.line == 4 and unresolved.severity == "warning"
    assert "¶1" in unresolved.message and "Bramble (2011)" in unresolved.message
    (ambiguous,) = [p for p in citations.problems if p.code == "citation.ambiguous"]
    assert ambiguous.line == 5


def test_a_text_that_cites_in_its_notes_has_places_and_dates_in_its_body(bib, tmp_path):
    """Romano 2021's "(Afghanistan 1979)": a text whose notes cite and whose body resolves nothing does not cite
    in its body; such shapes there are notices, not linked."""
    body = [BodyParagraph("p4", "Soviet violations of territorial integrity (Afghanistan 1979) and more.", (9,))]
    by_paragraph, problems = cite_running_text(body, bib, tmp_path / "source.txt", cites_in_notes=True)
    assert by_paragraph == {"p4": []}
    assert [(p.code, p.severity, p.line) for p in problems] == [("citation.doubtful", "info", 9)]
    # The same text with one citation resolved in its body cites there: the unknown one is a warning.
    body.append(BodyParagraph("p5", "As Sakwa (2017) argues.", (11,)))
    by_paragraph, problems = cite_running_text(body, bib, tmp_path / "source.txt", cites_in_notes=True)
    assert [c.status for c in by_paragraph["p4"]] == ["unresolved"]
    assert [(p.code, p.severity) for p in problems] == [("citation.unresolved", "warning")]


# ---------------------------------------------------------------- generated bibliographies and sentences

# Surnames that are not also the capitalised words names are told apart from ("Mar", "See", "Table").
_SURNAMES = st.text(alphabet="abcdefghijklmnoprstuvwyzäöüéç", min_size=3, max_size=9).map(
    lambda s: s[0].upper() + s[1:]).filter(is_name_word)
_CONNECTIVES = ["Trust eroded", "The agreement held", "Firms rarely claimed it", "Prices fell"]


@st.composite
def _bibliography_and_cases(draw):
    """A bibliography of 2–6 works with distinct first authors, and for each a citation in a random shape."""
    firsts = draw(st.lists(_SURNAMES, min_size=2, max_size=6, unique_by=str.lower))
    works = []
    for first in firsts:
        coauthors = draw(st.lists(_SURNAMES.filter(lambda s, f=first: s.lower() != f.lower()), max_size=3, unique_by=str.lower))
        year = str(draw(st.integers(1950, 2024)))
        works.append(([first, *coauthors], year))
    cases = []
    for index, (authors, year) in enumerate(works):
        shape = draw(st.sampled_from(["paren", "paren-comma", "narrative", "possessive", "lead-in"]))
        page = draw(st.sampled_from(["", "p. {n}", "pp. {n}–{m}", "{n}", "{n}–{m}"]))
        n = draw(st.integers(1, 600))
        locator = page.format(n=n, m=n + draw(st.integers(1, 30)))
        separator = draw(st.sampled_from([", ", ": "])) if locator and not locator.startswith("p") else ", "
        if len(authors) >= 3:
            names = f"{authors[0]} et al."
        elif len(authors) == 2:
            names = f"{authors[0]} {draw(st.sampled_from(['and', '&']))} {authors[1]}"
        else:
            names = authors[0]
        after = f"{separator}{locator}" if locator else ""
        if shape == "paren":
            cited = f"({names} {year}{after})"
        elif shape == "paren-comma":
            cited = f"({names}, {year}{after})"
        elif shape == "lead-in":
            cited = f"({draw(st.sampled_from(['see', 'see also', 'cf.', 'e.g.', 'e.g.,']))} {names} {year}{after})"
        elif shape == "narrative":
            cited = f"{names} ({year}{after})"
        else:
            cited = f"{names}’s ({year}{after})"
        sentence = f"{draw(st.sampled_from(_CONNECTIVES))} {cited} in that period." if shape != "narrative" \
            and shape != "possessive" else f"As {cited} shows, it held."
        cases.append((sentence, f"w{index}", locator))
    look_alike = draw(st.sampled_from([
        "the enlargement ({y})", "the period ({y}–{z})", "a share ({p}.{q}%)", "a sample (n = {p})", "(Table {p})",
        "(see Section {p})", "(USD {p} million)", "the {S} Strategy {y}", "in {y} {A} moved", "(March {y})",
        "the {S} Plan ({y})", "a sum (EUR {p}.{q} billion)"]))
    filled = look_alike.format(y=works[0][1], z=int(works[0][1]) + 3, p=draw(st.integers(2, 99)), q=draw(st.integers(0, 9)),
                               S=draw(_SURNAMES), A=works[0][0][0])
    return works, cases, filled


def _generated_bib(works, tmp_path: Path) -> Bibliography:
    entries = "\n".join(f"@article{{w{index}, author = {{{' and '.join(authors)}}}, title = {{Work {index}}}, year = {{{year}}}}}"
                        for index, (authors, year) in enumerate(works))
    path = tmp_path / "generated.bib"
    path.write_text(entries, encoding="utf-8")
    bib, problems = load_bibliography([path])
    assert problems == []
    return bib


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_bibliography_and_cases())
def test_generated_citations_are_found_and_look_alikes_are_not(tmp_path, generated):
    works, cases, look_alike = generated
    bib = _generated_bib(works, tmp_path)
    for sentence, key, locator in cases:
        citations: list[Citation] = read_running_text(sentence, bib).citations
        assert [(c.keys, c.status, _page_free(c.locator)) for c in citations] == [([key], "resolved", _page_free(locator))], sentence
    assert read_running_text(f"It began with {look_alike} and went on.", bib).citations == []


# ---------------------------------------------------------------- on the page


def _article_page(tmp_path: Path, bib_text: str, glossary_yaml: str = ""):
    """The reading page of vaara-okafor-2022 with ``bib_text`` as its bibliography, and its citations."""
    import shutil

    from scholion.annotations.anchoring import Anchoring
    from scholion.bib.references import body_paragraphs
    from scholion.glossary.loading import parse_glossary
    from scholion.pages.reading import render_reading_page
    from scholion.text.corpus import parse_text

    folder = tmp_path / "vaara-okafor-2022"
    shutil.copytree(ARTICLES / "vaara-okafor-2022", folder)
    (tmp_path / "a.bib").write_text(bib_text, encoding="utf-8")
    bib, _ = load_bibliography([tmp_path / "a.bib"])
    glossary, problems = parse_glossary(glossary_yaml or "[]", tmp_path / "glossary.yml")
    assert problems == []
    text = parse_text(folder)
    citations = cite_text(text.document.notes.values(), bib, folder / "source.txt", body_paragraphs(text.document))
    page = render_reading_page(text, glossary, citations, bib, Anchoring(), Publication())
    return text, citations, bib, BeautifulSoup(page.html, "html.parser")


def test_body_citations_link_to_the_bibliography_with_the_reference_as_tooltip(tmp_path):
    bib_text = (ARTICLES / "vaara-okafor-2022" / "expected.bib").read_text(encoding="utf-8").replace(
        "Certificates and Trust at the Baltic Border", 'Certificates <img src=x onerror="alert(1)"> & Trust')
    glossary = "- term: OECD\n  expansion: Organisation for Economic Co-operation and Development\n  definition: A club.\n" \
               "- term: cumulation\n  expansion: cumulation of origin\n  definition: Counting inputs.\n"
    text, citations, bib, soup = _article_page(tmp_path, bib_text, glossary)
    links = soup.select("p[id] a.citation")
    assert len(links) == citations.body_stats.resolved == 37  # the works of its 30 citations in truth.yml
    assert {a["href"].split("#")[0] for a in links} == {"../bibliography/"}
    assert {a["href"].split("#")[1] for a in links} == set(bib.entries) - {"wojcik-2013"}  # the one work never cited
    sandberg = soup.select_one('p[id] a.citation[href$="#sandberg-2016"]')
    assert sandberg.get_text() == "Sandberg 2016, 207"
    # The reference, escaped twice for Material's tooltips (which read the title back as HTML): no tag gets through.
    assert sandberg["title"].startswith("Sandberg, Linnea. 2016. “Certificates &lt;img ")
    assert soup.select("img") == [] and "onerror=\"alert" not in str(soup)
    # A citation in a block quote, and the paragraph ids and glossary links beside the citations.
    assert soup.select_one('blockquote a.citation[href$="#rautio-2020"]') is not None
    assert all(re.fullmatch(r"p\d+", p["id"]) for p in soup.select("p[id^=p]"))
    assert soup.select("a.citation a, a.citation .glossary-term") == []  # no link inside a citation link
    assert len(soup.select("p[id] [class*=glossary]")) >= 2


def test_the_bibliography_links_back_to_the_paragraphs_citing_a_work(tmp_path):
    from scholion.bib.references import cited_by
    from scholion.pages.bibliography import render_bibliography_page

    text, citations, bib, _ = _article_page(tmp_path, (ARTICLES / "vaara-okafor-2022" / "expected.bib").read_text(encoding="utf-8"))
    places = cited_by([(text.document, citations)])
    sandberg = places["sandberg-2016"]
    assert [place.label for place in sandberg] == ["", "", "", ""]
    paragraphs = [place.paragraph for place in sandberg]
    assert all(re.fullmatch(r"p\d+", p) for p in paragraphs)
    soup = BeautifulSoup(render_bibliography_page(bib, places), "html.parser")
    links = soup.select("#sandberg-2016 .bib-cited-in a")
    assert [a["href"] for a in links] == [f"../vaara-okafor-2022/#{p}" for p in paragraphs]
    assert links[0].get_text() == f"Vaara and Okafor 2022, ¶{paragraphs[0][1:]}"


# ---------------------------------------------------------------- what bib data a citation is matched by


def test_the_names_and_year_letters_an_entry_is_cited_by(tmp_path):
    path = tmp_path / "n.bib"
    path.write_text(r"""
@report{iea, author = {{International Energy Agency}}, shortauthor = {IEA}, year = {2021}}
@report{unhcr, author = {{UNHCR (United Nations High Commissioner for Refugees)}}, year = {2019}}
@article{first, author = {Fontaine, C.}, title = {Telework and the border}, year = {2018}}
@article{second, author = {Fontaine, C.}, title = {Closed borders}, year = {2018}}
@article{lettered, author = {Lund, S.}, year = {2014}, yearsuffix = {b}}
@article{plain, author = {Lund, S.}, year = {2014}}
""", encoding="utf-8")
    bib, problems = load_bibliography([path])
    assert problems == []
    assert bib.entries["iea"].cited_names == [("international energy agency",), ("iea",)]
    assert [e.key for e in bib.find(["IEA"], "2021")] == ["iea"]
    assert [e.key for e in bib.find(["UNHCR"], "2019")] == [e.key for e in bib.find(["United Nations High Commissioner for Refugees"], "2019")] == ["unhcr"]
    # Two works of one author and year, neither with a letter: a and b in the order of bib/ (of the reference
    # list they were copied from), whatever their titles.
    assert [e.key for e in bib.find(["Fontaine"], "2018", "a")] == ["first"]
    assert [e.key for e in bib.find(["Fontaine"], "2018", "b")] == ["second"]
    assert sorted(e.key for e in bib.find(["Fontaine"], "2018")) == ["first", "second"]
    # Where one has its letter, the other has none to be given.
    assert [e.key for e in bib.find(["Lund"], "2014", "b")] == ["lettered"]
    assert [e.key for e in bib.find(["Lund"], "2014", "a")] == []
