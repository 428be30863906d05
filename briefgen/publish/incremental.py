"""Which briefs need rendering again: a hash of all a brief page depends on, kept in the site.

The manifest (``.briefgen-manifest.json`` in the site folder) maps each brief id
to the hash of its inputs when its pages were rendered. A brief whose hash is
unchanged and whose files are in the previous site is copied, not rendered.
This is separate from ``build``'s cache on purpose: the site is its own output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.assets import PACKAGE_DIR, builtin_templates_dir
from briefgen.workspace import BriefRef, Workspace

MANIFEST_NAME = ".briefgen-manifest.json"
MANIFEST_VERSION = 1


def _hash_tree(digest: Any, folder: Path, label: str) -> None:
    """Fold every file's relative path and bytes into ``digest`` (sorted, so order is stable)."""
    if not folder.is_dir():
        digest.update(f"{label}:absent\0".encode())
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@lru_cache(maxsize=1)
def _package_hash() -> str:
    """briefgen's own code and data (maps), which change without a version bump in a checkout.

    Hashed once per process: the code that renders is the code imported when the process began.
    """
    digest = hashlib.sha256()
    _hash_tree(digest, PACKAGE_DIR, "package")
    return digest.hexdigest()


def environment_hash(workspace: Workspace, extra: Iterable[str] = ()) -> str:
    """What every brief page depends on: briefgen itself, templates, briefgen.yaml, options."""
    digest = hashlib.sha256()
    digest.update(f"briefgen {__version__}\0manifest {MANIFEST_VERSION}\0".encode())
    digest.update(_package_hash().encode())
    _hash_tree(digest, builtin_templates_dir(), "builtin-templates")
    if workspace.templates_dir.resolve() != builtin_templates_dir().resolve():
        _hash_tree(digest, workspace.templates_dir, "templates")
    settings = workspace.root / "briefgen.yaml"
    digest.update(settings.read_bytes() if settings.is_file() else b"no settings")
    for item in extra:
        digest.update(f"\0option:{item}".encode())
    return digest.hexdigest()


def brief_hash(ref: BriefRef, environment: str, page_extras: str) -> str:
    """The brief's folder (fact sheet, sources, images), the environment and its page additions."""
    digest = hashlib.sha256()
    digest.update(environment.encode())
    _hash_tree(digest, ref.folder, "brief")
    digest.update(page_extras.encode("utf-8"))
    return digest.hexdigest()


@dataclass
class Manifest:
    """Per brief: the input hash its pages were rendered from, and the files that make them up."""

    briefs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, site_dir: Path) -> Manifest:
        """The previous site's manifest; an unreadable one just means everything is rendered."""
        try:
            data = json.loads((site_dir / MANIFEST_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return cls()
        briefs = data.get("briefs")
        return cls(briefs if isinstance(briefs, dict) else {})

    def hash_of(self, brief_id: str) -> str | None:
        entry = self.briefs.get(brief_id)
        return entry.get("hash") if isinstance(entry, dict) else None

    def record(self, brief_id: str, input_hash: str, files: list[str], *, listed: bool) -> None:
        self.briefs[brief_id] = {"hash": input_hash, "files": files, "listed": listed}

    def to_bytes(self) -> bytes:
        document = {
            "version": MANIFEST_VERSION,
            "generator": f"briefgen {__version__}",
            "briefs": dict(sorted(self.briefs.items())),
        }
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8")
