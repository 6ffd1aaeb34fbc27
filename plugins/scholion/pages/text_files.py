"""The files published beside a text's reading page: its audit page (every line of the extract beside
what became of it, for reviewers), its citation files for reference managers (BibTeX, RIS, CSL-JSON, with
the works it cites) and its TEI P5. Made together, in one call per text, so that a first build can make
them in its workers."""
from __future__ import annotations

from typing import Sequence

from scholion.annotations.anchoring import Anchoring
from scholion.bib.citing import Publication, work_from_meta
from scholion.bib.entries import Bibliography
from scholion.bib.exports import reference_files
from scholion.bib.references import TextCitations, cited_entries
from scholion.pages.audit import AUDIT_FILE, render_audit_page
from scholion.tei import tei_file_name
from scholion.tei.document import tei_document
from scholion.text.corpus import SourceText
from scholion.text.printed import paragraph_pages


def render_text_files(text: SourceText, citations: TextCitations, bibliography: Bibliography, anchoring: Anchoring,
                      publication: Publication, listed: Sequence[str]) -> dict[str, bytes]:
    """Each file's content by its path in the site; ``listed``: the bib key of each entry of the text's own reference list."""
    slug = text.slug
    work = work_from_meta(slug, text.document.meta, publication, paragraph_pages(text.document))
    cited = cited_entries(citations, bibliography)
    files = {f"{slug}/{AUDIT_FILE}": render_audit_page(text).encode()}
    for suffix, content in reference_files(work, cited).items():
        files[f"{slug}/{slug}.{suffix}"] = content.encode()
    files[f"{slug}/{tei_file_name(slug)}"] = tei_document(text, work, citations, cited, anchoring, listed)
    return files
