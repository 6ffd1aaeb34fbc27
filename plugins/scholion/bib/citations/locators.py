"""Locators after a citation: ``p. 207``, ``pp. 46–48``, ``p. 30, note 8``, ``p. 27 ff.``, ``para. 23``; inside
the parentheses of running text also bare pages after a comma or colon: ``(Casier 2018, 207)``, ``(Kovač 2016: 61)``."""
from __future__ import annotations

import re

__all__ = ["LOCATOR_UNIT", "locator_after", "page_locator_after"]

LOCATOR_UNIT = (
    r"(?:pp?\.|paras?\.|§+|ch\.|chap\.|col\.|fn\.|n\.|note)\s*"
    r"[\dIVXLCivxlc]+(?:\s*[–—-]\s*\d+)?(?:\s*ff?\.?(?![\w]))?"
)
_LOCATOR_AFTER = re.compile(rf"\s*,\s*({LOCATOR_UNIT}(?:\s*,\s*{LOCATOR_UNIT})*)", re.I)


def locator_after(text: str, pos: int, end: int) -> tuple[str, int]:
    """The locator that follows ``pos`` after a comma (not past ``end``) and where it ends; ``("", pos)`` if none."""
    match = _LOCATOR_AFTER.match(text, pos, end)
    if not match:
        return "", pos
    return match.group(1).strip(), match.end()


# A bare page or range: ``207``, ``160–62``, ``xiv``; not a year, which would be another work's (``2018a, 2018b``).
_BARE_PAGES = r"(?!(?:1[5-9]\d\d|20\d\d)[a-z]?(?![\d–—-]))(?:\d+|[ivxlc]+)(?:\s*[–—-]\s*\d+)?(?:\s*ff?\.?(?!\w))?"
_PAGE_LOCATOR_AFTER = re.compile(
    rf"\s*[,:]\s*((?:{LOCATOR_UNIT}|{_BARE_PAGES})(?:\s*,\s*{LOCATOR_UNIT})*)(?=\s*[;),]|\s*$)", re.I)


def page_locator_after(text: str, pos: int, end: int) -> tuple[str, int]:
    """The locator after ``pos`` in a parenthesis of running text (``, p. 207``, ``, 207``, ``: 14–15``), ending
    before ``end`` at a semicolon, a comma or the closing parenthesis, and where it ends; ``("", pos)`` if none."""
    match = _PAGE_LOCATOR_AFTER.match(text, pos, end)
    if not match:
        return "", pos
    return match.group(1).strip(), match.end()
