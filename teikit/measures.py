"""Quantities in running text -> `measure` with @quantity, @unit and @commodity; pure, no I/O.

"2.5 million tons of steel" -> quantity 2500000, unit t, commodity steel; "3,500 cubes [of oxygen
generators]" -> 3500 m3; "400 Korean professionals and students" -> 400 counted; "800 million USD".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "milliard": 10**9}
_UNITS: tuple[tuple[str, str], ...] = (
    (r"(?:metric\s+)?tons|tonnes|tons?|t\b", "t"),
    (r"kilowatts?|kw\b", "kW"),
    (r"megawatts?|mw\b", "MW"),
    (r"cubic met(?:er|re)s?|cubes", "m3"),
    (r"(?:US\s+)?dollars|USD|\$", "USD"),
    (r"(?:rubles|roubles)", "RUB"),
    (r"yuan|renminbi", "CNY"),
    (r"won\b", "KPW"),
    (r"DM\b|Deutsche Marks?|marks\b", "DEM"),
    (r"forints?", "HUF"),
    (r"zlotys?|zloty", "PLN"),
    (r"crowns|korun[ay]?", "CSK"),
    (r"(?:per\s?cent|percent|%)", "%"),
    (r"kilomet(?:er|re)s?|km\b", "km"),
    (r"hectares?|ha\b", "ha"),
    (r"pieces?", "piece"),
    (r"sets?", "set"),
)
_COUNTED = (r"(?:[A-Z][a-z]+\s+)?(?:professionals|students|specialists|experts|workers|engineers|technicians|"
            r"people|persons|soldiers|troops|delegates|machines|machine tools|lathes|tractors|trucks|cars|"
            r"factories|plants|enterprises|ships|aircraft|planes|tanks|guns|rifles|copies|generators)"
            r"(?:\s+and\s+[a-z]+)?")
_NUM = (r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
        + r")(?:\s+(?P<scale>thousand|million|billion|milliard))?")
_MEASURE = re.compile(
    (rf"(?<![\w.,/-]){_NUM}(?:\s*(?:to|-|–)\s*(?P<num2>\d[\d,.]*)(?:\s+(?:thousand|million|billion))?)?"
     rf"(?:\s+(?:of\s+)?(?P<unit>" + "|".join(u for u, _ in _UNITS) + rf")|\s+(?P<counted>(?:[a-z]+\s+){{0,2}}{_COUNTED}))"
     rf"(?:\s+(?:of\s+)(?P<commodity>(?!the\b|that\b|which\b|this\b)[a-z][a-z-]*(?:\s+(?!and\b|in\b|from\b|for\b|to\b|"
     rf"with\b|by\b|at\b|of\b)[a-z][a-z-]*){{0,2}}))?").replace(r"\s", r"[ \t\u00a0]"),
    re.IGNORECASE,
)
"""A quantity never runs across a line break (\\s is narrowed to spaces)."""
_BARE = re.compile(r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+(?:thousand|million|billion))"
                   r"(?![\w,/-]|\.\d)")


@dataclass(frozen=True)
class MeasureRef:
    """A quantity in running text: its span and TEI attributes (quantity, unit, commodity)."""

    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]
    range_end: int | None = None
    """For "500 to 600 …": where the numbers end; they become a `num` with @atLeast/@atMost."""
    range_attrs: tuple[tuple[str, str], ...] = ()


def find_measures(text: str, start: int = 0, end: int | None = None) -> list[MeasureRef]:
    """Every quantity with a unit or of counted goods in text[start:end], and large bare numbers."""
    end = len(text) if end is None else end
    found: list[MeasureRef] = []
    for m in _MEASURE.finditer(text, start, end):
        quantity = _value(m["num"], m["scale"])
        if quantity is None:
            continue
        upper = _value(m["num2"], m["scale"]) if m["num2"] else None
        attrs = [] if upper else [("quantity", quantity)]
        if m["unit"]:
            unit = next(code for rx, code in _UNITS if re.fullmatch(rx, m["unit"], re.IGNORECASE))
            attrs.append(("unit", unit))
            if m["commodity"]:
                attrs.append(("commodity", m["commodity"]))
        else:
            attrs.append(("unit", "count"))
            attrs.append(("commodity", " ".join(m["counted"].split())))
        stop = m.end("commodity") if m["commodity"] else m.end()
        ranged = (m.end("num2"), (("atLeast", quantity), ("atMost", upper))) if upper else (None, ())
        found.append(MeasureRef(m.start(), stop, tuple(attrs), *ranged))
    for m in _BARE.finditer(text, start, end):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        number, _, scale = m["num"].partition(" ")
        quantity = _value(number, scale or None)
        if quantity is not None:
            found.append(MeasureRef(m.start(), m.end(), (("quantity", quantity),)))
    return sorted(found, key=lambda f: f.start)


def _value(number: str, scale: str | None) -> str | None:
    number = number.rstrip(".,")
    word = number.lower()
    if word in _WORD_NUMBERS:
        value = Decimal(_WORD_NUMBERS[word])
    else:
        try:
            value = Decimal(number.replace(",", ""))
        except ArithmeticError:
            return None
    if scale:
        value *= _SCALES[scale.lower()]
    text = format(value.normalize(), "f")
    return text if text != "0" else None
