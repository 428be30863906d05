"""Issue #6 item 3: safe YAML; tags reported (all at once); aliases and file size bounded.

Fixtures in tests/fixtures/hostile/: ``tags.brief.yaml`` (every language tag an
unsafe loader would construct, two of which would ``touch`` a marker file) and
``billion-laughs.brief.yaml``.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.factsheet import read_brief
from briefgen.loader import load_yaml_file, load_yaml_text
from briefgen.workspace import open_workspace, select_briefs

try:  # tests/ imported as a package, or as a plain folder on sys.path
    from tests.test_security_support import MINIMAL_BRIEF, make_workspace
except ModuleNotFoundError:
    from test_security_support import MINIMAL_BRIEF, make_workspace

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
TAG_LINES = {3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19}


def _tags_workspace(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "MARKER"
    folder = tmp_path / "briefs" / "t1"
    folder.mkdir(parents=True)
    text = (HOSTILE / "tags.brief.yaml").read_text("utf-8").replace("MARKER_PATH", str(marker))
    (folder / "brief.yaml").write_text(text, "utf-8")
    return tmp_path, marker


def test_the_tag_payload_is_real_for_an_unsafe_loader(tmp_path: Path) -> None:
    # The control: PyYAML's unsafe loader runs the payload, so the test below means something.
    marker = tmp_path / "CONTROL"
    payload = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    code = "import sys, yaml; yaml.unsafe_load(sys.stdin.read())"
    subprocess.run([sys.executable, "-c", code], input=payload, text=True, check=True)
    assert marker.exists()


def test_every_language_tag_is_reported_in_one_run_and_none_is_constructed(
    tmp_path: Path,
) -> None:
    root, marker = _tags_workspace(tmp_path)
    workspace = open_workspace(root)
    result = read_brief(select_briefs(workspace, ["t1"])[0], workspace)
    assert result.brief is None
    tagged = [p for p in result.problems if p.code == "yaml-tag"]
    assert {p.line for p in tagged} == TAG_LINES, [p.format() for p in result.problems]
    for problem in tagged:
        assert problem.message.startswith("the tag `!")
        assert problem.message.endswith("` is not allowed")
        assert "remove the tag" in problem.hint
    shown = {p.message.split("`")[1] for p in tagged}
    assert {
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!!binary",
        "!!python/object/new:subprocess.Popen",
        "!!python/module:os",
        "!!python/tuple",
        "!ruby/object:Gem::Installer",
        "!custom",
    } <= shown
    assert not marker.exists()


def test_check_command_reports_the_tags_with_file_line_col(tmp_path: Path) -> None:
    root, marker = _tags_workspace(tmp_path)
    outcome = CliRunner().invoke(cli, ["-C", str(root), "check"])
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.output
    lines = [line for line in outcome.output.splitlines() if "is not allowed" in line]
    assert len(lines) == len(TAG_LINES)
    assert lines[0] == (
        "briefs/t1/brief.yaml:3:8: error: the tag `!!python/object/apply:os.system` is not "
        "allowed — fact sheets are plain YAML; remove the tag and write the value as text"
    )
    assert not marker.exists()


def test_billion_laughs_fails_fast_and_small() -> None:
    path = HOSTILE / "billion-laughs.brief.yaml"
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = load_yaml_file(path, "brief.yaml")
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.document is None
    assert [p.code for p in result.problems] == ["yaml-too-large"]
    problem = result.problems[0]
    assert problem.format().startswith(
        "brief.yaml:7:5: error: the document expands to more than 100,000 values"
    )
    assert seconds < 2.0
    assert peak < 3_000_000, f"{peak:,} bytes"


@pytest.mark.parametrize(
    "text", ["a: &a [*a]\n", "a: &a {b: [1, *a]}\n", "x: 1\na: &a [1, [2, [*a]]]\n"]
)
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    result = load_yaml_text(text, Path("brief.yaml"), "brief.yaml")
    assert result.document is None
    assert [p.code for p in result.problems] == ["yaml-too-large"]
    assert "inside its own anchor" in result.problems[0].message


def test_modest_aliases_still_work() -> None:
    text = "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n"
    result = load_yaml_text(text, Path("brief.yaml"), "brief.yaml")
    assert result.problems == []
    assert result.document is not None
    assert result.document.data == {"a": [1, 2], "b": [1, 2], "c": [[1, 2], [1, 2]]}


def test_jinja_in_yaml_is_only_text() -> None:
    text = "title: '{{ 7*7 }}'\nsummary: \"{% raw %}x{% endraw %} {{ config }}\"\n"
    result = load_yaml_text(text, Path("brief.yaml"), "brief.yaml")
    assert result.document is not None
    assert result.document.data == {
        "title": "{{ 7*7 }}",
        "summary": "{% raw %}x{% endraw %} {{ config }}",
    }


def _padded_brief(size: int) -> str:
    text = MINIMAL_BRIEF.format(title="Test brief", summary="Ministers met [@a].")
    padding = size - len(text.encode("utf-8"))
    lines = ["# " + "x" * 98] * (padding // 101)
    return text + "\n".join(lines) + "\n"


def test_a_two_megabyte_brief_gets_a_clear_size_message(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path)
    (folder / "brief.yaml").write_text(_padded_brief(2_000_000), "utf-8")
    size = (folder / "brief.yaml").stat().st_size
    outcome = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert outcome.exit_code == 1
    message = (
        f"error: the file is {size:,} bytes, over the limit of "
        "1,000,000 — split the brief, or raise `limits.max_yaml_bytes` in briefgen.yaml"
    )
    # A whole-file problem has no line: `path:0:0:` or just `path:`.
    assert (
        f"briefs/t1/brief.yaml: {message}" in outcome.output
        or f"briefs/t1/brief.yaml:0:0: {message}" in outcome.output
    ), outcome.output


def test_limits_max_yaml_bytes_raises_the_limit(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path)
    (folder / "brief.yaml").write_text(_padded_brief(2_000_000), "utf-8")
    (tmp_path / "briefgen.yaml").write_text("limits:\n  max_yaml_bytes: 3000000\n", "utf-8")
    outcome = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert outcome.exit_code == 0, outcome.output
    assert "0 errors" in outcome.output


def test_limits_max_yaml_bytes_lowers_the_limit(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path)
    (folder / "brief.yaml").write_text(_padded_brief(5_000), "utf-8")
    (tmp_path / "briefgen.yaml").write_text("limits:\n  max_yaml_bytes: 4000\n", "utf-8")
    outcome = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert outcome.exit_code == 1
    assert "over the limit of 4,000 — split the brief" in outcome.output
