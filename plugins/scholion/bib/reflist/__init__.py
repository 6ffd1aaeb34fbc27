"""Reference lists: one entry as printed (Chicago author-date, APA 7, Harvard) read into a
:class:`ParsedReference`, made into a :class:`~scholion.bib.entries.BibEntry`, matched with the entries of
``bib/*.bib`` and written as BibTeX (``python -m scholion.bib.reflist.export sources/<slug>``)."""
from scholion.bib.reflist.model import STYLES, ParsedReference
from scholion.bib.reflist.parsing import parse_reference, parse_references

__all__ = ["STYLES", "ParsedReference", "parse_reference", "parse_references"]
