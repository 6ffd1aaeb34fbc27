"""Keys for the entries of a reference list: ``aaltonen-ho-2019``, ``reyes-etal-2020``, ``demirel-2018b``.

Made from what a citation names (surnames, year, suffix), so a reader can guess a key and a reviewer can
check it; never from the order of the list. Unique within a list and against the keys already taken.
"""
from __future__ import annotations

import re
from typing import Iterable

from scholion.bib.reflist.model import ParsedReference
from scholion.bib.reflist.names import cited_name
from scholion.text.folding import fold

__all__ = ["reference_key", "reference_keys"]

_LISTED = 3  # four or more authors: the first and "etal"
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "a", "an", "at", "to", "&"})
_TITLE_WORDS = 3  # a work without names is keyed by the first words of its title


def _slug(text: str, drop_small_words: bool) -> str:
    words = [re.sub(r"[^a-z0-9]", "", word) for word in fold(text).split()]
    return "-".join(w for w in words if w and not (drop_small_words and w in _SMALL_WORDS))


def reference_key(reference: ParsedReference) -> str:
    """``surname[-surname…]-year[suffix]`` (``etal`` after the first of four or more; ``nd`` for no date);
    an organisation by the words of its cited name but the small ones, a work without names by its title."""
    names = reference.names
    if reference.et_al or len(names) > _LISTED:
        names = names[:1]
    parts = [_slug(cited_name(p), drop_small_words=p.organisation) for p in names]
    if reference.et_al or len(reference.names) > _LISTED:
        parts.append("etal")
    if not any(parts):
        parts = ["-".join(_slug(reference.title, True).split("-")[:_TITLE_WORDS]) or "anonymous"]
    parts.append(reference.label_year or "nd")
    return "-".join(p for p in parts if p)


def reference_keys(references: list[ParsedReference], taken: Iterable[str] = ()) -> list[str]:
    """A key per reference, in order; a key already given or ``taken`` gets ``-2``, ``-3``…"""
    used = set(taken)
    keys = []
    for reference in references:
        base = key = reference_key(reference)
        count = 1
        while key in used:
            count += 1
            key = f"{base}-{count}"
        used.add(key)
        keys.append(key)
    return keys
