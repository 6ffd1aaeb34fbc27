"""Finding glossary forms in running text.

Matching rules (``TermMatcher.find``)
-------------------------------------
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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

_DASHES = "-\u2010\u2011\u2012\u2013"
_DASH_CLASS = "[-\u2010-\u2013]"
_APOSTROPHES = "'\u2019"
# A form is tokenised into: white-space runs, dashes, apostrophes, words.
_TOKEN_RE = re.compile(r"\s+|[-\u2010-\u2013]|['\u2019]|[^\s\-\u2010-\u2013'\u2019]+")


@dataclass(frozen=True)
class TermMatch:
    """``text[start:end]`` is an occurrence of the glossary entry ``slug``."""

    start: int
    end: int
    slug: str


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


class TermMatcher:
    """One search for many forms: one small matcher per first character, so each word start tries
    only the forms that can begin there (one big alternation tried at every word start was ~10×
    slower)."""

    def __init__(self, forms: Sequence[tuple[str, str]]) -> None:
        """``forms``: ``(form, slug)`` pairs, each form stripped and with a key of its own."""
        self._starts: re.Pattern[str] | None = None
        self._by_char: dict[str, tuple[re.Pattern[str], list[str]]] = {}
        if not forms:
            return
        # Longest first: at one position the alternation tries longer forms first.
        ordered = sorted(forms, key=lambda fs: (-len(fs[0]), fs[0]))
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
        self._by_char = {
            char: (re.compile("(?:" + "|".join(f"({form_pattern(f)})" for f, _ in group) + r")(?!\w)"), [s for _, s in group])
            for char, group in grouped.items()
        }
        # A word start whose next characters begin no form ("a", "as", "the": most words) is passed
        # over inside the regex engine, not tried here: a search takes 40% less time.
        self._starts = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(char) + ("" if follows[char] is None else "(?=" + "|".join(sorted(follows[char])) + ")")
            for char in sorted(follows)) + ")")

    def find(self, text: str) -> tuple[TermMatch, ...]:
        """Every occurrence of every form in ``text``, left to right, non-overlapping."""
        return tuple(self._scan(text))

    def _scan(self, text: str) -> Iterator[TermMatch]:
        if self._starts is None:
            return
        position = 0
        while (start := self._starts.search(text, position)) is not None:
            matcher, slugs = self._by_char[start.group(0)]
            found = matcher.match(text, start.start())
            if found is None:
                position = start.start() + 1
                continue
            yield TermMatch(found.start(), found.end(), slugs[found.lastindex - 1])
            position = found.end()
