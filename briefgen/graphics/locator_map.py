"""Locator maps: where a brief's story happens, drawn as inline SVG at build time.

Boundaries come from Natural Earth (public domain) in the German government's
point of view (see ``briefgen/data/README.md``); every map says that boundaries
are not authoritative.

The projection is Mercator, which suits the regional extents a brief needs and
turns the per-map projection into an affine transform of the cached northings.
The frame follows the story rather than the countries' full extent: a huge
country (Russia, China, Brazil...) contributes only its parts near the others,
so Russia next to Syria does not drag the map across Siberia. Greyscale print
must still tell the categories apart: participants are a dark solid tone,
other actors a light tone with a hatch, the rest very light.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefgen.graphics import FONT_FAMILY, esc, fmt, safe_id_prefix, text_width
from briefgen.graphics.geodata import (
    CHUNK,
    EARTH_RADIUS_KM,
    MAX_LATITUDE,
    Country,
    Polygon,
    Ring,
    inverse_mercator_y,
    load_countries,
    lookup,
    mercator_y,
    unit_vector,
)

__all__ = ["MapPlace", "MapProjection", "map_frame", "map_projection", "render_locator_map"]

# Framing: a country at least this large is framed on its parts near the others.
HUGE_AREA_KM2 = 2.5e6
JOIN_KM = 2500.0  # a huge or secondary country's label point joins the frame within this distance
REACH_KM = 700.0  # how far from the story a huge country's territory still frames the map
SECONDARY_REACH_KM = 300.0  # other actors' territory frames the map only this near
MARGIN = 0.08  # of the content span, on each side
MIN_SPAN = 6.0  # degrees (Mercator units): a single small state still shows its neighbours
ASPECT_RANGE = (1.0, 1.5)  # width / height: taller frames are widened, wider ones heightened

# Drawing.
NOTE = "Boundaries are not authoritative. Source: Natural Earth."
NOTE_STRIP = 16.0  # px below the map for the note
MARKER_PX = 10.0  # a country smaller than this on the map gets a circle marker
THIN_TENTHS_SQ = 25  # drop vertices closer than 0.5 px (in tenths of a px, squared)
HIT_VERTICES = 120  # per ring kept for point-in-polygon tests
SEA = "#c8dae6"
LAND = "#f1eee8"
LAND_STROKE = "#ffffff"
PRIMARY = "#c08358"
PRIMARY_STROKE = "#5e3518"
SECONDARY = "#ecd6b9"
SECONDARY_HATCH = "#b07a4f"
SECONDARY_STROKE = "#7a5233"
INK = "#1d1d1b"
MUTED_INK = "#6d675d"


@dataclass(frozen=True)
class MapPlace:
    """The event location, marked with a dot and labelled."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class MapProjection:
    """Mercator from (lon, lat) to SVG units; the map fills (0, 0)–(width, height)."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        """SVG units per degree of longitude."""
        return self.width / (self.east - self.west)

    @property
    def top(self) -> float:
        return mercator_y(self.north)

    def unwrap(self, lon: float) -> float:
        """The longitude, shifted by 360° if needed, nearest the frame's centre."""
        centre = (self.west + self.east) / 2
        return centre + ((lon - centre + 180.0) % 360.0) - 180.0

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """SVG coordinates of a point (x right, y down)."""
        scale = self.scale
        return (
            (self.unwrap(lon) - self.west) * scale,
            (self.top - mercator_y(lat)) * scale,
        )


# --------------------------------------------------------------------------- framing


def _resolve(codes: Iterable[str]) -> list[Country]:
    seen: dict[str, Country] = {}
    for code in codes:
        country = lookup(code)
        if country is not None and country.code not in seen:
            seen[country.code] = country
    return list(seen.values())


def _categories(
    primary: Sequence[str], secondary: Sequence[str], highlight: Sequence[str]
) -> tuple[list[Country], list[Country]]:
    first = _resolve([*primary, *highlight])
    taken = {c.code for c in first}
    second = [c for c in _resolve(secondary) if c.code not in taken]
    return first, second


def _near(v: Sequence[float], anchors: Sequence[tuple[float, float, float]], cos_r: float) -> bool:
    x, y, z = v[0], v[1], v[2]
    return any(x * ax + y * ay + z * az >= cos_r for ax, ay, az in anchors)


def _cos(km: float) -> float:
    return math.cos(km / EARTH_RADIUS_KM)


def _story_points(
    first: list[Country], second: list[Country], place: MapPlace | None
) -> list[tuple[float, float]]:
    """(lon, lat) points the frame must hold: where the story happens, not every far coast."""
    if not first:  # only other actors: they are the story
        first, second = second, []
    label = lambda c: (c.label_lon, c.label_lat)  # noqa: E731
    points = [(place.lon, place.lat)] if place else []
    points += [label(c) for c in first if c.area_km2 < HUGE_AREA_KM2]
    if not points:
        points = [label(c) for c in first]
    base = [unit_vector(*p) for p in points]
    cos_join = _cos(JOIN_KM)
    # A huge participant's label point (near its capital, mostly) joins when it is
    # near the rest: Brazil's joins Paraguay's, China's does not join Syria's.
    for country in first:
        if (
            country.area_km2 >= HUGE_AREA_KM2
            and label(country) not in points
            and _near(unit_vector(*label(country)), base, cos_join)
        ):
            points.append(label(country))
    anchors = [unit_vector(*p) for p in points]
    content = list(points)
    for country in first:
        huge = country.area_km2 >= HUGE_AREA_KM2
        for poly in country.polygons:
            near = _near_samples(poly, anchors, REACH_KM)
            if huge:
                content += near
            elif near:  # the whole island or mainland: its bounding box will do
                outer = poly.outer
                content += [(outer.west, outer.south), (outer.east, outer.north)]
    for country in second:
        if _near(unit_vector(*label(country)), anchors, cos_join):
            content.append(label(country))
        for poly in country.polygons:
            content += _near_samples(poly, anchors, SECONDARY_REACH_KM)
    return content


def _near_samples(
    poly: Polygon, anchors: Sequence[tuple[float, float, float]], km: float
) -> list[tuple[float, float]]:
    """The polygon's sample points within ``km`` of an anchor (none, fast, when it is far)."""
    reach = km / EARTH_RADIUS_KM
    cap = reach + poly.radius
    if cap < math.pi and not _near(poly.centre, anchors, math.cos(cap)):
        return []
    cos_r = math.cos(reach)
    near: list[tuple[float, float]] = []
    for lon, lat, x, y, z in poly.samples:
        for ax, ay, az in anchors:
            if x * ax + y * ay + z * az >= cos_r:
                near.append((lon, lat))
                break
    return near


def _fit_aspect(west: float, bottom: float, east: float, top: float) -> tuple[float, ...]:
    """Widen or heighten (in Mercator units) so width/height falls in ASPECT_RANGE."""
    low, high = ASPECT_RANGE
    span_x, span_y = east - west, top - bottom
    if span_x < low * span_y:
        grow = (low * span_y - span_x) / 2
        west, east = west - grow, east + grow
    elif span_x > high * span_y:
        grow = (span_x / high - span_y) / 2
        bottom, top = bottom - grow, top + grow
    limit = mercator_y(MAX_LATITUDE)
    if top > limit:  # keep the frame off the poles, shifting rather than shrinking
        bottom, top = bottom - (top - limit), limit
    if bottom < -limit:
        bottom, top = -limit, min(limit, top + (-limit - bottom))
    return west, bottom, east, top


def map_frame(
    *,
    primary: Sequence[str],
    secondary: Sequence[str] = (),
    highlight: Sequence[str] = (),
    place: MapPlace | None = None,
    extent: tuple[float, float, float, float] | None = None,
    primary_label: str = "",
    secondary_label: str = "",
    id_prefix: str = "",
    width: int = 640,
) -> tuple[float, float, float, float]:
    """(west, south, east, north) shown by the map for these inputs.

    Takes the same keywords as ``render_locator_map`` so a caller can pass one set
    to both; the labels, id prefix and width do not change the frame. An explicit
    ``extent`` is shown whole, widened only as far as the aspect ratio requires.
    ``east`` may exceed 180 when the frame crosses the antimeridian. Raises
    ``ValueError`` when there is nothing to frame.
    """
    if extent is not None:
        west, south, east, north = (float(v) for v in extent)
        if not (south < north and west != east):
            raise ValueError(f"extent {extent!r} is not (west, south, east, north)")
        if east < west:  # written across the antimeridian, e.g. (170, -20, -170, -10)
            east += 360.0
        bottom, top = mercator_y(south), mercator_y(north)
    else:
        first, second = _categories(primary, secondary, highlight)
        points = _story_points(first, second, place)
        if not points:
            raise ValueError("no known country and no place: nothing to frame")
        ref = points[0][0]
        lons = [ref + ((lon - ref + 180.0) % 360.0) - 180.0 for lon, _ in points]
        ys = [mercator_y(lat) for _, lat in points]
        west, east, bottom, top = min(lons), max(lons), min(ys), max(ys)
        pad_x = max((east - west) * MARGIN, (MIN_SPAN - (east - west)) / 2)
        pad_y = max((top - bottom) * MARGIN, (MIN_SPAN - (top - bottom)) / 2)
        west, east, bottom, top = west - pad_x, east + pad_x, bottom - pad_y, top + pad_y
    west, bottom, east, top = _fit_aspect(west, bottom, east, top)
    if east - west > 360.0:
        west, east = -180.0, 180.0
    shift = ((west + 180.0) % 360.0 - 180.0) - west
    return (
        west + shift,
        inverse_mercator_y(bottom),
        east + shift,
        inverse_mercator_y(top),
    )


def map_projection(
    *,
    primary: Sequence[str],
    secondary: Sequence[str] = (),
    highlight: Sequence[str] = (),
    place: MapPlace | None = None,
    extent: tuple[float, float, float, float] | None = None,
    primary_label: str = "",
    secondary_label: str = "",
    id_prefix: str = "",
    width: int = 640,
) -> MapProjection:
    """The projection ``render_locator_map`` uses for the same inputs (for tests and callers).

    Takes the same keywords as ``render_locator_map``; only the geography and ``width``
    matter.
    """
    west, south, east, north = map_frame(
        primary=primary, secondary=secondary, highlight=highlight, place=place, extent=extent
    )
    return _projection((west, south, east, north), width)


def _projection(frame: tuple[float, float, float, float], width: int) -> MapProjection:
    west, south, east, north = frame
    height = width * (mercator_y(north) - mercator_y(south)) / (east - west)
    return MapProjection(west, south, east, north, float(width), height)


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: _Box, gap: float = 0.0) -> bool:
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def inside(self, other: _Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.x + self.w <= other.x + other.w
            and self.y + self.h <= other.y + other.h
        )

    def area_overlap(self, other: _Box) -> float:
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0


def _clip(points: list[tuple[float, float]], width: float, height: float):
    """Sutherland–Hodgman clip of a closed ring to the rectangle (0, 0)–(width, height)."""
    for axis, bound, keep_above in (
        (0, 0.0, True),
        (0, width, False),
        (1, 0.0, True),
        (1, height, False),
    ):
        if not points:
            break
        points = _clip_edge(points, axis, bound, keep_above)
    return points


def _clip_edge(
    points: list[tuple[float, float]], axis: int, bound: float, keep_above: bool
) -> list[tuple[float, float]]:
    """One Sutherland–Hodgman pass: keep the side of ``coordinate[axis] = bound`` asked for."""
    out: list[tuple[float, float]] = []
    append = out.append
    prev = points[-1]
    prev_v = prev[axis]
    prev_in = prev_v >= bound if keep_above else prev_v <= bound
    other = 1 - axis
    for cur in points:
        cur_v = cur[axis]
        cur_in = cur_v >= bound if keep_above else cur_v <= bound
        if cur_in != prev_in:  # the edge crosses the line: add the crossing point
            t = (bound - prev_v) / (cur_v - prev_v)
            w = prev[other] + (cur[other] - prev[other]) * t
            append((bound, w) if axis == 0 else (w, bound))
        if cur_in:
            append(cur)
        prev, prev_v, prev_in = cur, cur_v, cur_in
    return out


@dataclass
class _Drawn:
    """A country's visible geometry: path data and, per visible polygon, its box and area."""

    country: Country
    subpaths: list[str]
    parts: list[tuple[_Box, float, list[tuple[int, int]]]]  # box, area px², ring in tenths

    @property
    def box(self) -> _Box | None:
        if not self.parts:
            return None
        x0 = min(b.x for b, _, _ in self.parts)
        y0 = min(b.y for b, _, _ in self.parts)
        x1 = max(b.x + b.w for b, _, _ in self.parts)
        y1 = max(b.y + b.h for b, _, _ in self.parts)
        return _Box(x0, y0, x1 - x0, y1 - y0)


def _outside_runs(ring: Ring, shift: float, proj: MapProjection) -> list[tuple[float, float]]:
    """The ring with each chunk that lies wholly beyond one side of the frame cut to its ends.

    Within one outer half-plane the shortcut and the coast it replaces bound a
    region that lies outside the frame too, so the clipped result is unchanged;
    a 10,000-vertex Russia shrinks to the few hundred near the frame.
    """
    west, east = proj.west - shift, proj.east - shift
    bottom, top = mercator_y(proj.south), proj.top
    xs, ys = ring.xs, ring.ys
    out: list[tuple[float, float]] = []
    for start, x0, x1, y0, y1 in ring.chunks:
        stop = min(start + CHUNK, len(xs) - 1)
        if x0 > east or x1 < west or y0 > top or y1 < bottom:
            out.append((xs[start], ys[start]))
        else:
            out.extend(zip(xs[start:stop], ys[start:stop], strict=True))
    return out


def _ring_tenths(
    ring: Ring, shift: float, proj: MapProjection, needs_clip: bool
) -> list[tuple[int, int]]:
    """A ring in tenths of a px: projected, clipped, thinned to vertices ≥ 0.5 px apart."""
    scale = proj.scale
    ox = proj.west - shift
    top = proj.top
    out: list[tuple[int, int]] = []
    append = out.append
    lx = ly = -(10**9)
    if needs_clip:
        clipped = _clip(
            [((x - ox) * scale, (top - y) * scale) for x, y in _outside_runs(ring, shift, proj)],
            proj.width,
            proj.height,
        )
        for fx, fy in clipped:
            qx, qy = int(fx * 10.0 + 0.5), int(fy * 10.0 + 0.5)
            dx, dy = qx - lx, qy - ly
            if dx * dx + dy * dy >= THIN_TENTHS_SQ:
                append((qx, qy))
                lx, ly = qx, qy
    else:  # the hot loop: inside the frame every coordinate is ≥ 0, so int(+0.5) rounds
        s10 = scale * 10.0
        bx, by = 0.5 - ox * s10, 0.5 + top * s10
        for x, y in zip(ring.xs, ring.ys, strict=True):
            qx, qy = int(x * s10 + bx), int(by - y * s10)
            dx, dy = qx - lx, qy - ly
            if dx * dx + dy * dy >= THIN_TENTHS_SQ:
                append((qx, qy))
                lx, ly = qx, qy
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


_TOKENS: dict[int, str] = {}


def _token(tenths: int) -> str:
    """A delta in tenths as path text with its separator (a minus sign separates by itself)."""
    text = fmt(tenths / 10)
    token = text if text.startswith("-") else " " + text
    if len(_TOKENS) < 20000:
        _TOKENS[tenths] = token
    return token


def _subpath(ring: list[tuple[int, int]]) -> str:
    """Relative path data: the first point absolute, then short deltas."""
    tokens = _TOKENS
    x0, y0 = ring[0]
    deltas: list[str] = []
    add = deltas.append
    px, py = x0, y0
    for qx, qy in ring[1:]:
        dx, dy = qx - px, qy - py
        add(tokens.get(dx) or _token(dx))
        add(tokens.get(dy) or _token(dy))
        px, py = qx, qy
    return f"M{fmt(x0 / 10)} {fmt(y0 / 10)}l{''.join(deltas).lstrip()}z"


def _ring_area(ring: list[tuple[int, int]]) -> float:
    total = 0
    px, py = ring[-1]
    for qx, qy in ring:
        total += px * qy - qx * py
        px, py = qx, qy
    return abs(total) / 200.0  # tenths² → px²


def _point_in_ring(x: float, y: float, ring: list[tuple[int, int]]) -> bool:
    x, y = x * 10, y * 10
    inside = False
    px, py = ring[-1]
    for qx, qy in ring:
        if (qy > y) != (py > y) and x < (px - qx) * (y - qy) / (py - qy) + qx:
            inside = not inside
        px, py = qx, qy
    return inside


def _draw_country(country: Country, proj: MapProjection, *, speck: float) -> _Drawn:
    """Visible geometry; polygons smaller than ``speck`` px across are left out."""
    drawn = _Drawn(country, [], [])
    west, east = proj.west, proj.east
    south, north = proj.south, proj.north
    c_west, c_south, c_east, c_north = country.bounds
    if c_north < south or c_south > north:
        return drawn
    shifts = [s for s in (0.0, -360.0, 360.0) if c_east + s >= west and c_west + s <= east]
    for poly in country.polygons if shifts else ():
        p_west, p_south, p_east, p_north = poly.bounds
        if p_north < south or p_south > north:
            continue
        for shift in shifts:
            if p_east + shift >= west and p_west + shift <= east:
                _draw_polygon(drawn, poly, shift, proj, speck)
    return drawn


def _draw_polygon(
    drawn: _Drawn, poly: Polygon, shift: float, proj: MapProjection, speck: float
) -> None:
    outer = poly.outer
    needs_clip = not (
        outer.west + shift >= proj.west
        and outer.east + shift <= proj.east
        and outer.south >= proj.south
        and outer.north <= proj.north
    )
    rings = [_ring_tenths(r, shift, proj, needs_clip) for r in poly.rings]
    if len(rings[0]) < 3:
        return
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    box = _Box(min(xs) / 10, min(ys) / 10, (max(xs) - min(xs)) / 10, (max(ys) - min(ys)) / 10)
    if max(box.w, box.h) < speck:
        return
    # Hit tests (label containment, legend placement) need no full detail.
    hit = rings[0][:: max(1, len(rings[0]) // HIT_VERTICES)]
    drawn.parts.append((box, _ring_area(rings[0]), hit if len(hit) >= 3 else rings[0]))
    drawn.subpaths.extend(_subpath(r) for r in rings if len(r) >= 3)


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class _Label:
    text: str
    x: float  # anchor (text-anchor middle unless start/end)
    baseline: float
    size: float
    bold: bool
    klass: str
    anchor: str = "middle"


def _label_box(text: str, cx: float, cy: float, size: float, bold: bool) -> _Box:
    w = text_width(text, size, bold=bold)
    h = size * 1.2
    return _Box(cx - w / 2, cy - h / 2, w, h)


class _Placer:
    """Greedy label placement: first come first served, never overlapping."""

    def __init__(self, frame: _Box) -> None:
        self.frame = frame
        self.taken: list[_Box] = []
        self.labels: list[_Label] = []
        self.boxes: list[_Box] = []

    def free(self, box: _Box, gap: float = 1.5) -> bool:
        return box.inside(self.frame) and not any(box.overlaps(t, gap) for t in self.taken)

    def block(self, box: _Box) -> None:
        self.taken.append(box)

    def place(self, label: _Label, box: _Box) -> None:
        self.taken.append(box)
        self.boxes.append(box)
        self.labels.append(label)


def _around(cx: float, cy: float, w: float, h: float, radius: float) -> list[_Box]:
    """Candidate label boxes beside a point: right, left, above, below, then diagonals."""
    r = radius
    return [
        _Box(cx + r, cy - h / 2, w, h),
        _Box(cx - r - w, cy - h / 2, w, h),
        _Box(cx - w / 2, cy - r - h, w, h),
        _Box(cx - w / 2, cy + r, w, h),
        _Box(cx + r * 0.7, cy - r * 0.7 - h, w, h),
        _Box(cx + r * 0.7, cy + r * 0.7, w, h),
        _Box(cx - r * 0.7 - w, cy - r * 0.7 - h, w, h),
        _Box(cx - r * 0.7 - w, cy + r * 0.7, w, h),
    ]


def _box_label(text: str, box: _Box, size: float, bold: bool, klass: str) -> _Label:
    return _Label(text, box.x + box.w / 2, box.y + box.h / 2 + size * 0.36, size, bold, klass)


def _nearest_edge(box: _Box, x: float, y: float) -> tuple[float, float]:
    return (min(max(x, box.x), box.x + box.w), min(max(y, box.y), box.y + box.h))


# --------------------------------------------------------------------------- render


def render_locator_map(
    *,
    primary: Sequence[str],
    secondary: Sequence[str] = (),
    highlight: Sequence[str] = (),
    place: MapPlace | None = None,
    extent: tuple[float, float, float, float] | None = None,
    primary_label: str = "Participants' countries",
    secondary_label: str = "Other actors' countries",
    id_prefix: str = "map",
    width: int = 640,
) -> str | None:
    """ISO 3166 alpha-3 codes in; inline <svg> markup out; None when there is nothing to draw.

    Unknown codes are ignored (the caller validates). ``highlight`` codes are shaded
    like participants. Countries whose parts all fall outside the frame are named
    in the legend and the text alternative as not shown.
    """
    first, second = _categories(primary, secondary, highlight)
    if not first and not second and place is None:
        return None
    proj = map_projection(
        primary=primary,
        secondary=secondary,
        highlight=highlight,
        place=place,
        extent=extent,
        width=width,
    )
    pid = safe_id_prefix(id_prefix, "map")
    W, H = proj.width, proj.height
    category = {c.code: "primary" for c in first} | {c.code: "secondary" for c in second}

    drawn: dict[str, _Drawn] = {}
    for code, country in load_countries().items():
        # Specks of land under 1.5 px are noise for neighbours, but a participant
        # such as Bahrain must stay on the map however small.
        d = _draw_country(country, proj, speck=0.0 if code in category else 1.5)
        if d.subpaths:
            drawn[code] = d

    frame_box = _Box(2, 2, W - 4, H - 4)
    placer = _Placer(frame_box)
    out: list[str] = []
    markers: list[str] = []
    marker_radii: list[float] = []
    leaders: list[str] = []

    # An explicit extent may leave the place out: then it is neither drawn nor in the legend.
    place_xy: tuple[float, float] | None = None
    if place is not None:
        px, py = proj.project(place.lon, place.lat)
        if 0 <= px <= W and 0 <= py <= H:
            place_xy = (px, py)
    shown_place = place if place_xy is not None else None

    # Legend first: it takes a corner, and labels keep off it.
    legend_lines = _legend_lines(first, second, drawn, shown_place, primary_label, secondary_label)
    legend_box = _legend_box(legend_lines, proj, drawn, category, shown_place)
    placer.block(legend_box)

    if place_xy is not None:
        px, py = place_xy
        placer.block(_Box(px - 4, py - 4, 8, 8))

    # Small involved states: a marker where the shape is too small to see.
    for country in [*first, *second]:
        d = drawn.get(country.code)
        if d is None:
            continue
        box = d.box
        if box is not None and max(box.w, box.h) < MARKER_PX:
            mx, my = proj.project(country.label_lon, country.label_lat)
            if not (0 <= mx <= W and 0 <= my <= H):
                mx, my = box.x + box.w / 2, box.y + box.h / 2
            klass = category[country.code]
            r = 4.5
            if place_xy is not None:  # the place dot would hide it: ring the dot instead
                gap = math.hypot(place_xy[0] - mx, place_xy[1] - my)
                if gap < r + 3.0:
                    r = gap + 6.0
            markers.append(
                f'<circle class="marker {klass}" data-iso3="{esc(country.code)}" '
                f'cx="{fmt(mx)}" cy="{fmt(my)}" r="{fmt(r)}"'
                f"{_marker_style(klass, pid)}/>"
            )
            placer.block(_Box(mx - r - 0.5, my - r - 0.5, 2 * r + 1, 2 * r + 1))
            marker_radii.append(r)

    # The place label comes first: it is what the reader looks for.
    if place is not None and place_xy is not None:
        px, py = place_xy
        text = " ".join(place.name.split())
        size = 11.0
        w, h = text_width(text, size, bold=True), size * 1.2
        ring = max(marker_radii, default=0.0)
        candidates = [
            box for radius in (6.0, ring + 2.0, 12.0, 20.0) for box in _around(px, py, w, h, radius)
        ]
        # The place must be named: if a crowd of markers leaves no free spot, take the
        # first spot inside the frame and off the legend.
        chosen = next((b for b in candidates if placer.free(b)), None) or next(
            (b for b in candidates if b.inside(frame_box) and not b.overlaps(legend_box)), None
        )
        if chosen is not None:
            placer.place(_box_label(text, chosen, size, True, "place-label"), chosen)

    # Involved countries, then neighbours by size.
    for country in [*first, *second]:
        d = drawn.get(country.code)
        if d is not None:
            _label_involved(d, proj, placer, leaders)
    context = sorted(
        (d for code, d in drawn.items() if code not in category),
        key=lambda d: -sum(a for _, a, _ in d.parts),
    )
    for d in context:
        _label_context(d, proj, placer)

    # Assemble.
    title = _title(first, second, place)
    desc = _desc(first, second, drawn, place, shown_place, primary_label, secondary_label)
    total_h = H + NOTE_STRIP
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefgen-map" '
        f'viewBox="0 0 {fmt(W)} {fmt(total_h)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc" font-family="{esc(FONT_FAMILY)}">'
    )
    out.append(f'<title id="{pid}-title">{esc(title)}</title>')
    out.append(f'<desc id="{pid}-desc">{esc(desc)}</desc>')
    out.append(
        f'<defs><pattern id="{pid}-hatch" patternUnits="userSpaceOnUse" width="5" height="5">'
        f'<rect width="5" height="5" fill="{SECONDARY}"/>'
        f'<path d="M-1 1l2-2M0 5l5-5M4 6l2-2" stroke="{SECONDARY_HATCH}" stroke-width="1.1"/>'
        f"</pattern></defs>"
    )
    out.append(f'<rect class="sea" width="{fmt(W)}" height="{fmt(H)}" fill="{SEA}"/>')
    out.append(
        f'<g fill="{LAND}" stroke="{LAND_STROKE}" stroke-width="0.7" '
        f'stroke-linejoin="round" fill-rule="evenodd">'
    )
    for code, d in drawn.items():
        if code not in category:
            out.append(_path(d, "context", ""))
    for country in second:
        if country.code in drawn:
            style = f' fill="url(#{pid}-hatch)" stroke="{SECONDARY_STROKE}" stroke-width="0.8"'
            out.append(_path(drawn[country.code], "secondary", style))
    for country in first:
        if country.code in drawn:
            style = f' fill="{PRIMARY}" stroke="{PRIMARY_STROKE}" stroke-width="0.9"'
            out.append(_path(drawn[country.code], "primary", style))
    out.append("</g>")
    out.extend(leaders)
    out.extend(markers)
    if place_xy is not None and place is not None:
        px, py = place_xy
        out.append(
            f'<circle class="place" data-name="{esc(place.name)}" cx="{fmt(px)}" cy="{fmt(py)}" '
            f'r="3.6" fill="{INK}" stroke="#ffffff" stroke-width="1.3"/>'
        )
    out.append(_labels_svg(placer.labels))
    out.append(_legend_svg(legend_lines, legend_box, pid))
    out.append(
        f'<rect class="frame" width="{fmt(W)}" height="{fmt(H)}" fill="none" '
        f'stroke="#8c857a" stroke-width="0.8"/>'
    )
    out.append(
        f'<text class="note" x="1" y="{fmt(H + 11.5)}" font-size="8.5" fill="{MUTED_INK}">'
        f"{esc(NOTE)}</text>"
    )
    out.append("</svg>")
    return "".join(out)


def _path(d: _Drawn, klass: str, style: str) -> str:
    return (
        f'<path class="{klass}" data-iso3="{esc(d.country.code)}"{style} '
        f'd="{"".join(d.subpaths)}"/>'
    )


def _marker_style(klass: str, pid: str) -> str:
    if klass == "primary":
        return f' fill="{PRIMARY}" stroke="{PRIMARY_STROKE}" stroke-width="1.2"'
    return f' fill="url(#{pid}-hatch)" stroke="{SECONDARY_STROKE}" stroke-width="1.2"'


def _label_involved(d: _Drawn, proj: MapProjection, placer: _Placer, leaders: list[str]) -> None:
    """Inside the country when it fits, else beside it (with a leader line when away)."""
    text = d.country.name
    size = 10.0
    w, h = text_width(text, size, bold=True), size * 1.2
    W, H = proj.width, proj.height
    lx, ly = proj.project(d.country.label_lon, d.country.label_lat)
    if not (0 <= lx <= W and 0 <= ly <= H):
        # Label point off the map: name the country only inside its largest visible part
        # (a label beside a sliver at the edge would point at its neighbour).
        box, _, ring = max(d.parts, key=lambda p: p[1])
        cx, cy = box.x + box.w / 2, box.y + box.h / 2
        inside = _label_box(text, cx, cy, size, True)
        if _point_in_ring(cx, cy, ring) and inside.inside(box) and placer.free(inside):
            placer.place(_box_label(text, inside, size, True, "country-label involved"), inside)
        return
    ax, ay = lx, ly
    inside = _label_box(text, ax, ay, size, True)
    container = _container(d, ax, ay)
    if container is not None and inside.inside(container) and placer.free(inside):
        placer.place(_box_label(text, inside, size, True, "country-label involved"), inside)
        return
    for radius in (7.0, 16.0, 28.0):
        for box in _around(ax, ay, w, h, radius):
            if placer.free(box):
                placer.place(_box_label(text, box, size, True, "country-label involved"), box)
                if radius > 7.0:
                    ex, ey = _nearest_edge(box, ax, ay)
                    leaders.append(
                        f'<path class="leader" d="M{fmt(ax)} {fmt(ay)}L{fmt(ex)} {fmt(ey)}" '
                        f'stroke="{INK}" stroke-width="0.6" fill="none"/>'
                    )
                return


def _container(d: _Drawn, x: float, y: float) -> _Box | None:
    """Box of the visible polygon holding (x, y), the largest if several."""
    best: tuple[float, _Box] | None = None
    for box, area, ring in d.parts:
        if (
            box.x <= x <= box.x + box.w
            and box.y <= y <= box.y + box.h
            and _point_in_ring(x, y, ring)
            and (best is None or area > best[0])
        ):
            best = (area, box)
    return best[1] if best else None


def _label_context(d: _Drawn, proj: MapProjection, placer: _Placer) -> None:
    """Neighbours are named only where the name fits inside them and nothing else is."""
    text = d.country.name.upper()
    size = 8.0
    lx, ly = proj.project(d.country.label_lon, d.country.label_lat)
    if not (0 <= lx <= proj.width and 0 <= ly <= proj.height):
        return
    box = _label_box(text, lx, ly, size, False)
    container = _container(d, lx, ly)
    if container is not None and box.inside(container) and placer.free(box, gap=3.0):
        placer.place(_box_label(text, box, size, False, "country-label context"), box)


def _labels_svg(labels: list[_Label]) -> str:
    """Each label twice: a white halo underneath, then the ink (paint-order is not portable)."""
    halo: list[str] = []
    ink: list[str] = []
    for lab in labels:
        weight = ' font-weight="bold"' if lab.bold else ""
        colour = MUTED_INK if "context" in lab.klass else INK
        common = (
            f'x="{fmt(lab.x)}" y="{fmt(lab.baseline)}" font-size="{fmt(lab.size)}"{weight} '
            f'text-anchor="{lab.anchor}"'
        )
        halo.append(f"<text {common}>{esc(lab.text)}</text>")
        ink.append(f'<text class="{lab.klass}" {common} fill="{colour}">{esc(lab.text)}</text>')
    return (
        '<g class="label-halo" fill="none" stroke="#ffffff" stroke-width="2.4" '
        'stroke-linejoin="round" stroke-opacity="0.85" aria-hidden="true">'
        + "".join(halo)
        + '</g><g class="labels">'
        + "".join(ink)
        + "</g>"
    )


# --------------------------------------------------------------------------- legend

_LEGEND_SIZE = 9.0
_LEGEND_LINE = 14.0
_LEGEND_PAD = 6.0
_SWATCH = 16.0


def _not_shown(countries: list[Country], drawn: dict[str, _Drawn]) -> list[Country]:
    return [c for c in countries if c.code not in drawn]


def _legend_lines(
    first: list[Country],
    second: list[Country],
    drawn: dict[str, _Drawn],
    place: MapPlace | None,
    primary_label: str,
    secondary_label: str,
) -> list[tuple[str, str]]:
    """(kind, text) rows of the legend."""
    lines: list[tuple[str, str]] = []
    if any(c.code in drawn for c in first):
        lines.append(("primary", primary_label))
    if any(c.code in drawn for c in second):
        lines.append(("secondary", secondary_label))
    if place is not None:
        lines.append(("place", "Event location"))
    missing = _not_shown([*first, *second], drawn)
    if missing:
        names = ", ".join(c.name for c in missing)
        lines.extend(("note", row) for row in _wrap(f"Not shown: {names}", 190.0))
    return lines


def _wrap(text: str, max_width: float) -> list[str]:
    rows: list[str] = []
    row = ""
    for word in text.split():
        trial = f"{row} {word}".strip()
        if row and text_width(trial, _LEGEND_SIZE) > max_width:
            rows.append(row)
            row = word
        else:
            row = trial
    if row:
        rows.append(row)
    return rows


def _legend_box(
    lines: list[tuple[str, str]],
    proj: MapProjection,
    drawn: dict[str, _Drawn],
    category: dict[str, str],
    place: MapPlace | None,
) -> _Box:
    """The legend goes in the corner where it hides least of the story."""
    if not lines:
        return _Box(-100, -100, 0, 0)
    text_w = max(
        text_width(t, _LEGEND_SIZE) + (0 if kind == "note" else _SWATCH + 5) for kind, t in lines
    )
    w = text_w + 2 * _LEGEND_PAD
    h = len(lines) * _LEGEND_LINE + 2 * _LEGEND_PAD - 3
    W, H = proj.width, proj.height
    inset = 6.0
    corners = [
        _Box(inset, H - inset - h, w, h),  # bottom left
        _Box(W - inset - w, H - inset - h, w, h),  # bottom right
        _Box(inset, inset, w, h),  # top left
        _Box(W - inset - w, inset, w, h),  # top right
    ]
    # Weigh what each corner would hide: a grid of sample points scores by what lies
    # under it (sea 0, land 1, other actors 2, participants 3), and the place and the
    # involved countries' label points (where names and small-state markers go) count most.
    weights = {code: (3.0 if kind == "primary" else 2.0) for code, kind in category.items()}
    hot: list[_Box] = []
    if place is not None:
        px, py = proj.project(place.lon, place.lat)
        hot.append(_Box(px - 50, py - 10, 100, 20))
    for code in category:
        d = drawn.get(code)
        if d is not None:
            lx, ly = proj.project(d.country.label_lon, d.country.label_lat)
            hot.append(_Box(lx - 30, ly - 8, 60, 16))
    scores = []
    for corner in corners:
        score = sum(corner.area_overlap(b) for b in hot) * 5.0
        for i in range(5):
            for j in range(3):
                x = corner.x + corner.w * (i + 0.5) / 5
                y = corner.y + corner.h * (j + 0.5) / 3
                score += _under(x, y, drawn, weights) * corner.w * corner.h / 15
        scores.append(score)
    return corners[scores.index(min(scores))]


def _under(x: float, y: float, drawn: dict[str, _Drawn], weights: dict[str, float]) -> float:
    """Weight of what is drawn at (x, y): 0 for sea."""
    for code, d in drawn.items():
        for box, _, ring in d.parts:
            if (
                box.x <= x <= box.x + box.w
                and box.y <= y <= box.y + box.h
                and _point_in_ring(x, y, ring)
            ):
                return weights.get(code, 1.0)
    return 0.0


def _legend_svg(lines: list[tuple[str, str]], box: _Box, pid: str) -> str:
    if not lines:
        return ""
    parts = [
        f'<g class="legend"><rect x="{fmt(box.x)}" y="{fmt(box.y)}" width="{fmt(box.w)}" '
        f'height="{fmt(box.h)}" fill="#ffffff" fill-opacity="0.9" stroke="#b5aea3" '
        f'stroke-width="0.6"/>'
    ]
    y = box.y + _LEGEND_PAD
    x = box.x + _LEGEND_PAD
    for kind, text in lines:
        mid = y + 5.5
        tx = x + _SWATCH + 5
        if kind == "primary":
            parts.append(
                f'<rect x="{fmt(x)}" y="{fmt(mid - 5)}" width="{_SWATCH:g}" height="10" '
                f'fill="{PRIMARY}" stroke="{PRIMARY_STROKE}" stroke-width="0.9"/>'
            )
        elif kind == "secondary":
            parts.append(
                f'<rect x="{fmt(x)}" y="{fmt(mid - 5)}" width="{_SWATCH:g}" height="10" '
                f'fill="url(#{pid}-hatch)" stroke="{SECONDARY_STROKE}" stroke-width="0.8"/>'
            )
        elif kind == "place":
            parts.append(
                f'<circle cx="{fmt(x + _SWATCH / 2)}" cy="{fmt(mid)}" r="3.6" fill="{INK}" '
                f'stroke="#ffffff" stroke-width="1.3"/>'
            )
        else:
            tx = x
        colour = MUTED_INK if kind == "note" else INK
        parts.append(
            f'<text x="{fmt(tx)}" y="{fmt(mid + _LEGEND_SIZE * 0.36)}" '
            f'font-size="{_LEGEND_SIZE:g}" fill="{colour}">{esc(text)}</text>'
        )
        y += _LEGEND_LINE
    parts.append("</g>")
    return "".join(parts)


# --------------------------------------------------------------------------- text alternative


def _names(countries: Iterable[Country]) -> str:
    names = [c.long_name for c in countries]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _title(first: list[Country], second: list[Country], place: MapPlace | None) -> str:
    if place is not None:
        return f"Locator map: {' '.join(place.name.split())}"
    return f"Locator map: {_names(first or second)}"


def _desc(
    first: list[Country],
    second: list[Country],
    drawn: dict[str, _Drawn],
    place: MapPlace | None,
    shown_place: MapPlace | None,
    primary_label: str,
    secondary_label: str,
) -> str:
    sentences: list[str] = []
    if place is not None:
        where = "" if shown_place is not None else " (outside the map frame)"
        sentences.append(f"Event location: {' '.join(place.name.split())}{where}.")
    if first:
        sentences.append(f"{primary_label}: {_names(first)}.")
    if second:
        sentences.append(f"{secondary_label}: {_names(second)}.")
    missing = _not_shown([*first, *second], drawn)
    if missing:
        verb = "lies" if len(missing) == 1 else "lie"
        sentences.append(f"{_names(missing)} {verb} outside the map frame.")
    sentences.append(NOTE)
    return " ".join(sentences)
