"""The build cache: skip briefs whose inputs did not change, without parsing a single YAML file.

A brief's *key* is a SHA-256 over the raw bytes of everything its output
depends on: every file in its folder, the workspace's template overrides and
the built-in templates (CSS included), ``briefgen.yaml``, the fonts, data and
code shipped with briefgen (by size and modification time), briefgen's and
WeasyPrint's versions, and the options that change the output. Computing it
reads files and hashes them; nothing heavy is imported.

Each brief has one record, ``<out>/.cache/<id>.json``, written atomically
after its output files. A record carries its own checksum; a record that is
unreadable, from another format version, for another brief, or whose
outputs were changed or removed since is ignored and the brief is rendered
again. Failed briefs are recorded with their problems so that a no-op
rebuild still reports them; renderer crashes and time-outs are not recorded
(they may not happen again).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen import __version__
from briefgen.errors import Problem
from briefgen.output import write_atomic

CACHE_DIR_NAME = ".cache"
RECORD_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent
# Parts of the package that never change a brief's output (commands around the build).
_IGNORED_PACKAGE_PARTS = {"__pycache__", "draft", "serve", "publish"}
_IGNORED_PACKAGE_FILES = {
    "__main__.py",
    "cli.py",
    "check.py",
    "newbrief.py",
    "progress.py",
    "doctor.py",
    "workers.py",
    "py.typed",
}


@dataclass(frozen=True)
class OutputStamp:
    """An output file as written: size and time to compare cheaply, the hash as a fallback."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass
class CacheRecord:
    brief_id: str
    key: str
    status: str  # "built" or "failed"
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, OutputStamp] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "format": RECORD_FORMAT,
            "brief": self.brief_id,
            "key": self.key,
            "status": self.status,
            "problems": [p.to_json() for p in self.problems],
            "outputs": {
                fmt: {"size": s.size, "mtime_ns": s.mtime_ns, "sha256": s.sha256}
                for fmt, s in sorted(self.outputs.items())
            },
            "seconds": {fmt: round(v, 4) for fmt, v in sorted(self.seconds.items())},
        }


def cache_dir(out_dir: Path) -> Path:
    return out_dir / CACHE_DIR_NAME


def _hash_file(digest: hashlib._Hash, path: str | Path) -> None:  # type: ignore[name-defined]
    try:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    except OSError as exc:
        # An unreadable file (a dangling editor lock, say) still changes the key when it changes.
        digest.update(f"<unreadable {exc.errno}>".encode())


def _tree_files(folder: Path, *, skip_parts: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Every file under ``folder`` as (relative posix path, path), sorted, symlinks followed.

    Plain strings and ``os.scandir``: this runs for every brief on every build.
    """
    skip = set(skip_parts)
    found: list[tuple[str, str]] = []
    pending = [("", os.fspath(folder))]
    seen: set[tuple[int, int]] = set()
    while pending:
        prefix, directory = pending.pop()
        try:
            info = os.stat(directory)
            if (info.st_dev, info.st_ino) in seen:
                continue  # a symlink loop
            seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in skip:
                    pending.append((relative + "/", entry.path))
            else:
                found.append((relative, entry.path))
    found.sort()
    return found


def _hash_tree_contents(digest: hashlib._Hash, label: str, folder: Path | None) -> None:  # type: ignore[name-defined]
    digest.update(f"\0tree {label}\0".encode())
    if folder is None or not folder.is_dir():
        digest.update(b"<none>")
        return
    for relative, path in _tree_files(folder):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        _hash_file(digest, path)
        digest.update(b"\0")


def _hash_tree_stats(digest: hashlib._Hash, label: str, folder: Path) -> None:  # type: ignore[name-defined]
    """Size and modification time of each file: enough for briefgen's own shipped files."""
    digest.update(f"\0stats {label}\0".encode())
    for relative, path in _tree_files(folder, skip_parts=_IGNORED_PACKAGE_PARTS):
        if relative.endswith((".pyc", ".pyo")) or relative in _IGNORED_PACKAGE_FILES:
            continue
        try:
            stat = os.stat(path)
            digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{relative}\0<missing>\0".encode())


def _weasyprint_stamp() -> str:
    """WeasyPrint's version without importing it (that costs half a second)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("weasyprint")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "weasyprint:absent"
    try:
        stat = Path(spec.origin).stat()
    except OSError:
        return "weasyprint:unreadable"
    return f"weasyprint:{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


def environment_key(
    *,
    workspace_root: Path,
    templates_dir: Path | None,
    builtin_templates: Path,
    options: Mapping[str, object],
) -> str:
    """The part shared by every brief's key: templates, settings, briefgen itself, options."""
    digest = hashlib.sha256()
    digest.update(f"briefgen {__version__}\0python {sys.version_info[:3]}\0".encode())
    digest.update(_weasyprint_stamp().encode() + b"\0")
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    settings = workspace_root / "briefgen.yaml"
    digest.update(b"\0briefgen.yaml\0")
    if settings.is_file():
        _hash_file(digest, settings)
    else:
        digest.update(b"<none>")
    user = templates_dir if templates_dir and templates_dir.is_dir() else None
    if user is not None and user.resolve() == builtin_templates.resolve():
        user = None
    _hash_tree_contents(digest, "templates", user)
    _hash_tree_contents(digest, "builtin-templates", builtin_templates)
    _hash_tree_stats(digest, "package", PACKAGE_DIR)
    return digest.hexdigest()


def brief_key(environment: str, brief_id: str, folder: Path) -> str:
    """SHA-256 of the environment key, the brief's id and every file in its folder."""
    digest = hashlib.sha256()
    digest.update(f"{environment}\0{brief_id}\0".encode())
    _hash_tree_contents(digest, "brief", folder)
    return digest.hexdigest()


def _checksum(payload: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def record_path(out_dir: Path, brief_id: str) -> Path:
    return cache_dir(out_dir) / f"{brief_id}.json"


def load_record(out_dir: Path, brief_id: str) -> CacheRecord | None:
    """The brief's record, or None when it is missing, corrupt, foreign or from another format."""
    try:
        raw = json.loads(record_path(out_dir, brief_id).read_bytes())
        payload = raw["record"]
        if raw.get("checksum") != _checksum(payload):
            return None
        if payload["format"] != RECORD_FORMAT or payload["brief"] != brief_id:
            return None
        if payload["status"] not in ("built", "failed"):
            return None
        return CacheRecord(
            brief_id=brief_id,
            key=str(payload["key"]),
            status=payload["status"],
            problems=[Problem(**p) for p in payload["problems"]],
            outputs={
                fmt: OutputStamp(int(s["size"]), int(s["mtime_ns"]), str(s["sha256"]))
                for fmt, s in payload["outputs"].items()
            },
            seconds={fmt: float(v) for fmt, v in payload.get("seconds", {}).items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_record(out_dir: Path, record: CacheRecord) -> None:
    payload = record.to_json()
    text = json.dumps({"checksum": _checksum(payload), "record": payload}, sort_keys=True)
    write_atomic(record_path(out_dir, record.brief_id), text)


def forget_record(out_dir: Path, brief_id: str) -> None:
    with contextlib.suppress(OSError):
        record_path(out_dir, brief_id).unlink()


def stamp_output(path: Path, data: bytes) -> OutputStamp:
    stat = path.stat()
    return OutputStamp(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


def output_matches(path: Path, stamp: OutputStamp) -> bool:
    """The output file is still the one we wrote (same size and time, or else the same bytes)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != stamp.size:
        return False
    if stat.st_mtime_ns == stamp.mtime_ns:
        return True
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == stamp.sha256
    except OSError:
        return False


def usable_record(
    record: CacheRecord | None,
    key: str,
    out_dir: Path,
    brief_id: str,
    formats: Sequence[str],
) -> bool:
    """Whether the record answers for this build: same key, and each requested output intact."""
    if record is None or record.key != key:
        return False
    if record.status == "failed":
        return True
    return all(
        fmt in record.outputs and output_matches(out_dir / f"{brief_id}.{fmt}", record.outputs[fmt])
        for fmt in formats
    )
