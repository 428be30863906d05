"""Timeline graphic: order, placement at precision, label spacing, axis breaks, markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefgen.dates import parse_partial_date as d
from briefgen.graphics import text_width
from briefgen.graphics.timeline import (
    MAX_LABEL_W,
    TEXT_INSET,
    TEXT_SIZE,
    LabelBox,
    TimelineItem,
    render_timeline,
    timeline_layout,
)

SVG = "{http://www.w3.org/2000/svg}"

EXAMPLE = [
    TimelineItem(d("2023-05-19"), "Arab League summit in Jeddah"),
    TimelineItem(d("2011"), "Syrian uprising begins; Arab League suspends Syria"),
    TimelineItem(d("2022-12"), "Syrian and Turkish defence ministers meet in Moscow"),
    TimelineItem(d("2023-02-06"), "Earthquake in Turkey and Syria"),
    TimelineItem(d("2023-03-10"), "China-brokered Saudi–Iran deal to restore ties"),
    TimelineItem(d("2023-05-07"), "Arab League agrees to reinstate Syria"),
    TimelineItem(d("2023-05-10"), "Quadrilateral talks in Moscow"),
]
DENSE = [
    TimelineItem(d(f"2024-03-{day:02d}"), f"Event number {i + 1} with a fairly long description")
    for i, day in enumerate([1, 2, 4, 5, 8, 9, 12, 15, 16, 22, 28, 31])
]
SAME_DAY = [TimelineItem(d("2024-06-01"), f"Same-day statement number {i}") for i in range(6)]
LONG = [
    TimelineItem(d("2020-01"), "word " * 80),
    TimelineItem(d("2020-02"), "Supercalifragilisticexpialidocious" * 5),
    TimelineItem(d("2020-03-03"), "Short"),
]
CASES = {
    "example": (EXAMPLE, d("2023-05-10")),
    "dense": (DENSE, d("2024-03-20")),
    "same-day": (SAME_DAY, d("2024-06-01")),
    "long": (LONG, None),
    "decades": (
        [TimelineItem(d(str(y)), f"Event of {y}") for y in (1948, 1967, 1973, 1993, 2023)],
        None,
    ),
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def overlapping(boxes: list[LabelBox]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


# ----------------------------------------------------------------------------- order, position


def test_partial_dates_order_coarse_before_fine():
    items = [
        TimelineItem(d("2023-05-19"), "day"),
        TimelineItem(d("2023"), "year"),
        TimelineItem(d("2023-05"), "month"),
    ]
    root = parse(render_timeline(items))
    groups = [g.get("data-date") for g in root.iter(f"{SVG}g") if g.get("class") == "event"]
    assert groups == ["2023", "2023-05", "2023-05-19"]
    desc = root.find(f"{SVG}desc").text
    assert desc.index("2023: year") < desc.index("May 2023: month") < desc.index("19 May 2023: day")


def test_events_are_drawn_at_their_precision():
    items = [
        TimelineItem(d("2023"), "year"),
        TimelineItem(d("2023-05"), "month"),
        TimelineItem(d("2023-05-19"), "day"),
    ]
    root = parse(render_timeline(items))
    marks = {g.get("data-date"): g for g in root.iter(f"{SVG}g") if g.get("class") == "mark"}
    year = marks["2023"].find(f"{SVG}rect")
    month = marks["2023-05"].find(f"{SVG}rect")
    day = marks["2023-05-19"].find(f"{SVG}circle")
    assert year is not None and month is not None and day is not None
    y0, y1 = float(year.get("x")), float(year.get("x")) + float(year.get("width"))
    m0, m1 = float(month.get("x")), float(month.get("x")) + float(month.get("width"))
    cx = float(day.get("cx"))
    assert y0 < m0 < cx < m1 < y1  # the day inside its month, the month inside its year
    assert (m1 - m0) == pytest.approx((y1 - y0) * 31 / 365, rel=0.05)
    assert cx == pytest.approx(m0 + (m1 - m0) * 18.5 / 31, abs=0.2)  # midday of the 19th


def test_brief_date_is_marked():
    root = parse(render_timeline(EXAMPLE, brief_date=d("2023-05-10")))
    (brief,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "brief"]
    assert brief.get("data-date") == "2023-05-10"
    assert "This brief" in "".join(brief.itertext())
    assert root.find(f".//{SVG}path[@class='brief-mark']") is not None
    assert "This brief: 10 May 2023" in root.find(f"{SVG}desc").text


# ----------------------------------------------------------------------------- spacing


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("width", [640, 360])
def test_no_two_labels_overlap(name, width):
    items, brief = CASES[name]
    boxes = timeline_layout(items, brief_date=brief, width=width)
    assert len([b for b in boxes if b.kind != "tick"]) == len(items) + (brief is not None)
    assert overlapping(boxes) == []
    for box in boxes:
        assert box.x >= 0 and box.x + box.w <= width, box


def test_dense_month_of_twelve_events_stays_apart_and_compact():
    boxes = timeline_layout(DENSE, brief_date=d("2024-03-20"))
    events = [b for b in boxes if b.kind == "event"]
    assert len(events) == 12
    assert overlapping(boxes) == []
    root = parse(render_timeline(DENSE, brief_date=d("2024-03-20")))
    height = float(root.get("viewBox").split()[3])
    assert height < 640  # stacked, but not one row per event


def test_leaders_do_not_run_through_other_labels():
    for items, brief in (CASES["dense"], CASES["example"]):
        root = parse(render_timeline(items, brief_date=brief))
        boxes = [b for b in timeline_layout(items, brief_date=brief) if b.kind != "tick"]
        leaders = []
        for path in root.iter(f"{SVG}path"):
            if path.get("class") == "leader":
                x, y0, y1 = map(float, re.fullmatch(r"M(\S+) (\S+)V(\S+)", path.get("d")).groups())
                leaders.append((x, min(y0, y1), max(y0, y1)))
        assert len(leaders) == len(boxes)
        for x, top, bottom in leaders:
            for box in boxes:
                # The text of a label sits TEXT_INSET inside its box on the leader's side.
                text_left, text_right = box.x + TEXT_INSET - 1, box.x + box.w - TEXT_INSET + 1
                crosses = (
                    text_left < x < text_right and top < box.y + box.h - 1 and box.y + 1 < bottom
                )
                assert not crosses, (x, box.text)


def test_events_years_apart_break_the_axis_and_stay_readable():
    items = [
        TimelineItem(d("2011-03-15"), "Protests begin"),
        TimelineItem(d("2023-02-06"), "Earthquake"),
        TimelineItem(d("2023-05-10"), "Talks in Moscow"),
    ]
    root = parse(render_timeline(items))
    assert root.find(f".//{SVG}path[@class='axis-break']") is not None
    dots = {
        g.get("data-date"): float(g.find(f"{SVG}circle").get("cx"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "mark"
    }
    assert dots["2023-05-10"] - dots["2023-02-06"] > 150  # three months get real width
    assert overlapping(timeline_layout(items)) == []


def test_evenly_spread_years_keep_one_linear_axis():
    items = [TimelineItem(d(str(y)), str(y)) for y in (2011, 2015, 2019, 2023)]
    root = parse(render_timeline(items))
    assert root.find(f".//{SVG}path[@class='axis-break']") is None


def test_axis_has_readable_ticks():
    for items, brief in CASES.values():
        ticks = [b for b in timeline_layout(items, brief_date=brief) if b.kind == "tick"]
        assert len(ticks) >= 3
        assert [t.x for t in ticks] == sorted(t.x for t in ticks)
    ticks = [b.text for b in timeline_layout(DENSE) if b.kind == "tick"]
    assert any("2024" in t for t in ticks) and any("Mar" in t for t in ticks)


def test_long_labels_are_truncated_with_the_full_text_kept():
    root = parse(render_timeline(LONG))
    (group,) = [
        g
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "event" and g.get("data-date") == "2020-01"
    ]
    shown = [t.text for t in group.findall(f"{SVG}text")][1:]
    assert len(shown) == 2 and shown[-1].endswith("…")
    assert all(text_width(line, TEXT_SIZE) <= MAX_LABEL_W for line in shown)
    assert group.find(f"{SVG}title").text.endswith("word word")
    assert ("word " * 80).strip() in root.find(f"{SVG}desc").text


# ----------------------------------------------------------------------------- markup


def test_no_items_gives_none():
    assert render_timeline([]) is None
    assert timeline_layout([]) == []


def test_svg_is_accessible_xml():
    svg = render_timeline(EXAMPLE, brief_date=d("2023-05-10"), id_prefix="tl-1")
    root = parse(svg)
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("aria-labelledby").split() == ["tl-1-title", "tl-1-desc"]
    assert root.find(f"{SVG}title").get("id") == "tl-1-title"
    desc = root.find(f"{SVG}desc").text
    for item in EXAMPLE:
        assert item.label in desc
    for banned in ("foreignObject", "filter", "<style", "<script"):
        assert banned not in svg


def test_ids_are_unique_per_document():
    a = render_timeline(EXAMPLE, id_prefix="timeline-1")
    b = render_timeline(EXAMPLE, id_prefix="timeline-2")
    ids = re.findall(r'\bid="([^"]+)"', a + b)
    assert len(ids) == len(set(ids)) == 4


def test_hostile_text_is_escaped():
    evil = '<script>alert("x")</script> & "quoted" </text><text>'
    svg = render_timeline([TimelineItem(d("2024-01-02"), evil)], id_prefix='"><script>')
    assert "<script" not in svg
    root = parse(svg)
    assert evil in root.find(f"{SVG}desc").text
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "event"]
    assert evil in group.find(f"{SVG}title").text


# ----------------------------------------------------------------------------- width estimate

FONTS = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]


@pytest.mark.parametrize("path", FONTS)
def test_width_estimate_is_conservative(path):
    if not Path(path).exists():
        pytest.skip(f"{path} not installed")
    image_font = pytest.importorskip("PIL.ImageFont")
    font = image_font.truetype(path, 100)
    for text in [
        "Quadrilateral talks in Moscow",
        "WWW MMM mmm",
        "Côte d'Ivoire – Ögedei, São Tomé",
        "19 May 2023: 3.5 million refugees (approx.)",
        "This brief: 10 May 2023",
    ]:
        assert text_width(text, 100) >= font.getlength(text), text
