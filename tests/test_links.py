"""Every internal link of the built site resolves: to a file, and its #fragment to an element id.

Checked on the real ``mkdocs build --strict`` output: every ``href``/``src`` of every HTML page,
every location in the search index (a search result is a link too) and every sitemap URL.
Zero broken links is the only passing count.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitebuild import html_pages, page_url, search_records

pytestmark = pytest.mark.slow  # every link of the real site's full build

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("area", "href"), ("script", "src"), ("img", "src"),
                   ("source", "src"), ("iframe", "src"), ("form", "action"))
# Fragments Material's JavaScript handles itself rather than by element id.
SCRIPT_FRAGMENTS = {"", "__drawer"}


class Site:
    def __init__(self, root: Path, base: str) -> None:
        self.root = root
        self.base = base  # e.g. http://127.0.0.1:PORT/russia-eu-corpus/
        self.base_path = urlsplit(base).path

    def target_file(self, url: str) -> Path | None:
        """The file an absolute internal URL names, or None when nothing is there."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        rel = path[len(self.base_path):]
        candidate = self.root / rel
        if candidate.is_dir() or rel == "" or rel.endswith("/"):
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    @lru_cache(maxsize=None)
    def ids(self, page: Path) -> frozenset[str]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found = {element["id"] for element in soup.find_all(id=True)}
        found |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
        return frozenset(found)

    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        base = urlsplit(self.base)
        return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)

    def check(self, url: str) -> str | None:
        """None when ``url`` (absolute, internal) resolves, else why not."""
        target = self.target_file(url)
        if target is None:
            return "no such file"
        fragment = unquote(urlsplit(url).fragment)
        if target.suffix == ".html" and fragment not in SCRIPT_FRAGMENTS and fragment not in self.ids(target):
            return f"no element with id {fragment!r} in {target.relative_to(self.root)}"
        return None


def page_links(site: Site, page: Path) -> list[tuple[str, str]]:
    """(as written, absolute URL) for every link-like attribute of ``page``."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    here = urljoin(site.base, page_url(site.root, page).lstrip("/"))
    base_tag = soup.find("base", href=True)
    if base_tag:
        here = urljoin(here, base_tag["href"])
    links = []
    for tag, attribute in LINK_ATTRIBUTES:
        for element in soup.find_all(tag, attrs={attribute: True}):
            if tag == "link" and set(element.get("rel", [])) & {"preconnect", "dns-prefetch"}:
                continue
            raw = element[attribute].strip()
            if re.match(r"^(mailto|tel|javascript|data):", raw, re.IGNORECASE):
                continue
            links.append((raw, urljoin(here, raw)))
    return links


def test_every_internal_link_and_fragment_resolves(built_site: Path, built_site_url: str):
    site = Site(built_site, built_site_url)
    pages = html_pages(built_site)
    assert len(pages) >= 3
    broken, checked = [], 0
    for page in pages:
        for raw, url in page_links(site, page):
            if not site.is_internal(url):
                continue
            checked += 1
            problem = site.check(url)
            if problem:
                broken.append(f"{page.relative_to(built_site)}: {raw} → {problem}")
    assert checked > 500  # the reading pages alone hold hundreds of note and ¶ links
    assert broken == [], f"{len(broken)} broken internal link(s):\n" + "\n".join(broken)


def test_reading_pages_link_every_marker_and_paragraph(built_site: Path, built_site_url: str):
    """The contract links exist and resolve: a ¶ link per paragraph, a footnote-ref per marker."""
    site = Site(built_site, built_site_url)
    for slug in ("romano-2021", "kapoor-2021"):
        page = built_site / slug / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        paragraphs = soup.select("p[id^=p]")
        assert len(paragraphs) > 40
        for paragraph in paragraphs:
            if not re.fullmatch(r"p[1-9]\d*", paragraph["id"]):
                continue
            links = paragraph.select("a.para-link")
            assert links and links[-1]["href"] == f"#{paragraph['id']}", paragraph["id"]
        markers = soup.select("a.footnote-ref, a.note-ref-missing")
        assert len(markers) > 50
        for marker in markers:
            assert re.fullmatch(r"#n(\d+|[a-z]|star)", marker["href"]), marker
            assert site.check(urljoin(built_site_url, f"{slug}/{marker['href']}")) is None, marker["href"]


def test_search_index_locations_resolve(built_site: Path, built_site_url: str):
    """Every location a search result can open: each record's URL, and each heading of a hand-written page."""
    site = Site(built_site, built_site_url)
    locations = []
    for record in search_records(built_site):
        locations.append(record["url"])
        locations += [f"{record['url']}#{anchor['id']}" for anchor in record["anchors"] if anchor.get("id")]
    assert {"/romano-2021/#p14", "/romano-2021/#n55", "/glossary/#csto", "/bibliography/#hughes-2013"} <= set(locations)
    broken = [loc for loc in locations if site.check(urljoin(built_site_url, loc.lstrip("/")))]
    assert broken == []


def test_sitemap_lists_only_existing_pages(built_site: Path, built_site_url: str):
    site = Site(built_site, built_site_url)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert urljoin(built_site_url, "romano-2021/") in urls
    assert [url for url in urls if site.check(url)] == []
    # …and every page (but the 404 page and each text's audit page, a reviewer's page outside the
    # theme) is in the sitemap, so instant navigation covers it.
    pages = {urljoin(built_site_url, page_url(built_site, page).lstrip("/")) for page in html_pages(built_site)}
    audits = {urljoin(built_site_url, f"{slug}/audit.html") for slug in ("kapoor-2021", "romano-2021")}
    assert pages - set(urls) == {urljoin(built_site_url, "404.html"), *audits}
