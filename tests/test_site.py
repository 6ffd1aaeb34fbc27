"""The core's build of the corpus (scholion.site), without MkDocs."""
from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup
from sitebuild import copy_project

from scholion.build.cache import BuildCache
from scholion.build.plan import Plan
from scholion.build.workers import Workers
from scholion.problems import Report
from scholion.site import Settings, Site


def _site(root, store=None) -> tuple[Site, list[str], list[str]]:
    warnings, notices = [], []
    site = Site(Settings(root, site_url="https://example.org/corpus/"), Plan(store or BuildCache(None), Workers(1)),
                Report(warn=warnings.append, inform=notices.append))
    return site, warnings, notices


def test_the_core_imports_no_mkdocs():
    code = "import sys, scholion.site; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.strip() == "[]"


def test_the_corpus_lists_its_pages_and_renders_each(tmp_path):
    project = copy_project(tmp_path / "project")
    site, warnings, notices = _site(project)
    site.load()
    try:
        uris = [page.uri for page in site.pages]
        # Pages about the corpus first, reading pages last (MkDocs renders them in this order).
        assert uris[:2] == ["texts/index.md", "annotations/index.md"]
        assert uris[-2:] == ["kapoor-2021/index.md", "romano-2021/index.md"]
        assert {"bibliography/index.md", "glossary/index.md", "compare/index.md", "compare/overview/index.md"} <= set(uris)
        # Search locations: each paragraph and note, each glossary and bibliography entry; no comparison quotes them again.
        urls = [record.url for record in site.search_records()]
        assert {"/romano-2021/#p14", "/romano-2021/#n55", "/glossary/#csto", "/bibliography/#hughes-2013"} <= set(urls)
        assert len(urls) == len(set(urls)) and not [url for url in urls if url.startswith("/compare/")]
        romano = site.texts["romano-2021/index.md"].document
        assert len([url for url in urls if url.startswith("/romano-2021/#p")]) == len(romano.paragraphs)
        assert set(site.files) == ({"schemas/annotation.schema.json", "annotations/annotations.jsonld",
                                    "kapoor-2021/annotations.jsonld", "romano-2021/annotations.jsonld"}
                                   | {f"bibliography/{p.name}" for p in (project / "bib").glob("*.bib")})
        beside = [files for files in site.files_beside_reading_pages()]
        assert [set(files) for files in beside] == [
            {f"{slug}/audit.html", *(f"{slug}/{slug}.{suffix}" for suffix in ("bib", "ris", "json", "tei.xml"))}
            for slug in ("kapoor-2021", "romano-2021")]
        assert "<td>running head or footer</td>" in beside[1]["romano-2021/audit.html"].decode()
        assert warnings == []
        assert any("romano-2021" in notice and "citations found" in notice for notice in notices)

        romano_title = site.texts["romano-2021/index.md"].title
        reading = BeautifulSoup(site.render("romano-2021/index.md").html, "html.parser")
        assert reading.select_one("p#p1") is not None
        assert reading.select("a.footnote-ref") and reading.select('a[href^="../glossary/#"]')
        assert ("citation_title", romano_title) in site.citation_meta("romano-2021/index.md")
        assert site.citation_meta("glossary/index.md") is None
        glossary = site.render("glossary/index.md").html
        assert all(f'id="{term}"' in glossary for term in ("csto", "eaeu", "enp", "jcpoa"))
    finally:
        site.finish()
    assert site.pages == [] and site.texts == {}


def test_a_problem_in_the_corpus_is_reported_with_its_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    glossary = project / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n- term: [unclosed\n", encoding="utf-8")
    site, warnings, _ = _site(project)
    site.load()
    site.finish()
    assert len(warnings) == 1 and "glossary.yml" in warnings[0] and "line" in warnings[0]
