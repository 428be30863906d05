"""Writing output safely: atomic files, and output folders that cannot clobber the user's inputs."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from briefgen.errors import BriefgenError


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a temporary file beside ``path`` and rename it over: readers never see half a file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def clean_partial_files(folder: Path) -> None:
    """Remove temporary files left by a run that was killed mid-write."""
    if folder.is_dir():
        for leftover in folder.glob(".*.part"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def check_output_dir(output: Path, workspace_root: Path, briefs_dir: Path) -> Path:
    """Refuse output folders that would overwrite or mix with the analyst's own files."""
    resolved = output.resolve()
    root = workspace_root.resolve()
    briefs = briefs_dir.resolve()
    if resolved == root:
        raise BriefgenError(
            f"the output folder {output} is the workspace itself",
            "choose a subfolder such as build/ (pass --out build)",
        )
    if resolved == briefs or briefs in resolved.parents:
        raise BriefgenError(
            f"the output folder {output} is inside briefs/, where the fact sheets live",
            "choose a folder outside briefs/, such as build/",
        )
    if resolved in root.parents or resolved == Path(resolved.anchor):
        raise BriefgenError(
            f"the output folder {output} contains the workspace",
            "choose a subfolder of the workspace, such as build/",
        )
    return resolved
