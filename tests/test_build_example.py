"""The example brief, built as a user would: PDF text, pages, outline, metadata; HTML structure."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ID = "moscow-quadrilateral-talks-2023"
SECTION_HEADINGS = [
    "Summary",
    "Key judgments",
    "Participants",
    "Positions",
    "Positions at a glance",
    "Regional context",
    "Outlook",
    "Sources",
]
PARTICIPANTS = [
    "Sergei Lavrov",
    "Faisal Mekdad",
    "Mevlut Cavusoglu",
    "Hossein Amirabdollahian",
]


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example once, in a copy of the workspace, with the real CLI."""
    workspace = tmp_path_factory.mktemp("ws")
    shutil.copytree(REPO / "briefs", workspace / "briefs")
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(workspace), "build"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote build/{EXAMPLE_ID}.pdf (" in result.stdout
    assert f"wrote build/{EXAMPLE_ID}.html (" in result.stdout
    return workspace / "build"


@pytest.fixture(scope="session")
def pdf(example_build: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(example_build / f"{EXAMPLE_ID}.pdf")


@pytest.fixture(scope="session")
def pdf_text(pdf: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def test_pdf_has_every_section_heading_and_participant(pdf_text: str) -> None:
    for heading in SECTION_HEADINGS:
        assert heading in pdf_text
    for name in PARTICIPANTS:
        assert name in pdf_text
    assert "Russian Foreign Ministry" in pdf_text


def test_pdf_sections_appear_in_the_contract_order(pdf: pypdf.PdfReader) -> None:
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert titles == ["Contents", *SECTION_HEADINGS] or titles == SECTION_HEADINGS


def test_pdf_outline_has_sections_and_each_actor(pdf: pypdf.PdfReader) -> None:
    outline = pdf.outline
    flat_titles = []
    for item in outline:
        if isinstance(item, list):
            flat_titles.extend(child.title for child in item if not isinstance(child, list))
        else:
            flat_titles.append(item.title)
    for heading in SECTION_HEADINGS:
        assert heading in flat_titles
    positions_index = [i for i, item in enumerate(outline) if not isinstance(item, list)].index(
        next(
            i
            for i, item in enumerate(outline)
            if not isinstance(item, list) and item.title == "Positions"
        )
    )
    children = outline[
        [i for i, item in enumerate(outline) if not isinstance(item, list)][positions_index] + 1
    ]
    assert isinstance(children, list)
    assert [child.title for child in children] == [
        "Sergei Lavrov",
        "Russian Foreign Ministry",
        "Faisal Mekdad",
        "Mevlut Cavusoglu",
        "Hossein Amirabdollahian",
    ]


def test_pdf_page_count_size_and_footer(pdf: pypdf.PdfReader, pdf_text: str) -> None:
    pages = len(pdf.pages)
    assert 3 <= pages <= 9
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert f"Page 1 of {pages}" in pdf.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in pdf.pages[-1].extract_text()


def test_pdf_marking_on_every_page_and_running_title(pdf: pypdf.PdfReader) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        text = page.extract_text()
        assert text.count("TLP:CLEAR") >= 2, f"page {number} lacks the top and bottom marking"
        if number > 1:
            assert "Russia, Syria, Turkey and Iran hold high-level talks in Moscow" in text


def test_pdf_contents_list_has_page_numbers(pdf: pypdf.PdfReader) -> None:
    first = pdf.pages[0].extract_text()
    assert "CONTENTS" in first.upper()
    assert re.search(r"Summary\s*\.{3,}\s*1\b", first)
    assert re.search(r"Sources\s*\.{3,}\s*\d+", first)


def test_pdf_metadata(pdf: pypdf.PdfReader) -> None:
    meta = pdf.metadata
    assert meta.title == "Russia, Syria, Turkey and Iran hold high-level talks in Moscow"
    assert meta.author == "briefgen example"
    assert meta.subject.startswith("Moscow pushes a Turkey–Syria road map")
    assert "syria" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20230510")
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_pdf_is_tagged(pdf: pypdf.PdfReader) -> None:
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_pdf_quotes_verbatim_and_sources(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    assert "Without progress in this matter, we will remain stagnant" in flat
    assert "Al Jazeera and news agencies, 10 May 2023" in flat
    assert "Source reliability B (usually reliable)" in flat


def test_pdf_fonts_are_the_shipped_ones_and_subset(pdf: pypdf.PdfReader) -> None:
    fonts = set()
    for page in pdf.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts, "no fonts found"
    # Only the shipped faces (declared as "Briefgen …" through @font-face), never a system font.
    assert all(re.match(r"/[A-Z]{6}\+Briefgen-", name) for name in fonts), fonts
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), "fonts are not subset"


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, " ".join(self._text.split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text += data


@pytest.fixture(scope="session")
def html_text(example_build: Path) -> str:
    return (example_build / f"{EXAMPLE_ID}.html").read_text("utf-8")


def test_html_landmarks_and_language(html_text: str) -> None:
    parser = _Outline()
    parser.feed(html_text)
    tags = [tag for tag, _ in parser.tags]
    for landmark in ("header", "nav", "main", "article", "section", "footer"):
        assert landmark in tags
    assert parser.tags[0] == ("html", {"lang": "en"})
    assert tags.count("h1") == 1
    h2s = [text for tag, text in parser.headings if tag == "h2"]
    assert h2s == ["Contents", *SECTION_HEADINGS]
    levels = [int(tag[1]) for tag, _ in parser.headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "heading levels skip"


def test_html_is_self_contained(html_text: str) -> None:
    assert '<link rel="stylesheet"' not in html_text
    assert not re.search(r'src="https?://', html_text)
    assert "@import" not in html_text
    assert html_text.count("TLP:CLEAR") >= 2  # top and bottom banners


def test_html_citations_link_to_sources(html_text: str) -> None:
    assert 'href="#source-aljazeera"' in html_text
    assert 'id="source-aljazeera"' in html_text


def test_stance_matrix_cells(html_text: str) -> None:
    expected = {
        ("road-map", "lavrov"): "supports",
        ("road-map", "mekdad"): "conditional",
        ("foreign-troops", "mekdad"): "opposes",
        ("refugee-return", "cavusoglu"): "supports",
        ("counter-terrorism", "cavusoglu"): "supports",
        ("territorial-integrity", "cavusoglu"): "supports",
        ("foreign-troops", "amirabdollahian"): "unclear",
    }
    rows = re.findall(r'<tr data-issue="([^"]+)">(.*?)</tr>', html_text, re.S)
    cells = {
        (issue, actor): stance
        for issue, row in rows
        for actor, stance in re.findall(r'data-actor="([^"]+)" data-stance="([^"]+)"', row)
    }
    for key, stance in expected.items():
        assert cells[key] == stance, key
    # every stance cell carries a drawn symbol and its word, so greyscale print still reads
    for _issue, row in rows:
        for cell in re.findall(r'<td class="stance stance-(?!none)[^"]*".*?</td>', row, re.S):
            assert "<svg" in cell and "stance-word" in cell


def test_html_matches_golden(html_text: str, request: pytest.FixtureRequest) -> None:
    golden = REPO / "tests" / "golden" / f"{EXAMPLE_ID}.html"
    if request.config.getoption("--update-golden"):
        golden.write_text(html_text, "utf-8")
    assert golden.exists(), "run pytest --update-golden once to create the golden file"
    assert html_text == golden.read_text("utf-8"), (
        "the example's HTML changed; if on purpose, run: python -m pytest tests/test_build_example.py --update-golden"
    )


def test_build_is_reproducible(example_build: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "again"
    shutil.copytree(REPO / "briefs", workspace / "briefs")
    subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(workspace), "build"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for suffix in ("pdf", "html"):
        first = (example_build / f"{EXAMPLE_ID}.{suffix}").read_bytes()
        second = (workspace / "build" / f"{EXAMPLE_ID}.{suffix}").read_bytes()
        assert first == second, f"{suffix} differs between two builds of the same input"
