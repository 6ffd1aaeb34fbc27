"""The corpus version a build names in citations: the plugin's ``version``, or else the release tag built."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scholion.mkdocs.release import release_tag
from sitebuild import build_site, copy_project


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=folder, check=True,
                   capture_output=True)


def test_the_release_tag_is_that_of_the_commit_built(tmp_path: Path):
    assert release_tag(tmp_path) == ""  # no repository
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    _git(tmp_path, "add", "a.txt")
    _git(tmp_path, "commit", "-q", "-m", "a")
    assert release_tag(tmp_path) == ""  # a commit with no tag
    _git(tmp_path, "tag", "v1.2.0")
    assert release_tag(tmp_path) == "v1.2.0"
    (tmp_path / "a.txt").write_text("b", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "b")
    assert release_tag(tmp_path) == ""  # the tag names an earlier commit


@pytest.mark.slow
def test_every_citation_names_the_version_set(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - scholion ", "  - scholion:\n      version: v2.1\n  #", 1),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.ok, result.output[-2000:]
    soup = BeautifulSoup((result.site_dir / "romano-2021" / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = {pre["data-format"]: pre.get_text() for pre in soup.select("#cite-this-text pre[data-format]")}
    assert "version 2.1." in box["reference"] and "version = {v2.1}" in box["bibtex"] and "ET  - v2.1" in box["ris"]
    assert json.loads(box["csl-json"])[0]["version"] == "v2.1"
    data = json.loads(soup.select_one("#citation-data")["data-citation"])
    assert all("v2.1" in template for template in data["paragraph"].values())
    # The styles write "Version" before it, so not its "v".
    assert all("version 2.1" in style["paragraph"]["reference"].lower() for style in data["styles"].values())
    linked = [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]
    assert [item.get("version") for item in linked] == ["v2.1"]
