"""The workspace: where briefs live, its settings (``briefgen.yaml``), which briefs to act on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError, Problem, display_path
from briefgen.loader import DEFAULT_MAX_BYTES, load_yaml_file
from briefgen.schema import schema_problems

BRIEF_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SETTINGS_FILE = "briefgen.yaml"
DEFAULT_RENDER_TIMEOUT = 120.0


@dataclass(frozen=True)
class SiteSettings:
    title: str = "Briefs"
    base_url: str | None = None
    noindex: bool = True


@dataclass(frozen=True)
class Settings:
    """``briefgen.yaml``, with every default filled in."""

    organization: str | None = None
    marking: str | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"
    site: SiteSettings = field(default_factory=SiteSettings)
    templates: str = "templates"
    output: str = "build"
    paper: str = "A4"
    max_yaml_bytes: int = DEFAULT_MAX_BYTES
    render_timeout: float = DEFAULT_RENDER_TIMEOUT


@dataclass(frozen=True)
class BriefRef:
    """A brief found on disk: its id, folder and fact sheet path."""

    id: str
    folder: Path
    yaml_path: Path
    bundled: bool = False


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings
    settings_problems: tuple[Problem, ...] = ()

    @property
    def briefs_dir(self) -> Path:
        return self.root / "briefs"

    @property
    def templates_dir(self) -> Path:
        return self.root / self.settings.templates

    @property
    def output_dir(self) -> Path:
        return self.root / self.settings.output

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


def bundled_example_dir() -> Path:
    """The example brief shipped with briefgen (installed copy first, then the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_example", here.parent / "briefs"):
        if candidate.is_dir():
            return candidate
    raise BriefgenError("the bundled example brief is missing from this installation")


def open_workspace(root: Path | None = None) -> Workspace:
    """Read ``briefgen.yaml`` (if any) under ``root`` and return the workspace."""
    root = (root or Path.cwd()).resolve()
    if not root.is_dir():
        raise BriefgenError(
            f"workspace folder {root} does not exist", "pass an existing folder to -C"
        )
    settings_path = root / SETTINGS_FILE
    if not settings_path.exists():
        return Workspace(root, Settings())
    result = load_yaml_file(settings_path, SETTINGS_FILE)
    # Every setting is optional, so an empty (or all-comments) briefgen.yaml is fine.
    problems = [p for p in result.problems if p.code != "empty-file"]
    settings = Settings()
    if result.document is not None:
        data = result.document.data
        if data is None:
            data = {}
        schema_issues = schema_problems(result.document, "workspace")
        problems.extend(schema_issues)
        if isinstance(data, dict) and not schema_issues:
            settings = _settings_from(data)
            problems.extend(_templates_folder_problems(root, settings, result.document))
    return Workspace(root, settings, tuple(problems))


def _templates_folder_problems(root: Path, settings: Settings, document: Any) -> list[Problem]:
    """The PDF renderer may read any file in the templates folder (a logo), so it must be a
    subfolder of the workspace: `templates: /` would open the whole disk to every brief."""
    folder = (root / settings.templates).resolve()
    if root in folder.parents:
        return []
    mark = document.mark(("templates",))
    where = "the workspace itself" if folder == root else f"outside the workspace ({folder})"
    return [
        Problem(
            SETTINGS_FILE,
            mark.line,
            mark.col,
            "error",
            f"the templates folder `{settings.templates}` is {where}",
            "keep template overrides in a subfolder of the workspace, such as templates/",
            "path-outside",
        )
    ]


def _settings_from(data: dict[str, Any]) -> Settings:
    site = data.get("site") or {}
    limits = data.get("limits") or {}
    paper = str(data.get("paper", "A4"))
    return Settings(
        organization=data.get("organization"),
        marking=data.get("marking"),
        authors=tuple(data.get("authors") or ()),
        language=data.get("language") or "en",
        site=SiteSettings(
            title=site.get("title") or "Briefs",
            base_url=site.get("base_url"),
            noindex=site.get("noindex", True),
        ),
        templates=data.get("templates") or "templates",
        output=data.get("output") or "build",
        paper="letter" if paper.lower() == "letter" else "A4",
        max_yaml_bytes=int(limits.get("max_yaml_bytes", DEFAULT_MAX_BYTES)),
        render_timeout=float(limits.get("render_timeout", DEFAULT_RENDER_TIMEOUT)),
    )


def list_briefs(workspace: Workspace) -> list[BriefRef]:
    """Every brief folder under ``briefs/``, by id; the bundled example when there is none."""
    if not workspace.briefs_dir.is_dir():
        example = bundled_example_dir()
        return [
            BriefRef(folder.name, folder, folder / "brief.yaml", bundled=True)
            for folder in sorted(example.iterdir())
            if (folder / "brief.yaml").is_file()
        ]
    return [
        BriefRef(folder.name, folder, folder / "brief.yaml")
        for folder in sorted(workspace.briefs_dir.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    ]


def select_briefs(workspace: Workspace, names: tuple[str, ...] | list[str]) -> list[BriefRef]:
    """The briefs named by id or path (all when none is named); unknown names are an error."""
    available = list_briefs(workspace)
    if not names:
        return available
    by_id = {ref.id: ref for ref in available}
    chosen: list[BriefRef] = []
    unknown: list[str] = []
    for name in names:
        ref = by_id.get(name) or _by_path(workspace, name, available)
        if ref is None:
            unknown.append(name)
        elif ref not in chosen:
            chosen.append(ref)
    if unknown:
        import difflib

        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, list(by_id), n=1)
            hints.append(f"`{name}`" + (f" (did you mean `{close[0]}`?)" if close else ""))
        known = ", ".join(sorted(by_id)) or "none"
        raise BriefgenError(
            f"no brief named {', '.join(hints)} in {workspace.briefs_dir}",
            f"briefs here: {known}",
        )
    return chosen


def _by_path(workspace: Workspace, name: str, available: list[BriefRef]) -> BriefRef | None:
    candidate = Path(name)
    if not candidate.is_absolute():
        candidate = Path.cwd() / candidate
    candidate = candidate.resolve()
    if candidate.name == "brief.yaml":
        candidate = candidate.parent
    for ref in available:
        if ref.folder.resolve() == candidate:
            return ref
    return None
