"""The staging folder a build writes to: published whole over the old site, or discarded.

The real builds (a failed strict build leaves the earlier site byte-identical) are in
``test_bad_input.py``; these check the moves themselves, and the reading of MkDocs' strict verdict.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.utils import CountHandler

from scholion.mkdocs import staging
from scholion.mkdocs.staging import StagedSite, strict_build_fails
from sitebuild import copy_project


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def write_site(folder: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")


NEW = {"index.html": "new", "kapoor-2021/index.html": "new page"}


def test_the_staging_folder_is_a_hidden_sibling_of_the_site_folder(tmp_path: Path):
    output = StagedSite(tmp_path / "out" / "site")
    assert output.staging.parent == tmp_path / "out" and output.staging.name.startswith(".site.building-")
    assert output.staging.is_dir() and not any(output.staging.iterdir())
    assert not (tmp_path / "out" / "site").exists()


def test_publishing_replaces_the_old_site_whole_but_its_hidden_entries(tmp_path: Path):
    """Hidden entries stay, as MkDocs' cleaning of the site folder leaves them (a deploy checkout's .git)."""
    site_dir = tmp_path / "site"
    write_site(site_dir, {"index.html": "old", "stale/index.html": "a page the new build does not make",
                          ".git/HEAD": "ref: refs/heads/gh-pages", ".nojekyll": "old"})
    output = StagedSite(site_dir)
    write_site(output.staging, {**NEW, ".nojekyll": "new"})
    output.publish()
    assert tree(site_dir) == {name: text.encode() for name, text in {**NEW, ".nojekyll": "new",
                                                                    ".git/HEAD": "ref: refs/heads/gh-pages"}.items()}
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_publishing_where_there_was_no_site(tmp_path: Path):
    output = StagedSite(tmp_path / "site")
    write_site(output.staging, NEW)
    output.publish()
    assert tree(tmp_path / "site") == {name: text.encode() for name, text in NEW.items()}
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_site_folder_that_cannot_move_gets_the_new_contents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A mount point cannot be renamed: its contents are replaced instead."""
    site_dir = tmp_path / "site"
    write_site(site_dir, {"index.html": "old", "stale/index.html": "gone", ".git/HEAD": "kept", ".nojekyll": "old"})
    (site_dir / "link").symlink_to(site_dir / "stale")
    output = StagedSite(site_dir)
    write_site(output.staging, {**NEW, ".nojekyll": "new"})
    rename = os.rename

    def busy(source, target):
        if Path(source) == site_dir:
            raise OSError(16, "Device or resource busy")
        rename(source, target)

    monkeypatch.setattr(staging.os, "rename", busy)
    output.publish()
    assert tree(site_dir) == {name: text.encode() for name, text in {**NEW, ".nojekyll": "new", ".git/HEAD": "kept"}.items()}
    assert not (site_dir / "link").is_symlink()
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_discarding_leaves_the_site_folder_as_it_was(tmp_path: Path):
    site_dir = tmp_path / "site"
    write_site(site_dir, {"index.html": "old"})
    output = StagedSite(site_dir)
    write_site(output.staging, NEW)
    output.discard()
    assert tree(site_dir) == {"index.html": b"old"}
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_the_strict_verdict_is_mkdocs_own_count_of_warnings():
    logger = logging.getLogger("mkdocs")
    assert not strict_build_fails()  # not strict: MkDocs counts nothing
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        logging.getLogger("mkdocs.plugins.scholion").info("a notice")
        assert not strict_build_fails()
        logging.getLogger("mkdocs.plugins.scholion").warning("a problem")
        assert strict_build_fails()
    finally:
        logger.removeHandler(counter)


# ---------------------------------------------------------------- in a real build (MkDocs in this process)


def build_in_process(project: Path, site_dir: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return config


@pytest.mark.slow
def test_after_the_build_site_dir_is_the_site_folder_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What runs after the build reads site_dir (gh-deploy pushes it): the folder the site is now in."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    config = build_in_process(project, tmp_path / "site")
    assert config.site_dir == str(tmp_path / "site")
    assert (tmp_path / "site" / "kapoor-2021" / "index.html").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]


@pytest.mark.slow
def test_a_site_folder_with_no_room_beside_it_is_written_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)

    def no_room(**kwargs):
        raise PermissionError(13, "Permission denied", kwargs["dir"])

    monkeypatch.setattr(staging.tempfile, "mkdtemp", no_room)
    config = build_in_process(project, tmp_path / "site")
    assert config.site_dir == str(tmp_path / "site")
    assert (tmp_path / "site" / "kapoor-2021" / "index.html").is_file()
