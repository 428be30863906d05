"""Watch the workspace and tell open pages which briefs changed, so they reload themselves.

Two watchfiles watchers run in background threads: one on the workspace root
alone (``briefgen.yaml``, and ``briefs/`` or ``templates/`` appearing or
going), one recursive on the folders whose files feed a page (``briefs/``,
the workspace's templates, briefgen's own templates). The recursive one
restarts when the root one says the set of folders may have changed, so a
workspace's ``.git`` or ``build/`` is never watched.
"""

from __future__ import annotations

import json
import queue
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from briefgen.assets import builtin_templates_dir
from briefgen.workspace import SETTINGS_FILE, bundled_example_dir, open_workspace

ALL_BRIEFS = "*"
WATCH_STEP_MS = 50  # how long a burst of writes must pause before we report it
WATCH_DEBOUNCE_MS = 300  # the longest we group writes before reporting anyway


class EditorFilter(watchfiles.DefaultFilter):
    """The default filter, plus the scratch files editors write next to the real one."""

    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,
        r"^4913$",  # vim probes whether a folder is writable with this name
        r"\.sw[a-p]x?$",
        r"\.kate-swp$",
        r"^\.~lock\.",
        r"\.tmp$",
        r"\.part$",
        r"\.crdownload$",
        r"^\.goutputstream-",
        r"^sed[A-Za-z0-9]{6}$",  # sed -i
    )


@dataclass(frozen=True)
class ChangeEvent:
    """One batch of changes: a new generation of the workspace, and the briefs it touches."""

    generation: str
    briefs: tuple[str, ...]

    def sse(self) -> bytes:
        data = json.dumps({"generation": self.generation, "briefs": list(self.briefs)})
        return f"event: reload\ndata: {data}\n\n".encode()


class ChangeHub:
    """Fans change events out to every connected page (one queue per server-sent-events stream)."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(4)  # a restarted server never matches an old page
        self._count = 0
        self._lock = threading.Lock()
        self._listeners: set[queue.Queue[ChangeEvent | None]] = set()
        self._closed = False

    @property
    def generation(self) -> str:
        with self._lock:
            return f"{self._token}-{self._count}"

    def subscribe(self) -> queue.Queue[ChangeEvent | None]:
        listener: queue.Queue[ChangeEvent | None] = queue.Queue()
        with self._lock:
            if self._closed:
                listener.put(None)
            self._listeners.add(listener)
        return listener

    def unsubscribe(self, listener: queue.Queue[ChangeEvent | None]) -> None:
        with self._lock:
            self._listeners.discard(listener)

    def publish(self, briefs: Iterable[str]) -> ChangeEvent:
        with self._lock:
            self._count += 1
            event = ChangeEvent(f"{self._token}-{self._count}", tuple(sorted(set(briefs))))
            for listener in self._listeners:
                listener.put(event)
        return event

    def close(self) -> None:
        """Wake every stream so its handler thread ends (the server is stopping)."""
        with self._lock:
            self._closed = True
            for listener in self._listeners:
                listener.put(None)


def affected_briefs(root: Path, changed: Iterable[Path]) -> set[str]:
    """Brief ids whose page depends on the changed paths; ``*`` when every page does."""
    workspace = open_workspace(root)
    brief_dirs = [workspace.briefs_dir]
    if not workspace.briefs_dir.is_dir():
        brief_dirs.append(bundled_example_dir())
    affected: set[str] = set()
    for path in changed:
        brief_id = _brief_of(path, brief_dirs)
        if brief_id is None:
            affected.add(ALL_BRIEFS)  # settings or a template: every page may change
        elif brief_id:
            affected.add(brief_id)
    return affected


def _brief_of(path: Path, brief_dirs: list[Path]) -> str | None:
    for folder in brief_dirs:
        for base in {folder, folder.resolve()}:
            if path.is_relative_to(base):
                parts = path.relative_to(base).parts
                return parts[0] if parts else None
    return None


class WorkspaceWatcher:
    """Calls ``on_change(paths)`` from a background thread after each burst of relevant writes."""

    def __init__(self, root: Path, on_change: Callable[[set[Path]], None]) -> None:
        self.root = root.resolve()
        self.on_change = on_change
        self._stop = threading.Event()
        self._tree_stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._ready = {"root": threading.Event(), "tree": threading.Event()}

    def start(self, ready_timeout: float = 5.0) -> None:
        """Start watching; returns once both watchers are in place, so no early save is missed."""
        for target, name in ((self._watch_root, "root"), (self._watch_tree, "tree")):
            thread = threading.Thread(target=target, name=f"briefgen-watch-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        deadline = time.monotonic() + ready_timeout
        for ready in self._ready.values():
            ready.wait(max(0.0, deadline - time.monotonic()))

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._tree_stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def tree_targets(self) -> list[Path]:
        """The folders watched recursively, as the current settings name them."""
        workspace = open_workspace(self.root)
        candidates = [workspace.briefs_dir, workspace.templates_dir, builtin_templates_dir()]
        if not workspace.briefs_dir.is_dir():
            candidates.append(bundled_example_dir())
        targets: list[Path] = []
        for folder in candidates:
            if folder.is_dir() and folder.resolve() not in targets:
                targets.append(folder.resolve())
        return targets

    def _watch_root(self) -> None:
        def relevant(change: watchfiles.Change, path: str) -> bool:
            templates = Path(open_workspace(self.root).settings.templates).parts
            watched = {SETTINGS_FILE, "briefs", templates[0] if templates else "templates"}
            return Path(path).name in watched

        self._run(
            [self.root],
            recursive=False,
            stop=self._stop,
            ready=self._ready["root"],
            extra_filter=relevant,
            after=self._tree_stop.set,  # settings or top-level folders changed: re-plan the tree
        )

    def _watch_tree(self) -> None:
        while not self._stop.is_set():
            self._tree_stop.clear()
            try:
                targets = self.tree_targets()
            except Exception:  # the workspace folder is gone for now; look again shortly
                self._stop.wait(0.5)
                continue
            self._run(targets, recursive=True, stop=self._tree_stop, ready=self._ready["tree"])

    def _run(
        self,
        targets: list[Path],
        *,
        recursive: bool,
        stop: threading.Event,
        ready: threading.Event,
        extra_filter: Callable[[watchfiles.Change, str], bool] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        editor_filter = EditorFilter()

        def keep(change: watchfiles.Change, path: str) -> bool:
            if not editor_filter(change, path):
                return False
            return extra_filter is None or extra_filter(change, path)

        while not stop.is_set() and not self._stop.is_set():
            try:
                for changes in watchfiles.watch(
                    *targets,
                    watch_filter=keep,
                    debounce=WATCH_DEBOUNCE_MS,
                    step=WATCH_STEP_MS,
                    stop_event=stop,
                    rust_timeout=200,
                    yield_on_timeout=True,  # the first (empty) batch says the watch is in place
                    recursive=recursive,
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                ):
                    ready.set()
                    if not changes:
                        continue
                    self.on_change({Path(path) for _, path in changes})
                    if after is not None:
                        after()
            except Exception:  # a watched folder vanished; look again shortly
                stop.wait(0.5)
            if recursive:
                return
