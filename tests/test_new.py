"""`create_brief` (the core of `briefgen new`): skeletons, drafts, bad input, never overwriting."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefgen.errors import BriefgenError
from briefgen.newbrief import create_brief

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
TODAY = dt.date(2024, 6, 1)
DATES = {
    "moscow-quadrilateral-talks-2023": "2023-05-10",
    "caucasus-border-talks-2024": "2024-11-06",
}


def check(workspace: Path) -> list[dict]:
    """Problems `briefgen check` reports for the workspace (run as the analyst would)."""
    run = subprocess.run(
        [sys.executable, "-m", "briefgen", "check", "--format", "json"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout.strip(), run.stderr
    return json.loads(run.stdout)


def test_skeleton_has_every_section_and_checks_clean_but_for_fill_ins(tmp_path: Path) -> None:
    result = create_brief(tmp_path, "gulf-summit-2024", today=TODAY)
    assert result.brief_path == tmp_path / "briefs" / "gulf-summit-2024" / "brief.yaml"
    text = result.brief_path.read_text(encoding="utf-8")
    for key in ["title", "subtitle", "date", "marking", "authors", "tags", "summary",
                "key_points", "judgments", "participants", "positions", "issues", "context",
                "outlook", "location", "map", "sources"]:  # fmt: skip
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    assert "title: FILL IN" in text and "date: 2024-06-01" in text
    problems = check(tmp_path)
    assert [p for p in problems if p["severity"] == "error"] == []
    assert problems and all("left to fill" in p["message"] for p in problems)


def test_never_overwrites_an_existing_brief(tmp_path: Path) -> None:
    first = create_brief(tmp_path, "talks", today=TODAY)
    first.brief_path.write_text("title: mine\n", encoding="utf-8")
    with pytest.raises(BriefgenError, match="already exists"):
        create_brief(tmp_path, "talks", article_text="Headline\n\nBody text here.\n")
    assert first.brief_path.read_text(encoding="utf-8") == "title: mine\n"
    assert not (first.brief_path.parent / "sources").exists()


@pytest.mark.parametrize("bad", ["Talks", "talks_2024", "-talks", "talks--x", "../x", ""])
def test_bad_ids_are_refused_with_a_suggestion(tmp_path: Path, bad: str) -> None:
    with pytest.raises(BriefgenError, match="not a valid brief id"):
        create_brief(tmp_path, bad)
    assert not (tmp_path / "briefs").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"%PDF-1.7\n...", "looks like a PDF"),
        (b"PK\x03\x04zipdata", "ZIP or Word"),
        (b"Head\x00line\n\nbody", "NUL bytes"),
        ("Caf\u00e9 talks\n\nThe minister said yes.".encode("latin-1"), "byte 0xe9 at offset 3"),
    ],
)
def test_bad_articles_get_clear_errors_and_nothing_is_written(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(BriefgenError, match=message):
        create_brief(tmp_path, "x", article_bytes=data, article_name="a.txt")
    assert not (tmp_path / "briefs" / "x").exists()


def test_bad_date_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BriefgenError, match="--date"):
        create_brief(tmp_path, "x", article_text="Head\n\nBody.", date="10 May 2023")


@pytest.mark.parametrize("article", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_drafts_pass_check_with_no_errors(tmp_path: Path, article: Path) -> None:
    data = article.read_bytes()
    result = create_brief(tmp_path, article.stem, article_bytes=data, article_name=article.name,
                          date=DATES.get(article.stem), today=TODAY)  # fmt: skip
    copied = result.brief_path.parent / "sources" / article.name
    assert copied.read_bytes() == data
    problems = check(tmp_path)
    errors = [p for p in problems if p["severity"] == "error"]
    assert errors == []
    warnings = [p for p in problems if "left to fill" not in p["message"]]
    assert warnings == []  # every quote verified against the copied file
    assert not list(result.brief_path.parent.glob(".*.tmp"))


def test_overrides_win_over_the_text(tmp_path: Path) -> None:
    article = ARTICLES / "baltic-cable-patrols-2024.txt"
    result = create_brief(tmp_path, "baltic", article_bytes=article.read_bytes(),
                          article_name="reuters.txt", date="2024-09-13", publisher="Reuters UK",
                          url="https://example.org/a", today=TODAY)  # fmt: skip
    data = yaml.safe_load(result.brief_path.read_text(encoding="utf-8"))
    assert data["date"] == dt.date(2024, 9, 13)
    assert data["sources"]["reuters-uk"]["url"] == "https://example.org/a"
    assert data["sources"]["reuters-uk"]["file"] == "sources/reuters.txt"
    # "on Thursday" is now counted back from Friday 13 September.
    assert "2024-09-12" in {str(e["date"]) for e in data["context"]["timeline"]}


def test_article_without_quotes_or_names_still_gives_a_valid_brief(tmp_path: Path) -> None:
    text = "Floods hit the coast\n\nHeavy rain flooded coastal towns on Monday.\n"
    result = create_brief(tmp_path, "floods", article_text=text, today=TODAY)
    assert any("no named people" in n for n in result.notes)
    assert any("no attributed quotes" in n for n in result.notes)
    assert any("no date found" in n for n in result.notes)
    data = yaml.safe_load(result.brief_path.read_text(encoding="utf-8"))
    assert data["title"] == "Floods hit the coast"
    assert data["sources"]["article"]["file"] == "sources/article.txt"
    assert [p for p in check(tmp_path) if p["severity"] == "error"] == []


def test_stdin_style_text_is_copied_as_article_txt(tmp_path: Path) -> None:
    text = "Talks end\n\n“We will return,” said Foreign Minister Ana Ruiz of Chile.\n"
    result = create_brief(tmp_path, "talks", article_text=text, article_name="article.txt",
                          date="2024-05-02", today=TODAY)  # fmt: skip
    data = yaml.safe_load(result.brief_path.read_text(encoding="utf-8"))
    assert (result.brief_path.parent / "sources" / "article.txt").read_text() == text
    assert data["participants"]["ruiz"] == {"name": "Ana Ruiz", "role": "Foreign Minister",
                                            "country": "CL"}  # fmt: skip
    assert data["positions"][0]["quotes"][0]["text"] == "We will return"


def test_every_benchmark_article_drafts_to_a_brief_without_errors(tmp_path: Path) -> None:
    """The held-out corpus as a smoke test: ids in any script (Næss -> naess), references
    and verbatim quotes must hold on articles the rules were not written from."""
    corpus = Path(__file__).parent.parent / "benchmarks" / "draft_corpus"
    for truth in sorted(corpus.glob("*.truth.yaml")):
        date = str(yaml.safe_load(truth.read_text(encoding="utf-8"))["date"])
        article = truth.with_name(truth.name.replace(".truth.yaml", ".txt"))
        create_brief(tmp_path, article.stem, article_bytes=article.read_bytes(),
                     article_name=article.name, date=date, today=TODAY)  # fmt: skip
    errors = [p for p in check(tmp_path) if p["severity"] == "error"]
    assert errors == []
