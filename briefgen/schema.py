"""The JSON Schemas shipped with briefgen, and their errors turned into located problems."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from briefgen.errors import Problem
from briefgen.loader import LoadedYaml, NodePath

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = ("brief", "workspace")

# Date fields get their own, more precise checks (month 13, day 45) in validate.py.
_DATE_FIELDS = {"date"}


def schema_text(name: str) -> str:
    """The schema as shipped, for ``briefgen schema``."""
    if name not in SCHEMA_NAMES:
        raise ValueError(name)
    return resources.files("briefgen.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))


@cache
def _validator(name: str) -> Draft202012Validator:
    # Imported here: valid documents pass the quick check and never need jsonschema.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


@cache
def _certainly_valid(name: str) -> Callable[[Any], bool]:
    """A compiled quick check: True only when jsonschema would find nothing (see schemafast)."""
    from briefgen.schemafast import compile_schema

    return compile_schema(load_schema(name))


def dotted(path: NodePath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (one `- item` per line)",
    "object": "a mapping (`key: value` lines)",
}


def schema_problems(document: LoadedYaml, name: str) -> list[Problem]:
    """Every schema violation of a loaded document, with its line and column."""
    if _certainly_valid(name)(document.data):
        return []  # the common case, without building a validator per value
    problems: list[Problem] = []
    reported: set[tuple[int, int, str]] = set()
    for error in sorted(
        _validator(name).iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path))
    ):
        path = tuple(error.absolute_path)
        if any(path[: len(bad)] == bad for bad in document.rejected):
            continue
        for problem in _convert(error, path, document):
            # jsonschema can report one fault through several paths; say it once.
            seen = (problem.line, problem.col, problem.message)
            if seen not in reported:
                reported.add(seen)
                problems.append(problem)
    return problems


def _problem(
    document: LoadedYaml,
    path: NodePath,
    message: str,
    hint: str,
    code: str,
    *,
    at_key: bool = False,
) -> Problem:
    mark = document.key_mark(path) if at_key else document.mark(path)
    return Problem(document.display, mark.line, mark.col, "error", message, hint, code)


def _convert(error: ValidationError, path: NodePath, document: LoadedYaml) -> list[Problem]:
    where = dotted(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if (
        path
        and path[-1] in _DATE_FIELDS
        and validator in {"type", "pattern"}
        and isinstance(error.instance, str | int | float)
        and not isinstance(error.instance, bool)
    ):
        return []  # validate.py explains bad dates precisely
    if validator == "required":
        missing = [key for key in error.validator_value if key not in (error.instance or {})]
        out = []
        for key in missing:
            field = f"{where}.{key}" if path else key
            hint = _missing_key_hint(key, schema.get("properties", {}).get(key, {}) or {})
            out.append(
                _problem(
                    document,
                    path,
                    f"missing required key `{field}`",
                    hint,
                    "missing-key",
                    at_key=True,
                )
            )
        return out
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"allowed keys here: {', '.join(allowed)}"
            )
            out.append(
                _problem(
                    document,
                    (*path, key),
                    f"unknown key `{key}`" + (f" in `{where}`" if path else " at the top level"),
                    hint,
                    "unknown-key",
                    at_key=True,
                )
            )
        return out
    if validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_EXPECTED.get(t, t) for t in expected)
        if path and path[-1] in _DATE_FIELDS:
            wanted = "a date such as 2023-05-10"
        got = _type_name(error.instance)
        if error.instance is None:
            return [
                _problem(
                    document,
                    path,
                    f"`{where}` is empty",
                    f"write {wanted} after the colon",
                    "wrong-type",
                    at_key=True,
                )
            ]
        return [
            _problem(
                document,
                path,
                f"`{where}` must be {wanted}, not {got}"
                if path
                else f"the file must be {wanted}, not {got}",
                _type_hint(expected, error.instance),
                "wrong-type",
            )
        ]
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        if isinstance(error.instance, str) and error.instance in options:
            hint = f"write {error.instance} without quotes: it must be a number"
        else:
            close = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.5)
            hint = (
                f"did you mean `{close[0]}`? " if close else ""
            ) + f"use one of: {', '.join(options)}"
        return [
            _problem(
                document,
                path,
                f"`{error.instance}` is not a valid value for `{where}`",
                hint,
                "bad-value",
            )
        ]
    if validator == "pattern":
        if path and path[-1] == "language":
            return [
                _problem(
                    document,
                    path,
                    f"`{error.instance}` is not a language tag",
                    "write a BCP 47 tag such as en, en-GB or fr (a hyphen, not an underscore)",
                    "bad-value",
                )
            ]
        if schema.get("pattern", "").startswith("^https?"):
            return [
                _problem(
                    document,
                    path,
                    f"`{where}` must be an http:// or https:// URL",
                    "write the full address, e.g. https://example.org/article",
                    "bad-url",
                )
            ]
        # A bad key (propertyNames) is reported on the mapping; point at the key itself.
        is_key = "propertyNames" in error.absolute_schema_path
        return [
            _problem(
                document,
                (*path, error.instance) if is_key else path,
                f"`{error.instance}` is not a valid id in `{where}`",
                "ids use letters, digits, - and _, and start with a letter or digit",
                "bad-id",
                at_key=is_key,
            )
        ]
    if validator == "propertyNames":
        return []  # reported by the nested pattern error on the key itself
    if validator == "minLength":
        return [
            _problem(
                document,
                path,
                f"`{where}` is empty",
                "write the text between the quotes",
                "empty-value",
            )
        ]
    if validator in {"minItems", "maxItems"}:
        return [
            _problem(
                document,
                path,
                f"`{where}` must have exactly 4 numbers",
                "write [west, south, east, north] in degrees",
                "bad-extent",
            )
        ]
    if validator in {"minimum", "maximum", "exclusiveMinimum"}:
        return [
            _problem(
                document,
                path,
                f"`{where}` is out of range: {error.message}",
                "check the sign and the units",
                "out-of-range",
            )
        ]
    return [_problem(document, path, f"`{where}`: {error.message}", "see docs/format.md", "schema")]


def _missing_key_hint(key: str, spec: dict[str, Any]) -> str:
    """``add `key:` …``, with what the key holds when the schema says so."""
    description = str(spec.get("description", "")).strip()
    if not description:
        return f"add `{key}:` here"
    description = description[:1].lower() + description[1:]
    return f"add `{key}:` here; it holds {description}"


def _type_hint(expected: list[str], value: Any) -> str:
    if "string" in expected and isinstance(value, bool):
        return (
            "YAML 1.2 reads only true/false as booleans; put the value in quotes if you mean text"
        )
    if "string" in expected and isinstance(value, int | float):
        return "put the value in quotes to keep it as text"
    if "array" in expected and isinstance(value, str):
        return "write it as a list: `- item` on its own line, or [a, b]"
    if "object" in expected and isinstance(value, list):
        return "write `key: value` lines, not `- items`"
    if "string" in expected and isinstance(value, list):
        return "write one piece of text, not a list (use a `|` block for several lines)"
    if "string" in expected and isinstance(value, dict):
        return "write one piece of text; put text that contains ': ' in quotes"
    if "object" in expected and isinstance(value, str):
        return "write `key: value` lines indented under this key (see docs/format.md)"
    if "array" in expected and isinstance(value, dict):
        return "write `- item` lines, not `key: value` lines"
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        return "write the number without quotes"
    return "see docs/format.md for this field"
