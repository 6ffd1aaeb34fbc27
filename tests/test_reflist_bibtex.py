"""Parsed references as bibliography entries: keys, BibEntry, citations resolving against them, matching with
``bib/*.bib``, the BibTeX export (read back by the loader) and its command line."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scholion.bib.bibtex import load_bibliography
from scholion.bib.citations.resolve import find_citations
from scholion.bib.entries import BibEntry, Bibliography, Person, format_entry_html
from scholion.bib.reflist import parse_reference, parse_references
from scholion.bib.reflist import export
from scholion.bib.reflist.conversion import full_page_range, to_bib_entry
from scholion.bib.reflist.export import bibtex_entry, export_bibtex, latex_text
from scholion.bib.reflist.keys import reference_key, reference_keys
from scholion.bib.reflist.matching import match_references, same_title

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SLUGS = sorted(path.name for path in ARTICLES.iterdir() if (path / "truth.yml").is_file())

LIST = [
    "Aaltonen, Risto, and Mei Lin Ho. 2019. “Cumulation Zones.” Review of Regional Commerce 18 (4): 611–34.",
    "Demirel, Selin. 2018a. “The Hidden Tariff.” Journal of Trade Administration 7 (1): 23–48.",
    "———. 2018b. Paper Borders. Tartu: Emajõgi University Press.",
    "Ilves, Kadri, Marek Nowak, Ana Sousa, and Piet de Wit. 2017. “Origin Rates.” Baltic Review 22 (2): 140–67.",
    "NTA (Nordic Transport Agency). 2021. Ferries in Transition. Oslo: NTA.",
]


def verbatims(slug: str) -> list[str]:
    truth = yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))
    return [item["verbatim"] for item in truth["references"]]


def entries(texts: list[str], file: Path = Path("sources/x/source.txt")) -> Bibliography:
    references = parse_references(texts)
    keys = reference_keys(references)
    return Bibliography({key: to_bib_entry(r, key, file, number)
                         for number, (r, key) in enumerate(zip(references, keys), start=1)})


def load(tmp_path: Path, text: str, name: str = "x.bib") -> Bibliography:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    bib, problems = load_bibliography([path])
    assert problems == []
    return bib


# ------------------------------------------------------------------ keys


def test_keys_are_surnames_year_and_suffix():
    assert reference_keys(parse_references(LIST)) == [
        "aaltonen-ho-2019", "demirel-2018a", "demirel-2018b", "ilves-etal-2017", "nta-2021"]


@pytest.mark.parametrize("text, key", [
    ("Basin Commission of the Southern Rift. (2020). Allocation report. https://x.example.org/a", "basin-commission-southern-rift-2020"),
    ("Gruber, S. et al. (2021) ‘Costs’, Labour Review, 12(4), pp. 1–9.", "gruber-etal-2021"),
    ("Dambrauskė, I., & Ó Briain, C. (n.d.). Origins. Harrow Press.", "dambrauske-o-briain-nd"),
    ("Lund, Sofia, ed. 2021. Trade Compliance. Cambridge: Harrow Press.", "lund-2021"),
])
def test_key_forms(text, key):
    assert reference_key(parse_reference(text)) == key


def test_a_work_without_names_is_keyed_by_its_title():
    reference = parse_reference("A line with no head at all.")
    reference.title, reference.year = "The Treaty of the Northern Ports", "1921"
    assert reference_key(reference) == "treaty-northern-ports-1921"


def test_keys_are_unique_in_a_list_and_against_taken_ones():
    twice = parse_references(["Okoro, A. (2015). Ports. Delta Press.", "Okoro, A. (2015). Docks. Delta Press."])
    assert reference_keys(twice) == ["okoro-2015", "okoro-2015-2"]
    assert reference_keys(twice, taken={"okoro-2015"}) == ["okoro-2015-2", "okoro-2015-3"]


@pytest.mark.parametrize("slug", SLUGS)
def test_fixture_keys_follow_the_same_rule_as_the_truth_ids(slug):
    truth = yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))
    assert reference_keys(parse_references(verbatims(slug))) == [item["id"] for item in truth["references"]]


# ------------------------------------------------------------------ BibEntry


@pytest.mark.parametrize("printed, full", [
    ("611–34", "611–634"), ("1098–102", "1098–1102"), ("1–18", "1–18"), ("98–102", "98–102"), ("45", "45"),
    ("e0142", "e0142"), ("19-5", "19–5"),
])
def test_page_ranges_are_made_whole(printed, full):
    assert full_page_range(printed) == full


def test_a_bib_entry_is_cited_by_its_names_year_and_suffix():
    bib = entries(LIST)
    aaltonen = bib.entries["aaltonen-ho-2019"]
    assert (aaltonen.entry_type, aaltonen.surnames, aaltonen.year, aaltonen.year_suffix) == \
        ("article", ["Aaltonen", "Ho"], "2019", "")
    assert aaltonen.fields["pages"] == "611–634" and aaltonen.fields["journal"] == "Review of Regional Commerce"
    assert aaltonen.fields["verbatim"] == LIST[0]
    assert (aaltonen.file, aaltonen.line, aaltonen.incomplete) == (Path("sources/x/source.txt"), 1, False)
    assert bib.find(["Demirel"], "2018", "b") == [bib.entries["demirel-2018b"]]
    assert bib.entries["nta-2021"].surnames == ["NTA"]  # cited by its acronym


@pytest.mark.parametrize("citation, keys", [
    ("Aaltonen and Ho 2019, 620.", ["aaltonen-ho-2019"]),
    ("See Demirel 2018b, 12.", ["demirel-2018b"]),
    ("Ilves et al. 2017.", ["ilves-etal-2017"]),
    ("NTA 2021, 52.", ["nta-2021"]),
])
def test_citations_resolve_against_parsed_entries(citation, keys):
    found = find_citations(citation, entries(LIST))
    assert [(c.status, c.keys) for c in found] == [("resolved", keys)]


@pytest.mark.parametrize("slug", SLUGS)
def test_citations_resolve_as_against_the_same_entries_read_from_bibtex(slug, tmp_path):
    """Every in-text citation of the fixture finds the same entries in the parsed list as in its BibTeX."""
    parsed = entries(verbatims(slug))
    loaded = load(tmp_path, export_bibtex(verbatims(slug)))
    truth = yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))
    for citation in truth["citations"]:
        in_parsed = [(c.status, c.keys) for c in find_citations(citation["text"], parsed)]
        assert in_parsed == [(c.status, c.keys) for c in find_citations(citation["text"], loaded)], citation["text"]


def test_an_entry_is_incomplete_when_part_of_it_was_not_read():
    bib = entries(["Okoro, Ada. 2016. “Fees.” Paper presented at a meeting, Oslo."])
    assert bib.entries["okoro-2016"].incomplete


def test_a_parsed_entry_formats_like_any_other_and_escapes_its_text():
    bib = entries(["Okoro, A. (2017). <script>alert(1)</script> & ports. Delta Press."])
    html = format_entry_html(bib.entries["okoro-2017"])
    assert "<script>" not in html and "&lt;script&gt;" in html and "Delta Press" in html


# ------------------------------------------------------------------ matching with bib/*.bib


BIB = r"""
@article{aaltonen2019,
  author = {Aaltonen, Risto and Ho, Mei Lin}, year = {2019},
  title = {Cumulation {Z}ones.}, journal = {Review of Regional Commerce},
}
@article{demirel-tariff, author = {Demirel, Selin}, year = {2018}, yearsuffix = {b}, title = {The Hidden Tariff}}
@book{demirel-other, author = {Demirel, Selin}, year = {2018}, title = {Something Else}}
@article{ilves-full, author = {Ilves, Kadri and Nowak, Marek and Sousa, Ana and de Wit, Piet and Berg, Ole},
  year = {2017}}
@book{nta-a, author = {{NTA}}, year = {2021}}
@book{nta-b, author = {{NTA}}, year = {2021}, title = {Ferries in Transition}}
"""


def test_references_already_in_the_bibliography_are_matched(tmp_path):
    folder = tmp_path / "bib"
    folder.mkdir()
    bib = load(folder, BIB, "corpus.bib")
    references = parse_references(LIST[:4] + ["Ilves, K. et al. (2017). Origin rates. Baltic Review, 22(2), 140–167."] + LIST[4:])
    matches, notices = match_references(references, bib, "vaara-2022", Path("sources/vaara-2022/source.txt"),
                                        lines=[10, 11, 12, 13, 14, 15])
    assert [(m.number, m.entry.key) for m in matches] == [(1, "aaltonen2019"), (2, "demirel-tariff"), (5, "ilves-full"),
                                                         (6, "nta-b")]
    assert [str(n) for n in notices] == [
        "sources/vaara-2022/source.txt:10: reference 1 of vaara-2022 is aaltonen2019 in bib/corpus.bib",
        "sources/vaara-2022/source.txt:11: reference 2 of vaara-2022 is demirel-tariff in bib/corpus.bib",
        "sources/vaara-2022/source.txt:14: reference 5 of vaara-2022 is ilves-full in bib/corpus.bib",
        "sources/vaara-2022/source.txt:15: reference 6 of vaara-2022 is nta-b in bib/corpus.bib",
    ]
    assert {n.severity for n in notices} == {"info"}


def test_a_reference_that_could_be_several_entries_is_matched_with_none(tmp_path):
    bib = load(tmp_path, "@book{a, author = {Okoro, Ada}, year = {2015}}\n@book{b, author = {Okoro, Ada}, year = {2015}}\n")
    matches, notices = match_references(parse_references(["Okoro, A. (2015). Ports. Delta Press."]), bib, "t",
                                        Path("t/source.txt"))
    assert matches == [] and notices[0].code == "reflist.ambiguous"
    assert "could be any of a (" in notices[0].message


def test_titles_match_folded_and_without_punctuation():
    assert same_title("Who Pays? Ports, Tariffs and Łódź", "who pays ports tariffs and lodz")
    assert not same_title("Who Pays?", "Who Pays More?")


# ------------------------------------------------------------------ BibTeX export


@pytest.mark.parametrize("slug", SLUGS)
def test_the_export_reads_back_as_the_same_entries(slug, tmp_path):
    texts = verbatims(slug)
    loaded = load(tmp_path, export_bibtex(texts))
    parsed = entries(texts, file=tmp_path / "x.bib")
    assert list(loaded.entries) == list(parsed.entries)
    for key, entry in parsed.entries.items():
        again = loaded.entries[key]
        assert (again.entry_type, again.fields, again.surnames, again.year, again.year_suffix, again.persons,
                again.incomplete) == \
            (entry.entry_type, entry.fields, entry.surnames, entry.year, entry.year_suffix, entry.persons,
             entry.incomplete), key


def test_an_entry_in_bibtex():
    assert bibtex_entry(parse_reference(LIST[0]), "aaltonen-ho-2019") == """@article{aaltonen-ho-2019,
  author   = {Aaltonen, Risto and Ho, Mei Lin},
  title    = {Cumulation Zones},
  journal  = {Review of Regional Commerce},
  volume   = {18},
  number   = {4},
  pages    = {611--634},
  year     = {2019},
  verbatim = {Aaltonen, Risto, and Mei Lin Ho. 2019. “Cumulation Zones.” Review of Regional Commerce 18 (4): 611–34.},
}
"""


HOSTILE = ("Okoro, A. (2017). 100% of {ports} & $5 #1 a_b ~c^d \\e -- f --- g @misc{x, title={y}}. "
           "Delta Press. https://x.example.org/a%20b/{c}")


def test_untrusted_text_is_escaped_and_reads_back(tmp_path):
    loaded = load(tmp_path, export_bibtex([HOSTILE]))
    [entry] = loaded.entries.values()
    assert entry.fields["title"] == "100% of {ports} & $5 #1 a_b ~c^d \\e -- f --- g @misc{x, title={y}}"
    assert entry.fields["verbatim"] == HOSTILE
    assert entry.fields["url"] == "https://x.example.org/a%20b/%7Bc%7D"


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40)
       .map(lambda s: " ".join(s.split())).filter(bool))
def test_any_title_reads_back_from_bibtex(text, tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "x.bib"
    path.write_text(f"@misc{{k, title = {{{latex_text(text)}}}, year = {{2020}}}}\n", encoding="utf-8")
    bib, problems = load_bibliography([path])
    assert problems == [] and bib.entries["k"].fields["title"] == text


# ------------------------------------------------------------------ the command line


def document(references=None):
    found = SimpleNamespace(slug="vaara-2022")
    if references is not None:
        found.references = [SimpleNamespace(text=text, lines=[40 + n]) for n, text in enumerate(references)]
    return found


def test_the_command_prints_new_entries_and_names_known_ones(tmp_path, monkeypatch, capsys):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "corpus.bib").write_text(BIB, encoding="utf-8")
    source = tmp_path / "sources" / "vaara-2022"
    source.mkdir(parents=True)
    monkeypatch.setattr("scholion.text.ingest.load_document", lambda folder: document(LIST))
    assert export.main([str(source)]) == 0
    out, err = capsys.readouterr()
    assert "reference 1 of vaara-2022 is aaltonen2019 in bib/corpus.bib" in err
    printed = load(tmp_path, out, "printed.bib")
    assert list(printed.entries) == ["demirel-2018b", "ilves-etal-2017"]


def test_the_command_says_when_texts_have_no_reference_lists(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("scholion.text.ingest.load_document", lambda folder: document())
    assert export.main([str(tmp_path)]) == 2
    assert "does not read reference lists yet" in capsys.readouterr().err


def test_the_export_command_reads_a_real_extract_and_leaves_out_works_already_in_bib(tmp_path, capsys):
    """``python -m scholion.bib.reflist.export sources/<slug>`` on an article as the reader reads it:
    every work of its list but the one bib/ holds, re-readable, under the keys the truth gives."""
    from scholion.bib.bibtex import load_bibliography
    from scholion.bib.reflist.export import main

    article = Path(__file__).resolve().parent / "fixtures" / "articles" / "vaara-okafor-2022"
    truth = yaml.safe_load((article / "truth.yml").read_text(encoding="utf-8"))
    bib = tmp_path / "bib"
    bib.mkdir()
    (bib / "held.bib").write_text("@article{held, author = {Aaltonen, Risto and Ho, Mei Lin}, year = {2019},\n"
                                  " title = {Cumulation Zones and the Geography of Inputs}}\n", encoding="utf-8")
    assert main([str(article), "--bib", str(bib)]) == 0
    printed = capsys.readouterr()
    (tmp_path / "exported.bib").write_text(printed.out, encoding="utf-8")
    exported, problems = load_bibliography([tmp_path / "exported.bib"])
    assert [p for p in problems if p.severity == "warning"] == []
    assert list(exported.entries) == [reference["id"] for reference in truth["references"][1:]]
    assert "reference 1 of vaara-okafor-2022 is held in" in printed.err
