"""The Jinja2 environment that renders the pages' HTML from ``pages/templates/``.

Every value a template prints is escaped (autoescape), with :func:`html.escape`'s entities so the
pages keep the same bytes as the escaping they were written with; :class:`markupsafe.Markup`
marks HTML that was built safely elsewhere (sanitised Markdown, escaped source text with spans).
"""
from __future__ import annotations

import html
from functools import lru_cache

import jinja2
from markupsafe import Markup


def _escaped(value: object) -> object:
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("scholion.pages", "templates"),
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: object) -> str:
    """The template ``template`` (a file name in ``pages/templates/``) rendered with ``context``."""
    return environment().get_template(template).render(**context)
