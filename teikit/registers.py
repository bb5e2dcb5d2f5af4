"""The corpus registers (DESIGN.md §5): one entry per real person across the corpus, with a stable id,
every form of the name seen, titles, and the documents that attest them. Pure: no files, no lxml.

Entries that teikit proposes are marked as such; an editor curates one by taking the mark away, and
teikit never rewrites a curated entry: what a new document would add to it goes to the review report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from teikit import romanisation
from teikit.model import Record


class Entry(Record):
    """One person or place of a register."""

    id: str
    """Stable id: the slug of the name it was first proposed under."""
    name: str
    variants: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    title_sources: tuple[tuple[str, str], ...] = ()
    """(title, document id) pairs: which documents attest each title."""
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
    kind: str | None = None
    """Places: country, city or building."""
    within: str | None = None
    """Places: the id of the place this one is part of ("Zhejiang Hall" of "Great Hall of the People")."""
    same_as: str | None = None
    """The entry this id stands for: a document's pointer, kept when its proposal joined an entry with
    another id (another romanisation of the name)."""


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
    kind: str | None = None
    within: str | None = None


def merge(
    entries: Iterable[Entry], proposals: Iterable[Proposal], *, romanised: bool = False
) -> tuple[list[Entry], list[str]]:
    """The register with the proposals merged in, and one message per call an editor should check: a
    change a curated entry would need, or a proposal that could join more than one entry.

    A proposal joins the entry with its id, else the one entry with one of its names (or, with
    `romanised`, one of its names in another romanisation); its own id then stays as an alias of that
    entry, so that the document's pointer resolves. A proposal that could join several entries is
    kept apart, as a new entry, and reported.
    """
    register = {e.id: e for e in entries}
    names = _Names(romanised)
    for e in register.values():
        names.add(e)
    messages: list[str] = []
    for p in proposals:
        if p.id in register:
            ident = register[p.id].same_as or p.id
        else:
            candidates = names.candidates((p.name, *p.variants))
            if len(candidates) > 1:
                messages.append(
                    f"{p.id}: {p.name!r} in {p.document} could be any of {', '.join(candidates)}: "
                    "kept as an entry of its own for an editor to decide"
                )
            if len(candidates) != 1:
                register[p.id] = Entry(
                    id=p.id,
                    name=p.name,
                    variants=p.variants,
                    titles=p.titles,
                    title_sources=tuple((t, p.document) for t in p.titles),
                    attested=(p.document,),
                    geonames=p.geonames,
                    iso=p.iso,
                    latitude=p.latitude,
                    longitude=p.longitude,
                    kind=p.kind,
                    within=p.within,
                )
                names.add(register[p.id])
                continue
            ident = candidates[0]
            register[p.id] = Entry(id=p.id, name=p.name, same_as=ident)
        entry = register[ident]
        new_forms = tuple(
            f
            for f in (p.name, *p.variants)
            if f.casefold() not in {x.casefold() for x in (entry.name, *entry.variants)}
        )
        new_titles = tuple(t for t in p.titles if t not in entry.titles)
        if not entry.proposed:
            if new_forms or new_titles or p.document not in entry.attested:
                messages.append(
                    f"{entry.id} (curated): {p.document} adds "
                    f"{', '.join(repr(x) for x in (*new_forms, *new_titles)) or 'an attestation'}"
                )
            continue
        register[ident] = entry.model_copy(
            update={
                "variants": entry.variants + new_forms,
                "titles": entry.titles + new_titles,
                "title_sources": entry.title_sources
                + tuple((t, p.document) for t in p.titles if (t, p.document) not in entry.title_sources),
                "attested": tuple(sorted({*entry.attested, p.document})),
                "kind": entry.kind or p.kind,
                "within": entry.within or p.within,
            }
        )
        names.add(register[ident])
    return sorted(register.values(), key=lambda e: e.id), messages


def freeze(entries: Sequence[Entry]) -> list[Entry]:
    """`entries` with every entry listed inside a curated one curated too: an editor's entry is kept
    whole, with what it holds."""
    by_id = {e.id: e for e in entries}

    def in_curated(entry: Entry) -> bool:
        seen: set[str] = set()
        parent = by_id.get(entry.within or "")
        while parent is not None and parent.id not in seen:
            if not parent.proposed:
                return True
            seen.add(parent.id)
            parent = by_id.get(parent.within or "")
        return False

    return [e.model_copy(update={"proposed": False}) if e.proposed and in_curated(e) else e for e in entries]


class _Names:
    """Which entries bear a name (in lower case), and, for persons, a name's romanisation keys."""

    def __init__(self, romanised: bool) -> None:
        self.romanised = romanised
        self.forms: dict[str, set[str]] = {}
        self.keys: dict[str, set[str]] = {}

    def add(self, entry: Entry) -> None:
        if entry.same_as is not None:
            return  # an alias stands for its entry and is never joined itself
        for form in (entry.name, *entry.variants):
            self.forms.setdefault(form.casefold(), set()).add(entry.id)
            for key in romanisation.keys(form) if self.romanised else ():
                self.keys.setdefault(key, set()).add(entry.id)

    def candidates(self, forms: Iterable[str]) -> list[str]:
        """The entries with one of `forms`, else those with one of them in another romanisation."""
        forms = tuple(forms)
        exact = set().union(*(self.forms.get(f.casefold(), set()) for f in forms))
        if exact or not self.romanised:
            return sorted(exact)
        return sorted(set().union(*(self.keys.get(k, set()) for f in forms for k in romanisation.keys(f))))
