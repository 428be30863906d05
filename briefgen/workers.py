"""Render processes: started once per build, warmed, reused; a crash or a hang fails one brief.

``concurrent.futures.ProcessPoolExecutor`` marks the whole pool broken when
one worker dies, so this is a small pool of our own: each worker is a
``multiprocessing.Process`` with a pipe. The parent waits on the pipes and the
process sentinels together; a worker that dies is reported against the job
it held and replaced, and a worker past its job's deadline is killed and
replaced the same way. Workers import WeasyPrint when they start (while the
parent is still reading fact sheets) and lay out a tiny page once, so the
first brief does not pay for it. ``fork`` is chosen explicitly where the
platform has it: a forked worker inherits everything the parent imported,
which makes it start several times faster than a spawned one.

Jobs and results are plain picklable data: the frozen ``Brief`` model in,
``RenderedBrief`` (bytes) out. Workers never write files; the parent does.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

START_METHODS = ("fork", "forkserver", "spawn")
# A job's time limit counts from when its worker is ready (WeasyPrint imported, warmed up);
# a worker that takes longer than this to get ready is treated as hung.
STARTUP_LIMIT = 120.0
READY = "ready"
# WeasyPrint's caches grow by about 0.3 MB a brief; a worker whose peak memory passes this
# finishes its job and is replaced (a fresh fork) before the next one.
RECYCLE_RSS_MB = 140.0
# ...and has grown this much since its first job (a worker forked from a big process, such as
# a test runner, starts big: it is replaced only once it has grown, not after every job).
RECYCLE_GROWTH_MB = 15.0


@dataclass(frozen=True)
class RenderJob:
    """One brief to render; ``index`` is the caller's handle for the result."""

    index: int
    brief_id: str
    call: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class JobResult:
    index: int
    brief_id: str
    value: Any = None  # what ``call`` returned, when it returned
    error: str | None = None  # why the job failed, for the user: crash, time-out, exception
    seconds: float = 0.0
    retiring: bool = False  # the worker stops after this job (its memory grew too much)


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def choose_context() -> multiprocessing.context.BaseContext:
    """fork where it exists (markedly faster to start here), else forkserver, else spawn."""
    available = multiprocessing.get_all_start_methods()
    for method in START_METHODS:
        if method in available:
            return multiprocessing.get_context(method)
    return multiprocessing.get_context()  # pragma: no cover - every platform has spawn


def warm_up() -> None:
    """Import WeasyPrint and lay out a tiny page: fonts and stylesheets load before any job."""
    from weasyprint import HTML

    HTML(string="<p style='font-family: serif'>warm <b>up</b></p>").write_pdf()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by kill -9)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _worker_main(
    conn: Connection,
    warm: Callable[[], None] | None,
    parent: int,
    recycle: tuple[float, float],
) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what happens to workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent:
        return  # the parent died while this worker started
    if warm is not None:
        # A failed warm-up shows up again, against a brief, in the first real job.
        with contextlib.suppress(Exception):
            warm()
    try:
        conn.send(READY)
    except (OSError, ValueError):
        return
    baseline: float | None = None  # peak memory after the first job
    while True:
        try:
            # Forked siblings hold copies of the parent's pipe ends, so a dead parent does
            # not always mean end-of-file here: look at who the parent is as well.
            while not conn.poll(0.5):
                if os.getppid() != parent:
                    return
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        start = time.perf_counter()
        try:
            value = job.call(*job.args, **job.kwargs)
            result = JobResult(job.index, job.brief_id, value, None, time.perf_counter() - start)
        except Exception as exc:  # reported against this brief; the worker lives on
            result = JobResult(
                job.index,
                job.brief_id,
                None,
                f"the renderer failed: {type(exc).__name__}: {exc}",
                time.perf_counter() - start,
            )
        peak = _peak_rss_mb()
        if baseline is None:
            baseline = peak
        retiring = recycle[0] > 0 and peak >= recycle[0] and peak - baseline >= recycle[1]
        if retiring:
            result = replace(result, retiring=True)
        try:
            conn.send(result)
        except (OSError, ValueError):
            return
        if retiring:
            return


class _Worker:
    def __init__(
        self,
        context: Any,
        warm: Callable[[], None] | None,
        recycle: tuple[float, float] = (RECYCLE_RSS_MB, RECYCLE_GROWTH_MB),
    ) -> None:
        parent_end, child_end = context.Pipe(duplex=True)
        self.conn: Connection = parent_end
        self.process = context.Process(
            target=_worker_main,
            args=(child_end, warm, os.getpid(), recycle),
            name="briefgen-render",
            daemon=True,
        )
        self.process.start()
        child_end.close()
        self.job: RenderJob | None = None
        self.ready = False
        self.spawned = time.monotonic()
        self.deadline = 0.0
        self.started = 0.0

    def give(self, job: RenderJob, timeout: float) -> None:
        self.job = job
        self.started = time.monotonic()
        if self.ready:
            self.deadline = self.started + timeout
        else:
            self.deadline = self.spawned + STARTUP_LIMIT + timeout
        self.conn.send(job)

    def became_ready(self, timeout: float) -> None:
        self.ready = True
        if self.job is not None:
            self.started = time.monotonic()
            self.deadline = self.started + timeout

    def stop(self, *, kill: bool = False) -> None:
        if self.process.is_alive():
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except (OSError, ValueError):
                    self.process.kill()
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


def _death_message(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the renderer crashed ({name})"
    return f"the renderer crashed (exit status {code})"


class RenderPool:
    """``size`` worker processes; feed jobs with :meth:`run`, results come back as they finish."""

    def __init__(
        self,
        size: int,
        *,
        timeout: float,
        warm: Callable[[], None] | None = warm_up,
        context: Any = None,
        recycle_mb: float = RECYCLE_RSS_MB,
        recycle_growth_mb: float = RECYCLE_GROWTH_MB,
    ) -> None:
        self.size = max(1, size)
        self.timeout = timeout
        self.warm = warm
        self.context = context or choose_context()
        self.recycle = (recycle_mb, recycle_growth_mb)
        # A slot is None after its worker died, until a job needs it: no start-up wasted at the end.
        self.workers: list[_Worker | None] = [
            _Worker(self.context, warm, self.recycle) for _ in range(self.size)
        ]
        self.replaced = 0
        self.recycled = 0

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(kill=exc_info[0] is not None)

    def close(self, *, kill: bool = False) -> None:
        for worker in self.workers:
            if worker is not None:
                worker.stop(kill=kill or worker.job is not None)
        self.workers = []

    def _retire(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = None

    def run(self, jobs: Iterator[RenderJob] | list[RenderJob]) -> Iterator[JobResult]:
        """Give each idle worker the next job; yield every job's result (or failure) once."""
        queue: deque[RenderJob] = deque()
        source = iter(jobs)
        exhausted = False

        def next_job() -> RenderJob | None:
            nonlocal exhausted
            if queue:
                return queue.popleft()
            if exhausted:
                return None
            try:
                return next(source)
            except StopIteration:
                exhausted = True
                return None

        while True:
            for slot, worker in enumerate(self.workers):
                if worker is not None and worker.job is not None:
                    continue
                job = next_job()
                if job is None:
                    break
                if worker is None:
                    worker = self.workers[slot] = _Worker(self.context, self.warm, self.recycle)
                    self.replaced += 1
                try:
                    worker.give(job, self.timeout)
                except (OSError, ValueError):
                    # The worker died before taking the job (in its warm-up, say): the job
                    # goes back to the queue and a new worker takes the slot next round.
                    queue.appendleft(job)
                    worker.job = None
                    self._retire(worker)
            busy = [w for w in self.workers if w is not None and w.job is not None]
            if not busy:
                return
            now = time.monotonic()
            wait_for = max(0.0, min(w.deadline for w in busy) - now)
            handles: list[Any] = []
            for worker in busy:
                handles.extend((worker.conn, worker.process.sentinel))
            ready = set(wait(handles, timeout=wait_for))
            now = time.monotonic()
            for worker in busy:
                job = worker.job
                assert job is not None
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(timeout=1)
                        yield self._failed(worker, job, _death_message(worker.process))
                        continue
                    if result == READY:
                        worker.became_ready(self.timeout)
                        continue
                    worker.job = None
                    if result.retiring:
                        self._retire(worker)
                        self.recycled += 1
                    yield result
                elif worker.process.sentinel in ready:
                    worker.process.join(timeout=1)
                    yield self._failed(worker, job, _death_message(worker.process))
                elif now >= worker.deadline:
                    yield self._failed(
                        worker, job, f"the renderer timed out after {self.timeout:g} s"
                    )

    def _failed(self, worker: _Worker, job: RenderJob, message: str) -> JobResult:
        seconds = time.monotonic() - worker.started
        worker.job = None
        self._retire(worker)
        return JobResult(job.index, job.brief_id, None, message, seconds)


def default_jobs() -> int:
    """``--jobs`` when not given: one render process per CPU this process may use."""
    from briefgen.build import available_cpus

    return available_cpus()
