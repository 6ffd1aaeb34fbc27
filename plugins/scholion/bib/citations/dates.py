"""Years and dates as notes write them: ``2018a``, ``3 November 2019``, ``November 30, 2016``."""
from __future__ import annotations

import re

__all__ = ["DATE_GAP", "DAY_MONTH_BEFORE", "MONTH_DAY_BEFORE", "MONTH_WORDS", "YEAR"]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
MONTH_WORDS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
}
# A year (group 1) and its suffix (group 2), not inside a number, a date like 2019/20 or a page range.
YEAR = re.compile(r"(?<![\w/.\-–])(1[5-9]\d\d|20\d\d)([a-z])?(?![\w/])")
# The day and month (or month and day) right before a year.
DAY_MONTH_BEFORE = re.compile(rf"(?:\b\d{{1,2}}\s+)?\b(?:{_MONTHS})\s+$")
MONTH_DAY_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},\s*$")
# What may stand between an author and the year of its dated item: "Tass, 3 November 2019".
DATE_GAP = re.compile(rf"^[\s,(:]*(?:(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+\d{{1,2}},?)?\s+)?$")
