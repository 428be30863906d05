"""The YAML emitter: reads back exactly, quotes what YAML 1.1 would misread, stays readable."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefgen.dates import PartialDate
from briefgen.draft.writer import Commented, Markdown, Verbatim, dump_document, needs_quotes


@pytest.mark.parametrize(
    "value",
    ["NO", "no", "yes", "on", "Off", "y", "~", "null", "true", "1:30", "12", "1e3", "0x1F",
     "2023-05", "2023-05-10", "- item", "key: value", "a #comment", "@user", "*star",
     "'quoted'", '"dq"', "", " lead", "trail "],
)  # fmt: skip
def test_ambiguous_scalars_are_quoted_and_read_back(value: str) -> None:
    assert needs_quotes(value)
    text = dump_document({"country": value})
    assert yaml.safe_load(text) == {"country": value}


def test_plain_text_stays_plain_and_unicode_as_written() -> None:
    text = dump_document({"name": "Mevlüt Çavuşoğlu", "role": "Foreign Minister"})
    assert text == "name: Mevlüt Çavuşoğlu\n\nrole: Foreign Minister\n"
    assert "\\u" not in dump_document({"q": "Syria’s “war” – 1,300 km"})


def test_long_markdown_is_a_literal_block_and_long_quotes_fold_verbatim() -> None:
    md = Markdown("word " * 40 + "[@src]")
    quote = Verbatim("Without progress in this matter, we will remain stagnant and will " * 2)
    text = dump_document({"summary": md, "quotes": [{"text": quote.strip(), "source": "src"}]})
    assert "summary: |\n" in text and "text: >-\n" in text
    assert all(len(line) <= 88 for line in text.splitlines())
    data = yaml.safe_load(text)
    assert " ".join(data["summary"].split()) == " ".join(md.split())
    assert data["quotes"][0]["text"] == quote.strip()


def test_block_style_comments_and_dates() -> None:
    text = dump_document(
        {
            "title": Commented("T", "Headline of the brief."),
            "subtitle": Commented(None, "One-line dek.\nsubtitle: Example"),
            "date": dt.date(2023, 5, 10),
            "timeline": [{"date": PartialDate(2023, 5), "event": "E"}],
            "empty": {},
        },
        header=["Drafted by briefgen"],
    )
    assert text.startswith("# Drafted by briefgen\n\n# Headline of the brief.\ntitle: T\n")
    assert "# subtitle: Example\n" in text
    assert "timeline:\n  - date: 2023-05\n    event: E\n" in text
    assert "{" not in text.replace("empty: {}", "")
    data = yaml.safe_load(text)
    assert data["date"] == dt.date(2023, 5, 10) and data["timeline"][0]["date"] == "2023-05"
