"""Search entries for generated pages, made by Material's own indexer once per distinct page.

MkDocs-side glue (it imports Material): the core never needs it. Material's search plugin parses
every page's HTML on every build, and the corpus's pages are large and link-dense, so at a hundred
texts that parsing was half the build. Here a generated page is indexed by the same code, through a
private ``SearchIndex``, and the entries are kept in the build cache under the page's HTML, address,
title and search settings; a later build with the same page reuses them, and the page is marked so
that Material does not parse it again. When a page is new, the indexer reads it without the inline
tags it ignores (see :func:`lean_html`), which are half the tags of a reading page; when many pages
are new (a first build), worker processes index them while MkDocs renders the next pages.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from .buildcache import BuildCache, changed, compute_and_store
from .workers import Task, Workers


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
    """The entries Material's indexer (``index_type``, its ``SearchIndex``) makes of one page."""
    index = index_type(**config)
    index.add_entry_from_context(SimpleNamespace(content=lean_html(content), toc=toc, url=url, meta=meta, title=title))
    return index.entries


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
        key = (hashlib.sha256(page.content.encode()).digest(), page.url.encode(), str(page.title).encode(),
               json.dumps([page.meta.get("title"), page.meta.get("tags"), search], default=str).encode(), self.settings)
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
