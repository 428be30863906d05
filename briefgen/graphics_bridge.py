"""From a brief to its pictures: which countries, place, frame and events the graphics draw."""

from __future__ import annotations

from briefgen.markdown import markdown_to_text
from briefgen.model import Brief


def brief_graphics(brief: Brief) -> dict[str, str | None]:
    """The locator map and timeline SVGs of a brief (None where there is nothing to draw)."""
    from briefgen.graphics.locator_map import MapPlace, render_locator_map
    from briefgen.graphics.timeline import TimelineItem, render_timeline

    graphics: dict[str, str | None] = {"map": None, "timeline": None}
    primary = [c.alpha3 for c in brief.countries]
    secondary = [c.alpha3 for c in brief.context_countries]
    highlight = [c.alpha3 for c in brief.map.highlight]
    location = brief.location
    place = (
        MapPlace(location.name, float(location.lat), float(location.lon))
        if location and location.lat is not None and location.lon is not None
        else None
    )
    if location and location.country and location.country.alpha3 not in primary + secondary:
        highlight.append(location.country.alpha3)
    show = brief.map.show if brief.map.show is not None else bool(primary or secondary or highlight)
    if show:
        graphics["map"] = render_locator_map(
            primary=primary,
            secondary=secondary,
            highlight=highlight,
            place=place,
            extent=brief.map.extent,
            id_prefix=f"map-{brief.id}",
        )
    if brief.context and brief.context.timeline:
        graphics["timeline"] = render_timeline(
            [TimelineItem(e.date, markdown_to_text(e.event)) for e in brief.context.timeline],
            brief_date=brief.date,
            id_prefix=f"timeline-{brief.id}",
        )
    return graphics
