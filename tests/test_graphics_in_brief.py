"""The locator map and timeline in built briefs: same SVG in HTML and PDF, none without data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from briefgen.factsheet import read_brief
from briefgen.graphics_bridge import brief_graphics
from briefgen.render import render_brief_html
from briefgen.workspace import list_briefs, open_workspace
from tests.briefs_factory import MINIMAL_BRIEF, write_brief

REPO = Path(__file__).resolve().parent.parent


def example_brief():
    workspace = open_workspace(REPO)
    (ref,) = [r for r in list_briefs(workspace) if r.id == "moscow-quadrilateral-talks-2023"]
    return read_brief(ref, workspace).brief


def test_example_map_shades_participants_and_context_and_marks_moscow() -> None:
    brief = example_brief()
    graphics = brief_graphics(brief)
    svg = graphics["map"]
    assert svg and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for iso3 in ("RUS", "SYR", "TUR", "IRN"):
        assert re.search(
            rf'<path[^>]*data-iso3="{iso3}"[^>]*class="primary"|<path[^>]*class="primary"[^>]*data-iso3="{iso3}"',
            svg,
        ), iso3
    assert re.search(r'data-iso3="SAU"', svg)
    assert 'class="place"' in svg
    assert "Boundaries are not authoritative. Source: Natural Earth." in svg


def test_same_svg_in_html_and_pdf_markup() -> None:
    brief = example_brief()
    graphics = brief_graphics(brief)
    html = render_brief_html(brief, target="html", graphics=graphics)
    pdf_html = render_brief_html(brief, target="pdf", graphics=graphics)
    for key in ("map", "timeline"):
        assert graphics[key] in html and graphics[key] in pdf_html
    # the timeline keeps its text list for screen readers beside the picture
    assert '<ol class="timeline-list">' in html


def test_brief_without_countries_or_timeline_has_no_figure(tmp_path: Path) -> None:
    write_brief(tmp_path, "plain", MINIMAL_BRIEF)
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(tmp_path), "build", "--format", "html"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "build" / "plain.html").read_text("utf-8")
    assert "<figure" not in html
    assert '<svg class="stance-icon"' not in html  # no matrix either
    assert "Regional context" not in html


def test_map_can_be_switched_off(tmp_path: Path) -> None:
    brief = (
        MINIMAL_BRIEF.replace("name: Anna Example", "name: Anna Example\n    country: NO")
        + "map:\n  show: false\n"
    )
    write_brief(tmp_path, "nomap", brief)
    workspace = open_workspace(tmp_path)
    result = read_brief(list_briefs(workspace)[0], workspace)
    assert result.brief is not None, [p.format() for p in result.problems]
    assert brief_graphics(result.brief)["map"] is None
