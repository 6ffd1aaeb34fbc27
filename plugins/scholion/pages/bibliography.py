"""The ``/bibliography/`` page: every entry of ``bib/*.bib``, with the notes that cite it.

Entry ids are the bib keys (a published contract: ``/bibliography/#casier-2018``).
Entries are formatted by :func:`scholion.bib.entries.format_entry_html` (which escapes field
text); ``bibliography.html`` escapes everything else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from scholion.bib.entries import BibEntry, Bibliography
from scholion.bib.references import CitingNote
from scholion.pages.templating import render
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS

__all__ = ["render_bibliography_page", "INCOMPLETE_LABEL"]

INCOMPLETE_LABEL = "incomplete entry — help complete it"

CitedBy = Mapping[str, Sequence[CitingNote]]


def _safe_href(href: str) -> str:
    """Keep relative links and http(s)/mailto; anything else (``javascript:``…) becomes ``#``."""
    href = href.strip()
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", href)
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return "#"
    return href


@dataclass
class _Shown:
    """An entry as ``bibliography.html`` shows it."""

    entry: BibEntry
    notes: Sequence[CitingNote]  # every note citing it
    texts: list[list[CitingNote]]  # the notes by citing text, when more texts cite it than notes are listed for
    edit_href: str | None  # where to complete an incomplete entry


def _shown(entry: BibEntry, notes: Sequence[CitingNote], edit_url: Callable[[BibEntry], str] | None) -> _Shown:
    texts: dict[str, list[CitingNote]] = {}
    for note in notes:
        texts.setdefault(note.slug, []).append(note)
    # A work cited by many texts links each text once.
    by_text = list(texts.values()) if len(texts) > SIDE_BY_SIDE_MAX_TEXTS else []
    return _Shown(entry, notes, by_text, _safe_href(edit_url(entry)) if edit_url is not None else None)


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
    return render(
        "bibliography.html",
        entries=[_shown(entry, cited_by.get(entry.key, []), edit_url) for entry in entries],
        downloads=[(_safe_href(bib_base + name), name) for name in bib_files],
        incomplete=sum(1 for e in entries if e.incomplete),
        incomplete_label=INCOMPLETE_LABEL,
        prefix=text_url_prefix,
    )
