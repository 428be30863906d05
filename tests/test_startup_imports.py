"""Start-up stays light: --help, check, schema, new and an HTML-only build import no WeasyPrint
(nor anything else heavy); a PDF build imports it only in its worker processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_build_cache import make_workspace

# WeasyPrint and what it pulls in, and libraries only some commands need.
WEASYPRINT = ("weasyprint", "pydyf", "fontTools", "PIL", "cffi", "tinycss2", "cssselect2", "pyphen")
ALWAYS_HEAVY = (*WEASYPRINT, "rich", "watchfiles", "multiprocessing")

PROBE = """
import json, sys
from briefgen.cli import main
sys.argv = ["briefgen", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
finally:
    print("MODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})), flush=True)
"""


def modules_after(args: list[str], cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


@pytest.mark.parametrize(
    ("args", "also_forbidden"),
    [
        (["--help"], ("jinja2", "jsonschema", "markdown_it", "yaml", "pycountry")),
        (["build", "--help"], ("jinja2", "jsonschema", "markdown_it", "pycountry")),
        (["check"], ("jinja2",)),
        (["schema"], ("jinja2", "markdown_it", "pycountry")),
        (["new", "fresh-brief"], ()),
        (["build", "--format", "html"], ()),
    ],
    ids=["help", "build-help", "check", "schema", "new", "html-build"],
)
def test_light_commands_import_nothing_heavy(
    tmp_path: Path, args: list[str], also_forbidden: tuple[str, ...]
) -> None:
    root = make_workspace(tmp_path, ("alpha-talks",))
    loaded = modules_after(args, root)
    assert "briefgen" in loaded  # the probe ran the command
    heavy = sorted(loaded & {*ALWAYS_HEAVY, *also_forbidden})
    assert heavy == [], f"`briefgen {' '.join(args)}` imported {heavy}"
    if args[:1] == ["build"] and "--help" not in args:
        assert (root / "build" / "alpha-talks.html").is_file()


def test_the_probe_would_see_weasyprint(tmp_path: Path) -> None:
    # `doctor` loads WeasyPrint on purpose: proves the probe can fail.
    loaded = modules_after(["doctor"], tmp_path)
    assert "weasyprint" in loaded
