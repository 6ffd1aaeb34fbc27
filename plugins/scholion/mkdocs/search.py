"""Search entries for generated pages, made by Material's own indexer once per distinct page.

MkDocs-side glue (it imports Material): the core never needs it. Material's search plugin parses
every page's HTML on every build, and the corpus's pages are large and link-dense, so at a hundred
texts that parsing was half the build. Here a generated page is indexed by the same code, through a
private ``SearchIndex``, and the entries are kept in the build cache under the page's HTML, address,
title and search settings; a later build with the same page reuses them, and the page is marked so
that Material does not parse it again. When a page is new, the indexer reads it without the inline
tags it ignores (see :func:`lean_html`), which are half the tags of a reading page, and its sections
are found as Material's parser finds them but faster (see :func:`page_sections`); when many pages
are new (a first build), worker processes index them while MkDocs renders the next pages.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from scholion.build.cache import BuildCache, changed, compute_and_store
from scholion.build.plan import search_key
from scholion.build.workers import Task, Workers


# Material's search parser keeps p, lists, code, sub and sup, and only tracks other tags as context;
# links, abbreviations and spans add nothing to an entry but parsing time. A heading's permalink is
# left whole: the parser skips its text (links never nest, so a link ends at the first </a>).
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_IGNORED_INLINE_TAG = re.compile(r"</?(?:abbr|span)\b[^>]*>")


def _unwrap_link(match: re.Match[str]) -> str:
    return match.group(0) if 'class="headerlink"' in match.group(1) else match.group(2)


def lean_html(html: str) -> str:
    """``html`` as Material's search indexer reads it, minus the tags that change nothing in its entries."""
    if "data-search-exclude" in html:  # the parser honours it on any element: leave such a page whole
        return html
    return _IGNORED_INLINE_TAG.sub("", _LINK.sub(_unwrap_link, html))


def index_entries(index_type: type, config: dict, content: str, toc: Any, url: str, meta: dict, title: str) -> list[dict]:
    """The entries Material's indexer (``index_type``, its ``SearchIndex``) makes of one page: its
    sections as :func:`page_sections` finds them, or as Material's parser does."""
    index = index_type(**config)
    page = SimpleNamespace(content=lean_html(content), toc=toc, url=url, meta=meta, title=title)
    sections = page_sections(page.content)
    if sections is None:
        index.add_entry_from_context(page)
    else:
        for section in sections:  # as SearchIndex.add_entry_from_context does with its parser's
            if not section.is_excluded():
                index.create_entry_for_section(section, toc, url, page)
    return index.entries


# What only Material's parser handles: a "<" that opens no tag, comments and declarations, the
# elements whose content it skips, and the attributes that make it skip an element.
_PARSER_ONLY = re.compile(r"<(?![a-zA-Z/])|</(?![a-zA-Z])|<(?:script|style|object)\b|data-search-exclude|linenodiv", re.I)
_TAG = re.compile(r"""<(?:([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)|/([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*)>""")
_ATTRIBUTE = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_KEPT = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # tags Material keeps in an entry


def page_sections(content: str) -> list | None:
    """The sections (Material's ``Section``: a heading's title and the text after it) that Material's
    search parser (``material.plugins.search.plugin.Parser``, an ``HTMLParser``) finds in ``content``,
    found the same way about twice as fast; None if ``content`` has anything that only that parser
    handles (``_PARSER_ONLY``). Its quirks are kept (an element is "open" when any open element has
    its tag; a closing tag checks the first opening one of its kind in the section): a test compares
    both on every generated page and on random HTML, so a Material release that parses otherwise fails it."""
    if _PARSER_ONLY.search(content):
        return None
    from material.plugins.search.plugin import Element, Section, void

    sections: list = []
    tags: list[str] = []  # the open elements
    attributes: list[dict] = []
    section = None

    def part_of(current) -> list:  # where kept markup goes: the heading's title while it is open
        return current.title if current.el.tag in tags else current.text

    def data(chunk: str) -> None:
        nonlocal section
        pre = "pre" in tags
        if not pre:
            chunk = " " if chunk.isspace() else chunk.replace("\n", " ")
        if section is None:
            section = Section(Element("hx"))
            sections.append(section)
        if section.el.tag in tags:
            if not any(tag == "a" and attrs.get("class") == "headerlink" for tag, attrs in zip(tags, attributes)):
                section.title.append(html.escape(chunk, quote=False))
        elif chunk.isspace():
            if not section.text or not section.text[-1].isspace() or pre:
                section.text.append(chunk)
        else:
            section.text.append(html.escape(chunk, quote=False))

    def end(tag: str) -> None:
        nonlocal section
        if not tags or tags[-1] != tag:
            return
        if section.depth > len(tags):  # a heading nested in an element that ends here: back to the section around it
            for earlier in reversed(sections):
                if earlier.depth <= len(tags):
                    section.depth = float("inf")
                    section = earlier
                    break
        tags.pop()
        attributes.pop()
        if tag in _KEPT:
            target = part_of(section)
            index = target.index(f"<{tag}>")
            if any(not target[i].isspace() for i in range(index + 1, len(target))):
                target.append(f"</{tag}>")
            else:
                del target[index:]  # an empty element is dropped

    position = 0
    for match in _TAG.finditer(content):
        if match.start() > position:
            chunk = content[position:match.start()]
            data(html.unescape(chunk) if "&" in chunk else chunk)
        position = match.end()
        name, rest, closing = match.groups()
        if closing is not None:
            end(closing.lower())
            continue
        tag = name.lower()
        attrs = {}
        if tag in _HEADINGS or tag == "a":  # the only attributes it reads (ids, permalinks), as HTMLParser gives them
            for attribute in _ATTRIBUTE.finditer(rest):
                key, value = attribute.groups()
                if value is not None and value[:1] in ("'", '"'):
                    value = value[1:-1]
                attrs[key.lower()] = html.unescape(value) if value is not None else None
        if tag not in void:
            tags.append(tag)
            attributes.append(attrs)
            if tag in _HEADINGS and "id" in attrs:
                depth = len(tags)
                if tag != "h1" and not sections:
                    section = Section(Element("hx"), depth)
                    sections.append(section)
                section = Section(Element(tag, attrs), depth)
                if sections:
                    section.id = attrs["id"]
                sections.append(section)
            if section is None:
                section = Section(Element("hx"))
                sections.append(section)
            if tag in _KEPT:
                part_of(section).append(f"<{tag}>")
        if rest.endswith("/"):
            end(tag)
    if position < len(content):
        chunk = content[position:]
        data(html.unescape(chunk) if "&" in chunk else chunk)
    return sections


@dataclass
class _Pending:
    """Where a page's entries go in the index while a worker makes them."""

    key: tuple[bytes, ...]
    task: Task


class CachedSearchIndexing:
    def __init__(self, search_plugin: Any, store: BuildCache) -> None:
        self.plugin = search_plugin
        self.store = store
        self.settings = json.dumps(dict(search_plugin.config), sort_keys=True, default=str).encode()

    def add(self, page: Any, workers: Workers, content: Any = None) -> None:
        """Index ``page`` (its ``content`` already set) and keep Material from indexing it again. Entries
        not in the cache are made by ``workers`` (while this process renders the next pages) and
        take their place in the index in :meth:`finish`. ``content`` is the page's content as a worker
        should get it, if not itself: a :class:`FromCache` of the stored page (see ``BuildCache.sendable``)."""
        search = dict(page.meta.get("search") or {})
        if search.get("exclude"):
            return
        key = search_key(page.content, page.url, str(page.title), page.meta, self.settings)
        entries = self.store.get("search", key)
        index = self.plugin.search_index
        if entries is None:
            # A copy of the meta: a worker's arguments are pickled later, after the line below changed it.
            context = (page.toc, page.url, dict(page.meta), page.title)
            # A stored page goes as its cache key. Either way it waits, with at most a few others, for a
            # worker: this process holds its HTML until then (to index it here if the workers fail), and
            # pages come faster than the workers index them while they still render the reading pages.
            content = page.content if content is None else content
            task = workers.submit(compute_and_store, self.store.directory, "search", key, index_entries, type(index),
                                  index.config, content, *context)
            index.entries.append(_Pending(key, task))
        else:
            index.entries.extend(entries)
        page.meta["search"] = {**search, "exclude": True}  # indexed: Material's own pass skips it

    def finish(self) -> None:
        """Every page is rendered: put each new page's entries (kept in the cache for the next build) in its place."""
        entries: list[dict] = []
        for item in self.plugin.search_index.entries:
            if isinstance(item, _Pending):
                made = self.store.read_back("search", item.key, item.task.result())
                if made is None:
                    raise changed(self.store.directory)
                entries.extend(made)
            else:
                entries.append(item)
        self.plugin.search_index.entries = entries
