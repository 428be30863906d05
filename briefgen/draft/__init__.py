"""Article text -> draft fact sheet, offline and rule-based.

``draft_brief`` reads the article (headline, dateline, Source line), finds the people
and bodies in it, attributes every direct quote, places dated events on a timeline and
lays all of it out as a fact sheet whose unknown values are marked ``FILL IN``.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, replace

from anyascii import anyascii

from briefgen.dates import PartialDate
from briefgen.draft.article import (
    Article,
    dateline_end,
    quote_spans,
    read_article,
    split_sentences,
    uses_single_quotes,
)
from briefgen.draft.dates import find_dates
from briefgen.draft.lexicon import CAPITALS, NEWS_AGENCIES, country_name
from briefgen.draft.people import (
    Cast,
    country_at,
    country_mentions,
    find_cast,
    named_in_passing,
)
from briefgen.draft.quotes import Quote, find_quotes
from briefgen.draft.skeleton import FILL_IN, lay_out, skeleton_values
from briefgen.draft.writer import Markdown, Verbatim, dump_document

__all__ = ["FILL_IN", "Draft", "draft_brief", "skeleton_brief", "source_id_for"]


@dataclass(frozen=True)
class Draft:
    """A fact sheet ready to write, and what the analyst should know about it."""

    document: dict[str, object]
    header: tuple[str, ...]
    notes: tuple[str, ...]

    def yaml(self) -> str:
        return dump_document(self.document, self.header)


def slugify(text: str) -> str:
    """Lowercase ASCII slug from any script: ``Al Jazeera`` -> ``al-jazeera``, ``Næss`` ->
    ``naess``, ``Лавров`` -> ``lavrov``."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def source_id_for(publisher: str | None) -> str:
    """Source id: the publisher's slug (agencies trimmed: "X and news agencies" -> x)."""
    if not publisher:
        return "article"
    name = re.split(r"\s+(?:and|with|&)\s+(?:news\s+)?agencies\b|,|/", publisher)[0]
    return slugify(name) or "article"


def skeleton_brief(brief_id: str, today: dt.date) -> Draft:
    """An empty brief with every section and a guide line for each."""
    header = (
        f"Brief `{brief_id}`, started by `briefgen new` on {today.isoformat()}.",
        "Replace every FILL IN (`briefgen check` lists them); the commented-out",
        "sections are optional examples: uncomment the ones you need.",
    )
    return Draft(lay_out(skeleton_values(today)), header, ())


def _escape_md(text: str) -> str:
    return re.sub(r"([\[\]*_`<>\\])", r"\\\1", text)


def _cite(text: str, source: str) -> Markdown:
    return Markdown(f"{_escape_md(text.strip())} [@{source}]")


def _lead(article: Article) -> str | None:
    """The first sentences of the story, without its dateline."""
    sentences: list[str] = []
    for para in article.body:
        if para.text.lstrip().startswith(("“", '"')):
            continue
        text = para.text[dateline_end(para.text) :]
        for start, end in split_sentences(text):
            sentences.append(text[start:end].strip())
        if len(sentences) >= 2:
            break
    return " ".join(sentences[:3]) or None


def _background_people(
    cast: Cast, paragraphs: list[str], date: PartialDate | None, quotes: tuple[Quote, ...]
) -> list[str]:
    """Keys of people who are never quoted and are founders or named only in sentences
    about earlier years ("soldiers overthrew President X in July 2023", "after Y took office
    in 2016") or in passing ("an ally of President X", "Prime Minister Y’s government"): the
    story's background, not its participants."""
    quoted = {q.speaker for q in quotes}
    background: list[str] = []
    for person in cast.people:
        if person.key in quoted:
            continue
        # "whose founder X won the Nobel prize", "the group's founder, X,": a founder the
        # story does not quote is its history.
        if person.role and person.role.split()[-1].lower() == "founder":
            background.append(person.key)
            continue
        named = [m for m in cast.mentions if m.key == person.key and m.kind == "person"]
        if named and all(
            _about_earlier_years(paragraphs[m.para], m.start, date)
            or named_in_passing(paragraphs[m.para], m.start, m.end)
            for m in named
        ):
            background.append(person.key)
    return background


_DOCUMENT = (
    r"(?:Act|Law|Bill|Constitution|constitution|Agreement|Accords?|Treaty|Convention|Charter"
    r"|Declaration|Code|Decree|Budget|budget|law|treaty)"
)
_DOCUMENT_YEAR = re.compile(
    rf"\b{_DOCUMENT}\s+(?:of\s+)?(?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}\s+{_DOCUMENT}\b"
)


def _about_earlier_years(text: str, at: int, date: PartialDate | None) -> bool:
    """Whether the sentence around ``at`` is dated, and only to years before ``date``."""
    if date is None:
        return False
    for start, end in split_sentences(text):
        if start <= at < end:
            # "President X, who won a second term in June 2023, has ordered …": the clause's
            # date is about X's past, not about what the sentence reports.
            sentence = re.sub(r",\s+(?:who|whose)\b[^,]*,", ",", text[start:end])
            # "the Suppression of Terrorism Act of 2008", "the 2013 constitution": a year in
            # a document's name dates no event.
            sentence = _DOCUMENT_YEAR.sub(" ", sentence)
            found = find_dates(sentence, date)
            # Over a year before the article: "last June" in a February story is not.
            horizon = date.start() - dt.timedelta(days=365)
            return bool(found) and all(m.date.end() < horizon for m in found)
    return False


def _story_country(article: Article, text: str) -> str | None:
    """The country a story is about, for titles the text leaves unqualified ("President
    Lee", "Foreign Minister X"): the dateline's, when the headline or lead names it too, else
    a country the headline opens with."""
    lead_paras = [p.text for p in article.body[:1]]
    named = _codes_in(article.headline) | set().union(*(_codes_in(t) for t in lead_paras))
    if article.dateline_place:
        code = CAPITALS.get(article.dateline_place) or _dateline_country(
            text, article.dateline_place
        )
        if code and code in named:
            return code
    found = country_at(article.headline, 0)
    if found and not re.match(r"^(?:['’]s)?\s*(?:,|and\b|&)", article.headline[found[1] :]):
        return found[0]  # "Moldova opens talks", not "Moldova and Ukraine open talks"
    return None


def _codes_in(text: str) -> set[str]:
    """Countries a text names, by name, demonym or capital."""
    codes = {code for name, code in CAPITALS.items() if re.search(rf"\b{re.escape(name)}\b", text)}
    return codes | {code for code, _, _ in country_mentions(text)}


def _sentence_at(text: str, at: int) -> str:
    return next((text[s:e] for s, e in split_sentences(text) if s <= at < e), text)


def _place_before(text: str, end: int) -> str | None:
    """A capital or country the sentence names before ``end``: "In Tokyo, Chief Cabinet
    Secretary …", "at a briefing in Beijing, spokesperson …"."""
    start = max((s for s, _ in split_sentences(text) if s <= end), default=0)
    prefix = text[start:end]
    hits = [
        (m.start(), code)
        for name, code in CAPITALS.items()
        for m in re.finditer(rf"\b(?i:in|from|to)\s+{re.escape(name)}\b", prefix)
    ]
    return max(hits)[1] if hits else None


# Titles of a national government, whose country a story may leave unsaid; not those of
# international bodies ("Commissioner", "Alliance spokesperson") or of analysts.
_NATIONAL_TITLE = re.compile(
    r"(?i)\b(?:minister|president|premier|chancellor|governor|(?:cabinet|state|foreign|defen[cs]e|home)"
    r"\s+secretary|ministry\s+spokes\w+|army\s+chief|chief\s+of\s+staff)\b"
)


# A state's own institutions, named without the state ("the Interior Ministry").
_STATE_BODY = re.compile(
    r"(?i)\b(?:ministry|police|high\s+court|supreme\s+court|constitutional\s+court|parliament"
    r"|national\s+assembly|senate|central\s+bank|treasury|armed\s+forces|army|navy)\b"
)


def _unqualified_countries(
    cast: Cast, article: Article, paragraphs: list[str], text: str
) -> tuple[Cast, list[str]]:
    """Give people with a national title, and a state's own bodies ("the Interior
    Ministry"), no country of their own the country of the place named before them in the
    sentence, or the story's country; the analyst is told whom this touched."""
    home = _story_country(article, text)
    guessed: list[str] = []

    def country_for(key: str) -> str | None:
        first = next((m for m in cast.mentions if m.key == key), None)
        if first is None:
            return None
        code = _place_before(paragraphs[first.para], first.start)
        if code is None and home:
            # "President X … repeated that Venezuela would …" in a Guyana story: unsure.
            sentence = _sentence_at(paragraphs[first.para], first.start)
            code = home if _codes_in(sentence) <= {home} else None
        return code

    people = []
    for person in cast.people:
        unqualified = not (person.country or person.organization)
        national = _NATIONAL_TITLE.search(person.role or "")
        code = country_for(person.key) if unqualified and national else None
        if code:
            guessed.append(person.name)
            person = replace(person, country=code)
        people.append(person)
    bodies = []
    for body in cast.bodies:
        code = None if body.country or not _STATE_BODY.search(body.name) else country_for(body.key)
        if code:
            guessed.append(body.name)
            body = replace(body, country=code)
        bodies.append(body)
    return replace(cast, people=tuple(people), bodies=tuple(bodies)), guessed


_DESCRIBED_GOVERNMENT = re.compile(r"\b(?:government|cabinet)$")


def _participants(
    cast: Cast, quotes: tuple[Quote, ...]
) -> tuple[dict[str, object], dict[str, str]]:
    """Participants by id, and the id of every speaker key."""
    out: dict[str, object] = {}
    ids: dict[str, str] = {}
    for person in cast.people:
        entry: dict[str, object] = {"name": person.name, "role": person.role or FILL_IN}
        entry["country"] = person.country or (None if person.organization else FILL_IN)
        entry["organization"] = person.organization
        if person.aliases:
            entry["aliases"] = list(person.aliases)
        out[person.key] = {k: v for k, v in entry.items() if v is not None}
        ids[person.key] = person.key
    quoted = {q.speaker for q in quotes if q.speaker_kind == "body"}
    for body in cast.bodies:
        if body.key not in quoted | cast.speaking:
            continue
        # "Fiji’s government has announced …": a country's government, described rather
        # than named, takes part when the story quotes it; an analyst lists it as often
        # as not when it only acts, so the draft leaves it to them.
        if _DESCRIBED_GOVERNMENT.search(body.name) and body.key not in quoted:
            continue
        pid = slugify(body.name)
        while pid in out:
            pid += "-body"
        entry = {"name": body.name, "country": body.country}
        if body.aliases:
            entry["aliases"] = list(body.aliases)
        out[pid] = {k: v for k, v in entry.items() if v is not None}
        ids[body.key] = pid
    return out, ids


def _positions(quotes: tuple[Quote, ...], ids: dict[str, str], source: str) -> list[object]:
    order: list[str] = []
    grouped: dict[str, list[dict[str, object]]] = {}
    for quote in quotes:
        pid = ids.get(quote.speaker)
        if pid is None:
            continue
        if pid not in grouped:
            order.append(pid)
            grouped[pid] = []
        entry: dict[str, object] = {"text": Verbatim(quote.text), "source": source}
        if quote.context:
            entry["context"] = quote.context
        if all(q["text"] != quote.text for q in grouped[pid]):
            grouped[pid].append(entry)
    return [
        {"actor": pid, "stance": FILL_IN, "summary": Markdown(FILL_IN), "quotes": grouped[pid]}
        for pid in order
    ]


def _timeline(article: Article, date: PartialDate | None, source: str) -> list[object]:
    events: list[tuple[PartialDate, str]] = []
    single = uses_single_quotes([p.text for p in article.body])
    for para in article.body:
        text = para.text
        skip = dateline_end(text)
        spans = quote_spans(text, single)
        for start, end in split_sentences(text, spans):
            sentence = text[max(start, skip) : end].strip()
            if not sentence:
                continue
            offset = text.index(sentence, start)
            for mention in find_dates(sentence, date):
                at = offset + mention.start
                quoted = any(s.start <= at < s.end for s in spans)
                word = sentence[mention.start : mention.end].lower()
                if quoted and word in ("today", "yesterday", "tomorrow"):
                    continue
                if (mention.date, sentence) not in events:
                    events.append((mention.date, sentence))
    events.sort(key=lambda e: e[0])
    return [{"date": d, "event": _cite(s, source), "source": source} for d, s in events]


def _actors(cast: Cast, participant_ids: dict[str, str]) -> list[object]:
    actors: list[object] = []
    for code in cast.countries:
        actors.append({"name": country_name(code), "country": code, "role_in_context": FILL_IN})
    for body in cast.bodies:
        if body.key in participant_ids or body.name in NEWS_AGENCIES:
            continue
        entry = {"name": body.name, "country": body.country, "role_in_context": FILL_IN}
        actors.append({k: v for k, v in entry.items() if v is not None})
    return actors


def draft_brief(
    text: str,
    *,
    source_file: str,
    date: PartialDate | None = None,
    publisher: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> Draft:
    """Draft a fact sheet from an article's text; overrides win over what the text says."""
    today = today or dt.date.today()
    article = read_article(text, today)
    notes: list[str] = []
    date = date or article.date
    publisher = publisher or article.publisher
    if article.date_inferred and date is article.date and date is not None:
        notes.append(
            f"the dateline gives no year: dated {date.iso()}, the latest such day up to today "
            "that fits the lead's weekday and the years in the text — check it, or give --date"
        )
    if date is None:
        notes.append(
            "no date found in the article: the brief is dated today, the source undated, and "
            "weekdays or 'last month' are not placed on the timeline (give --date)"
        )
    if publisher is None:
        notes.append("no publisher found (no closing 'Source:' line) — give --publisher")
    source = source_id_for(publisher)
    paragraphs = [p.text for p in article.paragraphs]
    is_body = [p.kind == "body" for p in article.paragraphs]
    cast = find_cast(paragraphs, is_body)
    report = find_quotes(paragraphs, is_body, cast)
    cast, guessed = _unqualified_countries(cast, article, paragraphs, text)
    if guessed:
        notes.append(
            f"country not given for {', '.join(guessed)}: taken from the place "
            "named before them or the story's dateline and headline — check"
        )
    background = _background_people(cast, paragraphs, date, report.quotes)
    if background:
        left_out = [p for p in cast.people if p.key in background]
        cast = replace(cast, people=tuple(p for p in cast.people if p.key not in background))
        notes.append(
            "left out as background (never quoted; founders, and people named only in "
            "sentences dated over a year before the article or in passing, as in 'an ally of "
            "President X', 'Prime Minister X’s government' or 'President X has long argued'): "
            f"{', '.join(p.name for p in left_out)} — add them if they act in the story"
        )
    # A body that acts in a sentence about the story, not about earlier years, takes part.
    acting = {
        m.key for m in cast.acting if not _about_earlier_years(paragraphs[m.para], m.start, date)
    }
    cast = replace(cast, speaking=cast.speaking | acting)
    participants, ids = _participants(cast, report.quotes)
    positions = _positions(report.quotes, ids, source)
    timeline = _timeline(article, date, source)
    if not cast.people:
        notes.append("no named people found — participants left to fill")
    if not positions:
        notes.append("no attributed quotes found — positions left to fill")
    for text_ in report.unattributed:
        notes.append(f"quote with no speaker found, left out: “{text_[:60]}…”")
    unrolled = [p.name for p in cast.people if not p.role]
    if unrolled:
        notes.append(f"role not found for {', '.join(unrolled)} — left to fill")
    silent = [p.name for p in cast.people if p.key not in {q.speaker for q in report.quotes}]
    if silent:
        notes.append(f"no quotes from {', '.join(silent)} — add positions if they matter")
    if not participants:
        participants = skeleton_values(today)["participants"]  # type: ignore[assignment]
    if not positions:
        positions = skeleton_values(today)["positions"]  # type: ignore[assignment]
        first = next(iter(participants))
        positions[0]["actor"] = first  # type: ignore[index]
    lead = _lead(article)
    source_entry: dict[str, object] = {
        "title": article.headline,
        "publisher": publisher,
        "date": date,
        "url": url,
        "file": source_file,
    }
    context: dict[str, object] = {}
    if timeline:
        context["timeline"] = timeline
    actors = _actors(cast, ids)
    if actors:
        context["actors"] = actors
    location = None
    if article.dateline_place:
        location = {"name": article.dateline_place}
        found = _dateline_country(text, article.dateline_place)
        if found:
            location["country"] = found
    values: dict[str, object] = {
        "title": article.headline,
        "date": date if date else today,
        "summary": _cite(lead, source) if lead else Markdown(FILL_IN),
        "participants": participants,
        "positions": positions,
        "context": context or None,
        "location": location,
        "sources": {source: {k: v for k, v in source_entry.items() if v is not None}},
    }
    drafted = f"{today.isoformat()}"
    what = ", ".join(x for x in (publisher, date.iso() if date else None) if x)
    about = f"“{article.headline}”" + (f" ({what})." if what else ".")
    header = (
        f"Drafted by `briefgen new` on {drafted} from {source_file}:",
        *textwrap.wrap(about, 86),
        "Every value below comes from the article; check each one against it.",
        "FILL IN marks what the drafter could not fill (`briefgen check` lists them).",
    )
    return Draft(lay_out(values), header, tuple(notes))


def _dateline_country(text: str, place: str) -> str | None:
    head = text[:400]
    index = head.upper().find(place.upper() + ",")
    if index < 0:
        return None
    rest = head[index + len(place) :]
    match = re.match(r",\s*", rest)
    if not match:
        return None
    found = country_at(rest, match.end())
    return found[0] if found else None
