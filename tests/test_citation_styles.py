"""The citation styles a reader chooses (``scholion.bib.styles``), formatted by citeproc-py: a paragraph's
citation in each style holds its URL, its locator, the corpus's version and the day of access as the
style writes it, for any day; contributors' words stay text.

What is expected here is what each style's manual prints, written out by hand, not read from the code."""
from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from scholion.bib.citing import Publication, citation_data, styled, work_from_meta
from scholion.bib.styles import STYLES
from scholion.pages.reading import cite_box
from citefill import fill

SITE = "https://example.org/corpus/"
# A made-up text: two authors, one with a particle and a hyphen, a numbered working paper in a series.
GRAIN = {"title": "Grain Corridors and Black Sea Ports: Who Pays for Insurance?",
         "authors": ["Oddny Brekke-Salas", "Tomás de Ferreira"], "year": 2019, "month": "June",
         "publisher": "Nordic Institute of Maritime Policy", "series": "NIMP Working Paper", "number": "12",
         "language": "en"}
CORPUS = Publication(SITE, "Straits and Shipping: A Test Corpus", "v3.4")
PARAGRAPH_URL = SITE + "brekke-salas-2019/#p14"

FULL_MONTHS = list(calendar.month_name)[1:]
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def chicago_accessed(day: date) -> str:
    return f"Accessed {FULL_MONTHS[day.month - 1]} {day.day}, {day.year}. {PARAGRAPH_URL}."


def apa_accessed(day: date) -> str:  # APA 7 retrieves a page that may change
    return f"Retrieved {FULL_MONTHS[day.month - 1]} {day.day}, {day.year}, from {PARAGRAPH_URL}"


def mla_accessed(day: date) -> str:
    return f"{PARAGRAPH_URL}. Accessed {day.day} {MLA_MONTHS[day.month - 1]} {day.year}."


def harvard_accessed(day: date) -> str:
    return f"Available at: {PARAGRAPH_URL} (Accessed: {day.day} {FULL_MONTHS[day.month - 1]} {day.year})."


ACCESSED = {"chicago": chicago_accessed, "apa": apa_accessed, "mla": mla_accessed, "harvard": harvard_accessed}
# ¶14 alone, and on printed page 5: Chicago gives a page no "p.", MLA no comma before it.
LOCATED = {"chicago": ("para. 14", "5, para. 14"), "apa": ("para. 14", "p. 5, para. 14"),
           "mla": ("par. 14", "5, par. 14"), "harvard": ("para. 14", "p. 5, para. 14")}
DAYS = [date(2026, 5, 1), date(2026, 9, 9), date(2026, 12, 31), date(2027, 1, 2), date(2028, 2, 29), date(2026, 6, 7)]


@pytest.fixture(scope="module")
def data():
    work = work_from_meta("brekke-salas-2019", GRAIN, CORPUS, {"p14": "5", "p15": "5–6"})
    return citation_data(work, styled(work))


def test_every_style_is_offered(data):
    assert list(data["styles"]) == ["chicago", "apa", "mla", "harvard"] == [style.key for style in STYLES]
    assert [style["label"] for style in data["styles"].values()] == [
        "Chicago (author-date)", "APA (7th edition)", "MLA (9th edition)", "Harvard (Cite Them Right)"]


@pytest.mark.parametrize("style", ["chicago", "apa", "mla", "harvard"])
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_paragraph_citation_holds_its_url_version_and_day_of_access(data, style, day):
    reference = fill(data["styles"][style]["paragraph"]["reference"], data, "14", day, style)
    assert ACCESSED[style](day) in reference
    assert reference.count(PARAGRAPH_URL) == 1
    assert re.search(r"\b[Vv]ersion 3\.4\b", reference)  # the corpus's, whatever the style does with versions
    assert "Straits and Shipping: A Test Corpus" in reference  # what the version is of
    assert "Grain Corridors and Black Sea Ports: Who Pays for Insurance?" in reference
    assert not re.search(r"[?!][”’\"]?[.,]", reference)  # a title's own "?" ends it: no "?." or "?,"


@pytest.mark.parametrize("style", ["chicago", "apa", "mla", "harvard"])
def test_the_in_text_citation_names_the_paragraph_and_its_printed_page(data, style):
    template = data["styles"][style]["paragraph"]["in-text"]
    alone, on_page = LOCATED[style]
    data = {**data, "pages": {}}
    assert fill(template, data, "14", style=style).endswith(f" {alone})")
    data["pages"] = {"14": "5", "15": "5–6"}
    assert fill(template, data, "14", style=style).endswith(f" {on_page})")
    assert "5–6" in fill(template, data, "15", style=style)
    assert "Brekke-Salas" in fill(template, data, "14", style=style)
    assert "para" not in data["styles"][style]["text"]["in-text"]


def test_names_are_written_as_each_style_writes_them(data):
    """Given names in full in Chicago and MLA (CSL's ``initialize="false"``, which citeproc-py ignores),
    initials in APA and Harvard; the second author's particle kept."""
    first = {key: fill(style["text"]["reference"], data, style=key) for key, style in data["styles"].items()}
    assert first["chicago"].startswith("Brekke-Salas, Oddny, and Tomás de Ferreira. 2019.")
    assert first["mla"].startswith("Brekke-Salas, Oddny, and Tomás de Ferreira.")
    assert first["apa"].startswith("Brekke-Salas, O., & de Ferreira, T. (2019).")
    assert first["harvard"].startswith("Brekke-Salas, O. and de Ferreira, T. (2019)")
    # MLA names the title in an in-text citation only to tell two works of an author apart.
    assert data["styles"]["mla"]["text"]["in-text"] == "(Brekke-Salas and de Ferreira)"


def test_the_citation_of_the_text_points_at_the_text(data):
    for key, style in data["styles"].items():
        reference = fill(style["text"]["reference"], data, day=date(2026, 9, 9), style=key)
        assert SITE + "brekke-salas-2019/" in reference and "#p" not in reference
        assert "2026" in reference and "{{" not in reference


def test_month_names_as_each_style_abbreviates_them(data):
    months = {key: style["months"] for key, style in data["styles"].items()}
    assert months == {"chicago": FULL_MONTHS, "apa": FULL_MONTHS, "mla": MLA_MONTHS, "harvard": FULL_MONTHS}


def test_without_a_version_none_is_named():
    work = work_from_meta("brekke-salas-2019", GRAIN, Publication(SITE, "A corpus"))
    for cited in styled(work).values():
        assert "version" not in cited.accessed.lower() and "version" not in cited.reference.lower()


def test_contributors_words_stay_text():
    hostile = {**GRAIN, "title": "Ports & <script>window.__xss=1</script> Tariffs",
               "authors": ["Ann <b>Bold</b> O'Neil"], "publisher": "R&D <i>Institute</i>"}
    work = work_from_meta("x", hostile, CORPUS)
    cited = styled(work)
    for key, style in cited.items():
        assert "<script>window.__xss=1</script>" in style.accessed, key  # as written, never "&lt;script&gt;"
        assert "R&D <i>Institute</i>" in style.accessed and "&amp;" not in style.accessed
    soup = BeautifulSoup(cite_box(work), "html.parser")
    assert soup.select("script, b, i") == []
    assert "<script>window.__xss=1</script>" in soup.select_one('pre[data-format="reference"]').get_text()
