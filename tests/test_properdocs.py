"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site: every file the same but the
generator tag that names the tool."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import copy_project, mkdocs_env

pytestmark = pytest.mark.slow  # two full builds

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(tool: str, project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", tool, "build", "--strict", "-d", str(site)], cwd=project,
                          env=mkdocs_env(), capture_output=True, text=True, timeout=600)


def files(site: Path) -> dict[str, bytes]:
    # The sitemap's gzip header carries the time it was written.
    return {path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file() and path.suffix != ".gz"}


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path):
    results = {}
    for tool in ("mkdocs", "properdocs"):
        project = copy_project(tmp_path / tool)
        result = build(tool, project, tmp_path / f"site-{tool}")
        assert result.returncode == 0, result.stdout + result.stderr
        results[tool] = files(tmp_path / f"site-{tool}")
    by_mkdocs, by_properdocs = results["mkdocs"], results["properdocs"]
    assert by_mkdocs.keys() == by_properdocs.keys() and len(by_mkdocs) > 30
    different = [name for name in by_mkdocs if by_mkdocs[name] != by_properdocs[name]]
    assert different == []
    generator = (tmp_path / "site-properdocs" / "romano-2021" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in generator or "ProperDocs" in generator
