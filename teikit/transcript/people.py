"""Participants: parse lists of people ("Vice Premier Ri Ju-yeon, Ri Il-gyeong [Ri Il Gyong] (Minister
of Trade), and …") into mentions, and keep the document's index of persons with stable ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from anyascii import anyascii

from teikit import lexicon, romanisation
from teikit.model import Inline, Person, Role
from teikit.transcript.blocks import rstrip

TITLE_WORDS = frozenset(w.lower() for line in lexicon.entries("titles") for w in line.split())
"""Words that open a title before a name ("Vice Premier …"), from teikit/lexicon/titles.txt; compared in
lower case."""

NAME_HONORIFICS = frozenset({"u", "daw", "thakin"})
"""Burmese honorifics a list keeps with the name, as it is cited ("U Tin"); in running text they are a
title (roleName) all the same."""

PARTICLES = frozenset(
    "al el ad ud ul ash bin ibn ben bint ould dan de da dos das di del della der den van von la le du y zu".split()
)
"""Lower-case words inside a name ("Abd al-Hakim Amer", "José de la Cruz", "Faisal bin Abdulaziz")."""
PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
"""The particles as a regular expression alternation."""
_NAME_TOKEN = rf"(?:(?:{PARTICLE})-(?=[A-Z]))?[A-Z][\w'’.]*(?:\?+[\w'’.]*)*(?:-[\w'’]+)*"
"""A capitalised name word, or one joined to a particle ("al-Hakim")."""
"""A capitalised name word; "?" stands inside it where a copy lost a letter with a diacritic ("Vasil??")."""
_ITEM = re.compile(
    rf"""(?:and\s+)?
    (?:\[(?P<pre>[^\]\n]+)\]\s*)?
    (?P<title>(?:[\w.]+\s+)*?)
    (?P<name>{_NAME_TOKEN}(?:\s+(?:(?:{PARTICLE})\s+){{0,2}}{_NAME_TOKEN}){{0,4}})
    (?:\s*\[(?P<alt>[^\]\n]+)\])?
    (?:\s*\((?P<ptitle>[^)\n]+)\))?
    (?:\s*,\s*(?P<ctitle>[^,;].*?))?
    \s*$""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Mention:
    """A person named in a list: offsets are absolute in the document text."""

    name: str
    name_start: int
    name_end: int
    start: int
    """Start of the whole name including a leading title."""
    title_span: tuple[int, int] | None = None
    alt_span: tuple[int, int] | None = None
    ptitle_span: tuple[int, int] | None = None
    titles: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    """Fuller forms written in an editorial bracket before the name."""

    def with_title(self, text: str, span: tuple[int, int]) -> Mention:
        """The same mention with a role written apart from it (on its line, after spaces or a comma)."""
        title = " ".join(text[span[0] : span[1]].split())
        return replace(self, ptitle_span=span, titles=(*self.titles, title))


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a list value into items: on semicolons when it has any, else on commas, never inside brackets;
    a value that is one name written surname first ("HADDADIN, Samir") is one item; an item joining two
    names with "and" is two ("B. Král and C. Dvořák")."""
    value = text[start:end]
    if inverted(text, *_strip(text, start, end)) is not None:
        return [_strip(text, start, end)]
    if _top_level(value, ";"):
        items = [part for a, b in _split(text, start, end, ";") for part in _names_after_comma(text, a, b)]
    else:
        items = _split(text, start, end, ",")
    return [part for a, b in items for part in split_and(text, a, b)]


def split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An item naming two people joined by "and" ("Director Rosa Mamani and Counsellor Luis Quispe"), as
    two items; the item itself otherwise."""
    for m in re.finditer(r"\s+and\s+", text[start:end]):
        left, right = (start, start + m.start()), (start + m.end(), end)
        if _plainly_named(text, *left) and _plainly_named(text, *right):
            return [left, right]
    return [(start, end)]


def _plainly_named(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a person by its form: a name with a title before it or an initial
    ("Counsellor Luis Quispe", "B. Král"), no commas; a run of capitalised words alone ("International
    Economic Cooperation") is not."""
    mention = _item(text, start, end) if "," not in text[start:end] else None
    return mention is not None and (
        mention.title_span is not None or bool(re.match(r"[A-Z]\.", mention.name))
    )


def _names_after_comma(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A semicolon item that goes on after a comma with other people ("Ambassador Tadeusz Wrona, First
    Secretary Jerzy Pawlak (Polish Embassy)", "Comrades A. Novák, B. Král and C. Dvořák"): one item each;
    what reads as a title after the comma ("Deputy Director (Ministry of …)") stays with its person."""
    parts = _split(text, start, end, ",")
    out = [parts[0]]
    for a, b in parts[1:]:
        names = split_and(text, a, b)
        mention = _item(text, *names[0])
        titled = any(w.strip("(),.").lower() in TITLE_WORDS or w == "of" for w in text[a:b].split())
        if (
            mention is not None
            and _plainly_named(text, *names[0])
            and (mention.title_span is not None or not titled)
        ):
            out.append((a, b))
        else:
            out[-1] = (out[-1][0], b)
    return out


def _split(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """text[start:end] split at `sep` outside brackets, each part stripped."""
    value = text[start:end]
    items, depth, item_start = [], 0, 0
    for i, ch in enumerate(value):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            items.append((item_start, i))
            item_start = i + 1
    items.append((item_start, len(value)))
    return [_strip(text, start + a, start + b) for a, b in items if value[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    return start, rstrip(text, start, end)


def _top_level(value: str, sep: str) -> bool:
    depth = 0
    for ch in value:
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if ch == sep and depth == 0:
            return True
    return False


FORMS_OF_ADDRESS = frozenset(
    "comrade comrades c. cde. cde com. com comr. mr. mrs. ms. mr mrs ms hon. hon'ble honourable honorable".split()
)
"""Words of address before a name: kept in the text as roleName, not recorded as the person's title."""
_HEAD_TITLES = (
    "ambassador",
    "minister",
    "premier",
    "chairman",
    "secretary",
    "director",
    "president",
    "consul",
)
_NOT_PEOPLE = frozenset(
    "urgent secret immediate priority confidential personal copy copies eyes only".split()
)
"""Words that stand in routing lines beside names but are not names ("To: … NOWAK, URGENT")."""


def is_title(word: str) -> bool:
    """A title word, or a compound ending in one ("SovAmbassador")."""
    low = word.lower()
    return low in TITLE_WORDS or (len(low) > 8 and low.endswith(_HEAD_TITLES))


def parse_mention(text: str, start: int, end: int) -> Mention | None:
    """Read one list item as a person, or None when it does not look like a name."""
    return inverted(text, start, end) or _item(text, start, end) or _titled_of(text, start, end)


_INVERTED = re.compile(
    r"(?P<surname>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?),[ \t]+"
    r"(?P<forenames>[A-Z][\w'’-]*\.?(?:[ \t]+(?:[A-Z][\w'’-]*\.?|de|da|van|von|al|el|bin|ibn))*)"
    r"(?:\s*\((?P<ptitle>[^()\n]+)\))?\s*$"
)
"""A name written surname first in capitals: "HADDADIN, Samir (Prime Minister)", "OKAFOR, J. C."."""


def inverted(text: str, start: int, end: int) -> Mention | None:
    """A list item naming a person surname first ("HADDADIN, Samir"): the name in reading order, the
    written form as a variant; a title word after the comma makes it a name and a title instead."""
    m = _INVERTED.match(text, start, end)
    if m is None or any(is_title(w) for w in m["forenames"].split()) or m["surname"].lower() in _NOT_PEOPLE:
        return None
    forenames, surname = " ".join(m["forenames"].split()), " ".join(m["surname"].split())
    written = " ".join(text[m.start() : m.end("forenames")].split())
    return Mention(
        name=f"{forenames} {surname}",
        name_start=m.start(),
        name_end=m.end("forenames"),
        start=m.start(),
        ptitle_span=m.span("ptitle") if m["ptitle"] else None,
        titles=(" ".join(m["ptitle"].split()),) if m["ptitle"] else (),
        variants=(written,),
    )


def _item(text: str, start: int, end: int) -> Mention | None:
    m = _ITEM.match(text, start, end)
    if m is None:
        return None
    title_words = m["title"].split()
    if any(not is_title(w) for w in title_words):
        return _lowercase_led(text, m)
    name_words = m["name"].split()
    while len(name_words) > 1 and (
        (is_title(name_words[0]) and name_words[0].lower() not in NAME_HONORIFICS)
        or (name_words[0].lower() == "the" and is_title(name_words[1]))
    ):
        name_words.pop(0)
    # "State Secretary Anna Berg": capitalised words up to the last title word are a compound title
    cut = max((i + 1 for i, w in enumerate(name_words[:-1]) if i > 0 and _is_head_title(w)), default=0)
    name_words = name_words[cut:]
    if all(w.lower().strip(".") in _NOT_PEOPLE or is_title(w) for w in name_words):
        return None  # "URGENT", or a title standing alone ("SovAmbassador")
    name_start = m.start("name") + m["name"].index(name_words[0])
    name = " ".join(name_words)
    title_start = m.start("title") if title_words else None
    if title_start is None and name_start > m.start("name"):
        title_start = m.start("name")
    titles = []
    title_span = None
    if title_start is not None:
        title_span = (title_start, rstrip(text, title_start, name_start))
        title = " ".join(text[title_span[0] : title_span[1]].split())
        if title.lower().removeprefix("the ") not in FORMS_OF_ADDRESS:  # "The Hon'ble" is a style
            titles.append(title)
    for group in ("ptitle", "ctitle"):
        if m[group] and m[group].strip().lower() not in _NOT_PEOPLE:
            titles.append(" ".join(m[group].split()))
    variants: tuple[str, ...] = ()
    if m["pre"]:  # "[Foreign Ministry Director General Stanislaw] NOWAK": titles, then a given name
        pre = m["pre"].split()
        cut = max((i + 1 for i, w in enumerate(pre) if is_title(w)), default=0)
        if cut:
            titles.insert(0, " ".join(pre[:cut]))
        if pre[cut:]:
            variants = (" ".join([*pre[cut:], name]),)
    return Mention(
        name=name,
        name_start=name_start,
        name_end=m.end("name"),
        start=m.start("pre") - 1 if m["pre"] else (title_start if title_start is not None else name_start),
        variants=variants,
        title_span=title_span,
        alt_span=m.span("alt") if m["alt"] and is_romanisation(m["alt"]) else None,
        ptitle_span=m.span("ptitle") if m["ptitle"] else (m.span("ctitle") if m["ctitle"] else None),
        titles=tuple(titles),
    )


def _is_head_title(word: str) -> bool:
    """A title word that can close a compound title ("State Secretary"), not an initial or a form of address."""
    return word[:1].isupper() and "." not in word and word.lower() not in FORMS_OF_ADDRESS and is_title(word)


_NOT_NAME_WORDS = frozenset(
    """and or the of for with et by to from on in at as also former acting member members adviser advisor
    interpreter translator delegate head deputy staff""".split()
)
"""Lower-case words that open a list item as a role or a phrase, never as a name whose capital was lost."""


def _lowercase_led(text: str, m: re.Match[str]) -> Mention | None:
    """ "tefan Marin", "von Weber": a name whose first word is in lower case (a copy that dropped the
    capital with its diacritic, or a particle), standing alone in its list item."""
    words = m["title"].split()
    if len(words) != 1 or m["pre"] or m["ptitle"] or m["ctitle"]:
        return None
    word = words[0]
    if not word.isalpha() or not word.islower() or len(word) < 2 or word in _NOT_NAME_WORDS or is_title(word):
        return None
    start = m.start("title")
    return Mention(
        name=" ".join(text[start : m.end("name")].split()),
        name_start=start,
        name_end=m.end("name"),
        start=start,
        alt_span=m.span("alt") if m["alt"] and is_romanisation(m["alt"]) else None,
    )


_TITLE_OF = re.compile(
    r"(?P<title>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*?)"
    r"\s+(?P<name>[A-Z][\w'’.-]*\s+[A-Z][\w'’-]+)\s*$"
)


def _titled_of(text: str, start: int, end: int) -> Mention | None:
    """ "Minister of State Lutz Stavenhagen": a title with "of" before a two-word name."""
    m = _TITLE_OF.match(text, start, end)
    if m is None or not is_title(m["title"].split()[0]):
        return None
    return Mention(
        name=" ".join(m["name"].split()),
        name_start=m.start("name"),
        name_end=m.end("name"),
        start=m.start("title"),
        title_span=m.span("title"),
        titles=(" ".join(m["title"].split()),),
    )


def is_romanisation(alt: str) -> bool:
    """A bracket after a name holds another spelling of it, not an editor's remark ("[sic]")."""
    return alt[:1].isupper() and alt.strip().lower().rstrip("!") not in {"sic", "illegible", "no name given"}


def slug(name: str) -> str:
    """An XML-safe id from a name: transliterated to ASCII, lower case, hyphens ("Ri Il-gyeong" ->
    "ri-il-gyeong", "Łódź" -> "lodz", "日本" -> "riben")."""
    ascii_name = anyascii(name)
    s = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return s if s and not s[0].isdigit() else f"p-{s}"


_STAFF: frozenset[Role] = frozenset({"interpreter", "recorder"})


@dataclass
class _Entry:
    id: str
    name: str
    variants: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    roles: tuple[Role, ...] = ("participant",)
    side: str | None = None


class PersonIndex:
    """The persons of one document, in order of first mention, with unique ids."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []

    def add(
        self,
        name: str,
        *,
        roles: tuple[Role, ...] = ("participant",),
        side: str | None = None,
        titles: tuple[str, ...] = (),
        variants: tuple[str, ...] = (),
    ) -> str:
        """Add a person (or enrich the one with that name) and return the id.

        :param roles: the roles of a person new to the index; a known person keeps the roles first given
            and gains a staff role listed later ("Documentation: X" after X in a side's list).
        """
        entry = self._by_name(name)
        if entry is None:
            base = slug(name)
            ident, n = base, 2
            while any(e.id == ident for e in self._entries):
                ident, n = f"{base}-{n}", n + 1
            entry = _Entry(ident, name, roles=roles, side=side)
            self._entries.append(entry)
        entry.roles = (*entry.roles, *(r for r in roles if r in _STAFF and r not in entry.roles))
        for value, bucket in ((titles, entry.titles), (variants, entry.variants)):
            bucket.extend(v for v in value if v not in bucket and v != entry.name)
        return entry.id

    def _by_name(self, name: str) -> _Entry | None:
        key = name.casefold()
        return next((e for e in self._entries if e.name.casefold() == key), None)

    def find(self, name: str, title: str | None = None, side: str | None = None) -> str | None:
        """The id of the one person `name` denotes: full name, variant, or surname (narrowed by title,
        then by the side the label names: "South (PARK)")."""
        key = name.casefold()
        exact = [e for e in self._entries if key in {e.name.casefold(), *(v.casefold() for v in e.variants)}]
        if len(exact) > 1 and side is not None:
            exact = [e for e in exact if _on_side(e, side)] or exact
        if len(exact) == 1:
            return exact[0].id
        if not exact and (romanised := self.find_romanised(name)):
            return romanised
        by_part = [e for e in self._entries if key in {w.casefold() for w in re.split(r"[\s]+", e.name)}]
        if title is not None and len(by_part) > 1:
            t = title.casefold()
            by_part = [e for e in by_part if any(t == x.casefold() for x in e.titles)]
        if side is not None and len(by_part) > 1:
            by_part = [e for e in by_part if _on_side(e, side)]
        return by_part[0].id if len(by_part) == 1 else None

    def find_romanised(self, name: str) -> str | None:
        """The one person whose name or a variant is `name` in another romanisation ("Chou En-lai" for
        "Zhou Enlai", "Kim Il-sung" for "Kim Il Sung"), or None when none or several are."""
        wanted = romanisation.keys(name)
        if not wanted:
            return None
        hits = [e for e in self._entries if any(wanted & romanisation.keys(f) for f in (e.name, *e.variants))]
        return hits[0].id if len(hits) == 1 else None

    def add_form(self, ident: str, form: str) -> None:
        """Record another written form of a person's full name (a second romanisation)."""
        entry = self.get(ident)
        if " " in form and form.casefold() not in {f.casefold() for f in (entry.name, *entry.variants)}:
            entry.variants.append(form)

    def find_by_title(self, title: str) -> str | None:
        """The one person holding `title` ("Premier"), or None when none or several do. A listed title
        holds it when it reads the same, or when its head does: "Chairman of the Association" and
        "First Secretary of the Provincial Committee" hold "Chairman" and "Secretary", but "Vice Premier"
        does not hold "Premier"."""
        t = " ".join(title.casefold().split())
        holders = [e for e in self._entries if any(x.casefold() == t for x in e.titles)]
        if not holders:
            holders = [e for e in self._entries if any(_holds(x, t) for x in e.titles)]
        return holders[0].id if len(holders) == 1 else None

    def get(self, ident: str) -> _Entry:
        return next(e for e in self._entries if e.id == ident)

    def rename(self, ident: str, name: str) -> None:
        """Give a person a fuller name (e.g. from a bracketed completion), keeping the old one as a variant."""
        entry = self.get(ident)
        if entry.name != name:
            entry.variants.insert(0, entry.name)
            entry.name = name

    def side_of(self, label_pattern: str) -> str | None:
        """The first side label that matches a regular expression."""
        rx = re.compile(label_pattern, re.IGNORECASE)
        return next((e.side for e in self._entries if e.side and rx.search(e.side)), None)

    def persons(self) -> tuple[Person, ...]:
        return tuple(
            Person(
                id=e.id,
                name=e.name,
                variants=tuple(e.variants),
                titles=tuple(e.titles),
                roles=e.roles,
                side=e.side,
            )
            for e in self._entries
        )


def _on_side(entry: _Entry, side: str) -> bool:
    """Whether a person was listed under the side a label names ("North" for the side "North")."""
    return entry.side is not None and side.casefold() in re.findall(r"[\w-]+", entry.side.casefold())


_LOWER_RANKS = frozenset("vice deputy assistant under associate junior second third sub acting".split())
"""Words that make a title a different, lower office: a "Vice Premier" is not "the Premier"."""


def _holds(listed: str, title: str) -> bool:
    """Whether a listed title ("Chairman of the Union, Delegation Leader") holds a short one."""
    for piece in listed.split(","):
        head = re.split(r"\s+(?:of|for|to|at|in)\s+|\s*\(", piece.strip(), maxsplit=1)[0].casefold()
        words = head.split()
        if head == title or (
            head.endswith(" " + title) and not _LOWER_RANKS & set(words[: -len(title.split())])
        ):
            return True
    return False


def mention_inlines(text: str, mention: Mention, ident: str) -> list[Inline]:
    """persName (with roleName inside) for the name, a variant persName in the brackets, roleName in parentheses."""
    ref = (("ref", f"#{ident}"),)
    out = [Inline(start=mention.start, end=mention.name_end, tag="persName", attrs=ref)]
    if mention.title_span:
        out.append(Inline(start=mention.title_span[0], end=mention.title_span[1], tag="roleName"))
    if mention.alt_span:
        out.append(
            Inline(
                start=mention.alt_span[0],
                end=mention.alt_span[1],
                tag="persName",
                attrs=(("ref", f"#{ident}"), ("type", "variant")),
            )
        )
    if mention.ptitle_span:
        out.append(Inline(start=mention.ptitle_span[0], end=mention.ptitle_span[1], tag="roleName"))
    return out
