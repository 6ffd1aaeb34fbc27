"""The Jinja2 environment that renders the pages' HTML from ``pages/templates/``.

Every value a template prints is escaped (autoescape) with the entities of
:func:`scholion.html.escaping.escape`, so a page's bytes do not depend on whether a template or
Python escaped a piece; :class:`markupsafe.Markup`
(or ``|safe`` on a field that holds HTML, such as a sanitised annotation body) marks HTML that was
built safely elsewhere. Contributor text in a ``title`` attribute goes through ``|tooltip``
(:func:`scholion.html.sanitising.tooltip_title`: Material's tooltips read titles back as HTML).
The ids pages link to (:mod:`scholion.pages.page`) are globals of every template.

The HTML has no line break where a template line starts with ``{#- #}``: that comment swallows
the line break and indentation before it, so long elements can be written over several lines.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import jinja2
from markupsafe import Markup

from scholion.annotations.loading import annotation_id
from scholion.html.escaping import escape
from scholion.html.sanitising import tooltip_title
from scholion.pages.page import slugify
from scholion.text.anchors import note_id, ref_id


def _escaped(value: object) -> object:
    """``value`` as Jinja's escaping (MarkupSafe's) should get it to write html.escape's entities.

    The two escape ``& < >`` alike and differ only on quotation marks (``&#34;`` for ``&quot;``,
    ``&#39;`` for ``&#x27;``), so only text holding one is escaped here; the rest, most of what a
    page prints (ids, numbers, words), is left to MarkupSafe's faster escaping.
    """
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value
        value = str(value)
    if '"' in value or "'" in value:
        return Markup(escape(value))
    return value


def _tooltip(text: str) -> Markup:
    return Markup(tooltip_title(text))


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    """Made once per process: each template is compiled the first time it is used, then kept."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("scholion.pages", "templates"),
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the code: no need to look at their files again
    )
    env.filters["tooltip"] = _tooltip
    env.globals.update(annotation_id=annotation_id, note_id=note_id, ref_id=ref_id, slugify=slugify)
    return env


def render(template: str, **context: object) -> str:
    """The template ``template`` (a file name in ``pages/templates/``) rendered with ``context``."""
    return environment().get_template(template).render(**context)


def macro(template: str, name: str) -> Callable[..., Markup]:
    """The macro ``name`` of ``template``, to call from Python (it returns escaped HTML)."""
    return getattr(environment().get_template(template).module, name)
