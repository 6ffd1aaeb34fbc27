"""The MkDocs plugin: MkDocs events wired to the core library (``scholion.site``), nothing more."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from scholion.build.cache import BuildCache
from scholion.build.plan import Plan
from scholion.build.workers import Workers, usable_cpus
from scholion.mkdocs.config import ScholionConfig
from scholion.mkdocs.navigation import arrange
from scholion.pages.page import Heading
from scholion.mkdocs.search import CachedSearchIndexing

from scholion.problems import Report
from scholion.site import Settings, Site

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
STYLESHEETS = ("scholion.css", "compare.css", "annotations.css")
SCRIPTS = ("cite.js", "annotations.js")  # deferred: they add buttons and margin notes, nothing the first paint needs
OWN_PAGES_CSS = ("audit.css",)  # for the plugin's own pages outside the theme (a text's audit), linked by them alone


class ScholionPlugin(BasePlugin[ScholionConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.store: BuildCache | None = None
        self.plan: Plan | None = None
        self.site: Site | None = None
        self.search: CachedSearchIndexing | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.settings = Settings(root, self.config.sources_dir, self.config.glossary, self.config.bib_dir,
                                 self.config.topics_dir, self.config.update_anchor_lock, config.site_url)
        self.store = BuildCache(root / self.config.cache_dir if self.config.cache else None)
        search = config.plugins.get("material/search")
        self.search = CachedSearchIndexing(search, self.store) if search is not None else None
        config.watch.append(str(root / self.config.sources_dir))
        for watched in (self.config.glossary, self.config.bib_dir, self.config.topics_dir):
            if (root / watched).exists():
                config.watch.append(str(root / watched))
        # The plugin's own CSS and JavaScript (written in on_files) come before the project's, which may override them.
        config.extra_css[:0] = [f"assets/{name}" for name in STYLESHEETS]
        config.extra_javascript[:0] = [_deferred(f"assets/{name}") for name in SCRIPTS]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The cache and the workers stay here, at the edge: the site only asks its plan for what it needs.
        # The workers start for what the cache lacks, and stay until on_post_build.
        self.plan = Plan(self.store, Workers(usable_cpus()))
        self.site = Site(self.settings, self.plan, Report(warn=log.warning, inform=log.info))
        self.site.load()
        if self.site.unpublished:  # never a text that silently vanishes, strict or not
            raise PluginError(f"{len(self.site.unpublished)} text(s) could not be read and would have no page: "
                              f"{', '.join(self.site.unpublished)} (the warnings above say where and why)")
        for page in self.site.pages:
            front_matter = f"title: {json.dumps(page.title)}\n" + ("" if page.searchable else "search:\n  exclude: true\n")
            files.append(File.generated(config, page.uri, content=f"---\n{front_matter}---\n"))
        for uri, content in self.site.files.items():
            files.append(File.generated(config, uri, content=content))
        for name in (*STYLESHEETS, *SCRIPTS, *OWN_PAGES_CSS):
            if files.get_file_from_path(f"assets/{name}") is None:  # a project's own file of that name wins
                files.append(File.generated(config, f"assets/{name}", abs_src_path=str(ASSETS / name)))
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
            self.search.add(page, self.plan.workers, self.plan.html_to_index(uri))
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
        self.plan.close()
        if self.search is not None:
            self.search.finish()
        self.store.prune()

    def on_build_error(self, *, error: Exception) -> None:
        if self.plan is not None:
            self.plan.close()


def _deferred(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.defer = True
    return script


def _toc_tokens(headings: list[Heading]) -> list[dict]:
    tokens: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
