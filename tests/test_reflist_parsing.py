"""Reading one reference-list entry: each field rule and each style on entries of our own (fictional works)."""
from __future__ import annotations

import pytest

from scholion.bib.entries import Person
from scholion.bib.reflist import parse_reference, parse_references
from scholion.bib.reflist.dates import iso_date
from scholion.bib.reflist.heads import detect_style, list_style
from scholion.bib.reflist.identifiers import split_locations, trim_identifier
from scholion.bib.reflist.names import cited_name, read_names
from scholion.bib.reflist.parts import place_and_publisher, quoted_title, sentences, series_and_number

CHICAGO, APA, HARVARD = "chicago-author-date", "apa", "harvard"


def names(reference) -> list[tuple[str, str]]:
    return [(p.surname, p.given) for p in reference.authors]


# ------------------------------------------------------------------ styles


@pytest.mark.parametrize("text, style", [
    ("Lindqvist, Maja. 2017. Harbour Towns. Turku: Aura Press.", CHICAGO),
    ("Lindqvist, M. (2017). Harbour towns. Aura Press.", APA),
    ("Lindqvist, M. (2017) Harbour towns. Turku: Aura Press.", HARVARD),
    ("Harbour Authority. n.d. “Fees.” Accessed May 2, 2021. https://harbour.example.org/fees.", CHICAGO),
    ("Harbour Authority. (n.d.). Fees. https://harbour.example.org/fees", APA),
    ("Harbour Authority (no date) Fees. Available at: https://harbour.example.org/fees (Accessed: 2 May 2021).",
     HARVARD),
    ("A line that is no reference at all.", None),
])
def test_the_head_tells_the_style(text, style):
    assert detect_style(text) == style
    assert parse_reference(text).style == style


def test_a_list_takes_the_style_most_entries_open_with():
    texts = ["Okoro, A. (2015). Ports. Delta Press.", "Okoro, A. (2016). Docks. Delta Press.",
             "Okoro, Ada. 2017. Quays. Lagos: Delta Press."]
    assert list_style(texts) == APA
    assert list_style(texts[1:]) is None  # a tie is no style
    assert [r.style for r in parse_references(texts)] == [APA, APA, CHICAGO]  # a stray entry in its own


def test_an_unknown_style_hint_is_an_error():
    with pytest.raises(ValueError, match="unknown reference style"):
        parse_reference("Okoro, A. (2015). Ports. Delta Press.", "mla")


def test_an_entry_with_no_head_is_kept_whole_and_unread():
    text = "Minutes of the harbour board, various years, held at the town archive."
    reference = parse_reference(text)
    assert (reference.text, reference.unread, reference.authors, reference.year, reference.title) == (text, text, [], "", "")


def test_the_text_is_kept_with_its_white_space_made_single():
    reference = parse_reference("Okoro, A. (2015).\n  Ports. Delta   Press.")
    assert reference.text == "Okoro, A. (2015). Ports. Delta Press."


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("head, inverted, persons, et_al", [
    ("Field, S. P., Nyambura, G., & Rossi, A.", True, [("Field", "S. P."), ("Nyambura", "G."), ("Rossi", "A.")], False),
    ("Møller, T. and Ó Briain, C.", True, [("Møller", "T."), ("Ó Briain", "C.")], False),
    ("Dupont, J.-P., & van der Berg, K.", True, [("Dupont", "J.-P."), ("van der Berg", "K.")], False),
    ("Gruber, S. et al.", True, [("Gruber", "S.")], True),
    ("Aaltonen, Risto, and Mei Lin Ho.", False, [("Aaltonen", "Risto"), ("Ho", "Mei Lin")], False),
    ("Ilves, Kadri, Ana Sousa, and Piet de Wit.", False, [("Ilves", "Kadri"), ("Sousa", "Ana"), ("de Wit", "Piet")], False),
    ("O’Neill, Mary-Kate, and Jean-Paul d’Arcy.", False, [("O’Neill", "Mary-Kate"), ("d’Arcy", "Jean-Paul")], False),
    ("Smith, John A.", False, [("Smith", "John A.")], False),
    ("King, Martin Luther, Jr.", False, [("King", "Martin Luther")], False),
    ("Haddad, Samir, et al.", False, [("Haddad", "Samir")], True),
    ("Larsen, Karen, & Abebe, Tesfaye", True, [("Larsen", "Karen"), ("Abebe", "Tesfaye")], False),
    ("Brandt, Kasper, Ieva Dambrauskė, and Tomas Varga", True,
     [("Brandt", "Kasper"), ("Dambrauskė", "Ieva"), ("Varga", "Tomas")], False),
])
def test_persons_are_read_family_and_given(head, inverted, persons, et_al):
    found = read_names(head, inverted)
    assert [(p.surname, p.given) for p in found.persons] == persons
    assert found.et_al is et_al and not found.editors


@pytest.mark.parametrize("head, inverted", [
    ("World Bank.", True), ("Eurostat", True), ("European Commission.", False),
    ("Ministry of Foreign Affairs, Finland.", False),  # a comma, yet no person's name
    ("Department of Trade and Industry", True),
])
def test_an_organisation_is_one_name(head, inverted):
    found = read_names(head, inverted)
    assert found.persons == [Person(head.removesuffix("."), organisation=True)]


def test_a_head_too_long_for_a_name_is_not_read():
    assert read_names("this is a whole sentence that the reader took for a head because it met a year "
                      "far too late in the entry", False) is None


def test_an_organisation_printed_with_its_acronym_is_cited_by_it():
    reference = parse_reference("NTA (Nordic Transport Agency). 2019. Ferries. Oslo: NTA.")
    assert names(reference) == [("NTA (Nordic Transport Agency)", "")]
    assert cited_name(reference.authors[0]) == "NTA"
    assert cited_name(Person("Council of Baltic Sea States (CBSS)", organisation=True)) == \
        "Council of Baltic Sea States (CBSS)"


@pytest.mark.parametrize("text, style", [
    ("Lund, Sofia, and Arjun Mehta, eds. 2021. Trade Compliance. Cambridge: Harrow Press.", CHICAGO),
    ("Lund, S., & Mehta, A. (Eds.). (2021). Trade compliance. Harrow Press.", APA),
    ("Lund, S. and Mehta, A. (eds) (2021) Trade compliance. Cambridge: Harrow Press.", HARVARD),
])
def test_an_edited_book_is_listed_under_its_editors(text, style):
    reference = parse_reference(text, style)
    assert reference.authors == []
    assert [p.surname for p in reference.editors] == ["Lund", "Mehta"]
    assert [p.surname for p in reference.names] == ["Lund", "Mehta"]
    assert (reference.entry_type, reference.title, reference.publisher) == ("book", reference.title, "Harrow Press")


def test_a_three_em_dash_repeats_the_authors_before_it():
    first, second = parse_references([
        "Demir, Selin, and Ole Berg. 2018a. “Tariffs.” Trade Review 7 (1): 23–48.",
        "———. 2018b. Paper Borders. Tartu: Emajõe Press.",
    ])
    assert second.authors == first.authors and second.authors_repeated
    assert (second.year, second.year_suffix, second.title) == ("2018", "b", "Paper Borders")


def test_a_dash_first_in_a_list_repeats_nobody():
    reference = parse_reference("———. 2018. Paper Borders. Tartu: Emajõe Press.")
    assert reference.authors_repeated and reference.authors == []


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("text, year, suffix, date", [
    ("Okoro, A. (2015b). Ports. Delta Press.", "2015", "b", ""),
    ("Okoro, A. (2020, May 4). Ports. Delta Blog. https://delta.example.org/ports", "2020", "", "2020-05-04"),
    ("Okoro, A. (2020, June). Ports. Delta Blog. https://delta.example.org/ports", "2020", "", "2020-06"),
    ("Okoro, A. (n.d.). Ports. Delta Press.", "", "", ""),
    ("Okoro, A. (n.d.-b). Ports. Delta Press.", "", "b", ""),
    ("Okoro, Ada. n.d. Ports. Lagos: Delta Press.", "", "", ""),
    ("Okoro, A. (no date) Ports. Lagos: Delta Press.", "", "", ""),
])
def test_year_suffix_and_date(text, year, suffix, date):
    reference = parse_reference(text)
    assert (reference.year, reference.year_suffix, reference.date) == (year, suffix, date)
    assert reference.title == "Ports"


@pytest.mark.parametrize("text, iso", [
    ("March 3, 2023", "2023-03-03"), ("14 February 2022", "2022-02-14"), ("2020, May 4", "2020-05-04"),
    ("Sept. 9, 2019", "2019-09-09"), ("2020, May", "2020-05"), ("Spring 2020", ""), ("3/3/2023", ""),
    ("May 40, 2020", ""),
])
def test_dates_read_as_iso(text, iso):
    assert iso_date(text) == iso


# ------------------------------------------------------------------ titles


def test_a_quoted_title_loses_its_quotes_and_final_stop_but_keeps_a_question_mark():
    assert quoted_title("“Who Pays? Ports and Tariffs.” Trade Review 3 (1): 1–9.") == \
        ("Who Pays? Ports and Tariffs", "Trade Review 3 (1): 1–9.")
    assert quoted_title("“Who Pays?” Trade Review 3: 1–9.")[0] == "Who Pays?"
    assert quoted_title("Unquoted. Oslo: Press.") is None


def test_a_single_quoted_title_may_hold_an_apostrophe():
    assert quoted_title("‘Dockers’ wives and the port’, Harbour Studies, 3(1), pp. 1–9.") == \
        ("Dockers’ wives and the port", "Harbour Studies, 3(1), pp. 1–9.")


def test_sentences_do_not_end_at_initials_or_abbreviations():
    assert sentences("In R. Haller & J.-P. Otieno (Eds.), Rivers (pp. 1–9). St. Anne Press.") == \
        ["In R. Haller & J.-P. Otieno (Eds.), Rivers (pp. 1–9).", "St. Anne Press."]


@pytest.mark.parametrize("text, title", [
    ("Okoro, Ada. 2017. “Ports after 2004: Trade and Tariffs.” Trade Review 3 (1): 1–9.", "Ports after 2004: Trade and Tariffs"),
    ("Okoro, A. (2017). Why ports fail? Trade Review, 3(1), 1–9.", "Why ports fail?"),
    ("Okoro, A. (2017). Why ports fail? Evidence from Lagos, 1990–2010. Delta Press.",
     "Why ports fail? Evidence from Lagos, 1990–2010"),
    ("Okoro, A. (2017) Ports and tariffs: a history. Lagos: Delta Press.", "Ports and tariffs: a history"),
])
def test_titles(text, title):
    assert parse_reference(text).title == title


def test_a_bracketed_description_is_left_unread():
    reference = parse_reference("Okoro, A. (2017). Port calls 2010–2019 [Data set]. Delta Statistics. "
                                "https://stats.example.org/port-calls")
    assert (reference.title, reference.publisher, reference.unread) == \
        ("Port calls 2010–2019", "Delta Statistics", "[Data set]")


@pytest.mark.parametrize("text, title, unread", [
    ("Nordström, Ebba. 2015. Agreements without Users. Nordlys Academic.", "Agreements without Users",
     "Nordlys Academic."),  # Chicago's 18th edition prints no place: a publisher, or a subtitle?
    ("Okoro, A. (2017). Ports. Translated by B. Lund. Delta Press.", "Ports", "Translated by B. Lund."),
    ("Okoro, A. (2017) Who pays? Ports and tariffs. Translated by B. Lund. Lagos: Delta Press.",
     "Who pays? Ports and tariffs", "Translated by B. Lund."),
])
def test_an_unquoted_title_ends_at_its_first_full_stop_and_what_follows_is_not_guessed(text, title, unread):
    reference = parse_reference(text)
    assert (reference.title, reference.unread) == (title, unread)


# ------------------------------------------------------------------ journals


@pytest.mark.parametrize("text, journal, volume, issue, pages", [
    ("Okoro, Ada. 2017. “Ports.” Trade Review 18 (4): 611–34.", "Trade Review", "18", "4", "611–34"),
    ("Okoro, Ada. 2017. “Ports.” Trade Review 18, no. 4: 611–34.", "Trade Review", "18", "4", "611–34"),
    ("Okoro, Ada. 2017. “Ports.” Trade Review 22: 1–18.", "Trade Review", "22", "", "1–18"),
    ("Okoro, A. (2017). Ports. Trade Review, 14(2), 233–251.", "Trade Review", "14", "2", "233–251"),
    ("Okoro, A. (2017). Ports. Trade Review, 31, 102–118.", "Trade Review", "31", "", "102–118"),
    ("Okoro, A. (2017). Ports. Trade Review, 31(1), Article e0142.", "Trade Review", "31", "1", "Article e0142"),
    ("Okoro, A. (2017) ‘Ports’, Trade Review, 27(1), pp. 45–66.", "Trade Review", "27", "1", "45–66"),
    ("Okoro, A. (2017) ‘Ports’, Trade Review, 27, p. 45.", "Trade Review", "27", "", "45"),
])
def test_journal_volume_issue_pages(text, journal, volume, issue, pages):
    reference = parse_reference(text)
    assert (reference.entry_type, reference.container, reference.volume, reference.issue, reference.pages) == \
        ("article", journal, volume, issue, pages)


# ------------------------------------------------------------------ books, chapters, reports


@pytest.mark.parametrize("text, place, publisher", [
    ("Okoro, Ada. 2017. Ports. Cambridge, MA: Delta Press.", "Cambridge, MA", "Delta Press"),
    ("Okoro, A. (2017) Ports. Frankfurt am Main: Delta Verlag.", "Frankfurt am Main", "Delta Verlag"),
    ("Okoro, A. (2017). Ports. Delta Press.", "", "Delta Press"),
    ("Okoro, Ada. 2017. Ports. Oxford: Oxford Univ. Press.", "Oxford", "Oxford Univ. Press"),
])
def test_place_and_publisher(text, place, publisher):
    reference = parse_reference(text)
    assert (reference.entry_type, reference.title, reference.place, reference.publisher) == \
        ("book", "Ports", place, publisher)


def test_a_lone_title_sentence_with_a_colon_is_no_place_and_publisher():
    reference = parse_reference("Okoro, Ada. 2017. Customs Unions: A History.")
    assert (reference.title, reference.place, reference.publisher, reference.entry_type) == \
        ("Customs Unions: A History", "", "", "")
    assert place_and_publisher("Customs Unions: A History.") == ("Customs Unions", "A History")  # alone it would


@pytest.mark.parametrize("text, edition", [
    ("Okoro, A. (2017). Ports (2nd ed.). Delta Press.", "2nd"),
    ("Okoro, A. (2017) Ports. 3rd edn. Lagos: Delta Press.", "3rd"),
    ("Okoro, Ada. 2017. Ports. Rev. ed. Lagos: Delta Press.", "Rev."),
])
def test_editions(text, edition):
    reference = parse_reference(text)
    assert (reference.title, reference.edition, reference.publisher) == ("Ports", edition, "Delta Press")


@pytest.mark.parametrize("text, series, number", [
    ("Delta Institute. 2020. “Tariffs.” Working Paper 2020/06. Lagos: Delta Institute.", "Working Paper", "2020/06"),
    ("Delta Institute. 2020. Tariffs. Delta Trade Notes 14. Lagos: Delta Institute.", "Delta Trade Notes", "14"),
    ("Delta Institute. (2020). Tariffs (Report No. 14472). https://delta.example.org/14472", "Report", "14472"),
])
def test_a_report_has_a_series_and_number(text, series, number):
    reference = parse_reference(text)
    assert (reference.entry_type, reference.title, reference.series, reference.number) == \
        ("report", "Tariffs", series, number)


def test_a_number_that_reads_as_a_year_is_no_series_number():
    assert series_and_number("Trade Strategy 2030") is None
    assert series_and_number("Report No. 2030") == ("Report", "2030")


@pytest.mark.parametrize("text, style, editors", [
    ("Okoro, Ada. 2017. “Ports.” In Harbours of the World, edited by Sofia Lund and Piet de Wit, 77–102. "
     "Cambridge: Harrow Press.", CHICAGO, [("Lund", "Sofia"), ("de Wit", "Piet")]),
    ("Okoro, Ada. 2017. “Ports.” In Harbours of the World, ed. Sofia Lund, 77–102. Cambridge: Harrow Press.",
     CHICAGO, [("Lund", "Sofia")]),
    ("Okoro, A. (2017). Ports. In S. Lund & P. de Wit (Eds.), Harbours of the world (pp. 77–102). Harrow Press.",
     APA, [("Lund", "S."), ("de Wit", "P.")]),
    ("Okoro, A. (2017) ‘Ports’, in Lund, S. and de Wit, P. (eds) Harbours of the world. Cambridge: Harrow Press, "
     "pp. 77–102.", HARVARD, [("Lund", "S."), ("de Wit", "P.")]),
])
def test_a_chapter_has_editors_a_book_and_pages(text, style, editors):
    reference = parse_reference(text, style)
    assert reference.entry_type == "chapter" and reference.title == "Ports"
    assert [(p.surname, p.given) for p in reference.editors] == editors
    assert reference.container.lower() == "harbours of the world"
    assert (reference.pages, reference.publisher) == ("77–102", "Harrow Press")


def test_a_subtitle_opening_with_in_is_no_chapter():
    reference = parse_reference("Okoro, A. (2017). Ports? In search of a tariff. Delta Press.")
    assert (reference.entry_type, reference.title, reference.publisher) == \
        ("book", "Ports? In search of a tariff", "Delta Press")


# ------------------------------------------------------------------ DOIs, URLs, access dates


@pytest.mark.parametrize("tail, doi", [
    ("https://doi.org/10.5555/trr.2019.0412.", "10.5555/trr.2019.0412"),
    ("https://dx.doi.org/10.5555/trr.2019.0412", "10.5555/trr.2019.0412"),
    ("doi:10.5555/trr.2019.0412.", "10.5555/trr.2019.0412"),
    ("doi: 10.5555/trr.2019.0412.", "10.5555/trr.2019.0412"),
    ("DOI: 10.5555/trr.2019.0412", "10.5555/trr.2019.0412"),
    ("https://doi.org/10.5555/(SICI)1097-4571(1999)50:3.", "10.5555/(SICI)1097-4571(1999)50:3"),
])
def test_a_doi_without_its_prefix_and_final_stop(tail, doi):
    reference = parse_reference(f"Okoro, A. (2017). Ports. Trade Review, 3(1), 1–9. {tail}")
    assert (reference.doi, reference.url, reference.container, reference.unread) == (doi, "", "Trade Review", "")


@pytest.mark.parametrize("url, trimmed", [
    ("https://x.example.org/a.pdf.", "https://x.example.org/a.pdf"),
    ("https://x.example.org/wiki/Port_(city))", "https://x.example.org/wiki/Port_(city)"),
    ("https://x.example.org/a),", "https://x.example.org/a"),
])
def test_an_identifier_loses_the_punctuation_of_its_sentence(url, trimmed):
    assert trim_identifier(url) == trimmed


@pytest.mark.parametrize("text, style, url, accessed", [
    ("Port Office. 2023. “Fees.” Accessed March 3, 2023. https://port.example.org/fees.", CHICAGO,
     "https://port.example.org/fees", "2023-03-03"),
    ("Port Office (2022) Fees. Available at: https://port.example.org/en/fees (Accessed: 14 February 2022).", HARVARD,
     "https://port.example.org/en/fees", "2022-02-14"),
    ("Port Office. (2022). Fees. Port News. Retrieved May 4, 2022, from https://port.example.org/fees", APA,
     "https://port.example.org/fees", "2022-05-04"),
])
def test_web_pages_url_and_access_date(text, style, url, accessed):
    reference = parse_reference(text, style)
    assert (reference.entry_type, reference.title, reference.url, reference.accessed, reference.unread) == \
        ("web", "Fees", url, accessed, "")


def test_an_access_date_not_read_stays_unread():
    body, found = split_locations("Fees. Accessed early March 2023. https://port.example.org/fees")
    assert (body, found.url, found.accessed, found.unread) == \
        ("Fees.", "https://port.example.org/fees", "", "Accessed early March 2023.")


@pytest.mark.parametrize("text, title", [
    ("Okoro, A. (2017). Who accessed the ports in 2019? Delta Press.", "Who accessed the ports in 2019?"),
    ("Okoro, Ada. 2017. Accessed Spaces since 2019. Lagos: Delta Press.", "Accessed Spaces since 2019"),
])
def test_access_words_in_a_title_are_the_titles(text, title):
    reference = parse_reference(text)
    assert (reference.title, reference.publisher, reference.accessed) == (title, "Delta Press", "")


def test_an_apa_page_dated_to_the_day_names_its_site():
    reference = parse_reference("Okoro, A. (2020, May 4). How a port settled a strike. Harbour Voices. "
                                "https://voices.example.org/2020/05/04/port-strike")
    assert (reference.entry_type, reference.container, reference.publisher, reference.date) == \
        ("web", "Harbour Voices", "", "2020-05-04")


# ------------------------------------------------------------------ types, and what is not guessed


@pytest.mark.parametrize("text, kind", [
    ("Harbour Commission. 2016. Guidance on Fees. Brussels: Directorate-General for Ports.", "report"),
    ("Harbour Commission. (2016). Guidance on fees. https://port.example.org/guidance.pdf", "report"),
    ("Okoro, Ada. 2016. Guidance on Fees. Brussels: Delta Press.", "book"),
    ("Okoro, Ada. 2016. “Guidance on Fees.” https://port.example.org/guidance.", "web"),
    ("Okoro, Ada. 2016. “Guidance on Fees.” Paper presented at a meeting, Oslo.", ""),
])
def test_types(text, kind):
    assert parse_reference(text).entry_type == kind


def test_what_no_rule_reads_is_left_unread_not_guessed():
    reference = parse_reference("Okoro, Ada. 2016. “Guidance on Fees.” Paper presented at a meeting, Oslo.")
    assert (reference.title, reference.container, reference.publisher, reference.place) == \
        ("Guidance on Fees", "", "", "")
    assert reference.unread == "Paper presented at a meeting, Oslo."
    journal_with_abbreviations = parse_reference("Okoro, A. (2017). Ports. Int. J. Ports, 3(1), 1–9.")
    assert journal_with_abbreviations.container == ""
