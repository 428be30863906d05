"""briefgen doctor: says which optional pieces are there, agrees with the system, and names the
command that installs a missing one."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest
import weasyprint.text.ffi as ffi

from briefgen import doctor


def test_doctor_reports_every_piece() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "doctor"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("briefgen ")
    assert any(line.startswith("ok       WeasyPrint: " + weasyprint_version()) for line in lines), (
        lines
    )
    subset = next(line for line in lines if "HarfBuzz subsetter" in line)
    # The report agrees with what the system's dynamic loader can find.
    if ctypes.util.find_library("harfbuzz-subset"):
        assert subset.startswith("ok ")
    else:
        assert subset.startswith("missing ") and "apt-get install libharfbuzz-subset0" in subset
    assert any(line.startswith("ok       fonts: 9 shipped Noto fonts") for line in lines)
    assert any("start method fork" in line for line in lines)


def weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


def test_missing_subsetter_is_reported_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    finding = doctor.probe_harfbuzz_subset()
    assert finding.status == "missing"
    assert finding.format() == (
        "missing  HarfBuzz subsetter: fonts are subset by the slow fallback "
        "(about 27 % more time per PDF) — apt-get install libharfbuzz-subset0"
    )


def test_a_broken_probe_is_an_error_line_not_a_traceback() -> None:
    def probe_exploding() -> doctor.Finding:
        raise RuntimeError("boom")

    findings = doctor.run_probes((probe_exploding, doctor.probe_fonts))
    assert findings[0] == doctor.Finding("exploding", "error", "RuntimeError: boom")
    assert findings[1].status == "ok"


def test_a_missing_module_is_optional() -> None:
    probe = doctor._module("no_such_module_here", "does things", "pip install it")
    assert probe().format() == "missing  no_such_module_here: does things — pip install it"
