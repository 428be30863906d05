"""The YAML loader: safe, YAML 1.2 scalars, located values, bounded, every bad file reported."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from briefgen.loader import Mark, load_yaml_file, load_yaml_text


def load(text: str):
    return load_yaml_text(text, Path("brief.yaml"), "brief.yaml")


def data(text: str):
    result = load(text)
    assert result.problems == []
    return result.document.data


def only_problem(text: str):
    result = load(text)
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# --- YAML 1.2 core schema, not PyYAML's YAML 1.1 ---


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"),  # Norway, not false
        ("no", "no"),
        ("No", "No"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("1:30", "1:30"),  # not 90
        ("2023-05-10", "2023-05-10"),  # read as written, not a datetime.date
        ("2023-05-10T10:00:00Z", "2023-05-10T10:00:00Z"),
        ("1_000", "1_000"),  # YAML 1.1 digit separators are gone
        ("0b101", "0b101"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("012", 12),  # decimal in 1.2 (octal in 1.1)
        ("0o17", 15),
        ("0x1F", 31),
        ("55.7558", 55.7558),
        ("1e3", 1000.0),
        ("-.inf", -math.inf),
        ("'NO'", "NO"),
        ('"1:30"', "1:30"),
        ("'true'", "true"),
    ],
)
def test_yaml12_scalar_meaning(written: str, value: object) -> None:
    assert data(f"key: {written}\n") == {"key": value}


def test_nan_is_a_float() -> None:
    assert math.isnan(data("lat: .nan\n")["lat"])


def test_keys_are_always_text() -> None:
    assert data("1: a\ntrue: b\nnull: c\n1.5: d\nNO: e\n") == {
        "1": "a",
        "true": "b",
        "null": "c",
        "1.5": "d",
        "NO": "e",
    }


# --- the line and column of every value and key ---


def test_every_value_and_key_is_located() -> None:
    text = (
        "title: Talks\n"
        "participants:\n"
        "  lavrov:\n"
        "    name: Sergei Lavrov\n"
        "    aliases: [Sergey Lavrov, S. Lavrov]\n"
        "positions:\n"
        "  - actor: lavrov\n"
    )
    document = load(text).document
    assert document.mark(("title",)) == Mark(1, 8)
    assert document.key_mark(("title",)) == Mark(1, 1)
    assert document.mark(("participants", "lavrov", "name")) == Mark(4, 11)
    assert document.key_mark(("participants", "lavrov")) == Mark(3, 3)
    assert document.mark(("participants", "lavrov", "aliases", 1)) == Mark(5, 30)
    assert document.mark(("positions", 0)) == Mark(7, 5)
    assert document.mark(("positions", 0, "actor")) == Mark(7, 12)
    # a path that does not exist falls back to its nearest parent
    assert document.mark(("positions", 0, "summary")) == Mark(7, 5)


def test_locations_survive_a_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: Talks\r\ndate: 2023-05-10\r\nsummary: |\r\n  Two\r\n")
    result = load_yaml_file(path, "brief.yaml")
    assert result.problems == []
    assert result.document.data == {"title": "Talks", "date": "2023-05-10", "summary": "Two\n"}
    assert result.document.mark(("title",)) == Mark(1, 8)
    assert result.document.mark(("date",)) == Mark(2, 7)


def test_tabs_inside_values_are_kept() -> None:
    assert data('title: "a\\tb"\nsummary: |\n  one\ttwo\n') == {
        "title": "a\tb",
        "summary": "one\ttwo\n",
    }


def test_tab_indentation_is_a_located_syntax_error() -> None:
    problem = only_problem("title: Talks\n\tdate: 2023-05-10\n")
    assert (problem.line, problem.col, problem.code) == (2, 1, "yaml-syntax")
    assert problem.hint == "use spaces, not tabs, to indent and after `key:`"


# --- duplicate keys: never silently lose a value ---


def test_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    result = load("title: First\ndate: 2023-05-10\ntitle: Second\n")
    [problem] = result.problems
    assert problem.format() == (
        "brief.yaml:3:1: error: duplicate key `title` (first defined at line 1)"
        " — keep one `title` and merge the two values (lines 1 and 3)"
    )
    assert result.document.data["title"] == "First"


def test_duplicate_nested_keys_are_all_reported() -> None:
    result = load("a:\n  x: 1\n  x: 2\nb:\n  y: 1\n  y: 2\n")
    assert [(p.line, p.code) for p in result.problems] == [
        (3, "duplicate-key"),
        (6, "duplicate-key"),
    ]


# --- only plain YAML ---


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    problem = only_problem(f'title: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert problem.code == "yaml-tag"
    assert problem.message == "the tag `!!python/object/apply:os.system` is not allowed"
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary", "!!timestamp", "!!set", "!!omap", "!custom"])
def test_other_tags_are_refused(tag: str) -> None:
    problem = only_problem(f"title: {tag} x\n")
    assert (problem.code, problem.message) == ("yaml-tag", f"the tag `{tag}` is not allowed")


def test_explicit_standard_tags_must_fit_their_value() -> None:
    assert data("a: !!str 1:30\nb: !!int 42\n") == {"a": "1:30", "b": 42}
    problem = only_problem("a: !!float abc\n")
    assert (problem.code, problem.message) == ("yaml-bad-scalar", "`abc` is not a valid float")


def test_a_huge_integer_is_a_problem_not_a_traceback() -> None:
    problem = only_problem("title: " + "9" * 5000 + "\n")
    assert problem.format() == (
        "brief.yaml:1:8: error: the number has 5,000 digits, too many to read"
        " — put the value in quotes if it is text"
    )


def test_complex_keys_are_refused() -> None:
    problem = only_problem("? [a, b]\n: c\n")
    assert (problem.line, problem.col, problem.code) == (1, 3, "yaml-complex-key")


# --- aliases, size and depth are bounded ---

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_fails_fast() -> None:
    start = time.perf_counter()
    result = load(BILLION_LAUGHS)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert result.document is None
    [problem] = result.problems
    assert problem.code == "yaml-too-large"
    assert problem.message == (
        "the document expands to more than 100,000 values (anchors and aliases repeated too often)"
    )
    assert problem.hint == "write the values out instead of nesting aliases"


def test_billion_laughs_through_the_cli(workspace, run_cli) -> None:
    ws = workspace(BILLION_LAUGHS)
    start = time.perf_counter()
    result = run_cli("-C", str(ws.root), "check")
    assert time.perf_counter() - start < 5.0
    assert result.exit_code == 1
    assert result.lines[-1] == "1 brief checked: 1 error, 0 warnings"
    assert "error: the document expands to more than 100,000 values" in result.lines[0]


def test_small_aliases_still_work() -> None:
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_merge_keys_are_plain_keys_in_yaml12() -> None:
    assert data("base: &b {x: 1}\nother:\n  <<: *b\n") == {
        "base": {"x": 1},
        "other": {"<<": {"x": 1}},
    }


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    for depth in (150, 5000):  # over our limit; over Python's recursion limit
        result = load("a: " + "[" * depth + "]" * depth + "\n")
        assert result.document is None
        assert [p.code for p in result.problems] == ["yaml-too-deep"]


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    text = "title: x\n" + "# padding\n" * 100
    path.write_text(text)
    size = len(text.encode())
    result = load_yaml_file(path, "brief.yaml", max_bytes=1000)
    assert [p.format() for p in result.problems] == [
        f"brief.yaml: error: the file is {size:,} bytes, over the limit of 1,000"
        " — split the brief, or raise `limits.max_yaml_bytes` in briefgen.yaml"
    ]
    assert load_yaml_file(path, "brief.yaml", max_bytes=size).problems == []


# --- files that are not YAML text ---


def test_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    [problem] = load_yaml_file(path, "brief.yaml").problems
    assert problem.format() == (
        "brief.yaml:2:13: error: the file is not UTF-8 (byte 0xe9 at offset 22)"
        " — save the file as UTF-8 in your editor"
    )


def test_utf16_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes("title: Talks\n".encode("utf-16"))
    [problem] = load_yaml_file(path, "brief.yaml").problems
    assert problem.code == "not-utf8"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"title: a\x00b\n")
    [problem] = load_yaml_file(path, "brief.yaml").problems
    assert (problem.line, problem.col, problem.code) == (1, 9, "binary-file")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n  \n", "the file is empty"),
        ("# just a comment\n\n# another\n", "the file has only comments"),
        ("---\n", "the file has no content"),
    ],
)
def test_empty_files(text: str, message: str) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.message, problem.line, problem.col) == (
        "empty-file",
        message,
        1,
        1,
    )


def test_unreadable_file(tmp_path: Path) -> None:
    [problem] = load_yaml_file(tmp_path, "brief.yaml").problems  # a folder, not a file
    assert problem.format() == (
        "brief.yaml: error: cannot read the file: Is a directory"
        " — check that it exists and is readable"
    )
    assert problem.code == "unreadable-file"


def test_missing_file(tmp_path: Path) -> None:
    [problem] = load_yaml_file(tmp_path / "nope.yaml", "nope.yaml").problems
    assert problem.code == "unreadable-file"
    assert problem.message == "cannot read the file: No such file or directory"


def test_syntax_error_is_located() -> None:
    problem = only_problem("title: Talks\nsummary: Lavrov said: no\n")
    assert problem.format() == (
        "brief.yaml:2:21: error: YAML syntax error: mapping values are not allowed here"
        " — put text that contains ': ' in quotes, or use a `|` block"
    )


def test_value_starting_with_at_sign() -> None:
    problem = only_problem("summary: @aljazeera said so\n")
    assert problem.code == "yaml-syntax"
    assert problem.hint == "a value cannot start with @ or `: put it in quotes"
    assert (problem.line, problem.col) == (1, 10)
