"""Dates in running text, read by one table of forms (TimeML's DATE vocabulary); pure, no I/O.

Each row of FORMS is a name, a pattern and a reader that turns a match into TEI attributes, normalised as
TEI and TimeML do: a calendar date to the precision written ("1961-05-09", "1961-05", "1961"), a span as
@from/@to (ranges, seasons, quarters, decades, weeks), and a date relative to an anchor resolved with
@cert. Deictic words ("tomorrow", "next year", "last week") count from the time of writing: the
document's date, or the date of the entry or dated paragraph they stand in. Anaphoric ones ("the next
day", "three days later", "the following year") count from the last date the text named. A day or month
written without its year ("on 9 May", "in March", "the 12th") takes the year nearest that last date,
leaning forward or back with the sentence's tense. Times, durations and the numbers of files, folios,
decrees and clauses are never dates (SOURCE-FORMATS §6).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from teikit.measures import WORD_NUMBERS

Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DateRef:
    """A date in running text: its span and TEI attributes (`when`, or `from`/`to`; `cert` when inferred)."""

    start: int
    end: int
    attrs: Attrs
    ambiguous: bool = False
    """The words are a date whose reading is uncertain: no @when is given."""
    doubt: str = "can be read more than one way"
    """Why an ambiguous date has no @when, for the review note."""
    form: str = ""
    """The name of the row of FORMS that read it."""


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: its character span and ISO 8601 value."""

    start: int
    end: int
    iso: str


@dataclass(frozen=True)
class Anchors:
    """What relative dates count from."""

    now: str | None = None
    """The time of writing (ISO): the document's date, or the date of the entry being read."""
    last: str | None = None
    """The last date the text named (ISO, any precision)."""


Reading = Attrs | str | None
"""A reader's answer: TEI attributes; a string, for a date that has no value (why, for the review); None
for words that are no date after all."""
Reader = Callable[[re.Match[str], Anchors], Reading]


@dataclass(frozen=True)
class Form:
    """One way of writing a date: its name, its pattern (case-insensitive) and how to read a match."""

    name: str
    source: str
    read: Reader

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The pattern, compiled on first use (importing teikit compiles none)."""
        return re.compile(self.source, re.IGNORECASE)


# --- vocabulary -----------------------------------------------------------------------------------

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTHS = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_ABBREVIATIONS = sorted((a for a in _MONTHS if a not in {n.lower() for n in _MONTH_NAMES}), key=len)[::-1]
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_ROMAN = {r: i for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII".split(), 1)}
_NUMBER_WORDS = {"a": 1, "an": 1, **WORD_NUMBERS}
_DECADE_WORDS = {
    w: 10 * i
    for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split(), 2)
}
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def _cased(words: Sequence[str]) -> str:
    """Words that open with a capital: "May", "MAY", never the verb "may"."""
    return r"(?=(?-i:[A-Z]))(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_FULL_MONTHS = _cased([n.lower() for n in _MONTH_NAMES])
_ABBR_MONTHS = _cased(_ABBREVIATIONS)


def _month(name: str) -> str:
    return rf"(?P<{name}>{_FULL_MONTHS}|{_ABBR_MONTHS}\.?)(?![a-z])"


def _day(name: str) -> str:
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?!\d)(?:\s?(?:st|nd|rd|th)(?![a-z]))?"


def _year(name: str) -> str:
    """Four digits, or two after an apostrophe ("'61")."""
    return rf"(?P<{name}>1[5-9]\d\d|20\d\d|['’‘]\d\d)(?!\d)"


_WEEKDAY = _cased([d.lower() for d in _WEEKDAYS])
_ON_WEEKDAY = rf"(?:{_WEEKDAY}\s*,?\s+)?"
_YEAR4 = r"(?:1[89]\d\d|20[0-4]\d)"
"""A year standing alone: 1800 to 2049."""
_ROMAN_MONTH = r"(?-i:(?P<rm>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I))"
_SEP = r"(?P<sep>-|–|—|/|to|until|till|through|thru|and)"
_PRE = r"(?:\b(?P<pre>from)\s+)?(?P<date>(?:\b(?P<between>between)\s+)?"
"""What opens a range: "from" (a word before the date, not of it) or "between" (of its words: "between 2 and
5 June"). It opens the group `date`, which the range's pattern closes."""
_MODIFIER = re.compile(
    r"(?:\b(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn|first\s+days|last\s+days|"
    r"early\s+part|latter\s+part|first\s+weeks|last\s+weeks)\s+of\s+(?:the\s+)?|\b(?:early|mid|late)(?:\s+|-))$",
    re.IGNORECASE,
)
"""Words before a date that place it at its start, middle or end: they belong to its words, not to its value
(TimeML keeps them as a modifier): "the end of March" is 1961-03."""
_CUE = re.compile(
    r"\b(?:in|since|until|till|by|before|after|during|from|to|through|throughout|of|for|around|about|on|over)"
    r"\s+$",
    re.IGNORECASE,
)
"""A preposition before a word that is a date only after one: "in May", "on Monday", "by the 20th"."""
_TIME = (
    r"(?P<h>[01]?\d|2[0-3])\s?(?P<sep>[:.])\s?(?P<mi>[0-5]\d)(?:\s?(?P<ap>[ap])\.?\s?m\b\.?|\s?(?:hours|hrs|h)\b)?"
    r"|(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>[ap])\.?\s?m\b\.?"
    r"|(?P<h3>1[0-2]|0?[1-9])\s+o['’]clock"
)
"""A time of day in numerals: "10:00", "7 : 30 am", "5:45 p.m.", "10 a.m.", "10.30", "10 o'clock"."""
_NUMBERING = re.compile(
    r"\b(?:no|nos|nr|art|article|item|point|section|chapter|part|para|paragraph|table|annex|decree|"
    r"resolution|order|law|file|ref|reference|folio|fol|ff|f|pp|p|page|pages|vol|volume|doc|document|"
    r"fond|opis|delo|op|d|l|ll|box|folder|case|register|reg|inv|series)\.?\s*(?:[\w-]+[/.-])?$|[§#№]\s*$",
    re.IGNORECASE,
)
"""Words before a number that is a heading's, a clause's or a file's, not a date's: "No. 1961",
"ff. 12-15", "Decree 1961/12", "f. 5, op. 30, d. 1961"."""
_NOT_A_YEAR_AFTER = (
    r"(?!\d|,\d|/\d|\.\d|-\d|\s*(?:%|per\s?cent|percent|tons?|tonnes|km|kilomet|hectares?|ha\b|people|"
    r"persons|workers|students|copies|units|pieces|dollars|rubles|roubles|yuan|won\b|marks|hours|hrs|"
    r"[a-z]+\s+(?:tons|of\s+the\s+total)))"
)
"""What never follows a year: more digits, or a unit that makes the number a quantity ("1950 tons")."""
_NOT_A_NOUN_PHRASE = (
    r"(?=\s*(?:[,.;:!?)\]–—]|$)|\s+(?:we|i|he|she|they|it|you|there|when|and|but|on|at|in|the\s+\w+\s+"
    r"(?:was|were|had|did))\b)"
)
"""After "the day before", "two days after": the words stop there ("…, the day before, we…"); before a
noun phrase they count from an event ("two days after the talks"), not from a date."""
_ENDS_HERE = (
    r"(?=\s*(?:[,.;:!?)\]–—\"'”’]|$)|\s+\d|\s+(?:and|or|of|we|i|he|she|they|it|you|the|a|an|to|will|would|"
    r"shall|should|could|can|may|must|was|were|is|are|has|had|have|when|there|at|in|on|with|but|as|for|so|"
    r"because|this|that|these|those|his|her|their|our|its|my|your|next|last|[a-z]+ly)\b)"
)
"""A date word that ends its phrase: "in the spring, we…", not "the spring rain" (a season as a modifier)."""
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won['’]t|['’]ll|going\s+to|plans?\s+to|planned\s+to|intends?\s+to|is\s+to|are\s+to|"
    r"expects?\s+to|hopes?\s+to|proposes?\s+to|would\s+like\s+to|scheduled|next|coming|upcoming|forthcoming)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|took\s+place|came|went|met|said|told|arrived|left|began|held|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)


# --- values ---------------------------------------------------------------------------------------


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= year <= 9999) or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _ym(year: int, month: int) -> str:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


def _as_date(value: str | None) -> dt.date | None:
    if value is None or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _month_of(value: str | None) -> tuple[int, int] | None:
    if value is None or len(value) < 7 or not value[5:7].isdigit():
        return None
    return int(value[:4]), int(value[5:7])


def _number(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _day_number(written: str) -> int:
    m = re.match(r"\d+", written)
    assert m is not None
    return int(m[0])


def _month_number(written: str) -> int:
    return _MONTHS[written.rstrip(".").lower()]


def _value(ref: DateRef) -> str | None:
    """The value a later relative date counts from: @when, else the end of the span."""
    attrs = dict(ref.attrs)
    return attrs.get("when") or attrs.get("to") or attrs.get("from")


# --- anchors --------------------------------------------------------------------------------------

_NO_ANCHOR = "is relative to a document date that is missing"
_NO_YEAR = "has no year, and neither the document's date nor a date before it gives one"
_NO_DAY = "is relative to a date the text does not give to the day"


def _deictic(a: Anchors) -> tuple[str | None, str]:
    """The time of writing, and the certainty of a date counted from it."""
    if a.now:
        return a.now, "high"
    return a.last, "low"


def _anaphoric(a: Anchors) -> tuple[str | None, str]:
    """The last date named, and the certainty of a date counted from it."""
    if a.last:
        return a.last, "medium"
    return a.now, "low"


def _context(a: Anchors) -> str | None:
    """The date a day or month without its year lies near: the last date named to the month when it lies
    within a year of the time of writing (a narrative goes on: "On 12 May 1960 … On 14 May …"), else the
    time of writing."""
    last, now = _as_date(a.last) or _first_of(a.last), _as_date(a.now) or _first_of(a.now)
    if a.last and last is not None and (now is None or abs((last - now).days) <= _NARRATIVE_DAYS):
        return a.last
    return a.now or a.last


_NARRATIVE_DAYS = 366
"""How far from the time of writing the last date named may lie and still be the year a day or month
without its year takes."""


def _first_of(value: str | None) -> dt.date | None:
    ym = _month_of(value)
    return dt.date(ym[0], ym[1], 1) if ym else None


def _tense(m: re.Match[str]) -> int:
    """+1 when the sentence around a match speaks of the future, -1 of the past, 0 when it does not say."""
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for c in ".!?\n" if (i := text.find(c, m.end())) >= 0]
    sentence = text[start : min(ends, default=len(text))]
    sentence = sentence[: m.start() - start] + " " + sentence[m.end() - start :]
    if _FUTURE.search(sentence):
        return 1
    if _PAST.search(sentence):
        return -1
    return 1 if _BEFORE_A_DATE.search(text, max(0, m.start() - 8), m.start()) else 0


_BEFORE_A_DATE = re.compile(r"\b(?:by|before|until|till)\s+$", re.IGNORECASE)
"""Words that, when the sentence does not say otherwise, put a date ahead ("before the winter")."""


def _year_near(month: int, day: int | None, context: str, tense: int) -> int | None:
    """The year of a month (and day) nearest `context`; the later one when the sentence speaks of the future
    and the nearest lies more than a month before, the earlier one when it speaks of the past."""
    base = _as_date(context)
    if base is None:
        ym = _month_of(context)
        if ym is None:
            return _year_of(context)
        base = dt.date(ym[0], ym[1], 15)
    gaps: list[tuple[int, int, int]] = []
    for y in (base.year - 1, base.year, base.year + 1):
        last_day = calendar.monthrange(y, month)[1]
        when = dt.date(y, month, min(day, last_day) if day else 15)
        gaps.append((abs((when - base).days), y != base.year, y))
    near = min(gaps)[2]
    gap = (dt.date(near, month, min(day or 15, calendar.monthrange(near, month)[1])) - base).days
    if tense > 0 and gap < -31:
        near += 1
    elif tense < 0 and gap > 31:
        near -= 1
    return near


def _full_year(written: str, a: Anchors) -> int | None:
    """A year as written: four digits, or two ("'61") in the century that puts it nearest the context."""
    digits = written.lstrip("'’‘")
    if len(digits) == 4:
        return int(digits)
    return _century(int(digits), _year_of(a.now or a.last))


_TWO_DIGIT_WINDOW = 30
"""Years a two-digit year may lie from the document's year and still be read as a date."""


def _century(two: int, year: int | None) -> int | None:
    if year is None:
        return 1900 + two
    full = min(
        (c + two for c in (year // 100 * 100 - 100, year // 100 * 100, year // 100 * 100 + 100)),
        key=lambda f: abs(f - year),
    )
    return full if abs(full - year) <= _TWO_DIGIT_WINDOW else None


def _after(words: re.Pattern[str], m: re.Match[str]) -> bool:
    """Whether `words` stand right before the date a match holds."""
    at = m.start("date") if "date" in m.re.groupindex and m["date"] else m.start()
    return words.search(m.string, max(0, at - 40), at) is not None


def _numbered(m: re.Match[str]) -> bool:
    """Whether the words before a match make its number a file's, clause's or folio's."""
    return _NUMBERING.search(m.string, max(0, m.start() - 24), m.start()) is not None


# --- readers --------------------------------------------------------------------------------------


def _calendar(y: int | None, month: int, day: int) -> Reading:
    if y is None:
        return None
    iso = _iso(y, month, day)
    return (("when", iso),) if iso else None


def _read_dmy(m: re.Match[str], a: Anchors) -> Reading:
    return _calendar(_full_year(m["y"], a), _month_number(m["m"]), _day_number(m["d"]))


def _read_iso(m: re.Match[str], a: Anchors) -> Reading:
    return _calendar(int(m["y"]), int(m["m"]), int(m["d"]))


def _read_roman(m: re.Match[str], a: Anchors) -> Reading:
    y = m["y"]
    year = int(y) if len(y) == 4 else _century(int(y), _year_of(a.now or a.last))
    return _calendar(year, _ROMAN[m["rm"]], int(m["d"]))


def _read_roman_month(m: re.Match[str], a: Anchors) -> Reading:
    return None if _numbered(m) else (("when", _ym(int(m["y"]), _ROMAN[m["rm"]])),)


def _bracketed_year(m: re.Match[str]) -> int | None:
    """The year an editor supplied in brackets after a date: "4 July [1972]"."""
    after = _BRACKETED_YEAR.match(m.string, m.end())
    return int(after["y"]) if after else None


_BRACKETED_YEAR = re.compile(r"[ \t]*\[[ \t]*(?P<y>1[5-9]\d\d|20\d\d)[ \t]*\]")


def _without_year(m: re.Match[str], a: Anchors, month: int, day: int) -> Reading:
    """A day and month without a year ("on 9 May", "23.X"): the year an editor supplied after it, else the
    year nearest the context."""
    if (supplied := _bracketed_year(m)) is not None:
        return _calendar(supplied, month, day)
    context = _context(a)
    if context is None:
        return _NO_YEAR
    year = _year_near(month, day, context, _tense(m))
    iso = _iso(year, month, day) if year else None
    return (("when", iso), ("cert", "medium")) if iso else None


def _read_day_month(m: re.Match[str], a: Anchors) -> Reading:
    day = _day_number(m["d"])
    month = _month_number(m["m"])
    if _iso(2000, month, day) is None:  # "31 April": no day of any year
        return None
    if m["ry"]:
        relative = _relative_year(m["ry"], a)
        if isinstance(relative, str):
            return relative
        iso = _iso(relative[0], month, day)
        return (("when", iso), ("cert", relative[1])) if iso else None
    return _without_year(m, a, month, day)


def _read_roman_day_month(m: re.Match[str], a: Anchors) -> Reading:
    if _numbered(m):  # "Section 2.I": a number, not a date
        return None
    return _without_year(m, a, _ROMAN[m["rm"]], int(m["d"]))


def _read_numeric(m: re.Match[str], a: Anchors) -> Reading:
    """Dotted numerals ("2.3.1961", "10.10.55") are day first unless the context clearly says otherwise; slashed
    ones ("6/25/50") month first (SOURCE-FORMATS §6)."""
    first, second, y = int(m["a"]), int(m["b"] or m["b2"]), int(m["y"])
    dotted = m["dot"] is not None
    if y < 100:
        year = _year_of(a.now or a.last)
        if year is None and dotted:
            return None  # "10.10.55" with no year to go by: a date, or a number of another kind
        full = _century(y, year)
        if full is None:
            return None  # "01/11/02" in a record of 1963: a file number, not a date
        y = full
    if not dotted:
        return _calendar(y, first, second)
    if first > 12 >= second or first == second:
        return _calendar(y, second, first)
    if second > 12 >= first:
        return _calendar(y, first, second)
    readings = [iso for iso in (_iso(y, second, first), _iso(y, first, second)) if iso]
    context = _as_date(a.now)
    if context is not None:  # the reading within a month of the document's date, when clearly the nearer
        gaps = sorted((abs((dt.date.fromisoformat(r) - context).days), r) for r in readings)
        if gaps and gaps[0][0] <= 31 and (len(gaps) == 1 or gaps[1][0] - gaps[0][0] > 7):
            return (("when", gaps[0][1]), ("cert", "medium"))
    iso = _iso(y, second, first)
    return (("when", iso), ("cert", "medium")) if iso else None


def _read_day_range(m: re.Match[str], a: Anchors) -> Reading:
    """ "from 4 to 9 May", "between 2 and 5 June 1961", "4 May – 9 June 1961", "20./21. April", "May 4-9, 1961"."""
    sep, pre = m["sep"].lower(), "between" if m["between"] else (m["pre"] or "").lower()
    if (sep == "and") != (pre == "between"):
        return None
    month2 = _month_number(m["m2"]) if m["m2"] else _month_number(m["m1"])
    month1 = _month_number(m["m1"]) if m["m1"] else month2
    d1, d2 = _day_number(m["d1"]), _day_number(m["d2"])
    years = _range_years(m, a, month1, month2, d2)
    if not isinstance(years, tuple):
        return years
    y1, y2, cert = years
    lo, hi = _iso(y1, month1, d1), _iso(y2, month2, d2)
    if lo is None or hi is None or lo >= hi:
        return None
    return (("from", lo), ("to", hi), *cert)


def _range_years(
    m: re.Match[str], a: Anchors, month1: int, month2: int, day2: int | None
) -> tuple[int, int, Attrs] | str | None:
    """The years of a range's ends: as written, the first taking the second's ("4 May – 9 June 1961"), the
    year before when its month comes later ("28 December to 3 January 1962"); with none written, the year
    nearest the context, and the certainty."""
    y1 = _full_year(m["y1"], a) if m["y1"] else None
    y2 = _full_year(m["y2"], a) if m["y2"] else y1
    cert: Attrs = ()
    if y2 is None:
        context = _context(a)
        if context is None:
            return _NO_YEAR
        y2 = _year_near(month2, day2, context, _tense(m))
        cert = (("cert", "medium"),)
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 - 1 if month1 > month2 else y2
    return y1, y2, cert


def _read_month_range(m: re.Match[str], a: Anchors) -> Reading:
    """ "from March to May 1961", "between March and May", "March-May 1961"."""
    sep, pre = m["sep"].lower(), "between" if m["between"] else (m["pre"] or "").lower()
    if (sep == "and") != (pre == "between") or not (pre or (sep in "-–—" and m["y2"])):
        return None
    month1, month2 = _month_number(m["m1"]), _month_number(m["m2"])
    years = _range_years(m, a, month1, month2, None)
    if not isinstance(years, tuple):
        return years
    y1, y2, cert = years
    lo, hi = _ym(y1, month1), _ym(y2, month2)
    return (("from", lo), ("to", hi), *cert) if lo < hi else None


def _read_year_range(m: re.Match[str], a: Anchors) -> Reading:
    """ "from 1959 through 1961", "between 1959 and 1961", "1971–1975", "1966-70", "1961/62"."""
    sep, pre = m["sep"].lower(), "between" if m["between"] else (m["pre"] or "").lower()
    if (sep == "and") != (pre == "between") or (not pre and sep not in "-–—/") or _numbered(m):
        return None
    y1, y2 = int(m["y1"]), m["y2"]
    end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if not (y1 < end <= y1 + 100 or (pre and y1 == end)):
        return None
    return (("from", str(y1)), ("to", str(end)))


def _read_month_year(m: re.Match[str], a: Anchors) -> Reading:
    year = _full_year(m["y"], a)
    return (("when", _ym(year, _month_number(m["m"]))),) if year else None


def _read_month(m: re.Match[str], a: Anchors) -> Reading:
    """A month alone after a preposition or a modifier: "in May", "last March", "the end of June"."""
    rel = (m["rel"] or "").lower()
    if not (rel or _after(_CUE, m) or _after(_MODIFIER, m)):
        return None
    month = _month_number(m["m"])
    if rel in {"last", "next", "this", "coming"}:
        now, cert = _deictic(a)
        ym = _month_of(now)
        if ym is None:
            return _NO_ANCHOR
        year, current = ym
        if rel == "last":
            year -= month >= current
        elif rel in {"next", "coming"}:
            year += month <= current
        return (("when", _ym(year, month)), ("cert", cert))
    if (supplied := _bracketed_year(m)) is not None:
        return (("when", _ym(supplied, month)),)
    if m["ry"]:
        relative = _relative_year(m["ry"], a)
        if isinstance(relative, str):
            return relative
        return (("when", _ym(relative[0], month)), ("cert", relative[1]))
    context = _context(a)
    if context is None:
        return _NO_YEAR
    near = _year_near(month, None, context, _tense(m))
    return (("when", _ym(near, month)), ("cert", "medium")) if near else None


def _season_span(season: str, year: int) -> Attrs:
    first, last = _SEASONS[season]
    return (("from", _ym(year, first)), ("to", _ym(year + (last < first), last)))


def _read_season(m: re.Match[str], a: Anchors) -> Reading:
    """ "the summer of 1961", "last winter", "in the spring", "autumn 1961" -> @from/@to in months."""
    season, rel, cue = m["s"].lower(), (m["rel"] or "").lower(), _after(_CUE, m)
    written_year = m["y"]
    if not (cue or rel or written_year or _after(_MODIFIER, m)):
        return None
    if season == "fall" and not (rel or written_year):
        return None  # "in the fall of the government"
    if written_year:
        words = written_year.lower()
        if words[-1].isdigit():
            year = _full_year(written_year, a)
            return _season_span(season, year) if year else None
        relative = _relative_year(words, a)
        if isinstance(relative, str):
            return relative
        year, cert = relative
        return (*_season_span(season, year), ("cert", cert))
    first = _SEASONS[season][0]
    if rel:
        now, cert = _deictic(a)
        ym = _month_of(now)
        if ym is None:
            return _NO_ANCHOR
        year = _season_year(season, ym[0] * 12 + ym[1] - 1, rel)
        return (*_season_span(season, year), ("cert", cert))
    context = _context(a)
    if context is None:
        return _NO_YEAR
    year = _year_near(first + 1 if first < 12 else 1, None, context, _tense(m))
    if year is None:
        return None
    if season == "winter":
        year -= 1
    return (*_season_span(season, year), ("cert", "medium"))


def _season_year(season: str, now: int, rel: str) -> int:
    """The year of "last", "next" or "this" season, `now` counted in months: the last one ended before now,
    the next one not yet begun, this one the one now is in or else the nearest."""
    first = _SEASONS[season][0]
    years = [now // 12 + d for d in (-2, -1, 0, 1)]
    starts = {y: y * 12 + first - 1 for y in years}
    if rel == "last":
        return max(y for y in years if starts[y] + 2 < now)
    if rel in {"next", "coming"}:
        return min(y for y in years if starts[y] > now)
    return min(
        years, key=lambda y: (0 if starts[y] <= now <= starts[y] + 2 else abs(starts[y] + 1 - now), -y)
    )


_PARTS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "middle": 2,
}


def _read_part(m: re.Match[str], a: Anchors) -> Reading:
    """Quarters and halves of a year, halves and ten-day periods of a month: "the first half of next year",
    "the third quarter of 1962", "the second ten days of May" -> @from/@to."""
    unit = " ".join(m["u"].lower().split())
    n = m["n"].lower()
    whole = m["x"].lower()
    if m["xm"]:
        month = _month_number(m["xm"])
        if m["xy"]:
            year = _full_year(m["xy"], a)
            cert: Attrs = ()
        else:
            context = _context(a)
            if context is None:
                return _NO_YEAR
            year = _year_near(month, None, context, _tense(m))
            cert = (("cert", "medium"),)
        if year is None or unit in {"quarter"}:
            return None
        last_day = calendar.monthrange(year, month)[1]
        bounds = {"half": ((1, 15), (16, last_day))}.get(unit, ((1, 10), (11, 20), (21, last_day)))
        index = len(bounds) if n == "last" else _PARTS.get(n, 0)
        if not 1 <= index <= len(bounds):
            return None
        d1, d2 = bounds[index - 1]
        return (("from", f"{_ym(year, month)}-{d1:02d}"), ("to", f"{_ym(year, month)}-{d2:02d}"), *cert)
    if m["xmonth"]:
        return None
    if unit not in {"quarter", "half"}:
        return None
    if whole[-1].isdigit():
        year_cert: tuple[int, str] | str = (int(whole), "")
    else:
        year_cert = _relative_year(whole, a)
    if isinstance(year_cert, str):
        return year_cert
    year, certainty = year_cert
    size = 3 if unit == "quarter" else 6
    index = 12 // size if n == "last" else _PARTS.get(n, 0)
    if not 1 <= index <= 12 // size or (n == "middle"):
        return None
    span = (("from", _ym(year, size * (index - 1) + 1)), ("to", _ym(year, size * index)))
    return (*span, ("cert", certainty)) if certainty else span


def _read_decade(m: re.Match[str], a: Anchors) -> Reading:
    """ "the 1950s", "the early sixties", "the '70s" -> @from/@to in years."""
    if m["y"]:
        start = int(m["y"])
    else:
        century = (_year_of(a.now or a.last) or 1950) // 100 * 100
        start = century + (int(m["yy"]) if m["yy"] else _DECADE_WORDS[m["w"].lower()])
        if m["w"] and not m["the"]:
            return None  # "in his sixties": an age
    return (("from", str(start)), ("to", str(start + 9)))


def _read_year(m: re.Match[str], a: Anchors) -> Reading:
    return None if _numbered(m) else (("when", m["y"]),)


def _read_ordinal_day(m: re.Match[str], a: Anchors) -> Reading:
    """ "on the 12th", "the 3rd of this month", "by the 20th inst." -> the day of the month the text stands in."""
    day = _day_number(m["d"])
    rel = " ".join((m["rel"] or "").lower().split())
    if not (_after(_CUE, m) or rel or m["inst"]):
        return None  # "the 12th" alone: an ordinal of anything
    if rel or m["inst"]:
        now, cert = _anaphoric(a) if rel == "the same" else _deictic(a)
        ym = _month_of(now)
        if ym is None:
            return _NO_ANCHOR
        months = ym[0] * 12 + ym[1] - 1 + {"next": 1, "last": -1}.get(rel, 0)
        iso = _iso(months // 12, months % 12 + 1, day)
        return (("when", iso), ("cert", cert)) if iso else None
    context = _context(a)
    base = _as_date(context)
    if base is None:
        return _NO_DAY if context else _NO_ANCHOR
    tense = _tense(m)
    months = base.year * 12 + base.month - 1
    if tense > 0 and day < base.day:
        months += 1
    elif tense < 0 and day > base.day:
        months -= 1
    iso = _iso(months // 12, months % 12 + 1, day)
    return (("when", iso), ("cert", "medium")) if iso else None


_DEICTIC_DAYS = {
    "the day after tomorrow": 2,
    "the day before yesterday": -2,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "this": 0,
    "last night": -1,
}


def _read_deictic_day(m: re.Match[str], a: Anchors) -> Reading:
    """ "today", "tomorrow morning", "the day before yesterday", "this morning", "tonight", "last night"."""
    words = " ".join(m["w"].lower().split())
    offset = next(v for k, v in _DEICTIC_DAYS.items() if words.startswith(k))
    now, cert = _deictic(a)
    return _day_from(now, offset, cert, _NO_ANCHOR)


def _day_from(base: str | None, offset: int, cert: str, doubt: str) -> Reading:
    day = _as_date(base)
    if day is None:
        return doubt if base is None else _NO_DAY
    return (("when", (day + dt.timedelta(days=offset)).isoformat()), ("cert", cert))


_ANAPHORIC_STEPS = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}


def _read_anaphoric_day(m: re.Match[str], a: Anchors) -> Reading:
    """ "the next day", "the following morning", "the day before", "that same day"."""
    step = _ANAPHORIC_STEPS.get((m["rel"] or m["dir"] or "").lower(), 0)
    base, cert = _anaphoric(a)
    return _day_from(base, step, cert, _NO_ANCHOR)


_UNIT_DAYS = {"day": 1, "week": 7}
_FORWARD = {"later", "after", "afterwards", "hence", "from now", "time"}
_DEICTIC_DIRECTIONS = {"ago", "hence", "from now", "time"}


def _read_count(m: re.Match[str], a: Anchors) -> Reading:
    """ "three days later", "two weeks ago", "a year earlier", "in ten days' time" -> a date."""
    n = _number(m["n"] or m["n2"])
    if n is None:
        return None
    unit = (m["u"] or m["u2"]).lower().rstrip("s")
    direction = " ".join((m["dir"] or m["dir2"] or "time").lower().split())
    sign = 1 if direction in _FORWARD else -1
    base, cert = _deictic(a) if direction in _DEICTIC_DIRECTIONS else _anaphoric(a)
    if base is None:
        return _NO_ANCHOR
    if unit in _UNIT_DAYS:
        return _day_from(base, sign * n * _UNIT_DAYS[unit], cert, _NO_ANCHOR)
    if unit == "month":
        ym = _month_of(base)
        if ym is None:
            return _NO_DAY
        return (("when", _ym(ym[0], ym[1] + sign * n)), ("cert", cert))
    year = _year_of(base)
    return (("when", f"{year + sign * n:04d}"), ("cert", cert)) if year else _NO_ANCHOR


_DEICTIC_RELS = {"this", "next", "last", "coming", "current", "the current", "the coming", ""}
_STEPS = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "last": -1,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
    "the same": 0,
    "that": 0,
    "after": 1,
    "before": -1,
    "before last": -2,
    "after next": 2,
    "": 0,
}


def _relation(m: re.Match[str], a: Anchors) -> tuple[int, str | None, str] | None:
    """(steps from the anchor, the anchor, the certainty) of "next week", "the year before", "the end of the
    year"…: the time of writing for deictic words, the last date named for anaphoric ones."""
    rel = " ".join((m["rel"] or m["dir"] or "").lower().split())
    if not rel and not _after(_MODIFIER, m):
        return None  # "the year" alone names no year
    deictic = rel in _DEICTIC_RELS or rel in {"before last", "after next"}
    base, cert = _deictic(a) if deictic else _anaphoric(a)
    return _STEPS[rel], base, cert


def _relative_year(words: str, a: Anchors) -> tuple[int, str] | str:
    """The year "this year", "the following year", "the year" names, and the certainty."""
    words = " ".join(words.split()).removesuffix("year").strip()
    words = "" if words == "the" else words
    step = _STEPS.get(words, 0)
    base, cert = _deictic(a) if words in _DEICTIC_RELS else _anaphoric(a)
    year = _year_of(base)
    if year is None:
        return _NO_ANCHOR
    return year + step, cert


def _read_year_rel(m: re.Match[str], a: Anchors) -> Reading:
    """ "next year", "the following year", "the year before last", "the end of the year"."""
    relation = _relation(m, a)
    if relation is None:
        return None
    step, base, cert = relation
    year = _year_of(base)
    return (("when", f"{year + step:04d}"), ("cert", cert)) if year else _NO_ANCHOR


def _read_month_rel(m: re.Match[str], a: Anchors) -> Reading:
    """ "next month", "the previous month", "the end of this month" -> YYYY-MM."""
    relation = _relation(m, a)
    if relation is None:
        return None
    step, base, cert = relation
    ym = _month_of(base)
    if ym is None:
        return _NO_ANCHOR if base is None else _NO_DAY
    return (("when", _ym(ym[0], ym[1] + step)), ("cert", cert))


def _read_week_rel(m: re.Match[str], a: Anchors) -> Reading:
    """ "last week", "the following week", "the week after next" -> @from Monday @to Sunday."""
    relation = _relation(m, a)
    if relation is None:
        return None
    step, base, cert = relation
    day = _as_date(base)
    if day is None:
        return _NO_ANCHOR if base is None else _NO_DAY
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=step)
    return (
        ("from", monday.isoformat()),
        ("to", (monday + dt.timedelta(days=6)).isoformat()),
        ("cert", cert),
    )


def _read_weekday(m: re.Match[str], a: Anchors) -> Reading:
    """ "on Monday", "last Tuesday", "next Friday", "the following Sunday" -> the nearest such day."""
    rel = " ".join((m["rel"] or "").lower().split())
    if not (rel or _after(_CUE, m)):
        return None
    wanted = [d.lower() for d in _WEEKDAYS].index(m["wd"].lower())
    if rel in {"the following", "the previous", "that"} or not rel:
        base, cert = _anaphoric(a) if rel else (_context(a), "medium")
    else:
        base, cert = _deictic(a)
    day = _as_date(base)
    if day is None:
        return _NO_ANCHOR if base is None else _NO_DAY
    ahead = (wanted - day.weekday()) % 7
    back = (day.weekday() - wanted) % 7
    if rel in {"next", "coming", "the following"}:
        offset = ahead or 7
    elif rel in {"last", "the previous"}:
        offset = -(back or 7)
    elif rel == "this":
        offset = wanted - day.weekday()
    else:
        tense = _tense(m)
        offset = ahead if tense > 0 else -back if tense < 0 or back <= ahead else ahead
        cert = "medium"
    return (("when", (day + dt.timedelta(days=offset)).isoformat()), ("cert", cert))


# --- the table ------------------------------------------------------------------------------------


def _form(name: str, pattern: str, read: Reader) -> Form:
    return Form(name, pattern, read)


_OF_YEAR = (
    r"(?:\s*,?\s+(?:of\s+)?(?P<ry>this|next|last|the\s+(?:same|following|previous|preceding|next|current|"
    r"coming)|current|coming)\s+year(?![\w'’-]))?"
)
"""A year named relative to the time of writing after a day or month: "21 August next year"."""
_THE_YEAR = (
    r"(?:this|next|last|the\s+(?:same|following|previous|preceding|next|current|coming)|current|coming)\s+year|"
    r"(?:the\s+)?year"
)
_REL_UNIT = (
    r"\b(?:(?P<rel>this|next|coming|current|the\s+(?:following|next|previous|preceding|same|current|coming)|that|"
    r"(?<!\bthe\s)last)\s+{unit}|(?:the\s+)?{unit}\s+(?P<dir>before\s+last|after\s+next|before|after)"
    + _NOT_A_NOUN_PHRASE
    + r"|the\s+{unit})(?![\w'’-])"
)

FORMS: tuple[Form, ...] = (
    _form(
        "range-day-month",
        rf"{_PRE}(?<![\d.,/]){_day('d1')}\.?(?:\s*(?:of\s+)?{_month('m1')}(?:,?\s+{_year('y1')})?)?"
        rf"\s*{_SEP}\s*(?:the\s+)?{_day('d2')}\.?\s*(?:of\s+)?{_month('m2')}(?:\s*,?\s*{_year('y2')})?)",
        _read_day_range,
    ),
    _form(
        "range-month-day",
        rf"{_PRE}{_month('m1')}\s+(?:the\s+)?{_day('d1')}(?:,?\s+{_year('y1')})?\s*{_SEP}\s*"
        rf"(?:{_month('m2')}\s+)?(?:the\s+)?{_day('d2')}(?:\s*,?\s*{_year('y2')})?)(?!\d|:\d)",
        _read_day_range,
    ),
    _form(
        "range-month",
        rf"{_PRE}{_month('m1')}(?:,?\s+{_year('y1')})?\s*{_SEP}\s*{_month('m2')}(?:,?\s+{_year('y2')})?)",
        _read_month_range,
    ),
    _form(
        "range-year",
        rf"{_PRE}(?<![\d.,/-])(?P<y1>{_YEAR4})\s*{_SEP}\s*(?P<y2>{_YEAR4}|\d\d)){_NOT_A_YEAR_AFTER}",
        _read_year_range,
    ),
    _form(
        "dmy",
        rf"{_ON_WEEKDAY}(?:the\s+)?(?<![\d.,/]){_day('d')}\s*(?:of\s+|day\s+of\s+)?{_month('m')}\s*,?\s*{_year('y')}",
        _read_dmy,
    ),
    _form(
        "mdy",
        rf"{_ON_WEEKDAY}{_month('m')}\s+(?:the\s+)?{_day('d')}\s*,?\s*{_year('y')}",
        _read_dmy,
    ),
    _form(
        "iso",
        r"(?<![\d./-])(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])",
        _read_iso,
    ),
    _form(
        "roman",
        rf"(?<![\d.]){_day('d')}\s?[.\-/]\s?{_ROMAN_MONTH}\s?[.\-/]\s?(?P<y>1[5-9]\d\d|20\d\d|\d\d)(?!\d)",
        _read_roman,
    ),
    _form(
        "roman-month-year",
        rf"(?<![\w.]){_ROMAN_MONTH}\.\s?(?P<y>1[5-9]\d\d|20\d\d)(?!\d)",
        _read_roman_month,
    ),
    _form(
        "numeric",
        r"(?<![\d./])(?P<a>\d{1,2})(?:(?P<dot>\.)\s?(?P<b>\d{1,2})\.\s?|/(?P<b2>\d{1,2})/)"
        r"(?P<y>1[5-9]\d\d|20\d\d|\d\d)(?![\d/]|\.\d)",
        _read_numeric,
    ),
    _form(
        "day-month",
        rf"{_ON_WEEKDAY}(?:the\s+)?(?<![\d.,/]){_day('d')}\s*(?:of\s+)?{_month('m')}{_OF_YEAR}"
        r"(?!\s+(?-i:Day|Movement|Uprising|Revolution)\b)",
        _read_day_month,
    ),
    _form(
        "month-day",
        rf"{_ON_WEEKDAY}{_month('m')}\s+(?:the\s+)?{_day('d')}(?!\d|:\d|\.\d|\s*(?:%|per\s?cent|tons?|km)\b)"
        + _OF_YEAR,
        _read_day_month,
    ),
    _form(
        "roman-day-month",
        r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?-i:(?P<rm>XI{0,2}|I?V|VI{1,3}|I{1,3}|IX))(?!\w|\.\s?\d|\.\w)",
        _read_roman_day_month,
    ),
    _form(
        "ordinal-day",
        r"(?P<date>\bthe\s+(?P<d>[12]\d|3[01]|0?[1-9])"
        r"\s?(?:st|nd|rd|th)(?:\s+(?:of\s+)?(?P<rel>this|next|last|the\s+current|the\s+same|the)\s+month|"
        r"\s+(?P<inst>inst(?:ant)?\b\.?))?)"
        rf"(?!\s*(?:of\s+)?{_month('x')}|\s*[-–/]\s*\d)"
        r"(?=\s*(?:[,.;:!?)\]–—]|$)|\s+(?:and|or|at|in|on|we|i|he|she|they|it|the|to|when|there|with|was|"
        r"were|will|would|had|has|is|are|a|an|this|that)\b)",
        _read_ordinal_day,
    ),
    _form(
        "part",
        r"(?P<date>(?:the\s+)?(?P<n>first|second|third|fourth|last|middle|1st|2nd|3rd|4th)\s+"
        r"(?P<u>quarter|half|ten\s+days|ten-day\s+period|decade)\s+of\s+(?:the\s+)?"
        rf"(?P<x>(?P<xm>{_FULL_MONTHS}|{_ABBR_MONTHS}\.?)(?:,?\s+(?P<xy>1[5-9]\d\d|20\d\d))?|"
        rf"{_YEAR4}|{_THE_YEAR}|(?P<xmonth>(?:this|next|last)\s+month|the\s+month)))(?![\w-])",
        _read_part,
    ),
    _form(
        "decade",
        r"(?P<the>\bthe\s+)?(?:(?:early|mid|late)(?:\s+|-))?(?:(?P<y>1[5-9]\d0|20\d0)['’]?s|['’](?P<yy>\d0)['’]?s|"
        r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w-])",
        _read_decade,
    ),
    _form(
        "month-year",
        rf"{_month('m')}\s*,?\s+(?:of\s+)?{_year('y')}",
        _read_month_year,
    ),
    _form(
        "season",
        rf"(?P<date>(?:\bthe\s+)?(?:\b(?P<rel>last|next|this|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
        rf"(?![\w-])(?:\s*,?\s+(?:of\s+)?(?P<y>1[5-9]\d\d|20\d\d|['’]\d\d|{_THE_YEAR})(?![\w-])|"
        r"(?!\s+of\s+(?!\d))" + _ENDS_HERE + "))",
        _read_season,
    ),
    _form(
        "month",
        rf"(?P<date>(?:\b(?P<rel>last|next|this|coming)\s+)?{_month('m')}{_OF_YEAR})"
        r"(?!\s*\d|\s+(?-i:Day|Movement|Uprising|Revolution|Plenum|Theses|Events|Crisis)\b)",
        _read_month,
    ),
    _form("year-rel", _REL_UNIT.format(unit="year"), _read_year_rel),
    _form("month-rel", _REL_UNIT.format(unit="month"), _read_month_rel),
    _form("week-rel", _REL_UNIT.format(unit="week"), _read_week_rel),
    _form(
        "day-deictic",
        r"(?<![\w'’-])(?P<w>the\s+day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday|today|tonight|tomorrow|"
        r"yesterday|this\s+(?:morning|afternoon|evening)|last\s+night)"
        r"(?:\s+(?:morning|afternoon|evening|night))?(?!['’]s\b|[\w-])",
        _read_deictic_day,
    ),
    _form(
        "day-anaphoric",
        r"(?<![\w'’-])(?:(?:the|that)\s+(?:very\s+)?(?P<rel>same|next|following|previous|preceding)\s+"
        r"(?:day|morning|afternoon|evening|night)|that\s+(?:very\s+|same\s+)?(?:day|morning|afternoon|evening|night)"
        r"|the\s+(?:day|night|evening)\s+(?P<dir>before|after)" + _NOT_A_NOUN_PHRASE + r")(?![\w'’-])",
        _read_anaphoric_day,
    ),
    _form(
        "count",
        r"(?<![\w'’-])(?:(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"fifteen|twenty|thirty)\s+(?P<u>days?|weeks?|months?|years?)\s+(?:(?P<dir>later|earlier|afterwards|"
        r"ago|hence|previously|from\s+now)|(?P<dir2>after|before)"
        + _NOT_A_NOUN_PHRASE
        + r")|in\s+(?P<n2>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
        r"twenty|thirty)\s+(?P<u2>days?|weeks?|months?|years?)['’]?\s+time)(?![\w'’-])",
        _read_count,
    ),
    _form(
        "weekday",
        rf"(?P<date>(?:\b(?P<rel>last|next|this|coming|that|the\s+following|the\s+previous)\s+)?(?P<wd>{_WEEKDAY})"
        r"(?:\s+(?:morning|afternoon|evening|night))?)(?![\w-])",
        _read_weekday,
    ),
    _form("year", rf"(?<![\d,./])(?<!\d-)(?P<y>{_YEAR4}){_NOT_A_YEAR_AFTER}", _read_year),
)
"""Every way of writing a date. Where forms overlap, the one that starts first wins, then the longest, then
the one listed first."""


_BY_NAME = {f.name: f for f in FORMS}
_RELATIVE = frozenset(
    "ordinal-day part month season year-rel month-rel week-rel day-deictic day-anaphoric count weekday".split()
)
"""Forms whose words name a date only relative to another."""
_CALENDAR = tuple(_BY_NAME[n] for n in ("dmy", "mdy"))
"""A calendar date in full with the month in words: the date of a wrapper, a citation or a heading."""

_TIME_AFTER = re.compile(
    rf"(?:\s*,)?\s*(?P<at>at\s+(?:about\s+|around\s+)?)?(?:{_TIME})(?![\d/]|\s*(?:%|per\s?cent|tons?|km)\b)",
    re.IGNORECASE,
)
_TIME_BEFORE = re.compile(rf"(?<![\d:./])(?:{_TIME})\s*(?:,\s*|\s+on\s+|\s+)$", re.IGNORECASE)
_UNTIL_TIME = re.compile(rf"\s*(?:-|–|—|to|until|till)\s*(?:{_TIME})(?![\d/])", re.IGNORECASE)
_TIME_ANYWHERE = re.compile(rf"(?<![\d/])(?:{_TIME})(?![\d/])", re.IGNORECASE)


# --- scanning -------------------------------------------------------------------------------------


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    anchor: str | None = None,
    recent: str | None = None,
) -> list[DateRef]:
    """Every date in text[start:end], in order.

    :param anchor: the time of writing (ISO), for deictic dates ("tomorrow", "next year").
    :param recent: the last date named before `start` (ISO), for anaphoric ones ("the next day") and for
        the year of a day or month written without one. Dates found are chained: each anchors the next.
    A date at the head of the span ("9 May.", "14 October 1958:") dates what follows it: it becomes the
    time of writing for the rest of the span (a dated entry).
    """
    return _scan(text, start, len(text) if end is None else end, Anchors(anchor, recent), FORMS)


def _scan(
    text: str, start: int, end: int, anchors: Anchors, forms: Sequence[Form], *, times: bool = True
) -> list[DateRef]:
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for index, form in enumerate(forms):
        for m in form.pattern.finditer(text, start, end):
            if form.read(m, anchors) is not None:
                a, b = m.span("date") if "date" in m.re.groupindex and m["date"] else m.span()
                if (mod := _MODIFIER.search(text, max(start, a - 40), a)) is not None:
                    a = mod.start()  # "the end of March": the modifier belongs to the date's words
                candidates.append((a, -(b - a), index, m))
    candidates.sort(key=lambda c: c[:3])
    out: list[DateRef] = []
    taken = start
    for a, length, index, m in candidates:
        if a < taken:
            continue
        form = forms[index]
        reading = form.read(m, anchors)
        if reading is None:
            continue
        ref = (
            DateRef(a, a - length, (), ambiguous=True, doubt=reading, form=form.name)
            if isinstance(reading, str)
            else DateRef(a, a - length, reading, form=form.name)
        )
        if times:
            ref = _with_time(text, ref, start, end, taken)
        out.append(ref)
        taken = ref.end
        if (value := _value(ref)) is not None and not _counts_from_now(ref):
            anchors = Anchors(anchors.now, value)
            if _heads(text, start, end, ref) and len(value) >= 10:
                anchors = Anchors(value[:10], value)
    return out


def _counts_from_now(ref: DateRef) -> bool:
    """Whether a date was counted from the time of writing ("last year", "tomorrow"): it names no new point in
    the narrative, so "the following year" after "last year" still counts from the last date the text set."""
    return ref.form in _RELATIVE and ("cert", "high") in ref.attrs


def _heads(text: str, start: int, end: int, ref: DateRef) -> bool:
    """Whether a date stands at the head of text[start:end] as its own heading: alone on its line or followed
    by a full stop, colon or dash ("9 May.", "14 October 1958:")."""
    # Searched in place, not on slices: a slice of the rest of the text for every date is quadratic in a
    # long paragraph.
    if _NONSPACE.search(text, start, ref.start) is not None:
        return False
    if _NONSPACE.search(text, ref.end, end) is None:
        return True
    after = _BLANKS.match(text, ref.end, end)
    i = after.end() if after is not None else ref.end
    return text[i : i + 1] in {".", ":", "—", "–", "-", "\n"}


_NONSPACE = re.compile(r"\S")
_BLANKS = re.compile(r"[ \t]*")


def _with_time(text: str, ref: DateRef, start: int, end: int, taken: int) -> DateRef:
    """A date to the day with a time of day beside it ("9 May 1961, 10:00 a.m.", "at 2:30 p.m. on 18 April"):
    both in one span, the time in @when."""
    attrs = dict(ref.attrs)
    when = attrs.get("when", "")
    if len(when) != 10:
        return ref
    after = _TIME_AFTER.match(text, ref.end, end)
    before = None if after else _TIME_BEFORE.search(text, max(taken, ref.start - 24), ref.start)
    found = after or before
    if found is None:
        return ref
    time = _time_of(found)
    if time is None or (found["sep"] == "." and not (found["ap"] or found["at"] if after else found["ap"])):
        return ref  # "9 May 1961, 10.50 …": a number, unless a.m./p.m. or "at" make it a time
    if after is None and found.start() < start:
        return ref
    span = (ref.start, found.end()) if after else (found.start(), ref.end)
    until = _UNTIL_TIME.match(text, found.end(), end) if after else None
    last = _time_of(until) if until else None
    if until is not None and last is not None and last > time:  # "Jun. 1, 1972 10:15-12:20"
        del attrs["when"]
        attrs = {"from": f"{when}T{time}", "to": f"{when}T{last}", **attrs}
        span = (ref.start, until.end())
    else:
        attrs["when"] = f"{when}T{time}"
    return replace(ref, start=span[0], end=span[1], attrs=tuple(attrs.items()))


def _time_of(m: re.Match[str]) -> str | None:
    hour = int(m["h"] or m["h2"] or m["h3"])
    minute = int(m["mi"] or 0)
    half = (m["ap"] or m["ap2"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute:02d}:00"


# --- the date of a heading, a field or a line -----------------------------------------------------


def find_date(text: str) -> DateMatch | None:
    """The first calendar date in `text` written in full with its month in words, or None."""
    found = _scan(text, 0, len(text), Anchors(), _CALENDAR, times=False)
    first = next((r for r in found if not r.ambiguous), None)
    if first is None:
        return None
    when = dict(first.attrs)["when"][:10]
    return DateMatch(first.start, first.end, when)


def find_datetime(text: str) -> DateMatch | None:
    """A date with an optional time of day anywhere in `text`: `1962-11-04T17:45:00` or `1962-11-04`. The
    month written as a word, else numerals that read one way only ("8/29/73", "13.1.1951", "6.II.1953")."""
    date = find_date(text) or next(
        (
            DateMatch(r.start, r.end, dict(r.attrs)["when"][:10])
            for r in find_dates(text)
            if len(dict(r.attrs).get("when", "")) >= 10 and "cert" not in dict(r.attrs)
        ),
        None,
    )
    if date is None:
        return None
    time = _TIME_ANYWHERE.search(text)
    if time is None or (value := _time_of(time)) is None:
        return date
    start, end = min(date.start, time.start()), max(date.end, time.end())
    return DateMatch(start, end, f"{date.iso}T{value}")


def date_line(
    text: str, start: int = 0, end: int | None = None, *, anchor: str | None = None
) -> DateRef | None:
    """The date a line is and nothing else (a journal entry's heading: "14 October 1958", "3 March", "March 15:"),
    or None. Words that name a date only relative to another ("Today") are no heading."""
    end = len(text) if end is None else end
    raw = text[start:end]
    if "\n" in raw.strip():
        return None
    found = find_dates(text, start, end, anchor=anchor)
    if len(found) != 1 or found[0].form in _RELATIVE:
        return None
    ref = found[0]
    head = text[start : ref.start].strip()
    tail = text[ref.end : end].strip().rstrip(".:").strip()
    return ref if not head and not tail else None


def is_date_line(raw: str) -> bool:
    """Whether a line is a date and nothing else ("14 October 1958", "3 March", "March 15:")."""
    return date_line(raw) is not None


def heading_date(text: str, start: int, end: int, refs: Sequence[DateRef]) -> str | None:
    """The day a block dates what follows it (a diary's "9 May." or "14 October 1958:"), or None."""
    first = next((r for r in refs if start <= r.start < end), None)
    if first is None or not _heads(text, start, end, first):
        return None
    value = _value(first)
    return value[:10] if value is not None and len(value) >= 10 else None


def last_value(refs: Sequence[DateRef]) -> str | None:
    """The value of the last date in `refs` that sets a point in the narrative: what a later anaphoric date
    ("the next day") counts from."""
    return next((v for r in reversed(refs) if (v := _value(r)) is not None and not _counts_from_now(r)), None)
