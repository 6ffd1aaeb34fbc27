"""Each text's TEI file (``/<slug>/<slug>.tei.xml``, ``scholion.tei``): valid TEI P5 (``tei_all.rng`` of
tests/data/tei_all.rng.gz), the same paragraphs, ids, notes and words as the reading page, the
extract's pages, gaps and citations where they are, contributor text escaped, and made once per text
while its inputs stay the same.

The texts come from in-process builds of the corpus and of the fixture extracts (``scholion.site``,
as the plugin drives it), each page and file as a build makes them."""
from __future__ import annotations

import copy
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from scholion.build.cache import BuildCache
from scholion.build.plan import Plan
from scholion.build.workers import Workers
from scholion.problems import Report
from scholion.site import Settings, Site
from scholion.tei.elements import Point, Reference, element, write_run
from sitebuild import ROOT

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CORPUS = ("kapoor-2021", "romano-2021")
FIXTURES = {"tests/fixtures/extracts": sorted(p.name for p in (ROOT / "tests/fixtures/extracts").iterdir() if p.is_dir()),
            "tests/fixtures/articles": sorted(p.name for p in (ROOT / "tests/fixtures/articles").iterdir() if p.is_dir())}
# What the reading page adds inside a paragraph that is not the text's: the ¶ link, the cite button, note
# markers and the comma between two, printed page marks, a retired id's anchor, an annotation's link.
PAGE_ADDITIONS = "a.para-link, button.cite-button, sup.note-marker, sup.note-sep, span.page-mark, span.retired-anchor, a.annotation-ref"
NOTE_ID = re.compile(r"n(\d+|[a-z]|star)")


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """TEI P5's tei_all (version 4.3.0, the TEI Consortium's, under BSD-2 and CC-BY: see its header),
    compiled once: it is a megabyte of RELAX NG (several seconds). Kept gzipped in tests/data: the
    one package on PyPI that ships it pins lxml to 4.x."""
    with gzip.open(Path(__file__).parent / "data" / "tei_all.rng.gz") as schema:
        return etree.RelaxNG(etree.parse(schema))


def _loaded(root: Path, sources_dir: str = "sources", store: BuildCache | None = None,
            warnings: list[str] | None = None) -> Site:
    """The corpus of ``root / sources_dir`` read as a build reads it (its anchor locks left as they are)."""
    settings = Settings(root, sources_dir=sources_dir, update_anchor_lock=False,
                        site_url="https://corpus.example.org/c/", site_name="A corpus & co", version="v2.0")
    report = Report(warn=(warnings if warnings is not None else []).append, inform=lambda message: None)
    site = Site(settings, Plan(store or BuildCache(None), Workers(1)), report)
    site.load()
    return site


def _tei_files(site: Site) -> dict[str, bytes]:
    """Slug → its TEI file, of the files a build writes beside each reading page."""
    return {path.split("/")[0]: content for files in site.files_beside_reading_pages()
            for path, content in files.items() if path.endswith(".tei.xml")}


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[bytes, str]]:
    """Slug → (its TEI file, its reading page's HTML), for the corpus and every fixture extract."""
    made = {}
    for sources_dir in ("sources", *FIXTURES):
        site = _loaded(ROOT, sources_dir)
        try:
            tei = _tei_files(site)
            for uri, text in site.texts.items():
                made[text.slug] = (tei[text.slug], site.render(uri).html)
        finally:
            site.finish()
    return made


def _tei(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _tei_words(element: etree._Element) -> str:
    """An element's words without its notes and the page numbers that stood in it (``fw``)."""
    element = copy.deepcopy(element)
    etree.strip_elements(element, "{http://www.tei-c.org/ns/1.0}note", "{http://www.tei-c.org/ns/1.0}fw", with_tail=False)
    return _normalised("".join(element.itertext()))


def _page_words(paragraph) -> str:
    paragraph = copy.copy(paragraph)
    for added in paragraph.select(PAGE_ADDITIONS):
        added.decompose()
    return _normalised(paragraph.get_text())


ALL_SLUGS = [*CORPUS, *(slug for slugs in FIXTURES.values() for slug in slugs)]


# ---------------------------------------------------------------- valid TEI


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_the_tei_of_every_text_is_valid_tei_p5(built, tei_schema, slug):
    document = _tei(built[slug][0])
    assert tei_schema.validate(document), "\n".join(f"{e.line}: {e.message}" for e in tei_schema.error_log)[:3000]
    # Every pointer within the file leads somewhere in it.
    ids = set(document.xpath("//@xml:id"))
    targets = [target for value in document.xpath("//@target") for target in value.split() if target.startswith("#")]
    assert {target[1:] for target in targets} <= ids


def test_the_validator_rejects_broken_tei(built, tei_schema):
    romano = _tei(built["romano-2021"][0])
    assert tei_schema.validate(romano)
    misplaced = copy.deepcopy(romano)  # a paragraph where the header's file description must come first
    header = misplaced.find("tei:teiHeader", NS)
    header.insert(0, copy.deepcopy(misplaced.find(".//tei:p", NS)))
    untitled = copy.deepcopy(romano)  # a title statement with no title
    title = untitled.find(".//tei:titleStmt/tei:title", NS)
    title.getparent().remove(title)
    unknown = copy.deepcopy(romano)  # an element TEI does not have
    etree.SubElement(unknown.find(".//tei:body/tei:div", NS), "{http://www.tei-c.org/ns/1.0}paragraph").text = "x"
    for broken in (misplaced, untitled, unknown):
        assert not tei_schema.validate(broken)


# ---------------------------------------------------------------- the same text as the page


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_paragraphs_and_notes_have_the_pages_ids(built, slug):
    data, html = built[slug]
    document, page = _tei(data), BeautifulSoup(html, "html.parser")
    page_paragraphs = [p["id"] for p in page.select("p.para[id]")]
    assert page_paragraphs == [p.get(XML_ID) for p in document.xpath("//tei:text//tei:p[@xml:id]", namespaces=NS)]
    assert [p.get("n") for p in document.xpath("//tei:text//tei:p[@xml:id]", namespaces=NS)] == [pid[1:] for pid in page_paragraphs]
    page_notes = sorted(element["id"] for element in page.select("div.notes [id]") if NOTE_ID.fullmatch(element["id"]))
    tei_notes = document.xpath("//tei:text//tei:note[@xml:id]", namespaces=NS)
    assert sorted(note.get(XML_ID) for note in tei_notes) == page_notes
    assert len(tei_notes) == len(page_notes)  # each note once


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_each_paragraph_has_the_words_of_the_page(built, slug):
    data, html = built[slug]
    paragraphs = {p.get(XML_ID): p for p in _tei(data).xpath("//tei:text//tei:p[@xml:id]", namespaces=NS)}
    page = BeautifulSoup(html, "html.parser")
    for shown in page.select("p.para[id]"):
        assert _tei_words(paragraphs[shown["id"]]) == _page_words(shown), shown["id"]


@pytest.mark.parametrize("slug", CORPUS)
def test_notes_stand_at_their_marker_and_say_what_the_extract_lost(built, slug):
    data, html = built[slug]
    document, page = _tei(data), BeautifulSoup(html, "html.parser")
    for marker in page.select("p.para sup.note-marker[id]"):
        note_id = marker.select_one("a")["href"][1:]
        paragraph = marker.find_parent("p")["id"]
        (note,) = document.xpath(f"//tei:note[@xml:id='{note_id}']", namespaces=NS)
        assert note.xpath("ancestor::tei:p/@xml:id", namespaces=NS) == [paragraph], note_id
    for lost in page.select("div.notes li.note-missing"):
        for note_id in [lost["id"], *(span["id"] for span in lost.select("span[id]"))]:
            (note,) = document.xpath(f"//tei:note[@xml:id='{note_id}']", namespaces=NS)
            assert [child.tag for child in note] == [f"{{{NS['tei']}}}gap"] and not (note.text or "").strip()
            assert note.find("tei:gap", NS).get("reason") == "lost"
    declared = yaml.safe_load((ROOT / "sources" / slug / "source.yml").read_text(encoding="utf-8"))["defects"]
    gaps = document.xpath("//tei:body//tei:gap[@unit='line']/tei:desc/text()", namespaces=NS)
    assert gaps == [entry["note"] for entry in declared.get("lost_lines", [])]
    assert _normalised(declared["description"]) in [_normalised(p.text) for p in document.xpath("//tei:editorialDecl/tei:p", namespaces=NS)]


def test_the_header_describes_the_original_and_this_edition(built):
    document = _tei(built["kapoor-2021"][0])
    meta = yaml.safe_load((ROOT / "sources/kapoor-2021/source.yml").read_text(encoding="utf-8"))
    assert document.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == meta["title"]
    original = document.find(".//tei:sourceDesc/tei:bibl", NS)
    assert original.findtext("tei:publisher", namespaces=NS) == meta["publisher"]
    assert original.findtext("tei:series/tei:title", namespaces=NS) == meta["series"]
    assert original.findtext("tei:series/tei:biblScope", namespaces=NS) == meta["number"]
    assert original.find("tei:date", NS).get("when") == "2021-03"
    assert [_normalised(" ".join(a.itertext())) for a in original.findall("tei:author", NS)] == meta["authors"]
    edition = document.find(".//tei:editionStmt/tei:edition", NS)
    assert "".join(edition.itertext()) == "The edition of A corpus & co, version v2.0"
    assert document.findtext(".//tei:publicationStmt/tei:idno[@type='URL']", namespaces=NS) == "https://corpus.example.org/c/kapoor-2021/"
    assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


@pytest.mark.parametrize("slug", ["romano-2021", "zielinska-albrecht-2023", "novak-pereira-2023"])
def test_citations_point_to_the_works_they_cite(built, slug):
    data, html = built[slug]
    document, page = _tei(data), BeautifulSoup(html, "html.parser")
    # The page links each resolved citation to the work's bibliography entry (its id is the bib key).
    page_links = sorted((a.get_text(), a["href"].rsplit("#", 1)[1]) for a in page.select("p.para a.citation, div.notes a.citation"))
    tei_refs = sorted(("".join(ref.itertext()), ref.get("target")[len("#bib-"):])
                      for ref in document.xpath("//tei:text//tei:ref[starts-with(@target, '#bib-')]", namespaces=NS))
    assert page_links and tei_refs == page_links
    listed = document.xpath("//tei:back//tei:bibl/@n | //tei:back//tei:listBibl[@type='references']/tei:bibl/@xml:id", namespaces=NS)
    assert {target for _, target in tei_refs} <= {key.removeprefix("bib-") for key in listed}


def test_a_form_feed_is_a_page_break_at_the_word_the_new_page_opens_with(built):
    """zielinska-albrecht-2023 prints each page's number at its foot; ``devel-`` / ``opment`` runs over a page."""
    source = (ROOT / "tests/fixtures/articles/zielinska-albrecht-2023/source.txt").read_text(encoding="utf-8")
    pages = source.split("\f")
    document = _tei(built["zielinska-albrecht-2023"][0])
    breaks = document.xpath("//tei:text//tei:pb", namespaces=NS)
    # A page of the reference list alone has no break in the body: the list is back matter.
    assert len(breaks) >= 3 and [pb.get("n") for pb in breaks] == [f"{301 + index}" for index in range(len(breaks))]
    for pb in breaks:
        pb.tail = "⟦PB⟧" + (pb.tail or "")
    for pb, page in zip(breaks[1:], pages[1:]):
        assert [line.strip() for line in page.strip().split("\n")][-1] == pb.get("n")  # the number printed at its foot
        holder = pb.getparent() if pb.getparent().tag == f"{{{NS['tei']}}}p" else pb.getnext()
        before, _, after = _tei_words(holder).partition("⟦PB⟧")
        opening = after.split()[0] if pb.get("break") != "no" else before.split()[-1] + after.split()[0]
        first_line = next(line for line in page.split("\n") if opening.rstrip(".,;:") in line.replace("-", ""))
        assert first_line, opening  # the words after the break are on the new page
    (cut,) = [pb for pb in breaks if pb.get("break") == "no"]
    before, _, after = _tei_words(cut.getparent()).partition("⟦PB⟧")
    assert before.endswith(" devel") and after.startswith("opment ")


# ---------------------------------------------------------------- contributor text


HOSTILE = "<script>window.__xss = 1</script> & \x0b]]> “x”"
WORDS = "<script>window.__xss = 1</script> & ]]> “x”"  # what is left: XML 1.0 cannot hold the vertical tab


def test_hostile_titles_annotations_and_supplements_come_out_as_words(tmp_path, tei_schema):
    shutil.copytree(ROOT / "sources/romano-2021", tmp_path / "sources/romano-2021")
    shutil.copytree(ROOT / "bib", tmp_path / "bib")
    shutil.copy(ROOT / "glossary.yml", tmp_path)
    text = tmp_path / "sources/romano-2021"
    meta = (text / "source.yml").read_text(encoding="utf-8")
    title = WORDS + " title"
    quoted_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML one
    (text / "source.yml").write_text(re.sub(r"^title: .*$", lambda _: f"title: {quoted_title}", meta, flags=re.M).replace("  - Angela Romano", '  - "Angela <b>Romano</b> & Co"'), encoding="utf-8")
    (text / "supplied_notes.yml").write_text(yaml.safe_dump([{
        "note": "56", "text": f"Supplied {HOSTILE}", "source": f"the PDF {HOSTILE}", "added_by": f"Eve {HOSTILE}"}]), encoding="utf-8")
    (text / "annotations/hostile.md").write_text(
        "---\ntarget:\n  paragraph: p1\n  exact: \"champion of multilateralism\"\n"
        f"author: {json.dumps('Mallory ' + WORDS, ensure_ascii=False)}\n"
        "date: 2024-05-01\nkind: comment\ntags: [\"<b>tag</b> & ]]>\"]\n---\n"
        "A <script>window.__xss = 1</script> body & ]]> with [a link](https://example.org/?a=1&b=2) and "
        "<img src=x onerror=alert(1)> *emphasis*.\n\n- one\n- two\n", encoding="utf-8")
    warnings: list[str] = []
    site = _loaded(tmp_path, warnings=warnings)
    try:
        data = _tei_files(site).get("romano-2021")
    finally:
        site.finish()
    assert data, warnings
    document = _tei(data)  # well-formed
    assert tei_schema.validate(document), tei_schema.error_log
    assert not document.xpath("//*[local-name()='script' or local-name()='img' or local-name()='b']")
    assert document.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == title
    assert "Angela <b>Romano</b> & Co" in [_normalised(" ".join(a.itertext())) for a in document.findall(".//tei:titleStmt/tei:author", NS)]
    (supplied,) = document.xpath("//tei:note[@xml:id='n56']/tei:supplied", namespaces=NS)
    assert "".join(supplied.itertext()).strip() == "Supplied " + WORDS
    (who,) = document.xpath(f"//tei:respStmt[@xml:id='{supplied.get('resp')[1:]}']", namespaces=NS)
    assert who.findtext("tei:name", namespaces=NS) == "Eve " + WORDS
    assert "the PDF " + WORDS in who.findtext("tei:resp", namespaces=NS)
    (annotation,) = document.xpath("//tei:annotation[@xml:id='annotation-hostile']", namespaces=NS)
    assert annotation.get("target") == "#p1"
    assert annotation.findtext("tei:respStmt/tei:name", namespaces=NS) == "Mallory " + WORDS
    assert annotation.find("tei:revisionDesc/tei:change", NS).get("when") == "2024-05-01"
    assert annotation.findtext("tei:note[@type='quote']/tei:quote", namespaces=NS) == "champion of multilateralism"
    body = annotation.find("tei:note[@type='body']", NS)
    assert "window.__xss" not in "".join(body.itertext())  # the sanitiser drops a script with its content, as on the page
    assert "body & ]]> with a link and" in _normalised("".join(body.itertext()))
    assert body.find(".//tei:ref", NS).get("target") == "https://example.org/?a=1&b=2"
    assert [item.findtext("tei:p", namespaces=NS) for item in body.findall("tei:list/tei:item", NS)] == ["one", "two"]
    assert annotation.findtext("tei:note[@type='tags']/tei:term", namespaces=NS) == "<b>tag</b> & ]]>"
    assert b"<script" not in data and b"]]>" not in data.replace(b"]]&gt;", b"")


# ---------------------------------------------------------------- the page and the build


@pytest.mark.parametrize("slug", CORPUS)
def test_about_this_edition_links_the_tei_file(built, slug):
    page = BeautifulSoup(built[slug][1], "html.parser")
    (link,) = page.select('details.edition-note a[type="application/tei+xml"]')
    assert link["href"] == f"{slug}.tei.xml"


def test_a_warm_build_takes_each_tei_file_from_the_cache(tmp_path, monkeypatch):
    import scholion.pages.text_files

    made: list[str] = []
    real = scholion.pages.text_files.tei_document

    def counted(text, *args):
        made.append(text.slug)
        return real(text, *args)

    monkeypatch.setattr(scholion.pages.text_files, "tei_document", counted)
    store = tmp_path / "cache"
    files = []
    for _ in range(2):
        site = _loaded(ROOT, store=BuildCache(store))
        files.append(_tei_files(site))
        site.finish()
    assert sorted(made) == list(CORPUS)  # the first build made each once; the second made none
    assert files[0] == files[1] and len(files[0]) == len(CORPUS)


# ---------------------------------------------------------------- runs of text


def test_points_and_references_stand_at_their_offsets():
    paragraph = element(None, "p")
    text = "See Casier 2018 here."
    write_run(paragraph, text,
              [Point(0, lambda at: element(at, "anchor", id="old")), Point(11, lambda at: element(at, "pb", n="5")),
               Point(len(text), lambda at: element(at, "note", "a note", n="1"))],
              [Reference(4, 15, "#bib-casier-2018"), Reference(10, 20, "#overlapping")])
    assert etree.tostring(paragraph, encoding="unicode").split(">", 1)[1] == (
        '<anchor xml:id="old"/>See <ref target="#bib-casier-2018">Casier <pb n="5"/>2018</ref> here.<note n="1">a note</note></p>')
