"""What the site lists: the briefs newest first, and the countries, people and tags across them.

Identity rules (documented in docs/publish.md):

- a participant is the same person across briefs when both the participant id
  and the name match; names are compared after Unicode normalisation (NFKC),
  case folding and collapsing white space. Aliases never merge two entries,
  so two analysts' ``lavrov`` ids for different people stay apart when the
  names differ;
- a country is its ISO 3166 code; a brief is listed under the countries of its
  participants and, separately, the countries of its context actors;
- tags are grouped by their slug (``Arab League`` and ``arab-league`` are one tag).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from briefgen.countries import Country
from briefgen.markdown import markdown_to_text
from briefgen.model import Brief, Participant, Position

# Words whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "e.g", "i.e", "approx", "inc", "ltd", "co", "jr", "sr",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


def first_sentence(markdown: str, limit: int = 320) -> str:
    """The first sentence of a Markdown text as plain text (cut at ``limit`` characters)."""
    text = markdown_to_text(markdown)
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        word = re.split(r"[\s(\[\"“]", before)[-1].lower().rstrip(".")
        if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
            continue  # "Mr. Lavrov", "U.S. officials"
        text = text[: match.start() + 1]
        break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
    return text


def slugify(text: str) -> str:
    """ASCII slug for file names: ``Arab League`` → ``arab-league``; empty when nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def name_key(name: str) -> str:
    """How names are compared: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def tag_slug(tag: str) -> str:
    slug = slugify(tag)
    if not slug:  # a tag written only in non-Latin script still needs a file name
        slug = "tag-" + hashlib.sha256(name_key(tag).encode("utf-8")).hexdigest()[:10]
    return slug


@dataclass(frozen=True)
class SiteBrief:
    """A brief as the site shows it; ``fact_sheet`` is the YAML as written, for briefs.json."""

    brief: Brief
    fact_sheet: Any
    has_pdf: bool = True  # False when published with --format html

    @property
    def id(self) -> str:
        return self.brief.id

    @property
    def href(self) -> str:
        """Address relative to the site root (always a file: folders do not open from file://)."""
        return f"{self.brief.id}/index.html"

    @property
    def pdf_href(self) -> str | None:
        return f"{self.brief.id}/{self.brief.id}.pdf" if self.has_pdf else None

    @functools.cached_property  # every listing card shows it: parse the summary once
    def lede(self) -> str:
        return first_sentence(self.brief.summary)

    @property
    def year(self) -> int:
        return self.brief.date.year

    @property
    def all_countries(self) -> tuple[Country, ...]:
        return self.brief.countries + self.brief.context_countries


@dataclass
class Appearance:
    """One person in one brief: what they were called there, and their positions."""

    site_brief: SiteBrief
    participant: Participant
    positions: list[Position]


@dataclass
class PersonEntry:
    slug: str
    participant_id: str
    name: str
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def href(self) -> str:
        return f"participants/{self.slug}.html"

    @property
    def roles(self) -> list[str]:
        return _unique(a.participant.role for a in self.appearances)

    @property
    def countries(self) -> list[Country]:
        seen: dict[str, Country] = {}
        for appearance in self.appearances:
            if appearance.participant.country:
                seen.setdefault(
                    appearance.participant.country.alpha3, appearance.participant.country
                )
        return list(seen.values())

    @property
    def aliases(self) -> list[str]:
        return _unique(alias for a in self.appearances for alias in a.participant.aliases)

    @property
    def position_count(self) -> int:
        return sum(len(a.positions) for a in self.appearances)

    @property
    def quote_count(self) -> int:
        return sum(len(p.quotes) for a in self.appearances for p in a.positions)


@dataclass
class CountryEntry:
    country: Country
    primary: list[SiteBrief] = field(default_factory=list)
    context: list[SiteBrief] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.country.alpha2.lower()

    @property
    def href(self) -> str:
        return f"countries/{self.slug}.html"

    @property
    def brief_count(self) -> int:
        return len(self.primary) + len(self.context)


@dataclass
class TagEntry:
    slug: str
    label: str
    briefs: list[SiteBrief] = field(default_factory=list)

    @property
    def href(self) -> str:
        return f"tags/{self.slug}.html"


@dataclass
class Catalog:
    briefs: list[SiteBrief]
    countries: list[CountryEntry]
    people: list[PersonEntry]
    tags: list[TagEntry]
    person_slugs: dict[tuple[str, str], str]  # (brief id, participant id) → slug

    def person_for(self, brief_id: str, participant_id: str) -> PersonEntry:
        slug = self.person_slugs[(brief_id, participant_id)]
        return next(p for p in self.people if p.slug == slug)

    @property
    def years(self) -> list[int]:
        return sorted({b.year for b in self.briefs}, reverse=True)


def newest_first(briefs: list[SiteBrief]) -> list[SiteBrief]:
    """Newest first; on the same date, by title so the order is stable."""
    by_title = sorted(briefs, key=lambda b: (b.brief.title.casefold(), b.id))
    return sorted(by_title, key=lambda b: b.brief.date.end(), reverse=True)


def build_catalog(site_briefs: list[SiteBrief]) -> Catalog:
    """Group the briefs by country, person and tag; every list newest first."""
    briefs = newest_first(site_briefs)

    countries: dict[str, CountryEntry] = {}
    for item in briefs:
        for country in item.brief.countries:
            countries.setdefault(country.alpha3, CountryEntry(country)).primary.append(item)
        for country in item.brief.context_countries:
            countries.setdefault(country.alpha3, CountryEntry(country)).context.append(item)

    people_by_key: dict[tuple[str, str], PersonEntry] = {}
    for item in briefs:
        for participant in item.brief.participants:
            key = (participant.id, name_key(participant.name))
            entry = people_by_key.setdefault(key, PersonEntry("", participant.id, participant.name))
            positions = [p for p in item.brief.positions if p.actor.id == participant.id]
            entry.appearances.append(Appearance(item, participant, positions))
    names_per_id: dict[str, int] = defaultdict(int)
    for participant_id, _ in people_by_key:
        names_per_id[participant_id] += 1
    used: set[str] = set()
    for (participant_id, key), entry in sorted(people_by_key.items()):
        slug = participant_id
        if names_per_id[participant_id] > 1:  # one id, different people: the name tells them apart
            slug = (
                f"{participant_id}--{slugify(key) or hashlib.sha256(key.encode()).hexdigest()[:8]}"
            )
        while slug in used:
            slug += "-x"
        used.add(slug)
        entry.slug = slug
    person_slugs = {
        (a.site_brief.id, a.participant.id): entry.slug
        for entry in people_by_key.values()
        for a in entry.appearances
    }
    for entry in people_by_key.values():
        for country in entry.countries:
            countries.setdefault(country.alpha3, CountryEntry(country)).people.append(entry)

    tags: dict[str, TagEntry] = {}
    for item in briefs:
        for tag in item.brief.tags:
            entry = tags.setdefault(tag_slug(tag), TagEntry(tag_slug(tag), tag))
            if item not in entry.briefs:
                entry.briefs.append(item)

    people = sorted(people_by_key.values(), key=lambda p: (_sort_name(p.name), p.slug))
    for country_entry in countries.values():
        country_entry.people.sort(key=lambda p: (_sort_name(p.name), p.slug))
    return Catalog(
        briefs=briefs,
        countries=sorted(countries.values(), key=lambda c: _sort_name(c.country.name)),
        people=people,
        tags=sorted(tags.values(), key=lambda t: _sort_name(t.label)),
        person_slugs=person_slugs,
    )


def _sort_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
