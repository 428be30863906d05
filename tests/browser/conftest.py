"""Headless Chromium (Debian's package) driven by Playwright, and the published fixture site.

The site is served by http.server on 127.0.0.1 under a sub-path (/desk/briefs/)
and also opened from file://. Every page is watched: console errors, page
errors, failed or 4xx/5xx responses, and any request to an address outside the
site are recorded, and requests outside the site are refused.

Skipped (with the reason printed) only when /usr/bin/chromium is missing;
.ci/run installs it. axe-core missing is a failure, not a skip: run `npm ci`.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.site_workspace import REPO, make_site_workspace, publish_fixture_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SUB_PATH = "desk/briefs/"
ARTIFACTS = REPO / "tests" / ".artifacts" / "publish"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published fixture site, at <serve root>/desk/briefs/."""
    base = tmp_path_factory.mktemp("browser-site")
    workspace = make_site_workspace(base / "ws")
    serve_root = base / "serve"
    (serve_root / "desk").mkdir(parents=True)
    return publish_fixture_site(workspace, serve_root / "desk" / "briefs")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_base(site_root: Path) -> Iterator[str]:
    """http://127.0.0.1:<port>/desk/briefs/ (the server's root is two folders up)."""
    handler = functools.partial(_QuietHandler, directory=str(site_root.parent.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def file_base(site_root: Path) -> str:
    return site_root.as_uri() + "/"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.skip(
            "browser tests need Debian's chromium at /usr/bin/chromium "
            "(apt-get install -y chromium; .ci/run does this)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the repository (see .ci/run)")
    return AXE


@dataclass
class Watch:
    """What went wrong while pages of the site were open."""

    site_prefix: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def inside(self, url: str) -> bool:
        return url.startswith(self.site_prefix) or url.startswith("data:")

    def problems(self) -> list[str]:
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"request outside the site: {u}" for u in self.outside_requests]
            + [f"failed: {u}" for u in self.failed]
        )


def watched_page(context: object, watch: Watch) -> object:
    """A new page whose errors and requests are recorded in ``watch``."""
    page = context.new_page()  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda message: (
            watch.console_errors.append(f"{page.url}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: watch.console_errors.append(f"{page.url}: {error}"))

    def on_request(request: object) -> None:
        if not watch.inside(request.url):  # type: ignore[attr-defined]
            watch.outside_requests.append(request.url)  # type: ignore[attr-defined]

    def on_response(response: object) -> None:
        if response.status >= 400:  # type: ignore[attr-defined]
            watch.failed.append(f"{response.status} {response.url}")  # type: ignore[attr-defined]

    page.on("request", on_request)
    page.on("response", on_response)

    def on_failed(request: object) -> None:
        # ERR_ABORTED is a load cut short by the next navigation (the crawler moves on before
        # the favicon arrives); a missing file is a 404 response or ERR_FILE_NOT_FOUND.
        failure = request.failure  # type: ignore[attr-defined]
        if failure != "net::ERR_ABORTED":
            watch.failed.append(f"{request.url} ({failure})")  # type: ignore[attr-defined]

    page.on("requestfailed", on_failed)
    return page


def new_context(browser: object, watch: Watch, **options: object) -> object:
    """A browser context that refuses (and records) every request outside the site."""
    context = browser.new_context(**options)  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if watch.inside(url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            watch.outside_requests.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    return context


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS
