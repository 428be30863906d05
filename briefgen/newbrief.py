"""`briefgen new`: create briefs/ID/brief.yaml, empty or drafted from an article.

Everything is checked before anything is written, and nothing is ever overwritten:
a brief that exists stays as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefgen.dates import PartialDate, parse_full_date
from briefgen.draft import draft_brief, skeleton_brief
from briefgen.draft.article import check_article_text, decode_article
from briefgen.errors import BriefgenError

BRIEF_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class NewBriefResult:
    brief_path: Path  # briefs/ID/brief.yaml written
    notes: tuple[str, ...]  # for the analyst, e.g. "no quotes found — positions left to fill"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _source_name(name: str | None) -> str:
    """A safe file name for the copy in sources/ (never a path)."""
    base = Path(name or "article.txt").name
    base = re.sub(r"[^\w.-]+", "-", base).strip(".-") or "article.txt"
    return base if "." in base else base + ".txt"


def create_brief(
    workspace: Path,
    brief_id: str,
    *,
    article_text: str | None = None,
    article_name: str | None = None,
    article_bytes: bytes | None = None,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> NewBriefResult:
    """Raise BriefgenError(message) for user mistakes (existing brief, bad id, bad article)."""
    if not BRIEF_ID.match(brief_id):
        slug = re.sub(r"[^a-z0-9]+", "-", brief_id.lower()).strip("-") or "my-brief"
        raise BriefgenError(
            f"`{brief_id}` is not a valid brief id",
            f"use a lowercase slug of letters, digits and single hyphens, e.g. `{slug}`",
        )
    folder = Path(workspace) / "briefs" / brief_id
    brief_path = folder / "brief.yaml"
    if brief_path.exists():
        raise BriefgenError(
            f"{brief_path} already exists; briefgen never overwrites a brief",
            "choose another id, or delete the existing brief first",
        )
    as_of = None
    if date is not None:
        try:
            as_of = parse_full_date(date)
        except ValueError as exc:
            raise BriefgenError(f"--date: {exc}", "give the date as YYYY-MM-DD") from None
    today = today or dt.date.today()
    if article_bytes is None and article_text is None:
        draft = skeleton_brief(brief_id, today)
        _write_atomic(brief_path, draft.yaml().encode("utf-8"))
        return NewBriefResult(brief_path, ())
    if article_bytes is not None:
        text = decode_article(article_bytes)
        raw = article_bytes
    else:
        text = check_article_text(article_text or "")
        raw = text.encode("utf-8")
    name = _source_name(article_name)
    source_path = folder / "sources" / name
    if source_path.exists():
        raise BriefgenError(
            f"{source_path} already exists; briefgen never overwrites a source",
            "move it away or give the article another file name",
        )
    draft = draft_brief(
        text,
        source_file=f"sources/{name}",
        date=as_of if isinstance(as_of, PartialDate) else None,
        publisher=publisher,
        url=url,
        today=today,
    )
    _write_atomic(source_path, raw)
    _write_atomic(brief_path, draft.yaml().encode("utf-8"))
    return NewBriefResult(brief_path, draft.notes)
