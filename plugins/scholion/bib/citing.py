"""Citing a text or one of its paragraphs: the styles a reader chooses (:mod:`scholion.bib.styles`),
BibTeX, CSL-JSON, RIS, Highwire tags.

A citation of a paragraph carries a locator (``p. 5, ¶14``: the printed page where the extract shows
one, and the paragraph) and the stable URL of that paragraph (``…/romano-2021/#p14``: ids are locked,
see ``anchors``); every citation names the corpus's version when it has one (the wording of a
paragraph may be corrected later) and, once a reader's browser fills it in, the day it was accessed.
Everything is computed here from ``source.yml``; the page carries

* Highwire Press ``citation_*`` meta tags (``highwire_meta``) for Zotero,
  Mendeley and Google Scholar;
* a "Cite this text" box with the formats (:func:`scholion.pages.reading.cite_box`), and
  ``citation_data``: each style and format as a template with ``{{N}}`` standing for the paragraph
  number, ``{{LOC}}`` for its locator (made of the paragraph's and its printed page's forms, the
  corpus's own or a style's) and ``{{ACCESSED}}`` (2026-12-07) or a style's ``{{DAY}}``,
  ``{{MONTH}}``, ``{{YEAR}}`` for the day, which ``assets/cite.js`` fills in when a reader cites.
  So the formats are written once, in Python.

This module does not import MkDocs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from scholion.bib import styles
from scholion.bib.styles import LOCATOR, PAGE, PARAGRAPH as PLACEHOLDER, LocatorForms
from scholion.text.folding import fold

ACCESSED = "{{ACCESSED}}"  # the day a reader cites, ISO 8601
# The corpus's own locator (BibTeX, RIS, CSL-JSON): ``p. 5, ¶14``, ``pp. 5–6, ¶15``, ``¶16``.
CORPUS_LOCATOR = LocatorForms(paragraph=f"¶{PLACEHOLDER}", page=f"p. {PAGE}, ", pages=f"pp. {PAGE}, ")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten", "ter", "al", "el"}


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""

    @classmethod
    def parse(cls, name: str) -> "Name":
        """``"Angela Romano"`` or ``"Romano, Angela"`` → Name("Romano", "Angela"); keeps ``von der`` with the family name."""
        name = " ".join(name.split())
        if "," in name:
            family, given = (part.strip() for part in name.split(",", 1))
            return cls(family, given)
        words = name.split(" ")
        if len(words) == 1:
            return cls(words[0])
        start = len(words) - 1
        while start > 1 and words[start - 1].lower() in PARTICLES:
            start -= 1
        return cls(" ".join(words[start:]), " ".join(words[:start]))

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def natural(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass
class Work:
    slug: str
    title: str
    authors: list[Name]
    year: int
    url: str  # the reading page, absolute when site_url is set
    month: int | None = None
    institution: str = ""  # publisher, or else the author's affiliation
    series: str = ""
    number: str = ""
    language: str = ""
    corpus: str = ""  # the site's name
    version: str = ""  # of the corpus: a release tag or the plugin's ``version``
    pages: dict[str, str] = field(default_factory=dict)  # printed page(s) by paragraph id (``text.printed``)
    extra: dict = field(default_factory=dict)

    def paragraph_url(self, number: str) -> str:
        return f"{self.url}#p{number}"

    def locator(self, number: str) -> str:
        """``p. 5, ¶14``, ``pp. 5–6, ¶14``, or ``¶14`` where no printed page is known."""
        if number == PLACEHOLDER:
            return LOCATOR
        page = self.pages.get(f"p{number}")
        if not page:
            return f"¶{number}"
        return f"{'pp.' if '–' in page else 'p.'} {page}, ¶{number}"


def _month(value: object) -> int | None:
    if isinstance(value, int) and 1 <= value <= 12:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit() and 1 <= int(text) <= 12:
            return int(text)
        for index, month in enumerate(MONTHS, start=1):
            if len(text) >= 3 and month.startswith(text):
                return index
    return None


@dataclass(frozen=True)
class Publication:
    """Where and as what the corpus is published: what every citation of its texts names."""

    site_url: str | None = None  # absolute URLs in citations and meta tags; site-relative without
    name: str = ""  # the corpus (the site's name)
    version: str = ""  # a release tag or the plugin's ``version`` setting


def page_url(site_url: str | None, slug: str) -> str:
    """Absolute URL of a reading page (``site_url`` from mkdocs.yml), or site-relative without one."""
    base = (site_url or "/").rstrip("/") + "/"
    return f"{base}{slug}/"


def work_from_meta(slug: str, meta: dict, publication: Publication, pages: dict[str, str] | None = None) -> Work:
    """The text of ``source.yml``'s ``meta`` as published; ``pages``: its paragraphs' printed pages."""
    return Work(
        slug=slug,
        title=str(meta.get("title", slug)).strip(),
        authors=[Name.parse(a) for a in meta.get("authors", [])],
        year=int(meta.get("year", 0) or 0),
        url=page_url(publication.site_url, slug),
        month=_month(meta.get("month")),
        institution=str(meta.get("publisher") or meta.get("affiliation") or "").strip(),
        series=str(meta.get("series") or "").strip(),
        number=str(meta.get("number") or "").strip(),
        language=str(meta.get("language") or "").strip(),
        corpus=publication.name,
        version=publication.version,
        pages=pages or {},
    )


# ---------------------------------------------------------------- BibTeX

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex_key(work: Work, paragraph: str | None = None) -> str:
    family = work.authors[0].family if work.authors else work.slug
    key = re.sub(r"[^a-z0-9]", "", fold(family)) or "text"
    return f"{key}{work.year}" + (f"-p{paragraph}" if paragraph else "")


def bibtex(work: Work, paragraph: str | None = None, accessed: bool = False) -> str:
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(_bib(a.inverted) for a in work.authors)),
        ("title", "{" + _bib(work.title) + "}"),  # double braces keep the title's capitals
        ("institution", _bib(work.institution)),
        ("type", _bib(work.series)),
        ("number", _bib(work.number)),
        ("year", str(work.year)),
        ("month", MONTHS[work.month - 1][:3] if work.month else ""),
        ("url", work.paragraph_url(paragraph) if paragraph else work.url),
        ("urldate", ACCESSED if accessed else ""),
        ("version", _bib(work.version)),
        ("note", work.locator(paragraph) if paragraph else ""),  # page numbers and ¶: nothing to escape
        ("language", _bib(work.language)),
    ]
    body = []
    for name, value in fields:
        if not value:
            continue
        body.append(f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},")
    return f"@techreport{{{bibtex_key(work, paragraph)},\n" + "\n".join(body) + "\n}"


# ---------------------------------------------------------------- CSL-JSON


def csl_item(work: Work, paragraph: str | None = None, accessed: bool = False) -> dict:
    """A CSL-JSON item (type ``report``: "a report, white paper, brief…"), in the corpus (``container-title``)
    whose ``version`` it names. The paragraph is in ``URL``, its locator in ``note`` (CSL keeps a citation's
    locator out of the item). The series is the report's ``genre`` (Zotero's "Report Type"), which the
    styles write with its number: ``ORF Issue Brief No. 451``."""
    issued = [work.year] + ([work.month] if work.month else [])
    item: dict = {
        "id": bibtex_key(work, paragraph),
        "type": "report",
        "title": work.title,
        "author": [{"family": a.family, "given": a.given} if a.given else {"literal": a.family} for a in work.authors],
        "issued": {"date-parts": [issued]},
        "URL": work.paragraph_url(paragraph) if paragraph else work.url,
    }
    if work.institution:
        item["publisher"] = work.institution
    if work.series:
        item["genre"] = work.series
    if work.corpus:
        item["container-title"] = work.corpus
    if work.number:
        item["number"] = work.number
    if work.language:
        item["language"] = work.language
    if work.version:
        item["version"] = work.version
    if accessed:
        item["accessed"] = {"raw": ACCESSED}
    if paragraph:
        item["note"] = work.locator(paragraph)
    return item


def csl_json(work: Work, paragraph: str | None = None, accessed: bool = False) -> str:
    return json.dumps([csl_item(work, paragraph, accessed)], ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- RIS


def ris(work: Work, paragraph: str | None = None, accessed: bool = False) -> str:
    lines = [("TY", "RPRT")]
    lines += [("AU", a.inverted) for a in work.authors]
    lines.append(("TI", work.title))
    if work.series:
        lines.append(("T3", work.series))
    if work.number:
        lines.append(("SN", work.number))
    lines.append(("PY", str(work.year)))
    if work.month:
        lines.append(("DA", f"{work.year}/{work.month:02d}//"))
    if work.institution:
        lines.append(("PB", work.institution))
    lines.append(("UR", work.paragraph_url(paragraph) if paragraph else work.url))
    if accessed:
        lines.append(("Y2", ACCESSED))  # the access date, as Zotero writes it
    if work.version:
        lines.append(("ET", work.version))  # the edition: Zotero's field for a version
    if work.language:
        lines.append(("LA", work.language))
    if paragraph:
        lines.append(("N1", f"Cited: {work.locator(paragraph)}"))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}" for tag, value in lines)


# ---------------------------------------------------------------- on the page

FORMATS = (  # key, label, function: for reference managers, beside the styles
    ("bibtex", "BibTeX", bibtex),
    ("csl-json", "CSL-JSON", csl_json),
    ("ris", "RIS", ris),
)


def formats(work: Work, paragraph: str | None = None, accessed: bool = False) -> dict[str, str]:
    """Each format; with ``accessed``, templates holding the access date's placeholder."""
    return {key: function(work, paragraph, accessed) for key, _, function in FORMATS}


def styled(work: Work) -> dict[str, styles.Cited]:
    """The text in each style, by the style's key."""
    item = csl_item(work)
    return {style.key: styles.cite(style, item) for style in styles.STYLES}


def citation_data(work: Work, cited: dict[str, styles.Cited]) -> dict:
    """What cite.js fills in: the text and "paragraph {{N}}" in each style (``cited``: :func:`styled`) and
    format as templates, how each writes a locator, and the printed page of each paragraph that has one."""
    return {
        "slug": work.slug,
        "title": work.title,
        "url": work.url,
        "labels": {key: label for key, label, _ in FORMATS},
        "text": formats(work, accessed=True),
        "paragraph": formats(work, PLACEHOLDER, accessed=True),
        "locator": CORPUS_LOCATOR.as_dict(),
        "pages": {anchor[1:]: page for anchor, page in work.pages.items()},
        "styles": {style.key: {"label": style.label,
                               "text": {"reference": cited[style.key].accessed, "in-text": cited[style.key].in_text},
                               "paragraph": {"reference": cited[style.key].paragraph,
                                             "in-text": cited[style.key].paragraph_in_text},
                               "locator": styles.locator_forms(style).as_dict(),
                               "months": list(styles.month_names(style))}
                   for style in styles.STYLES},
    }


def highwire_meta(work: Work) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (Highwire Press), as Zotero and Google Scholar read them."""
    tags: list[tuple[str, str]] = [("citation_title", work.title)]
    tags += [("citation_author", a.inverted) for a in work.authors]
    date = f"{work.year}/{work.month:02d}" if work.month else str(work.year)
    tags.append(("citation_publication_date", date))
    if work.institution:
        tags.append(("citation_technical_report_institution", work.institution))
        tags.append(("citation_publisher", work.institution))
    if work.number:
        tags.append(("citation_technical_report_number", work.number))
    if work.series:
        tags.append(("citation_series_title", work.series))
    if work.language:
        tags.append(("citation_language", work.language))
    tags.append(("citation_public_url", work.url))
    tags.append(("citation_abstract_html_url", work.url))
    tags.append(("citation_fulltext_html_url", work.url))
    return tags


def schema_org(work: Work, corpus_url: str) -> dict:
    """The text as schema.org describes it (JSON-LD), part of the corpus (``work.corpus``, at
    ``corpus_url``): a ``Report`` when it belongs to a series or has a number (a policy brief), a
    ``ScholarlyArticle`` otherwise."""
    data: dict = {"@context": "https://schema.org",
                  "@type": "Report" if work.series or work.number else "ScholarlyArticle",
                  "headline": work.title, "name": work.title, "url": work.url,
                  "author": [{"@type": "Person", "name": name.natural} for name in work.authors],
                  "datePublished": f"{work.year}-{work.month:02d}" if work.month else str(work.year),
                  "isPartOf": corpus_schema_org(work.corpus, corpus_url)}
    if work.institution:
        data["publisher"] = {"@type": "Organization", "name": work.institution}
    if work.number:
        data["reportNumber"] = work.number
    if work.language:
        data["inLanguage"] = work.language
    if work.version:
        data["version"] = work.version
    return data


def corpus_schema_org(name: str, url: str, texts: list[dict] | None = None) -> dict:
    """The corpus as a schema.org ``Collection``; with ``texts`` (each a :func:`schema_org`), what it holds."""
    data: dict = {"@type": "Collection", "name": name, "url": url}
    if texts is not None:
        data = {"@context": "https://schema.org", **data,
                "hasPart": [{key: value for key, value in text.items() if key not in ("@context", "isPartOf")} for text in texts]}
    return data


def json_ld_script_body(data: dict) -> str:
    """``data`` as the body of a ``<script type="application/ld+json">``: no ``<``, ``>`` or ``&`` left to
    end the element or open a comment, whatever a contributor wrote (JSON reads the escapes back)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
