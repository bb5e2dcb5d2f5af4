"""Entities in running text, as spans: persons, places, organisations, dates and quantities.

Pure (no lxml, no files): the same recognisers the converter runs, offered for any text. Overlapping
proposals are resolved by the converter's one set of rules (teikit.transcript.overlaps): spans nest
but never cross.
"""

from __future__ import annotations

from teikit import gazetteer
from teikit.model import Inline, Record
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


def find_entities(text: str, *, anchor: str | None = None, known: PersonIndex | None = None) -> list[EntitySpan]:
    """Every entity in `text`, in order.

    :param anchor: the document's date (ISO), for relative dates ("next year").
    :param known: the document's participants; people it names resolve to them (`#id`), anyone else
        named with a title gets a `per:` pointer.
    """
    persons = known or PersonIndex()
    proposed: list[Inline] = [i for i in mentions.find_mentions(text, 0, len(text), persons, PersonIndex())
                              if i.tag == "persName"]
    names = list(proposed)
    for a, b, place in gazetteer.find_places(text, 0, len(text)):
        if not any(n.start < b and a < n.end for n in names):
            proposed.append(Inline(start=a, end=b, tag="placeName", attrs=(("ref", f"pla:{place.id}"),)))
    for a, b, name in orgs.find_orgs(text, 0, len(text)):
        proposed.append(Inline(start=a, end=b, tag="orgName", attrs=(("ref", f"org:{slug(name)}"),)))
    proposed += inline.dates_and_measures(text, 0, len(text), anchor=anchor)[0]
    kept, _ = overlaps.resolve(proposed)
    ranges = {i.start: i.attrs for i in kept if i.tag == "num"}  # a range's bounds, on the measure's span
    return sorted((EntitySpan(start=i.start, end=i.end, kind=_KINDS[i.tag],
                              attrs=i.attrs + (ranges.get(i.start, ()) if i.tag == "measure" else ()))
                   for i in kept if i.tag in _KINDS), key=lambda e: (e.start, -e.end))
