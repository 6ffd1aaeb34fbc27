"""Make contributor-written Markdown or HTML safe to put on a page.

Anything a contributor edits by pull request (annotation bodies, and free-text
fields of the glossary, the bibliography or ``source.yml``) is untrusted: a
reviewer may not spot an ``onerror=`` in a long diff. It goes through
:func:`sanitize_html` (an nh3 allow-list) before it reaches a page:

* only the tags of ordinary prose survive (paragraphs, emphasis, lists, quotes,
  code, links); ``<script>``/``<style>`` are dropped with their content, other
  tags are dropped but keep their text;
* no event handlers, no ``style``, no ``id``/``class`` (a contributor cannot
  clobber ``#p14`` or restyle the page);
* links only to ``http``, ``https`` and ``mailto`` URLs or relative URLs
  (``../kapoor-2021/#p12``); ``javascript:``, ``data:`` and protocol-relative
  ``//host`` URLs are removed;
* external links get ``rel="noopener nofollow ugc"``;
* a ``title`` is escaped once more, as :func:`tooltip_title` says why.

``render_markdown`` is Python-Markdown followed by ``sanitize_html``; ``tooltip_title`` escapes
text for a ``title`` attribute that Material's tooltips will read back as HTML.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

from scholion.html.escaping import escape, escape_content

EXTERNAL_REL = "noopener nofollow ugc"

INLINE_TAGS = frozenset({
    "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "q", "s", "small", "strong",
    "sub", "sup",
})
BLOCK_TAGS = frozenset({"blockquote", "dd", "dl", "dt", "hr", "li", "ol", "p", "pre", "ul"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def _relative_url(url: str) -> str | None:
    """Keep a relative URL unless it is protocol-relative or smuggles a scheme past the parser."""
    candidate = url.strip()
    if candidate.startswith(("//", "\\")) or "\\" in candidate:
        return None
    if urlsplit(candidate).scheme:
        return None
    return candidate


def sanitize_html(fragment: str, *, inline: bool = False) -> str:
    """Return ``fragment`` reduced to the allow-list (inline tags only when ``inline``)."""
    tags = set(INLINE_TAGS) if inline else set(INLINE_TAGS | BLOCK_TAGS)
    cleaned = nh3.clean(
        fragment,
        tags=tags,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "textarea", "title"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag in tags},
        url_schemes=set(URL_SCHEMES),
        url_relative=_relative_url,
        attribute_filter=_title_as_text,
        link_rel=None,
        strip_comments=True,
    )
    return _LINK.sub(_mark_external, cleaned)


def _title_as_text(tag: str, attribute: str, value: str) -> str:
    """A title as Material's tooltip needs it (nh3 then escapes it for the attribute: :func:`tooltip_title`)."""
    return escape_content(value) if attribute == "title" else value


# A link as nh3 writes it: every attribute double-quoted, with any '"' inside escaped.
_LINK = re.compile(r'<a((?:\s+[\w:-]+="[^"]*")*)\s*>')
_HREF = re.compile(r'\shref="([^"]*)"')


def _mark_external(link: re.Match[str]) -> str:
    href = _HREF.search(link.group(1))
    if href and urlsplit(html.unescape(href.group(1))).scheme in ("http", "https"):
        return f'<a{link.group(1)} rel="{EXTERNAL_REL}">'
    return link.group(0)


class _Addresses(HTMLParser):
    """Every address an element of the HTML points to (entities read), in order."""

    ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "data", "poster"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in self.ATTRIBUTES and value is not None]


def dropped_addresses(source: str) -> list[str]:
    """The addresses in contributor Markdown that :func:`render_markdown` drops (``javascript:``,
    ``data:``, ``//host``…), for a warning: the link's text stays, the link does not."""
    parser = _Addresses()
    parser.feed(markdown.markdown(source, extensions=["sane_lists"], output_format="html"))
    parser.close()
    return [address for address in parser.found
            if urlsplit(address.strip()).scheme.lower() not in URL_SCHEMES and _relative_url(address) is None]


def render_markdown(source: str, *, inline: bool = False) -> str:
    """Contributor Markdown → safe HTML. ``inline`` drops the wrapping paragraph (for one-line fields)."""
    rendered = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    if inline:
        rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered.strip(), flags=re.S)
    return sanitize_html(rendered, inline=inline)


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, entities read, blocks apart, whitespace collapsed (for the search)."""
    spaced = re.sub(r"<(?:/p|/li|/h[1-6]|/blockquote|/pre|br\s*/?)>", " ", fragment)
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())


def tooltip_title(text: str) -> str:
    """The value to write inside ``title="…"`` when the page uses Material's ``content.tooltips``.

    Material builds its tooltip with ``innerHTML = element.title``: a title that is only
    attribute-escaped (``title="&lt;img src=x onerror=…&gt;"``) comes back as markup and runs.
    Escaping twice makes the tooltip show the text as written. (Without JavaScript the browser's
    own tooltip then shows ``&amp;`` for ``&``: a small price; contributor text is rarely HTML-ish.)
    """
    return escape(escape_content(text))
