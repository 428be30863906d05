"""A synthetic corpus for benchmarks: N briefs shaped like the bundled example (4–5 pages).

Each brief is the example with its own title, date and a numbered sentence in
its summary, so every brief has distinct bytes (and cache key) but the same
size and layout as a real one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ID = "moscow-quadrilateral-talks-2023"
EXAMPLE = REPO / "briefs" / EXAMPLE_ID


def corpus_id(number: int) -> str:
    return f"desk-brief-{number:04d}"


def make_corpus(root: Path, count: int, *, settings: bool = True) -> list[str]:
    """Write ``count`` briefs under ``root/briefs`` (and a briefgen.yaml); return their ids."""
    text = (EXAMPLE / "brief.yaml").read_text("utf-8")
    briefs = root / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    if settings:
        (root / "briefgen.yaml").write_text(
            "organization: Benchmark Desk\nmarking: TLP:CLEAR\nsite:\n  title: Desk briefs\n",
            "utf-8",
        )
    ids = []
    for number in range(1, count + 1):
        brief_id = corpus_id(number)
        folder = briefs / brief_id
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(EXAMPLE, folder)
        (folder / "brief.yaml").write_text(vary(text, number), "utf-8")
        ids.append(brief_id)
    return ids


def vary(text: str, number: int) -> str:
    """The example with a distinct title and one more sentence in its summary."""
    text = re.sub(
        r"^title: (.*)$",
        lambda m: f"title: {m.group(1)} (desk copy {number})",
        text,
        count=1,
        flags=re.M,
    )
    return text.replace(
        "summary: |\n",
        f"summary: |\n  Desk copy {number} of the example, for timing builds.\n",
        1,
    )


def edit_brief(root: Path, brief_id: str, stamp: str) -> None:
    """Change one brief's summary as an analyst would (the build must notice it)."""
    path = root / "briefs" / brief_id / "brief.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("summary: |\n", f"summary: |\n  Edited {stamp}.\n", 1), "utf-8")
