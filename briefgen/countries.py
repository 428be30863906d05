"""Country codes and names: ISO 3166 through pycountry, shown by their common English names.

ISO's short names are formal ("Russian Federation", "Korea, Republic of") and ISO
now calls Turkey "Türkiye"; readers of a brief expect the names a newspaper uses.
pycountry supplies the codes and many common names; the table below fills the rest.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

# Common English names where pycountry has no ``common_name`` or a formal one.
_COMMON_NAMES = {
    "RU": "Russia",
    "TR": "Turkey",
    "GB": "United Kingdom",
    "US": "United States",
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "BN": "Brunei",
    "FM": "Micronesia",
    "VA": "Vatican City",
    "MK": "North Macedonia",
    "CI": "Côte d'Ivoire",
    "KR": "South Korea",
    "KP": "North Korea",
    "MM": "Myanmar",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
    "FK": "Falkland Islands",
    "SH": "Saint Helena",
}

# Other names analysts write; matched case- and accent-insensitively.
_EXTRA_NAMES = {
    "turkey": "TR",
    "turkiye": "TR",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "korea": "KR",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "america": "US",
    "uae": "AE",
    "emirates": "AE",
    "drc": "CD",
    "dr congo": "CD",
    "congo-kinshasa": "CD",
    "congo-brazzaville": "CG",
    "ivory coast": "CI",
    "czech republic": "CZ",
    "holland": "NL",
    "burma": "MM",
    "vatican": "VA",
    "kosovo": "XK",
    "palestine": "PS",
    "laos": "LA",
    "vietnam": "VN",
    "macedonia": "MK",
    "swaziland": "SZ",
    "east timor": "TL",
    "cape verde": "CV",
}


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str  # common English name


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace(".", "").split())


def _common_name(record: object) -> str:
    alpha2 = record.alpha_2  # type: ignore[attr-defined]
    if alpha2 in _COMMON_NAMES:
        return _COMMON_NAMES[alpha2]
    return getattr(record, "common_name", None) or record.name  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for record in pycountry.countries:
        country = Country(record.alpha_2, record.alpha_3, _common_name(record))
        for key in (
            record.alpha_2,
            record.alpha_3,
            record.name,
            getattr(record, "common_name", None),
            getattr(record, "official_name", None),
            country.name,
        ):
            if key:
                index.setdefault(_fold(key), country)
    index[_fold("XK")] = index[_fold("XKX")] = Country("XK", "XKX", "Kosovo")
    for name, code in _EXTRA_NAMES.items():
        index[_fold(name)] = index[_fold(code)]
    return index


def lookup_country(text: str) -> Country | None:
    """Resolve an alpha-2 or alpha-3 code or an English name; ``None`` when unknown."""
    if not isinstance(text, str) or not text.strip():
        return None
    return _index().get(_fold(text))


def suggest_country(text: str) -> str | None:
    """The closest known country name, for a did-you-mean hint."""
    names = sorted({country.name for country in _index().values()})
    folded = {_fold(name): name for name in names}
    match = difflib.get_close_matches(_fold(text), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
