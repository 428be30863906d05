"""``briefgen build``: check each brief, render the ones without errors, write their files atomically.

Rendering a brief is a pure function of its model and the options
(:func:`render_brief_outputs`), so it can run in a worker process; only the
parent writes files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Problem
from briefgen.factsheet import read_brief
from briefgen.model import Brief
from briefgen.output import check_output_dir, clean_partial_files, write_atomic
from briefgen.workspace import BriefRef, Workspace, select_briefs

if TYPE_CHECKING:
    from briefgen.render import PageExtras

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    out_dir: Path | None = None
    strict: bool = False
    pdf_variant: str | None = None


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


@dataclass
class BuildReport:
    outcomes: list[BriefOutcome]

    @property
    def failed(self) -> bool:
        return any(o.failed for o in self.outcomes)


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
            without_toc = render_brief_html(
                brief, target="pdf", templates_dir=templates_dir, graphics=graphics, show_toc=False
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
            for level, message in result.messages:
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


def build_workspace(
    workspace: Workspace,
    names: Sequence[str] = (),
    options: BuildOptions | None = None,
    on_outcome: Callable[[BriefOutcome], None] | None = None,
) -> BuildReport:
    """Check every selected brief, render those without errors, write their files."""
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
    clean_partial_files(out_dir)
    outcomes: list[BriefOutcome] = []
    templates_dir = workspace.templates_dir
    for ref in refs:
        outcome = BriefOutcome(ref)
        result = read_brief(ref, workspace)
        outcome.problems.extend(result.problems)
        if options.strict:
            outcome.problems = [p.as_error() for p in outcome.problems]
        if result.brief is None or any(p.severity == "error" for p in outcome.problems):
            outcome.failed = True
            outcome.kept_previous = _existing_outputs(out_dir, ref.id, options.formats)
        else:
            rendered = render_brief_outputs(
                result.brief, options.formats, templates_dir, pdf_variant=options.pdf_variant
            )
            _finish(outcome, rendered, out_dir, options)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return BuildReport(outcomes)


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
