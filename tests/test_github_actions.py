"""In GitHub Actions the build's problems land on the pull request's diff and its figures in the job summary."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scholion.mkdocs.github import TextFigures, in_github_actions, job_summary, workflow_command
from scholion.problems import Problem
from sitebuild import copy_project, mkdocs_env


def test_a_warning_becomes_an_error_command_at_its_file_and_line(tmp_path: Path):
    problem = Problem(tmp_path / "sources" / "a,b" / "source.yml", 7, "50% of it:\nbroken", code="source.unknown-key")
    assert workflow_command(problem, tmp_path) == (
        "::error file=sources/a%2Cb/source.yml,line=7,title=source.unknown-key::50%25 of it:%0Abroken")


def test_an_info_is_a_notice_and_a_file_outside_the_repository_is_left_to_the_log(tmp_path: Path):
    info = Problem(tmp_path / "glossary.yml", None, "re-anchored", severity="info")
    assert workflow_command(info, tmp_path) == "::notice file=glossary.yml::re-anchored"
    assert workflow_command(Problem(Path("/elsewhere/x.bib"), 3, "bad"), tmp_path) is None


def test_only_github_actions_counts():
    assert in_github_actions({"GITHUB_ACTIONS": "true"})
    assert not in_github_actions({}) and not in_github_actions({"CI": "true"})


def test_the_job_summary_is_a_table_of_the_texts():
    summary = job_summary([TextFigures("tamm-2019", 12, 5, 2, 7, 30, 3, 1)], warnings=2, notices=1, strict=True)
    assert "2 warning(s), 1 notice(s): the build fails" in summary
    assert "| tamm-2019 | 12 | 5 | 2 | 7 | 30 | 3 | 1 |" in summary.splitlines()


@pytest.mark.slow  # builds the real site twice
def test_a_build_in_github_actions_puts_a_broken_annotation_on_the_diff_and_fills_the_job_summary(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    annotation = project / "sources" / "romano-2021" / "annotations" / "medvedev-european-security-treaty.md"
    lines = annotation.read_text(encoding="utf-8").splitlines(keepends=True)
    kind_line = next(number for number, line in enumerate(lines, start=1) if line.startswith("kind:"))
    lines[kind_line - 1] = "kind: contxt\n"
    annotation.write_text("".join(lines), encoding="utf-8")
    summary = tmp_path / "summary.md"

    def build(**env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                              cwd=project, env={**mkdocs_env(), **env}, capture_output=True, text=True, timeout=600)

    outside = build(GITHUB_ACTIONS="", GITHUB_STEP_SUMMARY="")
    assert outside.returncode != 0 and "::error" not in outside.stdout + outside.stderr
    inside = build(GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(project), GITHUB_STEP_SUMMARY=str(summary))
    assert inside.returncode != 0
    commands = [line for line in inside.stdout.splitlines() if line.startswith("::")]
    wanted = f"::error file=sources/romano-2021/annotations/medvedev-european-security-treaty.md,line={kind_line},"
    assert any(line.startswith(wanted) and "contxt" in line for line in commands), commands
    assert all(line.startswith(("::error file=", "::notice file=")) for line in commands)
    table = summary.read_text(encoding="utf-8")
    assert "the build fails" in table
    assert any(row.startswith("| romano-2021 | ") for row in table.splitlines())
