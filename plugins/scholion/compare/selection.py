"""Selection: which paragraphs of each text a topic shows, and the comparison it makes.

Each topic compiles ONE regular expression (all glossary forms of its terms
and all its keywords, longest first); each text is read in a single pass over
its paragraphs, so the cost grows linearly with the number of paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from scholion.compare.excerpts import excerpt_html
from scholion.compare.texts import ComparedText
from scholion.compare.topics import Item, Topic
from scholion.glossary.matching import form_pattern
from scholion.glossary.terms import Glossary

__all__ = ["Passage", "Column", "Comparison", "keyword_pattern", "topic_pattern", "topic_matches", "select_passages",
           "text_passages", "comparisons", "compare"]

_DASH_CLASS = "[-\u2010-\u2013]"
_KEYWORD_TOKEN = re.compile(r"\s+|[-\u2010-\u2013]|['\u2019]|[^\s\-\u2010-\u2013'\u2019]+")


def keyword_pattern(keyword: str) -> str:
    """Regex fragment (no groups) for a keyword: case-insensitive; space, dash and apostrophe are lenient."""
    wildcard = keyword.endswith("*")
    out = []
    for token in _KEYWORD_TOKEN.findall(keyword.rstrip("*").strip()):
        if token.isspace():
            out.append(r"\s+")
        elif re.fullmatch(_DASH_CLASS, token):
            out.append(_DASH_CLASS)
        elif token in "'\u2019":
            out.append("['\u2019]")
        else:
            out.append(re.escape(token))
    return "(?i:" + "".join(out) + (r"\w*" if wildcard else "") + ")"


def _first_characters(words: str) -> set[str]:
    """Every character a form or keyword can start with, in any case (a superset is harmless)."""
    first = words.strip()[:1]
    if first and re.fullmatch(_DASH_CLASS, first):
        return set("-\u2010\u2011\u2012\u2013")
    if first in ("'", "\u2019"):
        return {"'", "\u2019"}
    return set(first + first.lower() + first.upper())


def topic_pattern(topic: Topic, glossary: Glossary) -> str | None:
    """The one regex that finds every term form and keyword of ``topic`` (longest first, whole words),
    as group 1; use it through :func:`topic_matches`. Its source, not compiled: a build keys its cache
    on it, and only a text the cache lacks needs it compiled."""
    alternatives: dict[str, int] = {}
    starts: set[str] = set()
    for item in topic.terms:
        term = glossary.get(item.value)
        if term is None:
            continue
        for form in term.forms:
            alternatives.setdefault(form_pattern(form), len(form))
            starts |= _first_characters(form)
    for item in topic.keywords:
        alternatives.setdefault(keyword_pattern(item.value), len(item.value.rstrip("*")))
        starts |= _first_characters(item.value)
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda pattern: (-alternatives[pattern], pattern))
    # "Not after a word character" as a non-word character taken before the match, then a filter on
    # its first character: a regex that opens with a character class lets the engine skip ahead to
    # where a match can start, which made selecting passages 40% faster than a lookbehind did.
    first = "".join(re.escape(char) for char in sorted(starts))
    return rf"\W(?=(?i:[{first}]))(" + "|".join(ordered) + r")(?!\w)"


def topic_matches(pattern: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of a :func:`topic_pattern` in ``text`` (compiled once, by ``re``'s cache)."""
    # A leading non-word character stands for the start of the text (a NUL: not white space either).
    return [(match.start(1) - 1, match.end(1) - 1) for match in re.finditer(pattern, "\0" + text)]


@dataclass
class Passage:
    """A paragraph chosen for a topic: ``matches`` are (start, end) offsets in ``text``; ``excerpt`` is
    what the topic page quotes of it (see :func:`text_passages`)."""

    anchor: str
    text: str
    matches: list[tuple[int, int]]
    pinned: bool = False
    excerpt: str = ""


@dataclass
class Column:
    text: ComparedText
    passages: list[Passage]


@dataclass
class Comparison:
    topic: Topic
    columns: list[Column]


def _resolve(ids: Iterable[Item], text: ComparedText) -> set[str]:
    return {text.redirects.get(item.value, item.value) for item in ids}


def select_passages(topic: Topic, pattern: str | None, text: ComparedText) -> list[Passage]:
    """The passages of one text for a topic, in reading order: one pass over its paragraphs."""
    pinned = _resolve(topic.pin.get(text.slug, []), text)
    excluded = _resolve(topic.exclude.get(text.slug, []), text) - pinned
    passages = []
    for anchor, body in text.paragraphs:
        if anchor in excluded:
            continue
        matches = topic_matches(pattern, body) if pattern is not None else []
        if matches or anchor in pinned:
            passages.append(Passage(anchor, body, matches, anchor in pinned))
    return passages


def text_passages(topics: Sequence[Topic], patterns: Sequence[str | None],
                  text: ComparedText) -> list[list[Passage]]:
    """One text's passages for each topic (``patterns[i]`` is ``topic_pattern(topics[i], …)``), each with
    its excerpt (:func:`excerpt_html`) in place of its paragraph's text: what depends on that text alone,
    so a build can keep it until the text, topics or glossary change, and worker processes make the
    excerpts of a large corpus, which are most of the topic pages' work."""
    return [[replace(passage, text="", excerpt=excerpt_html(passage.text, passage.matches))
             for passage in select_passages(topic, pattern, text)]
            for topic, pattern in zip(topics, patterns)]


def comparisons(topics: Sequence[Topic], texts: Sequence[ComparedText],
                passages: Mapping[str, Sequence[list[Passage]]]) -> list[Comparison]:
    """A comparison per topic from each text's ``text_passages`` (keyed by text slug)."""
    return [Comparison(topic, [Column(text, passages[text.slug][number]) for text in texts])
            for number, topic in enumerate(topics)]


def compare(topic: Topic, texts: Sequence[ComparedText], glossary: Glossary) -> Comparison:
    """The comparison of every text of the corpus on one topic."""
    pattern = topic_pattern(topic, glossary)
    [comparison] = comparisons([topic], texts, {text.slug: text_passages([topic], [pattern], text) for text in texts})
    return comparison
