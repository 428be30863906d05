"""Countries: ISO codes and English names resolved through pycountry, shown by common names."""

from __future__ import annotations

import pytest

from briefgen.countries import lookup_country, suggest_country


@pytest.mark.parametrize(
    "written",
    ["Türkiye", "TÜRKIYE", "turkiye", "TUR", "tur", "TR", "Turkey", "Republic of Türkiye"],
)
def test_turkey_in_every_spelling_is_shown_as_turkey(written: str) -> None:
    country = lookup_country(written)
    assert country is not None
    assert (country.alpha2, country.alpha3, country.name) == ("TR", "TUR", "Turkey")


@pytest.mark.parametrize(
    ("written", "name", "alpha3"),
    [
        ("NO", "Norway", "NOR"),  # YAML 1.2 keeps it text; it must not be "no"
        ("no", "Norway", "NOR"),
        ("RU", "Russia", "RUS"),
        ("Russian Federation", "Russia", "RUS"),
        ("SY", "Syria", "SYR"),
        ("Syrian Arab Republic", "Syria", "SYR"),
        ("IR", "Iran", "IRN"),
        ("Iran, Islamic Republic of", "Iran", "IRN"),
        ("KR", "South Korea", "KOR"),
        ("GB", "United Kingdom", "GBR"),
        ("UK", "United Kingdom", "GBR"),
        ("USA", "United States", "USA"),
        ("Côte d'Ivoire", "Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "Côte d'Ivoire", "CIV"),
        ("XK", "Kosovo", "XKX"),
        ("Saudi Arabia", "Saudi Arabia", "SAU"),
        ("  china ", "China", "CHN"),
    ],
)
def test_codes_and_names(written: str, name: str, alpha3: str) -> None:
    country = lookup_country(written)
    assert country is not None
    assert (country.name, country.alpha3) == (name, alpha3)


@pytest.mark.parametrize("written", ["Narnia", "XX", "", "   ", "Turkey-Syria"])
def test_unknown_countries(written: str) -> None:
    assert lookup_country(written) is None


def test_non_text_is_unknown() -> None:
    assert lookup_country(None) is None  # type: ignore[arg-type]
    assert lookup_country(False) is None  # type: ignore[arg-type]


def test_suggestions_for_near_misses() -> None:
    assert suggest_country("Turky") == "Turkey"
    assert suggest_country("Norwya") == "Norway"
    assert suggest_country("Zzzzzz") is None
