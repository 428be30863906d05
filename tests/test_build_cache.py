"""The build cache: unchanged briefs are not rendered again, anything that matters is noticed,
a damaged cache is never trusted, and briefs with problems report them on every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from briefgen import factsheet
from briefgen.build import BuildOptions, build_workspace
from briefgen.cli import cli
from briefgen.workspace import open_workspace
from tests.conftest import VALID_BRIEF, WIRE_TEXT

HTML = ("--format", "html")


def make_workspace(root: Path, ids: tuple[str, ...] = ("alpha-talks", "beta-talks")) -> Path:
    for brief_id in ids:
        folder = root / "briefs" / brief_id
        (folder / "sources").mkdir(parents=True)
        (folder / "sources" / "wire.txt").write_text(WIRE_TEXT, "utf-8")
        (folder / "brief.yaml").write_text(VALID_BRIEF, "utf-8")
    return root


def build(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "build", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_noop_rebuild_renders_nothing_and_leaves_files_alone(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, out, _ = build(root, *HTML)
    assert code == 0, out
    assert "wrote build/alpha-talks.html (" in out and "2 built, 0 up to date, 0 failed" in out
    html = root / "build" / "alpha-talks.html"
    before = html.stat().st_mtime_ns
    code, out, _ = build(root, *HTML)
    assert code == 0
    assert "wrote" not in out
    assert out.strip().endswith("0 built, 2 up to date, 0 failed")
    assert html.stat().st_mtime_ns == before
    code, out, _ = build(root, *HTML, "-v")
    assert (
        "up to date: build/alpha-talks.html" in out and "up to date: build/beta-talks.html" in out
    )


def test_noop_rebuild_parses_no_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path)
    workspace = open_workspace(root)
    options = BuildOptions(formats=("html",))
    first = build_workspace(workspace, (), options)
    assert first.count("built") == 2

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a no-op rebuild read a fact sheet")

    monkeypatch.setattr(factsheet, "read_brief", refuse)
    second = build_workspace(workspace, (), options)
    assert second.count("up to date") == 2 and second.workers == 0


def test_editing_one_brief_rebuilds_only_that_brief(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    build(root, *HTML)
    path = root / "briefs" / "beta-talks" / "brief.yaml"
    path.write_text(path.read_text("utf-8").replace("met in Geneva", "met again in Geneva"))
    code, out, _ = build(root, *HTML)
    assert code == 0
    assert "wrote build/beta-talks.html" in out and "alpha-talks" not in out
    assert "1 built, 1 up to date, 0 failed" in out
    assert "met again in Geneva" in (root / "build" / "beta-talks.html").read_text("utf-8")


@pytest.mark.parametrize(
    "change",
    ["source file", "new file in the brief", "briefgen.yaml", "template override"],
)
def test_every_input_is_part_of_the_key(tmp_path: Path, change: str) -> None:
    root = make_workspace(tmp_path)
    build(root, *HTML)
    if change == "source file":
        (root / "briefs" / "alpha-talks" / "sources" / "wire.txt").write_text(
            WIRE_TEXT + "More.\n", "utf-8"
        )
        expected = "1 built, 1 up to date"
    elif change == "new file in the brief":
        (root / "briefs" / "alpha-talks" / "photo.png").write_bytes(b"\x89PNG not really")
        expected = "1 built, 1 up to date"
    elif change == "briefgen.yaml":
        (root / "briefgen.yaml").write_text("organization: Another Desk\n", "utf-8")
        expected = "2 built, 0 up to date"
    else:
        (root / "templates").mkdir()
        (root / "templates" / "screen.css").write_text("body { color: #123456; }\n", "utf-8")
        expected = "2 built, 0 up to date"
        # This process already made a template environment without the new folder.
        from briefgen.render import template_environment

        template_environment.cache_clear()
    code, out, _ = build(root, *HTML)
    assert code == 0, out
    assert expected in out
    if change == "template override":
        assert "#123456" in (root / "build" / "alpha-talks.html").read_text("utf-8")
    if change == "briefgen.yaml":
        assert "Another Desk" in (root / "build" / "alpha-talks.html").read_text("utf-8")


def test_strict_is_part_of_the_key(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    build(root, *HTML)
    _, out, _ = build(root, *HTML, "--strict")
    assert "1 built, 0 up to date" in out


def test_force_renders_everything(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    build(root, *HTML)
    code, out, _ = build(root, *HTML, "--force")
    assert code == 0 and "2 built, 0 up to date" in out


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "checksum", "other brief", "output deleted", "output edited"],
)
def test_a_damaged_cache_or_output_is_not_trusted(tmp_path: Path, damage: str) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    build(root, *HTML)
    record = root / "build" / ".cache" / "alpha-talks.json"
    output = root / "build" / "alpha-talks.html"
    good = output.read_bytes()
    if damage == "garbage":
        record.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        record.write_bytes(record.read_bytes()[:40])
    elif damage == "checksum":
        data = json.loads(record.read_text("utf-8"))
        data["record"]["status"] = "failed"  # a record edited by hand: checksum no longer matches
        record.write_text(json.dumps(data), "utf-8")
    elif damage == "other brief":
        data = json.loads(record.read_text("utf-8"))
        (root / "build" / ".cache" / "beta-talks.json").write_text(json.dumps(data), "utf-8")
        make_workspace(tmp_path, ("beta-talks",))
        record.unlink()
    elif damage == "output deleted":
        output.unlink()
    else:
        output.write_bytes(good.replace(b"Geneva", b"Genf!!"))  # same size, other bytes
        os.utime(output, ns=(1, 1))
    code, out, _ = build(root, *HTML)
    assert code == 0, out
    assert "wrote build/alpha-talks.html" in out
    assert output.read_bytes() == good
    again = build(root, *HTML)[1]
    assert "0 built" in again


def test_output_touched_but_unchanged_stays_up_to_date(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    build(root, *HTML)
    output = root / "build" / "alpha-talks.html"
    os.utime(output, ns=(10**18, 10**18))  # copied with another time, same bytes
    assert "0 built, 1 up to date" in build(root, *HTML)[1]


def test_a_failed_brief_reports_its_problems_on_every_run(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    bad = root / "briefs" / "beta-talks" / "brief.yaml"
    bad.write_text(VALID_BRIEF.replace("date: 2024-03-01\n", "date: 2024-13-45\n", 1), "utf-8")
    runs = [build(root, *HTML) for _ in range(2)]
    for code, out, err in runs:
        assert code == 1
        assert "briefs/beta-talks/brief.yaml:2:7: error:" in out
        assert "failed: beta-talks was not built" in err
        assert "1 built" in out or "1 up to date" in out
    assert "0 built, 1 up to date, 1 failed" in runs[1][1]
    # Fixed: built at once, although the failure was cached.
    bad.write_text(VALID_BRIEF, "utf-8")
    code, out, _ = build(root, *HTML)
    assert code == 0 and "wrote build/beta-talks.html" in out


def test_cache_off_neither_reads_nor_writes(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    report = build_workspace(
        open_workspace(root), (), BuildOptions(formats=("html",), use_cache=False)
    )
    assert report.count("built") == 1
    assert not (root / "build" / ".cache").exists()


@pytest.mark.slow
def test_pdf_noop_rebuild_starts_no_worker_and_imports_no_weasyprint(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    code, out, err = build(root, "--jobs", "1")
    assert code == 0, out + err
    pdf = root / "build" / "alpha-talks.pdf"
    assert "Delegations meet in Geneva" in pypdf.PdfReader(pdf).pages[0].extract_text()
    probe = (
        "import sys\n"
        "from briefgen.cli import main\n"
        f"sys.argv = ['briefgen', '-C', {str(root)!r}, 'build', '-v']\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    heavy = sorted(m for m in ('weasyprint', 'pydyf', 'fontTools', 'PIL', 'jinja2',"
        " 'markdown_it', 'rich') if m in sys.modules)\n"
        "    print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date: build/alpha-talks.pdf" in result.stdout
    assert "worker process" not in result.stdout
    assert "HEAVY []" in result.stdout


def test_many_html_only_briefs_are_rendered_by_workers(tmp_path: Path) -> None:
    ids = tuple(f"brief-{n:02d}" for n in range(9))
    root = make_workspace(tmp_path, ids)
    report = build_workspace(open_workspace(root), (), BuildOptions(formats=("html",), jobs=2))
    assert report.workers == 2 and report.count("built") == 9
    for brief_id in ids:
        page = (root / "build" / f"{brief_id}.html").read_text("utf-8")
        assert "Delegations meet in Geneva" in page and page.rstrip().endswith("</html>")
