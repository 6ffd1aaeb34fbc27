"""What the corpus overview counts: glossary terms per text, and the works each text cites."""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from scholion.text.folding import fold
from scholion.compare.texts import ComparedText
from scholion.glossary.terms import TermCounts
from scholion.text.anchors import note_id

__all__ = ["CitedWorks", "term_usage", "cited_works", "shared_works"]


def term_usage(terms: Mapping[str, TermCounts]) -> dict[str, dict[str, tuple[int, int]]]:
    """``{term slug: {text slug: (occurrences, paragraphs)}}`` for the terms some text uses, from each
    text's :func:`scholion.glossary.terms.paragraph_terms`."""
    usage: dict[str, dict[str, tuple[int, int]]] = {}
    for text_slug, paragraphs in terms.items():
        for _, counts in paragraphs:
            for slug, occurrences in counts.items():
                count, paragraph_count = usage.setdefault(slug, {}).get(text_slug, (0, 0))
                usage[slug][text_slug] = (count + occurrences, paragraph_count + 1)
    return usage


CitedWorks = Mapping[str, Mapping[str, Sequence[str]]]  # text slug → bib key → ids on its page ("n26", "p11")
_FOUR_DIGITS = re.compile(r"\d{4}(?<!\d\d{4})(?!\d)")  # the digits first, so the engine skips ahead to them


def cited_works(text: ComparedText, by_note: Mapping[str, Sequence], bib,
                by_paragraph: Mapping[str, Sequence] | None = None) -> dict[str, list[str]]:
    """``{bib key: [element ids]}``: where one text cites each work.

    ``by_note`` is the text's resolved note citations (``{note label: [Citation]}``, as
    :func:`scholion.bib.citations.resolve_notes` returns them); a note citing a work gives the
    note's id (``n26``). ``by_paragraph`` is the citations of its running text (``{paragraph id:
    [Citation]}``); a paragraph citing a work gives its id (``p11``). A body paragraph that gives a
    work's full title (four words or more) and its year cites it too: "the foreign policy concept of
    the Russian Federation, approved in November 2016".
    """
    result: dict[str, list[str]] = {}
    places = [(note_id(label), citations) for label, citations in by_note.items()]
    places += list((by_paragraph or {}).items())
    for place, citations in places:
        for citation in citations:
            if citation.status != "resolved":
                continue
            for key in citation.keys:
                ids = result.setdefault(key, [])
                if place not in ids:
                    ids.append(place)
    titled: dict[str, list[tuple]] = {}  # year → (position in bib, entry, folded title) of its works
    for position, entry in enumerate(bib):
        title = fold(entry.fields.get("title", ""))
        if entry.year and len(title.split()) >= 4:
            titled.setdefault(entry.year, []).append((position, entry, title))
    for anchor, body in text.paragraphs:
        candidates = sorted(work for year in set(_FOUR_DIGITS.findall(body)) for work in titled.get(year, ()))
        if not candidates:
            continue
        folded = fold.__wrapped__(body)  # not memoised: a paragraph is folded once, and they are many
        for _, entry, title in candidates:
            if title in folded:
                ids = result.setdefault(entry.key, [])
                if anchor not in ids:
                    ids.append(anchor)
    return result


def shared_works(cited: CitedWorks, texts: Sequence[ComparedText], min_texts: int = 2) -> list[tuple[str, dict[str, list[str]]]]:
    """Works cited by ``min_texts`` texts or more: ``[(bib key, {text slug: ids})]``, most-cited first."""
    by_key: dict[str, dict[str, list[str]]] = {}
    for text in texts:
        for key, ids in cited.get(text.slug, {}).items():
            if ids:
                by_key.setdefault(key, {})[text.slug] = list(ids)
    shared = [(key, where) for key, where in by_key.items() if len(where) >= min_texts]
    return sorted(shared, key=lambda kw: (-len(kw[1]), -sum(len(v) for v in kw[1].values()), kw[0]))
