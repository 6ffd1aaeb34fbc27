"""The reference lists of the article fixtures (``tests/fixtures/articles/<slug>/truth.yml``), read entry by
entry: every field the truth gives must come out equal (the failure names the entry and the field).

``python tests/test_reflist_fixtures.py`` prints the fill rate (fields read / fields in the truth) per
fixture and overall.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scholion.bib.entries import Person
from scholion.bib.reflist import ParsedReference, parse_references

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SLUGS = sorted(path.name for path in ARTICLES.iterdir() if (path / "truth.yml").is_file())
# What the truth gives of an entry (null where the entry has none); series to accessed only where present.
FIELDS = ["type", "authors", "editors", "year", "date", "title", "container", "publisher", "series", "number",
          "volume", "issue", "pages", "doi", "url", "accessed"]


def truth(slug: str) -> dict:
    return yaml.safe_load((ARTICLES / slug / "truth.yml").read_text(encoding="utf-8"))


def _person(person: Person) -> str:
    return person.surname if person.organisation or not person.given else f"{person.surname}, {person.given}"


def field_value(reference: ParsedReference, name: str):
    """A reference's field as the truth writes it: ``"Family, Given"`` strings, ``2018a``, None for empty."""
    if name == "type":
        value = reference.entry_type
    elif name in ("authors", "editors"):
        value = [_person(p) for p in getattr(reference, name)]
    elif name == "year":
        value = reference.label_year
    else:
        value = getattr(reference, name)
    return value or None


def read(slug: str) -> tuple[list[dict], list[ParsedReference]]:
    listed = truth(slug)["references"]
    return listed, parse_references([item["verbatim"] for item in listed])


def fill_rate(slug: str) -> tuple[int, int]:
    """(fields read as the truth has them, fields the truth has a value for)."""
    listed, references = read(slug)
    filled = total = 0
    for item, reference in zip(listed, references):
        for name in FIELDS:
            if item.get(name) is not None:
                total += 1
                filled += field_value(reference, name) == item[name]
    return filled, total


@pytest.mark.parametrize("slug", SLUGS)
def test_the_list_style_is_the_truths(slug):
    _, references = read(slug)
    assert {reference.style for reference in references} == {truth(slug)["style"]}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_field_of_the_truth_is_read(slug):
    listed, references = read(slug)
    wrong = [f"{item['id']}.{name}: got {field_value(reference, name)!r}, want {item[name]!r}"
             for item, reference in zip(listed, references) for name in FIELDS
             if name in item and field_value(reference, name) != item[name]]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("slug", SLUGS)
def test_nothing_is_left_unread_and_the_text_is_kept(slug):
    listed, references = read(slug)
    assert [r.unread for r in references] == [""] * len(listed)
    assert [r.text for r in references] == [item["verbatim"] for item in listed]


if __name__ == "__main__":
    filled_all = total_all = 0
    for slug in SLUGS:
        filled, total = fill_rate(slug)
        filled_all, total_all = filled_all + filled, total_all + total
        print(f"{slug}: {filled}/{total} fields ({filled / total:.1%})")
    print(f"all: {filled_all}/{total_all} fields ({filled_all / total_all:.1%})")
