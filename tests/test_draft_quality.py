"""The quality benchmark runs, and the drafter keeps its scores on the development articles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "draft_quality", ROOT / "benchmarks" / "draft_quality.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_dev_articles_meet_the_targets(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    total = bench.Score()
    for truth in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.truth.yaml")):
        score, _ = bench.score_article(truth)
        total = total + score
    ratios = total.ratios()
    assert ratios["participant_recall_full"] >= 0.9
    assert ratios["participant_precision_full"] >= 0.9
    assert ratios["quote_attribution"] >= 0.85
    assert ratios["event_recall"] >= 0.8
    assert total.drafted_quotes_not_verbatim == 0


def _case(folder: Path, article: str, truth: str) -> Path:
    """An article ``a.txt`` dated 2 May 2024 in its text, and its truth file."""
    (folder / "a.txt").write_text(article, encoding="utf-8")
    path = folder / "a.truth.yaml"
    path.write_text(
        "article: a.txt\ndate: 2024-05-02\ndate_in_text: true\n" + truth, encoding="utf-8"
    )
    return path


def test_scoring_counts_misses(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    truth = _case(
        tmp_path,
        "Talks\n\nOSLO, May 2, 2024 (Reuters) - Talks ended on Tuesday.\n\n"
        '"No deal," said Norwegian Foreign Minister Ola Berg.\n',
        "participants:\n"
        # Unquoted NO is Norway: truth files are read as YAML 1.2, like fact sheets.
        "  - {name: Ola Berg, role: Foreign Minister, country: NO, kind: person}\n"
        "  - {name: Kari Dahl, role: Prime Minister, country: 'NO', kind: person}\n"
        "quotes:\n  - {text: 'No deal,', speaker: Ola Berg}\n"
        "  - {text: 'Something else', speaker: Kari Dahl}\n"
        "events:\n  - {date: 2024-04-30, text: Talks end}\n  - {date: 2024-01, text: x}\n",
    )
    score, _ = bench.score_article(truth)
    assert (score.name_matched, score.full_matched, score.drafted_participants) == (1, 1, 1)
    assert (score.quotes_found, score.quotes_attributed) == (1, 1)
    assert score.events_found == 1
    assert bench.main([str(tmp_path)]) == 0


def test_a_quote_given_to_a_participant_by_another_spelling(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The truth names the speaker "Ghana Cocoa Board"; the draft lists it as "Cocobod", which
    # the truth gives as its alias: the quote is attributed right.
    truth = _case(
        tmp_path,
        "Cocoa\n\nACCRA, May 2, 2024 (Reuters) - Prices set by Cocobod rose on Tuesday.\n\n"
        "Cocobod said the rise would “help farmers”.\n",
        "participants:\n"
        "  - {name: Ghana Cocoa Board, aliases: [Cocobod], country: 'GH', kind: organization}\n"
        "quotes:\n  - {text: help farmers, speaker: Ghana Cocoa Board}\n"
        "events: []\n",
    )
    score, _ = bench.score_article(truth)
    assert (score.name_matched, score.quotes_found, score.quotes_attributed) == (1, 1, 1)


def test_a_generational_suffix_is_not_the_surname(bench) -> None:  # type: ignore[no-untyped-def]
    keys = bench.name_keys("Peter Kenilorea Jr.", [])
    assert keys & bench.name_keys("Peter Kenilorea Jr", [])
    assert "surname:kenilorea" in keys


def test_a_second_readers_participants_are_scored_against_the_first(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.truth.yaml").write_text(
        "article: a.txt\nparticipants:\n"
        "  - {name: Ola Berg, kind: person}\n"
        "  - {name: Norsk Hydro, kind: organization}\n"
        "  - {name: Kari Dahl, kind: person}\n",
        encoding="utf-8",
    )
    # The second reader spells Berg's given name another way and adds a body.
    (second / "a.truth.yaml").write_text(
        "article: a.txt\nparticipants:\n"
        "  - {name: Olav Berg, kind: person}\n"
        "  - {name: Norsk Hydro, kind: organization}\n"
        "  - {name: Equinor, kind: organization}\n",
        encoding="utf-8",
    )
    counts = bench.participant_agreement(first / "a.truth.yaml", second / "a.truth.yaml")
    assert counts == (3, 3, 2)
    assert bench.main([str(first), "--second-reader", str(second)]) == 0
    (second / "b.truth.yaml").write_text("article: b.txt\n", encoding="utf-8")
    assert bench.main([str(first), "--second-reader", str(second)]) == 2


def test_draft_speed_times_new_against_a_baseline(capsys) -> None:  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("draft_speed", ROOT / "benchmarks/draft_speed.py")
    assert spec and spec.loader
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)
    seed = ROOT / "benchmarks/draft_corpus/moscow-quadrilateral-talks-2023.txt"
    assert speed.main([str(seed), "--runs", "1", "--baseline", str(ROOT)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    # One row per article: its median, the baseline's, and their ratio (about 1 here).
    assert len(rows) == 1 and rows[0].startswith("moscow-quadrilateral-talks-2023.txt")
    now, base, ratio = rows[0].split()[1:]
    assert now.endswith("s") and base.endswith("s") and 0.2 < float(ratio) < 5


def test_people_and_bodies_are_also_scored_apart(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The participants are named people; a body counts as found when the draft lists
    # it as a participant or as a context actor.
    truth = _case(
        tmp_path,
        "Talks\n\nOSLO, May 2, 2024 (Reuters) - Talks ended on Tuesday.\n\n"
        '"No deal," said Norwegian Foreign Minister Ola Berg. The field is run by a unit of '
        "Equinor, and the Norwegian Oil Workers Union will meet next week.\n",
        "participants:\n"
        "  - {name: Ola Berg, role: Foreign Minister, country: 'NO', kind: person}\n"
        "  - {name: Equinor, country: 'NO', kind: organization}\n"
        "  - {name: Statkraft, country: 'NO', kind: organization}\n"
        "quotes: []\nevents: []\n",
    )
    score, detail = bench.score_article(truth)
    assert (score.truth_people, score.people_matched, score.drafted_people) == (1, 1, 1)
    assert (score.truth_bodies, score.bodies_found) == (2, 1)
    assert "body missed (neither participant nor context actor): Statkraft" in detail["misses"]
    assert score.ratios()["people_recall"] == 1.0 and score.ratios()["bodies_found"] == 0.5
