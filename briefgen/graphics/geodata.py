"""Country boundaries for locator maps, loaded once per process.

The shipped file is Natural Earth's 1:10m admin-0 countries (public domain,
naturalearthdata.com) in the German government's point of view ("deu"; e.g.
Crimea drawn as part of Ukraine, Kosovo as a state), simplified at 0.04°. That
view is a political choice, not a neutral fact: every map carries the note that
boundaries are not authoritative. See ``briefgen/data/README.md``.

Parsing and preparing 74,000 vertices takes a noticeable fraction of a second, so
it happens once (``functools.lru_cache``); each map then only selects, scales and
clips. Vertices are stored already projected to Mercator (in degrees, so x is the
longitude), which makes the per-map projection an affine transform.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "briefgen"
DATA_FILE = "data/ne_10m_admin_0_countries_deu_s04.geojson"
EARTH_RADIUS_KM = 6371.0088
MAX_LATITUDE = 85.0  # Mercator runs to infinity at the poles
_FRAMING_SAMPLES = 160  # vertices per polygon kept for choosing a map frame
CHUNK = 32  # vertices per chunk with its own bounds, so clipping can skip far-off coast

# Natural Earth's NAME abbreviates ("Dem. Rep. Korea"); readers expect common names.
_MAP_NAMES = {
    "KOR": "South Korea",
    "PRK": "North Korea",
    "COD": "DR Congo",
    "CAF": "C. African Rep.",
}
_LONG_NAMES = {
    "KOR": "South Korea",
    "PRK": "North Korea",
    "SRB": "Serbia",
    "TZA": "Tanzania",
    "USA": "United States",
    "CIV": "Côte d'Ivoire",
    "TLS": "Timor-Leste",
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "BHS": "Bahamas",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
}


def mercator_y(lat: float) -> float:
    """Mercator northing in degrees (same unit as longitude), latitude clamped to ±85°."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def inverse_mercator_y(y: float) -> float:
    """Latitude of a Mercator northing given in degrees."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def unit_vector(lon: float, lat: float) -> tuple[float, float, float]:
    """Point on the unit sphere: great-circle distance tests become dot products."""
    phi, lam = math.radians(lat), math.radians(lon)
    cos_phi = math.cos(phi)
    return (cos_phi * math.cos(lam), cos_phi * math.sin(lam), math.sin(phi))


@dataclass(frozen=True)
class Ring:
    """One closed ring: longitudes and Mercator northings (degrees), plus its bounds.

    ``chunks`` hold (start, x_min, x_max, y_min, y_max) for every ``CHUNK`` vertices
    (overlapping by one), in the same units as ``xs``/``ys``.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    west: float
    south: float  # latitude
    east: float
    north: float  # latitude
    chunks: tuple[tuple[int, float, float, float, float], ...]


@dataclass(frozen=True)
class Polygon:
    """An outer ring with its holes; ``samples`` are outer-ring points for framing.

    ``samples`` hold (lon, lat, x, y, z): every n-th vertex plus the extreme ones,
    so that a polygon included whole frames exactly.
    """

    rings: tuple[Ring, ...]
    area_km2: float
    samples: tuple[tuple[float, float, float, float, float], ...]
    centre: tuple[float, float, float]  # unit vector of the samples' mean direction
    radius: float  # angle (radians) from ``centre`` to the farthest sample
    bounds: tuple[float, float, float, float]  # outer ring's (west, south, east, north)

    @property
    def outer(self) -> Ring:
        return self.rings[0]


@dataclass(frozen=True)
class Country:
    """A country as drawn: all features sharing its code (e.g. Brazil + Brazilian Island)."""

    code: str
    name: str  # short, for map labels
    long_name: str  # for text alternatives
    label_lon: float
    label_lat: float
    area_km2: float
    polygons: tuple[Polygon, ...]
    bounds: tuple[float, float, float, float]  # (west, south, east, north) of all polygons


def _ring_area_km2(coords: list[list[float]]) -> float:
    """Unsigned area on the sphere via the (equal-area) sinusoidal projection."""
    lon0 = coords[0][0]
    total = 0.0
    px = py = None
    for lon, lat in coords:
        x = math.radians(lon - lon0) * math.cos(math.radians(lat))
        y = math.radians(lat)
        if px is not None:
            total += px * y - x * py
        px, py = x, y
    return abs(total) / 2 * EARTH_RADIUS_KM**2


def _ring(coords: list[list[float]]) -> Ring:
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    ys = [mercator_y(lat) for lat in lats]
    chunks = []
    for start in range(0, len(lons) - 1, CHUNK):
        cx = lons[start : start + CHUNK + 1]
        cy = ys[start : start + CHUNK + 1]
        chunks.append((start, min(cx), max(cx), min(cy), max(cy)))
    return Ring(
        xs=tuple(lons),
        ys=tuple(ys),
        west=min(lons),
        south=min(lats),
        east=max(lons),
        north=max(lats),
        chunks=tuple(chunks),
    )


def _samples(coords: list[list[float]]) -> tuple[tuple[float, float, float, float, float], ...]:
    step = max(1, len(coords) // _FRAMING_SAMPLES)
    picked = set(range(0, len(coords), step))
    for key in (
        lambda i: coords[i][0],
        lambda i: -coords[i][0],
        lambda i: coords[i][1],
        lambda i: -coords[i][1],
    ):
        picked.add(min(range(len(coords)), key=key))
    return tuple((coords[i][0], coords[i][1], *unit_vector(*coords[i])) for i in sorted(picked))


def _polygon(rings: list[list[list[float]]]) -> Polygon:
    outer = rings[0]
    area = _ring_area_km2(outer) - sum(_ring_area_km2(hole) for hole in rings[1:])
    samples = _samples(outer)
    # A bounding cap lets framing skip a far-off island without looking at its points.
    sx = sum(p[2] for p in samples)
    sy = sum(p[3] for p in samples)
    sz = sum(p[4] for p in samples)
    norm = math.sqrt(sx * sx + sy * sy + sz * sz) or 1.0
    centre = (sx / norm, sy / norm, sz / norm)
    lowest = min(p[2] * centre[0] + p[3] * centre[1] + p[4] * centre[2] for p in samples)
    ring_list = tuple(_ring(r) for r in rings if len(r) >= 4)
    first = ring_list[0]
    return Polygon(
        rings=ring_list,
        bounds=(first.west, first.south, first.east, first.north),
        area_km2=max(area, 0.0),
        samples=samples,
        centre=centre,
        radius=math.acos(max(-1.0, min(1.0, lowest))),
    )


def _code(props: dict[str, object]) -> str:
    iso = str(props.get("ISO_A3_EH") or "-99")
    return iso if iso != "-99" else str(props["ADM0_A3"])


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Country], dict[str, str]]:
    raw = json.loads(resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text("utf-8"))
    grouped: dict[str, list[dict[str, object]]] = {}
    aliases: dict[str, str] = {}
    for feature in raw["features"]:
        code = _code(feature["properties"])
        aliases.setdefault(str(feature["properties"]["ADM0_A3"]), code)
        if feature.get("geometry"):
            grouped.setdefault(code, []).append(feature)
    countries: dict[str, Country] = {}
    for code, features in grouped.items():
        # The feature whose own code matches names the country (Brazil, not Brazilian Island).
        main = next((f for f in features if f["properties"]["ADM0_A3"] == code), features[0])
        props = main["properties"]
        polygons: list[Polygon] = []
        for feature in features:
            geometry = feature["geometry"]
            parts = (
                geometry["coordinates"]
                if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]]
            )
            polygons.extend(_polygon(p) for p in parts if p and len(p[0]) >= 4)
        name = str(props["NAME"])
        long_name = str(props["ADMIN"]) if "." in name else name
        countries[code] = Country(
            code=code,
            name=_MAP_NAMES.get(code, name),
            long_name=_LONG_NAMES.get(code, long_name),
            label_lon=float(props["LABEL_X"]),
            label_lat=float(props["LABEL_Y"]),
            area_km2=sum(p.area_km2 for p in polygons),
            polygons=tuple(polygons),
            bounds=(
                min(p.bounds[0] for p in polygons),
                min(p.bounds[1] for p in polygons),
                max(p.bounds[2] for p in polygons),
                max(p.bounds[3] for p in polygons),
            ),
        )
    return countries, aliases


def load_countries() -> dict[str, Country]:
    """All countries keyed by ISO 3166 alpha-3 (Natural Earth ``ADM0_A3`` where ISO has none)."""
    return _load()[0]


def clear_cache() -> None:
    """Forget the loaded boundaries (for benchmarks measuring the first load)."""
    _load.cache_clear()


def lookup(code: str) -> Country | None:
    """The country for an alpha-3 code (ISO or Natural Earth's own, e.g. ``KOS``); else None."""
    code = code.strip().upper()
    countries, aliases = _load()
    if code in countries:
        return countries[code]
    alias = aliases.get(code)
    return countries.get(alias) if alias else None
