"""The typed fact sheet every command consumes: frozen dataclasses, built only from valid input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.countries import Country
from briefgen.dates import PartialDate

CONFIDENCE_LEVELS = ("low", "moderate", "high")

# ICD 203 estimative language, with the probability ranges printed in the legend.
LIKELIHOOD_TERMS: dict[str, tuple[str, str]] = {
    "almost-no-chance": ("Almost no chance", "1–5%"),
    "very-unlikely": ("Very unlikely", "5–20%"),
    "unlikely": ("Unlikely", "20–45%"),
    "roughly-even-chance": ("Roughly even chance", "45–55%"),
    "likely": ("Likely", "55–80%"),
    "very-likely": ("Very likely", "80–95%"),
    "almost-certain": ("Almost certain", "95–99%"),
}

STANCE_VALUES = ("supports", "opposes", "conditional", "neutral", "unclear")

TLP_LABELS = ("TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR")
_TLP_COLOURS = {
    "TLP:RED": "#FF2B2B",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:AMBER": "#FFC000",
    "TLP:GREEN": "#33FF00",
    "TLP:CLEAR": "#FFFFFF",
}


@dataclass(frozen=True)
class Marking:
    """A handling banner; TLP 2.0 labels carry their colours (text on black)."""

    text: str

    @property
    def is_tlp(self) -> bool:
        return self.text.strip().upper() in _TLP_COLOURS

    @property
    def tlp_colour(self) -> str | None:
        return _TLP_COLOURS.get(self.text.strip().upper())

    @property
    def css_class(self) -> str:
        if not self.is_tlp:
            return "marking-plain"
        return "marking-tlp-" + self.text.strip().upper()[4:].lower().replace("+", "-")


@dataclass(frozen=True)
class Source:
    id: str
    number: int
    title: str
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    file: str | None = None
    reliability: str | None = None
    credibility: int | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    source_id: str
    context: str | None = None
    verified: bool = False  # found verbatim in the source's file


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str | None = None
    country: Country | None = None
    organization: str | None = None
    aliases: tuple[str, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class Position:
    actor: Participant
    summary: str
    stance: str | None = None
    quotes: tuple[Quote, ...] = ()
    stances: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Issue:
    id: str
    label: str


@dataclass(frozen=True)
class Judgment:
    text: str
    confidence: str
    likelihood: str | None = None
    source_ids: tuple[str, ...] = ()

    @property
    def likelihood_label(self) -> str | None:
        return LIKELIHOOD_TERMS[self.likelihood][0] if self.likelihood else None


@dataclass(frozen=True)
class RegionalNote:
    heading: str
    body: str


@dataclass(frozen=True)
class TimelineEvent:
    date: PartialDate
    event: str
    source_id: str | None = None


@dataclass(frozen=True)
class ContextActor:
    name: str
    country: Country | None = None
    role_in_context: str | None = None


@dataclass(frozen=True)
class Context:
    background: str | None = None
    regional: tuple[RegionalNote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()  # sorted by date
    actors: tuple[ContextActor, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.background or self.regional or self.timeline or self.actors)


@dataclass(frozen=True)
class Location:
    name: str
    country: Country | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class MapSettings:
    show: bool | None = None  # None: draw when countries are known
    extent: tuple[float, float, float, float] | None = None
    highlight: tuple[Country, ...] = ()


@dataclass(frozen=True)
class Brief:
    """One valid fact sheet, with references resolved and sources numbered in order of citation."""

    id: str
    folder: Path
    yaml_path: Path
    title: str
    date: PartialDate
    summary: str
    participants: tuple[Participant, ...]
    positions: tuple[Position, ...]
    sources: tuple[Source, ...]
    subtitle: str | None = None
    short_title: str | None = None
    marking: Marking | None = None
    language: str = "en"
    organization: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    judgments: tuple[Judgment, ...] = ()
    issues: tuple[Issue, ...] = ()
    context: Context | None = None
    outlook: str | None = None
    location: Location | None = None
    map: MapSettings = field(default_factory=MapSettings)
    paper: str = "A4"

    @property
    def source_numbers(self) -> dict[str, int]:
        return {source.id: source.number for source in self.sources}

    @property
    def uses_likelihood(self) -> bool:
        return any(j.likelihood for j in self.judgments)

    def participant(self, participant_id: str) -> Participant:
        return next(p for p in self.participants if p.id == participant_id)

    @property
    def countries(self) -> tuple[Country, ...]:
        """Participants' countries, in order of first appearance, without repeats."""
        seen: dict[str, Country] = {}
        for participant in self.participants:
            if participant.country and participant.country.alpha3 not in seen:
                seen[participant.country.alpha3] = participant.country
        return tuple(seen.values())

    @property
    def context_countries(self) -> tuple[Country, ...]:
        primary = {c.alpha3 for c in self.countries}
        seen: dict[str, Country] = {}
        actors = self.context.actors if self.context else ()
        for actor in actors:
            if actor.country and actor.country.alpha3 not in primary:
                seen.setdefault(actor.country.alpha3, actor.country)
        return tuple(seen.values())
