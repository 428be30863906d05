"""Dates in news text, resolved against the article date at their own precision."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dates import PartialDate
from briefgen.draft.article import read_article
from briefgen.draft.dates import find_dates, infer_year

WEDNESDAY = PartialDate(2023, 5, 10)


def dates(sentence: str, ref: PartialDate | None = WEDNESDAY) -> list[str]:
    return [m.date.iso() for m in find_dates(sentence, ref)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The summit in Saudi Arabia on May 19 is next.", ["2023-05-19"]),
        ("after the deadly February 6 earthquake", ["2023-02-06"]),
        ("The court ruled on 12 July 2016.", ["2016-07-12"]),
        ("It was seized on Jan. 28, 2024, by the navy.", ["2024-01-28"]),
        ("The ministers met in December.", ["2022-12"]),
        ("Talks began in March 2021.", ["2021-03"]),
        ("The war ended in 2020.", ["2020"]),
        ("In 2019, a deal nearly brought the government down.", ["2019"]),
        ("He visited Damascus last month.", ["2023-04"]),
        ("The toll was introduced last year.", ["2022"]),
        ("Also on Wednesday, he was invited.", ["2023-05-10"]),
        ("Ministers agreed on Sunday.", ["2023-05-07"]),
        ("They will meet again on Friday.", ["2023-05-12"]),
        ("Experts meet next week.", ["2023-05"]),
        ("The force will be ready before the end of the year.", ["2023"]),
        ("Patrols have run since February.", ["2023-02"]),
        ("The centre opens from January.", ["2024-01"]),
        ("Negotiators have until April 30.", ["2023-04-30"]),
        # The year given relative to the article's, and tense moving a date off its nearest year.
        ("Rebels seized the city in January last year.", ["2022-01"]),
        ("The bridge reopened on March 3 this year.", ["2023-03-03"]),
        ("He visited the capital in October, his first trip there.", ["2022-10"]),
        ("The talks will resume in October.", ["2023-10"]),
        ("The first cargoes are expected to move by 30 December.", ["2023-12-30"]),
        ("The ministers gave negotiators until June 30 to settle it.", ["2023-06-30"]),
        ("The ministers gave negotiators until October to settle it.", ["2023-10"]),
        (
            "Its board approved a loan on 20 June 2018; he lost power the following year.",
            ["2018-06-20", "2019"],
        ),
        (
            "A road opened on May 8, 2020, and a new map came later that month.",
            ["2020-05-08", "2020-05"],
        ),
        ("Its claim rests on the 1816 Treaty of Sugauli.", ["1816"]),
        ("It sent the 1500 soldiers home.", []),
        ("Parliament declared an emergency in mid-December.", ["2022-12"]),
        ("Elections are due in February.", ["2024-02"]),
        (
            "Trump imposed a tariff on goods that do not comply with the deal in October.",
            ["2022-10"],
        ),
        ("Lee, who said he would resign, met Kim on Monday.", ["2023-05-08"]),
        ("It came three days after militants raided villages.", ["2023-05-07"]),
        ("Talks began on May 2 and ended two days later.", ["2023-05-02", "2023-05-04"]),
        ("They met two days before the vote.", []),
        (
            "Total left in April 2021, weeks after jihadists overran Palma in March that year.",
            ["2021-04", "2021-03"],
        ),
        ("It rose 12% and 2,000 people marched.", []),
        # "said" is past even after a "planned" or before a "would"; "intends to" is ahead.
        ("Its planned output buyer said on Tuesday it hoped they would meet.", ["2023-05-09"]),
        ("He said he intended to convene another meeting in October.", ["2023-10"]),
    ],
)
def test_resolved_against_the_article_date(sentence: str, expected: list[str]) -> None:
    assert dates(sentence) == expected


def test_precision_is_kept() -> None:
    found = find_dates("He visited last month, on May 2 and in 2021.", WEDNESDAY)
    assert [m.date.precision for m in found] == [2, 3, 1]


def test_relative_dates_need_the_article_date() -> None:
    assert dates("They met on Sunday and last month, and on 6 February 2023.", None) == [
        "2023-02-06"
    ]


def test_yearless_dateline_takes_the_year_from_weekday_and_text() -> None:
    assert infer_year(3, 14, "talks since 2019, a toll in 2023", "agreed on Thursday",
                      dt.date(2026, 1, 1)) == 2024  # fmt: skip
    article = read_article(
        "Headline\n\nFOZ DO IGUACU, Brazil, March 14 (Reuters) - The presidents agreed on "
        "Thursday to end checks, after a 2023 toll and a 2019 crisis.\n"
    )
    assert article.date == PartialDate(2024, 3, 14)
    assert article.date_inferred
    assert (article.publisher, article.dateline_place) == ("Reuters", "Foz Do Iguacu")


def test_yearless_dateline_prefers_the_latest_fitting_year_up_to_today() -> None:
    today = dt.date(2026, 11, 26)
    # 16 October was a Thursday in 2025 and in 2014; the text's latest year is 2011.
    assert infer_year(10, 16, "a 2008 accord, a 2011 crisis", "met on Thursday", today) == 2025
    # Without a weekday: the last 16 October not after today, not before the text's years.
    assert infer_year(10, 16, "a 2008 accord", "met", today) == 2026
    assert infer_year(12, 16, "a 2008 accord", "met", today) == 2025
    # The latest year named may lie ahead ("a 2026 vote"): a fit the year before it wins,
    # on the dateline's day (16 October 2025 was a Thursday) over the day before.
    assert infer_year(10, 16, "a 2026 vote", "met on Thursday", today) == 2025
    # A weekday that fits no year near the text's latest, on the day or the day before,
    # still gives the newest fit.
    assert infer_year(10, 16, "a 2026 vote", "met on Monday", today) == 2023
    article = read_article(
        "Headline\n\nOSLO, Oct 16 (Reuters) - Ministers met on Thursday, after a 2011 crisis.\n",
        today,
    )
    assert (article.date, article.date_inferred) == (PartialDate(2025, 10, 16), True)
    # No year after 2023 puts 12 February on a Tuesday; in 2025 the Tuesday is the day
    # before a Wednesday story: "talks that resumed on Tuesday".
    assert infer_year(2, 12, "a 2023 audit", "talks resumed on Tuesday", today) == 2025
    # A text naming 2026 ahead ("a vote in 2026") of a story from 13 November 2025, a
    # Thursday, about what lawmakers said on Wednesday.
    assert infer_year(11, 13, "a 2024 ruling, a vote in 2026", "said on Wednesday", today) == 2025


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("TALLINN, Estonia, Sept 12, 2024 (Reuters) - Ministers met.", "2024-09-12"),
        ("LONDON, 3 June 2024 (AFP) - Ministers met.", "2024-06-03"),
        ("Published On 14 Mar 2024\n\nDOHA, Qatar (AFP) — Ministers met.", "2024-03-14"),
        ("By James Otieno\n\nFebruary 20, 2025\n\nNAIROBI (AP) — Ministers met.", "2025-02-20"),
        # Figures: a number over 12 is the day; else the month the text names; else the
        # house style (month/day with slashes, day.month with dots).
        ("07/18/2025\n\nMinisters met.", "2025-07-18"),
        ("18.07.2025 14:05\n\nMinisters met.", "2025-07-18"),
        ("10/12/2025\n\nMinisters met in December.", "2025-12-10"),
        ("10/12/2025\n\nMinisters met.", "2025-10-12"),
        ("10.12.2025\n\nMinisters met.", "2025-12-10"),
        ("Issued on: 14/06/2024 - 06:18\n\nMinisters met.", "2024-06-14"),
        # AFP's "Issued on:" and "Published" put the day first.
        ("Issued on: 10/02/2026 - 16:05\n\nMinisters met.", "2026-02-10"),
        ("Published 03/04/2025 - 23:05 GMT\n\nMinisters met.", "2025-04-03"),
        # DW: "Date" before figures, month first, an author line under it.
        ("Date 09/17/2025\nAuthor Ana Lis (with Reuters)\n\nMinisters met.", "2025-09-17"),
    ],
)
def test_article_date_from_date_line_or_dateline(header: str, expected: str) -> None:
    assert read_article("Headline\n\n" + header).date == PartialDate(*map(int, expected.split("-")))


def test_a_date_line_in_figures_after_the_standfirst() -> None:
    article = read_article(
        "Belize and Guatemala trade barbs\n\n"
        "A standoff on the river has raised tensions between the two neighbours.\n\n"
        "06/04/2024\n\nBelize protested on Tuesday."
    )
    assert article.date == PartialDate(2024, 6, 4)
