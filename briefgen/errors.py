"""Problems found in user input, and the error type the CLI turns into a clean message."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One located problem: ``path:line:col: severity: message — hint``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    ``code`` is a stable identifier for tools and docs (e.g. ``unknown-key``).
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""
    code: str = ""

    def format(self) -> str:
        if self.line <= 0:
            where = self.path  # the whole file (too large, unreadable, not UTF-8 as a whole)
        elif self.col <= 0:
            where = f"{self.path}:{self.line}"  # a line, as template errors are reported
        else:
            where = f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def as_error(self) -> Problem:
        return Problem(self.path, self.line, self.col, "error", self.message, self.hint, self.code)

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.col)


class BriefgenError(Exception):
    """A user-facing failure: printed as a message (and hint), never as a traceback."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class ProblemsFound(BriefgenError):
    """Raised where a command cannot go on because input has errors."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{count} error{'s' if count != 1 else ''} found")


def display_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the user should see it: relative to the workspace when inside it."""
    path = Path(path)
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def count_by_severity(problems: Iterable[Problem]) -> tuple[int, int]:
    errors = warnings = 0
    for problem in problems:
        if problem.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def problems_to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.to_json() for p in problems], indent=2, ensure_ascii=False)
