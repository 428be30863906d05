"""The HTTP side of ``briefgen serve``: bind, answer allow-listed routes, stream reloads, stop.

Standard-library ``ThreadingHTTPServer``: one thread per request, the
server-sent-events streams included. Ctrl-C (SIGINT) or SIGTERM shuts the
server and the watchers down, closes the socket and returns normally.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import queue
import signal
import socket
import sys
import threading
import urllib.parse
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.serve.routes import Route, resolve_route
from briefgen.serve.site import Response, ServeSite
from briefgen.serve.watch import ALL_BRIEFS, ChangeHub, WorkspaceWatcher, affected_briefs

# Inline <style> is how a brief carries its CSS; scripts only from the server itself.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
TEXT = "text/plain; charset=utf-8"
KEEPALIVE_SECONDS = 15.0


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False


class BriefServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], site: ServeSite, hub: ChangeHub, loopback: bool
    ) -> None:
        self.site = site
        self.hub = hub
        self.loopback = loopback
        super().__init__(address, RequestHandler)

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return  # the browser went away mid-answer
        self.site.log(f"error: answering {client_address[0]} failed: {type(exc).__name__}: {exc}")


class BriefServer6(BriefServer):
    address_family = socket.AF_INET6


class RequestHandler(BaseHTTPRequestHandler):
    server: BriefServer

    def version_string(self) -> str:
        return "briefgen-serve"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # every request would drown the change lines the analyst watches for

    def _answer(self, *, send_body: bool) -> None:
        site = self.server.site
        if not self._host_allowed():
            refused = Response(403, TEXT, b"unexpected Host header: open the 127.0.0.1 address\n")
            self._send(refused, send_body)
            return
        try:
            route = resolve_route(self.path, site.briefs().keys())
            if route is None:
                response = site.not_found()
            elif route.kind == "events":
                self._stream_events(send_body)
                return
            else:
                response = self._respond(route)
        except (ConnectionError, TimeoutError):
            return
        except Exception as exc:  # one bad request must not stop the preview
            site.log(f"error: {self.path} failed: {type(exc).__name__}: {exc}")
            message = f"briefgen could not answer this request ({type(exc).__name__}: {exc})\n"
            response = Response(500, TEXT, message.encode())
        self._send(response, send_body)

    def _respond(self, route: Route) -> Response:
        site = self.server.site
        if route.kind == "index":
            return site.index()
        if route.kind == "brief":
            return site.brief_page(route.brief_id)
        if route.kind == "redirect":
            location = f"/{urllib.parse.quote(route.brief_id)}/"  # headers are Latin-1 only
            return Response(301, TEXT, b"", {"Location": location})
        if route.kind == "pdf":
            return site.brief_pdf(route.brief_id)
        if route.kind == "asset":
            return site.asset(route.brief_id, route.parts)
        return site.static(route.parts[0])

    def _host_allowed(self) -> bool:
        """On loopback, refuse other host names: a web page cannot DNS-rebind its way to a brief."""
        if not self.server.loopback:
            return True
        for host in self.headers.get_all("Host") or ():
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if not is_loopback(name.strip().strip("[]").lower()):
                return False
        return True

    def _send(self, response: Response, send_body: bool) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self._common_headers(response.content_type)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(response.body)
        except (ConnectionError, TimeoutError):
            pass

    def _common_headers(self, content_type: str) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", PAGE_POLICY)

    def _stream_events(self, send_body: bool) -> None:
        """Server-sent events: ``hello`` with the current generation, then ``reload`` per change."""
        hub = self.server.hub
        listener = hub.subscribe()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self._common_headers("text/event-stream")
            self.send_header("X-Accel-Buffering", "no")
            self.end_headers()
            if not send_body:
                return
            hello = json.dumps({"generation": hub.generation})
            self.wfile.write(f"retry: 1000\nevent: hello\ndata: {hello}\n\n".encode())
            self.wfile.flush()
            while True:
                try:
                    event = listener.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")  # also notices a closed tab
                    self.wfile.flush()
                    continue
                if event is None:
                    return
                self.wfile.write(event.sse())
                self.wfile.flush()
        except (ConnectionError, TimeoutError, ValueError):
            return
        finally:
            hub.unsubscribe(listener)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(options: ServeOptions, site: ServeSite, hub: ChangeHub) -> BriefServer:
    """Bind the listening socket; a taken port or a bad host becomes a message with a fix."""
    server_class = BriefServer6 if ":" in options.host else BriefServer
    try:
        return server_class(
            (options.host, options.port), site, hub, loopback=is_loopback(options.host)
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BriefgenError(
                f"port {options.port} is in use", f"pass --port {options.port + 1}"
            ) from None
        if exc.errno == errno.EACCES:
            raise BriefgenError(
                f"not allowed to listen on port {options.port}", "pass a port above 1023"
            ) from None
        raise BriefgenError(
            f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}",
            "pass --host 127.0.0.1, or the address of one of this machine's interfaces",
        ) from None


def run_server(options: ServeOptions, echo: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C or SIGTERM, then stop everything and return."""
    echo = _quiet_on_closed_output(echo)
    hub = ChangeHub()
    site = ServeSite(options.root, hub, log=echo)
    server = make_server(options, site, hub)

    def on_change(paths: set[Path]) -> None:
        try:
            briefs = affected_briefs(site.root, paths)
        except BriefgenError as exc:  # e.g. the workspace folder itself was removed
            echo(f"error: {exc}")
            return
        if ALL_BRIEFS in briefs:
            site.forget_templates()
        hub.publish(briefs)
        shown = ", ".join(sorted(site.workspace().display(p) for p in paths)[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        echo(f"changed {shown}{more}: reloading {', '.join(sorted(briefs)) or 'the index'}")

    watcher = WorkspaceWatcher(options.root, on_change)
    stopping = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in signals}
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="briefgen-serve"
    )
    host, port = server.server_address[:2]
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    try:
        watcher.start()
        serving.start()
        echo(f"serving {options.root} at {url} (Ctrl-C to stop)")
        if not server.loopback:
            echo(f"warning: listening on {host}: anyone who can reach it can read these briefs")
        if options.open_browser:
            threading.Thread(target=_open_browser, args=(url, echo), daemon=True).start()
        threading.Thread(target=_warm_up, args=(site,), daemon=True).start()
        while not stopping.wait(0.1):
            pass
    finally:
        if serving.is_alive():
            server.shutdown()
        hub.close()
        watcher.stop()
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    echo(f"stopped; port {port} is free")


def _quiet_on_closed_output(echo: Callable[[str], None]) -> Callable[[str], None]:
    """Progress lines are a courtesy: a closed terminal or pipe must not stop the server."""

    def safe(line: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            echo(line)

    return safe


def _open_browser(url: str, echo: Callable[[str], None]) -> None:
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        echo(f"note: found no web browser to open; open {url} yourself")


def _warm_up(site: ServeSite) -> None:
    """Read every brief once so the first page does not wait for the map data to load."""
    with contextlib.suppress(Exception):  # the real request will report it
        site.index()
