"""Cross-document comparison: topic pages that set the texts side by side, and a corpus overview.

Contract for contributors (``topics/<slug>.yml`` at the top of the repository)
------------------------------------------------------------------------------
One YAML file per topic; the file name is the topic's slug and its page is
``/compare/<slug>/`` (``overview`` is reserved). Fields:

``title``     the page title (required)
``summary``   one or two short, neutral sentences saying what the topic is (required)
``terms``     glossary slugs (``[minsk-agreements, crimea]``): every spelling the
              glossary links for the entry selects a paragraph
``keywords``  words or phrases, case-insensitive, matched as whole words
              (``sanction`` never matches ``sanctions``; list both, or end the
              keyword with ``*`` to allow any ending: ``sanction*``). A space
              matches any white space, a hyphen any dash, ``'`` also ``’``.
``pin``       paragraphs to show even though nothing matches, per text:
              ``{romano-2021: [p40, p41]}``
``exclude``   paragraphs to leave out although something matches, per text

At least one of ``terms``, ``keywords`` or ``pin`` is needed. Every text of the
corpus gets a column, including texts added after the topic was written: a
new ``sources/<slug>/`` appears in every comparison with no change here.

Problems (bad YAML, unknown fields, unknown glossary slugs, text slugs or
paragraph ids, contradictory pins) are returned as :class:`Problem` with the
file and line, so ``mkdocs build --strict`` names them. A retired paragraph id
(see ``anchors.json``) still works and lands on the paragraph it redirects to.

Selection and excerpts
----------------------
Each topic compiles ONE regular expression (all glossary forms of its terms
and all its keywords, longest first); each text is read in a single pass over
its paragraphs, so the cost grows linearly with the number of paragraphs.
A passage shows the sentence(s) holding a match, with the match in ``<mark>``
and an ellipsis for what is left out; a pinned paragraph with no match shows
its opening. All source text is escaped.

The overview (``/compare/overview/``)
-------------------------------------
* works cited by more than one text: from the citations of each text's notes
  (:func:`scholion.bib.citations.resolve_notes`) plus the works a paragraph names
  by full title and year (:func:`cited_works`); the plugin hands the result in
  as ``{text slug: {bib key: [element ids]}}``;
* glossary terms by how often each text uses them (an inline SVG bar chart
  and a table);
* a timeline of the years the texts' paragraphs mention (an inline SVG strip
  with a dot per passage, and a table grouped by year, one column per text).

Pictures are inline SVG built at build time: no JavaScript, readable in print,
``role="img"`` with ``<title>``/``<desc>``, text labels, and colours with at
least 4.5:1 contrast on white (the table next to each picture carries the same
data for screen readers).

This module never imports mkdocs.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from difflib import get_close_matches
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import yaml

from scholion.glossary.terms import Glossary, TermCounts, form_pattern, paragraph_terms
from scholion.html.spans import Span, apply_spans
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.problems import Problem
from scholion.pages.page import Heading, RenderedPage
from scholion.text.textio import SafeLoader, read_text
from scholion.html.sanitising import tooltip_title

__all__ = [
    "Item", "Topic", "ComparedText", "Passage", "Column", "Comparison", "YearMention",
    "parse_topic", "load_topic", "load_topics", "check_topic", "topic_pattern", "topic_matches", "keyword_pattern",
    "select_passages", "text_passages", "comparisons", "compare", "compared_texts", "sentence_spans", "excerpt_html", "find_years", "timeline",
    "term_usage", "cited_works", "shared_works", "render_topic_page", "render_index_page",
    "render_overview_page", "bar_chart_svg", "timeline_svg", "year_chart_svg", "compared_text", "OVERVIEW_SLUG",
]

OVERVIEW_SLUG = "overview"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAGRAPH_ID_RE = re.compile(r"^p[1-9]\d*$")
LIST_FIELDS = ("terms", "keywords")
TEXT_FIELDS = ("pin", "exclude")
KNOWN_FIELDS = ("title", "summary") + LIST_FIELDS + TEXT_FIELDS

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"

# Colours for the texts, in corpus order. Each has at least 4.5:1 contrast on white
# (and so also the 3:1 that WCAG asks of graphics); compare.css lightens them for the
# dark scheme.
PALETTE = ("#3949ab", "#a34700", "#00695c", "#8e24aa", "#ad1457", "#4e6a00")


# --------------------------------------------------------------------------
# Topics: loading and validating
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """A value from a topic file and the line it stands on."""

    value: str
    line: int


@dataclass
class Topic:
    slug: str
    file: Path
    title: str
    summary: str
    terms: list[Item] = field(default_factory=list)
    keywords: list[Item] = field(default_factory=list)
    pin: dict[str, list[Item]] = field(default_factory=dict)
    exclude: dict[str, list[Item]] = field(default_factory=dict)
    text_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (field, text slug) → line
    line: int = 1


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml_problem(file: Path, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    if context and getattr(error, "problem", None):
        detail = f"{context}, {detail}"
    line = mark.line + 1 if mark is not None else None
    column = f" (column {mark.column + 1})" if mark is not None else ""
    return Problem(file, line, f"invalid YAML: {detail}{column}")


def _scalar(node: yaml.Node, name: str, file: Path, problems: list[Problem]) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL_TAG:
        value = " ".join(str(node.value).split())
        if value:
            return value
    if isinstance(node, yaml.ScalarNode):
        problems.append(Problem(file, _line(node), f"'{name}' is empty"))
        return None
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
    problems.append(Problem(file, _line(node), f"'{name}' must be text, not {kind}"))
    return None


def _items(node: yaml.Node, name: str, file: Path, problems: list[Problem]) -> list[Item]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return []
    if isinstance(node, yaml.ScalarNode):  # a lone value: accept it, but say how to write a list
        problems.append(Problem(file, _line(node), f"'{name}' must be a list: [{node.value}] or one '- item' per line"))
        value = _scalar(node, name, file, problems)
        return [Item(value, _line(node))] if value else []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(file, _line(node), f"'{name}' must be a list"))
        return []
    items = []
    for child in node.value:
        value = _scalar(child, f"{name} item", file, problems)
        if value is not None:
            items.append(Item(value, _line(child)))
    return items


def _per_text(node: yaml.Node, name: str, topic: Topic, problems: list[Problem]) -> dict[str, list[Item]]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(topic.file, _line(node),
                                f"'{name}' must map text slugs to paragraph ids, e.g. {{romano-2021: [p40]}}"))
        return {}
    result: dict[str, list[Item]] = {}
    for key_node, value_node in node.value:
        slug = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if not slug:
            problems.append(Problem(topic.file, _line(key_node), f"'{name}': expected a text slug"))
            continue
        if slug in result:
            problems.append(Problem(topic.file, _line(key_node), f"'{name}': text '{slug}' is given twice"))
            continue
        topic.text_lines[(name, slug)] = _line(key_node)
        ids = _items(value_node, f"{name}: {slug}", topic.file, problems)
        for item in ids:
            if not PARAGRAPH_ID_RE.match(item.value):
                problems.append(Problem(topic.file, item.line,
                                        f"'{item.value}' is not a paragraph id (ids look like p14)"))
        result[slug] = [item for item in ids if PARAGRAPH_ID_RE.match(item.value)]
    return result


def parse_topic(text: str, file: Path) -> tuple[Topic | None, list[Problem]]:
    """Parse the YAML of one topic file; checks that need the corpus are in :func:`check_topic`."""
    file = Path(file)
    slug = file.stem
    problems: list[Problem] = []
    if not SLUG_RE.match(slug):
        problems.append(Problem(file, None, f"the file name '{file.name}' must be a slug: lower-case letters, "
                                            "digits and single hyphens, ending in .yml"))
        return None, problems
    if slug == OVERVIEW_SLUG:
        return None, [Problem(file, None, f"'{OVERVIEW_SLUG}' is reserved for /compare/{OVERVIEW_SLUG}/; rename the file")]
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(file, error)]
    if root is None:
        return None, [Problem(file, 1, "the topic file is empty; it needs at least a title, a summary and terms, "
                                       "keywords or pin")]
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(file, _line(root), "a topic must be a YAML mapping (title: …, summary: …, terms: […])")]
    topic = Topic(slug=slug, file=file, title="", summary="", line=_line(root))
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in KNOWN_FIELDS:
            hint = get_close_matches(str(key), KNOWN_FIELDS, n=1)
            problems.append(Problem(file, _line(key_node), f"unknown field {key!r}"
                                    + (f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(KNOWN_FIELDS)})")))
            continue
        if key in seen:
            problems.append(Problem(file, _line(key_node), f"field '{key}' is given twice"))
            continue
        seen.add(key)
        if key in ("title", "summary"):
            setattr(topic, key, _scalar(value_node, key, file, problems) or "")
        elif key in LIST_FIELDS:
            setattr(topic, key, _items(value_node, key, file, problems))
        else:
            setattr(topic, key, _per_text(value_node, key, topic, problems))
    for name in ("title", "summary"):
        if name not in seen:
            problems.append(Problem(file, topic.line, f"the topic has no '{name}'"))
    for item in topic.keywords:
        message = _keyword_fault(item.value)
        if message:
            problems.append(Problem(file, item.line, message))
    topic.keywords = [item for item in topic.keywords if not _keyword_fault(item.value)]
    if not (topic.terms or topic.keywords or any(topic.pin.values())):
        problems.append(Problem(file, topic.line, "the topic selects nothing: give terms, keywords or pin"))
    if not topic.title:
        topic.title = slug.replace("-", " ").capitalize()
    return topic, problems


def _sort_title(title: str) -> str:
    """"The EAEU …" sorts under E: a leading article does not count."""
    return re.sub(r"^(?:the|a|an)\s+", "", title.casefold())


def load_topic(path: Path) -> tuple[Topic | None, list[Problem]]:
    text, problems = read_text(Path(path))
    if text is None:
        return None, problems
    return parse_topic(text, Path(path))


def load_topics(directory: Path) -> tuple[list[Topic], list[Problem]]:
    """Every ``*.yml`` / ``*.yaml`` in ``directory``, sorted by title; never raises for bad content."""
    directory = Path(directory)
    if not directory.is_dir():
        return [], []
    topics: list[Topic] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")):
        topic, found = load_topic(path)
        problems += found
        if topic is None:
            continue
        if topic.slug in seen:
            problems.append(Problem(path, None, f"topic '{topic.slug}' is also defined in {seen[topic.slug].name}"))
            continue
        seen[topic.slug] = path
        topics.append(topic)
    topics.sort(key=lambda t: (_sort_title(t.title), t.slug))
    return topics, problems


# --------------------------------------------------------------------------
# The texts as the comparison sees them
# --------------------------------------------------------------------------

@dataclass
class ComparedText:
    """One text of the corpus: its body paragraphs ``(id, text)`` in reading order."""

    slug: str
    title: str
    label: str  # short name for column heads and charts: "Romano 2021"
    paragraphs: list[tuple[str, str]]
    redirects: dict[str, str] = field(default_factory=dict)  # retired id → living id
    index: int = 0  # position in the corpus: picks the colour

    @property
    def colour(self) -> str:
        return PALETTE[self.index % len(PALETTE)]

    @property
    def colour_class(self) -> str:
        """CSS class setting ``--compare-colour`` (compare.css adapts it to the dark scheme)."""
        return f"compare-c{self.index % len(PALETTE)}"

    @property
    def ids(self) -> set[str]:
        return {pid for pid, _ in self.paragraphs}

    @cached_property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.paragraphs)


_BULLET = re.compile(r"^(?:l\s|[–•▪]\s)")


def compared_text(source_text, index: int = 0) -> ComparedText:
    """A :class:`ComparedText` from a ``scholion.text.corpus.SourceText`` (duck-typed)."""
    document = source_text.document
    meta = document.meta or {}
    paragraphs = []
    for block in document.paragraphs:
        if not block.anchor:
            continue
        text = block.text.strip()
        if block.kind == "list_item":
            text = _BULLET.sub("", text, count=1)
        paragraphs.append((block.anchor, text))
    authors = meta.get("authors") or []
    surname = str(authors[0]).split()[-1] if authors else ""
    year = str(meta.get("year", ""))
    label = " ".join(part for part in (surname + (" et al." if len(authors) > 2 else
                                                  f" and {str(authors[1]).split()[-1]}" if len(authors) == 2 else ""),
                                       year) if part) or document.slug
    redirects = dict(getattr(getattr(source_text, "assignment", None), "redirects", {}) or {})
    return ComparedText(document.slug, str(meta.get("title", document.slug)), label, paragraphs, redirects, index)


def compared_paragraphs(source_text) -> list[tuple[str, str]]:
    """The paragraphs of :func:`compared_text`."""
    return compared_text(source_text).paragraphs


def compared_texts(source_texts: Iterable) -> list[ComparedText]:
    """Every text of the corpus in order, each with its own colour and a distinct short label."""
    texts = [compared_text(source_text, index) for index, source_text in enumerate(source_texts)]
    distinct_labels(texts)
    return texts


def distinct_labels(texts: Sequence[ComparedText]) -> None:
    """Two texts with the same short label (same author and year) get their slug added."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text.label] = counts.get(text.label, 0) + 1
    for text in texts:
        if counts[text.label] > 1:
            text.label = f"{text.label} ({text.slug})"


def check_topic(topic: Topic, glossary: Glossary, texts: Sequence[ComparedText]) -> list[Problem]:
    """Problems that need the glossary and the corpus: unknown term, text slug or paragraph id."""
    problems: list[Problem] = []
    for item in topic.terms:
        if item.value not in glossary:
            hint = get_close_matches(item.value, [t.slug for t in glossary], n=1)
            by_form = glossary.lookup(item.value)
            suggestion = by_form or (hint[0] if hint else None)
            problems.append(Problem(topic.file, item.line, f"'{item.value}' is not a glossary slug"
                                    + (f" (did you mean '{suggestion}'?)" if suggestion else "")))
    by_slug = {text.slug: text for text in texts}
    for name in TEXT_FIELDS:
        for slug, items in getattr(topic, name).items():
            text = by_slug.get(slug)
            if text is None:
                known = ", ".join(sorted(by_slug)) or "none"
                problems.append(Problem(topic.file, topic.text_lines.get((name, slug)),
                                        f"'{name}': '{slug}' is not a text of the corpus (texts: {known})"))
                continue
            ids = text.ids
            for item in items:
                if item.value not in ids and item.value not in text.redirects:
                    problems.append(Problem(topic.file, item.line,
                                            f"'{name}': {slug} has no paragraph {item.value}"))
    for slug, items in topic.pin.items():
        excluded = {i.value for i in topic.exclude.get(slug, [])}
        for item in items:
            if item.value in excluded:
                problems.append(Problem(topic.file, item.line, f"{slug} {item.value} is both pinned and excluded"))
    return sorted(problems, key=lambda p: p.line or 0)


# --------------------------------------------------------------------------
# Selection: one regex per topic, one pass per text
# --------------------------------------------------------------------------

_DASH_CLASS = "[-\u2010-\u2013]"
_KEYWORD_TOKEN = re.compile(r"\s+|[-\u2010-\u2013]|['\u2019]|[^\s\-\u2010-\u2013'\u2019]+")


def _keyword_fault(keyword: str) -> str | None:
    if not re.search(r"\w", keyword):
        return f"keyword {keyword!r} has no letters or digits"
    if "*" in keyword.rstrip("*") or keyword.endswith("**"):
        return f"keyword {keyword!r}: '*' may only end a keyword (sanction* matches sanctions)"
    if keyword.endswith("*") and not re.search(r"\w$", keyword[:-1]):
        return f"keyword {keyword!r}: '*' must follow a letter or digit"
    return None


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


# --------------------------------------------------------------------------
# Excerpts: the sentences that match, with the matches marked
# --------------------------------------------------------------------------

_ABBREVIATIONS = {"e.g", "i.e", "eg", "ie", "cf", "vs", "etc", "mr", "mrs", "ms", "dr", "st", "no", "nos", "art",
                  "p", "pp", "vol", "ch", "fig", "ed", "eds", "jr", "sr", "prof", "gen", "u.s", "u.k"}
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9–])")
MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 360


_LAST_WORD = re.compile(r"([\w.]+)[.!?…]?$")


@functools.lru_cache(maxsize=1 << 15)  # a paragraph is excerpted for several topics and the overview
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in ``text``; abbreviations and initials do not end one."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # The word before the stop: a window of 60 characters holds any abbreviation or initial.
        before = _LAST_WORD.search(text, max(start, match.start() - 60), match.start() + 1)
        word = before.group(1).rstrip(".").lower() if before else ""
        if text[match.start()] == "." and (word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", before.group(1).rstrip(".") if before else "")):
            continue
        end = match.end()
        spans.append((start, len(text[:end].rstrip())))
        start = end
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return tuple((s, e) for s, e in spans if e > s) or ((0, len(text)),)


def _trim(text: str, start: int, end: int, focus: tuple[int, int]) -> tuple[int, int, bool, bool]:
    """Shorten a long sentence to a window around ``focus`` at word boundaries."""
    if end - start <= MAX_SENTENCE_CHARS:
        return start, end, False, False
    half = max((MAX_SENTENCE_CHARS - (focus[1] - focus[0])) // 2, 40)
    lo, hi = max(start, focus[0] - half), min(end, focus[1] + half)
    if lo > start:
        space = text.find(" ", lo, focus[0])
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", focus[1], hi)
        hi = space if space != -1 else hi
    return lo, hi, lo > start, hi < end


def excerpt_html(text: str, matches: Sequence[tuple[int, int]], max_sentences: int = MAX_SENTENCES) -> str:
    """HTML of the sentence(s) of ``text`` holding ``matches``, matches in ``<mark>``, gaps as ``…``.

    With no match, the opening sentence. Everything is escaped.
    """
    sentences = sentence_spans(text)
    chosen: list[int] = []
    for start, _ in matches:
        index = next((i for i, (s, e) in enumerate(sentences) if s <= start < max(e, s + 1)), len(sentences) - 1)
        if index not in chosen:
            chosen.append(index)
    chosen = sorted(chosen)[:max_sentences] if chosen else [0]
    pieces: list[str] = []
    previous = None
    for index in chosen:
        s, e = sentences[index]
        inside = [(a, b) for a, b in matches if s <= a < e]
        lo, hi, cut_left, cut_right = _trim(text, s, e, inside[0] if inside else (s, s))
        if previous is None:
            lead = index > 0 or cut_left
        else:
            lead = index != previous + 1 or cut_left
        if lead and pieces and pieces[-1] == " …":
            pieces.append(" ")  # the sentence before was cut short: one ellipsis is enough
        elif lead:
            pieces.append("… " if previous is None else " … ")
        elif previous is not None:
            pieces.append(" ")
        spans = [Span(max(a, lo) - lo, min(b, hi) - lo, "<mark>", "</mark>") for a, b in matches if a < hi and b > lo]
        pieces.append(apply_spans(text[lo:hi], spans))
        if cut_right:
            pieces.append(" …")
        previous = index
    if previous is not None and previous < len(sentences) - 1 and not pieces[-1].endswith("…"):
        pieces.append(" …")
    return "".join(pieces)


# --------------------------------------------------------------------------
# Years the texts mention
# --------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR_CUE = re.compile(
    rf"(?:\b(?:in|since|from|until|till|to|by|of|between|and|after|before|during|early|late|mid|around|circa|least|"
    rf"summer|winter|spring|autumn|the|its|their|{_MONTHS})|\b\d{{1,2}}|[(–-])\s*$", re.IGNORECASE)
# The year first and the character before it checked behind: a regex that opens with the digits
# lets the engine skip ahead to each 1 or 2.
_YEAR = re.compile(r"(1[89]\d\d|20[0-2]\d|2030)(?<![\w.,€$£/]\d{4})(?:\s?[–-]\s?(\d{4}|\d{2})(?!\w))?(?![\w%]|[.,]\d)")
_QUANTITY_AFTER = re.compile(r"\s*(?:billion|million|thousand|percent|per cent|km|kilometres|troops|people|"
                             r"soldiers|dollars|euros|tonnes|members|pages)\b", re.IGNORECASE)


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int
    end: int


def find_years(text: str) -> list[YearMention]:
    """Years 1800–2030 used as dates: "in 2014", "since 1996", "the 1990 Charter", "5 June 2008", "2012-16".

    A four-digit number counts when a date word, a day, a bracket or a dash comes
    before it, or a word follows it ("2013 edition"); never before "billion",
    "percent" and the like, nor inside decades ("1990s") or larger numbers.
    """
    found: list[YearMention] = []
    for match in _YEAR.finditer(text):
        if _QUANTITY_AFTER.match(text, match.end()):
            continue
        cue = _YEAR_CUE.search(text[max(0, match.start() - 30):match.start()])
        follows = re.match(r"\s+[A-Za-z(]|\)", text[match.end():match.end() + 3])
        if not (cue or follows):
            continue
        first = int(match.group(1))
        found.append(YearMention(first, match.start(1), match.end(1)))
        if match.group(2):
            tail = match.group(2)
            second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
            if first < second <= 2030 and second - first < 100:
                found.append(YearMention(second, match.start(2), match.end(2)))
    return found


def shapes_years(word: str) -> bool:
    """Whether :func:`find_years` reads ``word`` around a year (a date cue before it, a quantity after
    it): a text with this word changed could mention other years."""
    return bool(_YEAR_CUE.search(word + " ") or _QUANTITY_AFTER.match(" " + word))


def timeline(texts: Sequence[ComparedText]) -> dict[int, dict[str, list[tuple[str, str, list[tuple[int, int]]]]]]:
    """``{year: {text slug: [(paragraph id, paragraph text, year spans)]}}``, years ascending."""
    result: dict[int, dict[str, list[tuple[str, str, list[tuple[int, int]]]]]] = {}
    for text in texts:
        for anchor, body in text.paragraphs:
            by_year: dict[int, list[tuple[int, int]]] = {}
            for mention in find_years(body):
                by_year.setdefault(mention.year, []).append((mention.start, mention.end))
            for year, spans in by_year.items():
                result.setdefault(year, {}).setdefault(text.slug, []).append((anchor, body, spans))
    return dict(sorted(result.items()))


# --------------------------------------------------------------------------
# Glossary terms per text, and works cited by more than one text
# --------------------------------------------------------------------------

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


def cited_works(text: ComparedText, by_note: Mapping[str, Sequence], bib) -> dict[str, list[str]]:
    """``{bib key: [element ids]}``: where one text cites each work.

    ``by_note`` is the text's resolved note citations (``{note label: [Citation]}``, as
    :func:`scholion.bib.citations.resolve_notes` returns them); a note citing a work gives the
    note's id (``n26``). A body paragraph that gives a work's full title (four words or
    more) and its year cites it too (``p11``): "the foreign policy concept of the Russian
    Federation, approved in November 2016".
    """
    from scholion.bib.entries import fold
    from scholion.pages.page import note_id

    result: dict[str, list[str]] = {}
    for label, citations in by_note.items():
        for citation in citations:
            if citation.status != "resolved":
                continue
            for key in citation.keys:
                ids = result.setdefault(key, [])
                if note_id(label) not in ids:
                    ids.append(note_id(label))
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


_FOUR_DIGITS = re.compile(r"\d{4}(?<!\d\d{4})(?!\d)")  # the digits first, so the engine skips ahead to them


def shared_works(cited: CitedWorks, texts: Sequence[ComparedText], min_texts: int = 2) -> list[tuple[str, dict[str, list[str]]]]:
    """Works cited by ``min_texts`` texts or more: ``[(bib key, {text slug: ids})]``, most-cited first."""
    by_key: dict[str, dict[str, list[str]]] = {}
    for text in texts:
        for key, ids in cited.get(text.slug, {}).items():
            if ids:
                by_key.setdefault(key, {})[text.slug] = list(ids)
    shared = [(key, where) for key, where in by_key.items() if len(where) >= min_texts]
    return sorted(shared, key=lambda kw: (-len(kw[1]), -sum(len(v) for v in kw[1].values()), kw[0]))


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _para_label(anchor: str) -> str:
    return f"¶{anchor[1:]}" if PARAGRAPH_ID_RE.match(anchor) else (f"note {anchor[1:]}" if anchor.startswith("n") else anchor)


def _text_href(root: str, text: ComparedText, anchor: str = "") -> str:
    return _esc(f"{root}{text.slug}/" + (f"#{anchor}" if anchor else ""))


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _text_head(text: ComparedText, root: str) -> str:
    return (f'<span class="compare-swatch {text.colour_class}" aria-hidden="true"></span>'
            f'<a href="{_text_href(root, text)}">{_esc(text.label)}</a>')


def _passage_html(passage: Passage, text: ComparedText, root: str) -> str:
    href = _text_href(root, text, passage.anchor)
    label = _para_label(passage.anchor)
    pinned = ' <span class="compare-pinned" title="Chosen by the topic editors">pinned</span>' if passage.pinned and not passage.matches else ""
    return (f'<li class="compare-passage"><blockquote cite="{href}"><p>{passage.excerpt}</p></blockquote>'
            f'<p class="compare-source"><a class="compare-ref" href="{href}" '
            f'title="{tooltip_title(text.label)}, paragraph {_esc(passage.anchor[1:])}">{_esc(text.label)}, {_esc(label)}</a>{pinned}</p></li>')


def _selectors_html(topic: Topic, glossary: Glossary, root: str) -> str:
    parts = []
    terms = [glossary.get(item.value) for item in topic.terms]
    links = [f'<a href="{_esc(root)}glossary/#{_esc(t.slug)}">{_esc(t.term)}</a>' for t in terms if t is not None]
    if links:
        parts.append(f"<li>glossary terms (with all their spellings): {', '.join(links)}</li>")
    if topic.keywords:
        parts.append("<li>words and phrases: " + ", ".join(f"<q>{_esc(k.value)}</q>" for k in topic.keywords) + "</li>")
    for name, what in (("pin", "added by hand"), ("exclude", "left out by hand")):
        entries = [f"{_esc(slug)} {', '.join(_esc(_para_label(i.value)) for i in items)}"
                   for slug, items in getattr(topic, name).items() if items]
        if entries:
            parts.append(f"<li>paragraphs {what}: {'; '.join(entries)}</li>")
    return ('<details class="compare-how"><summary>How these passages were chosen</summary>'
            f'<p>A paragraph is shown when it contains one of:</p><ul>{"".join(parts)}</ul>'
            f'<p>Each passage quotes the sentences that match, <mark>highlighted</mark>; … marks what is left out. '
            f'The topic is defined in <code>topics/{_esc(topic.slug)}.yml</code>.</p></details>')


def render_topic_page(comparison: Comparison, glossary: Glossary, root: str = "../../") -> RenderedPage:
    """The page ``/compare/<topic>/``; ``root`` leads from it to the site root."""
    topic = comparison.topic
    headings: list[Heading] = []
    out = [f"<h1>{_esc(topic.title)}</h1>", f'<p class="compare-summary">{_esc(topic.summary)}</p>']
    counts = ", ".join(f"{_esc(c.text.label)}: {_plural(len(c.passages), 'passage')}" for c in comparison.columns)
    out.append(f'<p class="compare-counts">{counts}. <a href="../">All topics</a> · <a href="../{OVERVIEW_SLUG}/">Corpus overview</a></p>')
    out.append(_selectors_html(topic, glossary, root))
    out.append(f'<div class="compare-grid">')
    for column in comparison.columns:
        text = column.text
        hid = f"text-{text.slug}"
        headings.append(Heading(2, hid, text.label))
        out.append(f'<section class="compare-column {text.colour_class}" aria-labelledby="{_esc(hid)}">')
        out.append(f'<h2 id="{_esc(hid)}">{_text_head(text, root)}</h2>')
        out.append(f'<p class="compare-title"><cite>{_esc(text.title)}</cite> · {_plural(len(column.passages), "passage")}</p>')
        if column.passages:
            out.append('<ol class="compare-passages">' + "".join(_passage_html(p, text, root) for p in column.passages) + "</ol>")
        else:
            out.append('<p class="compare-none">No passage of this text matches the topic.</p>')
        out.append("</section>")
    out.append("</div>")
    return RenderedPage("\n".join(out), headings)


def render_index_page(comparisons: Sequence[Comparison], texts: Sequence[ComparedText], root: str = "../") -> RenderedPage:
    """HTML of ``/compare/``: the topics, with how many passages each text has on each."""
    out = ["<h1>Compare the texts</h1>",
           '<p class="compare-summary">Each topic page sets the texts side by side: one column per text, with the '
           "passages where it treats the topic, so you can see where the authors agree and where they differ. "
           f'The <a href="{OVERVIEW_SLUG}/">corpus overview</a> shows the works they both cite, the glossary terms '
           "each uses most, and a timeline of the years they mention.</p>"]
    if not comparisons:
        out.append("<p>No topics yet: add a file to <code>topics/</code>.</p>")
        return RenderedPage("\n".join(out))
    head = "".join(f'<th scope="col">{_text_head(t, root)}</th>' for t in texts)
    rows = []
    for comparison in comparisons:
        topic = comparison.topic
        cells = "".join(f'<td class="compare-num">{len(c.passages)}</td>' for c in comparison.columns)
        rows.append(f'<tr><th scope="row"><a href="{_esc(topic.slug)}/">{_esc(topic.title)}</a>'
                    f'<br><span class="compare-topic-summary">{_esc(topic.summary)}</span></th>{cells}</tr>')
    out.append('<div class="compare-table-wrap compare-index"><table><caption>Passages per text on each topic</caption>'
               f'<thead><tr><th scope="col">Topic</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    out.append('<p class="compare-contribute">To add a topic, add one file <code>topics/&lt;slug&gt;.yml</code> with a '
               "<code>title</code>, a short neutral <code>summary</code> and the glossary <code>terms</code>, "
               "<code>keywords</code> or pinned paragraphs (<code>pin</code>) that select its passages; "
               "<code>exclude</code> drops a paragraph that matches by accident.</p>")
    return RenderedPage("\n".join(out))


# --------------------------------------------------------------------------
# Pictures: inline SVG
# --------------------------------------------------------------------------

def _svg_open(svg_id: str, width: int, height: int, title: str, desc: str, css_class: str, role: str = "img") -> str:
    """An inline SVG named by its ``<title>`` and described by its ``<desc>``.

    A picture with no links is ``role="img"``; one whose marks are links is ``role="group"``,
    since the children of an ``img`` are hidden from assistive technology and its links
    would be unreachable (axe: nested-interactive).
    """
    return (f'<svg class="{css_class}" role="{role}" aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" font-family="inherit" font-size="12">'
            f'<title id="{svg_id}-title">{_esc(title)}</title><desc id="{svg_id}-desc">{_esc(desc)}</desc>')


Series = tuple[str, str, str]  # a chart's series: label, colour, CSS class (compare.css adapts it to the dark scheme)


def _series(texts: Sequence[ComparedText]) -> list[Series]:
    return [(t.label, t.colour, t.colour_class) for t in texts]


def _legend(series: Sequence[Series], x: int, y: int) -> str:
    parts = []
    for label, colour, css_class in series:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}" class="{css_class}"/>'
                     f'<text x="{x + 14}" y="{y}" fill="currentColor">{_esc(label)}</text>')
        x += 24 + 7 * len(label)
    return "".join(parts)


def bar_chart_svg(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *,
                  title: str, desc: str, svg_id: str = "term-chart") -> str:
    """A grouped horizontal bar chart (``role="img"``): ``rows`` are ``(label, [value per series])``.

    Each bar is labelled with its value and its series' name, so colour is never the only cue.
    """
    label_width, bar_space, bar_height, gap = 170, 300, 11, 9
    value_label = 14 + 7 * max((len(label) for label, _, _ in series), default=6)
    width = label_width + bar_space + value_label
    group = len(series) * (bar_height + 2) + gap
    top = 28
    height = top + len(rows) * group + 4
    biggest = max((v for _, values in rows for v in values), default=1) or 1
    out = [_svg_open(svg_id, width, height, title, desc, "compare-chart"), _legend(series, label_width, 14)]
    for index, (label, values) in enumerate(rows):
        y0 = top + index * group
        out.append(f'<text x="{label_width - 8}" y="{y0 + group / 2 - 2:.1f}" text-anchor="end" fill="currentColor">{_esc(label)}</text>')
        for position, ((name, colour, css_class), value) in enumerate(zip(series, values)):
            y = y0 + position * (bar_height + 2)
            length = round(bar_space * value / biggest, 1)
            out.append(f'<rect x="{label_width}" y="{y}" width="{max(length, 0.5)}" height="{bar_height}" '
                       f'fill="{colour}" class="{css_class}"/>')
            out.append(f'<text x="{label_width + length + 4}" y="{y + bar_height - 1.5}" font-size="10" fill="currentColor">'
                       f"{value} · {_esc(name)}</text>")
    out.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 4}" stroke="currentColor" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def timeline_svg(years: Mapping[int, Mapping[str, Sequence[tuple[str, str, list]]]], texts: Sequence[ComparedText], *,
                 root: str, title: str, desc: str, svg_id: str = "timeline-chart") -> str:
    """A vertical timeline strip (``role="group"``): one row per year, one lane per text, a linked dot per passage."""
    row, lane, radius, dot_step = 17, 150, 4.5, 11
    year_width, top = 48, 34
    width = year_width + lane * len(texts) + 8
    height = top + row * len(years) + 6
    out = [_svg_open(svg_id, width, height, title, desc, "compare-timeline", role="group")]
    for position, text in enumerate(texts):
        x = year_width + position * lane
        out.append(f'<text x="{x + 6}" y="14" font-weight="bold" fill="currentColor">{_esc(text.label)}</text>')
        out.append(f'<line x1="{x}" y1="{top - 12}" x2="{x}" y2="{height - 4}" stroke="currentColor" stroke-opacity=".35"/>')
    previous = None
    for index, (year, by_text) in enumerate(years.items()):
        y = top + index * row
        gap = previous is not None and year - previous > 1
        style = ' font-style="italic"' if gap else ""
        out.append(f'<text x="{year_width - 8}" y="{y + 4}" text-anchor="end" fill="currentColor"{style}>{year}</text>')
        if gap:
            out.append(f'<line x1="4" y1="{y - row / 2:.1f}" x2="{width - 4}" y2="{y - row / 2:.1f}" '
                       f'stroke="currentColor" stroke-opacity=".2" stroke-dasharray="2 3"/>')
        previous = year
        for position, text in enumerate(texts):
            entries = by_text.get(text.slug, [])
            shown = entries[: (lane - 24) // dot_step]
            for k, (anchor, _, _) in enumerate(shown):
                cx = year_width + position * lane + 12 + k * dot_step
                # xlink:href, not href: Material's instant navigation rewrites every [href] and
                # fails on an SVG link, whose href property is read-only.
                out.append(f'<a xlink:href="{_text_href(root, text, anchor)}"><title>{year}: {_esc(text.label)}, '
                           f'{_esc(_para_label(anchor))}</title><circle cx="{cx}" cy="{y}" r="{radius}" '
                           f'fill="{text.colour}" class="{text.colour_class}"/></a>')
            if len(entries) > len(shown):
                out.append(f'<text x="{year_width + position * lane + 12 + len(shown) * dot_step}" y="{y + 4}" '
                           f'font-size="10" fill="currentColor">+{len(entries) - len(shown)}</text>')
    out.append("</svg>")
    return "".join(out)


def _first_links(where: Mapping[str, Sequence[str]], texts: Sequence[ComparedText], root: str) -> str:
    """Each text in ``where`` (``{text slug: ids}``) by its label, linked to its first id, with the count if more."""
    links = []
    for t in texts:
        ids = where.get(t.slug)
        if ids:
            more = f" ({len(ids)})" if len(ids) > 1 else ""
            links.append(f'<a href="{_text_href(root, t, ids[0])}">{_esc(t.label)}</a>{more}')
    return ", ".join(links)


def _shared_works_html(texts: Sequence[ComparedText], cited: CitedWorks | None, bib, bibliography_url: str | None,
                       root: str, side_by_side: bool) -> list[str]:
    if cited is None or bib is None:
        return ['<p class="compare-none">The bibliography is not available in this build.</p>']
    out = []
    shared = shared_works(cited, texts)
    if side_by_side:
        per_text = ", ".join(f"{_esc(t.label)} {_plural(len(cited.get(t.slug, {})), 'work')}" for t in texts)
        out.append(f"<p>Works each text cites, in its notes or by title in its running text: {per_text}.</p>")
    else:
        works = len({key for t in texts for key in cited.get(t.slug, {})})
        out.append(f"<p>The {len(texts)} texts cite {_plural(works, 'work')} in their notes or by title in their "
                   f"running text; {len(shared)} of them by more than one text. Each text is linked to the first "
                   "place it cites the work (with the number of places if there are more).</p>")
    if not shared:
        out.append('<p class="compare-none">No work is cited by more than one text.</p>')
    else:
        rows = []
        for key, where in shared:
            entry = bib.entries.get(key) if hasattr(bib, "entries") else None
            work = entry.reference_html if entry is not None else _esc(key)
            if bibliography_url:
                work += f' <a class="compare-bib-link" href="{_esc(bibliography_url)}#{_esc(key)}">(bibliography)</a>'
            if side_by_side:
                cells = "".join(
                    "<td>" + ", ".join(f'<a href="{_text_href(root, t, i)}">{_esc(_para_label(i))}</a>' for i in where.get(t.slug, []))
                    + "</td>" for t in texts)
            else:
                cells = f'<td class="compare-num">{len(where)}</td><td>{_first_links(where, texts, root)}</td>'
            rows.append(f"<tr><th scope=\"row\">{work}</th>{cells}</tr>")
        head = ("".join(f'<th scope="col">{_text_head(t, root)}</th>' for t in texts) if side_by_side
                else '<th scope="col">Texts</th><th scope="col">Where</th>')
        out.append('<div class="compare-table-wrap compare-shared"><table><caption>Works cited by more than one text, '
                   f'and where</caption><thead><tr><th scope="col">Work</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    silent = [t for t in texts if not cited.get(t.slug)]
    if silent and side_by_side:
        out.append('<p class="compare-caveat">' + ", ".join(_esc(t.label) for t in silent)
                   + " cites no work that the bibliography could resolve (in the source extract its note texts may be missing).</p>")
    elif silent:
        out.append(f'<p class="compare-caveat">{_plural(len(silent), "text")} cite no work that the bibliography could '
                   "resolve (in a source extract the note texts may be missing).</p>")
    return out


def _terms_html(texts: Sequence[ComparedText], glossary: Glossary, terms: Mapping[str, TermCounts], root: str,
                top_terms: int, side_by_side: bool) -> list[str]:
    usage = term_usage(terms)
    ranked = sorted(usage, key=lambda slug: (-sum(v[0] for v in usage[slug].values()), glossary[slug].term.casefold()))
    if not ranked:
        return ['<p class="compare-none">No glossary term occurs in the texts.</p>']
    top = ranked[:top_terms]
    if side_by_side:
        lengths = ", ".join(f"{_esc(t.label)} {t.words:,} words" for t in texts)
        intro = f"The texts differ in length: {lengths}."
        series = _series(texts)
        rows = [(glossary[s].term, [usage[s].get(t.slug, (0, 0))[0] for t in texts]) for s in top]
        desc = "; ".join(f"{glossary[s].term}: " + ", ".join(f"{t.label} {usage[s].get(t.slug, (0, 0))[0]}" for t in texts)
                         for s in top)
        chart_title, unit = f"The {len(top)} glossary terms used most, occurrences per text", "per text"
    else:
        intro = f"The {len(texts)} texts have {sum(t.words for t in texts):,} words in all."
        series = [("All texts", PALETTE[0], "compare-c0")]
        rows = [(glossary[s].term, [sum(v[0] for v in usage[s].values())]) for s in top]
        desc = "; ".join(f"{label}: {values[0]}" for label, values in rows)
        chart_title, unit = f"The {len(top)} glossary terms used most, occurrences in all the texts", "in all the texts"
    out = [f"<p>How often the texts use each glossary term (every spelling the glossary links counts). {intro} "
           f"The chart shows the {len(top)} terms used most; the table below lists all {len(ranked)}.</p>",
           '<figure class="compare-figure">' + bar_chart_svg(
               rows, series, title=chart_title, desc=f"Bar chart, one bar per {'text for each ' if side_by_side else ''}term. {desc}.")
           + f"<figcaption>Occurrences of the {len(top)} most used glossary terms, {unit}. "
           "The table below links each term to the glossary.</figcaption></figure>"]
    body = []
    if side_by_side:
        head = "".join(f'<th scope="col">{_text_head(t, root)}<br><span class="compare-unit">occurrences (paragraphs) · per 1,000 words</span></th>'
                       for t in texts)
        for slug in ranked:
            cells = []
            for t in texts:
                count, paragraphs = usage[slug].get(t.slug, (0, 0))
                rate = 1000 * count / t.words if t.words else 0
                cells.append(f'<td class="compare-num">{count} ({paragraphs}) · {rate:.1f}</td>' if count else '<td class="compare-num">–</td>')
            body.append(f'<tr><th scope="row"><a href="{_esc(root)}glossary/#{_esc(slug)}">{_esc(glossary[slug].term)}</a></th>{"".join(cells)}</tr>')
    else:
        words = sum(t.words for t in texts)
        head = ('<th scope="col">Occurrences (paragraphs)</th><th scope="col">Per 1,000 words</th>'
                '<th scope="col">Texts using it</th>')
        for slug in ranked:
            count = sum(v[0] for v in usage[slug].values())
            paragraphs = sum(v[1] for v in usage[slug].values())
            rate = 1000 * count / words if words else 0
            body.append(f'<tr><th scope="row"><a href="{_esc(root)}glossary/#{_esc(slug)}">{_esc(glossary[slug].term)}</a></th>'
                        f'<td class="compare-num">{count:,} ({paragraphs:,})</td><td class="compare-num">{rate:.1f}</td>'
                        f'<td class="compare-num">{len(usage[slug])}</td></tr>')
    out.append(f'<details class="compare-all-terms"><summary>All {len(ranked)} terms, with counts {unit}</summary>'
               '<div class="compare-table-wrap compare-terms"><table><caption>Glossary terms by use in each text</caption>'
               f'<thead><tr><th scope="col">Term</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></details>')
    return out


def year_chart_svg(rows: Sequence[tuple[int, int, int]], *, title: str, desc: str, svg_id: str = "timeline-chart") -> str:
    """One bar per year (``role="img"``): ``rows`` are ``(year, passages, texts)``, each bar labelled with both."""
    label_width, bar_space, bar_height, row, top = 48, 300, 11, 15, 8
    width = label_width + bar_space + 170
    height = top + row * len(rows) + 4
    biggest = max((passages for _, passages, _ in rows), default=1) or 1
    out = [_svg_open(svg_id, width, height, title, desc, "compare-chart")]
    for index, (year, passages, count) in enumerate(rows):
        y = top + index * row
        length = round(bar_space * passages / biggest, 1)
        out.append(f'<text x="{label_width - 8}" y="{y + bar_height - 1.5}" text-anchor="end" fill="currentColor">{year}</text>'
                   f'<rect x="{label_width}" y="{y}" width="{max(length, 0.5)}" height="{bar_height}" fill="{PALETTE[0]}" class="compare-c0"/>'
                   f'<text x="{label_width + length + 4}" y="{y + bar_height - 1.5}" font-size="10" fill="currentColor">'
                   f"{_plural(passages, 'passage')} · {_plural(count, 'text')}</text>")
    out.append("</svg>")
    return "".join(out)


def _timeline_html(texts: Sequence[ComparedText], root: str, side_by_side: bool) -> list[str]:
    years = timeline(texts)
    if not years:
        return ['<p class="compare-none">The texts mention no year.</p>']
    if side_by_side:
        counts = ", ".join(f"{_esc(t.label)} {_plural(sum(len(v.get(t.slug, [])) for v in years.values()), 'passage')}"
                           for t in texts)
    else:
        counts = f"{_plural(sum(len(p) for v in years.values() for p in v.values()), 'passage')} in all"
    out = [f"<p>Every year from 1800 to 2030 that a paragraph names as a date (“in 2014”, “since 1996”, "
           f"“the 1990 Charter”), {len(years)} years in all: {counts}. "
           + ("Each dot is a passage and links to it; a dotted line marks a jump of more than a year.</p>" if side_by_side else
              "The table links each text to its first passage naming the year (with the number of passages if there are more).</p>")]
    if side_by_side:
        desc = "; ".join(f"{year}: " + ", ".join(f"{t.label} {len(by_text[t.slug])}" for t in texts if by_text.get(t.slug))
                         for year, by_text in years.items())
        out.append('<figure class="compare-figure">' + timeline_svg(
            years, texts, root=root, title="Timeline of the years the texts mention",
            desc=f"One row per year, one column per text, one dot per passage. {desc}.") +
            "<figcaption>Years mentioned in the texts: one dot per passage.</figcaption></figure>")
        head = "".join(f'<th scope="col">{_text_head(t, root)}</th>' for t in texts)
    else:
        rows = [(year, sum(len(p) for p in by_text.values()), len(by_text)) for year, by_text in years.items()]
        desc = "; ".join(f"{year}: {passages} passages in {count} texts" for year, passages, count in rows)
        out.append('<figure class="compare-figure">' + year_chart_svg(
            rows, title="Passages naming each year, in all the texts", desc=f"One bar per year. {desc}.") +
            "<figcaption>Years mentioned in the texts: passages and texts per year.</figcaption></figure>")
        head = '<th scope="col">Passages</th><th scope="col">Texts</th>'
    body = []
    for year, by_text in years.items():
        if side_by_side:
            cells = []
            for t in texts:
                items = "".join(
                    f'<li><a class="compare-ref" href="{_text_href(root, t, anchor)}">{_esc(_para_label(anchor))}</a> '
                    f"{excerpt_html(text, spans, max_sentences=1)}</li>"
                    for anchor, text, spans in by_text.get(t.slug, []))
                cells.append(f'<td><ul class="compare-mentions">{items}</ul></td>' if items else "<td></td>")
            row = "".join(cells)
        else:
            where = {slug: [anchor for anchor, _, _ in passages] for slug, passages in by_text.items()}
            row = (f'<td class="compare-num">{sum(len(p) for p in where.values()):,}</td>'
                   f"<td>{_first_links(where, texts, root)}</td>")
        body.append(f'<tr id="year-{year}"><th scope="row">{year}</th>{row}</tr>')
    out.append('<div class="compare-table-wrap compare-timeline-table"><table><caption>Years and the passages that mention them</caption>'
               f'<thead><tr><th scope="col">Year</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
    return out


def render_overview_page(texts: Sequence[ComparedText], glossary: Glossary, *, root: str = "../../",
                         terms: Mapping[str, TermCounts] | None = None, cited: CitedWorks | None = None, bib=None,
                         bibliography_url: str | None = None, top_terms: int = 20) -> RenderedPage:
    """The page ``/compare/overview/``.

    ``terms`` is each text's :func:`scholion.glossary.terms.paragraph_terms` (found here if not given).
    ``cited`` is ``{text slug: {bib key: [element ids]}}`` (see :func:`cited_works`); with
    ``cited=None`` the shared-works section says the bibliography is not available. Up to
    :data:`SIDE_BY_SIDE_MAX_TEXTS` texts each get a column (and a series in the charts); above
    that the page counts over the whole corpus and links each text once per row.
    """
    side_by_side = len(texts) <= SIDE_BY_SIDE_MAX_TEXTS
    if terms is None:
        terms = {text.slug: paragraph_terms(glossary, text.paragraphs) for text in texts}
    headings = [Heading(2, "shared-works", "Works cited by more than one text"),
                Heading(2, "terms", "Glossary terms in each text" if side_by_side else "Glossary terms in the texts"),
                Heading(2, "timeline", "Timeline of the years the texts mention")]
    if side_by_side:
        names = ", ".join(f"{_esc(t.label)} (<cite>{_esc(t.title)}</cite>)" for t in texts)
        names = f"at a glance: {names}."
    else:
        names = f'at a glance (the <a href="{_esc(root)}texts/">list of texts</a> names them all).'
    out = ["<h1>Corpus overview</h1>",
           f'<p class="compare-summary">What the {len(texts)} texts of the corpus have in common and where they differ, '
           f'{names} <a href="../">Topic comparisons</a></p>']
    sections = (_shared_works_html(texts, cited, bib, bibliography_url, root, side_by_side),
                _terms_html(texts, glossary, terms, root, top_terms, side_by_side),
                _timeline_html(texts, root, side_by_side))
    for heading, section in zip(headings, sections):
        out.append(f'<h2 id="{heading.id}">{heading.title}<a class="headerlink" href="#{heading.id}" title="Permanent link">¶</a></h2>')
        out += section
    return RenderedPage("\n".join(out), headings)
