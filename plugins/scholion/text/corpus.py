"""The whole corpus: every ``sources/<slug>/`` text, loaded and anchored.

This is what the MkDocs plugin drives; it knows nothing of MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scholion.text.anchors import Assignment, Lock, anchor_document, assign, write_lock
from scholion.text.ingest import load_document
from scholion.text.model import Document
from scholion.problems import Problem


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
    keys = ("paragraphs", "markers", "notes_linked", "notes_missing", "notes_supplied", "notes_fragment", "figures", "pull_quotes",
            "lost_line_gaps", "running_heads", "echoed_urls", "paragraph_ids_added", "paragraph_ids_remapped")
    figures = ", ".join(f"{key.replace('_', ' ')}: {stats.get(key, 0)}" for key in keys)
    found = "; ".join(f"{what}: {how}" for what, how in text.document.layout.items())
    return f"{text.slug}: {figures}, problems: {len(text.problems)}; read as {found}"
