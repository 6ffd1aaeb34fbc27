"""The MkDocs plugin: MkDocs events wired to the core library (``scholion.site``), nothing more."""
from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from markupsafe import Markup

from scholion.build.cache import BuildCache
from scholion.bib.citing import json_ld_script_body
from scholion.build.plan import Plan
from scholion.build.workers import Workers, usable_cpus
from scholion.html.escaping import escape_content
from scholion.mkdocs.config import ScholionConfig
from scholion.mkdocs.csp import with_policy
from scholion.mkdocs.ellipsis import without_material_ellipsis
from scholion.mkdocs.github import annotator, in_github_actions, report_summary
from scholion.mkdocs.release import release_tag
from scholion.mkdocs.repository import contribution_links
from scholion.mkdocs.navigation import arrange
from scholion.pages.page import Heading
from scholion.mkdocs.siteurl import inherited_configs, site_url_problems
from scholion.mkdocs.staging import StagedSite, strict_build_fails
from scholion.problems import Report
from scholion.search.records import HandWrittenPage
from scholion.site import Settings, Site

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
STYLESHEETS = ("scholion.css", "reading.css", "compare.css", "annotations.css", "search.css")
FONTS = tuple(f"fonts/{path.name}" for path in sorted((ASSETS / "fonts").iterdir()))  # reading.css's typeface, served from the site
SCRIPTS = ("cite.js", "annotations.js", "popovers.js", "annotate.js", "ellipsis.js", "search.js", "landing.js")  # deferred: panels, popovers, the search dialog, nothing the first paint needs
OWN_PAGES_CSS = ("audit.css",)  # for the plugin's own pages outside the theme (a text's audit), linked by them alone


class ScholionPlugin(BasePlugin[ScholionConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.store: BuildCache | None = None
        self.plan: Plan | None = None
        self.site: Site | None = None
        self.hand_written: list[HandWrittenPage] = []  # the pages of docs/ to search, as MkDocs renders them
        self.titles: dict[str, Markup] = {}
        self.output: StagedSite | None = None
        self.serving = False  # mkdocs serve: the site_url is its own loopback address

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Before any plugin reads site_dir: every file of the build goes to the staging folder.
    @event_priority(100)
    def _stage_output(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.output = StagedSite(Path(config.site_dir))
        except OSError as error:  # no folder can be made beside it (its parent is not writable)
            log.info(f"The site is written in place, in {config.site_dir}: no staging folder beside it ({error})")
            return config
        config.site_dir = str(self.output.staging)
        log.info(f"The site is written to {self.output.staging} and replaces {self.output.site_dir} "
                 "once the build has succeeded")
        return config

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        # Absolute: cached texts keep the paths they were read from, however a later build names its config.
        root = Path(config.config_file_path).resolve().parent
        self.settings = Settings(root, self.config.sources_dir, self.config.glossary, self.config.bib_dir,
                                 self.config.topics_dir, self.config.update_anchor_lock, config.site_url, config.site_name,
                                 self.config.version or release_tag(root))
        self.store = BuildCache(root / self.config.cache_dir if self.config.cache else None)
        config.watch.append(str(root / self.config.sources_dir))
        for watched in (self.config.glossary, self.config.bib_dir, self.config.topics_dir):
            if (root / watched).exists():
                config.watch.append(str(root / watched))
        # The plugin's own CSS and JavaScript (written in on_files) come before the project's, which may override them.
        config.extra_css[:0] = [f"assets/{name}" for name in STYLESHEETS]
        config.extra_javascript[:0] = [_deferred(f"assets/{name}") for name in SCRIPTS]
        return config

    on_config = CombinedEvent(_stage_output, _configure)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The cache and the workers stay here, at the edge: the site only asks its plan for what it needs.
        # The workers start for what the cache lacks, and stay until on_post_build.
        self.plan = Plan(self.store, Workers(usable_cpus()))
        # In GitHub Actions every problem is also put on its file and line of the pull request's diff.
        annotate = annotator(Path(os.environ.get("GITHUB_WORKSPACE", self.settings.root))) if in_github_actions() else None
        self.site = Site(self.settings, self.plan, Report(warn=log.warning, inform=log.info, annotate=annotate,
                                                         root=self.settings.root))
        self.site.load()
        if not self.serving:
            self.site.warn(site_url_problems(config.site_url, inherited_configs(Path(config.config_file_path).resolve())))
        # MkDocs and Material print page titles as HTML (<title>, header, navigation, breadcrumbs,
        # search results), so a generated page's title is its text escaped, marked as HTML.
        self.titles = {page.uri: _as_html(page.title) for page in self.site.pages}
        for page in self.site.pages:
            front_matter = f"title: {json.dumps(self.titles[page.uri])}\n"
            files.append(File.generated(config, page.uri, content=f"---\n{front_matter}---\n"))
        for uri, content in self.site.files.items():
            files.append(File.generated(config, uri, content=content))
        for name in (*STYLESHEETS, *SCRIPTS, *OWN_PAGES_CSS, *FONTS):
            if files.get_file_from_path(f"assets/{name}") is None:  # a project's own file of that name wins
                files.append(File.generated(config, f"assets/{name}", abs_src_path=str(ASSETS / name)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        arrange(nav, [page.uri for page in self.site.pages], self.titles,
                [*self.site.texts, *self.site.unreadable], self.config.nav_texts_max)
        return nav

    # Generated pages are made one at a time, just before MkDocs writes each (on_page_context), not
    # while it reads every page (on_page_content): MkDocs keeps each page's HTML until the build ends,
    # so making them early held the HTML of the whole corpus in memory at once.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri not in self.site.renderers:
            if not (page.meta.get("search") or {}).get("exclude"):
                self.hand_written.append(HandWrittenPage(f"/{page.url}", str(page.title), html))
            return html
        page.title = self.titles[page.file.src_uri]  # Markup: Material's `|e` (footer links) keeps it as is
        return ""

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        uri = page.file.src_uri
        linked_data = self.site.linked_data(uri)
        if linked_data is not None:  # schema.org JSON-LD, written by overrides/main.html
            page.meta["json_ld"] = json_ld_script_body(linked_data)
        if uri not in self.site.renderers:
            return context
        rendered = self.site.render(uri)
        citation_meta = self.site.citation_meta(uri)
        if citation_meta is not None:  # Highwire citation_* tags, written by overrides/main.html
            page.meta["citation_meta"] = citation_meta
            text = self.site.texts[uri]
            folder = (text.source_dir / "annotations").relative_to(self.settings.root).as_posix()
            # Where the reading page's "Annotate" and "Report a text error" lead (overrides/main.html, annotate.js).
            page.meta["contribution_links"] = contribution_links(config.repo_url, self.config.repo_branch, folder)
        page.content = rendered.html
        page.toc = get_toc(_toc_tokens(rendered.headings))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.site.renderers:  # written next; its HTML is not read again
            page.content = None
        return _hardened(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return _hardened(output_content) if template_name.endswith(".html") else output_content

    @event_priority(50)
    def _finish(self, *, config: MkDocsConfig) -> None:
        """Every page is written: write the files beside the reading pages, index the corpus's search
        locations and the hand-written pages into the site's ``pagefind/``, then let the corpus go."""
        if in_github_actions():
            report_summary(self.site, self.site.report, bool(config.strict))
        for files in self.site.files_beside_reading_pages():
            for uri, content in files.items():
                path = Path(config.site_dir) / uri
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        self.plan.search_index(self.site.search_records(), self.hand_written, Path(config.site_dir) / "pagefind")
        self.hand_written = []
        self.site.finish()
        self.plan.close()
        self.store.prune()

    # After every other plugin has written its files (-100 is "last" by MkDocs' convention), and just
    # before MkDocs aborts a strict build for its warnings: the only point that knows both.
    @event_priority(-1000)
    def _publish(self, *, config: MkDocsConfig) -> None:
        if self.output is None:  # written in place
            return
        config.site_dir = str(self.output.site_dir)  # for what runs after the build (gh-deploy pushes it)
        if not strict_build_fails():  # else MkDocs aborts next, and on_build_error discards the staging
            self.output.publish()
            self.output = None

    on_post_build = CombinedEvent(_finish, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.plan is not None:
            self.plan.close()
        self._discard()

    def on_shutdown(self) -> None:  # a build interrupted (Ctrl-C) raised no build error
        self._discard()

    def _discard(self) -> None:
        if self.output is not None:
            self.output.discard()
            self.output = None


def _deferred(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.defer = True
    return script


def _hardened(html: str) -> str:
    """A themed page as written: no tooltip of Material's made from a title, and the security policy."""
    return with_policy(without_material_ellipsis(html))


def _as_html(text: str) -> Markup:
    return Markup(escape_content(text))


def _toc_tokens(headings: list[Heading]) -> list[dict]:
    tokens: list[dict] = []
    for heading in headings:  # Material prints a TOC entry's name as HTML
        token = {"level": heading.level, "id": heading.id, "name": _as_html(heading.title), "children": []}
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
