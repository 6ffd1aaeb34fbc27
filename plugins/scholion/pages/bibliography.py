"""The ``/bibliography/`` page: every entry of ``bib/*.bib`` as an HTML fragment.

Entry ids are the bib keys (a published contract: ``/bibliography/#casier-2018``).
All text is escaped: entries are formatted by
:func:`scholion.bib.entries.format_entry_html` (which escapes field text),
and labels, hrefs and file names handed in here are escaped too.

This module never imports mkdocs.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Mapping, Sequence

from scholion.bib.entries import BibEntry, Bibliography
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.bib.references import CitingNote
from scholion.pages.render import note_id
from scholion.html.sanitising import tooltip_title

__all__ = ["render_bibliography_page", "INCOMPLETE_LABEL"]

INCOMPLETE_LABEL = "incomplete entry — help complete it"

CitedBy = Mapping[str, Sequence[CitingNote]]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _safe_href(href: str) -> str:
    """Keep relative links and http(s)/mailto; anything else (``javascript:``…) becomes ``#``."""
    href = href.strip()
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", href)
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return "#"
    return _esc(href)


def _cited_in(notes: Sequence[CitingNote], text_url_prefix: str) -> str:
    """Each citing note and the paragraph carrying it; a work cited by many texts links each text once."""
    texts: dict[str, list[CitingNote]] = {}
    for note in notes:
        texts.setdefault(note.slug, []).append(note)
    items = []
    if len(texts) > SIDE_BY_SIDE_MAX_TEXTS:
        for slug, cited in texts.items():
            first = cited[0]
            count = f' <span class="bib-count">({len(cited)} notes)</span>' if len(cited) > 1 else ""
            items.append(f'<li><a href="{_esc(f"{text_url_prefix}{slug}/#{note_id(first.label)}")}" '
                         f'title="{tooltip_title(first.title)}">{_esc(first.name)}</a>{count}</li>')
        head = f"Cited in {len(texts)} texts:"
        return (f'<div class="bib-cited-in"><details><summary>{_esc(head)}</summary><ul>{"".join(items)}</ul>'
                "</details></div>")
    for note in notes:
        page = f"{text_url_prefix}{note.slug}/"
        items.append(f'<li><a href="{_esc(page)}#{_esc(note_id(note.label))}" title="{tooltip_title(note.title)}">'
                     f"{_esc(f'{note.name}, note {note.label}')}</a></li>")
        if note.paragraph:
            # aria-label, not title: Material mounts a tooltip on every titled link when the page loads.
            items.append(f'<li><a href="{_esc(page)}#{_esc(note.paragraph)}" '
                         f'aria-label="{_esc(f"paragraph {note.paragraph[1:]}, which carries note {note.label}")}">'
                         f"¶{_esc(note.paragraph[1:])}</a></li>")
    return '<div class="bib-cited-in"><span>Cited in:</span><ul>' + "".join(items) + "</ul></div>"


def _entry_html(entry: BibEntry, notes: Sequence[CitingNote], edit_url: Callable[[BibEntry], str] | None,
                text_url_prefix: str) -> str:
    parts = [f'<div class="bib-entry" id="{_esc(entry.key)}" data-year="{_esc(entry.label_year)}">']
    parts.append(f'<p class="bib-citation">{entry.reference_html}</p>')
    if entry.incomplete:
        where = f"{entry.file.name}, line {entry.line}"
        if edit_url is not None:
            target = f'<a href="{_safe_href(edit_url(entry))}">{_esc(where)}</a>'
        else:
            target = f"<code>{_esc(where)}</code>"
        parts.append(
            f'<p class="bib-incomplete"><span class="bib-badge">{_esc(INCOMPLETE_LABEL)}</span> '
            f"The texts give only part of this reference; add what is missing in {target}.</p>"
        )
    if notes:
        parts.append(_cited_in(notes, text_url_prefix))
    parts.append(f'<p class="bib-key">BibTeX key: <code>{_esc(entry.key)}</code></p>')
    parts.append("</div>")
    return "\n".join(parts)


def render_bibliography_page(
    bib: Bibliography,
    cited_by: CitedBy,
    bib_files: Sequence[str] = (),
    *,
    bib_base: str = "",
    edit_url: Callable[[BibEntry], str] | None = None,
    text_url_prefix: str = "../",
) -> str:
    """HTML fragment for the bibliography page.

    ``cited_by`` maps a bib key to the notes citing it (:func:`scholion.bib.references.cited_by`),
    linked as ``{text_url_prefix}{slug}/#n26``; a work cited by more than
    ``SIDE_BY_SIDE_MAX_TEXTS`` texts links each text once, with its number of notes.
    ``bib_files`` are the names of the downloadable .bib files (``romano-2021.bib``),
    linked as ``bib_base + name`` (the plugin copies them next to the page).
    ``edit_url`` may turn an entry into a link to edit its file (for the
    "help complete it" badge).
    """
    entries = bib.sorted_entries()
    out = ['<div class="scholion-bibliography">']
    if bib_files:
        links = ", ".join(
            f'<a href="{_safe_href(bib_base + name)}" download>{_esc(name)}</a>' for name in bib_files
        )
        out.append(
            f'<p class="bib-downloads">{len(entries)} works. Download the entries as BibTeX: {links}.</p>'
        )
    incomplete = sum(1 for e in entries if e.incomplete)
    if incomplete:
        out.append(
            f'<p class="bib-help">{incomplete} of them are marked '
            f'<span class="bib-badge">{_esc(INCOMPLETE_LABEL)}</span>: the texts cite them only by '
            "author and year. Corrections and completions are welcome as pull requests to "
            "<code>bib/</code>.</p>"
        )
    for entry in entries:
        out.append(_entry_html(entry, cited_by.get(entry.key, []), edit_url, text_url_prefix))
    out.append("</div>")
    return "\n".join(out)
