"""Read one brief: load → schema → rules → model. The one entry point every command uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.countries import lookup_country
from briefgen.dates import parse_partial_date
from briefgen.errors import Problem, plural
from briefgen.loader import load_yaml_file
from briefgen.markdown import scan_markdown
from briefgen.model import (
    Brief,
    Context,
    ContextActor,
    Issue,
    Judgment,
    Location,
    MapSettings,
    Marking,
    Participant,
    Position,
    Quote,
    RegionalNote,
    Source,
    TimelineEvent,
)
from briefgen.schema import schema_problems
from briefgen.validate import iter_markdown, run_rules
from briefgen.workspace import BriefRef, Workspace


@dataclass(frozen=True)
class BriefResult:
    """A brief's problems, and its model when it has no errors."""

    ref: BriefRef
    problems: tuple[Problem, ...]
    brief: Brief | None

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def read_brief(ref: BriefRef, workspace: Workspace, *, for_render: bool = True) -> BriefResult:
    """Load, check and model one brief; every problem is collected, none is raised.

    ``FILL IN`` markers are warnings for ``check`` (a fresh draft is fine), but a
    brief cannot be rendered with them: ``for_render`` turns them into one error.
    """
    display = workspace.display(ref.yaml_path)
    if ref.yaml_path.is_dir():
        problem = Problem(
            display,
            0,
            0,
            "error",
            "brief.yaml is a folder, not a file",
            f"move its contents elsewhere and write the fact sheet as {display}",
            "missing-brief-yaml",
        )
        return BriefResult(ref, (problem,), None)
    if not ref.yaml_path.is_file():
        problem = Problem(
            display,
            0,
            0,
            "error",
            "the brief folder has no brief.yaml",
            f"create it with `briefgen new {ref.id}`, or remove the folder",
            "missing-brief-yaml",
        )
        return BriefResult(ref, (problem,), None)
    escape = _linked_outside(ref, workspace, display)
    if escape is not None:
        return BriefResult(ref, (escape,), None)
    loaded = load_yaml_file(ref.yaml_path, display, max_bytes=workspace.settings.max_yaml_bytes)
    problems = list(loaded.problems)
    document = loaded.document
    if document is None:
        return BriefResult(ref, tuple(problems), None)
    if not isinstance(document.data, dict):
        problems.append(
            Problem(
                display,
                1,
                1,
                "error",
                "a fact sheet must be a mapping of keys (title:, date:, …)",
                "start from `briefgen new` or see docs/format.md",
                "not-a-mapping",
            )
        )
        return BriefResult(ref, tuple(problems), None)
    problems.extend(schema_problems(document, "brief"))
    rules = run_rules(document, ref.folder, ref.id)
    problems.extend(rules.problems)
    unfilled = [p for p in rules.problems if p.code == "left-to-fill"]
    if for_render and unfilled:
        first = unfilled[0]
        problems.append(
            Problem(
                first.path,
                first.line,
                first.col,
                "error",
                f"the brief has {plural(len(unfilled), 'field')} left to fill "
                "and cannot be rendered yet",
                "replace every `FILL IN`; `briefgen check` lists them",
                "unfilled-brief",
            )
        )
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity == "error" for p in problems):
        return BriefResult(ref, tuple(problems), None)
    brief = build_brief(document.data, ref, workspace, rules.verified_quotes)
    return BriefResult(ref, tuple(problems), brief)


def _linked_outside(ref: BriefRef, workspace: Workspace, display: str) -> Problem | None:
    """A brief folder or brief.yaml that is a symlink to elsewhere: refused, since every
    path check (sources, images, the PDF's fetcher) trusts the brief's folder."""
    folder = ref.folder.resolve()
    if not ref.bundled and folder.parent != workspace.briefs_dir.resolve():
        return Problem(
            display,
            0,
            0,
            "error",
            f"the brief folder briefs/{ref.id} is a link to {folder}, outside briefs/",
            "copy the brief into briefs/ instead of linking to it",
            "path-outside",
        )
    if ref.yaml_path.resolve().parent != folder:
        return Problem(
            display,
            0,
            0,
            "error",
            f"brief.yaml is a link to {ref.yaml_path.resolve()}, outside the brief's folder",
            "replace the link with the fact sheet itself",
            "path-outside",
        )
    return None


def _citation_order(data: dict[str, Any]) -> list[str]:
    """Source ids in the order a reader meets them, then the uncited ones."""
    order: list[str] = []

    def see(source_id: str) -> None:
        if source_id not in order:
            order.append(source_id)

    markdown = dict(iter_markdown(data))
    structured = {
        ("judgments", i): j.get("sources", []) for i, j in enumerate(data.get("judgments") or [])
    }
    for path, text in markdown.items():
        for citation in scan_markdown(text).citations:
            for source_id in citation.ids:
                see(source_id)
        if path[0] == "judgments":
            for source_id in structured.get(path[:2], []):
                see(source_id)
        if path[0] == "positions":
            for quote in data["positions"][path[1]].get("quotes") or []:
                see(quote["source"])
        if path[:2] == ("context", "timeline"):
            source = data["context"]["timeline"][path[2]].get("source")
            if source:
                see(source)
    for position in data.get("positions") or []:
        for quote in position.get("quotes") or []:
            see(quote["source"])
    for source_id in data.get("sources") or {}:
        see(str(source_id))
    return order


def build_brief(data: dict[str, Any], ref: BriefRef, workspace: Workspace, verified: set) -> Brief:
    """The typed model of a brief that passed every check."""
    settings = workspace.settings
    order = _citation_order(data)
    raw_sources = data["sources"]
    sources = tuple(
        Source(
            id=source_id,
            number=number,
            title=raw_sources[source_id]["title"],
            publisher=raw_sources[source_id].get("publisher"),
            date=parse_partial_date(str(raw_sources[source_id]["date"]))
            if "date" in raw_sources[source_id]
            else None,
            url=raw_sources[source_id].get("url"),
            file=raw_sources[source_id].get("file"),
            reliability=raw_sources[source_id].get("reliability"),
            credibility=raw_sources[source_id].get("credibility"),
        )
        for number, source_id in enumerate(order, start=1)
    )
    participants = tuple(
        Participant(
            id=str(pid),
            name=p["name"],
            role=p.get("role"),
            country=lookup_country(p["country"]) if p.get("country") else None,
            organization=p.get("organization"),
            aliases=tuple(p.get("aliases") or ()),
            notes=p.get("notes"),
        )
        for pid, p in data["participants"].items()
    )
    by_id = {p.id: p for p in participants}
    positions = tuple(
        Position(
            actor=by_id[pos["actor"]],
            summary=pos["summary"],
            stance=pos.get("stance"),
            quotes=tuple(
                Quote(
                    text=q["text"],
                    source_id=q["source"],
                    context=q.get("context"),
                    verified=("positions", index, "quotes", qi) in verified,
                )
                for qi, q in enumerate(pos.get("quotes") or [])
            ),
            stances={str(k): v for k, v in (pos.get("stances") or {}).items()},
        )
        for index, pos in enumerate(data["positions"])
    )
    raw_context = data.get("context") or {}
    context = Context(
        background=raw_context.get("background"),
        regional=tuple(
            RegionalNote(r["heading"], r["body"]) for r in raw_context.get("regional") or []
        ),
        timeline=tuple(
            sorted(
                (
                    TimelineEvent(parse_partial_date(str(t["date"])), t["event"], t.get("source"))
                    for t in raw_context.get("timeline") or []
                ),
                key=lambda e: e.date,
            )
        ),
        actors=tuple(
            ContextActor(
                a["name"],
                lookup_country(a["country"]) if a.get("country") else None,
                a.get("role_in_context"),
            )
            for a in raw_context.get("actors") or []
        ),
    )
    raw_location = data.get("location")
    location = (
        Location(
            raw_location["name"],
            lookup_country(raw_location["country"]) if raw_location.get("country") else None,
            raw_location.get("lat"),
            raw_location.get("lon"),
        )
        if raw_location
        else None
    )
    raw_map = data.get("map") or {}
    marking = data.get("marking", settings.marking)
    return Brief(
        id=ref.id,
        folder=ref.folder,
        yaml_path=ref.yaml_path,
        title=data["title"],
        subtitle=data.get("subtitle"),
        short_title=data.get("short_title"),
        date=parse_partial_date(data["date"]),
        marking=Marking(marking) if marking else None,
        language=data.get("language") or settings.language,
        organization=settings.organization,
        authors=tuple(data.get("authors") or settings.authors),
        tags=tuple(data.get("tags") or ()),
        summary=data["summary"],
        key_points=tuple(data.get("key_points") or ()),
        judgments=tuple(
            Judgment(j["text"], j["confidence"], j.get("likelihood"), tuple(j.get("sources") or ()))
            for j in data.get("judgments") or []
        ),
        participants=participants,
        positions=positions,
        issues=tuple(Issue(str(k), v) for k, v in (data.get("issues") or {}).items()),
        context=None if context.is_empty else context,
        outlook=data.get("outlook"),
        location=location,
        map=MapSettings(
            show=raw_map.get("show"),
            extent=tuple(raw_map["extent"]) if raw_map.get("extent") else None,
            highlight=tuple(
                c for c in (lookup_country(h) for h in raw_map.get("highlight") or []) if c
            ),
        ),
        sources=sources,
        paper=settings.paper,
    )
