"""A published site's address is no placeholder: every citation, BibTeX entry and meta tag is built on it.

A site built with ``site_url`` missing, on a documentation domain (``example.org``, ``.com``,
``.net``, RFC 2606) or on ``localhost`` would hand its readers citations that lead nowhere. A build
(not ``mkdocs serve``, which sets its own loopback address) warns, so a strict build fails, naming the
config file and the line to fix.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from scholion.problems import Problem

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "localhost")
HOW = "set it to the address the site is published at (https://<user>.github.io/<repository>/ on GitHub Pages)"


def placeholder_reason(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be cited, or None when it can."""
    if not site_url:
        return "site_url is not set, so citations and meta tags have no address"
    host = (urlsplit(site_url).hostname or "").lower()
    if any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS):
        return f"site_url {site_url} is a placeholder: every citation and meta tag would lead there"
    return None


def site_url_problems(site_url: str | None, config_files: list[Path]) -> list[Problem]:
    """A problem when ``site_url`` is a placeholder, at its line in the first of ``config_files`` (the
    config, then the ones it inherits from) that sets it."""
    reason = placeholder_reason(site_url)
    if reason is None:
        return []
    for path in config_files:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        for number, text in enumerate(lines, start=1):
            if re.match(r"site_url\s*:", text):
                return [Problem(path, number, f"{reason}; {HOW}", code="config.site-url")]
    return [Problem(config_files[0], None, f"{reason}; {HOW}", code="config.site-url")]


def inherited_configs(config_file: Path) -> list[Path]:
    """``config_file`` and the files it inherits from (MkDocs' ``INHERIT:``), nearest first."""
    chain = [config_file]
    while len(chain) < 10 and chain[-1].is_file():
        found = re.search(r"^INHERIT:\s*[\"']?([^\s\"'#]+)", chain[-1].read_text(encoding="utf-8"), re.M)
        if not found:
            break
        chain.append((chain[-1].parent / found.group(1)).resolve())
    return chain
