"""The model a valid brief becomes: countries, dates, citations, quotes, references resolved."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.dates import PartialDate
from briefgen.factsheet import read_brief
from briefgen.model import Brief
from briefgen.workspace import open_workspace, select_briefs
from tests.conftest import VALID_BRIEF


def model(ws, brief_id: str = "geneva-talks") -> Brief:
    workspace = open_workspace(ws.root)
    [ref] = select_briefs(workspace, [brief_id])
    result = read_brief(ref, workspace)
    assert result.problems == ()
    assert result.brief is not None
    return result.brief


def test_country_no_is_norway_and_turkiye_shows_as_turkey(workspace) -> None:
    brief = model(workspace())
    alpha, beta = brief.participants
    assert (alpha.id, alpha.country.name, alpha.country.alpha3) == ("alpha", "Norway", "NOR")
    assert (beta.id, beta.country.name, beta.country.alpha2) == ("beta", "Turkey", "TR")
    assert [c.name for c in brief.countries] == ["Norway", "Turkey"]


@pytest.mark.parametrize(
    "written", ["Türkiye", "TUR", "TR", "Turkey", "turkey", "Republic of Türkiye"]
)
def test_every_spelling_of_turkey_is_shown_as_turkey(workspace, written: str) -> None:
    brief = model(workspace(VALID_BRIEF.replace("country: Türkiye", f"country: {written}")))
    assert brief.participants[1].country.name == "Turkey"


def test_yaml12_text_reaches_the_model_unchanged(workspace) -> None:
    text = VALID_BRIEF.replace("role: Foreign Minister", "role: 1:30").replace(
        "stance: Wants more talks", "stance: yes"
    )
    brief = model(workspace(text))
    assert brief.participants[0].role == "1:30"
    assert brief.positions[0].stance == "yes"


def test_dates_are_partial_dates_and_the_timeline_is_sorted(workspace) -> None:
    brief = model(workspace())
    assert brief.date == PartialDate(2024, 3, 1)
    assert [(e.date.iso(), e.date.display()) for e in brief.context.timeline] == [
        ("2023", "2023"),
        ("2024-02", "February 2024"),
        ("2024-03-01", "1 March 2024"),
    ]
    sources = {s.id: s for s in brief.sources}
    assert sources["memo"].date == PartialDate(2024, 2)
    assert sources["memo"].date.display() == "February 2024"


def test_sources_are_numbered_in_reading_order_then_the_uncited(workspace) -> None:
    # memo is defined first but cited after wire; extra is never cited.
    text = VALID_BRIEF + "  extra:\n    title: Uncited note\n"
    brief = model(workspace(text))
    assert [(s.number, s.id) for s in brief.sources] == [(1, "wire"), (2, "memo"), (3, "extra")]
    assert brief.source_numbers == {"wire": 1, "memo": 2, "extra": 3}


def test_citation_in_summary_comes_first(workspace) -> None:
    text = VALID_BRIEF.replace("met in Geneva [@wire]", "met in Geneva [@memo; @wire]")
    brief = model(workspace(text))
    assert [s.id for s in brief.sources] == ["memo", "wire"]


def test_quotes_carry_their_source_and_verification(workspace) -> None:
    brief = model(workspace())
    [quote] = brief.positions[0].quotes
    assert quote.text == "We will meet again ‘soon’ — and often"
    assert (quote.source_id, quote.verified) == ("wire", True)
    wire = next(s for s in brief.sources if s.id == "wire")
    assert (wire.file, wire.publisher, wire.title) == (
        "sources/wire.txt",
        "Wire",
        "Delegations meet in Geneva",
    )


def test_unverifiable_quote_is_kept_but_not_marked_verified(workspace) -> None:
    ws = workspace(VALID_BRIEF.replace("        source: wire", "        source: memo"))
    workspace_ = open_workspace(ws.root)
    [ref] = select_briefs(workspace_, [])
    result = read_brief(ref, workspace_)
    assert [p.code for p in result.problems] == ["unverifiable-quote"]
    assert result.brief is not None  # a warning does not block the model
    assert result.brief.positions[0].quotes[0].verified is False


def test_positions_resolve_their_actor_and_stances(workspace) -> None:
    brief = model(workspace())
    first, second = brief.positions
    assert first.actor.name == "Anna Alpha"
    assert first.stances == {"talks": "supports"}
    assert second.actor.name == "Bela Beta"
    assert [(i.id, i.label) for i in brief.issues] == [("talks", "Further talks")]


def test_marking_and_settings_defaults(workspace) -> None:
    brief = model(workspace())
    assert brief.marking.is_tlp and brief.marking.tlp_colour == "#FFFFFF"
    ws = workspace(
        VALID_BRIEF.replace("marking: TLP:CLEAR\n", ""),
        settings="organization: Policy Unit\nmarking: OFFICIAL\nauthors: [Desk A]\n",
    )
    brief = model(ws)
    assert (brief.marking.text, brief.marking.is_tlp) == ("OFFICIAL", False)
    assert (brief.organization, brief.authors) == ("Policy Unit", ("Desk A",))


def test_a_brief_with_errors_has_no_model(workspace) -> None:
    ws = workspace(VALID_BRIEF.replace("  - actor: beta", "  - actor: gamma"))
    workspace_ = open_workspace(ws.root)
    [ref] = select_briefs(workspace_, [])
    result = read_brief(ref, workspace_)
    assert result.has_errors and result.brief is None


def test_the_model_is_frozen(workspace) -> None:
    brief = model(workspace())
    with pytest.raises(dataclasses.FrozenInstanceError):
        brief.title = "Changed"  # type: ignore[misc]


def test_the_example_brief_builds_a_model() -> None:
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    workspace_ = open_workspace(repo)
    [ref] = select_briefs(workspace_, ["moscow-quadrilateral-talks-2023"])
    result = read_brief(ref, workspace_)
    assert result.problems == ()
    brief = result.brief
    assert [c.name for c in brief.countries] == ["Russia", "Syria", "Turkey", "Iran"]
    assert all(q.verified for p in brief.positions for q in p.quotes)
    assert [s.number for s in brief.sources] == [1]
