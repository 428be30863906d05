"""Issue #6 item 2: Markdown and templates cannot run script, inject markup or evaluate Jinja.

Raw HTML in Markdown is text; unsafe link targets are check errors in every
spelling and every link form; the rendered page of a brief full of hostile
strings has no script, no event handler and no ``javascript:`` link.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

try:  # tests/ imported as a package, or as a plain folder on sys.path
    from tests.test_security_support import active_content, make_workspace, parse_tags
except ModuleNotFoundError:
    from test_security_support import active_content, make_workspace, parse_tags

from briefgen.factsheet import read_brief
from briefgen.markdown import RenderContext, render_markdown
from briefgen.model import Marking
from briefgen.render import render_brief_html
from briefgen.workspace import open_workspace, select_briefs

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(1)> '
    "'><svg onload=alert(1)> javascript:alert(1) {{ 7*7 }} {% raw %}r{% endraw %} "
    "{{ cycler.__init__.__globals__ }} </style><script>alert(2)</script> x}</style> "
    "]]><!-- & &amp; &#106;"
)
HOSTILE_QUOTE = 'He said "<script>alert(3)</script>" & left'
HOSTILE_URL = "https://example.test/?q=\"><script>alert(4)</script>&x='onmouseover=alert(5)"
HOSTILE_FILE = 'sources/a"b<i onclick=x>.txt'


def _no_context() -> RenderContext:
    return RenderContext({}, lambda path: None)


# -- raw HTML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<div onclick='alert(1)'>block</div>",
        "Text <img src=x onerror=alert(1)> inline",
        "<iframe src='https://example.test'></iframe>",
        "<!-- comment --><style>body{display:none}</style>",
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_raw_html_in_markdown_is_shown_as_text(raw: str) -> None:
    html = render_markdown(raw, _no_context())
    assert active_content(html) == []
    assert [tag for tag, _ in parse_tags(html) if tag not in {"p"}] == []
    assert "&lt;" in html  # shown, escaped, not dropped


# -- unsafe link targets are errors -------------------------------------------------------

SPELLINGS = {
    "javascript": [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "&#106;avascript:alert(1)",
        "jav&#x61;script:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;script&colon;alert(1)",
        "java%73cript:alert(1)",
    ],
    "vbscript": ["vbscript:msgbox(1)", "VBScript:msgbox(1)", "vb&#115;cript:msgbox(1)"],
    "data": ["data:text/html;base64,PHNjcmlwdD4=", "DATA:image/svg+xml,<svg>", "d&#97;ta:x"],
    "file": ["file:///etc/passwd", "FILE:///etc/passwd", "fi&#108;e:///etc/hostname"],
}
FORMS = {
    "inline link": "See [the text]({target}).",
    "inline image": "See ![the chart]({target}).",
    "reference link": "See [the text][ref].\n\n[ref]: {target}",
    "reference image": "See ![the chart][ref].\n\n[ref]: {target}",
    "autolink": "See <{target}>.",
}


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for scheme, targets in SPELLINGS.items():
        for target in targets:
            for form, pattern in FORMS.items():
                if form == "autolink" and any(ch in target for ch in "&%<> "):
                    continue  # not an autolink at all: CommonMark shows it as text
                cases.append((scheme, form, pattern.format(target=target)))
    return cases


@pytest.fixture(scope="module")
def one_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("links")
    make_workspace(root)
    return root


@pytest.mark.parametrize(("scheme", "form", "markdown"), _cases())
def test_unsafe_link_targets_are_located_errors(
    one_workspace: Path, scheme: str, form: str, markdown: str
) -> None:
    folder = make_workspace(one_workspace)
    text = (folder / "brief.yaml").read_text("utf-8")
    block = "\n".join("  " + line for line in f"{markdown}\n\nMinisters met [@a].".splitlines())
    hostile = re.sub(r"^summary: .*$", "summary: |\n" + block, text, flags=re.M)
    (folder / "brief.yaml").write_text(hostile, "utf-8")
    workspace = open_workspace(one_workspace)
    result = read_brief(select_briefs(workspace, ["t1"])[0], workspace)
    assert result.brief is None
    unsafe = [p for p in result.problems if p.code == "unsafe-link"]
    assert len(unsafe) == 1, [p.format() for p in result.problems]
    problem = unsafe[0]
    assert f"({scheme}: is never allowed)" in problem.message
    assert problem.path.endswith("brief.yaml")
    summary_line = hostile.splitlines().index("summary: |") + 1
    # inside the summary block where the spelling can be found, else at the field itself
    assert problem.line > summary_line or (problem.line, problem.col) == (summary_line, 10)
    assert problem.col >= 1
    assert "http(s) address or a file inside the brief's folder" in problem.hint


@pytest.mark.parametrize(
    "target",
    ["//127.0.0.1:9/x.png", "/etc/passwd", "../../../../etc/hostname", "\\\\host\\share\\x.png"],
)
def test_images_outside_the_folder_are_errors(one_workspace: Path, target: str) -> None:
    folder = one_workspace / "briefs" / "t1"
    make_workspace(one_workspace)
    text = (folder / "brief.yaml").read_text("utf-8")
    text = text.replace("summary: Ministers met [@a].", f"summary: Met ![x]({target}) [@a].")
    (folder / "brief.yaml").write_text(text, "utf-8")
    workspace = open_workspace(one_workspace)
    result = read_brief(select_briefs(workspace, ["t1"])[0], workspace)
    codes = {p.code for p in result.problems}
    assert result.brief is None
    assert codes & {"path-outside", "unsafe-link", "bad-link-scheme", "missing-file"}, codes


def test_remote_markdown_image_renders_as_a_link_never_an_img() -> None:
    html = render_markdown("![a chart](https://evil.test/x.png)", _no_context())
    assert '<a href="https://evil.test/x.png" class="remote-image">a chart</a>' in html
    assert "<img" not in html


def test_unsafe_targets_never_become_links_even_unchecked() -> None:
    # The renderer is a second line: if the checker were bypassed, no unsafe href is emitted.
    for targets in SPELLINGS.values():
        for target in targets:
            for pattern in FORMS.values():
                html = render_markdown(pattern.format(target=target), _no_context())
                assert active_content(html) == [], (target, html)


# -- templates: a brief full of hostile strings -------------------------------------------


def _hostile_brief_data(marking: str) -> dict:
    return {
        "title": HOSTILE,
        "subtitle": HOSTILE,
        "short_title": HOSTILE[:60],
        "date": "2024-01-02",
        "marking": marking,
        "authors": [HOSTILE],
        "tags": [HOSTILE, "javascript:alert(1)"],
        "summary": HOSTILE + " [@a]",
        "key_points": [HOSTILE],
        "judgments": [{"text": HOSTILE, "confidence": "high", "sources": ["a"]}],
        "participants": {
            "min": {
                "name": HOSTILE,
                "role": HOSTILE,
                "country": "SY",
                "organization": HOSTILE,
                "aliases": [HOSTILE],
                "notes": HOSTILE,
            }
        },
        "positions": [
            {
                "actor": "min",
                "stance": HOSTILE,
                "summary": HOSTILE,
                "quotes": [{"text": HOSTILE_QUOTE, "source": "a", "context": HOSTILE}],
                "stances": {"troops": "opposes"},
            }
        ],
        "issues": {"troops": HOSTILE},
        "context": {
            "background": HOSTILE,
            "regional": [{"heading": HOSTILE, "body": HOSTILE}],
            "timeline": [{"date": "2023-05", "event": HOSTILE, "source": "a"}],
            "actors": [{"name": HOSTILE, "country": "TR", "role_in_context": HOSTILE}],
        },
        "outlook": HOSTILE,
        "location": {"name": HOSTILE, "country": "RU", "lat": 55.75, "lon": 37.62},
        "sources": {
            "a": {
                "title": HOSTILE,
                "publisher": HOSTILE,
                "date": "2023-05-10",
                "url": HOSTILE_URL,
                "file": HOSTILE_FILE,
            }
        },
    }


def _hostile_brief(tmp_path: Path, marking: str):
    folder = make_workspace(tmp_path)
    (folder / HOSTILE_FILE).write_text(f"Intro. {HOSTILE_QUOTE}. End.\n", "utf-8")
    data = _hostile_brief_data(marking)
    (folder / "brief.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    workspace = open_workspace(tmp_path)
    result = read_brief(select_briefs(workspace, ["t1"])[0], workspace)
    assert result.brief is not None, [p.format() for p in result.problems]
    assert not [p for p in result.problems if p.severity == "error"]
    return result.brief, workspace


def _style_blocks(html: str) -> list[str]:
    return re.findall(r"<style>(.*?)</style>", html, flags=re.S)


@pytest.mark.parametrize(
    "marking",
    [
        'TLP:RED"><script>alert(1)</script>',
        "x}</style><script>alert(1)</script>",
        "TLP:RED",
        "} body { display: none } .x {",
        "TLP:AMBER+STRICT",
    ],
)
@pytest.mark.parametrize("target", ["html", "pdf"])
def test_hostile_strings_render_as_text_only(tmp_path: Path, marking: str, target: str) -> None:
    from briefgen.graphics_bridge import brief_graphics

    brief, workspace = _hostile_brief(tmp_path, marking)
    graphics = brief_graphics(brief)  # the map and timeline carry brief text too
    html = render_brief_html(
        brief, target=target, templates_dir=workspace.templates_dir, graphics=graphics
    )
    assert "locator-map" in html and "timeline-graphic" in html
    assert active_content(html) == []
    assert "<script" not in html.lower()
    # Exactly the template's own style element, and no brief text inside it.
    styles = _style_blocks(html)
    assert len(styles) == 1 and html.lower().count("<style") == 1
    assert "alert(" not in styles[0] and marking not in styles[0]
    # The marking goes into a class only as a fixed name.
    classes = {
        cls
        for _, attrs in parse_tags(html)
        for cls in attrs.get("class", "").split()
        if cls.startswith("marking-")
    }
    assert classes <= {
        "marking-top",
        "marking-bottom",
        "marking-plain",
        "marking-tlp-red",
        "marking-tlp-amber-strict",
    }, classes
    assert marking.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html.replace(
        "&#34;", '"'
    ).replace("&#39;", "'")
    # Jinja in the data is text, never evaluated.
    assert "{{ 7*7 }}" in html
    assert "{% raw %}r{% endraw %}" in html
    assert "{{ cycler.__init__.__globals__ }}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # No attribute carries a brief string that breaks out of it.
    for tag, attrs in parse_tags(html):
        for name in attrs:
            assert re.fullmatch(r"[a-z][a-z0-9:_-]*", name), (tag, name)
    assert 'href="https://example.test/?q=&#34;&gt;&lt;script&gt;' in html


def test_marking_css_class_is_a_fixed_name() -> None:
    assert Marking('TLP:RED"><script>').css_class == "marking-plain"
    assert Marking("x}</style><script>").css_class == "marking-plain"
    assert Marking("tlp:red").css_class == "marking-tlp-red"
    assert Marking("TLP:AMBER+STRICT").css_class == "marking-tlp-amber-strict"


# -- template overrides are sandboxed ------------------------------------------------------

GADGETS = [
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ joiner.__init__.__globals__['os'].system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ md.__globals__['os'].system('touch MARKER') }}",
    "{{ brief.__class__.__init__.__globals__ }}",
]


@pytest.mark.parametrize("gadget", GADGETS)
def test_a_template_override_cannot_reach_python(tmp_path: Path, gadget: str) -> None:
    from click.testing import CliRunner

    from briefgen.cli import cli

    make_workspace(tmp_path)
    marker = tmp_path / "MARKER"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.html").write_text(
        '{% extends "builtin/brief.html" %}\n'
        "{% block footer %}\n" + gadget.replace("MARKER", str(marker)) + "\n{% endblock %}\n",
        "utf-8",
    )
    outcome = CliRunner().invoke(
        cli, ["-C", str(tmp_path), "build", "--format", "html"], catch_exceptions=False
    )
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.output
    assert re.search(
        r"templates/brief\.html:3(:\d+)?: error: template error: .*unsafe", outcome.output
    ), outcome.output
    assert not marker.exists()
    assert not (tmp_path / "build" / "t1.html").exists()
