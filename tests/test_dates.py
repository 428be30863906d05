"""Partial dates: parsed strictly, sorted as a timeline reads, shown at their precision."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dates import PartialDate, Precision, parse_full_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "date", "precision", "display", "short"),
    [
        ("2023", PartialDate(2023), Precision.YEAR, "2023", "2023"),
        ("2023-05", PartialDate(2023, 5), Precision.MONTH, "May 2023", "May 2023"),
        ("2023-05-19", PartialDate(2023, 5, 19), Precision.DAY, "19 May 2023", "19 May"),
        (" 2024-02-29 ", PartialDate(2024, 2, 29), Precision.DAY, "29 February 2024", "29 Feb"),
    ],
)
def test_parse_and_display(text, date, precision, display, short) -> None:
    parsed = parse_partial_date(text)
    assert parsed == date
    assert parsed.precision is precision
    assert parsed.display() == display
    assert parsed.short_display() == short
    assert parsed.iso() == text.strip()
    assert str(parsed) == text.strip()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-13-45", "'2024-13-45' has month 13; months run from 01 to 12"),
        ("2023-00", "'2023-00' has month 00; months run from 01 to 12"),
        ("2023-02-29", "'2023-02-29' has day 29; February 2023 has 28 days"),
        ("2023-04-31", "'2023-04-31' has day 31; April 2023 has 30 days"),
        ("2023-05-00", "'2023-05-00' has day 00; May 2023 has 31 days"),
        ("May 2023", "'May 2023' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023-5-1", "'2023-5-1' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("23", "'23' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "'' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_invalid_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_partial_date(text)
    assert str(caught.value) == reason


def test_full_dates_must_have_a_day() -> None:
    assert parse_full_date("2023-05-10") == PartialDate(2023, 5, 10)
    with pytest.raises(ValueError, match=r"^'2023-05' must be a full date YYYY-MM-DD$"):
        parse_full_date("2023-05")
    with pytest.raises(
        ValueError, match=r"^'2023-05-10T10:00' is not a date in the form YYYY-MM-DD$"
    ):
        parse_full_date("2023-05-10T10:00")


def test_sorting_puts_the_vaguer_date_first() -> None:
    written = ["2023-05-19", "2022", "2023-05", "2023", "2023-04-30", "2023-05-01", "2024-01"]
    ordered = sorted(parse_partial_date(t) for t in written)
    assert [d.iso() for d in ordered] == [
        "2022",
        "2023",
        "2023-04-30",
        "2023-05",
        "2023-05-01",
        "2023-05-19",
        "2024-01",
    ]


def test_span_of_each_precision() -> None:
    assert (PartialDate(2024).start(), PartialDate(2024).end()) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert PartialDate(2024, 2).end() == dt.date(2024, 2, 29)
    assert PartialDate(2023, 2).end() == dt.date(2023, 2, 28)
    assert (
        PartialDate(2023, 5, 19).start() == PartialDate(2023, 5, 19).end() == dt.date(2023, 5, 19)
    )
    assert PartialDate(2023, 1).midpoint() == dt.date(2023, 1, 16)


def test_from_date() -> None:
    assert PartialDate.from_date(dt.date(2023, 5, 10)).display() == "10 May 2023"
