"""The corpus registers (DESIGN.md §5): one entry per real person across the corpus, with a stable id,
every form of the name seen, titles, and the documents that attest them. Pure: no files, no lxml.

Entries that teikit proposes are marked as such; an editor curates one by taking the mark away, and
teikit never rewrites a curated entry: what a new document would add to it goes to the review report.
"""

from __future__ import annotations

from collections.abc import Iterable

from teikit.model import Record


class Entry(Record):
    """One person or place of a register."""

    id: str
    """Stable id: the slug of the name it was first proposed under."""
    name: str
    variants: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    attested: tuple[str, ...] = ()
    """Ids of the documents that mention the person."""
    proposed: bool = True
    """True while teikit may update the entry; False once an editor has curated it."""
    geonames: int | None = None
    """Places: the GeoNames id, from the offline gazetteer."""
    iso: str | None = None
    """Countries: the ISO 3166 code."""
    latitude: float | None = None
    longitude: float | None = None


class Proposal(Record):
    """A person or place a document names, as the converter read it."""

    id: str
    name: str
    variants: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    document: str
    geonames: int | None = None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def merge(entries: Iterable[Entry], proposals: Iterable[Proposal]) -> tuple[list[Entry], list[str]]:
    """The register with the proposals merged in, and one message per change a curated entry would need.

    A proposal joins the entry with its id or with one of its names; otherwise it becomes a new entry.
    """
    register = {e.id: e for e in entries}
    by_form = {form.casefold(): e.id for e in register.values() for form in (e.name, *e.variants)}
    messages: list[str] = []
    for p in proposals:
        ident = p.id if p.id in register else next(
            (by_form[f.casefold()] for f in (p.name, *p.variants) if f.casefold() in by_form), None)
        if ident is None:
            register[p.id] = Entry(id=p.id, name=p.name, variants=p.variants, titles=p.titles, attested=(p.document,),
                                   geonames=p.geonames, iso=p.iso, latitude=p.latitude, longitude=p.longitude)
            by_form.update({f.casefold(): p.id for f in (p.name, *p.variants)})
            continue
        entry = register[ident]
        new_forms = tuple(f for f in (p.name, *p.variants) if f.casefold() not in {x.casefold() for x in (entry.name, *entry.variants)})
        new_titles = tuple(t for t in p.titles if t not in entry.titles)
        if not entry.proposed:
            if new_forms or new_titles or p.document not in entry.attested:
                messages.append(f"{entry.id} (curated): {p.document} adds "
                                f"{', '.join(repr(x) for x in (*new_forms, *new_titles)) or 'an attestation'}")
            continue
        register[ident] = entry.model_copy(update={
            "variants": entry.variants + new_forms,
            "titles": entry.titles + new_titles,
            "attested": tuple(sorted({*entry.attested, p.document})),
        })
    return sorted(register.values(), key=lambda e: e.id), messages
