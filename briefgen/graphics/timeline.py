"""Timeline graphic: a brief's dated events on a horizontal axis, as inline SVG.

Events sit at their precision: a day is a dot, a month or a year a bar spanning
that period. Labels never overlap: each goes to the first row, above or below
the axis, where neither it nor its leader line crosses another label (widths are
estimated high, see ``briefgen.graphics``). When events lie years apart, the
axis breaks (``//``) across the empty stretch, so a cluster of days next to a
lone event a decade earlier stays readable.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.dates import PartialDate, Precision
from briefgen.graphics import FONT_FAMILY, esc, fmt, safe_id_prefix, text_width, truncate

__all__ = ["LabelBox", "TimelineItem", "render_timeline", "timeline_layout"]

# Layout, in SVG units (px at width 640).
SIDE = 10.0  # margin left and right of the axis
BREAK_W = 18.0  # room for a break mark between axis segments
MIN_SEGMENT_W = 80.0
DATE_SIZE = 9.0
TEXT_SIZE = 9.5
TICK_SIZE = 8.5
LINE = 1.25  # line height, in font sizes
PAD = 2.0  # inside a label box
LEADER_OFFSET = 1.0  # the leader runs this far inside the label box's edge
TEXT_INSET = 4.5  # from the box edge on the leader's side to the text
GAP_X = 6.0  # between label boxes in a row
GAP_Y = 4.0  # between rows
FIRST_ROW = 12.0  # from the axis to the nearest label row above
TICK_BAND = 17.0  # below the axis: ticks and their labels
MAX_LABEL_W = 130.0  # event text wraps to two lines of this width, then ends in "…"
MAX_LINES = 2

# A gap between events becomes an axis break when it is at least this share of the
# remaining span (and at least MIN_BREAK_DAYS long); at most MAX_BREAKS of them.
BREAK_SHARE = 0.4
MIN_BREAK_DAYS = 90
MAX_BREAKS = 3
MIN_SEGMENT_DAYS = 30.0

INK = "#1d1d1b"
MUTED_INK = "#6d675d"
AXIS = "#6d675d"
DOT = "#8a4b24"
MONTH_BAR = "#c08358"
YEAR_BAR = "#e8d2bd"
BRIEF = "#1d1d1b"


@dataclass(frozen=True)
class TimelineItem:
    """One dated event; ``label`` is plain text (the caller strips Markdown)."""

    date: PartialDate
    label: str


@dataclass(frozen=True)
class LabelBox:
    """Where a piece of text sits (top-left corner, size), for tests and callers."""

    x: float
    y: float
    w: float
    h: float
    text: str
    kind: str = "event"  # "event", "brief" or "tick"

    def overlaps(self, other: LabelBox) -> bool:
        return not (
            self.x + self.w <= other.x
            or other.x + other.w <= self.x
            or self.y + self.h <= other.y
            or other.y + other.h <= self.y
        )


# --------------------------------------------------------------------------- time scale


def _span(date: PartialDate) -> tuple[float, float]:
    """[start, end) of a date in days (proleptic ordinals)."""
    return float(date.start().toordinal()), float(date.end().toordinal() + 1)


@dataclass(frozen=True)
class _Segment:
    t0: float
    t1: float
    x0: float
    x1: float

    def x(self, t: float) -> float:
        return self.x0 + (t - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0)


def _segments(spans: list[tuple[float, float]], width: float) -> list[_Segment]:
    """Split time into linear pieces across long empty stretches; give each its width."""
    spans = sorted(spans)
    clusters: list[list[float]] = []
    for start, end in spans:
        if clusters and start <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], end)
        else:
            clusters.append([start, end])
    # Gaps between clusters, broken largest first while each is a large share of what is left.
    gaps = sorted(
        ((clusters[i + 1][0] - clusters[i][1], i) for i in range(len(clusters) - 1)),
        reverse=True,
    )
    remaining = clusters[-1][1] - clusters[0][0]
    breaks: set[int] = set()
    for gap, i in gaps:
        if len(breaks) >= MAX_BREAKS or gap < MIN_BREAK_DAYS or gap < BREAK_SHARE * remaining:
            break
        breaks.add(i)
        remaining -= gap
    pieces: list[list[float]] = [list(clusters[0])]
    for i in range(len(clusters) - 1):
        if i in breaks:
            pieces.append(list(clusters[i + 1]))
        else:
            pieces[-1][1] = clusters[i + 1][1]
    # Pad each piece so its ends breathe and a lone day still has context around it.
    for piece in pieces:
        duration = piece[1] - piece[0]
        pad = max(duration * 0.04, 2.0, (MIN_SEGMENT_DAYS - duration) / 2)
        piece[0] -= pad
        piece[1] += pad
    for a, b in itertools.pairwise(pieces):  # padding must not make pieces overlap
        if a[1] > b[0]:
            a[1] = b[0] = (a[1] + b[0]) / 2
    available = width - 2 * SIDE - BREAK_W * (len(pieces) - 1)
    # Width grows with a piece's duration and with how many events it must hold.
    counts = [sum(1 for start, _ in spans if p[0] <= start < p[1]) or 1 for p in pieces]
    weights = [math.sqrt((p[1] - p[0]) * n) for p, n in zip(pieces, counts, strict=True)]
    widths = _share(weights, available, MIN_SEGMENT_W)
    segments: list[_Segment] = []
    x = SIDE
    for (t0, t1), w in zip(pieces, widths, strict=True):
        segments.append(_Segment(t0, t1, x, x + w))
        x += w + BREAK_W
    return segments


def _share(weights: list[float], total: float, minimum: float) -> list[float]:
    """Split ``total`` in proportion to ``weights``, giving every part at least ``minimum``."""
    if len(weights) == 1:
        return [total]
    minimum = min(minimum, total / len(weights))
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        rest = total - sum(fixed.values())
        weight = sum(weights[i] for i in free) or 1.0
        shares = {i: rest * weights[i] / weight for i in free}
        small = [i for i, s in shares.items() if s < minimum]
        if not small:
            return [fixed.get(i, shares.get(i, 0.0)) for i in range(len(weights))]
        for i in small:
            fixed[i] = minimum


class _Scale:
    def __init__(self, segments: list[_Segment]) -> None:
        self.segments = segments

    def x(self, t: float) -> float:
        for seg in self.segments:
            if t <= seg.t1:
                return seg.x(max(t, seg.t0))
        last = self.segments[-1]
        return last.x(last.t1)


# --------------------------------------------------------------------------- ticks


def _month_label(year: int, month: int, with_year: bool) -> str:
    abbr = calendar.month_abbr[month]
    return f"{abbr} {year}" if with_year or month == 1 else abbr


def _ticks(seg: _Segment) -> list[tuple[float, str]]:
    """(time, label) ticks for one segment, the finest whose labels do not touch."""
    start = _dt.date.fromordinal(math.ceil(seg.t0))
    end = _dt.date.fromordinal(math.floor(seg.t1) - 1)
    px_per_day = (seg.x1 - seg.x0) / (seg.t1 - seg.t0)
    candidates: list[list[tuple[float, str]]] = []
    narrowest = text_width("1 May", TICK_SIZE) + 8  # no tick label is narrower
    for days, closest in (((1,), 1), ((1, 5, 10, 15, 20, 25), 4), ((1, 10, 20), 9), ((1, 15), 14)):
        if closest * px_per_day < narrowest:
            continue
        ticks: list[tuple[float, str]] = []
        day = start
        while day <= end:
            if len(days) == 1 or day.day in days:
                first = not ticks
                label = f"{day.day} {calendar.month_abbr[day.month]}"
                if first or (day.month == 1 and day.day == 1):
                    label += f" {day.year}"
                ticks.append((day.toordinal() + 0.5, label))
            day += _dt.timedelta(days=1)
            if len(ticks) > 200:
                break
        candidates.append(ticks)
    for step in (1, 2, 3, 6):
        if step * 28 * px_per_day < narrowest:
            continue
        ticks = []
        year, month = start.year, start.month
        if start.day != 1:
            month += 1
        while True:
            year += (month - 1) // 12
            month = (month - 1) % 12 + 1
            when = _dt.date(year, month, 1)
            if when > end:
                break
            if (month - 1) % step == 0:
                ticks.append((float(when.toordinal()), _month_label(year, month, not ticks)))
            month += 1
            if len(ticks) > 200:
                break
        candidates.append(ticks)
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        ticks = []
        first_year = start.year + (0 if (start.month, start.day) == (1, 1) else 1)
        for year in range(first_year, end.year + 1):
            if year % step == 0:
                ticks.append((float(_dt.date(year, 1, 1).toordinal()), str(year)))
        candidates.append(ticks)
    for ticks in candidates:
        if len(ticks) > 200 or not ticks:
            continue
        xs = [seg.x0 + (t - seg.t0) * px_per_day for t, _ in ticks]
        ws = [text_width(label, TICK_SIZE) for _, label in ticks]
        if all(
            xs[i + 1] - xs[i] >= (ws[i] + ws[i + 1]) / 2 + 8 for i in range(len(ticks) - 1)
        ) and (len(ticks) >= 2 or (seg.x1 - seg.x0) < 2.5 * max(ws)):
            return ticks
    # Nothing spaced enough (a very narrow segment): one label at its start, if any.
    coarse = next((c for c in reversed(candidates) if c), [])
    return coarse[:1]


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Event:
    index: int
    item: TimelineItem
    t0: float
    t1: float
    date_text: str
    lines: tuple[str, ...]  # the label wrapped, the last line truncated if need be

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    kind: str  # "event" or "brief"


@dataclass(frozen=True)
class _Placed:
    event: _Event
    x: float  # where the leader meets the axis
    side: int  # -1 above, +1 below
    row: int
    box: LabelBox
    flipped: bool  # text ends at the leader instead of starting there


@dataclass(frozen=True)
class _Slot:
    """A label box and the horizontal extent of its text (leaders may pass the margins)."""

    box: LabelBox
    text_x0: float
    text_x1: float


@dataclass(frozen=True)
class _Layout:
    width: float
    height: float
    axis_y: float
    scale: _Scale
    placed: list[_Placed]
    ticks: list[tuple[float, str, LabelBox]]  # x, label, box


def _date_text(date: PartialDate, one_year: bool) -> str:
    if date.precision is Precision.DAY:
        short = f"{date.day} {calendar.month_abbr[date.month]}"
        return short if one_year else f"{short} {date.year}"
    return date.short_display()


def _label_height(event: _Event) -> float:
    return DATE_SIZE * LINE + TEXT_SIZE * LINE * len(event.lines) + 2 * PAD


def _label_width(event: _Event) -> float:
    widths = [text_width(event.date_text, DATE_SIZE, bold=True)]
    widths += [text_width(line, TEXT_SIZE) for line in event.lines]
    return max(widths) + TEXT_INSET + PAD


def _events(
    items: Sequence[TimelineItem], brief_date: PartialDate | None, max_label: float
) -> list[_Event]:
    order = sorted(range(len(items)), key=lambda i: (items[i].date, i))
    years = {items[i].date.year for i in order}
    if brief_date is not None:
        years.add(brief_date.year)
    one_year = len(years) == 1
    events: list[_Event] = []
    if brief_date is not None:
        t0, t1 = _span(brief_date)
        date_text = f"This brief: {_date_text(brief_date, one_year)}"
        item = TimelineItem(brief_date, "This brief")
        events.append(_Event(-1, item, t0, t1, date_text, (), "brief"))
    for i in order:
        item = items[i]
        t0, t1 = _span(item.date)
        lines = _wrap(item.label, max_label - TEXT_INSET - PAD)
        events.append(_Event(i, item, t0, t1, _date_text(item.date, one_year), lines, "event"))
    return events


def _wrap(text: str, max_width: float) -> tuple[str, ...]:
    """Greedy word wrap into at most MAX_LINES lines; the last one ends in "…" if cut."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < MAX_LINES:
        if len(lines) == MAX_LINES - 1:
            lines.append(truncate(" ".join(words), TEXT_SIZE, max_width))
            break
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", TEXT_SIZE) <= max_width:
            line = f"{line} {words.pop(0)}"
        lines.append(truncate(line, TEXT_SIZE, max_width))
    return tuple(lines)


def _layout(
    items: Sequence[TimelineItem], brief_date: PartialDate | None, width: float
) -> _Layout | None:
    if not items:
        return None
    max_label = min(MAX_LABEL_W, max(60.0, (width - 2 * SIDE) * 0.45))
    events = _events(items, brief_date, max_label)
    scale = _Scale(_segments([(e.t0, e.t1) for e in events], width))

    # Each label goes to the nearest row (above or below the axis) where it overlaps
    # no label and no leader line runs through its text. Labels left of a split
    # point start at their leader and extend rightwards; labels right of it end at
    # their leader (so they stay inside the graphic). Placing outwards from the
    # split, a cluster of events forms a staircase instead of piling up.
    rows: dict[tuple[int, int], list[_Slot]] = {}  # (side, row) → slots, axis at y = 0
    leaders: dict[int, list[tuple[float, int]]] = {-1: [], 1: []}  # side → (x, row)
    placed: list[_Placed] = []
    for n, (x, event, orientations) in enumerate(_placing_order(events, scale, width)):
        w, h = _label_width(event), _label_height(event)
        text = event.text or event.date_text
        sides = (-1, 1) if n % 2 == 0 else (1, -1)
        deepest = max((k for _, k in rows), default=-1) + 1
        fitted: tuple[int, int, _Slot, bool] | None = None
        # Strictly first (no leader through any text); if a pathological pile-up
        # leaves no such row, settle for labels that merely do not overlap.
        for strict in (True, False):
            for level in range(deepest + 1 if strict else deepest + 2):
                for side in sides:
                    y = _row_y(side, level, rows, h)
                    for flip in orientations:
                        slot = _slot(LabelBox(0.0, y, w, h, text, event.kind), x, flip, width)
                        if _fits(slot, x, side, level, rows, leaders, strict=strict):
                            fitted = (side, level, slot, bool(flip))
                            break
                    if fitted:
                        break
                if fitted:
                    break
            if fitted:
                break
        assert fitted is not None  # a new row beyond all others always fits
        side, level, slot, flipped = fitted
        rows.setdefault((side, level), []).append(slot)
        leaders[side].append((x, level))
        placed.append(_Placed(event, x, side, level, slot.box, flipped))
    placed.sort(key=lambda p: (p.event.t0, p.event.kind != "brief", p.event.index))

    # Ticks below the axis, kept apart from each other and from the leaders that
    # run down through the tick band to labels below.
    ticks: list[tuple[float, str, LabelBox]] = []
    below = [x for x, _ in leaders[1]]
    for seg in scale.segments:
        need_year = True  # the first label shown in each piece says which year it is
        for t, label in _ticks(seg):
            if need_year and not any(p.isdigit() and len(p) == 4 for p in label.split()):
                label = f"{label} {_dt.date.fromordinal(int(t)).year}"
            x = seg.x(t)
            w = text_width(label, TICK_SIZE)
            box = LabelBox(x - w / 2, 5.0, w, TICK_SIZE * LINE, label, "tick")
            if box.x < 0 or box.x + box.w > width:
                continue
            if ticks and box.x < ticks[-1][2].x + ticks[-1][2].w + 6:
                continue
            if any(box.x - 2 <= lx <= box.x + box.w + 2 for lx in below):
                continue
            ticks.append((x, label, box))
            need_year = False

    top = min([b.y for b in (p.box for p in placed)] + [-10.0])
    bottom = max([b.y + b.h for b in (p.box for p in placed)] + [TICK_BAND])
    shift = -top + 3.0
    placed = [_Placed(p.event, p.x, p.side, p.row, _moved(p.box, shift), p.flipped) for p in placed]
    ticks = [(x, label, _moved(box, shift)) for x, label, box in ticks]
    return _Layout(width, bottom - top + 6.0, shift, scale, placed, ticks)


def _moved(box: LabelBox, dy: float) -> LabelBox:
    return LabelBox(box.x, box.y + dy, box.w, box.h, box.text, box.kind)


def _row_y(side: int, level: int, rows: dict[tuple[int, int], list[_Slot]], h: float) -> float:
    """Top of a label box in a row; rows are as tall as their tallest label."""
    if side < 0:
        y = -FIRST_ROW
        for k in range(level):
            y -= max((sl.box.h for sl in rows.get((side, k), [])), default=h) + GAP_Y
        return y - h
    y = TICK_BAND + 4.0
    for k in range(level):
        y += max((sl.box.h for sl in rows.get((side, k), [])), default=h) + GAP_Y
    return y


def _placing_order(
    events: list[_Event], scale: _Scale, width: float
) -> list[tuple[float, _Event, list[bool | None]]]:
    """(x, event, orientations to try) in the order labels are placed.

    The split goes in the widest gap between events that is right of every label
    that cannot end at its leader and left of every label that cannot start there.
    Without labels forced to the left, nothing is flipped.
    """
    xs = [(scale.x((e.t0 + e.t1) / 2), e) for e in events]
    widths = {id(e): _label_width(e) for e in events}
    must_flip = [x for x, e in xs if x - LEADER_OFFSET + widths[id(e)] > width - 1.0]
    cannot_flip = [x for x, e in xs if x + LEADER_OFFSET - widths[id(e)] < 1.0]
    tie = lambda pair: (pair[1].kind != "brief", pair[1].index)  # noqa: E731
    if not must_flip:
        return [(x, e, [False]) for x, e in sorted(xs, key=lambda p: (-p[0], *tie(p)))]
    low = max(cannot_flip, default=min(x for x, _ in xs))
    high = min(must_flip)
    if low > high:  # too narrow for a clean split: try both ways, right to left
        order = sorted(xs, key=lambda p: (-p[0], *tie(p)))
        return [(x, e, [False, True]) for x, e in order]
    stops = sorted({low, high, *(x for x, _ in xs if low < x < high)})
    gap, split = max(((b - a, (a + b) / 2) for a, b in itertools.pairwise(stops)), default=(0, low))
    if gap == 0:
        split = low
    return [(x, e, [x > split]) for x, e in sorted(xs, key=lambda p: (abs(p[0] - split), *tie(p)))]


def _slot(box: LabelBox, x: float, flip: bool | None, width: float) -> _Slot:
    """Put ``box`` beside the leader at ``x``: text from it (False), to it (True), or clamped."""
    w = box.w
    if flip is None:
        bx = max(1.0, min(x - LEADER_OFFSET, width - 1.0 - w))
    elif flip:
        bx = x + LEADER_OFFSET - w
    else:
        bx = x - LEADER_OFFSET
    placed = LabelBox(bx, box.y, w, box.h, box.text, box.kind)
    if flip:
        return _Slot(placed, bx + PAD, bx + w - TEXT_INSET)
    return _Slot(placed, bx + TEXT_INSET, bx + w - PAD)


def _fits(
    slot: _Slot,
    x: float,
    side: int,
    level: int,
    rows: dict[tuple[int, int], list[_Slot]],
    leaders: dict[int, list[tuple[float, int]]],
    *,
    strict: bool = True,
) -> bool:
    """No overlap with any label; if strict, no leader runs through text, ours or others'."""
    box = slot.box
    padded = LabelBox(box.x - GAP_X / 2, box.y, box.w + GAP_X, box.h, box.text)
    for (s, k), slots in rows.items():
        if s != side:
            continue
        for other in slots:
            if padded.overlaps(other.box):  # same row, or a row pushed out by a taller label
                return False
            if strict and k < level and other.text_x0 - 1 <= x <= other.text_x1 + 1:
                return False  # our leader would run through a nearer label's text
    if strict:
        for lx, k in leaders[side]:
            if k > level and slot.text_x0 - 1 <= lx <= slot.text_x1 + 1:
                return False  # a farther label's leader would run through our text
    return True


def timeline_layout(
    items: Sequence[TimelineItem],
    *,
    brief_date: PartialDate | None = None,
    width: int = 640,
) -> list[LabelBox]:
    """Every text box of the timeline (event labels, "this brief", tick labels), in SVG units."""
    layout = _layout(items, brief_date, float(width))
    if layout is None:
        return []
    return [p.box for p in layout.placed] + [box for _, _, box in layout.ticks]


# --------------------------------------------------------------------------- render


def render_timeline(
    items: Sequence[TimelineItem],
    *,
    brief_date: PartialDate | None = None,
    id_prefix: str = "timeline",
    width: int = 640,
) -> str | None:
    """Inline <svg>; None when there are no items."""
    layout = _layout(items, brief_date, float(width))
    if layout is None:
        return None
    pid = safe_id_prefix(id_prefix, "timeline")
    W, H, axis_y = layout.width, layout.height, layout.axis_y
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefgen-timeline" '
        f'viewBox="0 0 {fmt(W)} {fmt(H)}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-labelledby="{pid}-title {pid}-desc" '
        f'font-family="{esc(FONT_FAMILY)}">',
        f'<title id="{pid}-title">Timeline</title>',
        f'<desc id="{pid}-desc">{esc(_desc(items, brief_date))}</desc>',
    ]
    # Axis, broken between segments.
    segments = layout.scale.segments
    out.append(f'<g class="axis" stroke="{AXIS}" stroke-width="1" fill="none">')
    for i, seg in enumerate(segments):
        out.append(f'<path d="M{fmt(seg.x0)} {fmt(axis_y)}H{fmt(seg.x1)}"/>')
        if i + 1 < len(segments):
            mid = (seg.x1 + segments[i + 1].x0) / 2
            out.append(
                f'<path class="axis-break" d="M{fmt(mid - 5)} {fmt(axis_y + 5)}l4-10'
                f'M{fmt(mid + 1)} {fmt(axis_y + 5)}l4-10"/>'
            )
    for x, _, _ in layout.ticks:
        out.append(f'<path d="M{fmt(x)} {fmt(axis_y)}v4"/>')
    out.append("</g>")
    out.append(f'<g class="ticks" font-size="{fmt(TICK_SIZE)}" fill="{MUTED_INK}">')
    for x, label, box in layout.ticks:
        out.append(
            f'<text x="{fmt(x)}" y="{fmt(_baseline(box.y, TICK_SIZE))}" text-anchor="middle">'
            f"{esc(label)}</text>"
        )
    out.append("</g>")
    # Bars (months, years) under the dots (days), leaders under both.
    glyphs: list[str] = []
    labels: list[str] = []
    for p in layout.placed:
        ev = p.event
        box = p.box
        edge = box.y + box.h if p.side < 0 else box.y
        leader = (
            f'<path class="leader" d="M{fmt(p.x)} {fmt(axis_y + 4 * p.side)}V{fmt(edge)}" '
            f'stroke="#aaa397" stroke-width="0.6"/>'
        )
        if p.flipped:
            text_x, anchor = box.x + box.w - TEXT_INSET, ' text-anchor="end"'
        else:
            text_x, anchor = box.x + TEXT_INSET, ""
        first_base = _baseline(box.y + PAD, DATE_SIZE)
        if ev.kind == "brief":
            glyph = (
                f'<path class="brief-mark" d="M{fmt(p.x)} {fmt(axis_y - 7)}V{fmt(axis_y + 7)}" '
                f'stroke="{BRIEF}" stroke-width="2"/>'
            )
            labels.append(
                f'<g class="brief" data-date="{esc(ev.item.date.iso())}">{leader}'
                f'<text x="{fmt(text_x)}" y="{fmt(first_base)}"{anchor} '
                f'font-size="{fmt(DATE_SIZE)}" font-weight="bold" fill="{INK}">'
                f"{esc(ev.date_text)}</text></g>"
            )
            glyphs.append(glyph)
            continue
        x0, x1 = layout.scale.x(ev.t0), layout.scale.x(ev.t1)
        if ev.item.date.precision is Precision.DAY:
            glyph = (
                f'<circle cx="{fmt(p.x)}" cy="{fmt(axis_y)}" r="3.2" fill="{DOT}" '
                f'stroke="#ffffff" stroke-width="0.8"/>'
            )
        else:
            if x1 - x0 < 3:
                x0, x1 = p.x - 1.5, p.x + 1.5
            # A year is a pale band, a month a darker bar on it: the finer the
            # date, the stronger its mark, as a dot for a day is strongest.
            year = ev.item.date.precision is Precision.YEAR
            half = 3.0 if year else 3.5
            glyph = (
                f'<rect x="{fmt(x0)}" y="{fmt(axis_y - half)}" width="{fmt(x1 - x0)}" '
                f'height="{fmt(2 * half)}" fill="{YEAR_BAR if year else MONTH_BAR}" '
                f'stroke="{DOT}" stroke-width="{0.5 if year else 0.7}"/>'
            )
        first_line = box.y + PAD + DATE_SIZE * LINE
        body = "".join(
            f'<text x="{fmt(text_x)}" '
            f'y="{fmt(_baseline(first_line + k * TEXT_SIZE * LINE, TEXT_SIZE))}"'
            f'{anchor} font-size="{fmt(TEXT_SIZE)}" fill="{INK}">{esc(line)}</text>'
            for k, line in enumerate(ev.lines)
        )
        full = " ".join(ev.item.label.split())
        labels.append(
            f'<g class="event" data-date="{esc(ev.item.date.iso())}">'
            f"<title>{esc(ev.item.date.display())}: {esc(full)}</title>{leader}"
            f'<text x="{fmt(text_x)}" y="{fmt(first_base)}"{anchor} font-size="{fmt(DATE_SIZE)}" '
            f'font-weight="bold" fill="{INK}">{esc(ev.date_text)}</text>'
            f"{body}</g>"
        )
        glyphs.append(
            f'<g class="mark" data-date="{esc(ev.item.date.iso())}" '
            f'data-precision="{ev.item.date.precision.name.lower()}">{glyph}</g>'
        )
    # Coarser marks first, so a month's bar sits on its year and a day's dot on top.
    glyphs.sort(key=lambda g: 0 if 'precision="year"' in g else 1 if "<rect" in g else 2)
    out.append('<g class="labels">' + "".join(labels) + "</g>")
    out.append('<g class="marks">' + "".join(glyphs) + "</g>")
    out.append("</svg>")
    return "".join(out)


def _baseline(top: float, size: float) -> float:
    """Baseline of a line of text whose line box starts at ``top``."""
    return top + size * (LINE - 1) / 2 + size * 0.8


def _desc(items: Sequence[TimelineItem], brief_date: PartialDate | None) -> str:
    order = sorted(range(len(items)), key=lambda i: (items[i].date, i))
    parts = [f"{items[i].date.display()}: {' '.join(items[i].label.split())}" for i in order]
    text = f"Timeline of {len(items)} event{'s' if len(items) != 1 else ''}. " + "; ".join(parts)
    text += "."
    if brief_date is not None:
        text += f" This brief: {brief_date.display()}."
    return text
