"""How the preview's own pages look: its templates, and problems shown with their source line.

The server's pages (index, problems, not found) come from briefgen's own
``templates/serve/``; a workspace cannot override them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen.assets import builtin_templates_dir
from briefgen.errors import Problem
from briefgen.workspace import Workspace

_TICKS = re.compile(r"`([^`]+)`")


@lru_cache(maxsize=1)
def serve_templates() -> jinja2.Environment:
    """The server's own pages (index, problems, not found); not overridable by a workspace."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_templates_dir() / "serve")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ticks"] = code_spans
    return env


def render_page(name: str, **context: Any) -> str:
    return serve_templates().get_template(name).render(**context)


def code_spans(text: str) -> Markup:
    """Escape a message and set its `quoted` names as code, as the terminal shows them."""
    return Markup(_TICKS.sub(r"<code>\1</code>", str(escape(text))))


def source_line(path: Path, line: int) -> str | None:
    """Line ``line`` (1-based) of a file; an empty string for the line after a final newline."""
    number, text = 0, ""
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for number, text in enumerate(handle, start=1):
                if number == line:
                    return text.rstrip("\r\n")
    except OSError:
        return None
    if line == number + 1 and (number == 0 or text.endswith(("\n", "\r"))):
        return ""  # a YAML error "at the end of the stream"
    return None


def display(workspace: Workspace, path: str) -> str:
    """Template problems carry absolute paths; show them relative to the workspace when inside."""
    return workspace.display(Path(path)) if Path(path).is_absolute() else path


def problem_views(
    workspace: Workspace, problems: Iterable[Problem], readable: Sequence[Path]
) -> list[dict[str, Any]]:
    """Problems as pages show them: location, message, hint, the offending line, a caret.

    Errors come first. Source lines are read only from files under ``readable``.
    """
    views = []
    for problem in sorted(problems, key=lambda p: (p.severity != "error", p.sort_key)):
        text = None
        file = readable_source(workspace, problem.path, readable)
        if file is not None and problem.line > 0:
            text = source_line(file, problem.line)
        caret = None
        if text is not None and problem.col > 0:
            # Keep tabs so the caret lines up under the column however tabs are drawn.
            caret = "".join(c if c == "\t" else " " for c in text[: problem.col - 1]) + "^"
        views.append(
            {
                "location": f"{display(workspace, problem.path)}:{problem.line}:{problem.col}",
                "severity": problem.severity,
                "message": problem.message,
                "hint": problem.hint,
                "code": problem.code,
                "line": problem.line,
                "col": problem.col,
                "text": text,
                "caret": caret,
            }
        )
    return views


def readable_source(workspace: Workspace, path: str, readable: Sequence[Path]) -> Path | None:
    """The file a problem points at, if it lies (symlinks followed) under one of ``readable``."""
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = workspace.root / candidate
    try:
        candidate = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    for base in readable:
        try:
            if candidate.is_relative_to(base.resolve()) and candidate.is_file():
                return candidate
        except (OSError, RuntimeError):
            continue
    return None
