"""Build the real site with the real ``mkdocs`` CLI, in a copy of the project.

Shared by the test fixtures (``conftest.py``), the bad-input tests and ``scripts/benchmark``.
Builds run in a copy so a test never rewrites a committed file (the plugin updates
``sources/*/anchors.json`` when it adds ids) and so a test can break one input file
without touching the work tree.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
# The corpus's name as mkdocs.yml gives it (the file holds Python tags plain YAML does not read).
SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)[1].strip()

# Everything at the top level of the repository is a site input except these.
NOT_INPUTS = {
    ".git", ".github", ".ci", ".venv", ".cache", ".pytest_cache", ".hypothesis", "__pycache__",
    "site", "build", "node_modules", "test-artifacts", "tests", "scripts", "plugins",
    "package.json", "package-lock.json", "README.md", "pytest.ini",
}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the site inputs (mkdocs.yml, docs/, sources/, bib/, glossary.yml, overrides/…) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in sorted(root.iterdir()):
        if item.name in NOT_INPUTS or item.name.endswith(".egg-info"):
            continue
        target = dest / item.name
        if item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns("__pycache__", ".anchors-*"))
        else:
            shutil.copy2(item, target)
    # Source files are committed read-only (never hand-edited); copies must be writable.
    for path in dest.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    return dest


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr, interleaved as the user sees them
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    # This checkout's plugin, never an installed one (a relative PYTHONPATH would miss it from the project's folder).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "plugins"), env.get("PYTHONPATH")]))
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def build_site(project: Path, site_dir: Path, *, strict: bool = True, timeout: float = 300,
               config_file: str = "mkdocs.yml") -> BuildResult:
    """Run ``mkdocs build [--strict]`` in ``project`` with the interpreter running the tests."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", config_file, "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    process = subprocess.run(
        command, cwd=project, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=mkdocs_env(), timeout=timeout, text=True, encoding="utf-8", errors="replace",
    )
    return BuildResult(process.returncode, process.stdout, site_dir)


def html_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, sorted."""
    return sorted(site_dir.rglob("*.html"))


def page_url(site_dir: Path, page: Path) -> str:
    """The site-relative URL of a built page: ``romano-2021/index.html`` → ``/romano-2021/``."""
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def search_records(site_dir: Path) -> list[dict]:
    """The locations of the built search index (``url``, ``content``, ``meta``, ``anchors``), read from
    Pagefind's fragments: each is gzip of ``pagefind_dcd`` and the record as JSON."""
    records = []
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextmanager
def served_build(project: Path, site_dir: Path, strict: bool = True, warnings: str | None = None) -> Iterator[str]:
    """Build ``project`` (strictly, unless not ``strict``) into ``site_dir`` with ``site_url`` set to a
    loopback server serving it, and yield that URL (ends in ``/``) while the server runs. With
    ``warnings`` (a pattern) the build must warn, and only in messages matching it, in place of strict."""
    site_dir.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    (project / "mkdocs.test.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {url}\n", encoding="utf-8")
    result = build_site(project, site_dir, strict=strict and warnings is None, config_file="mkdocs.test.yml")
    assert result.ok, result.output
    if warnings is not None:
        warned = [line for line in result.output.splitlines() if line.startswith("WARNING")]
        assert warned and all(re.search(warnings, line) for line in warned), result.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
