"""The pages a corpus makes in one build: what to add to the site, and each page when it is wanted.

The build's order, which ``scholion.mkdocs.plugin`` follows: :meth:`Site.load` reads the corpus (texts,
bibliography, glossary, annotations, topics) and lists the generated pages and files; MkDocs then
asks for each page with :meth:`Site.render` just before it writes it; :meth:`Site.finish` lets go of
the corpus. What a cold build derives from each text is made by worker processes and kept in the
build cache (see ``buildcache`` and ``workers``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from scholion.annotations.loading import SCHEMA_PATH, Anchoring, anchor_annotations, check_links, load_annotations, page_ids
from scholion.pages.annotations import IndexEntry, render_index
from scholion.bib.entries import Bibliography, formatter_versions
from scholion.pages.bibliography import render_bibliography_page
from scholion.build.cache import BuildCache, compute_and_store, file_key
from scholion.bib.citing import highwire_meta, work_from_meta
from scholion.compare.topics import (check_topic, cited_works, compared_paragraphs, compared_text, compared_texts, comparisons, load_topics,
                      render_index_page, render_overview_page, render_topic_page, sentence_spans, text_passages,
                      topic_pattern)
from scholion.text.corpus import SourceText, load_texts, source_dirs, summary_line
from scholion.glossary.terms import Glossary, Term, TermCounts, count_occurrences, load_glossary, paragraph_terms
from scholion.pages.glossary import render_glossary_page
from scholion.problems import Problem, Report
from scholion.pages.reading import reading_page_key, render_reading_page
from scholion.bib.references import TextCitations, cite_text, cited_by, text_notes
from scholion.pages.page import RenderedPage
from scholion.pages.render import page_html
from scholion.pages.texts import render_texts_index
from scholion.build.workers import Task, Workers, usable_cpus


@dataclass(frozen=True)
class Settings:
    """Where the corpus's files are, and what the site says of itself."""

    root: Path
    sources_dir: str = "sources"
    glossary: str = "glossary.yml"
    bib_dir: str = "bib"
    topics_dir: str = "topics"
    update_anchor_lock: bool = True
    site_url: str | None = None  # absolute URLs in citations and meta tags


@dataclass(frozen=True)
class GeneratedPage:
    uri: str  # its source path in the site: ``<slug>/index.md``
    title: str
    searchable: bool = True


class Site:
    def __init__(self, settings: Settings, store: BuildCache, report: Report) -> None:
        self.settings = settings
        self.store = store
        self.report = report
        self.workers = Workers(1)
        self._reset()

    def _reset(self) -> None:
        self.pages: list[GeneratedPage] = []  # in the order they were added
        self.files: dict[str, bytes] = {}  # site path → content of the other files the corpus adds
        self.texts: dict[str, SourceText] = {}  # reading page uri → text
        self.renderers: dict[str, Callable[[], RenderedPage]] = {}  # page uri → renderer
        self.glossary = Glossary()
        self.bibliography = Bibliography()
        self.citations: dict[str, TextCitations] = {}  # text slug → its citations
        self.terms: dict[str, TermCounts] = {}  # text slug → the glossary terms of its paragraphs
        self.page_keys: dict[str, tuple[bytes, ...]] = {}  # text slug → its reading page's cache key (reading_page_key)
        self.corpus_key: tuple[bytes, ...] = ()  # the inputs of every page about the whole corpus
        self.rendering: dict[str, Task] = {}  # text slug → its reading page, being rendered ahead (render_ahead)
        self.rendered_early: dict[str, RenderedPage] = {}  # page uri → the page (render_early)
        self.sent_html: dict[str, Any] = {}  # page uri → its HTML as a worker gets it (BuildCache.sendable)
        self.annotations: dict[str, Anchoring] = {}  # text slug → its placed annotations

    def warn(self, problems: list[Problem]) -> None:
        self.report.problems(problems)

    # ------------------------------------------------------------ what the site holds

    def load(self) -> None:
        """Read the corpus and list its pages (``pages``) and other files (``files``). Worker processes
        start for what the build cache lacks and stay until :meth:`finish`. Once per build."""
        self.workers = Workers(usable_cpus())
        root, settings = self.settings.root, self.settings
        bib_files = sorted((root / settings.bib_dir).glob("*.bib"))
        bib_key = file_key(*bib_files) + formatter_versions()  # the .bib files, and how their references are formatted
        # Parsed and formatted only when a .bib file changed (or the formatter), as the glossary below.
        self.bibliography, problems = self.store.get_or_make("bibliography", (bib_key,), lambda: _parse_bib(bib_files))
        self.warn(problems)
        loaded = load_texts(source_dirs(root / settings.sources_dir), update_lock=settings.update_anchor_lock,
                            store=self.store, workers=self.workers)
        readable = [text for text in loaded if text.document.meta]
        cited = dict(zip((text.slug for text in readable), self.cite(readable, bib_key)))
        for text in loaded:
            self.warn(text.problems)
            if not text.document.meta:
                continue
            citations = cited[text.slug]
            self.warn(citations.problems)
            self.citations[text.slug] = citations
            stats = citations.stats
            self.report.inform(f"{summary_line(text)}, citations found: {stats.found}, resolved: {stats.resolved}, "
                               f"ambiguous: {stats.ambiguous}, unresolved: {stats.unresolved}")
            self.texts[f"{text.slug}/index.md"] = text
            self.annotations[text.slug] = self.load_annotations(text)
        texts = list(self.texts.values())
        self.add_corpus_page("texts/index.md", "Texts", lambda: render_texts_index(texts))
        self.add_annotation_pages()
        if self.bibliography.entries:
            self.add_corpus_page("bibliography/index.md", "Bibliography", lambda: self.render_bibliography(bib_files))
            for path in bib_files:  # the .bib files are downloadable next to the page
                self.files[f"bibliography/{path.name}"] = path.read_bytes()

        glossary_file = root / settings.glossary
        glossary_key = file_key(glossary_file)
        terms, problems = self.store.get_or_make("glossary", (glossary_key,), lambda: _read_glossary(glossary_file))
        self.glossary = Glossary(terms)
        self.warn(problems)
        compared = compared_texts(self.texts.values())
        self.terms = self.count_terms(compared, glossary_key)
        self.page_keys = {text.slug: reading_page_key(text, (glossary_key, bib_key), settings.site_url)
                          for text in texts}
        topics = self.load_topics(compared)
        # What a page about the whole corpus reads: every reading page's inputs (texts, annotations,
        # glossary, bibliography, formatter, site_url) and the topics.
        self.corpus_key = (*(part for key in self.page_keys.values() for part in key), repr(topics).encode())
        if len(self.glossary):
            self.add_corpus_page("glossary/index.md", "Glossary", self.render_glossary)
        self.add_comparison_pages(topics, compared)
        # Reading pages go last: MkDocs renders pages in this order, and the pages about the whole
        # corpus, the largest, then peak before the search entries of every reading page pile up.
        for uri, text in self.texts.items():
            self.add_page(uri, text.title, lambda text=text: self.render_text(text))
        self.render_ahead(bib_key)

    def add_page(self, uri: str, title: str, render: Callable[[], RenderedPage], searchable: bool = True) -> None:
        self.pages.append(GeneratedPage(uri, title, searchable))
        self.renderers[uri] = render

    def add_corpus_page(self, uri: str, title: str, render: Callable[[], RenderedPage], searchable: bool = True) -> None:
        """A page about the whole corpus (an index, the glossary, the bibliography, a comparison)."""
        self.add_page(uri, title, lambda: self.render_corpus_page(uri, render), searchable)

    # ------------------------------------------------------------ each page, when MkDocs wants it

    def render(self, uri: str) -> RenderedPage:
        """The page ``uri`` (one of ``pages``)."""
        return self.rendered_early.pop(uri, None) or self.renderers[uri]()

    def citation_meta(self, uri: str) -> list[tuple[str, str]] | None:
        """The Highwire ``citation_*`` meta tags (name, content) of a reading page (None for other pages)."""
        text = self.texts.get(uri)
        if text is None:
            return None
        return highwire_meta(work_from_meta(text.slug, text.document.meta, self.settings.site_url))

    def html_to_index(self, uri: str) -> Any:
        """The HTML of a page just rendered, as a worker indexing it for search should get it (None if
        not rendered here)."""
        return self.sent_html.pop(uri, None)

    def finish(self) -> None:
        """Every page is written: stop the workers and let the corpus go."""
        self.close()
        self._reset()
        sentence_spans.cache_clear()  # its keys are this build's paragraphs

    def close(self) -> None:
        self.workers.close()

    # ------------------------------------------------------------ reading pages

    def render_ahead(self, bib_key: bytes) -> None:
        """The reading pages the cache lacks are rendered into it by the workers (when a first build
        has started them) while MkDocs renders the pages about the whole corpus, which come first."""
        if self.store.directory is None:  # nowhere to put them: rendered in turn
            return
        for text in self.texts.values():
            key = self.page_keys[text.slug]
            if not self.store.holds("page", key):
                # Not throttled: the text and its citations go as keys (a worker reads them from the
                # cache), and the glossary and bibliography are the same for every page.
                self.rendering[text.slug] = self.workers.submit(
                    compute_and_store, self.store.directory, "page", key, render_reading_page,
                    self.store.sendable("texts", (text.key,), text), self.glossary,
                    self.store.sendable("citations", (text.key, bib_key), self.citations[text.slug]),
                    self.bibliography, self.annotations.get(text.slug, Anchoring()), self.settings.site_url,
                    throttle=False)

    def cite(self, texts: list[SourceText], bib_key: bytes) -> list[TextCitations]:
        """Each text's citations resolved against the bibliography; cached while neither changes."""
        return self.store.fill("citations", [(text.key, bib_key) for text in texts], self.workers, cite_text, lambda i: (
            self.store.sendable("texts", (texts[i].key,), text_notes(texts[i]), text_notes), self.bibliography,
            texts[i].source_dir / "source.txt"))

    def render_text(self, text: SourceText) -> RenderedPage:
        """The reading page, from the build cache while none of its inputs changed."""
        key = self.page_keys[text.slug]
        ahead = self.rendering.pop(text.slug, None)  # rendered ahead, into the cache if it could be stored
        page = self.store.read_back("page", key, ahead.result()) if ahead else self.store.get("page", key)
        if page is None:
            page = render_reading_page(text, self.glossary, self.citations[text.slug], self.bibliography,
                                       self.annotations.get(text.slug, Anchoring()), self.settings.site_url)
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
            self.report.inform(str(notice))
        return anchoring

    # ------------------------------------------------------------ pages about the whole corpus

    def render_corpus_page(self, uri: str, render: Callable[[], RenderedPage]) -> RenderedPage:
        """From the build cache while none of the corpus's inputs changed (``corpus_key``)."""
        key = (*self.corpus_key, uri.encode())
        page = self.store.get_or_make("corpus-page", key, render)
        self.sent_html[uri] = self.store.sendable("corpus-page", key, page.html, page_html)  # for its search entries
        return page

    def add_annotation_pages(self) -> None:
        """Check links between texts in annotation bodies; add /annotations/ and the published JSON Schema."""
        targets = {text.slug: page_ids(text.document, text.assignment.redirects, self.annotations.get(text.slug))
                   for text in self.texts.values()}
        for anchoring in self.annotations.values():
            for placement in anchoring.placements:
                self.warn(check_links(placement.annotation, targets))
        self.add_corpus_page("annotations/index.md", "Annotations", self.render_annotation_index)
        self.files["schemas/annotation.schema.json"] = SCHEMA_PATH.read_bytes()

    def render_annotation_index(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        entries = [IndexEntry(slug, titles[slug], placement) for slug, anchoring in self.annotations.items()
                   for placement in anchoring.placements]
        return render_index(entries, titles)

    def render_bibliography(self, bib_files: list[Path]) -> RenderedPage:
        texts = [(text.document, self.citations[text.slug]) for text in self.texts.values()]
        body = render_bibliography_page(self.bibliography, cited_by(texts), [p.name for p in bib_files])
        return RenderedPage("<h1>Bibliography</h1>\n" + body)

    def count_terms(self, texts: list, glossary_key: bytes) -> dict[str, TermCounts]:
        """The glossary terms in each paragraph of each text; cached while neither changes."""
        keys = [(self.texts[f"{text.slug}/index.md"].key, glossary_key) for text in texts]
        found = self.store.fill("terms", keys, self.workers, paragraph_terms, lambda i: (self.glossary, self.store.sendable(
            "texts", keys[i][:1], texts[i].paragraphs, compared_paragraphs)))
        return {text.slug: terms for text, terms in zip(texts, found)}

    def render_glossary(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        return RenderedPage("<h1>Glossary</h1>\n" + render_glossary_page(self.glossary, count_occurrences(self.terms), titles))

    def load_topics(self, texts: list) -> list:
        """topics/*.yml, checked against the glossary and the texts."""
        topics, problems = load_topics(self.settings.root / self.settings.topics_dir)
        for topic in topics:
            problems += check_topic(topic, self.glossary, texts)
        self.warn(problems)
        return topics

    def add_comparison_pages(self, topics: list, texts: list) -> None:
        """/compare/: a page per topics/<slug>.yml with a column per text, an index, and the corpus overview."""
        if not texts:
            return
        # The pages render later, when `comparisons` (below) is set.
        self.add_corpus_page("compare/index.md", "Compare the texts", lambda: render_index_page(comparisons(), texts))
        # Left out of the search index: their excerpts quote paragraphs the reading pages already index,
        # so indexing them again would double every hit (and most of the index's build time and size).
        overview = "compare/overview/index.md"
        self.add_corpus_page(overview, "Corpus overview", lambda: self.render_overview(texts), searchable=False)
        for number, topic in enumerate(topics):
            self.add_corpus_page(f"compare/{topic.slug}/index.md", topic.title,
                                 lambda number=number: render_topic_page(comparisons()[number], self.glossary), searchable=False)
        # While the workers find the passages, this process renders the large pages that do not show them.
        comparisons = self.compare(topics, texts, meanwhile=lambda: self.render_early(
            ["bibliography/index.md", "glossary/index.md", overview]))

    def render_early(self, uris: list[str]) -> None:
        """Render these generated pages now; :meth:`render` gives them when MkDocs reaches them."""
        for uri in uris:
            if uri in self.renderers:
                self.rendered_early[uri] = self.renderers[uri]()

    def compare(self, topics: list, texts: list, meanwhile: Callable[[], object]) -> Callable[[], list]:
        """The comparisons, one per topic (``meanwhile`` as in ``BuildCache.fill``). Each text's passages
        per topic come from the build cache while the text, topics and glossary stay the same; when it
        holds them all, they are read only if a page showing them is rendered again (a build whose
        pages about the corpus come from the cache does not read them: they are large)."""
        patterns = [topic_pattern(topic, self.glossary) for topic in topics]
        # What selection reads of the topics and the glossary: each topic's regex, pins and excludes.
        inputs = (repr([(p, t.pin, t.exclude) for t, p in zip(topics, patterns)]).encode(),)
        keys = [(self.texts[f"{text.slug}/index.md"].key, *inputs) for text in texts]

        def find(meanwhile: Callable[[], object] | None = None) -> list:
            found = self.store.fill("passages", keys, self.workers, text_passages, lambda i: (
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
        bibliography_url = "../../bibliography/" if "bibliography/index.md" in self.renderers else None
        return render_overview_page(texts, self.glossary, terms=self.terms, cited=cited, bib=self.bibliography,
                                    bibliography_url=bibliography_url)


def _parse_bib(files: list[Path]) -> tuple[Bibliography, list[Problem]]:
    from scholion.bib.bibtex import load_bibliography  # imported here: bibtexparser takes longer to import than a cached bibliography to read

    bibliography, problems = load_bibliography(files)
    bibliography.format_references()  # once, here: kept with it in the cache, and sent with it to the workers
    return bibliography, problems


def _read_glossary(path: Path) -> tuple[list[Term], list[Problem]]:
    """The entries, not the Glossary: a pickled Glossary carries its compiled matchers (for worker
    processes), which a build served from its cache does not need."""
    glossary, problems = load_glossary(path)
    return list(glossary), problems
