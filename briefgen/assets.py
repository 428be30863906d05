"""Where briefgen's own files are: built-in templates and CSS, fonts, the bundled example."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def builtin_templates_dir() -> Path:
    """The templates in the wheel (``briefgen/_templates``), or ``templates/`` of a checkout."""
    for candidate in (PACKAGE_DIR / "_templates", PACKAGE_DIR.parent / "templates"):
        if (candidate / "brief.html").is_file():
            return candidate
    raise FileNotFoundError("briefgen's built-in templates are missing from this installation")


def fonts_dir() -> Path:
    return PACKAGE_DIR / "fonts"


def asset_roots() -> tuple[Path, ...]:
    """Folders whose files the PDF renderer may read, besides the brief's own folder."""
    return (builtin_templates_dir().resolve(), fonts_dir().resolve())
