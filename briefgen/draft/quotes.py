"""Direct quotes and who said them.

Each quotation is attributed from its own sentence first ("X said", "said X", "according
to X", "X was quoted as saying by Y", "he said"), then from the quote before it (a second
quoted sentence, a quote running on over paragraphs). A short quotation with no one
saying it is a scare quote ("terrorism") and is left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.draft.article import QuoteSpan, quote_spans, split_sentences, uses_single_quotes
from briefgen.draft.lexicon import NEWS_AGENCIES, ROLE_HEADS, ROLE_MODIFIERS
from briefgen.draft.people import REPORTING_VERBS, Cast, Mention

_CUE = re.compile(
    r"\b[Aa]ccording\s+to\b|\b(?:was|is|were|being)\s+quoted\s+as\s+saying\b"
    r"|\bquoted\s+as\s+saying\b|\b(?:" + REPORTING_VERBS + r"|went\s+on)\b"
)
_TERM_BEFORE = re.compile(
    r"\bwhat\s+(?:\w+\s+){1,3}(?:called|calls|call|termed|terms|dubbed|describes\s+as"
    r"|described\s+as|referred\s+to\s+as)\s*$"
)
# Between "said" and its speaker only titles may stand: "said Kremlin spokesman Pavel Orlov".
_INVERTED_GAP = re.compile(r"^[\s,]*((?:[\w’'.-]+,?\s+){0,6}?)$")
_CONTEXTS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\bquoted\s+(?:as\s+saying\s+)?by\s+(?:the\s+)?(?P<x>[^,_.;]+?)(?=\s+that\b|\s+as\b|[,.;_]|$)"
        ),
        "quoted by {x}",
    ),
    (
        re.compile(r"\bin\s+an?\s+(?P<x>tweet|post\s+on\s+(?:X|Twitter|Telegram|Facebook))\b"),
        "in a {x}",
    ),
    (
        re.compile(
            r"\b(?:wrote|posted|said)\s+on\s+(?P<x>social\s+media|X|Twitter|Telegram|Facebook|Instagram)\b"
        ),
        "on {x}",
    ),
    (
        re.compile(r"\bon\s+(?P<x>social\s+media|state\s+television|state\s+TV|television)\b"),
        "on {x}",
    ),
    (
        re.compile(
            r"\btold\s+(?P<x>reporters|journalists|lawmakers|parliament|the\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
        ),
        "told {x}",
    ),
    (
        re.compile(
            r"\b[Ii]n\s+an?\s+(?P<x>(?:joint\s+|written\s+)?statement|interview(?:\s+with\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
            r"|speech|televised\s+address|video\s+address|press\s+release|letter|briefing|news\s+conference|press\s+conference)\b"
        ),
        "in a {x}",
    ),
    (
        re.compile(
            r"\b(?:at|during)\s+an?\s+(?P<x>news\s+conference|press\s+conference|briefing)\b"
        ),
        "at a {x}",
    ),
    (re.compile(r"\b(?P<x>in\s+parliament)\b"), "{x}"),
    (
        re.compile(
            r"\b[Ss]peaking\s+to\s+(?P<x>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|reporters)"
        ),
        "speaking to {x}",
    ),
    (
        re.compile(
            r"\btold\s+an?\s+(?P<x>(?:regular\s+|daily\s+|weekly\s+)?(?:news\s+|press\s+)?(?:briefing|conference))"
        ),
        "at a {x}",
    ),
]


_ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS


@dataclass(frozen=True)
class Quote:
    """A direct quote, verbatim, with its speaker (a person or body key) and how it was said."""

    text: str
    speaker: str
    speaker_kind: str  # "person" or "body"
    context: str | None
    para: int
    start: int


@dataclass(frozen=True)
class QuoteReport:
    quotes: tuple[Quote, ...]
    unattributed: tuple[str, ...]  # quotations of some length with no speaker found


def _mask(text: str, spans: Sequence[QuoteSpan]) -> str:
    chars = list(text)
    for span in spans:
        for k in range(span.start, span.end):
            chars[k] = "_"
    return "".join(chars)


def _context(sentence: str) -> str | None:
    for pattern, template in _CONTEXTS:
        match = pattern.search(sentence)
        if not match:
            continue
        value = " ".join(match["x"].split())
        if template.startswith("quoted by"):
            words = value.split()
            agency = next(
                (w for w in words if w in NEWS_AGENCIES or (w.isupper() and len(w) > 1)), None
            )
            if agency:
                value = agency
            else:
                caps = re.findall(r"(?:[A-Z][\w’'-]*\s?)+", value)
                if caps:
                    value = "the " + caps[-1].strip()
        return re.sub(r"\ba (?=[aeiouAEIOU])", "an ", template.format(x=value))
    return None


_BODY_WORDS = frozenset(
    {"ministry", "it", "group", "organisation", "organization", "movement", "militia", "rebels"}
    | {"company", "agency", "charity", "coast guard", "committee", "commission", "council"}
    | {"embassy", "army", "military", "board", "firm", "bank", "fund", "party", "union"}
)
# "the group said" stands for the last body named; "the committee said" for the last
# body whose name has "committee" in it.
_ITS_PEOPLE = re.compile(
    r"\s+(?:officials|executives|staff|members|workers|leaders|representatives|inspectors"
    r"|engineers|lawyers|negotiators)\b"
)
_ANY_BODY_WORDS = frozenset(
    {"it", "group", "organisation", "organization", "movement", "militia", "rebels", "agency"}
    | {"charity", "company", "firm", "bank", "fund", "party", "union"}
)
_PUBLIC_BODY = re.compile(
    r"(?i)\b(?:ministry|government|police|army|military|navy|court|council|commission|union"
    r"|parliament|assembly|nations|embassy|office|agency|bank|fund|forces|centre|center"
    r"|tribunal|organi[sz]ation|ICSID)\b"
)
# Verbs whose speaker may follow them ("said Lavrov"); after "blamed", "urged" or "accused"
# a name is the object.
_INVERTIBLE = re.compile(
    r"(?i)^(?:said|says|added|wrote|writes|asked|continued|insisted|stressed|warned|noted"
    r"|explained|replied|responded|cautioned|recalled|countered|observed|remarked|declared"
    r"|stated|announced|argued|tweeted|posted|told|according\s+to|went\s+on)$"
)


class _Resolver:
    """Turns a mention (name, pronoun, "the ministry") into the key of who it stands for."""

    def __init__(
        self, cast: Cast, inside_quote: set[tuple[int, int]], paragraphs: Sequence[str] = ()
    ) -> None:
        self.cast = cast
        self.paragraphs = paragraphs
        self.named = {(m.para, m.start): m for m in cast.mentions if m.kind == "person"}
        self.people = {p.key: p for p in cast.people}
        self.bodies = {b.key: b for b in cast.bodies}
        named = [
            m for m in cast.mentions if m.kind == "person" and (m.para, m.start) not in inside_quote
        ]
        self.person_positions = [(m.para, m.start) for m in named]
        self.person_keys = [m.key for m in named]
        # "“… a threat to US Navy vessels”, it said": a body named inside a quote is no
        # antecedent.
        self.body_mentions = [
            m for m in cast.mentions if m.kind == "body" and (m.para, m.start) not in inside_quote
        ]

    def _previous_subject(self, mention: Mention) -> str | None:
        """ "Ebrard is due to meet Greer and Lutnick. He said …": a pronoun in a sentence that
        names nobody before it stands for the previous sentence's subject, its first named
        person."""
        if not self.paragraphs:
            return None
        text = self.paragraphs[mention.para]
        # From the start of the pronoun's sentence: "He said he …" has no name before "he".
        bounds = split_sentences(text)
        opening = next((b[0] for b in bounds if b[0] <= mention.start < b[1]), 0)
        named_before = [
            at
            for p, at in self.person_positions
            if p == mention.para and opening <= at < mention.start
        ]
        if named_before:
            return None
        head = text[:opening]
        para, before = mention.para, head
        if not before.strip():
            para -= 1
            if para < 0:
                return None
            before = self.paragraphs[para]
        bounds = [b for b in split_sentences(before) if before[b[0] : b[1]].strip()]
        outside = set(self.person_positions)
        # "Dodik is accused of …. He was indicted …. He has denied it and called the case
        # “…”": a sentence that opens with a pronoun hands on the subject before it.
        for start, end in list(reversed(bounds))[:3]:
            people = [
                m
                for (p, at), m in self.named.items()
                if p == para and start <= at < end and (p, at) in outside
            ]
            if people:
                return min(people, key=lambda m: m.start).key
            if not re.match(r"\s*(?:He|She)\b", before[start:end]):
                return None
        return None

    def resolve(self, mention: Mention) -> tuple[str, str] | None:
        if mention.kind == "person":
            return mention.key, "person"
        if mention.kind == "body":
            return mention.key, "body"
        if mention.kind == "pronoun":
            subject = self._previous_subject(mention)
            if subject:
                return subject, "person"
            i = bisect.bisect_left(self.person_positions, (mention.para, mention.start))
            return (self.person_keys[i - 1], "person") if i else None
        if mention.kind == "anaphor":
            where = (mention.para, mention.start)
            if mention.word in _BODY_WORDS:
                # "the ministry said": the last ministry; "the group said": the last body.
                specific = mention.word not in _ANY_BODY_WORDS
                # "TotalEnergies said …. The company said …": a body that spoke just before in
                # the paragraph.
                spoke = [
                    m
                    for m in self.body_mentions
                    if m.para == mention.para
                    and m.start < mention.start
                    and m.key in self.cast.speaking
                    # not "summon Nersa officials": the body's people, not the body
                    and not _ITS_PEOPLE.match(
                        self.paragraphs[m.para] if self.paragraphs else "", m.end
                    )
                ]
                if spoke and not specific:
                    return spoke[-1].key, "body"
                # "the agency said": an agency named before, if any; else any body.
                named = [
                    m
                    for m in self.body_mentions
                    if (m.para, m.start) < where and mention.word in self.bodies[m.key].name.lower()
                ]
                if named and mention.word != "it":
                    specific = True
                before = [
                    m
                    for m in self.body_mentions
                    if (m.para, m.start) < where
                    and (not specific or mention.word in self.bodies[m.key].name.lower())
                    # "the company said": any body but a state's or a bloc's
                    and not (
                        mention.word in ("company", "firm")
                        and _PUBLIC_BODY.search(self.bodies[m.key].name)
                    )
                ]
                # "the ELN blamed … and accused the FARC dissidents …. “…,” the group said":
                # a body that speaks in the story over one only named near it.
                near = [m for m in before if m.para >= mention.para - 2]
                talking = [m for m in near if m.key in self.cast.speaking]
                chosen = (talking or before)[-1:]
                return (chosen[0].key, "body") if chosen else None
            i = bisect.bisect_left(self.person_positions, where)
            for key in reversed(self.person_keys[:i]):
                role = (self.people[key].role or "").lower()
                if mention.word in role:
                    return key, "person"
        return None


def find_quotes(paragraphs: Sequence[str], is_body: Sequence[bool], cast: Cast) -> QuoteReport:
    """Every direct quote in the body paragraphs, attributed where the text allows."""
    by_para: dict[int, list[Mention]] = {}
    for mention in cast.mentions:
        by_para.setdefault(mention.para, []).append(mention)
    inside: set[tuple[int, int]] = set()
    single = uses_single_quotes(list(paragraphs))
    all_spans = {i: quote_spans(t, single) for i, t in enumerate(paragraphs)}
    for i, spans in all_spans.items():
        for m in by_para.get(i, []):
            if any(s.start <= m.start < s.end for s in spans):
                inside.add((m.para, m.start))
    resolver = _Resolver(cast, inside, paragraphs)
    quotes: list[Quote] = []
    unattributed: list[str] = []
    last: tuple[str, str] | None = None  # speaker of the previous quote
    run_on: tuple[str, str] | None = None  # speaker of a quote left open at paragraph end
    quoted_by: dict[str, str] = {}
    last_context: str | None = None
    for index, text in enumerate(paragraphs):
        if not is_body[index]:
            continue
        spans = all_spans[index]
        if not spans:
            run_on = None
            last = None if index and not _quote_only(paragraphs[index - 1]) else last
            continue
        masked = _mask(text, spans)
        mentions = [m for m in by_para.get(index, []) if (m.para, m.start) not in inside]
        previous_in_para: tuple[str, str] | None = None
        previous_sentence: tuple[int, int] | None = None
        for s_start, s_end in split_sentences(text, spans):
            sentence = masked[s_start:s_end]
            lead_in, previous_sentence = previous_sentence, (s_start, s_end)
            in_sentence = [sp for sp in spans if s_start <= sp.start < s_end]
            if not in_sentence:
                continue
            cues = [
                (s_start + m.start(), s_start + m.end(), m.group(0))
                for m in _CUE.finditer(sentence)
            ]
            context = _context(sentence)
            for span in in_sentence:
                words = len(text[span.inner_start : span.inner_end].split())
                if words <= 3 and _TERM_BEFORE.search(masked[s_start : span.start]):
                    continue  # "what it called “clearance operations”": a term, not a quote
                speaker = _attribute(span, cues, mentions, masked, s_start, s_end, resolver)
                how = context
                if speaker is None and span.start == 0 and run_on:
                    speaker, how = run_on, how or last_context
                elif speaker is None and previous_in_para:
                    speaker, how = previous_in_para, how or last_context
                elif speaker is None and span.start == 0 and last and _quote_only(text):
                    speaker = last
                elif speaker is None and lead_in and not cues and _alone(sentence):
                    # "Keller was blunt. “…”": the quote is the previous sentence's subject's.
                    speaker = _opening_subject(mentions, masked, *lead_in, resolver)
                if speaker is None or (not cues and speaker is None):
                    words = len(text[span.inner_start : span.inner_end].split())
                    if words >= 6:
                        unattributed.append(text[span.inner_start : span.inner_end].strip())
                    continue
                if how and how.startswith("quoted by"):
                    quoted_by[speaker[0]] = how
                elif how is None and re.search(r"\bquoted\s+as\s+saying\b", sentence):
                    how = quoted_by.get(speaker[0])
                body = _quote_text(text, span)
                if not body:
                    continue
                quotes.append(Quote(body, speaker[0], speaker[1], how, index, span.inner_start))
                previous_in_para = speaker
                last, last_context = speaker, how
        run_on = last if not spans[-1].closed else None
    return QuoteReport(tuple(quotes), tuple(unattributed))


def _alone(sentence: str) -> bool:
    """A sentence that is nothing but a quotation (masked as underscores)."""
    return not sentence.replace("_", "").strip(" .,;:!?—–-")


def _opening_subject(
    mentions: list[Mention], masked: str, start: int, end: int, resolver: _Resolver
) -> tuple[str, str] | None:
    """The person or body a quote-free sentence opens with ("Opposition leader Maria Keller
    was blunt."), if only titles stand before it."""
    if "_" in masked[start:end]:
        return None
    inside = sorted((m for m in mentions if start <= m.start < end), key=lambda m: m.start)
    if not inside or not _title_gap(masked[start : inside[0].start]):
        return None
    return resolver.resolve(_titled_person(inside, masked))


def _quote_only(text: str) -> bool:
    return text.lstrip().startswith(("“", '"', "‘", "'"))


def _quote_text(text: str, span: QuoteSpan) -> str:
    body = text[span.inner_start : span.inner_end].strip()
    return body.rstrip(",").rstrip()


def _title_gap(gap: str) -> bool:
    """True when only titles, honorifics or an article stand between a verb and a name."""
    match = _INVERTED_GAP.match(gap)
    if not match or "_" in gap:
        return False
    for word in match.group(1).replace(",", " ").split():
        bare = re.sub(r"['’]s?$", "", word)
        # "said the country's defence minister, Ahn Gyu-back"
        if word.lower() in ("the", "a", "an", "its", "his", "her", "their") or bare[:1].isupper():
            continue
        if bare.lower() in ("country", "nation", "government", "region"):
            continue
        if word.lower() not in _ROLE_WORDS and word.lower().rstrip("s") not in _ROLE_WORDS:
            return False
    return True


def _titled_person(mentions: list[Mention], masked: str) -> Mention:
    """The first of ``mentions``, or the person right after it when the first names that
    person's title: a body ("Kremlin spokesman Dmitry Peskov", "EU chief Kaja Kallas") or
    someone the title belongs to ("President Vladimir Putin’s spokesman, Dmitry Peskov",
    "Mlambo’s neighbour, Rutendo Sibanda")."""
    first = mentions[0]
    if len(mentions) < 2 or mentions[1].kind != "person":
        return first
    gap = masked[first.end : mentions[1].start]
    if first.kind == "body" and _title_gap(gap):
        return mentions[1]
    owned = re.match(r"[’']s\s+(\S.*)$", gap)
    if first.kind == "person" and owned and _title_gap(owned.group(1)):
        return mentions[1]
    # "Amnesty International’s regional director for East and Southern Africa, Tigere
    # Chagutah, called …", "The company’s chief executive, American entrepreneur X, said":
    # the body's officer, after the title's region or a description.
    officer = re.fullmatch(
        r"[’']s\s+([a-z][a-z -]*?)(?:\s+(?:for|in)\s+[A-Z][^_,;]{0,60})?,"
        r"\s+(?:[A-Za-z-]+\s+){0,3}",
        gap,
    )
    if first.kind in ("body", "anaphor") and officer and _title_gap(officer.group(1) + ", "):
        return mentions[1]
    return first


def _attribute(
    span: QuoteSpan,
    cues: list[tuple[int, int, str]],
    mentions: list[Mention],
    masked: str,
    s_start: int,
    s_end: int,
    resolver: _Resolver,
) -> tuple[str, str] | None:
    def distance(cue: tuple[int, int, str]) -> int:
        # "According to X, …" opening the sentence governs every quote in it.
        if cue[2].lower().startswith("according") and not masked[s_start : cue[0]].strip():
            return -1
        if cue[0] >= span.end:
            return cue[0] - span.end
        return max(0, span.start - cue[1])

    for cue in sorted(cues, key=distance):
        speaker = _subject(cue, mentions, masked, s_start, s_end, resolver, span)
        if speaker:
            return speaker
    return None


def _subject(
    cue: tuple[int, int, str],
    mentions: list[Mention],
    masked: str,
    s_start: int,
    s_end: int,
    resolver: _Resolver,
    span: QuoteSpan,
) -> tuple[str, str] | None:
    start, end, word = cue
    after = [m for m in mentions if end <= m.start < s_end]
    before = [m for m in mentions if s_start <= m.start and m.end <= start]
    inverted = None
    if (
        after
        and _INVERTIBLE.match(" ".join(word.split()))
        and _title_gap(masked[end : after[0].start])
    ):
        # "according to Kremlin spokesman Dmitry Peskov": the person, not the body.
        inverted = _titled_person(after, masked)
    if word.lower().startswith("according"):
        return resolver.resolve(inverted) if inverted else None
    if before and re.search(r"\band\s+$", masked[s_start:start]):
        # "He recalled that …, and said …": the speaker is the clause's subject.
        # "EU foreign policy chief Kaja Kallas …": the person the body's title belongs to.
        first = _titled_person(sorted(before, key=lambda m: m.start), masked)
        return resolver.resolve(first)
    if before and re.match(r"(?i:saying|adding|accusing|arguing|warning|noting)\b", word):
        # "S&P cut Petroperu deeper into junk, saying …": the participle's subject is the
        # sentence's, not the last name before it.
        ordered = sorted(before, key=lambda m: m.start)
        earlier_cue = _CUE.search(masked[s_start:start])  # "Mbengue said, adding …"
        if (
            not earlier_cue
            and re.search(r",\s*$", masked[s_start:start])
            and len(masked[s_start : ordered[0].start].strip()) <= 40
        ):
            return resolver.resolve(_titled_person(ordered, masked))
    left = None
    # "X, head of Russia's Federal Agency for Fishery, was quoted": skip the appositive.
    appositive = re.search(r",[^,_]{1,120},\s*$", masked[s_start:start])
    if appositive:
        opening = s_start + appositive.start()
        # "X, the IMF's mission chief, said", "The Office, which Schmidt heads, said": the
        # one named right before the appositive, not the one inside it.
        named_before = [m for m in before if m.end <= opening]
        # "the director of the Holy See Press Office, Matteo Bruni, told": when the
        # appositive is a person's name, that person is the subject.
        named_inside = [m for m in before if m.start > opening and m.kind == "person"]
        is_name = named_inside and not re.sub(
            r"[\s,]",
            "",
            masked[opening : named_inside[0].start] + masked[named_inside[0].end : start],
        )
        if named_before and not masked[named_before[-1].end : opening].strip() and not is_name:
            before = named_before
        elif re.match(r",\s+(?:controlled|owned|backed|run|led|founded|based)\b", appositive[0]):
            # "The company, controlled by China Minmetals Corp., said": not the owner.
            before = [m for m in before if m.end <= opening]
    # "“…,” Diamantino Azevedo, the minister of mineral resources, oil and gas, told …": a
    # person before an appositive that has commas of its own.
    people_before = [m for m in before if m.kind == "person"]
    if people_before and re.fullmatch(r",[^_;]{1,160},\s*", masked[people_before[-1].end : start]):
        before = [m for m in before if m.end <= people_before[-1].end]
    if before:
        candidate = max(before, key=lambda m: m.end)
        # "Edward Gemayel, the IMF's mission chief, said …": the body is in his appositive.
        owner = [
            m
            for m in before
            if m.kind == "person"
            and m.end <= candidate.start
            and re.fullmatch(r",\s+(?:the\s+|a\s+|an\s+)?", masked[m.end : candidate.start])
        ]
        if candidate.kind == "body" and owner:
            candidate = owner[-1]
        gap = masked[candidate.end : start]
        # A relative clause or appositive may run long: ", whose government will host …,".
        clause = re.fullmatch(r",\s*(?:who|whose|which|the|a|an)\b[^_;]{0,220},\s*", gap)
        if "_" not in gap and (len(gap) <= 120 or clause):
            left = candidate
    just_after_quote = masked[span.end : start].strip(" ,") == "" and start >= span.end
    order = [inverted, left] if just_after_quote else [left, inverted]
    for mention in order:
        if mention is not None:
            speaker = resolver.resolve(mention)
            if speaker:
                return speaker
    return None
