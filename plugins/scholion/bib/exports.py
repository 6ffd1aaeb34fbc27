"""A text's citation files for reference managers: ``/<slug>/<slug>.bib``, ``.ris`` and ``.json``
(CSL-JSON), each with the text itself first, then every work it cites, as Zotero, JabRef or a LaTeX
document import them."""
from __future__ import annotations

import json
from typing import Sequence

from scholion.bib.citing import Work, bibtex, csl_item, ris
from scholion.bib.entries import BibEntry, to_csl_json
from scholion.bib.reflist.export import latex_names, latex_text

# The files, by suffix: the name a reader's download gets, and what the page calls it.
FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "mvbook": "BOOK", "collection": "EDBOOK", "inbook": "CHAP",
              "incollection": "CHAP", "inproceedings": "CPAPER", "conference": "CPAPER", "proceedings": "CONF",
              "techreport": "RPRT", "report": "RPRT", "phdthesis": "THES", "mastersthesis": "THES", "thesis": "THES",
              "unpublished": "UNPB", "online": "ELEC", "manual": "BOOK", "booklet": "PAMP"}
_VERBATIM = {"url", "doi", "urldate"}  # read as they are: only braces would end the value
_UNSHIELDED = str.maketrans({"\ue000": "&", "\ue001": "<", "\ue002": ">"})  # to_csl_json's stand-ins, for HTML


def reference_files(work: Work, cited: Sequence[BibEntry]) -> dict[str, str]:
    """Each file's text by suffix: ``work`` (the text) and then the works ``cited``."""
    return {
        "bib": "\n\n".join([bibtex(work), *(entry_bibtex(entry) for entry in cited)]) + "\n",
        "ris": "\n".join([ris(work), *(entry_ris(entry) for entry in cited)]) + "\n",
        "json": json.dumps([csl_item(work), *(entry_csl(entry) for entry in cited)], ensure_ascii=False, indent=2) + "\n",
    }


def entry_bibtex(entry: BibEntry) -> str:
    """``entry`` as BibTeX that reads back to the same fields: its names from its persons, every other
    value escaped for LaTeX (URLs and DOIs as they are)."""
    names = "author" if entry.fields.get("author", "").strip() or not entry.fields.get("editor") else "editor"
    fields = {name: value for name, value in entry.fields.items() if value.strip() and name not in ("author", "editor")}
    lines = [f"@{entry.entry_type}{{{entry.key},"]
    if entry.persons:
        lines.append(f"  {names} = {{{latex_names(entry.persons)}}},")
    for name, value in fields.items():
        if name in _VERBATIM:
            written = value.replace("{", "%7B").replace("}", "%7D")
        elif name == "pages":
            written = latex_text(value).replace("–", "--")
        else:
            written = latex_text(value)
        lines.append(f"  {name} = {{{written}}},")
    return "\n".join(lines) + "\n}"


def entry_ris(entry: BibEntry) -> str:
    """``entry`` as one RIS record."""
    f = entry.fields
    lines = [("TY", _RIS_TYPES.get(entry.entry_type, "GEN"))]
    name_tag = "AU" if f.get("author", "").strip() or not f.get("editor") else "A2"
    lines += [(name_tag, f"{person.surname}, {person.given}" if person.given and not person.organisation else person.surname)
              for person in entry.persons]
    lines.append(("TI", f.get("title", "")))
    lines.append(("T2", f.get("journal") or f.get("journaltitle") or f.get("booktitle") or ""))
    lines.append(("PY", f"{entry.year}{entry.year_suffix}" if entry.year else ""))
    lines.append(("VL", f.get("volume", "")))
    lines.append(("IS", f.get("number", "")))
    first, _, last = f.get("pages", "").replace("--", "–").partition("–")
    lines += [("SP", first.strip()), ("EP", last.strip())]
    lines.append(("PB", f.get("publisher") or f.get("institution") or f.get("organization") or f.get("school") or ""))
    lines.append(("CY", f.get("address") or f.get("location") or ""))
    lines.append(("UR", f.get("url", "")))
    lines.append(("DO", f.get("doi", "")))
    lines.append(("N1", f.get("note", "")))
    lines.append(("ID", entry.key))
    kept = [(tag, " ".join(value.split())) for tag, value in lines if value and value.strip()]
    return "\n".join(f"{tag}  - {value}" for tag, value in kept) + "\nER  -"


def entry_csl(entry: BibEntry) -> dict:
    """``entry`` as a CSL-JSON item, its words as they are (the page's copy is shielded for HTML)."""
    return json.loads(json.dumps(to_csl_json(entry), ensure_ascii=False).translate(_UNSHIELDED))
