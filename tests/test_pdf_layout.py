"""Layout under stress: nothing overflows the page, and PDF variants are honoured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from tests.briefs_factory import MINIMAL_BRIEF, write_brief

LONG_WORD = "Supercalifragilistic" * 8
LONG_URL = "https://example.org/" + "a-very-long-path-segment/" * 10 + "?q=" + "x" * 60
LONG_NAME = "Abdulrahman " + "Bin" * 20 + " Al-Exampleeeeeeeeeeeeeeeeeeeeeeeee"

STRESS_BRIEF = f"""\
title: {LONG_WORD} talks
date: 2024-03-01
marking: UNCLASSIFIED
summary: A summary with {LONG_WORD} and a link <{LONG_URL}> [@wire].
participants:
  long:
    name: {LONG_NAME}
    role: Deputy Assistant Undersecretary for {LONG_WORD}
    country: Saudi Arabia
    organization: {LONG_WORD} Organisation
  other:
    name: Anna Example
    country: NO
positions:
  - actor: long
    stance: {LONG_WORD}
    summary: Wants {LONG_WORD} [@wire].
    stances:
      issue-a: supports
  - actor: other
    summary: Says no [@wire].
    stances:
      issue-a: opposes
issues:
  issue-a: {LONG_WORD}
sources:
  wire:
    title: {LONG_WORD}
    url: {LONG_URL}
"""


def build(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(workspace), "build", "--format", "pdf", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_long_words_urls_and_names_stay_inside_the_page(tmp_path: Path) -> None:
    write_brief(tmp_path, "stress", STRESS_BRIEF)
    result = build(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = pypdfium2.PdfDocument(tmp_path / "build" / "stress.pdf")
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        text = page.get_textpage()
        for char in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(char)
            if right - left <= 0:
                continue
            assert left >= 0 and right <= width + 0.5, (
                f"page {index + 1}: character {char} overflows ({left}, {right})"
            )
            assert bottom >= 0 and top <= height + 0.5
    reader = pypdf.PdfReader(tmp_path / "build" / "stress.pdf")
    flat = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert "Norway" in flat  # `country: NO` is Norway, not false
    assert "UNCLASSIFIED" in reader.pages[0].extract_text()


@pytest.mark.slow
def test_pdf_ua_variant(tmp_path: Path) -> None:
    write_brief(
        tmp_path,
        "ua",
        """\
        title: Accessible brief
        date: 2024-03-01
        summary: Short [@wire].
        participants:
          a:
            name: Anna Example
        positions:
          - actor: a
            summary: Talks [@wire].
        sources:
          wire:
            title: Wire
        """,
    )
    result = build(tmp_path, "--pdf-variant", "pdf/ua-1")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = pypdf.PdfReader(tmp_path / "build" / "ua.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert ("pdfuaid:part" in xmp and ">1<" in xmp.replace(" ", "")) or 'pdfuaid:part="1"' in xmp
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])


def test_usage_error_for_unknown_variant(tmp_path: Path) -> None:
    result = build(tmp_path, "--pdf-variant", "pdf/z-9")
    assert result.returncode == 2
    assert "Invalid value for '--pdf-variant'" in result.stderr


def test_builds_leave_no_font_folders_in_tmp(tmp_path: Path) -> None:
    """WeasyPrint copies fonts to a temporary folder per font configuration; none may be left."""
    workspace = tmp_path / "ws"
    for name in ("one", "two"):
        write_brief(workspace, name, MINIMAL_BRIEF)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefgen",
            "-C",
            str(workspace),
            "build",
            "--format",
            "pdf",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "TMPDIR": str(private_tmp)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in private_tmp.iterdir()) == []
