"""Partial dates (``2023``, ``2023-05``, ``2023-05-19``) that sort and print at their precision."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from enum import IntEnum

_PARTIAL_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordering puts a less precise date before the more precise dates it contains
    (``2023`` < ``2023-05`` < ``2023-05-01``), which is how a timeline reads.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        if self.month:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """The date as written in a fact sheet: ``2023``, ``2023-05`` or ``2023-05-19``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Human form at the date's precision: ``2023``, ``May 2023``, ``19 May 2023``."""
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def short_display(self) -> str:
        """Compact form for graphics: ``2023``, ``May 2023``, ``19 May``."""
        if self.day:
            return f"{self.day} {calendar.month_abbr[self.month]}"
        if self.month:
            return f"{calendar.month_abbr[self.month]} {self.year}"
        return str(self.year)

    def start(self) -> _dt.date:
        """First day the date can stand for."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> _dt.date:
        """Last day the date can stand for."""
        if self.day:
            return _dt.date(self.year, self.month, self.day)
        if self.month:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, 12, 31)

    def midpoint(self) -> _dt.date:
        """Middle of the span, for placing the date on a time axis."""
        start, end = self.start(), self.end()
        return start + (end - start) / 2

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` with a reason."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match["y"])
    month = int(match["m"] or 0)
    day = int(match["d"] or 0)
    if match["m"] is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} has month {month:02d}; months run from 01 to 12")
    if match["d"] is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"{text!r} has day {day:02d}; {calendar.month_name[month]} {year} has {last} days"
            )
    return PartialDate(year, month, day)


def parse_full_date(text: str) -> PartialDate:
    """Parse a date that must be given to the day (``YYYY-MM-DD``)."""
    if not _PARTIAL_DATE.match(text.strip()):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    value = parse_partial_date(text)
    if value.precision is not Precision.DAY:
        raise ValueError(f"{text!r} must be a full date YYYY-MM-DD")
    return value
