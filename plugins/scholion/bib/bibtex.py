"""Read ``bib/*.bib`` into a :class:`~scholion.bib.entries.Bibliography`.

Contributors add works by pull request, so everything here treats BibTeX as untrusted input: a
broken file becomes :class:`~scholion.text.model.Problem`\\ s with file and line, never a traceback.

``bibtexparser`` 2 (pinned 2.0.0b8) parses: it keeps going after a broken block and hands the
broken blocks back as ``library.failed_blocks`` (with the line and the reason), and it reports
duplicate keys and duplicate fields as blocks of their own. That is exactly what a
contributor-facing ``--strict`` build needs. Its name splitter handles ``von`` parts (``van
Schaik``) and braced corporate names (``{{Tass}}``); pylatexenc (a bibtexparser dependency) decodes
``G{\\"o}tz`` to ``Götz``. A build imports this module only when its cache lacks the parsed
bibliography: bibtexparser takes longer to import than the cached bibliography takes to read.

This module never imports mkdocs.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from functools import lru_cache
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
    ImplicitComment,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)

from scholion.bib.entries import ISO_DATE, BibEntry, Bibliography, Person
from scholion.problems import Problem

__all__ = ["load_bibliography"]

_YEAR = re.compile(r"^\s*(\d{4})([a-z]?)\s*$")
_TRUE = {"true", "yes", "1"}
# Fields whose values are not LaTeX (decoding would eat ``%`` or ``~``).
_VERBATIM_FIELDS = {"url", "doi", "file", "urldate", "eprint"}
_NAME_FIELDS = ("author", "editor")


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
            problems.append(Problem(path, line, f"{where}: cannot read the name {name!r}: {error}",
                                    code="bib.name-unreadable"))
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
        return Problem(path, line, f"duplicate entry key '{block.key}'{where}; every key must be unique",
                       code="bib.key-duplicate")
    if isinstance(block, DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        key = getattr(entry, "key", "?")
        fields = ", ".join(sorted(block.duplicate_keys))
        return Problem(path, line, f"entry '{key}' has the field(s) {fields} more than once; keep one",
                       code="bib.field-duplicate")
    if isinstance(block, MiddlewareErrorBlock):
        return Problem(path, line, f"could not process this BibTeX block: {block.error}",
                       code="bib.block-unprocessable")
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__
    hint = ""
    if "Unexpected block start" in reason or "closing" in reason or "end of file" in reason.lower():
        hint = " (check for an unbalanced '{' or '}' or a missing comma)"
    return Problem(path, line, f"could not parse this BibTeX entry: {reason.strip()}{hint}",
                   code="bib.entry-unparsable")


def _stray_braces(block: ImplicitComment, path: Path) -> list[Problem]:
    """A brace between entries: BibTeX takes it as a comment, but it is an entry closed too early or a
    leftover of one, so what follows it is lost in silence."""
    problems = []
    for offset, text in enumerate(block.comment.split("\n")):
        if ("{" in text or "}" in text) and not text.lstrip().startswith("%"):
            brace = "}" if "}" in text else "{"
            problems.append(Problem(path, (block.start_line or 0) + 1 + offset,
                                    f"a stray '{brace}' outside any entry: check the braces of the entry above "
                                    f"(one closed too early?) or remove it", code="bib.stray-brace"))
    return problems


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, None, f"cannot read the file: {error.strerror or error}",
                                code="bib.file-unreadable"))
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
            code="bib.file-not-utf8",
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
            problems.append(Problem(path, line, f"entry '{key}': year {raw_year!r} is not a four-digit year",
                                    code="bib.year-invalid"))
    raw_date = fields.get("date", "").strip()
    if raw_date:
        match = ISO_DATE.match(raw_date)
        if not match:
            problems.append(Problem(path, line, f"entry '{key}': date {raw_date!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                                    code="bib.date-invalid"))
        elif not year:
            year = match.group(1)
        elif match.group(1) != year:
            problems.append(Problem(path, line, f"entry '{key}': year {year} and date {raw_date} disagree",
                                    code="bib.date-disagrees"))
    explicit = fields.get("yearsuffix", "").strip()
    if explicit:
        if re.fullmatch(r"[a-z]", explicit):
            if suffix and suffix != explicit:
                problems.append(Problem(path, line, f"entry '{key}': year suffix {suffix!r} and yearsuffix {explicit!r} disagree",
                                        code="bib.yearsuffix-disagrees"))
            suffix = explicit
        else:
            problems.append(Problem(path, line, f"entry '{key}': yearsuffix must be one letter a–z, not {explicit!r}",
                                    code="bib.yearsuffix-invalid"))
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
    are not UTF-8, unreadable names, malformed years, a stray brace between entries, no year
    unless the entry is marked incomplete. An entry with neither
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
            problems.append(Problem(path, None, f"BibTeX parser gave up on this file: {error}",
                                    code="bib.file-unparsable"))
            continue
        for block in library.failed_blocks:
            problems.append(_problem_for_failed(block, path))
        for block in library.blocks:
            if isinstance(block, ImplicitComment):
                problems += _stray_braces(block, path)
        for block in library.entries:
            entry = _entry(block, path, problems)
            if entry is None:
                continue
            if entry.key in bib.entries:
                first = bib.entries[entry.key]
                problems.append(Problem(
                    path, entry.line,
                    f"entry key '{entry.key}' is already used in {first.file}:{first.line}; keys must be unique across bib/",
                    code="bib.key-duplicate",
                ))
                continue
            if not entry.year and not entry.incomplete:  # works are cited by author and year
                problems.append(Problem(path, entry.line, f"entry '{entry.key}' has no year (or date); add it, or mark "
                                        f"an undated work incomplete = {{true}}", code="bib.year-missing"))
            if not entry.surnames and not entry.fields.get("title") and not entry.fields.get("url"):
                problems.append(Problem(path, entry.line, f"entry '{entry.key}' has no author, editor, title or url",
                                        code="bib.entry-uncitable"))
            bib.entries[entry.key] = entry
    return bib, problems
