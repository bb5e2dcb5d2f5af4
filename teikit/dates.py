"""Read calendar dates and times of day written in words or numerals; pure, no I/O."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:\s?(?:st|nd|rd|th))?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?P<hour>\d{1,2})\s?[:.]\s?(?P<minute>\d{2})(?:\s?(?P<ampm>[ap])\.?\s?m\.?)?"

_DATE_FORMS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
)
_TIME_FORM = re.compile(rf"(?<![\d/]){_TIME}(?![\d/])", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: its character span and ISO 8601 value."""

    start: int
    end: int
    iso: str


def find_date(text: str) -> DateMatch | None:
    """The first unambiguous calendar date in `text` (month written as a word), or None."""
    found: list[DateMatch] = []
    for form in _DATE_FORMS:
        m = form.search(text)
        if m is None:
            continue
        iso = _iso(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    return min(found, key=lambda d: d.start, default=None)


def find_datetime(text: str) -> DateMatch | None:
    """A date with an optional time of day anywhere in `text`: `1962-11-04T17:45:00` or `1962-11-04`."""
    date = find_date(text)
    if date is None:
        return None
    time = _TIME_FORM.search(text)
    if time is None:
        return date
    hour, minute = int(time["hour"]), int(time["minute"])
    if time["ampm"]:
        if not 1 <= hour <= 12:
            return date
        hour = hour % 12 + (12 if time["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return date
    start, end = min(date.start, time.start()), max(date.end, time.end())
    return DateMatch(start, end, f"{date.iso}T{hour:02d}:{minute:02d}:00")


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
