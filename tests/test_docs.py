"""docs/format.md documents every message code and every top-level key of the brief."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FORMAT_MD = REPO / "docs" / "format.md"

# Calls that create a Problem, and the index of their positional `code` argument.
_CODE_ARGUMENT = {"Problem": 6, "problem": 3, "add": 3, "_problem": 4}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


@cache
def checker_codes() -> frozenset[str]:
    """Every message code written in briefgen/*.py, read from the source (not imported)."""
    codes: set[str] = set()
    for path in sorted((REPO / "briefgen").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            arguments = [k.value for k in node.keywords if k.arg == "code"]
            index = _CODE_ARGUMENT.get(name)
            if index is not None and len(node.args) > index:
                arguments.append(node.args[index])
            if name == "_unknown_reference" and len(node.args) > 2:
                # code is f"unknown-{kind}" with kind the third argument
                kind = node.args[2]
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    codes.add("unknown-" + kind.value.replace(" ", "-"))
            for argument in arguments:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
    return frozenset(codes)


def test_code_scanner_finds_the_codes() -> None:
    # Guards the scanner itself: if it found nothing, the doc test would pass vacuously.
    codes = checker_codes()
    for code in ("duplicate-key", "missing-key", "unknown-participant", "quote-not-found"):
        assert code in codes
    assert len(codes) >= 35
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in codes), codes


@pytest.fixture(scope="module")
def format_md() -> str:
    return FORMAT_MD.read_text("utf-8")


def _table_codes(text: str) -> set[str]:
    """Codes in the first column of the messages table: | `code` [†] | severity | … |"""
    pattern = r"^\|\s*`([a-z0-9-]+)`\s*†?\s*\|\s*(?:error|warning)\s*\|"
    return set(re.findall(pattern, text, re.MULTILINE))


def test_every_code_is_in_the_messages_table(format_md: str) -> None:
    missing = sorted(checker_codes() - _table_codes(format_md))
    assert missing == [], f"add these codes to the messages table in docs/format.md: {missing}"


def test_messages_table_lists_no_code_that_does_not_exist(format_md: str) -> None:
    stale = sorted(_table_codes(format_md) - checker_codes())
    assert stale == [], f"docs/format.md lists codes the code never emits: {stale}"


def test_every_top_level_key_of_the_brief_is_documented(format_md: str) -> None:
    from briefgen.schema import load_schema

    for name in ("brief", "workspace"):
        keys = load_schema(name)["properties"]
        missing = [key for key in keys if f"`{key}`" not in format_md]
        assert missing == [], f"{name}: document {missing} in docs/format.md"


def test_every_nested_field_is_documented(format_md: str) -> None:
    from briefgen.schema import load_schema

    def fields(schema: dict) -> set[str]:
        found: set[str] = set()
        for key, value in (schema.get("properties") or {}).items():
            found.add(key)
            if isinstance(value, dict):
                found |= fields(value)
                found |= fields(value.get("items") or {})
                found |= fields(value.get("additionalProperties") or {})
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            found |= fields(extra)
        return found

    missing = sorted(f for f in fields(load_schema("brief")) if f"`{f}`" not in format_md)
    assert missing == []


def test_docs_show_the_editor_schema_header(format_md: str) -> None:
    assert "briefgen schema > .briefgen/brief.schema.json" in format_md
    assert "# yaml-language-server: $schema=../../.briefgen/brief.schema.json" in format_md


def test_yaml_examples_in_the_docs_parse(format_md: str) -> None:
    """Every ```yaml block is valid YAML 1.2 for our loader (a broken doc example misleads)."""
    from briefgen.loader import load_yaml_text

    blocks = re.findall(r"```yaml\n(.*?)```", format_md, re.DOTALL)
    assert len(blocks) >= 10
    for block in blocks:
        result = load_yaml_text(block, Path("format.md"), "format.md")
        assert result.problems == [] or all(p.code == "duplicate-key" for p in result.problems), (
            block,
            result.problems,
        )
