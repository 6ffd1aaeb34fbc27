"""What ``assets/cite.js`` does with a citation template, in Python, for tests that read templates
without a browser (the browser tests run cite.js itself)."""
from __future__ import annotations

from datetime import date

DAY = date(2026, 12, 7)


def locate(forms: dict, number: str, page: str = "") -> str:
    paragraph = forms["paragraph"].replace("{{N}}", number)
    if not page:
        return paragraph
    return forms["pages" if "–" in page else "page"].replace("{{PAGE}}", page) + paragraph


def fill(template: str, data: dict, number: str = "", day: date = DAY, style: str = "") -> str:
    """``template`` of ``data`` (``citation_data``) as cite.js fills it in on ``day``; ``style``: the key of
    the style the template is of, if it is a style's."""
    styled = data["styles"][style] if style else None
    text = (template.replace("{{ACCESSED}}", day.isoformat()).replace("{{DAY}}", str(day.day))
            .replace("{{MONTH}}", styled["months"][day.month - 1] if styled else "{{MONTH}}").replace("{{YEAR}}", str(day.year)))
    if number:
        loc = locate(styled["locator"] if styled else data["locator"], number, data["pages"].get(number, ""))
        text = text.replace("{{LOC}}", loc).replace("{{N}}", number)
    return text
