"""Shared helpers for the security tests (issue #6): a hostile workspace, a listener, PDF bytes.

No tests live here; the ``test_security_*`` modules import these helpers. A
listener on 127.0.0.1 proves that nothing was fetched; a canary file outside
the brief's folder (plus ``/etc/passwd``) proves that nothing was read.
"""

from __future__ import annotations

import io
import socket
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

MINIMAL_BRIEF = """\
title: {title}
date: 2024-01-02
summary: {summary}
participants:
  min:
    name: A Minister
positions:
  - actor: min
    summary: Wants talks.
    quotes:
      - text: we will talk again soon
        source: a
sources:
  a:
    title: An article
    file: sources/a.txt
"""

CANARY = "CANARY-7f3a9c-secret-outside-the-brief"


def passwd_line() -> str:
    """The first line of /etc/passwd: text that must never reach an output."""
    try:
        return Path("/etc/passwd").read_text("utf-8").splitlines()[0]
    except (OSError, IndexError):  # pragma: no cover - every Linux has it
        return "root:x:0:0"


def hostname_text() -> str | None:
    """/etc/hostname's text when it is long enough to be found by accident only rarely."""
    try:
        text = Path("/etc/hostname").read_text("utf-8").strip()
    except OSError:
        return None
    return text if len(text) >= 6 else None


def secrets_outside(tmp: Path) -> list[str]:
    """Texts that live outside every brief folder: a canary we write, and the system's own."""
    (tmp / "secret.txt").write_text(CANARY + "\n", "utf-8")
    found = [CANARY, passwd_line()]
    host = hostname_text()
    if host:
        found.append(host)
    return found


def make_workspace(root: Path, brief_id: str = "t1", **fields: str) -> Path:
    """A workspace with one valid brief (``fields`` fill the title and summary); its folder."""
    folder = root / "briefs" / brief_id
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "a.txt").write_text(
        "The minister said: we will talk again soon.\n", "utf-8"
    )
    text = MINIMAL_BRIEF.format(
        title=fields.get("title", "Test brief"),
        summary=fields.get("summary", "Ministers met [@a]."),
    )
    (folder / "brief.yaml").write_text(text, "utf-8")
    return folder


def write_brief(folder: Path, text: str) -> None:
    (folder / "brief.yaml").write_text(textwrap.dedent(text), "utf-8")


class Listener:
    """A TCP socket on 127.0.0.1 that records whether anyone connected (kernel backlog)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def pdf_bytes_everywhere(data: bytes) -> bytes:
    """The PDF's raw bytes plus every stream decoded, so compressed text is searchable too."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, StreamObject

    reader = PdfReader(io.BytesIO(data))
    chunks = [data]
    numbers = set(reader.xref_objStm)
    for by_number in reader.xref.values():
        numbers.update(by_number)
    for number in sorted(numbers):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # absent object numbers are expected
            continue
        if isinstance(obj, StreamObject):
            try:
                chunks.append(obj.get_data())
            except Exception:  # image filters pypdf cannot decode stay raw
                chunks.append(obj._data)
    chunks.extend((page.extract_text() or "").encode("utf-8") for page in reader.pages)
    return b"\n".join(chunks)


def pdf_attachments(data: bytes) -> dict[str, list[bytes]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    attachments = dict(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                attachments.setdefault("annotation", []).append(b"")
    return attachments


class Tags(HTMLParser):
    """Every start tag with its attributes, for assertions about what HTML could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def parse_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def active_content(html: str) -> list[str]:
    """What in an HTML page could run script or load from elsewhere; empty for a safe page."""
    found = []
    if "<script" in html.lower():
        found.append("<script")
    for tag, attrs in parse_tags(html):
        if tag in {"script", "iframe", "object", "embed", "base", "form", "meta"} and (
            tag != "meta" or "http-equiv" in attrs
        ):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                scheme = "".join(ch for ch in scheme if ch.isalpha())
                if scheme in {"javascript", "vbscript", "file"} or (
                    scheme == "data" and tag != "img"
                ):
                    found.append(f"<{tag} {name}={value[:40]}>")
    return found
