"""Quantities in running text -> `measure` with @quantity, @unit and @commodity; pure, no I/O.

"2.5 million tons of steel" -> quantity 2500000, unit t, commodity steel; "3,500 cubes [of oxygen
generators]" -> 3500 m3; "400 Korean professionals and students" -> 400 counted; "800 million USD".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

WORD_NUMBERS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
}
_SCALES = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "milliard": 10**9}
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
_FUNCTION_WORDS = (
    r"(?:about|above|across|after|against|along|among|around|as|at|before|behind|below|beneath|beside|"
    r"between|beyond|but|by|despite|down|during|except|for|from|if|in|inside|into|like|near|nor|of|off|on|"
    r"onto|or|out|outside|over|past|per|since|so|than|that|then|through|throughout|till|to|toward|towards|"
    r"under|unless|until|up|upon|via|when|whereas|which|while|with|within|without|yet|and|the|a|an)\b"
)
"""Prepositions, conjunctions and determiners: the goods end before any of them ("300 tractors and for …",
"45,000 tons of raw sugar during …")."""
_COUNTED = (
    r"(?:[A-Z][a-z]+\s+)?(?:professionals|students|specialists|experts|workers|engineers|technicians|"
    r"people|persons|soldiers|troops|delegates|machines|machine tools|lathes|tractors|trucks|cars|"
    r"factories|plants|enterprises|ships|aircraft|planes|tanks|guns|rifles|copies|generators|cameramen|teachers|"
    r"doctors|nurses|advisers|advisors|instructors|trainees|pilots|officers|scientists|offices)"
    rf"(?:\s+and\s+(?!{_FUNCTION_WORDS})[a-z]+)?(?![\w'’-])"
)
"""Things counted by a number ("400 students"); the whole word only ("our two peoples" counts nations)."""
_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
    + r")(?:\s+(?P<scale>(?:hundred\s+)?(?:thousand|million|billion|milliard)|hundred))?"
)
_MEASURE = re.compile(
    (
        rf"(?<![\w.,/-]){_NUM}(?:\s*(?:to|-|–)\s*(?P<num2>\d[\d,.]*)(?:\s+(?:thousand|million|billion))?)?"
        rf"(?:\s+(?:of\s+)?(?P<unit>"
        + "|".join(u for u, _ in _UNITS)
        + rf")|\s+(?P<counted>(?:[a-z]+\s+){{0,2}}{_COUNTED}))"
        rf"(?:\s+(?:of\s+)(?P<commodity>(?!the\b|that\b|which\b|this\b)[a-z][a-z-]*(?:\s+(?!{_FUNCTION_WORDS})"
        rf"[a-z][a-z-]*){{0,2}}))?"
    ).replace(r"\s", r"[ \t\u00a0]"),
    re.IGNORECASE,
)
"""A quantity never runs across a line break (\\s is narrowed to spaces)."""
_BARE = re.compile(
    r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+(?:thousand|million|billion))"
    r"(?![\w,/-]|\.\d)"
)


_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "hundredth": 100,
    "thousandth": 1000,
}
_NUMERATORS = {"a": 1, **{word: n for word, n in WORD_NUMBERS.items() if n < 10}}
_DENOM = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
_STOP = (
    r"(?!(?:the|a|an|this|that|these|those|them|it|its|their|our|your|his|her|which|what|all|us|we|you|of|and|or|"
    r"in|on|for|to|with|by|at|from|as|is|are|was|were)\b)"
)
_OF_THING = rf"[ \t]+of[ \t]+(?:(?:the|our|their|its|this|that)[ \t]+)?(?P<commodity>{_STOP}[a-z][a-z-]*(?:[ \t]+{_STOP}[a-z][a-z-]*)?)(?![\w'’-])"
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<numer>{'|'.join(_NUMERATORS)})(?P<joint>-|[ \t]+))?(?P<denom>(?:{_DENOM})s?)(?![\w-])"
    rf"(?P<of>{_OF_THING}|[ \t]+of\b)?",
    re.IGNORECASE,
)
"""A fraction: "one-tenth", "two-thirds", "a third of", "half of the output". Without a hyphen it must
be followed by "of", else it is an ordinal ("a third country")."""
_VAGUE_BASES = {
    "dozens": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 10**6,
    "billions": 10**9,
}
_VAGUE = re.compile(
    r"(?<![\w-])(?P<vague>dozens|tens|hundreds|thousands|millions|billions)"
    r"(?:[ \t]+of[ \t]+(?P<scale>thousands|millions|billions))?[ \t]+of[ \t]+"
    rf"(?:(?P<unit>{'|'.join(u for u, _ in _UNITS)})(?:{_OF_THING})?|(?P<counted>{_STOP}[a-z][a-z-]*(?![\w'’-])))",
    re.IGNORECASE,
)
"""A vague quantity: "tens of millions of rubles", "hundreds of students", "thousands of tons of grain"."""


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
        goods = _goods(m["commodity"])
        if m["unit"]:
            unit = next(code for rx, code in _UNITS if re.fullmatch(rx, m["unit"], re.IGNORECASE))
            attrs.append(("unit", unit))
            if goods:
                attrs.append(("commodity", goods))
        else:
            attrs.append(("unit", "count"))
            attrs.append(("commodity", " ".join(m["counted"].split())))
        stop = m.start("commodity") + len(goods) if goods else m.end()
        ranged = (m.end("num2"), (("atLeast", quantity), ("atMost", upper))) if upper else (None, ())
        found.append(MeasureRef(m.start(), stop, tuple(attrs), *ranged))
    found += [
        f
        for f in (*_fractions(text, start, end), *_vague(text, start, end))
        if not any(g.start < f.end and f.start < g.end for g in found)
    ]
    for m in _BARE.finditer(text, start, end):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        number, _, scale = m["num"].partition(" ")
        quantity = _value(number, scale or None)
        if quantity is not None:
            found.append(MeasureRef(m.start(), m.end(), (("quantity", quantity),)))
    return sorted(found, key=lambda f: f.start)


_VERB_LIKE = re.compile(
    r"[a-z]{3,}ed|is|are|was|were|will|would|should|could|can|must|may|has|have|had|went|came|"
    r"remains?|remained|goes|comes",
    re.IGNORECASE,
)
"""Words that end the goods: the verb of the clause ("50,000 tons of grain promised by …")."""
_AFTER_GOODS = re.compile(
    r"a|an|the|this|that|these|those|each|every|per|some|any|over|under|above|below|than|more|"
    r"less|very|too|also|only|still|already|again|now|then|soon|if|unless|when|because|but|or|"
    r"since|until|while|so|as|"
    r"[a-z]+(?:al|ar|ate|ent|ant|ive|ous|ual|ear|th|ck|ct|ss|ful|ed)ly",
    re.IGNORECASE,
)
"""Determiners, adverbs and conjunctions that follow the goods and open what is said of them ("cotton yarn
a year", "zinc over five years", "steel very soon", "coal if the …")."""


def _goods(commodity: str | None) -> str:
    """The goods named after "of": the words before the first that reads as a verb, a determiner, an adverb
    or a conjunction."""
    words = (commodity or "").split()
    cut = next(
        (i for i, w in enumerate(words) if i and (_VERB_LIKE.fullmatch(w) or _AFTER_GOODS.fullmatch(w))),
        len(words),
    )
    return " ".join(words[:cut])


def _fractions(text: str, start: int, end: int) -> list[MeasureRef]:
    out = []
    for m in _FRACTION.finditer(text, start, end):
        denom = m["denom"].lower()
        numer = _NUMERATORS[m["numer"].lower()] if m["numer"] else 1
        hyphenated = m["joint"] == "-"
        if not (hyphenated or m["of"] and (m["numer"] or denom.startswith("hal"))):
            continue  # "the third day", "a third country", "half a year"
        if numer > 1 and not denom.endswith("s") or numer == 1 and denom.endswith("s") and denom != "halves":
            continue  # "two-third", "one thirds": not a fraction as written
        if (
            m["commodity"]
            and m["commodity"].split()[0].lower() in _PERIODS
            or _ORDINAL_BEFORE.search(text[max(start, m.start() - 12) : m.start()])
        ):
            continue  # "half of the year", "the second half of": a time or a part in a sequence, not an amount
        value = Decimal(numer) / _DENOMINATORS[denom.rstrip("s") if denom != "halves" else denom]
        attrs = [
            ("quantity", format(value.quantize(Decimal("0.0001")).normalize(), "f")),
            ("unit", "fraction"),
        ]
        stop = m.end("denom")
        if m["commodity"]:
            commodity = _commodity(text, m)
            attrs.append(("commodity", commodity))
            stop = m.start("commodity") + len(commodity)
        out.append(MeasureRef(m.start(), stop, tuple(attrs)))
    return out


_PERIODS = frozenset(
    "year years month months week weeks day days decade century quarter season period term".split()
)
_ORDINAL_BEFORE = re.compile(r"\b(?:first|second|last|latter|former|other)[ \t]+$", re.IGNORECASE)
_MODIFIER = re.compile(r"[a-z]+(?:ed|al|ic|ous|ive|ful|ary|ern|ese|ian|ish)$")


def _commodity(text: str, m: re.Match[str]) -> str:
    """The goods after "of the": a second word only after a modifier ("annual quota") or before the clause
    ends ("the trade value."); "the output went to" gives "output"."""
    words = m["commodity"].split()
    if (
        len(words) == 2
        and not _MODIFIER.match(words[0])
        and not re.match(r"\s*(?:[.,;:!?)]|$)", text[m.end("commodity") :])
    ):
        return words[0]
    return " ".join(words)


def _vague(text: str, start: int, end: int) -> list[MeasureRef]:
    out = []
    for m in _VAGUE.finditer(text, start, end):
        base = _VAGUE_BASES[m["vague"].lower()] * (
            _SCALES[m["scale"].lower().rstrip("s")] if m["scale"] else 1
        )
        bounds = [("atLeast", str(2 * base))]
        if m["vague"].lower() != "dozens":
            bounds.append(("atMost", str(10 * base - 1)))
        if m["unit"]:
            attrs = [
                ("unit", next(code for rx, code in _UNITS if re.fullmatch(rx, m["unit"], re.IGNORECASE)))
            ]
            if m["commodity"]:
                attrs.append(("commodity", _commodity(text, m)))
        else:
            attrs = [("unit", "count"), ("commodity", m["counted"])]
        stop = max(
            m.end("unit"), m.start("commodity") + len(dict(attrs).get("commodity", "")), m.end("counted")
        )
        number_end = m.end("scale") if m["scale"] else m.end("vague")
        out.append(MeasureRef(m.start(), stop, tuple(attrs), number_end, tuple(bounds)))
    return out


def _value(number: str, scale: str | None) -> str | None:
    number = number.rstrip(".,")
    word = number.lower()
    if word in WORD_NUMBERS:
        value = Decimal(WORD_NUMBERS[word])
    else:
        try:
            value = Decimal(number.replace(",", ""))
        except ArithmeticError:
            return None
    for word in (scale or "").lower().split():  # "hundred thousand": each scale in turn
        value *= _SCALES[word]
    text = format(value.normalize(), "f")
    return text if text != "0" else None
