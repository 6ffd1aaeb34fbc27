"""A text's reference list as BibTeX: ``python -m scholion.bib.reflist.export sources/<slug>``.

Prints to stdout an entry for each reference not already in ``bib/*.bib`` (those are named on stderr,
with the entry and file that hold them), in a form :func:`scholion.bib.bibtex.load_bibliography` reads
back to the same entries. Every value is escaped for LaTeX: a reference list is untrusted text.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scholion.bib.entries import Person
from scholion.bib.reflist.conversion import BIB_TYPES, bib_fields, cited_persons
from scholion.bib.reflist.keys import reference_keys
from scholion.bib.reflist.model import STYLES, ParsedReference
from scholion.bib.reflist.parsing import parse_references

__all__ = ["bibtex_entry", "export_bibtex", "latex_names", "latex_text", "main"]

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$",
          "_": r"\_", "~": r"\textasciitilde{}",
          "^": r"\string^"}  # pylatexenc reads \textasciicircum as a modifier letter, not "^"
# Read as they are by the loader (not LaTeX): only braces would end the value.
_VERBATIM_FIELDS = frozenset({"url", "doi", "urldate"})
_NAME_FIELDS = {"author": "authors", "editor": "editors"}


def latex_text(text: str) -> str:
    """``text`` as a BibTeX value that decodes back to it: LaTeX's special characters escaped, and a
    double hyphen kept from becoming an en dash."""
    escaped = "".join(_LATEX.get(char, char) for char in text)
    return re.sub(r"-(?=-)", "-{}", escaped)


def _verbatim_value(text: str) -> str:
    return text.replace("{", "%7B").replace("}", "%7D")


def latex_names(persons: list[Person]) -> str:
    """``Aaltonen, Risto and Ho, Mei Lin``; an organisation in braces (``{World Bank}``) so that BibTeX
    reads it as one name."""
    written = []
    for person in persons:
        if person.organisation or not person.given:
            written.append("{" + latex_text(person.surname) + "}" if person.organisation else latex_text(person.surname))
        else:
            written.append(f"{latex_text(person.surname)}, {latex_text(person.given)}")
    return " and ".join(written)


def _value(name: str, value: str, reference: ParsedReference) -> str:
    if name in _NAME_FIELDS:
        return latex_names(cited_persons(getattr(reference, _NAME_FIELDS[name])))
    if name in _VERBATIM_FIELDS:
        return _verbatim_value(value)
    if name == "pages":
        return latex_text(value).replace("–", "--")
    return latex_text(value)


def bibtex_entry(reference: ParsedReference, key: str) -> str:
    """One ``@type{key, …}`` entry, its field names aligned."""
    fields = bib_fields(reference)
    width = max(len(name) for name in fields) if fields else 0
    lines = [f"@{BIB_TYPES[reference.entry_type]}{{{key},"]
    lines += [f"  {name.ljust(width)} = {{{_value(name, value, reference)}}}," for name, value in fields.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_bibtex(texts: list[str], style_hint: str | None = None) -> str:
    """The BibTeX for a reference list given as its entries' texts, in order."""
    references = parse_references(texts, style_hint)
    return "\n".join(bibtex_entry(r, key) for r, key in zip(references, reference_keys(references)))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scholion.bib.reflist.export",
                                     description="Print a text's references not yet in bib/*.bib as BibTeX.")
    parser.add_argument("source", type=Path, help="a text's folder, sources/<slug>")
    parser.add_argument("--bib", type=Path, help="the bibliography's folder (default: bib/ beside sources/)")
    parser.add_argument("--style", choices=STYLES, help="the list's style, if its entries do not tell it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Print the BibTeX of the references of the text in ``argv``'s folder not yet in the bibliography."""
    from scholion.bib.bibtex import load_bibliography
    from scholion.bib.reflist.matching import match_references
    from scholion.text.ingest import load_document

    args = _arguments(argv)
    document = load_document(args.source)
    listed = getattr(document, "references", None)
    if listed is None:
        print(f"{args.source}: this version of Scholion does not read reference lists yet", file=sys.stderr)
        return 2
    references = parse_references([item.text for item in listed], args.style)
    lines = [item.lines[0] if item.lines else None for item in listed]
    bib_folder = args.bib or args.source.resolve().parent.parent / "bib"
    bib, _ = load_bibliography(sorted(bib_folder.glob("*.bib")))
    source_file = args.source / "source.txt"
    matches, notices = match_references(references, bib, document.slug, source_file, lines)
    for notice in notices:
        print(notice, file=sys.stderr)
    matched = {match.number for match in matches}
    keys = reference_keys(references, taken=bib.entries)
    print("\n".join(bibtex_entry(reference, key) for number, (reference, key) in enumerate(zip(references, keys), start=1)
                    if number not in matched), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
