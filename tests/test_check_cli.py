"""`briefgen check` as a user runs it: all problems in one run, selection, --strict, JSON, exits."""

from __future__ import annotations

import json
import re

import pytest

from briefgen import __version__
from tests.conftest import VALID_BRIEF

P = "briefs/geneva-talks/brief.yaml"
LINE = re.compile(r"^briefs/[a-z0-9_-]+/brief\.yaml(:\d+:\d+|:\d+)?: (error|warning): .+ — .+$")


def brief_with(*replacements: tuple[str, str], text: str = VALID_BRIEF) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# Ten different mistakes, none of which hides another (no syntax error).
TEN_MISTAKES = brief_with(
    ("date: 2024-03-01\nmarking", "date: 2024-13-45\nmarking"),
    ("marking: TLP:CLEAR\n", "marking: TLP:CLEAR\ntitle: Again\n"),
    ("met in Geneva [@wire]", "met in Geneva [@cable]"),
    ("role: Foreign Minister", "role: [Foreign Minister]"),
    ("country: NO", "country: Narnia"),
    ("    stance: Wants more talks", "    stanse: Wants more talks"),
    ("        source: wire", "        source: wired"),
    ("      talks: supports", "      talk: supports"),
    ("  - actor: beta", "  - actor: betta"),
    ("file: sources/wire.txt", "file: ../outside.txt"),
)

TEN_LINES = [
    f"{P}:2:7: error: invalid date: '2024-13-45' has month 13; months run from 01 to 12"
    " — write the date as YYYY-MM-DD",
    f"{P}:4:1: error: duplicate key `title` (first defined at line 1)"
    " — keep one `title` and merge the two values (lines 1 and 4)",
    f"{P}:6:34: error: unknown source `cable`"
    " — define it under `sources` or use one of: memo, wire",
    f"{P}:10:11: error: `participants.alpha.role` must be text, not a list"
    " — write one piece of text, not a list (use a `|` block for several lines)",
    f"{P}:11:14: error: unknown country `Narnia`"
    " — did you mean `Armenia`? use an ISO code such as `SY` or `SYR`, or an English name",
    f"{P}:17:5: error: unknown key `stanse` in `positions[0]` — did you mean `stance`?",
    f"{P}:21:17: error: unknown source `wired` — did you mean `wire`?",
    f"{P}:23:7: error: unknown issue `talk` — did you mean `talks`?",
    f"{P}:24:12: error: unknown participant `betta` — did you mean `beta`?",
    f"{P}:44:11: error: source file `../outside.txt` points outside the brief's folder"
    " — keep source copies inside the brief's folder, e.g. sources/article.txt",
]


def test_ten_mistakes_are_ten_problems_in_one_run(workspace, run_cli) -> None:
    ws = workspace(TEN_MISTAKES)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [*TEN_LINES, "1 brief checked: 10 errors, 0 warnings"]
    assert result.exit_code == 1
    assert result.stderr == ""


def test_ten_mistakes_as_a_user_runs_it(workspace, run_cli_subprocess) -> None:
    ws = workspace(TEN_MISTAKES)
    result = run_cli_subprocess("-C", str(ws.root), "check")
    assert result.stdout.splitlines() == [*TEN_LINES, "1 brief checked: 10 errors, 0 warnings"]
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr


def test_ten_mistakes_have_ten_codes_in_json(workspace, run_cli) -> None:
    ws = workspace(TEN_MISTAKES)
    result = run_cli("-C", str(ws.root), "check", "--format", "json")
    problems = json.loads(result.stdout)
    assert [p["code"] for p in problems] == [
        "bad-date",
        "duplicate-key",
        "unknown-source",
        "wrong-type",
        "unknown-country",
        "unknown-key",
        "unknown-source",
        "unknown-issue",
        "unknown-participant",
        "path-outside",
    ]
    assert result.exit_code == 1


def _two_briefs(workspace):
    """alpha-talks has one error, beta-talks one warning."""
    ws = workspace(brief_with(("  - actor: beta", "  - actor: gamma")), brief_id="alpha-talks")
    ws.write_brief(brief_with(("marking: TLP:CLEAR", "marking: TLP:AMBR")), brief_id="beta-talks")
    return ws


ALPHA_ERROR = (
    "briefs/alpha-talks/brief.yaml:23:12: error: unknown participant `gamma`"
    " — define it under `participants` or use one of: alpha, beta"
)
BETA_WARNING = (
    "briefs/beta-talks/brief.yaml:3:10: warning: `TLP:AMBR` looks like a TLP label but is not"
    " one of TLP 2.0's — did you mean `TLP:AMBER`? it will be printed as given, without TLP colours"
)


def test_all_problems_of_all_briefs_then_one_summary(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [ALPHA_ERROR, BETA_WARNING, "2 briefs checked: 1 error, 1 warning"]
    assert result.exit_code == 1


def test_warnings_alone_pass_and_strict_makes_them_errors(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    plain = run_cli("-C", str(ws.root), "check", "beta-talks")
    assert plain.lines == [BETA_WARNING, "1 brief checked: 0 errors, 1 warning"]
    assert plain.exit_code == 0
    strict = run_cli("-C", str(ws.root), "check", "--strict", "beta-talks")
    assert strict.lines == [
        BETA_WARNING.replace(": warning: ", ": error: "),
        "1 brief checked: 1 error, 0 warnings",
    ]
    assert strict.exit_code == 1


def test_json_format(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    result = run_cli("-C", str(ws.root), "check", "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "path": "briefs/alpha-talks/brief.yaml",
            "line": 23,
            "col": 12,
            "severity": "error",
            "message": "unknown participant `gamma`",
            "hint": "define it under `participants` or use one of: alpha, beta",
            "code": "unknown-participant",
        },
        {
            "path": "briefs/beta-talks/brief.yaml",
            "line": 3,
            "col": 10,
            "severity": "warning",
            "message": "`TLP:AMBR` looks like a TLP label but is not one of TLP 2.0's",
            "hint": "did you mean `TLP:AMBER`? it will be printed as given, without TLP colours",
            "code": "unknown-tlp",
        },
    ]
    assert result.exit_code == 1
    strict = run_cli("-C", str(ws.root), "check", "--format", "json", "--strict", "beta-talks")
    assert [p["severity"] for p in json.loads(strict.stdout)] == ["error"]
    assert strict.exit_code == 1


def test_json_of_a_clean_workspace_is_an_empty_list(workspace, run_cli) -> None:
    ws = workspace()
    result = run_cli("-C", str(ws.root), "check", "--format", "json")
    assert json.loads(result.stdout) == []
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "name",
    [
        "alpha-talks",
        "briefs/alpha-talks",
        "briefs/alpha-talks/",
        "briefs/alpha-talks/brief.yaml",
        "./briefs/alpha-talks/brief.yaml",
    ],
)
def test_check_one_brief_by_id_or_path(workspace, run_cli, name: str) -> None:
    ws = _two_briefs(workspace)
    result = run_cli("check", name, cwd=ws.root)
    assert result.lines == [ALPHA_ERROR, "1 brief checked: 1 error, 0 warnings"]
    assert result.exit_code == 1


def test_check_by_absolute_path_with_workspace_option(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    result = run_cli("-C", str(ws.root), "check", str(ws.yaml_path("beta-talks")))
    assert result.lines == [BETA_WARNING, "1 brief checked: 0 errors, 1 warning"]
    assert result.exit_code == 0


def test_a_brief_named_twice_is_checked_once(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    result = run_cli("check", "alpha-talks", "briefs/alpha-talks", cwd=ws.root)
    assert result.lines[-1] == "1 brief checked: 1 error, 0 warnings"


def test_unknown_brief_name_suggests_the_nearest(workspace, run_cli) -> None:
    ws = workspace()
    result = run_cli("-C", str(ws.root), "check", "genva-talks")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: no brief named `genva-talks` (did you mean `geneva-talks`?) in {ws.root}/briefs"
        " — briefs here: geneva-talks\n"
    )


def test_missing_workspace_folder(tmp_path, run_cli) -> None:
    result = run_cli("-C", str(tmp_path / "nowhere"), "check")
    assert result.exit_code == 2  # a usage error: the option names no folder
    assert "Invalid value for '-C' / '--workspace'" in result.stderr
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bogus"],
        ["check", "--format", "xml"],
        ["schema", "nope"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(workspace, run_cli, args: list[str]) -> None:
    ws = workspace()
    result = run_cli("-C", str(ws.root), *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert "Error:" in result.stderr


def test_version(run_cli, run_cli_subprocess) -> None:
    assert run_cli("--version").stdout == f"briefgen, version {__version__}\n"
    result = run_cli_subprocess("--version")
    assert (result.exit_code, result.stdout) == (0, f"briefgen, version {__version__}\n")


def _commands() -> list[str]:
    from briefgen.cli import cli

    return sorted(cli.commands)


def test_the_commands_this_task_relies_on_exist() -> None:
    assert {"check", "schema", "build", "new"} <= set(_commands())


@pytest.mark.parametrize("command", [None, *_commands()])
def test_every_help_has_an_example(run_cli, command: str | None) -> None:
    result = run_cli(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "briefgen" in result.stdout.split("Example", 1)[1]


def test_workspace_option_and_cwd_agree(workspace, run_cli) -> None:
    ws = _two_briefs(workspace)
    by_option = run_cli("--workspace", str(ws.root), "check")
    by_cwd = run_cli("check", cwd=ws.root)
    assert (
        by_option.lines
        == by_cwd.lines
        == [
            ALPHA_ERROR,
            BETA_WARNING,
            "2 briefs checked: 1 error, 1 warning",
        ]
    )


# --- odd shapes: a clear problem, never a traceback ---

ODD_INPUTS = {
    "list-at-top": "- title: Talks\n- date: 2024-03-01\n",
    "scalar-at-top": "just some words\n",
    "participants-list": brief_with(("participants:\n  alpha:\n", "participants: []\n  alpha:\n")),
    "positions-mapping": VALID_BRIEF.replace("positions:\n", "positions: {}\npositions_old:\n"),
    "quotes-string": brief_with(
        (
            "    quotes:\n      - text: We will meet again ‘soon’ — and often\n"
            "        source: wire\n",
            "    quotes: We will meet again\n",
        ),
    ),
    "number-as-actor": brief_with(("  - actor: beta", "  - actor: 7")),
    "date-with-time": brief_with(("date: 2024-03-01\nmarking", "date: 2024-03-01T10:00\nmarking")),
    "source-null": brief_with(
        ("  memo:\n    title: Background memo\n    date: 2024-02\n", "  memo:\n")
    ),
    "only-comments": "# nothing yet\n",
    "bom-and-error": "\ufeff" + brief_with(("  - actor: beta", "  - actor: betta")),
    "crlf-and-error": brief_with(("  - actor: beta", "  - actor: betta")).replace("\n", "\r\n"),
    "tab-indent": brief_with(("    name: Bela Beta", "\tname: Bela Beta")),
    "deep": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "nul-in-path": brief_with(("file: sources/wire.txt", 'file: "sources/w\\0ire.txt"')),
    "very-long-path": brief_with(("file: sources/wire.txt", "file: sources/" + "w" * 5000)),
}


@pytest.mark.parametrize("name", list(ODD_INPUTS))
def test_odd_shapes_give_problems_not_tracebacks(workspace, run_cli, name: str) -> None:
    ws = workspace(ODD_INPUTS[name])
    result = run_cli("-C", str(ws.root), "check")  # run_cli re-raises any exception
    *problems, summary = result.lines
    assert result.exit_code == 1
    assert problems
    for line in problems:
        assert LINE.match(line), line
    assert re.fullmatch(r"1 brief checked: \d+ errors?, \d+ warnings?", summary)


def test_bom_and_crlf_keep_lines_and_columns(workspace, run_cli) -> None:
    expected = f"{P}:23:12: error: unknown participant `betta` — did you mean `beta`?"
    for name in ("bom-and-error", "crlf-and-error"):
        ws = workspace(ODD_INPUTS[name])
        assert run_cli("-C", str(ws.root), "check").lines[0] == expected


def test_valid_brief_with_bom_and_crlf_is_clean(workspace, run_cli) -> None:
    ws = workspace("\ufeff" + VALID_BRIEF.replace("\n", "\r\n"))
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == ["1 brief checked: 0 errors, 0 warnings"]


def test_numbers_as_keys_are_ids(workspace, run_cli) -> None:
    """`2024:` is the id "2024" (keys are text), so it can be referenced like any other id."""
    text = brief_with(
        ("  talks: Further talks", "  talks: Further talks\n  2024: Elections"),
        ("      talks: supports", "      talks: supports\n      2024: neutral"),
    )
    ws = workspace(text)
    assert run_cli("-C", str(ws.root), "check").lines == ["1 brief checked: 0 errors, 0 warnings"]


def test_number_as_a_reference_says_to_quote_it(workspace, run_cli) -> None:
    ws = workspace(ODD_INPUTS["number-as-actor"])
    assert run_cli("-C", str(ws.root), "check").lines[0] == (
        f"{P}:23:12: error: `positions[1].actor` must be text, not a number"
        " — put the value in quotes to keep it as text"
    )


# --- property: whatever the text, check reports problems and never raises ---

_FRAGMENTS = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "  ",
    "\t",
    "'",
    '"',
    "&a ",
    "*a",
    "!!int ",
    "? ",
    "#",
    "|",
    ">",
    "~",
    "NO",
    "1:30",
    "2024-13-45",
    "[@x]",
    "](javascript:x)",
    "![a](../b)",
    "FILL IN",
    "\x00",
    "\ufeff",
    "\r\n",
    "9" * 30,
    ".nan",
    "---\n",
    "@",
]


def test_mutated_briefs_never_raise(tmp_path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from briefgen.check import check_workspace
    from briefgen.workspace import open_workspace

    folder = tmp_path / "briefs" / "geneva-talks"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "wire.txt").write_text("Anna Alpha said: We will meet again.\n")
    edit = st.tuples(
        st.integers(0, len(VALID_BRIEF)),
        st.integers(0, 30),
        st.sampled_from(_FRAGMENTS) | st.text(max_size=8),
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(edit, min_size=1, max_size=5))
    def check(edits: list[tuple[int, int, str]]) -> None:
        text = VALID_BRIEF
        for start, length, insert in edits:
            start = min(start, len(text))
            text = text[:start] + insert + text[start + length :]
        (folder / "brief.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        report = check_workspace(open_workspace(tmp_path))
        for problem in report.problems:
            assert LINE.match(problem.format().replace("\n", " ")) or problem.line == 0, problem

    check()
