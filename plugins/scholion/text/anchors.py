"""Stable paragraph ids: ``p<N>`` locked in ``sources/<slug>/anchors.json``.

A published id never disappears. After a fix to the source text each locked id
is re-mapped to the paragraph that still holds its words (exact match first,
then word overlap, keeping reading order); new paragraphs get fresh numbers
that were never used before; a paragraph that is really gone must be retired
in the lock with a redirect to a living id. Any other loss is reported.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scholion.problems import Problem

LOCK_NAME = "anchors.json"
# A paragraph keeps its id when this share of the shorter text's words is shared.
MIN_CONTAINMENT = 0.6
# …and the overlap is not a sliver of a much longer paragraph.
MIN_OVERLAP = 0.3


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@dataclass
class Lock:
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (id, text) in reading order
    retired: dict[str, str] = field(default_factory=dict)  # id → id it redirects to
    next_number: int = 1

    def to_data(self) -> dict:
        """The lock as its JSON file holds it."""
        return {
            "about": "Locked paragraph ids. Do not renumber; retire a removed paragraph with a redirect.",
            "next": self.next_number,
            "paragraphs": [{"id": pid, "text": text} for pid, text in self.paragraphs],
            "retired": dict(sorted(self.retired.items(), key=lambda item: int(item[0][1:]))),
        }


def read_lock(path: Path) -> tuple[Lock, list[Problem]]:
    if not path.exists():
        return Lock(), []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [(str(p["id"]), str(p["text"])) for p in data.get("paragraphs", [])]
        retired = {str(k): str(v) for k, v in (data.get("retired") or {}).items()}
        ids = [pid for pid, _ in paragraphs] + list(retired)
        bad = [pid for pid in ids if not re.fullmatch(r"p[1-9]\d*", pid)]
        if bad:
            return Lock(), [Problem(path, None, f"invalid paragraph id(s) {', '.join(bad)}; ids look like p12")]
        highest = max((int(pid[1:]) for pid in ids), default=0)
        return Lock(paragraphs, retired, max(int(data.get("next", 1)), highest + 1)), []
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        line = getattr(error, "lineno", None)
        return Lock(), [Problem(path, line, f"unreadable anchor lock ({error}); restore it from version control")]


@dataclass
class Assignment:
    ids: list[str]  # one per current paragraph
    remapped: list[tuple[str, float]]  # ids whose text changed, with their similarity
    added: list[str]
    lost: list[str]  # locked ids with no paragraph and no retirement
    redirects: dict[str, str]  # retired id → living id it lands on
    retired: dict[str, str] = field(default_factory=dict)  # the lock's retirements, kept as they are
    next_number: int = 1
    lost_paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (id, locked text) of the lost ids

    def lock(self, texts: list[str]) -> Lock:
        """The lock to keep from now on, given the paragraph texts the ids were assigned to. (Built
        on demand rather than kept: it would hold a second copy of every paragraph of the corpus.)"""
        # Lost ids stay in the lock so the loss is reported until someone retires them.
        return Lock(list(zip(self.ids, texts)) + self.lost_paragraphs, dict(self.retired), self.next_number)


def _similarity(old: Counter, new: Counter) -> tuple[float, int]:
    shared = sum((old & new).values())
    smaller = min(sum(old.values()), sum(new.values())) or 1
    larger = max(sum(old.values()), sum(new.values())) or 1
    if shared / larger < MIN_OVERLAP:
        return 0.0, shared
    return shared / smaller, shared


def assign(texts: list[str], lock: Lock) -> Assignment:
    """Give each current paragraph text its locked id, or a new one."""
    old = lock.paragraphs
    old_keys = [" ".join(words(t)) for _, t in old]
    new_keys = [" ".join(words(t)) for t in texts]
    match: dict[int, int] = {}  # new index → old index

    # 1. Unchanged paragraphs, in order (a duplicate text pairs with its first free twin).
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        by_key.setdefault(key, []).append(i)
    for j, key in enumerate(new_keys):
        if by_key.get(key):
            match[j] = by_key[key].pop(0)

    # 2. Edited paragraphs: best word overlap first, never crossing an existing pair.
    free_old = [i for i in range(len(old)) if i not in match.values()]
    free_new = [j for j in range(len(texts)) if j not in match]
    old_bags = {i: Counter(old_keys[i].split()) for i in free_old}
    new_bags = {j: Counter(new_keys[j].split()) for j in free_new}
    candidates = []
    for i in free_old:
        for j in free_new:
            score, shared = _similarity(old_bags[i], new_bags[j])
            if score >= MIN_CONTAINMENT:
                # Most shared words first: after a split the id stays with the larger part.
                candidates.append((shared * score, -abs(i - j), i, j, score))
    candidates.sort(reverse=True)
    taken_old: set[int] = set()
    similarity: dict[int, float] = {}  # new index → similarity of an edited paragraph to its old text
    for _, _, i, j, score in candidates:
        if i in taken_old or j in match:
            continue
        if any((j2 < j) != (i2 < i) for j2, i2 in match.items()):
            continue  # keeps reading order: ids never swap places
        match[j] = i
        taken_old.add(i)
        similarity[j] = score

    next_number = lock.next_number
    ids: list[str] = []
    added: list[str] = []
    remapped: list[tuple[str, float]] = []
    for j, text in enumerate(texts):
        if j in match:
            pid = old[match[j]][0]
            if j in similarity:
                remapped.append((pid, round(similarity[j], 3)))
        else:
            pid = f"p{next_number}"
            next_number += 1
            added.append(pid)
        ids.append(pid)

    living = set(ids)
    lost = [pid for k, (pid, _) in enumerate(old) if k not in match.values() and pid not in lock.retired]
    redirects: dict[str, str] = {}
    for pid in lock.retired:
        target, seen = lock.retired[pid], {pid}
        while target in lock.retired and target not in seen:
            seen.add(target)
            target = lock.retired[target]
        if target in living:
            redirects[pid] = target
    lost_paragraphs = [(pid, text) for pid, text in old if pid in lost]
    return Assignment(ids, remapped, added, lost, redirects, dict(lock.retired), next_number, lost_paragraphs)


def write_lock(path: Path, lock: Lock) -> bool:
    """Write the lock atomically unless the file holds it already; return whether the file changed."""
    data = lock.to_data()
    try:
        # Compared as data, not as text: formatting JSON with an indent is slow (pure Python), and
        # every build checks every text's lock.
        if json.loads(path.read_text(encoding="utf-8")) == data:
            return False
    except (OSError, ValueError):  # missing or unreadable: write it
        pass
    content = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".anchors-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(content)
    os.replace(temporary, path)
    return True


def anchor_document(paragraph_texts: list[str], source_dir: Path) -> tuple[Assignment, list[Problem]]:
    """Assign ids for one text against its lock and report what a citing author would lose."""
    path = source_dir / LOCK_NAME
    lock, problems = read_lock(path)
    if problems:
        return assign(paragraph_texts, Lock()), problems
    result = assign(paragraph_texts, lock)
    for pid in result.lost:
        text = dict(lock.paragraphs)[pid]
        problems.append(Problem(path, None, f"published paragraph id {pid} (“{text[:60]}…”) no longer matches any paragraph; "
                                f"if the paragraph was removed, retire it: add \"{pid}\": \"<id to redirect to>\" under \"retired\""))
    for pid, target in lock.retired.items():
        if pid not in result.redirects:
            problems.append(Problem(path, None, f"retired id {pid} redirects to {target}, which is not a paragraph of the text"))
    return result, problems


def note_id(label: str) -> str:
    """The id of note ``label`` on a reading page (``n23``, ``na``): a published contract, as ``p<N>`` is."""
    return "nstar" if label == "*" else f"n{label}"


def ref_id(label: str) -> str:
    """The id of the marker of note ``label`` in the running text."""
    return f"ref-{note_id(label)}"
