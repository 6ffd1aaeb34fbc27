"""The search index: Pagefind's static, chunked index of the records, in the site's ``pagefind/``.

A reader's browser fetches only the index chunks and fragments of the words it searches, so what it
downloads stays small as the corpus grows, and the site needs no server. The records of a page (a
text's paragraphs, notes and annotations; the glossary's entries) go to Pagefind as one page with a
section per record, not as a page each: Pagefind's work and output grow with its pages (at 400 texts,
40,000 files and 30 s to index the records one by one; 765 files and 6.5 s by page), and its
sub-results still give each section with hits, by its id. Pagefind (the ``pagefind``
package, with its binary from ``pagefind[bin]``) does the indexing: stemming, ranking, chunking and
excerpts with ``<mark>`` are its work, not ours. Its Python API waits 0.1 s before reading each reply
(about 35 minutes for the 20,000 records of a hundred texts), so this module speaks the same service
protocol to the same binary, writing every request at once and reading the replies as they come.
"""
from __future__ import annotations

import base64
import json
import subprocess
import threading
from html import escape
from pathlib import Path
from typing import Iterable

from pagefind.service import get_executable

from scholion.search.records import HandWrittenPage, Record

LANGUAGE = "en"
ZERO_WIDTH_SPACE = "\u200b"
# Pagefind writes its own search interfaces too; the site has its dialog (assets/search.js) and uses
# only the search API (pagefind.js, its worker and WebAssembly): the rest would be dead weight.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class PagefindError(RuntimeError):
    """Pagefind refused a record or could not write the index."""


def write_index(records: Iterable[Record], pages: Iterable[HandWrittenPage], output: Path) -> None:
    """Index ``records`` and the hand-written ``pages`` into the folder ``output`` (made or replaced)."""
    with _Service() as service:
        index = service.call({"type": "NewIndex", "config": {"force_language": LANGUAGE, "exclude_selectors": [".headerlink"]}})["index_id"]
        for url, located in _by_page(records).items():
            service.send(_add_file(index, url, _located_html(located)))
        for page in pages:  # Pagefind reads the page: its title from <h1>, a location per heading with an id
            service.send(_add_file(index, page.url, page.html))
        service.call({"type": "WriteFiles", "index_id": index, "output_path": str(output)})
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)


def _by_page(records: Iterable[Record]) -> dict[str, list[Record]]:
    pages: dict[str, list[Record]] = {}
    for record in records:
        pages.setdefault(record.page_url, []).append(record)
    return pages


def _add_file(index: int, url: str, body: str) -> dict:
    return {"type": "AddFile", "index_id": index, "url": url, "file_path": None,
            "file_contents": f'<html lang="{LANGUAGE}"><body>{body}</body></html>'}


def _located_html(records: list[Record]) -> str:
    """The records of one page as one Pagefind page, each record a section under a heading with its id:
    Pagefind ranks the page and gives the sections with hits as its sub-results, each linking to its id.
    A heading is words of its location only where the record says so (a glossary term, a work's
    authors); elsewhere it holds a zero-width space, which Pagefind keeps as the section's start but
    indexes no word of. The labels a result shows (``where``) are the page's meta ``places``, by id.
    Every field is escaped."""
    places = {record.fragment: record.where for record in records}
    sections = "".join(f'<h2 id="{escape(record.fragment)}">{escape(record.where) if record.heading else ZERO_WIDTH_SPACE}</h2>'
                       f"<p>{escape(record.content)}</p>" for record in records)
    return (f'<p data-pagefind-meta="title" data-pagefind-ignore>{escape(records[0].title)}</p>'
            f'<p data-pagefind-meta="places" data-pagefind-ignore>{escape(json.dumps(places, ensure_ascii=False))}</p>'
            + sections)


class _Service:
    """``pagefind --service``: requests and replies are base64 JSON, each followed by a comma. A thread
    reads the replies while requests are written, so neither pipe fills up and blocks the other."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise PagefindError("the Pagefind binary is missing: install pagefind[bin]")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.sent = 0
        self.replies: list[dict] = []
        self.errors: list[str] = []
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.stdin.close()
        self.process.wait()
        self.reader.join()

    def send(self, payload: dict) -> None:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
        self.process.stdin.write(base64.b64encode(message) + b",")

    def call(self, payload: dict) -> dict:
        """Send ``payload`` and wait for every reply up to its own, which is returned."""
        self.send(payload)
        self.process.stdin.flush()
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.replies) >= self.sent or self.process.poll() is not None)
        if self.errors:
            raise PagefindError("Pagefind: " + "; ".join(self.errors[:5]))
        if len(self.replies) < self.sent:
            raise PagefindError(f"Pagefind stopped (exit code {self.process.returncode})")
        return self.replies[-1]

    def _read(self) -> None:
        pending = b""
        while chunk := self.process.stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            with self.arrived:
                for message in messages:
                    payload = json.loads(base64.b64decode(message))["payload"]
                    if payload["type"] == "Error":
                        self.errors.append(payload.get("message", "unknown error"))
                    self.replies.append(payload)
                self.arrived.notify_all()
        with self.arrived:
            self.arrived.notify_all()
