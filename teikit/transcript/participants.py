"""Participant groups: the people a field lists ("Korean side: Kim Il, Vice Premier; Pak Song-chol"),
split at side headings, one person an item, each added to the document's participants."""

from __future__ import annotations

import re
from collections.abc import Callable

from teikit import gazetteer
from teikit.model import Inline, Role, Span
from teikit.transcript.base import Note
from teikit.transcript.blocks import LIST_ITEM, lines, rstrip, trim
from teikit.transcript.people import (
    PersonIndex,
    inverted,
    is_title,
    mention_inlines,
    parse_mention,
    split_items,
)

_SIDE_PREFIX = re.compile(
    r"(?P<side>(?:on the |from (?:the )?)?[\[\]\w' -]{1,40}?(?:side|delegation|party)|"
    r"from [A-Z][\w' -]{1,30}):\s*",
    re.IGNORECASE,
)
_ROLE_NOTE = re.compile(
    r"(?:^|\s*\()(?P<role>note-?taker|recorder|interpreter|translator)(?:\)|$)$", re.IGNORECASE
)
_GROUP_LABEL = re.compile(r"[a-z][a-z ]{2,25}:\s+")
"""A group named in lower case inside a list ("…; invited: Comrade D. Horák"): not part of the name."""
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
            if (group := _GROUP_LABEL.match(text, a, b)) is not None:  # "invited: Comrade D. Horák"
                a = group.end()
            b = item_end(text, a, b)
            if _is_placeholder(text[a:b]):  # "N.N., adviser", "signee": someone left unnamed
                last_id = None
                continue
            if routing and _names_a_place(text, a, b):
                out.extend(places(Span(start=a, end=b)))  # "From: OTTAWA": a post, not a person
                routed = True
                continue
            single = routing and (last_id is not None or routed)
            item_side = seg_side
            if not single and (led := _country_led(text, a, b)) is not None:
                a, item_side = led  # "Argentina Mr. Carlos Ruda": the country the person sits for
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
            known = persons.find(mention.name) if " " not in mention.name else None  # "Chairing: Novák"
            last_id = persons.add(
                persons.get(known).name if known else mention.name,
                roles=person_roles,
                side=item_side,
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
            heads.append((ln.start, ln.end, line.rstrip().rstrip(":")))
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


def _country_led(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where the person begins in an item led by the country they sit for ("Argentina Mr. Carlos Ruda",
    "United Kingdom Sir Ivor Richard"), and the country; None when the item is not so led."""
    for m in re.finditer(r"\s+(?=\S)", text[start:end]):
        word = text[start + m.end() : end].split()[0]
        if is_title(word) or word.lower() in {"mr.", "mrs.", "ms.", "sir", "dr."}:
            country = text[start : start + m.start()]
            return (
                (start + m.end(), country) if names_a_country(country) and len(country.split()) <= 4 else None
            )
    return None


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
    line = text[start:end].rstrip(":")
    words = line.replace("[", "").replace("]", "").split()
    if not words or len(words) > 3 or "," in line or ";" in line or LIST_ITEM.match(line):
        return False
    if words[-1].lower() in _SIDE_WORDS or (len(words) == 1 and words[0].lower() in _COMPASS):
        return True
    return parse_mention(text, start, end) is None or names_a_country(line)


def names_a_side(line: str) -> bool:
    """A heading that says it names a side: "Soviet delegation", "US Side", "The Egyptian party"."""
    words = line.replace("[", "").replace("]", "").rstrip(":").split()
    return bool(words) and words[-1].lower() in _SIDE_WORDS


def one_per_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lists one person a line (see `read_people`)."""
    return _one_per_line(text, start, end) is not None


def names_a_country(line: str) -> bool:
    """ "Albania", "[North] Vietnam": a line that is (or ends in) the name of a country."""
    words = line.replace("[", "").replace("]", "").split()
    return any(
        (place := gazetteer.lookup(" ".join(words[i:]))) is not None and place.kind == "country"
        for i in range(len(words))
    )


def _name_and_title(text: str, ln: Span) -> tuple[int, int, tuple[int, int] | None] | None:
    """A line naming one person: the name alone, surname first ("HADDADIN, Samir"), or a name and after a
    comma or a dash what it is ("Mr. Joseph Banda, Permanent Secretary", "A. A. Petrov — Deputy Minister");
    None when the line does not open with a name."""
    gap = re.search(r",\s|\s[–—-]\s", text[ln.start : ln.end])
    if gap is None or inverted(text, ln.start, ln.end) is not None:
        return (ln.start, ln.end, None) if parse_mention(text, ln.start, ln.end) is not None else None
    if parse_mention(text, ln.start, ln.start + gap.start()) is None:
        return None
    return (ln.start, ln.start + gap.start(), (ln.start + gap.end(), ln.end))


def _titled(text: str, start: int, end: int) -> bool:
    """Whether words after a name read as a title (a title word, an "of", a word in lower case), not as
    a second name ("Ali Sabri, Omar Fathi")."""
    words = [w.strip(",.;:()") for w in text[start:end].split()]
    return any(is_title(w) or w == "of" or w[:1].islower() for w in words if w)


def _one_per_line(text: str, start: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]] | None:
    """Items of a list written one person a line (bullets, or a name and a role apart by spaces):
    (start, end) of the name and the span of the role after it."""
    lns = lines(text, Span(start=start, end=end))
    if len(lns) < 2 and not (
        lns and (text[lns[0].start] in "-•*–▪◦" or re.search(r"\s[–—]\s", text[lns[0].start : lns[0].end]))
    ):
        return None  # one line is a list only when bulleted ("Our Side" ⏎ "• Li Wen, Vice Premier")
    if not any(LIST_ITEM.match(text, ln.start, ln.end) or "  " in text[ln.start : ln.end] for ln in lns):
        # "Tran Van A (Vice Premier)" ⏎ "Le B (…)": a name a line, each with its title in parentheses or
        # after a comma
        found = [_name_and_title(text, ln) if ";" not in text[ln.start : ln.end] else None for ln in lns]
        tails = [f[2] for f in found if f is not None and f[2] is not None]
        if any(f is None for f in found) or 2 * sum(_titled(text, *t) for t in tails) < len(tails):
            return None
        return [f for f in found if f is not None]
    items: list[tuple[int, int, tuple[int, int] | None]] = []
    for ln in lns:
        m = LIST_ITEM.match(text, ln.start, ln.end)
        if m is not None and re.fullmatch(r"[IVX]\.\s+[A-Z]\.", text[ln.start : m.end() + 3]):
            m = None  # "V. I. Orlova": initials, not a Roman numeral
        a = trim(text, m.end() if m else ln.start, ln.end).start
        line = text[a : ln.end]
        gap = (
            re.search(r"\s{2,}|\s[–—-]\s", line)
            if inverted(text, a, ln.end)
            else re.search(r"\s{2,}|,\s|\s[–—-]\s", line)
        )
        if gap:
            items.append((a, a + gap.start(), (a + gap.end(), ln.end)))
        else:
            items.append((a, ln.end, None))
    return items


_PRESENT = re.compile(
    r"(?:(?:Also|Further|Others|Those)\s+)?(?:[Pp]resent|[Aa]ttending|[Pp]articipating|[Tt]aking part|"
    r"[Ii]n attendance)(?:\s+(?:at|in)\s+(?:the\s+)?(?:talks?|conversation|meeting|session|discussions?))?"
    r"(?P<side>\s+(?:on|from|for)\s+(?:the\s+)?[^.,;:\n]{1,40}?(?:\s+side|\s+delegation)?)?"
    r"\s*(?:were|was|included|:)\s*:?\s+"
    r"|(?P<side2>[Tt]he\s+[^.,;:\n]{1,40}?\s+(?:side|delegation))\s+(?:was|were)\s+"
    r"(?:represented\s+by|composed\s+of|made\s+up\s+of|led\s+by|headed\s+by)\s+"
    r"|(?:[Tt]he\s+(?:talks?|conversation|meeting|session|discussions?)\s+(?:was|were)\s+(?:also\s+)?"
    r"attended\s+by)\s+"
)
"""A sentence that lists who was present: "Present on the Bolivian side were …", "Also present: …",
"The Czechoslovak side was represented by …"."""
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Ing|Gen|Col|Lt|Amb|St|Sr|Jr|Hon|Rev|Cde|Com))$")
"""A word before a full stop that is an initial or an abbreviated title, not the end of a sentence."""


def present_lists(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """The lists of people that sentences of text[start:end] say were present: (start, end, side)."""
    out = []
    for m in _PRESENT.finditer(text, start, end):
        if m.start() > start and not re.search(r"(?:^|[.;:!?])\s*$", text[start : m.start()]):
            continue  # the sentence must open with it
        side = (m["side"] or m["side2"] or "").strip()
        side = re.sub(r"^(?:(?:on|from|for)\s+)?(?:the\s+)?", "", side, flags=re.IGNORECASE)
        stop = m.end()
        while stop < end:
            dot = text.find(".", stop, end)
            if dot < 0:
                stop = end
                break
            stop = dot + 1
            if not _ABBREVIATED.search(text, m.end(), dot) and (stop == end or text[stop].isspace()):
                stop = dot
                break
        out.append((m.end(), rstrip(text, m.end(), stop), side or None))
    return out


_SEGMENT_SIDE = re.compile(
    r"(?:from|on|for)\s+(?:the\s+)?(?P<side>[^,:;\n]{1,40}?\s+(?:side|delegation))\s*[,:]\s*", re.IGNORECASE
)
"""A side opening one part of a listing sentence: "from the Soviet side, …; from the Ghanaian side, …"."""
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+$")


def present_items(text: str, start: int, end: int, side: str | None) -> list[tuple[int, int, str | None]]:
    """The people of a listing sentence, one item each with its side: split as a field's value is, after
    a side that opens a part ("from the Soviet side, …"), without a description before a name ("his
    deputy Fatou Diop") and without "and by the undersigned" after one."""
    items: list[tuple[int, int, str | None]] = []
    for a, b in split_items(text, start, end):
        if (m := _SEGMENT_SIDE.match(text, a, b)) is not None:
            side, a = m["side"], m.end()
        if (tail := re.search(r"\s+and\s+(?:by\s+)?(?:the\s+undersigned|myself|me)$", text[a:b])) is not None:
            b = a + tail.start()
        parts = [(a, b)]
        for m in re.finditer(r"\s+and\s+", text[a:b]):  # "the adviser Jorge Paz and Director Ana Ríos"
            left, right = (a, a + m.start()), (a + m.end(), b)
            if _person(text, *left) is not None and _person(text, *right) is not None:
                parts = [left, right]
                break
        for x, y in parts:
            if (found := _person(text, x, y)) is not None:
                items.append((found, y, side))
    return items


def _person(text: str, start: int, end: int) -> int | None:
    """Where the person an item of a sentence names begins: the item itself, or the name after a
    description in lower case ("the adviser Idrissa Keita"); None when it names nobody."""
    if text[start:end].strip() and parse_mention(text, start, end) is not None:
        return start
    if text[start : start + 1].islower() and (m := _NAME_RUN.search(text, start, end)) is not None:
        return m.start() if parse_mention(text, m.start(), end) is not None else None
    return None
