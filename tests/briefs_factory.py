"""Small fact sheets for tests, written as an analyst would write them."""

from __future__ import annotations

import textwrap
from pathlib import Path

ARTICLE = (
    "Minister Anna Example said “we will talk again next week” after the meeting.\n"
    "Source: Example Wire\n"
)

MINIMAL_BRIEF = """\
title: A minimal brief
date: 2024-03-01
summary: The ministers met and agreed to talk again [@wire].
participants:
  example:
    name: Anna Example
positions:
  - actor: example
    summary: Wants more talks [@wire].
sources:
  wire:
    title: Ministers meet
"""


def write_brief(
    workspace: Path, brief_id: str, yaml_text: str, files: dict[str, str] | None = None
) -> Path:
    folder = workspace / "briefs" / brief_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief.yaml").write_text(textwrap.dedent(yaml_text), "utf-8")
    for name, content in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    return folder
