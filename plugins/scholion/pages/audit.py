"""The audit page of a text: every line of its extract beside what became of it, for reviewers.

A page of its own (``/<slug>/audit.html``), outside the navigation and the search index, linked from
the reading page's "About this edition". It shows what :func:`scholion.text.audit.audit` finds.
"""
from __future__ import annotations

from scholion.pages.templating import render
from scholion.text.audit import audit
from scholion.text.corpus import SourceText

AUDIT_FILE = "audit.html"


def render_audit_page(text: SourceText) -> str:
    """The whole HTML document of the audit of ``text``."""
    raw = (text.source_dir / "source.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = audit(text.document, raw)
    unread = sum(line.role == "UNREAD" for line in lines)
    return render("audit.html", title=text.title, slug=text.slug, lines=lines, unread=unread,
                  found=text.document.layout, problems=[str(problem) for problem in text.problems])
