"""The workspace the publish tests use: the invented fixture briefs plus the bundled example."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "publish"
EXAMPLE = REPO / "briefs" / "moscow-quadrilateral-talks-2023"

EXAMPLE_ID = "moscow-quadrilateral-talks-2023"
TALKS_ID = "harbour-talks-2024"
FOLLOWUP_ID = "harbour-followup-2025"
ALL_IDS = (FOLLOWUP_ID, TALKS_ID, EXAMPLE_ID)  # newest first


def make_site_workspace(root: Path, *, with_example: bool = True) -> Path:
    """Copy the fixture workspace to ``root`` (three briefs, or two without the example)."""
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("README.md"))
    if with_example:
        shutil.copytree(EXAMPLE, root / "briefs" / EXAMPLE.name)
    return root


def publish_fixture_site(root: Path, out: Path) -> Path:
    """Publish the fixture workspace to ``out`` and return ``out``; fails loudly on any problem."""
    from briefgen.publish import PublishOptions, publish_site
    from briefgen.workspace import open_workspace

    report = publish_site(open_workspace(root), (), PublishOptions(out_dir=out))
    problems = [p.format() for o in report.outcomes for p in o.problems]
    assert not report.failed and report.published, problems
    return out
