"""Search entries for generated pages, made by Material's own indexer once per distinct page.

MkDocs-side glue (it imports Material): the core never needs it. Material's search plugin parses
every page's HTML on every build, and the corpus's pages are large and link-dense, so at a hundred
texts that parsing was half the build. Here a generated page is indexed by the same code, through a
private ``SearchIndex``, and the entries are kept in the build cache under the page's HTML, address,
title and search settings; a later build with the same page reuses them, and the page is marked so
that Material does not parse it again. When a page is new, the indexer reads it without the inline
tags it ignores (see :func:`lean_html`), which are half the tags of a reading page.
"""
from __future__ import annotations

import hashlib
import json
import re
from types import SimpleNamespace
from typing import Any

from .buildcache import BuildCache


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


class CachedSearchIndexing:
    def __init__(self, search_plugin: Any, store: BuildCache) -> None:
        self.plugin = search_plugin
        self.store = store
        self.settings = json.dumps(dict(search_plugin.config), sort_keys=True, default=str).encode()

    def add(self, page: Any) -> None:
        """Index ``page`` (its ``content`` already set) and keep Material from indexing it again."""
        search = dict(page.meta.get("search") or {})
        if search.get("exclude"):
            return
        key = (hashlib.sha256(page.content.encode()).digest(), page.url.encode(), str(page.title).encode(),
               json.dumps([page.meta.get("title"), page.meta.get("tags"), search], default=str).encode(), self.settings)
        entries = self.store.get("search", key)
        if entries is None:
            index = type(self.plugin.search_index)(**self.plugin.search_index.config)
            index.add_entry_from_context(SimpleNamespace(content=lean_html(page.content), toc=page.toc, url=page.url,
                                                         meta=page.meta, title=page.title))
            entries = index.entries
            self.store.put("search", key, entries)
        self.plugin.search_index.entries.extend(entries)
        page.meta["search"] = {**search, "exclude": True}  # indexed: Material's own pass skips it
