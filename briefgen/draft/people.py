"""Who is in the story: named people with their roles and countries, and the bodies that speak.

Rules, not a model: a run of capitalised words is a person when the text gives it a
role ("Russian Foreign Minister Sergey Lavrov", "Finland's foreign minister, Aino
Lehtonen") or makes it speak ("Lavrov said"). Spellings of one surname are one person;
the others become aliases ("Sergei"/"Sergey", "Mevlut"/"Mevlüt").
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from anyascii import anyascii

from briefgen.countries import lookup_country
from briefgen.draft.article import dateline_end, quote_spans, uses_single_quotes
from briefgen.draft.lexicon import (
    ADJECTIVE_OF,
    BODY_COUNTRY,
    CAPITALS,
    DEMONYMS,
    FUNCTION_WORDS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    ORG_HEADS,
    ORGANIZATIONS,
    REGION_AND_FAITH_WORDS,
    RELATIONS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SENTENCE_OPENERS,
    WEEKDAYS,
    country_names,
    fold,
    known_bodies,
)

MentionKind = Literal["person", "body", "pronoun", "anaphor"]

# Verbs that introduce what someone said; quotes.py's cues are built from the same list.
REPORTING_VERBS = (
    r"said|says|say|told|tells|added|adding|wrote|writes|tweeted|posted|stressed|insisted"
    r"|warned|noted|declared|stated|announced|argued|urged|explained|replied|responded|asked"
    r"|continued|cautioned|emphasi[sz]ed|underlined|acknowledged|admitted|conceded|claimed"
    r"|vowed|pledged|described|dismissed|rejected|accused|saying|called|promised|predicted"
    r"|recalled|suggested|complained|charged|countered|observed|remarked|affirmed|reiterated"
    r"|repeated|repeat|repeating|blamed|hailed|accusing|recommended|demanded"
    r"|confirmed|denied|hoped|welcomed|condemned|criticised|criticized|praised|thanked"
)
# After a name, also "expressed", "told reporters", "was quoted" make its owner speak.
SPEECH_VERBS = REPORTING_VERBS + r"|expressed|quoted|told\s+\w+|was\s+quoted|is\s+quoted"
# Not "have continued to spread": a verb followed by "to" is not speech.
_SPEAKS_AFTER = re.compile(
    # "… Operations (UKMTO) agency said": an abbreviation and the kind of body may follow.
    r"^(?:['’]s?)?(?:\s*\([^()“”]{1,40}\))?(?:\s+(?:[a-z]+\s+)?(?:agency|group|company|office"
    r"|militia|movement|party|organi[sz]ation|network|commission|union|confederation|federation"
    r"|coalition|alliance|association))?"
    r"\s*(?:,[^,“”\"]{1,90},\s*)?(?:(?:also|later|then|has|had|have|was|is|were"
    r"|again|previously|earlier|once|recently|repeatedly|on\s+\w+)\s+)*(?:" + SPEECH_VERBS + r")\b"
    r"(?!\s+to\s+(?!reporters|journalists|the\s+press|parliament|lawmakers))"
    r"(?!\s+(?:his|her|their)\s+resignation)"  # an event, not something said
)
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|[Aa]ccording\s+to|added|wrote)\s+(?:the\s+)?$")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?(?:['’]s)?|[^\W\d_]")
# "al-Sabah", "bin-Salman", and "d’Abreu" (of "Ricardo Viegas d’Abreu")
_NAME_PREFIX = re.compile(
    r"^(?:(?:al|el|ad|as|ash|an|ar|at|az|ibn|bin|abu)-[^\W\d_]|(?-i:d[’'][A-Z]))", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['’]s?$")
# One portfolio in an official ministry name: "Energy", "Water Resources", "European Affairs".
_PORTFOLIO = (
    r"[A-Z]\w+(?:\s+(?:Affairs|Resources|Development|Cooperation|Relations|Security|Protection"
    r"|Planning|Policy|Integration|Industry|Trade|Climate|Change|Reduction|Alleviation|Reform"
    r"|Works|Services|Welfare|Management|Economy|Finance|Transport|Communications|Technology"
    r"|Tourism|Culture|Fisheries|Petroleum|Mining|Mines|Minerals|Environment|Housing"
    r"|Infrastructure|Innovation|Education|Health|Energy|Investment|Commerce|Affairs"
    r"|Defence|Defense|Justice|Labour|Labor|Employment|Agriculture|Transformation|Training"
    r"|Vocational))*"
)
_MINISTRY_KINDS = (
    r"[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior|[Ff]inance|[Ee]conomy|[Hh]ealth|[Jj]ustice"
    r"|[Tt]rade|[Ee]nergy|[Ww]ater|[Ee]ducation|[Aa]griculture|[Ii]nformation"
    r"|[Ee]nvironment|[Ll]abou?r|[Tt]ransport|[Tt]ourism|[Mm]ining|[Mm]ines|[Pp]etroleum"
    r"|[Ff]isheries|[Hh]ousing|[Ii]ndustry|[Cc]ommerce|[Oo]il|[Pp]ower|[Ee]lectricity"
    r"|[Pp]lanning|[Ii]mmigration|[Cc]ommunications|[Cc]ulture"
)
_MINISTRY_KIND = re.compile(_MINISTRY_KINDS)
_MINISTRY = re.compile(
    r"(?:\b(?P<the>the|The)\s+)?(?:(?P<who>(?:[A-Z][\w.]*(?<!\.)\s)?[A-Z][\w.]*?)(?P<poss>['’]s)?\s+)?"
    # "Sudan’s Energy and Oil Ministry"
    r"(?P<kind>(?:" + _MINISTRY_KINDS + r")(?:\s+and\s+[A-Z][a-z]+)?\s+)?"
    r"(?:[Mm]inistry|(?<=[Ff]oreign\s)[Oo]ffice)\b(?:\s+(?:of|for)\s+(?:the\s+)?(?P<of>Foreign\s+Affairs|Defen[cs]e|"
    + _PORTFOLIO
    + r"(?:(?:,\s+|,?\s+and\s+)"
    + _PORTFOLIO
    + r"){0,3}))?"
)
_BODY_PART = re.compile(
    r"\s+(?:(?!(?:its|their|own|his|her)\b)[a-z]+(?<!ed)\s+){0,3}(?:office|agency|mission"
    r"|commission|refugee\s+agency|team|panel"
    r"|investigators|monitors)\b"
)
_DEFINED_ACRONYM = re.compile(
    r"(?P<name>[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'-]+|and|of|for|the|on|&|ng|project|group"
    r"|network|movement|front|institute|centre|center|de|del|la|des|du|di|da|do|y|et)){1,8})"
    r"\s+\((?P<acr>[A-Z][A-Za-z]{1,9})\)"
)
# "Argentina's central bank", "Taiwan's coast guard", "the Chinese coast guard".
_NATIONAL_BODY = re.compile(
    r"\b(?!The\s)(?P<who>[A-Z][\w.]+(?:(?<!\.)\s[A-Z][\w.]+)?)(?:['’]s)?\s+(?P<what>(?i:central\s+bank"
    r"|coast\s+guard|navy|air\s+force|armed\s+forces|election\s+commission|military|army"
    r"|police|embassy|senate|parliament|congress|customs(?:\s+administration)?"
    r"|tax\s+(?:agency|authority|administration)|constitutional\s+court|supreme\s+court"
    r"|government|cabinet"
    r")(?:\s+in\s+[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)?)\b(?!\s+[A-Z]|['’]s\b)"
)
# Capitalised adjectives that open a body's name ("European Court of Human Rights",
# "African Export-Import Bank") though they open no person's.
_NAME_ADJECTIVES = REGION_AND_FAITH_WORDS | {"Islamic", "State"}
# Title words that also open the names of offices: "General Directorate", "Special Tribunal".
_OFFICE_ADJECTIVES = frozenset({"General", "Special", "Foreign", "Chief"})
# "The German charity Sea-Watch said": a body introduced by what it is.
_KIND_THEN_NAME = re.compile(
    r"\b(?:charity|rights\s+group|campaign\s+group|aid\s+group|group|organi[sz]ation|NGO|firm"
    r"|company|think\s+tank|agency)\s+(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3})"
)
# What a body is, as an appositive says it: "Meridiam, the French infrastructure investor".
_BODY_NOUNS = (
    r"company|firm|group|bank|lender|insurer|charity|organi[sz]ation|agency|party|movement"
    r"|militia|network|consortium|fund|association|union|coalition|alliance|institute"
    r"|think\s+tank|utility|manufacturer|broadcaster|newspaper|conglomerate|giant|NGO"
    r"|venture|subsidiary|affiliate|unit|arm|start-?up"
    # a person may be one of these too ("a furnace operator"): only after a one-word name
    r"|(?P<either>investor|miner|producer|operator|developer|trader|maker|exporter|carrier)"
)
# "Meridiam, the French infrastructure investor leading the consortium, said", "PT Vale
# Indonesia, which operates a mine, said": a name the appositive shows to be a body.
_NAME_THEN_KIND = re.compile(
    r"(?<![\w’'.-])(?P<name>(?:[A-Z]{2,4}\s)?[A-Z][\w’'&-]+"
    r"(?:\s(?:(?:di|de|del|della|da|do|dos|du|des|la|le|van|von)\s)?[A-Z][\w’'&.-]+){0,3})"
    r"(?:\s+\([^()]{1,40}\))?,\s+"
    r"(?:(?:the|a|an)\s+(?P<kind>(?:(?!(?:at|of|for|in|with|from|on|to|by|and)\s)[\w’'-]+\s+){0,4}?)"
    r"(?:" + _BODY_NOUNS + r")\b(?!['’])|which\b)"
)
_PORTFOLIO_APPOSITIVE = re.compile(
    r",\s+the\s+(?P<role>(?:[a-z-]+\s+){0,2}(?:minister|secretary|director|head|chief|governor"
    r"|commissioner)\s+(?:of|for)\s+[a-z][^“”.;,]*(?:,\s+[a-z][^“”.;,]*)+?),\s+(?:also\s+)?"
    r"(?:" + REPORTING_VERBS + r")\b"
)
# "EcoPeace, a group of Jordanian, Palestinian and Israeli environmentalists, urged …"
_LONG_APPOSITIVE_SPEAKS = re.compile(
    r",[^“”.;]{1,200}?,\s+(?:also\s+)?(?:" + REPORTING_VERBS + r")\b(?!\s+to\b)"
)
# "A spokesman for DP World said": the body a spokesperson speaks for.
_SPOKESMAN_FOR = re.compile(
    r"\b[Ss]pokes(?:man|woman|person)\s+for\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w&’'.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&’'.-]*){0,5})"
)
_NAME_WITH_THE = re.compile(r"\b(?<![Tt]he\s)[A-Z][a-z]+ the [A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3}")
# "MMG Ltd.", "PT Vale Indonesia", "Acme Holdings": a company by its legal form.
_COMPANY = re.compile(
    r"\b(?:(?:PT|PJSC|JSC)\s+[A-Z][\w&’'-]+(?:\s[A-Z][\w&’'-]+){0,3}"
    # "Druk Holding and Investments Ltd.": one company, "and" inside its name
    r"|[A-Z][\w&’'-]+(?:\s[A-Z][\w&’'-]+){0,3}(?:\s+and\s+[A-Z][\w&’'-]+)?"
    r"\s+(?:Ltd\.?|Limited|Inc\.?|Plc|PLC|plc|Corp\.?"
    r"|LLC|S\.A\.|SA|AG|N\.V\.|GmbH|S\.p\.A\.|Holdings|Industries)"
    # "Hengyi Industries Sdn. Bhd.", "Hvalur hf.", "Equinor ASA": other countries' forms
    r"(?:\s+(?:Sdn\.?(?:\s+Bhd\.?)?|Bhd\.?))?"
    r"|[A-Z][\w&’'-]+(?:\s[A-Z][\w&’'-]+){0,3}\s+(?:Sdn\.?(?:\s+Bhd\.?)?|Bhd\.?|hf\.|ASA|Oyj|Tbk))"
    r"(?![\w])"
)
# A single-word name written CamelCase or hyphenated ("TotalEnergies", "Sea-Watch").
_ONE_WORD_NAME = re.compile(r"(?<![\w’'-])([A-Z][a-z]+(?:[A-Z]|-[A-Z])[A-Za-z-]+)(?![\w-])")
# "the ministry", "The Commission said": not "the Commission President Ursula …".
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?P<word>(?i:ministry|group|organi[sz]ation|movement|militia|rebels|company"
    r"|agency|charity|coast\s+guard|committee|commission|council|embassy|army|military|board|firm"
    r"|bank|fund|party|union"
    r"|minister|president|spokesman|spokeswoman|spokesperson|governor|mayor|commander|director"
    r"|chairman|chairwoman|prosecutor"
    r"|envoy|premier|prime\s+minister|chancellor|ambassador))\b(?!['’]?\s+[A-Z])"
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_AGED = re.compile(r"\b[Tt]he\s+\d{1,3}-year-old\b(?:\s+(?!(?:" + SPEECH_VERBS + r")\b)[a-z]+)?")
_PRONOUN_QUOTE = re.compile(
    r"[”\"],?\s+(?:he|she)\s+(?:said|added|says|told|explained)\b"
    r"|\b(?:[Hh]e|[Ss]he)\s+(?:said|added|says|told\s+\w+)\b[^.“”\"]{0,120}[“\"]"
)
# "it said" after a body's quote stands for the body last named.
_IT_SAID = re.compile(
    r"\b[Ii]t\s+(?=(?:said|added|says|stated|noted|warned|stressed|called|described|urged)\b)"
)
_NOT_NAME = frozenset(
    """United Nations States Republic Kingdom Islamic Democratic Federation News Press Arab
    Union Emirates Council Minister Ministry Foreign Affairs Agency Department Office League
    Party Army Forces Front Movement Bank Fund Programme Organization Organisation Court
    Declaration Accord Accords Agreement Treaty Protocol Convention Charter Summit Conference
    Initiative Process Times Post Herald Tribune Gazette Journal Observer Telegraph""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Person:
    """A named person in the story, as the draft lists them under ``participants``."""

    key: str
    name: str
    surname: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Body:
    """An organisation or government body named in the story."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    """Where a person, body or pronoun stands in a paragraph."""

    para: int
    start: int
    end: int
    key: str
    kind: MentionKind
    word: str = ""


@dataclass
class _Candidate:
    para: int
    start: int
    end: int
    name: str
    role: str | None = None
    country: str | None = None
    organization: str | None = None
    org_ref: bool = False
    plural: bool = False
    counterpart: bool = False
    former: bool = False
    speaks: bool = False
    aged: bool = False  # "Annemieke Bos, 58, has lived …": a person the story introduces
    extra: dict[str, str] = field(default_factory=dict)

    def named_in(self, text: str, end: int) -> bool:
        """Whether ``text`` before ``end`` uses a part of this name ("Anwar" for "Anwar
        Ibrahim", "Wong" for "Lawrence Wong")."""
        parts = [w for w in self.name.split() if len(w) > 2]
        return any(re.search(rf"\b{re.escape(w)}\b", text[:end]) for w in parts)


@dataclass(frozen=True)
class Cast:
    """Everyone the drafter found, and where each is mentioned."""

    people: tuple[Person, ...]
    bodies: tuple[Body, ...]
    mentions: tuple[Mention, ...]
    countries: tuple[str, ...]  # ISO codes in order of first mention
    speaking: frozenset[str] = frozenset()  # bodies that say something ("the ministry said")
    acting: tuple[Mention, ...] = ()  # where a body does something ("the army launched …")


@functools.cache
def _country_patterns() -> list[tuple[str, str]]:
    names = dict(country_names())
    names.update({k: v for k, v in DEMONYMS.items()})
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


@functools.cache
def _role_words() -> frozenset[str]:
    return ROLE_HEADS | ROLE_MODIFIERS


@functools.cache
def _leading_stop() -> frozenset[str]:
    words = set(FUNCTION_WORDS) | set(HONORIFICS) | set(DEMONYMS)
    words |= {w.title() for w in ROLE_HEADS | ROLE_MODIFIERS}
    words |= {w.title() + "s" for w in ROLE_HEADS}
    words |= {w.capitalize() for w in MONTHS} | {w.capitalize() for w in WEEKDAYS}
    words |= {n for n in country_names() if " " not in n}
    words |= {n for n in ORGANIZATIONS if " " not in n} | set(NEWS_AGENCIES)
    words |= {w for w in BODY_COUNTRY if " " not in w}
    return frozenset(words)


def country_at(text: str, pos: int) -> tuple[str, int] | None:
    """The country named (by name or demonym) at ``pos``, and where its name ends."""
    for name, code in _country_patterns():
        if text.startswith(name, pos):
            end = pos + len(name)
            if end == len(text) or not text[end].isalnum():
                return code, end
    return None


def _country_of_word(word: str) -> str | None:
    base = _POSSESSIVE.sub("", word)
    names = country_names()
    return names.get(base) or DEMONYMS.get(base)


def _country_in(name: str) -> str | None:
    """The country a body's name names ("Lithuania" of "Bank of Lithuania", "Maldivian")."""
    return next((code for word in name.split() if (code := _country_of_word(word))), None)


def _org_of_word(word: str) -> str | None:
    base = _POSSESSIVE.sub("", word)
    if base in NEWS_AGENCIES:
        return None
    found = ORGANIZATIONS.get(base) or ORGANIZATIONS.get(base + ".")  # "U.N" token of "U.N."
    return found or (base if base in BODY_COUNTRY else None)


def country_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every country named in ``text`` (by name or demonym): code, start and end, in order."""
    found: list[tuple[str, int, int]] = []
    pos = 0
    while pos < len(text):
        if (pos == 0 or not text[pos - 1].isalnum()) and text[pos].isupper():
            hit = country_at(text, pos)
            if hit:
                found.append((hit[0], pos, hit[1]))
                pos = hit[1]
                continue
        pos += 1
    return found


@functools.lru_cache(maxsize=64)
def _country_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(country_mentions(text))


def _last_country_before(text: str, pos: int) -> str | None:
    """The country named last before ``pos``: what "the country's minister" refers to."""
    before = [code for code, _, _ in country_mentions(text[:pos])]
    return before[-1] if before else None


def _role_text(words: Sequence[str]) -> str:
    out = []
    for word in words:
        low = word.lower()
        if low in ("of", "for", "the", "and") or low in RELATIONS:
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in low.split("-")))
    return " ".join(out)


def _singular(word: str) -> tuple[str, bool]:
    low = word.lower()
    if low not in ROLE_HEADS and low.endswith("s") and low[:-1] in ROLE_HEADS:
        return word[:-1], True
    return word, False


def _parse_role(words: list[str]) -> tuple[str | None, bool]:
    """Role from a run of role words; ``(None, False)`` when it has no head noun."""
    while words and words[0].lower() in ("of", "for", "the", "and"):
        words = words[1:]
    while words and words[-1].lower() in ("of", "for", "the", "and"):
        words = words[:-1]
    # "the government of President X": the title is what follows "of".
    lowered = [w.lower() for w in words]
    if "of" in lowered:
        tail = words[lowered.index("of") + 1 :]
        if any(_singular(w)[0].lower() in ROLE_HEADS for w in tail):
            words = tail
    plural = False
    fixed = []
    for word in words:
        single, was_plural = _singular(word)
        plural = plural or was_plural
        fixed.append(single)
    if fixed == words and len(words) == 1 and words[0] in _OCCUPATIONS:
        return words[0], False  # "fisherman Anthony Bartholomew"
    if not any(w.lower() in ROLE_HEADS for w in fixed):
        return None, False
    if fixed and fixed[-1].lower() in ("counterpart",):
        return "counterpart", False
    return _role_text(fixed), plural


# What a title may be made of, walking back from a name: "former Asylum Minister", "then
# health minister", "Russian President", "Portugal’s Prime Minister".
_TITLE_EXTRAS = frozenset(
    "former then late ex elected longtime sitting caretaker outgoing incoming acting interim "  # noqa: SIM905
    "founding military senior".split()
)
# A verb whose object a titled name is in passing: "ousting President X", "replaced chief
# executive X". Not "met": a meeting in the story is taking part.
_PASSING_VERBS = (
    r"ousted|ousting|toppled|toppling|overthrew|overthrowing|deposed|deposing|replaced"
    r"|replacing|succeeded|succeeding|defeated|defeating|carrying|impeached|impeaching"
)
# Nouns a name is "of" in passing: "a close ally of President X", "the era of leader X".
_PASSING_OF = (
    r"ally|allies|friend|era|presence|administration|critic|critics|rival|rivals|opponent"
    r"|opponents|supporter|supporters|loyalist|loyalists|days|rule|reign|legacy|tenure"
    r"|presidency|agenda|term"
)
# What a name owns in passing: "President X’s administration", "Prime Minister X’s HDZ party".
_PASSING_OWNED = (
    r"government|administration|term|coalition|party|campaign|slogan|agenda|overhaul"
    r"|presidency|tenure|rule|era|cabinet|regime|reforms?|policies|legacy|predecessor"
    r"|successor|declaration|drive|initiative|Initiative|push"
)
_PASSING_BEFORE = re.compile(
    rf"(?:\b(?:{_PASSING_VERBS})|\b(?:{_PASSING_OF})\s+of|\bunder"
    r"|\b(?:pressure\s+on|headache\s+for|blow\s+to|rebuke\s+to|setback\s+for|test\s+for)"
    r"|\b(?:backed|appointed|supported|endorsed|nominated)\s+by"
    r"|\b(?:coalition|government|junta|coup|regime|cabinet|party)\s*,?\s+led\s+by)\s*$"
)
_PASSING_AFTER = re.compile(rf"^[’']s\s+(?:[\w-]+\s+){{0,4}}(?:{_PASSING_OWNED})\b")


# What a leader has long done, or the election they face: "President X has long argued",
# "President X, 92, is seeking an eighth term" — the setting of the story, not its events.
_PASSING_STANDING = re.compile(
    r"^(?:\s*,[^,.]{1,120},)?\s+(?:(?:has|have)\s+(?:long|repeatedly)\b"
    r"|(?:is|was)\s+seeking\s+(?:to\s+extend|an?\s+[\w-]+\s+term|re-?election)"
    r"|faces\s+(?:re-?election|an?\s+[\w-]+\s+election)"
    r"|is\s+(?:widely\s+)?expected\s+to\s+(?:stand|run|seek))"
)


def named_in_passing(text: str, start: int, end: int) -> bool:
    """ "a close ally of Russian President X", "ousting President X", "Prime Minister X’s
    government", "drafted by former Asylum Minister X": a titled name that stands for
    someone else's sake, for a government, or for the past — the story's background."""
    if _PASSING_AFTER.match(text[end:]) or _PASSING_STANDING.match(text[end:]):
        return True
    tokens = list(_TOKEN.finditer(text[:start]))
    i, titled, former = len(tokens) - 1, False, False
    while i >= 0:
        word = tokens[i].group(0)
        lowered = word.lower()
        gap_end = tokens[i + 1].start() if i + 1 < len(tokens) else start
        if text[tokens[i].end() : gap_end].strip():
            break  # a comma or a full stop ends the title
        if lowered in _TITLE_EXTRAS or re.match(r"(?i)^(?:then|ex)-", word):
            former = former or lowered in ("former", "then", "late", "ex") or "-" in word
        elif word in HONORIFICS or (word[:1].isupper() and not word.endswith(".")):
            pass  # "Asylum", "Russian", "Portugal’s", "Prime", "Sheikh"
        elif lowered in _role_words() and lowered not in ("of", "for", "and", "the"):
            pass  # "chief executive", "health minister"
        else:
            break
        titled = True
        i -= 1
    if not titled:
        return False
    if former:
        return True
    return bool(_PASSING_BEFORE.search(text[: tokens[i + 1].start()]))


def _historical(words: list[str]) -> bool:
    """ "Mali's first president" names a historical figure, not an office-holder."""
    return any(
        a in ("first", "founding") and b in ("president", "king", "leader", "prime", "emperor")
        for a, b in itertools.pairwise(words)
    )


# "the sister of North Korean leader Kim Jong Un", "the killing of Sikh separatist leader X":
# named for someone else's sake, or as the victim of an earlier event.
_RELATION = re.compile(
    r"\b(?:sister|brother|father|mother|son|daughter|wife|husband|widow|widower|uncle|aunt"
    r"|nephew|niece|grandfather|grandson|granddaughter|predecessor|successor"
    r"|killing|death|murder|assassination|funeral)\s+of\s+"
    r"(?:the\s+)?(?:[\w’'.-]+\s+){0,4}$"
)


# "The head of the Bank of Lithuania, Gediminas Šimkus, …": a title of a named body before
# the name, in commas.
# Titles of a named body's head: "the chief executive of Gazprom", "governor of the X bank".
_BODY_HEADS = (
    r"head|governor|chief(?:\s+executive)?|director(?:\s+general)?|managing\s+director"
    r"|chairman|chairwoman|chair|secretary-general"
)
_HEAD_OF_BEFORE = re.compile(
    r"(?:^|[.,;]\s+|\b(?:[Tt]he|and|said|told)\s+)(?:the\s+)?(?P<role>"
    + _BODY_HEADS
    + r"|president|leader|spokesman|spokeswoman|spokesperson)\s+of\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|the|de)?\s*[A-Z][\w’'&.-]*){0,6}),\s*$"
)


_HEAD_OF_AFTER = re.compile(
    r",\s+(?:the\s+)?(?P<role>" + _BODY_HEADS + r")\s+of\s+(?:the\s+)?"
    r"(?P<org>[A-Z][^,.;“”]{2,80}?)(?=[,.;]|\s+said\b)"
)


# Everyday occupations written before a name in lower case: "fisherman Anthony
# Bartholomew", "tomato farmer Mahmoud al-Adwan".
_OCCUPATIONS = frozenset(
    """farmer fisherman driver owner teacher vendor nurse resident student worker grower
    shopkeeper activist lawyer pensioner retiree engineer doctor pilot herder shepherd
    carpenter mechanic cook chef labourer laborer widow entrepreneur businessman
    businesswoman tailor baker butcher barber""".split()  # noqa: SIM905
)


def _left_info(cand: _Candidate, text: str) -> None:
    """Role, country and body from the words before a name."""
    before = text[: cand.start]
    head_of = _HEAD_OF_BEFORE.search(before[-120:])
    if head_of:
        cand.role, cand.organization = _role_text(head_of["role"].split()), head_of["org"]
        cand.country = BODY_COUNTRY.get(head_of["org"]) or _country_in(head_of["org"])
        return
    if _RELATION.search(before[-80:]):
        cand.former = True
    tokens = list(_TOKEN.finditer(before))
    i = len(tokens) - 1
    # Honorifics stand between a title and a name ("Foreign Minister Prince Faisal").
    while i >= 0 and tokens[i].group(0) in HONORIFICS:
        i -= 1
    if i >= 0 and re.match(r"(?i)^(?:then|ex|late)-", tokens[i].group(0)):
        cand.former = True
    # A pre-appositive: "Finland's foreign minister, Aino Lehtonen".
    gap_end = tokens[i].end() if i >= 0 else 0
    gap = " ".join(w for w in before[gap_end:].split() if w not in HONORIFICS)
    if gap.strip() not in ("", ","):
        return
    role_words: list[str] = []
    while (
        i >= 0
        and (
            tokens[i].group(0).lower() in _role_words()
            or _singular(tokens[i].group(0))[1]
            # "fisherman Anthony Bartholomew", not "the driver, X," of an old case, nor
            # "Chinese businessman X", who owns a company in the story
            or (
                tokens[i].group(0) in _OCCUPATIONS
                and not role_words
                and not gap.strip()
                and not (i > 0 and tokens[i - 1].group(0)[:1].isupper())
            )
        )
    ):
        if i < len(tokens) - 1 and before[tokens[i].end() : tokens[i + 1].start()].strip():
            break
        role_words.insert(0, tokens[i].group(0))
        i -= 1
    # "energy and mines minister": a second portfolio joined by "and" to one we know.
    if (
        role_words
        and i >= 2
        and tokens[i].group(0).islower()
        and tokens[i - 1].group(0) == "and"
        and tokens[i - 2].group(0).lower() in ROLE_MODIFIERS
        and not before[tokens[i - 2].start() : tokens[i].end()].count(",")
    ):
        role_words = [t.group(0) for t in tokens[i - 2 : i + 1]] + role_words
        i -= 3
    # "European Affairs Minister": the word before "Affairs" names the portfolio.
    if (
        role_words
        and role_words[0].lower() == "affairs"
        and i >= 0
        and tokens[i].group(0)[:1].isupper()
        and _country_of_word(tokens[i].group(0)) is None
        and before[tokens[i].end() : tokens[i + 1].start()] == " "
    ):
        role_words.insert(0, tokens[i].group(0))
        i -= 1
    if i >= 0 and re.match(r"(?i)^(?:then|ex|late|former)-", tokens[i].group(0)):
        cand.former = True  # "then-prime minister Imran Khan"
    if gap.strip() == "," and not role_words:
        return
    lowered = [w.lower() for w in role_words]
    if {"former", "late", "ex"} & set(lowered) or _historical(lowered):
        cand.former = True
    role_words = [w for w in role_words if w.lower() not in ("former", "late", "then", "ex")]
    role, plural = _parse_role(role_words)
    if role is None:
        return
    if role == "counterpart":
        cand.counterpart = True
    else:
        cand.role, cand.plural = role, plural
    if i < 0:
        return
    word = tokens[i].group(0)
    if word.lower() in ("former", "ex", "previous"):
        cand.former = True  # "the previous energy minister, X"
    if word.lower() in ("its", "whose"):
        cand.org_ref = True
        return
    if word.lower() in ("country's", "country’s", "nation's", "nation’s"):
        cand.country = _last_country_before(text, tokens[i].start())
        return
    country = _country_of_word(word)
    if country is None and i >= 1:
        country = _country_of_word(tokens[i - 1].group(0) + " " + word)
    if country is None:
        country = _country_before_modifiers(tokens, i, before)
    org = _org_of_word(word)
    if country:
        cand.country = country
    elif org:
        cand.organization = org
        cand.country = BODY_COUNTRY.get(org)
    elif word[:1].isupper() and i >= 1:
        two = _org_of_word(tokens[i - 1].group(0) + " " + word)
        if two:
            cand.organization = two
            cand.country = BODY_COUNTRY.get(two)
            return
        # A body named before the title: "Philippine Coast Guard spokesperson …".
        k = i
        while k > 0 and tokens[k - 1].group(0)[:1].isupper() and i - k < 5:
            if before[tokens[k - 1].end() : tokens[k].start()] != " ":
                break
            k -= 1
        run = [t.group(0) for t in tokens[k : i + 1]]
        while run and run[0] in FUNCTION_WORDS:
            run = run[1:]
        if len(run) >= 2:
            cand.country = _country_of_word(run[0]) or _country_of_word(" ".join(run[:2]))
            if _POSSESSIVE.sub("", run[-1]) in ORG_HEADS:
                cand.organization = _POSSESSIVE.sub("", " ".join(run))


def _country_before_modifiers(tokens: list[re.Match[str]], i: int, before: str) -> str | None:
    """ "French far-right leader", "Kenyan opposition leader": a country adjective, then one
    or two lower-case words that qualify the title."""
    k = i
    while k >= 0 and i - k < 2:
        word = tokens[k].group(0)
        if not word[:1].islower() or word in FUNCTION_WORDS or word in ("its", "whose"):
            return None
        if k == 0 or before[tokens[k - 1].end() : tokens[k].start()] != " ":
            return None
        k -= 1
        country = _country_of_word(tokens[k].group(0))
        if country:
            return country
    return None


# "… leader Hassan Nasrallah was killed in an air strike": no longer in office.
_DIED = re.compile(
    r"^(?:,[^,“”]{1,80},|,\s+who)?\s+(?:was|were|had\s+been)\s+(?:killed|assassinated|shot\s+dead"
    r"|executed|overthrown|ousted|deposed)\b|^\s+(?:died|resigned|stepped\s+down"
    r"|announced\s+(?:his|her)\s+resignation)\b"
)


def _right_info(cand: _Candidate, text: str) -> None:
    """Country from "… of Iran" and role from an appositive ", Ukraine's foreign minister,"."""
    after = text[cand.end :]
    if _DIED.match(after):
        cand.former = True
    for short, plain in (("U.S.", "US  "), ("U.K.", "UK  "), ("U.N.", "UN  "), ("E.U.", "EU  ")):
        after = after.replace(short, plain)
    match = re.match(r"\s+of\s+(?:the\s+)?", after)
    if match:
        found = country_at(text, cand.end + match.end())
        if found and not cand.country:
            cand.country = found[0]
    match = re.match(
        r",\s+(?:(?P<det>the|a|an)\s+)?(?P<app>[^,.;“”\"()]{3,160}?)(?=,|\.|;|$|\s+said\b)", after
    )
    if cand.role:
        return
    # ", the minister of mineral resources, oil and gas, told": a portfolio with commas.
    portfolio = _PORTFOLIO_APPOSITIVE.match(after)
    if portfolio:
        cand.role = portfolio["role"]
        return
    if match:
        _titled_appositive(cand, match["app"])
    if not cand.role and match and match["det"] in ("a", "an"):
        cand.role = _common_role(match["app"])
    if not cand.role:
        cand.role = _heads_role(after)
    # "Ahmed Munawar, governor of the Maldivian central bank, …": a title of a body.
    head_of = None if cand.role else _HEAD_OF_AFTER.match(after)
    if head_of:
        cand.role = _role_text(head_of["role"].split())
        cand.country = cand.country or _country_in(head_of["org"])


def _titled_appositive(cand: _Candidate, appositive: str) -> None:
    """Role, country and body from an appositive made of title words."""
    words = _TOKEN.findall(appositive)
    if not words or words[0].lower() in ("former", "ex-", "who", "which", "whose", "where"):
        return
    country = org = None
    # "Mehmet Şimşek, the country’s finance minister, …"
    if len(words) > 1 and re.fullmatch(r"(?:country|nation)['’]s", words[0]):
        words = words[1:]
    first = words[0]
    if _country_of_word(first):
        country = _country_of_word(first)
        words = words[1:]
    elif _org_of_word(first):
        org = _org_of_word(first)
        words = words[1:]
    tail = _appositive_tail(words, org)
    words, org = tail.words, tail.organization
    country = country or tail.country
    if not words or not all(_singular(w)[0].lower() in _role_words() for w in words):
        return
    role, plural = _parse_role(words)
    if role and role != "counterpart":
        cand.role, cand.plural = role + tail.remit, plural
        cand.country = cand.country or country or (BODY_COUNTRY.get(org) if org else None)
        cand.organization = cand.organization or org


# Nouns that follow "X, a …" without saying what X is: "said Ortiz, a day after …".
_NOT_ROLE_NOUNS = frozenset(
    [
        "day",
        "week",
        "month",
        "year",
        "move",
        "step",
        "sign",
        "decision",
        "reference",
        "claim",
        "charge",
        "time",
        "point",
        # places and things an appositive describes: "Ras El-Hekma, a stretch of coast",
        # "the Suez Canal, a centerpiece of his decade in power"
        *("stretch", "centerpiece", "city", "town", "village", "port", "island", "region"),
        *("district", "coast", "area", "site", "mine", "field", "plant", "corridor", "project"),
        *("scheme", "programme", "program", "deal", "agreement", "law", "bill", "resort"),
        *("canal", "river", "lake", "sea", "valley", "province", "territory", "zone", "block"),
        *("route", "line", "road", "bridge", "dam", "reactor", "terminal", "ship", "vessel"),
        *("hub", "complex", "facility", "building", "market", "sector", "brand", "product"),
        *("drug", "crop", "currency", "landmark", "symbol", "cornerstone", "part", "member"),
    ]
)


def _common_role(appositive: str) -> str | None:
    """ "a 54-year-old potato grower from Cusco" → "potato grower", "a political scientist
    at …" → "political scientist": what a person who holds no title does, as written."""
    words = appositive.split()
    while words and re.fullmatch(r"\d+-year-old|\d+", words[0]):
        words = words[1:]
    head: list[str] = []
    for word in words:
        if word in ("from", "at", "in", "with", "of", "who", "based", "on", "for", "and"):
            break
        if not re.fullmatch(r"[a-z]+(?:-[a-z]+)?", word):
            return None
        head.append(word)
    if not 1 <= len(head) <= 3 or head[-1] in _NOT_ROLE_NOUNS or head[-1].endswith("ly"):
        return None
    body_noun = re.fullmatch(_BODY_NOUNS, head[-1])
    if body_noun and not body_noun["either"]:
        return None  # "EcoPeace, a group of …" says what a body is
    if head[0] in ("former", "ex", "late", "then"):
        return None
    return " ".join(head)


def _heads_role(after: str) -> str | None:
    """ ", who heads the farmers' federation," → "head of the farmers' federation"."""
    match = re.match(
        r",\s+who\s+(?P<verb>heads|leads|chairs)\s+(?P<what>(?:the|a|an)\s+[^,.;“”\"()]{3,70}?)"
        r"(?=,|\.|;|$)",
        after,
    )
    if not match:
        return None
    title = {"heads": "head", "leads": "leader", "chairs": "chair"}[match["verb"]]
    return f"{title} of {match['what']}"


@dataclass(frozen=True)
class _Tail:
    """What an appositive says after its role words."""

    words: list[str]  # the role words
    remit: str = ""  # " for Africa", " for reintegration": kept in the role
    organization: str | None = None
    country: str | None = None


def _appositive_tail(words: list[str], org: str | None) -> _Tail:
    """Split what follows the role in an appositive: "… based in Nairobi" is dropped, a
    brief "for Africa" stays in the role, "of the regional bloc IGAD" gives the body and
    "head of Russia's Federal Agency for Fishery" the country."""
    lowered = [w.lower() for w in words]
    for k, word in enumerate(lowered):
        if word == "based" or (word in ("at", "in") and k and words[k - 1].lower() != "of"):
            words, lowered = words[:k], lowered[:k]
            break
        if word in ("who", "which", "that", "whose") and k:  # "… representative who oversees"
            words, lowered = words[:k], lowered[:k]
            break
    for k, word in enumerate(lowered):
        if word not in ("for", "of", "on") or k == 0:
            continue
        rest = words[k + 1 :]
        named = [w for w in rest if w[:1].isupper()]
        if word == "of" and named and len(rest) <= 8:
            last = _POSSESSIVE.sub("", rest[-1])
            found = _org_of_word(" ".join(named)) or _org_of_word(last)
            if found or (last.isupper() and len(last) >= 3):
                return _Tail(words[:k], "", org or found or last)
            if any(_POSSESSIVE.sub("", w) in ORG_HEADS for w in rest):
                # "of the ruling Workers' Party", "of Russia's Federal Agency": a national body
                country = next((c for w in rest if (c := _country_of_word(w))), None)
                return _Tail(words[:k], "", org, country)
            continue
        if (
            word != "of"
            and 0 < len(rest) <= 3
            and (all(w[:1].isupper() for w in rest) or all(w.isalpha() for w in rest))
        ):
            return _Tail(words[:k], f" {word} {' '.join(rest)}", org)
    return _Tail(words, "", org)


def _said_name(text: str, start: int, end: int) -> bool:
    """ "said Lehtonen." or "according to Aden," — not "said Buenos Aires was ready"."""
    if not _SPEAKS_BEFORE.search(text[:start]):
        return False
    return bool(
        re.match(r"^(?:['’]s)?\s*(?:[,.;:)”\"]|$|\s+(?:and|who|in|on|at|after)\b)", text[end:])
    )


def _never_in_name(word: str) -> bool:
    low = word.lower()
    return _POSSESSIVE.sub("", word) in _NOT_NAME or low in MONTHS or low in WEEKDAYS


_DATE_WORD_BEFORE = re.compile(
    r"\b(?:in|on|since|last|next|by|until|till|from|of|early|late|mid|this|each|every|to"
    r"|before|after|during|through)\s*$",
    re.IGNORECASE,
)


def _month_as_name(run: list[re.Match[str]], k: int, text: str) -> bool:
    """ "Jan Novak", "Theresa May", "April Ryan": a month's name used as a given name or
    surname, not "in May", "Jan. 28", "May 3"."""
    token = run[k]
    if token.group(0).lower() not in MONTHS or token.group(0).lower() == "sept":
        return False
    if re.match(r"\.|\s*\d", text[token.end() :]):
        return False
    if _DATE_WORD_BEFORE.search(text[: token.start()]):
        return False
    if k + 1 < len(run):
        return True
    return k > 0 and run[k - 1].group(0).lower() not in MONTHS


# Words that open non-names ("Christian leaders", "Jordan Valley") but are given names too.
_ALSO_GIVEN_NAMES = frozenset({"Christian", "Jordan", "Israel", "Georgia", "Chad"})


def _given_name_too(first: str, second: str) -> bool:
    """ "Christian Schmidt", "Jordan Bardella": a given name, when a surname-like word
    follows (not "Christian Democrats", "Jordan Valley", "Chad Basin")."""
    bare = _POSSESSIVE.sub("", second)
    return (
        first in _ALSO_GIVEN_NAMES
        and bare not in FUNCTION_WORDS
        and bare not in _NOT_NAME
        and bare not in ORG_HEADS
        and bare not in DEMONYMS
        and bare not in ("Valley", "Basin", "Lake", "Delta", "Democrats", "Democratic", "Union")
    )


# A regnal number: "Prince Albert II", "King Charles III".
_REGNAL = re.compile(r"II|III|IV|VI|VII|VIII")


_PORTFOLIO_AND = re.compile(
    r"\b(?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner)\s+(?:of|for)\s+(?:the\s+)?"
    r"[A-Z][\w-]*(?:,?\s+[A-Z][\w-]*){0,3},?\s+and\s+$"
)


def _name_runs(text: str) -> list[tuple[int, int, str]]:
    """Spans of capitalised words that may be a personal name, titles stripped."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text):
        word = token.group(0)
        initial = word.lstrip("ʻʼ‘’'")[:1] or word[0]  # "ʻAisake": the ʻokina is a letter
        letters = word.replace(".", "")
        is_initials = (
            bool(re.fullmatch(r"[A-Z](?:\.[A-Z])*", word))
            and text[token.end() : token.end() + 2] == ". "
            and letters not in ORGANIZATIONS
            and letters not in DEMONYMS
        )
        # "Prince Albert II", "King Charles III": a regnal number ends a name
        regnal = bool(current) and bool(_REGNAL.fullmatch(word))
        capital = (
            (initial.isupper() and not (len(word) > 1 and word.isupper()))
            or is_initials
            or regnal
            or bool(_NAME_PREFIX.match(word))
        )
        particle = word.lower() in NAME_PARTICLES and word[0].islower()
        gap = text[current[-1].end() : token.start()] if current else ""
        # Initials: "S. Jaishankar", "K.P. Sharma Oli".
        initial_before = bool(current) and bool(
            re.fullmatch(r"(?:[A-Z]\.?)+", current[-1].group(0))
        )
        joined = gap == " " or (initial_before and gap == ". ")
        possessive = _POSSESSIVE.search(current[-1].group(0)[-2:]) if current else None
        if current and joined and not possessive and (capital or particle):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if capital else []
    if current:
        runs.append(current)
    stop = _leading_stop()
    found: list[tuple[int, int, str]] = []
    for run in runs:
        # A name follows the last word that names a body ("European Commission President …").
        last_body = max(
            (
                k
                for k, t in enumerate(run)
                if _POSSESSIVE.sub("", t.group(0)) in ORG_HEADS | _NOT_NAME
            ),
            default=-1,
        )
        # … and the last title word ("Forum Secretary General Baron Waqa").
        last_title = max(
            (
                k
                for k, t in enumerate(run[: len(run) - 2])
                if t.group(0).lower() in ROLE_HEADS and t.group(0) not in HONORIFICS
            ),
            default=-1,
        )
        run = run[max(last_body, last_title) + 1 :]
        # "Defence Minister Israel Katz", "leader Jordan Bardella": after a title, a country's
        # name followed by one more word is a given name.
        before = text[: run[0].start()].split()[-1:] if run else []
        titled = bool(before) and before[0].lower() in ROLE_HEADS
        while run and (
            _POSSESSIVE.sub("", run[0].group(0)) in stop or run[0].group(0)[0].islower()
        ):
            if _NAME_PREFIX.match(run[0].group(0)):
                break
            first = run[0].group(0)
            known = first in country_names() or first in ORGANIZATIONS or first in BODY_COUNTRY
            if titled and len(run) == 2 and known:
                break  # "President Duma Boko", "Defence Minister Israel Katz"
            if len(run) == 2 and _given_name_too(run[0].group(0), run[1].group(0)):
                break
            if _month_as_name(run, 0, text):
                break
            run = run[1:]
        # "Secretary for Transport and Logistics Lam Sai-hung": the portfolio's last word.
        if len(run) >= 3 and _PORTFOLIO_AND.search(text, 0, run[0].start()):
            run = run[1:]
        # "Luanda-based Azule Energy": where something is based opens no personal name.
        while run and re.fullmatch(r"[A-Z][\w’'.]*-(?:based|led|backed|owned)", run[0].group(0)):
            run = run[1:]
        cut = next(
            (
                k
                for k, t in enumerate(run)
                if _never_in_name(t.group(0)) and not _month_as_name(run, k, text)
            ),
            None,
        )
        if cut is not None:
            run = run[:cut]
        while run and run[-1].group(0).lower() in NAME_PARTICLES:
            run = run[:-1]
        if len(run) == 1 and _mononym(text, run[0]):
            found.append((run[0].start(), run[0].end(), run[0].group(0)))
            continue
        if len(run) < 2 or len(run) > 5:
            continue
        last = run[-1]
        end = last.end()
        word = last.group(0)
        poss = re.search(r"['’]s$", word)
        if poss:
            end -= len(poss.group(0))
        name = text[run[0].start() : end]
        start = run[0].start()
        # "King Charles III", "Prince Albert II": a monarch is named with the title
        royal = re.search(
            r"\b(?:King|Queen|Prince|Princess|Emperor|Sultan|Emir|Pope)\s$", text[:start]
        )
        if royal and _REGNAL.fullmatch(run[-1].group(0)):
            start = royal.start()
            name = text[start:end]
        if name in country_names() or name in ORGANIZATIONS or name in BODY_COUNTRY:
            continue
        if name in CAPITALS:  # "Abu Dhabi has denied it": the government, not a person
            continue
        if name in NEWS_AGENCIES:
            continue
        # "Save the Children Sweden said": the end of a longer name, no person.
        if re.search(r"\b[A-Z][\w’'-]*\s+the\s+$", text[: run[0].start()]):
            continue
        # "the president of Republika Srpska, Milorad Dodik": what a title is *of* is a
        # place or a body.
        office = re.search(r"\b([A-Za-z]+)\s+of\s+(?:the\s+)?$", text[: run[0].start()])
        if office and office.group(1).lower() in ROLE_HEADS:
            if len(run) < 3:
                continue
            # "Minister of Construction Tran Hong Minh": the portfolio, then the name.
            run = run[1:]
            start = run[0].start()
            name = text[start:end]
        found.append((start, end, name))
    return found


# After a one-word name: speech, or an appositive that says who the person is.
_MONONYM_AFTER = re.compile(r"(?:\s+(?:" + REPORTING_VERBS + r")\b|,\s+an?\s+\d{1,3}-year-old\b)")


def _mononym(text: str, token: re.Match[str]) -> bool:
    """ "Manpower Minister Yassierli told reporters", "Rusmini, a 46-year-old farmer, said",
    "said Samia, a 52-year-old cleaner": a person known by one name, shown to be one by a
    title before it or an age after it."""
    word = token.group(0)
    if (
        len(word) < 3
        or not word[0].isupper()
        or word.isupper()
        or word in _leading_stop()
        or _country_of_word(word)
        or word in CAPITALS
        or re.search(r"['’]s$|\.$", word)
    ):
        return False
    after = text[token.end() :]
    if re.match(r",\s+an?\s+\d{1,3}-year-old\b", after):
        return True
    before = text[: token.start()].split()[-1:]
    titled = bool(before) and before[0].lower() in ROLE_HEADS and before[0][0].isupper()
    return titled and bool(_MONONYM_AFTER.match(after))


def surname_of(name: str, surname_first: bool = False) -> str:
    """The surname as the text reuses it ("al-Assad", "Al Saud" kept whole; "Jr" dropped;
    "Lee" of "Lee Jae-myung" when the text puts the family name first)."""
    parts = name.split()
    if surname_first and len(parts) >= 2:
        return parts[0]
    while len(parts) > 2 and parts[-1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        parts = parts[:-1]
    if len(parts) >= 2 and parts[-2] in ("Al", "El", "Abu", "Bin", "Ibn"):
        return " ".join(parts[-2:])
    # "van Klaveren", "von der Leyen": lower-case particles belong to the family name.
    k = len(parts) - 1
    while k > 1 and parts[k - 1] in NAME_PARTICLES and parts[k - 1][:1].islower():
        k -= 1
    return " ".join(parts[k:])


def _surname_key(name: str, surname_first: bool = False) -> str:
    surname = surname_of(name, surname_first).split()
    while len(surname) > 1 and surname[0][:1].islower():  # "van Klaveren" -> klaveren
        surname = surname[1:]
    return fold(re.sub(r"^(?:al|el|ad|as|an)-", "", " ".join(surname), flags=re.IGNORECASE))


def _same_person(a: str, b: str, surname_first: bool = False) -> bool:
    if surname_first:
        given_a, given_b = (fold(" ".join(n.split()[1:]).replace("-", " ")) for n in (a, b))
        return difflib.SequenceMatcher(None, given_a, given_b).ratio() >= 0.8
    parts_a, parts_b = fold(a).split(), fold(b).split()
    shorter, longer = sorted((parts_a, parts_b), key=len)
    if len(shorter) >= 2 and longer[-len(shorter) :] == shorter:
        return True  # "Rana Deuba" of "Arzu Rana Deuba"
    if len(shorter) == 1 and longer[-1] == shorter[0]:
        return True  # "Dias, a 47-year-old independent," of "Fernando Dias"
    first_a, first_b = fold(a.split()[0]), fold(b.split()[0])
    return difflib.SequenceMatcher(None, first_a, first_b).ratio() >= 0.6 or (
        first_a[:1] == first_b[:1] and len(a.split()) != len(b.split())
    )


def _spelling_of(key: str, name: str, groups: dict[str, list[list[_Candidate]]]) -> str | None:
    """The key of a surname spelled another way ("Sokhon" for "Sokhonn") by a person with
    the same first name, or of a whole name spelled nearly alike: transliterations vary
    within one article."""
    given = fold(name.split()[0])
    whole = fold(name).replace(" ", "")
    for other, lists in groups.items():
        # "Khaing Thukha" / "Khine Thu Kha": a name without a surname, transliterated twice.
        for group in lists:
            written = fold(group[0].name).replace(" ", "")
            if (
                len(name.split()) >= 2
                and difflib.SequenceMatcher(None, whole, written).ratio() >= 0.85
            ):
                return other
        if len(key) < 4 or difflib.SequenceMatcher(None, key, other).ratio() < 0.85:
            continue
        if any(fold(group[0].name.split()[0]) == given for group in lists):
            return other
    return None


# A Korean-style given name: "Jae-myung", "Yo-jong" (lower case after the hyphen).
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _surname_first_names(names: Sequence[str], paragraphs: Sequence[str]) -> frozenset[str]:
    """Names whose family name comes first, as the text shows: a Korean-style hyphenated
    given name, or the first word standing alone later ("Lee said") while the last never does."""
    text = "\n".join(paragraphs)
    found = set()
    for name in set(names):
        parts = name.split()
        # "Alberto van Klaveren": a particle marks the family name at the end.
        if not 2 <= len(parts) <= 3 or any(p in NAME_PARTICLES for p in parts):
            continue
        given = parts[1:]
        hyphenated = any(_HYPHENATED_GIVEN.match(p) for p in given) or (
            len(given) == 2 and f"{parts[0]} {given[0]}-{given[1].lower()}" in text
        )
        first_alone = any(  # not followed by another capitalised word
            not re.sub(r"^(?:['’]s)? ", "", text[m.end() :])[:1].isupper()
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(parts[0])}(?![\w-])", text)
        )
        last_alone = any(
            not text[: m.start()].rstrip().endswith(given[-2] if len(given) > 1 else parts[0])
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(parts[-1])}(?![\w-])", text)
        )
        if hyphenated or (first_alone and not last_alone):
            found.add(name)
    return frozenset(found)


_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|within|inside|of|with)\s+(?:the\s+)?$")


@functools.cache
def _title_after() -> re.Pattern[str]:
    """ "Central Bank Governor Nandalal …": a title and a name follow the body."""
    heads = "|".join(sorted(ROLE_HEADS, key=len, reverse=True))
    return re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}(?i:{heads})\b\s+[A-Z]")


def find_cast(paragraphs: Sequence[str], body_flags: Sequence[bool]) -> Cast:
    """People (from all paragraphs, captions too) and bodies, with their mentions."""
    candidates: list[_Candidate] = []
    for index, text in enumerate(paragraphs):
        sentence_people: list[_Candidate] = []
        for start, end, name in _name_runs(text):
            if re.search(r"\bof\s+the\s+$", text[:start]):
                continue  # "economist X of the Universidad San Francisco de Quito": no one
            cand = _Candidate(index, start, end, name)
            _left_info(cand, text)
            _right_info(cand, text)
            cand.speaks = (
                bool(_SPEAKS_AFTER.match(text[end:]) or _said_name(text, start, end))
                or bool(re.match(r"^\s*,\s*speaking\b", text[end:]))
                # "Diamantino Azevedo, the minister of mineral resources, oil and gas, told …"
                or bool(_LONG_APPOSITIVE_SPEAKS.match(text, end))
                # "Amnesty's regional director, Tigere Chagutah, called the charges …"
                or bool(
                    re.search(r",\s*$", text[:start])
                    and _SPEAKS_AFTER.match(re.sub(r"^,", "", text[end:]))
                )
            )
            # not a photo caption's "Fisherman Jo Cruz, 52, repairs his nets"
            cand.aged = body_flags[index] and bool(re.match(r",\s+\d{1,3},", text[end:]))
            if not cand.role and sentence_people and not cand.counterpart:
                prev = sentence_people[-1]
                between = text[prev.end : start]
                if prev.plural and re.fullmatch(
                    r"(?:\s+of\s+[\w’' ]+?)?\s*(?:,|,?\s+and)\s*", between
                ):
                    cand.role, cand.plural = prev.role, True
                    cand.country = cand.country
            # "Ana Dlamini, Sipho Zulu and Thandi Nkosi, members of the banned movement,
            # pleaded …": the plural appositive after the last name is each name's role.
            if cand.plural and cand.role:
                k, later = len(sentence_people) - 1, cand
                while k >= 0 and not sentence_people[k].role:
                    gap = text[sentence_people[k].end : later.start]
                    if not re.fullmatch(r"\s*(?:,|,?\s+and)\s*", gap):
                        break
                    sentence_people[k].role, sentence_people[k].plural = cand.role, True
                    later, k = sentence_people[k], k - 1
            if cand.counterpart:
                # "his Singapore counterpart": the role of the person the paragraph is about,
                # else of the last titled person named before.
                prev_roles = [p.role for p in sentence_people if p.role] or [
                    p.role
                    for p in candidates
                    if p.role and not p.former and not p.counterpart and p.named_in(text, start)
                ]
                cand.role = prev_roles[-1] if prev_roles else None
            sentence_people.append(cand)
            candidates.append(cand)
    # "Christina Panayiotou runs a café near the crossing. “…,” she said.": the next
    # quote given to "she" before anyone else is named is hers.
    for cand in candidates:
        if cand.speaks or not _sentence_subject(cand, paragraphs):
            continue
        # The quote is in the next sentence, or opens the next paragraph.
        para, text = cand.para, paragraphs[cand.para]
        stop = text.find(". ", cand.end)
        opens_quote = para + 1 < len(paragraphs) and paragraphs[para + 1].startswith(("“", '"'))
        if stop < 0 and opens_quote:
            para, text, stop = para + 1, paragraphs[para + 1], -2
        cue = _PRONOUN_QUOTE.search(text, stop + 2) if stop != -1 else None
        # Someone else who could be "he" in between ("in an interview with De Telegraaf"
        # names no one who could).
        named_between = cue and any(
            c.para == para
            and stop < c.start < cue.start()
            and not re.search(r"\b(?:with|to|by|in|from|of|at|for|on)\s+$", text[: c.start])
            for c in candidates
        )
        between = text[stop + 2 : cue.end()] if cue else ""
        if cue and not named_between and not re.search(r"[.?!]\s(?![^“]*”)", between):
            cand.speaks = True
    # Words of personal names ("Jens-Frederik Nielsen’s coalition"): never a one-word body.
    name_words = {w for c in candidates for w in c.name.split()}
    # Words of names the text shows to be people's, by a role or by speech.
    candidates = [c for c in candidates if not _ORGANISATION_WORDS & set(c.name.split())]
    person_words = {w for c in candidates if c.role or c.speaks for w in c.name.split()}
    # Words of people's longer names: "Gautam Adani" says nothing of the Adani Group.
    known = known_bodies()[0]
    names_of_people = {
        w
        for c in candidates
        if " " in c.name
        and c.name not in known
        and not any(w.lower() in _role_words() for w in c.name.split())  # "Chevron Chairman"
        for w in c.name.split()
    }
    bodies, body_mentions = _find_bodies(
        paragraphs, body_flags, name_words, person_words, names_of_people
    )
    # "… Committee for the Defence of Human Rights": a name inside a body's name is no one.
    candidates = [
        c
        for c in candidates
        if not any(m.para == c.para and m.start <= c.start < m.end for m in body_mentions)
    ]
    people = _merge_people(candidates, paragraphs, bodies, body_mentions)
    # "The Dangote Petroleum Refinery said": no mention of Aliko Dangote inside a body's name.
    mentions = [
        m
        for m in _person_mentions(paragraphs, people)
        if not any(b.para == m.para and b.start <= m.start < b.end for b in body_mentions)
    ] + body_mentions
    mentions += _pronoun_mentions(paragraphs)
    mentions.sort(key=lambda m: (m.para, m.start, -m.end))
    countries = _countries(paragraphs, body_flags)
    single = uses_single_quotes(list(paragraphs))
    quoted = {i: quote_spans(t, single) for i, t in enumerate(paragraphs)}
    speaking = frozenset(
        m.key
        for m in body_mentions
        # not "“… the referendum that the United Nations promised us,”": inside a quote
        if (
            not any(q.start <= m.start < q.end for q in quoted[m.para])
            and _speaks_after(paragraphs[m.para], m.start, m.end)
            # not "critics in the European Parliament said"
            and not _PLACE_PREPOSITION.search(paragraphs[m.para][: m.start])
        )
        or (
            re.search(r"\b[Aa]ccording\s+to\s+(?:the\s+)?$", paragraphs[m.para][: m.start])
            # not "according to Kremlin spokesman Dmitry Peskov", "… Central Bank Governor X"
            and not _title_after().match(paragraphs[m.para][m.end :])
        )
    )
    # A body that opens a sentence as the subject of a verb of doing acts in the story;
    # unions and councils of states doing so are context, not participants.
    international = set(ORGANIZATIONS.values())
    context_only = {b.key for b in bodies if _context_only(b.name, international)}
    acting = tuple(
        m
        for m in body_mentions
        if m.key not in speaking
        and not any(q.start <= m.start < q.end for q in quoted[m.para])
        and m.key not in context_only
        and (
            _acts(paragraphs[m.para], m.start, m.end)
            # not "built by the Taliban’s state-owned company": the owner of the agent
            or (
                _ACTING_AGENT.search(paragraphs[m.para], 0, m.start)
                and not re.match(r"['’]s\b", paragraphs[m.para][m.end :])
            )
            or _DEALING_PARTY.search(paragraphs[m.para], 0, m.start)
            # "called by the country’s two largest unions, the OGBL and the LCGB"
            or _AGENT_DESCRIBED.search(paragraphs[m.para], 0, m.start)
            # "Opposition lawmakers from the Party of Democratic Progress walked out"
            or (
                _PEOPLE_BEFORE.search(paragraphs[m.para], 0, m.start)
                and _ACTS_AFTER.match(paragraphs[m.para][m.end :])
            )
        )
    )
    # "the OGBL and the LCGB": a body joined by "and" to one that acts acts with it
    for m in body_mentions:
        text = paragraphs[m.para]
        if m.key in speaking or m.key in context_only or any(a.key == m.key for a in acting):
            continue
        if any(
            a.para == m.para
            and re.fullmatch(
                r"(?:\s*\([^()]{1,40}\))?,?\s+and\s+(?:the\s+)?", text[a.end : m.start]
            )
            for a in acting
        ):
            acting += (m,)
    return Cast(tuple(people), tuple(bodies), tuple(mentions), countries, speaking, acting)


# Unions and councils of states, and international courts: what they do is the setting of
# a story, not a part in it.
_UNIONS_OF_STATES = frozenset(
    {"European Union", "United Nations", "UN Security Council", "U.N. Security Council"}
)


def _context_only(name: str, international: set[str]) -> bool:
    """ "The EU imposed sanctions", "measures ordered by the International Court of Justice",
    "UN investigators found": context; "the IMF approved a loan", "the World Bank is
    expected to consider a grant": a lender or agency taking part."""
    return _international(name, international) and (
        name in _UNIONS_OF_STATES or "Court" in name.split() or not _official(name)
    )


def _international(name: str, international: set[str]) -> bool:
    """An international body or a part of one ("UN investigators", "the U.N. human rights
    office")."""
    first = name.split()[0].rstrip(".")
    return (
        name in international
        or ORGANIZATIONS.get(first, ORGANIZATIONS.get(first + ".")) in international
    )


_IRREGULAR_PAST = (
    "took|began|sent|struck|seized|withdrew|won|held|made|cut|shut|fought|broke|brought|kept"
    "|overran|sought|froze|led|gave|drew|set|put|paid|sold|bought|met|left|hit|spent|rose|fell"
    "|used|found|built|ran|lost|flew|stood|went|came|became|grew|threw|upheld|laid|chose|swore"
    "|quit"
)
# What a body does now, in the present tense: "ExxonMobil pumps 650,000 barrels a day",
# "Turkmengaz controls the project company", "the LNDC estimates that …".
_PRESENT_ACTS = (
    r"holds|controls|operates|runs|pumps|produces|supplies|manages|employs|plans|expects"
    r"|estimates|intends|wants|seeks|aims|hopes|needs|faces|opposes|supports|backs|rejects"
    r"|disputes|denies|insists|argues|accuses|demands|calls|refuses|continues|remains"
)
# A capitalised name as it may stand beside another in a subject: "WWF Italy (WWF) and …".
_CO_SUBJECT = (
    r"(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?[A-Z][\w’'&.-]*"
    r"(?:\s+(?:(?:de|des|du|del|da|di|do|la|le|of|for|&)\s+)?[A-Z0-9][\w’'&.-]*){0,5}"
)
_ACTS_AFTER = re.compile(
    r"^(?:\s*\([^()]{1,40}\))?"
    # "WWF Italy and Legambiente filed …", "MUFG Bank, SMBC and Mizuho Bank are arranging":
    # the first of two or more subjects.
    r"(?:(?:,\s+"
    + _CO_SUBJECT
    + r"(?:\s*\([^()]{1,40}\))?)*,?\s+and\s+"
    + _CO_SUBJECT
    + r"(?:\s*\([^()]{1,40}\))?)?"
    r"(?:,[^“”\"]{1,160}?,|,(?=\s+[a-z]))?"  # an appositive, or the comma closing one before
    r"(?:\s+(?:on\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?"
    r"|on\s+[A-Z][a-z]+\.?\s+\d{1,2}|in\s+[A-Z]\w+|has\s+since|has|have|had"
    r"|also|already|now|just|recently|later|then|again|earlier\s+this\s+\w+|last\s+\w+"
    r"|first|(?!(?:family|supply|rally|ally|assembly|reply)\b)[a-z]{3,}ly"
    r"|this\s+week|on\s+\w+\s+night))*"
    r"\s+(?:(?!(?:was|were|based|led|owned)\b|backed\b(?!\s+(?:the|a|an|its|their)\b))"
    r"(?:[a-z]{3,}ed|" + _IRREGULAR_PAST + r"|" + _PRESENT_ACTS + r")\b"
    r"(?!\s+by\b)|will\s+(?!be\b)[a-z]{3,}\b"
    # "The Bank of Guyana, which manages the fund, is due to transfer …"
    r"|(?:is|are)\s+(?:due|set|expected|scheduled|preparing)\s+to\s+(?!be\b)[a-z]{3,}\b"
    # "Sumitomo Mitsui Banking Corp. is arranging the loan", "the ADB is in talks to lend"
    r"|(?:is|are)\s+(?:still\s+|now\s+|also\s+)?(?:in\s+talks\b|(?!being\b)[a-z]{3,}ing\b)"
    # "PDVSA did not respond to a request for comment": asked, as a party to the story.
    r"|did(?:\s+not|n[’']t)\s+(?:immediately\s+)?(?:respond|reply|return|comment)\b)"
)
# What may stand before a body's name at the head of its sentence: "On Monday,", "Two days
# later,", "In a post on X,"; "the"; an owner ("Spain’s", "the country’s"); and what the
# body is ("state-owned", "grid operator", "Russian state nuclear company").
_KIND_BEFORE_NAME = (
    r"company|firm|group|operator|platform|utility|miner|producer|maker|carrier|lender|bank"
    r"|insurer|trader|giant|conglomerate|cooperative|developer|exporter|supplier|investor"
    r"|fund|charity|organi[sz]ation|NGO|agency|union|association|coalition|alliance|network"
    r"|party|movement|militia|broadcaster|regulator|watchdog|consortium|subsidiary|unit|arm"
    r"|state|paramilitary|opposition|ruling|rebel|militant|armed"
    r"|rival|local|fellow|parent|embattled|troubled|listed"
)
_NOT_MODIFIER = (
    r"of|in|at|for|to|by|with|from|on|and|or|but|that|which|who|whose|as|after|before|when"
    r"|while|if|than|because|since|where|its|their|his|her|it|they|he|she|we|is|was|are|were"
    r"|has|had|have|will|would|not|said|says|told|also|then|both"
)
# "the", an owner ("Spain’s", "the country’s") and what the body is ("state-owned", "grid
# operator", "Russian state nuclear company") before a subject's name.
_SUBJECT_PREFIX = (
    r"(?:[Tt]he\s+)?"
    r"(?:(?:[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?|country|nation|island|kingdom|region|city)['’]s\s+)?"
    r"(?:(?:(?!(?:" + _NOT_MODIFIER + r")\b)(?:[A-Za-z]+-[a-z]+|[a-z]+|[A-Z][a-z]+)\s+){0,4}"
    r"(?:(?i:" + _KIND_BEFORE_NAME + r")|[A-Za-z]+-[a-z]+|(?:" + "|".join(DEMONYMS) + r"))\s+)?"
)
# The people or organs of a body, acting for it: "Troops from the Rwanda Defence Force",
# "The board of Banco de la República voted", "senators from the Christian Democratic Appeal".
_PEOPLE_OF_A_BODY = (
    r"officers|members|troops|soldiers|agents|staff|inspectors|auditors|engineers|fighters"
    r"|aircraft|lawmakers|legislators|senators|deputies|delegation|delegates|team|officials"
    r"|representatives|executives|activists|militants|board|bureau|committee|leadership"
)
_PEOPLE_BEFORE = re.compile(
    r"\b(?i:" + _PEOPLE_OF_A_BODY + r")\s+(?:of|from)\s+" + _SUBJECT_PREFIX + r"$"
)
_LISTED = _SUBJECT_PREFIX + _CO_SUBJECT + r"(?:\s*\([^()]{1,40}\))?"
_LISTED_NEXT = _CO_SUBJECT + r"(?:\s*\([^()]{1,40}\))?"  # no description after the first
_LIST_GOES_ON = re.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:,\s+" + _CO_SUBJECT + r")*,?\s+and\s+" + _CO_SUBJECT
)
_SUBJECT_LEAD = re.compile(
    r"\s*(?:(?:(?:On|In|At|By|Last|Earlier|Later|Under|After|Before|Since|During|Meanwhile"
    r"|Separately|However|Then|Now|Also"
    # "Two days later,", "Two days after the leak was found,"
    r"|[A-Z][a-z]+\s+(?:days?|weeks?|months?)\s+(?:later|earlier|after\b[^,“”\"]{0,40})"
    r"|on|in|at|by|last|earlier|later)\b[^,“”\"]{0,40},\s*"
    r"|According\s+to\b[^,“”\"]{0,80},\s*)*)"
    # "Troops from the Rwanda Defence Force", "A delegation from the Export-Import Bank":
    # people of a body, acting for it.
    r"(?:(?:[Aa]n?\s+|[Tt]he\s+)?(?:[a-z]+\s+)?(?i:" + _PEOPLE_OF_A_BODY + r")\s+(?:of|from)\s+)?"
    # "The pipeline’s operator, East Mediterranean Gas Company (EMG), shut …", "Niger’s
    # ruling junta, the National Council …, responded": what the body is, then its name.
    r"(?:(?:[Tt]he\s+)?(?:[\w-]+['’]s\s+)?(?:[a-z-]+\s+){0,2}(?i:" + _KIND_BEFORE_NAME + r"),\s+)?"
    # "National Gas Company (NGC) and Petroleos de Venezuela signed": the second subject, or
    # a later one of a list ("Chevron, Shell and Israel’s NewMed Energy have awarded").
    # The middle one of a list ("MUFG Bank, SMBC and …") counts only if the list goes on.
    r"(?:" + _LISTED + r"(?:,\s+" + _LISTED_NEXT + r")*,?\s+and\s+"
    r"|(?P<middle>" + _LISTED + r",\s+(?:" + _LISTED_NEXT + r",\s+)*))?" + _SUBJECT_PREFIX
)


# What a body does as the agent of a passive: "a loan guaranteed by the Inter-American
# Development Bank", "talks mediated by the Ombudsman's Office", "the strike was called by
# the union". Not what it owns, holds or runs, nor what it founded or built long ago.
_ACTING_AGENT = re.compile(
    # not "would have to be approved by the National Assembly": a condition, not an act
    r"(?<!\bto\sbe\s)\b(?:arranged|guaranteed|mediated|called|filed|announced|issued|signed|insured|forced"
    r"|brokered|published|granted|launched|organi[sz]ed|conducted|submitted|tabled|proposed"
    r"|awarded|ordered|approved|rejected|blocked|imposed|released|built"
    r"|developed|detained|championed|heard|seized|arrested|raided|attacked|captured"
    r"|carried\s+out)"
    # "signed in Vientiane by", "released on Tuesday by"
    r"(?:\s+(?:in|on|at|last|this|early|late)\s+[\w’'-]+(?:\s+[A-Z0-9][\w’'-]*)?)?"
    r"\s+by\s+" + _SUBJECT_PREFIX + r"$"
)
_AGENT_DESCRIBED = re.compile(
    r"\b(?:called|organi[sz]ed|filed)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){1,5}"
    r"(?:unions|groups|parties|companies|banks|lenders|firms|federations|organi[sz]ations)"
    r",\s+(?:the\s+)?$"
)
# The other party of a deal or of talks: "signed a revised contract on Tuesday with
# Metallurgical Corporation of China", "talks on a truce with the paramilitary RSF".
_DEALING_PARTY = re.compile(
    r"\b(?:signed|agreement|deal|contract|talks|negotiations|venture|partnership|memorandum"
    r"|truce)\b[^.“”\"]{0,60}?\bwith\s+" + _SUBJECT_PREFIX + r"$"
)


def _acts(text: str, start: int, end: int) -> bool:
    """ "The Bank of Zambia raised its rate", "The Uganda Police Force on Tuesday arrested",
    "Two days later, Trinidad’s state-owned NGC and PDVSA signed": a body at the head of its
    sentence (or of a clause after ", and") as the subject of a verb in the past."""
    if not _ACTS_AFTER.match(text[end:]):
        return False
    return _opens_sentence(text, start, list_goes_on=bool(_LIST_GOES_ON.match(text, end)))


# Abbreviations whose full stop ends no sentence: "JPMorgan Chase & Co. and Citigroup".
_ABBREVIATION = re.compile(
    r"(?:\b(?:Co|Corp|Inc|Ltd|Bros)|[A-Z]\.[A-Z])$"  # not titles: "Col. X signed" opens a sentence
)


def _sentence_before(text: str, start: int) -> str:
    """The words of ``start``'s sentence before it, a dateline left out."""
    stop = text.rfind(". ", 0, start)
    while stop > 0 and _ABBREVIATION.search(text, 0, stop):
        stop = text.rfind(". ", 0, stop)
    opening = max(stop, text.rfind("” ", 0, start))
    lead = text[opening + 2 if opening >= 0 else 0 : start]
    # "LILONGWE, June 3 (Reuters) - ", AFP's "San Salvador (AFP) - ": a dateline opens no
    # sentence.
    lead = re.sub(r"^[A-Z][\w .’'-]+?(?:,[^()\n]{0,40})?\s*\([A-Z][^)]*\)\s*[-—–]+\s*", "", lead)
    return re.sub(r"^[A-Z][A-Z .’'-]+(?:,[^()\n]{0,40})?(?:\([^)]*\))?\s*[-—–]+\s*", "", lead)


def _opens_sentence(text: str, start: int, list_goes_on: bool = False) -> bool:
    """Whether only a subject's lead ("On Monday, the state-owned …") stands between the
    start of the sentence (or of a clause after ", and") and ``start``; with
    ``list_goes_on``, also earlier names of a list of subjects."""
    lead = _sentence_before(text, start)
    # "…, and Okavango Diamond Company postponed …": the subject of a second clause.
    lead = re.sub(
        r"^.*(?:,\s+(?:and|but|while|whereas|as|after|because"
        r"|although|though)|;|\b(?:said|says|added|reported|confirmed)(?:\s+that)?)\s+",
        "",
        lead,
    )
    match = _SUBJECT_LEAD.fullmatch(lead)
    return bool(match) and (list_goes_on or not match["middle"])


def _merge_people(
    candidates: list[_Candidate],
    paragraphs: Sequence[str],
    bodies: Sequence[Body],
    body_mentions: Sequence[Mention],
) -> list[Person]:
    groups: dict[str, list[list[_Candidate]]] = {}
    first = _surname_first_names([c.name for c in candidates], paragraphs)
    for cand in candidates:
        order = cand.name in first
        key = _surname_key(cand.name, order)
        if key not in groups:
            key = _spelling_of(key, cand.name, groups) or key
        for group in groups.setdefault(key, []):
            if _same_person(group[0].name, cand.name, order):
                group.append(cand)
                break
        else:
            groups[key].append([cand])
    people: list[Person] = []
    used_ids: set[str] = set()
    ordered = sorted(
        (group for lists in groups.values() for group in lists),
        key=lambda g: (g[0].para, g[0].start),
    )
    for group in ordered:
        order = group[0].name in first
        surname = surname_of(group[0].name, order)
        skey = _surname_key(group[0].name, order)
        if group[0].name.split()[-1] in _PLACE_HEADS:
            continue  # "in Omonia Square, retired teacher Giorgos Papadakis said": a place
        speaks = any(c.speaks for c in group) or any(
            _surname_speaks(paragraphs, name, body_mentions)
            for name in (surname, *_middle_names(group[0].name, candidates))
        )
        has_role = any(c.role and not c.former for c in group)
        if not (speaks or has_role or any(c.aged for c in group)):
            continue
        best = next((c for c in group if c.role and not c.former), group[0])
        country = best.country or next((c.country for c in group if c.country), None)
        org = best.organization or next((c.organization for c in group if c.organization), None)
        if best.org_ref and not org:
            org = _last_body_before(body_mentions, bodies, best.para, best.start)
        names = []
        for cand in group:
            if cand.name not in names:
                names.append(cand.name)
        key = re.sub(r"[^a-z0-9]+", "-", anyascii(skey).lower()).strip("-") or "person"
        base, n = key, 2
        while key in used_ids:
            key, n = f"{base}-{n}", n + 1
        used_ids.add(key)
        people.append(
            Person(
                key=key,
                name=names[0],
                surname=surname,
                aliases=tuple(names[1:]),
                role=best.role if best.role and not best.former else None,
                country=country,
                organization=org,
            )
        )
    return _with_nicknames(people, paragraphs)


def _middle_names(name: str, candidates: Sequence[_Candidate]) -> list[str]:
    """ "Zacarías" of "Justo Zacarías Irún", "Lula" of "Luiz Inácio Lula da Silva": a middle
    name that may stand alone for its owner (a paternal surname, a nickname), unless another
    name in the story has it too."""
    stop = _leading_stop()
    return [
        token
        for token in name.split()[1:-1]
        if len(token) >= 3
        and token[:1].isupper()
        and token not in stop
        and not any(token in c.name.split() and c.name != name for c in candidates)
    ]


def _with_nicknames(people: list[Person], paragraphs: Sequence[str]) -> list[Person]:
    """A middle name used alone ("Lula" for Luiz Inácio Lula da Silva), or the name a person
    is "known as", becomes an alias."""
    counts: dict[str, int] = {}
    for person in people:
        for token in set(person.name.split()[1:-1]):
            counts[token] = counts.get(token, 0) + 1
    stop = _leading_stop()
    result = []
    for person in people:
        parts = person.name.split()
        extra: list[str] = []
        for k, token in enumerate(parts[1:-1], start=1):
            if counts.get(token, 0) > 1 or len(token) < 3 or not token[:1].isupper():
                continue
            if token in stop or token in person.aliases:
                continue
            pattern = re.compile(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])")
            for text in paragraphs:
                alone = [
                    m
                    for m in pattern.finditer(text)
                    if not text[m.end() :].startswith(" " + parts[k + 1])
                    and not text[: m.start()].endswith(parts[k - 1] + " ")
                ]
                if alone:
                    extra.append(token)
                    break
        known = rf"{re.escape(person.name)},[^.“”]{{0,80}}?\b(?:known\s+as|nicknamed)\s+"
        for text in paragraphs:
            for match in re.finditer(known + r"([A-Z][\w’'-]+)(?![\w’'-]|\s+[A-Z])", text):
                if match[1] not in extra and match[1] not in person.aliases:
                    extra.append(match[1])
        if extra:
            person = Person(
                person.key,
                person.name,
                person.surname,
                person.aliases + tuple(extra),
                person.role,
                person.country,
                person.organization,
            )
        result.append(person)
    return result


def _last_body_before(
    mentions: Sequence[Mention], bodies: Sequence[Body], para: int, pos: int
) -> str | None:
    names = {b.key: b.name for b in bodies}
    previous = [m for m in mentions if (m.para, m.start) < (para, pos)]
    return names.get(previous[-1].key) if previous else None


def _surname_speaks(
    paragraphs: Sequence[str], surname: str, body_mentions: Sequence[Mention] = ()
) -> bool:
    """Whether the surname alone is followed by speech ("Lavrov said"), not as the end of a
    body's name ("Erdenes Tavan Tolgoi said")."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])")
    for index, text in enumerate(paragraphs):
        for match in pattern.finditer(text):
            if any(m.para == index and m.start <= match.start() < m.end for m in body_mentions):
                continue
            if _SPEAKS_AFTER.match(text[match.end() :]) or _said_name(
                text, match.start(), match.end()
            ):
                return True
            # "The prime minister, Kristersson, wrote on X": the name in an appositive's commas
            if re.search(r",\s*$", text[: match.start()]) and _SPEAKS_AFTER.match(
                re.sub(r"^,", "", text[match.end() :])
            ):
                return True
    return False


def _person_mentions(paragraphs: Sequence[str], people: Sequence[Person]) -> list[Mention]:
    forms: list[tuple[str, str]] = []
    for person in people:
        for name in (person.name, *person.aliases):
            forms.append((name, person.key))
        forms.append((person.surname, person.key))
        bare = re.sub(r"^(?:al|el)-", "", person.surname)
        if bare != person.surname:
            forms.append((bare, person.key))
            forms.append(("Al-" + bare, person.key))
    forms.sort(key=lambda f: -len(f[0]))
    mentions: list[Mention] = []
    for index, text in enumerate(paragraphs):
        taken: list[tuple[int, int]] = []
        folded = fold(text)
        for form, key in forms:
            pattern = re.compile(r"(?<![\w-])" + re.escape(fold(form)) + r"(?![\w-])")
            for match in pattern.finditer(folded):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                if len(folded) != len(text) and fold(
                    text[match.start() : match.end()]
                ) != match.group(0):
                    continue
                taken.append(match.span())
                mentions.append(Mention(index, match.start(), match.end(), key, "person"))
    return mentions


def _pronoun_mentions(paragraphs: Sequence[str]) -> list[Mention]:
    mentions = []
    for index, text in enumerate(paragraphs):
        for match in _PRONOUN.finditer(text):
            mentions.append(Mention(index, match.start(), match.end(), "", "pronoun"))
        for match in _ANAPHOR.finditer(text):
            word = " ".join(match["word"].lower().split())
            mentions.append(Mention(index, match.start(), match.end(), "", "anaphor", word))
        # "“…,” the 54-year-old told AFP": the person last named.
        for match in _AGED.finditer(text):
            mentions.append(Mention(index, match.start(), match.end(), "", "pronoun"))
        for match in _IT_SAID.finditer(text):
            mentions.append(Mention(index, match.start(), match.start() + 2, "", "anaphor", "it"))
    return mentions


def _ministry(match: re.Match[str]) -> Body | None:
    who = match["who"]
    code = None
    kind = " ".join(w if w == "and" else w.capitalize() for w in (match["kind"] or "").split())
    if who and not kind and _MINISTRY_KIND.fullmatch(who.split()[-1]):
        # "The Interior Ministry", "the Russian Foreign Ministry": the last word is the
        # portfolio, not part of a country's name.
        *rest, kind = who.split()
        who = " ".join(rest) or None
    if who:
        code = _country_of_word(who) or _country_of_word(who.split()[-1])
        if code is None:
            return None
    if not kind and match["of"]:
        kind = re.split(r"[\s,]", match["of"])[0].title()
    if code is None:
        # "The Interior Ministry said", "the Ministry of Finance and National Planning": the
        # story's own ministry, named as written.
        if not kind or (not match.group(0)[:1].isupper() and not match["the"]):
            return None
        name = re.sub(r"^[Tt]he\s+", "", match.group(0))
        name = name[:1].upper() + name[1:]
        return Body(fold(f"{kind} Ministry"), name, (), None)
    adjective = ADJECTIVE_OF.get(code, who)
    # The key is the short form, so "Tajikistan's Ministry of Energy and Water Resources"
    # and "the Tajik energy ministry" are one body; an official name is kept as written.
    short = " ".join(x for x in (adjective, kind, "Ministry") if x)
    name = short
    if (match["of"] or match.group(0).endswith("ffice")) and match["who"]:
        name = match.group(0)[match.start("who") - match.start() :]
    return Body(fold(short), name, (), code)


def _sentence_subject(cand: _Candidate, paragraphs: Sequence[str]) -> bool:
    """Whether a name opens its sentence as the subject of a verb ("In Nicosia, Christina
    Panayiotou runs a café"), and is no place ("Ledra Street", "Whatever Mexico decides")."""
    text = paragraphs[cand.para]
    words = cand.name.split()
    if any(
        w in country_names() or w in CAPITALS or w in FUNCTION_WORDS or w in DEMONYMS for w in words
    ):
        return False
    opening = max(text.rfind(". ", 0, cand.start), text.rfind("” ", 0, cand.start))
    lead = text[opening + 2 if opening >= 0 else 0 : cand.start]
    if not re.fullmatch(r"\s*(?:[A-Z][^.“”]{0,80},\s*)?", lead):
        return False
    return bool(
        re.match(
            r"(?:,[^“”.]{1,160},)?\s+(?:[a-z]+s|[a-z]+ed|is|was|has|had|does|did)\b",
            text[cand.end :],
        )
    )


def _find_bodies(
    paragraphs: Sequence[str],
    body_flags: Sequence[bool],
    name_words: set[str],
    person_words: set[str],
    names_of_people: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[Body], list[Mention]]:
    """Every body the story names, with its mentions: recognisers run in a fixed order over
    each paragraph, and the first to claim a span keeps it."""
    generic = _head_word_pattern()
    whole_text = "\n".join(paragraphs)
    story = [t for t, body in zip(paragraphs, body_flags, strict=True) if body]
    defined, defined_country = _names_defined(story, generic, person_words)
    gazetteer = {
        **{k: v for k, v in known_bodies()[0].items() if k not in names_of_people},
        **ORGANIZATIONS,
        **{k: k for k in BODY_COUNTRY},
        **{a: n for a, n in defined.items() if a not in ORGANIZATIONS},
        **{n: n for n in defined.values()},
    }
    patterns = (
        _names_pattern(_lexicon_surfaces()),
        _names_pattern(frozenset(defined) | frozenset(defined.values())),
    )
    bodies: dict[str, Body] = {}
    aliases: dict[str, list[str]] = {}
    mentions: list[Mention] = []
    for index, text in enumerate(paragraphs):
        if not body_flags[index]:
            continue
        taken: list[tuple[int, int]] = []
        found = itertools.chain(
            _ministry_bodies(text),
            _national_bodies(text),
            _local_bodies(text),
            _head_word_bodies(text, generic),
            _speaking_acronyms(text, defined),
            _spokesman_bodies(text),
            _bodies_with_the(text),
            _company_bodies(text),
            _bodies_by_shape(text, name_words, whole_text),
            _subject_bodies(text, name_words, person_words, whole_text, defined),
            _lone_word_bodies(text, defined, name_words, whole_text),
            _gazetteer_bodies(text, gazetteer, patterns, defined, defined_country),
        )
        for body, start, end, surface in found:
            # "Luanda-based Azule Energy": where it is based is no part of its name.
            based = _LOCATED.match(body.name)
            if based:
                key = re.sub(r"^\S*-(?:based|led|backed|owned|run)\s+", "", body.key)  # folded
                body = replace(body, key=key, name=body.name[based.end() :])
                located = _LOCATED.match(surface)
                surface = surface[located.end() :] if located else surface
                start += based.end()
            # "The International Finance Corp., the World Bank's arm, said": "The" opens the
            # sentence, not the name.
            if body.name.startswith("The ") and surface.startswith("The "):
                name = body.name[4:]
                key = body.key[4:] if body.key.startswith("the ") else fold(name)
                body, surface, start = replace(body, key=key, name=name), surface[4:], start + 4
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            stored = bodies.setdefault(body.key, body)
            if surface != stored.name and surface not in aliases.setdefault(body.key, []):
                aliases[body.key].append(surface)
            mentions.append(Mention(index, start, end, body.key, "body"))
    mentions += _short_company_mentions(list(bodies.values()), paragraphs, body_flags, mentions)
    mentions = _merge_same_bodies(bodies, aliases, mentions)
    # "PowerChina", found by its shape, after "…, better known as PowerChina": the body the
    # story defined it as.
    by_name = {b.name: k for k, b in bodies.items()}
    for short, full in defined.items():
        key, into = by_name.get(short), by_name.get(full)
        if key and into and key != into and key in bodies and into in bodies:
            mentions = _merge_body(key, into, bodies, aliases, mentions)
    result = []
    for b in bodies.values():
        forms = [b.name, *aliases.get(b.key, ())]
        # "the finance ministry said …, the Ministry of Finance and National Planning said":
        # the official name is the body's name, the common one an alias.
        name = next((f for f in forms if _official(f)), b.name)
        # "Vietnam’s Ministry of Industry and Trade": its official name is also what follows
        # the country, as many analysts write it (the country is in ``country``).
        for form in list(forms):
            owned = re.match(r"(\S+)[’']s\s+(.+)$", form)
            if owned and _country_of_word(owned[1]) and _official(owned[2]):
                forms.append(owned[2])
        others: list[str] = []
        for form in forms:
            if form.lower() not in [name.lower(), *(o.lower() for o in others)]:
                others.append(form)
        result.append(Body(b.key, name, tuple(others), b.country))
    return result, mentions


_LEGAL_FORMS = frozenset(
    {"Corp", "Corporation", "Inc", "Ltd", "Limited", "Co", "Company", "Plc", "PLC", "plc"}
    | {"SA", "AG", "LLC", "Group", "Holdings", "Industries"}
)


_FORMS = _LEGAL_FORMS | {"Sdn", "Bhd"}


def _short_company_mentions(
    bodies: Sequence[Body],
    paragraphs: Sequence[str],
    body_flags: Sequence[bool],
    mentions: Sequence[Mention],
) -> list[Mention]:
    """ "Sahel Crest will appeal" after "Sahel Crest Gold Corp.": a company named again by
    the first words of its name, which are then no person's name."""
    whole_text = "\n".join(paragraphs)
    found: list[Mention] = []
    for body in bodies:
        words = body.name.split()
        if len(words) < 2 or words[-1].rstrip(".") not in _LEGAL_FORMS:
            continue
        for k in range(len(words) - 1, 0, -1):
            short = " ".join(words[:k])
            if k == 1 and (
                short in FUNCTION_WORDS
                or _country_of_word(short)
                or re.search(rf"\b{re.escape(short.lower())}\b", whole_text)
            ):
                continue
            pattern = rf"(?<![\w’'-]){re.escape(short)}(?![\w’'-]|\s+[A-Z])"
            for index, text in enumerate(paragraphs):
                if not body_flags[index]:
                    continue
                for match in re.finditer(pattern, text):
                    if any(
                        m.para == index and m.start < match.end() and match.start() < m.end
                        for m in [*mentions, *found]
                    ):
                        continue
                    found.append(Mention(index, *match.span(), body.key, "body"))
    return found


# "Luanda-based", "state-run": where a body is based or who runs it, no part of its name.
_LOCATED = re.compile(r"[A-Z][\w’'.]*-(?:based|led|backed|owned|run)\s+")
# A body found in a paragraph: the body, where it is named, and the name as written there.
_Found = tuple[Body, int, int, str]


# "U.N.", "U.S.", "U.K." opening an agency's name ("U.N. Development Programme").
_UN_OR_US_ABBREVIATION = r"U\.[SNK]\."


@functools.cache
def _head_word_pattern() -> re.Pattern[str]:
    """ "Philippine Coast Guard", "Federal Agency for Fishery", "the Court of Auditors"."""
    heads = "|".join(sorted(ORG_HEADS))
    dates = "|".join(w.capitalize() for w in (*MONTHS, *WEEKDAYS))
    # "… Commission on Human Rights", not "… Council on Monday".
    of_part = (
        rf"\s+(?:of|for|on)\s+(?:the\s+)?(?!(?:{dates})\b)[A-Z][\w’'-]+"
        r"(?:\s+(?:(?:and|of|for)\s+(?:the\s+)?)?[A-Z][\w’'-]+){0,4}"
    )
    return re.compile(
        # "National Oil, Gas and Biofuels Agency": a list of capitalised words inside a name.
        # "U.N. Development Programme", "U.S. Geological Survey": the abbreviation is part of it.
        rf"\b(?:{_UN_OR_US_ABBREVIATION}\s+(?=[A-Z]))?"
        rf"(?:(?<={_UN_OR_US_ABBREVIATION}\s)(?=(?:{heads})\b)"
        rf"|[A-Z][\w’'-]+(?:,(?=(?:\s+[A-Z][\w’'-]+,)*\s+[A-Z][\w’'-]+\s+(?:and|&)\s+[A-Z]))?\s+"
        rf"(?:(?:and|&|(?<=Republic\s)of)\s+(?=[A-Z]))?){{1,6}}(?:{heads})\b"
        rf"(?:{of_part}){{0,2}}"
        # "the Court of Auditors", "the country’s Department of Civil Protection"
        rf"|(?:(?<=\b[Tt]he\s)|(?<=[’']s\s))(?:{heads})(?:{of_part})"
    )


_KNOWN_AS = re.compile(
    r"(?:^|(?<=\b[Tt]he\s)|(?<=\.\s))(?!The\s)(?P<name>[A-Z][\w&’'.-]*(?:\s+(?:(?:of|for|and|de|du|la)\s+)?"
    r"[A-Z][\w&’'.-]*){1,7}),\s+(?:better\s+|also\s+|commonly\s+|widely\s+)?known\s+as\s+"
    r"(?P<short>[A-Z][\w&’'-]+)(?=[,.;)]|\s+(?:in|on|and|for|to)\b)",
    re.MULTILINE,
)


def _names_defined(
    story: Sequence[str], generic: re.Pattern[str], person_words: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Names the story defines as bodies (by an abbreviation, an appositive or a kind), so
    that each later mention is one: surface -> body name, and body name -> country."""
    defined: dict[str, str] = {}
    defined_country: dict[str, str] = {}
    for text in story:
        # "the National Liberation Army (ELN)": the acronym names the body from then on.
        for match in generic.finditer(text):
            acronym = re.match(r"\s+\(([A-Z][A-Z0-9-]{1,9})\)", text[match.end() :])
            if acronym:
                words = match.group(0).split()
                while words and (words[0] in FUNCTION_WORDS or words[0] == "The"):
                    words = words[1:]
                defined.setdefault(acronym.group(1), " ".join(words))
        for name, code in _named_by_kind(text):
            # "Gold, which accounts for …": a common noun opening a sentence, not a name
            if " " not in name and (
                name.endswith("ies") or any(re.search(rf"\b{name.lower()}\b", t) for t in story)
            ):
                continue  # nor "Municipalities, which buy power, …"
            defined.setdefault(name, name)
            if code:
                defined_country.setdefault(name, code)
        # "Anglo-Australian mining group Rio Tinto": named by what it is, it is a body
        # wherever the story names it ("Rio Tinto welcomed the decision").
        for match in _KIND_THEN_NAME.finditer(text):
            name = match["name"]
            words = name.split()
            if any(w.lower() in ROLE_HEADS or w in FUNCTION_WORDS for w in words) or len(words) < 2:
                continue
            if _country_of_word(name) or name in CAPITALS or name in ORGANIZATIONS:
                continue
            defined.setdefault(name, name)
        # "Aluminium Bahrain, known as Alba,", "the Power Construction Corporation of China,
        # better known as PowerChina": the short name names the body from then on.
        for match in _KNOWN_AS.finditer(text):
            words = match["name"].split()
            short = match["short"]
            if (
                len(words) >= 2
                and not set(words) <= person_words
                and not any(w.startswith(short) for w in words)  # not "Balen" of "Balendra"
            ):
                defined.setdefault(short, match["name"])
        for match in _DEFINED_ACRONYM.finditer(text):
            # "Armed Conflict Location and Event Data project (ACLED)", "US Central Command
            # (CENTCOM)", "Tokyo Electric Power Company (Tepco)"
            words = match["name"].split()
            while words and words[0] in ("The", "the", "In", "At", "On", "For", "From", "By"):
                words = words[1:]
            if _abbreviates(match["acr"], words):
                defined.setdefault(match["acr"], " ".join(words))
    return defined, defined_country


def _ministry_bodies(text: str) -> Iterator[_Found]:
    for match in _MINISTRY.finditer(text):
        body = _ministry(match)
        if body:
            start = match.start("who") if match["who"] else match.start()
            surface = re.sub(r"^[Tt]he\s+", "", text[start : match.end()])
            yield body, match.start(), match.end(), surface


def _national_bodies(text: str) -> Iterator[_Found]:
    """ "Argentina's central bank", "the Turkish coast guard": named as written."""
    for match in _NATIONAL_BODY.finditer(text):
        code = _country_of_word(match["who"])
        if code:
            what = " ".join(match["what"].split()).title()
            short = f"{ADJECTIVE_OF.get(code, match['who'])} {what}"
            yield Body(fold(short), match.group(0), (), code), *match.span(), match.group(0)


# "the Narva city council", "the Brava municipal council": a town's council, as written.
_LOCAL_BODY = re.compile(
    r"(?<![\w’'-])(?P<place>[A-Z][\w’'-]+)\s+(?:city|municipal|town|county|district|provincial"
    r"|regional)\s+(?:council|government|assembly)\b"
)


def _local_bodies(text: str) -> Iterator[_Found]:
    for match in _LOCAL_BODY.finditer(text):
        if match["place"] in FUNCTION_WORDS or _country_of_word(match["place"]):
            continue
        name = match.group(0)
        yield Body(fold(name), name, (), None), *match.span(), name


def _head_word_bodies(text: str, generic: re.Pattern[str]) -> Iterator[_Found]:
    for match in generic.finditer(text):
        words = match.group(0).split()
        # "The", "In" … go; "European", "African" stay ("the European Court of …"), and so
        # do the adjectives that open names of offices ("the General Directorate of …").
        while (
            words
            and words[0] in FUNCTION_WORDS
            and words[0] not in _NAME_ADJECTIVES | _OFFICE_ADJECTIVES
        ):
            words = words[1:]
        owner = None
        # "South Africa’s Standard Bank": the owner is a country, the name what follows.
        for k, word in enumerate(words[:-1]):
            if _POSSESSIVE.search(word[-2:]) and word[-2:] in ("’s", "'s"):
                owner = _country_of_word(" ".join(words[: k + 1])) or _country_of_word(word)
                # "Oyun-Erdene’s Mongolian People’s Party": anyone's, not only a country's;
                # "People’s Party" itself keeps its "People’s".
                plural = word[:-2] in _PLURAL_OWNERS
                if owner or (not plural and len(words) - k - 1 >= 2):
                    words = words[k + 1 :]
                break
        if words and _LOCATED.fullmatch(words[0] + " "):
            words = words[1:]  # "the Jakarta-based Andalas Economic Institute"
        if words and re.search(r"['’]s$", words[-1]):
            words[-1] = words[-1][:-2]  # "the Reserve Bank of Zimbabwe’s governor"
        if len(words) < 2 or "Ministry" in words:
            continue
        name = " ".join(words)
        if name in ORGANIZATIONS:
            name = ORGANIZATIONS[name]
        start = match.start() + match.group(0).find(words[0])
        end = start + len(" ".join(words))
        code = owner or _country_of_word(words[0]) or BODY_COUNTRY.get(name)  # "State Department"
        # "the Association of Banks in Lebanon": a country after "in" ends the name.
        located = re.match(r"\s+in\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\b(?!['’])", text[end:])
        membership = ("Association", "Federation", "Confederation", "Chamber", "Union")
        if (
            located
            and _country_of_word(located[1])
            and (" of " in f" {name} " or name.split()[-1] in membership)
        ):
            name, end = name + located.group(0), end + len(located.group(0))
            code = code or _country_of_word(located[1])
        if code is None and words[:2] == ["Republic", "of"] and len(words) > 2:
            code = _country_of_word(words[2])  # "the Republic of Fiji Military Forces"
        tail = re.search(r"\s(?:of|for)\s+(?:the\s+)?(.+)$", name)
        if code is None and tail and tail.group(1) in country_names():
            code = country_names()[tail.group(1)]  # "the Reserve Bank of Zimbabwe"
        # "Taiwan's Coast Guard" and "the Taiwanese coast guard" are one body.
        key = fold(name)
        if owner:
            key = fold(f"{ADJECTIVE_OF.get(owner, '')} {name}")
        elif code and _country_of_word(words[0]):
            key = fold(f"{ADJECTIVE_OF.get(code, words[0])} {' '.join(words[1:])}")
        # "Humane Society International", "Climate Action Network International"
        international = re.match(r"\s+International\b", text[end:])
        if international:
            name, end = name + international.group(0), end + len(international.group(0))
        # "CMOC Group Ltd.", "Laos-China Railway Co": the legal form ends the name, and the
        # key leaves it out, so that "CMOC Group" later is the same company.
        legal = re.match(r"\s+(?:Co|Ltd|Inc|Corp|Plc|PLC|SA|AG|LLC)\b\.?", text[end:])
        if legal and " of " not in f" {name} ":
            name, end = name + legal.group(0), end + len(legal.group(0))
        written = name
        if owner:  # "Kuwait’s Council of Ministers" is also how the story names it
            written = text[match.start() : end]
            written = re.sub(r"^(?:The|the)\s+", "", written)
        yield Body(key, name, (), code), start, end, written


def _speaking_acronyms(text: str, defined: dict[str, str]) -> Iterator[_Found]:
    """An acronym that speaks is a body: "the U.N. mission in Congo, MONUSCO, said"."""
    acronyms = r"(?<![\w.-])([A-Z]{3,}|[A-Z]{2,}(?:-[A-Z]{2,})+)(?![\w.-])"  # "PIT-CNT"
    for match in re.finditer(acronyms, text):
        acronym = match.group(1)
        if acronym in NEWS_AGENCIES or acronym in DEMONYMS or acronym in ORGANIZATIONS:
            continue
        if acronym in defined:  # the body it stands for is named by the gazetteer
            continue
        before = re.search(r"(?<![\w’'-])([A-Z][\w’'-]*[a-z])\s$", text[: match.start()])
        if before and before[1] not in FUNCTION_WORDS and not _country_of_word(before[1]):
            continue  # "Alpha MBM said": part of a longer name, named by _subject_bodies
        if match.start() < dateline_end(text):
            continue  # "BOGOTA, Oct 22, 2024 (Reuters) - …": the dateline's place
        if _body_speaks(text, *match.span(), appositive=True):
            yield Body(fold(acronym), acronym, (), None), *match.span(), acronym


def _spokesman_bodies(text: str) -> Iterator[_Found]:
    for match in _SPOKESMAN_FOR.finditer(text):
        name = _POSSESSIVE.sub("", match["name"]).rstrip(".")
        start, end = match.start("name"), match.start("name") + len(name)
        if _country_of_word(name) or name in CAPITALS or name in NEWS_AGENCIES:
            continue
        if name in ORGANIZATIONS or any(w in ORG_HEADS for w in name.split()[1:]):
            continue  # the gazetteer and the head-word rule name these
        yield Body(fold(name), name, (), None), start, end, name


def _bodies_with_the(text: str) -> Iterator[_Found]:
    """ "Save the Children Sweden said": a name with "the" inside it, speaking."""
    for match in _NAME_WITH_THE.finditer(text):
        if _body_speaks(text, *match.span()):
            name = match.group(0)
            yield Body(fold(name), name, (), None), *match.span(), name


def _company_bodies(text: str) -> Iterator[_Found]:
    for match in _COMPANY.finditer(text):
        name = match.group(0)
        prefix = re.match(r"(?:PT|PJSC|JSC)\s+", name)
        short = name[prefix.end() :] if prefix else name.rsplit(" ", 1)[0]  # "MMG" Ltd.
        # "Hengyi Industries Sdn. Bhd." is "Hengyi Industries" later, the key of both "Hengyi"
        while not prefix and " " in short and short.rsplit(" ", 1)[1].rstrip(".") in _FORMS:
            short = short.rsplit(" ", 1)[0]
        yield Body(fold(short), name, (), None), *match.span(), name


def _bodies_by_shape(text: str, name_words: set[str], whole_text: str) -> Iterator[_Found]:
    """ "the German charity Sea-Watch said", "TotalEnergies said": named by their kind or
    written CamelCase or hyphenated, and speaking."""
    for pattern, group in ((_KIND_THEN_NAME, "name"), (_ONE_WORD_NAME, 1)):
        for match in pattern.finditer(text):
            name = match.group(group)
            start, end = match.span(group)
            if _NAME_PREFIX.match(name) or name in name_words:
                continue  # "Al-Harthy", "McPherson" (of "Timothy McPherson"): surnames
            given = rf"(?<![\w’'.-])[A-Z][\w’'.-]* {re.escape(name)}"
            if "-" in name and re.search(given, whole_text):
                continue  # "Jeanine Hennis-Plasschaert": a surname after a given name
            speaks = _body_speaks(text, start, end)
            if speaks and not _country_of_word(name) and name not in CAPITALS:
                yield Body(fold(name), name, (), None), start, end, name


# "People’s Party", "Women’s League": a plural's possessive that is part of a body's name,
# not its owner.
_PLURAL_OWNERS = ("People", "Women", "Children", "Men")
# "Rival Hanwha Ocean": what a body is, capitalised only because it opens the sentence.
_DESCRIBING = re.compile(
    r"(?i:rival|local|fellow|parent|embattled|troubled|listed|opposition|rebel)"
)
# A capitalised name, words of a foreign name's particles inside it: "Port Autonome de
# Cotonou", "B2Gold", "Laos-China Railway Co", "WWF Italy".
_PROPER_NAME = re.compile(
    r"(?<![\w’'.&-])(?P<name>[A-Z][\w&-]*(?:[’'][a-z][\w&-]*)?"
    r"(?:\s+(?:(?:de|des|du|la|le|di|da|do|dos|das|del|ng|y|of|for|&)\s+(?:the\s+)?)?[A-Z][\w&-]*"
    r"(?:[’'][a-z][\w&-]*)?){0,6})"
    r"(?![\w’'&-])"
)


# What a body has or is made of, capitalised only because it opens the sentence.
_PARTS_OF_A_BODY = frozenset(
    "Shares Stock Bonds Units Subsidiaries Workers Employees Staff Members Officials "  # noqa: SIM905
    "Executives Investors Customers Creditors Supporters Lawyers".split()
)


def _subject_bodies(
    text: str,
    name_words: set[str],
    person_words: set[str],
    whole_text: str,
    defined: dict[str, str],
) -> Iterator[_Found]:
    """ "Grid operator Elia said", "The Riksdag voted", "Brunei LNG and JERA signed": a name
    that no other recogniser knows, standing as the subject of a sentence whose verb says or
    does something. Capitalised after "the" or inside its sentence it is a proper name; at
    the very start of a sentence one word must also show itself elsewhere to be one."""
    for match in _PROPER_NAME.finditer(text):
        words = match["name"].split()
        if _singular(words[0].lower().split("-")[-1])[0] in ROLE_HEADS or words[0] in HONORIFICS:
            continue  # "Minister of Construction Tran Van Nam said", "Then-President X"
        # "But Gazprom said": the sentence's first word is no part of the name.
        while words and words[0] in FUNCTION_WORDS and words[0] not in _NAME_ADJECTIVES:
            words = words[1:]
        while words and words[0].islower():
            words = words[1:]
        # "Rival Hanwha Ocean won": what the body is, capitalised only as the first word.
        if len(words) > 1 and _DESCRIBING.fullmatch(words[0]):
            words = words[1:]
        while words and words[-1] in ("of", "for", "&", "de", "la"):
            words = words[:-1]
        # "Italy’s Webuild", "Saudi Arabia’s NEOM": the owner is no part of the name.
        owned = [
            k
            for k, w in enumerate(words[:-1])
            if re.search(r"['’]s$", w) and w[:-2] not in _PLURAL_OWNERS
        ]
        written = " ".join(words)  # with its owner: "Spain’s National Police"
        if owned:
            words = words[owned[-1] + 1 :]
        # "London-based", "Iran-aligned": what a body is, not its name; "the North’s
        # leadership": an owner, not the subject; "MPs", "NGOs": people or kinds.
        if (
            not words
            or re.fullmatch(r"[A-Z]{2,}s", words[-1])
            or re.search(r"-[a-z]+$|['’]s$", words[-1])
            or words[0].lower() in MONTHS
            or all(w in REGION_AND_FAITH_WORDS or w in _CONTINENTS for w in words)
        ):
            continue
        # "Shares of Hanwha Ocean rose": the body's shares move, the body does nothing.
        if len(words) > 2 and words[1] == "of" and words[0] in _PARTS_OF_A_BODY:
            continue
        name = " ".join(words)
        start = match.start() + match.group(0).find(words[0])
        end = start + len(name)
        # "economist Pablo Arias of the Universidad …": a person with a lower-case title.
        title = re.search(r"\b([a-z]+)\s+$", text[:start])
        if title and (title[1] in ROLE_HEADS or title[1] in _OCCUPATIONS):
            continue
        # "The U.S. Treasury granted": the country's abbreviation belongs to the name.
        abbreviation = re.search(rf"\b{_UN_OR_US_ABBREVIATION}\s$", text[:start])
        if abbreviation:
            start = abbreviation.start()
            name = written = text[start:end]
        # "The Republican party, which voted against the bill, said": an adjective names a
        # party only with its "party" (not "the Naleraq party", which is "Naleraq").
        if (
            len(words) == 1
            and re.search(r"(?:an|ist|ic|al|ive)$|^(?:Green|Labou?r|Centre|Center|Left)$", name)
            and re.match(r" party\b", text[end:])
        ):
            name, end, written = name + " party", end + 6, written + " party"
        says_or_does = (
            _speaks_after(text, start, end)
            or _acts(text, start, end)
            or re.search(r"\b[Aa]ccording\s+to\s+(?:the\s+)?$", text[:start])
        )
        if (
            not says_or_does
            or len(name) < 2
            or re.match(r"\.\w", text[end:])  # "U.N."
            or text.count("“", 0, start) > text.count("”", 0, start)  # inside a quote
            or _after_preposition(text, start)  # "In Melilla, the city’s president said"
            # "Ana Vidal reported from Madrid.": a credit line
            or re.match(r"\s+(?:reported|contributed|edited)\s+(?:from|to|by|this)\b", text[end:])
            or _known_otherwise(words, name_words, person_words, defined)
            or _names_something_else(text, start)
            or _nickname(name, whole_text)
            or _looks_personal(words, text[end:], whole_text)
            or _named_as_place(name, whole_text)
            or _named_as_thing(name, whole_text)
            or _rest_of_a_name(text, start, name)
            # "… Office on Drugs and Crime (UNODC) said": the end of a longer name
            or re.search(r"[A-Z][\w’'-]*\s+(?:on|of|for)\s+$", text[:start])
            or start < dateline_end(text)  # "BOGOTA, Oct 22, 2024 (Reuters) - …"
            # "St Vincent and the Grenadines, led by …, has declined": part of a country
            or any(s <= start and end <= e for _, s, e in _country_spans(text))
            or (len(words) == 1 and _inside_longer_names(name, whole_text))
        ):
            continue
        opens = not _sentence_before(text, start).strip()
        if opens and not (_shows_a_name(words, whole_text) or _BODY_APPOSITIVE.match(text, end)):
            continue
        yield Body(fold(name), name, (), None), start, end, written


_CONTINENTS = frozenset({"Africa", "Asia", "Europe", "America", "Americas", "Oceania"})


# Words no person's name has: "HD Hyundai Heavy Industries said" names a company.
_ORGANISATION_WORDS = frozenset(
    """Industries Holdings Group Corp Corp. Corporation Inc Inc. Ltd Ltd. Company Co Co. Bank
    Energy Power Mining Resources Investments Partners Electric Electricity Motors Steel
    Airlines Airways Telecom Petroleum Shipping Shipbuilding Logistics Capital""".split()  # noqa: SIM905
)
# The last word of a place's name: no person's name ends with one.
_PLACE_HEADS = frozenset(
    """Square Street Avenue Road Bridge Airport Atoll Island Islands Province Region District
    Valley River Sea Ocean Gulf Strait Peninsula Mountains Desert Palace""".split()  # noqa: SIM905
)
_THING_HEADS = frozenset(
    """Mechanism Act Law Bill Treaty Agreement Accord Accords Protocol Convention Charter
    Declaration Plan Strategy Code Constitution Project Corridor Pipeline Dam Field Mine Atoll
    Island Islands Square Street Avenue Bridge Airport Province Region District Valley River
    Lake Sea Gulf Strait Peninsula Mountains Desert Cup Games Summit""".split()  # noqa: SIM905
)


def _named_as_thing(name: str, whole_text: str) -> bool:
    """ "the ZiG currency", "the Doel reactor", "the Carbon Border Adjustment Mechanism":
    a thing the story names, not a body."""
    if name.split()[-1] in _THING_HEADS:
        return True
    things = (
        r"currency|index|field|fields|mine|project|pipeline|river|port|airport|dam|plant"
        r"|reactor|bridge|island|islands|province|region|district|valley|peninsula|basin"
    )
    return bool(re.search(rf"\b{re.escape(name)}\s+(?:{things})\b", whole_text))


def _rest_of_a_name(text: str, start: int, name: str) -> bool:
    """ "Trinidad and Tobago", "Minister of Water and Sanitation": the end of a longer name."""
    before = re.search(r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)\s+(?:and|&)\s+$", text[:start])
    if before and (
        lookup_country(f"{before[1]} and {name}") or _country_of_word(f"{before[1]} and {name}")
    ):
        return True
    title = r"(?:Minister|Ministry|Department|Secretary|Commissioner|Commission)\s+(?:of|for)\s+"
    return bool(re.search(title + r"(?:[A-Z][\w’'-]*,?\s+){1,4}(?:and|&)\s+$", text[:start]))


_NOT_BODY_KINDS = frozenset(
    {"cyclone", "hurricane", "typhoon", "storm", "tropical", "operation", "lake", "mount"}
)


@functools.cache
def _honorific_then_word() -> re.Pattern[str]:
    honorifics = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
    return re.compile(rf"\b(?:{honorifics})\.?\s+([A-Z][\w’'-]*)")


@functools.lru_cache(maxsize=4)
def _titled_words(whole_text: str) -> frozenset[str]:
    """Words that follow "Mr", "Dr", "Sheikh" … somewhere in the story."""
    return frozenset(m[1] for m in _honorific_then_word().finditer(whole_text))


def _looks_personal(words: Sequence[str], after: str, whole_text: str) -> bool:
    """ "Ersin Tatar, the Turkish Cypriot leader, …" or "Mr Tatar": a person's name."""
    if any(w in _titled_words(whole_text) for w in words):
        return True
    # "Andrej Babiš has moved …" and later "Babiš told reporters": a person's surname,
    # alone, speaks (a body is not called by the last word of its name).
    if (
        len(words) > 1
        and len(words[-1]) > 2
        and words[-1] not in ORG_HEADS
        and not _country_of_word(words[-1])
        and words[-1] not in CAPITALS
    ):
        last = re.escape(words[-1])
        for alone in re.finditer(rf"(?<![\w’'-]){last}(?![\w’'-])", whole_text):
            before = whole_text[: alone.start()].split()[-1:]
            if before and before[0][:1].isupper() and not before[0].endswith((".", ",", "”")):
                continue  # "Andrej Babiš" itself, not the surname alone
            if _SPEAKS_AFTER.match(whole_text[alone.end() :]):
                return True
    # "…, the Turkish Cypriot leader,", "…, head of the Capital Authority,"
    appositive = re.match(r",\s+(?:(?:the|a|an)\s+)?((?:[\w’'-]+\s+){0,4}?[\w’'-]+)[,\s]", after)
    if appositive and appositive[1].split()[-1].lower() in ROLE_HEADS:
        return True
    return bool(re.match(r",\s+\d{1,3},", after))  # "…, 52, said"


def _nickname(name: str, whole_text: str) -> bool:
    """ "Balendra Shah, a former rapper popularly known as Balen": a person's other name,
    not a body ("The board, known as Cocobod" names a body)."""
    for match in re.finditer(
        rf"([A-Z][\w’'-]+(?:\s+(?:of|for|and|the|[A-Z][\w’'-]+))+),[^.“”]{{0,80}}?"
        rf"\b(?:known\s+as|nicknamed)\s+"
        rf"{re.escape(name)}\b",
        whole_text,
    ):
        words = match[1].split()
        # a person's name has no "of", "The" or head word ("the National Energy Regulator
        # of South Africa, known as Nersa")
        if not any(w in ORG_HEADS or w in FUNCTION_WORDS or w.islower() for w in words):
            return True
    return False


def _names_something_else(text: str, start: int) -> bool:
    """ "Valentine Rugwabiza, the head of the UN mission, Minusca, told …": a name set in
    commas after a person's is not the one that speaks ("Poland’s gas operator, Gazsystem,
    said" has no person before it)."""
    lead = _sentence_before(text, start)
    if not lead.rstrip().endswith(","):
        return False
    return bool(re.search(r"[A-Z][\w’'-]+\s+[A-Z][\w’'-]+,\s", lead))


def _known_otherwise(
    words: Sequence[str], name_words: set[str], person_words: set[str], defined: dict[str, str]
) -> bool:
    """A person's name, a place, a date, a kind of storm, a body another recogniser names
    ("JET", defined by the story; ministries; the gazetteer's bodies)."""
    name = " ".join(words)
    one = len(words) == 1
    # "Friends of the Earth Finland": a name joined by "of" is no one's, whatever words of
    # it a person-like run ("Earth Finland said") has taken.
    # "Dangote Petroleum Refinery": a company may bear a person's name.
    joined = any(w.islower() for w in words) or bool(_ORGANISATION_WORDS & set(words))
    return bool(
        (not joined and any(w in person_words for w in words))
        or (one and name in name_words)
        or any(w.lower() in ROLE_HEADS or w in HONORIFICS for w in words)
        or words[0].lower() in _NOT_BODY_KINDS  # "Cyclone Ditwah struck"
        or (one and (name in ORG_HEADS or name in ("House", "Chamber")))
        or "Ministry" in words  # ministries are _ministry_bodies' to name
        or name in ORGANIZATIONS
        or name in defined
        or name in defined.values()
        or name in CAPITALS
        or name in NEWS_AGENCIES
        or name.lower() in MONTHS
        or name.lower() in WEEKDAYS
        or _country_of_word(name)
        or _country_of_word(name.removesuffix("s"))  # "Maldivians"
        or lookup_country(name)  # "Kosovo", which the drafter's lexicon lacks
        # "Neighboring Lithuania", not "WWF Italy", "Bank Indonesia", "Aluminium Bahrain"
        or (
            not one
            and re.fullmatch(r"[A-Z][a-z-]*(?:ing|ed|ern|ful|ous|ish|less|-[a-z]+)", words[0])
            and words[0] not in ORG_HEADS
            and _country_of_word(" ".join(words[1:]))
        )
    )


def _after_preposition(text: str, start: int) -> bool:
    before = text[:start]
    if re.search(r"\b[Aa]ccording\s+to\s+(?:the\s+)?$", before):
        return False
    return bool(
        re.search(r"\b(?i:in|at|from|near|to|for|of|by|with|on|into|over)\s+(?:the\s+)?$", before)
    )


def _inside_longer_names(word: str, whole_text: str) -> bool:
    """ "Johnson" of "Prince Johnson", "Lavrov" of "Lavrov Street": one word of a longer name
    somewhere in the story ("Japan’s JERA" and "Swiss-based Glencore" are not)."""
    for other in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", whole_text):
        before = whole_text[: other.start()].split()[-1:]
        after = whole_text[other.end() :].split()[:1]
        if (
            before
            and before[0][:1].isupper()
            and not re.search(r"[.,:;]$|['’]s$|-[a-z]+$|^(?:The|A|An)$", before[0])
            and before[0] not in FUNCTION_WORDS
        ):
            return True
        # not "Ibama President Rodrigo Agostinho": a body before its head's title
        if (
            after
            and after[0][:1].isupper()
            and not whole_text[other.end()].strip()
            and after[0].lower() not in ROLE_HEADS
        ):
            return True
    return False


def _named_as_place(name: str, whole_text: str) -> bool:
    """ "… protests in Guayaquil", "talks in The Hague": a place, where a body is rarely put."""
    place = (
        # not "shares in HD Hyundai", "a stake in Glencore"
        r"(?<!\bshares\s)(?<!\bstake\s)(?<!\bstakes\s)(?<!\binterest\s)"
        rf"\b(?:in|near|outside|around|across)\s+(?:[Tt]he\s+)?(?:[A-Z][\w’'-]+\s+and\s+)?"
        rf"{re.escape(name)}\b(?!['’]?\s*[A-Z])"
    )
    return bool(re.search(place, whole_text))


# "Electrabel, Engie’s Belgian unit that …", "Danish Crown, the farmer-owned meat
# cooperative, …": an appositive that says the name before it is a body's.
_BODY_APPOSITIVE = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,\s+(?:(?:the|a|an)\s+|[A-Z][\w.-]*['’]s\s+)(?:[\w’'-]+\s+){0,4}?"
    r"(?:" + _BODY_NOUNS + r"|cooperative|co-operative|operator|regulator|watchdog|authority"
    r"|collective|campaign)\b"
)


def _shows_a_name(words: Sequence[str], whole_text: str) -> bool:
    """Whether a name opening its sentence is one: two words or more, or letters no common
    noun has ("JERA", "B2Gold"), or written capitalised inside sentences too and never in
    lower case ("… with Electrabel", not "Inflation … inflation")."""
    word = words[0]
    if len(words) > 1:
        return True
    if re.search(r"\d|^[A-Z]{2,}$|[a-z][A-Z]", word):
        return True
    return (
        word not in FUNCTION_WORDS
        and not re.search(rf"\b{re.escape(word.lower())}\b", whole_text)
        and bool(re.search(rf"[a-z,;]\s+{re.escape(word)}\b", whole_text))
    )


def _lone_word_bodies(
    text: str, defined: dict[str, str], name_words: set[str], whole_text: str
) -> Iterator[_Found]:
    """ "Gazprom said", "the gas operator, Eustream, said": a lone capitalised word that
    speaks or acts and is never part of a longer name in the story."""
    for match in re.finditer(r"(?<![\w’'.-])([A-Z][a-z]{3,})(?![\w’'-])", text):
        word = match.group(1)
        if word in name_words:
            continue  # "Nielsen, whose government …": Jens-Frederik Nielsen's surname
        if word not in defined and _lone_name_takes_part(text, match, whole_text):
            yield Body(fold(word), word, (), None), *match.span(), word


@functools.cache
def _lexicon_surfaces() -> frozenset[str]:
    return frozenset(known_bodies()[0]) | frozenset(ORGANIZATIONS) | frozenset(BODY_COUNTRY)


@functools.lru_cache(maxsize=64)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """Where any of ``names`` starts, as a whole word: one pattern for a thousand names,
    which scanned one pattern each cost eight times the rest of the drafting."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?=(?:" + (alternatives or "(?!)") + r")(?![\w-]))")


def _gazetteer_bodies(
    text: str,
    gazetteer: dict[str, str],
    patterns: Sequence[re.Pattern[str]],
    defined: dict[str, str],
    defined_country: dict[str, str],
) -> Iterator[_Found]:
    """International bodies, national ones the lexicon knows, and the names the story
    defined, wherever they are named: longer names first, so that they claim their span."""
    starts = {m.start() for pattern in patterns for m in pattern.finditer(text)}
    rank = {surface: i for i, surface in enumerate(gazetteer)} if starts else {}
    found = sorted(
        (
            (-len(surface), rank[surface], at, surface)
            for at in starts
            for surface in gazetteer
            if text.startswith(surface, at)
            and not re.match(r"[\w-]", text[at + len(surface) : at + len(surface) + 1])
        ),
    )
    for _, _, start, surface in found:
        end, name = start + len(surface), gazetteer[surface]
        if " " not in surface and _before_a_surname(text, end):
            continue  # "President Duma Boko": a given name, not Russia's Duma
        # "the U.N. human rights office": a part of the organisation, named as written.
        part = _BODY_PART.match(text, end)
        if part and name in ORGANIZATIONS.values():
            whole = text[start : part.end()]
            yield Body(fold(whole), whole, (), None), start, part.end(), whole
            continue
        if name not in ORGANIZATIONS.values() and _inside_a_longer_name(text, start, end):
            continue  # "Nikola Tesla Airport", "Adani Green Energy": other names
        code = BODY_COUNTRY.get(name) or known_bodies()[1].get(name)
        code = code or defined_country.get(name)
        if code is None and name in defined.values():  # "US Central Command"
            code = (country_at(name, 0) or (None, 0))[0]
        # A well-known body goes by the name the story first gives it ("Exxon"), with
        # every other name the story uses as an alias.
        written = surface if surface in known_bodies()[0] and name not in defined else name
        yield Body(fold(name), written, (), code), start, end, surface


def _inside_a_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word joins the name on either side: "Vincent Bolloré", "Shell
    Energy Retail" (not "Russia’s Rosatom", "Toronto-based First Quantum", "Chevron Chairman
    …" or a sentence's start)."""
    before = re.search(r"([A-Z][\w’'-]*)\s+$", text[:start])
    if (
        before
        and not re.search(r"['’]s$|-[a-z]+$", before[1])  # "Italy’s", "Toronto-based"
        and before[1] not in FUNCTION_WORDS
    ):
        return True
    after = re.match(r"\s+([A-Z][\w’'-]*)", text[end:])
    return bool(
        after
        and after[1] not in FUNCTION_WORDS
        and after[1] not in HONORIFICS
        and _singular(after[1].lower())[0] not in ROLE_HEADS
        and not re.search(r"\d", after[1])  # "Airbus A350": a product of it
        and not re.search(r"[.!?]$", text[start:end])
    )


def _merge_same_bodies(
    bodies: dict[str, Body], aliases: dict[str, list[str]], mentions: list[Mention]
) -> list[Mention]:
    """Fold bodies the story names in two ways into one; the mentions, re-pointed."""
    # One name found by two routes ("the Kenya National Commission on Human Rights (KNCHR)"
    # by its head word and by its abbreviation) is one body.
    by_name: dict[str, str] = {}
    for key, body in list(bodies.items()):
        first = by_name.setdefault(body.name.lower(), key)
        if first == key:
            continue
        mentions = _merge_body(key, first, bodies, aliases, mentions, keep_name=False)
    # "Zimbabwe’s central bank" and "the Reserve Bank of Zimbabwe": when the story names
    # one bank of that country, the two are one.
    for key, body in list(bodies.items()):
        if not key.endswith(" central bank") or body.country is None:
            continue
        banks = [
            k
            for k, b in bodies.items()
            if k != key and b.country == body.country and "Bank" in b.name.split()
        ]
        if len(banks) != 1:
            continue
        mentions = _merge_body(key, banks[0], bodies, aliases, mentions)
    # "JBIC" in a story that names the "Japan Bank for International Cooperation" without
    # defining the abbreviation: the one body whose initials it is.
    for key, body in list(bodies.items()):
        if not re.fullmatch(r"[A-Z][A-Z0-9]{2,7}", body.name):
            continue
        spelt = [
            k
            for k, b in bodies.items()
            if k != key
            and "".join(w[0] for w in _UN_OR_US.sub("", b.name).split() if w[:1].isupper())
            == body.name
        ]
        if len(spelt) == 1:
            mentions = _merge_body(key, spelt[0], bodies, aliases, mentions)
    # "the Defence Force" after "the Guyana Defence Force": the longer name's body.
    mentions = _merge_into_longer(
        bodies,
        aliases,
        mentions,
        lambda short, long: len(short) >= 2 and long[-len(short) :] == short,
    )
    # "Sahel Crest" after "Sahel Crest Gold Corp.": the company, without its legal form.
    mentions = _merge_into_longer(
        bodies,
        aliases,
        mentions,
        lambda short, long: long[: len(short)] == short and long[-1].rstrip(".") in _LEGAL_FORMS,
    )
    # "Taiwan's coast guard" and "the Coast Guard Administration" of Taiwan: the common name
    # of the one body whose official name it opens.
    for key, body in list(bodies.items()):
        if body.country is None or _official(body.name):
            continue
        longer = [
            k
            for k, b in bodies.items()
            if k.startswith(key + " ") and b.country == body.country and _official(b.name)
        ]
        if len(longer) == 1:
            mentions = _merge_body(key, longer[0], bodies, aliases, mentions)
    # "the Croatian ministry" after "Croatia's foreign ministry" is that ministry, when the
    # story names only one ministry of that country.
    for key, body in list(bodies.items()):
        if key != fold(f"{ADJECTIVE_OF.get(body.country or '', '')} Ministry"):
            continue
        others = [
            k
            for k, b in bodies.items()
            if k != key and k.endswith(" ministry") and b.country == body.country
        ]
        if len(others) != 1:
            continue
        mentions = _merge_body(key, others[0], bodies, aliases, mentions, keep_name=False)
    return mentions


_UN_OR_US = re.compile(rf"^{_UN_OR_US_ABBREVIATION}\s+")


def _merge_into_longer(
    bodies: dict[str, Body],
    aliases: dict[str, list[str]],
    mentions: list[Mention],
    part_of: Callable[[list[str], list[str]], bool],
) -> list[Mention]:
    """Fold each body into the one longer name it is ``part_of`` (word lists), if just one."""
    for key, body in list(bodies.items()):
        words = body.name.split()
        longer = [
            k
            for k, b in bodies.items()
            if k != key and len(b.name.split()) > len(words) and part_of(words, b.name.split())
        ]
        if len(longer) == 1:
            mentions = _merge_body(key, longer[0], bodies, aliases, mentions)
    return mentions


def _merge_body(
    key: str,
    into: str,
    bodies: dict[str, Body],
    aliases: dict[str, list[str]],
    mentions: list[Mention],
    keep_name: bool = True,
) -> list[Mention]:
    """Fold the body ``key`` into ``into``: its spellings (its name too, with
    ``keep_name``) become aliases and its mentions point at ``into``."""
    body = bodies.pop(key)
    for surface in [body.name] * keep_name + aliases.pop(key, []):
        if surface not in aliases.setdefault(into, []):
            aliases[into].append(surface)
    return [replace(m, key=into) if m.key == key and m.kind == "body" else m for m in mentions]


def _official(name: str) -> bool:
    """Whether every content word of a body's name is capitalised ("Ministry of Finance")."""
    words = [w for w in name.split() if w not in ("of", "for", "and", "the", "on", "de", "in")]
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


# Common nouns that open sentences as speakers ("Police said", "Opposition said").
_COLLECTIVE_NOUNS = frozenset(
    [
        "police",
        "government",
        "military",
        "army",
        "navy",
        "parliament",
        "cabinet",
        "congress",
        "senate",
        "opposition",
        "presidency",
        "prosecution",
        "defence",
        "defense",
        "media",
        "press",
    ]
)


def _before_a_surname(text: str, end: int) -> bool:
    """Whether a capitalised word that is no title, body or function word follows."""
    following = re.match(r" ([A-Z][\w’'-]+)", text[end:])
    if not following:
        return False
    word = _POSSESSIVE.sub("", following.group(1))
    return not (
        word.lower() in _role_words()
        or word in ORG_HEADS
        or word in FUNCTION_WORDS
        or word in _NOT_NAME
        or _country_of_word(word)
        or word.lower() in MONTHS
        or word.lower() in WEEKDAYS
    )


def _speaks_after(text: str, start: int, end: int) -> bool:
    """ "X said", "X, the operator, said", and X closing a pre-appositive: "Slovakia’s
    operator, Eustream, said"."""
    # "The West African Oil Pipeline Company (WAPCO), a subsidiary of …, said", "The state
    # utility, Ethiopian Electric Power (EEP), said"
    after = re.sub(r"^\s*\([^()“”]{1,40}\)(?=,)", "", text[end:])
    readings = [after]
    if (
        re.search(r",\s*$", text[:start])
        and after.startswith(",")
        and not _names_something_else(text, start)
    ):
        # "Slovakia’s operator, Eustream, said", and also "Its partner, Cordillera, which
        # will handle the works, said": the name closes an appositive, or opens one.
        readings.insert(0, after[1:])
    return any(_says(reading) for reading in readings)


def _says(after: str) -> bool:
    """Whether the text after a name makes it the subject of a verb of saying."""
    after = re.sub(
        r"^,\s+which\s+(?=(?:also\s+)?(?:said|says|told)\b)", " ", after
    )  # ", which said"
    # "the main square, the Zócalo, Rosa Elena Cruz, who sells stationery, said": a
    # person's name follows, and it is the person who speaks.
    if re.match(
        r",\s+[A-Z][\w’'-]*[a-z]\s+(?:[A-Z][\w’'-]*[a-z]\s+){0,2}[A-Z][\w’'-]*[a-z],", after
    ):
        return False
    return bool(_SPEAKS_AFTER.match(after) or _LONG_APPOSITIVE_SPEAKS.match(after))


def _lone_name_takes_part(text: str, match: re.Match[str], whole_text: str) -> bool:
    word = match.group(1)
    if (
        word in FUNCTION_WORDS
        or word in HONORIFICS
        or word.lower() in MONTHS
        or word.lower() in WEEKDAYS
        or word.lower() in ROLE_HEADS
        or word in NEWS_AGENCIES
        or word in CAPITALS
        or word in ORGANIZATIONS
        or _country_of_word(word)
        or word in ("He", "She", "It", "They", "We")
        or word in ORG_HEADS
        or word.lower() in _COLLECTIVE_NOUNS
        or word.endswith("s")  # "Analysts said", "Refugees say"
        or _nickname(word, whole_text)
        or re.search(rf"\b{word.lower()}\b", whole_text)  # "Police said": a common noun
    ):
        return False
    # A proper name is capitalised inside a sentence too ("… between Gazprom and …"); a
    # common noun only opens sentences ("Voting closed", "Inflation rose").
    if not re.search(rf"[a-z,;]\s+{word}\b", whole_text):
        return False
    # Part of a person's or place's name somewhere ("Sergei Lavrov", "Lavrov Street").
    for other in re.finditer(rf"(?<![\w’'-]){word}(?![\w’'-])", whole_text):
        before_word = whole_text[: other.start()].split()[-1:]
        after_word = whole_text[other.end() :].split()[:1]
        if (
            before_word
            and before_word[0][:1].isupper()
            and not before_word[0].endswith((".", ","))
            # "Now Volkswagen is trying …": a sentence's opening word, not a given name
            and before_word[0] not in SENTENCE_OPENERS
        ):
            return False
        # "Minister of Water and Sanitation": the end of a longer capitalised name.
        if re.search(r"[A-Z][\w’'-]*\s+(?:and|of|&)\s+$", whole_text[: other.start()]):
            return False
        if after_word and after_word[0][:1].isupper():
            return False
    before = text[: match.start()]
    if re.search(r"[A-Za-z]\s*$", before) and not re.search(
        r"(?:^|[.;:]\s+|,\s+|\b(?:the|and|but|while)\s+)$", before
    ):
        return False  # inside a sentence only after a comma or "and": "…, Eustream, said"
    # "Gazprom said …", or "Debswana cut production sharply": a lone name that speaks or
    # opens its sentence as the subject of a past-tense verb.
    return _speaks_after(text, match.start(), match.end()) or _acts(
        text, match.start(), match.end()
    )


def _named_by_kind(text: str) -> list[tuple[str, str | None]]:
    """Names an appositive shows to be bodies, with the country it gives: "Meridiam, the
    French infrastructure investor", "Erdenes Tavan Tolgoi, the state coal miner"."""
    found = []
    for match in _NAME_THEN_KIND.finditer(text):
        name = re.sub(r"^(?:The|In|At|On|For|From|By|But|And|While|As)\s+", "", match["name"])
        if (
            len(name) < 3
            or name in CAPITALS
            or name in NEWS_AGENCIES
            or name.lower() in WEEKDAYS  # "On Monday, a coalition of groups …"
            or name.lower() in MONTHS
            or _country_of_word(name)
            or (_country_of_word(name.split()[0]) and len(name.split()) == 1)
            or name.split()[0] in FUNCTION_WORDS
        ):
            continue
        kind = (match["kind"] or "").split()
        if any(w.lower() in ROLE_HEADS for w in kind):
            continue  # "X, the senior analyst …"
        owned = {"state", "state-owned", "state-run", "government-owned", "listed", "private"}
        if match["either"] and " " in name and not owned & {w.lower() for w in kind}:
            continue  # "Arif Hidayat, a furnace operator", not "…, the state coal miner"
        found.append((name, next((c for w in kind if (c := _country_of_word(w))), None)))
    return found


def _abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is made of the beginnings of ``words``, in order, some words
    skipped ("CENTCOM": US *Cent*ral *Com*mand; "Tepco": *T*okyo *E*lectric *P*ower *Co*mpany)."""
    letters = acronym.lower()
    parts = [w.lower() for w in words]

    @functools.cache
    def fits(i: int, k: int, used: int) -> bool:
        if i == len(letters):
            return used >= 2
        if k == len(parts):
            return False
        if fits(i, k + 1, used):  # skip a word
            return True
        word = parts[k]
        return any(
            letters[i:j] == word[: j - i] and fits(j, k + 1, used + 1)
            for j in range(i + 1, min(len(letters), i + len(word)) + 1)
        )

    return len(letters) >= 2 and fits(0, 0, 0)


def _body_speaks(text: str, start: int, end: int, appositive: bool = False) -> bool:
    """ "MONUSCO said", "according to ACLED"; with ``appositive``, also "the mission in
    Congo, MONUSCO, said"."""
    after = text[end:]
    if appositive:
        after = re.sub(r"^,\s*(?=[a-z])", " ", after)
    return bool(_SPEAKS_AFTER.match(after) or re.search(r"\b[Aa]ccording\s+to\s+$", text[:start]))


def _countries(paragraphs: Sequence[str], body_flags: Sequence[bool]) -> tuple[str, ...]:
    seen: list[str] = []
    for text in (t for t, body in zip(paragraphs, body_flags, strict=True) if body):
        for code, _, _ in country_mentions(text):
            if code not in seen:
                seen.append(code)
    return tuple(seen)
