"""Malformed contributor input: a clear message naming file and line, a failed strict build, no traceback.

Each case copies the project into a temp dir and breaks one file. Every case is checked through the
loader the plugin uses (fast); a representative subset (``build=True``) also runs the real
``mkdocs build --strict`` CLI on the broken copy and checks that it fails, names the file and line,
and prints no Python traceback.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from scholion.annotations.loading import load_annotations
from scholion.bib.bibtex import load_bibliography
from scholion.compare.topics import load_topics
from scholion.text.corpus import load_text
from scholion.glossary.loading import load_glossary
from scholion.problems import Problem
from sitebuild import ROOT, build_site, copy_project

SLUG = "kapoor-2021"  # the smaller text: quicker builds
YML = f"sources/{SLUG}/source.yml"
TXT = f"sources/{SLUG}/source.txt"
LOCK = f"sources/{SLUG}/anchors.json"
BIB = "bib/corpus.bib"
GLOSSARY = "glossary.yml"
ANNOTATION = "sources/romano-2021/annotations/medvedev-european-security-treaty.md"
TOPIC = "topics/sanctions.yml"
ANY_LINE = -1  # a case whose message must name a line, whichever it is
HUGE_BYTES = 3_000_000
HUGE_SECONDS = 60  # a few MB of text must load well within this (it takes ~2 s on a laptop core)


# ---------------------------------------------------------------- editing helpers


def read(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def write(project: Path, rel: str, text: str | bytes) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def replace(project: Path, rel: str, old: str, new: str) -> int:
    """Replace the first ``old`` in the file; return the line it began on."""
    text = read(project, rel)
    assert old in text, f"test fixture out of date: {old!r} not in {rel}"
    write(project, rel, text.replace(old, new, 1))
    return line_of(text, old)


def append(project: Path, rel: str, addition: str) -> int:
    """Append ``addition``; return the line its first non-blank line lands on."""
    text = read(project, rel)
    if not text.endswith("\n"):
        text += "\n"
    write(project, rel, text + addition)
    return text.count("\n") + 1 + len(addition) - len(addition.lstrip("\n"))


def txt_line(project: Path, line: int, mutate: Callable[[bytes], bytes]) -> int:
    """Apply ``mutate`` to line ``line`` (1-based) of the source text, as bytes."""
    lines = (project / TXT).read_bytes().split(b"\n")
    lines[line - 1] = mutate(lines[line - 1])
    (project / TXT).write_bytes(b"\n".join(lines))
    return line


# ---------------------------------------------------------------- the cases


@dataclass
class Case:
    id: str
    file: str
    breaks: Callable[[Path], int | None]  # breaks the copy; returns the line the message must name
    message: str  # regex the message must match
    build: bool = False  # also run the real strict build


def defects_line(project: Path) -> int:
    return line_of(read(project, YML), "defects:")


def break_defects(old: str, new: str, below: int = 0) -> Callable[[Path], int]:
    """Edit under ``defects:``; a message about a defect names the line of its own key, or of the
    list entry ``below`` lines under it."""
    return lambda project: replace(project, YML, old, new) + below


def write_bytes(project: Path, rel: str, data: bytes, line: int | None) -> int | None:
    (project / rel).write_bytes(data)
    return line


def glossary_duplicate(project: Path) -> int:
    return append(project, GLOSSARY, "\n- term: ASEAN\n  expansion: again\n  definition: A second entry for ASEAN.\n")


def bib_duplicate_key(project: Path) -> int:
    return append(project, BIB, "\n@misc{kapoor-2021,\n  author = {Someone, Else},\n  title = {Another},\n  year = {2020},\n}\n")


def bib_duplicate_field(project: Path) -> int:
    return replace(project, BIB, "  institution = {Observer Research Foundation},\n",
                   "  institution = {Observer Research Foundation},\n  year        = {2020},\n") + 1


def lock_lost_id(project: Path) -> None:
    lock = json.loads(read(project, LOCK))
    number = lock["next"]
    lock["paragraphs"].append({"id": f"p{number}", "text": "A paragraph that was published once and is gone now."})
    lock["next"] = number + 1
    write(project, LOCK, json.dumps(lock, ensure_ascii=False, indent=1))


def lock_bad_retirement(project: Path) -> None:
    lock = json.loads(read(project, LOCK))
    lock["retired"] = {f"p{lock['next']}": "p9999"}
    lock["next"] += 1
    write(project, LOCK, json.dumps(lock, ensure_ascii=False, indent=1))


def huge_text(project: Path) -> None:
    text = (project / TXT).read_text(encoding="utf-8")
    copies = HUGE_BYTES // len(text.encode()) + 1
    # Each copy slightly different, as a long real text would be.
    write(project, TXT, "".join(text.replace("Russia", f"Russia{'’' * (i % 2)}", 1) for i in range(copies)))


CASES = [
    # source.yml
    Case("yml-broken-yaml", YML, lambda p: replace(p, YML, "year: 2021\n", "year: [2021\n") + 1,
         r"invalid YAML", build=True),
    Case("yml-tab-indent", YML, lambda p: replace(p, YML, "  - Nivedita Kapoor", "\t- Nivedita Kapoor"), r"invalid YAML"),
    Case("yml-missing-title", YML, lambda p: replace(p, YML, 'title: "Russia-EU Relations: The End of a Strategic Partnership"\n', "") and 1,
         r"missing required field.*title", build=True),
    Case("yml-title-wrong-type", YML, lambda p: replace(p, YML, 'title: "Russia-EU', 'title: ["Russia-EU') and
         replace(p, YML, 'Partnership"\n', 'Partnership"]\n'), r"'title' must be text, not a list"),
    Case("yml-authors-wrong-type", YML, lambda p: replace(p, YML, "authors:\n  - Nivedita Kapoor\n", "authors: 42\n"),
         r"'authors' must be text"),
    Case("yml-year-not-a-number", YML, lambda p: replace(p, YML, "year: 2021", "year: twenty twenty-one"),
         r"'year' must be a four-digit number", build=True),
    Case("yml-year-out-of-range", YML, lambda p: replace(p, YML, "year: 2021", "year: 21"), r"'year' must be a four-digit number"),
    Case("yml-not-a-mapping", YML, lambda p: write(p, YML, "- title\n- authors\n") or 1, r"must be a mapping"),
    Case("yml-empty", YML, lambda p: write(p, YML, "") or 1, r"must be a mapping|missing"),
    Case("yml-missing-file", YML, lambda p: (p / YML).unlink(), r"missing source\.yml"),
    Case("yml-defects-not-mapping", YML,
         lambda p: write(p, YML, read(p, YML).split("defects:")[0] + "defects: none that we know of\n") or defects_line(p),
         r"'defects' must be a mapping"),
    Case("yml-defects-bad-label", YML, break_defects('missing_notes: "1-85"', 'missing_notes: "1-85, note six"'),
         r"missing_notes.*'note six'", build=True),
    Case("yml-defects-backwards-range", YML, break_defects('missing_notes: "1-85"', 'missing_notes: "85-1"'), r"runs backwards"),
    Case("yml-defects-unknown-key", YML, break_defects("  lost_lines:", "  lost_pages: 3\n  lost_lines:"),
         r"unknown field 'defects\.lost_pages' \(did you mean 'lost_lines'\?\)"),
    Case("yml-lost-lines-entry-empty", YML, break_defects("  lost_lines:\n", "  lost_lines:\n    - note: no place given\n", 1),
         r"lost_lines entry needs 'after' or 'before'"),
    # An undeclared defect: the markers' lines in source.txt are named, with the fix.
    Case("yml-undeclared-missing-notes", TXT, lambda p: replace(p, YML, '  missing_notes: "1-85"\n', "") and ANY_LINE,
         r"declare it under defects\.missing_notes", build=True),
    # A key given twice: YAML would silently keep one value; the second is named, with the first's line.
    Case("yml-duplicate-key", YML, lambda p: replace(p, YML, "year: 2021\n", "year: 2021\nyear: 2020\n") + 1,
         r"'year' is given twice \(first on line \d+\)", build=True),
    Case("yml-invalid-utf8", YML, lambda p: write_bytes(p, YML, (p / YML).read_bytes().replace(b"Kapoor", b"Kap\xf6or", 1),
                                                      line_of(read(p, YML), "Kapoor")), r"not valid UTF-8"),
    # source.txt
    Case("txt-invalid-utf8", TXT, lambda p: txt_line(p, 12, lambda b: b + b" caf\xe9 \xff"), r"not valid UTF-8", build=True),
    Case("txt-nul", TXT, lambda p: txt_line(p, 30, lambda b: b[:5] + b"\x00" + b[5:]), r"NULL|U\+0000", build=True),
    Case("txt-control-char", TXT, lambda p: txt_line(p, 41, lambda b: b + b"\x07"), r"U\+0007"),
    Case("txt-escape-sequence", TXT, lambda p: txt_line(p, 7, lambda b: b"\x1b[31m" + b), r"U\+001B"),
    Case("txt-line-separator", TXT, lambda p: txt_line(p, 20, lambda b: b + "\u2028".encode()), r"U\+2028"),
    Case("txt-replacement-char", TXT, lambda p: txt_line(p, 25, lambda b: b + "\ufffd".encode()), r"U\+FFFD"),
    Case("txt-empty", TXT, lambda p: write(p, TXT, "") or 1, r"source\.txt is empty", build=True),
    Case("txt-only-whitespace", TXT, lambda p: write(p, TXT, " \n\t\n   \n\n") or 1, r"source\.txt is empty"),
    # A few MB of real text: loads in seconds, never crashes; whatever it reports names the text's files.
    Case("txt-huge", f"sources/{SLUG}/", huge_text, r".", build=True),
    # anchors.json
    Case("lock-broken-json", LOCK, lambda p: replace(p, LOCK, '"next":', '"next"'), r"anchor lock", build=True),
    Case("lock-bad-ids", LOCK, lambda p: replace(p, LOCK, '"id": "p1"', '"id": "para-1"') and None, r"invalid paragraph id.*para-1"),
    Case("lock-not-an-object", LOCK, lambda p: write(p, LOCK, "[1, 2, 3]\n") or None, r"anchor lock"),
    Case("lock-wrong-types", LOCK, lambda p: write(p, LOCK, '{"next": "many", "paragraphs": 5}\n') or None, r"anchor lock"),
    Case("lock-lost-id", LOCK, lock_lost_id, r"no longer matches any paragraph.*retire", build=True),
    Case("lock-retired-to-nothing", LOCK, lock_bad_retirement, r"redirects to p9999"),
    # bib/*.bib
    # The parser can only tell that the entry never closed: the message names the entry's first line.
    Case("bib-unbalanced-braces", BIB, lambda p: replace(p, BIB, "  number      = {451},", "  number      = {451,")
         and line_of(read(p, BIB), "@techreport{kapoor-2021"), r"could not parse this BibTeX entry", build=True),
    Case("bib-duplicate-key", BIB, bib_duplicate_key, r"duplicate.*kapoor-2021|kapoor-2021.*duplicate", build=True),
    Case("bib-duplicate-field", BIB, lambda p: bib_duplicate_field(p) and line_of(read(p, BIB), "@techreport{kapoor-2021"),
         r"field\(s\) year more than once"),
    Case("bib-invalid-utf8", BIB, lambda p: write_bytes(p, BIB, (p / BIB).read_bytes().replace(b"Nivedita", b"Niv\xe9dita", 1),
                                                      line_of(read(p, BIB), "Nivedita")), r"UTF-8"),
    # glossary.yml
    Case("glossary-broken-yaml", GLOSSARY, lambda p: replace(p, GLOSSARY, "- term: ASEAN\n", "- term: [ASEAN\n") + 1,
         r"YAML|yaml", build=True),
    Case("glossary-duplicate-term", GLOSSARY, glossary_duplicate, r"ASEAN", build=True),
    Case("glossary-missing-definition", GLOSSARY,
         lambda p: append(p, GLOSSARY, "\n- term: Zzyzx Accord\n  expansion: a made-up treaty\n"), r"definition"),
    Case("glossary-term-wrong-type", GLOSSARY,
         lambda p: append(p, GLOSSARY, "\n- term: [1, 2]\n  expansion: x\n  definition: y\n"), r"term"),
    Case("glossary-duplicate-key", GLOSSARY,
         lambda p: replace(p, GLOSSARY, "  expansion: Association of Southeast Asian Nations\n",
                           "  expansion: Association of Southeast Asian Nations\n  expansion: ASEAN\n") + 1,
         r"'expansion' is given twice \(first on line \d+\)"),
    # annotations and topics
    # An unclosed [ is noticed on the line after it, as YAML parsers report it.
    Case("annotation-broken-front-matter", ANNOTATION,
         lambda p: replace(p, ANNOTATION, "author: Corpus editors", "author: [Corpus editors") + 1, r"invalid YAML", build=True),
    Case("annotation-duplicate-key", ANNOTATION,
         lambda p: replace(p, ANNOTATION, "kind: context\n", "kind: context\nkind: comment\n") + 1,
         r"'kind' is given twice \(first on line 7\)"),
    Case("annotation-unknown-field", ANNOTATION, lambda p: replace(p, ANNOTATION, "kind: context", "knd: context"),
         r"unknown field 'knd' \(did you mean 'kind'\?\)"),
    Case("topic-duplicate-key", TOPIC, lambda p: replace(p, TOPIC, "  romano-2021:\n", "  romano-2021: [p1]\n  romano-2021:\n") + 1,
         r"'romano-2021' is given twice in 'exclude' \(first on line \d+\)"),
    Case("topic-broken-yaml", TOPIC, lambda p: replace(p, TOPIC, "terms: [retortion, import-substitution]",
                                                      "terms: [retortion, import-substitution") + 1, r"invalid YAML", build=True),
]


def loader_problems(project: Path, rel: str) -> list[Problem]:
    """The problems the plugin's loader for ``rel`` reports on the broken copy."""
    parts = Path(rel).parts
    if parts[0] == "sources" and (len(parts) == 2 or parts[2] != "annotations"):
        return load_text(project / "sources" / parts[1], update_lock=False).problems
    if parts[0] == "sources" and parts[2] == "annotations":
        return load_annotations(project / "sources" / parts[1])[1]
    if parts[0] == "bib":
        return load_bibliography(sorted((project / "bib").glob("*.bib")))[1]
    if rel == GLOSSARY:
        return load_glossary(project / GLOSSARY)[1]
    if parts[0] == "topics":
        return load_topics(project / "topics")[1]
    raise AssertionError(f"no loader for {rel}")


def load_problems(project: Path, rel: str) -> list[str]:
    return [str(p) for p in loader_problems(project, rel)]


def names(message: str, project: Path, rel: str, line: int | None) -> bool:
    """Whether ``message`` starts by naming the file (and line): ``sources/kapoor-2021/source.yml:5: …``.

    The file may be given relative to the project (as the build prints it) or absolute (as the
    loaders report it). A ``rel`` ending in ``/`` accepts any file in that folder.
    """
    message = message.removeprefix(f"{project}/")
    if rel.endswith("/"):
        return message.startswith(rel)
    if line == ANY_LINE:
        return re.match(rf"{re.escape(rel)}:\d+: ", message) is not None
    return message.startswith(f"{rel}:{line}: " if line else f"{rel}: ")


def where(project: Path, rel: str, line: int | None) -> str:
    return f"{rel}:{'<line>' if line == ANY_LINE else line}" if line else rel


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_at_least_25_cases():
    assert len(CASES) >= 25
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_loader_names_file_and_line(case: Case, project: Path):
    line = case.breaks(project)
    started = time.monotonic()
    try:
        problems = load_problems(project, case.file)
    except Exception as error:  # noqa: BLE001 - a traceback is exactly what must not happen
        pytest.fail(f"{case.id}: the loader raised {type(error).__name__}: {error}")
    assert time.monotonic() - started < HUGE_SECONDS
    assert problems, f"{case.id}: broken {case.file} reported no problem"
    named = [p for p in problems if names(p, project, case.file, line)]
    assert named, f"{case.id}: no message names {where(project, case.file, line)}; got:\n" + "\n".join(problems[:10])
    assert any(re.search(case.message, p, re.IGNORECASE) for p in named), \
        f"{case.id}: no message matches {case.message!r}; got:\n" + "\n".join(named[:10])
    assert not any("Traceback" in p for p in problems)


# The YAML files: each of their problems has a code (read_text's, about bytes, belong to the text).
CODED_CASES = [case for case in CASES if case.file in (YML, GLOSSARY, ANNOTATION, TOPIC) and "utf8" not in case.id]


@pytest.mark.parametrize("case", CODED_CASES, ids=[case.id for case in CODED_CASES])
def test_problems_in_yaml_files_have_codes(case: Case, project: Path):
    case.breaks(project)
    problems = [p for p in loader_problems(project, case.file) if p.file.name == Path(case.file).name]
    assert problems, case.id
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*", p.code) for p in problems), [(p.code, str(p)) for p in problems]


BUILD_CASES = [case for case in CASES if case.build]


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.id for case in BUILD_CASES])
def test_strict_build_fails_with_file_and_line(case: Case, project: Path, tmp_path: Path):
    line = case.breaks(project)
    started = time.monotonic()
    result = build_site(project, tmp_path / "site", strict=True, timeout=300)
    seconds = time.monotonic() - started
    output = result.output
    assert "Traceback" not in output, f"{case.id}: Python traceback in the build output:\n{output[-4000:]}"
    assert result.returncode != 0, f"{case.id}: `mkdocs build --strict` passed on a broken {case.file}:\n{output[-3000:]}"
    assert re.search(r"Aborted with \d+ warnings? in strict mode", output), output[-3000:]
    warnings = [l for l in output.splitlines() if l.startswith(("WARNING", "ERROR"))]
    named = [l.split("scholion: ", 1)[-1] for l in warnings]
    assert any(names(l, project, case.file, line) for l in named), \
        f"{case.id}: no warning names {where(project, case.file, line)}:\n" + "\n".join(warnings[:20])
    assert seconds < (HUGE_SECONDS * 2 if case.id == "txt-huge" else HUGE_SECONDS)


# ---------------------------------------------------------------- what a failed build leaves


def site_files(site_dir: Path) -> dict[str, str]:
    """Every file of a built site, by path, with the SHA-256 of its bytes."""
    return {path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def leftovers(site_dir: Path) -> list[str]:
    """A build's staging folder, or the old site it replaced, left beside the site folder."""
    return sorted(path.name for path in site_dir.parent.iterdir() if path.name.startswith(f".{site_dir.name}."))


def annotation_bad_link(project: Path) -> int:
    return append(project, ANNOTATION, "\nThe treaty's text is quoted in [Kapoor](../kapoor-2021/#p9999).\n")


# One broken input of each kind a contributor edits. The annotation link is checked only in the build.
BY_ID = {case.id: case for case in CASES}
FAILED_BUILDS = [BY_ID["bib-unbalanced-braces"], BY_ID["glossary-broken-yaml"], BY_ID["yml-broken-yaml"],
                 BY_ID["txt-invalid-utf8"], BY_ID["topic-broken-yaml"], BY_ID["annotation-broken-front-matter"],
                 Case("annotation-link-to-no-id", ANNOTATION, annotation_bad_link, r"leads to no paragraph or note")]


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the unbroken project, built strictly once for the module."""
    site_dir = tmp_path_factory.mktemp("good") / "site"
    result = build_site(copy_project(tmp_path_factory.mktemp("good-project") / "project"), site_dir)
    assert result.ok, result.output[-3000:]
    assert (site_dir / SLUG / "index.html").is_file()
    return site_dir


@pytest.mark.slow
@pytest.mark.parametrize("case", FAILED_BUILDS, ids=[case.id for case in FAILED_BUILDS])
def test_a_failed_strict_build_leaves_the_earlier_site_byte_identical(case: Case, project: Path, tmp_path: Path,
                                                                       good_site: Path):
    site_dir = shutil.copytree(good_site, tmp_path / "output" / "site")
    before = site_files(site_dir)
    line = case.breaks(project)
    result = build_site(project, site_dir, strict=True)
    assert result.returncode != 0, f"{case.id}: the strict build passed:\n{result.output[-3000:]}"
    named = [l.split("scholion: ", 1)[-1] for l in result.output.splitlines() if l.startswith("WARNING")]
    assert any(names(l, project, case.file, line) and re.search(case.message, l) for l in named), \
        f"{case.id}: no warning names {where(project, case.file, line)}:\n" + "\n".join(named[:20])
    assert site_files(site_dir) == before, f"{case.id}: the failed build changed the site folder"
    assert not leftovers(site_dir), f"{case.id}: the failed build left {leftovers(site_dir)}"


@pytest.mark.slow
def test_a_text_that_cannot_be_read_shows_its_problems_where_its_page_is(project: Path, tmp_path: Path):
    """Without --strict (as `mkdocs serve` builds), a broken source.yml leaves the text's page in place
    with what to fix, escaped; the build succeeds and the new site replaces the old one whole."""
    line = replace(project, YML, "year: 2021\n", 'year: 2021\n"<script>alert(1)</script>": here\n') + 1
    site_dir = tmp_path / "output" / "site"
    write(site_dir.parent, "site/stale.html", "from an earlier build")
    result = build_site(project, site_dir, strict=False)
    assert result.ok, result.output[-3000:]
    warnings = [l for l in result.output.splitlines() if l.startswith("WARNING")]
    # Only the text's problem: topics that pin or exclude its paragraphs wait until it can be read.
    assert len(warnings) == 1 and re.search(rf"{re.escape(YML)}:{line}: unknown field", warnings[0]), warnings
    page = (site_dir / SLUG / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition failure"><p class="admonition-title">This text could not be read</p>' in page
    assert f"<li><code>{YML}:{line}: unknown field &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;" in page
    assert "<script>alert(1)" not in page
    assert not (site_dir / "stale.html").exists() and not leftovers(site_dir)
    strict = build_site(project, tmp_path / "strict", strict=True)
    assert strict.returncode != 0 and "in strict mode" in strict.output and not (tmp_path / "strict").exists()
