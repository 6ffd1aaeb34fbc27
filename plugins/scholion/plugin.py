"""The MkDocs plugin: MkDocs events wired to the core library, nothing more."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .enrich import Combined
from .corpus import SourceText, TextCache, render_text_page, source_dirs, summary_line

log = get_plugin_logger(__name__)


class ScholionConfig(Config):
    sources_dir = c.Type(str, default="sources")
    update_anchor_lock = c.Type(bool, default=True)


class ScholionPlugin(BasePlugin[ScholionConfig]):
    def __init__(self) -> None:
        self.cache = TextCache()
        self.texts: dict[str, SourceText] = {}  # page src_uri → text

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        config.watch.append(str(self.root / self.config.sources_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.texts = {}
        for source_dir in source_dirs(self.root / self.config.sources_dir):
            text = self.cache.load(source_dir, update_lock=self.config.update_anchor_lock)
            for problem in text.problems:
                log.warning(str(problem))
            if not text.document.meta:
                continue
            log.info(summary_line(text))
            uri = f"{text.slug}/index.md"
            files.append(File.generated(config, uri, content=f"---\ntitle: {json.dumps(text.title)}\n---\n"))
            self.texts[uri] = text
        return files

    def enrichers_for(self, text: SourceText) -> list:
        """One enricher per feature; each adds its links or asides to the reading page."""
        return []

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A generated page sits alone in its folder: list it under its own title, not the folder's.
        for index, item in enumerate(nav.items):
            if isinstance(item, Section) and len(item.children) == 1 and item.children[0].file.src_uri in self.texts:
                page = item.children[0]
                page.parent = None
                page.title = self.texts[page.file.src_uri].title
                nav.items[index] = page
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        text = self.texts.get(page.file.src_uri)
        if text is None:
            return html
        rendered = render_text_page(text, Combined(*self.enrichers_for(text)))
        page.toc = get_toc(_toc_tokens(rendered.headings))
        return rendered.html


def _toc_tokens(headings) -> list[dict]:
    tokens: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
