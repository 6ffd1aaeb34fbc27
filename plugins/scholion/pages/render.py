"""What a worker derives from a page stored in the build cache."""
from __future__ import annotations

from scholion.pages.page import RenderedPage


def page_html(page: RenderedPage) -> str:
    """The HTML of a rendered page (what a worker derives from a page stored in the build cache)."""
    return page.html
