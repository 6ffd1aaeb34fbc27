"""Build problems where a pull request shows them, when the build runs in GitHub Actions.

Each problem with a file becomes a workflow command (``::error file=…,line=…::…`` for a warning,
which fails a strict build; ``::notice …`` for an info such as a re-anchored annotation), which
GitHub shows on the pull request's diff at that line; the build's figures go to the job summary
(the Markdown file named by ``GITHUB_STEP_SUMMARY``). Outside GitHub Actions nothing changes.
See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from scholion.problems import Problem, Report
from scholion.site import Site


def in_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    """A command's message: GitHub reads %, CR and LF as escapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A command's property value: also no ``:`` or ``,``, which end it."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(problem: Problem, workspace: Path) -> str | None:
    """The workflow command that puts ``problem`` on its file and line; None for a problem with no file
    inside the repository (GitHub could not place it on the diff: the log has it)."""
    try:
        path = Path(problem.file).resolve().relative_to(workspace.resolve())
    except ValueError:
        return None
    command = "error" if problem.severity == "warning" else "notice"
    where = f"file={_property(path.as_posix())}"
    if problem.line:
        where += f",line={problem.line}"
    title = f",title={_property(problem.code)}" if problem.code else ""
    return f"::{command} {where}{title}::{_data(problem.message)}"


@dataclass(frozen=True)
class TextFigures:
    """What the build made of one text, as the job summary shows it."""

    slug: str
    paragraphs: int
    notes: int  # linked to their markers
    notes_missing: int
    citations: int  # resolved, in notes and in the running text
    terms: int  # glossary terms found (occurrences)
    annotations: int  # placed
    reanchored: int


def job_summary(texts: Sequence[TextFigures], warnings: int, notices: int, strict: bool) -> str:
    """The build's figures as Markdown for the job summary."""
    verdict = ("fails" if strict else "would fail `--strict`") if warnings else "passes"
    lines = [
        "## Scholion build",
        "",
        f"{len(texts)} texts; {warnings} warning(s), {notices} notice(s): the build {verdict}. "
        "Warnings with a file and line are marked on the pull request's diff.",
        "",
        "| text | paragraphs | notes | notes missing | citations resolved | glossary terms | annotations | re-anchored |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for text in texts:
        lines.append(f"| {text.slug} | {text.paragraphs} | {text.notes} | {text.notes_missing} | {text.citations} | "
                     f"{text.terms} | {text.annotations} | {text.reanchored} |")
    return "\n".join(lines) + "\n"


def text_figures(site: Site) -> list[TextFigures]:
    """The figures of each text the site published."""
    figures = []
    for text in site.texts.values():
        stats, citations = text.document.stats, site.citations.get(text.slug)
        anchoring = site.annotations.get(text.slug)
        figures.append(TextFigures(
            text.slug, len(text.document.paragraphs), stats.get("notes_linked", 0), stats.get("notes_missing", 0),
            (citations.stats.resolved + citations.body_stats.resolved) if citations else 0,
            sum(sum(counts.values()) for _, counts in site.terms.get(text.slug, [])),
            len(anchoring.placements) if anchoring else 0,
            sum(1 for problem in anchoring.problems if problem.code == "annotation.reanchored") if anchoring else 0))
    return figures


def annotator(workspace: Path) -> Callable[[Problem], None]:
    """A ``Report.annotate`` printing each problem's workflow command where GitHub reads them (stdout)."""
    def annotate(problem: Problem) -> None:
        command = workflow_command(problem, workspace)
        if command:
            print(command, flush=True)
    return annotate


def report_summary(site: Site, report: Report, strict: bool, environ: Mapping[str, str] = os.environ) -> None:
    """The build's figures in the job summary."""
    append_summary(job_summary(text_figures(site), report.warnings, report.notices, strict), environ)


def append_summary(markdown: str, environ: Mapping[str, str] = os.environ) -> None:
    """Add ``markdown`` to the job summary (several steps may write to it)."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)
