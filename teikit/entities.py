"""Entities in running text, as spans: persons, places, organisations, dates and quantities.

Pure (no lxml, no files): the same recognisers the converter runs, offered for any text. Overlapping
proposals are resolved by the converter's one set of rules (teikit.transcript.overlaps): spans nest
but never cross.
"""

from __future__ import annotations

from collections.abc import Iterable

from teikit import gazetteer
from teikit.model import Inline, Record
from teikit.registers import Entry
from teikit.transcript import inline, mentions, orgs, overlaps
from teikit.transcript.people import PersonIndex, slug

__all__ = ["EntitySpan", "find_entities"]

_KINDS = {"persName": "person", "placeName": "place", "orgName": "org", "date": "date", "measure": "measure"}


class EntitySpan(Record):
    """One entity: `text[start:end]`, its kind and its TEI attributes (pointer, @when, @quantity…)."""

    start: int
    end: int
    kind: str
    """person, place, org, date or measure."""
    attrs: tuple[tuple[str, str], ...] = ()


def find_entities(
    text: str,
    *,
    anchor: str | None = None,
    known: PersonIndex | None = None,
    orgs_register: Iterable[Entry] = (),
) -> list[EntitySpan]:
    """Every entity in `text`, in order.

    :param anchor: the document's date (ISO), for relative dates ("next year").
    :param known: the document's participants; people it names resolve to them (`#id`), anyone else
        named with a title gets a `per:` pointer.
    :param orgs_register: the organisations register: the acronyms among its names ("NKIDP") are found
        wherever they stand alone, and point at their entry.
    """
    persons = known or PersonIndex()
    named = mentions.find_mentions(text, 0, len(text), persons, PersonIndex())
    proposed: list[Inline] = [i for i in named if i.tag == "persName"]
    names = list(proposed)
    roles = [i for i in named if i.tag == "roleName"]
    for a, b, place in gazetteer.find_places(text, 0, len(text)):
        inside = place.kind == "building"  # named after someone: "Kim Il Sung Square"
        if not any(n.start < b and a < n.end and not (inside and a <= n.start and n.end <= b) for n in names):
            proposed.append(Inline(start=a, end=b, tag="placeName", attrs=(("ref", f"pla:{place.id}"),)))
    entries = list(orgs_register)
    acronyms = {form: e.name for e in entries for form in (e.name, *e.variants) if orgs.is_acronym(form)}
    ids = {e.name: e.id for e in entries}
    found = orgs.find_orgs(text, 0, len(text), acronyms)
    people = {name for a, b, name in found if not orgs.outside_names(a, b, [*names, *roles])}
    for a, b, name in found:
        if name not in people:
            proposed.append(
                Inline(start=a, end=b, tag="orgName", attrs=(("ref", f"org:{ids.get(name, slug(name))}"),))
            )
    proposed += inline.dates_and_measures(text, 0, len(text), anchor=anchor)[0]
    kept, _ = overlaps.resolve(proposed)
    ranges = {i.start: i.attrs for i in kept if i.tag == "num"}  # a range's bounds, on the measure's span
    return sorted(
        (
            EntitySpan(
                start=i.start,
                end=i.end,
                kind=_KINDS[i.tag],
                attrs=i.attrs + (ranges.get(i.start, ()) if i.tag == "measure" else ()),
            )
            for i in kept
            if i.tag in _KINDS
        ),
        key=lambda e: (e.start, -e.end),
    )
