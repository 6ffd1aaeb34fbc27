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
# Paragraphs joined into one are each held nearly whole in it, and make up nearly all of it.
JOIN_HELD = 0.9


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
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        paragraphs = [(str(p["id"]), str(p["text"])) for p in data.get("paragraphs", [])]
        retired = {str(k): str(v) for k, v in (data.get("retired") or {}).items()}
        ids = [pid for pid, _ in paragraphs] + list(retired)
        bad = [pid for pid in ids if not re.fullmatch(r"p[1-9]\d*", pid)]
        if bad:
            return Lock(), [Problem(path, None, f"invalid paragraph id(s) {', '.join(bad)}; ids look like p12")]
        highest = max((int(pid[1:]) for pid in ids), default=0)
        next_number = max(int(data.get("next", 1)), highest + 1)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        line = getattr(error, "lineno", None)
        return Lock(), [Problem(path, line, f"unreadable anchor lock ({error}); restore it from version control")]
    problems = _conflicts(path, text)
    if problems:  # the ids it locks are in doubt: none of them is given out
        return Lock(), problems
    return Lock(paragraphs, retired, next_number), []


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"\s*:?|[{}\[\]]')  # a string (a key when a colon follows), or a bracket


def _conflicts(path: Path, text: str) -> list[Problem]:
    """Keys given twice (JSON keeps the last in silence) and an id locked to two paragraphs (which would
    give a page two elements with one id), read from the tokens of the (valid) JSON for their lines."""
    problems: list[Problem] = []
    containers: list[tuple[str | None, dict[str, int]]] = []  # open brackets: the key each is the value of, keys seen
    key: str | None = None  # the key whose value comes next
    id_lines: dict[str, int] = {}  # locked paragraph id → line
    line, counted = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        token = match.group()
        if token in "{[":
            containers.append((key, {}))
            key = None
        elif token in "}]":
            containers.pop()
            key = None
        elif token.endswith(":"):
            key = json.loads(token[:-1])
            seen = containers[-1][1]
            if key in seen:
                problems.append(Problem(path, line, f"'{key}' is given twice (first on line {seen[key]}); keep one",
                                        code="anchors.duplicate-key"))
            seen.setdefault(key, line)
        else:
            if key == "id":
                pid = json.loads(token)
                if pid in id_lines:
                    problems.append(Problem(path, line, f"paragraph id {pid} is locked twice (first on line "
                                            f"{id_lines[pid]}); an id names one paragraph: keep one entry",
                                            code="anchors.duplicate-id"))
                id_lines.setdefault(pid, line)
            key = None
    return problems


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


def _common_opening(old: list[str], new: list[str]) -> int:
    """How many words the two texts share from their start."""
    count = 0
    for a, b in zip(old, new):
        if a != b:
            break
        count += 1
    return count


def _opens(old: list[str], new: list[str]) -> bool:
    """Does the longer ``new`` open with (nearly) the words of ``old``: a paragraph that new words were
    added to, or that a new paragraph was joined onto?"""
    return len(new) > len(old) and _nearly_all(sum((Counter(new[: len(old)]) & Counter(old)).values()), len(old))


def _nearly_all(shared: int, total: int) -> bool:
    """Are ``shared`` words of ``total`` nearly all of them: all but a tenth, or but one (a typo in a short
    paragraph)?"""
    return shared >= total - max(1.0, (1 - JOIN_HELD) * total)


def _joins(old_bags: dict[int, Counter], new_bags: dict[int, Counter], removed: set[int]) -> dict[int, list[int]]:
    """New paragraphs that are consecutive old ones joined (each held nearly whole, together nearly all of
    it; ``removed`` ones may have stood between them), by new index → the old indices."""
    joins: dict[int, list[int]] = {}
    for j, bag in new_bags.items():
        held = sorted(i for i, old in old_bags.items() if _nearly_all(sum((old & bag).values()), sum(old.values())))
        runs: list[list[int]] = []
        for i in held:
            if runs and all(k in removed for k in range(runs[-1][-1] + 1, i)):
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            joined = sum((old_bags[i] for i in run), Counter())
            shared = sum((joined & bag).values())
            if len(run) >= 2 and _nearly_all(shared, max(sum(joined.values()), sum(bag.values()))):
                joins[j] = run
                break
    return joins


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
    # A retired id goes only to its exact words (reported: the contributor said the paragraph is gone); an
    # edited paragraph that shares words with it is another one, or a paragraph it was joined into.
    retired = {i for i in free_old if old[i][0] in lock.retired}
    candidates = []
    for i in free_old:
        if i in retired:
            continue
        for j in free_new:
            score, shared = _similarity(old_bags[i], new_bags[j])
            if not score and _opens(old_keys[i].split(), new_keys[j].split()):
                shared = sum((old_bags[i] & new_bags[j]).values())  # a sliver of the new one, but its start
                score = shared / sum(old_bags[i].values())
            if score >= MIN_CONTAINMENT:
                # Most shared words first: after a split the id stays with the larger part, and with the
                # part that keeps the paragraph's opening words when both parts are as large.
                opening = _common_opening(old_keys[i].split(), new_keys[j].split())
                candidates.append((shared * score, opening, -abs(i - j), i, j, score))
    candidates.sort(reverse=True)
    taken_old: set[int] = set()
    similarity: dict[int, float] = {}  # new index → similarity of an edited paragraph to its old text
    for j, run in _joins(old_bags, new_bags, retired).items():
        if run[0] in taken_old | retired or any((j2 < j) != (i2 < run[0]) for j2, i2 in match.items()):
            continue
        # The joined paragraph keeps the first id; the others are the contributor's to retire (or, should one
        # still have a paragraph of its own after all, it keeps that one below).
        match[j] = run[0]
        taken_old.add(run[0])
        similarity[j] = _similarity(sum((old_bags[i] for i in run), Counter()), new_bags[j])[0]
    for *_, i, j, score in candidates:
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
        if pid in living:  # still a paragraph: a redirect too would give the page its id twice
            continue
        target, seen = lock.retired[pid], {pid}
        while target in lock.retired and target not in seen:
            seen.add(target)
            target = lock.retired[target]
        if target in living:
            redirects[pid] = target
    lost_paragraphs = [(pid, text) for pid, text in old if pid in lost]
    if len(living) < len(ids) or living & redirects.keys():  # read_lock lets no such lock through
        raise ValueError(f"paragraph ids given twice: {sorted(pid for pid in living if ids.count(pid) > 1 or pid in redirects)}")
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
        if pid in result.ids:
            problems.append(Problem(path, _retired_line(path, pid), f"{pid} is retired, but a paragraph of the text "
                                    f"still has it; remove \"{pid}\" from \"retired\" (or the paragraph from the text)",
                                    code="anchors.retired-living"))
        elif pid not in result.redirects:
            problems.append(Problem(path, None, f"retired id {pid} redirects to {target}, which is not a paragraph of the text"))
    return result, problems


def _retired_line(path: Path, pid: str) -> int | None:
    """The line retiring ``pid``, as the build writes the lock (one key a line)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf'^\s*"{pid}"\s*:', text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def note_id(label: str) -> str:
    """The id of note ``label`` on a reading page (``n23``, ``na``): a published contract, as ``p<N>`` is."""
    return "nstar" if label == "*" else f"n{label}"


def ref_id(label: str) -> str:
    """The id of the marker of note ``label`` in the running text."""
    return f"ref-{note_id(label)}"
