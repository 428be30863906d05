"""Write a fact sheet as YAML a person would have written: block style, comments, wrapped text.

PyYAML's dumper cannot place comments, so this small emitter does it. It quotes every
scalar that YAML 1.1 or 1.2 might read as something else (``NO``, ``yes``, ``1:30``,
``2023-05``), keeps Unicode as written and wraps long text as block scalars.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.dates import PartialDate

WIDTH = 88


class Markdown(str):
    """Text rendered as Markdown: long values become ``|`` block scalars."""


class Verbatim(str):
    """Text that must stay word for word (a quote): long values become ``>-`` folded scalars."""


@dataclass(frozen=True)
class Commented:
    """A mapping value with a one-line guide written above its key."""

    value: object
    comment: str


_YAML11_WORDS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|=|<<)$"
)
_NUMBER_LIKE = re.compile(
    r"^[-+]?(?:0[xXoObB][0-9a-fA-F_]+|\.?[0-9][0-9_:.,eE+-]*|\.(?:inf|Inf|INF|nan|NaN|NAN))$"
)
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?(?:[Tt ].*)?$")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def needs_quotes(text: str) -> bool:
    """True when a plain scalar would not read back as this exact string."""
    if not text or text != text.strip() or "\n" in text:
        return True
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return True
    if _YAML11_WORDS.match(text) or _NUMBER_LIKE.match(text) or _DATE_LIKE.match(text):
        return True
    if any(ord(ch) < 32 or ch in "\x7f\ufeff\u2028\u2029\x85" for ch in text):
        return True
    return "\t" in text


def quote(text: str) -> str:
    """A double-quoted scalar; only backslash, quote and control characters are escaped."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ch in "\x7f\x85\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value: object) -> str:
    """A one-line YAML scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return quote(text) if needs_quotes(text) else text


def _block(value: str, indent: int, head: int) -> list[str] | None:
    """Lines of a block scalar for a long or multi-line string, or None if it fits on a line.

    ``head`` is the width of what precedes the value on its line (``  key: ``).
    """
    room = WIDTH - indent
    folded = isinstance(value, Verbatim)
    single_line = "\n" not in value.strip()
    if single_line and head + len(scalar(value)) <= WIDTH:
        return None
    if any(ord(ch) < 32 and ch != "\n" for ch in value) or value != value.lstrip():
        return None
    pad = " " * indent
    if folded or not isinstance(value, Markdown):
        if not single_line or "  " in value:
            return None
        lines = textwrap.wrap(value, room, break_long_words=False, break_on_hyphens=False)
        return [">-"] + [pad + line for line in lines]
    out = ["|"]
    for k, paragraph in enumerate(value.strip().split("\n\n")):
        if k:
            out.append("")
        for line in paragraph.split("\n"):
            wrapped = textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False)
            out.extend(pad + w for w in wrapped or [""])
    return out


def _is_scalar(value: object) -> bool:
    return not isinstance(value, Mapping | list | tuple)


def _emit_mapping(data: Mapping[str, object], indent: int, out: list[str], top: bool) -> None:
    pad = " " * indent
    first = True
    for key, value in data.items():
        comment = None
        if isinstance(value, Commented):
            value, comment = value.value, value.comment
        if value is None and not comment:
            continue
        if top and not first:
            out.append("")
        first = False
        if comment:
            out.extend(f"{pad}# {line}".rstrip() for line in comment.split("\n"))
        if value is None:
            continue
        _emit_entry(f"{pad}{scalar(key)}:", value, indent, out)


def _emit_entry(head: str, value: object, indent: int, out: list[str]) -> None:
    """``head`` is ``key:`` or ``-``; the value follows on the line or below it."""
    if isinstance(value, Mapping):
        if not value:
            out.append(f"{head} {{}}")
            return
        out.append(head)
        _emit_mapping(value, indent + 2, out, top=False)
        return
    if isinstance(value, list | tuple):
        if not value:
            out.append(f"{head} []")
            return
        out.append(head)
        _emit_sequence(value, indent + 2, out)
        return
    if isinstance(value, str):
        block = _block(value, indent + 2, len(head) + 1)
        if block:
            out.append(f"{head} {block[0]}")
            out.extend(block[1:])
            return
    out.append(f"{head} {scalar(value)}")


def _emit_sequence(items: Sequence[object], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, Commented):
            out.append(f"{pad}# {item.comment}")
            item = item.value
        if isinstance(item, Mapping) and item:
            lines: list[str] = []
            _emit_mapping(item, indent + 2, lines, top=False)
            first = lines[0]
            out.append(f"{pad}- {first[indent + 2 :]}")
            out.extend(lines[1:])
        else:
            _emit_entry(f"{pad}-", item, indent, out)


def dump_document(data: Mapping[str, object], header: Sequence[str] = ()) -> str:
    """The whole fact sheet as YAML text, with a header comment."""
    out = [f"# {line}".rstrip() for line in header]
    if out:
        out.append("")
    _emit_mapping(data, 0, out, top=True)
    return "\n".join(out) + "\n"
