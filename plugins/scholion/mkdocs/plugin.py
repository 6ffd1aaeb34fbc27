"""The MkDocs plugin: MkDocs events wired to the core library (``scholion.site``), nothing more."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from scholion.build.cache import BuildCache
from scholion.mkdocs.navigation import arrange
from scholion.pages.page import Heading
from scholion.mkdocs.search import CachedSearchIndexing
from scholion.problems import Report
from scholion.site import Settings, Site

log = get_plugin_logger(__name__)


class ScholionConfig(Config):
    sources_dir = c.Type(str, default=Settings.sources_dir)
    glossary = c.Type(str, default=Settings.glossary)
    bib_dir = c.Type(str, default=Settings.bib_dir)
    topics_dir = c.Type(str, default=Settings.topics_dir)
    update_anchor_lock = c.Type(bool, default=Settings.update_anchor_lock)
    # Above this many texts the navigation lists only /texts/, not every text: each page carries
    # the whole navigation, so listing every text would make the site grow with the square of it.
    nav_texts_max = c.Type(int, default=12)
    # What is derived from each text (parsed text, citations, topic passages, glossary terms, reading
    # page, search entries), the pages about the whole corpus, the parsed .bib files (with their
    # formatted references) and glossary are kept here between builds, keyed by the contents of every
    # input and by scholion's own code; entries a build did not use are deleted after it. Safe to delete.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/scholion")


class ScholionPlugin(BasePlugin[ScholionConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.search: CachedSearchIndexing | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        settings = Settings(root, self.config.sources_dir, self.config.glossary, self.config.bib_dir,
                            self.config.topics_dir, self.config.update_anchor_lock, config.site_url)
        store = BuildCache(root / self.config.cache_dir if self.config.cache else None)
        self.site = Site(settings, store, Report(warn=log.warning, inform=log.info))
        search = config.plugins.get("material/search")
        self.search = CachedSearchIndexing(search, store) if search is not None else None
        config.watch.append(str(root / self.config.sources_dir))
        for watched in (self.config.glossary, self.config.bib_dir, self.config.topics_dir):
            if (root / watched).exists():
                config.watch.append(str(root / watched))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.site.load()
        for page in self.site.pages:
            front_matter = f"title: {json.dumps(page.title)}\n" + ("" if page.searchable else "search:\n  exclude: true\n")
            files.append(File.generated(config, page.uri, content=f"---\n{front_matter}---\n"))
        for uri, content in self.site.files.items():
            files.append(File.generated(config, uri, content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        arrange(nav, [page.uri for page in self.site.pages], {page.uri: page.title for page in self.site.pages},
                self.site.texts.keys(), self.config.nav_texts_max)
        return nav

    # Generated pages are made one at a time, just before MkDocs writes each (on_page_context), not
    # while it reads every page (on_page_content): MkDocs keeps each page's HTML until the build ends,
    # so making them early held the HTML of the whole corpus in memory at once.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return "" if page.file.src_uri in self.site.renderers else html

    @event_priority(50)  # before the search plugin indexes the page's HTML
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        uri = page.file.src_uri
        if uri not in self.site.renderers:
            return context
        rendered = self.site.render(uri)
        citation_meta = self.site.citation_meta(uri)
        if citation_meta is not None:  # Highwire citation_* tags, written by overrides/main.html
            page.meta["citation_meta"] = citation_meta
        page.content = rendered.html
        page.toc = get_toc(_toc_tokens(rendered.headings))
        if self.search is not None:
            self.search.add(page, self.site.workers, self.site.html_to_index(uri))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.site.renderers:  # written next; its HTML is not read again
            page.content = None
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Every page is written: let the corpus go, then put the new pages' search entries in the index
        (in the memory the corpus held: the build's peak is Material's writing of that index)."""
        self.site.finish()
        if self.search is not None:
            self.search.finish()
        self.site.store.prune()

    def on_build_error(self, *, error: Exception) -> None:
        if self.site is not None:
            self.site.close()


def _toc_tokens(headings: list[Heading]) -> list[dict]:
    tokens: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
