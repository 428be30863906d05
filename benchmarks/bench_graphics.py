"""Cost of the pictures: boundary loading, one map, one timeline, and what each adds to a PDF.

Budgets (from the product issue): a map ≤ 50 ms once the boundaries are loaded,
and each picture ≤ 150 KB added to a PDF. Run from the repository root:

    python benchmarks/bench_graphics.py [--runs N] [--check]

``--check`` exits 1 when a budget is exceeded. Times are medians of N runs, as
wall-clock and as this process's CPU time; the budget is judged on CPU time,
which other jobs on a shared machine do not inflate.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefgen.dates import parse_partial_date as d
from briefgen.graphics import geodata
from briefgen.graphics.locator_map import MapPlace, render_locator_map
from briefgen.graphics.timeline import TimelineItem, render_timeline

MAP_BUDGET_MS = 50.0
PDF_BUDGET_KB = 150.0

MAPS = {
    "example (RU SY TR IR + SA CN; Moscow)": {
        "primary": ["RUS", "SYR", "TUR", "IRN"],
        "secondary": ["SAU", "CHN"],
        "place": MapPlace("Moscow", 55.7558, 37.6173),
    },
    "South America (BR AR PY UY)": {"primary": ["BRA", "ARG", "PRY", "URY"]},
    "East Asia (CN JP KR KP; Seoul)": {
        "primary": ["CHN", "JPN", "KOR", "PRK"],
        "place": MapPlace("Seoul", 37.5665, 126.9780),
    },
    "Gulf (BH QA LB + SA IR)": {"primary": ["BHR", "QAT", "LBN"], "secondary": ["SAU", "IRN"]},
}

TIMELINES = {
    "example (8 events, 2011–2023)": (
        [
            TimelineItem(d("2011"), "Syrian uprising begins; Arab League suspends Syria"),
            TimelineItem(d("2022-12"), "Syrian and Turkish defence ministers meet in Moscow"),
            TimelineItem(d("2023-02-06"), "Earthquake in Turkey and Syria"),
            TimelineItem(d("2023-03-10"), "China-brokered Saudi–Iran deal to restore ties"),
            TimelineItem(d("2023-05-07"), "Arab League agrees to reinstate Syria"),
            TimelineItem(d("2023-05-10"), "Quadrilateral talks in Moscow"),
            TimelineItem(d("2023-05-19"), "Arab League summit in Jeddah"),
            TimelineItem(d("2023-05"), "Month of diplomacy"),
        ],
        d("2023-05-10"),
    ),
    "dense (12 events in one month)": (
        [
            TimelineItem(d(f"2024-03-{day:02d}"), f"Event {i + 1} with a fairly long description")
            for i, day in enumerate([1, 2, 4, 5, 8, 9, 12, 15, 16, 22, 28, 31])
        ],
        d("2024-03-20"),
    ),
}


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) milliseconds of ``runs`` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def cold_start_ms() -> float | None:
    """Import and first load in a fresh interpreter (what a one-off build pays)."""
    code = (
        "import time; t = time.perf_counter(); "
        "from briefgen.graphics import geodata; geodata.load_countries(); "
        "print((time.perf_counter() - t) * 1000)"
    )
    root = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return float(out.stdout.strip())


def pdf_added_kb(svg: str) -> float | None:
    """Bytes a picture adds to a one-page PDF, compared with the same page without it."""
    try:
        import weasyprint
    except ImportError:
        return None
    page = "<html><body><p>Brief text.</p><div style='width:170mm'>{}</div></body></html>"
    with_svg = weasyprint.HTML(string=page.format(svg)).write_pdf()
    without = weasyprint.HTML(string=page.format("")).write_pdf()
    return (len(with_svg) - len(without)) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="exit 1 when over budget")
    args = parser.parse_args()
    over = False

    cold = cold_start_ms()
    print(f"cold start (new process, import + load): {cold:.0f} ms" if cold else "cold: n/a")

    def first_load() -> None:
        geodata.clear_cache()
        geodata.load_countries()

    wall, cpu = median_ms(first_load, max(3, args.runs // 3))
    print(f"first load (median of {max(3, args.runs // 3)}): {wall:.0f} ms wall, {cpu:.0f} ms CPU")

    header = f"{'wall ms':>8} {'CPU ms':>7} {'SVG KB':>7} {'PDF +KB':>8}"
    print(f"\n{'map':40} {header}")
    for name, inputs in MAPS.items():
        svg = render_locator_map(**inputs)
        assert svg is not None
        wall, cpu = median_ms(lambda inputs=inputs: render_locator_map(**inputs), args.runs)
        kb = pdf_added_kb(svg)
        over |= cpu > MAP_BUDGET_MS or (kb is not None and kb > PDF_BUDGET_KB)
        pdf = f"{kb:8.1f}" if kb is not None else f"{'n/a':>8}"
        print(f"{name:40} {wall:8.1f} {cpu:7.1f} {len(svg.encode()) / 1024:7.1f} {pdf}")

    print(f"\n{'timeline':40} {header}")
    for name, (items, brief) in TIMELINES.items():
        svg = render_timeline(items, brief_date=brief)
        assert svg is not None
        wall, cpu = median_ms(lambda i=items, b=brief: render_timeline(i, brief_date=b), args.runs)
        kb = pdf_added_kb(svg)
        over |= kb is not None and kb > PDF_BUDGET_KB
        pdf = f"{kb:8.1f}" if kb is not None else f"{'n/a':>8}"
        print(f"{name:40} {wall:8.1f} {cpu:7.1f} {len(svg.encode()) / 1024:7.1f} {pdf}")

    budgets = f"map ≤ {MAP_BUDGET_MS:.0f} ms, each picture ≤ {PDF_BUDGET_KB:.0f} KB in a PDF"
    print(f"\nbudgets: {budgets}")
    print("OVER BUDGET" if over else "within budget")
    return 1 if (over and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
