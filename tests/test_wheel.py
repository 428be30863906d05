"""The wheel really ships what a build needs: templates, fonts, schemas, the example brief,
and the data the drafter reads."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pypdf
import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (found,) = out.glob("briefgen-*.whl")
    return found


def test_wheel_contains_templates_fonts_schemas_and_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefgen/_templates/brief.html",
        "briefgen/_templates/brief.css",
        "briefgen/_templates/sections/positions.html",
        "briefgen/fonts/NotoSerif-Regular.ttf",
        "briefgen/fonts/NotoNaskhArabic-Regular.ttf",
        "briefgen/fonts/OFL.txt",
        "briefgen/schemas/brief.schema.json",
        "briefgen/_example/moscow-quadrilateral-talks-2023/brief.yaml",
        "briefgen/_example/moscow-quadrilateral-talks-2023/sources/aljazeera.txt",
        "briefgen/py.typed",
        "briefgen/data/known_bodies.tsv",  # the drafter's list of well-known bodies
    ):
        assert required in names, required


@pytest.mark.slow
def test_installed_wheel_builds_in_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # Dependencies come from this interpreter's site-packages; briefgen itself only from the wheel.
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import briefgen, sys; print(briefgen.__file__)"],
        cwd=empty,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), (
        f"briefgen imported from {where}, not the installed wheel"
    )
    result = subprocess.run(
        [str(env_dir / "bin" / "briefgen"), "build"],
        cwd=empty,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = empty / "build" / "moscow-quadrilateral-talks-2023.pdf"
    assert pdf.exists() and (empty / "build" / "moscow-quadrilateral-talks-2023.html").exists()
    reader = pypdf.PdfReader(pdf)
    assert "Sergei Lavrov" in "".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert fonts and all("+Briefgen-" in name for name in fonts), fonts
    assert not (empty / "briefs").exists(), (
        "building the bundled example must not write into the folder's briefs/"
    )
