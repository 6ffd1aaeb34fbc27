"""Addresses: a URL in a note that is an entry's ``url`` (``www.nato.int/cps/en/natolive/topics_50090.htm``)."""
from __future__ import annotations

import re

from scholion.bib.citations.model import Citation
from scholion.bib.citations.reading import NoteReading
from scholion.bib.citations.segments import Segment
from scholion.bib.entries import Bibliography

__all__ = ["Urls", "normal_url"]

_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>”’\"']+", re.I)


def normal_url(url: str) -> str:
    """The address without scheme, ``www.``, case or a closing slash: ``https://www.X.org/a/`` → ``x.org/a``."""
    url = url.strip().lower()
    url = re.sub(r"^https?://", "", url)
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


class Urls:
    fallback = False

    def __init__(self, bib: Bibliography) -> None:
        self.urls = [(e, normal_url(e.fields["url"])) for e in bib.entries.values() if e.fields.get("url")]

    def find(self, reading: NoteReading, segment: Segment) -> None:
        for m in _URL.finditer(reading.text, segment.start, segment.end):
            url_text = m.group().rstrip(".,;:")
            start, end = m.start(), m.start() + len(url_text)
            if reading.overlaps(start, end):
                continue
            wanted = normal_url(url_text)
            entries = [e for e, url in self.urls if url == wanted]
            if len(entries) == 1:
                reading.add(Citation(start, end, [entries[0].key], "", "resolved", url_text, "url"))
            elif entries:
                keys = [e.key for e in entries]
                reading.add(Citation(start, end, keys, "", "ambiguous", url_text, "url"),
                            f"the address {url_text} belongs to several entries in bib/ ({', '.join(keys)})")
