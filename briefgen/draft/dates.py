"""Dates as news writes them (``May 19``, ``last month``, ``on Sunday``), resolved to partial dates.

A date is kept at the precision the text gives it: ``in December`` is a month, ``on
February 6`` a day. Dates without a year take the article's year, moved to the year
before or after when that is plainly nearer (``in December`` in a May article is last
December); weekdays and ``last month`` count from the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefgen.dates import PartialDate
from briefgen.draft.lexicon import MONTHS, WEEKDAYS

_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_LEAD = (
    r"(?i:in|since|until|till|by|from|during|of|early|late|mid-?|before|after|through|between"
    r"|and|to|last|next|this|on|around|as of|in early|in late|in mid-?)"
)

# "in January last year", "on March 3 this year": the year given relative to the article.
_YREL = r"(?:\s+(?P<yrel>last|this|next)\s+year\b)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>\d{{4}}))?\b"
            + _YREL
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|per\b|million|billion))"
            r"(?:,?\s+(?P<y>\d{4})\b)?" + _YREL
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>\d{{4}})\b")),
    (
        "m",
        re.compile(
            rf"\b(?P<lead>{_LEAD})\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-|mid\s+)?{_MONTH}"
            r"\b(?!\s*\d)" + _YREL
        ),
    ),
    (
        "y",
        re.compile(
            rf"\b(?P<lead>{_LEAD}|the|a|its|their)\s+(?:early\s+|late\s+|mid-?)?"
            r"(?P<y>1[6-9]\d{2}|20\d{2})\b(?![-–/]\d|\s*(?:%|per\b|people|km|troops|tonnes"
            r"|soldiers|homes|families|dollars|miles|metres|meters|kilometres|kilometers|tons"
            r"|barrels|megawatts|MW|hectares|acres|workers|children|civilians|refugees))"
        ),
    ),
    (
        "wd",
        re.compile(
            rf"\b(?:(?P<rel>last|next|this|on|since|by|until|from)\s+)?{_WEEKDAY}(?:['’]s)?\b"
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>last|next|this|earlier this|later this|early this|late last|earlier last)"
            r"\s+(?P<unit>month|year|week)\b|\b(?P<day>yesterday|today|tomorrow)\b"
            r"|\b(?:by|before|until|till)\s+the\s+end\s+of\s+(?P<endof>the|this)\s+year\b",
            re.IGNORECASE,
        ),
    ),
]

_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|would|next|upcoming|scheduled|planned|due\s+to|is\s+due|are\s+due"
    r"|due\s+(?:in|on|by|before)"
    r"|expected\s+to|plans?\s+to|to\s+be\s+held|set\s+to|(?:intend|aim|hope|want)(?:s|ed|d)?\s+to"
    r"|planned\s+to)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:since|last|ago|earlier|previous|previously|had)\b", re.IGNORECASE)
# A verb in the simple past just before the date ("visited Mogadishu in February").
_PAST_VERB = re.compile(
    r"\b(?:(?!(?:need|seed|feed|speed|proceed|succeed|exceed|indeed|red|bed|planned"
    r"|proposed|scheduled|expected|intended)\b)[a-z]{2,}ed|was|were|met|began|took|made|held"
    r"|went|came|told|left|won|lost|saw|gave|sent|fell|rose|struck|spoke|wrote|fought|broke"
    r"|became|brought|built|paid|sold|drew|flew|grew|kept|sought|shot|stood|threw|signed|said)\b"
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence, resolved against the article's date."""

    date: PartialDate
    start: int
    end: int


def find_month_day(text: str) -> tuple[int, int] | None:
    """Month and day of a date written without its year (``March 14``, ``14 March``)."""
    for kind, pattern in _PATTERNS[1:3]:
        match = pattern.search(text)
        if match and not match["y"]:
            return _month(match, kind), int(match["d"])
    return None


def infer_year(month: int, day: int, text: str, lead: str, today: dt.date) -> int | None:
    """The year of a yearless dateline ("Sept 18"): the latest year, not after today, that
    is no earlier than the latest year the text names and whose calendar puts the lead's
    weekday ("agreed on Thursday") on that day. An article is drafted soon after it
    appears, so the most recent fit is the likeliest; the note tells the analyst to check."""
    named = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text) if int(y) <= today.year]
    floor = max(named) if named else today.year - 1
    weekday = re.search(_WEEKDAY, lead)
    wanted = WEEKDAYS[weekday["wd"].lower()] if weekday else None
    fits, day_before = [], []
    for year in range(today.year, floor - 8, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        if candidate > today:
            continue
        if wanted is None or candidate.weekday() == wanted:
            fits.append(year)
        elif (candidate.weekday() - 1) % 7 == wanted:
            day_before.append(year)  # "talks that resumed on Tuesday", filed on Wednesday
    # Fits come newest first; one at or after the floor wins over an older one, and the
    # lead's weekday on the dateline's day over the day before. The latest year named may
    # lie ahead ("output starts in 2026"), so a fit a year before it still counts.
    return next(
        (y for y in fits if y >= floor - 1),
        next((y for y in day_before if y >= floor - 1), fits[0] if fits else None),
    )


def find_full_date(text: str) -> PartialDate | None:
    """The first date given to the day with its year (``Sept 12, 2024``, ``10 May 2023``)."""
    for kind, pattern in _PATTERNS[:3]:
        for match in pattern.finditer(text):
            if match["y"]:
                value = _day(int(match["y"]), _month(match, kind), int(match["d"]))
                if value:
                    return value
    return None


# "… in 2018, and lost the presidency the following year", "later that month": relative to
# the date named just before in the same sentence.
_ANAPHORIC = re.compile(
    r"\b(?:the\s+(?P<fy>following|next|previous)\s+year|a\s+year\s+(?P<ay>later|earlier)"
    r"|(?P<tm>later|earlier)\s+that\s+month)\b",
    re.IGNORECASE,
)


# "three days after militants raided …": counted from the date before it in the sentence,
# or from the article's date; "in March that year": the year of the date before it.
_DAYS_APART = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<dir>after|before|later"
    r"|earlier)\b",
    re.IGNORECASE,
)
_THAT_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?that\s+year\b")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def find_dates(sentence: str, article_date: PartialDate | None) -> list[DateMention]:
    """Every date in a sentence that can be placed on a calendar, at its precision."""
    found = _absolute_and_relative(sentence, article_date)
    for match in _THAT_YEAR.finditer(sentence):
        earlier = [m for m in found if m.end <= match.start()]
        found = [m for m in found if not (m.start < match.end() and match.start() < m.end)]
        if earlier:
            value = PartialDate(earlier[-1].date.year, _month(match, "m"))
            found.append(DateMention(value, *match.span()))
    found.sort(key=lambda m: m.start)
    for match in _DAYS_APART.finditer(sentence):
        earlier = [m for m in found if m.end <= match.start() and m.date.precision == 3]
        backwards = match["dir"].lower() in ("after", "earlier")
        if earlier:
            anchor = earlier[-1].date
        elif match["dir"].lower() == "after" and article_date is not None:
            # "The announcement came two days after gunmen stormed …": the news is today's.
            anchor = article_date if article_date.precision == 3 else None
        else:
            anchor = None
        if anchor is None:
            continue
        n = _NUMBERS.get(match["n"].lower()) or int(match["n"])
        moved = anchor.start() + dt.timedelta(days=-n if backwards else n)
        found.append(DateMention(PartialDate.from_date(moved), *match.span()))
    for match in _ANAPHORIC.finditer(sentence):
        earlier = [m for m in found if m.end <= match.start()]
        if not earlier:
            continue
        prior = earlier[-1].date
        if match["tm"]:
            if not prior.month:
                continue
            value = PartialDate(prior.year, prior.month)
        else:
            word = (match["fy"] or match["ay"]).lower()
            value = PartialDate(prior.year + (-1 if word in ("previous", "earlier") else 1))
        found.append(DateMention(value, *match.span()))
    found.sort(key=lambda m: m.start)
    return found


def _absolute_and_relative(sentence: str, article_date: PartialDate | None) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            before = sentence[: span[0]]
            value = _resolve(kind, match, article_date, before)
            if value is None:
                continue
            taken.append(span)
            found.append(DateMention(value, *span))
    found.sort(key=lambda m: m.start)
    return found


def _month(match: re.Match[str], kind: str) -> int:
    if kind == "iso":
        return int(match["m"])
    return MONTHS[match["mon"].lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _tense(before: str) -> int:
    """+1 when the words before a date point to the future, -1 to the past, else 0: the
    eight words just before it first, then the rest of the sentence ("Trump imposed a
    tariff on goods that do not comply with the agreement in March")."""
    for words in (" ".join(before.split()[-8:]), before):
        # The marker nearest the date wins: "who said he would resign, met him on Monday".
        future = max((m.end() for m in _FUTURE.finditer(words)), default=-1)
        past = max((m.end() for p in (_PAST, _PAST_VERB) for m in p.finditer(words)), default=-1)
        if future >= 0 or past >= 0:
            return 1 if future > past else -1
    return 0


def _resolve(
    kind: str, match: re.Match[str], ref: PartialDate | None, before: str
) -> PartialDate | None:
    shift = _year_shift(match)
    if kind in ("iso", "dmy", "mdy"):
        month, day = _month(match, kind), int(match["d"])
        if match["y"]:
            return _day(int(match["y"]), month, day)
        if ref is None:
            return None
        if shift is not None:
            return _day(ref.year + shift, month, day)
        # Only the future moves a day off its nearest year: "gave negotiators until April 30"
        # is past tense about a deadline still to come.
        return _nearest_day(ref, month, day, max(_tense(before), 0))
    if kind == "my":
        return PartialDate(int(match["y"]), _month(match, kind))
    if kind == "m":
        if match["mon"] == "May" and not match["lead"]:
            return None
        if ref is None:
            return None
        if shift is not None:
            return PartialDate(ref.year + shift, _month(match, kind))
        lead = match["lead"].lower()
        # "from January" opens a period still to come; other leads say nothing of tense.
        # "until June" after a past verb is still a deadline ahead.
        tense = 1 if lead == "from" else _tense(before + " " + lead)
        if lead in ("until", "till", "by", "before"):
            tense = max(tense, 0)
        return _nearest_month(ref, _month(match, kind), tense)
    if kind == "y":
        return PartialDate(int(match["y"]))
    if kind == "wd":
        if ref is None or ref.precision < 3:
            return None
        return _weekday(ref, WEEKDAYS[match["wd"].lower()], match["rel"], _tense(before))
    if kind == "rel":
        return _relative(ref, match)
    return None


def _year_shift(match: re.Match[str]) -> int | None:
    rel = match.groupdict().get("yrel")
    return {"last": -1, "this": 0, "next": 1}[rel.lower()] if rel else None


def _nearest_day(ref: PartialDate, month: int, day: int, tense: int = 0) -> PartialDate | None:
    """A day without a year: the article's year, unless that is over half a year away or
    the sentence's tense says otherwise ("expected … by 30 June" in a November story)."""
    anchor = ref.start()
    values = [v for y in (ref.year, ref.year - 1, ref.year + 1) if (v := _day(y, month, day))]
    if tense > 0:
        values = [v for v in values if v.start() >= anchor] or values
    elif tense < 0:
        values = [v for v in values if v.start() <= anchor] or values
    if not values:
        return None
    if abs((values[0].start() - anchor).days) <= 183 and values[0].year == ref.year:
        return values[0]
    return min(values, key=lambda v: abs((v.start() - anchor).days))


def _nearest_month(ref: PartialDate, month: int, tense: int) -> PartialDate:
    """A month without a year, placed by tense when it tells, else by nearness."""
    ref_index = ref.year * 12 + (ref.month or 1) - 1
    candidates = [(year * 12 + month - 1, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if tense < 0:
        candidates = [c for c in candidates if c[0] <= ref_index]
    elif tense > 0:
        candidates = [c for c in candidates if c[0] >= ref_index]
    # Nearest; on a tie, the past (news reports what happened).
    _, year = min(candidates, key=lambda c: (abs(c[0] - ref_index), c[0] > ref_index))
    return PartialDate(year, month)


def _weekday(ref: PartialDate, weekday: int, rel: str | None, tense: int) -> PartialDate:
    anchor = ref.start()
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    rel = (rel or "").lower()
    if rel == "next":
        target = anchor + dt.timedelta(days=ahead or 7)
    elif rel == "last":
        target = anchor - dt.timedelta(days=back or 7)
    elif tense > 0:
        target = anchor + dt.timedelta(days=ahead)
    else:
        target = anchor - dt.timedelta(days=back)
    return PartialDate.from_date(target)


def _relative(ref: PartialDate | None, match: re.Match[str]) -> PartialDate | None:
    if ref is None:
        return None
    if match["day"]:
        if ref.precision < 3:
            return None
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[match["day"].lower()]
        return PartialDate.from_date(ref.start() + dt.timedelta(days=shift))
    if match["endof"]:
        return PartialDate(ref.year)
    rel = match["rel"].lower()
    step = -1 if "last" in rel else 1 if rel == "next" else 0
    if match["unit"].lower() == "week":
        # A week fixes no day: give it at month precision.
        if ref.precision < 3:
            return None
        moved = ref.start() + dt.timedelta(days=7 * step)
        return PartialDate(moved.year, moved.month)
    if match["unit"].lower() == "year":
        return PartialDate(ref.year + step)
    if not ref.month:
        return None
    index = ref.year * 12 + ref.month - 1 + step
    return PartialDate(index // 12, index % 12 + 1)
