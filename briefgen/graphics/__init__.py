"""Pictures drawn at build time as inline SVG: a locator map and a timeline.

Both outputs (PDF through WeasyPrint, HTML in a browser) embed the same markup, so
the SVG sticks to what WeasyPrint renders: basic shapes, paths, text, patterns.
Text widths cannot be measured without the renderer, so layout uses the
conservative per-character estimate below (the widest of Noto Sans, DejaVu Sans
and Liberation Sans, rounded up): a label may end up a little loose, never overlapping.

Import the renderers from their modules (``briefgen.graphics.locator_map``,
``briefgen.graphics.timeline``); this module only holds what both share.
"""

from __future__ import annotations

import html
import re
import unicodedata

# "Briefgen Sans" is the bundled Noto Sans registered by the build's @font-face. No
# "Arial" here: with an unknown first family fontconfig then prefers Liberation Sans
# (Arial's metric twin) over Noto Sans, which the standalone SVG would show.
FONT_FAMILY = "'Briefgen Sans', 'Noto Sans', 'DejaVu Sans', sans-serif"

# Advance widths in em, rounded up to 0.05, of the widest of Noto Sans, DejaVu Sans and
# Liberation Sans (whichever a reader's system ends up using).
_REGULAR_GROUPS = (
    (0.30, "ijl'"),
    (0.35, "I,.:; "),
    (0.40, "ft()-/[\\]"),
    (0.45, "r!"),
    (0.50, 'J"`'),
    (0.55, "csz"),
    (0.60, "kvxyL*?_|"),
    (0.65, "abdeghnopquFT0123456789${}"),
    (0.70, "ABEKPSVXYZ"),
    (0.75, "CRU"),
    (0.80, "DGHNOQ&"),
    (0.85, "w#+<=>^~"),
    (0.95, "M"),
    (1.00, "mW%"),
    (1.05, "@"),
)
_BOLD_GROUPS = (
    (0.35, "ijl' "),
    (0.40, "I,.:;"),
    (0.45, "f-/\\"),
    (0.50, "rt!()[]`"),
    (0.55, '"*'),
    (0.60, "cszJ_|"),
    (0.65, "xL?"),
    (0.70, "aekovyEFT0123456789$"),
    (0.75, "bdghnpquCPSYZ{}"),
    (0.80, "ABKRVX"),
    (0.85, "DGHNU#+<=>^~"),
    (0.90, "OQ&"),
    (0.95, "w"),
    (1.00, "M@"),
    (1.05, "m%"),
    (1.15, "W"),
)
_REGULAR = {ch: width for width, chars in _REGULAR_GROUPS for ch in chars}
_BOLD = {ch: width for width, chars in _BOLD_GROUPS for ch in chars}
ELLIPSIS = "…"


def _char_em(ch: str, table: dict[str, float]) -> float:
    width = table.get(ch)
    if width is not None:
        return width
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05
    if unicodedata.combining(ch):
        return 0.0
    base = unicodedata.normalize("NFD", ch)[0]
    if base in table:  # é, ü, ç: as wide as their base letter, plus a little
        return table[base] + 0.05
    return 1.0  # unknown scripts and symbols: assume a full em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` at ``size`` px, estimated high so that laid-out labels never touch."""
    table = _BOLD if bold else _REGULAR
    return sum(_char_em(ch, table) for ch in text) * size


def truncate(text: str, size: float, max_width: float, *, bold: bool = False) -> str:
    """``text`` cut at a word (or character) with an ellipsis so it fits ``max_width``."""
    text = " ".join(text.split())
    if text_width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, size, bold=bold)
    table = _BOLD if bold else _REGULAR
    used = 0.0
    cut = 0
    for i, ch in enumerate(text):
        used += _char_em(ch, table) * size
        if used > budget:
            break
        cut = i + 1
    head = text[:cut]
    space = head.rfind(" ")
    if space > cut * 0.6:  # prefer a word boundary when it does not waste much room
        head = head[:space]
    return head.rstrip(" ,;:-–—") + ELLIPSIS


def esc(text: object) -> str:
    """Escape for SVG/HTML text and attributes: user YAML must never inject markup."""
    return html.escape(str(text), quote=True)


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_id_prefix(prefix: str, default: str) -> str:
    """An id prefix that is a valid XML name, so ``url(#…)`` references always resolve."""
    cleaned = _ID_UNSAFE.sub("-", prefix).strip("-")
    if not cleaned or not cleaned[0].isalpha():
        cleaned = f"{default}-{cleaned}" if cleaned else default
    return cleaned


def fmt(value: float) -> str:
    """A coordinate rounded to 0.1 SVG units, without a trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text
