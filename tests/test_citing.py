"""Citing a text or a paragraph: the formats, the data cite.js uses, and the Highwire meta tags (the
citation styles: ``test_citation_styles.py``)."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from scholion.text.corpus import load_text
from scholion.text.printed import paragraph_pages
from scholion.bib.citing import (
    Name,
    Publication,
    bibtex,
    bibtex_key,
    citation_data,
    csl_item,
    csl_json,
    formats,
    corpus_schema_org,
    highwire_meta,
    json_ld_script_body,
    ris,
    schema_org,
    styled,
    work_from_meta,
)
from citefill import fill
from sitebuild import ROOT, SITE_NAME

SITE = "https://example.org/corpus/"
PUBLISHED = Publication(SITE)
ROMANO = {"title": "Is Russia interested in multilateralism and should the EU engage with it?",
          "authors": ["Angela Romano"], "year": 2021, "affiliation": "University of Glasgow", "language": "en"}
KAPOOR = {"title": "Russia-EU Relations: The End of a Strategic Partnership", "authors": ["Nivedita Kapoor"],
          "year": 2021, "month": "March", "publisher": "Observer Research Foundation", "series": "ORF Issue Brief",
          "number": "451", "language": "en"}


@pytest.fixture
def romano():
    return work_from_meta("romano-2021", ROMANO, PUBLISHED)


@pytest.fixture
def kapoor():
    return work_from_meta("kapoor-2021", KAPOOR, PUBLISHED)


@pytest.mark.parametrize("raw, family, given", [
    ("Angela Romano", "Romano", "Angela"),
    ("Romano, Angela", "Romano", "Angela"),
    ("Ursula von der Leyen", "von der Leyen", "Ursula"),
    ("Joan  DeBardeleben", "DeBardeleben", "Joan"),
    ("Plato", "Plato", ""),
])
def test_names(raw, family, given):
    assert Name.parse(raw) == Name(family, given)


def test_bibtex_key_folds_the_first_family_name():
    def key(author):
        return bibtex_key(work_from_meta("x", {"title": "T", "authors": [author], "year": 2020}, PUBLISHED), "3")

    assert [key(a) for a in ("Slavoj Žižek", "Jörg Müller", "Łukasz Kamieński", "Ursula von der Leyen")] == [
        "zizek2020-p3", "muller2020-p3", "kamienski2020-p3", "vonderleyen2020-p3"]


def test_bibtex(kapoor):
    text = bibtex(kapoor, "14")
    assert text.startswith("@techreport{kapoor2021-p14,\n") and text.endswith("\n}")
    assert "  author = {Kapoor, Nivedita},\n" in text
    assert "  title = {{Russia-EU Relations: The End of a Strategic Partnership}},\n" in text
    assert "  institution = {Observer Research Foundation},\n  type = {ORF Issue Brief},\n  number = {451},\n" in text
    assert "  month = mar,\n" in text
    assert "  url = {https://example.org/corpus/kapoor-2021/#p14},\n  note = {¶14},\n" in text


def test_bibtex_escapes_specials():
    work = work_from_meta("x", {"title": "Costs & 50% of {EU} $ #1 under_score", "authors": ["A B"], "year": 2020}, PUBLISHED)
    assert r"title = {{Costs \& 50\% of \{EU\} \$ \#1 under\_score}}" in bibtex(work)


def test_csl_json(romano, kapoor):
    (item,) = json.loads(csl_json(kapoor, "14"))
    assert item == csl_item(kapoor, "14")
    assert item["type"] == "report" and item["title"] == KAPOOR["title"]
    assert item["author"] == [{"family": "Kapoor", "given": "Nivedita"}]
    assert item["issued"] == {"date-parts": [[2021, 3]]}
    assert item["publisher"] == "Observer Research Foundation" and item["genre"] == "ORF Issue Brief"
    assert item["number"] == "451" and item["URL"] == "https://example.org/corpus/kapoor-2021/#p14"
    assert json.loads(csl_json(romano))[0]["issued"] == {"date-parts": [[2021]]}
    assert "container-title" not in item  # no corpus named
    in_corpus = work_from_meta("kapoor-2021", KAPOOR, Publication(SITE, "A corpus", "v1.2"))
    assert (csl_item(in_corpus)["container-title"], csl_item(in_corpus)["version"]) == ("A corpus", "v1.2")


def test_ris(kapoor):
    lines = ris(kapoor, "14").split("\n")
    assert lines[0] == "TY  - RPRT" and lines[-1] == "ER  -"
    assert "AU  - Kapoor, Nivedita" in lines and "PY  - 2021" in lines and "DA  - 2021/03//" in lines
    assert "UR  - https://example.org/corpus/kapoor-2021/#p14" in lines and "N1  - Cited: ¶14" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  -( .*)?", line) for line in lines)


def test_templates_give_the_same_citation_as_python(romano, kapoor):
    paged = work_from_meta("kapoor-2021", KAPOOR, Publication(SITE, "A corpus", "v1.2"), {"p27": "5", "p28": "5–6"})
    for work in (romano, kapoor, paged):
        data = citation_data(work, styled(work))
        for number in ("27", "28", "29"):
            for key, expected in formats(work, number, accessed=True).items():
                assert fill(data["paragraph"][key], data, number) == fill(expected, data)
        for key, expected in formats(work, accessed=True).items():
            assert fill(data["text"][key], data) == fill(expected, data)
        filled = [fill(template, data, "27") for template in data["paragraph"].values()]
        filled += [fill(template, data, "27", style=key) for key, style in data["styles"].items()
                   for template in style["paragraph"].values()]
        assert not re.search(r"\{\{[A-Z_]+\}\}", "".join(filled))


def test_a_paragraph_on_a_printed_page_is_cited_with_it_and_the_corpus_version():
    work = work_from_meta("kapoor-2021", KAPOOR, Publication(SITE, "Russia–EU Relations", "v1.2"), {"p14": "5", "p15": "5–6"})
    assert [work.locator(number) for number in ("14", "15", "16")] == ["p. 5, ¶14", "pp. 5–6, ¶15", "¶16"]
    data = citation_data(work, styled(work))
    assert fill(data["styles"]["apa"]["paragraph"]["in-text"], data, "15", style="apa") == "(Kapoor, 2021, pp. 5–6, para. 15)"
    text = bibtex(work, "14", accessed=True)
    assert "  urldate = {{{ACCESSED}}},\n  version = {v1.2},\n  note = {p. 5, ¶14},\n" in text
    item = csl_item(work, "14", accessed=True)
    assert (item["version"], item["note"], item["accessed"]) == ("v1.2", "p. 5, ¶14", {"raw": "{{ACCESSED}}"})
    lines = ris(work, "14", accessed=True).split("\n")
    assert {"Y2  - {{ACCESSED}}", "ET  - v1.2", "N1  - Cited: p. 5, ¶14"} <= set(lines)
    assert schema_org(work, SITE)["version"] == "v1.2"
    # Without a version or an access date, a citation names neither.
    unversioned = work_from_meta("kapoor-2021", KAPOOR, PUBLISHED)
    assert "version" not in "".join(formats(unversioned, "14", accessed=True).values()).lower()
    assert all("version" not in cited.accessed.lower() for cited in styled(unversioned).values())
    assert "ACCESSED" not in "".join(formats(work, "14").values())


def test_highwire_meta(kapoor):
    tags = highwire_meta(kapoor)
    assert ("citation_title", KAPOOR["title"]) in tags
    assert ("citation_publication_date", "2021/03") in tags
    assert ("citation_technical_report_institution", "Observer Research Foundation") in tags
    assert ("citation_technical_report_number", "451") in tags
    assert ("citation_public_url", "https://example.org/corpus/kapoor-2021/") in tags
    two = work_from_meta("x", {"title": "T", "authors": ["Ann Lee", "Bo Chen"], "year": 2020}, PUBLISHED)
    assert [v for k, v in highwire_meta(two) if k == "citation_author"] == ["Lee, Ann", "Chen, Bo"]


def test_relative_urls_without_site_url():
    assert work_from_meta("x", ROMANO, Publication()).url == "/x/"


# ---------------------------------------------------------------- on the built site


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["romano-2021", "kapoor-2021"])
def test_built_page_has_meta_tags_box_and_data(built_site, built_site_url, slug):
    meta = load_text(ROOT / "sources" / slug, update_lock=False).document.meta
    soup = BeautifulSoup((built_site / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    head = soup.head
    def values(name):
        return [tag["content"] for tag in head.select(f'meta[name="{name}"]')]
    assert values("citation_title") == [meta["title"]]
    assert values("citation_author") == [Name.parse(a).inverted for a in meta["authors"]]
    assert values("citation_publication_date") == (["2021/03"] if "month" in meta else ["2021"])
    institution = meta.get("publisher") or meta.get("affiliation")
    assert values("citation_technical_report_institution") == [institution]
    assert values("citation_publisher") == [institution]
    assert values("citation_public_url") == [f"{built_site_url}{slug}/"]
    assert values("citation_abstract_html_url") == [f"{built_site_url}{slug}/"]
    # "Cite this text" comes after the title block, before the text.
    box = soup.select_one("article details#cite-this-text")
    assert box.find_previous("h1") is not None and box.find_next("p", class_="para")["id"]
    work = work_from_meta(slug, meta, Publication(built_site_url, SITE_NAME),
                          paragraph_pages(load_text(ROOT / "sources" / slug, update_lock=False).document))
    cited = styled(work)
    assert box.select_one('pre[data-format="reference"]').get_text() == cited["chicago"].reference
    assert box.select_one('pre[data-format="in-text"]').get_text() == cited["chicago"].in_text
    data = json.loads(soup.select_one("div#citation-data")["data-citation"])
    assert data == citation_data(work, cited)


@pytest.mark.slow
def test_other_pages_have_no_citation_tags(built_site):
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select('meta[name^="citation_"]') == []
    assert soup.select_one("#citation-data") is None


def test_schema_org_says_what_the_text_is_and_what_it_is_part_of():
    in_corpus = Publication(SITE, "A corpus")
    kapoor, romano = (work_from_meta(slug, meta, in_corpus) for slug, meta in (("kapoor-2021", KAPOOR), ("romano-2021", ROMANO)))
    report = schema_org(kapoor, SITE)
    assert report["@type"] == "Report" and report["reportNumber"] == "451"  # a numbered brief in a series
    assert (report["headline"], report["url"], report["datePublished"]) == (KAPOOR["title"], SITE + "kapoor-2021/", "2021-03")
    assert report["author"] == [{"@type": "Person", "name": "Nivedita Kapoor"}]
    assert report["publisher"] == {"@type": "Organization", "name": "Observer Research Foundation"}
    assert report["isPartOf"] == {"@type": "Collection", "name": "A corpus", "url": SITE}
    article = schema_org(romano, SITE)
    assert article["@type"] == "ScholarlyArticle" and article["datePublished"] == "2021"
    corpus = corpus_schema_org("A corpus", SITE, [report, article])
    assert corpus["@type"] == "Collection" and [part["url"] for part in corpus["hasPart"]] == [report["url"], article["url"]]
    assert "isPartOf" not in corpus["hasPart"][0] and "@context" not in corpus["hasPart"][0]


def test_json_ld_cannot_end_its_script_element():
    hostile = {"name": "</script><script>window.__xss=1</script> <!-- & -->"}
    body = json_ld_script_body(hostile)
    assert not set("<>&") & set(body)
    assert json.loads(body) == hostile
