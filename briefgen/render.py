"""HTML for screen and print from the typed brief, through Jinja templates that users can override.

The workspace's ``templates/`` folder is searched first; an override can
``{% extends "builtin/brief.html" %}`` and replace one block.
"""

from __future__ import annotations

import base64
import mimetypes
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from briefgen import __version__
from briefgen.assets import builtin_templates_dir, fonts_dir
from briefgen.errors import Problem
from briefgen.markdown import RenderContext, markdown_to_text, render_markdown
from briefgen.model import LIKELIHOOD_TERMS, STANCE_VALUES, Brief
from briefgen.validate import contained_path_problem

Target = Literal["pdf", "html"]

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
STANCE_LABELS = {
    "supports": "Supports",
    "opposes": "Opposes",
    "conditional": "Conditional",
    "neutral": "Neutral",
    "unclear": "Unclear",
}


class TemplateFailure(Exception):
    """A template could not be rendered; carries a located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


@dataclass(frozen=True)
class PageExtras:
    """What a caller adds around the brief (the published site adds navigation)."""

    nav_html: Markup | None = None
    pdf_href: str | None = None
    extra_head: Markup | None = None
    scripts: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionRef:
    id: str
    title: str


def matrix_positions(brief: Brief) -> list[Any]:
    """Positions that state a stance on at least one defined issue, in brief order."""
    issue_ids = {issue.id for issue in brief.issues}
    return [p for p in brief.positions if issue_ids & set(p.stances)]


def section_plan(brief: Brief, *, has_map: bool = False) -> list[SectionRef]:
    """The sections this brief has, in reading order; absent data means no section at all."""
    plan = [SectionRef("summary", "Summary")]
    if brief.judgments:
        plan.append(SectionRef("judgments", "Key judgments"))
    if brief.participants:
        plan.append(SectionRef("participants", "Participants"))
    if brief.positions:
        plan.append(SectionRef("positions", "Positions"))
    if brief.issues and matrix_positions(brief):
        plan.append(SectionRef("matrix", "Positions at a glance"))
    if brief.context or has_map:
        plan.append(SectionRef("context", "Regional context"))
    if brief.outlook:
        plan.append(SectionRef("outlook", "Outlook"))
    if brief.sources:
        plan.append(SectionRef("sources", "Sources"))
    return plan


@lru_cache(maxsize=8)
def template_environment(user_dir: Path | None) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(builtin_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None and user_dir.is_dir() and user_dir.resolve() != builtin_templates_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.PrefixLoader({"builtin": builtin}))
    loaders.append(builtin)
    # Sandboxed: a workspace's overrides may shape the page, not reach Python
    # (`cycler.__init__.__globals__.os` is refused). Not a hard boundary: see docs/security.md.
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        likelihood_terms=LIKELIHOOD_TERMS,
        stance_values=STANCE_VALUES,
        stance_labels=STANCE_LABELS,
        reliability_labels=RELIABILITY,
        credibility_labels=CREDIBILITY,
        briefgen_version=__version__,
    )
    env.filters["plain"] = markdown_to_text
    return env


def read_template_text(env: jinja2.Environment, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source


def stylesheet(env: jinja2.Environment) -> str:
    """The brief's CSS (built-in, or the workspace's override of ``brief.css``)."""
    return read_template_text(env, "brief.css")


def font_faces(target: Target) -> str:
    """@font-face rules pointing at the shipped fonts (PDF only: the HTML uses a font stack)."""
    if target != "pdf":
        return ""
    folder = fonts_dir()
    faces = [
        ("Briefgen Serif", "NotoSerif-Regular.ttf", "normal", "normal"),
        ("Briefgen Serif", "NotoSerif-Bold.ttf", "bold", "normal"),
        ("Briefgen Serif", "NotoSerif-Italic.ttf", "normal", "italic"),
        ("Briefgen Serif", "NotoSerif-BoldItalic.ttf", "bold", "italic"),
        ("Briefgen Sans", "NotoSans-Regular.ttf", "normal", "normal"),
        ("Briefgen Sans", "NotoSans-Bold.ttf", "bold", "normal"),
        ("Briefgen Sans", "NotoSans-Italic.ttf", "normal", "italic"),
        ("Briefgen Arabic", "NotoNaskhArabic-Regular.ttf", "normal", "normal"),
        ("Briefgen Arabic", "NotoNaskhArabic-Bold.ttf", "bold", "normal"),
    ]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(folder / file).as_uri()}");'
        f" font-weight: {weight}; font-style: {style}; }}"
        for family, file, weight, style in faces
    )


def _image_source(brief: Brief, target: Target):
    def resolve(path: str) -> str | None:
        if contained_path_problem(brief.folder, path):
            return None
        file = brief.folder / path
        if not file.is_file():
            return None
        if target == "pdf":
            return file.resolve().as_uri()
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if not mime.startswith("image/"):
            return None
        return f"data:{mime};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"

    return resolve


def running_title(brief: Brief, limit: int = 70) -> str:
    if brief.short_title:
        return brief.short_title
    if len(brief.title) <= limit:
        return brief.title
    cut = brief.title[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-") + "…"


def render_brief_html(
    brief: Brief,
    *,
    target: Target,
    templates_dir: Path | None = None,
    show_toc: bool = True,
    graphics: Mapping[str, str | None] | None = None,
    extras: PageExtras | None = None,
) -> str:
    """The whole brief as one HTML document; raises ``TemplateFailure`` with the template's line."""
    env = template_environment(templates_dir)
    context = RenderContext(brief.source_numbers, _image_source(brief, target))

    def md(text: str | None) -> Markup:
        return Markup(render_markdown(text, context)) if text else Markup("")

    def md_inline(text: str | None) -> Markup:
        return Markup(render_markdown(text, context, inline=True)) if text else Markup("")

    def template_asset(name: str) -> str:
        """A file from the workspace's templates/ (a logo): a file URL for PDF, inlined in HTML."""
        folder = templates_dir if templates_dir is not None else builtin_templates_dir()
        if contained_path_problem(folder, name) or not (folder / name).is_file():
            raise jinja2.TemplateRuntimeError(f"template asset {name!r} not found in {folder}")
        file = (folder / name).resolve()
        if target == "pdf":
            return file.as_uri()
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return f"data:{mime};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"

    try:
        template = env.get_template("brief.html")
        return template.render(
            brief=brief,
            target=target,
            show_toc=show_toc,
            md=md,
            md_inline=md_inline,
            css=Markup(stylesheet(env)),
            screen_css=Markup(read_template_text(env, "screen.css")),
            font_faces=Markup(font_faces(target)),
            running_title=running_title(brief),
            sections=section_plan(brief, has_map=bool((graphics or {}).get("map"))),
            matrix_positions=matrix_positions(brief),
            graphics={k: Markup(v) if v else None for k, v in (graphics or {}).items()},
            extras=extras or PageExtras(),
            template_asset=template_asset,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailure(
            Problem(
                _shown_template_path(exc.filename or exc.name or "template", templates_dir),
                exc.lineno or 0,
                0,
                "error",
                f"template syntax error: {exc.message}",
                "fix the template override",
                "template-syntax",
            )
        ) from exc
    except jinja2.TemplateError as exc:
        path, line = _template_frame(exc)
        raise TemplateFailure(
            Problem(
                _shown_template_path(path, templates_dir),
                line,
                0,
                "error",
                f"template error: {exc.message or exc}",
                "fix the template override (undefined names are errors)",
                "template-error",
            )
        ) from exc


def _shown_template_path(path: str, templates_dir: Path | None) -> str:
    """A template's path relative to the workspace when it is one of the workspace's overrides."""
    if templates_dir is not None:
        try:
            return str(Path(path).resolve().relative_to(templates_dir.resolve().parent))
        except ValueError:
            pass
    return path


def _template_frame(exc: BaseException) -> tuple[str, int]:
    """The innermost template file and line in a Jinja traceback."""
    found = ("template", 0)
    for frame, line in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".j2", ".jinja")):
            found = (filename, line)
    return found
