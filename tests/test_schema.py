"""`briefgen schema`: the JSON Schemas editors use, and their errors as located problems."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from jsonschema.exceptions import ValidationError

from briefgen.loader import load_yaml_file, load_yaml_text
from briefgen.schema import _convert, load_schema, schema_problems, schema_text
from tests.conftest import VALID_BRIEF

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "briefs" / "moscow-quadrilateral-talks-2023" / "brief.yaml"
HEADER = "# yaml-language-server: $schema=../../.briefgen/brief.schema.json\n"


def test_schema_command_prints_the_brief_schema(run_cli) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text("brief")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "briefgen fact sheet (brief.yaml)"
    assert run_cli("schema", "brief").stdout == result.stdout


def test_schema_output_validates_the_example(run_cli) -> None:
    schema = json.loads(run_cli("schema").stdout)
    example = load_yaml_file(EXAMPLE)
    assert example.problems == []
    jsonschema.validate(example.document.data, schema, cls=jsonschema.Draft202012Validator)


def test_schema_output_validates_the_test_brief_and_rejects_a_broken_one(run_cli) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(run_cli("schema").stdout))
    good = load_yaml_text(VALID_BRIEF, Path("b.yaml"), "b.yaml").document.data
    assert list(validator.iter_errors(good)) == []
    broken = dict(good, stances="x", title=3)
    del broken["sources"]
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert messages == [
        "'sources' is a required property",
        "3 is not of type 'string'",
        "Additional properties are not allowed ('stances' was unexpected)",
    ]


def test_schema_workspace(run_cli, tmp_path: Path) -> None:
    result = run_cli("schema", "workspace")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert result.stdout == schema_text("workspace")
    settings = (
        "organization: Policy Unit\nmarking: OFFICIAL\npaper: letter\nsite:\n  title: Briefs\n"
    )
    data = load_yaml_text(settings, tmp_path, "briefgen.yaml").document.data
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_editor_setup_as_documented(run_cli, workspace) -> None:
    """`briefgen schema > .briefgen/brief.schema.json` plus the header line: the path resolves."""
    ws = workspace(HEADER + VALID_BRIEF)
    target = ws.root / ".briefgen" / "brief.schema.json"
    target.parent.mkdir()
    target.write_text(run_cli("schema").stdout, "utf-8")
    relative = HEADER.split("$schema=", 1)[1].strip()
    assert (ws.folder() / relative).resolve() == target.resolve()
    # the header is a comment: the brief still checks clean, and lines count from the top
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == ["1 brief checked: 0 errors, 0 warnings"]


def test_every_property_has_a_type_or_enum() -> None:
    def walk(schema: dict, where: str) -> None:
        for key, spec in (schema.get("properties") or {}).items():
            assert "type" in spec or "enum" in spec, f"{where}.{key}"
            walk(spec, f"{where}.{key}")
            if isinstance(spec.get("items"), dict):
                walk(spec["items"], f"{where}.{key}[]")
            if isinstance(spec.get("additionalProperties"), dict):
                walk(spec["additionalProperties"], f"{where}.{key}.*")

    walk(load_schema("brief"), "brief")
    walk(load_schema("workspace"), "workspace")


def test_one_problem_per_missing_key() -> None:
    document = load_yaml_text("title: Talks\n", Path("b.yaml"), "b.yaml").document
    problems = schema_problems(document, "brief")
    assert [p.message for p in problems] == [
        "missing required key `date`",
        "missing required key `summary`",
        "missing required key `participants`",
        "missing required key `positions`",
        "missing required key `sources`",
    ]


def test_values_refused_by_the_loader_are_not_reported_twice() -> None:
    result = load_yaml_text("title: !!binary aGk=\n", Path("b.yaml"), "b.yaml")
    assert [p.code for p in result.problems] == ["yaml-tag"]
    codes = [p.code for p in schema_problems(result.document, "brief")]
    assert "wrong-type" not in codes  # title is None after the refusal; no second message


def test_fallback_for_a_validator_without_its_own_message() -> None:
    document = load_yaml_text("tags: [a, a]\n", Path("b.yaml"), "b.yaml").document
    error = ValidationError("['a', 'a'] has non-unique elements", validator="uniqueItems")
    error.path.extend(["tags"])
    [problem] = _convert(error, ("tags",), document)
    assert problem.format() == (
        "b.yaml:1:7: error: `tags`: ['a', 'a'] has non-unique elements — see docs/format.md"
    )
    assert problem.code == "schema"


@pytest.mark.parametrize("name", ["brief", "workspace"])
def test_schemas_ship_in_the_package(name: str) -> None:
    from importlib import resources

    assert resources.files("briefgen.schemas").joinpath(f"{name}.schema.json").is_file()
