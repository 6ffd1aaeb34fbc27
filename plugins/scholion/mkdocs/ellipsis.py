"""Truncated titles without Material's tooltip, which reads them back as HTML.

Material's bundle (``content.tooltips``) watches every ``.md-ellipsis`` element of a page (titles in
the navigation, the table of contents, the header and the footer); when one overflows it copies the
element's ``innerText`` into its link's ``title`` and builds the tooltip from that title with
``innerHTML``. ``innerText`` is the title as the reader sees it, entities read: a contributor's
``<img src=x onerror=…>``, escaped on the page, is markup again in the tooltip. So every page's
``md-ellipsis`` becomes ``scholion-ellipsis``: styled the same (``scholion.css``), unseen by that
code; ``ellipsis.js`` gives a truncated one its full text as a plain ``title``, which the browser
shows as text.
"""
from __future__ import annotations

import re

# Only inside a tag: a "<" of text is always escaped, so this never matches what a page says.
_MATERIAL_CLASS = re.compile(r'(<[a-z]+\b[^<>]*\bclass=")md-ellipsis"')


def without_material_ellipsis(html: str) -> str:
    """``html`` with Material's ellipsis class on each element replaced by ours."""
    return _MATERIAL_CLASS.sub(r'\1scholion-ellipsis"', html)
