"""What a long build or publish shows: a bar on a terminal, one plain line per file elsewhere.

The bar (rich) is used only when standard output is a terminal, the run
covers more than :data:`BAR_THRESHOLD` briefs, and neither ``--quiet`` nor
``-v`` was given; every message line still appears, above the bar, so
nothing is lost when it disappears at the end. Piped output, CI logs and
``-v`` get the plain lines only, in brief order. rich is imported only when
the bar is shown.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

BAR_THRESHOLD = 3


def wants_bar(total: int, *, quiet: bool, verbose: bool, stream: TextIO | None = None) -> bool:
    """A bar only for more than a few briefs, on a real terminal, in the default verbosity."""
    stream = stream or sys.stdout
    if quiet or verbose or total <= BAR_THRESHOLD:
        return False
    if os.environ.get("TERM") == "dumb" or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Reporter:
    """Prints message lines and, when asked to, keeps a progress bar below them."""

    def __init__(self, verb: str = "building") -> None:
        self.verb = verb
        self._progress: Any = None
        self._task: Any = None
        self._text_from_ansi: Any = None

    def start(self, total: int, *, quiet: bool = False, verbose: bool = False) -> None:
        if self._progress is not None or not wants_bar(total, quiet=quiet, verbose=verbose):
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        self._text_from_ansi = Text.from_ansi
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=Console(file=sys.stdout, highlight=False),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task(self.verb, total=total, current="")
        self._progress.start()

    def advance(self, done: int, total: int, label: str = "") -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total, current=label)

    def echo(self, text: str, *, err: bool = False) -> None:
        """One message line; above the bar while it is shown (on the terminal it shares)."""
        if self._progress is not None and (not err or _isatty(sys.stderr)):
            self._progress.console.print(self._text_from_ansi(text), soft_wrap=True)
            return
        stream = sys.stderr if err else sys.stdout
        stream.write(text + "\n")
        stream.flush()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
