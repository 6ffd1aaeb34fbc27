"""Random works written in each style, read back field by field.

Each example is a work (persons with particles and diacritics or an organisation, 1–5 authors, a year
with or without a suffix, a title that may hold a year, a colon or a question mark) of one kind (journal
article, book, chapter, report, web page), rendered as Chicago author-date, APA 7 or Harvard prints it.
Parsing the rendering must give back every field the style prints.

What the generator leaves out on purpose, as the parser cannot tell it (see the module docs of
``scholion.bib.reflist``): surnames of several words without a particle in reading order (Chicago's
second and later authors, ``Ana García Márquez``), full stops inside titles, journal names with
abbreviations.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholion.bib.reflist import STYLES, parse_reference

UPPER = "ABCDEFGHIJKLMNOPRSTVWZÁÉÓÖØÅŁŠŽČ"
SYLLABLES = ["ka", "lo", "vi", "šen", "łu", "ár", "ber", "tö", "ni", "ma", "rić", "ez", "dé", "ø", "gaard", "ño",
             "ski", "ę", "ėl", "sson"]
# Capitalised name words with diacritics (one draw each: drawing letter by letter makes the test slow).
NAME_WORDS = sorted({UPPER[i % len(UPPER)] + SYLLABLES[i % len(SYLLABLES)] + SYLLABLES[(i * 7 + 3) % len(SYLLABLES)]
                     for i in range(120)})
PARTICLES = ["van", "de", "van der", "von", "da", "di", "del", "ter"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
TITLE_WORDS = ["trade", "water", "borders", "policy", "regional", "transition", "councils", "mining", "towns",
               "governance", "energy", "labour", "markets", "origin", "rules", "firms", "Europe", "Baltic",
               "Øresund", "Łódź", "Silesia", "commuters", "wages", "allocation", "drought", "cumulation"]
SMALL_WORDS = ["and", "of", "the", "in", "after", "for"]
ORGANISATION_WORDS = ["Agency", "Council", "Institute", "Commission", "Bank", "Secretariat", "Regional",
                      "Water", "Trade", "Nordic", "Energy", "Transition", "Statistics", "Office"]
PUBLISHER_ENDINGS = ["Press", "University Press", "Books", "Academic", "Publishing", "Academic Press"]
PLACES = ["Oslo", "Tartu", "New York", "Cambridge", "São Paulo", "Łódź", "Cambridge, MA", "Frankfurt am Main"]


@dataclass
class Name:
    surname: str
    given: str = ""  # in full (Chicago); initials are made from it
    organisation: bool = False

    @property
    def initials(self) -> str:
        return " ".join("-".join(part[0] + "." for part in word.split("-")) for word in self.given.split())


@dataclass
class Work:
    kind: str
    authors: list[Name]
    year: str
    suffix: str
    title: str
    editors: list[Name] = field(default_factory=list)
    container: str = ""
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    accessed: tuple[int, int, int] | None = None  # year, month, day
    dated: tuple[int, int] | None = None  # month, day of a web page (APA prints it in the head)


# ------------------------------------------------------------------ strategies

def word():
    return st.sampled_from(NAME_WORDS)


@st.composite
def surnames(draw) -> str:
    base = draw(word())
    shape = draw(st.sampled_from(["plain", "plain", "hyphen", "apostrophe", "particle"]))
    if shape == "hyphen":
        return f"{base}-{draw(word())}"
    if shape == "apostrophe":
        return f"O’{base}"
    if shape == "particle":
        return f"{draw(st.sampled_from(PARTICLES))} {base}"
    return base


@st.composite
def given_names(draw) -> str:
    names = draw(st.lists(word(), min_size=1, max_size=2))
    if draw(st.booleans()) and len(names) == 1:
        names = [f"{names[0]}-{draw(word())}"]  # Jean-Paul, initials J.-P.
    return " ".join(names)


persons = st.builds(Name, surnames(), given_names())


@st.composite
def organisations(draw) -> Name:
    words = draw(st.lists(st.sampled_from(ORGANISATION_WORDS), min_size=1, max_size=4, unique=True))
    if len(words) >= 2 and draw(st.booleans()):
        words.insert(1, draw(st.sampled_from(["of the", "for", "of"])))
    return Name(" ".join(words), organisation=True)


@st.composite
def titles(draw) -> str:
    words = draw(st.lists(st.sampled_from(TITLE_WORDS + SMALL_WORDS), min_size=2, max_size=9))
    words[0] = words[0][0].upper() + words[0][1:]
    title = " ".join(words)
    if draw(st.booleans()):
        title += f" {draw(st.sampled_from(['in', 'after', 'since']))} {draw(st.integers(1950, 2024))}"
    if draw(st.booleans()):
        first = draw(st.integers(1950, 2020))
        title += f", {first}–{first + draw(st.integers(1, 30))}"
    ending = draw(st.sampled_from(["", "", "question", "colon", "question-subtitle"]))
    if ending == "question":
        title += "?"
    elif ending == "colon":
        title += ": " + " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=5))).capitalize()
    elif ending == "question-subtitle":
        title += "? " + " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=5))).capitalize()
    return title


def journals():
    return st.builds(lambda kind, words: kind.format(" ".join(words)),
                     st.sampled_from(["Journal of {}", "{} Review", "{} Quarterly", "Studies in {}"]),
                     st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3).map(
                         lambda ws: [w.capitalize() for w in ws]))


def publishers():
    return st.builds(lambda w, ending: f"{w} {ending}", word(), st.sampled_from(PUBLISHER_ENDINGS))


@st.composite
def page_ranges(draw) -> str:
    first = draw(st.integers(1, 900))
    return f"{first}–{first + draw(st.integers(1, 60))}"


PATH_PARTS = ["reports", "2020", "allocation-2020", "faq", "en", "wp", "2020-06", "origin", "a_b", "x.y"]
dois = st.builds(lambda a, y, n: f"10.5555/{a}.{y}.{n:04d}", st.sampled_from(["jbs", "wpq", "egl", "x", "rrc"]),
                 st.integers(1990, 2024), st.integers(1, 9999))
urls = st.builds(lambda host, path, pdf: f"https://www.{host}.example.org/{'/'.join(path)}{'.pdf' if pdf else ''}",
                 st.sampled_from(["bcsr", "transrhin", "basin-voices", "stats"]),
                 st.lists(st.sampled_from(PATH_PARTS), min_size=1, max_size=4), st.booleans())
days = st.tuples(st.integers(2000, 2024), st.integers(1, 12), st.integers(1, 28))


@st.composite
def works(draw) -> Work:
    kind = draw(st.sampled_from(["article", "book", "chapter", "report", "web"]))
    if kind in ("report", "web") and draw(st.booleans()) or kind == "report":
        authors = [draw(organisations())]
    else:
        authors = draw(st.lists(persons, min_size=1, max_size=5, unique_by=lambda n: n.surname))
    year = str(draw(st.integers(1950, 2024)))
    suffix = draw(st.sampled_from(["", "", "a", "b"]))
    work = Work(kind, authors, year, suffix, draw(titles()))
    if kind == "article":
        work.container = draw(journals())
        work.volume = str(draw(st.integers(1, 99)))
        work.issue = draw(st.sampled_from(["", str(draw(st.integers(1, 12)))]))
        work.pages = draw(page_ranges())
        work.doi = draw(st.sampled_from(["", draw(dois)]))
    elif kind in ("book", "report"):
        work.publisher = draw(publishers())
        work.place = draw(st.sampled_from(PLACES))
    elif kind == "chapter":
        work.editors = draw(st.lists(persons, min_size=1, max_size=3, unique_by=lambda n: n.surname))
        work.container = draw(titles())
        work.publisher = draw(publishers())
        work.place = draw(st.sampled_from(PLACES))
        work.pages = draw(page_ranges())
    else:
        work.url = draw(urls)
        work.accessed = draw(days)
        work.dated = (draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        work.container = " ".join(draw(st.lists(st.sampled_from(ORGANISATION_WORDS), min_size=1, max_size=3)))
    return work


# ------------------------------------------------------------------ rendering

def _joined(names: list[str], last_joiner: str) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + last_joiner + names[-1]


def chicago_names(names: list[Name]) -> str:
    first, *others = names
    written = [first.surname if first.organisation else f"{first.surname}, {first.given}"]
    written += [f"{n.given} {n.surname}" for n in others]
    return _joined(written, ", and ")


def reading_order(names: list[Name], initials: bool) -> str:
    return [f"{n.initials if initials else n.given} {n.surname}" for n in names]


def inverted(name: Name) -> str:
    return name.surname if name.organisation else f"{name.surname}, {name.initials}"


def apa_names(names: list[Name]) -> str:
    return _joined([inverted(n) for n in names], ", & ")


def harvard_names(names: list[Name]) -> str:
    if len(names) >= 4:
        return f"{inverted(names[0])} et al."
    return _joined([inverted(n) for n in names], " and ")


def _stop(text: str) -> str:
    """A sentence's end: one ending in ``?`` (or an initial's full stop) takes no other."""
    return text if text.endswith(("?", "!", ".")) else text + "."


def render_chicago(work: Work) -> str:
    head = f"{_stop(chicago_names(work.authors))} {work.year}{work.suffix}."
    quoted = f"“{_stop(work.title)}”"
    if work.kind == "article":
        issue = f" ({work.issue})" if work.issue else ""
        body = f"{quoted} {work.container} {work.volume}{issue}: {work.pages}."
        return f"{head} {body}" + (f" https://doi.org/{work.doi}." if work.doi else "")
    if work.kind in ("book", "report"):
        return f"{head} {_stop(work.title)} {work.place}: {work.publisher}."
    if work.kind == "chapter":
        editors = _joined(reading_order(work.editors, initials=False), ", and ") if len(work.editors) > 2 \
            else " and ".join(reading_order(work.editors, initials=False))
        return (f"{head} {quoted} In {work.container}, edited by {editors}, {work.pages}. "
                f"{work.place}: {work.publisher}.")
    year, month, day = work.accessed
    return f"{head} {quoted} Accessed {MONTHS[month - 1]} {day}, {year}. {work.url}."


def render_apa(work: Work) -> str:
    when = f"{work.year}{work.suffix}"
    if work.kind == "web":
        month, day = work.dated
        when = f"{work.year}{work.suffix}, {MONTHS[month - 1]} {day}"
    head = f"{_stop(apa_names(work.authors))} ({when})."
    if work.kind == "article":
        issue = f"({work.issue})" if work.issue else ""
        body = f"{_stop(work.title)} {work.container}, {work.volume}{issue}, {work.pages}."
        return f"{head} {body}" + (f" https://doi.org/{work.doi}" if work.doi else "")
    if work.kind in ("book", "report"):
        return f"{head} {_stop(work.title)} {work.publisher}."
    if work.kind == "chapter":
        editors = _joined(reading_order(work.editors, initials=True), ", & ")
        label = "Eds." if len(work.editors) > 1 else "Ed."
        return f"{head} {_stop(work.title)} In {editors} ({label}), {work.container} (pp. {work.pages}). {work.publisher}."
    return f"{head} {_stop(work.title)} {work.container}. {work.url}"


def render_harvard(work: Work) -> str:
    head = f"{harvard_names(work.authors)} ({work.year}{work.suffix})"
    quoted = f"‘{work.title}’"
    if work.kind == "article":
        issue = f"({work.issue})" if work.issue else ""
        body = f"{quoted}, {work.container}, {work.volume}{issue}, pp. {work.pages}."
        return f"{head} {body}" + (f" doi:{work.doi}." if work.doi else "")
    if work.kind in ("book", "report"):
        return f"{head} {_stop(work.title)} {work.place}: {work.publisher}."
    if work.kind == "chapter":
        editors = " and ".join(inverted(n) for n in work.editors)
        label = "eds" if len(work.editors) > 1 else "ed."
        return f"{head} {quoted}, in {editors} ({label}) {_stop(work.container)} {work.place}: {work.publisher}, pp. {work.pages}."
    year, month, day = work.accessed
    return f"{head} {_stop(work.title)} Available at: {work.url} (Accessed: {day} {MONTHS[month - 1]} {year})."


RENDER = {"chicago-author-date": render_chicago, "apa": render_apa, "harvard": render_harvard}


# ------------------------------------------------------------------ expectations

def expected_names(names: list[Name], style: str) -> list[tuple[str, str]]:
    if style == "harvard" and len(names) >= 4:
        names = names[:1]
    given = (lambda n: n.given) if style == "chicago-author-date" else (lambda n: n.initials)
    return [(n.surname, "" if n.organisation else given(n)) for n in names]


def expected(work: Work, style: str) -> dict:
    fields = {
        "entry_type": work.kind, "authors": expected_names(work.authors, style),
        "et_al": style == "harvard" and len(work.authors) >= 4,
        "year": work.year, "year_suffix": work.suffix, "title": work.title, "volume": work.volume,
        "issue": work.issue, "pages": work.pages, "doi": work.doi, "url": work.url,
        "editors": [(n.surname, n.given if style == "chicago-author-date" else n.initials) for n in work.editors],
        "container": work.container, "publisher": work.publisher,
        "place": "" if style == "apa" else work.place, "unread": "",
    }
    if work.kind == "web":
        if style == "apa":
            month, day = work.dated
            fields["date"] = f"{work.year}-{month:02d}-{day:02d}"
        else:
            fields["accessed"] = "{}-{:02d}-{:02d}".format(*work.accessed)
            fields["container"] = ""  # Chicago and Harvard pages here name no site
    return fields


def read_back(reference, names: list[str]) -> dict:
    persons = lambda people: [(p.surname, p.given) for p in people]  # noqa: E731
    got = {name: getattr(reference, name) for name in names}
    for name in ("authors", "editors"):
        if name in got:
            got[name] = persons(got[name])
    return got


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(work=works())
def test_a_rendered_reference_reads_back_field_by_field_in_each_style(work):
    for style in STYLES:
        text = RENDER[style](work)
        want = expected(work, style)
        got = read_back(parse_reference(text, style), list(want))
        assert got == want, f"\n{text}\n" + "\n".join(
            f"  {name}: got {got[name]!r}, want {want[name]!r}" for name in want if got[name] != want[name])
        assert parse_reference(text).style == style, f"{text}: the head does not tell the style"
