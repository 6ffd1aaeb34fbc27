"""The one accent fold (scholion.text.folding), for names, titles, terms and slugs."""
from __future__ import annotations

import random
import unicodedata

import pytest

from scholion.text.folding import fold, fold_with_offsets


def test_fold():
    assert fold("Köstem") == "kostem"
    assert fold("O’Loughlin’") == "oloughlin"
    assert fold("Euro-Atlantic  Region") == "euro atlantic region"


@pytest.mark.parametrize("name, folded", [
    ("Žižek", "zizek"),
    ("Łukasz Kamieński", "lukasz kamienski"),
    ("Müller", "muller"),
    ("Ørsted", "orsted"),
    ("Ñuñez", "nunez"),
    ("Peña Nieto", "pena nieto"),
    ("Þórður Æbelø", "thordur aebelo"),
    ("Œuvres", "oeuvres"),
    ("Đinđić", "dindic"),
    ("Straße", "strasse"),
    ("ﬁnancial ﬂows", "financial flows"),  # ligatures
    ("Ǆemal", "dzemal"),
    ("O´Brien", "obrien"),  # an acute accent typed for an apostrophe
    ("Foreign\u00a0Policy\u2009Concept", "foreign policy concept"),
    ("  – Bozo —Rey- ", "bozo rey"),
    ("‘NATO’s’ “Relations”", "natos relations"),
])
def test_fold_of_accented_names(name, folded):
    assert fold(name) == folded
    assert fold_with_offsets(name)[0] == folded


def test_a_folded_note_maps_each_character_back_to_the_note():
    """fold_with_offsets folds a string at a time; on any string it must give what folding one character at a
    time gives: the folded text and, for each folded character, the offset of the character it came from."""

    def one_at_a_time(text: str) -> tuple[str, list[int]]:
        out, where, pending_space = [], [], False
        for i, ch in enumerate(text):
            if ch.isspace() or ch in "-‐‑‒–—":
                pending_space = bool(out)
                continue
            if ch in "’'‘`´\"“”„«»":
                continue
            piece = ch.lower() if ch.isascii() else "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
            if piece and pending_space:
                out.append(" ")
                where.append(i)
                pending_space = False
            out += piece
            where += [i] * len(piece)
        return "".join(out), where

    pieces = [*"aB1 -_.,’'‘`´\"“”„«»‐‑‒–—\t\n", "\u00a0", "\u2009", "é", "É", "\u0301", "ß", "ﬁ", "İ", "Ǆ", "Götz",
              "O’Loughlin", "\x1c", "\x85", "\u2028", "\u3000", "\u212a", "ẞ", "Ⅻ", "½"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert fold_with_offsets(text) == one_at_a_time(text), text
        assert fold(text) == one_at_a_time(text)[0], text


def test_what_a_decomposition_yields_is_folded_by_the_same_rule():
    """``¨`` decomposes to a space and a mark, so it separates words; ``＂`` to a quote, which vanishes; and the
    offsets still point at the character each folded one comes from."""
    assert fold_with_offsets("a¨b") == ("a b", [0, 2, 2])
    assert fold_with_offsets("a＂b－c") == ("ab c", [0, 2, 4, 4])
    assert fold_with_offsets("Łódź ﬁ") == ("lodz fi", [0, 1, 2, 3, 5, 5, 5])
    rng = random.Random(7)
    pieces = ["a", "É", " ", "’", "¨", "＂", "－", "ß", "ﬁ", "Ł", "\u0301", "﷽"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        folded, where = fold_with_offsets(text)
        assert folded == fold(text) and len(where) == len(folded)
        for letter, i in zip(folded, where):
            assert letter == " " or letter in fold(text[i]).replace(" ", "")
