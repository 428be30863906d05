"""Never lose work (issue #6 item 5): a build killed at any moment (SIGINT, SIGTERM, kill -9)
leaves only complete PDFs that pypdf opens, earlier outputs intact, no partial file after a
clean stop, no worker process behind, and the analyst's files untouched."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest

from tests.conftest import VALID_BRIEF
from tests.test_build_cache import make_workspace

IDS = ("alpha-talks", "beta-talks", "gamma-talks", "delta-talks", "epsilon-talks")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_outputs_valid(build: Path) -> None:
    for pdf in build.glob("*.pdf"):
        reader = pypdf.PdfReader(pdf)  # raises on a truncated or half-written file
        assert len(reader.pages) >= 1, pdf
        assert "Delegations meet in Geneva" in reader.pages[0].extract_text(), pdf
    for html in build.glob("*.html"):
        assert html.read_text("utf-8").rstrip().endswith("</html>"), html


def partial_files(build: Path) -> list[Path]:
    return [p for p in build.rglob("*") if p.name.endswith(".part")]


def group_gone(pgid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", "-C", str(root), "build", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to see that no worker outlives it
    )


@pytest.mark.slow
def test_builds_killed_at_random_moments_leave_only_valid_files(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, IDS)
    build = root / "build"
    first = subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode == 0, first.stdout + first.stderr
    assert_outputs_valid(build)
    rng = random.Random(7)
    moments = [0.2, 0.8, 1.5, 2.5, 4.0, 6.0]
    rng.shuffle(moments)
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 2
    for round_number, (moment, sig) in enumerate(zip(moments, signals, strict=True)):
        # Every brief changes, so the build has everything to render again.
        for brief_id in IDS:
            (root / "briefs" / brief_id / "brief.yaml").write_text(
                VALID_BRIEF.replace("They agreed", f"Round {round_number}: they agreed"), "utf-8"
            )
        briefs_before = tree_digest(root / "briefs")
        process = start_build(root)
        time.sleep(moment + rng.random() * 0.3)
        os.kill(process.pid, sig)
        out, err = process.communicate(timeout=120)
        assert group_gone(process.pid), f"a worker outlived the build ({sig.name})"
        assert tree_digest(root / "briefs") == briefs_before, "the build changed the briefs"
        assert_outputs_valid(build)
        if process.returncode in (0, 1):
            continue  # it finished before the signal
        if sig == signal.SIGKILL:
            continue
        assert partial_files(build) == []
        if process.returncode == -sig:
            continue  # it arrived while Python was still starting: killed before any write
        assert process.returncode == 128 + sig, (process.returncode, out, err)
        assert "interrupted: the files written so far are complete" in err
        assert "Traceback" not in err
    # The next build finishes the work and sweeps any partial file a kill -9 left behind.
    final = subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert final.returncode == 0, final.stdout + final.stderr
    assert partial_files(build) == []
    assert_outputs_valid(build)
    assert sorted(p.stem for p in build.glob("*.pdf")) == sorted(IDS)
    for pdf in build.glob("*.pdf"):
        text = pypdf.PdfReader(pdf).pages[0].extract_text()
        assert "Round 5" in text.replace("\n", " "), pdf


def test_a_failing_brief_keeps_its_previous_output_and_says_so(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    command = [sys.executable, "-m", "briefgen", "-C", str(root), "build", "--format", "html"]
    assert subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    good = (root / "build" / "alpha-talks.html").read_bytes()
    yaml_path = root / "briefs" / "alpha-talks" / "brief.yaml"
    yaml_path.write_text(VALID_BRIEF.replace("title: ", "title: [unclosed ", 1), "utf-8")
    before = tree_digest(root / "briefs")
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "failed: alpha-talks was not built; kept the previous build/alpha-talks.html" in (
        result.stderr
    )
    assert (root / "build" / "alpha-talks.html").read_bytes() == good
    assert tree_digest(root / "briefs") == before
