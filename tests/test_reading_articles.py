"""The four author–date articles (``tests/fixtures/articles/``) are READ right.

Only the reading side is checked here (the citations and the reference list's fields are
another issue's): see ``tests/fixtures/articles/README.md`` for the truth format.

* the number of body paragraphs (abstract + paragraphs + list items + block quotes) is
  ``body_paragraphs``, and the N-th body paragraph opens with ``paragraph_openings[N]``;
* no running head, footer or page number (``furniture``) sits inside a body paragraph;
* the reference list is not read as body paragraphs: no entry's ``verbatim`` is inside one,
  nor the opening of an entry (its first 40 characters, where the extract has them only there);
* the section headings are headings (``headings``, in order, the reference heading included),
  and no front-matter line (``front_matter``) is a body paragraph.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SLUGS = sorted(p.name for p in ARTICLES.iterdir() if (p / "truth.yml").is_file())


@functools.lru_cache(maxsize=None)
def read(slug: str):
    from scholion.text.ingest import load_document

    truth = yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))
    document = load_document(ARTICLES / slug)
    return truth, document


def body(slug: str) -> list[str]:
    _, document = read(slug)
    return [block.text for block in document.paragraphs]


def nonempty_body(slug: str) -> list[str]:
    """The body paragraphs; a check of them fails, rather than passes vacuously, when there are none."""
    paragraphs = body(slug)
    if not paragraphs:
        _, document = read(slug)
        problems = "; ".join(str(p) for p in document.problems[:3])
        pytest.fail(f"{slug}: nothing to check, the reader made no body paragraphs ({problems})", pytrace=False)
    return paragraphs


def show(text: str, limit: int = 80) -> str:
    text = text.replace("\u00a0", "⟨NBSP⟩").replace("\n", "⟨NL⟩").replace("\f", "⟨FF⟩")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def occurrences(needle: str, haystack: str) -> int:
    """``needle`` as a whole (any run of whitespace between its words), not inside a longer word or number."""
    words = needle.split()
    if not words:
        return 0
    pattern = r"(?<![\w.,/])" + r"\s+".join(map(re.escape, words)) + r"(?![\w/]|[.,]\w)"
    return len(re.findall(pattern, haystack))


def source_without_furniture(slug: str) -> str:
    truth, _ = read(slug)
    furniture = {line.strip() for line in truth["furniture"]}
    text = (ARTICLES / slug / "source.txt").read_text(encoding="utf-8")
    return "\n".join(line for line in text.split("\n") if line.strip().lstrip("\f").strip() not in furniture)


def _fail(problems: list[str], slug: str, what: str) -> None:
    if problems:
        pytest.fail(f"{slug}: {len(problems)} {what}:\n" + "\n".join(f"  - {p}" for p in problems), pytrace=False)


def test_there_are_four_articles() -> None:
    assert len(SLUGS) == 4, SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_body_paragraph_count(slug: str) -> None:
    truth, document = read(slug)
    paragraphs = body(slug)
    listing = "\n".join(f"  {n}. {show(text, 70)}" for n, text in enumerate(paragraphs, start=1))
    assert len(paragraphs) == truth["body_paragraphs"], (
        f"{slug}: {len(paragraphs)} body paragraphs, expected {truth['body_paragraphs']}:\n{listing}"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_paragraph_openings(slug: str) -> None:
    truth, _ = read(slug)
    paragraphs = body(slug)
    problems = []
    for n, opening in enumerate(truth["paragraph_openings"], start=1):
        if n <= len(paragraphs) and paragraphs[n - 1].startswith(opening):
            continue
        starts = [m for m, text in enumerate(paragraphs, start=1) if text.startswith(opening)]
        got = show(paragraphs[n - 1], 60) if n <= len(paragraphs) else "no such paragraph"
        if starts:
            problems.append(f"paragraph {n} should open {show(opening)}; that opens paragraph {starts[0]} (paragraph {n} is {got})")
        else:
            inside = [m for m, text in enumerate(paragraphs, start=1) if opening in text]
            where = f"it is inside paragraph {inside[0]}" if inside else "no body paragraph holds it"
            problems.append(f"paragraph {n} should open {show(opening)}; {where} (paragraph {n} is {got})")
    _fail(problems, slug, "paragraphs that do not open as the truth says")


@pytest.mark.parametrize("slug", SLUGS)
def test_no_furniture_in_paragraphs(slug: str) -> None:
    truth, _ = read(slug)
    rest = source_without_furniture(slug)
    paragraphs = nonempty_body(slug)
    problems = []
    for line in dict.fromkeys(line.strip() for line in truth["furniture"]):
        allowed = occurrences(line, rest)  # the words may be in the text as well; never more often than that
        found = [(n, occurrences(line, text)) for n, text in enumerate(paragraphs, start=1)]
        found = [(n, k) for n, k in found if k]
        if sum(k for _, k in found) > allowed:
            for n, _ in found:
                words = line.split()
                at = re.search(r"\s+".join(map(re.escape, words)), paragraphs[n - 1])
                context = paragraphs[n - 1][max(0, at.start() - 30):at.end() + 30] if at else ""
                problems.append(f"furniture {show(line)} inside body paragraph {n}: {show(context, 120)}")
    _fail(problems, slug, "running heads, footers or page numbers inside body paragraphs")


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_list_is_not_body(slug: str) -> None:
    truth, _ = read(slug)
    rest = source_without_furniture(slug)
    flat_source = " ".join(rest.split())
    paragraphs = nonempty_body(slug)
    problems = []
    for ref in truth["references"]:
        verbatim = ref["verbatim"]
        head = verbatim[:40]
        for n, text in enumerate(paragraphs, start=1):
            if verbatim in text:
                problems.append(f"reference {ref['id']} is inside body paragraph {n}: {show(verbatim, 70)}")
            elif flat_source.count(head) == 1 and head in " ".join(text.split()):
                problems.append(f"reference {ref['id']} (opening {show(head)}) is inside body paragraph {n}: {show(text, 70)}")
    _fail(problems, slug, "reference-list entries read as body paragraphs")


@pytest.mark.parametrize("slug", SLUGS)
def test_headings(slug: str) -> None:
    truth, document = read(slug)
    got = [block.text for block in document.blocks if block.kind == "heading"]
    assert got == truth["headings"], f"{slug}: headings\n  expected {truth['headings']}\n  got      {got}"


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_not_in_body(slug: str) -> None:
    truth, document = read(slug)
    nonempty_body(slug)
    rest = source_without_furniture(slug)
    problems = []
    texts = [(block.kind, block.text) for block in document.blocks if block.kind not in ("front", "byline", "page", "gap")]
    for line in dict.fromkeys(line.strip() for line in truth["front_matter"]):
        allowed = occurrences(line, rest) - 1  # the front-matter line itself is one occurrence
        found = [(n, kind, text) for n, (kind, text) in enumerate(texts, start=1) if occurrences(line, text)]
        if len(found) > allowed:
            problems.extend(f"front-matter line {show(line, 60)} is in {kind} block {n}: {show(text, 60)}" for n, kind, text in found)
    _fail(problems, slug, "front-matter lines read as body or headings")


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_list_read_entry_by_entry(slug: str) -> None:
    """Each entry of the reference list is read whole, in order, as the truth's ``verbatim`` reads."""
    truth, document = read(slug)
    got = [reference.text for reference in document.references]
    expected = [ref["verbatim"] for ref in truth["references"]]
    problems = [f"entry {n}: expected {show(want, 200)}\n      got      {show(have, 200)}"
                for n, (want, have) in enumerate(zip(expected, got), start=1) if want != have]
    if len(got) != len(expected):
        problems.append(f"{len(got)} entries read, {len(expected)} in the list")
    _fail(problems, slug, "reference-list entries not read as the truth reads them")
