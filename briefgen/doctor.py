"""``briefgen doctor``: which optional pieces are installed, and what each missing one costs.

WeasyPrint runs without HarfBuzz's subsetting library (Debian's
``libharfbuzz-subset0``) but falls back to a much slower font subsetter:
about 27 % more time per PDF. Nothing warns about it, so this says so, with
the command that fixes it. Each probe is a small function that returns a
:class:`Finding`, so tests can check them one by one.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

from briefgen import __version__


@dataclass(frozen=True)
class Finding:
    name: str
    status: str  # "ok", "missing" (optional) or "error" (PDF builds cannot work)
    detail: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.status:<8} {self.name}: {self.detail}"
        return f"{text} — {self.hint}" if self.hint else text


def probe_weasyprint() -> Finding:
    try:
        import weasyprint
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as exc:
        return Finding(
            "WeasyPrint",
            "error",
            f"cannot be loaded ({type(exc).__name__}: {exc})",
            "install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0, then pip install .",
        )
    number = pango.pango_version()  # e.g. 15012 for 1.50.12
    pango_version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    return Finding("WeasyPrint", "ok", f"{weasyprint.__version__} (Pango {pango_version})")


def probe_harfbuzz_subset() -> Finding:
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError):
        return Finding("HarfBuzz subsetter", "missing", "WeasyPrint cannot be loaded")
    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        return Finding(
            "HarfBuzz subsetter",
            "missing",
            "fonts are subset by the slow fallback (about 27 % more time per PDF)",
            "apt-get install libharfbuzz-subset0",
        )
    return Finding("HarfBuzz subsetter", "ok", "libharfbuzz-subset (fast font subsetting)")


def probe_fonts() -> Finding:
    from briefgen.assets import fonts_dir

    fonts = sorted(p.name for p in fonts_dir().glob("*.ttf"))
    if not fonts:
        return Finding("fonts", "error", f"no shipped fonts in {fonts_dir()}", "reinstall briefgen")
    return Finding("fonts", "ok", f"{len(fonts)} shipped Noto fonts in {fonts_dir()}")


def probe_workers() -> Finding:
    from briefgen.workers import choose_context, default_jobs

    method = choose_context().get_start_method()
    detail = f"{default_jobs()} CPU(s) → --jobs {default_jobs()} by default; start method {method}"
    if method != "fork":
        return Finding("render workers", "ok", detail + " (slower to start than fork)")
    return Finding("render workers", "ok", detail)


def _module(name: str, purpose: str, hint: str) -> Callable[[], Finding]:
    def probe() -> Finding:
        if importlib.util.find_spec(name) is None:
            return Finding(name, "missing", purpose, hint)
        return Finding(name, "ok", purpose)

    return probe


def probe_chromium() -> Finding:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return Finding("chromium", "ok", f"{path} (browser tests)")
    return Finding("chromium", "missing", "browser tests are skipped", "apt-get install chromium")


PROBES: tuple[Callable[[], Finding], ...] = (
    probe_weasyprint,
    probe_harfbuzz_subset,
    probe_fonts,
    probe_workers,
    _module("rich", "progress bars for long builds", "pip install rich"),
    _module("watchfiles", "briefgen serve reloads on save", "pip install watchfiles"),
    _module("pypdf", "tests read PDFs", "pip install '.[test]'"),
    _module("pypdfium2", "tests render PDF pages", "pip install '.[test]'"),
    probe_chromium,
)


def environment_line() -> str:
    return (
        f"briefgen {__version__} (Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, {sys.executable})"
    )


def run_probes(probes: tuple[Callable[[], Finding], ...] = PROBES) -> list[Finding]:
    """Every probe's finding; a probe that raises becomes an error finding, never a traceback."""
    findings = []
    for probe in probes:
        try:
            findings.append(probe())
        except Exception as exc:  # a broken probe must not hide the others
            name = probe.__name__.removeprefix("probe_")
            findings.append(Finding(name, "error", f"{type(exc).__name__}: {exc}"))
    return findings
