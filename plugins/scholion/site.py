"""The pages a corpus makes in one build: what to add to the site, and each page when it is wanted.

The build's order, which ``scholion.mkdocs.plugin`` follows: :meth:`Site.load` reads the corpus (texts,
bibliography, glossary, annotations, topics) and lists the generated pages and files; MkDocs then
asks for each page with :meth:`Site.render` just before it writes it; :meth:`Site.finish` lets go of
the corpus. What is read and made goes through a :class:`~scholion.build.plan.Plan`: the build cache
and worker processes, which this module leaves to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from scholion.annotations.anchoring import Anchoring, anchor_annotations
from scholion.annotations.links import check_links, page_ids
from scholion.annotations.loading import annotations_without_text, load_annotations
from scholion.annotations.schema import SCHEMA_PATH
from scholion.annotations.webannotation import collection, text_annotations
from scholion.bib.citing import Publication, corpus_schema_org, highwire_meta, schema_org, work_from_meta
from scholion.bib.entries import Bibliography
from scholion.bib.reflist.listed import ReferenceList, read_reference_list
from scholion.bib.references import TextCitations, cited_by
from scholion.build.plan import Plan
from scholion.compare.excerpts import sentence_spans
from scholion.compare.overview import cited_works
from scholion.compare.texts import ComparedText, compared_texts
from scholion.compare.topics import Topic, check_topic, load_topics
from scholion.glossary.terms import Glossary, TermCounts, count_occurrences
from scholion.pages.annotations import IndexEntry, render_index
from scholion.pages.bibliography import render_bibliography_page
from scholion.pages.compare import render_index_page, render_topic_page
from scholion.pages.overview import render_overview_page
from scholion.pages.glossary import render_glossary_page
from scholion.pages.page import RenderedPage
from scholion.problems import Problem, Report
from scholion.search.records import (Record, annotation_records, bibliography_records, glossary_records,
                                     text_records)
from scholion.pages.texts import render_texts_index
from scholion.pages.unreadable import render_unreadable_page
from scholion.text.corpus import SourceText, source_dirs, summary_line


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
    site_name: str = ""  # the corpus's name, as a collection its texts are part of
    version: str = ""  # the corpus's version, named in every citation

    @property
    def publication(self) -> Publication:
        return Publication(self.site_url, self.site_name, self.version)


@dataclass(frozen=True)
class GeneratedPage:
    uri: str  # its source path in the site: ``<slug>/index.md``
    title: str


class Site:
    def __init__(self, settings: Settings, plan: Plan, report: Report) -> None:
        self.settings = settings
        self.plan = plan
        self.report = report
        self._reset()

    def _reset(self) -> None:
        self.pages: list[GeneratedPage] = []  # in the order they were added
        self.files: dict[str, bytes] = {}  # site path → content of the other files the corpus adds
        self.text_files: list[Callable[[], dict[str, bytes]]] = []  # the files beside each reading page, when called
        self.texts: dict[str, SourceText] = {}  # reading page uri → text
        self.unreadable: dict[str, SourceText] = {}  # page uri → text that could not be read: its page shows why
        self.renderers: dict[str, Callable[[], RenderedPage]] = {}  # page uri → renderer
        self.glossary = Glossary()
        self.bibliography = Bibliography()
        self.citations: dict[str, TextCitations] = {}  # text slug → its citations
        self.reference_lists: dict[str, ReferenceList] = {}  # text slug → the works of its own reference list
        self.terms: dict[str, TermCounts] = {}  # text slug → the glossary terms of its paragraphs
        self.annotations: dict[str, Anchoring] = {}  # text slug → its placed annotations

    def warn(self, problems: list[Problem]) -> None:
        self.report.problems(problems)

    # ------------------------------------------------------------ what the site holds

    def load(self) -> None:
        """Read the corpus and list its pages (``pages``) and other files (``files``). Once per build."""
        root, settings = self.settings.root, self.settings
        bib_files = sorted((root / settings.bib_dir).glob("*.bib"))
        self.bibliography, problems = self.plan.bibliography(bib_files)
        self.warn(problems)
        text_dirs = source_dirs(root / settings.sources_dir)
        self.warn(annotations_without_text(root / settings.sources_dir, [folder.name for folder in text_dirs]))
        loaded = self.plan.texts(text_dirs, update_lock=settings.update_anchor_lock)
        readable = [text for text in loaded if text.document.meta]
        self.add_reference_lists(readable)
        cited = dict(zip((text.slug for text in readable), self.plan.citations(readable, self.bibliography)))
        for text in loaded:
            self.warn(text.problems)
            if not text.document.meta:  # it gets a page that says why, with the reading pages
                self.unreadable[f"{text.slug}/index.md"] = text
                continue
            citations = cited[text.slug]
            self.warn(citations.problems)
            self.citations[text.slug] = citations
            stats, body = citations.stats, citations.body_stats
            listed = self.reference_lists.get(text.slug)
            references = (f"; references listed: {len(listed.works)} (fields read: {listed.read}, "
                          f"kept as printed only: {listed.verbatim_only})") if listed else ""
            self.report.inform(f"{summary_line(text)}, citations found: {stats.found}, resolved: {stats.resolved}, "
                               f"ambiguous: {stats.ambiguous}, unresolved: {stats.unresolved}; in the running text "
                               f"found: {body.found}, resolved: {body.resolved}, ambiguous: {body.ambiguous}, "
                               f"unresolved: {body.unresolved}{references}")
            self.texts[f"{text.slug}/index.md"] = text
            self.annotations[text.slug] = self.load_annotations(text)
            # Beside its reading page: its audit page (outside the nav and search), citation files and TEI.
            self.text_files.append(self.plan.text_files(text, citations, self.bibliography, self.annotations[text.slug],
                                                        settings.publication, self.listed_keys(text.slug)))
        texts = list(self.texts.values())
        self.add_corpus_page("texts/index.md", "Texts", lambda: render_texts_index(texts))
        self.add_annotation_pages()
        if self.bibliography.entries:
            self.add_corpus_page("bibliography/index.md", "Bibliography", lambda: self.render_bibliography(bib_files))
            for path in bib_files:  # the .bib files are downloadable next to the page
                self.files[f"bibliography/{path.name}"] = path.read_bytes()

        self.glossary, problems = self.plan.glossary(root / settings.glossary)
        self.warn(problems)
        compared = compared_texts(texts)
        self.terms = {text.slug: terms for text, terms in zip(compared, self.plan.terms(compared, self.glossary))}
        topics = self.load_topics(compared)
        self.plan.corpus(texts, topics, settings.publication)
        if len(self.glossary):
            self.add_corpus_page("glossary/index.md", "Glossary", self.render_glossary)
        self.add_comparison_pages(topics, compared)
        # Reading pages go last: MkDocs renders pages in this order, and the pages about the whole
        # corpus, the largest, are made while the workers render the reading pages ahead.
        for text in loaded:
            uri = f"{text.slug}/index.md"
            if uri in self.unreadable:
                self.add_unreadable_page(text)
                continue
            self.add_page(uri, text.title, self.plan.reading_page(
                uri, text, self.glossary, self.citations[text.slug], self.bibliography,
                self.annotations.get(text.slug, Anchoring()), settings.publication, self.listed_keys(text.slug)))

    def listed_keys(self, slug: str) -> list[str]:
        """The bib key of each entry of the text's own reference list (none without one)."""
        listed = self.reference_lists.get(slug)
        return listed.keys if listed else []

    def add_unreadable_page(self, text: SourceText) -> None:
        """A text that could not be read keeps its address, which shows why (a strict build fails on it)."""
        problems = [problem.shown(self.settings.root) for problem in text.problems if problem.severity == "warning"]
        self.add_page(f"{text.slug}/index.md", text.slug, lambda: render_unreadable_page(text.slug, problems))

    def unreadable_slugs(self) -> set[str]:
        """Texts whose folder is there but whose files could not be read: links to them and topics
        that name them wait (their own problems say what to fix; their ids are unknown until then)."""
        return {text.slug for text in self.unreadable.values()}

    def add_reference_lists(self, texts: list[SourceText]) -> None:
        """The works of each text's own reference list join the bibliography (a work already there is
        matched, not added again), so the text's citations resolve against them."""
        with_lists = [text for text in texts if text.document.references]
        if with_lists:  # a copy: the build cache keeps the bibliography of bib/*.bib as it was read
            self.bibliography = Bibliography(dict(self.bibliography.entries))
        for text in with_lists:
            listed = read_reference_list(text.slug, text.document.references, self.bibliography,
                                         text.source_dir / "source.txt")
            self.bibliography.entries.update((entry.key, entry) for entry in listed.entries)
            self.reference_lists[text.slug] = listed
            self.warn(listed.problems)
        self.plan.note_reference_lists([text.slug for text in with_lists])

    def add_page(self, uri: str, title: str, render: Callable[[], RenderedPage]) -> None:
        self.pages.append(GeneratedPage(uri, title))
        self.renderers[uri] = render

    def add_corpus_page(self, uri: str, title: str, render: Callable[[], RenderedPage]) -> None:
        """A page about the whole corpus (an index, the glossary, the bibliography, a comparison)."""
        self.add_page(uri, title, self.plan.corpus_page(uri, render))

    # ------------------------------------------------------------ each page, when MkDocs wants it

    def render(self, uri: str) -> RenderedPage:
        """The page ``uri`` (one of ``pages``)."""
        return self.renderers[uri]()

    def citation_meta(self, uri: str) -> list[tuple[str, str]] | None:
        """The Highwire ``citation_*`` meta tags (name, content) of a reading page (None for other pages)."""
        text = self.texts.get(uri)
        if text is None:
            return None
        return highwire_meta(work_from_meta(text.slug, text.document.meta, self.settings.publication))

    def linked_data(self, uri: str) -> dict | None:
        """What schema.org says of a page (JSON-LD): a reading page's text, part of the corpus; the home
        page's corpus and its texts. None for other pages."""
        settings = self.settings
        base = settings.site_url or "/"
        if uri in self.texts:
            text = self.texts[uri]
            return schema_org(work_from_meta(text.slug, text.document.meta, settings.publication), base)
        if uri == "index.md":
            return corpus_schema_org(settings.site_name, base, [
                schema_org(work_from_meta(text.slug, text.document.meta, settings.publication), base)
                for text in self.texts.values()])
        return None

    def search_records(self) -> list[Record]:
        """The search locations: each text's paragraphs, notes and annotations, the glossary's and the bibliography's
        entries (the pages that quote them, comparisons and indexes, make none)."""
        records = [record for text in self.texts.values() for record in text_records(text.slug, text.title, text.document)]
        records += [record for text in self.texts.values()
                    for record in annotation_records(text.slug, text.title, self.annotations[text.slug])]
        if "glossary/index.md" in self.renderers:
            records += glossary_records(self.glossary)
        if "bibliography/index.md" in self.renderers:
            records += bibliography_records(self.bibliography)
        return records

    def files_beside_reading_pages(self) -> Iterator[dict[str, bytes]]:
        """The files beside each reading page (audit page, citation files, TEI), a text's at a time, by
        site path: made now (in a first build, by the workers meanwhile) or read from the build cache.
        Not kept with the other files, to be written with the pages: about 300 kB a text, they would
        be a third of a large corpus's build memory."""
        for made in self.text_files:
            yield made()

    def finish(self) -> None:
        """Every page is written: let the corpus go."""
        self._reset()
        sentence_spans.cache_clear()  # its keys are this build's paragraphs

    # ------------------------------------------------------------ reading pages

    def load_annotations(self, text: SourceText) -> Anchoring:
        """Read afresh on every build (not cached with the text), so a new or edited file shows in `mkdocs serve`."""
        annotations, problems = load_annotations(text.source_dir)
        self.warn(problems)
        paragraphs = [(block.anchor, block.text) for block in text.document.paragraphs]
        anchoring = anchor_annotations(annotations, paragraphs, text.assignment.redirects)
        self.warn(anchoring.problems)  # a re-anchored quote is an info: reported, not a failure
        return anchoring

    # ------------------------------------------------------------ pages about the whole corpus

    def add_annotation_pages(self) -> None:
        """Check links between texts in annotation bodies; add /annotations/ and the published JSON Schema."""
        targets = {text.slug: page_ids(text.document, text.assignment.redirects, self.annotations.get(text.slug))
                   for text in self.texts.values()}
        unreadable = self.unreadable_slugs()
        for anchoring in self.annotations.values():
            for placement in anchoring.placements:
                self.warn(check_links(placement.annotation, targets, unreadable))
        self.add_corpus_page("annotations/index.md", "Annotations", self.render_annotation_index)
        self.files["schemas/annotation.schema.json"] = self.published_schema()
        self.add_web_annotations()

    def published_schema(self) -> bytes:
        """The annotation schema as this site publishes it: its ``$id`` is its address here (none without ``site_url``)."""
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        schema.pop("$id", None)
        if self.settings.site_url:
            schema = {"$schema": schema.pop("$schema"), "$id": f"{self.settings.site_url.rstrip('/')}/schemas/annotation.schema.json", **schema}
        return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode()

    def add_web_annotations(self) -> None:
        """The annotations as W3C Web Annotations: /<slug>/annotations.jsonld per text, /annotations/annotations.jsonld for all."""
        base = self.settings.site_url or "/"
        everything = []
        for text in self.texts.values():
            page_url = f"{base}{text.slug}/"
            words = {block.anchor: block.text for block in text.document.paragraphs if block.anchor}
            items = text_annotations(self.annotations[text.slug], words, page_url)
            self.files[f"{text.slug}/annotations.jsonld"] = _json(
                collection(f"{page_url}annotations.jsonld", f"Annotations on {text.title}", items))
            everything += items
        self.files["annotations/annotations.jsonld"] = _json(
            collection(f"{base}annotations/annotations.jsonld", "Annotations on the texts of the corpus", everything))

    def render_annotation_index(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        entries = [IndexEntry(slug, titles[slug], placement) for slug, anchoring in self.annotations.items()
                   for placement in anchoring.placements]
        return render_index(entries, titles)

    def render_bibliography(self, bib_files: list[Path]) -> RenderedPage:
        texts = [(text.document, self.citations[text.slug]) for text in self.texts.values()]
        body = render_bibliography_page(self.bibliography, cited_by(texts), [p.name for p in bib_files])
        return RenderedPage("<h1>Bibliography</h1>\n" + body)

    def render_glossary(self) -> RenderedPage:
        titles = {text.slug: text.title for text in self.texts.values()}
        return RenderedPage("<h1>Glossary</h1>\n" + render_glossary_page(self.glossary, count_occurrences(self.terms), titles))

    def load_topics(self, texts: list[ComparedText]) -> list[Topic]:
        """topics/*.yml, checked against the glossary and the texts (not those that could not be read)."""
        topics, problems = load_topics(self.settings.root / self.settings.topics_dir)
        unreadable = self.unreadable_slugs()
        for topic in topics:
            problems += check_topic(topic, self.glossary, texts, unreadable)
        self.warn(problems)
        return topics

    def add_comparison_pages(self, topics: list[Topic], texts: list[ComparedText]) -> None:
        """/compare/: a page per topics/<slug>.yml with a column per text, an index, and the corpus overview."""
        if not texts:
            return
        overview = "compare/overview/index.md"
        render_overview = self.plan.corpus_page(overview, lambda: self.render_overview(texts))
        # While the workers find the passages, this process makes the large pages that do not show them.
        found = self.plan.comparisons(topics, self.glossary, texts,
                                      meanwhile=["bibliography/index.md", "glossary/index.md", overview])
        self.add_corpus_page("compare/index.md", "Compare the texts", lambda: render_index_page(found(), texts))
        self.add_page(overview, "Corpus overview", render_overview)
        for number, topic in enumerate(topics):
            self.add_corpus_page(f"compare/{topic.slug}/index.md", topic.title,
                                 lambda number=number: render_topic_page(found()[number], self.glossary))

    def render_overview(self, texts: list[ComparedText]) -> RenderedPage:
        by_slug = {text.slug: text for text in texts}
        cited = {slug: cited_works(by_slug[slug], citations.by_note, self.bibliography, citations.by_paragraph)
                 for slug, citations in self.citations.items() if slug in by_slug}
        bibliography_url = "../../bibliography/" if "bibliography/index.md" in self.renderers else None
        return render_overview_page(texts, self.glossary, terms=self.terms, cited=cited, bib=self.bibliography,
                                    bibliography_url=bibliography_url)


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode()
