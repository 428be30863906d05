"""Word lists the rule-based drafter reads news text with: countries, demonyms, titles, bodies.

Kept in one place so that a missed word is fixed by adding it here, not by a new rule.
Everything is offline: country names come from pycountry plus the short forms news uses.
"""

from __future__ import annotations

import functools
import unicodedata

import pycountry

# Short names news writes that pycountry spells otherwise (or not at all).
_COUNTRY_ALIASES: dict[str, str] = {
    "Russia": "RU",
    "Iran": "IR",
    "Syria": "SY",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "South Korea": "KR",
    "North Korea": "KP",
    "Vietnam": "VN",
    "Laos": "LA",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Taiwan": "TW",
    "Palestine": "PS",
    "Britain": "GB",
    "Great Britain": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "United Kingdom": "GB",
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "United States": "US",
    "America": "US",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Netherlands": "NL",
    "Holland": "NL",
    "UAE": "AE",
    "Emirates": "AE",
    "Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Republic of Congo": "CG",
    "Vatican": "VA",
    "Macedonia": "MK",
    "Brunei": "BN",
    "Cape Verde": "CV",
    "Micronesia": "FM",
    "East Timor": "TL",
    "Swaziland": "SZ",
    "Burma": "MM",
}

# Demonyms (and adjectives news uses as such) -> ISO alpha-2.
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU",
    "Austrian": "AT", "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH",
    "Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE", "Bolivian": "BO",
    "Bosnian": "BA", "Brazilian": "BR", "British": "GB", "Bulgarian": "BG", "Burmese": "MM",
    "Burundian": "BI", "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA",
    "Chadian": "TD", "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Congolese": "CD",
    "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ", "Danish": "DK",
    "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER",
    "Estonian": "EE", "Ethiopian": "ET", "Filipino": "PH", "Philippine": "PH",
    "Finnish": "FI", "French": "FR", "Georgian": "GE", "German": "DE", "Ghanaian": "GH",
    "Greek": "GR", "Guatemalan": "GT", "Haitian": "HT", "Honduran": "HN", "Hungarian": "HU",
    "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
    "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM",
    "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE",
    "Kosovan": "XK", "Kuwaiti": "KW", "Kyrgyz": "KG", "Lao": "LA", "Latvian": "LV",
    "Lebanese": "LB", "Libyan": "LY", "Lithuanian": "LT", "Malaysian": "MY", "Malian": "ML",
    "Maltese": "MT", "Mauritanian": "MR", "Mexican": "MX", "Moldovan": "MD",
    "Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA", "Mozambican": "MZ",
    "Namibian": "NA", "Nepali": "NP", "Nepalese": "NP", "Nicaraguan": "NI",
    "Nigerian": "NG", "Nigerien": "NE", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK",
    "Palestinian": "PS", "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE",
    "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU",
    "Rwandan": "RW", "Saudi": "SA", "Senegalese": "SN", "Serbian": "RS", "Singaporean": "SG",
    "Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "South African": "ZA",
    "South Korean": "KR", "North Korean": "KP", "South Sudanese": "SS", "Spanish": "ES",
    "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE", "Swiss": "CH", "Syrian": "SY",
    "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH", "Tunisian": "TN",
    "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA", "Uruguayan": "UY",
    "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN", "Yemeni": "YE", "Zambian": "ZM",
    "Zimbabwean": "ZW", "New Zealand": "NZ", "U.S.": "US", "US": "US", "UK": "GB",
}  # fmt: skip

# The adjective used to name a country's body ("Russian Foreign Ministry").
ADJECTIVE_OF: dict[str, str] = {}
for _word, _code in DEMONYMS.items():
    if _word.isalpha() and _word[0].isupper() and _word[1:].islower():
        ADJECTIVE_OF.setdefault(_code, _word)
ADJECTIVE_OF.update({"US": "US", "GB": "British", "PH": "Philippine", "AZ": "Azerbaijani"})

# Government seats and bodies whose country is implied.
BODY_COUNTRY: dict[str, str] = {
    "Kremlin": "RU",
    "White House": "US",
    "State Department": "US",
    "Pentagon": "US",
    "Elysee": "FR",
    "Élysée": "FR",
    "Downing Street": "GB",
    "Foreign Office": "GB",
    "Bundestag": "DE",
    "Knesset": "IL",
    "Duma": "RU",
}

# Organisations by the names news uses; value is the full name used as the actor's name.
ORGANIZATIONS: dict[str, str] = {
    "UN": "United Nations",
    "U.N.": "United Nations",
    "United Nations": "United Nations",
    "UN Security Council": "UN Security Council",
    "Security Council": "UN Security Council",
    "NATO": "NATO",
    "Nato": "NATO",
    "EU": "European Union",
    "European Union": "European Union",
    "European Commission": "European Commission",
    "African Union": "African Union",
    "AU": "African Union",
    "Arab League": "Arab League",
    "OPEC": "OPEC",
    "ASEAN": "ASEAN",
    "IAEA": "IAEA",
    "IMF": "International Monetary Fund",
    "International Monetary Fund": "International Monetary Fund",
    "World Bank": "World Bank",
    "WHO": "World Health Organization",
    "World Health Organization": "World Health Organization",
    "Red Cross": "Red Cross",
    "ICRC": "ICRC",
    "OSCE": "OSCE",
    "Gulf Cooperation Council": "Gulf Cooperation Council",
    "GCC": "Gulf Cooperation Council",
    "Hamas": "Hamas",
    "Hezbollah": "Hezbollah",
    "Taliban": "Taliban",
    "Houthis": "Houthis",
    "Kremlin": "Kremlin",
    "White House": "White House",
    "State Department": "State Department",
    "Pentagon": "Pentagon",
    "G7": "G7",
    "G20": "G20",
    "BRICS": "BRICS",
    "UNHCR": "UNHCR",
    "UNICEF": "UNICEF",
    "WFP": "World Food Programme",
    "ECOWAS": "ECOWAS",
}

# News agencies and outlets: sources and contexts ("quoted by SANA"), never actors.
NEWS_AGENCIES: frozenset[str] = frozenset(
    ["SANA", "Reuters", "AFP", "AP", "IRNA", "TASS", "RIA", "Interfax", "Xinhua", "Anadolu", "WAFA", "KCNA", "Yonhap", "Azertac", "Armenpress", "Tasnim", "Fars", "ISNA", "Ukrinform", "BBC", "CNN", "Bloomberg", "Kyodo", "Bernama", "Antara", "ANSA", "EFE", "dpa", "DPA", "PTI", "ANI", "Sputnik", "MENA", "QNA", "SPA", "WAM", "KUNA"]
)

# Words that end the name of a body ("United Nations Environment Programme").
ORG_HEADS: frozenset[str] = frozenset(
    ["Ministry", "Agency", "Council", "Commission", "Programme", "Program", "Organization", "Organisation", "Union", "League", "Office", "Department", "Party", "Army", "Forces", "Force", "Bank", "Fund", "Court", "Parliament", "Assembly", "Committee", "Authority", "Service", "Services", "Company", "Corporation", "Group", "Front", "Movement", "Alliance", "Institute", "Foundation", "Federation", "Association", "Guard", "Guards", "Coalition", "Cabinet", "Government", "Secretariat", "Mission", "Embassy", "Bureau", "Directorate", "Tribunal", "Senate", "Congress", "Network"]
)

# Head nouns of a person's role; a role phrase must contain one of them.
ROLE_HEADS: frozenset[str] = frozenset(
    ["minister", "president", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "secretary", "secretary-general", "chief", "head", "director", "director-general", "commissioner", "king", "queen", "emir", "sultan", "prince", "leader", "chairman", "chairwoman", "chair", "governor", "mayor", "senator", "speaker", "commander", "general", "colonel", "admiral", "negotiator", "adviser", "advisor", "aide", "official", "representative", "mediator", "coordinator", "counterpart", "deputy", "vice-president", "attorney-general", "judge", "lawmaker", "mp", "monarch", "pope", "patriarch", "cleric", "ayatollah", "rapporteur", "administrator", "undersecretary", "under-secretary", "ceo", "founder"]
)

# Words that may stand in a role phrase before its head ("Deputy Prime Minister").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    ["foreign", "defence", "defense", "interior", "finance", "economy", "economic", "trade", "water", "energy", "health", "justice", "education", "agriculture", "environment", "oil", "prime", "deputy", "vice", "special", "senior", "chief", "top", "regional", "policy", "national", "security", "state", "acting", "interim", "first", "executive", "general", "supreme", "army", "military", "presidential", "government", "ministry", "affairs", "of", "the", "for", "and", "crown", "intelligence", "culture", "labour", "labor", "transport", "home", "digital", "climate", "development", "cooperation", "public", "information", "communications", "press", "spokesman", "assistant", "principal", "permanent", "high", "lead", "parliamentary", "opposition", "former", "junior"]
)

# Honorifics dropped from names and roles.
HONORIFICS: frozenset[str] = frozenset(
    ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Prince", "Princess", "Sheikh", "Sheikha", "Sayyid", "Lord", "Lady"]
)

# Lower-case particles that may stand inside a personal name.
NAME_PARTICLES: frozenset[str] = frozenset(
    ["bin", "bint", "ibn", "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das", "y", "al", "el", "ben", "abu"]
)

MONTHS: dict[str, int] = {
    name.lower(): number
    for number in range(1, 13)
    for name in (
        __import__("calendar").month_name[number],
        __import__("calendar").month_abbr[number],
    )
}
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Capitalised words that start sentences or headings but never names.
FUNCTION_WORDS: frozenset[str] = frozenset(
    ["The", "A", "An", "And", "But", "Or", "So", "Also", "As", "At", "In", "On", "Of", "For", "From", "To", "By", "With", "Without", "While", "When", "Where", "After", "Before", "Since", "Until", "During", "Despite", "Although", "Though", "If", "However", "Meanwhile", "Yet", "Still", "This", "That", "These", "Those", "There", "Here", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "Your", "According", "Asked", "Speaking", "Earlier", "Later", "Last", "Next", "Now", "Then", "Today", "Tomorrow", "Yesterday", "Some", "Many", "Most", "Several", "Other", "Others", "Both", "All", "Each", "Every", "No", "Not", "Only", "Even", "Just", "Under", "Over", "Into", "Among", "Between", "Against", "Amid", "Following", "Foreign", "Minister", "Ministers", "Ministry", "President", "Prime", "Deputy", "Secretary", "Spokesman", "Spokeswoman", "Spokesperson", "Special", "Envoy", "Ambassador", "General", "Chief", "Head", "Director", "Source", "Reporting", "Editing", "Writing", "Additional", "Published", "Updated", "Photo", "Read", "More", "Watch", "Live", "Breaking", "Analysis", "Opinion", "Explainer", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Sea", "Ocean", "River", "Gulf", "Strait", "Mountains", "Islands", "Region", "Province", "State", "City", "Street", "Square", "Palace"]
)


def fold(text: str) -> str:
    """Accent- and case-insensitive key: ``Çavuşoğlu`` and ``Cavusoglu`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("ı", "i").replace("’", "'").casefold()


@functools.cache
def country_names() -> dict[str, str]:
    """Every country name news may write (as written, case-sensitive) -> ISO alpha-2."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_2
    names.update(_COUNTRY_ALIASES)
    return names


_SHORT_NAMES: dict[str, str] = {
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "TR": "Turkey",
    "GB": "United Kingdom",
    "US": "United States",
    "CZ": "Czech Republic",
    "CD": "Democratic Republic of the Congo",
    "PS": "Palestine",
    "LA": "Laos",
}


def country_name(code: str) -> str:
    """The short English name of a country, as news writes it."""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
