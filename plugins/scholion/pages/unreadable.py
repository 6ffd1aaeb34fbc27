"""The page of a text that could not be read: where its reading page would be, the problems that stop it.

A build that is not strict (``mkdocs serve``) goes on past a broken ``source.yml`` or ``source.txt``;
the text keeps its address and shows what to fix, with file and line, rather than vanishing from the
site the contributor is looking at. A strict build fails on the same problems (they are warnings).
"""
from __future__ import annotations

from scholion.pages.page import RenderedPage
from scholion.pages.templating import render


def render_unreadable_page(slug: str, problems: list[str]) -> RenderedPage:
    """``/<slug>/`` of a text that could not be read: ``problems`` as the build reported them."""
    return RenderedPage(render("unreadable.html", slug=slug, problems=problems))
