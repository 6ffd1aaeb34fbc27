"""The release a build publishes, for the corpus's version in citations when ``mkdocs.yml`` names none."""
from __future__ import annotations

import subprocess
from pathlib import Path


def release_tag(root: Path) -> str:
    """The tag of the commit checked out at ``root`` (``git describe --tags --exact-match``); empty when
    that commit has none, or there is no repository or no git."""
    try:
        run = subprocess.run(["git", "describe", "--tags", "--exact-match"], cwd=root, capture_output=True,
                             text=True, timeout=10, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return ""
    return run.stdout.strip() if run.returncode == 0 else ""
