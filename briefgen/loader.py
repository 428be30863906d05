"""Safe YAML loading with YAML 1.2 scalar meaning and the line/column of every value kept.

PyYAML follows YAML 1.1 by default (``NO`` is ``False``, ``1:30`` is 90) and
silently keeps the last of two duplicate keys; both lose an analyst's data.
We only *compose* the document (PyYAML builds nodes, never Python objects from
tags) and convert the nodes ourselves, so no tag can run code, aliases can be
bounded, and every value remembers where it was written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import Problem

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_NODES = 100_000
# A brief is about six levels deep; anything far deeper is a mistake or an attack,
# and Python's recursion limit must never surface as a traceback.
MAX_DEPTH = 100

Key = str | int
NodePath = tuple[Key, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class _Yaml12Loader(yaml.SafeLoader):
    """Composer-only loader whose implicit resolvers follow the YAML 1.2 core schema."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789")),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
):
    _Yaml12Loader.add_implicit_resolver(_tag, _regexp, _first)

# libyaml composes the same nodes (tags, values, marks) about 15 times faster. It is used
# only where it cannot differ from the pure-Python composer: no tabs (the one input the two
# disagree on), and a nesting bound so its unchecked C recursion cannot overflow the stack.
# Any error is reported by composing again in Python, so messages stay the same.
_LIBYAML_MAX_NESTING = 5_000
if getattr(yaml, "__with_libyaml__", False):

    class _Yaml12CLoader(yaml.CSafeLoader):
        """The same composer-only YAML 1.2 loader on top of libyaml."""

    _Yaml12CLoader.yaml_implicit_resolvers = _Yaml12Loader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _Yaml12CLoader = None  # type: ignore[assignment,misc]


def _compose(text: str) -> yaml.Node | None:
    # Nesting needs one of these characters per level, so their count bounds the depth.
    if (
        _Yaml12CLoader is not None
        and "\t" not in text
        and sum(text.count(c) for c in "[{-:?") < _LIBYAML_MAX_NESTING
    ):
        fast = _Yaml12CLoader(text)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            pass  # compose again below, for the pure-Python composer's own message
        finally:
            fast.dispose()
    loader = _Yaml12Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Mark:
    """Where a value was written: 1-based line and column."""

    line: int
    col: int


@dataclass
class LoadedYaml:
    """A parsed YAML document: plain Python data plus the location of every value and key."""

    path: Path
    display: str
    data: Any
    text: str
    values: dict[NodePath, Mark] = field(default_factory=dict)
    keys: dict[NodePath, Mark] = field(default_factory=dict)
    styles: dict[NodePath, str] = field(default_factory=dict)
    rejected: set[NodePath] = field(default_factory=set)
    """Paths whose value was refused by the loader: later checks stay quiet about them."""

    def mark(self, path: NodePath) -> Mark:
        """The best location for a node path: its value, else its key, else its nearest parent."""
        path = tuple(path)
        while True:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]

    def key_mark(self, path: NodePath) -> Mark:
        """The location of the key that holds ``path`` (falls back to the value)."""
        return self.keys.get(tuple(path)) or self.mark(path)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass
class LoadResult:
    document: LoadedYaml | None
    problems: list[Problem]


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Turns composed nodes into plain data, recording locations and problems."""

    def __init__(self, display: str, max_nodes: int) -> None:
        self.display = display
        self.max_nodes = max_nodes
        self.visited = 0
        self.too_big = False
        self.too_deep = False
        self.values: dict[NodePath, Mark] = {}
        self.keys: dict[NodePath, Mark] = {}
        self.styles: dict[NodePath, str] = {}
        self.rejected: set[NodePath] = set()
        self.problems: list[Problem] = []

    def problem(self, mark: Mark, message: str, hint: str, code: str) -> None:
        self.problems.append(
            Problem(self.display, mark.line, mark.col, "error", message, hint, code)
        )

    def check_tag(self, node: yaml.Node) -> bool:
        tag = node.tag or ""
        if tag in _STANDARD_TAGS:
            return True
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            _mark(node),
            f"the tag `{shown}` is not allowed",
            "fact sheets are plain YAML; remove the tag and write the value as text",
            "yaml-tag",
        )
        return False

    def convert(self, node: yaml.Node, path: NodePath) -> Any:
        if self.too_big or self.too_deep:
            return None
        if len(path) > MAX_DEPTH:
            self.too_deep = True
            self.problem(
                _mark(node),
                f"the document is nested more than {MAX_DEPTH} levels deep",
                "a fact sheet needs only a few levels: check the indentation and brackets",
                "yaml-too-deep",
            )
            return None
        self.visited += 1
        if self.visited > self.max_nodes:
            self.too_big = True
            self.problem(
                _mark(node),
                f"the document expands to more than {self.max_nodes:,} values "
                "(anchors and aliases repeated too often)",
                "write the values out instead of nesting aliases",
                "yaml-too-large",
            )
            return None
        self.values.setdefault(path, _mark(node))
        if not self.check_tag(node):
            self.rejected.add(path)
            return None
        if isinstance(node, yaml.ScalarNode):
            self.styles[path] = node.style or ""
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def mapping(self, node: yaml.MappingNode, path: NodePath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node)
            if not self.check_tag(key_node):
                continue  # a tagged key (`? !!python/tuple [a, b]`) is named by its tag
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_mark,
                    "a key must be plain text, not a list or mapping",
                    "write the key as a single word",
                    "yaml-complex-key",
                )
                continue
            # Keys are ids and field names: always text, as written (`1:` is the key "1").
            key = key_node.value
            if key in first_seen:
                before = first_seen[key]
                if before.line == key_mark.line:
                    where = f"line {before.line}, column {before.col}"
                    merge = f"both are on line {before.line}"
                else:
                    where = f"line {before.line}"
                    merge = f"lines {before.line} and {key_mark.line}"
                self.problem(
                    key_mark,
                    f"duplicate key `{key}` (first defined at {where})",
                    f"keep one `{key}` and merge the two values ({merge})",
                    "duplicate-key",
                )
                continue
            first_seen[key] = key_mark
            child = (*path, key)
            self.keys[child] = key_mark
            result[key] = self.convert(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null" and (node.style or _NULL.match(value)):
            return None
        if tag == "tag:yaml.org,2002:bool" and _BOOL.match(value):
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int" and _INT.match(value):
            try:
                if value.startswith("0o"):
                    return int(value[2:], 8)
                if value.startswith("0x"):
                    return int(value[2:], 16)
                return int(value)
            except ValueError:  # Python refuses integers of more than 4,300 digits
                self.problem(
                    _mark(node),
                    f"the number has {len(value):,} digits, too many to read",
                    "put the value in quotes if it is text",
                    "yaml-bad-scalar",
                )
                return value
        if tag == "tag:yaml.org,2002:float" and _FLOAT.match(value):
            lowered = value.lower()
            if lowered.endswith(".inf"):
                return -math.inf if lowered.startswith("-") else math.inf
            if lowered.endswith(".nan"):
                return math.nan
            return float(value)
        # An explicit !!int / !!bool on text that does not fit: report, keep the text.
        self.problem(
            _mark(node),
            f"`{value}` is not a valid {tag.rsplit(':', 1)[-1]}",
            "remove the explicit tag or fix the value",
            "yaml-bad-scalar",
        )
        return value


def decode_text(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (with or without BOM), reporting the first bad byte's line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "error",
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                "save the file as UTF-8 in your editor",
                "not-utf8",
            )
        ]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "error",
                "the file contains a NUL byte: it looks binary, not a YAML text file",
                "check that this is the right file",
                "binary-file",
            )
        ]
    return text, []


def load_yaml_text(
    text: str, path: Path, display: str, *, max_nodes: int = DEFAULT_MAX_NODES
) -> LoadResult:
    """Parse YAML text into a located document, reporting every problem found."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "error",
                    "the file is empty" if not text.strip() else "the file has only comments",
                    "write the fact sheet (see docs/format.md) or start one with `briefgen new ID`",
                    "empty-file",
                )
            ],
        )
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}: {what}" if "found" in what else f"{what} ({exc.context})"
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    line,
                    col,
                    "error",
                    f"YAML syntax error: {what}",
                    _syntax_hint(what),
                    "yaml-syntax",
                )
            ],
        )
    except yaml.YAMLError as exc:
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "error",
                    f"YAML error: {exc}",
                    "check the file against docs/format.md",
                    "yaml-syntax",
                )
            ],
        )
    except RecursionError:
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "error",
                    "the document is nested too deeply to read",
                    "a fact sheet needs only a few levels: check the brackets and indentation",
                    "yaml-too-deep",
                )
            ],
        )
    if node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value
    ):
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "error",
                    "the file has no content",
                    "write the fact sheet (see docs/format.md) or start one with `briefgen new ID`",
                    "empty-file",
                )
            ],
        )
    # Without "*" there is no alias, so the nodes form a tree of at most about two per
    # character: when that cannot reach the limit, the walk below cannot find anything.
    if "*" in text or 2 * len(text) + 1 > max_nodes:
        oversized = _alias_problem(node, max_nodes, display)
    else:
        oversized = None
    if oversized is not None:
        return LoadResult(None, [oversized])
    converter = _Converter(display, max_nodes)
    data = converter.convert(node, ())
    document = LoadedYaml(
        path=path,
        display=display,
        data=data,
        text=text,
        values=converter.values,
        keys=converter.keys,
        styles=converter.styles,
        rejected=converter.rejected,
    )
    failed = converter.too_big or converter.too_deep
    return LoadResult(None if failed else document, converter.problems)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _alias_problem(root: yaml.Node, limit: int, display: str) -> Problem | None:
    """Refuse alias bombs before expanding anything.

    The composer shares one node per anchor, so counting the expanded size over
    unique nodes costs as little as the file itself: a billion-laughs file is
    refused in milliseconds, and an alias inside its own anchor (a loop) too.
    """
    sizes: dict[int, int] = {}
    started: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            started.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = min(total, limit + 1)
            continue
        if key in sizes:
            continue
        started.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in started:
                mark = _mark(child)
                return Problem(
                    display,
                    mark.line,
                    mark.col,
                    "error",
                    "an alias is used inside its own anchor, which would repeat forever",
                    "write the values out instead of referring to the value being defined",
                    "yaml-too-large",
                )
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] <= limit:
        return None
    node = root
    while True:  # point at the value whose aliases push the document over the limit
        bigger = [child for child in _children(node) if sizes[id(child)] > limit]
        if not bigger:
            break
        node = bigger[0]
    mark = _mark(node)
    return Problem(
        display,
        mark.line,
        mark.col,
        "error",
        f"the document expands to more than {limit:,} values "
        "(anchors and aliases repeated too often)",
        "write the values out instead of nesting aliases",
        "yaml-too-large",
    )


def _syntax_hint(what: str) -> str:
    if "tab" in what or "'\\t'" in what:
        return "use spaces, not tabs, to indent and after `key:`"
    if "single document" in what:
        return "a fact sheet is one YAML document: remove the `---` line and what follows"
    if "found undefined alias" in what:
        return "define the anchor (`&name`) before using the alias (`*name`)"
    if "mapping values are not allowed" in what:
        return "put text that contains ': ' in quotes, or use a `|` block"
    if "could not find expected ':'" in what:
        return "each line of a mapping needs `key: value`; check the indentation"
    if "found character '@'" in what or "found character '`'" in what:
        return "a value cannot start with @ or `: put it in quotes"
    return "check the indentation and quoting on this line and the one before"


def load_yaml_file(
    path: Path,
    display: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> LoadResult:
    """Read, size-check, decode and parse one YAML file."""
    display = display or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return LoadResult(
                None,
                [
                    Problem(
                        display,
                        0,
                        0,
                        "error",
                        f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                        "split the brief, or raise `limits.max_yaml_bytes` in briefgen.yaml",
                        "file-too-large",
                    )
                ],
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    0,
                    0,
                    "error",
                    f"cannot read the file: {exc.strerror or exc}",
                    "check that it exists and is readable",
                    "unreadable-file",
                )
            ],
        )
    if len(raw) > max_bytes:
        return LoadResult(
            None,
            [
                Problem(
                    display,
                    0,
                    0,
                    "error",
                    f"the file is over the limit of {max_bytes:,} bytes",
                    "split the brief, or raise `limits.max_yaml_bytes` in briefgen.yaml",
                    "file-too-large",
                )
            ],
        )
    text, problems = decode_text(raw, display)
    if text is None:
        return LoadResult(None, problems)
    return load_yaml_text(text, path, display, max_nodes=max_nodes)
