"""Time briefgen as a user runs it: whole processes, several runs, medians (issue #7 item 6).

    python benchmarks/bench.py                 # 200 briefs, writes benchmarks/results.json
    python benchmarks/bench.py --briefs 20 --runs 2 --heavy-runs 1   # a quick look

Measures, each as separate ``briefgen`` processes in a scratch folder:
the cold build of the example (PDF + HTML) and, interleaved with it, the
floor: the ``weasyprint`` command alone on the HTML that build feeds WeasyPrint;
a cold build of the corpus with ``--jobs 1`` and ``--jobs 2``; a no-op rebuild;
a rebuild after editing one brief (against that brief's own render time); an
HTML-only build and an HTML-only publish when ``publish`` has such a mode;
``check`` of the corpus; peak RSS of the parent and of a worker (VmHWM, polled
from /proc). Prints a table with the targets of issue #7 and writes JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import EXAMPLE, EXAMPLE_ID, corpus_id, edit_brief, make_corpus

BRIEFGEN = [sys.executable, "-m", "briefgen"]
# Measure as after a normal install, which byte-compiles: a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile briefgen's modules in every run.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], cwd: Path, *, check: bool = True) -> tuple[float, str, dict[str, int]]:
    """Run a process to the end: wall time, output, peak RSS (KB) of it and of its children."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=CHILD_ENV
    )
    peaks = _poll_peaks(process)
    output = process.stdout.read() if process.stdout else ""
    process.wait()
    seconds = time.perf_counter() - start
    if check and process.returncode not in (0,):
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{output[-3000:]}")
    return seconds, output, peaks


def _poll_peaks(process: subprocess.Popen) -> dict[str, int]:
    """VmHWM of the process and of its children, polled until it exits."""
    peaks = {"parent": 0, "child": 0}
    while process.poll() is None:
        peaks["parent"] = max(peaks["parent"], _hwm(process.pid))
        for child in _children(process.pid):
            peaks["child"] = max(peaks["child"], _hwm(child))
        time.sleep(0.02)
    return peaks


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    with contextlib.suppress(OSError, IndexError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    weasyprint = subprocess.run(
        [sys.executable, "-c", "import weasyprint; print(weasyprint.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "weasyprint": weasyprint,
        "load_before": os.getloadavg(),
    }


def pdf_html_of_example(folder: Path) -> Path:
    """The HTML the build hands WeasyPrint for the example, written beside a copy of it."""
    code = (
        "import sys; from pathlib import Path\n"
        "from briefgen.workspace import open_workspace, list_briefs\n"
        "from briefgen.factsheet import read_brief\n"
        "from briefgen.graphics_bridge import brief_graphics\n"
        "from briefgen.render import render_brief_html\n"
        "ws = open_workspace(Path(sys.argv[1]))\n"
        "brief = read_brief(list_briefs(ws)[0], ws).brief\n"
        "html = render_brief_html(brief, target='pdf', templates_dir=ws.templates_dir,"
        " graphics=brief_graphics(brief))\n"
        "Path(sys.argv[2]).write_text(html, 'utf-8')\n"
    )
    target = folder / "briefs" / EXAMPLE_ID / "floor.html"
    subprocess.run([sys.executable, "-c", code, str(folder), str(target)], check=True)
    return target


def written_seconds(output: str, brief_id: str) -> float:
    return sum(
        float(m.group(1))
        for m in re.finditer(rf"wrote build/{re.escape(brief_id)}\.\w+ \(([\d.]+) s\)", output)
    )


def bench(count: int, runs: int, heavy_runs: int, scratch: Path) -> dict[str, object]:
    results: dict[str, object] = {"briefs": count, "runs": runs, "heavy_runs": heavy_runs}

    # 1-2. The example, cold, against the weasyprint command alone (interleaved, same run).
    example = scratch / "example"
    (example / "briefs").mkdir(parents=True)
    shutil.copytree(EXAMPLE, example / "briefs" / EXAMPLE_ID)
    floor_html = pdf_html_of_example(example)
    cold, floor = [], []
    for _ in range(runs):
        shutil.rmtree(example / "build", ignore_errors=True)
        cold.append(run([*BRIEFGEN, "build"], example)[0])
        floor.append(
            run(["weasyprint", "-q", str(floor_html), str(scratch / "floor.pdf")], example)[0]
        )
    floor_html.unlink()
    results["example_cold_build_s"] = median(cold)
    results["weasyprint_floor_s"] = median(floor)
    results["example_over_floor"] = median(cold) / median(floor)
    print(f"example cold build {median(cold):.3f} s, weasyprint alone {median(floor):.3f} s")

    # 3. The corpus, cold, with one and two render processes.
    corpus = scratch / "corpus"
    make_corpus(corpus, count)
    for jobs in (1, 2):
        times, parents, workers = [], [], []
        for _ in range(heavy_runs):
            shutil.rmtree(corpus / "build", ignore_errors=True)
            seconds, output, peaks = run([*BRIEFGEN, "build", "--jobs", str(jobs)], corpus)
            assert f"{count} built" in output, output[-500:]
            times.append(seconds)
            parents.append(peaks["parent"])
            workers.append(peaks["child"])
        results[f"corpus_cold_jobs{jobs}_s"] = median(times)
        results[f"corpus_cold_jobs{jobs}_per_brief_s"] = median(times) / count
        results[f"peak_rss_parent_jobs{jobs}_mb"] = max(parents) / 1024
        results[f"peak_rss_worker_jobs{jobs}_mb"] = max(workers) / 1024
        print(f"cold build of {count}, --jobs {jobs}: {median(times):.2f} s")
    results["jobs2_speed_up"] = results["corpus_cold_jobs1_s"] / results["corpus_cold_jobs2_s"]

    # 4. No-op rebuild.
    noop = []
    for _ in range(runs):
        seconds, output, _ = run([*BRIEFGEN, "build"], corpus)
        assert f"0 built, {count} up to date" in output, output[-500:]
        noop.append(seconds)
    results["noop_rebuild_s"] = median(noop)
    print(f"no-op rebuild: {median(noop):.3f} s")

    # 5. Rebuild after editing one brief, against that brief's own render time.
    edited, renders = [], []
    for number in range(runs):
        edit_brief(corpus, corpus_id(1), f"run {number} {time.time()}")
        seconds, output, _ = run([*BRIEFGEN, "build"], corpus)
        assert f"1 built, {count - 1} up to date" in output, output[-500:]
        edited.append(seconds)
        renders.append(written_seconds(output, corpus_id(1)))
    results["edit_one_rebuild_s"] = median(edited)
    results["edited_brief_render_s"] = median(renders)
    results["edit_one_overhead_s"] = median([e - r for e, r in zip(edited, renders, strict=True)])
    print(f"rebuild after one edit: {median(edited):.3f} s (its render {median(renders):.3f} s)")

    # 6. HTML only: the build, and publish when it has an HTML-only mode.
    html = []
    for _ in range(runs):
        seconds, output, _ = run(
            [*BRIEFGEN, "build", "--format", "html", "--force", "--out", "html"], corpus
        )
        html.append(seconds)
    results["html_only_build_s"] = median(html)
    print(f"HTML-only build of {count}: {median(html):.3f} s")
    publish_help = run([*BRIEFGEN, "publish", "--help"], corpus, check=False)[1]
    flag = next((f for f in ("--html-only", "--no-pdf") if f in publish_help), None)
    if flag is None and "--format" in publish_help:
        flag = "--format=html"
    if flag:
        times = []
        for _ in range(runs):
            shutil.rmtree(corpus / "site", ignore_errors=True)
            times.append(run([*BRIEFGEN, "publish", flag], corpus)[0])
        results["html_only_publish_s"] = median(times)
        print(f"HTML-only publish of {count}: {median(times):.3f} s")
    else:
        results["html_only_publish_s"] = None
        print("HTML-only publish: publish has no HTML-only mode; not measured")

    # 7. check.
    checks = []
    for _ in range(runs):
        checks.append(run([*BRIEFGEN, "check"], corpus)[0])
    results["check_s"] = median(checks)
    print(f"check of {count}: {median(checks):.3f} s")
    results["load_after"] = os.getloadavg()
    return results


TARGETS = [
    ("example_over_floor", "≤", 1.10, "cold build of the example / weasyprint alone"),
    ("corpus_cold_jobs1_per_brief_s", "≤", 0.45, "--jobs 1, seconds per brief"),
    ("jobs2_speed_up", "≥", 1.70, "--jobs 2 speed-up over --jobs 1"),
    ("noop_rebuild_s", "≤", 0.30, "no-op rebuild, seconds"),
    ("edit_one_overhead_s", "≤", 0.30, "rebuild after one edit minus its render, seconds"),
    ("check_s", "≤", 1.50, "check, seconds"),
    ("html_only_publish_s", "≤", 3.00, "HTML-only publish, seconds"),
    ("peak_rss_worker_jobs2_mb", "≤", 150.0, "peak RSS of a worker, MB"),
]


def report(results: dict[str, object]) -> str:
    lines = ["| figure | measured | target | met |", "|---|---|---|---|"]
    for key, op, target, label in TARGETS:
        value = results.get(key)
        if value is None:
            lines.append(f"| {label} | not measured | {op} {target:g} | — |")
            continue
        met = value <= target if op == "≤" else value >= target
        lines.append(f"| {label} | {value:.3f} | {op} {target:g} | {'yes' if met else 'no'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200, help="corpus size (default 200)")
    parser.add_argument("--runs", type=int, default=5, help="runs of the quick figures")
    parser.add_argument("--heavy-runs", type=int, default=3, help="runs of the cold corpus builds")
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as scratch:
        results = bench(args.briefs, args.runs, args.heavy_runs, Path(scratch))
    results["machine"] = info
    args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(report(results))
    print(f"(results in {args.json})")


if __name__ == "__main__":
    main()
