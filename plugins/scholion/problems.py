"""Problems with input files, and where a build reports them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal

Severity = Literal["warning", "info"]


@dataclass(frozen=True)
class Problem:
    """Something about an input file, at a line where known.

    A ``warning`` fails a strict build; an ``info`` is a notice (an annotation re-anchored by its
    quote, say). ``code`` names the kind of problem (``annotation.quote-missing``) for tools and tests.
    """

    file: Path
    line: int | None
    message: str
    code: str = ""
    severity: Severity = "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"

    def shown(self, root: Path | None) -> str:
        """The problem as the log or a page shows it: its file relative to ``root`` (the project)."""
        if root is None or not self.file.is_relative_to(root):
            return str(self)
        return str(Problem(self.file.relative_to(root), self.line, self.message))


@dataclass
class Report:
    """Where the build's messages go: ``warn`` fails a strict build, ``inform`` does not; ``annotate``
    also gets each problem (GitHub Actions puts it on the pull request's diff). It counts them.
    Messages name files relative to ``root``."""

    warn: Callable[[str], None]
    inform: Callable[[str], None]
    annotate: Callable[[Problem], None] | None = None
    root: Path | None = None
    warnings: int = 0
    notices: int = 0

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.severity == "warning":
                self.warnings += 1
                self.warn(problem.shown(self.root))
            else:
                self.notices += 1
                self.inform(problem.shown(self.root))
            if self.annotate is not None:
                self.annotate(problem)
