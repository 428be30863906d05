"""Render workers: reused, results for every job, and a crash, a hang or an exception fails that
job only, with a clear message, while the others go on. Then the same through a whole build."""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import build as build_module
from briefgen.build import BuildOptions, RenderedBrief, build_workspace
from briefgen.cli import cli
from briefgen.workers import RenderJob, RenderPool, choose_context
from briefgen.workspace import open_workspace
from tests.test_build_cache import make_workspace


def pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def misbehave(how: str) -> str:
    if how == "exit":
        os._exit(3)
    if how == "segfault":
        faulthandler.disable()  # pytest's fault handler would print a stack dump
        os.kill(os.getpid(), signal.SIGSEGV)
    if how == "hang":
        time.sleep(60)
    if how == "raise":
        raise ValueError("bad table")
    return how


def jobs(call, values) -> list[RenderJob]:
    return [RenderJob(i, f"brief-{i}", call, (v,), {}) for i, v in enumerate(values)]


def test_fork_is_chosen_where_it_exists() -> None:
    assert choose_context().get_start_method() == "fork"


def test_every_job_comes_back_and_workers_are_reused() -> None:
    with RenderPool(2, timeout=30, warm=None) as pool:
        results = list(pool.run(jobs(pid_and, range(8))))
    assert sorted(r.index for r in results) == list(range(8))
    assert all(r.error is None for r in results)
    assert {r.index: r.value[1] for r in results} == {i: i * 2 for i in range(8)}
    pids = {r.value[0] for r in results}
    assert len(pids) <= 2 and os.getpid() not in pids
    assert pool.replaced == 0


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("exit", "the renderer crashed (exit status 3)"),
        ("segfault", "the renderer crashed (SIGSEGV)"),
        ("raise", "the renderer failed: ValueError: bad table"),
    ],
)
def test_a_crash_fails_that_job_only(how: str, message: str) -> None:
    values = ["ok-0", how, "ok-2", "ok-3", "ok-4"]
    with RenderPool(2, timeout=30, warm=None) as pool:
        results = {r.index: r for r in pool.run(jobs(misbehave, values))}
    assert results[1].error == message
    assert [results[i].value for i in (0, 2, 3, 4)] == ["ok-0", "ok-2", "ok-3", "ok-4"]


def test_a_worker_whose_memory_grew_is_replaced_between_jobs() -> None:
    with RenderPool(1, timeout=30, warm=None, recycle_mb=1, recycle_growth_mb=0) as pool:
        results = list(pool.run(jobs(pid_and, range(4))))
    assert [r.value[1] for r in sorted(results, key=lambda r: r.index)] == [0, 2, 4, 6]
    assert all(r.retiring and r.error is None for r in results)
    assert len({r.value[0] for r in results}) == 4  # a fresh process for every job
    assert pool.recycled == 4


def test_a_hung_job_times_out_and_the_rest_go_on() -> None:
    start = time.monotonic()
    with RenderPool(1, timeout=1.5, warm=None) as pool:
        results = {r.index: r for r in pool.run(jobs(misbehave, ["hang", "a", "b"]))}
    assert results[0].error == "the renderer timed out after 1.5 s"
    assert results[1].value == "a" and results[2].value == "b"
    assert time.monotonic() - start < 20
    assert pool.replaced == 1


def test_no_worker_is_left_behind() -> None:
    pool = RenderPool(2, timeout=1, warm=None)
    processes = [w.process for w in pool.workers if w is not None]
    list(pool.run(jobs(misbehave, ["hang", "a"])))
    pool.close()
    assert all(not p.is_alive() for p in processes)


# --- Through a whole build: the fake renderer is inherited by the forked workers. ---


def fake_render(brief, formats, templates_dir, *, pdf_variant=None, extras=None):
    if brief.id == "beta-talks":
        mode = os.environ.get("FAKE_RENDER", "")
        if mode == "crash":
            os._exit(9)
        if mode == "hang":
            time.sleep(60)
    outputs = {fmt: f"%PDF-fake {brief.id} {fmt}".encode() for fmt in formats}
    return RenderedBrief(brief.id, outputs, dict.fromkeys(formats, 0.01))


@pytest.fixture
def fake_renderer(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(build_module, "render_brief_outputs", fake_render)
    return monkeypatch


@pytest.mark.parametrize("mode", ["crash", "hang"])
def test_a_crashing_or_hung_brief_fails_alone_and_keeps_its_previous_files(
    tmp_path: Path, fake_renderer: pytest.MonkeyPatch, mode: str
) -> None:
    root = make_workspace(tmp_path, ("alpha-talks", "beta-talks", "gamma-talks"))
    (root / "build").mkdir()
    previous = root / "build" / "beta-talks.pdf"
    previous.write_bytes(b"%PDF- the previous good one")
    fake_renderer.setenv("FAKE_RENDER", mode)
    (root / "briefgen.yaml").write_text("limits:\n  render_timeout: 1.5\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["-C", str(root), "build", "--jobs", "2"], catch_exceptions=False
    )
    assert result.exit_code == 1
    reason = "crashed (exit status 9)" if mode == "crash" else "timed out after 1.5 s"
    assert (
        f"failed: beta-talks: the renderer {reason}; kept the previous build/beta-talks.pdf"
        in result.stderr
    )
    assert f"error: the renderer {reason} (beta-talks) — the other briefs went on" in result.stdout
    assert "2 built, 0 up to date, 1 failed" in result.stdout
    assert previous.read_bytes() == b"%PDF- the previous good one"
    assert (root / "build" / "gamma-talks.pdf").read_bytes() == b"%PDF-fake gamma-talks pdf"
    # Lines come in brief order whatever order the workers finished in.
    lines = [line for line in result.stdout.splitlines() if line.startswith("wrote ")]
    assert [line.split()[1] for line in lines] == [
        "build/alpha-talks.pdf",
        "build/alpha-talks.html",
        "build/gamma-talks.pdf",
        "build/gamma-talks.html",
    ]
    # Not cached: the next build tries the brief again.
    fake_renderer.setenv("FAKE_RENDER", "")
    again = CliRunner().invoke(cli, ["-C", str(root), "build"], catch_exceptions=False)
    assert again.exit_code == 0 and "1 built, 2 up to date, 0 failed" in again.stdout


def test_outcomes_arrive_in_brief_order(tmp_path: Path, fake_renderer: pytest.MonkeyPatch) -> None:
    ids = tuple(f"brief-{n:02d}" for n in range(7))
    root = make_workspace(tmp_path, ids)
    seen: list[str] = []
    progress: list[int] = []
    report = build_workspace(
        open_workspace(root),
        (),
        BuildOptions(jobs=2),
        on_outcome=lambda o: seen.append(o.ref.id),
        on_progress=lambda done, total, o: progress.append(done),
    )
    assert seen == list(ids)
    assert progress == list(range(1, 8))
    assert report.workers == 2 and report.count("built") == 7
