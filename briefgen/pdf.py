"""PDF through WeasyPrint: a fetcher that serves only allowed files, captured warnings, metadata.

WeasyPrint logs problems (a missing image, a bad CSS rule) instead of raising;
we collect its log records during a render and hand them back as problems.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import multiprocessing.util
import os
import shutil
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML, URLFetcher
from weasyprint.document import Document
from weasyprint.urls import URLFetcherResponse

PDF_VARIANTS = (
    "pdf/a-1b",
    "pdf/a-2b",
    "pdf/a-3b",
    "pdf/a-2u",
    "pdf/a-3u",
    "pdf/a-4",
    "pdf/ua-1",
    "pdf/ua-2",
)


class RefusedFetch(ValueError):
    """A resource outside the allowed folders, or on a scheme we never fetch."""


class RestrictedFetcher(URLFetcher):
    """Serves ``file:`` URLs inside the allowed folders (after following symlinks); nothing else."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []
        self.reasons: dict[str, str] = {}

    def _refuse(self, url: str, reason: str) -> RefusedFetch:
        self.refused.append(url)
        self.reasons.setdefault(url, reason)
        return RefusedFetch(reason)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme.lower() != "file" or parsed.netloc not in ("", "localhost"):
            raise self._refuse(
                url, f"briefgen never fetches {parsed.scheme or 'this'} URLs: {url[:80]}"
            )
        path = Path(urllib.request.url2pathname(parsed.path)).resolve()
        if (
            not any(path == root or root in path.parents for root in self.roots)
            or not path.is_file()
        ):
            raise self._refuse(
                url, f"refused to read {path}: only files inside the brief's folder are used"
            )
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # Answer with the canonical URL of the file we checked: WeasyPrint re-reads
        # images from ``response.path`` when writing, and the requested URL may carry
        # a fragment (`x.jpg#/../../etc/passwd`) that the OS would resolve elsewhere.
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelname.lower(), record.getMessage()))


@contextmanager
def captured_weasyprint_log() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    previous = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int
    messages: tuple[tuple[str, str], ...]  # (level, message) from WeasyPrint


_fonts = threading.local()


def _remove_font_folder(config: object) -> None:
    folder = getattr(config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def shared_font_config() -> object:
    """One WeasyPrint FontConfiguration per process and thread, reused by every render.

    WeasyPrint copies each @font-face font into a fresh temporary folder per
    document and removes it only when the object is collected; worker
    processes end without that, which left 1.8 MB in /tmp per render. Reusing
    one configuration also skips re-installing the fonts for every brief.
    """
    from weasyprint.text.fonts import FontConfiguration

    entry = getattr(_fonts, "entry", None)
    if entry is None or entry[0] != os.getpid():
        config = FontConfiguration()
        # Runs at normal exit and when a multiprocessing worker returns (which skips atexit).
        multiprocessing.util.Finalize(None, _remove_font_folder, args=(config,), exitpriority=10)
        import atexit

        atexit.register(_remove_font_folder, config)
        entry = (os.getpid(), config)
        _fonts.entry = entry
    return entry[1]


def render_pdf(
    html: str,
    *,
    base_dir: Path,
    allowed_roots: Sequence[Path],
    variant: str | None = None,
    min_pages_for_toc: int | None = None,
    html_without_toc: Callable[[], str] | None = None,
) -> PdfResult:
    """Lay out and write the PDF; with ``html_without_toc``, short briefs drop their contents.

    ``html_without_toc`` is called only when the first layout is short enough to need it.
    """
    fetcher = RestrictedFetcher([base_dir, *allowed_roots])
    with captured_weasyprint_log() as log:
        font_config = shared_font_config()
        document = HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(font_config=font_config)
        if (
            html_without_toc is not None
            and min_pages_for_toc
            and len(document.pages) <= min_pages_for_toc
        ):
            shorter_html = html_without_toc()
            shorter = HTML(
                string=shorter_html,
                base_url=base_dir.resolve().as_uri() + "/",
                url_fetcher=fetcher,
            ).render(font_config=font_config)
            if len(shorter.pages) < min_pages_for_toc:
                document, html = shorter, shorter_html
        refused = _drop_attachments(document)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        options: dict[str, object] = {"pdf_tags": True, "pdf_identifier": identifier}
        if variant:
            options["pdf_variant"] = variant
        data = document.write_pdf(**options)
    # WeasyPrint names some refused URLs (images, stylesheets) but not others (fonts).
    logged = "\n".join(message for _, message in log.messages)
    unnamed = [("error", why) for url, why in fetcher.reasons.items() if url not in logged]
    return PdfResult(data, len(document.pages), (*refused, *log.messages, *unnamed))


def _is_web_link(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme.lower() in {"http", "https", "mailto"}


def _drop_attachments(document: Document) -> list[tuple[str, str]]:
    """Remove `<link rel=attachment>` and `<a rel=attachment>` (a brief never embeds files),
    and links the PDF's readers cannot follow (file:, javascript:)."""
    dropped = ["a <link rel=attachment>" for _ in document.metadata.attachments]
    document.metadata.attachments = []
    for page in document.pages:
        dropped += [str(link[1]) for link in page.links if link[0] == "attachment"]
        # A link to a file in the brief's folder would become file:///home/<analyst>/…:
        # a dead link for readers that also tells them the author's paths. Keep the text only.
        page.links[:] = [
            link
            for link in page.links
            if link[0] == "internal" or (link[0] == "external" and _is_web_link(str(link[1])))
        ]
    return [
        (
            "error",
            f"refused to embed {target[:80]} as a PDF attachment: briefgen never embeds files",
        )
        for target in dict.fromkeys(dropped)
    ]
