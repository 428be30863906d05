"""``briefgen build``: check each brief, render the ones that changed, write their files atomically.

The order reads top to bottom: work out each brief's cache key from its raw
files (no YAML parsed, nothing heavy imported), replay the briefs whose
record still holds, then read and check the others and hand the valid ones
to render worker processes (:mod:`briefgen.workers`). Rendering is a pure
function of the brief model and the options (:func:`render_brief_outputs`);
only this process writes files, each atomically, and the brief's cache
record last. Outcomes are reported in brief id order whatever order the
workers finish in. An HTML-only build renders in this process and never
imports WeasyPrint.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Problem
from briefgen.output import check_output_dir, clean_partial_files, write_atomic
from briefgen.workspace import BriefRef, Workspace, select_briefs

if TYPE_CHECKING:
    from briefgen.cache import CacheRecord
    from briefgen.model import Brief
    from briefgen.render import PageExtras

FORMATS = ("pdf", "html")
# From this many HTML-only briefs on, workers render them in parallel too.
HTML_POOL_MIN = 8


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    out_dir: Path | None = None
    strict: bool = False
    pdf_variant: str | None = None
    force: bool = False  # render every brief, whatever the cache says
    jobs: int | None = None  # render processes; None: one per CPU
    render_timeout: float | None = None  # seconds per brief; None: limits.render_timeout
    use_cache: bool = True  # False: neither read nor write build/.cache/


@dataclass(frozen=True)
class RenderedBrief:
    """What one brief renders to: file contents by format, timings, and WeasyPrint's messages."""

    brief_id: str
    outputs: dict[str, bytes]
    seconds: dict[str, float]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    seconds: float


@dataclass
class BriefOutcome:
    ref: BriefRef
    problems: list[Problem] = field(default_factory=list)
    written: list[WrittenFile] = field(default_factory=list)
    failed: bool = False
    kept_previous: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)  # outputs the cache vouched for
    cached: bool = False  # nothing changed since the last build; problems replayed
    error: str | None = None  # the renderer crashed, timed out or raised

    @property
    def status(self) -> str:
        if self.failed:
            return "failed"
        return "up to date" if self.cached else "built"


@dataclass
class BuildReport:
    outcomes: list[BriefOutcome]
    workers: int = 0  # render processes started (0: none needed)

    @property
    def failed(self) -> bool:
        return any(o.failed for o in self.outcomes)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def summary(self) -> str:
        return (
            f"{self.count('built')} built, {self.count('up to date')} up to date, "
            f"{self.count('failed')} failed"
        )


def render_brief_outputs(
    brief: Brief,
    formats: Sequence[str],
    templates_dir: Path | None,
    *,
    pdf_variant: str | None = None,
    extras: PageExtras | None = None,
) -> RenderedBrief:
    """Render a valid brief to the requested formats. Template failures become problems.

    ``extras`` (navigation, head tags) go into the HTML only: the published site adds them.
    """
    from briefgen.graphics_bridge import brief_graphics
    from briefgen.render import TemplateFailure, render_brief_html

    outputs: dict[str, bytes] = {}
    seconds: dict[str, float] = {}
    problems: list[Problem] = []
    display = f"briefs/{brief.id}/brief.yaml"
    try:
        graphics = brief_graphics(brief)
        if "html" in formats:
            start = time.perf_counter()
            html = render_brief_html(
                brief, target="html", templates_dir=templates_dir, graphics=graphics, extras=extras
            )
            outputs["html"] = html.encode("utf-8")
            seconds["html"] = time.perf_counter() - start
        if "pdf" in formats:
            from briefgen.assets import asset_roots
            from briefgen.pdf import render_pdf

            start = time.perf_counter()
            with_toc = render_brief_html(
                brief, target="pdf", templates_dir=templates_dir, graphics=graphics
            )

            def without_toc() -> str:
                return render_brief_html(
                    brief,
                    target="pdf",
                    templates_dir=templates_dir,
                    graphics=graphics,
                    show_toc=False,
                )

            result = render_pdf(
                with_toc,
                base_dir=brief.folder,
                allowed_roots=(*asset_roots(), *([templates_dir] if templates_dir else [])),
                variant=pdf_variant,
                min_pages_for_toc=3,
                html_without_toc=without_toc,
            )
            outputs["pdf"] = result.data
            seconds["pdf"] = time.perf_counter() - start
            for _level, message in result.messages:
                problems.append(
                    Problem(
                        display,
                        0,
                        0,
                        "warning",
                        f"while rendering the PDF of `{brief.id}`: {message}",
                        "check images, links and CSS overrides (--strict makes this an error)",
                        "render-warning",
                    )
                )
    except TemplateFailure as failure:
        return RenderedBrief(brief.id, {}, {}, (failure.problem,))
    return RenderedBrief(brief.id, outputs, seconds, tuple(problems))


class BuildInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM during a build: outputs already written stay, nothing partial is left."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM (and SIGINT) into an exception, so cleanup runs and workers are stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise BuildInterrupted(signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _InOrder:
    """Hands outcomes to the caller in brief order, whatever order they complete in."""

    def __init__(
        self,
        outcomes: list[BriefOutcome | None],
        on_outcome: Callable[[BriefOutcome], None] | None,
        on_progress: Callable[[int, int, BriefOutcome], None] | None,
    ) -> None:
        self.outcomes = outcomes
        self.on_outcome = on_outcome
        self.on_progress = on_progress
        self.next = 0
        self.done = 0

    def complete(self, index: int, outcome: BriefOutcome) -> None:
        self.outcomes[index] = outcome
        self.done += 1
        if self.on_progress:
            self.on_progress(self.done, len(self.outcomes), outcome)
        while self.next < len(self.outcomes) and self.outcomes[self.next] is not None:
            if self.on_outcome:
                self.on_outcome(self.outcomes[self.next])  # type: ignore[arg-type]
            self.next += 1


def build_workspace(
    workspace: Workspace,
    names: Sequence[str] = (),
    options: BuildOptions | None = None,
    on_outcome: Callable[[BriefOutcome], None] | None = None,
    on_progress: Callable[[int, int, BriefOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildReport:
    """Check every selected brief, render those that changed and have no errors, write their files.

    ``on_outcome`` is called once per brief, in brief order; ``on_progress``
    as each brief completes; ``on_start`` with the number of briefs.
    """
    from briefgen import cache

    options = options or BuildOptions()
    if workspace.settings_problems and any(
        p.severity == "error" for p in workspace.settings_problems
    ):
        from briefgen.errors import ProblemsFound

        raise ProblemsFound(workspace.settings_problems)
    out_dir = check_output_dir(
        options.out_dir or workspace.output_dir, workspace.root, workspace.briefs_dir
    )
    refs = select_briefs(workspace, list(names))
    if on_start:
        on_start(len(refs))
    clean_partial_files(out_dir)
    clean_partial_files(cache.cache_dir(out_dir))
    outcomes: list[BriefOutcome | None] = [None] * len(refs)
    emit = _InOrder(outcomes, on_outcome, on_progress)
    keys: list[str] = [""] * len(refs)
    pending: list[int] = []
    with _signals_interrupt():
        if options.use_cache:
            from briefgen.assets import builtin_templates_dir

            environment = cache.environment_key(
                workspace_root=workspace.root,
                templates_dir=workspace.templates_dir,
                builtin_templates=builtin_templates_dir(),
                options={"strict": options.strict, "pdf_variant": options.pdf_variant},
            )
            for index, ref in enumerate(refs):
                keys[index] = cache.brief_key(environment, ref.id, ref.folder)
                record = None if options.force else cache.load_record(out_dir, ref.id)
                if cache.usable_record(record, keys[index], out_dir, ref.id, options.formats):
                    emit.complete(index, _replay(ref, record, out_dir, options))  # type: ignore[arg-type]
                else:
                    pending.append(index)
        else:
            pending = list(range(len(refs)))
        workers = _render_pending(workspace, refs, keys, pending, out_dir, options, emit)
    return BuildReport([o for o in outcomes if o is not None], workers)


def _replay(
    ref: BriefRef, record: CacheRecord, out_dir: Path, options: BuildOptions
) -> BriefOutcome:
    outcome = BriefOutcome(ref, problems=list(record.problems), cached=True)
    if record.status == "failed":
        outcome.failed = True
        outcome.kept_previous = _existing_outputs(out_dir, ref.id, options.formats)
    else:
        outcome.up_to_date = [out_dir / f"{ref.id}.{fmt}" for fmt in options.formats]
    return outcome


def _render_pending(
    workspace: Workspace,
    refs: list[BriefRef],
    keys: list[str],
    pending: list[int],
    out_dir: Path,
    options: BuildOptions,
    emit: _InOrder,
) -> int:
    """Read, check and render the briefs the cache could not answer for; the number of workers."""
    if not pending:
        return 0
    from briefgen.factsheet import read_brief

    templates_dir = workspace.templates_dir

    def checked() -> Iterator[tuple[int, Brief, BriefOutcome]]:
        """Each pending brief read and checked; those with errors are completed here."""
        for index in pending:
            ref = refs[index]
            outcome = BriefOutcome(ref)
            result = read_brief(ref, workspace)
            outcome.problems.extend(result.problems)
            if options.strict:
                outcome.problems = [p.as_error() for p in outcome.problems]
            if result.brief is None or any(p.severity == "error" for p in outcome.problems):
                outcome.failed = True
                outcome.kept_previous = _existing_outputs(out_dir, ref.id, options.formats)
                _remember(out_dir, ref.id, keys[index], outcome, None, options)
                emit.complete(index, outcome)
                continue
            yield index, result.brief, outcome

    size = max(1, min(options.jobs or available_cpus(), len(pending)))
    html_only = "pdf" not in options.formats
    if html_only and (size == 1 or len(pending) < HTML_POOL_MIN):
        # A few HTML pages: tens of milliseconds each, cheaper here than in a worker.
        for index, brief, outcome in checked():
            try:
                rendered = render_brief_outputs(
                    brief, options.formats, templates_dir, pdf_variant=options.pdf_variant
                )
            except Exception as exc:  # one brief fails, the others go on
                _fail(
                    outcome, f"the renderer failed: {type(exc).__name__}: {exc}", out_dir, options
                )
                emit.complete(index, outcome)
                continue
            _finish(outcome, rendered, out_dir, options)
            _remember(out_dir, outcome.ref.id, keys[index], outcome, rendered, options)
            emit.complete(index, outcome)
        return 0

    from briefgen.workers import RenderJob, RenderPool, warm_up

    timeout = options.render_timeout or workspace.settings.render_timeout
    waiting: dict[int, BriefOutcome] = {}

    def jobs() -> Iterator[RenderJob]:
        for index, brief, outcome in checked():
            waiting[index] = outcome
            yield RenderJob(
                index,
                brief.id,
                render_brief_outputs,
                (brief, options.formats, templates_dir),
                {"pdf_variant": options.pdf_variant},
            )

    # A warm-up render pays off only when a worker renders more than one brief; HTML-only
    # workers never load WeasyPrint.
    warm = None if html_only else (warm_up if len(pending) > size else _import_weasyprint)
    with RenderPool(size, timeout=timeout, warm=warm) as pool:
        for result in pool.run(jobs()):
            outcome = waiting.pop(result.index)
            if result.error is not None:
                _fail(outcome, result.error, out_dir, options)
            else:
                _finish(outcome, result.value, out_dir, options)
                _remember(
                    out_dir, outcome.ref.id, keys[result.index], outcome, result.value, options
                )
            emit.complete(result.index, outcome)
    return size


def available_cpus() -> int:
    """The CPUs this process may use (respects affinity masks and cgroup-limited cpusets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _import_weasyprint() -> None:
    """Worker start-up when each worker renders one brief: import only, no warm-up page."""
    import weasyprint  # noqa: F401


def _fail(outcome: BriefOutcome, error: str, out_dir: Path, options: BuildOptions) -> None:
    """A renderer crash, time-out or exception: this brief fails, its previous files stay."""
    ref = outcome.ref
    outcome.failed = True
    outcome.error = error
    if "timed out" in error:
        hint = (
            "the other briefs went on; raise limits.render_timeout in briefgen.yaml if the brief "
            "is just long, or look for a huge table or image"
        )
        code = "render-timeout"
    else:
        hint = (
            f"the other briefs went on; run `briefgen build {ref.id} --jobs 1` to try again, "
            "and report it with the brief attached if it happens again"
        )
        code = "render-crash"
    path = ref.yaml_path.as_posix()
    with suppress(ValueError):
        path = ref.yaml_path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    outcome.problems.append(Problem(path, 0, 0, "error", f"{error} ({ref.id})", hint, code))
    outcome.kept_previous = _existing_outputs(out_dir, ref.id, options.formats)
    from briefgen.cache import forget_record

    forget_record(out_dir, ref.id)  # not cached: a crash or a time-out may not happen again


def _remember(
    out_dir: Path,
    brief_id: str,
    key: str,
    outcome: BriefOutcome,
    rendered: RenderedBrief | None,
    options: BuildOptions,
) -> None:
    """Write the brief's cache record, after its outputs (a killed build leaves no false record)."""
    if not options.use_cache or not key:
        return
    from briefgen import cache

    record = cache.CacheRecord(brief_id, key, "failed" if outcome.failed else "built")
    record.problems = list(outcome.problems)
    if not outcome.failed and rendered is not None:
        previous = cache.load_record(out_dir, brief_id)
        if previous is not None and previous.key == key and previous.status == "built":
            for fmt, stamp in previous.outputs.items():
                if fmt not in rendered.outputs and cache.output_matches(
                    out_dir / f"{brief_id}.{fmt}", stamp
                ):
                    record.outputs[fmt] = stamp
        for fmt, data in rendered.outputs.items():
            if fmt in options.formats:
                record.outputs[fmt] = cache.stamp_output(out_dir / f"{brief_id}.{fmt}", data)
        record.seconds = dict(rendered.seconds)
    cache.save_record(out_dir, record)


def _finish(
    outcome: BriefOutcome, rendered: RenderedBrief, out_dir: Path, options: BuildOptions
) -> None:
    problems = list(rendered.problems)
    if options.strict:
        problems = [p.as_error() for p in problems]
    outcome.problems.extend(problems)
    if any(p.severity == "error" for p in problems) or not rendered.outputs:
        outcome.failed = True
        outcome.kept_previous = _existing_outputs(out_dir, outcome.ref.id, options.formats)
        return
    for fmt in options.formats:
        if fmt in rendered.outputs:
            path = out_dir / f"{outcome.ref.id}.{fmt}"
            write_atomic(path, rendered.outputs[fmt])
            outcome.written.append(WrittenFile(path, rendered.seconds.get(fmt, 0.0)))


def _existing_outputs(out_dir: Path, brief_id: str, formats: Sequence[str]) -> list[Path]:
    return [
        out_dir / f"{brief_id}.{fmt}" for fmt in formats if (out_dir / f"{brief_id}.{fmt}").exists()
    ]


def ensure_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats)) or FORMATS
    for fmt in chosen:
        if fmt not in FORMATS:
            raise BriefgenError(f"unknown format {fmt}", "use pdf or html")
    return chosen
