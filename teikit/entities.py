"""Entities in running text, as spans: persons, places, organisations, dates and quantities.

Pure (no lxml, no files): the same recognisers the converter runs, offered for any text. Overlapping
proposals are resolved by the converter's one set of rules (teikit.transcript.overlaps): spans nest
but never cross.
"""

from __future__ import annotations

from teikit import dates, gazetteer, measures
from teikit.model import Inline, Record
from teikit.transcript import mentions, orgs, overlaps
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
    for d in dates.find_dates(text, anchor=anchor):
        proposed.append(Inline(start=d.start, end=d.end, tag="date", attrs=d.attrs))
    dated = [(i.start, i.end) for i in proposed if i.tag == "date"]
    for q in measures.find_measures(text):
        if not any(a < q.end and q.start < b for a, b in dated):
            proposed.append(Inline(start=q.start, end=q.end, tag="measure",
                                   attrs=q.attrs + q.range_attrs))
    kept, _ = overlaps.resolve(proposed)
    return sorted((EntitySpan(start=i.start, end=i.end, kind=_KINDS[i.tag], attrs=i.attrs) for i in kept),
                  key=lambda e: (e.start, -e.end))
