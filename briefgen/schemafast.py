"""A quick yes for documents that satisfy a JSON Schema: the full validator runs on faulty ones.

jsonschema builds a validator object for every value it descends into, which
made it half the cost of ``briefgen check``. Our schemas use a small set of
keywords; this compiles a schema into plain Python checks once, and answers
"valid" only when it is certain. Anything it does not know (a keyword, a
Python type) makes it answer "not sure", and the caller runs jsonschema as
before, so problems and messages are exactly the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = frozenset({"$schema", "$id", "title", "description", "$comment", "examples", "default"})
_TYPES: dict[str, Check] = {
    "string": lambda v: type(v) is str,
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float),
}
_SCALARS = (str, int, float, bool, type(None))


def _unsure(_: Any) -> bool:
    return False


def compile_schema(schema: Any) -> Check:
    """A function that returns True only for instances the schema certainly accepts."""
    if schema is True or schema == {}:
        return _known
    if not isinstance(schema, dict) or set(schema) - _IGNORED - set(_KEYWORDS):
        return _unsure
    checks = [
        _KEYWORDS[keyword](schema[keyword], schema) for keyword in schema if keyword in _KEYWORDS
    ]
    return lambda value: all(check(value) for check in checks)


def _known(value: Any) -> bool:
    """Any value made only of the types the loader produces."""
    if isinstance(value, dict):
        return all(type(k) is str and _known(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_known(v) for v in value)
    return type(value) in _SCALARS


def _type(expected: Any, _: dict) -> Check:
    names = expected if isinstance(expected, list) else [expected]
    if not all(name in _TYPES for name in names):
        return _unsure
    tests = [_TYPES[name] for name in names]
    return lambda v: any(test(v) for test in tests)


def _properties(properties: dict, schema: dict) -> Check:
    compiled = {name: compile_schema(sub) for name, sub in properties.items()}
    extra = schema.get("additionalProperties", True)
    extra_check = compile_schema(extra) if extra is not False else None
    names = schema.get("propertyNames")
    name_check = compile_schema(names) if names is not None else _known
    required = schema.get("required", [])

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return True  # other keywords (type) decide about non-objects
        for key, item in value.items():
            if type(key) is not str or not name_check(key):
                return False
            sub = compiled.get(key)
            if sub is None:
                if extra_check is None or not extra_check(item):
                    return False
            elif not sub(item):
                return False
        return all(key in value for key in required)

    return check


def _handled_by_properties(_: Any, schema: dict) -> Check:
    if "properties" in schema:
        return lambda v: True
    return _properties({}, schema)


def _items(items: Any, _: dict) -> Check:
    if not isinstance(items, dict) and items is not True:
        return _unsure
    sub = compile_schema(items)
    return lambda v: type(v) is not list or all(sub(item) for item in v)


def _pattern(pattern: str, _: dict) -> Check:
    compiled = re.compile(pattern)
    return lambda v: type(v) is not str or compiled.search(v) is not None


def _enum(values: list, _: dict) -> Check:
    return lambda v: any(type(v) is type(option) and v == option for option in values)


def _bound(test: Callable[[Any, Any], bool]) -> Callable[[Any, dict], Check]:
    def build(limit: Any, _: dict) -> Check:
        return lambda v: type(v) not in (int, float) or test(v, limit)

    return build


def _length(test: Callable[[int, int], bool], kind: type) -> Callable[[Any, dict], Check]:
    def build(limit: Any, _: dict) -> Check:
        return lambda v: type(v) is not kind or test(len(v), limit)

    return build


_KEYWORDS: dict[str, Callable[[Any, dict], Check]] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _handled_by_properties,
    "propertyNames": _handled_by_properties,
    "required": _handled_by_properties,
    "items": _items,
    "pattern": _pattern,
    "enum": _enum,
    "minimum": _bound(lambda v, limit: v >= limit),
    "maximum": _bound(lambda v, limit: v <= limit),
    "exclusiveMinimum": _bound(lambda v, limit: v > limit),
    "exclusiveMaximum": _bound(lambda v, limit: v < limit),
    "minLength": _length(lambda n, limit: n >= limit, str),
    "maxLength": _length(lambda n, limit: n <= limit, str),
    "minItems": _length(lambda n, limit: n >= limit, list),
    "maxItems": _length(lambda n, limit: n <= limit, list),
}
