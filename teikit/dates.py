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
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s*{_YEAR}\b", re.IGNORECASE),  # "1 November1962": a space lost
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
    """A date with an optional time of day anywhere in `text`: `1962-11-04T17:45:00` or `1962-11-04`. The
    month written as a word, else numerals that read one way only ("8/29/73", "13.1.1951", "6.II.1953")."""
    date = find_date(text) or next(
        (
            DateMatch(r.start, r.end, dict(r.attrs)["when"])
            for r in find_dates(text)
            if len(dict(r.attrs).get("when", "")) == 10 and "cert" not in dict(r.attrs)
        ),
        None,
    )
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


def _day(written: str) -> int:
    """The number of a day as the patterns capture it ("15", "15th", "1 st"): always digits first."""
    digits = re.match(r"\d+", written)
    assert digits is not None, written
    return int(digits[0])


# --- every date in running text (SOURCE-FORMATS §6) -----------------------------------------------

_ROMAN_MONTHS = {r: i for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII".split(), 1)}
_M = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"\d{1,2}(?:\s?(?:st|nd|rd|th))?"
_Y = r"(?:1[89]\d\d|20[0-4]\d)"
_NUMBERING = re.compile(
    r"\b(?:no|nr|art|article|item|point|section|chapter|part|para|paragraph|table|annex)\.?\s*$|§\s*$",
    re.IGNORECASE,
)
"""Words before a number that is a heading's or a clause's, not a date's."""
_SEASONS = {
    "spring": ("03", "05"),
    "summer": ("06", "08"),
    "autumn": ("09", "11"),
    "fall": ("09", "11"),
    "winter": ("12", "02"),
}
_RELATIVE_YEAR = {
    "this year": 0,
    "next year": 1,
    "last year": -1,
    "the following year": 1,
    "the previous year": -1,
    "the next year": 1,
    "the same year": 0,
}
_RELATIVE_DAY = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "the day after tomorrow": 2,
    "the day before yesterday": -2,
}

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in (
        (
            "dayrange-mdy",
            rf"\b(?P<d1>\d{{1,2}})\.?\s?[-–/]\s?(?P<d2>\d{{1,2}})\.\s+(?P<m>{_M})\s+(?P<y>{_Y})\b",
        ),
        (
            "dayrange-mdy",
            rf"\b(?P<d1>\d{{1,2}})\s+(?:through|to|until|till|-|–)\s+(?P<d2>\d{{1,2}})\s+(?P<m>{_M}),?\s+(?P<y>{_Y})\b",
        ),
        ("mdy", rf"\b(?P<m>{_M})\s+(?P<d>{_D}),?\s*(?P<y>{_Y})\b"),
        ("dmy", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M}),?\s*(?P<y>{_Y})\b"),
        ("roman", rf"\b(?P<d>\d{{1,2}})\.\s?(?P<rm>X{{0,1}}I{{0,3}}|I?V|VI{{1,3}}|I?X)\.\s?(?P<y>{_Y})\b"),
        (
            "roman-dm",
            r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?-i:(?P<rm>XI{0,2}|I?V|VI{1,3}|I{1,3}|IX))(?!\w|\.\s?\d|\.\w)",
        ),
        ("numeric", rf"(?<![\d./])(?P<a>\d{{1,2}})\.\s?(?P<b>\d{{1,2}})\.\s?(?P<y>{_Y}|\d\d)(?![\d.]\d)"),
        ("slash", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})(?![\d/])"),
        (
            "yearrange",
            rf"\b(?:from|between)\s+(?P<y1>{_Y})\s+(?:through|to|until|till|and|-|–)\s+(?P<y2>{_Y})\b",
        ),
        (
            "season",
            rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<rel>{_Y}|this year|last year|"
            r"next year)\b",
        ),
        ("my", rf"\b(?P<m>{_M})\s+(?P<y>{_Y})\b"),
        ("relyear", r"\b(?:" + "|".join(_RELATIVE_YEAR) + r")\b"),
        (
            "relday",
            r"\b(?:" + "|".join(sorted(_RELATIVE_DAY, key=len, reverse=True)) + r")(?!['’]s)(?:\s+(?:morning|"
            r"afternoon|evening|night))?\b",
        ),
        ("year", rf"(?<![\d,./-])(?P<y>{_Y})(?!\d|,\d|/|\.\d|-\d)"),
    )
)
"""Date forms, most specific first; a later form never overlaps an earlier match."""


@dataclass(frozen=True)
class DateRef:
    """A date in running text: its span and TEI attributes (`when`, or `from`/`to`; `cert` when inferred)."""

    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]
    ambiguous: bool = False
    """The words are a date whose reading is uncertain: no @when is given."""
    doubt: str = "can be read more than one way"
    """Why an ambiguous date has no @when, for the review note."""


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, anchor: str | None = None
) -> list[DateRef]:
    """Every date in text[start:end]; relative ones ("next year") are resolved against `anchor` (ISO date)."""
    end = len(text) if end is None else end
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _FORMS:
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            ref = _reading(kind, m, anchor)
            if ref is not None:
                found.append(ref)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda r: r.start)


def _reading(kind: str, m: re.Match[str], anchor: str | None) -> DateRef | None:
    span = (m.start(), m.end())
    year = int(anchor[:4]) if anchor else None
    if kind in {"mdy", "dmy"}:
        iso = _iso(int(m["y"]), _MONTHS[m["m"].rstrip(".").lower()], _day(m["d"]))
        return DateRef(*span, (("when", iso),)) if iso else None
    if kind == "dayrange-mdy":
        month, y = _MONTHS[m["m"].rstrip(".").lower()], int(m["y"])
        a, b = _iso(y, month, int(m["d1"])), _iso(y, month, int(m["d2"]))
        return DateRef(*span, (("from", a), ("to", b))) if a and b and a <= b else None
    if kind == "roman":
        iso = (
            _iso(int(m["y"]), _ROMAN_MONTHS[m["rm"].upper()], int(m["d"]))
            if m["rm"].upper() in _ROMAN_MONTHS
            else None
        )
        return DateRef(*span, (("when", iso),)) if iso else None
    if kind == "roman-dm":
        if _NUMBERING.search(
            m.string[max(0, m.start() - 20) : m.start()]
        ):  # "Section 2.I": a number, not a date
            return None
        return _without_year(span, _ROMAN_MONTHS[m["rm"]], int(m["d"]), anchor)
    if kind in {"numeric", "slash"}:
        return _numeric(kind, m, span, year, anchor)
    if kind == "yearrange":
        a, b = m["y1"], m["y2"]
        return DateRef(*span, (("from", a), ("to", b))) if a <= b else None
    if kind == "season":
        rel = m["rel"].lower()
        season_year = int(rel) if rel.isdigit() else (year + _RELATIVE_YEAR[rel] if year else None)
        if season_year is None:
            return DateRef(*span, (), ambiguous=True, doubt=_NO_ANCHOR)
        first, last = _SEASONS[m["s"].lower()]
        to_year = season_year + 1 if m["s"].lower() == "winter" else season_year
        medium = () if rel.isdigit() else (("cert", "medium"),)
        return DateRef(*span, (("from", f"{season_year}-{first}"), ("to", f"{to_year}-{last}"), *medium))
    if kind == "my":
        return DateRef(*span, (("when", f"{int(m['y']):04d}-{_MONTHS[m['m'].rstrip('.').lower()]:02d}"),))
    if kind == "relyear":
        if year is None:
            return DateRef(*span, (), ambiguous=True, doubt=_NO_ANCHOR)
        words = m.group(0).lower()
        cert = "high" if words in {"this year", "next year", "last year"} else "medium"
        return DateRef(*span, (("when", f"{year + _RELATIVE_YEAR[words]:04d}"), ("cert", cert)))
    if kind == "relday":
        return _relative_day(m, span, anchor)
    return DateRef(*span, (("when", m["y"]),))


_NO_ANCHOR = "is relative to a document date that is missing"
_DAY_MONTH = re.compile(
    rf"(?:(?P<d1>{_D})\s+(?P<m1>{_M})|(?P<m2>{_M})\s+(?P<d2>{_D}))(?=[.:]?\s*$)", re.IGNORECASE
)


def find_day_month(
    text: str, start: int = 0, end: int | None = None, *, anchor: str | None = None
) -> DateRef | None:
    """A line that is a day of a month and nothing else ("3 March", "March 15:"), a journal entry's
    heading: in the year that puts it nearest the document's date."""
    m = _DAY_MONTH.match(text, start, len(text) if end is None else end)
    if m is None:
        return None
    day = _day(m["d1"] or m["d2"])
    return _without_year((m.start(), m.end()), _MONTHS[(m["m1"] or m["m2"]).rstrip(".").lower()], day, anchor)


def _without_year(span: tuple[int, int], month: int, day: int, anchor: str | None) -> DateRef | None:
    """A day and month without a year ("23.X"): in the year that puts it nearest the document's date."""
    if anchor is None:
        return DateRef(
            *span,
            (),
            ambiguous=True,
            doubt="has no year, and neither the document's date nor a date before it gives one",
        )
    if len(anchor) < 10:
        iso = _iso(int(anchor[:4]), month, day)
        return DateRef(*span, (("when", iso), ("cert", "medium"))) if iso else None
    import datetime as _dt

    day0 = _dt.date.fromisoformat(anchor[:10])
    readings = [iso for y in (day0.year - 1, day0.year, day0.year + 1) if (iso := _iso(y, month, day))]
    if not readings:
        return None
    best = min(readings, key=lambda r: abs((_dt.date.fromisoformat(r) - day0).days))
    return DateRef(*span, (("when", best), ("cert", "medium")))


def _nearest(span: tuple[int, int], y: int, a: int, b: int, anchor: str | None) -> DateRef:
    """Day-month or month-day? The reading within a month of the document's date, when it is clearly the nearer."""
    readings = [iso for iso in (_iso(y, b, a), _iso(y, a, b)) if iso]
    if anchor and len(anchor) >= 10:
        import datetime as _dt

        day0 = _dt.date.fromisoformat(anchor[:10])
        gaps = sorted((abs((_dt.date.fromisoformat(r) - day0).days), r) for r in readings)
        if gaps and gaps[0][0] <= 31 and (len(gaps) == 1 or gaps[1][0] - gaps[0][0] > 7):
            return DateRef(*span, (("when", gaps[0][1]), ("cert", "medium")))
    return DateRef(*span, (), ambiguous=True)


def _numeric(
    kind: str, m: re.Match[str], span: tuple[int, int], year: int | None, anchor: str | None = None
) -> DateRef | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:  # a two-digit year: the century that puts it nearest the document's year
        if year is None:
            if kind == "numeric":
                return None  # "10.10.55" with no year to go by: a date, or a number of another kind
            y += 1900
        else:
            y = min(
                (c + y for c in (year // 100 * 100 - 100, year // 100 * 100, year // 100 * 100 + 100)),
                key=lambda full: abs(full - year),
            )
            if abs(y - year) > _TWO_DIGIT_WINDOW:
                return None  # "01/11/02" in a record of 1963: a file number, not a date
    if kind == "slash":  # US order
        month, day = a, b
    elif a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        month, day = a, b
    elif a == b:
        day = month = a
    else:  # dotted numerals are day first (SOURCE-FORMATS §6), unless the document's date clearly says otherwise
        near = _nearest(span, y, a, b, anchor)
        if not near.ambiguous:
            return near
        iso = _iso(y, b, a)
        return DateRef(*span, (("when", iso), ("cert", "medium"))) if iso else None
    iso = _iso(y, month, day) if 1 <= month <= 12 else None
    return DateRef(*span, (("when", iso),)) if iso else None


_TWO_DIGIT_WINDOW = 30
"""Years a two-digit year may lie from the document's year and still be read as a date."""


def _relative_day(m: re.Match[str], span: tuple[int, int], anchor: str | None) -> DateRef:
    if anchor is None or len(anchor) < 10:
        return DateRef(*span, (), ambiguous=True, doubt=_NO_ANCHOR)
    import datetime as _dt

    words = m.group(0).lower()
    key = next(k for k in sorted(_RELATIVE_DAY, key=len, reverse=True) if words.startswith(k))
    day = _dt.date.fromisoformat(anchor[:10]) + _dt.timedelta(days=_RELATIVE_DAY[key])
    return DateRef(*span, (("when", day.isoformat()), ("cert", "high")))
