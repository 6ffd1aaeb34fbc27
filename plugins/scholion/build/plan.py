"""The plan of a build's cached and parallel work: what is kept in the build cache under which key,
what a worker process is sent to make it, and when each generated page is made.

Each kind of entry, and the inputs its key holds (a file's contents, see ``cache.file_key``):

- ``bibliography``: the parsed .bib files with their formatted references; the .bib files and the
  reference formatter's version
- ``glossary``: the glossary's entries; glossary.yml
- ``texts``: a parsed text; its source.txt, source.yml, anchors.json and supplied_notes.yml
- ``citations``: a text's citations; the text and the bibliography
- ``terms``: the glossary terms of each paragraph of a text; the text and the glossary
- ``passages``: a text's passages for each topic; the text and what selects them
- ``text-files``: the files beside a text's reading page (audit page, BibTeX, RIS, CSL-JSON, TEI); the
  text, its annotation files, the bibliography and the publication
- ``page``: a reading page; the text, its annotation files, the glossary, the bibliography and the publication (``site_url``, name, version)
- ``corpus-page``: a page about the whole corpus; every reading page's inputs, the topics and its address
- ``search-index``: the files of the site's search index; its records, the hand-written pages and Pagefind's version

A value the cache holds goes to a worker as its key (``BuildCache.sendable``), and the worker reads
it there. The domain modules know none of this: the functions below that say what a worker reads
of an entry (:func:`text_notes`, :func:`compared_paragraphs`…) are here, with the keys.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Sequence

from scholion.annotations.anchoring import Anchoring
from scholion.annotations.loading import annotation_files
from scholion.bib.citing import Publication
from scholion.bib.entries import Bibliography, formatter_versions
from scholion.bib.references import BodyParagraph, TextCitations, body_paragraphs, cite_text
from scholion.build.cache import BuildCache, Sent, compute_and_store, file_key
from scholion.build.workers import Task, Workers
from scholion.compare.selection import Comparison, comparisons, text_passages, topic_pattern
from scholion.compare.texts import ComparedText, compared_text
from scholion.compare.topics import Topic
from scholion.glossary.loading import load_glossary
from scholion.glossary.terms import Glossary, Term, TermCounts, paragraph_terms
from scholion.pages.reading import render_reading_page
from scholion.pages.text_files import render_text_files
from scholion.pages.page import RenderedPage
from scholion.problems import Problem
from scholion.search.index import write_index
from scholion.search.records import HandWrittenPage, Record
from scholion.text.corpus import SourceText, parse_text, update_anchor_lock
from scholion.text.model import Note
from scholion.text.supplements import SUPPLIED_NOTES

TEXT_FILES = ("source.txt", "source.yml", "anchors.json", SUPPLIED_NOTES)


def text_key(source_dir: Path) -> bytes:
    """The key of everything made from one text's files alone."""
    return file_key(*(source_dir / name for name in TEXT_FILES))


# ------------------------------------------------------------ what a worker reads of an entry


def text_notes(text: SourceText) -> list[Note]:
    """What :func:`cite_text` reads of a text's notes."""
    return list(text.document.notes.values())


def text_running_text(text: SourceText) -> list[BodyParagraph]:
    """What :func:`cite_text` reads of a text's running text."""
    return body_paragraphs(text.document)


def compared_paragraphs(text: SourceText) -> list[tuple[str, str]]:
    """What :func:`paragraph_terms` reads of a text: its paragraphs as the comparison sees them."""
    return compared_text(text).paragraphs


class SentGlossary(Sent):
    """The glossary as a worker is sent it: its entries, made into a :class:`Glossary` once per worker
    process. A Glossary compiles its matchers on first use: sent itself, every task would compile them again."""

    def __init__(self, key: bytes, glossary: Glossary) -> None:
        self.key = key
        self.glossary = glossary

    def __getstate__(self) -> dict:
        return {"key": self.key, "terms": list(self.glossary)}

    def load(self) -> Glossary:
        if "glossary" in self.__dict__:  # made here
            return self.glossary
        return _worker_glossary(self.key, self.terms)


_worker_glossaries: dict[bytes, Glossary] = {}  # in a worker process: the glossary of each key


def _worker_glossary(key: bytes, terms: list[Term]) -> Glossary:
    if key not in _worker_glossaries:
        _worker_glossaries[key] = Glossary(terms)
    return _worker_glossaries[key]


# ------------------------------------------------------------ the plan


class Plan:
    """One build's cached and parallel work: each value from the build cache while its inputs stay the
    same, made otherwise (by the workers when there are many) and stored. The keys of the bibliography,
    the glossary and the texts are noted as they are read, for what is made from them."""

    def __init__(self, store: BuildCache, workers: Workers) -> None:
        self.store = store
        self.workers = workers
        self._reset()

    def _reset(self) -> None:
        self.bib_key = b""
        self.glossary_key = b""
        self.text_keys: dict[str, bytes] = {}  # text slug → text_key
        self.page_keys: dict[str, tuple[bytes, ...]] = {}  # text slug → its reading page's key
        self.corpus_key: tuple[bytes, ...] = ()  # the inputs of every page about the whole corpus
        self.corpus_renderers: dict[str, Callable[[], RenderedPage]] = {}  # page uri → renderer
        self.ahead: dict[str, Task] = {}  # reading page uri → being rendered by a worker
        self.early: dict[str, RenderedPage] = {}  # page uri → made while the workers were busy

    def close(self) -> None:
        """Stop the workers and let this build's pages go."""
        self.workers.close()
        self._reset()

    # ------------------------------------------------------------ the corpus's inputs

    def bibliography(self, files: list[Path]) -> tuple[Bibliography, list[Problem]]:
        """The .bib files, parsed and their references formatted; only when one of them (or the formatter) changed."""
        self.bib_key = file_key(*files) + formatter_versions()
        return self.store.get_or_make("bibliography", (self.bib_key,), lambda: _parse_bib(files))

    def note_reference_lists(self, slugs: list[str]) -> None:
        """The texts whose own reference lists joined the bibliography: what is made from the bibliography
        (citations, pages) is made again when one of them changes."""
        self.bib_key += b"".join(self.text_keys[slug] for slug in slugs)

    def glossary(self, path: Path) -> tuple[Glossary, list[Problem]]:
        """The glossary, parsed only when its file changed."""
        self.glossary_key = file_key(path)
        terms, problems = self.store.get_or_make("glossary", (self.glossary_key,), lambda: _read_glossary(path))
        return Glossary(terms), problems

    def texts(self, source_dirs: Sequence[Path], *, update_lock: bool) -> list[SourceText]:
        """Every text of ``source_dirs``, in order; the ones the cache lacks are parsed by the workers.
        With ``update_lock``, new and moved paragraph ids are written to each ``anchors.json``."""
        keys = [(text_key(source_dir),) for source_dir in source_dirs]
        texts = self.store.fill("texts", keys, self.workers, parse_text, lambda i: (source_dirs[i],))
        for text, (key,) in zip(texts, keys):
            self.text_keys[text.slug] = key
            if update_lock:
                update_anchor_lock(text)
        return texts

    def citations(self, texts: list[SourceText], bibliography: Bibliography) -> list[TextCitations]:
        """Each text's citations resolved against the bibliography."""
        keys = [(self.text_keys[text.slug], self.bib_key) for text in texts]
        return self.store.fill("citations", keys, self.workers, cite_text, lambda i: (
            self.store.sendable("texts", keys[i][:1], text_notes(texts[i]), text_notes), bibliography,
            texts[i].source_dir / "source.txt",
            self.store.sendable("texts", keys[i][:1], text_running_text(texts[i]), text_running_text)))

    def terms(self, texts: list[ComparedText], glossary: Glossary) -> list[TermCounts]:
        """The glossary terms in each paragraph of each text."""
        keys = [(self.text_keys[text.slug], self.glossary_key) for text in texts]
        sent = SentGlossary(self.glossary_key, glossary)
        return self.store.fill("terms", keys, self.workers, paragraph_terms, lambda i: (
            sent, self.store.sendable("texts", keys[i][:1], texts[i].paragraphs, compared_paragraphs)))

    def corpus(self, texts: list[SourceText], topics: list[Topic], publication: Publication) -> None:
        """Note the inputs of the reading pages of ``texts`` and of the pages about the whole corpus,
        which read every reading page's inputs and the topics."""
        self.page_keys = {text.slug: (self.text_keys[text.slug], file_key(*annotation_files(text.source_dir)),
                                      self.glossary_key, self.bib_key, repr(publication).encode()) for text in texts}
        self.corpus_key = (*(part for key in self.page_keys.values() for part in key), repr(topics).encode())

    def comparisons(self, topics: list[Topic], glossary: Glossary, texts: list[ComparedText],
                    meanwhile: Sequence[str] = ()) -> Callable[[], list[Comparison]]:
        """The comparisons, one per topic. Each text's passages per topic come from the build cache while the
        text, topics and glossary stay the same; when it holds them all, they are read only if a page showing
        them is rendered again (a build whose pages about the corpus come from the cache does not read them:
        they are large). While the workers find the passages the cache lacks, the pages about the corpus
        listed in ``meanwhile`` (which must not show them) are made, as this process would only wait."""
        patterns = [topic_pattern(topic, glossary) for topic in topics]
        # What selection reads of the topics and the glossary: each topic's regex, pins and excludes.
        inputs = (repr([(p, t.pin, t.exclude) for t, p in zip(topics, patterns)]).encode(),)
        keys = [(self.text_keys[text.slug], *inputs) for text in texts]

        def find(meanwhile: Callable[[], object] | None = None) -> list[Comparison]:
            found = self.store.fill("passages", keys, self.workers, text_passages, lambda i: (
                topics, patterns, self.store.sendable("texts", keys[i][:1], texts[i], compared_text)), meanwhile)
            return comparisons(topics, texts, {text.slug: passages for text, passages in zip(texts, found)})

        if all([self.store.keep("passages", key) for key in keys]):  # every key kept, not only up to a missing one
            return functools.cache(find)  # read when a page needs them (made again if unreadable), nothing meanwhile
        found = find(lambda: self._make_early(meanwhile))
        return lambda: found

    # ------------------------------------------------------------ the pages

    def reading_page(self, uri: str, text: SourceText, glossary: Glossary, citations: TextCitations,
                     bibliography: Bibliography, anchoring: Anchoring, publication: Publication,
                     listed: list[str]) -> Callable[[], RenderedPage]:
        """The renderer of ``text``'s reading page: from the build cache while none of its inputs changed.
        One the cache lacks is rendered into it by the workers from now on (when a first build has started
        them), while MkDocs renders the pages about the whole corpus, which come first."""
        text_key, key = self.text_keys[text.slug], self.page_keys[text.slug]
        if self.store.directory is not None and not self.store.holds("page", key):  # else nowhere to put it: rendered in turn
            # Not throttled: the text and its citations go as keys (a worker reads them from the
            # cache), and the glossary and bibliography are the same for every page.
            self.ahead[uri] = self.workers.submit(
                compute_and_store, self.store.directory, "page", key, render_reading_page,
                self.store.sendable("texts", (text_key,), text), SentGlossary(self.glossary_key, glossary),
                self.store.sendable("citations", (text_key, self.bib_key), citations), bibliography, anchoring, publication,
                listed, throttle=False)

        def render() -> RenderedPage:
            ahead = self.ahead.pop(uri, None)  # rendered ahead, into the cache if it could be stored
            page = self.store.read_back("page", key, ahead.result()) if ahead else self.store.get("page", key)
            if page is None:
                page = render_reading_page(text, glossary, citations, bibliography, anchoring, publication, listed)
                self.store.put("page", key, page)
            return page

        return render

    def text_files(self, text: SourceText, citations: TextCitations, bibliography: Bibliography,
                   anchoring: Anchoring, publication: Publication, listed: list[str]) -> Callable[[], dict[str, bytes]]:
        """The files published beside ``text``'s reading page (:func:`render_text_files`), when called: from
        the build cache while the text, its annotation files, the bibliography and the publication stay the
        same. Ones the cache lacks are made by the workers (when a first build has started them) from now
        on, while this process goes on with the rest of the corpus."""
        text_key = self.text_keys[text.slug]
        key = (text_key, file_key(*annotation_files(text.source_dir)), self.bib_key, repr(publication).encode())
        args = (text, citations, bibliography, anchoring, publication, listed)

        def here() -> dict[str, bytes]:
            return self.store.get_or_make("text-files", key, lambda: render_text_files(*args))

        if self.store.directory is None or self.store.holds("text-files", key):
            return here
        task = self.workers.submit(
            compute_and_store, self.store.directory, "text-files", key, render_text_files,
            self.store.sendable("texts", (text_key,), text),
            self.store.sendable("citations", (text_key, self.bib_key), citations), *args[2:], throttle=False)
        return lambda: self.store.read_back("text-files", key, task.result()) or here()

    def corpus_page(self, uri: str, render: Callable[[], RenderedPage]) -> Callable[[], RenderedPage]:
        """The renderer of a page about the whole corpus: ``render``, through the build cache while none
        of the corpus's inputs changed (see :meth:`corpus`)."""
        self.corpus_renderers[uri] = render
        return lambda: self.early.pop(uri, None) or self._corpus_page(uri)

    def _corpus_page(self, uri: str) -> RenderedPage:
        key = (*self.corpus_key, uri.encode())
        return self.store.get_or_make("corpus-page", key, self.corpus_renderers[uri])

    def search_index(self, records: list[Record], pages: list[HandWrittenPage], output: Path) -> None:
        """Write the site's search index into the folder ``output``: from the build cache while the records,
        the hand-written pages and Pagefind stay the same (over a large corpus Pagefind takes longer
        than the rest of a warm build)."""
        key = (_digest(records, pages), version("pagefind-bin").encode())
        files = self.store.get("search-index", key)
        if files is None:
            write_index(records, pages, output)
            self.store.put("search-index", key, _index_files(output))
            return
        for name, content in files.items():
            (output / name).parent.mkdir(parents=True, exist_ok=True)
            (output / name).write_bytes(content)

    def _make_early(self, uris: Sequence[str]) -> None:
        for uri in uris:
            if uri in self.corpus_renderers:
                self.early[uri] = self._corpus_page(uri)


def _digest(*groups: Sequence[object]) -> bytes:
    """A digest of dataclass instances, field by field: one JSON text of a large corpus's records (and
    its bytes) would double the build's peak memory for a moment."""
    digest = hashlib.sha256()
    for group in groups:
        digest.update(b"\x1d")
        for item in group:
            digest.update(json.dumps(dataclasses.astuple(item)).encode() + b"\x1e")
    return digest.digest()


def _index_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _parse_bib(files: list[Path]) -> tuple[Bibliography, list[Problem]]:
    from scholion.bib.bibtex import load_bibliography  # imported here: bibtexparser takes longer to import than a cached bibliography to read

    bibliography, problems = load_bibliography(files)
    bibliography.format_references()  # once, here: kept with it in the cache, and sent with it to the workers
    return bibliography, problems


def _read_glossary(path: Path) -> tuple[list[Term], list[Problem]]:
    """The entries, not the Glossary: the cache keeps what the file says, not what is made of it."""
    glossary, problems = load_glossary(path)
    return list(glossary), problems
