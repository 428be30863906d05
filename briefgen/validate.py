"""Rules a JSON Schema cannot express: references, quote provenance, paths, links, dates, countries.

Every rule runs on every part of the brief it can reach, so one run reports all
problems. Rules only look at values of the right shape: the schema has already
reported the rest.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.countries import lookup_country, suggest_country
from briefgen.dates import parse_full_date, parse_partial_date
from briefgen.errors import Problem
from briefgen.loader import LoadedYaml, NodePath
from briefgen.markdown import UNSAFE_SCHEMES, link_scheme, scan_markdown
from briefgen.model import TLP_LABELS
from briefgen.workspace import BRIEF_ID

FILL_IN = "FILL IN"

_QUOTE_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def normalise_for_quotes(text: str) -> str:
    """The comparison form for quote provenance: NFC, plain quotes and dashes, single spaces."""
    folded = unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS)
    return " ".join(folded.split())


# Where Markdown lives in a brief: a path pattern, "*" matching any key or index.
MARKDOWN_FIELDS: tuple[tuple[str, ...], ...] = (
    ("summary",),
    ("key_points", "*"),
    ("judgments", "*", "text"),
    ("participants", "*", "notes"),
    ("positions", "*", "summary"),
    ("context", "background"),
    ("context", "regional", "*", "body"),
    ("context", "timeline", "*", "event"),
    ("context", "actors", "*", "role_in_context"),
    ("outlook",),
)


def iter_field(
    data: Any, pattern: tuple[str, ...], prefix: NodePath = ()
) -> Iterator[tuple[NodePath, Any]]:
    """Values of ``data`` at a path pattern, with their concrete paths."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, dict):
            items = list(data.items())
        elif isinstance(data, list):
            items = list(enumerate(data))
        else:
            return
        for key, value in items:
            yield from iter_field(value, rest, (*prefix, key))
    elif isinstance(data, dict) and head in data:
        yield from iter_field(data[head], rest, (*prefix, head))


def iter_markdown(data: Any) -> Iterator[tuple[NodePath, str]]:
    """Every Markdown field of a brief, in document order."""
    for pattern in MARKDOWN_FIELDS:
        for path, value in iter_field(data, pattern):
            if isinstance(value, str):
                yield path, value


@dataclass
class RuleContext:
    document: LoadedYaml
    folder: Path
    brief_id: str
    problems: list[Problem] = field(default_factory=list)
    verified_quotes: set[NodePath] = field(default_factory=set)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    def add(
        self,
        path: NodePath,
        message: str,
        hint: str,
        code: str,
        *,
        severity: str = "error",
        snippet: str | None = None,
        at_key: bool = False,
    ) -> None:
        mark = self.document.key_mark(path) if at_key else self.document.mark(path)
        if snippet:
            mark = locate_snippet(self.document, path, snippet) or mark
        self.problems.append(
            Problem(self.document.display, mark.line, mark.col, severity, message, hint, code)  # type: ignore[arg-type]
        )


def locate_snippet(document: LoadedYaml, path: NodePath, snippet: str) -> Any:
    """The line and column of ``snippet`` inside the value at ``path``, searching the raw text."""
    from briefgen.loader import Mark

    start = document.mark(path)
    lines = document.text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: start.line - 1]) + start.col - 1
    found = document.text.find(snippet, offset)
    if found < 0:  # markdown-it lowercases schemes: `JavaScript:` is reported as `javascript:`
        match = re.compile(re.escape(snippet), re.IGNORECASE).search(document.text, offset)
        if match is None:
            return None
        found = match.start()
    line = document.text.count("\n", 0, found) + 1
    col = found - (document.text.rfind("\n", 0, found) + 1) + 1
    return Mark(line, col)


def run_rules(document: LoadedYaml, folder: Path, brief_id: str) -> RuleContext:
    """Apply every semantic rule; return the problems and which quotes were verified."""
    ctx = RuleContext(document, folder, brief_id)
    _rule_brief_id(ctx)
    _rule_fill_in(ctx, ctx.data, ())
    _rule_dates(ctx)
    _rule_references(ctx)
    _rule_markdown(ctx)
    _rule_source_files(ctx)
    _rule_quotes(ctx)
    _rule_countries(ctx)
    _rule_marking(ctx)
    _rule_map(ctx)
    _rule_style(ctx)
    return ctx


def _is_fill_in(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith(FILL_IN)


def _rule_brief_id(ctx: RuleContext) -> None:
    if not BRIEF_ID.match(ctx.brief_id):
        slug = re.sub(r"[^a-z0-9]+", "-", ctx.brief_id.lower()).strip("-") or "my-brief"
        ctx.problems.append(
            Problem(
                ctx.document.display,
                1,
                1,
                "error",
                f"the brief id `{ctx.brief_id}` (its folder name) is not a lowercase slug",
                f"rename the folder to `{slug}` (letters a–z, digits and single hyphens)",
                "bad-brief-id",
            )
        )


def _rule_fill_in(ctx: RuleContext, value: Any, path: NodePath) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _rule_fill_in(ctx, child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _rule_fill_in(ctx, child, (*path, index))
    elif _is_fill_in(value):
        from briefgen.schema import dotted

        ctx.add(
            path,
            f"`{dotted(path)}` is left to fill",
            "replace `FILL IN` with the real value",
            "left-to-fill",
            severity="warning",
        )


def _check_date(ctx: RuleContext, path: NodePath, value: Any, *, full: bool) -> None:
    if _is_fill_in(value) or not isinstance(value, str | int | float) or isinstance(value, bool):
        return  # other shapes are type errors, reported by the schema
    text = _as_written(ctx, path, value)
    try:
        (parse_full_date if full else parse_partial_date)(text)
    except ValueError as exc:
        form = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        hint = f"write the date as {form}"
        if "T" in text or ":" in text:
            hint += ", without a time"
        ctx.add(path, f"invalid date: {exc}", hint, "bad-date")


def _as_written(ctx: RuleContext, path: NodePath, value: Any) -> str:
    """A number date (``2023``, ``2023.5``) as the analyst typed it, for the message."""
    if isinstance(value, str):
        return value
    mark = ctx.document.mark(path)
    line = ctx.document.line_text(mark.line)
    written = re.match(r"[-+0-9.eE_xob]+", line[mark.col - 1 :])
    return written.group(0) if written else str(value)


def _rule_dates(ctx: RuleContext) -> None:
    data = ctx.data
    if "date" in data:
        _check_date(ctx, ("date",), data["date"], full=True)
    for pattern in (("sources", "*", "date"), ("context", "timeline", "*", "date")):
        for path, value in iter_field(data, pattern):
            _check_date(ctx, path, value, full=False)


def _ids(data: Any, key: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    return [str(k) for k in value] if isinstance(value, dict) else []


def _unknown_reference(
    ctx: RuleContext,
    path: NodePath,
    kind: str,
    ref: str,
    known: list[str],
    defined_in: str,
    **kwargs: Any,
) -> None:
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean `{close[0]}`?"
    elif known:
        hint = f"define it under `{defined_in}` or use one of: {', '.join(known)}"
    else:
        hint = f"define it under `{defined_in}`"
    ctx.add(path, f"unknown {kind} `{ref}`", hint, f"unknown-{kind.replace(' ', '-')}", **kwargs)


def _rule_references(ctx: RuleContext) -> None:
    data = ctx.data
    participants = _ids(data, "participants")
    sources = _ids(data, "sources")
    issues = _ids(data, "issues")
    for path, actor in iter_field(data, ("positions", "*", "actor")):
        if isinstance(actor, str) and actor not in participants and not _is_fill_in(actor):
            _unknown_reference(ctx, path, "participant", actor, participants, "participants")
    for path, stances in iter_field(data, ("positions", "*", "stances")):
        if isinstance(stances, dict):
            for issue in stances:
                if str(issue) not in issues:
                    _unknown_reference(
                        ctx, (*path, issue), "issue", str(issue), issues, "issues", at_key=True
                    )
    for pattern in (
        ("positions", "*", "quotes", "*", "source"),
        ("context", "timeline", "*", "source"),
        ("judgments", "*", "sources", "*"),
    ):
        for path, ref in iter_field(data, pattern):
            if isinstance(ref, str) and ref not in sources and not _is_fill_in(ref):
                _unknown_reference(ctx, path, "source", ref, sources, "sources")


def _rule_markdown(ctx: RuleContext) -> None:
    sources = _ids(ctx.data, "sources")
    for path, text in iter_markdown(ctx.data):
        scan = scan_markdown(text)
        for citation in scan.citations:
            for ref in citation.ids:
                if ref not in sources:
                    _unknown_reference(
                        ctx, path, "source", ref, sources, "sources", snippet=f"@{ref}"
                    )
        for link in scan.links:
            _check_link(ctx, path, link.kind, link.target)


def _check_link(ctx: RuleContext, path: NodePath, kind: str, target: str) -> None:
    scheme = link_scheme(target)
    if scheme in UNSAFE_SCHEMES:
        ctx.add(
            path,
            f"unsafe {kind} target `{target[:60]}` ({scheme}: is never allowed)",
            "link to an http(s) address or a file inside the brief's folder",
            "unsafe-link",
            snippet=target.split(":", 1)[0][:20] if target else None,
        )
        return
    if scheme in {"http", "https"}:
        return
    if scheme == "mailto" and kind == "link":
        return
    if scheme is not None:
        ctx.add(
            path,
            f"{kind} target `{target[:60]}` uses the scheme {scheme}:, which is not allowed",
            "use an http(s) address or a path inside the brief's folder",
            "bad-link-scheme",
            snippet=target[:20],
        )
        return
    local = target.split("#", 1)[0].split("?", 1)[0]
    if not local:
        return  # a #fragment link within the page
    problem = contained_path_problem(ctx.folder, local)
    if problem:
        ctx.add(
            path,
            f"{kind} target `{_shorten(target)}` {problem}",
            "use a relative path inside the brief's folder",
            "path-outside",
            snippet=local,
        )
    elif kind == "image" and not _is_file(ctx.folder / local):
        ctx.add(
            path,
            f"image `{_shorten(local)}` not found in the brief's folder",
            "check the file name, relative to the brief's folder",
            "missing-file",
            snippet=local,
        )


def contained_path_problem(folder: Path, relative: str) -> str | None:
    """Why ``relative`` escapes ``folder`` (symlinks followed), or None when it stays inside."""
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", relative):
        return "is an absolute path"
    if "\x00" in relative:
        return "contains a NUL character"
    base = folder.resolve()
    try:
        resolved = (folder / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return "cannot be resolved"
    if resolved != base and base not in resolved.parents:
        return "points outside the brief's folder"
    return None


def _is_file(path: Path) -> bool:
    """``Path.is_file`` that answers False for names the OS refuses (too long, NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _rule_source_files(ctx: RuleContext) -> None:
    for path, value in iter_field(ctx.data, ("sources", "*", "file")):
        if not isinstance(value, str) or _is_fill_in(value):
            continue
        if link_scheme(value) is not None:
            ctx.add(
                path,
                f"source file `{_shorten(value)}` must be a path, not a URL",
                "put the URL in `url:` and a local copy's path in `file:`",
                "path-outside",
            )
            continue
        problem = contained_path_problem(ctx.folder, value)
        if problem:
            ctx.add(
                path,
                f"source file `{_shorten(value)}` {problem}",
                "keep source copies inside the brief's folder, e.g. sources/article.txt",
                "path-outside",
            )
        elif _is_dir(ctx.folder / value):
            ctx.add(
                path,
                f"source file `{value}` is a folder, not a file",
                "name the plain-text file inside it, e.g. sources/article.txt",
                "missing-file",
            )
        elif not _is_file(ctx.folder / value):
            ctx.add(
                path,
                f"source file `{_shorten(value)}` not found",
                f"save the article as {ctx.folder.name}/{value}, or fix the path",
                "missing-file",
            )


def _read_source_text(ctx: RuleContext, source: dict[str, Any]) -> str | None:
    file = source.get("file")
    if not isinstance(file, str) or contained_path_problem(ctx.folder, file):
        return None
    if not _is_file(ctx.folder / file):
        return None  # a FIFO or device inside the folder would block or never end
    try:
        return (ctx.folder / file).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def _rule_quotes(ctx: RuleContext) -> None:
    sources = ctx.data.get("sources") if isinstance(ctx.data.get("sources"), dict) else {}
    texts: dict[str, str | None] = {}
    for path, quote in iter_field(ctx.data, ("positions", "*", "quotes", "*")):
        if not isinstance(quote, dict):
            continue
        text, source_id = quote.get("text"), quote.get("source")
        if not isinstance(text, str) or not isinstance(source_id, str) or _is_fill_in(text):
            continue
        source = sources.get(source_id)
        if not isinstance(source, dict):
            continue  # unknown source: reported by the reference rule
        if not isinstance(source.get("file"), str):
            ctx.add(
                (*path, "text"),
                f"quote cannot be verified: source `{source_id}` has no `file`",
                f"save the article in the brief's folder and set `sources.{source_id}.file`",
                "unverifiable-quote",
                severity="warning",
            )
            continue
        if source_id not in texts:
            raw = _read_source_text(ctx, source)
            texts[source_id] = normalise_for_quotes(raw) if raw is not None else None
        haystack = texts[source_id]
        if haystack is None:
            continue  # missing or outside file: reported by the source file rule
        if normalise_for_quotes(text) in haystack:
            ctx.verified_quotes.add(path)
        else:
            ctx.add(
                (*path, "text"),
                f"quote not found verbatim in {source['file']}: \u201c{_shorten(text)}\u201d",
                "copy the words exactly as the source has them "
                "(spacing, quote marks and dashes may differ)",
                "quote-not-found",
            )


def _shorten(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, control characters made visible."""
    text = " ".join(text.split())
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group(0)):02x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_country(ctx: RuleContext, path: NodePath, value: Any) -> None:
    if not isinstance(value, str) or _is_fill_in(value) or lookup_country(value):
        return
    close = suggest_country(value)
    hint = f"did you mean `{close}`? " if close else ""
    ctx.add(
        path,
        f"unknown country `{value}`",
        hint + "use an ISO code such as `SY` or `SYR`, or an English name",
        "unknown-country",
    )


def _rule_countries(ctx: RuleContext) -> None:
    for pattern in (
        ("participants", "*", "country"),
        ("context", "actors", "*", "country"),
        ("location", "country"),
        ("map", "highlight", "*"),
    ):
        for path, value in iter_field(ctx.data, pattern):
            _check_country(ctx, path, value)


def _rule_marking(ctx: RuleContext) -> None:
    marking = ctx.data.get("marking")
    if not isinstance(marking, str):
        return
    upper = marking.strip().upper()
    if upper.startswith("TLP") and upper not in TLP_LABELS:
        # TLP 1.0's WHITE became CLEAR in TLP 2.0; a close spelling catches the rest.
        close = ["TLP:CLEAR"] if upper.replace(" ", "") == "TLP:WHITE" else []
        close = close or difflib.get_close_matches(upper, list(TLP_LABELS), n=1, cutoff=0.5)
        ctx.add(
            ("marking",),
            f"`{marking}` looks like a TLP label but is not one of TLP 2.0's",
            (f"did you mean `{close[0]}`? " if close else "")
            + "it will be printed as given, without TLP colours",
            "unknown-tlp",
            severity="warning",
        )


def _rule_map(ctx: RuleContext) -> None:
    extent = (
        ctx.data.get("map", {}).get("extent") if isinstance(ctx.data.get("map"), dict) else None
    )
    if (
        isinstance(extent, list)
        and len(extent) == 4
        and all(isinstance(v, int | float) for v in extent)
    ):
        west, south, east, north = extent
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            ctx.add(
                ("map", "extent"),
                f"map extent {extent} is not [west, south, east, north]",
                "west < east within -180..180 and south < north within -90..90, in degrees",
                "bad-extent",
            )
    location = ctx.data.get("location")
    if isinstance(location, dict):
        for key in ("lat", "lon"):
            value = location.get(key)
            if isinstance(value, float) and math.isnan(value):
                ctx.add(
                    ("location", key),
                    f"`location.{key}` is not a number (.nan)",
                    "write the coordinate in decimal degrees, e.g. 55.75",
                    "out-of-range",
                )
    if isinstance(location, dict) and (("lat" in location) != ("lon" in location)):
        ctx.add(
            ("location",),
            "location has only one of `lat` and `lon`",
            "give both, in decimal degrees",
            "incomplete-location",
        )


def _rule_style(ctx: RuleContext) -> None:
    summary = ctx.data.get("summary")
    if isinstance(summary, str) and not _is_fill_in(summary):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", summary.strip()) if s]
        if len(sentences) > 5:
            ctx.add(
                ("summary",),
                f"the summary has {len(sentences)} sentences",
                "a bottom line up front reads best in 2–5 sentences; move detail to key points",
                "long-summary",
                severity="warning",
            )
