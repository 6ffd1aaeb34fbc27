"""The whole corpus: every ``sources/<slug>/`` text, loaded, anchored and rendered.

This is what the MkDocs plugin drives; it knows nothing of MkDocs.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from scholion.text.anchors import Assignment, Lock, anchor_document, assign, write_lock
from scholion.text.ingest import load_document
from scholion.text.model import Document
from scholion.problems import Problem
from scholion.pages.render import Enricher, Heading, RenderedPage, render_document


@dataclass
class SourceText:
    source_dir: Path
    document: Document
    assignment: Assignment
    problems: list[Problem]
    lock_ok: bool = False  # anchors.json could be read and checked

    @property
    def slug(self) -> str:
        return self.document.slug

    @property
    def title(self) -> str:
        return self.document.meta.get("title", self.slug)


def source_dirs(root: Path) -> list[Path]:
    """Every folder under ``root`` holding a ``source.txt`` or ``source.yml``, sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and ((p / "source.txt").exists() or (p / "source.yml").exists()))


def load_text(source_dir: Path, *, update_lock: bool) -> SourceText:
    """The text in ``source_dir``, parsed. With ``update_lock``, new and moved paragraph ids are
    written to its ``anchors.json``."""
    text = parse_text(source_dir)
    if update_lock:
        update_anchor_lock(text)
    return text


def parse_text(source_dir: Path) -> SourceText:
    """Read, clean and anchor one text; touches no file."""
    document = load_document(source_dir)
    problems = list(document.problems)
    if not document.meta:
        # source.yml or source.txt could not be read, and the problems say why. Checking the lock
        # against no paragraphs would report every published id as lost and bury the real error.
        return SourceText(source_dir, document, assign([], Lock()), problems)
    paragraphs = document.paragraphs
    assignment, lock_problems = anchor_document([p.text for p in paragraphs], source_dir)
    problems += lock_problems
    for block, pid in zip(paragraphs, assignment.ids):
        block.anchor = pid
    document.stats["paragraph_ids_added"] = len(assignment.added)
    document.stats["paragraph_ids_remapped"] = len(assignment.remapped)
    return SourceText(source_dir, document, assignment, problems, lock_ok=not lock_problems)


def update_anchor_lock(text: SourceText) -> None:
    """Record new and moved paragraph ids in ``anchors.json``, unless an id was lost or the lock is broken."""
    if text.document.meta and text.lock_ok and not text.assignment.lost:
        write_lock(text.source_dir / "anchors.json", text.assignment.lock([p.text for p in text.document.paragraphs]))


def summary_line(text: SourceText) -> str:
    stats = text.document.stats
    keys = ("paragraphs", "markers", "notes_linked", "notes_missing", "notes_fragment", "figures", "pull_quotes",
            "lost_line_gaps", "running_heads", "echoed_urls", "paragraph_ids_added", "paragraph_ids_remapped")
    figures = ", ".join(f"{key.replace('_', ' ')}: {stats.get(key, 0)}" for key in keys)
    found = "; ".join(f"{what}: {how}" for what, how in text.document.layout.items())
    return f"{text.slug}: {figures}, problems: {len(text.problems)}; read as {found}"


def render_text_page(text: SourceText, enricher: Enricher | None = None, sections: list[tuple[Heading, str]] = (),
                     header: str = "") -> RenderedPage:
    """The reading page; ``sections`` (heading, HTML) follow the notes, e.g. the reference list;
    ``header`` (HTML) follows the title block, e.g. the "Cite this text" box."""
    page = render_document(text.document, enricher, text.assignment.redirects)
    meta = text.document.meta
    parts = [f"<h1>{html.escape(text.title)}</h1>", f'<p class="text-meta">{html.escape(_byline(meta))}</p>']
    parts.append(_edition_note(text))
    if header:
        parts.append(header)
    page.html = "\n".join(parts) + "\n" + page.html
    if text.document.notes:
        page.headings.append(Heading(2, "notes", "Notes"))
    for heading, section in sections:
        if section:
            page.html += "\n" + section
            page.headings.append(heading)
    return page


def _byline(meta: dict) -> str:
    parts = [", ".join(meta.get("authors", [])), str(meta.get("year", ""))]
    series = " ".join(str(meta[k]) for k in ("series",) if meta.get(k))
    if series and meta.get("number"):
        series += f" No. {meta['number']}"
    parts += [p for p in (series, meta.get("publisher"), meta.get("affiliation")) if p]
    return " · ".join(p for p in parts if p)


def _edition_note(text: SourceText) -> str:
    stats = text.document.stats
    description = text.document.meta.get("defects_description", "")
    rows = [
        f"{stats.get('paragraphs', 0)} paragraphs, each with a stable ¶ link for citation",
        f"{stats.get('markers', 0)} note markers; {stats.get('notes_missing', 0)} note texts are missing from the source extract"
        + (f" and {stats['notes_fragment']} are incomplete" if stats.get("notes_fragment") else ""),
    ]
    if stats.get("lost_line_gaps"):
        rows.append(f"{stats['lost_line_gaps']} places where the extract lost lines are marked […]")
    if stats.get("pull_quotes"):
        rows.append(f"{stats['pull_quotes']} pull quotes (which repeat the text) are set aside in the margin")
    items = "".join(f"<li>{html.escape(row)}</li>" for row in rows)
    extra = f"<p>{html.escape(description)}</p>" if description else ""
    return (
        '<details class="info edition-note"><summary>About this edition</summary>'
        f"<p>This page is generated from the raw text extract of the publication. Page furniture is removed; "
        f"nothing of the text is rewritten.</p>{extra}<ul>{items}</ul></details>"
    )


def render_texts_index(texts: list[SourceText]) -> RenderedPage:
    """``/texts/``: every text of the corpus, so the navigation need not list them all."""
    rows = []
    for text in texts:
        stats = text.document.stats
        rows.append(
            f'<tr><td><a href="../{text.slug}/">{html.escape(text.title)}</a></td>'
            f"<td>{html.escape(_byline(text.document.meta))}</td>"
            f"<td>{stats.get('paragraphs', 0)}</td><td>{stats.get('markers', 0)}</td></tr>"
        )
    table = (
        '<table class="texts-index"><thead><tr><th scope="col">Text</th><th scope="col">Author, year, publisher</th>'
        '<th scope="col">Paragraphs</th><th scope="col">Notes</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
    )
    intro = f"<p>The corpus holds {len(texts)} text{'s' if len(texts) != 1 else ''}.</p>"
    return RenderedPage("<h1>Texts</h1>\n" + intro + "\n" + table)

