"""The MkDocs plugin: MkDocs events wired to the core library, nothing more."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .annotations import SCHEMA_PATH, Anchoring, anchor_annotations, check_links, load_annotations, page_ids
from .annotations_html import IndexEntry, render_index
from .citing import highwire_meta, work_from_meta
from .buildcache import BuildCache, compute_and_store, file_key
from .corpus import SourceText, load_texts, render_texts_index, source_dirs, summary_line
from .glossary import Glossary, Term, TermCounts, count_occurrences, load_glossary, paragraph_terms
from .glossary_page import render_glossary_page
from .bibliography import Bibliography, formatter_versions
from .bibliography_page import render_bibliography_page
from .compare import (check_topic, cited_works, compared_paragraphs, compared_text, compared_texts, comparisons, load_topics,
                      render_index_page, render_overview_page, render_topic_page, sentence_spans, text_passages,
                      topic_pattern)
from .model import Problem
from .search_index import CachedSearchIndexing
from .reading import reading_page_key, render_reading_page
from .references import TextCitations, cite_text, cited_by, text_notes
from .render import Heading, RenderedPage, page_html
from .workers import Task, Workers, usable_cpus

log = get_plugin_logger(__name__)


class ScholionConfig(Config):
    sources_dir = c.Type(str, default="sources")
    glossary = c.Type(str, default="glossary.yml")
    bib_dir = c.Type(str, default="bib")
    topics_dir = c.Type(str, default="topics")
    update_anchor_lock = c.Type(bool, default=True)
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
        self.texts: dict[str, SourceText] = {}  # page src_uri → text
        self.generated: dict[str, Callable[[], RenderedPage]] = {}  # page src_uri → renderer
        self.titles: dict[str, str] = {}
        self.glossary = Glossary()
        self.bibliography = Bibliography()
        self.citations: dict[str, TextCitations] = {}  # text slug → its citations
        self.terms: dict[str, TermCounts] = {}  # text slug → the glossary terms of its paragraphs
        self.page_keys: dict[str, tuple[bytes, ...]] = {}  # text slug → its reading page's cache key (reading_page_key)
        self.corpus_key: tuple[bytes, ...] = ()  # the inputs of every page about the whole corpus
        self.rendering: dict[str, Task] = {}  # text slug → its reading page, being rendered ahead (render_ahead)
        self.rendered_early: dict[str, RenderedPage] = {}  # page src_uri → the page (render_early)
        self.sent_html: dict[str, Any] = {}  # page src_uri → its HTML as a worker gets it (BuildCache.sendable)
        self.annotations: dict[str, Anchoring] = {}  # text slug → its placed annotations
        self.site_url: str | None = None
        self.store = BuildCache(None)
        self.search: CachedSearchIndexing | None = None
        self.workers = Workers(1)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.site_url = config.site_url  # absolute URLs in citations and meta tags
        self.store = BuildCache(self.root / self.config.cache_dir if self.config.cache else None)
        search = config.plugins.get("material/search")
        self.search = CachedSearchIndexing(search, self.store) if search is not None else None
        config.watch.append(str(self.root / self.config.sources_dir))
        for watched in (self.config.glossary, self.config.bib_dir, self.config.topics_dir):
            if (self.root / watched).exists():
                config.watch.append(str(self.root / watched))
        return config

    def warn(self, problems: list[Problem]) -> None:
        for problem in problems:
            log.warning(str(problem))

    def add_page(self, files: Files, config: MkDocsConfig, uri: str, title: str, render: Callable[[], RenderedPage],
                 searchable: bool = True) -> None:
        front_matter = f"title: {json.dumps(title)}\n" + ("" if searchable else "search:\n  exclude: true\n")
        files.append(File.generated(config, uri, content=f"---\n{front_matter}---\n"))
        self.generated[uri] = render
        self.titles[uri] = title

    def add_corpus_page(self, files: Files, config: MkDocsConfig, uri: str, title: str,
                        render: Callable[[], RenderedPage], searchable: bool = True) -> None:
        """A page about the whole corpus (an index, the glossary, the bibliography, a comparison)."""
        self.add_page(files, config, uri, title, lambda: self.render_corpus_page(uri, render), searchable)

    def render_corpus_page(self, uri: str, render: Callable[[], RenderedPage]) -> RenderedPage:
        """From the build cache while none of the corpus's inputs changed (``corpus_key``)."""
        key = (*self.corpus_key, uri.encode())
        page = self.store.get_or_make("corpus-page", key, render)
        self.sent_html[uri] = self.store.sendable("corpus-page", key, page.html, page_html)  # for its search entries
        return page

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.workers.close()
        self.workers = Workers(usable_cpus())  # for what the build cache does not hold, until on_post_build
        return self.add_corpus(files, config, self.workers)

    def add_corpus(self, files: Files, config: MkDocsConfig, workers: Workers) -> Files:
        self.texts, self.generated, self.titles, self.citations, self.annotations, self.rendering = {}, {}, {}, {}, {}, {}
        self.sent_html, self.rendered_early = {}, {}
        bib_files = sorted((self.root / self.config.bib_dir).glob("*.bib"))
        bib_key = file_key(*bib_files) + formatter_versions()  # the .bib files, and how their references are formatted
        # Parsed and formatted only when a .bib file changed (or the formatter), as the glossary below.
        self.bibliography, problems = self.store.get_or_make("bibliography", (bib_key,), lambda: _parse_bib(bib_files))
        self.warn(problems)
        loaded = load_texts(source_dirs(self.root / self.config.sources_dir), update_lock=self.config.update_anchor_lock,
                            store=self.store, workers=workers)
        readable = [text for text in loaded if text.document.meta]
        cited = dict(zip((text.slug for text in readable), self.cite(readable, bib_key, workers)))
        for text in loaded:
            self.warn(text.problems)
            if not text.document.meta:
                continue
            citations = cited[text.slug]
            self.warn(citations.problems)
            self.citations[text.slug] = citations
            stats = citations.stats
            log.info(f"{summary_line(text)}, citations found: {stats.found}, resolved: {stats.resolved}, "
                     f"ambiguous: {stats.ambiguous}, unresolved: {stats.unresolved}")
            self.texts[f"{text.slug}/index.md"] = text
            self.annotations[text.slug] = self.load_annotations(text)
        texts = list(self.texts.values())
        self.add_corpus_page(files, config, "texts/index.md", "Texts", lambda: render_texts_index(texts))
        self.add_annotation_pages(files, config)
        if self.bibliography.entries:
            self.add_corpus_page(files, config, "bibliography/index.md", "Bibliography", lambda: self.render_bibliography(bib_files))
            for path in bib_files:  # the .bib files are downloadable next to the page
                files.append(File.generated(config, f"bibliography/{path.name}", content=path.read_bytes()))

        glossary_file = self.root / self.config.glossary
        glossary_key = file_key(glossary_file)
        terms, problems = self.store.get_or_make("glossary", (glossary_key,), lambda: _read_glossary(glossary_file))
        self.glossary = Glossary(terms)
        self.warn(problems)
        compared = compared_texts(self.texts.values())
        self.terms = self.count_terms(compared, glossary_key, workers)
        self.page_keys = {text.slug: reading_page_key(text, (glossary_key, bib_key), self.site_url)
                          for text in texts}
        topics = self.load_topics(compared)
        # What a page about the whole corpus reads: every reading page's inputs (texts, annotations,
        # glossary, bibliography, formatter, site_url) and the topics.
        self.corpus_key = (*(part for key in self.page_keys.values() for part in key), repr(topics).encode())
        if len(self.glossary):
            self.add_corpus_page(files, config, "glossary/index.md", "Glossary", self.render_glossary)
        self.add_comparison_pages(files, config, topics, compared, workers)
        # Reading pages go last: MkDocs renders pages in this order, and the pages about the whole
        # corpus, the largest, then peak before the search entries of every reading page pile up.
        for uri, text in self.texts.items():
            self.add_page(files, config, uri, text.title, lambda text=text: self.render_text(text))
        self.render_ahead(workers, bib_key)
        return files

    def render_ahead(self, workers: Workers, bib_key: bytes) -> None:
        """The reading pages the cache lacks are rendered into it by the workers (when a first build
        has started them) while MkDocs renders the pages about the whole corpus, which come first."""
        if self.store.directory is None:  # nowhere to put them: rendered in turn
            return
        for text in self.texts.values():
            key = self.page_keys[text.slug]
            if not self.store.holds("page", key):
                # Not throttled: the text and its citations go as keys (a worker reads them from the
                # cache), and the glossary and bibliography are the same for every page.
                self.rendering[text.slug] = workers.submit(
                    compute_and_store, self.store.directory, "page", key, render_reading_page,
                    self.store.sendable("texts", (text.key,), text), self.glossary,
                    self.store.sendable("citations", (text.key, bib_key), self.citations[text.slug]),
                    self.bibliography, self.annotations.get(text.slug, Anchoring()), self.site_url, throttle=False)

    def cite(self, texts: list[SourceText], bib_key: bytes, workers: Workers) -> list[TextCitations]:
        """Each text's citations resolved against the bibliography; cached while neither changes."""
        return self.store.fill("citations", [(text.key, bib_key) for text in texts], workers, cite_text, lambda i: (
            self.store.sendable("texts", (texts[i].key,), text_notes(texts[i]), text_notes), self.bibliography,
            texts[i].source_dir / "source.txt"))

    def render_text(self, text: SourceText) -> RenderedPage:
        """The reading page, from the build cache while none of its inputs changed."""
        key = self.page_keys[text.slug]
        ahead = self.rendering.pop(text.slug, None)  # rendered ahead, into the cache if it could be stored
        page = self.store.read_back("page", key, ahead.result()) if ahead else self.store.get("page", key)
        if page is None:
            page = render_reading_page(text, self.glossary, self.citations[text.slug], self.bibliography,
                                       self.annotations.get(text.slug, Anchoring()), self.site_url)
            self.store.put("page", key, page)
        self.sent_html[f"{text.slug}/index.md"] = self.store.sendable("page", key, page.html, page_html)  # for its search entries
        return page

    def load_annotations(self, text: SourceText) -> Anchoring:
        """Read afresh on every build (not cached with the text), so a new or edited file shows in `mkdocs serve`."""
        annotations, problems = load_annotations(text.source_dir)
        self.warn(problems)
        paragraphs = [(block.anchor, block.text) for block in text.document.paragraphs]
        anchoring = anchor_annotations(annotations, paragraphs, text.assignment.redirects)
        self.warn(anchoring.problems)
        for notice in anchoring.notices:  # re-anchored by the quote: reported, not a failure
            log.info(str(notice))
        return anchoring

    def add_annotation_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Check links between texts in annotation bodies; add /annotations/ and the published JSON Schema."""
        targets = {text.slug: page_ids(text.document, text.assignment.redirects, self.annotations.get(text.slug))
                   for text in self.texts.values()}
        for anchoring in self.annotations.values():
            for placement in anchoring.placements:
                self.warn(check_links(placement.annotation, targets))
        self.add_corpus_page(files, config, "annotations/index.md", "Annotations", self.render_annotation_index)
        files.append(File.generated(config, "schemas/annotation.schema.json", content=SCHEMA_PATH.read_bytes()))

    def render_annotation_index(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        entries = [IndexEntry(slug, titles[slug], placement) for slug, anchoring in self.annotations.items()
                   for placement in anchoring.placements]
        return render_index(entries, titles)

    def render_bibliography(self, bib_files: list[Path]) -> RenderedPage:
        texts = [(text.document, self.citations[text.slug]) for text in self.texts.values()]
        body = render_bibliography_page(self.bibliography, cited_by(texts), [p.name for p in bib_files])
        return RenderedPage("<h1>Bibliography</h1>\n" + body)

    def count_terms(self, texts: list, glossary_key: bytes, workers: Workers) -> dict[str, TermCounts]:
        """The glossary terms in each paragraph of each text; cached while neither changes."""
        keys = [(self.texts[f"{text.slug}/index.md"].key, glossary_key) for text in texts]
        found = self.store.fill("terms", keys, workers, paragraph_terms, lambda i: (self.glossary, self.store.sendable(
            "texts", keys[i][:1], texts[i].paragraphs, compared_paragraphs)))
        return {text.slug: terms for text, terms in zip(texts, found)}

    def render_glossary(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        return RenderedPage("<h1>Glossary</h1>\n" + render_glossary_page(self.glossary, count_occurrences(self.terms), titles))

    def load_topics(self, texts: list) -> list:
        """topics/*.yml, checked against the glossary and the texts."""
        topics, problems = load_topics(self.root / self.config.topics_dir)
        for topic in topics:
            problems += check_topic(topic, self.glossary, texts)
        self.warn(problems)
        return topics

    def add_comparison_pages(self, files: Files, config: MkDocsConfig, topics: list, texts: list, workers: Workers) -> None:
        """/compare/: a page per topics/<slug>.yml with a column per text, an index, and the corpus overview."""
        if not texts:
            return
        # The pages render later, when `comparisons` (below) is set.
        self.add_corpus_page(files, config, "compare/index.md", "Compare the texts", lambda: render_index_page(comparisons(), texts))
        # Left out of the search index: their excerpts quote paragraphs the reading pages already index,
        # so indexing them again would double every hit (and most of the index's build time and size).
        overview = "compare/overview/index.md"
        self.add_corpus_page(files, config, overview, "Corpus overview", lambda: self.render_overview(texts), searchable=False)
        for number, topic in enumerate(topics):
            self.add_corpus_page(files, config, f"compare/{topic.slug}/index.md", topic.title,
                                 lambda number=number: render_topic_page(comparisons()[number], self.glossary), searchable=False)
        # While the workers find the passages, this process renders the large pages that do not show them.
        comparisons = self.compare(topics, texts, workers, meanwhile=lambda: self.render_early(
            ["bibliography/index.md", "glossary/index.md", overview]))

    def render_early(self, uris: list[str]) -> None:
        """Render these generated pages now; MkDocs gets them when it reaches them."""
        for uri in uris:
            if uri in self.generated:
                self.rendered_early[uri] = self.generated[uri]()

    def compare(self, topics: list, texts: list, workers: Workers, meanwhile: Callable[[], object]) -> Callable[[], list]:
        """The comparisons, one per topic (``meanwhile`` as in ``BuildCache.fill``). Each text's passages
        per topic come from the build cache while the text, topics and glossary stay the same; when it
        holds them all, they are read only if a page showing them is rendered again (a build whose
        pages about the corpus come from the cache does not read them: they are large)."""
        patterns = [topic_pattern(topic, self.glossary) for topic in topics]
        # What selection reads of the topics and the glossary: each topic's regex, pins and excludes.
        inputs = (repr([(p, t.pin, t.exclude) for t, p in zip(topics, patterns)]).encode(),)
        keys = [(self.texts[f"{text.slug}/index.md"].key, *inputs) for text in texts]

        def find(meanwhile: Callable[[], object] | None = None) -> list:
            found = self.store.fill("passages", keys, workers, text_passages, lambda i: (
                topics, patterns, self.store.sendable("texts", keys[i][:1], texts[i], compared_text)), meanwhile)
            return comparisons(topics, texts, {text.slug: passages for text, passages in zip(texts, found)})

        if all([self.store.keep("passages", key) for key in keys]):  # every key kept, not only up to a missing one
            return functools.cache(find)  # read when a page needs them (made again if unreadable), nothing meanwhile
        found = find(meanwhile)
        return lambda: found

    def render_overview(self, texts: list) -> RenderedPage:
        by_slug = {text.slug: text for text in texts}
        cited = {slug: cited_works(by_slug[slug], citations.by_note, self.bibliography)
                 for slug, citations in self.citations.items() if slug in by_slug}
        bibliography_url = "../../bibliography/" if "bibliography/index.md" in self.generated else None
        return render_overview_page(texts, self.glossary, terms=self.terms, cited=cited, bib=self.bibliography,
                                    bibliography_url=bibliography_url)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A generated page sits alone in its folder: list it under its own title, not the folder's.
        for index, item in enumerate(nav.items):
            if isinstance(item, Section) and len(item.children) == 1 and item.children[0].file.src_uri in self.generated:
                page = item.children[0]
                page.parent = None
                page.title = self.titles[page.file.src_uri]  # pages are not read yet when the nav is built
                nav.items[index] = page
        self.order_generated(nav)
        return nav

    def order_generated(self, nav: Navigation) -> None:
        """Generated pages in a folder (compare/…) keep their own titles and the order they were added in."""
        order = {uri: number for number, uri in enumerate(self.generated)}

        def position(item) -> int:
            return order.get(item.file.src_uri, len(order)) if isinstance(item, Page) else len(order)

        def visit(items: list) -> None:
            for item in items:
                if not isinstance(item, Section):
                    continue
                for number, child in enumerate(item.children):  # compare/<topic>/index.md: the page, not a folder
                    if isinstance(child, Section) and len(child.children) == 1 and isinstance(child.children[0], Page) \
                            and child.children[0].file.src_uri in order:
                        item.children[number] = child.children[0]
                        item.children[number].parent = item
                if any(isinstance(child, Page) and child.file.src_uri in order for child in item.children):
                    for child in item.children:
                        if isinstance(child, Page) and child.file.src_uri in self.titles:
                            child.title = self.titles[child.file.src_uri]
                    item.children.sort(key=position)
                visit(item.children)

        def pages(items: list) -> list[Page]:
            found: list[Page] = []
            for item in items:
                found += pages(item.children) if isinstance(item, Section) else [item] if isinstance(item, Page) else []
            return found

        visit(nav.items)

        def rank(item) -> tuple[int, int]:
            """Home first, then the texts, then the generated pages, then hand-written ones."""
            if isinstance(item, Page) and item.is_homepage:
                return (0, 0)
            if isinstance(item, Page) and item.file.src_uri == "texts/index.md":
                return (1, -1)
            if isinstance(item, Page) and item.file.src_uri in self.texts:
                return (1, position(item))
            inside = [position(page) for page in pages([item])]
            return (2, min(inside)) if min(inside, default=len(order)) < len(order) else (3, 0)

        nav.items.sort(key=rank)
        if len(self.texts) > self.config.nav_texts_max:
            nav.items = [item for item in nav.items if not (isinstance(item, Page) and item.file.src_uri in self.texts)]
        nav.pages = pages(nav.items)  # previous/next links follow the new order
        for before, page, after in zip([None, *nav.pages], nav.pages, [*nav.pages[1:], None]):
            page.previous_page, page.next_page = before, after

    # Generated pages are made one at a time, just before MkDocs writes each (on_page_context), not
    # while it reads every page (on_page_content): MkDocs keeps each page's HTML until the build ends,
    # so making them early held the HTML of the whole corpus in memory at once.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return "" if page.file.src_uri in self.generated else html

    @event_priority(50)  # before the search plugin indexes the page's HTML
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        render = self.generated.get(page.file.src_uri)
        if render is None:
            return context
        rendered = self.rendered_early.pop(page.file.src_uri, None) or render()
        text = self.texts.get(page.file.src_uri)
        if text is not None:  # Highwire citation_* tags, written by overrides/main.html
            page.meta["citation_meta"] = highwire_meta(work_from_meta(text.slug, text.document.meta, self.site_url))
        page.content = rendered.html
        page.toc = get_toc(_toc_tokens(rendered.headings))
        if self.search is not None:
            self.search.add(page, self.workers, self.sent_html.pop(page.file.src_uri, None))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:  # written next; its HTML is not read again
            page.content = None
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Every page is written: let the texts and what came from them go, then put the new pages'
        search entries in the index (in the memory the texts held: the build's peak is Material's
        writing of that index)."""
        self.workers.close()
        self.texts, self.generated, self.citations, self.annotations, self.terms, self.rendering = {}, {}, {}, {}, {}, {}
        self.rendered_early = {}
        self.page_keys, self.corpus_key = {}, ()
        self.glossary, self.bibliography = Glossary(), Bibliography()
        sentence_spans.cache_clear()  # its keys are this build's paragraphs
        if self.search is not None:
            self.search.finish()
        self.store.prune()

    def on_build_error(self, *, error: Exception) -> None:
        self.workers.close()


def _parse_bib(files: list[Path]) -> tuple[Bibliography, list[Problem]]:
    from .bibtex import load_bibliography  # imported here: bibtexparser takes longer to import than a cached bibliography to read

    bibliography, problems = load_bibliography(files)
    bibliography.format_references()  # once, here: kept with it in the cache, and sent with it to the workers
    return bibliography, problems


def _read_glossary(path: Path) -> tuple[list[Term], list[Problem]]:
    """The entries, not the Glossary: a pickled Glossary carries its compiled matchers (for worker
    processes), which a build served from its cache does not need."""
    glossary, problems = load_glossary(path)
    return list(glossary), problems


def _toc_tokens(headings: list[Heading]) -> list[dict]:
    tokens: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
        if heading.level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
