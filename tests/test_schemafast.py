"""The check speed-ups change nothing: the quick schema check never says yes where jsonschema
finds a problem, and libyaml composes the same nodes as the pure-Python composer."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from briefgen import loader
from briefgen.loader import load_yaml_text
from briefgen.schema import load_schema
from briefgen.schemafast import compile_schema

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "briefs" / "moscow-quadrilateral-talks-2023" / "brief.yaml"
ODD_VALUES = [None, True, 0, -1, 1.5, "", "x", "TLP:RED", [], ["a"], {}, {"a": 1}, 10**20]


def _example_data() -> dict:
    result = load_yaml_text(EXAMPLE.read_text("utf-8"), EXAMPLE, "brief.yaml")
    assert result.document is not None
    return result.document.data


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _mutate(data: dict, rng: random.Random) -> dict:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(data) if p]
        path = rng.choice(paths)
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = rng.random()
        if action < 0.4:
            parent[path[-1]] = rng.choice(ODD_VALUES)
        elif action < 0.7:
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", "Title", "1", "notes", "x-y"])] = rng.choice(ODD_VALUES)
        else:
            parent.append(rng.choice(ODD_VALUES))
    return data


def test_quick_check_accepts_the_example() -> None:
    assert compile_schema(load_schema("brief"))(_example_data())


@pytest.mark.parametrize("seed", range(4))
def test_quick_check_never_accepts_what_jsonschema_rejects(seed: int) -> None:
    schema = load_schema("brief")
    quick = compile_schema(schema)
    full = Draft202012Validator(schema)
    rng = random.Random(seed)
    base = _example_data()
    rejected = accepted = 0
    for _ in range(300):
        data = _mutate(base, rng)
        has_errors = next(full.iter_errors(data), None) is not None
        if quick(data):
            assert not has_errors, data
            accepted += 1
        elif has_errors:
            rejected += 1
    # The mutations exercise both answers; otherwise this test proves nothing.
    assert rejected > 50 and accepted > 10


def test_unknown_keyword_means_not_sure() -> None:
    assert not compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}})({"a": 1})
    assert not compile_schema({"type": "integer"})(True)  # bool is not an integer


def _nodes(node, seen=None):
    seen = set() if seen is None else seen
    if id(node) in seen:
        yield "alias"
        return
    seen.add(id(node))
    yield (
        type(node).__name__,
        node.tag,
        getattr(node, "style", None) or None,
        node.start_mark.line,
        node.start_mark.column,
        node.end_mark.line,
        node.end_mark.column,
        node.value if isinstance(node, yaml.ScalarNode) else None,
    )
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key, seen)
            yield from _nodes(value, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item, seen)


TEXTS = [
    EXAMPLE.read_text("utf-8"),
    "a: ‘ü’ — x\nb: [é, 'ñ', \"ß\"]\nc: |\n  Türkiye ‘q’\n  more\nd: &x {k: v}\ne: *x\n",
    "\ufeffa: 1\r\nb: >\r\n  folded\r\n  text\r\n",
    "- [1, 2.5, .inf, ~, null, True, 0x1F, 0o17]\n- ? complex\n  : value\n",
]


@pytest.mark.skipif(loader._Yaml12CLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", TEXTS)
def test_libyaml_composes_the_same_nodes(text: str) -> None:
    python = loader._Yaml12Loader(text)
    fast = loader._Yaml12CLoader(text)
    try:
        assert list(_nodes(fast.get_single_node())) == list(_nodes(python.get_single_node()))
    finally:
        python.dispose()
        fast.dispose()


def test_syntax_errors_keep_the_pure_python_message() -> None:
    text = "title: a\n  bad: [\n"
    result = load_yaml_text(text, Path("b.yaml"), "b.yaml")
    python = loader._Yaml12Loader(text)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        python.get_single_node()
    assert result.problems and caught.value.problem in result.problems[0].message


def test_deep_nesting_is_refused_not_crashed() -> None:
    # libyaml's composer recurses in C; deep documents must take the guarded Python path.
    text = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"
    result = load_yaml_text(text, Path("b.yaml"), "b.yaml")
    assert result.document is None and result.problems
