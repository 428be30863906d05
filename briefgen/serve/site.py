"""What the preview server answers: the index, each brief's page or its problems, PDFs, assets.

Every answer is rebuilt from the files on disk as they are now. Reading a
brief is cached by a fingerprint of its folder and ``briefgen.yaml`` (sizes,
times and content), so an unchanged brief is not checked again; a PDF is
cached until the brief, the settings or a template changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from briefgen.assets import builtin_templates_dir
from briefgen.errors import Problem, count_by_severity, plural
from briefgen.factsheet import BriefResult, read_brief
from briefgen.serve.routes import STATIC_FILES, asset_type, resolve_asset
from briefgen.serve.views import display, problem_views, render_page, serve_templates
from briefgen.serve.watch import ChangeHub
from briefgen.workspace import SETTINGS_FILE, BriefRef, Workspace, list_briefs, open_workspace

LIVE_RELOAD_SCRIPT = "/_static/live-reload.js"
NO_FAVICON = '<link rel="icon" href="data:,">'  # the browser would ask for /favicon.ico: a 404
STYLESHEET = "/_static/serve.css"
HASH_LIMIT = 8 * 1024 * 1024  # bigger files are fingerprinted by size and time only

HTML = "text/html; charset=utf-8"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")  # a header is Latin-1; a folder name may not be
ASSET_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BriefState:
    """A brief as last read: its fingerprint, check result and graphics."""

    fingerprint: str
    result: BriefResult
    graphics: dict[str, str | None]
    graphics_problems: tuple[Problem, ...] = ()


def fingerprint(paths: Iterable[Path]) -> str:
    """A digest of every file under ``paths``: names, sizes, modification times and contents."""
    digest = hashlib.sha256()
    for base in paths:
        for file in _walk_files(base):
            try:
                stat = file.stat()
                digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
                if stat.st_size <= HASH_LIMIT:
                    digest.update(hashlib.sha256(file.read_bytes()).digest())
            except OSError:
                digest.update(f"{file}\0gone\0".encode())
    return digest.hexdigest()


def _walk_files(base: Path) -> list[Path]:
    if base.is_file():
        return [base]
    if not base.is_dir():
        return []
    found: list[Path] = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in sorted(files))
    return found


class ServeSite:
    """Builds every response of the preview server for one workspace folder."""

    def __init__(self, root: Path, hub: ChangeHub, log: Callable[[str], None] = print) -> None:
        self.root = root.resolve()
        self.hub = hub
        self.log = log
        self._lock = threading.Lock()
        self._states: dict[str, BriefState] = {}
        self._pdfs: dict[str, tuple[str, bytes]] = {}
        self._jobs: dict[tuple[str, str], Future[Any]] = {}
        self._render_lock = threading.Lock()  # one WeasyPrint render at a time

    # -- reading -----------------------------------------------------------------

    def workspace(self) -> Workspace:
        return open_workspace(self.root)

    def briefs(self, workspace: Workspace | None = None) -> dict[str, BriefRef]:
        workspace = workspace or self.workspace()
        return {ref.id: ref for ref in list_briefs(workspace)}

    def brief_state(self, workspace: Workspace, ref: BriefRef) -> BriefState:
        key = fingerprint([ref.folder, workspace.root / SETTINGS_FILE])
        with self._lock:
            cached = self._states.get(ref.id)
        if cached is not None and cached.fingerprint == key:
            return cached
        result = read_brief(ref, workspace)
        graphics: dict[str, str | None] = {}
        graphics_problems: tuple[Problem, ...] = ()
        if result.brief is not None:
            from briefgen.graphics_bridge import brief_graphics

            try:
                graphics = brief_graphics(result.brief)
            except Exception as exc:  # a picture must not hide the brief
                graphics_problems = (
                    Problem(
                        workspace.display(ref.yaml_path),
                        0,
                        0,
                        "warning",
                        f"the map or timeline could not be drawn ({type(exc).__name__}: {exc})",
                        "check location, map and context.timeline; the brief is shown without them",
                        "graphics-failed",
                    ),
                )
        state = BriefState(key, result, graphics, graphics_problems)
        with self._lock:
            self._states[ref.id] = state
        return state

    def templates_fingerprint(self, workspace: Workspace) -> str:
        return fingerprint([workspace.templates_dir, builtin_templates_dir()])

    # -- pages -------------------------------------------------------------------

    def index(self) -> Response:
        generation = self.hub.generation
        workspace = self.workspace()
        rows = []
        settings_errors = [p for p in workspace.settings_problems if p.severity == "error"]
        for ref in self.briefs(workspace).values():
            state = self.brief_state(workspace, ref)
            problems = (*settings_errors, *state.result.problems, *state.graphics_problems)
            errors, warnings = count_by_severity(problems)
            brief = state.result.brief
            rows.append(
                {
                    "id": ref.id,
                    "title": brief.title if brief else None,
                    "subtitle": brief.subtitle if brief else None,
                    "date": brief.date.display() if brief else None,
                    "marking": brief.marking if brief else None,
                    "errors": errors,
                    "warnings": warnings,
                    "path": workspace.display(ref.yaml_path),
                }
            )
        bundled = any(ref.bundled for ref in self.briefs(workspace).values())
        body = render_page(
            "index.html",
            title=workspace.settings.site.title,
            root=str(self.root),
            rows=rows,
            bundled=bundled,
            settings_problems=self.problem_views(workspace, workspace.settings_problems),
            generation=generation,
            script=LIVE_RELOAD_SCRIPT,
            stylesheet=STYLESHEET,
            plural=plural,
        )
        return Response(200, HTML, body.encode("utf-8"))

    def brief_page(self, brief_id: str) -> Response:
        from briefgen.render import PageExtras, TemplateFailure, render_brief_html

        generation = self.hub.generation
        workspace = self.workspace()
        ref = self.briefs(workspace).get(brief_id)
        if ref is None:
            return self.not_found()
        state = self.brief_state(workspace, ref)
        blocking = self._blocking_problems(workspace, state)
        if blocking:
            return self.problems_page(workspace, ref, blocking, generation)
        everything = (
            *workspace.settings_problems,
            *state.result.problems,
            *state.graphics_problems,
        )
        warnings = [p for p in everything if p.severity != "error"]
        bar = render_page(
            "_bar.html",
            brief_id=brief_id,
            pdf_href=f"/{urllib.parse.quote(brief_id)}.pdf",
            generation=generation,
            warnings=self.problem_views(workspace, warnings),
            plural=plural,
        )
        extras = PageExtras(
            nav_html=Markup(bar),
            scripts=(LIVE_RELOAD_SCRIPT,),
            extra_head=Markup(f'<link rel="stylesheet" href="{STYLESHEET}">\n{NO_FAVICON}'),
        )
        assert state.result.brief is not None
        try:
            html = render_brief_html(
                state.result.brief,
                target="html",
                templates_dir=workspace.templates_dir,
                graphics=state.graphics,
                extras=extras,
            )
        except TemplateFailure as failure:
            return self.problems_page(workspace, ref, [failure.problem], generation)
        return Response(200, HTML, html.encode("utf-8"))

    def brief_pdf(self, brief_id: str) -> Response:
        generation = self.hub.generation
        workspace = self.workspace()
        ref = self.briefs(workspace).get(brief_id)
        if ref is None:
            return self.not_found()
        state = self.brief_state(workspace, ref)
        blocking = self._blocking_problems(workspace, state)
        if blocking:
            return self.problems_page(workspace, ref, blocking, generation)
        key = state.fingerprint + self.templates_fingerprint(workspace)
        with self._lock:
            cached = self._pdfs.get(brief_id)
            if cached is not None and cached[0] == key:
                return self._pdf_response(brief_id, cached[1])
            job = self._jobs.get((brief_id, key))
            if job is None:
                job = Future()
                self._jobs[(brief_id, key)] = job
                threading.Thread(
                    target=self._render_pdf,
                    args=(job, workspace, state, key),
                    name=f"briefgen-pdf-{brief_id}",
                    daemon=True,
                ).start()
        timeout = workspace.settings.render_timeout
        try:
            rendered = job.result(timeout=timeout)
        except FutureTimeout:
            problem = Problem(
                workspace.display(ref.yaml_path),
                0,
                0,
                "error",
                f"rendering the PDF took longer than {timeout:g} s",
                "reload to wait for it, or raise `limits.render_timeout` in briefgen.yaml",
                "render-timeout",
            )
            return self.problems_page(workspace, ref, [problem], generation, status=504)
        except Exception as exc:  # WeasyPrint gave up: say so on the page, keep serving
            problem = Problem(
                workspace.display(ref.yaml_path),
                0,
                0,
                "error",
                f"the PDF could not be rendered ({type(exc).__name__}: {exc})",
                "check images and CSS overrides; `briefgen build` reports the same",
                "pdf-failed",
            )
            return self.problems_page(workspace, ref, [problem], generation, status=500)
        pdf = rendered.outputs.get("pdf")
        if pdf is None:
            return self.problems_page(workspace, ref, list(rendered.problems), generation)
        return self._pdf_response(brief_id, pdf)

    def _render_pdf(
        self, job: Future[Any], workspace: Workspace, state: BriefState, key: str
    ) -> None:
        from briefgen.build import render_brief_outputs

        brief = state.result.brief
        assert brief is not None
        try:
            with self._render_lock:
                started = time.perf_counter()
                rendered = render_brief_outputs(brief, ("pdf",), workspace.templates_dir)
            if "pdf" in rendered.outputs:
                with self._lock:
                    self._pdfs[brief.id] = (key, rendered.outputs["pdf"])
                self.log(f"rendered {brief.id}.pdf ({time.perf_counter() - started:.1f} s)")
            for problem in rendered.problems:
                self.log(problem.format())
            job.set_result(rendered)
        except BaseException as exc:  # handed to the waiting request
            job.set_exception(exc)
        finally:
            with self._lock:
                self._jobs.pop((brief.id, key), None)

    def _pdf_response(self, brief_id: str, data: bytes) -> Response:
        return Response(
            200,
            "application/pdf",
            data,
            {"Content-Disposition": f'inline; filename="{_SAFE_NAME.sub("_", brief_id)}.pdf"'},
        )

    def asset(self, brief_id: str, parts: tuple[str, ...]) -> Response:
        workspace = self.workspace()
        ref = self.briefs(workspace).get(brief_id)
        if ref is None or not self._folder_is_inside(workspace, ref):
            return self.not_found()
        file = resolve_asset(ref.folder, parts)
        if file is None:
            return self.not_found()
        try:
            data = file.read_bytes()
        except OSError:
            return self.not_found()
        # Pictures and source copies are shown, never run: no script, even inside an SVG.
        return Response(
            200,
            asset_type(file),
            data,
            {"Content-Security-Policy": ASSET_POLICY},
        )

    @staticmethod
    def _folder_is_inside(workspace: Workspace, ref: BriefRef) -> bool:
        """A brief folder that links to elsewhere serves nothing (read_brief refuses it too)."""
        if ref.bundled:
            return True
        try:
            return ref.folder.resolve(strict=True).parent == workspace.briefs_dir.resolve()
        except (OSError, RuntimeError):
            return False

    def static(self, name: str) -> Response:
        path = builtin_templates_dir() / "serve" / name
        try:
            return Response(200, STATIC_FILES[name], path.read_bytes())
        except OSError:
            return self.not_found()

    def not_found(self) -> Response:
        body = render_page("not-found.html", stylesheet=STYLESHEET)
        return Response(404, HTML, body.encode("utf-8"))

    # -- problems ------------------------------------------------------------------

    def _blocking_problems(self, workspace: Workspace, state: BriefState) -> list[Problem]:
        settings_errors = [p for p in workspace.settings_problems if p.severity == "error"]
        if state.result.brief is None or settings_errors:
            return [*settings_errors, *state.result.problems]
        return []

    def problems_page(
        self,
        workspace: Workspace,
        ref: BriefRef,
        problems: list[Problem],
        generation: str,
        *,
        status: int = 422,
    ) -> Response:
        errors, warnings = count_by_severity(problems)
        files = [display(workspace, p.path) for p in problems if p.severity == "error"]
        body = render_page(
            "problems.html",
            brief_id=ref.id,
            files=list(dict.fromkeys(files)) or [workspace.display(ref.yaml_path)],
            problems=self.problem_views(workspace, problems),
            errors=errors,
            warnings=warnings,
            generation=generation,
            script=LIVE_RELOAD_SCRIPT,
            stylesheet=STYLESHEET,
            plural=plural,
        )
        return Response(status, HTML, body.encode("utf-8"))

    def problem_views(self, workspace: Workspace, problems: Iterable[Problem]) -> list[dict]:
        readable = [workspace.root, workspace.templates_dir, builtin_templates_dir()]
        readable += [ref.folder for ref in self.briefs(workspace).values()]
        return problem_views(workspace, problems, readable)

    def forget_templates(self) -> None:
        """Drop cached Jinja environments so a new or removed override is seen."""
        from briefgen.render import template_environment

        template_environment.cache_clear()
        serve_templates.cache_clear()
