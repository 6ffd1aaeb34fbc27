"""The one work label (scholion.bib.labels): "A", "A and B", "A et al." and the year."""
from __future__ import annotations

import pytest

from scholion.bib.labels import authors_label, work_label
from scholion.bib.references import short_title
from scholion.text.model import Document

NAMES = ["Lee", "Chen", "Diaz", "Okafor"]


@pytest.mark.parametrize("count, listed, serial_comma, label", [
    (0, 2, False, ""),
    (1, 2, False, "Lee"),
    (2, 2, False, "Lee and Chen"),
    (3, 2, False, "Lee et al."),
    (3, 3, False, "Lee, Chen and Diaz"),
    (3, 3, True, "Lee, Chen, and Diaz"),
    (4, 3, True, "Lee et al."),
    (2, 3, True, "Lee and Chen"),  # no comma between two
])
def test_authors_label(count, listed, serial_comma, label):
    assert authors_label(NAMES[:count], listed=listed, serial_comma=serial_comma) == label


def test_work_label_leaves_out_what_is_empty():
    assert work_label(["Morse", "Keohane"], "2014", listed=3) == "Morse and Keohane 2014"
    assert work_label([], "2021", listed=2) == "2021"
    assert work_label(["Romano"], "", listed=2) == "Romano"
    assert work_label([], "", listed=2) == ""


def test_a_corpus_texts_short_title():
    def title(authors, year=2020):
        return short_title(Document("lee-2020", {"authors": authors, "year": year}, [], {}))

    assert title(["Angela Romano"], 2021) == "Romano 2021"
    assert title(["Ann Lee", "Bo Chen"]) == "Lee and Chen 2020"
    assert title(["Ann Lee", "Bo Chen", "Cy Diaz"]) == "Lee et al. 2020"
    assert title([], "") == "lee-2020"


def test_a_bib_entrys_short_label(tmp_path):
    from scholion.bib.bibtex import load_bibliography

    path = tmp_path / "l.bib"
    path.write_text("""@misc{a, author = {Ekman and Saari and Secrieru}, year = {2020}}
@misc{b, author = {Bozo and Rey and Ludlow and Nuti}, year = {2008}}
@misc{c, title = {Foreign Policy Concept}, year = {2016}, yearsuffix = {b}}
@misc{d, author = {Hughes}}
""", encoding="utf-8")
    bib, _ = load_bibliography([path])
    assert [bib.entries[k].short_label for k in "abcd"] == [
        "Ekman, Saari and Secrieru 2020", "Bozo et al. 2008", "Foreign Policy Concept 2016b", "Hughes n.d."]
