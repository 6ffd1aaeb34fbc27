"""The search locations of a corpus, made from its model rather than from its pages' HTML: every body
paragraph, every note and every annotation of a text, every glossary entry and every bibliography entry
is one record, so a hit lands on ``/romano-2021/#n55`` and not at the top of a page. Pages that only repeat these
(comparisons, the overview, the indexes) make none, so no hit is counted twice."""
from __future__ import annotations

from dataclasses import dataclass, field

from scholion.annotations.anchoring import Anchoring
from scholion.annotations.loading import annotation_id
from scholion.bib.entries import Bibliography
from scholion.glossary.terms import Glossary
from scholion.html.sanitising import plain_text
from scholion.text.anchors import note_id
from scholion.text.model import Document


@dataclass(frozen=True)
class Record:
    """One search location: its URL from the site root, the words found there, and what a result shows
    of it (``title``: the text or page; ``where``: the ¶, the note, the term or the work). With
    ``heading``, ``where`` is words of the location too, ranked as a heading is: a search for a term
    or an author finds the entry before the notes that mention it."""

    url: str
    content: str
    title: str
    where: str = ""
    heading: bool = False

    @property
    def page_url(self) -> str:
        return self.url.partition("#")[0]

    @property
    def fragment(self) -> str:
        return self.url.partition("#")[2]


@dataclass(frozen=True)
class HandWrittenPage:
    """A page of ``docs/``: Pagefind reads its HTML and makes a location of each section with an id."""

    url: str
    title: str
    html: str = field(repr=False)


def text_records(slug: str, title: str, document: Document) -> list[Record]:
    """A record per body paragraph (``¶14``) and per note with words (``note 55``) of one text."""
    records = [Record(f"/{slug}/#{block.anchor}", block.text, title, f"¶{block.anchor[1:]}")
               for block in document.paragraphs if block.anchor and block.text.strip()]
    records += [Record(f"/{slug}/#{note_id(note.label)}", note.text, title, f"note {note.label}")
                for note in document.notes.values() if note.text.strip()]  # a missing note has no words to find
    return records


def annotation_records(slug: str, title: str, anchoring: Anchoring) -> list[Record]:
    """A record per annotation of one text: its words, its author and tags (the quote it marks is the
    paragraph's, found there)."""
    records = []
    for placement in anchoring.placements:
        annotation = placement.annotation
        words = " ".join([plain_text(annotation.body_html), annotation.author, *annotation.tags])
        records.append(Record(f"/{slug}/#{annotation_id(annotation.id)}", words, title,
                              f"annotation on ¶{placement.paragraph[1:]}"))
    return records


def glossary_records(glossary: Glossary, url: str = "/glossary/") -> list[Record]:
    """A record per entry: the term (as its heading), its expansion, other spellings and its definition."""
    return [Record(f"{url}#{term.slug}", " ".join([term.expansion, *term.aliases, term.definition]),
                   "Glossary", term.term, heading=True) for term in glossary]


def bibliography_records(bibliography: Bibliography, url: str = "/bibliography/") -> list[Record]:
    """A record per work: its authors and year (as its heading) and its reference as the bibliography prints it."""
    return [Record(f"{url}#{entry.key}", entry.reference_text, "Bibliography", entry.short_label, heading=True)
            for entry in bibliography.sorted_entries()]
