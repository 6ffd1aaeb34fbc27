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


@dataclass
class Report:
    """Where the build's messages go: ``warn`` fails a strict build, ``inform`` does not."""

    warn: Callable[[str], None]
    inform: Callable[[str], None]

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            (self.warn if problem.severity == "warning" else self.inform)(str(problem))
