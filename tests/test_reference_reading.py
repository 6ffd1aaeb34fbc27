"""A text's reference list is read as back matter, entry by entry (``scholion.text.references``).

Small texts of our own in the layouts extractors give (blank lines between entries, hanging indents,
flush-left entries with nothing between them, numbered lists, lists without years), and a property
test over generated lists: every entry comes back whole and in order, across page breaks with their
running heads and page numbers, and nothing else becomes an entry.
"""
from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholion.text.audit import audit
from scholion.text.ingest import load_document

META = 'title: "Pilots and Ports"\nauthors: [Ann Author]\nyear: 2022\n'
BODY = """\
Harbour pilots guide ships through waters that their masters do not know, and the rules that govern
them were written for a time when few ships called (Lindqvist 2019). Since then traffic has doubled
and the pilots' associations have become bargaining partners of the port authorities.

This note asks how the pilots' fees are set, and who decides when a ship may sail without a pilot on
board. The answers differ from port to port, as the works listed below show in detail.
"""


def read(folder: Path, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "source.yml").write_text(META, encoding="utf-8")
    return load_document(folder)


def entries(document) -> list[str]:
    return [reference.text for reference in document.references]


def warnings(document) -> list[str]:
    return [f"{p.line}: {p.message}" for p in document.problems if p.severity == "warning"]


def body(document) -> list[str]:
    return [block.text for block in document.paragraphs]


def test_blank_lines_part_entries_and_a_page_break_between_them_still_does(tmp_path):
    text = BODY + """
References

Berglund, M., & Aho, T. (2018). Pilotage exemptions in the Gulf of Bothnia. Journal of Maritime
Administration, 12(3), 201–219. https://doi.org/10.5555/jma.2018.0123

Lindqvist, K. (2019). Ports and their pilots: A history of a monopoly. Harbour Press.


Nordic Ports Review 4(2)

17
\fNordic Ports Review 4(2)

Port of Kemi. (2021). Annual report on pilotage 2020. https://www.kemi-port.example.org/reports/
annual-pilotage-2020.pdf

Sundqvist, E. (2020a). Fees that follow the ship: Tariffs in three Baltic ports. Nordic Economic
Papers, 8, 44–61.

Sundqvist, E. (2020b). Exemptions at the margin. In L. Mäki & P. Roos (Eds.), Coastal
governance today (pp. 12–30). Meridian Academic.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == [
        "Berglund, M., & Aho, T. (2018). Pilotage exemptions in the Gulf of Bothnia. Journal of Maritime "
        "Administration, 12(3), 201–219. https://doi.org/10.5555/jma.2018.0123",
        "Lindqvist, K. (2019). Ports and their pilots: A history of a monopoly. Harbour Press.",
        "Port of Kemi. (2021). Annual report on pilotage 2020. "
        "https://www.kemi-port.example.org/reports/annual-pilotage-2020.pdf",
        "Sundqvist, E. (2020a). Fees that follow the ship: Tariffs in three Baltic ports. Nordic Economic "
        "Papers, 8, 44–61.",
        "Sundqvist, E. (2020b). Exemptions at the margin. In L. Mäki & P. Roos (Eds.), Coastal governance "
        "today (pp. 12–30). Meridian Academic.",
    ]
    assert [block.text for block in document.blocks if block.kind == "heading"] == ["References"]
    assert len(body(document)) == 2 and warnings(document) == []


def test_a_hanging_indent_marks_the_lines_that_carry_an_entry_on_across_a_page(tmp_path):
    first, second = BODY.split("\n\n")
    text = first + "\n\n8\n\fPILOTS AND PORTS\n\n" + second + """
Works Cited

Aho, Tuomas. 2017. “Who Pays the Pilot? Cost Recovery in Small Ports.” Maritime
    Policy Notes 9: 1–14.
Berglund, Maria, and Kaisa Lindqvist. 2018. Ports without Pilots: Remote Pilotage and
    Its Limits. Turku: Archipelago University Press.
Finnish Transport Agency. 2016. Pilotage Act Commentary. Helsinki: FTA.

9
\fPILOTS AND PORTS

    https://www.fta.example.org/pilotage/
    commentary-2016.
Sundqvist, Erik. 2020. “Fees That Follow the Ship.” Nordic Economic Papers 8:
    44–61.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == [
        "Aho, Tuomas. 2017. “Who Pays the Pilot? Cost Recovery in Small Ports.” Maritime Policy Notes 9: 1–14.",
        "Berglund, Maria, and Kaisa Lindqvist. 2018. Ports without Pilots: Remote Pilotage and Its Limits. "
        "Turku: Archipelago University Press.",
        "Finnish Transport Agency. 2016. Pilotage Act Commentary. Helsinki: FTA. "
        "https://www.fta.example.org/pilotage/commentary-2016.",
        "Sundqvist, Erik. 2020. “Fees That Follow the Ship.” Nordic Economic Papers 8: 44–61.",
    ]
    assert document.set_aside[text.split("\n").index("\fPILOTS AND PORTS") + 1] == "running head or footer"


def test_flush_entries_with_nothing_between_them_open_with_their_authors_and_year(tmp_path):
    text = BODY + """
Bibliography
Aho, T., Berglund, M. and
Lindqvist, K. (2018) ‘Pilotage and its discontents’, Journal of Maritime Administration, 12(3),
pp. 201–219.
Lund, Sofia, and Arjun R.
Mehta. 2019. Pilots in Court. Oslo: Fjordline.
———. 2020. “Pilots and the Law of the Sea.” Nordic Law Review 3 (1): 5–25.
Nordic Council of Ministers (2021) Pilotage in the Nordic countries. Copenhagen: NCM.
Port of Oulu (2022) Exemptions register. Available at: https://www.oulu-port.example.org/pre-
vention/register (Accessed: 3 March 2022).
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == [
        "Aho, T., Berglund, M. and Lindqvist, K. (2018) ‘Pilotage and its discontents’, Journal of Maritime "
        "Administration, 12(3), pp. 201–219.",
        "Lund, Sofia, and Arjun R. Mehta. 2019. Pilots in Court. Oslo: Fjordline.",
        "———. 2020. “Pilots and the Law of the Sea.” Nordic Law Review 3 (1): 5–25.",
        "Nordic Council of Ministers (2021) Pilotage in the Nordic countries. Copenhagen: NCM.",
        "Port of Oulu (2022) Exemptions register. Available at: "
        "https://www.oulu-port.example.org/pre-vention/register (Accessed: 3 March 2022).",
    ]


def test_in_a_list_without_years_the_authors_open_an_entry_but_a_place_does_not(tmp_path):
    text = BODY + """
Works Cited
Aho, Tuomas. The Pilot’s Trade: Work and Risk on Northern Waters.
Cambridge, MA: Harbour University Press, 2017.
Berglund, Maria. “Remote Pilotage.” Maritime Policy Notes, vol. 9, 2018, pp. 1–14.
Lindqvist, Kaisa. Ports and Their Pilots. Turku: Archipelago Press, 2019.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == [
        "Aho, Tuomas. The Pilot’s Trade: Work and Risk on Northern Waters. Cambridge, MA: Harbour University "
        "Press, 2017.",
        "Berglund, Maria. “Remote Pilotage.” Maritime Policy Notes, vol. 9, 2018, pp. 1–14.",
        "Lindqvist, Kaisa. Ports and Their Pilots. Turku: Archipelago Press, 2019.",
    ]


def test_a_numbered_list_opens_an_entry_at_each_number(tmp_path):
    text = BODY + """
References
[1] Aho T, Berglund M. Pilotage exemptions in the Gulf of Bothnia. J Marit Adm.
2018;12(3):201–19.
[2] Lindqvist K. Ports and their pilots. Turku: Harbour Press; 2019.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == [
        "[1] Aho T, Berglund M. Pilotage exemptions in the Gulf of Bothnia. J Marit Adm. 2018;12(3):201–19.",
        "[2] Lindqvist K. Ports and their pilots. Turku: Harbour Press; 2019.",
    ]


def test_the_list_ends_where_a_heading_stands_alone_and_the_body_goes_on(tmp_path):
    text = BODY + """
References

Lindqvist, K. (2019). Ports and their pilots: A history of a monopoly. Harbour Press.

Appendix

The survey of pilots was sent to all forty associations in the region in the spring, and thirty-one
of them answered it in full before the summer season began.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document) == ["Lindqvist, K. (2019). Ports and their pilots: A history of a monopoly. Harbour Press."]
    assert body(document)[-1].startswith("The survey of pilots was sent")
    assert [block.text for block in document.blocks if block.kind == "heading"] == ["References", "Appendix"]


def test_a_heading_with_no_entry_under_it_is_no_reference_list(tmp_path):
    text = BODY + """
Sources

The figures come from the pilotage authorities of the three countries, which publish them every year
in their annual reports, and from interviews with the pilots themselves.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert document.references == []
    assert body(document)[-1].startswith("The figures come from the pilotage authorities")


def test_the_audit_shows_each_entry_s_lines_and_nothing_is_left_unread(tmp_path):
    text = BODY + """
Literature
Aho, Tuomas. 2017. “Who Pays the Pilot?” Maritime
Policy Notes 9: 1–14.
Lindqvist, Kaisa. 2019. Ports and Their Pilots. Turku: Archipelago Press.
"""
    document = read(tmp_path / "pilots-2022", text)
    roles = {line.text: line.role for line in audit(document, text)}
    assert roles["Aho, Tuomas. 2017. “Who Pays the Pilot?” Maritime"] == "reference 1"
    assert roles["Policy Notes 9: 1–14."] == "reference 1"
    assert roles["Lindqvist, Kaisa. 2019. Ports and Their Pilots. Turku: Archipelago Press."] == "reference 2"
    assert not [p for p in document.problems if p.code == "text.unread-line"]


def test_an_entry_that_opens_as_none_does_is_kept_and_warned_about(tmp_path):
    text = BODY + """
References

Lindqvist, K. (2019). Ports and their pilots: A history of a
monopoly. Harbour Press.

and its sequel, published in the same year by the same press.

Sundqvist, E. (2020). Fees that follow the ship. Nordic Economic Papers, 8, 44–61.
"""
    document = read(tmp_path / "pilots-2022", text)
    assert entries(document)[1] == "and its sequel, published in the same year by the same press."
    line = text.split("\n").index("and its sequel, published in the same year by the same press.") + 1
    assert [(p.line, p.code) for p in document.problems if p.code == "text.doubtful-reference"] == [
        (line, "text.doubtful-reference")]


# --- generated lists -----------------------------------------------------------------------------

SURNAMES = ["Aho", "Berglund", "Lindqvist", "Sundqvist", "Mäki", "Nordström", "Doğan", "Wójcik", "O’Neill",
            "Lefèvre-Duval", "van der Berg", "de Wit", "Kovač", "Okafor", "Castellanos", "Haddad"]
GIVEN = ["Tuomas", "Maria", "Kaisa", "Erik", "Ana", "Piet", "Selin", "Chidi", "Mei Lin", "Jonas"]
ORGANISATIONS = ["Nordic Council of Ministers", "Port of Kemi", "European Maritime Agency", "OECD",
                 "Baltic Pilots Association"]
WORDS = ("pilots ports harbour fees tariffs ships masters waters rules traffic associations authorities exemptions "
         "remote pilotage governance coastal states risk safety winter ice channels trade history monopoly law "
         "cost recovery small northern regional market labour reform").split()
PLACES = ["Turku: Archipelago Press", "Oslo: Fjordline", "Helsinki: Coastal Books", "Tartu: Emajõgi University Press"]
JOURNALS = ["Journal of Maritime Administration", "Nordic Economic Papers", "Maritime Policy Notes", "Coastal Review"]

HEAD_EVEN = "JOURNAL OF GENERATED HARBOURS"
PAGE_LINES = 4  # the fewest lines of the list a generated page holds
HEAD_ODD = "PILOTS AND PORTS"


@st.composite
def authors(draw, style: str) -> str:
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(ORGANISATIONS))
    names = [(draw(st.sampled_from(SURNAMES)), draw(st.sampled_from(GIVEN))) for _ in range(draw(st.integers(1, 4)))]
    if style == "apa":
        written = [f"{surname}, {given[0]}." for surname, given in names]
        return written[0] if len(written) == 1 else ", ".join(written[:-1]) + ", & " + written[-1]
    if style == "harvard":
        written = [f"{surname}, {given[0]}." for surname, given in names]
        return written[0] if len(written) == 1 else ", ".join(written[:-1]) + " and " + written[-1]
    first = f"{names[0][0]}, {names[0][1]}"
    rest = [f"{given} {surname}" for surname, given in names[1:]]
    return first if not rest else ", ".join([first, *rest[:-1]]) + ", and " + rest[-1]


@st.composite
def title(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    if draw(st.booleans()):
        words.append(str(draw(st.integers(1990, 2040))))  # a year inside a title: no year of the entry
    return " ".join(words).capitalize()


@st.composite
def link(draw, year: int) -> str:
    """A DOI or a URL, each a work's own (the entry's year is in it)."""
    if draw(st.booleans()):
        return f"https://doi.org/10.5555/{draw(st.sampled_from(['jma', 'nep', 'cr']))}.{year}.0{draw(st.integers(10, 99))}"
    path = "/".join(draw(st.lists(st.sampled_from(["reports", "pilot-fees", "ice-channels", "annual-2021",
                                                   "pre-vention", "register"]), min_size=0, max_size=3)) + [str(year)])
    return f"https://www.{draw(st.sampled_from(['kemi-port', 'pilots', 'fta']))}.example.org/{path}"


@st.composite
def entry(draw, style: str, previous_author: str | None, year: int) -> tuple[str, str]:
    """One entry's text and its author (for a dash in the next). Each entry of a list has its own year, as
    two works of one author in one year are told apart by a letter."""
    author = draw(authors(style))
    address = draw(link(year))
    year = f"{year}{draw(st.sampled_from(['', '', 'a', 'b']))}"
    dashed = style == "chicago" and previous_author is not None and draw(st.integers(0, 4)) == 0
    shown = "———" if dashed else author
    kind = draw(st.sampled_from(["article", "book", "web"]))
    words = draw(title())
    if kind == "article":
        volume, first_page = draw(st.integers(1, 40)), draw(st.integers(1, 400))
        rest = {"chicago": f"“{words}.” {draw(st.sampled_from(JOURNALS))} {volume} (2): {first_page}–{first_page + 20}.",
                "apa": f"{words}. {draw(st.sampled_from(JOURNALS))}, {volume}(2), {first_page}–{first_page + 20}.",
                "harvard": f"‘{words}’, {draw(st.sampled_from(JOURNALS))}, {volume}(2), pp. {first_page}–{first_page + 20}."}[style]
    elif kind == "book":
        rest = f"{words}. {draw(st.sampled_from(PLACES))}."
    else:
        rest = f"{words}. {address}"
    head = {"chicago": f"{shown}. {year}.", "apa": f"{shown} ({year}).", "harvard": f"{shown} ({year})"}[style]
    if style == "apa" and not shown.endswith("."):
        head = f"{shown}. ({year})."
    return f"{head} {rest}", (previous_author if dashed else author)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (a long word may pass it), broken at spaces, and inside a URL
    after a slash or after a hyphen of its own, as typesetters break them."""
    pieces: list[tuple[str, bool]] = []  # (piece, glued to the one before)
    for word in text.split(" "):
        if "://" in word:
            parts = [part for part in _url_parts(word)]
            pieces.extend((part, index > 0) for index, part in enumerate(parts))
        else:
            pieces.append((word, False))
    lines = [""]
    for piece, glued in pieces:
        joined = lines[-1] + ("" if glued or not lines[-1] else " ") + piece
        if lines[-1] and len(joined) > width:
            lines.append(piece)
        else:
            lines[-1] = joined
    return lines


def _url_parts(url: str) -> list[str]:
    parts, current = [], ""
    for index, char in enumerate(url):
        current += char
        if char in "/-" and index > url.index("://") + 2 and index + 1 < len(url):
            parts.append(current)
            current = ""
    return parts + [current] if current else parts


@st.composite
def reference_list(draw):
    """A text with a body and a reference list in one style and layout, wrapped at a random width, and
    the entries as they should be read."""
    style = draw(st.sampled_from(["chicago", "apa", "harvard"]))
    layout = draw(st.sampled_from(["blank", "hanging", "flush"]))
    width = draw(st.integers(45, 95))
    texts, author = [], None
    for year in draw(st.lists(st.integers(1950, 2024), min_size=2, max_size=12, unique=True)):
        text, author = draw(entry(style, author, year))
        texts.append(text)
    list_lines: list[str] = []
    for number, text in enumerate(texts):
        if layout == "blank" and number:
            list_lines.append("")
        wrapped = wrap(text, width)
        indent = "    " if layout == "hanging" else ""
        list_lines.extend([wrapped[0], *(indent + line for line in wrapped[1:])])
    # Page breaks anywhere in the list (never before its first line), each with a page number at the
    # foot and an alternating running head at the top. A printed page holds a few lines at least.
    starts = draw(st.lists(st.integers(1, max(1, len(list_lines) - 1)), max_size=3, unique=True))
    breaks = {start for start in starts if start < len(list_lines)
              and all(abs(start - other) >= PAGE_LINES for other in starts if other != start)}
    # The body fills three pages, so that each running head is printed on two pages at least.
    body = textwrap.fill(" ".join(BODY.split()), width).split("\n")
    third = len(body) // 3
    heading = draw(st.sampled_from(["References", "Bibliography", "Works Cited", "Literature", "Reference list"]))
    pages = [body[:third], body[third : 2 * third], body[2 * third :] + ["", heading, ""]]
    for index, line in enumerate(list_lines):
        if index in breaks:
            pages.append([])
        pages[-1].append(line)
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            out.append("\f" + (HEAD_EVEN if number % 2 == 0 else HEAD_ODD))
            out.append("")
        out.extend(page)
        out.extend(["", str(100 + number)])
    return "\n".join(out) + "\n", texts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference_list())
def test_every_generated_entry_comes_back_whole_and_in_order(generated):
    text, expected = generated
    with tempfile.TemporaryDirectory() as folder:
        document = read(Path(folder) / "pilots-2022", text)
    assert entries(document) == expected
    assert not [p for p in document.problems if p.code in ("text.unread-line", "text.doubtful-reference")]
    assert all(not paragraph.startswith(tuple(expected)) for paragraph in body(document))
