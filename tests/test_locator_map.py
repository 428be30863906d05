"""Locator map: framing, shading, markers, text alternative and escaping."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from briefgen.graphics import locator_map as lm
from briefgen.graphics import text_width
from briefgen.graphics.locator_map import (
    MapPlace,
    map_frame,
    map_projection,
    render_locator_map,
)

SVG = "{http://www.w3.org/2000/svg}"
MOSCOW = MapPlace("Moscow", 55.7558, 37.6173)
SEOUL = MapPlace("Seoul", 37.5665, 126.9780)
EXAMPLE = {
    "primary": ["RUS", "SYR", "TUR", "IRN"],
    "secondary": ["SAU", "CHN"],
    "place": MOSCOW,
}
SOUTH_AMERICA = {"primary": ["BRA", "ARG", "PRY", "URY"]}
EAST_ASIA = {"primary": ["CHN", "JPN", "KOR", "PRK"], "place": SEOUL}


def inside(frame: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    west, south, east, north = frame
    lon = lon if lon >= west else lon + 360.0
    return west <= lon <= east and south <= lat <= north


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def country_paths(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-iso3"): p for p in root.iter(f"{SVG}path") if p.get("data-iso3")}


# ----------------------------------------------------------------------------- framing


def test_example_frame_holds_the_story_not_siberia():
    frame = map_frame(**EXAMPLE)
    for name, lon, lat in [
        ("Moscow", 37.6173, 55.7558),
        ("Damascus", 36.2913, 33.5131),
        ("Ankara", 32.8597, 39.9334),
        ("Tehran", 51.3890, 35.6892),
    ]:
        assert inside(frame, lon, lat), name
    west, _south, east, north = frame
    assert east < 80.0, "Russia or China dragged the frame into Asia"
    assert not inside(frame, 88.2, 69.3), "Norilsk is in the frame"
    assert not inside(frame, 116.4, 39.9), "Beijing is in the frame"
    assert west > 0.0 and north < 70.0


def test_china_as_other_actor_does_not_move_the_frame_east():
    with_china = map_frame(**EXAMPLE)
    without = map_frame(primary=EXAMPLE["primary"], secondary=["SAU"], place=MOSCOW)
    assert with_china[2] == pytest.approx(without[2], abs=1.0)


def test_south_american_frame_holds_the_capitals_but_not_the_continent():
    frame = map_frame(**SOUTH_AMERICA)
    for name, lon, lat in [
        ("Brasília", -47.88, -15.79),
        ("Buenos Aires", -58.38, -34.60),
        ("Asunción", -57.58, -25.26),
        ("Montevideo", -56.16, -34.90),
    ]:
        assert inside(frame, lon, lat), name
    for name, lon, lat in [
        ("Bogotá", -74.07, 4.71),
        ("Caracas", -66.90, 10.48),
        ("Quito", -78.47, -0.18),
        ("Manaus", -60.02, -3.12),
        ("Ushuaia", -68.30, -54.80),
    ]:
        assert not inside(frame, lon, lat), name
    west, south, east, north = frame
    assert east - west < 45.0 and north - south < 40.0


def test_east_asian_frame_holds_the_capitals_but_not_inner_asia():
    frame = map_frame(**EAST_ASIA)
    for name, lon, lat in [
        ("Beijing", 116.40, 39.90),
        ("Tokyo", 139.69, 35.69),
        ("Seoul", 126.98, 37.57),
        ("Pyongyang", 125.75, 39.02),
    ]:
        assert inside(frame, lon, lat), name
    for name, lon, lat in [
        ("Urumqi", 87.62, 43.83),
        ("Lhasa", 91.11, 29.65),
        ("Hanoi", 105.85, 21.03),
        ("Moscow", 37.62, 55.76),
    ]:
        assert not inside(frame, lon, lat), name
    west, _south, east, _north = frame
    assert east - west < 60.0


@pytest.mark.parametrize("inputs", [EXAMPLE, SOUTH_AMERICA, EAST_ASIA, {"primary": ["BHR"]}])
def test_frames_keep_a_sensible_aspect_ratio(inputs):
    proj = map_projection(**inputs, width=640)
    assert lm.ASPECT_RANGE[0] - 1e-6 <= proj.width / proj.height <= lm.ASPECT_RANGE[1] + 1e-6


def test_explicit_extent_overrides_and_is_shown_whole():
    extent = (30.0, 30.0, 50.0, 40.0)
    frame = map_frame(primary=["RUS"], extent=extent)
    west, south, east, north = frame
    assert west <= 30.0 and east >= 50.0 and south <= 30.0 + 1e-9 and north >= 40.0 - 1e-9
    assert east - west < 25.0  # not the frame Russia alone would get


def test_frame_across_the_antimeridian_stays_small():
    frame = map_frame(primary=["FJI"])
    west, _south, east, _north = frame
    assert east - west < 30.0
    assert inside(frame, 178.44, -18.14)  # Suva
    assert inside(frame, -179.9, -16.5)  # Fiji's islands east of 180°


def test_nothing_to_frame_raises():
    with pytest.raises(ValueError):
        map_frame(primary=["XXX"])


# ----------------------------------------------------------------------------- drawing


def test_nothing_to_draw_gives_none():
    assert render_locator_map(primary=[]) is None
    assert render_locator_map(primary=["XXX", "ZZZ"], secondary=["QQQ"]) is None


def test_place_alone_is_drawn():
    svg = render_locator_map(primary=[], place=MapPlace("Geneva", 46.2044, 6.1432))
    assert svg is not None
    root = parse(svg)
    assert root.find(f".//{SVG}circle[@class='place']") is not None
    assert "CHE" in country_paths(root)


def test_each_country_is_a_shaded_path_in_its_category():
    root = parse(render_locator_map(**EXAMPLE, highlight=["LBN"]))
    paths = country_paths(root)
    for code in ["RUS", "SYR", "TUR", "IRN", "LBN"]:
        assert paths[code].get("class") == "primary", code
        assert paths[code].get("fill") == lm.PRIMARY
        assert paths[code].get("d", "").startswith("M")
    assert paths["SAU"].get("class") == "secondary"
    assert paths["SAU"].get("fill", "").startswith("url(#")
    assert paths["IRQ"].get("class") == "context"  # a neighbour, drawn for context
    assert "USA" not in paths  # far outside the frame: not drawn at all


def test_place_marker_sits_at_the_projected_point():
    root = parse(render_locator_map(**EXAMPLE))
    (marker,) = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "place"]
    x, y = map_projection(**EXAMPLE).project(MOSCOW.lon, MOSCOW.lat)
    assert float(marker.get("cx")) == pytest.approx(x, abs=0.06)
    assert float(marker.get("cy")) == pytest.approx(y, abs=0.06)
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "place-label"]
    assert labels == ["Moscow"]


def test_projection_is_mercator_scaled_to_the_frame():
    proj = map_projection(**EXAMPLE, width=640)
    west, south, east, north = map_frame(**EXAMPLE)
    assert proj.project(west, north) == pytest.approx((0.0, 0.0), abs=1e-6)
    assert proj.project(east, south) == pytest.approx((640.0, proj.height), abs=1e-6)
    # Mercator: equal steps of latitude grow northwards.
    y40, y45, y50 = (proj.project(40, lat)[1] for lat in (40, 45, 50))
    assert y45 - y50 > y40 - y45 > 0


@pytest.mark.parametrize("kind", ["primary", "secondary"])
def test_small_states_get_a_visible_marker(kind):
    small = ["BHR", "QAT", "LBN"]
    inputs = {"primary": ["SAU"], kind: small} if kind == "secondary" else {"primary": small}
    svg = render_locator_map(**inputs, extent=(-20.0, -10.0, 110.0, 60.0))
    root = parse(svg)
    markers = {
        c.get("data-iso3"): c
        for c in root.iter(f"{SVG}circle")
        if "marker" in (c.get("class") or "").split()
    }
    for code in small:
        assert code in markers, code
        assert kind in markers[code].get("class").split()
        assert float(markers[code].get("r")) >= 3.0
    x, y = map_projection(primary=small, extent=(-20.0, -10.0, 110.0, 60.0)).project(50.55, 26.06)
    assert float(markers["BHR"].get("cx")) == pytest.approx(x, abs=1.0)
    assert float(markers["BHR"].get("cy")) == pytest.approx(y, abs=1.0)


def test_place_is_named_even_inside_a_small_state_marker():
    manama = MapPlace("Manama", 26.2285, 50.5860)
    svg = render_locator_map(
        primary=["BHR", "QAT"], secondary=["SAU"], place=manama, extent=(20.0, 10.0, 70.0, 45.0)
    )
    root = parse(svg)
    (marker,) = [c for c in root.iter(f"{SVG}circle") if c.get("data-iso3") == "BHR"]
    (dot,) = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "place"]
    gap = math.hypot(
        float(marker.get("cx")) - float(dot.get("cx")),
        float(marker.get("cy")) - float(dot.get("cy")),
    )
    assert float(marker.get("r")) > gap + 3.6  # the marker rings the dot instead of hiding under it
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "place-label"]
    assert labels == ["Manama"]


def test_place_outside_an_explicit_extent_is_not_drawn_but_described():
    root = parse(render_locator_map(primary=["SYR"], place=MOSCOW, extent=(30, 30, 45, 40)))
    assert root.find(f".//{SVG}circle[@class='place']") is None
    assert "Moscow (outside the map frame)" in root.find(f"{SVG}desc").text
    legend = " ".join(t.text for t in root.find(f".//{SVG}g[@class='legend']").iter(f"{SVG}text"))
    assert "Event location" not in legend


def test_same_keywords_as_render_are_accepted():
    inputs = {
        **EXAMPLE,
        "primary_label": "P",
        "secondary_label": "S",
        "id_prefix": "m",
        "width": 480,
    }
    assert map_frame(**inputs) == map_frame(**EXAMPLE)
    assert map_projection(**inputs).width == 480


def test_small_states_drawn_to_scale_need_no_marker_but_are_drawn():
    root = parse(render_locator_map(primary=["BHR", "QAT"], secondary=["SAU"]))
    assert {"BHR", "QAT"} <= set(country_paths(root))


def test_country_not_in_the_frame_is_named_as_not_shown():
    svg = render_locator_map(primary=["MLI", "BFA", "NER"], secondary=["RUS"])
    root = parse(svg)
    assert "RUS" not in country_paths(root)
    desc = root.find(f"{SVG}desc").text
    assert "Russia lies outside the map frame" in desc
    legend = " ".join(t.text for t in root.find(f".//{SVG}g[@class='legend']").iter(f"{SVG}text"))
    assert "Not shown: Russia" in legend


def test_labels_never_overlap():
    for inputs in (EXAMPLE, SOUTH_AMERICA, EAST_ASIA, {"primary": ["LBN", "ISR", "SYR", "JOR"]}):
        root = parse(render_locator_map(**inputs))
        boxes = []
        for t in root.find(f".//{SVG}g[@class='labels']"):
            size = float(t.get("font-size"))
            w = text_width(t.text, size, bold=t.get("font-weight") == "bold")
            x, y = float(t.get("x")), float(t.get("y"))
            assert t.get("text-anchor") == "middle"
            boxes.append((x - w / 2, y - size, x + w / 2, y + size * 0.3, t.text))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (a[4], b[4])


def test_categories_differ_in_greyscale():
    def luma(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    tones = [luma(lm.PRIMARY), luma(lm.SECONDARY), luma(lm.LAND)]
    assert tones[0] + 0.15 < tones[1] < tones[2] - 0.05
    assert abs(luma(lm.SEA) - luma(lm.LAND)) > 0.06
    assert luma(lm.SECONDARY_HATCH) < tones[1] - 0.2  # the hatch shows without colour


# ----------------------------------------------------------------------------- SVG hygiene


def test_svg_is_accessible_xml():
    svg = render_locator_map(**EXAMPLE, id_prefix="fig1")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    ids = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert [title.get("id"), desc.get("id")] == ids == ["fig1-title", "fig1-desc"]
    for name in ["Russia", "Syria", "Turkey", "Iran", "Saudi Arabia", "China", "Moscow"]:
        assert name in desc.text
    assert "Boundaries are not authoritative. Source: Natural Earth." in svg
    for banned in ("foreignObject", "filter", "<style", "<script"):
        assert banned not in svg


def test_ids_are_unique_per_document():
    a = render_locator_map(**EXAMPLE, id_prefix="map-1")
    b = render_locator_map(**EXAMPLE, id_prefix="map-2")
    ids = re.findall(r'\bid="([^"]+)"', a + b)
    assert len(ids) == len(set(ids)) >= 6
    for ref in re.findall(r"url\(#([^)]+)\)", a):
        assert ref in ids and ref.startswith("map-1")


def test_hostile_text_is_escaped():
    evil = '<script>alert("x")</script> & "quoted"'
    svg = render_locator_map(
        primary=["SYR"],
        place=MapPlace(evil, 33.51, 36.29),
        primary_label=evil,
        id_prefix='x" onload="alert(1)',
    )
    assert "<script" not in svg and "onload=" not in svg
    root = parse(svg)  # still well-formed
    assert evil in root.find(f"{SVG}desc").text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert " ".join(evil.split()) in texts


def test_path_data_is_lean():
    svg = render_locator_map(**EXAMPLE)
    assert len(svg.encode()) < 150_000
    numbers = re.findall(r"-?\d+\.\d+", " ".join(re.findall(r' d="([^"]+)"', svg)))
    assert numbers and all(len(n.split(".")[1]) == 1 for n in numbers)


def test_unknown_codes_are_ignored():
    a = render_locator_map(primary=["SYR", "XXX"], id_prefix="m")
    b = render_locator_map(primary=["SYR"], id_prefix="m")
    assert a == b


def test_natural_earth_codes_work_where_iso_has_none():
    root = parse(render_locator_map(primary=["KOS"], secondary=["SRB"]))
    assert country_paths(root)["KOS"].get("class") == "primary"
