"""``briefgen serve``: a real server in a subprocess, fetched over HTTP, changed on disk, stopped.

Each server gets its own copy of the example workspace and an OS-chosen free
port (``--port 0``, read back from its first line), and is always stopped in
a ``finally``.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefgen.serve.routes import Route, resolve_route
from briefgen.serve.watch import EditorFilter, affected_briefs

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ID = "moscow-quadrilateral-talks-2023"
EXAMPLE = REPO / "briefs" / EXAMPLE_ID
TITLE = "Russia, Syria, Turkey and Iran hold high-level talks in Moscow"
STARTUP_SECONDS = 20.0
RELOAD_BUDGET = 1.0  # the issue: the page reloads within a second of a save


# -- helpers -------------------------------------------------------------------------


class Server:
    def __init__(self, process: subprocess.Popen[str], port: int, lines: queue.Queue[str]):
        self.process = process
        self.port = port
        self.lines = lines

    def request(self, target: str, method: str = "GET", headers: dict[str, str] | None = None):
        """Send ``target`` exactly as given (no client-side normalisation of ``..``)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest(
                method, target, skip_host="Host" in (headers or {}), skip_accept_encoding=True
            )
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            return response.status, dict(response.getheaders()), body
        finally:
            connection.close()

    def text(self, target: str) -> tuple[int, str]:
        status, _, body = self.request(target)
        return status, body.decode("utf-8")

    @contextmanager
    def events(self) -> Iterator[EventStream]:
        stream = EventStream(self.port)
        try:
            yield stream
        finally:
            stream.close()


class EventStream:
    """A server-sent-events client over a raw socket, read with timeouts."""

    def __init__(self, port: int) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.socket.sendall(b"GET /_events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        # Our own line buffer: a file from socket.makefile() cannot be read again after a
        # timeout, and a caller may wait for an event, time out, and wait again.
        self.buffer = b""
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            head += self._readline(5.0)
        assert head.startswith(b"HTTP/1.0 200"), head
        assert b"text/event-stream" in head
        self.hello = self.next_event(5.0)
        assert self.hello[0] == "hello", self.hello

    def _readline(self, timeout: float) -> bytes:
        """One line (with its newline), or b"" when the server closed the stream; raises
        TimeoutError after ``timeout`` seconds without a whole line."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no line in time")
            self.socket.settimeout(remaining)
            try:
                chunk = self.socket.recv(4096)
            except TimeoutError as exc:
                raise TimeoutError("no line in time") from exc
            if not chunk:
                line, self.buffer = self.buffer, b""
                return line
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line + b"\n"

    def next_event(self, timeout: float) -> tuple[str, dict]:
        """The next event's name and JSON data; raises TimeoutError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        name, data = "message", ""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no event in time")
            try:
                line = self._readline(remaining).decode("utf-8")
            except TimeoutError as exc:
                raise TimeoutError("no event in time") from exc
            if not line:
                raise ConnectionError("the server closed the event stream")
            line = line.rstrip("\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].strip()
            elif line == "" and data:
                return name, json.loads(data)

    def wait_for_reload(self, brief_id: str, timeout: float) -> tuple[float, dict]:
        """Seconds until a reload event names ``brief_id`` itself (not just "every brief")."""
        start = time.monotonic()
        while True:
            name, data = self.next_event(timeout - (time.monotonic() - start))
            if name == "reload" and brief_id in data["briefs"]:
                return time.monotonic() - start, data

    def close(self) -> None:
        self.socket.close()


def make_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE, root / "briefs" / EXAMPLE_ID)
    return root


def start_server(workspace: Path, *extra: str) -> Server:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "-C", str(workspace), "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        found = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return Server(process, int(found.group(1)), lines)
    stop_process(process)
    raise AssertionError(
        f"the server did not start: {process.stderr.read() if process.stderr else ''}"
    )


def stop_process(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def server(workspace: Path) -> Iterator[Server]:
    running = start_server(workspace)
    try:
        yield running
    finally:
        stop_process(running.process)


class PageParser(HTMLParser):
    """Collects what the tests look at: scripts, links, headings, problem locations."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.h1: list[str] = []
        self.locations: list[str] = []
        self.generation: str | None = None
        self._capture: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"] or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if attributes.get("data-briefgen-generation"):
            self.generation = attributes["data-briefgen-generation"]
        if tag == "h1":
            self.h1.append("")
            self._capture = self.h1
        if tag == "code" and "problem-location" in (attributes.get("class") or ""):
            self.locations.append("")
            self._capture = self.locations

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "code"):
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture[-1] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def yaml_path(workspace: Path) -> Path:
    return workspace / "briefs" / EXAMPLE_ID / "brief.yaml"


# -- routes (no server needed) ---------------------------------------------------------

IDS = {EXAMPLE_ID}


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", Route("index")),
        ("/?x=1", Route("index")),
        ("/_events", Route("events")),
        (f"/{EXAMPLE_ID}/", Route("brief", EXAMPLE_ID)),
        (f"/{EXAMPLE_ID}", Route("redirect", EXAMPLE_ID)),
        (f"/{EXAMPLE_ID}.pdf", Route("pdf", EXAMPLE_ID)),
        (f"/{EXAMPLE_ID}/sources/a%20b.txt", Route("asset", EXAMPLE_ID, ("sources", "a b.txt"))),
        ("/_static/live-reload.js", Route("static", parts=("live-reload.js",))),
    ],
)
def test_allowed_routes(target: str, expected: Route) -> None:
    assert resolve_route(target, IDS) == expected


@pytest.mark.parametrize(
    "target",
    [
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E/etc/passwd",
        f"/{EXAMPLE_ID}/../../etc/passwd",
        f"/{EXAMPLE_ID}/%2e%2e/brief.txt",
        f"/{EXAMPLE_ID}/sources%2f..%2f..%2fx.txt",
        f"/{EXAMPLE_ID}/..%5cx.txt",
        f"/{EXAMPLE_ID}/%252e%252e/x.txt",
        f"/{EXAMPLE_ID}/a\\..\\x.txt",
        f"/{EXAMPLE_ID}/%00.png",
        f"/{EXAMPLE_ID}/x.png%00",
        f"/{EXAMPLE_ID}/.hidden.png",
        f"/{EXAMPLE_ID}/brief.yaml",  # the fact sheet itself is not an asset
        f"/{EXAMPLE_ID}/sources/",  # no directory listings
        f"/{EXAMPLE_ID}/C:/x.png",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/",
        "/_static/../serve/index.html",
        "/_static/index.html",
        "/unknown-brief/",
        "/unknown-brief.pdf",
        "/briefs/",
        "/favicon.ico",
        "/%ff",
    ],
)
def test_everything_else_is_refused(target: str) -> None:
    assert resolve_route(target, IDS) is None


def test_editor_scratch_files_are_ignored() -> None:
    keep = EditorFilter()
    from watchfiles import Change

    for name in (".brief.yaml.swp", "brief.yaml~", ".#brief.yaml", "4913", "brief.yaml.tmp"):
        assert not keep(Change.added, f"/ws/briefs/x/{name}"), name
    assert keep(Change.modified, "/ws/briefs/x/brief.yaml")
    assert keep(Change.added, "/ws/templates/brief.css")


def test_changes_map_to_the_briefs_they_touch(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    brief = root / "briefs" / EXAMPLE_ID
    assert affected_briefs(root, [brief / "brief.yaml"]) == {EXAMPLE_ID}
    assert affected_briefs(root, [brief / "sources" / "aljazeera.txt"]) == {EXAMPLE_ID}
    assert affected_briefs(root, [root / "briefgen.yaml"]) == {"*"}
    assert affected_briefs(root, [root / "templates" / "brief.css"]) == {"*"}


# -- the running server -------------------------------------------------------------------


def test_index_and_brief_page(server: Server) -> None:
    status, headers, body = server.request("/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    index = parse(body.decode("utf-8"))
    assert f"/{EXAMPLE_ID}/" in index.links
    assert f"/{EXAMPLE_ID}.pdf" in index.links
    assert TITLE in body.decode("utf-8")
    assert index.scripts == ["/_static/live-reload.js"]

    status, page_html = server.text(f"/{EXAMPLE_ID}/")
    assert status == 200
    page = parse(page_html)
    assert page.h1 == [TITLE]
    assert "/_static/live-reload.js" in page.scripts
    assert f"/{EXAMPLE_ID}.pdf" in page.links
    assert page.generation

    status, headers, script = server.request("/_static/live-reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"EventSource" in script and b"/_events" in script

    status, headers, _ = server.request(f"/{EXAMPLE_ID}")
    assert status == 301 and headers["Location"] == f"/{EXAMPLE_ID}/"


def test_a_save_is_pushed_within_a_second_and_served(server: Server, workspace: Path) -> None:
    path = yaml_path(workspace)
    original = path.read_text("utf-8")
    with server.events() as events:
        path.write_text(
            original.replace(f"title: {TITLE}", "title: Talks moved to Ankara"), "utf-8"
        )
        seconds, data = events.wait_for_reload(EXAMPLE_ID, timeout=5.0)
        assert seconds < RELOAD_BUDGET, f"reload event after {seconds:.2f} s"
        assert data["generation"] != events.hello[1]["generation"]
    status, page_html = server.text(f"/{EXAMPLE_ID}/")
    assert status == 200
    assert parse(page_html).h1 == ["Talks moved to Ankara"]

    # An editor's save: write a scratch file, then rename it over the original.
    with server.events() as events:
        scratch = path.with_name(".brief.yaml.swp")
        scratch.write_text(
            original.replace(f"title: {TITLE}", "title: Renamed into place"), "utf-8"
        )
        os.replace(scratch, path)
        seconds, _ = events.wait_for_reload(EXAMPLE_ID, timeout=5.0)
        assert seconds < RELOAD_BUDGET
    assert parse(server.text(f"/{EXAMPLE_ID}/")[1]).h1 == ["Renamed into place"]


def test_a_source_file_change_reloads_its_brief(server: Server, workspace: Path) -> None:
    source = workspace / "briefs" / EXAMPLE_ID / "sources" / "aljazeera.txt"
    with server.events() as events:
        source.write_text(source.read_text("utf-8") + "\nA late paragraph.\n", "utf-8")
        seconds, _ = events.wait_for_reload(EXAMPLE_ID, timeout=5.0)
        assert seconds < RELOAD_BUDGET


def test_broken_yaml_shows_the_error_page_then_recovers(server: Server, workspace: Path) -> None:
    path = yaml_path(workspace)
    original = path.read_text("utf-8")
    lines = original.splitlines(keepends=True)
    date_line = next(i for i, line in enumerate(lines) if line.startswith("date:"))
    broken = lines.copy()
    broken[date_line] = "date: [2023-05-10\n"  # an unclosed flow sequence
    with server.events() as events:
        path.write_text("".join(broken), "utf-8")
        events.wait_for_reload(EXAMPLE_ID, timeout=5.0)
    status, headers, body = server.request(f"/{EXAMPLE_ID}/")
    page_html = body.decode("utf-8")
    assert status == 422
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    page = parse(page_html)
    assert page.locations, page_html
    location = page.locations[0]
    found = re.fullmatch(rf"briefs/{EXAMPLE_ID}/brief\.yaml:(\d+):(\d+)", location)
    assert found, location
    line, col = int(found.group(1)), int(found.group(2))
    assert date_line + 1 <= line <= date_line + 3 and col >= 1
    assert "YAML syntax error" in page_html
    assert "/_static/live-reload.js" in page.scripts  # so it recovers by itself
    assert TITLE not in page.h1

    # A schema error points at the value: line and column, the line and a caret under it.
    broken[date_line] = "date: 2023-13-10\n"
    path.write_text("".join(broken), "utf-8")
    status, page_html = server.text(f"/{EXAMPLE_ID}/")
    assert status == 422
    assert f"briefs/{EXAMPLE_ID}/brief.yaml:{date_line + 1}:7" in parse(page_html).locations
    assert "date: 2023-13-10" in page_html
    assert re.search(r'<span class="caret"[^>]*>      \^</span>', page_html)
    index_html = server.text("/")[1]
    assert "1 error" in index_html

    with server.events() as events:
        path.write_text(original, "utf-8")
        seconds, _ = events.wait_for_reload(EXAMPLE_ID, timeout=5.0)
        assert seconds < RELOAD_BUDGET
    status, page_html = server.text(f"/{EXAMPLE_ID}/")
    assert status == 200 and parse(page_html).h1 == [TITLE]


def test_half_written_yaml_never_crashes_the_server(server: Server, workspace: Path) -> None:
    path = yaml_path(workspace)
    original = path.read_bytes()
    # Cut mid-file, inside a multi-byte character where there is one (a partial write).
    cut = original.index("–".encode()) + 1 if "–".encode() in original else len(original) // 2
    for partial in (original[:cut], b"", original[: len(original) // 3], b"\xff\xfe\x00"):
        path.write_bytes(partial)
        status, page_html = server.text(f"/{EXAMPLE_ID}/")
        assert status == 422, page_html[:500]
        assert parse(page_html).locations
        assert server.text("/")[0] == 200
    path.unlink()
    assert server.text(f"/{EXAMPLE_ID}/")[0] == 422
    path.write_bytes(original)
    assert server.process.poll() is None
    status, page_html = server.text(f"/{EXAMPLE_ID}/")
    assert status == 200 and parse(page_html).h1 == [TITLE]


def test_template_and_settings_changes_reload_every_page(server: Server, workspace: Path) -> None:
    templates = workspace / "templates"
    templates.mkdir()
    with server.events() as events:
        (templates / "screen.css").write_text("body { background: rgb(1, 2, 3); }\n", "utf-8")
        name, data = events.next_event(5.0)
        while not (name == "reload" and "*" in data["briefs"]):
            name, data = events.next_event(5.0)
    assert "rgb(1, 2, 3)" in server.text(f"/{EXAMPLE_ID}/")[1]

    with server.events() as events:
        (workspace / "briefgen.yaml").write_text("organization: Test Policy Unit\n", "utf-8")
        name, data = events.next_event(5.0)
        while not (name == "reload" and "*" in data["briefs"]):
            name, data = events.next_event(5.0)
    assert "Test Policy Unit" in server.text(f"/{EXAMPLE_ID}/")[1]


def test_traversal_and_unknown_paths_get_404(server: Server, workspace: Path, tmp_path: Path):
    folder = workspace / "briefs" / EXAMPLE_ID
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET outside the workspace\n", "utf-8")
    (folder / "escape.txt").symlink_to(secret)
    (folder / "outside").symlink_to(tmp_path, target_is_directory=True)
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "brief.yaml").write_text(TINY_BRIEF, "utf-8")
    (elsewhere / "secret.txt").write_text("TOP SECRET in a linked folder\n", "utf-8")
    (workspace / "briefs" / "linked").symlink_to(elsewhere, target_is_directory=True)

    # The allowed asset is served, so the 404s below are refusals, not a broken route.
    status, headers, body = server.request(f"/{EXAMPLE_ID}/map.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert "sandbox" in headers["Content-Security-Policy"]
    status, _, body = server.request(f"/{EXAMPLE_ID}/sources/aljazeera.txt")
    assert status == 200 and b"Moscow" in body

    for target in (
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        f"/{EXAMPLE_ID}/../../secret.txt",
        f"/{EXAMPLE_ID}/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        f"/{EXAMPLE_ID}/..%2f..%2f..%2fsecret.txt",
        f"/{EXAMPLE_ID}/escape.txt",
        f"/{EXAMPLE_ID}/outside/secret.txt",
        f"/{EXAMPLE_ID}/brief.yaml",
        f"/{EXAMPLE_ID}/sources/",
        str(secret),
        "//" + str(secret),
        "/briefs/",
        "/_static/../../briefgen/serve/site.py",
        "/linked/secret.txt",  # a brief folder that is a symlink to outside briefs/
    ):
        status, _, body = server.request(target)
        assert status == 404, target
        assert b"TOP SECRET" not in body and b"root:" not in body

    assert server.request("/linked/")[0] == 422  # refused by the checks, shown as a problem

    # Another site cannot reach the server through a DNS name that points at 127.0.0.1.
    status, _, _ = server.request("/", headers={"Host": "attacker.example"})
    assert status == 403
    for host in (f"localhost:{server.port}", f"[::1]:{server.port}", "127.0.0.2"):
        assert server.request("/", headers={"Host": host})[0] == 200, host


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_ctrl_c_stops_cleanly_and_frees_the_port(workspace: Path, stop_signal: int) -> None:
    running = start_server(workspace)
    try:
        with running.events():  # an open event stream must not keep the server alive
            running.process.send_signal(stop_signal)
            code = running.process.wait(10)
        assert code == 0
        stderr = running.process.stderr.read() if running.process.stderr else ""
        assert "Traceback" not in stderr
        output = "".join(list(running.lines.queue))
        assert f"stopped; port {running.port} is free" in output
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", running.port))
            probe.listen()
    finally:
        stop_process(running.process)


def test_a_taken_port_is_a_clear_error(workspace: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "briefgen", "-C", str(workspace), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: port {port} is in use — pass --port {port + 1}"
    assert "Traceback" not in result.stderr


def test_serving_does_not_load_weasyprint() -> None:
    code = "import sys, briefgen.serve, briefgen.cli; print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


TINY_BRIEF = """\
title: Tiny brief for the preview
date: 2024-02-01
summary: Two ministers met [@note].
participants:
  ann:
    name: Ann Example
positions:
  - actor: ann
    summary: Wants more talks [@note].
sources:
  note:
    title: A note
"""


@pytest.mark.slow
def test_pdf_on_demand_is_cached_until_the_brief_changes(server: Server, workspace: Path) -> None:
    pypdf = pytest.importorskip("pypdf")

    def pdf_text(data: bytes) -> str:
        return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)

    # A one-page brief, added while the server runs, keeps the two renders short.
    path = workspace / "briefs" / "tiny" / "brief.yaml"
    path.parent.mkdir()
    path.write_text(TINY_BRIEF, "utf-8")
    assert "/tiny.pdf" in parse(server.text("/")[1]).links

    started = time.monotonic()
    status, headers, first = server.request("/tiny.pdf")
    first_seconds = time.monotonic() - started
    assert status == 200, first[:300]
    assert headers["Content-Type"] == "application/pdf"
    assert first.startswith(b"%PDF-")
    assert "Tiny brief for the preview" in pdf_text(first)

    started = time.monotonic()
    status, _, again = server.request("/tiny.pdf")
    assert status == 200 and again == first
    assert time.monotonic() - started < min(1.0, first_seconds)

    path.write_text(TINY_BRIEF.replace("Tiny brief for", "Fresh PDF of"), "utf-8")
    status, _, changed = server.request("/tiny.pdf")
    assert status == 200 and changed != first
    assert "Fresh PDF of the preview" in pdf_text(changed)

    path.write_text("title: [broken\n", "utf-8")
    status, page_html = server.text("/tiny.pdf")
    assert status == 422 and "briefs/tiny/brief.yaml:" in page_html


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.slow
def test_the_page_reloads_itself_in_chromium(server: Server, workspace: Path) -> None:
    """The script, not just the event stream: Chromium reloads, keeps its place, shows errors."""
    if not CHROMIUM.is_file():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    origin = f"http://127.0.0.1:{server.port}"
    path = yaml_path(workspace)
    original = path.read_text("utf-8")
    problems: list[str] = []

    def drive_chromium() -> None:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                # bypass_csp only lets the test's own probes run; the page's script is a file.
                page = browser.new_context(bypass_csp=True).new_page()
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.on(
                    "request",
                    lambda request: (
                        None
                        if request.url.startswith((origin, "data:"))
                        else problems.append(request.url)
                    ),
                )
                page.goto(f"{origin}/{EXAMPLE_ID}/")
                page.wait_for_selector('.serve-live[data-state="live"]', timeout=10_000)
                page.evaluate("window.scrollTo(0, 800)")

                path.write_text(original.replace(f"title: {TITLE}", "title: Seen in the browser"))
                page.wait_for_function(
                    "document.querySelector('h1').textContent === 'Seen in the browser'",
                    timeout=5_000,
                )
                # The analyst keeps their place (less the line the shorter title gave back).
                assert 700 <= page.evaluate("window.scrollY") <= 800

                path.write_text(original.replace("date: 2023-05-10", "date: 2023-05-"))
                page.wait_for_selector(".problem-location", timeout=5_000)
                assert ":7:" in page.inner_text(".problem-location")
                page.wait_for_selector('.serve-live[data-state="live"]', timeout=5_000)

                path.write_text(original)
                page.wait_for_selector("#brief-title", timeout=5_000)
                assert page.inner_text("#brief-title") == TITLE
            finally:
                browser.close()

    # Sync Playwright refuses to run where another sync session (tests/browser's session-wide
    # browser) owns the thread's event loop, so this one gets a thread of its own.
    failures: list[BaseException] = []

    def run() -> None:
        try:
            drive_chromium()
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "Chromium did not finish in 120 s"
    if failures:
        raise failures[0]
    assert problems == []


def test_a_failed_or_slow_pdf_is_a_problem_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process: WeasyPrint raising, or taking too long, is shown like any other problem."""
    import briefgen.build
    from briefgen.serve.site import ServeSite
    from briefgen.serve.watch import ChangeHub

    root = make_workspace(tmp_path / "ws")
    site = ServeSite(root, ChangeHub(), log=lambda line: None)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("cairo ran out of patience")

    monkeypatch.setattr(briefgen.build, "render_brief_outputs", broken)
    response = site.brief_pdf(EXAMPLE_ID)
    assert response.status == 500
    page = parse(response.body.decode("utf-8"))
    assert page.locations == [f"briefs/{EXAMPLE_ID}/brief.yaml:0:0"]
    assert "cairo ran out of patience" in response.body.decode("utf-8")

    release = threading.Event()

    def slow(*args: object, **kwargs: object) -> None:
        release.wait(10)
        raise RuntimeError("too late")

    monkeypatch.setattr(briefgen.build, "render_brief_outputs", slow)
    (root / "briefgen.yaml").write_text("limits:\n  render_timeout: 0.3\n", "utf-8")
    try:
        response = site.brief_pdf(EXAMPLE_ID)
    finally:
        release.set()
    assert response.status == 504
    assert "took longer than 0.3 s" in response.body.decode("utf-8")


def test_a_briefs_folder_created_while_serving_is_watched(tmp_path: Path) -> None:
    """A folder without briefs/ shows the bundled example; once briefs/ appears, it is watched."""
    root = tmp_path / "fresh"
    root.mkdir()
    running = start_server(root)
    try:
        index_html = running.text("/")[1]
        assert "ships with briefgen" in index_html and TITLE in index_html
        with running.events() as events:
            shutil.copytree(EXAMPLE, root / "briefs" / "first")
            name, data = events.next_event(5.0)
            while not (name == "reload" and "*" in data["briefs"]):
                name, data = events.next_event(5.0)
        assert "/first/" in parse(running.text("/")[1]).links
        path = root / "briefs" / "first" / "brief.yaml"
        deadline = time.monotonic() + 5.0
        with running.events() as events:
            # The tree watcher restarts on the new folder; write until a save of it is reported.
            while True:
                text = path.read_text("utf-8").replace(f"title: {TITLE}", "title: First own brief")
                path.write_text(text, "utf-8")
                try:
                    events.wait_for_reload("first", timeout=0.5)
                    break
                except TimeoutError:
                    assert time.monotonic() < deadline, "saves in the new briefs/ are not seen"
        assert parse(running.text("/first/")[1]).h1 == ["First own brief"]
    finally:
        stop_process(running.process)
