"""Bibliography core: loading bib/*.bib, faults as Problems, lookup, safe HTML."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scholion.bib.entries import BibEntry, Bibliography, format_entry_html
from scholion.bib.bibtex import load_bibliography
from scholion.pages.bibliography import INCOMPLETE_LABEL, render_bibliography_page
from scholion.text.model import SIDE_BY_SIDE_MAX_TEXTS
from scholion.bib.references import CitingNote

ROOT = Path(__file__).resolve().parents[1]
BIB_FILES = sorted((ROOT / "bib").glob("*.bib"))


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str | bytes, name: str = "x.bib"):
    return load_bibliography([write(tmp_path, name, text)])


# ---------------------------------------------------------------- loading


def test_entry_fields_names_and_years(tmp_path):
    bib, problems = load(tmp_path, r"""
% a comment
@misc{gotz-merlen-2019,
  author = {G{\"o}tz, Elias and Merlen, Camille-Renaud},
  year   = {2019},
  incomplete = {true},
}

@article{johnson-kostem-2016,
  author = {Johnson and K\"{o}stem},
  title  = {On {EU} things},
  year   = {2016},
}
""")
    assert problems == []
    gotz = bib.entries["gotz-merlen-2019"]
    assert gotz.surnames == ["Götz", "Merlen"]
    assert gotz.year == "2019" and gotz.year_suffix == ""
    assert gotz.incomplete is True
    assert gotz.line == 3
    assert gotz.file.name == "x.bib"
    assert gotz.entry_type == "misc"
    kostem = bib.entries["johnson-kostem-2016"]
    assert kostem.surnames == ["Johnson", "Köstem"]
    assert kostem.incomplete is False
    assert kostem.fields["title"] == "On EU things"
    assert kostem.line == 9


def test_organisations_von_parts_and_compound_surnames(tmp_path):
    bib, problems = load(tmp_path, """
@misc{a, author = {{UN Security Council}}, year = {1999}}
@misc{b, author = {Drieskens and van Schaik}, year = {2014}}
@misc{c, author = {{Wilson Rowe} and Torjesen}, year = {2009}}
@misc{d, author = {{Tass}}, date = {2019-11-03}}
""")
    assert problems == []
    assert bib.entries["a"].surnames == ["UN Security Council"]
    assert bib.entries["b"].surnames == ["Drieskens", "van Schaik"]
    assert bib.entries["c"].surnames == ["Wilson Rowe", "Torjesen"]
    assert bib.entries["d"].surnames == ["Tass"]
    assert bib.entries["d"].year == "2019"



def test_lookup_by_names_sees_entries_added_after_it_and_entries_without_names_change_nothing(tmp_path):
    bib, _ = load(tmp_path, """
@misc{a, author = {Hughes}, year = {2013}}
@misc{untitled, title = {No author}, year = {2013}}
""")
    assert [e.key for e in bib.find(["Hughes"], "2013")] == ["a"]
    later, _ = load(tmp_path, "@misc{b, author = {Sakwa}, year = {2012}}")
    bib.entries["b"] = later.entries["b"]
    assert [e.key for e in bib.find(["Sakwa"], "2012")] == ["b"]
    assert [e.key for e in bib.find(["Hughes"], "2013")] == ["a"]

def test_editor_is_used_when_there_is_no_author(tmp_path):
    bib, _ = load(tmp_path, "@book{r, editor = {Ruggie, John Gerard}, year = {1993}}")
    assert bib.entries["r"].surnames == ["Ruggie"]


def test_year_suffix_field_and_year_with_letter(tmp_path):
    bib, problems = load(tmp_path, """
@misc{r1, author = {Romanova}, year = {2018}}
@misc{r2, author = {Romanova}, year = {2018}, yearsuffix = {a}}
@misc{r3, author = {Romanova}, year = {2018b}}
""")
    assert problems == []
    assert [bib.entries[k].year_suffix for k in ("r1", "r2", "r3")] == ["", "a", "b"]
    assert {bib.entries[k].year for k in ("r1", "r2", "r3")} == {"2018"}
    assert bib.entries["r2"].label_year == "2018a"


def test_unbalanced_braces_become_a_problem_and_the_rest_is_read(tmp_path):
    bib, problems = load(tmp_path, """@misc{broken-2018,
  author = {Casier},
  title  = {An {unclosed title,
  year   = {2018}
}

@misc{fine-2019,
  author = {Kramer},
  year   = {2019},
}
""")
    assert "fine-2019" in bib.entries
    assert "broken-2018" not in bib.entries
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file.name == "x.bib"
    assert problem.line == 1
    assert "could not parse" in problem.message
    assert problem.code == "bib.entry-unparsable"


def test_unbalanced_braces_at_end_of_file(tmp_path):
    bib, problems = load(tmp_path, "@misc{ok, author = {A}, year = {2000}}\n\n@misc{bad,\n  author = {B,\n  year = {2001}\n")
    assert list(bib.entries) == ["ok"]
    assert len(problems) == 1 and problems[0].line == 3


def test_duplicate_key_in_one_file(tmp_path):
    bib, problems = load(tmp_path, """@misc{casier-2018, author = {Casier}, year = {2018}}

@misc{casier-2018, author = {Casier}, year = {2019}}
""")
    assert bib.entries["casier-2018"].year == "2018"  # the first one wins
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "duplicate entry key 'casier-2018'" in problems[0].message
    assert "line 1" in problems[0].message
    assert problems[0].code == "bib.key-duplicate"


def test_duplicate_key_across_files(tmp_path):
    a = write(tmp_path, "a.bib", "@misc{k, author = {A}, year = {2000}}\n")
    b = write(tmp_path, "b.bib", "\n@misc{k, author = {B}, year = {2001}}\n")
    bib, problems = load_bibliography([a, b])
    assert bib.entries["k"].surnames == ["A"]
    assert len(problems) == 1
    assert problems[0].file == b and problems[0].line == 2
    assert "a.bib:1" in problems[0].message
    assert problems[0].code == "bib.key-duplicate"


def test_duplicate_field(tmp_path):
    bib, problems = load(tmp_path, "\n\n@misc{k,\n  author = {A},\n  year = {2000},\n  year = {2001},\n}\n")
    assert "k" not in bib.entries
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "year" in problems[0].message and "more than once" in problems[0].message
    assert problems[0].code == "bib.field-duplicate"


def test_bad_encoding(tmp_path):
    data = "@misc{k,\n  author = {G".encode() + b"\xf6" + "tz},\n  year = {2019},\n}\n".encode()
    bib, problems = load(tmp_path, data)
    assert len(bib) == 0
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "UTF-8" in problems[0].message
    assert problems[0].code == "bib.file-not-utf8"


def test_bad_year_and_missing_file_are_problems_not_tracebacks(tmp_path):
    bib, problems = load(tmp_path, "@misc{k, author = {A}, year = {circa 2000}}")
    assert "k" in bib.entries and bib.entries["k"].year == ""
    assert any("four-digit year" in p.message and p.code == "bib.year-invalid" for p in problems)
    _, problems = load_bibliography([tmp_path / "nope.bib"])
    assert len(problems) == 1 and "cannot read" in problems[0].message
    assert problems[0].code == "bib.file-unreadable"


def test_every_bib_problem_has_a_code(tmp_path):
    """Codes are stable ids (``bib.year-invalid``) for tools and tests: lower case, dotted."""
    _, problems = load(tmp_path, """@misc{a, author = {A}, year = {2000}, date = {2001-02-03}, yearsuffix = {b}}
@misc{b, author = {B}, year = {2000a}, yearsuffix = {c}}
@misc{c, author = {C}, year = {2000}, yearsuffix = {Z}, date = {March}}
@misc{d, year = {2000}}
@misc{e, author = {E, F, G, H}, year = {1999}}
@misc{a, author = {A}, year = {2003}}
""")
    codes = {p.code for p in problems}
    assert {"bib.date-disagrees", "bib.yearsuffix-disagrees", "bib.yearsuffix-invalid", "bib.date-invalid",
            "bib.entry-uncitable", "bib.key-duplicate", "bib.name-unreadable"} <= codes
    assert all(re.fullmatch(r"bib\.[a-z0-9]+(?:-[a-z0-9]+)*", p.code) for p in problems), problems


# ---------------------------------------------------------------- lookup


@pytest.fixture()
def small_bib(tmp_path) -> Bibliography:
    bib, problems = load(tmp_path, r"""
@misc{one, author = {Romanova}, year = {2018}}
@misc{two, author = {Romanova}, year = {2018}, yearsuffix = {a}}
@misc{three, author = {G{\"o}tz and Merlen}, year = {2019}}
@misc{four, author = {Miskimmon and O'Loughlin}, year = {2017}}
@misc{five, author = {Hughes}, year = {2013}}
@misc{six, author = {Hughes}, year = {2007}}
""")
    assert problems == []
    return bib


def test_find_by_surnames_year_and_suffix(small_bib):
    assert [e.key for e in small_bib.find(["Romanova"], "2018", "")] == ["one"]
    assert [e.key for e in small_bib.find(["Romanova"], "2018", "a")] == ["two"]
    assert small_bib.find(["Romanova"], "2018", "b") == []
    assert small_bib.find(["Romanova"], "2019", "") == []


def test_find_is_accent_case_and_apostrophe_insensitive(small_bib):
    assert [e.key for e in small_bib.find(["Gotz", "MERLEN"], "2019")] == ["three"]
    assert [e.key for e in small_bib.find(["Miskimmon", "O’Loughlin’"], "2017")] == ["four"]
    assert small_bib.find(["Merlen", "Götz"], "2019") == []  # order matters
    assert small_bib.entries["three"].surnames[0] == "Götz"  # display form kept


def test_find_without_year_lists_all_works(small_bib):
    assert [e.key for e in small_bib.find(["Hughes"], None)] == ["six", "five"]


# ---------------------------------------------------------------- formatting


def entry_from(tmp_path, text) -> BibEntry:
    bib, problems = load(tmp_path, text)
    assert problems == []
    return next(iter(bib))


def test_format_chicago_author_date(tmp_path):
    entry = entry_from(tmp_path, r"""@book{b,
  author = {Casier, Tom and Smith, Jane},
  title = {A Book about Things},
  publisher = {Routledge},
  address = {London},
  year = {2018},
}""")
    out = format_entry_html(entry)
    assert out.startswith("Casier, Tom, and Jane Smith. 2018.")
    assert "<i>a book about things</i>" in out.lower()  # italic title (title case is citeproc's)
    assert "London: Routledge" in out


def test_format_escapes_untrusted_fields(tmp_path):
    entry = entry_from(tmp_path, r"""@misc{evil,
  author = {Evil <script>alert(1)</script>},
  title  = {Look <img src=x onerror=alert(1)> & more},
  note   = {<b onclick="x()">bold</b>},
  year   = {2020},
}""")
    out = format_entry_html(entry)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert not any(tag.attrs for tag in soup.find_all(True) if tag.name != "span")
    assert "&lt;script&gt;" in out
    assert "&lt;img" in out.lower()
    assert "&amp; more" in out.lower()


def test_format_year_suffix_and_organisation(tmp_path):
    bib, _ = load(tmp_path, """
@misc{a, author = {Romanova}, year = {2018}, yearsuffix = {a}}
@misc{t, author = {{Tass}}, date = {2019-11-03}, year = {2019}}
""")
    assert "2018a" in format_entry_html(bib.entries["a"])
    tass = format_entry_html(bib.entries["t"])
    assert tass.startswith("Tass. 2019") and "November 3" in tass


def test_every_real_entry_formats(tmp_path):
    bib, problems = load_bibliography(BIB_FILES)
    assert problems == []
    for entry in bib:
        out = format_entry_html(entry)
        assert out.strip(), entry.key
        if entry.surnames:
            assert entry.surnames[0].split()[0] in out, entry.key


# ---------------------------------------------------------------- the real bib/


def test_real_bib_files_load_cleanly():
    bib, problems = load_bibliography(BIB_FILES)
    assert problems == []
    assert {p.name for p in BIB_FILES} >= {"corpus.bib", "romano-2021.bib", "kapoor-2021.bib"}
    kapoor = bib.entries["kapoor-2021"]
    assert kapoor.surnames == ["Kapoor"] and kapoor.year == "2021"
    assert "Observer Research Foundation" in kapoor.fields["institution"]
    assert kapoor.fields["number"] == "451"
    assert bib.entries["romano-2021"].surnames == ["Romano"]
    # Romanova 2018 and 2018a are kept apart (see the comment in romano-2021.bib)
    assert [e.key for e in bib.find(["Romanova"], "2018", "")] == ["romanova-2018"]
    assert [e.key for e in bib.find(["Romanova"], "2018", "a")] == ["romanova-2018a"]


def test_real_bib_declares_incomplete_convention():
    for path in BIB_FILES:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("%"), path
        assert "incomplete" in text.split("@")[0], path


# ---------------------------------------------------------------- the page


def test_bibliography_page(tmp_path):
    bib, _ = load(tmp_path, r"""
@misc{zeta-2001, author = {Zeta}, year = {2001}, incomplete = {true}}
@misc{alpha-2010, author = {Alpha}, year = {2010}}
@misc{alpha-2005, author = {Alpha}, year = {2005}, title = {<script>x</script>}}
""")
    cited_by = {"alpha-2010": [CitingNote("romano-2021", "Romano 2021", "T", "26", "p14"),
                               CitingNote("evil", "Evil <b>", '"><script>x</script>', "*", None)]}
    page = render_bibliography_page(bib, cited_by, ["romano-2021.bib", "corpus.bib"])
    soup = BeautifulSoup(page, "html.parser")
    ids = [div["id"] for div in soup.select("div.bib-entry")]
    assert ids == ["alpha-2005", "alpha-2010", "zeta-2001"]
    assert soup.find("script") is None
    zeta = soup.find(id="zeta-2001")
    assert INCOMPLETE_LABEL in zeta.get_text()
    assert INCOMPLETE_LABEL not in soup.find(id="alpha-2010").get_text()
    links = soup.find(id="alpha-2010").select(".bib-cited-in a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Romano 2021, note 26", "../romano-2021/#n26"), ("¶14", "../romano-2021/#p14"), ("Evil <b>, note *", "../evil/#nstar")]
    assert links[1]["aria-label"] == "paragraph 14, which carries note 26" and not links[1].has_attr("title")
    downloads = [a["href"] for a in soup.select(".bib-downloads a")]
    assert downloads == ["romano-2021.bib", "corpus.bib"]


def test_a_work_cited_by_many_texts_links_each_text_once(tmp_path):
    bib, _ = load(tmp_path, "@misc{alpha-2010, author = {Alpha}, year = {2010}}")
    many = SIDE_BY_SIDE_MAX_TEXTS + 1
    notes = [CitingNote(f"t{n:02d}", f"T{n:02d} 2021", f"Title {n}", label, f"p{label}")
             for n in range(many) for label in (["3", "9"] if n == 0 else ["5"])]
    cited = BeautifulSoup(render_bibliography_page(bib, {"alpha-2010": notes}), "html.parser").select_one(".bib-cited-in")
    assert cited.summary.get_text() == f"Cited in {many} texts:"
    items = cited.select("li")
    assert [li.a["href"] for li in items] == ["../t00/#n3"] + [f"../t{n:02d}/#n5" for n in range(1, many)]
    assert items[0].get_text() == "T00 2021 (2 notes)" and items[1].get_text() == "T01 2021"
    # One text fewer: every note and its paragraph are linked.
    few = [note for note in notes if note.slug != f"t{many - 1:02d}"]
    cited_few = BeautifulSoup(render_bibliography_page(bib, {"alpha-2010": few}), "html.parser").select_one(".bib-cited-in")
    assert cited_few.details is None and len(cited_few.select("a")) == 2 * len(few)


def test_bibliography_page_for_the_real_bib():
    bib, _ = load_bibliography(BIB_FILES)
    page = render_bibliography_page(bib, {}, [p.name for p in BIB_FILES])
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select("div.bib-entry")) == len(bib)
    assert soup.find(id="hughes-2013") is not None


def test_a_bibliography_formatted_once_carries_its_references_in_copies(monkeypatch):
    """What the build cache keeps and the worker processes get: no page renderer formats an entry again."""
    import pickle

    import scholion.bib.entries as bibliography

    bib, _ = load_bibliography(BIB_FILES)
    bib.format_references()
    formatted = {entry.key: format_entry_html(entry) for entry in bib}
    monkeypatch.setattr(bibliography, "format_entry_html", lambda entry: pytest.fail("citeproc was called"))
    copy = pickle.loads(pickle.dumps(bib))
    assert {entry.key: entry.reference_html for entry in copy} == formatted
    fresh, _ = load_bibliography(BIB_FILES)  # not formatted: it would be now
    with pytest.raises(pytest.fail.Exception):
        fresh.entries["hughes-2013"].reference_html
