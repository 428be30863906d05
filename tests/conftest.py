"""Shared pytest fixtures and hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A run that selects no test (e.g. `-k` matching nothing) is not a failure of the suite.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden output files in tests/golden/ instead of comparing against them.",
    )


# --- Workspaces and the CLI, shared by the checker, loader and model tests ---

# A small brief that passes `briefgen check` with no problem at all; tests break
# one thing in it at a time. `country: NO` and `Türkiye` are on purpose.
VALID_BRIEF = """\
title: Delegations meet in Geneva
date: 2024-03-01
marking: TLP:CLEAR
summary: |
  Two delegations met in Geneva [@wire]. They agreed to meet again.
participants:
  alpha:
    name: Anna Alpha
    role: Foreign Minister
    country: NO
  beta:
    name: Bela Beta
    country: Türkiye
positions:
  - actor: alpha
    stance: Wants more talks
    summary: Alpha wants more talks [@wire].
    quotes:
      - text: We will meet again ‘soon’ — and often
        source: wire
    stances:
      talks: supports
  - actor: beta
    summary: Beta is cautious [@memo].
issues:
  talks: Further talks
context:
  timeline:
    - date: 2024-03-01
      event: Talks in Geneva [@wire].
    - date: 2023
      event: First contacts.
    - date: 2024-02
      event: Preparations.
sources:
  memo:
    title: Background memo
    date: 2024-02
  wire:
    title: Delegations meet in Geneva
    publisher: Wire
    date: 2024-03-01
    file: sources/wire.txt
"""

WIRE_TEXT = """\
GENEVA (Wire) - Two delegations met in Geneva on Friday.
Anna Alpha said: "We will meet
again 'soon' - and often."
"""

VALID_BRIEF_ID = "geneva-talks"


@dataclass
class BriefWorkspace:
    """A workspace folder in tmp_path, with helpers to write briefs into it."""

    root: Path

    def folder(self, brief_id: str = VALID_BRIEF_ID) -> Path:
        return self.root / "briefs" / brief_id

    def yaml_path(self, brief_id: str = VALID_BRIEF_ID) -> Path:
        return self.folder(brief_id) / "brief.yaml"

    def write_brief(
        self,
        text: str | bytes = VALID_BRIEF,
        brief_id: str = VALID_BRIEF_ID,
        files: dict[str, str | bytes] | None = None,
    ) -> Path:
        """Write briefs/<id>/brief.yaml (and files beside it); return its path."""
        folder = self.folder(brief_id)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in ({"sources/wire.txt": WIRE_TEXT} if files is None else files).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, "utf-8")
        path = folder / "brief.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
        return path

    def display(self, brief_id: str = VALID_BRIEF_ID) -> str:
        """brief.yaml as `briefgen check` names it: relative to the workspace."""
        return f"briefs/{brief_id}/brief.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Callable[..., BriefWorkspace]:
    """Factory: ``workspace(text)`` writes one brief (default: VALID_BRIEF) into a new workspace.

    ``workspace(None)`` makes an empty workspace with a ``briefs/`` folder;
    ``settings=`` writes ``briefgen.yaml``.
    """
    counter = iter(range(1_000))

    def make(
        text: str | bytes | None = VALID_BRIEF,
        *,
        brief_id: str = VALID_BRIEF_ID,
        files: dict[str, str | bytes] | None = None,
        settings: str | None = None,
    ) -> BriefWorkspace:
        root = tmp_path / f"ws{next(counter)}"
        (root / "briefs").mkdir(parents=True)
        if settings is not None:
            (root / "briefgen.yaml").write_text(settings, "utf-8")
        ws = BriefWorkspace(root)
        if text is not None:
            ws.write_brief(text, brief_id, files)
        return ws

    return make


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Run ``briefgen ARGS`` in-process (click's CliRunner); ``cwd`` changes folder first."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> CliResult:
        from briefgen.cli import cli

        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
        finally:
            os.chdir(old)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback is a bug: let the test show it
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def run_cli_subprocess() -> Callable[..., CliResult]:
    """Run ``python -m briefgen ARGS`` as a user would, in a separate process."""

    def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> CliResult:
        completed = subprocess.run(
            [sys.executable, "-m", "briefgen", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"},
        )
        return CliResult(completed.returncode, completed.stdout, completed.stderr)

    return run
