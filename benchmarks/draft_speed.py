"""Time `briefgen new --from` as a user runs it, against a baseline checkout.

Whole `python -m briefgen new` processes, each in a fresh folder, medians of several
runs; with `--baseline DIR` (another checkout, e.g. a `git worktree` of an older commit)
both are timed in the same run, alternately, so the ratio is fair on a shared machine.

    python benchmarks/draft_speed.py --baseline /tmp/old --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = (
    ROOT / "benchmarks" / "draft_corpus" / "moscow-quadrilateral-talks-2023.txt",
    ROOT / "benchmarks" / "draft_corpus" / "korea-shipbuilders-us-navy-repair-2025.txt",
)


def time_new(checkout: Path, article: Path) -> float:
    """Seconds for one `briefgen new` process drafting ``article`` with ``checkout``'s code."""
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(checkout))
        command = [sys.executable, "-m", "briefgen", "new", "timed", "--from", str(article)]
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=list(DEFAULT_ARTICLES))
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'article':45} {'now':>8} {'baseline':>9} {'ratio':>6}")
    for article in args.articles:
        now: list[float] = []
        base: list[float] = []
        for _ in range(args.runs):
            now.append(time_new(ROOT, article))
            if args.baseline:
                base.append(time_new(args.baseline, article))
        line = f"{article.name[:45]:45} {statistics.median(now):7.3f}s"
        if base:
            ratio = statistics.median(now) / statistics.median(base)
            line += f" {statistics.median(base):8.3f}s {ratio:6.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
