"""Escaping text for HTML: the one rule every page follows.

Templates escape what they print (``scholion.pages.templating``); the few fragments made in Python
(note markers, links and highlights inside running text) escape with these. Both use
:func:`html.escape`'s entities (``&amp; &lt; &gt; &quot; &#x27;``), so a page's bytes do not depend
on which of the two made it.
"""
from __future__ import annotations

import html


def escape(text: str) -> str:
    """``text`` for an attribute value or an element's content."""
    return html.escape(text, quote=True)


def escape_content(text: str) -> str:
    """``text`` for an element's content only: its quotation marks stay as typed."""
    return html.escape(text, quote=False)
