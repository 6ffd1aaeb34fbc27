"""Where a reader's contribution goes: the repository's web editor for a new annotation file, and its
new-issue form for a text error (``assets/annotate.js`` pre-fills both).

Only GitHub is known: its ``/new/<branch>/<folder>?filename=…&value=…`` form opens the editor with the
file's name and content filled in (a path with slashes in ``filename`` is unreliable there, so the
folder goes in the address). For any other host, or without ``repo_url``, nothing is offered.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class ContributionLinks:
    new_annotation: str  # the web editor of a new file in the text's annotations folder
    new_issue: str


def contribution_links(repo_url: str | None, branch: str, folder: str) -> ContributionLinks | None:
    """The links for the annotations ``folder`` (``sources/<slug>/annotations``) of a repository at
    ``repo_url`` on ``branch``; None when the host offers no such forms."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme != "https" or parts.netloc.lower() not in ("github.com", "www.github.com") or path.count("/") != 1:
        return None
    base = f"https://github.com/{path}"
    return ContributionLinks(f"{base}/new/{quote(branch)}/{quote(folder)}", f"{base}/issues/new")
