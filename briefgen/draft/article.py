"""Read a news article as plain text: decode it, find headline, dateline, paragraphs, Source line.

The drafter works on paragraphs of the text exactly as written, so that every quote it
lifts stays a verbatim substring of the copied source file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from briefgen.dates import PartialDate
from briefgen.draft.dates import find_full_date, find_month_day, infer_year
from briefgen.errors import BriefgenError

ParagraphKind = Literal["body", "caption", "heading"]

_BINARY_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP or Word (.docx) file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) file",
    b"{\\rtf": "an RTF file",
}

_TRAILER = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|editing|writing|compiled|produced|translated)"
    r"(?:\s+and\s+\w+)?\s+by\b|^(?:©|copyright\b)|^our standards\b|^all rights reserved",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^sources?\s*:\s*(?P<publisher>.+?)\s*\.?$", re.IGNORECASE)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}(?:\s*(?:,|and)\s.*)?$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)"
    r"(?:,\s*[A-Z][\w.'’ -]{1,30}?)*?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*[-–—]+\s+"
)
_AGENCIES = {"AP": "The Associated Press", "AFP": "AFP", "Reuters": "Reuters"}
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st gen lt col sgt sen rep gov jan feb mar apr jun jul aug sep sept oct nov
    dec no u.s u.n u.k e.u inc co corp jr sr vs etc prof maj capt adm cmdr""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Paragraph:
    """A block of the article: body text, a photo caption or a sub-heading."""

    text: str
    kind: ParagraphKind


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch between quotation marks; ``closed`` is false when it runs on to the next
    paragraph, as wire copy does for a quote spread over several paragraphs."""

    start: int  # the opening mark
    end: int  # after the closing mark (or the end of the paragraph)
    inner_start: int
    inner_end: int
    closed: bool


@dataclass(frozen=True)
class Article:
    """What the drafter knows about an article before reading its content."""

    headline: str
    paragraphs: tuple[Paragraph, ...]
    date: PartialDate | None
    publisher: str | None
    dateline_place: str | None
    date_inferred: bool = False  # the dateline had no year; it was worked out

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "body")


def decode_article(data: bytes) -> str:
    """UTF-8 text of an article file; refuse empty, binary and non-UTF-8 files clearly."""
    if not data.strip():
        raise BriefgenError("the article is empty", "give a plain-text file with the article")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BriefgenError(
                f"the article looks like {what}, not plain text",
                "copy the article's text into a UTF-8 .txt file",
            )
    if b"\x00" in data[:8192]:
        raise BriefgenError(
            "the article is a binary file (it contains NUL bytes), not plain text",
            "copy the article's text into a UTF-8 .txt file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise BriefgenError(
            f"the article is not UTF-8 text: byte 0x{bad} at offset {exc.start} (line {line})",
            "re-save it as UTF-8, e.g. `iconv -f windows-1252 -t utf-8 in.txt > out.txt`",
        ) from None
    return check_article_text(text.removeprefix("\ufeff"))


def check_article_text(text: str) -> str:
    """Refuse text that cannot be an article (empty, or mostly control characters)."""
    if not text.strip():
        raise BriefgenError("the article is empty", "give a plain-text file with the article")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in text or controls > max(8, len(text[:8192]) // 50):
        raise BriefgenError(
            "the article looks like a binary file, not plain text",
            "copy the article's text into a UTF-8 .txt file",
        )
    return text


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs as written: blank-line separated blocks, lines of a hard-wrapped block joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    lines = [ln for ln in text.split("\n") if ln.strip()]
    long_lines = sum(1 for ln in lines if len(ln) > 100)
    paragraphs: list[str] = []
    for block in blocks:
        block_lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if long_lines * 3 >= len(lines):
            # One paragraph a line (lines are not hard-wrapped).
            paragraphs.extend(block_lines)
        else:
            paragraphs.append(" ".join(block_lines))
    return paragraphs


def _kind(text: str) -> ParagraphKind:
    stripped = text.rstrip()
    if re.search(r"[.!?…:;]['’\"”)]*$", stripped) or stripped.endswith(("”", '"')):
        return "body"
    if len(stripped.split()) <= 8:
        return "heading"
    return "caption"


# "10/12/2025", "18.07.2025 14:05", "Issued on: 14/06/2024 - 06:18", and DW's "Date
# 09/17/2025" with its "Author …" line run on
_NUMERIC_DATE = re.compile(
    r"^\s*(?:(?:Issued|Published|Updated|Posted|Date)(?:\s+on)?:?\s*)?(\d{1,2})([/.])(\d{1,2})\2(\d{4})"
    r"(?:[\s,-]+\d{1,2}[:.]\d{2}.*)?(?:\s+(?:Author|By)\s.*)?\s*$"
)


def numeric_date_line(line: str, text: str) -> PartialDate | None:
    """A date line written in figures ("10/12/2025", "18.07.2025 14:05"): day and month
    are told apart by a number over 12, else by the month the article names, else by the
    house style (US month/day with slashes, European day.month with dots, and day first
    after AFP's "Issued on:" or "Published")."""
    match = _NUMERIC_DATE.match(line)
    if not match:
        return None
    a, sep, b, year = int(match[1]), match[2], int(match[3]), int(match[4])
    readings = [(m, d) for m, d in ((a, b), (b, a)) if 1 <= m <= 12 and 1 <= d <= 31]
    if not readings:
        return None
    if len(readings) == 2 and readings[0] != readings[1]:
        named = [r for r in readings if re.search(rf"\b{calendar.month_name[r[0]]}\b", text)]
        if len(named) == 1:
            readings = named
        elif sep == "." or re.match(r"\s*(?:Issued|Published|Updated|Posted)\b", line):
            readings = [(b, a)]  # day.month, and AFP's "Issued on: 10/02/2026"
    month, day = readings[0]
    try:
        return PartialDate(year, month, day) if dt.date(year, month, day) else None
    except ValueError:
        return None


def read_article(text: str, today: dt.date | None = None) -> Article:
    """Split an article into headline, typed paragraphs, date and publisher; ``today``
    bounds the year guessed for a dateline that gives none."""
    raw = split_paragraphs(text)
    if not raw:
        raise BriefgenError("the article is empty", "give a plain-text file with the article")
    headline = raw[0].strip()
    publisher: str | None = None
    date: PartialDate | None = None
    place: str | None = None
    inferred = False
    paragraphs: list[Paragraph] = []
    for index, para in enumerate(raw[1:], start=1):
        source = _SOURCE_LINE.match(para)
        if source and index >= len(raw) - 3:
            publisher = source["publisher"].strip()
            continue
        if _TRAILER.search(para) or (_BYLINE.match(para) and len(para) < 80):
            continue
        if len(para) <= 80 and not any(p.kind == "body" for p in paragraphs):
            found = find_full_date(para) or numeric_date_line(para, text)
            short = len(re.sub(r"[^A-Za-z]", "", para)) <= 40
            if found and short and not _DATELINE.match(para) and not para.endswith("."):
                date = date or found
                continue
        paragraphs.append(Paragraph(para, _kind(para)))
    for para in [p for p in paragraphs if p.kind == "body"][:3]:
        match = _DATELINE.match(para.text)
        if match:
            place = match["place"].strip().title()
            if match["date"]:
                date = date or find_full_date(match["date"])
                month_day = find_month_day(match["date"])
                if date is None and month_day:
                    year = infer_year(*month_day, text, para.text, today or dt.date.today())
                    if year:
                        date, inferred = PartialDate(year, *month_day), True
            agency = (match["agency"] or "").strip()
            if agency and publisher is None:
                publisher = _AGENCIES.get(agency, agency)
            break
    if date is None:
        # A date line may stand right under the headline as part of a short dek, or after a
        # standfirst ("06/04/2024").
        for para in paragraphs[:3]:
            if len(para.text) <= 120:
                date = find_full_date(para.text) or numeric_date_line(para.text, text)
                if date:
                    break
    return Article(headline, tuple(paragraphs), date, publisher, place, inferred)


def dateline_end(text: str) -> int:
    """Offset after a dateline (``TALLINN, Sept 12 (Reuters) -``) opening a paragraph, else 0."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def quote_spans(text: str, single: bool = False) -> list[QuoteSpan]:
    """Quotation-mark pairs in a paragraph: curly and straight double quotes.

    Single quotes are apostrophes far more often than quotes, so they count only with
    ``single=True``, for an article that uses no double quotes at all (British style).
    """
    if single:
        return _single_quote_spans(text)
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch == "“" or (ch == '"' and _opens(text, i)):
                open_at = i
        elif ch == "”" or ch == '"':
            spans.append(QuoteSpan(open_at, i + 1, open_at + 1, i, True))
            open_at = None
        elif ch == "“":
            # A stray opening mark: the earlier one was never closed.
            open_at = i
    if open_at is not None:
        spans.append(QuoteSpan(open_at, len(text), open_at + 1, len(text), False))
    return spans


def _single_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch not in "‘’'":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if open_at is None:
            if ch in "‘'" and not before.isalnum() and (after.isalnum() or after in "…."):
                open_at = i
        elif ch in "’'" and not after.isalnum() and not before.isspace():
            spans.append(QuoteSpan(open_at, i + 1, open_at + 1, i, True))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(open_at, len(text), open_at + 1, len(text), False))
    return spans


def uses_single_quotes(paragraphs: list[str]) -> bool:
    """True for an article quoting with single marks only ('We will,' he said)."""
    return not any("“" in p or '"' in p for p in paragraphs) and any(
        "‘" in p or " '" in p for p in paragraphs
    )


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return not before.isalnum() or before in "([—–-"


def split_sentences(text: str, spans: list[QuoteSpan] | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries that never fall inside a quotation (unless it ends there)."""
    spans = quote_spans(text) if spans is None else spans
    inside = [False] * len(text)
    for span in spans:
        for k in range(span.start, span.end):
            inside[k] = True
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?…]+(?P<close>[”\"’')]*)(?=\s+[“\"‘'(]?[A-Z0-9])", text):
        end = match.end()
        if inside[match.start()] and not match["close"]:
            continue
        word = re.search(r"([\w.]+)$", text[start : match.start()])
        if word and match.group(0).startswith("."):
            token = word.group(1).lower().rstrip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        sentences.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append((start, len(text)))
    return sentences
