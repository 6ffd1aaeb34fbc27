"""Reading ``glossary.yml``: every entry checked, every problem with its line.

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
``mark``        how often reading pages mark the term: ``section`` (default:
                its first occurrence in each section), ``first`` (once per
                text) or ``never`` (a word every reader knows, such as EU);
                the glossary page counts every occurrence either way
``slug``        the page anchor (``/glossary/#<slug>``); default: the term
                slugified (``Minsk agreements`` → ``minsk-agreements``).
                Once published, a slug must not change (it is a link target).

Everything is untrusted text: it is escaped wherever it reaches a page. How
forms are found in running text: :mod:`scholion.glossary.matching`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scholion.glossary.matching import form_key
from scholion.glossary.terms import MARKS, Glossary, Term, slugify
from scholion.problems import Problem
from scholion.yamlfile import Checker, compose, line

REQUIRED_FIELDS = ("term", "expansion", "definition")
LIST_FIELDS = ("aliases", "related", "sic")
KNOWN_FIELDS = REQUIRED_FIELDS + ("slug", "mark") + LIST_FIELDS

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _entry_nodes(text: str, check: Checker) -> list[yaml.Node]:
    """The top-level entry nodes of the document, salvaging what a syntax error spares.

    When the whole file does not parse, each top-level item (a line starting
    with ``- `` in column 1) is parsed on its own, so one broken entry costs
    that entry only and every broken entry is reported with its line.
    """
    root, problems = compose(text, check.file)
    if root is not None or not problems:
        check.problems += problems
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            check.report(root, "not-a-list", "the glossary must be a YAML list of entries (- term: …)")
            return []
        return list(root.value)

    first = problems[0]
    lines = text.splitlines(keepends=True)
    starts = [i for i, text_line in enumerate(lines) if re.match(r"-(\s|$)", text_line)]
    if not starts:
        check.problems.append(first)
        return []
    nodes: list[yaml.Node] = []
    found: list[Problem] = []
    bounds = [*starts, len(lines)]
    for begin, end in zip(bounds, bounds[1:]):
        chunk = "\n" * begin + "".join(lines[begin:end])  # keep line numbers
        root, chunk_problems = compose(chunk, check.file)
        found += chunk_problems
        if isinstance(root, yaml.SequenceNode):
            nodes.extend(root.value)
    if all(p.line != first.line for p in found):
        found.insert(0, first)  # the parser's own first complaint is always reported
    check.problems += found
    return nodes


@dataclass
class _Raw:
    line: int
    fields: dict[str, str]
    field_lines: dict[str, int]
    lists: dict[str, list[tuple[str, int]]]


def _read_entry(node: yaml.Node, check: Checker) -> _Raw | None:
    entries = check.mapping(node, "each glossary entry must be a mapping with term, expansion and definition",
                            KNOWN_FIELDS)
    if entries is None:
        return None
    raw = _Raw(line(node), {}, {}, {name: [] for name in LIST_FIELDS})
    for key, _, value_node in entries:
        if key in LIST_FIELDS:
            raw.lists[key] = check.texts(value_node, key)
        else:
            value = check.text(value_node, key)
            if value is not None:
                raw.fields[key] = value
                raw.field_lines[key] = line(value_node)
    given = {key for key, _, _ in entries}
    missing = [name for name in REQUIRED_FIELDS if name not in given]
    if missing:
        check.report(raw.line, "missing-key", f"glossary entry is missing {', '.join(missing)}")
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
    check = Checker(file, "glossary")
    nodes = _entry_nodes(text, check)
    # After a syntax error some entries are unreadable: links to them are not
    # reported separately (fixing the syntax error brings real ones back).
    syntax_broken = any(p.code == "yaml.invalid" for p in check.problems)
    rejected: set[str] = set()  # slugs of entries dropped for their own problems
    terms: list[Term] = []
    by_slug: dict[str, Term] = {}
    owner: dict[str, tuple[Term, str]] = {}  # form key -> (entry, the form as written)
    related_lines: dict[str, list[tuple[str, int]]] = {}

    for node in nodes:
        raw = _read_entry(node, check)
        if raw is None:
            rejected.add(_slug_hint(node))
            continue
        name = raw.fields["term"]
        slug = raw.fields.get("slug")
        if slug is not None and not SLUG_RE.match(slug):
            check.report(raw.field_lines["slug"], "bad-slug",
                         f"slug {slug!r} must be lower-case letters, digits and single hyphens")
            slug = None
        slug = slug or slugify(name)
        if not slug:
            check.report(raw.line, "no-slug", f"cannot make a slug from term {name!r}; add a 'slug'")
            continue
        if slug in by_slug:
            other = by_slug[slug]
            check.report(raw.line, "duplicate-term", f"term {name!r} defined twice: slug '{slug}' is already "
                                                     f"used by {other.term!r} (line {other.line})")
            continue
        term_key = form_key(name)
        if term_key in owner:
            other, as_written = owner[term_key]
            what = "term" if as_written == other.term else f"alias {as_written!r} of"
            check.report(raw.field_lines["term"], "duplicate-term", f"term {name!r} defined twice: it is already "
                                                                    f"the {what} {other.term!r} (line {other.line})")
            continue
        mark = raw.fields.get("mark", MARKS[0])
        if mark not in MARKS:
            check.report(raw.field_lines["mark"], "bad-mark",
                         f"mark {mark!r} of {name!r} must be one of {', '.join(MARKS)}")
            mark = MARKS[0]
        term = Term(slug=slug, term=name, expansion=raw.fields["expansion"],
                    definition=raw.fields["definition"], line=raw.line, mark=mark)
        own: set[str] = {term_key}
        owner[term_key] = (term, name)
        for list_name in ("aliases", "sic"):
            kept: list[str] = []
            for form, form_line in raw.lists[list_name]:
                key = form_key(form)
                if not re.search(r"\w", form):
                    check.report(form_line, "form-without-letters", f"{form!r} has no letters or digits")
                elif key in own:
                    check.report(form_line, "duplicate-form", f"{form!r} is listed twice for {name!r}")
                elif key in owner:
                    other, as_written = owner[key]
                    check.report(form_line, "form-collision", f"alias {form!r} of {name!r} collides with "
                                                               f"{as_written!r} of {other.term!r} (line {other.line})")
                else:
                    own.add(key)
                    owner[key] = (term, form)
                    kept.append(form)
            setattr(term, list_name, kept)
        related_lines[slug] = raw.lists["related"]
        by_slug[slug] = term
        terms.append(term)

    for term in terms:
        for target, target_line in related_lines[term.slug]:
            if target == term.slug:
                check.report(target_line, "related-to-itself", f"{term.term!r} lists itself as related")
            elif target not in by_slug and (syntax_broken or target in rejected):
                continue
            elif target not in by_slug:
                hint = f" (did you mean '{slugify(target)}'?)" if slugify(target) in by_slug else ""
                check.report(target_line, "unknown-related",
                             f"related slug {target!r} of {term.term!r} is not a glossary entry{hint}")
            elif target not in term.related:
                term.related.append(target)
    problems = sorted(check.problems, key=lambda p: p.line or 0)  # read top to bottom
    return Glossary(terms), problems


def load_glossary(path: Path) -> tuple[Glossary, list[Problem]]:
    """Load ``glossary.yml``. Never raises for bad content: problems are returned."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Glossary(), [Problem(path, None, f"cannot read glossary: {error.strerror}", code="glossary.unreadable")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_number = data.count(b"\n", 0, error.start) + 1
        return Glossary(), [Problem(path, line_number, "glossary is not valid UTF-8", code="glossary.unreadable")]
    return parse_glossary(text, path)
