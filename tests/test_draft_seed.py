"""The seed article (Al Jazeera, 10 May 2023) drafted end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefgen.dates import PartialDate
from briefgen.draft import draft_brief

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
SEED = ARTICLES / "moscow-quadrilateral-talks-2023.txt"


@pytest.fixture(scope="module")
def seed() -> dict:
    draft = draft_brief(
        SEED.read_text(encoding="utf-8"),
        source_file="sources/aljazeera.txt",
        date=PartialDate(2023, 5, 10),
        today=dt.date(2024, 1, 2),
    )
    return {"yaml": draft.yaml(), "data": yaml.safe_load(draft.yaml()), "notes": draft.notes}


def test_the_four_ministers(seed: dict) -> None:
    people = seed["data"]["participants"]
    ministers = {pid: (p["role"], p["country"]) for pid, p in people.items() if p.get("role")}
    for pid, country in [("mekdad", "SY"), ("lavrov", "RU"), ("cavusoglu", "TR"),
                         ("amirabdollahian", "IR")]:  # fmt: skip
        assert ministers[pid] == ("Foreign Minister", country)
    assert people["lavrov"]["name"] == "Sergei Lavrov"
    assert "Sergey Lavrov" in people["lavrov"]["aliases"]


def test_quotes_attributed_with_context(seed: dict) -> None:
    positions = {p["actor"]: p for p in seed["data"]["positions"]}
    mekdad = positions["mekdad"]["quotes"][0]
    assert mekdad["text"] == (
        "despite all the negatives of the past years, there is an opportunity"
    )
    assert mekdad["context"] == "quoted by SANA"
    assert positions["cavusoglu"]["quotes"][0]["context"] == "in a tweet"
    ministry = positions["russian-foreign-ministry"]["quotes"][0]
    assert (ministry["text"], ministry["context"]) == (
        "positive and constructive atmosphere",
        "in a statement",
    )
    assert positions["lavrov"]["quotes"][0]["text"].startswith("not only in consolidating")
    article = SEED.read_text(encoding="utf-8")
    for position in positions.values():
        for quote in position["quotes"]:
            assert quote["text"] in article
            assert quote["source"] == "al-jazeera"


def test_timeline_at_its_precision(seed: dict) -> None:
    dates = [str(e["date"]) for e in seed["data"]["context"]["timeline"]]
    for wanted in ["2022-12", "2023-02-06", "2023-04", "2023-05-07", "2023-05-10", "2023-05-19"]:
        assert wanted in dates
    assert "[@al-jazeera]" in seed["data"]["context"]["timeline"][0]["event"]


def test_header_keys_order_and_source(seed: dict) -> None:
    text = seed["yaml"]
    assert text.startswith("# Drafted by `briefgen new` on 2024-01-02 from sources/aljazeera.txt")
    keys = [k for k in seed["data"]]
    assert keys == ["title", "date", "summary", "participants", "positions", "context", "sources"]
    assert seed["data"]["title"] == (
        "Russia, Syria, Turkey and Iran hold high-level talks in Moscow"
    )
    assert seed["data"]["sources"]["al-jazeera"] == {
        "title": "Russia, Syria, Turkey and Iran hold high-level talks in Moscow",
        "publisher": "Al Jazeera and news agencies",
        "date": dt.date(2023, 5, 10),
        "file": "sources/aljazeera.txt",
    }
    assert seed["data"]["summary"].rstrip().endswith("[@al-jazeera]")
    actors = {a["name"] for a in seed["data"]["context"]["actors"]}
    assert {"Saudi Arabia", "China", "Arab League", "NATO"} <= actors
    assert "\\u" not in text and "Syria’s" in text
