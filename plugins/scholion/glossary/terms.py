"""The glossary: load ``glossary.yml``, find its terms in running text, build tooltips.

Contract for contributors (``glossary.yml`` at the top of the repository)
------------------------------------------------------------------------
A YAML list; each entry is a mapping with

``term``        display form, e.g. ``CSTO`` or ``Minsk agreements`` (required)
``expansion``   the spelled-out form of an abbreviation, otherwise a one-line
                gloss; it is what the hover tooltip shows (required)
``definition``  a short, neutral, factual definition; plain text (required)
``aliases``     other spellings and plural forms that should also be linked
``sic``         misprints found in a source text that mean this term (e.g.
                ``NBD`` for ``NDB``). They are linked like aliases, but the
                glossary page lists them as misprints, not as valid spellings.
``related``     slugs of other entries
``slug``        the page anchor (``/glossary/#<slug>``); default: the term
                slugified (``Minsk agreements`` → ``minsk-agreements``).
                Once published, a slug must not change (it is a link target).

Everything is untrusted text: it is escaped wherever it reaches a page.

Matching rules (``Glossary.find``)
----------------------------------
* A *form* is the term, an alias or a ``sic`` spelling. Forms are split into
  words at spaces, hyphens and apostrophes.
* A word with no lower-case letter, or with a capital after its first
  character (``EU``, ``MEPs``, ``G-8``, ``EaP``), is matched exactly: ``US``
  never matches ``us``. Any other word may have either case on its first
  letter only: ``multilateralism`` matches ``Multilateralism``, ``Charter of
  Paris for a New Europe`` matches ``… for a new Europe``; ``eu`` is never
  ``EU`` and ``Nato`` is never ``NATO``.
* In the text, any run of white space matches a space in a form, any of
  ``- ‐ ‑ ‒ –`` matches a hyphen, and ``'`` and ``’`` are the same.
* A match may not start or end inside a word: the characters around it must
  not be letters, digits or ``_``. So ``EU`` never matches in ``EUR`` or
  ``EU2``; it does match in ``EU’s`` / ``EU's`` (possessive), ``EU-Russia``,
  ``EU–Russia``, ``Russia-EU``, ``non-EU``, ``EU/NATO`` and ``‘EU’-ropean``.
* Leftmost, then longest match wins. All forms go into one precompiled
  alternation, longest first, so ``EU-isation`` (its own term) is found
  instead of ``EU`` + ``-isation``, ``UN Security Council`` instead of ``UN``,
  ``Members of the European Parliament`` instead of ``European Parliament``.
  A hyphenated word that is not itself a form (``EU-led``) gives ``EU``.
* Plurals and other inflections are not guessed: they are listed as aliases
  (``MEPs``, ``NGOs``, ``frozen conflict``/``frozen conflicts``), so that what
  gets linked is exactly what the glossary says.

Linking rule (``glossary_spans``)
---------------------------------
Only the first occurrence of a term in a scope is linked ("never twice in
the same place"): ``glossary_spans`` links each term once per call, and one
``already_seen`` set passed to several calls widens the scope. On reading
pages (``GlossaryEnricher``) the scope is a section of the text (between two
headings) and the notes list: a section that says EU in every paragraph gets
one tooltip, not one per paragraph. Fewer tooltips also means less for
Material to mount on a phone; the glossary page still counts every paragraph.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import yaml

from scholion.html.spans import Span
from scholion.problems import Problem
from scholion.html.sanitising import tooltip_title
from scholion.text.folding import fold
from scholion.text.textio import SafeLoader

GLOSSARY_PRIORITY = 1

REQUIRED_FIELDS = ("term", "expansion", "definition")
STRING_FIELDS = ("term", "expansion", "definition", "slug")
LIST_FIELDS = ("aliases", "related", "sic")
KNOWN_FIELDS = REQUIRED_FIELDS + ("slug",) + LIST_FIELDS

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"

_DASHES = "-\u2010\u2011\u2012\u2013"
_DASH_CLASS = "[-\u2010-\u2013]"
_APOSTROPHES = "'\u2019"
# A form is tokenised into: white-space runs, dashes, apostrophes, words.
_TOKEN_RE = re.compile(r"\s+|[-\u2010-\u2013]|['\u2019]|[^\s\-\u2010-\u2013'\u2019]+")


@dataclass
class Term:
    """One glossary entry. ``line`` is where the entry starts in glossary.yml."""

    slug: str
    term: str
    expansion: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    line: int = 0
    sic: list[str] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        """Every spelling that is linked to this entry: term, aliases, misprints."""
        return [self.term, *self.aliases, *self.sic]


@dataclass(frozen=True)
class TermMatch:
    """``text[start:end]`` is an occurrence of the glossary entry ``slug``."""

    start: int
    end: int
    slug: str


# --------------------------------------------------------------------------
# Forms: case rules, normalised keys, regex fragments
# --------------------------------------------------------------------------

def _is_exact_word(word: str) -> bool:
    """Acronym-like words (``EU``, ``MEPs``, ``G``, ``17``) are matched exactly."""
    return not any(c.islower() for c in word) or any(c.isupper() for c in word[1:])


def _tokens(form: str) -> list[str]:
    return _TOKEN_RE.findall(form)


def form_key(form: str) -> str:
    """Normalise a form so that two forms with the same key match the same text."""
    out: list[str] = []
    for tok in _tokens(form.strip()):
        if tok.isspace():
            out.append(" ")
        elif tok in _DASHES:
            out.append("-")
        elif tok in _APOSTROPHES:
            out.append("'")
        elif _is_exact_word(tok):
            out.append(tok)
        else:
            out.append(tok[0].lower() + tok[1:])
    return "".join(out)


def _form_atoms(form: str) -> list[str]:
    """``form`` as regex atoms (no groups), each matching one character, or one run of white space
    (``\\s+``), under the documented rules."""
    atoms: list[str] = []
    for tok in _tokens(form.strip()):
        if tok.isspace():
            atoms.append(r"\s+")
        elif tok in _DASHES:
            atoms.append(_DASH_CLASS)
        elif tok in _APOSTROPHES:
            atoms.append("['\u2019]")
        elif _is_exact_word(tok) or tok[0].lower() == tok[0].upper():
            atoms.extend(map(re.escape, tok))
        else:
            atoms.append(f"[{re.escape(tok[0].lower())}{re.escape(tok[0].upper())}]")
            atoms.extend(map(re.escape, tok[1:]))
    return atoms


def form_pattern(form: str) -> str:
    """Regex fragment (no groups) matching ``form`` under the documented rules."""
    return "".join(_form_atoms(form))


def _start_characters(form: str) -> set[str]:
    """The characters a match of ``form`` may start with: its first, in either case unless the
    first word is matched exactly."""
    form = form.strip()
    return {form[0]} if _is_exact_word(_tokens(form)[0]) else {form[0].lower(), form[0].upper()}


def slugify(text: str) -> str:
    """``Minsk agreements`` → ``minsk-agreements``; ``détente`` → ``detente``: the folded text with a hyphen
    for whatever is not a–z or 0–9."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --------------------------------------------------------------------------
# The glossary
# --------------------------------------------------------------------------

class Glossary:
    """Validated glossary entries plus one precompiled matcher for all forms."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        self.terms: dict[str, Term] = {}
        self._owner: dict[str, str] = {}  # form key -> slug (first owner wins)
        for term in terms:
            if term.slug in self.terms:
                continue
            self.terms[term.slug] = term
            for form in term.forms:
                self._owner.setdefault(form_key(form), term.slug)

    def __getstate__(self) -> dict:
        self._matchers  # sent to a worker with its matchers, or it would build them again for each task
        return self.__dict__

    @functools.cached_property  # compiled on first use: a build whose pages all come from its cache never needs it
    def _matchers(self) -> tuple[re.Pattern[str] | None, dict[str, tuple[re.Pattern[str], list[str]]]]:
        """One small matcher per first character, so each word start tries only the forms that
        can begin there (one big alternation tried at every word start was ~10× slower)."""
        forms: dict[str, tuple[str, str]] = {}  # key -> (form, slug)
        for term in self.terms.values():
            for form in term.forms:
                key = form_key(form)
                if self._owner.get(key) == term.slug and key not in forms:
                    forms[key] = (form.strip(), term.slug)
        if not forms:
            return None, {}
        # Longest first: at one position the alternation tries longer forms first.
        ordered = sorted(forms.values(), key=lambda fs: (-len(fs[0]), fs[0]))
        grouped: dict[str, list[tuple[str, str]]] = {}
        # What may follow each first character: the next atoms of its forms (up to three, or up to a
        # run of white space), or anything (None) when a form is that one character.
        follows: dict[str, set[str] | None] = {}
        for form, slug in ordered:
            rest: list[str] = []
            for atom in _form_atoms(form)[1:4]:
                rest.append(r"\s" if atom == r"\s+" else atom)
                if atom == r"\s+":
                    break
            for char in _start_characters(form):
                grouped.setdefault(char, []).append((form, slug))
                if not rest:
                    follows[char] = None
                elif follows.get(char, set()) is not None:
                    follows.setdefault(char, set()).add("".join(rest))
        by_char = {
            char: (re.compile("(?:" + "|".join(f"({form_pattern(f)})" for f, _ in group) + r")(?!\w)"), [s for _, s in group])
            for char, group in grouped.items()
        }
        # A word start whose next characters begin no form ("a", "as", "the": most words) is passed
        # over inside the regex engine, not tried here: a search takes 40% less time.
        starts = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(char) + ("" if follows[char] is None else "(?=" + "|".join(sorted(follows[char])) + ")")
            for char in sorted(follows)) + ")")
        return starts, by_char

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self.terms

    def __getitem__(self, slug: str) -> Term:
        return self.terms[slug]

    def get(self, slug: str) -> Term | None:
        return self.terms.get(slug)

    def lookup(self, form: str) -> str | None:
        """The slug a spelling belongs to (same case rules as ``find``), or None."""
        return self._owner.get(form_key(form))

    def find(self, text: str) -> tuple[TermMatch, ...]:
        """Every occurrence of every form in ``text``, left to right, non-overlapping."""
        return tuple(self._scan(text))

    def _scan(self, text: str) -> Iterator[TermMatch]:
        starts, by_char = self._matchers
        if starts is None:
            return
        position = 0
        while (start := starts.search(text, position)) is not None:
            matcher, slugs = by_char[start.group(0)]
            found = matcher.match(text, start.start())
            if found is None:
                position = start.start() + 1
                continue
            yield TermMatch(found.start(), found.end(), slugs[found.lastindex - 1])
            position = found.end()


# --------------------------------------------------------------------------
# Loading glossary.yml with line numbers
# --------------------------------------------------------------------------

def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml_error_problem(file: Path, error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line: int | None = mark.line + 1
        where = f" (column {mark.column + 1})"
    elif isinstance(getattr(error, "position", None), int):  # yaml.reader.ReaderError
        line = text.count("\n", 0, error.position) + 1
        where = ""
    else:
        line, where = None, ""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        detail = f"{context}, {problem}" if context else str(problem)
    else:
        detail = str(error).splitlines()[0]
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        where += f"; the construct began on line {context_mark.line + 1}"
    return Problem(file, line, f"invalid YAML: {detail}{where}")


def _compose(text: str, file: Path) -> tuple[list[yaml.Node], list[Problem]]:
    """The top-level entry nodes of the document, salvaging what a syntax error spares.

    When the whole file does not parse, each top-level item (a line starting
    with ``- `` in column 1) is parsed on its own, so one broken entry costs
    that entry only and every broken entry is reported with its line.
    """
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        first = _yaml_error_problem(file, error, text)
    else:
        if root is None:
            return [], []
        if not isinstance(root, yaml.SequenceNode):
            return [], [Problem(file, _line(root),
                                "the glossary must be a YAML list of entries (- term: …)")]
        return list(root.value), []

    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"-(\s|$)", line)]
    if not starts:
        return [], [first]
    nodes: list[yaml.Node] = []
    problems: list[Problem] = []
    bounds = [*starts, len(lines)]
    for begin, end in zip(bounds, bounds[1:]):
        chunk = "\n" * begin + "".join(lines[begin:end])  # keep line numbers
        try:
            root = yaml.compose(chunk, Loader=SafeLoader)
        except yaml.YAMLError as error:
            problems.append(_yaml_error_problem(file, error, chunk))
            continue
        if isinstance(root, yaml.SequenceNode):
            nodes.extend(root.value)
    if all(p.line != first.line for p in problems):
        problems.insert(0, first)  # the parser's own first complaint is always reported
    return nodes, problems


def _as_string(node: yaml.Node, name: str, file: Path, problems: list[Problem]) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
        value = node.value.strip()
        if not value:
            problems.append(Problem(file, _line(node), f"'{name}' is empty"))
            return None
        return value
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        problems.append(Problem(file, _line(node), f"'{name}' is empty"))
        return None
    kind = {yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}.get(
        type(node), f"{node.value!r} (not text; put it in quotes)")
    problems.append(Problem(file, _line(node), f"'{name}' must be text, not {kind}"))
    return None


def _as_string_list(node: yaml.Node, name: str, file: Path,
                    problems: list[Problem]) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return []
    if isinstance(node, yaml.ScalarNode):
        problems.append(Problem(file, _line(node),
                                f"'{name}' must be a list (- item per line or [a, b])"))
        value = _as_string(node, name, file, problems)
        return [(value, _line(node))] if value else []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(file, _line(node), f"'{name}' must be a list of text items"))
        return []
    items = []
    for item in node.value:
        value = _as_string(item, f"{name} item", file, problems)
        if value:
            items.append((value, _line(item)))
    return items


@dataclass
class _Raw:
    line: int
    fields: dict[str, str]
    field_lines: dict[str, int]
    lists: dict[str, list[tuple[str, int]]]


def _read_entry(node: yaml.Node, file: Path, problems: list[Problem]) -> _Raw | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(file, _line(node),
                                "each glossary entry must be a mapping with term, "
                                "expansion and definition"))
        return None
    raw = _Raw(_line(node), {}, {}, {name: [] for name in LIST_FIELDS})
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in KNOWN_FIELDS:
            problems.append(Problem(file, _line(key_node),
                                    f"unknown field {key!r} (known: {', '.join(KNOWN_FIELDS)})"))
            continue
        if key in seen:
            problems.append(Problem(file, _line(key_node), f"field '{key}' given twice"))
            continue
        seen.add(key)
        if key in LIST_FIELDS:
            raw.lists[key] = _as_string_list(value_node, key, file, problems)
        else:
            value = _as_string(value_node, key, file, problems)
            if value is not None:
                raw.fields[key] = value
                raw.field_lines[key] = _line(value_node)
    missing = [name for name in REQUIRED_FIELDS if name not in raw.fields and name not in seen]
    if missing:
        problems.append(Problem(file, raw.line,
                                f"glossary entry is missing {', '.join(missing)}"))
    if any(name not in raw.fields for name in REQUIRED_FIELDS):
        return None
    return raw


def _slug_hint(node: yaml.Node) -> str:
    """The slug an unusable entry would have had, if it can be told."""
    if isinstance(node, yaml.MappingNode):
        values = {k.value: v.value for k, v in node.value
                  if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
        if isinstance(values.get("slug"), str) and SLUG_RE.match(values["slug"]):
            return values["slug"]
        if isinstance(values.get("term"), str):
            return slugify(values["term"])
    return ""


def parse_glossary(text: str, file: Path) -> tuple[Glossary, list[Problem]]:
    """Parse glossary YAML ``text`` (read from ``file``, used in Problems)."""
    nodes, problems = _compose(text, file)
    # After a syntax error some entries are unreadable: links to them are not
    # reported separately (fixing the syntax error brings real ones back).
    syntax_broken = bool(problems)
    rejected: set[str] = set()  # slugs of entries dropped for their own problems
    terms: list[Term] = []
    by_slug: dict[str, Term] = {}
    owner: dict[str, tuple[Term, str]] = {}  # form key -> (entry, the form as written)
    related_lines: dict[str, list[tuple[str, int]]] = {}

    for node in nodes:
        raw = _read_entry(node, file, problems)
        if raw is None:
            rejected.add(_slug_hint(node))
            continue
        name = raw.fields["term"]
        slug = raw.fields.get("slug")
        if slug is not None and not SLUG_RE.match(slug):
            problems.append(Problem(file, raw.field_lines["slug"],
                                    f"slug {slug!r} must be lower-case letters, digits and "
                                    "single hyphens"))
            slug = None
        slug = slug or slugify(name)
        if not slug:
            problems.append(Problem(file, raw.line, f"cannot make a slug from term {name!r}; "
                                                    "add a 'slug'"))
            continue
        if slug in by_slug:
            other = by_slug[slug]
            problems.append(Problem(file, raw.line,
                                    f"term {name!r} defined twice: slug '{slug}' is already "
                                    f"used by {other.term!r} (line {other.line})"))
            continue
        term_key = form_key(name)
        if term_key in owner:
            other, as_written = owner[term_key]
            what = "term" if as_written == other.term else f"alias {as_written!r} of"
            problems.append(Problem(file, raw.field_lines["term"],
                                    f"term {name!r} defined twice: it is already the {what} "
                                    f"{other.term!r} (line {other.line})"))
            continue
        term = Term(slug=slug, term=name, expansion=raw.fields["expansion"],
                    definition=raw.fields["definition"], line=raw.line)
        own: set[str] = {term_key}
        owner[term_key] = (term, name)
        for list_name in ("aliases", "sic"):
            kept: list[str] = []
            for form, line in raw.lists[list_name]:
                key = form_key(form)
                if not re.search(r"\w", form):
                    problems.append(Problem(file, line, f"{form!r} has no letters or digits"))
                elif key in own:
                    problems.append(Problem(file, line,
                                            f"{form!r} is listed twice for {name!r}"))
                elif key in owner:
                    other, as_written = owner[key]
                    problems.append(Problem(file, line,
                                            f"alias {form!r} of {name!r} collides with "
                                            f"{as_written!r} of {other.term!r} "
                                            f"(line {other.line})"))
                else:
                    own.add(key)
                    owner[key] = (term, form)
                    kept.append(form)
            setattr(term, list_name, kept)
        related_lines[slug] = raw.lists["related"]
        by_slug[slug] = term
        terms.append(term)

    for term in terms:
        for target, line in related_lines[term.slug]:
            if target == term.slug:
                problems.append(Problem(file, line, f"{term.term!r} lists itself as related"))
            elif target not in by_slug and (syntax_broken or target in rejected):
                continue
            elif target not in by_slug:
                hint = ""
                if slugify(target) in by_slug:
                    hint = f" (did you mean '{slugify(target)}'?)"
                problems.append(Problem(file, line,
                                        f"related slug {target!r} of {term.term!r} is not a "
                                        f"glossary entry{hint}"))
            elif target not in term.related:
                term.related.append(target)
    problems.sort(key=lambda p: p.line or 0)  # read top to bottom
    return Glossary(terms), problems


def load_glossary(path: Path) -> tuple[Glossary, list[Problem]]:
    """Load ``glossary.yml``. Never raises for bad content: problems are returned."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Glossary(), [Problem(path, None, f"cannot read glossary: {error.strerror}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Glossary(), [Problem(path, line, "glossary is not valid UTF-8")]
    return parse_glossary(text, path)


# --------------------------------------------------------------------------
# Occurrences and HTML
# --------------------------------------------------------------------------

# (paragraph id, {term slug: occurrences}) for each paragraph of a text that uses a term, in order.
TermCounts = list[tuple[str, dict[str, int]]]


def paragraph_terms(glossary: Glossary, paragraphs: Iterable[tuple[str, str]]) -> TermCounts:
    """The terms each ``(paragraph id, text)`` uses: what the glossary page and the corpus overview
    count, found once per text (and kept in the build cache with it)."""
    found: TermCounts = []
    for paragraph_id, text in paragraphs:
        counts: dict[str, int] = {}
        for match in glossary.find(text):
            counts[match.slug] = counts.get(match.slug, 0) + 1
        if counts:
            found.append((paragraph_id, counts))
    return found


def count_occurrences(terms: Mapping[str, TermCounts]) -> dict[str, dict[str, list[str]]]:
    """``{slug: {doc_slug: [paragraph_id, …]}}`` from each document's :func:`paragraph_terms`.

    Each paragraph is listed once per term however often the term occurs in it,
    in the order the documents and paragraphs were given. Terms that never occur are absent.
    """
    result: dict[str, dict[str, list[str]]] = {}
    for doc_slug, paragraphs in terms.items():
        for paragraph_id, counts in paragraphs:
            for slug in counts:
                ids = result.setdefault(slug, {}).setdefault(doc_slug, [])
                if paragraph_id not in ids:
                    ids.append(paragraph_id)
    return result


def term_span_html(term: Term, glossary_url: str) -> tuple[str, str]:
    """Opening and closing tags for a glossary link with a Material ``abbr`` tooltip."""
    href = html.escape(f"{glossary_url}#{term.slug}", quote=True)
    title = tooltip_title(term.expansion)  # Material puts titles into tooltips as HTML
    return (f'<a class="glossary-term" href="{href}"><abbr title="{title}">',
            "</abbr></a>")


def glossary_spans(
    glossary: Glossary,
    text: str,
    glossary_url: str,
    already_seen: set[str] | None = None,
) -> list[Span]:
    """Spans (priority 1) linking the first occurrence of each term in ``text``.

    ``already_seen`` holds slugs linked before; it is updated in place, so
    passing one set for several strings links each term once across them.
    """
    seen = set() if already_seen is None else already_seen
    spans: list[Span] = []
    for match in glossary.find(text):
        if match.slug in seen:
            continue
        seen.add(match.slug)
        open_tag, close_tag = term_span_html(glossary[match.slug], glossary_url)
        spans.append(Span(match.start, match.end, open_tag, close_tag, GLOSSARY_PRIORITY))
    return spans


class GlossaryEnricher:
    """The glossary's part of a reading page (fits ``scholion.pages.render.Enricher``).

    Each term is linked at its first occurrence in a section of the body and
    once in the notes list. ``sections`` maps a paragraph anchor to the number
    of its section (``sections_of``); ``render`` asks for spans one text piece
    at a time, so the rule holds across the pieces of a paragraph. Captions
    and pull quotes (anchor ``""``) are scopes of their own.
    """

    def __init__(self, glossary: Glossary, glossary_url: str, sections: Mapping[str, int] | None = None) -> None:
        self.glossary = glossary
        self.glossary_url = glossary_url
        self.sections = sections or {}
        self._scope: object = None
        self._seen: set[str] = set()

    def _enter(self, scope: object) -> set[str]:
        if scope is None or scope != self._scope:
            self._scope, self._seen = scope, set()
        return self._seen

    def body_spans(self, anchor: str, text: str) -> list[Span]:
        scope = ("section", self.sections.get(anchor, anchor)) if anchor else None
        return glossary_spans(self.glossary, text, self.glossary_url, self._enter(scope))

    def note_spans(self, label: str, text: str) -> list[Span]:
        return glossary_spans(self.glossary, text, self.glossary_url, self._enter("notes"))

    def after_paragraph(self, anchor: str) -> str:
        return ""


def sections_of(document) -> dict[str, int]:
    """Paragraph anchor → number of the section (run of blocks between headings) it is in."""
    sections: dict[str, int] = {}
    number = 0
    for block in document.blocks:
        if block.kind == "heading":
            number += 1
        elif block.anchor:
            sections[block.anchor] = number
    return sections


