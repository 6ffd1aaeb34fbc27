"""What every generated page is (its HTML and its headings), and the ids of its headings and annotations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class RenderedPage:
    html: str
    headings: list[Heading] = field(default_factory=list)


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", text.lower().replace("’", "")).strip()
    return re.sub(r"[\s_-]+", "-", slug)[:60].strip("-") or "section"
