"""Template overrides, sections left out cleanly, scripts and paper size."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.briefs_factory import MINIMAL_BRIEF, write_brief


def run_build(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(workspace), "build", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S)
    ]


def test_brief_with_every_optional_section_missing_has_no_empty_heading(tmp_path: Path) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    result = run_build(tmp_path, "--format", "html")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "build" / "minimal.html").read_text("utf-8")
    found = headings(html)
    assert found == [
        "A minimal brief",
        "Contents",
        "Summary",
        "Participants",
        "Positions",
        "Anna Example",
        "Sources",
    ]
    for absent in (
        "Key judgments",
        "Positions at a glance",
        "Regional context",
        "Outlook",
        "Estimative language",
    ):
        assert absent not in html
    # no empty sections or lists either
    assert not re.search(r"<(ul|ol|dl|table)[^>]*>\s*</\1>", html)
    # participants table keeps only the columns with data
    assert '<th scope="col">Role</th>' not in html


def test_short_pdf_has_no_contents_list_and_letter_paper_is_honoured(tmp_path: Path) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    (tmp_path / "briefgen.yaml").write_text(
        "paper: letter\norganization: Desk of Examples\n", "utf-8"
    )
    result = run_build(tmp_path, "--format", "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = pypdf.PdfReader(tmp_path / "build" / "minimal.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = reader.pages[0].extract_text()
    assert "CONTENTS" not in text.upper()
    assert "Desk of Examples" in text


def test_override_extends_builtin_and_replaces_a_block(tmp_path: Path) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#7a1f3d"/></svg>',
        "utf-8",
    )
    (templates / "brief.html").write_text(
        '{% extends "builtin/brief.html" %}\n'
        "{% block extra_style %}:root { --accent: #7a1f3d; }{% endblock %}\n"
        "{% block title_block %}\n"
        '<header class="title-block"><img class="logo" src="{{ template_asset(\'logo.svg\') }}" alt="Ministry of Examples">\n'
        '<h1 id="brief-title">{{ brief.title }}</h1><p class="custom-dek">Ministry of Examples</p></header>\n'
        "{% endblock %}\n",
        "utf-8",
    )
    result = run_build(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "build" / "minimal.html").read_text("utf-8")
    assert '<p class="custom-dek">Ministry of Examples</p>' in html
    assert "--accent: #7a1f3d" in html
    assert 'src="data:image/svg+xml;base64,' in html  # the logo is inlined: one self-contained file
    assert "Policy brief" not in html  # the built-in title block was replaced
    assert "Summary" in html  # the rest of the built-in layout is kept
    pdf_text = pypdf.PdfReader(tmp_path / "build" / "minimal.pdf").pages[0].extract_text()
    assert "Ministry of Examples" in pdf_text


def test_override_of_one_section_partial(tmp_path: Path) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    (tmp_path / "templates" / "sections").mkdir(parents=True)
    (tmp_path / "templates" / "sections" / "summary.html").write_text(
        '<section id="summary"><h2>Bottom line</h2>{{ md(brief.summary) }}</section>\n', "utf-8"
    )
    result = run_build(tmp_path, "--format", "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "build" / "minimal.html").read_text("utf-8")
    assert "<h2>Bottom line</h2>" in html


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            '{% extends "builtin/brief.html" %}\n{% block title_block %}\n{% if %}\n{% endblock %}\n',
            r"^templates/brief\.html:3: error: template syntax error: .+ — fix the template override",
        ),
        (
            '{% extends "builtin/brief.html" %}\n{% block title_block %}\n\n<h1>{{ brief.no_such_field }}</h1>\n{% endblock %}\n',
            r"^templates/brief\.html:4: error: template error: .*no_such_field.*",
        ),
    ],
)
def test_broken_override_fails_that_build_with_its_line(
    tmp_path: Path, template: str, expected: str
) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.html").write_text(template, "utf-8")
    result = run_build(tmp_path, "--format", "html")
    assert result.returncode == 1
    assert re.search(expected, result.stdout + result.stderr, re.M), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "minimal.html").exists()


def test_a_brief_with_errors_is_skipped_and_the_others_still_build(tmp_path: Path) -> None:
    write_brief(tmp_path, "good", MINIMAL_BRIEF)
    write_brief(tmp_path, "bad", MINIMAL_BRIEF.replace("date: 2024-03-01", "date: 2024-13-45"))
    result = run_build(tmp_path, "--format", "html")
    assert result.returncode == 1
    assert "briefs/bad/brief.yaml:2:7: error: invalid date" in result.stdout
    assert (tmp_path / "build" / "good.html").exists()
    assert not (tmp_path / "build" / "bad.html").exists()
    assert re.search(r"^wrote build/good\.html \(\d+\.\d\d s\)$", result.stdout, re.M)


def test_scripts_and_diacritics_render_with_shipped_fonts(tmp_path: Path) -> None:
    brief = (
        MINIMAL_BRIEF.replace("name: Anna Example", "name: Mevlüt Çavuşoğlu")
        .replace("title: A minimal brief", "title: Сергей Лавров и Мевлют Чавушоглу")
        .replace(
            "summary: The ministers met",
            "summary: The ministers met (وزير الخارجية) and",
        )
    )
    write_brief(tmp_path, "scripts", brief)
    result = run_build(tmp_path, "--format", "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = pypdf.PdfReader(tmp_path / "build" / "scripts.pdf")
    text = reader.pages[0].extract_text()
    assert "Сергей Лавров" in text
    assert "Mevlüt Çavuşoğlu" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert any("Briefgen-Arabic" in name for name in fonts), fonts
    assert all("+Briefgen-" in name for name in fonts), fonts


def test_weasyprint_warnings_name_the_brief_and_strict_fails_it(tmp_path: Path) -> None:
    write_brief(tmp_path, "minimal", MINIMAL_BRIEF)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.html").write_text(
        '{% extends "builtin/brief.html" %}\n{% block extra_style %}.kicker { colour: red; }{% endblock %}\n',
        "utf-8",
    )
    relaxed = run_build(tmp_path, "--format", "pdf")
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "warning: while rendering the PDF of `minimal`: Ignored `colour: red`" in relaxed.stdout
    first = (tmp_path / "build" / "minimal.pdf").read_bytes()
    strict = run_build(tmp_path, "--format", "pdf", "--strict")
    assert strict.returncode == 1
    assert "error: while rendering the PDF of `minimal`: Ignored `colour: red`" in strict.stdout
    assert "kept the previous build/minimal.pdf" in strict.stderr
    assert (tmp_path / "build" / "minimal.pdf").read_bytes() == first


def test_fill_in_markers_are_warnings_for_check_but_block_a_build(tmp_path: Path) -> None:
    write_brief(
        tmp_path, "draft", MINIMAL_BRIEF.replace("title: A minimal brief", "title: FILL IN")
    )
    check = subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(tmp_path), "check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0
    assert "briefs/draft/brief.yaml:1:8: warning: `title` is left to fill" in check.stdout
    result = run_build(tmp_path, "--format", "html")
    assert result.returncode == 1
    assert (
        "briefs/draft/brief.yaml:1:8: error: the brief has 1 field left to fill and cannot be rendered yet"
        in result.stdout
    )
    assert "Traceback" not in result.stderr
