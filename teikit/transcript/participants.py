"""Participant groups: the people a field lists ("Korean side: Kim Il, Vice Premier; Pak Song-chol"),
split at side headings, one person an item, each added to the document's participants."""

from __future__ import annotations

import re
from collections.abc import Callable

from teikit import gazetteer
from teikit.model import Inline, Role, Span
from teikit.transcript.base import Note
from teikit.transcript.blocks import LIST_ITEM, lines, rstrip, trim
from teikit.transcript.people import PersonIndex, is_title, mention_inlines, parse_mention, split_items

_SIDE_PREFIX = re.compile(
    r"(?P<side>(?:on the |from (?:the )?)?[\[\]\w' -]{1,40}?(?:side|delegation|party)|"
    r"from [A-Z][\w' -]{1,30}):\s*",
    re.IGNORECASE,
)
_ROLE_NOTE = re.compile(r"\s*\((?P<role>note-?taker|recorder|interpreter|translator)\)$", re.IGNORECASE)
_SIDE_WORDS = frozenset("side sides delegation delegations party".split())
_COMPASS = frozenset("north south east west".split())


def read_people(
    text: str,
    value: Span,
    roles: tuple[Role, ...],
    side: str | None,
    persons: PersonIndex,
    places: Callable[[Span], list[Inline]],
) -> tuple[list[Inline], list[Note]]:
    """The people a field value lists, added to `persons`: their marks, and notes on items not read as people.

    :param roles: what the people listed do (the roles the field's label names).

    :param side: the side the field's label names, if any; side headings inside the value override it.
    :param places: marks a routing item that names a place ("From: OTTAWA") instead of a person.
    """
    out: list[Inline] = []
    notes: list[Note] = []
    routing = bool({"sender", "addressee"} & set(roles))
    for seg_start, seg_end, seg_side in _side_segments(text, value, side):
        per_line = _one_per_line(text, seg_start, seg_end)
        items = (
            per_line
            if per_line is not None
            else [(a, b, None) for a, b in split_items(text, seg_start, seg_end)]
        )
        last_id: str | None = None
        routed = False
        for a, b, title in items:
            b = item_end(text, a, b)
            if _is_placeholder(text[a:b]):  # "N.N., adviser", "signee": someone left unnamed
                last_id = None
                continue
            if routing and _names_a_place(text, a, b):
                out.extend(places(Span(start=a, end=b)))  # "From: OTTAWA": a post, not a person
                routed = True
                continue
            single = routing and (last_id is not None or routed)
            mention = None if single else parse_mention(text, a, b)
            if mention is not None and title is not None:
                mention = mention.with_title(text, title)
            if mention is None:
                last_id = _title_continuation(text, a, b, last_id, persons, out, notes, quiet=single)
                continue
            alt = (
                " ".join(text[mention.alt_span[0] : mention.alt_span[1]].split())
                if mention.alt_span
                else None
            )
            person_roles, titles = _roles_in_titles(roles, mention.titles)
            last_id = persons.add(
                mention.name,
                roles=person_roles,
                side=seg_side,
                titles=titles,
                variants=(*mention.variants, *((alt,) if alt else ())),
            )
            out.extend(mention_inlines(text, mention, last_id))
    return out, notes


def _side_segments(text: str, value: Span, side: str | None) -> list[tuple[int, int, str | None]]:
    """Split a participants value at side headings ("Korean side:" at the start of a line or after a
    semicolon, a bare "[North] Korea", "North" or "US Side" line)."""
    segments: list[tuple[int, int, str | None]] = []
    current_side, seg_start = side, value.start
    lns = lines(text, value)
    heads: list[tuple[int, int, str]] = []  # (start, end of the heading, side)
    for i, ln in enumerate(lns):
        line = text[ln.start : ln.end]
        if i + 1 < len(lns) and is_side_heading(text, ln.start, ln.end):
            heads.append((ln.start, ln.end, line))
            continue
        for m in _SIDE_PREFIX.finditer(line):
            if m.start() == 0 or line[: m.start()].rstrip().endswith(";"):
                heads.append((ln.start + m.start(), ln.start + m.end(), m["side"]))
    for start, end, label in heads:
        if start > seg_start:
            segments.append((seg_start, _before_semicolon(text, seg_start, start), current_side))
        current_side = " ".join(label.split())
        seg_start = end
    segments.append((seg_start, value.end, current_side))
    return [(a, b, s) for a, b, s in segments if text[a:b].strip()]


def _title_continuation(
    text: str,
    a: int,
    b: int,
    last_id: str | None,
    persons: PersonIndex,
    out: list[Inline],
    notes: list[Note],
    *,
    quiet: bool = False,
) -> str | None:
    """An item that is not a name ("the General Secretary of …", "Minister of Foreign Affairs") continues
    the previous person's titles; a routing line's later items (a city, URGENT) are left as they are."""
    item = text[a:b]
    titled = item[:1].islower() or item.startswith("the ") or is_title(item.split()[0])
    if last_id is None or not titled or item.startswith(("and ", "et al")):
        placeholder = item.startswith("[") and item.endswith("]")
        if (
            item.strip()
            and not quiet
            and not placeholder
            and not item.startswith(("et al", "and all", "all "))
            and item.strip().lower() not in {"urgent", "secret", "immediate", "priority"}
        ):
            notes.append(Note(a, "unparsed-participant", f"not read as a person: {item.strip()[:40]!r}"))
        return last_id
    entry = persons.get(last_id)
    persons.add(entry.name, titles=(" ".join(item.split()),))
    out.append(Inline(start=a, end=b, tag="roleName"))
    return last_id


def _roles_in_titles(
    roles: tuple[Role, ...], titles: tuple[str, ...]
) -> tuple[tuple[Role, ...], tuple[str, ...]]:
    """ "J. Doe, NSC Staff (notetaker)": a participant whose title notes the task of recording or
    interpreting has that role, and the note leaves the title."""
    if roles != ("participant",):
        return roles, titles
    out = []
    for title in titles:
        m = _ROLE_NOTE.search(title)
        if m is not None:
            roles = ("interpreter",) if m["role"].lower() in {"interpreter", "translator"} else ("recorder",)
            title = title[: m.start()]
        if title.strip():
            out.append(title.strip())
    return roles, tuple(out)


def item_end(text: str, start: int, end: int) -> int:
    """The end of a list item without a closing "et al.", a flattened footnote number or the full stop
    that ends the list ("Ana Lis et al.", "NOWAK 1", "Ion Marin."); an initial keeps its point
    ("Gromyko A.A.")."""
    m = re.search(r"\s*,?\s+et\s+al\.?$", text[start:end])
    if m is not None:
        end = start + m.start()
    m = re.search(r"(?<=[^\W\d])\s+\d{1,2}$", text[start:end])
    if m is not None:  # "WINIEWICZ 1": a footnote number flattened onto the line; no name ends in one
        end = start + m.start()
    words = text[start:end].split()
    if (
        words
        and words[-1].endswith(".")
        and sum(c.isalpha() for c in words[-1]) >= 3
        and words[-1].count(".") == 1
    ):
        end -= 1
    return rstrip(text, start, end)


def _is_placeholder(item: str) -> bool:
    """ "N.N., adviser", "signee": a list item that stands for someone the document does not name."""
    first = item.split(",")[0].strip().casefold()
    return first in {
        "n.n.",
        "n. n.",
        "nn",
        "n.n",
        "signee",
        "the signee",
        "undersigned",
        "the undersigned",
        "signatory",
    }


def _names_a_place(text: str, start: int, end: int) -> bool:
    """Whether a routing item is wholly the name of a place ("OTTAWA", "Hanoi")."""
    return any((a, b) == (start, end) for a, b, _ in gazetteer.find_places(text, start, end))


def _before_semicolon(text: str, start: int, end: int) -> int:
    """The end of a side's names before the next side heading, without the semicolon between them."""
    end = rstrip(text, start, end)
    return rstrip(text, start, end - 1) if end > start and text[end - 1] == ";" else end


def is_side_heading(text: str, start: int, end: int) -> bool:
    """A bare line above a side's names: "[North] Korea", "Vietnam", "North", "US Side"."""
    line = text[start:end]
    words = line.replace("[", "").replace("]", "").split()
    if not words or len(words) > 3 or "," in line or ";" in line or LIST_ITEM.match(line):
        return False
    if words[-1].lower() in _SIDE_WORDS or (len(words) == 1 and words[0].lower() in _COMPASS):
        return True
    return parse_mention(text, start, end) is None or names_a_country(line)


def names_a_country(line: str) -> bool:
    """ "Albania", "[North] Vietnam": a line that is (or ends in) the name of a country."""
    words = line.replace("[", "").replace("]", "").split()
    return any(
        (place := gazetteer.lookup(" ".join(words[i:]))) is not None and place.kind == "country"
        for i in range(len(words))
    )


def _one_per_line(text: str, start: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]] | None:
    """Items of a list written one person a line (bullets, or a name and a role apart by spaces):
    (start, end) of the name and the span of the role after it."""
    lns = lines(text, Span(start=start, end=end))
    if len(lns) < 2 and not (lns and text[lns[0].start] in "-•*–▪◦"):
        return None  # one line is a list only when bulleted ("Our Side" ⏎ "• Li Wen, Vice Premier")
    if not any(LIST_ITEM.match(text, ln.start, ln.end) or "  " in text[ln.start : ln.end] for ln in lns):
        # "Tran Van A (Vice Premier)" ⏎ "Le B (…)": a name a line, each with its title in parentheses
        if any(
            "," in text[ln.start : ln.end]
            or ";" in text[ln.start : ln.end]
            or parse_mention(text, ln.start, ln.end) is None
            for ln in lns
        ):
            return None
        return [(ln.start, ln.end, None) for ln in lns]
    items: list[tuple[int, int, tuple[int, int] | None]] = []
    for ln in lns:
        m = LIST_ITEM.match(text, ln.start, ln.end)
        a = trim(text, m.end() if m else ln.start, ln.end).start
        line = text[a : ln.end]
        gap = re.search(r"\s{2,}|,\s", line)
        if gap:
            items.append((a, a + gap.start(), (a + gap.end(), ln.end)))
        else:
            items.append((a, ln.end, None))
    return items
