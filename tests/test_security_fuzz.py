"""Issue #6 item 7: random and mutated fact sheets end as a model or located problems, never
a traceback.

Three generators feed the loader and the whole checker (schema, rules, model):
arbitrary text, mutations of real briefs (the shipped example and a minimal
one), and random YAML data shaped like a brief. Briefs that pass are also
rendered to HTML, which must stay free of script.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import Problem
from briefgen.factsheet import BriefResult, read_brief
from briefgen.loader import load_yaml_text
from briefgen.workspace import open_workspace, select_briefs

try:  # tests/ imported as a package, or as a plain folder on sys.path
    from tests.test_security_support import MINIMAL_BRIEF, active_content, make_workspace
except ModuleNotFoundError:
    from test_security_support import MINIMAL_BRIEF, active_content, make_workspace

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "briefs"
    / "moscow-quadrilateral-talks-2023"
    / "brief.yaml"
).read_text("utf-8")
MINIMAL = MINIMAL_BRIEF.format(title="Test brief", summary="Ministers met [@a].")
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
YAML_ALPHABET = st.sampled_from(
    [
        *":-?[]{},&*!|>'\"#%@`\n\t ~.0123456789eE+/\\<>=xyzTFN",
        "\u00a0",
        "\u2028",
        "\ufeff",
        "\x00",
        "\x85",
        "é",
        "😀",
        "!!python/object:os.system ",
    ]
)


def _assert_located(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.severity in {"error", "warning"}
        assert isinstance(problem.line, int) and problem.line >= 0
        assert isinstance(problem.col, int) and problem.col >= 0
        assert problem.message.strip()
        assert "Traceback" not in problem.message
        problem.format()


def _check_text(text: str) -> BriefResult:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_workspace(root)
        (folder / "brief.yaml").write_text(text, "utf-8", errors="surrogatepass")
        workspace = open_workspace(root)
        result = read_brief(select_briefs(workspace, ["t1"])[0], workspace)
        _assert_located(result.problems)
        has_errors = any(p.severity == "error" for p in result.problems)
        assert (result.brief is None) == has_errors, [p.format() for p in result.problems]
        if result.brief is not None:
            from briefgen.render import render_brief_html

            html = render_brief_html(result.brief, target="html", templates_dir=None)
            assert active_content(html) == []
        return result


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_the_loader_survives_any_text(text: str) -> None:
    result = load_yaml_text(text, Path("brief.yaml"), "brief.yaml")
    _assert_located(result.problems)
    assert result.document is not None or any(p.severity == "error" for p in result.problems)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([EXAMPLE, MINIMAL]))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.splitlines(keepends=True)
        kind = draw(st.sampled_from(["insert", "delete", "dup-line", "swap", "indent", "replace"]))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if kind == "insert":
            text = text[:at] + "".join(draw(st.lists(YAML_ALPHABET, max_size=6))) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "replace":
            text = text[:at] + draw(YAML_ALPHABET) + text[at + 1 :]
        elif lines:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dup-line":
                lines.insert(j, lines[i])
            elif kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "- "])) + lines[i]
            text = "".join(lines)
    return text


@FUZZ
@given(mutated())
def test_the_checker_survives_mutated_briefs(text: str) -> None:
    _check_text(text)


KEYS = [
    "title",
    "subtitle",
    "short_title",
    "date",
    "marking",
    "language",
    "authors",
    "tags",
    "summary",
    "key_points",
    "judgments",
    "participants",
    "positions",
    "issues",
    "context",
    "outlook",
    "location",
    "map",
    "sources",
    "text",
    "confidence",
    "likelihood",
    "name",
    "role",
    "country",
    "aliases",
    "notes",
    "actor",
    "stance",
    "quotes",
    "source",
    "stances",
    "background",
    "regional",
    "timeline",
    "event",
    "heading",
    "body",
    "actors",
    "lat",
    "lon",
    "show",
    "extent",
    "highlight",
    "url",
    "file",
    "publisher",
    "reliability",
    "credibility",
    "a",
    "min",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "2024-01-02",
            "2023-05",
            "2023",
            "2024-02-30",
            "SY",
            "NO",
            "TLP:RED",
            "high",
            "likely",
            "opposes",
            "min",
            "a",
            "sources/a.txt",
            "../../etc/passwd",
            "file:///etc/passwd",
            "https://example.test/",
            "javascript:alert(1)",
            "[@a]",
            "[@nope]",
            "![x](../x.png)",
            "[x](javascript:alert(1))",
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            "FILL IN",
            "we will talk again soon",
        ]
    ),
    st.text(max_size=30),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=40,
)


@st.composite
def brief_shaped(draw: st.DrawFn) -> str:
    base = yaml.safe_load(MINIMAL)
    for key in draw(st.lists(st.sampled_from(KEYS[:19]), max_size=5)):
        base[key] = draw(DATA)
    for key in draw(st.lists(st.sampled_from(list(base)), max_size=2)):
        base.pop(key, None)
    return yaml.safe_dump(base, allow_unicode=True)


@FUZZ
@given(brief_shaped())
def test_the_checker_survives_random_brief_shaped_data(text: str) -> None:
    _check_text(text)


def test_the_generators_reach_both_outcomes() -> None:
    # The fuzz tests mean something only if valid briefs and broken ones both occur.
    assert _check_text(MINIMAL).brief is not None
    assert _check_text(EXAMPLE.replace("title:", "title: [", 1)).brief is None
