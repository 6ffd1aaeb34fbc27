"""Find the works cited in note texts and resolve them to bibliography entries.

The notes of one text are read in order, so that short forms can be
resolved the way a reader resolves them:

* author–date: ``Casier 2018, p. 207``, ``Morse and Keohane 2014``,
  ``Bozo, Rey, Ludlow and Nuti 2008``, ``Makarychev and Morozov, 2011``,
  ``Romanova (2018)``, ``Romanova 2018a``, ``Gehring et al. 2017``, inside
  lists (``See also: McGwire 1998; Sarotte 2009``) and after lead-ins
  (``Quoted in``, ``Cited in``, ``referenced in``, ``drawing … from``);
* press items and documents: ``Tass, 3 November 2019``, ``NATO, Bucharest
  Summit Declaration … 3 April 2008``, or a title the bibliography knows
  (``Foreign Policy Concept of the Russian Federation (… 2016)``), or a URL;
* short forms: ``Hughes, p. 1013`` → the Hughes work this text cited before
  (several → ambiguous); a note that is only a surname (``Troitskiy.``);
* ``Ibid.`` / ``Ibid, p. 61`` → the work(s) of the previous note.

Matching uses the surnames, years, titles and URLs in the .bib data, never
the entry keys, so a new text that cites works already in ``bib/`` needs no
code. Capitalised words before a year are taken for an author–date citation
only when they look like one (``Resolution 1244 (1999)``, ``on 12 February
2013``, ``Brussels, 17 February 2021`` are not); every author–date citation
that does look like one and does not resolve becomes a Problem.

This module never imports mkdocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal, Sequence

from scholion.bib.entries import BibEntry, Bibliography
from scholion.problems import Problem
from scholion.html.sanitising import tooltip_title
from scholion.text.folding import fold, fold_with_offsets

if TYPE_CHECKING:
    from scholion.html.spans import Span

__all__ = ["Citation", "CitationStats", "resolve_notes", "find_citations", "citation_spans"]

Status = Literal["resolved", "ambiguous", "unresolved"]


@dataclass
class Citation:
    """One cited work (or group of candidates) inside a note text.

    ``start``/``end`` delimit the linked words in the note text: the whole
    ``Casier 2018, p. 207`` for author–date forms, only the name for short
    forms (``Clunan`` in ``Clunan, p. 46``), ``Ibid.`` for ibid.
    """

    start: int
    end: int
    keys: list[str]
    locator: str
    status: Status
    text: str
    kind: str = "author-date"  # author-date | short | ibid | document | url

    @property
    def key(self) -> str | None:
        return self.keys[0] if self.status == "resolved" and self.keys else None


@dataclass
class CitationStats:
    """Counts for the build summary."""

    found: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved: int = 0

    def add(self, citations: Iterable[Citation]) -> "CitationStats":
        for citation in citations:
            self.found += 1
            if citation.status == "resolved":
                self.resolved += 1
            elif citation.status == "ambiguous":
                self.ambiguous += 1
            else:
                self.unresolved += 1
        return self

    @classmethod
    def of(cls, by_note: dict[str, list[Citation]]) -> "CitationStats":
        stats = cls()
        for citations in by_note.values():
            stats.add(citations)
        return stats

    def __str__(self) -> str:
        return (f"{self.found} citations: {self.resolved} resolved, "
                f"{self.ambiguous} ambiguous, {self.unresolved} unresolved")


# --------------------------------------------------------------------------- patterns

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_MONTH_WORDS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
}
_YEAR = re.compile(r"(?<![\w/.\-–])(1[5-9]\d\d|20\d\d)([a-z])?(?![\w/])")
_DAY_MONTH_BEFORE = re.compile(rf"(?:\b\d{{1,2}}\s+)?\b(?:{_MONTHS})\s+$")
_MONTH_DAY_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},\s*$")
_LOCATOR_UNIT = (
    r"(?:pp?\.|paras?\.|§+|ch\.|chap\.|col\.|fn\.|n\.|note)\s*"
    r"[\dIVXLCivxlc]+(?:\s*[–—-]\s*\d+)?(?:\s*ff?\.?(?![\w]))?"
)
_LOCATOR_AFTER = re.compile(rf"\s*,\s*({_LOCATOR_UNIT}(?:\s*,\s*{_LOCATOR_UNIT})*)", re.I)
_SHORT_FORM = re.compile(rf",\s*(?={_LOCATOR_UNIT})", re.I)
_PAREN_CLOSE = re.compile(r"\s*(?:[:,]\s*((?:pp?\.\s*)?\d+(?:\s*[–—-]\s*\d+)?(?:\s*ff\.?)?))?\)")
_IBID = re.compile(r"\b[Ii]bid\b\.?")
_LEAD_IN = re.compile(
    r"^(?:[\[(]?…[\])]?\s*|\[\s*\.\.\.\s*\]\s*)?"
    r"(?:(?:see(?:\s+also)?|cf\.?|compare|for\s+(?:instance|example)|e\.\s?g\.|"
    r"quoted\s+in|cited\s+in|referenced\s+in|as\s+argued\s+in|in|and|also|on)\b\s*[:,]?\s*)*",
    re.I,
)
_DATE_GAP = re.compile(rf"^[\s,(:]*(?:(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+\d{{1,2}},?)?\s+)?$")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>”’\"']+", re.I)

_PARTICLES = {"van", "von", "der", "den", "de", "du", "di", "da", "del", "della", "la", "le",
              "dos", "das", "ten", "ter", "zu", "y"}
_JOINERS = {"of", "the", "for"}  # inside organisation names: "President of the Russian Federation"
_CAPITAL_STOPWORDS = {
    "See", "Also", "Cf", "In", "For", "As", "Quoted", "Cited", "Referenced", "Ibid", "And", "But",
    "On", "Compare", "E.g", "Eg", "The", "Para", "Paras", "Resolution", "Art", "Article", "Section",
    "Chapter", "Figure", "Fig", "Table", "Note", "Vol", "No", "Nr", "Op", "Cit", "Since", "From",
    "Until", "By", "After", "Before", "During", "Between", "Summer", "Spring", "Autumn", "Winter",
    "This", "That", "These", "It", "Its", "Their", "Our", "His", "Her", "An", "A", "Was", "Were",
    "Edition", "Ed", "Eds", "Version",
} | _MONTH_WORDS
_APOSTROPHES = "’'"


def _is_name_word(word: str) -> bool:
    """A capitalised surname-like word: ``Götz``, ``O’Loughlin’``, ``DeBardeleben``, ``NATO``."""
    core = word
    if core and core[-1] in _APOSTROPHES and sum(core.count(a) for a in _APOSTROPHES) >= 2:
        core = core[:-1]  # "O’Loughlin’" (a stray quote in the source)
    if not core or not core[0].isupper() or not core[-1].isalpha():
        return False
    if core.rstrip(".") in _CAPITAL_STOPWORDS:
        return False
    return all(ch.isalpha() or ch in "’'-" for ch in core)


def _clean_name_word(word: str) -> str:
    if word and word[-1] in _APOSTROPHES and sum(word.count(a) for a in _APOSTROPHES) >= 2:
        return word[:-1]
    return word


@dataclass
class _Names:
    start: int
    end: int
    groups: list[list[str]]
    etal: bool = False
    first_starts: list[int] = field(default_factory=list)  # offset of each word of the first name

    def dropping(self, k: int) -> "_Names":
        """The same names without the first ``k`` words (``Foreign Minister Lavrov`` → ``Lavrov``)."""
        return _Names(self.first_starts[k], self.end, [self.groups[0][k:]] + self.groups[1:],
                      self.etal, self.first_starts[k:])

    @property
    def authors(self) -> list[str]:
        return [" ".join(group) for group in self.groups]

    @property
    def has_joiners(self) -> bool:
        return any(word in _JOINERS for group in self.groups for word in group)


def _names_before(text: str, lo: int, hi: int) -> _Names | None:
    """Parse the author list that ends right at ``hi`` (not crossing ``lo``)."""
    tokens = [(m.start() + lo, m.end() + lo, m.group()) for m in re.finditer(r"\S+", text[lo:hi])]
    etal = False
    if len(tokens) >= 2 and tokens[-1][2].rstrip(",") == "al." and tokens[-2][2] == "et":
        etal = True
        tokens = tokens[:-2]
    groups: list[list[tuple[int, int, str]]] = [[]]
    last = len(tokens) - 1
    for i in range(last, -1, -1):
        start, end, word = tokens[i]
        core = word[:-1] if word.endswith(",") and i != last else word
        if i == last and core.endswith(","):
            core = core[:-1]
        if core in ("and", "&"):
            if not groups[-1]:
                break
            groups.append([])
            continue
        ends_group = word.endswith(",") and i != last
        if ends_group and groups[-1]:
            groups.append([])
        if _is_name_word(core):
            groups[-1].insert(0, (start, start + len(core), _clean_name_word(core)))
        elif core in _PARTICLES or core in _JOINERS:
            if not groups[-1]:
                break
            groups[-1].insert(0, (start, start + len(core), core))
        else:
            break
    cleaned: list[list[tuple[int, int, str]]] = []
    for group in groups:
        while group and group[0][2] in _JOINERS:
            group = group[1:]
        if group:
            cleaned.append(group)
    if not cleaned:
        return None
    cleaned.reverse()
    start = cleaned[0][0][0]
    end = cleaned[-1][-1][1]
    return _Names(start, end, [[w for _, _, w in group] for group in cleaned], etal,
                  [s for s, _, _ in cleaned[0]])


def _segments(text: str) -> list[tuple[int, int]]:
    """Split a note at ';' and at sentence ends, keeping offsets."""
    cuts = [0]
    for m in re.finditer(r";|(?:(?<=[a-z]{2}\.)|(?<=\d\.)|(?<=[”’)]\.))\s+(?=[A-Z‘“])", text):
        cuts.append(m.end())
    cuts.append(len(text))
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        seg = text[a:b]
        a2 = a + (len(seg) - len(seg.lstrip()))
        b2 = a + len(seg.rstrip(" ;\n\t"))
        if b2 > a2:
            segments.append((a2, b2))
    return segments


def _lead(text: str, start: int, end: int) -> int:
    """Offset after lead-in words such as ``See also:`` or ``Quoted in``."""
    m = _LEAD_IN.match(text[start:end])
    return start + (m.end() if m else 0)


def _find_folded(haystack: str, needle: str) -> list[int]:
    """Word-bounded occurrences (a possessive ``s`` may follow: ``NATO’s``)."""
    hits = []
    if not needle:
        return hits
    start = 0
    while True:
        i = haystack.find(needle, start)
        if i < 0:
            return hits
        before_ok = i == 0 or not haystack[i - 1].isalnum()
        j = i + len(needle)
        after_ok = j >= len(haystack) or not haystack[j].isalnum() or (
            haystack[j] == "s" and (j + 1 >= len(haystack) or not haystack[j + 1].isalnum()))
        if before_ok and after_ok:
            hits.append(i)
        start = i + 1


def _locator_after(text: str, pos: int, hi: int) -> tuple[str, int]:
    m = _LOCATOR_AFTER.match(text, pos, hi)
    if not m:
        return "", pos
    return m.group(1).strip(), m.end()


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


@dataclass
class _Found:
    citation: Citation
    names: list[str] = field(default_factory=list)
    year: str | None = None
    problem: str = ""


class _Resolver:
    """Resolves the notes of one text in reading order."""

    def __init__(self, bib: Bibliography) -> None:
        self.bib = bib
        self.history: list[str] = []  # keys in order of first citation in this text
        self._current: list[Citation] = []  # citations found so far in the note being read
        self._phrases = self._author_phrases()
        self._titles = [
            (e, fold(e.fields["title"])) for e in bib.entries.values()
            if len(fold(e.fields.get("title", "")).split()) >= 3
        ]
        self._urls = [(e, _norm_url(e.fields["url"])) for e in bib.entries.values() if e.fields.get("url")]

    # ---- bib-driven phrases
    def _author_phrases(self) -> list[tuple[BibEntry, str]]:
        phrases = []
        for entry in self.bib.entries.values():
            names = entry.surnames
            if not names or not entry.year:
                continue
            forms = set()
            if len(names) == 1:
                forms.add(names[0])
            elif len(names) == 2:
                forms.add(f"{names[0]} and {names[1]}")
            else:
                forms.add(", ".join(names[:-1]) + " and " + names[-1])
                forms.add(", ".join(names[:-1]) + ", and " + names[-1])
                forms.add(f"{names[0]} et al")
            for form in forms:
                phrases.append((entry, fold(form)))
        # longest first, so "European Commission and High Representative…" beats "European Commission"
        phrases.sort(key=lambda p: -len(p[1]))
        return phrases

    def remember(self, keys: list[str]) -> None:
        for key in keys:
            if key not in self.history:
                self.history.append(key)

    def cited_before(self, names: list[str], position: int | None = None) -> list[str]:
        """Works by exactly these authors cited earlier in this text (earlier notes, or
        earlier in the current note when ``position`` is given)."""
        wanted = tuple(fold(n) for n in names)
        keys = list(self.history)
        if position is not None:
            for citation in sorted(self._current, key=lambda c: c.start):
                if citation.start < position and citation.status == "resolved":
                    keys.extend(k for k in citation.keys if k not in keys)
        return [k for k in keys if k in self.bib.entries and self.bib.entries[k].folded_surnames == wanted]

    # ---- the passes
    def note(self, label: str, text: str, previous: list[Citation] | None) -> tuple[list[Citation], list[str]]:
        found: list[Citation] = []
        self._current = found
        messages: list[str] = []
        spans: list[tuple[int, int]] = []

        def add(citation: Citation, message: str = "") -> None:
            found.append(citation)
            spans.append((citation.start, citation.end))
            if message:
                messages.append(message)

        for lo, hi in _segments(text):
            lead = _lead(text, lo, hi)
            self._ibid(text, lo, hi, previous, add, spans)
            self._author_date(text, lo, hi, lead, add, spans)
            self._short_forms(text, lo, hi, add, spans)
            folded = fold_with_offsets(text[lo:hi])  # for titles and organisations
            self._documents(text, lo, hi, lead, add, spans, folded)
            self._urls_in(text, lo, hi, add, spans)
            self._organisations(text, lo, hi, lead, add, spans, folded)
        if not found:
            self._bare_names(text, add)
        found.sort(key=lambda c: c.start)
        for citation in found:
            if citation.status == "resolved":
                self.remember(citation.keys)
        return found, messages

    def _ibid(self, text, lo, hi, previous, add, spans) -> None:
        for m in _IBID.finditer(text, lo, hi):
            if _overlaps(m.start(), m.end(), spans):
                continue
            locator, _ = _locator_after(text, m.end(), hi)
            keys: list[str] = []
            for citation in previous or []:
                if citation.status == "resolved":
                    for key in citation.keys:
                        if key not in keys:
                            keys.append(key)
            cited = text[m.start():m.end()]
            if len(keys) == 1:
                add(Citation(m.start(), m.end(), keys, locator, "resolved", cited, "ibid"))
            elif keys:
                add(Citation(m.start(), m.end(), keys, locator, "ambiguous", cited, "ibid"),
                    f"“{cited}” is ambiguous: the previous note cites several works ({', '.join(keys)})")
            else:
                add(Citation(m.start(), m.end(), [], locator, "unresolved", cited, "ibid"),
                    f"“{cited}” cannot be resolved: the previous note cites no work found in bib/")

    def _author_date(self, text, lo, hi, lead, add, spans) -> None:
        for m in _YEAR.finditer(text, lo, hi):
            ys, ye = m.start(), m.end()
            if _overlaps(ys, ye, spans):
                continue
            year, suffix = m.group(1), m.group(2) or ""
            pre = text[lo:ys]
            if re.search(r"(?:\bpp?\.|[–—-])\s*$", pre):
                continue  # a page number, not a year
            form = None
            name_hi = None
            inner_locator = ""
            date = _DAY_MONTH_BEFORE.search(pre) or _MONTH_DAY_BEFORE.search(pre)
            end = ye
            if date:
                before = text[lo:lo + date.start()]
                comma = re.search(r",\s*$", before)
                if not comma:
                    continue
                form, name_hi = "date", lo + comma.start()
            elif re.search(r"\s\($", pre) and _PAREN_CLOSE.match(text, ye, hi):
                form, name_hi = "paren", lo + len(pre.rstrip()[:-1].rstrip())
                close = _PAREN_CLOSE.match(text, ye, hi)
                end = close.end()
                inner_locator = (close.group(1) or "").strip()
            elif re.search(r"\S,\s*$", pre):
                form, name_hi = "comma", lo + re.search(r",\s*$", pre).start()
            elif re.search(r"\S\s+$", pre):
                form, name_hi = "plain", lo + len(pre.rstrip())
            else:
                continue
            names = _names_before(text, lo, name_hi)
            if names is None or _overlaps(names.start, end, spans):
                continue
            locator, loc_end = _locator_after(text, end, hi)
            span_end = loc_end if locator else end
            if form == "paren" and inner_locator and not locator:
                locator = inner_locator
            entries, names = self._lookup(names, year, suffix)
            cited = text[names.start:span_end]
            if form == "date" and not entries and names.start > lead:
                continue  # "Brussels, 17 February 2021": a place and date, not a citation
            if form == "date" and not entries and names.has_joiners:
                continue
            keys = [e.key for e in entries]
            if len(entries) == 1:
                add(Citation(names.start, span_end, keys, locator, "resolved", cited))
            elif entries:
                add(Citation(names.start, span_end, keys, locator, "ambiguous", cited),
                    f"“{cited}” is ambiguous: bib/ has several works by {', '.join(names.authors)} "
                    f"in {year}{suffix} ({', '.join(keys)}); add a yearsuffix to tell them apart")
            else:
                add(Citation(names.start, span_end, [], locator, "unresolved", cited),
                    f"“{cited}” has no entry in bib/ (author(s) {' and '.join(names.authors)}, "
                    f"year {year}{suffix})")

    def _lookup(self, names: _Names, year: str | None, suffix: str) -> tuple[list[BibEntry], _Names]:
        if names.etal:
            return self.bib.find_first_author(names.authors[0], year, suffix), names
        entries = self.bib.find(names.authors, year, suffix)
        # "Foreign Minister Lavrov 2017": drop leading words of the first name until one matches.
        k = 1
        while not entries and k < len(names.groups[0]):
            shorter = names.dropping(k)
            entries = self.bib.find(shorter.authors, year, suffix)
            if entries:
                return entries, shorter
            k += 1
        return entries, names

    def _short_forms(self, text, lo, hi, add, spans) -> None:
        for m in _SHORT_FORM.finditer(text, lo, hi):
            if _overlaps(m.start(), m.end(), spans):
                continue
            names = _names_before(text, lo, m.start())
            if names is None or names.etal or _overlaps(names.start, names.end, spans):
                continue
            locator, _ = _locator_after(text, m.start(), hi)
            self._resolve_short(text, names, locator, add)

    def _resolve_short(self, text, names: _Names, locator: str, add, quiet_if_missing: bool = False) -> None:
        cited = text[names.start:names.end]
        candidates = self.cited_before(names.authors, names.start)
        source = "cited earlier in this text"
        k = 1
        while not candidates and k < len(names.groups[0]):
            shorter = names.dropping(k)
            candidates = self.cited_before(shorter.authors, names.start)
            if candidates:
                names = shorter
                cited = text[names.start:names.end]
            k += 1
        if not candidates:
            candidates = [e.key for e in self.bib.find(names.authors, None)]
            source = "in bib/"
        if len(candidates) == 1:
            add(Citation(names.start, names.end, candidates, locator, "resolved", cited, "short"))
        elif candidates:
            add(Citation(names.start, names.end, candidates, locator, "ambiguous", cited, "short"),
                f"short form “{cited}” is ambiguous: several works by {' and '.join(names.authors)} "
                f"{source} ({', '.join(candidates)}); give the year")
        elif not quiet_if_missing:
            add(Citation(names.start, names.end, [], locator, "unresolved", cited, "short"),
                f"short form “{cited}” matches no work by {' and '.join(names.authors)} in bib/")

    def _bare_names(self, text, add) -> None:
        """A note that is nothing but a surname (``Troitskiy.``)."""
        body = text.strip()
        lo = len(text) - len(text.lstrip())
        body_end = lo + len(body.rstrip(".").rstrip())
        if not body or any(ch.isdigit() for ch in body):
            return
        names = _names_before(text, lo, body_end)
        if names is None or names.start != lo or names.etal:
            return
        looks_like_surnames = not names.has_joiners and all(len(g) <= 2 for g in names.groups)
        self._resolve_short(text, names, "", add, quiet_if_missing=not looks_like_surnames)

    def _documents(self, text, lo, hi, lead, add, spans, folded_segment: tuple[str, list[int]]) -> None:
        """A title the bibliography knows, with the entry's year in the same segment."""
        folded, where = folded_segment
        years = {m.group(1) for m in _YEAR.finditer(text, lo, hi)}
        by_hit: dict[int, list[BibEntry]] = {}
        for entry, title in self._titles:
            if entry.year and entry.year not in years:
                continue
            hits = _find_folded(folded, title)
            if not hits:
                continue
            author_hit = None
            for surname in entry.surnames:
                found = _find_folded(folded, fold(surname))
                if found:
                    author_hit = found[0]
                    break
            if len(title.split()) < 5 and author_hit is None:
                continue
            start = hits[0] if author_hit is None else min(hits[0], author_hit)
            by_hit.setdefault(lo + where[start], []).append(entry)
        for start, entries in sorted(by_hit.items()):
            start = max(start, lead) if start < lead else start
            end = hi
            junk = re.search(r"\.\s+\d{1,3}$", text[start:end])  # a stray page number from the extract
            if junk:
                end = start + junk.start()
            while end > start and text[end - 1] in " .":
                end -= 1
            if _overlaps(start, end, spans):
                continue
            keys = [e.key for e in entries]
            cited = text[start:end]
            loc = re.search(rf",\s*({_LOCATOR_UNIT})\s*$", cited, re.I)
            locator = loc.group(1) if loc else ""
            if len(entries) == 1:
                add(Citation(start, end, keys, locator, "resolved", cited, "document"))
            else:
                add(Citation(start, end, keys, locator, "ambiguous", cited, "document"),
                    f"“{cited}” matches several entries in bib/ ({', '.join(keys)})")

    def _urls_in(self, text, lo, hi, add, spans) -> None:
        for m in _URL.finditer(text, lo, hi):
            url_text = m.group().rstrip(".,;:")
            start, end = m.start(), m.start() + len(url_text)
            if _overlaps(start, end, spans):
                continue
            wanted = _norm_url(url_text)
            entries = [e for e, url in self._urls if url == wanted]
            if len(entries) == 1:
                add(Citation(start, end, [entries[0].key], "", "resolved", url_text, "url"))
            elif entries:
                keys = [e.key for e in entries]
                add(Citation(start, end, keys, "", "ambiguous", url_text, "url"),
                    f"the address {url_text} belongs to several entries in bib/ ({', '.join(keys)})")

    def _organisations(self, text, lo, hi, lead, add, spans, folded_segment: tuple[str, list[int]]) -> None:
        """``UN Security Council, Resolution 1244 (1999)``: a known author + its year."""
        folded, where = folded_segment
        years = [(m.start(), m.end(), m.group(1), m.group(2) or "") for m in _YEAR.finditer(text, lo, hi)]
        groups: dict[tuple[int, int], list[BibEntry]] = {}
        for entry, phrase in self._phrases:
            if phrase not in folded:  # most are not: skip the call
                continue
            for hit in _find_folded(folded, phrase):
                start = lo + where[hit]
                phrase_end = lo + where[hit + len(phrase) - 1] + 1
                multiword = " " in phrase or (len(phrase) >= 2 and text[start:phrase_end].isupper())
                if start > lead and not multiword:
                    continue
                year_hit = next(((ys, ye) for ys, ye, y, s in years
                                 if ys >= phrase_end and y == entry.year
                                 and (not s or s == entry.year_suffix)), None)
                if year_hit is None:
                    continue
                if not multiword and not _DATE_GAP.match(text[phrase_end:year_hit[0]]):
                    continue  # "Hughes argues that in 2013 …" is not a citation
                end = year_hit[1] + (1 if text[year_hit[1]:year_hit[1] + 1] == ")" else 0)
                if _overlaps(start, end, spans):
                    continue
                if any(s <= start and end <= e and (s, e) != (start, end) for s, e in groups):
                    continue  # a longer author phrase already covers this one
                groups.setdefault((start, end), []).append(entry)
        for (start, end), entries in sorted(groups.items()):
            if _overlaps(start, end, spans):
                continue
            locator, loc_end = _locator_after(text, end, hi)
            span_end = loc_end if locator else end
            keys = list(dict.fromkeys(e.key for e in entries))
            cited = text[start:span_end]
            if len(keys) == 1:
                add(Citation(start, span_end, keys, locator, "resolved", cited, "document"))
            else:
                add(Citation(start, span_end, keys, locator, "ambiguous", cited, "document"),
                    f"“{cited}” matches several entries in bib/ ({', '.join(keys)}); add a title or date to the note")


def _norm_url(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^https?://", "", url)
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def find_citations(text: str, bib: Bibliography, previous: list[Citation] | None = None) -> list[Citation]:
    """Citations in a single note text, with no earlier notes as context (handy in tests)."""
    citations, _ = _Resolver(bib).note("", text, previous)
    return citations


def resolve_notes(
    notes: Sequence[tuple[str, str]], bib: Bibliography, context_file: Path
) -> tuple[dict[str, list[Citation]], list[Problem]]:
    """Resolve the citations in the notes of ONE text, given in reading order.

    Returns the citations per note label (notes that cite nothing map to an
    empty list) and a Problem for every unresolved or ambiguous citation;
    each message names the note label and quotes the note text.
    """
    resolver = _Resolver(bib)
    result: dict[str, list[Citation]] = {}
    problems: list[Problem] = []
    previous: list[Citation] | None = None
    for label, text in notes:
        text = text or ""
        citations, messages = resolver.note(label, text, previous)
        result[label] = citations
        shown = text if len(text) <= 200 else text[:197] + "…"
        for message in messages:
            problems.append(Problem(context_file, None, f"note {label}: {message} — note text: “{shown}”"))
        previous = citations
    return result, problems


# --------------------------------------------------------------------------- for the reading page


def citation_spans(citations: Sequence[Citation], bib: Bibliography, bibliography_href: str) -> list["Span"]:
    """Link each citation in a note to its entry on the bibliography page.

    ``bibliography_href`` is the page's URL relative to the reading page
    (``../bibliography/``). Resolved → ``<a class="citation">`` to ``#key``;
    ambiguous → a link to the first candidate marked ``citation-ambiguous``
    whose title lists all candidates; unresolved → a ``<span>`` marked
    ``citation-unresolved``. Titles are escaped bib data.
    """
    import html as _html

    from scholion.html.spans import Span

    spans: list[Span] = []
    for citation in citations:
        entries = [bib.entries[k] for k in citation.keys if k in bib.entries]
        labels = "; ".join(e.short_label for e in entries)
        if citation.status == "resolved" and entries:
            href = _html.escape(f"{bibliography_href}#{entries[0].key}", quote=True)
            spans.append(Span(citation.start, citation.end,
                              f'<a class="citation" href="{href}">', "</a>", priority=2))
        elif citation.status == "ambiguous" and entries:
            href = _html.escape(f"{bibliography_href}#{entries[0].key}", quote=True)
            spans.append(Span(citation.start, citation.end,
                              f'<a class="citation citation-ambiguous" href="{href}" '
                              f'title="{tooltip_title("One of: " + labels)}">', "</a>", priority=2))
        else:
            spans.append(Span(citation.start, citation.end,
                              '<span class="citation citation-unresolved" title="not in the bibliography">',
                              "</span>", priority=2))
    return spans
