"""Issue #6 item 4: brief ids, source files, image and link paths stay inside the brief's folder.

Every escape (``..``, absolute paths, ``file:`` URLs, symlinks pointing out,
a linked brief folder or brief.yaml) is a located error, and the file outside
is never read: its text appears in no message and no output. The output folder
cannot be the workspace, contain it, or sit inside ``briefs/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.errors import BriefgenError
from briefgen.factsheet import read_brief
from briefgen.workspace import open_workspace, select_briefs

try:  # tests/ imported as a package, or as a plain folder on sys.path
    from tests.test_security_support import CANARY, make_workspace, secrets_outside
except ModuleNotFoundError:
    from test_security_support import CANARY, make_workspace, secrets_outside


def _check(root: Path, brief_id: str = "t1"):
    workspace = open_workspace(root)
    return read_brief(select_briefs(workspace, [brief_id])[0], workspace)


def _with_source_file(folder: Path, target: str, quote: str) -> None:
    text = (folder / "brief.yaml").read_text("utf-8")
    text = text.replace("file: sources/a.txt", f"file: '{target}'")
    text = text.replace("text: we will talk again soon", f"text: '{quote}'")
    (folder / "brief.yaml").write_text(text, "utf-8")


SOURCE_ESCAPES = {
    "dotdot": ("../../../../../../../../etc/passwd", "is an absolute path|points outside"),
    "dotdot-canary": ("../../secret.txt", "points outside"),
    "absolute": ("/etc/passwd", "is an absolute path"),
    "file-url": ("file:///etc/passwd", "must be a path, not a URL"),
    "file-url-upper": ("FILE:///etc/passwd", "must be a path, not a URL"),
    "inner-dotdot": ("sources/../../t2/sources/a.txt", "points outside"),
    "symlink-passwd": ("sources/passwd.txt", "points outside"),
    "symlink-canary": ("sources/canary.txt", "points outside"),
    "symlinked-folder": ("linked/secret.txt", "points outside"),
    "dev": ("/dev/zero", "is an absolute path"),
}


@pytest.mark.parametrize(("target", "expected"), SOURCE_ESCAPES.values(), ids=SOURCE_ESCAPES)
def test_source_files_cannot_leave_the_brief_folder(
    tmp_path: Path, target: str, expected: str
) -> None:
    secrets = secrets_outside(tmp_path)
    folder = make_workspace(tmp_path)
    make_workspace(tmp_path, "t2")
    (folder / "sources" / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sources" / "canary.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    # The quote is text of the file outside: verifying it would prove the file was read.
    _with_source_file(folder, target, CANARY if "canary" in target else secrets[1])
    result = _check(tmp_path)
    assert result.brief is None
    outside = [p for p in result.problems if p.code == "path-outside"]
    assert len(outside) == 1, [p.format() for p in result.problems]
    problem = outside[0]
    assert any(part in problem.message for part in expected.split("|")), problem.format()
    assert problem.line == 16 and problem.col > 1  # the `file:` value
    assert "inside the brief's folder" in problem.hint or "put the URL in `url:`" in problem.hint
    # Nothing outside was read: no quote was checked against it, and no message quotes it.
    assert not [p for p in result.problems if p.code == "quote-not-found"]
    assert not any(CANARY in p.message or "root:x:0:0" in p.message for p in result.problems[1:])


IMAGE_ESCAPES = [
    "../../../../../../../../etc/hostname",
    "/etc/passwd",
    "file:///etc/passwd",
    "sources/passwd.png",
    "linked/secret.txt",
    "../t2/sources/a.txt",
]


@pytest.mark.parametrize("kind", ["image", "link"])
@pytest.mark.parametrize("target", IMAGE_ESCAPES)
def test_image_and_link_targets_cannot_leave_the_brief_folder(
    tmp_path: Path, target: str, kind: str
) -> None:
    secrets_outside(tmp_path)
    folder = make_workspace(tmp_path)
    make_workspace(tmp_path, "t2")
    (folder / "sources" / "passwd.png").symlink_to("/etc/passwd")
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    markdown = f"![a chart]({target})" if kind == "image" else f"[a file]({target})"
    text = (folder / "brief.yaml").read_text("utf-8")
    text = text.replace("summary: Ministers met [@a].", f"summary: Met {markdown} [@a].")
    (folder / "brief.yaml").write_text(text, "utf-8")
    result = _check(tmp_path)
    assert result.brief is None
    codes = [p.code for p in result.problems if p.severity == "error"]
    assert codes in (["path-outside"], ["unsafe-link"]), [p.format() for p in result.problems]
    problem = result.problems[0]
    assert problem.line == 3 and problem.col > 9  # on the target inside the summary


def test_a_symlinked_image_is_not_embedded_even_if_the_check_were_skipped(tmp_path: Path) -> None:
    from briefgen.render import _image_source

    folder = make_workspace(tmp_path)
    (folder / "passwd.png").symlink_to("/etc/passwd")
    workspace = open_workspace(tmp_path)
    brief = read_brief(select_briefs(workspace, ["t1"])[0], workspace).brief
    assert brief is not None
    for target in ("html", "pdf"):
        resolve = _image_source(brief, target)
        assert resolve("passwd.png") is None
        assert resolve("../../secret.txt") is None
        assert resolve("/etc/passwd") is None


@pytest.mark.parametrize("name", ["Bad_Name", "with space", "UPPER", "-lead", "dots.in.name"])
def test_brief_ids_are_slugs(tmp_path: Path, name: str) -> None:
    make_workspace(tmp_path, name)
    result = _check(tmp_path, name)
    assert result.brief is None
    problem = next(p for p in result.problems if p.code == "bad-brief-id")
    assert f"the brief id `{name}` (its folder name) is not a lowercase slug" in problem.message
    assert problem.hint.startswith("rename the folder to `")


def test_a_brief_id_never_names_a_path_outside_briefs(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    workspace = open_workspace(tmp_path)
    for name in ("..", "../..", "/etc", "t1/../../..", "briefs/../.."):
        with pytest.raises(BriefgenError):
            select_briefs(workspace, [name])


def test_a_brief_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    make_workspace(outside, "real")
    (outside / "briefs" / "real" / "secret.txt").write_text(CANARY, "utf-8")
    root = tmp_path / "ws"
    (root / "briefs").mkdir(parents=True)
    (root / "briefs" / "linked").symlink_to(outside / "briefs" / "real", target_is_directory=True)
    result = _check(root, "linked")
    assert result.brief is None
    assert [p.code for p in result.problems] == ["path-outside"]
    assert "the brief folder briefs/linked is a link to" in result.problems[0].message
    outcome = CliRunner().invoke(cli, ["-C", str(root), "build", "--format", "html"])
    assert outcome.exit_code == 1
    assert not (root / "build" / "linked.html").exists()


def test_a_brief_yaml_linked_from_outside_is_refused(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path / "ws")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text((folder / "brief.yaml").read_text("utf-8"), "utf-8")
    (folder / "brief.yaml").unlink()
    (folder / "brief.yaml").symlink_to(elsewhere)
    result = _check(tmp_path / "ws")
    assert result.brief is None
    assert [p.code for p in result.problems] == ["path-outside"]
    assert "brief.yaml is a link to" in result.problems[0].message


def test_a_fifo_as_source_file_does_not_hang_the_check(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path)
    os.mkfifo(folder / "sources" / "pipe.txt")
    _with_source_file(folder, "sources/pipe.txt", "we will talk again soon")
    result = _check(tmp_path)  # would block forever reading the pipe
    assert result.brief is None
    assert "missing-file" in {p.code for p in result.problems}


# -- the output folder ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "is the workspace itself"),
        ("briefs", "is inside briefs/, where the fact sheets live"),
        ("briefs/x", "is inside briefs/, where the fact sheets live"),
        ("briefs/t1", "is inside briefs/, where the fact sheets live"),
        ("..", "contains the workspace"),
        ("/", "contains the workspace"),
        ("link-to-briefs", "is inside briefs/, where the fact sheets live"),
        ("link-to-briefs/t1/out", "is inside briefs/, where the fact sheets live"),
    ],
)
def test_the_output_folder_cannot_clobber_the_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str, message: str
) -> None:
    make_workspace(tmp_path)
    (tmp_path / "link-to-briefs").symlink_to(tmp_path / "briefs", target_is_directory=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(cli, ["build", "--format", "html", "--out", out])
    assert outcome.exit_code == 1
    # The folder is named as given (the CLI may make it absolute), then why it is refused.
    said = re.search(r"error: the output folder (\S+) (.*) — ", outcome.output)
    assert said, outcome.output
    assert Path(said.group(1)) in {Path(out), tmp_path / out}
    assert said.group(2) == message
    assert "Traceback" not in outcome.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_output_setting_cannot_point_into_briefs(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    (tmp_path / "briefgen.yaml").write_text("output: briefs/t1\n", "utf-8")
    outcome = CliRunner().invoke(cli, ["-C", str(tmp_path), "build", "--format", "html"])
    assert outcome.exit_code == 1
    assert "is inside briefs/, where the fact sheets live" in outcome.output
    assert not (tmp_path / "briefs" / "t1" / "t1.html").exists()


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("/", "is outside the workspace"),
        ("..", "is outside the workspace"),
        (".", "is the workspace itself"),
    ],
)
def test_the_templates_setting_cannot_open_the_disk_to_the_pdf(
    tmp_path: Path, setting: str, said: str
) -> None:
    make_workspace(tmp_path)
    (tmp_path / "briefgen.yaml").write_text(f"paper: A4\ntemplates: '{setting}'\n", "utf-8")
    outcome = CliRunner().invoke(cli, ["-C", str(tmp_path), "build", "--format", "html"])
    assert outcome.exit_code == 1
    assert f"briefgen.yaml:2:12: error: the templates folder `{setting}` {said}" in outcome.output
    assert not (tmp_path / "build").exists()
