"""Locators after a citation: ``p. 207``, ``pp. 46–48``, ``p. 30, note 8``, ``p. 27 ff.``, ``para. 23``."""
from __future__ import annotations

import re

__all__ = ["LOCATOR_UNIT", "locator_after"]

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
