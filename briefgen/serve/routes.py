"""Which request targets the preview server answers: a short allow-list, everything else is 404.

The server shows briefs that may be marked TLP:RED, so it answers only the
routes below and never maps a URL onto the file system by itself:

``/``                       the index of briefs
``/<id>/``                  a brief's page (or its problems)
``/<id>.pdf``               its PDF, rendered on demand
``/<id>/<file>``            an image or source copy inside the brief's folder
``/_static/<name>``         the server's own script and stylesheet
``/_events``                server-sent reload events
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

RouteKind = Literal["index", "brief", "redirect", "pdf", "asset", "static", "events"]

STATIC_FILES = {
    "live-reload.js": "text/javascript; charset=utf-8",
    "serve.css": "text/css; charset=utf-8",
}

# Files a brief's folder may hand out: pictures and the plain-text source copies it cites.
ASSET_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".csv": "text/plain; charset=utf-8",
}

# Encoded dots, slashes, backslashes, NUL and percent signs only ever hide a traversal here.
_SUSPICIOUS_ESCAPES = re.compile(r"%(?:2e|2f|5c|00|25)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    brief_id: str = ""
    parts: tuple[str, ...] = ()


def resolve_route(target: str, brief_ids: Collection[str]) -> Route | None:
    """The route a raw request target names, or None (answer 404).

    ``target`` is the request line's target exactly as sent, so ``..`` and
    its encodings are seen before anything normalises them away.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        return None
    if _SUSPICIOUS_ESCAPES.search(path):
        return None
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or _CONTROL.search(decoded):
        return None
    if decoded == "/":
        return Route("index")
    if decoded == "/_events":
        return Route("events")
    segments = decoded[1:].split("/")
    if any(segment in (".", "..") for segment in segments):
        return None
    if len(segments) == 2 and segments[0] == "_static":
        return Route("static", parts=(segments[1],)) if segments[1] in STATIC_FILES else None
    head = segments[0]
    if len(segments) == 1:
        if head.endswith(".pdf") and head[:-4] in brief_ids:
            return Route("pdf", head[:-4])
        if head in brief_ids:
            return Route("redirect", head)
        return None
    if head not in brief_ids:
        return None
    rest = segments[1:]
    if rest == [""]:
        return Route("brief", head)
    if any(not part or part.startswith(".") or ":" in part for part in rest):
        return None
    if Path(rest[-1]).suffix.lower() not in ASSET_TYPES:
        return None
    return Route("asset", head, tuple(rest))


def resolve_asset(folder: Path, parts: tuple[str, ...]) -> Path | None:
    """The file ``parts`` names inside ``folder``, symlinks followed; None if it escapes."""
    try:
        base = folder.resolve(strict=True)
        candidate = base.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def asset_type(path: Path) -> str:
    return ASSET_TYPES[path.suffix.lower()]
