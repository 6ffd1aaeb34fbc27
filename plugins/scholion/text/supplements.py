"""Note texts that contributors supply where the source extract lost them.

Contract (``sources/<slug>/supplied_notes.yml``)
-----------------------------------------------
A YAML list; each entry supplies the text of one note the extract lacks (one declared under
``defects.missing_notes`` in ``source.yml``):

``note``      the note's label as its marker prints it (``61``, ``a``)
``text``      the note's words, as the printed edition has them
``source``    where they come from (the published PDF, its page; an archive copy)
``added_by``  who supplied them

The page shows a supplied note as an editorial supplement with its provenance, never as the
source's own words. A supplement for a note the extract has, or for no marker at all, is a
warning at its line.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from scholion.problems import Problem
from scholion.text.model import Note, Supplement
from scholion.text.textio import read_text
from scholion.yamlfile import Checker, compose, line

SUPPLIED_NOTES = "supplied_notes.yml"
FIELDS = ("note", "text", "source", "added_by")


def read_supplements(path: Path) -> tuple[list[tuple[str, str, Supplement]], list[Problem]]:
    """``(label, text, supplement)`` for each readable entry of ``path`` (none when it does not exist)."""
    if not path.is_file():
        return [], []
    text, problems = read_text(path)
    if text is None:
        return [], problems
    root, problems = compose(text, path)
    check = Checker(path, "supplied-note", problems)
    if root is None:
        return [], check.problems
    if not isinstance(root, yaml.SequenceNode):
        check.report(root, "not-a-list", "supplied notes must be a YAML list of entries (- note: …)")
        return [], check.problems
    supplied = []
    for node in root.value:
        entries = check.mapping(node, "each supplied note must be a mapping with " + ", ".join(FIELDS), FIELDS)
        if entries is None:
            continue
        values = {key: check.text(value_node, key, scalars=key == "note") for key, _, value_node in entries}
        missing = [name for name in FIELDS if name not in values]
        if missing:
            check.report(node, "missing-key", f"supplied note is missing {', '.join(missing)}")
        if missing or None in values.values():
            continue
        supplied.append((values["note"], values["text"], Supplement(values["source"], values["added_by"], line(node))))
    return supplied, check.problems


def supply_notes(notes: dict[str, Note], source_dir: Path) -> list[Problem]:
    """Give each missing note of ``notes`` the text supplied for it; the problems of the file."""
    path = source_dir / SUPPLIED_NOTES
    supplied, problems = read_supplements(path)
    for label, text, supplement in supplied:
        note = notes.get(label)
        if note is None:
            problems.append(Problem(path, supplement.line, f"note {label} is supplied, but the text has no marker {label}",
                                    code="supplied-note.no-marker"))
        elif note.status == "supplied":
            problems.append(Problem(path, supplement.line, f"note {label} is supplied twice (first on line "
                                    f"{note.supplement.line}); keep one", code="supplied-note.twice"))
        elif note.status != "missing":
            problems.append(Problem(path, supplement.line, f"note {label} is supplied, but the extract has its text: "
                                    "a supplement is only for a note declared under defects.missing_notes",
                                    code="supplied-note.not-missing"))
        else:
            note.text, note.status, note.supplement = text, "supplied", supplement
    return problems
