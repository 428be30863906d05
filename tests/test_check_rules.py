"""Every rule of the contract's "Rules `briefgen check` enforces", and every message code.

Each case breaks one thing in the valid brief of conftest.py and asserts the whole
printed line (path:line:col, severity, message, hint) and the exit status, so a
change in wording or location is a test failure, not a surprise for analysts.
Line numbers below are those of conftest.VALID_BRIEF (title is line 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.conftest import VALID_BRIEF, WIRE_TEXT

P = "briefs/geneva-talks/brief.yaml"


def brief_with(*replacements: tuple[str, str]) -> str:
    """VALID_BRIEF with each (old, new) applied once; old must occur exactly once."""
    text = VALID_BRIEF
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Case:
    id: str
    text: str | bytes
    expected: list[str]
    exit_code: int = 1
    files: dict[str, str | bytes] | None = None
    brief_id: str = "geneva-talks"
    settings: str | None = None
    codes: tuple[str, ...] = field(default=())


CASES = [
    # --- the YAML parses; only plain YAML; duplicate keys refused ---
    Case(
        "yaml-syntax",
        brief_with(("stance: Wants more talks", "stance: Wants: more talks")),
        [
            f"{P}:16:18: error: YAML syntax error: mapping values are not allowed here"
            " — put text that contains ': ' in quotes, or use a `|` block"
        ],
    ),
    Case(
        "yaml-syntax-tab",
        brief_with(("  beta:\n", "\tbeta:\n")),
        [
            f"{P}:11:1: error: YAML syntax error: while scanning for the next token: "
            "found character '\\t' that cannot start any token"
            " — use spaces, not tabs, to indent and after `key:`"
        ],
    ),
    Case(
        "yaml-syntax-two-documents",
        VALID_BRIEF + "---\ntitle: Another\n",
        [
            f"{P}:44:1: error: YAML syntax error: expected a single document in the stream: "
            "but found another document"
            " — a fact sheet is one YAML document: remove the `---` line and what follows"
        ],
    ),
    Case(
        "duplicate-key",
        brief_with(("marking: TLP:CLEAR\n", "marking: TLP:CLEAR\ntitle: Second title\n")),
        [
            f"{P}:4:1: error: duplicate key `title` (first defined at line 1)"
            " — keep one `title` and merge the two values (lines 1 and 4)"
        ],
    ),
    Case(
        "duplicate-key-same-line",
        brief_with(("  talks: Further talks", "  {talks: Further talks, talks: More}")),
        [
            # a flow mapping under `issues:` (shifted right by the braces)
            f"{P}:26:26: error: duplicate key `talks` (first defined at line 26, column 4)"
            " — keep one `talks` and merge the two values (both are on line 26)"
        ],
    ),
    Case(
        "yaml-tag",
        brief_with(("marking: TLP:CLEAR", "marking: !!python/object:os.system TLP:CLEAR")),
        [
            f"{P}:3:10: error: the tag `!!python/object:os.system` is not allowed"
            " — fact sheets are plain YAML; remove the tag and write the value as text"
        ],
    ),
    Case(
        "yaml-tag-timestamp",
        brief_with(("date: 2024-03-01\nmarking", "date: !!timestamp 2024-03-01\nmarking")),
        [
            f"{P}:2:7: error: the tag `!!timestamp` is not allowed"
            " — fact sheets are plain YAML; remove the tag and write the value as text"
        ],
    ),
    Case(
        "yaml-bad-scalar",
        brief_with(("marking: TLP:CLEAR", "marking: !!int secret")),
        [
            f"{P}:3:10: error: `secret` is not a valid int — remove the explicit tag or fix"
            " the value"
        ],
    ),
    Case(
        "yaml-complex-key",
        brief_with(("  talks: Further talks\n", "  talks: Further talks\n  ? [a, b]\n  : c\n")),
        [
            f"{P}:27:5: error: a key must be plain text, not a list or mapping"
            " — write the key as a single word"
        ],
    ),
    Case(
        "yaml-too-deep",
        VALID_BRIEF + "tags: " + "[" * 120 + "]" * 120 + "\n",
        [
            f"{P}:44:107: error: the document is nested more than 100 levels deep"
            " — a fact sheet needs only a few levels: check the indentation and brackets"
        ],
    ),
    Case(
        "not-utf8",
        VALID_BRIEF.encode().replace(b"Geneva", b"Gen\xe8va", 1),  # Latin-1 è
        [
            f"{P}:1:31: error: the file is not UTF-8 (byte 0xe8 at offset 30)"
            " — save the file as UTF-8 in your editor"
        ],
    ),
    Case(
        "binary-file",
        VALID_BRIEF.replace("Wire\n", "Wi\x00re\n"),
        [
            f"{P}:41:18: error: the file contains a NUL byte: it looks binary, not a YAML text file"
            " — check that this is the right file"
        ],
    ),
    Case(
        "empty-file",
        "",
        [
            f"{P}:1:1: error: the file is empty"
            " — write the fact sheet (see docs/format.md) or start one with `briefgen new ID`"
        ],
    ),
    Case(
        "empty-file-only-comments",
        "# yaml-language-server: $schema=../../.briefgen/brief.schema.json\n# to do\n",
        [
            f"{P}:1:1: error: the file has only comments"
            " — write the fact sheet (see docs/format.md) or start one with `briefgen new ID`"
        ],
    ),
    Case(
        "empty-file-bare-document",
        "---\n...\n",
        [
            f"{P}:1:1: error: the file has no content"
            " — write the fact sheet (see docs/format.md) or start one with `briefgen new ID`"
        ],
    ),
    Case(
        "file-too-large",
        VALID_BRIEF + "# padding\n" * 100,
        [
            f"{P}: error: the file is {len(VALID_BRIEF.encode()) + 1000:,} bytes,"
            " over the limit of 1,000"
            " — split the brief, or raise `limits.max_yaml_bytes` in briefgen.yaml"
        ],
        settings="limits:\n  max_yaml_bytes: 1000\n",
    ),
    Case(
        "not-a-mapping",
        "- title: A list is not a fact sheet\n",
        [
            f"{P}:1:1: error: a fact sheet must be a mapping of keys (title:, date:, …)"
            " — start from `briefgen new` or see docs/format.md"
        ],
    ),
    # --- required keys present, types right, unknown keys with the nearest known key ---
    Case(
        "missing-key",
        brief_with(("title: Delegations meet in Geneva\ndate", "date")),
        [
            f"{P}:1:1: error: missing required key `title`"
            " — add `title:` here; it holds the headline of the brief"
        ],
    ),
    Case(
        "missing-key-nested",
        brief_with(("    name: Bela Beta\n", "")),
        [f"{P}:11:3: error: missing required key `participants.beta.name` — add `name:` here"],
    ),
    Case(
        "missing-key-description-with-parentheses",
        brief_with(
            ("participants:\n  alpha:\n", "people:\n  alpha:\n"),
        ),
        [
            f"{P}:1:1: error: missing required key `participants`"
            " — add `participants:` here; it holds the people (or bodies) taking part, by id",
            f"{P}:6:1: error: unknown key `people` at the top level — allowed keys here: "
            "title, subtitle, short_title, date, marking, language, authors, tags, summary, "
            "key_points, judgments, participants, positions, issues, context, outlook, "
            "location, map, sources",
            f"{P}:15:12: error: unknown participant `alpha` — define it under `participants`",
            f"{P}:23:12: error: unknown participant `beta` — define it under `participants`",
        ],
    ),
    Case(
        "unknown-key",
        brief_with(("    stance: Wants more talks", "    stanse: Wants more talks")),
        [f"{P}:16:5: error: unknown key `stanse` in `positions[0]` — did you mean `stance`?"],
    ),
    Case(
        "unknown-key-top-level",
        brief_with(("issues:\n", "isues:\n")),
        [
            f"{P}:22:7: error: unknown issue `talks` — define it under `issues`",
            f"{P}:25:1: error: unknown key `isues` at the top level — did you mean `issues`?",
        ],
    ),
    Case(
        "wrong-type",
        brief_with(("role: Foreign Minister", "role: [Foreign Minister, Envoy]")),
        [
            f"{P}:9:11: error: `participants.alpha.role` must be text, not a list"
            " — write one piece of text, not a list (use a `|` block for several lines)"
        ],
    ),
    Case(
        "wrong-type-empty",
        brief_with(("role: Foreign Minister", "role:")),
        [f"{P}:9:5: error: `participants.alpha.role` is empty — write text after the colon"],
    ),
    Case(
        "wrong-type-yaml12-boolean",
        brief_with(("stance: Wants more talks", "stance: true")),
        [
            f"{P}:16:13: error: `positions[0].stance` must be text, not true/false"
            " — YAML 1.2 reads only true/false as booleans; put the value in quotes if you"
            " mean text"
        ],
    ),
    Case(
        "wrong-type-list-for-mapping",
        brief_with(("issues:\n  talks: Further talks\n", "issues:\n  - talks\n")),
        [
            f"{P}:22:7: error: unknown issue `talks` — define it under `issues`",
            f"{P}:26:3: error: `issues` must be a mapping (`key: value` lines), not a list"
            " — write `key: value` lines, not `- items`",
        ],
    ),
    Case(
        "bad-value",
        brief_with(("talks: supports", "talks: support")),
        [
            f"{P}:22:14: error: `support` is not a valid value for `positions[0].stances.talks`"
            " — did you mean `supports`? use one of: supports, opposes, conditional,"
            " neutral, unclear"
        ],
    ),
    Case(
        "bad-value-quoted-number",
        brief_with(("    publisher: Wire\n", "    publisher: Wire\n    credibility: '2'\n")),
        [
            f"{P}:42:18: error: `2` is not a valid value for `sources.wire.credibility`"
            " — write 2 without quotes: it must be a number"
        ],
    ),
    Case(
        "bad-value-language",
        brief_with(("marking: TLP:CLEAR\n", "marking: TLP:CLEAR\nlanguage: en_GB\n")),
        [
            f"{P}:4:11: error: `en_GB` is not a language tag"
            " — write a BCP 47 tag such as en, en-GB or fr (a hyphen, not an underscore)"
        ],
    ),
    Case(
        "bad-url",
        brief_with(("    publisher: Wire\n", "    publisher: Wire\n    url: www.wire.example/a\n")),
        [
            f"{P}:42:10: error: `sources.wire.url` must be an http:// or https:// URL"
            " — write the full address, e.g. https://example.org/article"
        ],
    ),
    Case(
        "bad-id",
        brief_with(("  talks: Further talks", "  talks: Further talks\n  new talks: Later")),
        [
            f"{P}:27:3: error: `new talks` is not a valid id in `issues`"
            " — ids use letters, digits, - and _, and start with a letter or digit"
        ],
    ),
    Case(
        "empty-value",
        brief_with(("title: Delegations meet in Geneva\ndate", 'title: ""\ndate')),
        [f"{P}:1:8: error: `title` is empty — write the text between the quotes"],
    ),
    Case(
        "bad-extent-count",
        VALID_BRIEF + "map:\n  extent: [30, 40, 45]\n",
        [
            f"{P}:45:11: error: `map.extent` must have exactly 4 numbers"
            " — write [west, south, east, north] in degrees"
        ],
    ),
    Case(
        "bad-extent-order",
        VALID_BRIEF + "map:\n  extent: [45, 30, 30, 40]\n",
        [
            f"{P}:45:11: error: map extent [45, 30, 30, 40] is not [west, south, east, north]"
            " — west < east within -180..180 and south < north within -90..90, in degrees"
        ],
    ),
    Case(
        "out-of-range",
        VALID_BRIEF + "location:\n  name: Geneva\n  lat: 146.2\n  lon: 6.1\n",
        [
            f"{P}:46:8: error: `location.lat` is out of range: 146.2 is greater than the maximum"
            " of 90 — check the sign and the units"
        ],
    ),
    Case(
        "out-of-range-nan",
        VALID_BRIEF + "location:\n  name: Geneva\n  lat: .nan\n  lon: 6.1\n",
        [
            f"{P}:46:8: error: `location.lat` is not a number (.nan)"
            " — write the coordinate in decimal degrees, e.g. 55.75"
        ],
    ),
    Case(
        "incomplete-location",
        VALID_BRIEF + "location:\n  name: Geneva\n  lat: 46.2\n",
        [
            f"{P}:45:3: error: location has only one of `lat` and `lon` — give both, in"
            " decimal degrees"
        ],
    ),
    # --- dates: YAML 1.2 reads them as written; partial dates where a date is expected ---
    Case(
        "bad-date",
        brief_with(("date: 2024-03-01\nmarking", "date: 2024-13-45\nmarking")),
        [
            f"{P}:2:7: error: invalid date: '2024-13-45' has month 13; months run from 01 to 12"
            " — write the date as YYYY-MM-DD"
        ],
    ),
    Case(
        "bad-date-partial-for-brief",
        brief_with(("date: 2024-03-01\nmarking", "date: 2024-03\nmarking")),
        [
            f"{P}:2:7: error: invalid date: '2024-03' must be a full date YYYY-MM-DD"
            " — write the date as YYYY-MM-DD"
        ],
    ),
    Case(
        "bad-date-with-time",
        brief_with(("date: 2024-03-01\nmarking", "date: 2024-03-01T10:00\nmarking")),
        [
            f"{P}:2:7: error: invalid date: '2024-03-01T10:00' is not a date in the form"
            " YYYY-MM-DD — write the date as YYYY-MM-DD, without a time"
        ],
    ),
    Case(
        "bad-date-timeline-day",
        brief_with(("    - date: 2024-02\n", "    - date: 2023-02-29\n")),
        [
            f"{P}:33:13: error: invalid date: '2023-02-29' has day 29; February 2023 has 28 days"
            " — write the date as YYYY, YYYY-MM or YYYY-MM-DD"
        ],
    ),
    Case(
        "bad-date-source-number",
        brief_with(("    date: 2024-02\n", "    date: 2024.5\n")),
        [
            f"{P}:38:11: error: invalid date: '2024.5' is not a date in the form"
            " YYYY, YYYY-MM or YYYY-MM-DD — write the date as YYYY, YYYY-MM or YYYY-MM-DD"
        ],
    ),
    # --- every actor, stances key, source and citation points at something defined ---
    Case(
        "unknown-participant",
        brief_with(("  - actor: beta", "  - actor: betta")),
        [f"{P}:23:12: error: unknown participant `betta` — did you mean `beta`?"],
    ),
    Case(
        "unknown-issue",
        brief_with(("      talks: supports", "      talk: supports")),
        [f"{P}:22:7: error: unknown issue `talk` — did you mean `talks`?"],
    ),
    Case(
        "unknown-source-quote",
        brief_with(("        source: wire", "        source: wired")),
        [f"{P}:20:17: error: unknown source `wired` — did you mean `wire`?"],
    ),
    Case(
        "unknown-source-citation",
        brief_with(("met in Geneva [@wire]", "met in Geneva [@cable]")),
        [
            f"{P}:5:34: error: unknown source `cable` — define it under `sources` or use one"
            " of: memo, wire"
        ],
    ),
    Case(
        "unknown-source-judgment-and-timeline",
        brief_with(
            (
                "issues:\n",
                "judgments:\n  - text: More talks are likely.\n    confidence: moderate\n"
                "    sources: [wyre]\nissues:\n",
            ),
            (
                "      event: First contacts.\n",
                "      event: First contacts.\n      source: nemo\n",
            ),
        ),
        [
            f"{P}:28:15: error: unknown source `wyre` — did you mean `wire`?",
            f"{P}:37:15: error: unknown source `nemo` — did you mean `memo`?",
        ],
    ),
    # --- quotes appear verbatim in their source's file ---
    Case(
        "quote-not-found",
        brief_with(("We will meet again ‘soon’ — and often", "We will meet again later")),
        [
            f"{P}:19:15: error: quote not found verbatim in sources/wire.txt:"
            " “We will meet again later”"
            " — copy the words exactly as the source has them"
            " (spacing, quote marks and dashes may differ)"
        ],
    ),
    Case(
        "unverifiable-quote",
        brief_with(("        source: wire", "        source: memo")),
        [
            f"{P}:19:15: warning: quote cannot be verified: source `memo` has no `file`"
            " — save the article in the brief's folder and set `sources.memo.file`"
        ],
        exit_code=0,
    ),
    # --- files and Markdown links stay inside the brief's folder ---
    Case(
        "path-outside",
        brief_with(("file: sources/wire.txt", "file: ../../secrets.txt")),
        [
            f"{P}:43:11: error: source file `../../secrets.txt` points outside the brief's folder"
            " — keep source copies inside the brief's folder, e.g. sources/article.txt"
        ],
    ),
    Case(
        "path-outside-absolute-image",
        brief_with(("They agreed to meet again.", "They agreed ![map](/etc/map.png).")),
        [
            f"{P}:5:61: error: image target `/etc/map.png` is an absolute path"
            " — use a relative path inside the brief's folder"
        ],
    ),
    Case(
        "path-outside-link",
        brief_with(("They agreed to meet again.", "They agreed [again](../other/brief.yaml).")),
        [
            f"{P}:5:62: error: link target `../other/brief.yaml` points outside the brief's folder"
            " — use a relative path inside the brief's folder"
        ],
    ),
    Case(
        "path-outside-url-as-file",
        brief_with(("file: sources/wire.txt", "file: https://wire.example/a")),
        [
            f"{P}:43:11: error: source file `https://wire.example/a` must be a path, not a URL"
            " — put the URL in `url:` and a local copy's path in `file:`"
        ],
    ),
    Case(
        "missing-file",
        brief_with(("file: sources/wire.txt", "file: sources/wires.txt")),
        [
            f"{P}:43:11: error: source file `sources/wires.txt` not found"
            " — save the article as geneva-talks/sources/wires.txt, or fix the path"
        ],
    ),
    Case(
        "missing-file-folder",
        brief_with(("file: sources/wire.txt", "file: sources")),
        [
            f"{P}:43:11: error: source file `sources` is a folder, not a file"
            " — name the plain-text file inside it, e.g. sources/article.txt"
        ],
    ),
    Case(
        "missing-file-image",
        brief_with(("They agreed to meet again.", "They agreed ![map](img/map.png).")),
        [
            f"{P}:5:61: error: image `img/map.png` not found in the brief's folder"
            " — check the file name, relative to the brief's folder"
        ],
    ),
    Case(
        "unsafe-link",
        brief_with(("They agreed to meet again.", "They agreed [again](javascript:alert(1)).")),
        [
            f"{P}:5:62: error: unsafe link target `javascript:alert(1)`"
            " (javascript: is never allowed)"
            " — link to an http(s) address or a file inside the brief's folder"
        ],
    ),
    Case(
        "bad-link-scheme",
        brief_with(("They agreed to meet again.", "They agreed [again](ftp://wire.example/a).")),
        [
            f"{P}:5:62: error: link target `ftp://wire.example/a` uses the scheme ftp:,"
            " which is not allowed — use an http(s) address or a path inside the brief's folder"
        ],
    ),
    # --- countries, markings, the brief id, style ---
    Case(
        "unknown-country",
        brief_with(("country: NO", "country: Narnia")),
        [
            f"{P}:10:14: error: unknown country `Narnia`"
            " — did you mean `Armenia`? use an ISO code such as `SY` or `SYR`, or an English name"
        ],
    ),
    Case(
        "unknown-tlp",
        brief_with(("marking: TLP:CLEAR", "marking: TLP:WHITE")),
        [
            f"{P}:3:10: warning: `TLP:WHITE` looks like a TLP label but is not one of TLP 2.0's"
            " — did you mean `TLP:CLEAR`? it will be printed as given, without TLP colours"
        ],
        exit_code=0,
    ),
    Case(
        "bad-brief-id",
        VALID_BRIEF,
        [
            "briefs/Geneva_Talks/brief.yaml:1:1: error: the brief id `Geneva_Talks`"
            " (its folder name) is not a lowercase slug"
            " — rename the folder to `geneva-talks` (letters a–z, digits and single hyphens)"
        ],
        brief_id="Geneva_Talks",
    ),
    Case(
        "left-to-fill",
        brief_with(("stance: Wants more talks", "stance: FILL IN one line")),
        [
            f"{P}:16:13: warning: `positions[0].stance` is left to fill"
            " — replace `FILL IN` with the real value"
        ],
        exit_code=0,
    ),
    Case(
        "long-summary",
        brief_with(
            (
                "They agreed to meet again.",
                "They agreed to meet. Aides spoke. Talks ran late. Maps were shown. Tea was"
                " served.",
            )
        ),
        [
            f"{P}:4:10: warning: the summary has 6 sentences"
            " — a bottom line up front reads best in 2–5 sentences; move detail to key points"
        ],
        exit_code=0,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(case: Case, workspace, run_cli) -> None:
    ws = workspace(case.text, brief_id=case.brief_id, files=case.files, settings=case.settings)
    result = run_cli("-C", str(ws.root), "check")
    *problems, summary = result.lines
    assert problems == case.expected
    errors = sum(": error: " in line for line in case.expected)
    warnings = len(case.expected) - errors
    assert summary == (
        f"1 brief checked: {errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )
    assert result.exit_code == case.exit_code
    assert "Traceback" not in result.stdout + result.stderr


def test_valid_brief_has_no_problem(workspace, run_cli) -> None:
    ws = workspace()
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == ["1 brief checked: 0 errors, 0 warnings"]
    assert result.exit_code == 0


def test_brief_folder_without_brief_yaml(workspace, run_cli) -> None:
    ws = workspace(None)
    (ws.root / "briefs" / "draft-talks").mkdir()
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [
        "briefs/draft-talks/brief.yaml: error: the brief folder has no brief.yaml"
        " — create it with `briefgen new draft-talks`, or remove the folder",
        "1 brief checked: 1 error, 0 warnings",
    ]
    assert result.exit_code == 1


def test_folder_named_brief_yaml(workspace, run_cli) -> None:
    ws = workspace(None)
    (ws.root / "briefs" / "draft-talks" / "brief.yaml").mkdir(parents=True)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [
        "briefs/draft-talks/brief.yaml: error: brief.yaml is a folder, not a file"
        " — move its contents elsewhere and write the fact sheet as briefs/draft-talks/brief.yaml",
        "1 brief checked: 1 error, 0 warnings",
    ]
    assert result.exit_code == 1


def test_quote_matches_after_normalising_quotes_dashes_and_spaces(workspace, run_cli) -> None:
    # The brief has ‘soon’ — and the source 'soon' - across a line break: still verbatim.
    assert "‘soon’ —" in VALID_BRIEF and "meet\nagain 'soon' -" in WIRE_TEXT
    ws = workspace()
    assert run_cli("-C", str(ws.root), "check").exit_code == 0
    # …but a changed word is not.
    ws = workspace(brief_with(("‘soon’ — and often", "‘soon’ — and daily")))
    result = run_cli("-C", str(ws.root), "check")
    assert result.exit_code == 1
    assert "quote not found verbatim in sources/wire.txt" in result.stdout


def test_yaml12_scalars_are_not_booleans_or_sexagesimal(workspace, run_cli) -> None:
    """`NO`, `yes`, `on` and `1:30` are text, so text fields accept them without quotes."""
    text = brief_with(
        ("stance: Wants more talks", "stance: yes"),
        ("role: Foreign Minister", "role: 1:30"),
        ("  talks: Further talks", "  talks: on"),
    )
    ws = workspace(text)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == ["1 brief checked: 0 errors, 0 warnings"]


def test_symlinked_source_file_outside_the_folder(workspace, run_cli, tmp_path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(WIRE_TEXT)
    ws = workspace(brief_with(("file: sources/wire.txt", "file: sources/link.txt")))
    (ws.folder() / "sources" / "link.txt").symlink_to(outside)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines[0] == (
        f"{P}:43:11: error: source file `sources/link.txt` points outside the brief's folder"
        " — keep source copies inside the brief's folder, e.g. sources/article.txt"
    )


def test_workspace_settings_are_checked(workspace, run_cli) -> None:
    ws = workspace(settings="organisation: Policy Unit\npaper: A5\n")
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [
        "briefgen.yaml:1:1: error: unknown key `organisation` at the top level"
        " — did you mean `organization`?",
        "briefgen.yaml:2:8: error: `A5` is not a valid value for `paper`"
        " — did you mean `A4`? use one of: A4, a4, letter, Letter",
        "1 brief checked: 2 errors, 0 warnings",
    ]
    assert result.exit_code == 1


def test_every_checker_code_has_a_case() -> None:
    """The table above covers every code the checker modules can emit (see test_docs.py)."""
    from tests.test_docs import checker_codes

    covered = {case.id for case in CASES}
    covered_codes = {code for code in checker_codes() if any(c.startswith(code) for c in covered)}
    # Not reachable from a brief on disk: tested in test_loader.py / test_schema.py instead,
    # or emitted while building, not checking.
    elsewhere = {
        "yaml-too-large",  # test_loader.py: billion laughs
        "unreadable-file",  # test_loader.py: a folder given as the file
        "missing-brief-yaml",  # the two folder tests above
        "schema",  # test_schema.py: the fallback for validators without their own message
        "unfilled-brief",  # build/publish/serve only
        "render-warning",
        "template-syntax",
        "template-error",
    }
    assert checker_codes() - covered_codes - elsewhere == set()


@pytest.mark.parametrize("settings", ["", "# settings to come\n", "---\n"])
def test_empty_settings_file_is_fine(workspace, run_cli, settings: str) -> None:
    ws = workspace(settings=settings)
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == ["1 brief checked: 0 errors, 0 warnings"]
    assert result.exit_code == 0


def test_settings_file_that_is_a_list(workspace, run_cli) -> None:
    ws = workspace(settings="- organization: Policy Unit\n")
    result = run_cli("-C", str(ws.root), "check")
    assert result.lines == [
        "briefgen.yaml:1:1: error: the file must be a mapping (`key: value` lines), not a list"
        " — write `key: value` lines, not `- items`",
        "1 brief checked: 1 error, 0 warnings",
    ]
    assert result.exit_code == 1
