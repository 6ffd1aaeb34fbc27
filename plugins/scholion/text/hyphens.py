"""Line-end hyphens: a word broken by the line (``con-`` + ``cludes``) or a hyphen that belongs to it
(``EU-`` + ``Russia``, ``well-`` + ``known``).

The text's own words decide first: a word that occurs whole elsewhere in the text was broken; one that
occurs hyphenated elsewhere keeps its hyphen. Otherwise an English word list (wordfreq) decides, and
only when it is clear. The joined word must be common. Then a break inside a word shows in its halves:
a second half that is a suffix (``consider-able``, ``neighbour-ing``) or a first half that is no word
of its own (``agri-culture``); a compound's halves are both words, so there the joined word must be
about as common as its second half (``inter-national``, but not ``well-known`` or ``co-operation``).
A doubtful case keeps the hyphen: it never invents a word.
"""
from __future__ import annotations

import re
from functools import lru_cache

# A joined word at least this common (Zipf scale: 3 is about once per million words) is a word.
COMMON_WORD = 3.0
# A first half less common than this is no word of its own (``agri`` 2.9, ``infra`` 2.9; ``inter`` 4.2).
STANDALONE_WORD = 3.5
# How much less common than its second half a joined word may be and still be the word (Zipf points).
JOINED_MARGIN = 0.25
# Endings that are never the second word of a compound.
SUFFIXES = frozenset({"able", "ably", "ability", "ibility", "ible", "ing", "ings", "ment", "ments", "tion", "tions",
                      "sion", "sions", "ness", "ity", "ities", "ous", "ive", "ively", "ally", "ly", "ed", "er", "ers"})
_WORD_RUN = re.compile(r"\w+")
_DASH_IN_WORD = re.compile(r"-(?<=\w-)(?=\w)")


def word_before(text: str, end: int) -> str:
    """The word characters (regex ``\\w``) glued to the left of ``text[end]``. Read backwards: a regex
    ending in ``$`` would try every start of a long text."""
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]



def hyphenated_words(text: str) -> set[str]:
    """The matches of ``\\w+-\\w+`` in ``text`` as ``re.findall`` finds them (left to right, not
    overlapping), lower-cased. Found from each dash between word characters: that regex tries
    every letter of the text."""
    found: set[str] = set()
    end = 0  # where the last match ended: always before a character that is not \w
    for dash in _DASH_IN_WORD.finditer(text):
        left = word_before(text, dash.start())
        if dash.start() - len(left) < end:  # the word before belongs to the last match
            continue
        end = _WORD_RUN.match(text, dash.end()).end()
        found.add(text[dash.start() - len(left):end].lower())
    return found


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # imported when first needed: its word list takes a moment to load

    return zipf_frequency(word, "en")


class Hyphenation:
    """Decides, for one text, whether a line-end hyphen is dropped when its lines are joined."""

    def __init__(self, words: set[str], hyphenated: set[str]) -> None:
        self.words = words  # the text's words, lower-cased
        self.hyphenated = hyphenated  # its words written with a hyphen, lower-cased

    def broken(self, left: str, right: str) -> bool:
        """Is ``left-`` + ``right`` one word broken by the line (so the hyphen goes)?"""
        if not left or not right or not right[:1].islower() or not left[-1:].isalpha():
            return False
        joined = (left + right).lower()
        if f"{left}-{right}".lower() in self.hyphenated:
            return False
        if joined in self.words:
            return True
        joined_frequency = _zipf(joined)
        if joined_frequency < COMMON_WORD or len(left) < 2:  # typesetters leave two letters at least
            return False
        if right.lower() in SUFFIXES or _zipf(left.lower()) < STANDALONE_WORD:
            return True
        return joined_frequency >= _zipf(right.lower()) - JOINED_MARGIN
